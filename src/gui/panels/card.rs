//! The entity card: everything about the selected entity (or event), each item clickable.

use std::cell::RefCell;
use std::collections::HashMap;

use super::View;
use crate::gui::command::{Command, Commands};
use crate::gui::rows::{self, Kwic};
use crate::gui::state::Item;
use crate::gui::theme;
use crate::model::{DocId, EntityId, EventId};

struct CardData {
    key: (u64, EntityId),
    per_doc: Vec<(DocId, usize)>,
    /// Every mention as `(doc, index)`; the context of a row is read when it is first shown.
    kwic: Vec<(DocId, crate::model::Span)>,
    kwic_rows: RefCell<HashMap<usize, Option<Kwic>>>,
    co: Vec<(EntityId, usize)>,
    events: Vec<EventId>,
}

/// State of the entity card.
#[derive(Default)]
pub struct CardPanel {
    data: Option<CardData>,
}

impl CardPanel {
    /// Draws the card.
    pub fn show(&mut self, ui: &mut egui::Ui, view: &View<'_>, cmds: &mut Commands) {
        let dark = ui.visuals().dark_mode;
        if let Some(ev) = view.location.event() {
            show_event(ui, view, ev, cmds);
            return;
        }
        let Some(entity_id) = view.entity else {
            ui.add_space(8.0);
            ui.weak("Select an entity in the text or the list to see its card.");
            return;
        };
        let Some(entity) = view.dossier.entity(entity_id) else {
            return;
        };
        let key = (view.generation, entity_id);
        if self.data.as_ref().is_none_or(|d| d.key != key) {
            self.data = Some(CardData {
                key,
                per_doc: view.index.per_doc(view.dossier, entity_id),
                kwic: rows::kwic_refs(view.index, entity_id),
                kwic_rows: RefCell::default(),
                co: rows::cooccurring(view.dossier, entity_id),
                events: rows::events_of(view.dossier, entity_id),
            });
        }
        let Some(data) = self.data.as_ref() else {
            return;
        };
        ui.horizontal(|ui| {
            ui.heading(&entity.name);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.menu_button("Correct", |ui| {
                    super::entity_menu(ui, view, entity_id, cmds);
                })
                .response
                .on_hover_text("Rename, change the type, merge, split an alias, reject");
            });
        });
        ui.colored_label(
            theme::type_strong(entity.entity_type, dark),
            format!(
                "{} ({}) · {}",
                theme::type_name(entity.entity_type),
                entity.entity_type,
                crate::gui::rows::count_noun(view.index.total(entity_id), "mention", "mentions")
            ),
        );
        if !entity.aliases.is_empty() {
            ui.label(format!("Also: {}", entity.aliases.join(", ")));
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("card")
            .auto_shrink(false)
            .show(ui, |ui| {
                egui::CollapsingHeader::new(format!("Articles ({})", data.per_doc.len()))
                    .id_salt("card-articles")
                    .default_open(true)
                    .show(ui, |ui| {
                        visible_rows(ui, "card-articles-rows", data.per_doc.len(), |ui, range| {
                            for (doc, n) in &data.per_doc[range] {
                                article_row(ui, view, data, *doc, *n, cmds);
                            }
                        });
                    });
                egui::CollapsingHeader::new(format!("In context ({})", data.kwic.len()))
                    .id_salt("card-kwic")
                    .default_open(true)
                    .show(ui, |ui| {
                        let current = match view.location.item {
                            Some(Item::Mention { doc, span }) => Some((doc, span)),
                            _ => None,
                        };
                        let row_h = 18.0;
                        egui::ScrollArea::vertical()
                            .id_salt("card-kwic-rows")
                            .max_height(240.0)
                            .auto_shrink([false, true])
                            .show_rows(ui, row_h, data.kwic.len(), |ui, range| {
                                let mut memo = data.kwic_rows.borrow_mut();
                                for i in range {
                                    let Some(k) = memo
                                        .entry(i)
                                        .or_insert_with(|| {
                                            let (doc, span) = *data.kwic.get(i)?;
                                            rows::kwic_row(view.dossier, doc, span, 40)
                                        })
                                        .as_ref()
                                    else {
                                        continue;
                                    };
                                    let mut job = egui::text::LayoutJob::default();
                                    let small = egui::FontId::proportional(12.5);
                                    let weak = ui.visuals().weak_text_color();
                                    let strong = ui.visuals().strong_text_color();
                                    job.append(
                                        &format!("…{} ", k.left),
                                        0.0,
                                        egui::TextFormat::simple(small.clone(), weak),
                                    );
                                    let mut kw = egui::TextFormat::simple(small.clone(), strong);
                                    kw.background = theme::type_fill(entity.entity_type, dark);
                                    job.append(&k.keyword, 0.0, kw);
                                    job.append(
                                        &format!(" {}…", k.right),
                                        0.0,
                                        egui::TextFormat::simple(small, weak),
                                    );
                                    job.wrap = egui::text::TextWrapping::truncate_at_width(
                                        ui.available_width(),
                                    );
                                    let r = ui.add(egui::Button::selectable(
                                        current == Some((k.doc, k.span)),
                                        job,
                                    ));
                                    if r.clicked() {
                                        cmds.push(Command::Select(Item::Mention {
                                            doc: k.doc,
                                            span: k.span,
                                        }));
                                    }
                                }
                            });
                    });
                egui::CollapsingHeader::new(format!("Appears with ({})", data.co.len()))
                    .id_salt("card-co")
                    .default_open(true)
                    .show(ui, |ui| {
                        ui.horizontal_wrapped(|ui| {
                            for (other, n) in data.co.iter().take(60) {
                                let Some(e) = view.dossier.entity(*other) else {
                                    continue;
                                };
                                let r = ui
                                    .add(egui::Button::new(
                                        egui::RichText::new(format!("{} ({n})", e.name))
                                            .color(theme::type_strong(e.entity_type, dark)),
                                    ))
                                    .on_hover_text(format!("{n} shared sentences"));
                                if r.clicked() {
                                    cmds.push(Command::Select(Item::Entity(*other)));
                                }
                            }
                        });
                    });
                egui::CollapsingHeader::new(format!("Events ({})", data.events.len()))
                    .id_salt("card-events")
                    .default_open(true)
                    .show(ui, |ui| {
                        visible_rows(ui, "card-events-rows", data.events.len(), |ui, range| {
                            for ev in &data.events[range] {
                                let Some(e) = view.dossier.event(*ev) else {
                                    continue;
                                };
                                let label =
                                    format!("{} · {}", super::timeline::date_text(e), e.label);
                                let r = ui.add(egui::Button::selectable(false, label).truncate());
                                if r.clicked() {
                                    cmds.push(Command::Select(Item::Event(*ev)));
                                }
                            }
                        });
                    });
            });
    }
}

