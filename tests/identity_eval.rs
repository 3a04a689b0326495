//! Cross-article identity on the bilingual fixture articles (`tests/fixtures/identity/`): the
//! same person, place or organisation named in German and English articles, with spelling
//! variants, exonyms, acronyms and inflections, must be one dossier entity; different entities
//! must stay apart. Scored in memory (`Dossier`) and through a real dossier file (`Store`).

use std::path::{Path, PathBuf};

use dossier::analysis::Analyzer;
use dossier::dev::identity_eval::{IdentityScores, evaluate_dir, file_name, load_dir, score};
use dossier::store::{ImportOptions, Store};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/identity")
}

/// Minimum figures. Measured with `dossier eval identity`: pairwise P 1.000 R 0.994, B-cubed
/// F1 0.994 (before the cross-language registry rules: P 0.984 R 0.706, B-cubed F1 0.862).
const MIN_PAIRWISE_PRECISION: f64 = 0.97;
const MIN_PAIRWISE_RECALL: f64 = 0.93;
const MIN_B3_F1: f64 = 0.94;

fn check(label: &str, s: &IdentityScores) {
    let report = format!("{label}:\n{s}{}", s.errors());
    assert!(s.precision() >= MIN_PAIRWISE_PRECISION, "{report}");
    assert!(s.recall() >= MIN_PAIRWISE_RECALL, "{report}");
    assert!(s.b3_f1() >= MIN_B3_F1, "{report}");
}

#[test]
fn bilingual_articles_name_one_entity_per_real_entity() {
    let s = evaluate_dir(&fixtures()).expect("evaluate");
    assert!(s.items.len() > 120, "gold items: {}", s.items.len());
    check("dossier", &s);
    // Names that must stay apart: the two Kims of the fixtures.
    let entity_of = |surface: &str, doc: &str| {
        s.items
            .iter()
            .find(|i| i.surface == surface && i.doc.starts_with(doc))
            .and_then(|i| i.predicted)
    };
    let kju = entity_of("Kim Jong Un", "en-05").expect("Kim Jong Un found");
    let kth = entity_of("Kim Tae-hoon", "en-05").expect("Kim Tae-hoon found");
    assert_ne!(kju, kth);
    assert_eq!(entity_of("Kim Jong-un", "en-03"), Some(kju));
}

#[test]
fn a_dossier_file_joins_the_same_entities() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("identity.dossier");
    let (paths, gold) = load_dir(&fixtures()).expect("fixtures");
    let analyzer = Analyzer::new().expect("analyzer");
    let mut store = Store::create(&file).expect("create");
    let opts = ImportOptions {
        workers: 1,
        ..ImportOptions::default()
    };
    let report = store
        .import_paths(&paths, &analyzer, &opts, &mut |_| {})
        .expect("import");
    assert_eq!(report.added.len(), paths.len());
    drop(store);
    let store = Store::open(&file).expect("reopen");
    let dossier = store.dossier().expect("dossier");
    let names: Vec<String> = dossier
        .documents
        .iter()
        .map(|d| d.path.as_deref().map(file_name).unwrap_or_default())
        .collect();
    check("store", &score(&dossier, &names, &gold));
}
