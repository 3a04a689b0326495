//! The welcome view, shown while no article is open.

use std::path::PathBuf;

use crate::gui::command::{Command, Commands, DossierDialog};
use crate::gui::state::Prefs;

/// Draws the welcome view.
pub fn show(ui: &mut egui::Ui, prefs: &Prefs, busy: bool, cmds: &mut Commands) {
    ui.vertical_centered(|ui| {
        ui.add_space((ui.available_height() * 0.15).min(120.0));
        ui.heading(egui::RichText::new("Dossier").size(30.0));
        ui.label("Who and what appears where and when in a collection of news articles.");
        ui.add_space(16.0);
        ui.add_enabled_ui(!busy, |ui| {
            if ui
                .add(egui::Button::new("Open articles…").min_size(egui::vec2(220.0, 32.0)))
                .on_hover_text("Ctrl+O — text, Markdown, HTML, JSON, JSON Lines")
                .clicked()
            {
                cmds.push(Command::ShowOpenDialog);
            }
            if ui
                .add(egui::Button::new("Open dossier…").min_size(egui::vec2(220.0, 32.0)))
                .on_hover_text("A *.dossier file: articles, entities and your corrections")
                .clicked()
            {
                cmds.push(Command::ShowDossierDialog(DossierDialog::Open));
            }
            if ui
                .add(egui::Button::new("Open sample dossier").min_size(egui::vec2(220.0, 32.0)))
                .on_hover_text("Five short German and English articles about one story")
                .clicked()
            {
                cmds.push(Command::OpenSamples);
            }
        });
        ui.add_space(8.0);
        ui.weak("You can also drop files or folders onto this window.");
        if let Some(path) = recent(ui, "Recent dossiers", &prefs.recent_dossiers) {
            cmds.push(Command::OpenDossier(path.clone()));
        }
        if let Some(path) = recent(ui, "Recent files", &prefs.recent) {
            cmds.push(Command::OpenFiles(vec![path.clone()]));
        }
    });
}

/// A titled list of links to `paths` (by file name, the full path on hover); the one clicked.
fn recent<'a>(ui: &mut egui::Ui, title: &str, paths: &'a [PathBuf]) -> Option<&'a PathBuf> {
    if paths.is_empty() {
        return None;
    }
    ui.add_space(20.0);
    ui.strong(title);
    let mut clicked = None;
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        if ui
            .link(name)
            .on_hover_text(path.display().to_string())
            .clicked()
        {
            clicked = Some(path);
        }
    }
    clicked
}
