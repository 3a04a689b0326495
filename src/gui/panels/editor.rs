//! The correction dialog: asks for what a correction needs — a new name for an entity, another
//! entity (to merge into, for marked text to mention, for one mention to belong to) or a new
//! one — and shows the reach of the wide corrections before they happen (removing articles,
//! merging, "not an entity" everywhere).

use std::collections::BTreeSet;

use super::View;
use crate::gui::command::{Command, Commands, Edit, Editor, MentionTarget};
use crate::gui::rows::{DossierIndex, count_noun};
use crate::gui::theme;
use crate::model::{DocId, EntityId, EntityType};
use crate::registry::name_key;

/// State of the correction dialog.
#[derive(Debug, Default)]
pub struct EditorPanel {
    /// The open dialog.
    pub open: Option<Editor>,
    /// The name typed (rename) or the filter (choosing an entity).
    pub text: String,
    focus: bool,
    matches: EntityMatches,
    /// The type chosen for a new entity.
    new_type: Option<EntityType>,
    /// The name typed for a new entity, once the user typed one.
    new_name: String,
    new_name_set: bool,
}

/// At most this many entities are listed to choose from.
const CHOICES: usize = 12;

impl EditorPanel {
    /// Opens a dialog (replacing any open one).
    pub fn open(&mut self, editor: Editor, dossier: &crate::analysis::Dossier, _: &DossierIndex) {
        self.text = match &editor {
            Editor::Rename(id) => dossier
                .entity(*id)
                .map(|e| e.name.clone())
                .unwrap_or_default(),
            Editor::Reassign { .. } => String::new(),
            _ => String::new(),
        };
        self.new_type = match &editor {
            Editor::Reassign { doc, span } => dossier
                .document(*doc)
                .and_then(|(_, a)| a.mentions.iter().find(|m| m.span == *span))
                .map(|m| m.entity_type),
            _ => None,
        };
        self.new_name.clear();
        self.new_name_set = false;
        self.open = Some(editor);
        self.focus = true;
    }

