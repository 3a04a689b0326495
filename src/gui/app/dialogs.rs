//! Native file dialogs (on their own thread, so the window keeps drawing) and file-name rules.

use std::path::PathBuf;
use std::sync::mpsc::channel;

use super::DossierApp;
use crate::gui::backend::EXTENSIONS;
use crate::gui::command::DossierDialog;
use crate::gui::state::Level;

impl DossierApp {
    pub(super) fn show_open_dialog(&mut self) {
        self.show_dialog(None);
    }
    /// Shows a native file dialog on its own thread (the window keeps drawing); the answer is
    /// picked up by `poll_background`.
    pub(super) fn show_dialog(&mut self, kind: Option<DossierDialog>) {
        if self.dialog.is_some() {
            return;
        }
        let (tx, rx) = channel();
        let ctx = self.ctx.clone();
        let start_dir = self
            .dossier_path
            .as_deref()
            .and_then(|p| p.parent())
            .map(PathBuf::from);
        let stem = self
            .dossier_path
            .as_deref()
            .and_then(|p| p.file_stem())
            .map_or_else(
                || "Dossier".to_string(),
                |s| s.to_string_lossy().to_string(),
            );
        let spawned = std::thread::Builder::new()
            .name("dossier-file-dialog".into())
            .spawn(move || {
                let shown = std::time::Instant::now();
                let mut dialog = rfd::FileDialog::new();
                if let Some(dir) = start_dir {
                    dialog = dialog.set_directory(dir);
                }
                let files = match kind {
                    None => dialog
                        .set_title("Open articles or a dossier")
                        .add_filter(
                            "Articles and dossiers",
                            &[EXTENSIONS, &["dossier"]].concat(),
                        )
                        .add_filter("All files", &["*"])
                        .pick_files(),
                    Some(DossierDialog::Open) => dialog
                        .set_title("Open dossier")
                        .add_filter("Dossiers", &["dossier"])
                        .pick_file()
                        .map(|p| vec![p]),
                    Some(k @ (DossierDialog::New | DossierDialog::SaveAs)) => dialog
                        .set_title(if k == DossierDialog::New {
                            "New dossier"
                        } else {
                            "Save dossier as"
                        })
                        .add_filter("Dossiers", &["dossier"])
                        .set_file_name("Dossier.dossier")
                        .save_file()
                        .map(|p| vec![p]),
                    Some(DossierDialog::Export(kind)) => dialog
                        .set_title("Export")
                        .add_filter(kind.extension().to_uppercase(), &[kind.extension()])
                        .set_file_name(format!("{stem}-{}.{}", kind.suffix(), kind.extension()))
                        .save_file()
                        .map(|p| vec![p]),
                };
                let _ = tx.send((files, shown.elapsed()));
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => self.dialog = Some((kind, rx)),
            Err(e) => self.notify(Level::Error, format!("Cannot show the file dialog: {e}")),
        }
    }
}

/// True when a program that can show the native file dialog is likely there: a D-Bus session
/// (for xdg-desktop-portal) or `zenity` on the `PATH` (rfd's fallback).
pub(super) fn dialog_helper_installed() -> bool {
    let zenity = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join("zenity").is_file()));
    zenity || std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
}
/// What a file dialog answered, and how long it was open.
pub(super) type DialogAnswer = (Option<Vec<PathBuf>>, std::time::Duration);
/// True for a `*.dossier` file.
pub(super) fn is_dossier_file(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("dossier"))
}
/// `path` with the `.dossier` extension (added when the user typed a bare name).
pub(super) fn with_dossier_extension(path: PathBuf) -> PathBuf {
    if is_dossier_file(&path) {
        path
    } else {
        let mut name = path.into_os_string();
        name.push(".dossier");
        PathBuf::from(name)
    }
}
