//! The timeline panel: the dossier's events on a horizontal time axis, with the time
//! expressions that could not be placed listed apart.

use chrono::{Datelike, NaiveDate};
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, Vec2};

use super::View;
use crate::gui::command::{Command, Commands};
use crate::gui::rows::{self, Mark, Unresolved};
use crate::gui::state::Item;
use crate::model::{EntityId, EventId};

type MarksKey = (u64, Option<EntityId>, bool);

/// State of the timeline panel.
pub struct TimelinePanel {
    /// Day number at the left edge.
    start: f64,
    /// Pixels per day.
    scale: f64,
    fitted_for: Option<u64>,
    /// Width of the axis last drawn, in points.
    width: f32,
    /// The marks the view was last framed for (a new selection whose events are all out of
    /// view frames them).
    framed_for: Option<MarksKey>,
    /// With an entity selected: hide the other events (else fade them).
    pub only_selected: bool,
    /// Event to bring into view on the next frame.
    pub scroll_to: Option<EventId>,
    marks: Vec<Mark>,
    key: Option<MarksKey>,
    unresolved: Vec<Unresolved>,
    unresolved_for: Option<u64>,
}

impl Default for TimelinePanel {
    fn default() -> Self {
        Self {
            start: 0.0,
            scale: 10.0,
            fitted_for: None,
            width: 0.0,
            framed_for: None,
            only_selected: true,
            scroll_to: None,
            marks: Vec::new(),
            key: None,
            unresolved: Vec::new(),
            unresolved_for: None,
        }
    }
}

const LANE_HEIGHT: f32 = 20.0;
const AXIS_HEIGHT: f32 = 22.0;

impl TimelinePanel {
    /// The marks shown (or faded) last frame.
    pub fn marks(&self) -> &[Mark] {
        &self.marks
    }

    /// The days visible last frame, as (first, last) day numbers.
    pub fn visible_days(&self) -> (f64, f64) {
        (self.start, self.start + f64::from(self.width) / self.scale)
    }

    /// The visible range as (first day, pixels per day).
    pub fn viewport(&self) -> (f64, f64) {
        (self.start, self.scale)
    }

    fn update(&mut self, view: &View<'_>) {
        let key = (view.generation, view.entity, self.only_selected);
        if self.key != Some(key) {
            self.marks = rows::timeline_marks(view.dossier, view.entity, self.only_selected);
            self.key = Some(key);
        }
        if self.unresolved_for != Some(view.generation) {
            self.unresolved = rows::unresolved(view.dossier);
            self.unresolved_for = Some(view.generation);
        }
    }

    /// Frames the events shown (those of the selected entity when one is selected, else all).
    fn fit(&mut self, width: f32) {
        let shown: Vec<&Mark> = self.marks.iter().filter(|m| !m.faded).collect();
        let (lo, hi) = shown.iter().fold((i64::MAX, i64::MIN), |(lo, hi), m| {
            (lo.min(m.start), hi.max(m.end))
        });
        let (lo, hi) = if lo > hi {
            let today = rows::day_number(chrono::Utc::now().date_naive());
            (today - 15, today + 15)
        } else {
            (lo, hi + 1)
        };
        let span = ((hi - lo) as f64).max(14.0);
        let pad = span * 0.08;
        self.start = lo as f64 - pad;
        self.scale = f64::from(width.max(100.0)) / (span + 2.0 * pad);
    }

    /// True when the view frames the events shown: all of them are in it and they fill more
    /// than a quarter of it (an entity's two events at the edge of a 50-year view are not
    /// framed).
    fn frames_shown(&self, width: f32) -> bool {
        let end = self.start + f64::from(width) / self.scale;
        let shown = self.marks.iter().filter(|m| !m.faded);
        let (lo, hi) = shown.clone().fold((i64::MAX, i64::MIN), |(lo, hi), m| {
            (lo.min(m.start), hi.max(m.end + 1))
        });
        if lo > hi {
            return true;
        }
        let all_in = shown
            .clone()
            .all(|m| m.start as f64 >= self.start && ((m.end + 1) as f64) <= end);
        let span = ((hi - lo) as f64).max(14.0);
        all_in && span * 4.0 >= end - self.start
    }

    fn zoom(&mut self, factor: f64, anchor_x: f32) {
        let day = self.start + f64::from(anchor_x) / self.scale;
        self.scale = (self.scale * factor).clamp(0.002, 400.0);
        self.start = day - f64::from(anchor_x) / self.scale;
    }

