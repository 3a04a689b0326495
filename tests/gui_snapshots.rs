//! Image snapshots of the main views in the light and the dark theme, rendered headless with
//! wgpu (Mesa lavapipe on machines without a GPU: `apt-get install mesa-vulkan-drivers`).
//! Update with `UPDATE_SNAPSHOTS=1 cargo test --test gui_snapshots`.

mod common;

use dossier::gui::command::Command;
use dossier::gui::state::{Item, Prefs, ThemePref};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

use common::{harness, open, samples};

fn prefs(theme: ThemePref) -> Prefs {
    Prefs {
        theme,
        ..Prefs::default()
    }
}

fn welcome(theme: ThemePref, name: &str) {
    let mut h = harness(prefs(theme));
    h.run_steps(3);
    h.snapshot(name);
}

fn main_view(theme: ThemePref, name: &str) {
    let mut h = harness(prefs(theme));
    open(&mut h, samples());
    h.get_by_role_and_label(Role::Button, "Helena Vogt").click();
    h.run_steps(3);
    h.key_press(egui::Key::N);
    h.run_steps(3);
    h.snapshot(name);
}

#[test]
fn welcome_light() {
    welcome(ThemePref::Light, "welcome_light");
}

#[test]
fn welcome_dark() {
    welcome(ThemePref::Dark, "welcome_dark");
}

#[test]
fn main_light() {
    main_view(ThemePref::Light, "main_light");
}

#[test]
fn main_dark() {
    main_view(ThemePref::Dark, "main_dark");
}

#[test]
fn event_selected() {
    let mut h = harness(prefs(ThemePref::Light));
    open(&mut h, samples());
    let ev = h.state().dossier().events[0].id;
    h.state_mut().push(Command::Select(Item::Event(ev)));
    h.run_steps(3);
    h.snapshot("event_light");
}