    /// Draws the dialog, if one is open.
    pub fn show(&mut self, ctx: &egui::Context, view: &View<'_>, cmds: &mut Commands) {
        let Some(editor) = self.open.clone() else {
            return;
        };
        let title = match &editor {
            Editor::Rename(_) => "Rename entity",
            Editor::MergeInto(_) => "Merge into…",
            Editor::MentionOf { .. } => "Mention of…",
            Editor::Reassign { .. } => "This mention is…",
            Editor::ConfirmRemove(docs) if docs.len() == 1 => "Remove article?",
            Editor::ConfirmRemove(_) => "Remove articles?",
            Editor::ConfirmMerge { .. } => "Merge entities?",
            Editor::ConfirmReject(_) => "Not an entity?",
        };
        let mut open = true;
        egui::Window::new(title)
            .id(egui::Id::unique("dossier-editor"))
            .collapsible(false)
            .resizable(false)
            .default_width(340.0)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0))
            .open(&mut open)
            .show(ctx, |ui| match &editor {
                Editor::Rename(id) => self.rename(ui, view, *id, cmds),
                Editor::MergeInto(id) => {
                    let Some(e) = view.dossier.entity(*id) else {
                        return;
                    };
                    ui.label(format!(
                        "“{}” becomes an alias of the entity you choose.",
                        e.name
                    ));
                    if let Some(keep) = self.choose(ui, view, Some(*id)) {
                        cmds.push(Command::OpenEditor(Editor::ConfirmMerge {
                            keep,
                            absorb: *id,
                        }));
                    }
                }
                Editor::Reassign { doc, span } => self.reassign(ui, view, *doc, *span, cmds),
                Editor::ConfirmRemove(docs) => confirm_remove(ui, view, docs, cmds),
                Editor::ConfirmMerge { keep, absorb } => {
                    confirm_merge(ui, view, *keep, *absorb, cmds)
                }
                Editor::ConfirmReject(id) => confirm_reject(ui, view, *id, cmds),
                Editor::MentionOf { doc, span } => {
                    let words = view
                        .dossier
                        .text(*doc)
                        .map(|t| span.slice(&t).to_string())
                        .unwrap_or_default();
                    ui.label(format!("“{words}” mentions:"));
                    if let Some(entity) = self.choose(ui, view, None) {
                        cmds.push(Command::Edit(Edit::AddMention {
                            doc: *doc,
                            span: *span,
                            target: MentionTarget::Existing(entity),
                        }));
                        cmds.push(Command::ClearTextSelection);
                        cmds.push(Command::CloseEditor);
                    }
                }
            });
        if !open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            cmds.push(Command::CloseEditor);
        }
    }

    /// "This mention is… another entity / a new entity / not an entity".
    fn reassign(
        &mut self,
        ui: &mut egui::Ui,
        view: &View<'_>,
        doc: DocId,
        span: crate::model::Span,
        cmds: &mut Commands,
    ) {
        let Some(m) = view
            .dossier
            .document(doc)
            .and_then(|(_, a)| a.mentions.iter().find(|m| m.span == span))
        else {
            ui.weak("The mention is no longer there.");
            return;
        };
        let written = view
            .dossier
            .text(doc)
            .map(|t| span.slice(&t).to_string())
            .unwrap_or_default();
        let now = view
            .dossier
            .entity(m.entity)
            .map_or_else(String::new, |e| e.name.clone());
        ui.label(format!(
            "This “{written}” is linked to “{now}”. Only this one mention changes; the other \
             mentions of “{now}” stay."
        ));
        ui.separator();
        ui.strong("Another entity");
        if let Some(other) = self.choose(ui, view, Some(m.entity)) {
            cmds.push(Command::Edit(Edit::ReassignMention {
                doc,
                span,
                target: MentionTarget::Existing(other),
            }));
            cmds.push(Command::CloseEditor);
        }
        ui.separator();
        ui.strong("A new entity");
        let mut name = if self.new_name_touched() {
            self.new_name.clone()
        } else {
            written.clone()
        };
        let edit = ui.add(
            egui::TextEdit::singleline(&mut name)
                .desired_width(f32::INFINITY)
                .hint_text("Name of the new entity"),
        );
        if edit.changed() {
            self.new_name = name.clone();
            self.new_name_set = true;
        }
        let mut ty = self.new_type.unwrap_or(m.entity_type);
        ui.horizontal(|ui| {
            for t in EntityType::ALL {
                ui.radio_value(&mut ty, t, theme::type_name(t));
            }
        });
        self.new_type = Some(ty);
        ui.horizontal(|ui| {
            let ok = !name.trim().is_empty() && !view.busy;
            if ui
                .add_enabled(
                    ok,
                    egui::Button::new(format!("New {}", theme::type_name(ty))),
                )
                .clicked()
            {
                cmds.push(Command::Edit(Edit::ReassignMention {
                    doc,
                    span,
                    target: MentionTarget::New {
                        name: name.trim().to_string(),
                        entity_type: ty,
                    },
                }));
                cmds.push(Command::CloseEditor);
            }
            if ui
                .add_enabled(
                    !view.busy,
                    egui::Button::new("Not an entity (this mention)"),
                )
                .on_hover_text("Removes only this mention")
                .clicked()
            {
                cmds.push(Command::Edit(Edit::RemoveMention { doc, span }));
                cmds.push(Command::CloseEditor);
            }
            if ui.button("Cancel").clicked() {
                cmds.push(Command::CloseEditor);
            }
        });
    }

    fn new_name_touched(&self) -> bool {
        self.new_name_set
    }

    fn rename(&mut self, ui: &mut egui::Ui, view: &View<'_>, id: EntityId, cmds: &mut Commands) {
        let Some(e) = view.dossier.entity(id) else {
            return;
        };
        ui.label(format!(
            "New name for “{}” (the old one stays an alias):",
            e.name
        ));
        let edit = ui.add(
            egui::TextEdit::singleline(&mut self.text)
                .desired_width(f32::INFINITY)
                .hint_text("Name"),
        );
        if std::mem::take(&mut self.focus) {
            edit.request_focus();
        }
        let name = self.text.trim();
        let valid = !name.is_empty() && name != e.name;
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            let ok = ui.add_enabled(valid && !view.busy, egui::Button::new("Rename"));
            if (ok.clicked() || (enter && valid)) && !view.busy {
                cmds.push(Command::Edit(Edit::Rename {
                    entity: id,
                    name: name.to_string(),
                }));
                cmds.push(Command::CloseEditor);
            }
            if ui.button("Cancel").clicked() {
                cmds.push(Command::CloseEditor);
            }
        });
    }

    /// A filter box and the matching entities (by name or alias); returns the one clicked.
    fn choose(
        &mut self,
        ui: &mut egui::Ui,
        view: &View<'_>,
        except: Option<EntityId>,
    ) -> Option<EntityId> {
        let dark = ui.visuals().dark_mode;
        let edit = ui.add(
            egui::TextEdit::singleline(&mut self.text)
                .desired_width(f32::INFINITY)
                .hint_text("Type to find an entity"),
        );
        if std::mem::take(&mut self.focus) {
            edit.request_focus();
        }
        let matches = self.matches.get(view, &self.text, except, CHOICES).to_vec();
        let mut chosen = None;
        if matches.is_empty() {
            ui.weak("No entity matches.");
        }
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if enter && let Some(first) = matches.first() {
            chosen = Some(*first);
        }
        for id in matches {
            let Some(e) = view.dossier.entity(id) else {
                continue;
            };
            let label = egui::RichText::new(format!(
                "{}  ·  {}",
                e.name,
                theme::type_name(e.entity_type)
            ))
            .color(theme::type_strong(e.entity_type, dark));
            if ui
                .add_enabled(!view.busy, egui::Button::selectable(false, label))
                .clicked()
            {
                chosen = Some(id);
            }
        }
        chosen
    }
}

