//! Entity recognition (work in progress).
