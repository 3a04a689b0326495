//! The correction dialog: asks for what a correction needs — a new name for an entity, or
//! another entity (to merge into, or for marked text to mention).

use super::View;
use crate::gui::command::{Command, Commands, Edit, Editor, MentionTarget};
use crate::gui::theme;
use crate::model::EntityId;
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
}

/// At most this many entities are listed to choose from.
const CHOICES: usize = 12;

impl EditorPanel {
    /// Opens a dialog (replacing any open one).
    pub fn open(&mut self, editor: Editor, dossier: &crate::analysis::Dossier) {
        self.text = match &editor {
            Editor::Rename(id) => dossier
                .entity(*id)
                .map(|e| e.name.clone())
                .unwrap_or_default(),
            Editor::MergeInto(_) | Editor::MentionOf { .. } => String::new(),
        };
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
                        cmds.push(Command::Edit(Edit::Merge { keep, absorb: *id }));
                        cmds.push(Command::CloseEditor);
                    }
                }
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
