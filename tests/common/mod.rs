//! Shared helpers of the GUI tests.
#![allow(dead_code)]

pub mod fixture;

use std::path::PathBuf;
use std::sync::Arc;

use dossier::gui::DossierApp;
use dossier::gui::command::Command;
use dossier::gui::state::Prefs;
use egui_kittest::Harness;

use fixture::FixtureLoader;

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

pub fn harness(prefs: Prefs) -> Harness<'static, DossierApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(64)
        .build_eframe(move |cc| {
            DossierApp::with_prefs(
                cc.egui_ctx.clone(),
                Arc::new(FixtureLoader),
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
