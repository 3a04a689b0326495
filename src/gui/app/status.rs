//! The status bar (progress of the running job, counts, the last correction) and the
//! notifications shown over the window.

use super::DossierApp;
use crate::gui::command::Command;
use crate::gui::state::Level;

impl DossierApp {
    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            if let Some(job) = &self.job {
                let (done, total) = job.progress.counts();
                ui.add(
                    egui::ProgressBar::new(job.progress.fraction())
                        .desired_width(260.0)
                        .text(format!("{} {done}/{total}", self.job_label)),
                );
                ui.weak(job.progress.current());
                if ui.button("Cancel").clicked() {
                    self.commands.push(Command::CancelLoad);
                }
            } else {
                use super::rows::count_noun;
                ui.weak(format!(
                    "{} · {} · {}",
                    count_noun(self.dossier.documents.len(), "article", "articles"),
                    count_noun(self.dossier.entities().len(), "entity", "entities"),
                    count_noun(self.dossier.events.len(), "event", "events")
                ));
                if let Some(status) = &self.status {
                    ui.separator();
                    ui.label(status);
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .selectable_label(self.prefs.show_log, format!("Log ({})", self.log.len()))
                    .clicked()
                {
                    self.commands.push(Command::ToggleLog);
                }
            });
        });
    }
    pub(super) fn notifications_overlay(&mut self, ctx: &egui::Context) {
        if self.notifications.is_empty() {
            return;
        }
        egui::Area::new(egui::Id::unique("notifications"))
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -36.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                ui.set_max_width(420.0);
                for n in &self.notifications {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.horizontal(|ui| {
                            let color = match n.level {
                                Level::Error => ui.visuals().error_fg_color,
                                Level::Info => ui.visuals().text_color(),
                            };
                            if ui.small_button("×").on_hover_text("Dismiss").clicked() {
                                self.commands.push(Command::Dismiss(n.id));
                            }
                            ui.add(
                                egui::Label::new(egui::RichText::new(&n.text).color(color)).wrap(),
                            );
                        });
                    });
                }
            });
    }
}
