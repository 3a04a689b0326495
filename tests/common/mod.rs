//! Shared helpers of the GUI tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use dossier::gui::command::Command;
use dossier::gui::state::Prefs;
use dossier::gui::{Backend, DossierApp};
use egui_kittest::Harness;

/// A new folder for the dossier files of one harness (all under one temporary folder of the
/// test process).
pub fn dossier_dir() -> PathBuf {
    static ROOT: OnceLock<tempfile::TempDir> = OnceLock::new();
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let root = ROOT.get_or_init(|| tempfile::tempdir().expect("temp dir"));
    let dir = root
        .path()
        .join(format!("h{}", NEXT.fetch_add(1, Ordering::Relaxed)));
    std::fs::create_dir_all(&dir).expect("dossier dir");
    dir
}

pub fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets/samples")
        .join(name)
}

pub fn samples() -> Vec<PathBuf> {
    [
        "01-kabel-beschaedigt.txt",
        "02-cable-investigation.txt",
        "03-vogt-bruessel.txt",
        "04-anchor-found.txt",
        "05-reparatur.txt",
    ]
    .map(sample)
    .to_vec()
}

/// The real app on the real pipeline, new dossiers in a folder of its own.
pub fn harness(prefs: Prefs) -> Harness<'static, DossierApp> {
    let dir = dossier_dir();
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(64)
        .build_eframe(move |cc| {
            DossierApp::with_prefs(
                cc.egui_ctx.clone(),
                Arc::new(Backend::in_dir(dir)),
                Vec::new(),
                prefs,
            )
        })
}

/// Steps until the background job is done (giving up after two minutes: a hang, not a
/// slow machine).
pub fn settle(h: &mut Harness<'static, DossierApp>) {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(120) {
        h.step();
        if !h.state().is_busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(!h.state().is_busy(), "loading did not finish");
    h.run_steps(3);
}

/// Opens `paths` the way the file dialog does (its result becomes `OpenFiles`).
pub fn open(h: &mut Harness<'static, DossierApp>, paths: Vec<PathBuf>) {
    h.state_mut().push(Command::OpenFiles(paths));
    settle(h);
}
