//! The text panel: the article with its mentions and time expressions marked.
//!
//! The article is laid out once per (article, selection, theme, width) into one galley per
//! block (title, heading, paragraph); each frame only the visible blocks are drawn.

use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Pos2, Rect, Sense, Stroke, Vec2};

use super::{View, swatch};
use crate::gui::command::{Command, Commands};
use crate::gui::rows::{self, Block, BlockKind, Emphasis};
use crate::gui::state::Item;
use crate::gui::theme;
use crate::model::{DocId, EntityId, EntityType, Span};

/// What the text panel shows: the article's blocks with the marks of the current selection.
/// Rebuilt only when the article, the dossier or the selection changes.
#[derive(Debug, Clone, PartialEq)]
pub struct TextModel {
    /// The article.
    pub doc: DocId,
    /// Dossier generation it was built from.
    pub generation: u64,
    /// Title, headings and paragraphs.
    pub blocks: Vec<Block>,
    /// The selected event's sentence in this article.
    pub target: Option<Span>,
    /// The selected entity.
    pub entity: Option<EntityId>,
    /// The mention in focus.
    pub current: Option<usize>,
    /// The emphasis of every mention of the article (parallel to its mentions).
    pub emphasis: Vec<Emphasis>,
    /// The find text (Ctrl+F) marked in the article.
    pub find: String,
    /// Matches of the find text in the article.
    pub matches: usize,
    /// Text the user selected (to mark it as an entity).
    pub selection: Option<Span>,
    /// Changes whenever the model is rebuilt (cache key of the layout).
    pub version: u64,
}

impl TextModel {
    /// Indices of the mentions drawn as selected (including the one in focus).
    pub fn selected_mentions(&self) -> Vec<usize> {
        self.emphasis
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e, Emphasis::Selected | Emphasis::Current))
            .map(|(i, _)| i)
            .collect()
    }
}

/// What the positions of the laid-out text depend on: the article, the theme and the width.
/// Marks (colours, backgrounds) change without moving text, so a change of selection only
/// lays out again the visible blocks whose marks changed.
#[derive(Debug, Clone, Copy, PartialEq)]
struct LayoutKey {
    doc: DocId,
    generation: u64,
    dark: bool,
    width: u32,
}

struct Layout {
    key: LayoutKey,
    /// The model version the marks were last compared with.
    version: u64,
    galleys: Vec<Arc<Galley>>,
    /// Hash of the marks each galley was laid out with.
    drawn_style: Vec<u64>,
    /// Hash of the marks the model wants now.
    style: Vec<u64>,
    tops: Vec<f32>,
    height: f32,
}

impl Layout {
    fn recompute_tops(&mut self) {
        let mut y = 0.0;
        for (top, galley) in self.tops.iter_mut().zip(&self.galleys) {
            *top = y;
            y += galley.size().y + BLOCK_GAP;
        }
        self.height = y;
    }
}

/// State of the text panel.
#[derive(Default)]
pub struct TextPanel {
    model: Option<TextModel>,
    layout: Option<Layout>,
    /// Byte offset to bring into view on the next frame.
    pub scroll_to: Option<usize>,
    dct_edit: String,
    /// The article and document date the date field was last filled from: the field follows a
    /// date set elsewhere (a command, another article) but keeps what the user is typing.
    dct_synced: Option<(DocId, Option<chrono::NaiveDate>)>,
    version: u64,
    visible: Option<Span>,
    drawn_blocks: usize,
    layouts: u64,
    relaid_blocks: u64,
    /// Text selected by dragging over it: the article and the bytes, snapped to words.
    selection: Option<(DocId, Span)>,
    /// Where the drag started: block and byte.
    drag_anchor: Option<(usize, usize)>,
    /// What was under the pointer when the context menu opened.
    menu_at: Option<MenuTarget>,
    /// Screen position of the text's top left corner last frame, and the visible area.
    origin: Option<(Pos2, Rect)>,
}

