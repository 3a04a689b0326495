//! The desktop viewer.