/// How many mentions an entity has and in how many articles.
fn reach(view: &View<'_>, id: EntityId) -> (usize, usize) {
    let list = view.index.mentions(id);
    let docs: BTreeSet<DocId> = list.iter().map(|(d, _)| *d).collect();
    (list.len(), docs.len())
}

/// "12 mentions in 4 articles".
fn reach_text(view: &View<'_>, id: EntityId) -> String {
    let (n, docs) = reach(view, id);
    format!(
        "{} in {}",
        count_noun(n, "mention", "mentions"),
        count_noun(docs, "article", "articles")
    )
}

/// A row naming an entity with its type and reach.
fn entity_line(ui: &mut egui::Ui, view: &View<'_>, id: EntityId) {
    let Some(e) = view.dossier.entity(id) else {
        return;
    };
    let dark = ui.visuals().dark_mode;
    ui.horizontal_wrapped(|ui| {
        ui.label(
            egui::RichText::new(&e.name)
                .strong()
                .color(theme::type_strong(e.entity_type, dark)),
        );
        ui.weak(format!(
            "{} · {}",
            theme::type_name(e.entity_type),
            reach_text(view, id)
        ));
    });
}

/// True when the entity is named in more than one article: a "not an entity" everywhere then
/// asks first.
pub fn reject_is_wide(view: &View<'_>, id: EntityId) -> bool {
    reach(view, id).1 > 1
}

/// The articles about to be removed and what goes with them.
fn confirm_remove(ui: &mut egui::Ui, view: &View<'_>, docs: &[DocId], cmds: &mut Commands) {
    let removed: BTreeSet<DocId> = docs.iter().copied().collect();
    for doc in docs.iter().take(5) {
        let title = view
            .dossier
            .document(*doc)
            .map_or_else(|| doc.to_string(), |(d, _)| d.title.clone());
        ui.label(egui::RichText::new(format!("“{title}”")).strong());
    }
    if docs.len() > 5 {
        ui.weak(format!("and {} more", docs.len() - 5));
    }
    let mut mentions = 0;
    let mut here: BTreeSet<EntityId> = BTreeSet::new();
    for doc in docs {
        if let Some((_, a)) = view.dossier.document(*doc) {
            mentions += a.mentions.len();
            here.extend(a.mentions.iter().map(|m| m.entity));
        }
    }
    let only: Vec<String> = here
        .iter()
        .filter(|e| {
            view.index
                .mentions(**e)
                .iter()
                .all(|(d, _)| removed.contains(d))
        })
        .filter_map(|e| view.dossier.entity(*e).map(|e| e.name.clone()))
        .collect();
    ui.label(format!(
        "{} go with {}.",
        count_noun(mentions, "mention", "mentions"),
        if docs.len() == 1 { "it" } else { "them" }
    ));
    if only.is_empty() {
        ui.label("Every entity named there appears in other articles too.");
    } else {
        let shown: Vec<&str> = only.iter().take(8).map(String::as_str).collect();
        ui.label(format!(
            "{} only here: {}{}",
            if only.len() == 1 {
                "1 entity appears".to_string()
            } else {
                format!("{} entities appear", only.len())
            },
            shown.join(", "),
            if only.len() > shown.len() {
                ", …"
            } else {
                ""
            }
        ));
    }
    ui.weak("Undo (Ctrl+Z) brings them back with their analysis, date and corrections.");
    ui.horizontal(|ui| {
        let label = if docs.len() == 1 {
            "Remove article".to_string()
        } else {
            format!("Remove {} articles", docs.len())
        };
        if ui
            .add_enabled(!view.busy, egui::Button::new(label))
            .clicked()
        {
            cmds.push(Command::Edit(Edit::RemoveDocuments(docs.to_vec())));
            cmds.push(Command::CloseEditor);
        }
        if ui.button("Cancel").clicked() {
            cmds.push(Command::CloseEditor);
        }
    });
}