/// What a right click in the text was on.
#[derive(Debug, Clone, Copy, PartialEq)]
struct MenuTarget {
    /// The mention under the pointer.
    mention: Option<usize>,
}

const BLOCK_GAP: f32 = 10.0;
const BODY_SIZE: f32 = 15.0;

impl TextPanel {
    /// The model shown last frame.
    pub fn model(&self) -> Option<&TextModel> {
        self.model.as_ref()
    }

    /// The byte range of the article text inside the viewport last frame (from the first
    /// visible character to the last), if any text was visible.
    pub fn visible_text(&self) -> Option<Span> {
        self.visible
    }

    /// The text selected by dragging over it, if any (in the article shown).
    pub fn selection(&self) -> Option<(DocId, Span)> {
        self.selection
    }

    /// Selects text of an article, as a drag over it does (snapped to whole words).
    pub fn select_text(&mut self, doc: DocId, text: &str, span: Span) {
        self.selection = rows::snap_to_words(text, span.start, span.end).map(|s| (doc, s));
    }

    /// Forgets the selected text.
    pub fn clear_selection(&mut self) {
        self.selection = None;
        self.drag_anchor = None;
    }

    /// Where `span` of the article shown was on screen last frame (its first line), if it
    /// was visible.
    pub fn span_rect(&self, text: &str, span: Span) -> Option<Rect> {
        let (origin, clip) = self.origin?;
        let model = self.model.as_ref()?;
        let layout = self.layout.as_ref()?;
        let (i, block) = model.blocks.iter().enumerate().find(|(_, b)| {
            b.kind == BlockKind::Paragraph && b.span.start <= span.start && span.end <= b.span.end
        })?;
        let galley = layout.galleys.get(i)?;
        let top = *layout.tops.get(i)?;
        let chars = |at: usize| text.get(block.span.start..at).map(|t| t.chars().count());
        let a = galley.pos_from_cursor(CCursor::new(chars(span.start)?));
        let b = galley.pos_from_cursor(CCursor::new(chars(span.end)?));
        let min = origin + Vec2::new(a.min.x, top + a.min.y);
        let max = if (a.min.y - b.min.y).abs() < 0.5 {
            origin + Vec2::new(b.min.x, top + a.max.y)
        } else {
            origin + Vec2::new(galley.size().x, top + a.max.y)
        };
        let rect = Rect::from_min_max(min, max);
        clip.contains_rect(rect).then_some(rect)
    }

    /// How many times the article has been laid out (the layout is cached between frames).
    pub fn layouts(&self) -> u64 {
        self.layouts
    }

    /// How many blocks were laid out again because their marks changed (the selection), in
    /// all: only visible blocks are, when they come into view.
    pub fn relaid_blocks(&self) -> u64 {
        self.relaid_blocks
    }

    /// How many blocks (title, headings, paragraphs) were drawn last frame.
    pub fn drawn_blocks(&self) -> usize {
        self.drawn_blocks
    }