    /// Draws the panel.
    pub fn show(&mut self, ui: &mut egui::Ui, view: &View<'_>, cmds: &mut Commands) {
        self.update(view);
        ui.horizontal(|ui| {
            ui.strong("Timeline");
            ui.weak(format!("{} events", view.dossier.events.len()));
            if view.entity.is_some() {
                ui.checkbox(&mut self.only_selected, "Only the selected entity's events");
            }
            ui.separator();
            if ui.small_button("-").on_hover_text("Zoom out (-)").clicked() {
                let w = ui.available_width() * 0.5;
                self.zoom(1.0 / 1.5, w);
            }
            if ui.small_button("+").on_hover_text("Zoom in (+)").clicked() {
                let w = ui.available_width() * 0.5;
                self.zoom(1.5, w);
            }
            if ui
                .small_button("Fit")
                .on_hover_text("Frame the events shown (0)")
                .clicked()
            {
                self.fitted_for = None;
            }
            ui.weak("wheel: zoom · drag: pan");
        });
        let unresolved_width = if self.unresolved.is_empty() {
            0.0
        } else {
            (ui.available_width() * 0.28).clamp(180.0, 340.0)
        };
        ui.horizontal_top(|ui| {
            let size = Vec2::new(
                ui.available_width() - unresolved_width,
                ui.available_height().max(80.0),
            );
            self.show_axis(ui, size, view, cmds);
            if unresolved_width > 0.0 {
                ui.separator();
                ui.vertical(|ui| {
                    ui.set_width(unresolved_width - 12.0);
                    ui.strong(format!("Not on the timeline ({})", self.unresolved.len()));
                    egui::ScrollArea::vertical()
                        .id_salt("unresolved")
                        .auto_shrink(false)
                        .show_rows(ui, 34.0, self.unresolved.len(), |ui, range| {
                            for u in &self.unresolved[range] {
                                let written = u.text(view.dossier);
                                let title = view
                                    .dossier
                                    .document(u.doc)
                                    .map(|(d, _)| d.title.as_str())
                                    .unwrap_or("");
                                let r = ui
                                    .add(
                                        egui::Button::selectable(
                                            false,
                                            format!("“{written}” — {title}"),
                                        )
                                        .truncate(),
                                    )
                                    .on_hover_text(&u.reason);
                                ui.weak(&u.reason);
                                if r.clicked() {
                                    cmds.push(Command::Select(Item::Timex {
                                        doc: u.doc,
                                        span: u.span,
                                    }));
                                }
                            }
                        });
                });
            }
        });
    }