/// Both entities of a merge with their counts and articles.
fn confirm_merge(
    ui: &mut egui::Ui,
    view: &View<'_>,
    keep: EntityId,
    absorb: EntityId,
    cmds: &mut Commands,
) {
    let (Some(k), Some(a)) = (view.dossier.entity(keep), view.dossier.entity(absorb)) else {
        ui.weak("One of the entities is no longer there.");
        return;
    };
    ui.label("Stays:");
    entity_line(ui, view, keep);
    ui.label("Is merged into it:");
    entity_line(ui, view, absorb);
    ui.label(format!(
        "“{}” becomes an alias of “{}”; its {} move.",
        a.name,
        k.name,
        reach_text(view, absorb)
    ));
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!view.busy, egui::Button::new("Merge"))
            .clicked()
        {
            cmds.push(Command::Edit(Edit::Merge { keep, absorb }));
            cmds.push(Command::CloseEditor);
        }
        if ui.button("Cancel").clicked() {
            cmds.push(Command::CloseEditor);
        }
    });
}

/// What "not an entity" everywhere hides.
fn confirm_reject(ui: &mut egui::Ui, view: &View<'_>, id: EntityId, cmds: &mut Commands) {
    let Some(e) = view.dossier.entity(id) else {
        ui.weak("The entity is no longer there.");
        return;
    };
    ui.label(format!(
        "“{}” is hidden everywhere: {}, and in articles added later.",
        e.name,
        reach_text(view, id)
    ));
    ui.weak("To remove one mention only, right-click it and choose “Remove this mention”.");
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!view.busy, egui::Button::new("Not an entity"))
            .clicked()
        {
            cmds.push(Command::Edit(Edit::Reject { entity: id }));
            cmds.push(Command::CloseEditor);
        }
        if ui.button("Cancel").clicked() {
            cmds.push(Command::CloseEditor);
        }
    });
}

/// [`matching_entities`] remembered for one dossier generation and filter, so that a dialog
/// or window does not scan every entity in every frame.
#[derive(Debug, Default)]
pub struct EntityMatches {
    key: Option<(u64, String, Option<EntityId>)>,
    ids: Vec<EntityId>,
}

impl EntityMatches {
    /// The matches for `filter` (computed when the dossier or the filter changed).
    pub fn get(
        &mut self,
        view: &View<'_>,
        filter: &str,
        except: Option<EntityId>,
        limit: usize,
    ) -> &[EntityId] {
        let key = (view.generation, filter.to_string(), except);
        if self.key.as_ref() != Some(&key) {
            self.ids = matching_entities(view, filter, except, limit);
            self.key = Some(key);
        }
        &self.ids
    }
}

/// Entities whose name or an alias contains `filter` (case-insensitive), those whose name
/// starts with it first, then by mentions; at most `limit`.
pub fn matching_entities(
    view: &View<'_>,
    filter: &str,
    except: Option<EntityId>,
    limit: usize,
) -> Vec<EntityId> {
    let needle = name_key(filter.trim());
    let mut found: Vec<(bool, std::cmp::Reverse<usize>, &str, EntityId)> = view
        .dossier
        .entities()
        .iter()
        .filter(|e| Some(e.id) != except)
        .filter_map(|e| {
            let name = name_key(&e.name);
            let prefix = name.starts_with(&needle);
            let hit = prefix
                || name.contains(&needle)
                || e.aliases.iter().any(|a| name_key(a).contains(&needle));
            hit.then(|| {
                (
                    !prefix,
                    std::cmp::Reverse(view.index.total(e.id)),
                    e.name.as_str(),
                    e.id,
                )
            })
        })
        .collect();
    found.sort();
    found.into_iter().take(limit).map(|(.., id)| id).collect()
}
