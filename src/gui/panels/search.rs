//! Search (Ctrl+F): entities by name and alias, and the full text of every article of the
//! dossier (the dossier file's FTS5 index: words, "phrases", prefix*). Clicking a hit opens the
//! article there.
//!
//! Full-text queries run on a thread named `dossier-search` with its own read-only connection
//! to the dossier file (SQLite lets readers work beside the writer), so typing never waits for
//! an import; only the newest query is answered.

use std::path::PathBuf;

use super::View;
use super::editor::EntityMatches;
use crate::gui::backend::{SEARCH_LIMIT as LIMIT, Searcher, TextResults};
use crate::gui::command::{Command, Commands};
use crate::gui::theme;

/// State of the search window.
#[derive(Default)]
pub struct SearchPanel {
    /// Shown.
    pub open: bool,
    /// The query typed.
    pub query: String,
    focus: bool,
    worker: Option<Searcher>,
    /// The query last sent, with the dossier file and its generation.
    asked: Option<(String, PathBuf, u64)>,
    results: Option<TextResults>,
    entities: EntityMatches,
}

impl SearchPanel {
    /// Opens the window with the keyboard focus in the query.
    pub fn open(&mut self) {
        self.open = true;
        self.focus = true;
    }

    /// The last full-text answer.
    pub fn results(&self) -> Option<&TextResults> {
        self.results.as_ref()
    }

    /// The query, when the window is open and it is long enough to search for.
    pub fn active_query(&self) -> Option<&str> {
        let q = self.query.trim();
        (self.open && q.chars().count() >= 2).then_some(q)
    }

    /// Draws the window (when open) and sends the query when it changed.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        view: &View<'_>,
        dossier_file: Option<&std::path::Path>,
        cmds: &mut Commands,
    ) {
        if !self.open {
            return;
        }
        self.poll();
        self.ask(ctx, view.generation, dossier_file);
        let dark = ctx.global_style().visuals.dark_mode;
        let mut open = true;
        egui::Window::new("Search dossier")
            .id(egui::Id::unique("dossier-search"))
            .default_width(420.0)
            .default_height(480.0)
            .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-16.0, 60.0))
            .open(&mut open)
            .show(ctx, |ui| {
                let edit = ui.add(
                    egui::TextEdit::singleline(&mut self.query)
                        .hint_text("Words, \"a phrase\", prefix*")
                        .desired_width(f32::INFINITY),
                );
                if std::mem::take(&mut self.focus) {
                    edit.request_focus();
                }
                if edit.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    cmds.push(Command::CloseSearch);
                }
                let Some(query) = self.active_query().map(str::to_string) else {
                    ui.weak("Type at least two letters.");
                    return;
                };
                egui::ScrollArea::vertical()
                    .auto_shrink(false)
                    .show(ui, |ui| {
                        let entities = self.entities.get(view, &query, None, LIMIT).to_vec();
                        ui.strong(format!("Entities ({})", entities.len()));
                        ui.horizontal_wrapped(|ui| {
                            for id in entities {
                                let Some(e) = view.dossier.entity(id) else {
                                    continue;
                                };
                                let label = egui::RichText::new(&e.name)
                                    .color(theme::type_strong(e.entity_type, dark));
                                if ui
                                    .button(label)
                                    .on_hover_text(theme::type_name(e.entity_type))
                                    .clicked()
                                {
                                    cmds.push(Command::Select(crate::gui::state::Item::Entity(id)));
                                }
                            }
                        });
                        ui.separator();
                        self.text_hits(ui, view, &query, dossier_file.is_some(), cmds);
                    });
            });
        if !open {
            cmds.push(Command::CloseSearch);
        }
    }

    fn text_hits(
        &self,
        ui: &mut egui::Ui,
        view: &View<'_>,
        query: &str,
        has_file: bool,
        cmds: &mut Commands,
    ) {
        if !has_file {
            ui.weak("Full-text search works on a dossier file; open or create one.");
            return;
        }
        let Some(results) = self.results.as_ref().filter(|r| r.query == query) else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.weak("Searching the articles…");
            });
            return;
        };
        if let Some(error) = &results.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
            return;
        }
        ui.strong(format!(
            "In articles ({}{})",
            results.hits.len(),
            if results.hits.len() >= LIMIT { "+" } else { "" }
        ));
        let weak = ui.visuals().weak_text_color();
        let strong = ui.visuals().strong_text_color();
        let mark = theme::find_fill(ui.visuals().dark_mode);
        for hit in &results.hits {
            if view.dossier.doc_index(hit.doc).is_none() {
                continue;
            }
            let mut job = egui::text::LayoutJob::default();
            let small = egui::FontId::proportional(12.5);
            job.append(
                &hit.title,
                0.0,
                egui::TextFormat::simple(egui::FontId::proportional(13.5), strong),
            );
            job.append("\n", 0.0, egui::TextFormat::simple(small.clone(), weak));
            let s = &hit.snippet;
            let (a, b) = (hit.snippet_span.start, hit.snippet_span.end);
            let part = |from: usize, to: usize| s.get(from..to).unwrap_or("");
            job.append(
                part(0, a),
                0.0,
                egui::TextFormat::simple(small.clone(), weak),
            );
            let mut found = egui::TextFormat::simple(small.clone(), strong);
            found.background = mark;
            job.append(part(a, b), 0.0, found);
            job.append(part(b, s.len()), 0.0, egui::TextFormat::simple(small, weak));
            job.wrap.max_width = ui.available_width();
            if ui.add(egui::Button::selectable(false, job)).clicked() {
                cmds.push(Command::ShowText {
                    doc: hit.doc,
                    span: hit.span,
                });
            }
        }
    }

    fn poll(&mut self) {
        if let Some(worker) = &self.worker {
            match worker.answers() {
                Some(answers) => {
                    if let Some(last) = answers.into_iter().last() {
                        self.results = Some(last);
                    }
                }
                None => self.worker = None,
            }
        }
    }

    /// Sends the query to the search thread when it (or the dossier) changed.
    fn ask(&mut self, ctx: &egui::Context, generation: u64, file: Option<&std::path::Path>) {
        let (Some(query), Some(file)) = (self.active_query().map(str::to_string), file) else {
            return;
        };
        let key = (query.clone(), file.to_path_buf(), generation);
        if self.asked.as_ref() == Some(&key) {
            return;
        }
        if self.worker.is_none() {
            let ctx = ctx.clone();
            self.worker = Searcher::spawn(move || ctx.request_repaint()).ok();
        }
        if let Some(worker) = &self.worker
            && worker.ask(query, file.to_path_buf())
        {
            self.asked = Some(key);
        }
    }
}