    /// Rebuilds the model when its inputs changed (also used without drawing, by tests).
    pub fn update_model(&mut self, view: &View<'_>, find: &str) {
        let Some(doc) = view.location.doc else {
            self.model = None;
            return;
        };
        let (Some((document, analysis)), Some(body)) =
            (view.dossier.document(doc), view.dossier.text(doc))
        else {
            self.model = None;
            return;
        };
        let target = view.location.event().and_then(|ev| {
            let event = view.dossier.event(ev)?;
            let source = event.sources.iter().find(|s| s.doc == doc)?;
            Some(rows::sentence_at(analysis, source.span.start, source.span))
        });
        let current = match view.location.item {
            Some(item @ Item::Mention { doc: d, .. }) if d == doc => {
                item.mention(view.dossier).map(|(i, _)| i)
            }
            _ => None,
        };
        let selection = self.selection.filter(|(d, _)| *d == doc).map(|(_, s)| s);
        let fresh = self.model.as_ref().is_some_and(|m| {
            m.doc == doc
                && m.generation == view.generation
                && m.target == target
                && m.entity == view.entity
                && m.current == current
                && m.find == find
                && m.selection == selection
        });
        if fresh {
            return;
        }
        let finds = rows::find_all(&body, find, 10_000);
        let marks = rows::Marks {
            target,
            finds: &finds,
            selection,
        };
        let blocks = rows::blocks(document, &body, analysis, &marks);
        self.version += 1;
        let emphasis = analysis
            .mentions
            .iter()
            .enumerate()
            .map(|(i, m)| rows::emphasis(m, i, view.entity, current))
            .collect();
        self.model = Some(TextModel {
            doc,
            generation: view.generation,
            blocks,
            target,
            entity: view.entity,
            current,
            emphasis,
            find: find.to_string(),
            matches: finds.len(),
            selection,
            version: self.version,
        });
    }

    /// Draws the panel.
    pub fn show(&mut self, ui: &mut egui::Ui, view: &View<'_>, find: &str, cmds: &mut Commands) {
        self.update_model(view, find);
        let Some(model) = self.model.as_ref() else {
            let unreadable = view
                .location
                .doc
                .filter(|d| view.dossier.document(*d).is_some() && view.dossier.text(*d).is_none());
            ui.centered_and_justified(|ui| match unreadable {
                Some(_) => ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!(
                        "The text of this article cannot be read from the dossier file: {}",
                        view.dossier
                            .text_error()
                            .unwrap_or_else(|| "it is not there".into())
                    ),
                ),
                None => ui.weak("Select an article on the left."),
            });
            return;
        };
        let doc = model.doc;
        let (Some((document, analysis)), Some(body)) =
            (view.dossier.document(doc), view.dossier.text(doc))
        else {
            return;
        };
        let body: &str = &body;
        let dark = ui.visuals().dark_mode;

