//! Commands: the only way panels change the viewer's state. Panels push them into a
//! [`Commands`] queue during the frame; [`crate::gui::DossierApp`] applies them afterwards.

use crate::store::export::ExportKind;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::state::{Item, Scope, SortBy, ThemePref};
use crate::model::{DocId, EntityId, EntityType, Span};

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
    /// Show the native file dialog to open articles (or a dossier).
    ShowOpenDialog,
    /// Show the native file dialog for a dossier file.
    ShowDossierDialog(DossierDialog),
    /// Open a dossier file (its articles, entities and corrections).
    OpenDossier(PathBuf),
    /// Create a new, empty dossier file and continue there.
    NewDossier(PathBuf),
    /// Copy the dossier file to another place and continue there.
    SaveDossierAs(PathBuf),
    /// Write the dossier in another format (JSON, CSV, TimelineJS) to a file.
    Export {
        /// The format.
        kind: ExportKind,
        /// The file written.
        path: PathBuf,
    },
    /// Open files and folders (from the dialog, drag and drop, the command line, recent files).
    OpenFiles(Vec<PathBuf>),
    /// Open the embedded sample dossier.
    OpenSamples,
    /// Stop the running load after the current file.
    CancelLoad,
    /// Ask before removing articles from the dossier (empty: the marked articles, else the
    /// one shown); the confirmation names them and what goes with them.
    AskRemove(Vec<DocId>),
    /// Add an article to the articles marked for a bulk action, or take it out.
    ToggleMark(DocId),
    /// Clear the articles marked for a bulk action.
    ClearMarks,
    /// Scroll to the next mention of the selected entity in the article.
    NextMention,
    /// Scroll to the previous mention of the selected entity in the article.
    PrevMention,

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
    /// Correct the analysis (stored as the user's decision, undoable).
    Edit(Edit),
    /// Undo the last correction (Ctrl+Z).
    Undo,
    /// Redo the last undone correction (Ctrl+Shift+Z).
    Redo,
    /// Open a dialog that asks for what a correction needs (a new name, another entity).
    OpenEditor(Editor),
    /// Close the correction dialog.
    CloseEditor,
    /// Forget the text selection of the text panel.
    ClearTextSelection,
    /// Close the search window.
    CloseSearch,
    /// Show an article with `span` of its text selected and in view (a search hit).
    ShowText {
        /// The article.
        doc: DocId,
        /// The text to show.
        span: Span,
    },
}

/// A correction asked for in the viewer. Entities are named by their id in the dossier shown;
/// the app turns this into a stored correction that names them by their stable key.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Give an entity another canonical name (the old one stays an alias).
    Rename {
        /// The entity.
        entity: EntityId,
        /// Its new name.
        name: String,
    },
    /// Change an entity's type.
    SetType {
        /// The entity.
        entity: EntityId,
        /// The new type.
        entity_type: EntityType,
    },
    /// Merge `absorb` into `keep` (its name becomes an alias of `keep`).
    Merge {
        /// The entity that stays.
        keep: EntityId,
        /// The entity merged into it.
        absorb: EntityId,
    },
    /// Make an alias of an entity an entity of its own.
    SplitAlias {
        /// The entity.
        entity: EntityId,
        /// The alias to split off.
        alias: String,
    },
    /// "Not an entity": the name is never reported again in this dossier.
    Reject {
        /// The entity.
        entity: EntityId,
    },
    /// Mark text of an article as a mention.
    AddMention {
        /// The article.
        doc: DocId,
        /// The text (byte offsets).
        span: Span,
        /// A new entity of this type, or a mention of an existing entity.
        target: MentionTarget,
    },
    /// Remove one mention (the name stays an entity elsewhere).
    RemoveMention {
        /// The article.
        doc: DocId,
        /// The mention's span.
        span: Span,
    },
    /// The one mention at `span` is another entity's or a new entity's.
    ReassignMention {
        /// The article.
        doc: DocId,
        /// The mention's span.
        span: Span,
        /// Where it goes.
        target: MentionTarget,
    },
    /// Set (or clear) the document date of articles, in one step; the timeline follows.
    SetDct {
        /// The articles.
        docs: Vec<DocId>,
        /// The date, `None` to clear.
        date: Option<NaiveDate>,
    },
    /// Take articles out of the dossier, in one step (undo brings them back).
    RemoveDocuments(Vec<DocId>),
    /// Bring a removed article back.
    RestoreDocument(DocId),
}

/// Which dossier-file dialog to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DossierDialog {
    /// Pick an existing dossier.
    Open,
    /// Name a new dossier.
    New,
    /// Name the copy to continue in.
    SaveAs,
    /// Name the file to export to.
    Export(ExportKind),
}

/// What a marked text (or a reassigned mention) becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MentionTarget {
    /// A new entity of this type with this name (empty: the text).
    New {
        /// Its name.
        name: String,
        /// Its type.
        entity_type: EntityType,
    },
    /// A mention of this entity.
    Existing(EntityId),
}

/// A correction dialog.
#[derive(Debug, Clone, PartialEq)]
pub enum Editor {
    /// Ask for a new name of the entity.
    Rename(EntityId),
    /// Ask for the entity to merge this one into.
    MergeInto(EntityId),
    /// Ask which entity the marked text mentions.
    MentionOf {
        /// The article.
        doc: DocId,
        /// The marked text.
        span: Span,
    },
    /// Ask which entity (another, or a new one) one mention is.
    Reassign {
        /// The article.
        doc: DocId,
        /// The mention.
        span: Span,
    },
    /// Confirm removing articles, naming them and what goes with them.
    ConfirmRemove(Vec<DocId>),
    /// Confirm a merge, showing both entities with their counts and articles.
    ConfirmMerge {
        /// The entity that stays.
        keep: EntityId,
        /// The entity merged into it.
        absorb: EntityId,
    },
    /// Confirm "not an entity" everywhere, saying how many mentions in how many articles it
    /// hides.
    ConfirmReject(EntityId),
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
