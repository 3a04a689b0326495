//! Document-level resolution (work in progress).