        // Header: legend, mention stepping, metadata, document date.
        ui.horizontal_wrapped(|ui| {
            for ty in EntityType::ALL {
                swatch(ui, theme::type_fill(ty, dark), theme::type_strong(ty, dark));
                ui.label(theme::type_name(ty));
            }
            let (rect, _) = ui.allocate_exact_size(Vec2::new(22.0, 14.0), Sense::hover());
            ui.painter().line_segment(
                [rect.left_bottom(), rect.right_bottom()],
                theme::timex_stroke(dark),
            );
            ui.label("Time");
        });
        if let Some(e) = view.entity {
            ui.horizontal(|ui| {
                let of: Vec<usize> = analysis
                    .mentions
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.entity == e)
                    .map(|(i, _)| i)
                    .collect();
                let pos = model.current.and_then(|c| of.iter().position(|&i| i == c));
                let name = view.dossier.entity(e).map_or("", |e| e.name.as_str());
                if ui
                    .button("‹ Previous")
                    .on_hover_text("Previous mention of the selected entity (P)")
                    .clicked()
                {
                    cmds.push(Command::PrevMention);
                }
                if ui
                    .button("Next ›")
                    .on_hover_text("Next mention of the selected entity (N)")
                    .clicked()
                {
                    cmds.push(Command::NextMention);
                }
                ui.label(egui::RichText::new(name).strong());
                ui.weak(match pos {
                    Some(p) => format!("mention {} of {} in this article", p + 1, of.len()),
                    None => format!(
                        "{} in this article",
                        crate::gui::rows::count_noun(of.len(), "mention", "mentions")
                    ),
                });
            });
        }
        if model.find.trim().chars().count() >= 2 {
            let color = theme::find_fill(dark);
            ui.horizontal(|ui| {
                swatch(ui, color, color);
                ui.label(format!(
                    "{} match{} for “{}” in this article",
                    model.matches,
                    if model.matches == 1 { "" } else { "es" },
                    model.find.trim()
                ));
            });
        }
        egui::CollapsingHeader::new("Details")
            .id_salt("text-details")
            .default_open(true)
            .show(ui, |ui| {
                egui::Grid::new("meta").num_columns(2).show(ui, |ui| {
                    ui.weak("Language");
                    ui.label(document.language.code());
                    ui.end_row();
                    ui.weak("Document date");
                    ui.horizontal(|ui| {
                        let current = (doc, document.dct.map(|d| d.date));
                        if self.dct_synced != Some(current) {
                            self.dct_synced = Some(current);
                            self.dct_edit =
                                document.dct.map(|d| d.date.to_string()).unwrap_or_default();
                        }
                        let edit = ui.add(
                            egui::TextEdit::singleline(&mut self.dct_edit)
                                .hint_text("YYYY-MM-DD")
                                .desired_width(100.0),
                        );
                        let parsed =
                            chrono::NaiveDate::parse_from_str(self.dct_edit.trim(), "%Y-%m-%d");
                        let valid = self.dct_edit.trim().is_empty() || parsed.is_ok();
                        let changed = document.dct.map(|d| d.date) != parsed.ok();
                        let enter =
                            edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                        let set = ui
                            .add_enabled(valid && changed && !view.busy, egui::Button::new("Set"))
                            .on_hover_text(
                                "Set the document date; relative dates are resolved again",
                            );
                        if (set.clicked() || (enter && valid && changed)) && !view.busy {
                            cmds.push(Command::Edit(crate::gui::command::Edit::SetDct {
                                docs: vec![doc],
                                date: parsed.ok(),
                            }));
                        }
                        match document.dct {
                            Some(d) => ui.weak(format!("({})", dct_source(d.source))),
                            None => ui.weak("(none: relative dates stay unresolved)"),
                        };
                        if !valid {
                            ui.colored_label(ui.visuals().error_fg_color, "not a date");
                        }
                    });
                    ui.end_row();
                    if let Some(path) = &document.path {
                        ui.weak("File");
                        ui.label(path.display().to_string());
                        ui.end_row();
                    }
                    for (k, v) in &document.metadata {
                        ui.weak(k);
                        ui.label(v);
                        ui.end_row();
                    }
                });
            });
        ui.separator();

        // Body.
        let width = (ui.available_width() - 18.0).max(120.0);
        let key = LayoutKey {
            doc,
            generation: model.generation,
            dark,
            width: width.round() as u32,
        };
        match self.layout.as_mut() {
            Some(layout) if layout.key == key && layout.blocks_match(model) => {
                if layout.version != model.version {
                    layout.style = model.blocks.iter().map(|b| block_style(b, model)).collect();
                    layout.version = model.version;
                }
            }
            _ => {
                self.layouts += 1;
                self.layout = Some(build_layout(ui, key, model, body, analysis, width));
            }
        }
        let Some(layout) = self.layout.as_mut() else {
            return;
        };
        let mut scroll = egui::ScrollArea::vertical()
            .id_salt(("text-scroll", doc))
            .auto_shrink(false);
        if let Some(at) = self.scroll_to.take()
            && let Some(y) = y_of_offset(model, layout, body, at)
        {
            let view_h = ui.available_height();
            scroll = scroll.vertical_scroll_offset((y - view_h / 3.0).max(0.0));
        }
        let text_color = ui.visuals().text_color();
        let mut visible: Option<Span> = None;
        let mut drawn = 0;
        let mut relaid = 0;
        let mut selection = self.selection;
        let mut drag_anchor = self.drag_anchor;
        let mut menu_at = self.menu_at;
        let mut screen = None;
        scroll.show_viewport(ui, |ui, viewport| {
            let origin = ui.min_rect().min;
            screen = Some((origin, ui.clip_rect()));
            ui.set_min_size(Vec2::new(width, layout.height));
            let first = layout
                .tops
                .partition_point(|&t| t + 4000.0 < viewport.min.y)
                .saturating_sub(1);
            for i in first..layout.galleys.len() {
                let top = layout.tops[i];
                if top > viewport.max.y {
                    break;
                }
                if layout.galleys[i].size().y + top < viewport.min.y {
                    continue;
                }
                if layout.drawn_style[i] != layout.style[i] {
                    // Marks changed: lay out this block again (same text, same positions).
                    let old_height = layout.galleys[i].size().y;
                    layout.galleys[i] =
                        layout_block(ui, &model.blocks[i], model, body, analysis, width);
                    layout.drawn_style[i] = layout.style[i];
                    relaid += 1;
                    if (layout.galleys[i].size().y - old_height).abs() > 0.01 {
                        layout.recompute_tops();
                    }
                }
                let galley = &layout.galleys[i];
                let rect = Rect::from_min_size(origin + Vec2::new(0.0, top), galley.size());
                ui.painter()
                    .galley(rect.min, Arc::clone(galley), text_color);
                drawn += 1;
                let block = &model.blocks[i];
                if block.kind != BlockKind::Paragraph {
                    continue;
                }
                if let Some(seen) = visible_part(galley, top, viewport, body, block.span) {
                    visible = Some(visible.map_or(seen, |v| v.cover(seen)));
                }
                let response = ui.interact(
                    rect,
                    ui.scope_id().with(("block", i)),
                    Sense::click_and_drag(),
                );
                // Dragging selects words (to mark them as an entity).
                let text = body;
                if response.drag_started()
                    && let Some(p) = response.interact_pointer_pos()
                {
                    drag_anchor = Some((i, nearest_byte(galley, rect.min, p, text, block)));
                }
                if response.dragged()
                    && let (Some((bi, anchor)), Some(p)) =
                        (drag_anchor, response.interact_pointer_pos())
                    && bi == i
                {
                    let at = nearest_byte(galley, rect.min, p, text, block);
                    selection = rows::snap_to_words(text, anchor, at)
                        .filter(|s| s.start != s.end)
                        .map(|s| (doc, s));
                }
                if response.drag_stopped() {
                    drag_anchor = None;
                }
                if response.secondary_clicked() {
                    let mention = response.interact_pointer_pos().and_then(|p| {
                        let byte = byte_under(galley, rect.min, p, text, block)?;
                        mention_at(analysis, byte)
                    });
                    menu_at = Some(MenuTarget { mention });
                }
                response.context_menu(|ui| {
                    text_menu(ui, view, doc, selection.map(|(_, s)| s), menu_at, cmds);
                });
                let Some(pointer) = response.hover_pos() else {
                    continue;
                };
                let Some(byte) = byte_under(galley, rect.min, pointer, text, block) else {
                    if response.clicked() {
                        selection = None;
                    }
                    continue;
                };
                let mention = mention_at(analysis, byte);
                let timex = analysis
                    .timexes
                    .iter()
                    .position(|t| t.span.contains(Span::new(byte, byte + 1)));
                if mention.is_some() || timex.is_some() {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
                }
                let clicked = response.clicked();
                if response.dragged() {
                    continue;
                }
                let response = response.on_hover_ui_at_pointer(|ui| {
                    if let Some(mi) = mention {
                        let m = &analysis.mentions[mi];
                        let name = view
                            .dossier
                            .entity(m.entity)
                            .map_or("?", |e| e.name.as_str());
                        ui.strong(name);
                        ui.label(format!(
                            "{} ({}){}",
                            theme::type_name(m.entity_type),
                            m.entity_type,
                            match m.variant {
                                crate::model::Variant::Name => "",
                                crate::model::Variant::Deriv => ", derived word",
                                crate::model::Variant::Part => ", part of a word",
                            }
                        ));
                        ui.weak(format!(
                            "found by {}, confidence {:.0} %",
                            m.source.as_str(),
                            m.confidence * 100.0
                        ));
                        ui.weak("Right-click to correct it");
                    }
                    if let Some(ti) = timex {
                        let t = &analysis.timexes[ti];
                        ui.strong(format!("Time: {}", t.span.slice(text)));
                        ui.label(format!("{:?} {}", t.timex_type, t.value));
                        if t.unresolved {
                            ui.weak("unresolved (no anchor date)");
                        }
                    }
                });
                let _ = response;
                if clicked {
                    selection = None;
                    if let Some(m) = mention.and_then(|i| analysis.mentions.get(i)) {
                        cmds.push(Command::Select(Item::Mention { doc, span: m.span }));
                    } else if let Some(t) = timex.and_then(|i| analysis.timexes.get(i)) {
                        cmds.push(Command::Select(Item::Timex { doc, span: t.span }));
                    }
                }
            }
        });
        self.selection = selection;
        self.origin = screen;
        self.drag_anchor = drag_anchor;
        self.menu_at = menu_at;
        self.visible = visible;
        self.drawn_blocks = drawn;
        self.relaid_blocks += relaid;
    }
}

