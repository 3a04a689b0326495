//! Recognition (work in progress).
