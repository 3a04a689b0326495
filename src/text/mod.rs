//! Tokenisation and sentence splitting for German and English.