/// A scrolling list of `n` one-line rows that draws only the rows on screen (an entity can be
/// in every article).
fn visible_rows(
    ui: &mut egui::Ui,
    salt: &str,
    n: usize,
    add_rows: impl FnOnce(&mut egui::Ui, std::ops::Range<usize>),
) {
    let row_h = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt(salt)
        .max_height(200.0)
        .auto_shrink([false, true])
        .show_rows(ui, row_h, n, add_rows);
}

fn show_event(ui: &mut egui::Ui, view: &View<'_>, ev: EventId, cmds: &mut Commands) {
    let dark = ui.visuals().dark_mode;
    let Some(e) = view.dossier.event(ev) else {
        return;
    };
    ui.heading(&e.label);
    ui.label(super::timeline::date_text(e));
    ui.separator();
    ui.strong("Taking part");
    ui.horizontal_wrapped(|ui| {
        for id in &e.entities {
            if let Some(ent) = view.dossier.entity(*id) {
                let r = ui.add(egui::Button::new(
                    egui::RichText::new(&ent.name).color(theme::type_strong(ent.entity_type, dark)),
                ));
                if r.clicked() {
                    cmds.push(Command::Select(Item::Entity(*id)));
                }
            }
        }
    });
    ui.strong("Reported in");
    for s in &e.sources {
        if let (Some((d, _)), Some(body)) = (view.dossier.document(s.doc), view.dossier.text(s.doc))
        {
            let quote: String = s.span.slice(&body).chars().take(140).collect();
            ui.label(egui::RichText::new(&d.title).strong());
            ui.weak(format!("“{quote}”"));
            if ui.small_button("Show in article").clicked() {
                // Show that article first: the event then keeps it as its source.
                cmds.push(Command::Select(Item::Document(s.doc)));
                cmds.push(Command::Select(Item::Event(ev)));
            }
        }
    }
}

/// One article of the card's list: mentions there, the title; a click opens the article at the
/// entity's first mention.
fn article_row(
    ui: &mut egui::Ui,
    view: &View<'_>,
    data: &CardData,
    doc: DocId,
    n: usize,
    cmds: &mut Commands,
) {
    let title = view
        .dossier
        .document(doc)
        .map(|(d, _)| d.title.as_str())
        .unwrap_or("");
    ui.horizontal(|ui| {
        ui.weak(format!("{n:>3}×"));
        let r = ui.add(egui::Button::selectable(view.location.doc == Some(doc), title).truncate());
        if r.clicked() {
            let first = data.kwic.iter().find(|k| k.0 == doc);
            cmds.push(Command::Select(match first {
                Some(&(_, span)) => Item::Mention { doc, span },
                None => Item::Document(doc),
            }));
        }
    });
}