/// The mention covering byte `byte` of the article, if any.
fn mention_at(analysis: &crate::analysis::DocAnalysis, byte: usize) -> Option<usize> {
    rows::mentions_in(&analysis.mentions, Span::new(0, byte + 1))
        .len()
        .checked_sub(1)
        .filter(|&m| {
            analysis
                .mentions
                .get(m)
                .is_some_and(|x| x.span.contains(Span::new(byte, byte + 1)))
        })
}

/// The context menu of the text: mark the selected words as an entity, correct the mention
/// under the pointer.
fn text_menu(
    ui: &mut egui::Ui,
    view: &View<'_>,
    doc: DocId,
    selection: Option<Span>,
    at: Option<MenuTarget>,
    cmds: &mut Commands,
) {
    use crate::gui::command::{Edit, Editor, MentionTarget};
    let (Some((_, analysis)), Some(body)) = (view.dossier.document(doc), view.dossier.text(doc))
    else {
        return;
    };
    let mut any = false;
    if let Some(span) = selection {
        any = true;
        let words: String = span.slice(&body).chars().take(60).collect();
        ui.label(egui::RichText::new(format!("“{words}”")).strong());
        ui.add_enabled_ui(!view.busy, |ui| {
            ui.menu_button("Mark as a new entity", |ui| {
                for ty in EntityType::ALL {
                    if ui.button(theme::type_name(ty)).clicked() {
                        cmds.push(Command::Edit(Edit::AddMention {
                            doc,
                            span,
                            target: MentionTarget::New {
                                name: String::new(),
                                entity_type: ty,
                            },
                        }));
                        cmds.push(Command::ClearTextSelection);
                    }
                }
            });
            if let Some(e) = view.entity.and_then(|e| view.dossier.entity(e))
                && ui.button(format!("Mention of {}", e.name)).clicked()
            {
                cmds.push(Command::Edit(Edit::AddMention {
                    doc,
                    span,
                    target: MentionTarget::Existing(e.id),
                }));
                cmds.push(Command::ClearTextSelection);
            }
            if ui.button("Mention of another entity…").clicked() {
                cmds.push(Command::OpenEditor(Editor::MentionOf { doc, span }));
            }
        });
    }
    if let Some(m) = at
        .and_then(|t| t.mention)
        .and_then(|i| analysis.mentions.get(i))
    {
        if any {
            ui.separator();
        }
        any = true;
        let name = view
            .dossier
            .entity(m.entity)
            .map_or_else(|| m.span.slice(&body).to_string(), |e| e.name.clone());
        ui.label(egui::RichText::new(name).strong());
        ui.add_enabled_ui(!view.busy, |ui| {
            if ui
                .button("This mention is…")
                .on_hover_text("Another entity, a new entity, or not an entity: only this mention")
                .clicked()
            {
                cmds.push(Command::OpenEditor(Editor::Reassign { doc, span: m.span }));
            }
            if ui.button("Remove this mention").clicked() {
                cmds.push(Command::Edit(Edit::RemoveMention { doc, span: m.span }));
            }
        });
        ui.separator();
        ui.menu_button("The whole entity", |ui| {
            super::entity_menu(ui, view, m.entity, cmds);
        });
    }
    if !any {
        ui.weak(
            "Drag over words to mark them as an entity;\nright-click a highlight to correct it.",
        );
    }
}

