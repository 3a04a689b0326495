//! The sample dossier shown on the welcome page: short original articles (German and English)
//! about one fictional story, embedded in the binary.

/// `(file name, content)` of every sample article, in reading order.
pub const SAMPLES: &[(&str, &str)] = &[
    (
        "01-kabel-beschaedigt.txt",
        include_str!("../../assets/samples/01-kabel-beschaedigt.txt"),
    ),
    (
        "02-cable-investigation.txt",
        include_str!("../../assets/samples/02-cable-investigation.txt"),
    ),
    (
        "03-vogt-bruessel.txt",
        include_str!("../../assets/samples/03-vogt-bruessel.txt"),
    ),
    (
        "04-anchor-found.txt",
        include_str!("../../assets/samples/04-anchor-found.txt"),
    ),
    (
        "05-reparatur.txt",
        include_str!("../../assets/samples/05-reparatur.txt"),
    ),
];

/// The pseudo-directory the samples appear under (they are not on disk).
pub const SAMPLE_DIR: &str = "<sample>";
