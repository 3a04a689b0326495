//! The articles panel: the open documents.

use super::View;
use crate::gui::command::{Command, Commands};
use crate::gui::state::Item;
use crate::model::DocId;

/// State of the articles panel.
#[derive(Default)]
pub struct ArticlesPanel {
    /// Article to bring into view on the next frame.
    pub scroll_to: Option<DocId>,
    /// Articles marked for a bulk action (Ctrl+click).
    pub marked: std::collections::BTreeSet<DocId>,
}

const ROW_HEIGHT: f32 = 40.0;

impl ArticlesPanel {
    /// Draws the list (only the visible rows).
    pub fn show(&mut self, ui: &mut egui::Ui, view: &View<'_>, cmds: &mut Commands) {
        let docs = &view.dossier.documents;
        ui.horizontal(|ui| {
            ui.strong(format!("Articles ({})", docs.len()));
        });
        let mut area = egui::ScrollArea::vertical()
            .id_salt("articles")
            .auto_shrink(false);
        if let Some(i) = self
            .scroll_to
            .take()
            .and_then(|d| view.dossier.doc_index(d))
        {
            let spacing = ui.spacing().item_spacing.y;
            area = area.vertical_scroll_offset(((ROW_HEIGHT + spacing) * i as f32 - 40.0).max(0.0));
        }
        area.show_rows(ui, ROW_HEIGHT, docs.len(), |ui, range| {
            for i in range {
                let doc = &docs[i];
                let current = view.location.doc == Some(doc.id);
                let marked = self.marked.contains(&doc.id);
                let date = doc
                    .dct
                    .map(|d| d.date.format("%d.%m.%Y").to_string())
                    .unwrap_or_else(|| "no date".into());
                let title = if doc.title.is_empty() {
                    doc.path
                        .as_ref()
                        .and_then(|p| p.file_name())
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| format!("Article {}", doc.id))
                } else {
                    doc.title.clone()
                };
                let (rect, response) = ui.allocate_exact_size(
                    egui::vec2(ui.available_width(), ROW_HEIGHT),
                    egui::Sense::click(),
                );
                response.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::ListBoxOption, true, current, &title)
                });
                let visuals = ui.visuals();
                if current || marked {
                    ui.painter()
                        .rect_filled(rect, 4.0, visuals.selection.bg_fill);
                }
                if marked {
                    ui.painter().rect_stroke(
                        rect,
                        4.0,
                        visuals.selection.stroke,
                        egui::StrokeKind::Inside,
                    );
                } else if response.hovered() {
                    ui.painter()
                        .rect_filled(rect, 4.0, visuals.widgets.hovered.weak_bg_fill);
                }
                let inner = rect.shrink2(egui::vec2(6.0, 3.0));
                let line1 = one_line(ui, &title, 14.0, visuals.strong_text_color(), inner.width());
                let line2 = one_line(
                    ui,
                    &format!(
                        "{} · {date} · {} entities",
                        doc.language.code(),
                        view.index.entity_count(i)
                    ),
                    12.0,
                    visuals.weak_text_color(),
                    inner.width(),
                );
                let text_color = visuals.text_color();
                ui.painter().galley(inner.min, line1, text_color);
                ui.painter()
                    .galley(inner.min + egui::vec2(0.0, 19.0), line2, text_color);
                let response = response.on_hover_text(&doc.title);
                if response.clicked() {
                    if ui.input(|i| i.modifiers.command) {
                        cmds.push(Command::ToggleMark(doc.id));
                    } else {
                        cmds.push(Command::ClearMarks);
                        cmds.push(Command::Select(Item::Document(doc.id)));
                    }
                }
                let marks = self.marked.clone();
                response.context_menu(|ui| {
                    let bulk = marks.len() > 1 && marks.contains(&doc.id);
                    let label = if bulk {
                        format!("Remove {} marked articles…", marks.len())
                    } else {
                        "Remove article…".to_string()
                    };
                    if ui
                        .add_enabled(!view.busy, egui::Button::new(label))
                        .clicked()
                    {
                        cmds.push(Command::AskRemove(if bulk {
                            marks.iter().copied().collect()
                        } else {
                            vec![doc.id]
                        }));
                    }
                });
            }
        });
    }
}

/// `text` laid out on one line, cut with "…" at `width`.
pub fn one_line(
    ui: &egui::Ui,
    text: &str,
    size: f32,
    color: egui::Color32,
    width: f32,
) -> std::sync::Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::simple_singleline(
        text.to_string(),
        egui::FontId::proportional(size),
        color,
    );
    job.wrap = egui::text::TextWrapping::truncate_at_width(width);
    ui.painter().layout_job(job)
}