    fn show_axis(&mut self, ui: &mut egui::Ui, size: Vec2, view: &View<'_>, cmds: &mut Commands) {
        let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
        self.width = rect.width();
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Timeline"));
        if self.fitted_for != Some(view.generation) {
            self.fit(rect.width());
            self.fitted_for = Some(view.generation);
            self.framed_for = self.key;
        } else if self.framed_for != self.key {
            // Another selection: keep the view when it frames the selection's events.
            self.framed_for = self.key;
            if !self.frames_shown(rect.width()) {
                self.fit(rect.width());
            }
        }
        if let Some(ev) = self.scroll_to.take()
            && let Some(e) = view.dossier.event(ev)
        {
            let x = (rows::day_number(e.range.earliest) as f64 - self.start) * self.scale;
            if x < 0.0 || x > f64::from(rect.width()) {
                self.start = rows::day_number(e.range.earliest) as f64
                    - f64::from(rect.width()) * 0.5 / self.scale;
            }
        }
        // Input: wheel zooms, drag pans, keys when hovered.
        if response.hovered() {
            let (scroll, zoom, pointer) =
                ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.pointer.hover_pos()));
            let anchor = pointer.map_or(rect.width() / 2.0, |p| p.x - rect.left());
            if scroll.y != 0.0 {
                self.zoom(f64::from((scroll.y / 200.0).exp()), anchor);
            }
            if scroll.x != 0.0 {
                self.start -= f64::from(scroll.x) / self.scale;
            }
            if zoom != 1.0 {
                self.zoom(f64::from(zoom), anchor);
            }
            let keys = ui.input(|i| {
                (
                    i.key_pressed(egui::Key::Plus) || i.key_pressed(egui::Key::Equals),
                    i.key_pressed(egui::Key::Minus),
                    i.key_pressed(egui::Key::ArrowLeft) && !i.modifiers.alt,
                    i.key_pressed(egui::Key::ArrowRight) && !i.modifiers.alt,
                    i.key_pressed(egui::Key::Num0),
                )
            });
            if keys.0 {
                self.zoom(1.5, anchor);
            }
            if keys.1 {
                self.zoom(1.0 / 1.5, anchor);
            }
            if keys.2 {
                self.start -= f64::from(rect.width()) * 0.2 / self.scale;
            }
            if keys.3 {
                self.start += f64::from(rect.width()) * 0.2 / self.scale;
            }
            if keys.4 {
                self.fitted_for = None;
            }
        }
        if response.dragged() {
            self.start -= f64::from(response.drag_delta().x) / self.scale;
        }

        let painter = ui.painter_at(rect);
        let visuals = ui.visuals();
        let dark = visuals.dark_mode;
        painter.rect_filled(rect, 4.0, visuals.extreme_bg_color);
        let axis_y = rect.bottom() - AXIS_HEIGHT;
        let text = visuals.text_color();
        let weak = visuals.weak_text_color();
        painter.line_segment(
            [
                Pos2::new(rect.left(), axis_y),
                Pos2::new(rect.right(), axis_y),
            ],
            Stroke::new(1.0, weak),
        );
        let x_of = |day: f64| rect.left() + ((day - self.start) * self.scale) as f32;
        for (day, label) in ticks(self.start, self.scale, rect.width()) {
            let x = x_of(day as f64);
            painter.line_segment(
                [Pos2::new(x, rect.top()), Pos2::new(x, axis_y + 4.0)],
                Stroke::new(1.0, weak.gamma_multiply(0.25)),
            );
            painter.text(
                Pos2::new(x + 3.0, axis_y + 3.0),
                Align2::LEFT_TOP,
                label,
                FontId::proportional(11.0),
                weak,
            );
        }
        if self.marks.is_empty() {
            painter.text(
                rect.center(),
                Align2::CENTER_CENTER,
                if view.dossier.events.is_empty() {
                    "No dated events yet."
                } else {
                    "The selected entity takes part in no dated event."
                },
                FontId::proportional(13.0),
                weak,
            );
            return;
        }

        // Lay out visible marks into lanes so that labels do not overlap.
        let font = FontId::proportional(12.0);
        let visible: Vec<usize> = (0..self.marks.len())
            .filter(|&i| {
                let m = &self.marks[i];
                x_of((m.end + 1) as f64) >= rect.left() - 200.0
                    && x_of(m.start as f64) <= rect.right()
            })
            .collect();
        let galleys: Vec<_> = visible
            .iter()
            .map(|&i| painter.layout_no_wrap(self.marks[i].label.clone(), font.clone(), text))
            .collect();
        let extents: Vec<(f32, f32)> = visible
            .iter()
            .zip(&galleys)
            .map(|(&i, g)| {
                let m = &self.marks[i];
                let x0 = x_of(m.start as f64);
                let x1 = x_of((m.end + 1) as f64).max(x0 + 8.0);
                (x0 - 5.0, x1.max(x0 + 8.0 + g.size().x))
            })
            .collect();
        let lanes = rows::assign_lanes(&extents, 8.0);
        let max_lanes = (((axis_y - rect.top() - 14.0) / LANE_HEIGHT).floor() as usize).max(1);
        let selected_event = view.location.event();
        let accent = visuals.selection.stroke.color;
        let mut hovered: Option<usize> = None;
        let pointer = response.hover_pos();
        for (k, &i) in visible.iter().enumerate() {
            let m = &self.marks[i];
            // Marks that find no free lane go, without label, on a strip by the axis.
            let overflow = lanes[k] >= max_lanes;
            let y = if overflow {
                axis_y - 5.0
            } else {
                axis_y - 16.0 - lanes[k] as f32 * LANE_HEIGHT
            };
            let x0 = x_of(m.start as f64);
            let x1 = x_of((m.end + 1) as f64);
            let mut color = if dark {
                Color32::from_rgb(0x8c, 0xc8, 0xff)
            } else {
                Color32::from_rgb(0x1f, 0x5f, 0xa8)
            };
            if m.faded {
                color = color.gamma_multiply(0.3);
            }
            let is_selected = selected_event == Some(m.event);
            let shape_rect = if m.exact {
                let c = Pos2::new(x0 + ((x1 - x0) * 0.5).min(4.0), y);
                painter.circle_filled(c, if overflow { 3.0 } else { 5.0 }, color);
                if is_selected {
                    painter.circle_stroke(c, 8.0, Stroke::new(2.0, accent));
                }
                Rect::from_center_size(c, Vec2::splat(12.0))
            } else {
                // Ranges and vague dates: a translucent bar with a dashed outline.
                let half = if overflow { 2.5 } else { 5.0 };
                let bar = Rect::from_min_max(
                    Pos2::new(x0, y - half),
                    Pos2::new(x1.max(x0 + 8.0), y + half),
                );
                painter.rect_filled(bar, 3.0, color.gamma_multiply(0.35));
                let pts = [
                    bar.left_top(),
                    bar.right_top(),
                    bar.right_bottom(),
                    bar.left_bottom(),
                    bar.left_top(),
                ];
                painter.extend(egui::Shape::dashed_line(
                    &pts,
                    Stroke::new(1.0, color),
                    4.0,
                    3.0,
                ));
                if is_selected {
                    painter.rect_stroke(
                        bar.expand(3.0),
                        4.0,
                        Stroke::new(2.0, accent),
                        egui::StrokeKind::Outside,
                    );
                }
                bar
            };
            let label_pos = Pos2::new(shape_rect.right() + 4.0, y - galleys[k].size().y / 2.0);
            let label_rect = Rect::from_min_size(label_pos, galleys[k].size());
            if !overflow {
                let c = if m.faded {
                    weak.gamma_multiply(0.6)
                } else {
                    text
                };
                painter.galley(label_pos, galleys[k].clone(), c);
            }
            let hit = if overflow {
                shape_rect.expand(3.0)
            } else {
                shape_rect.expand(3.0).union(label_rect)
            };
            if pointer.is_some_and(|p| hit.contains(p)) {
                hovered = Some(i);
            }
        }
        if let Some(i) = hovered {
            let m = &self.marks[i];
            let event = view.dossier.event(m.event);
            if response.clicked() {
                cmds.push(Command::Select(Item::Event(m.event)));
            }
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            response.on_hover_ui_at_pointer(|ui| {
                ui.strong(&m.label);
                if let Some(e) = event {
                    ui.label(date_text(e));
                    let names: Vec<&str> = e
                        .entities
                        .iter()
                        .filter_map(|id| view.dossier.entity(*id).map(|e| e.name.as_str()))
                        .collect();
                    if !names.is_empty() {
                        ui.label(format!("With: {}", names.join(", ")));
                    }
                    ui.weak(format!(
                        "reported in {} article{}",
                        e.sources.len(),
                        if e.sources.len() == 1 { "" } else { "s" }
                    ));
                }
            });
        }
    }
}