/// The byte of the block's text nearest to `pointer` (for drags, which may leave the glyphs).
fn nearest_byte(galley: &Galley, origin: Pos2, pointer: Pos2, text: &str, block: &Block) -> usize {
    let local = pointer - origin;
    let c = galley.cursor_from_pos(local).index.0;
    let block_text = text.get(block.span.start..block.span.end).unwrap_or("");
    block.span.start
        + block_text
            .char_indices()
            .nth(c)
            .map_or(block_text.len(), |(b, _)| b)
}

/// The part of a paragraph's text that lies inside `viewport` (content coordinates), as a
/// byte span of the document text; `top` is the galley's top in content coordinates.
fn visible_part(galley: &Galley, top: f32, viewport: Rect, text: &str, span: Span) -> Option<Span> {
    let block_text = text.get(span.start..span.end)?;
    if block_text.is_empty() || top + galley.size().y <= viewport.min.y || top >= viewport.max.y {
        return None;
    }
    let first = galley
        .cursor_from_pos(Vec2::new(0.0, (viewport.min.y - top).max(0.0)))
        .index
        .0;
    let last = galley
        .cursor_from_pos(Vec2::new(galley.size().x, viewport.max.y - top))
        .index
        .0;
    let byte = |c: usize| {
        block_text
            .char_indices()
            .nth(c)
            .map_or(block_text.len(), |(b, _)| b)
    };
    let (start, end) = (byte(first), byte(last));
    (start < end).then(|| Span::new(span.start + start, span.start + end))
}

