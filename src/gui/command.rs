//! Commands: the only way panels change the viewer's state. Panels push them into a
//! [`Commands`] queue during the frame; [`crate::gui::DossierApp`] applies them afterwards.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::state::{Item, Scope, SortBy, ThemePref};
use crate::model::DocId;

/// Something the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Select an item (and show the article it belongs to); recorded in the history.
    Select(Item),
    /// Clear the selection (Esc).
    ClearSelection,
    /// Go back in the navigation history.
    Back,
    /// Go forward in the navigation history.
    Forward,
    /// Show the native file dialog.
    ShowOpenDialog,
    /// Open files and folders (from the dialog, drag and drop, the command line, recent files).
    OpenFiles(Vec<PathBuf>),
    /// Open the embedded sample dossier.
    OpenSamples,
    /// Stop the running load after the current file.
    CancelLoad,
    /// Close an article (`None`: the one shown).
    CloseDocument(Option<DocId>),
    /// Scroll to the next mention of the selected entity in the article.
    NextMention,
    /// Scroll to the previous mention of the selected entity in the article.
    PrevMention,
    /// Set (or clear) an article's document date; the timeline follows.
    SetDct {
        /// The article.
        doc: DocId,
        /// The date, `None` to clear.
        date: Option<NaiveDate>,
    },
    /// Switch the entity list between this article and the whole dossier.
    ToggleScope,
    /// Set the entity list scope.
    SetScope(Scope),
    /// Set the entity list order.
    SetSort(SortBy),
    /// Set the theme.
    SetTheme(ThemePref),
    /// Put the keyboard focus into the find box (Ctrl+F).
    FocusFind,
    /// Dismiss a notification.
    Dismiss(u64),
    /// Show or hide the log panel.
    ToggleLog,
    /// Show or hide the timeline panel.
    ToggleTimeline,
    /// Show or hide the entity card panel.
    ToggleCard,
}

/// The queue panels push into.
#[derive(Debug, Default)]
pub struct Commands(Vec<Command>);

impl Commands {
    /// Queues a command.
    pub fn push(&mut self, command: Command) {
        self.0.push(command);
    }

    /// Takes every queued command, oldest first.
    pub fn take(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.0)
    }

    /// True when nothing is queued.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
