//! Frame-time benchmark of the viewer: 200 articles (the sample dossier repeated) with an
//! entity selected, measured headless with egui_kittest (CPU time of `Harness::step`, no
//! rendering). Run in release:
//! `cargo run --release --example gui_frame_bench`.

#[path = "../tests/common/fixture.rs"]
mod fixture;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use dossier::analysis::Dossier;
use dossier::gui::command::Command;
use dossier::gui::state::{Item, Prefs};
use dossier::gui::{DossierApp, Loader};
use egui_kittest::Harness;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let loader = fixture::FixtureLoader;
    let samples =
        std::fs::read_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples"))
            .expect("samples")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect::<Vec<_>>();
    let mut dossier = Dossier::default();
    for i in 0..200 {
        let path = &samples[i % samples.len()];
        let mut docs = loader.read(path, None).expect("read");
        for mut d in docs.drain(..) {
            d.path = Some(PathBuf::from(format!("copy-{i}-{}", path.display())));
            loader.add(&mut dossier, d).expect("add");
        }
    }
    loader.finish(&mut dossier);
    let entity = dossier
        .entities
        .iter()
        .find(|e| e.name == "Helena Vogt")
        .map(|e| e.id)
        .expect("entity");
    println!(
        "{} articles, {} entities, {} events",
        dossier.documents.len(),
        dossier.entities.len(),
        dossier.events.len()
    );
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(10_000)
        .build_eframe(move |cc| {
            DossierApp::with_prefs(
                cc.egui_ctx.clone(),
                Arc::new(fixture::FixtureLoader),
                Vec::new(),
                Prefs::default(),
            )
        });
    h.state_mut().load_dossier(dossier);
    h.state_mut().push(Command::Select(Item::Entity(entity)));
    for _ in 0..5 {
        h.step();
    }
    let idle: Vec<Duration> = (0..200)
        .map(|_| {
            let t = Instant::now();
            h.step();
            t.elapsed()
        })
        .collect();
    h.hover_at(egui::pos2(650.0, 300.0));
    let scrolling: Vec<Duration> = (0..200)
        .map(|_| {
            h.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, -40.0),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Unknown,
                modifiers: egui::Modifiers::NONE,
            });
            let t = Instant::now();
            h.step();
            t.elapsed()
        })
        .collect();
    println!("median frame without input: {:?}", median(idle));
    println!("median frame while scrolling: {:?}", median(scrolling));
}