fn dct_source(source: crate::model::DctSource) -> &'static str {
    match source {
        crate::model::DctSource::User => "set by you",
        crate::model::DctSource::Text => "from the text",
        crate::model::DctSource::Metadata => "from metadata",
        crate::model::DctSource::FileMtime => "file date, an assumption",
    }
}

fn build_layout(
    ui: &egui::Ui,
    key: LayoutKey,
    model: &TextModel,
    text: &str,
    analysis: &crate::analysis::DocAnalysis,
    width: f32,
) -> Layout {
    let galleys: Vec<Arc<Galley>> = model
        .blocks
        .iter()
        .map(|block| layout_block(ui, block, model, text, analysis, width))
        .collect();
    let style: Vec<u64> = model.blocks.iter().map(|b| block_style(b, model)).collect();
    let mut layout = Layout {
        key,
        version: model.version,
        tops: vec![0.0; galleys.len()],
        galleys,
        drawn_style: style.clone(),
        style,
        height: 0.0,
    };
    layout.recompute_tops();
    layout
}

impl Layout {
    /// True when the model has the same blocks (the same text in the same places) as the
    /// layout: only marks may differ.
    fn blocks_match(&self, model: &TextModel) -> bool {
        self.galleys.len() == model.blocks.len()
    }
}

/// A hash of everything that decides how `block` is drawn: its text runs and their marks.
fn block_style(block: &Block, model: &TextModel) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    block.kind.hash(&mut h);
    block.span.start.hash(&mut h);
    block.span.end.hash(&mut h);
    block.label.hash(&mut h);
    for seg in &block.segments {
        seg.hash(&mut h);
        if let Some(mi) = seg.mention {
            model.emphasis.get(mi).hash(&mut h);
        }
    }
    h.finish()
}