/// The event's date for people: one day, or a range with its precision.
pub fn date_text(e: &crate::model::Event) -> String {
    let fmt = |d: NaiveDate| d.format("%d.%m.%Y").to_string();
    if e.range.earliest == e.range.latest {
        fmt(e.range.earliest)
    } else {
        format!(
            "{} – {} ({:?}, {})",
            fmt(e.range.earliest),
            fmt(e.range.latest),
            e.precision,
            e.value
        )
    }
}

/// Axis ticks (day number, label) for the visible range.
fn ticks(start: f64, scale: f64, width: f32) -> Vec<(i64, String)> {
    let first = start.floor() as i64;
    let last = (start + f64::from(width) / scale).ceil() as i64;
    let min_days = 80.0 / scale;
    let mut out = Vec::new();
    let Some(first_date) = rows::date_of_day(first) else {
        return out;
    };
    if min_days <= 7.0 {
        let step = if min_days <= 1.0 { 1 } else { 7 };
        let mut d = first;
        while d <= last && out.len() < 400 {
            if let Some(date) = rows::date_of_day(d)
                && (step == 1 || date.weekday() == chrono::Weekday::Mon)
            {
                out.push((d, date.format("%d.%m.").to_string()));
            }
            d += 1;
        }
        return out;
    }
    let months = if min_days <= 31.0 {
        1
    } else if min_days <= 92.0 {
        3
    } else if min_days <= 366.0 {
        12
    } else if min_days <= 3660.0 {
        120
    } else {
        1200
    };
    let mut y = first_date.year();
    let mut m = 1;
    if months < 12 {
        m = first_date.month();
        m -= (m - 1) % months;
    } else {
        y -= y.rem_euclid((months / 12) as i32);
    }
    while out.len() < 400 {
        let Some(date) = NaiveDate::from_ymd_opt(y, m, 1) else {
            break;
        };
        let d = rows::day_number(date);
        if d > last {
            break;
        }
        if d >= first {
            out.push((
                d,
                if months < 12 {
                    date.format("%b %Y").to_string()
                } else {
                    date.format("%Y").to_string()
                },
            ));
        }
        m += months;
        while m > 12 {
            m -= 12;
            y += 1;
        }
    }
    out
}
