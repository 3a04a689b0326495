//! Time expressions, their normalisation and the event timeline.