/// Lays out one block with its marks.
fn layout_block(
    ui: &egui::Ui,
    block: &Block,
    model: &TextModel,
    text: &str,
    analysis: &crate::analysis::DocAnalysis,
    width: f32,
) -> Arc<Galley> {
    let visuals = ui.visuals();
    let dark = visuals.dark_mode;
    let text_color = visuals.text_color();
    let weak = visuals.weak_text_color();
    let strong = visuals.strong_text_color();
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    match block.kind {
        BlockKind::Title => job.append(
            &block.label,
            0.0,
            TextFormat::simple(FontId::proportional(24.0), strong),
        ),
        BlockKind::Heading => job.append(
            &block.label,
            0.0,
            TextFormat::simple(FontId::proportional(19.0), strong),
        ),
        BlockKind::Paragraph => {
            for seg in &block.segments {
                let Some(s) = text.get(seg.span.start..seg.span.end) else {
                    continue;
                };
                let mut format = TextFormat::simple(FontId::proportional(BODY_SIZE), text_color);
                if seg.in_target {
                    format.background = theme::target_fill(dark);
                }
                if seg.timex.is_some() {
                    format.color = theme::timex_text(dark);
                    format.underline = theme::timex_stroke(dark);
                }
                if let Some(mi) = seg.mention {
                    let m = &analysis.mentions[mi];
                    let emphasis = model.emphasis.get(mi).copied().unwrap_or(Emphasis::Normal);
                    let (color, fill, underline) =
                        theme::mention_style(m.entity_type, emphasis, dark, text_color, weak);
                    format.color = color;
                    format.background = fill;
                    format.expand_bg = 1.0;
                    if underline != Stroke::NONE {
                        format.underline = underline;
                    }
                }
                if seg.found {
                    format.background = theme::find_fill(dark);
                    format.color = text_color;
                }
                if seg.selected {
                    format.background = visuals.selection.bg_fill;
                    format.color = visuals.selection.stroke.color;
                }
                job.append(s, 0.0, format);
            }
        }
    }
    ui.painter().layout_job(job)
}

/// The y position (content coordinates) of byte `at` of the document text.
fn y_of_offset(model: &TextModel, layout: &Layout, text: &str, at: usize) -> Option<f32> {
    let (i, block) =
        model.blocks.iter().enumerate().find(|(_, b)| {
            b.kind == BlockKind::Paragraph && b.span.start <= at && at <= b.span.end
        })?;
    let chars = text.get(block.span.start..at)?.chars().count();
    let rect = layout.galleys.get(i)?.pos_from_cursor(CCursor::new(chars));
    Some(layout.tops.get(i)? + rect.min.y)
}

/// The byte of the document text under `pointer`, if any glyph of `block` is there.
fn byte_under(
    galley: &Galley,
    origin: Pos2,
    pointer: Pos2,
    text: &str,
    block: &Block,
) -> Option<usize> {
    let local = pointer - origin;
    let c = galley.cursor_from_pos(local).index.0;
    let block_text = text.get(block.span.start..block.span.end)?;
    for k in [c.saturating_sub(1), c] {
        let r0 = galley.pos_from_cursor(CCursor::new(k));
        let r1 = galley.pos_from_cursor(CCursor::new(k + 1));
        let same_row = (r0.min.y - r1.min.y).abs() < 0.5;
        if same_row
            && local.x >= r0.min.x
            && local.x < r1.min.x
            && local.y >= r0.min.y
            && local.y <= r0.max.y
        {
            let byte = block_text.char_indices().nth(k).map(|(b, _)| b)?;
            return Some(block.span.start + byte);
        }
    }
    None
}

/// The colour used for a mention of `ty` in lists (readable on the panel background).
pub fn list_color(ty: EntityType, dark: bool) -> Color32 {
    theme::type_strong(ty, dark)
}
