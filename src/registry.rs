//! The dossier-wide entity registry.
