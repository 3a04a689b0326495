//! Keyboard shortcuts and the mouse's back/forward buttons, turned into commands.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::DossierApp;
use crate::gui::command::Command;

impl DossierApp {
    pub(super) fn handle_input(&mut self, ctx: &egui::Context) {
        let shortcut = |m, k| KeyboardShortcut::new(m, k);
        let mut cmds = Vec::new();
        // Ctrl+Z in a text field undoes typing, not a correction.
        let wants_text = ctx.egui_wants_keyboard_input();
        ctx.input_mut(|i| {
            if i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::O)) {
                cmds.push(Command::ShowOpenDialog);
            }
            // Ctrl+W closes what is open over the article (a dialog, the search); it never
            // removes anything.
            if i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::W)) {
                cmds.push(Command::CloseEditor);
                cmds.push(Command::CloseSearch);
            }
            if i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::F)) {
                cmds.push(Command::FocusFind);
            }
            if !wants_text {
                // Delete asks before it removes the marked articles (or the one shown).
                if i.consume_shortcut(&shortcut(Modifiers::NONE, Key::Delete)) {
                    cmds.push(Command::AskRemove(Vec::new()));
                }
                if i.consume_shortcut(&shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z))
                    || i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::Y))
                {
                    cmds.push(Command::Redo);
                }
                if i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::Z)) {
                    cmds.push(Command::Undo);
                }
            }
            if i.consume_shortcut(&shortcut(Modifiers::ALT, Key::ArrowLeft)) {
                cmds.push(Command::Back);
            }
            if i.consume_shortcut(&shortcut(Modifiers::ALT, Key::ArrowRight)) {
                cmds.push(Command::Forward);
            }
            if i.pointer.button_pressed(egui::PointerButton::Extra1) {
                cmds.push(Command::Back);
            }
            if i.pointer.button_pressed(egui::PointerButton::Extra2) {
                cmds.push(Command::Forward);
            }
            for file in &i.raw.dropped_files {
                let path = file.path().to_path_buf();
                if !path.as_os_str().is_empty() {
                    match cmds.iter_mut().find_map(|c| match c {
                        Command::OpenFiles(p) => Some(p),
                        _ => None,
                    }) {
                        Some(paths) => paths.push(path),
                        None => cmds.push(Command::OpenFiles(vec![path])),
                    }
                }
            }
        });
        if !ctx.egui_wants_keyboard_input() {
            ctx.input_mut(|i| {
                if i.consume_key(Modifiers::NONE, Key::N) {
                    cmds.push(Command::NextMention);
                }
                if i.consume_key(Modifiers::NONE, Key::P) {
                    cmds.push(Command::PrevMention);
                }
                if i.consume_key(Modifiers::NONE, Key::Escape) {
                    cmds.push(Command::ClearSelection);
                }
            });
        }
        for c in cmds {
            self.commands.push(c);
        }
    }
}
