//! Renders the viewer with an article open and an entity selected, headless (wgpu; Mesa's
//! lavapipe where there is no GPU), and writes a PNG — the screenshot in the README:
//!
//! `cargo run --example screenshot -- ../shared/articles/nordkorea-russland.txt 2024-11-19 "Wladimir Putin" docs/screenshot.png`

use std::path::PathBuf;
use std::sync::Arc;

use dossier::gui::Backend;
use dossier::gui::DossierApp;
use dossier::gui::command::Command;
use dossier::gui::state::Prefs;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn settle(h: &mut Harness<'static, DossierApp>) {
    for _ in 0..2000 {
        h.step();
        if !h.state().is_busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run_steps(5);
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: screenshot ARTICLE DATE ENTITY OUT.png";
    let article = PathBuf::from(args.next().ok_or(usage)?);
    let date: chrono::NaiveDate = args.next().ok_or(usage)?.parse()?;
    let entity = args.next().ok_or(usage)?;
    let out = PathBuf::from(args.next().ok_or(usage)?);

    let dossiers = tempfile::tempdir()?;
    let loader = Backend::in_dir(dossiers.path());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .with_max_steps(64)
        .build_eframe(move |cc| {
            DossierApp::with_prefs(
                cc.egui_ctx.clone(),
                Arc::new(loader),
                Vec::new(),
                Prefs::default(),
            )
        });
    h.state_mut().push(Command::OpenFiles(vec![article]));
    settle(&mut h);
    let doc = h
        .state()
        .dossier()
        .documents
        .first()
        .map(|d| d.id)
        .ok_or("the article did not open")?;
    h.state_mut()
        .push(Command::Edit(dossier::gui::command::Edit::SetDct {
            docs: vec![doc],
            date: Some(date),
        }));
    settle(&mut h);
    h.get_by_role_and_label(Role::Button, &entity).click();
    h.run_steps(5);
    let image = h.render()?;
    image.save(&out)?;
    println!("wrote {}", out.display());
    Ok(())
}
