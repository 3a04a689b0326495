//! Reading article files into [`crate::model::Document`]s.
