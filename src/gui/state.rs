//! The viewer's state as panels see it: what is shown and selected, the navigation history,
//! preferences, notifications and the log.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::analysis::Dossier;
use crate::model::{DocId, EntityId, EventId, Mention, Span, Timex};

/// Something the user can select. Every panel highlights the same selection. Items are named by
/// stable keys (ids, an article and a span), so a selection survives corrections and a new
/// analysis as long as what it names is still there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    /// An article.
    Document(DocId),
    /// An entity of the dossier.
    Entity(EntityId),
    /// One mention, by its place in an article.
    Mention {
        /// The article.
        doc: DocId,
        /// Where the mention stands in its text.
        span: Span,
    },
    /// An event of the timeline.
    Event(EventId),
    /// One time expression, by its place in an article.
    Timex {
        /// The article.
        doc: DocId,
        /// Where it stands in its text.
        span: Span,
    },
}

impl Item {
    /// The mention this item names, with its index in the article's mentions.
    pub fn mention<'a>(&self, dossier: &'a Dossier) -> Option<(usize, &'a Mention)> {
        let Item::Mention { doc, span } = *self else {
            return None;
        };
        let (_, analysis) = dossier.document(doc)?;
        let i = analysis
            .mentions
            .partition_point(|m| m.span.start < span.start);
        let m = analysis.mentions.get(i).filter(|m| m.span == span)?;
        Some((i, m))
    }

    /// The time expression this item names, with its index in the article's time expressions.
    pub fn timex<'a>(&self, dossier: &'a Dossier) -> Option<(usize, &'a Timex)> {
        let Item::Timex { doc, span } = *self else {
            return None;
        };
        let (_, analysis) = dossier.document(doc)?;
        analysis
            .timexes
            .iter()
            .enumerate()
            .find(|(_, t)| t.span == span)
    }
}

/// Where the user is: the article shown and the selected item. The history holds these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Location {
    /// The article shown in the text panel.
    pub doc: Option<DocId>,
    /// The selection.
    pub item: Option<Item>,
}

impl Location {
    /// The entity the selection is about (an entity, or the entity of a selected mention).
    pub fn entity(&self, dossier: &Dossier) -> Option<EntityId> {
        match self.item? {
            Item::Entity(e) => Some(e),
            item @ Item::Mention { .. } => item.mention(dossier).map(|(_, m)| m.entity),
            _ => None,
        }
    }

    /// The selected event.
    pub fn event(&self) -> Option<EventId> {
        match self.item? {
            Item::Event(e) => Some(e),
            _ => None,
        }
    }
}

/// The current location with back/forward history (like a browser).
#[derive(Debug, Clone, Default)]
pub struct Navigation {
    history: Vec<Location>,
    cursor: usize,
    current: Location,
}

/// The most locations kept for "back".
const HISTORY_LIMIT: usize = 200;

impl Navigation {
    /// Where the user is.
    pub fn current(&self) -> Location {
        self.current
    }

    /// Goes to `to`, dropping any forward history. Does nothing when `to` is where we are.
    pub fn go(&mut self, to: Location) {
        if to == self.current {
            return;
        }
        self.history.truncate(self.cursor);
        self.history.push(self.current);
        if self.history.len() > HISTORY_LIMIT {
            self.history.remove(0);
        }
        self.cursor = self.history.len();
        self.current = to;
    }

    /// Changes the current location without a history entry (stepping through mentions).
    pub fn replace(&mut self, to: Location) {
        self.current = to;
    }

    /// True when there is somewhere to go back to.
    pub fn can_back(&self) -> bool {
        self.cursor > 0
    }

    /// True when there is somewhere to go forward to.
    pub fn can_forward(&self) -> bool {
        self.cursor + 1 < self.history.len()
    }

    /// Goes back; returns false when there is no history.
    pub fn back(&mut self) -> bool {
        if !self.can_back() {
            return false;
        }
        if self.cursor == self.history.len() {
            self.history.push(self.current);
        } else {
            self.history[self.cursor] = self.current;
        }
        self.cursor -= 1;
        self.current = self.history[self.cursor];
        true
    }

    /// Goes forward; returns false at the newest location.
    pub fn forward(&mut self) -> bool {
        if self.cursor + 1 >= self.history.len() {
            return false;
        }
        self.history[self.cursor] = self.current;
        self.cursor += 1;
        self.current = self.history[self.cursor];
        if self.cursor + 1 == self.history.len() {
            self.history.pop();
        }
        true
    }

    /// Drops the history entries whose article is no longer in `dossier` (removed).
    pub fn retain_valid(&mut self, dossier: &Dossier) {
        let there = |l: &Location| l.doc.is_none_or(|d| dossier.doc_index(d).is_some());
        let before = self.history.len();
        let mut kept_before_cursor = 0;
        let mut i = 0;
        self.history.retain(|l| {
            let keep = there(l);
            if keep && i < self.cursor {
                kept_before_cursor += 1;
            }
            i += 1;
            keep
        });
        if self.history.len() != before {
            self.cursor = kept_before_cursor.min(self.history.len());
        }
    }

    /// Removes every trace of a closed article from the history.
    pub fn forget_doc(&mut self, doc: DocId) {
        let refers = |l: &Location| {
            l.doc == Some(doc)
                || matches!(l.item, Some(Item::Document(d)) | Some(Item::Mention { doc: d, .. }) | Some(Item::Timex { doc: d, .. }) if d == doc)
        };
        self.history.retain(|l| !refers(l));
        self.cursor = self.cursor.min(self.history.len());
        if refers(&self.current) {
            self.current = Location::default();
        }
    }
}

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ThemePref {
    /// Follow the operating system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// Which entities the entity list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Scope {
    /// Those of the article shown.
    #[default]
    Article,
    /// Those of the whole dossier.
    Dossier,
}

/// How the entity list is sorted inside each type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum SortBy {
    /// Most mentions first.
    #[default]
    Count,
    /// Alphabetically.
    Name,
}

/// Preferences kept between runs (eframe storage).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Colour theme.
    pub theme: ThemePref,
    /// Entity list scope.
    pub scope: Scope,
    /// Entity list order.
    pub sort: SortBy,
    /// Show the timeline panel.
    pub show_timeline: bool,
    /// Show the entity card panel.
    pub show_card: bool,
    /// Show the log panel.
    pub show_log: bool,
    /// Recently opened files, newest first.
    pub recent: Vec<PathBuf>,
    /// Recently used dossier files, newest first (the first one is reopened at start).
    pub recent_dossiers: Vec<PathBuf>,
    /// The article last shown in each recent dossier (id number), newest first: a dossier
    /// opens where the user left it.
    pub last_article: Vec<(PathBuf, u32)>,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            theme: ThemePref::System,
            scope: Scope::Article,
            sort: SortBy::Count,
            show_timeline: true,
            show_card: true,
            show_log: false,
            recent: Vec::new(),
            recent_dossiers: Vec::new(),
            last_article: Vec::new(),
        }
    }
}

impl Prefs {
    /// The key under which the preferences are stored.
    pub const STORAGE_KEY: &'static str = "dossier-prefs";
    /// How many recent files are remembered.
    pub const RECENT_LIMIT: usize = 10;

    /// Puts `path` first in the recent files.
    pub fn remember(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(Self::RECENT_LIMIT);
    }

    /// Remembers `doc` as the article shown in the dossier at `path`.
    pub fn remember_article(&mut self, path: &std::path::Path, doc: DocId) {
        if self
            .last_article
            .first()
            .is_some_and(|(p, d)| p == path && *d == doc.0)
        {
            return;
        }
        self.last_article.retain(|(p, _)| p != path);
        self.last_article.insert(0, (path.to_path_buf(), doc.0));
        self.last_article.truncate(Self::RECENT_LIMIT);
    }

    /// The article last shown in the dossier at `path`.
    pub fn last_article(&self, path: &std::path::Path) -> Option<DocId> {
        self.last_article
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, d)| DocId(*d))
    }

    /// Puts the dossier file `path` first in the recent dossiers.
    pub fn remember_dossier(&mut self, path: PathBuf) {
        self.recent_dossiers.retain(|p| p != &path);
        self.recent_dossiers.insert(0, path);
        self.recent_dossiers.truncate(Self::RECENT_LIMIT);
    }
}

/// How serious a notification is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// For information.
    Info,
    /// Something failed.
    Error,
}

/// A dismissible message (also kept in the log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// Identifies it for dismissal.
    pub id: u64,
    /// Severity.
    pub level: Level,
    /// The message.
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(d: u32) -> Location {
        Location {
            doc: Some(DocId(d)),
            item: None,
        }
    }

    #[test]
    fn back_and_forward() {
        let mut nav = Navigation::default();
        assert!(!nav.can_back());
        nav.go(at(1));
        nav.go(at(2));
        nav.go(at(3));
        assert!(nav.back());
        assert_eq!(nav.current(), at(2));
        assert!(nav.back());
        assert_eq!(nav.current(), at(1));
        assert!(nav.can_forward());
        assert!(nav.forward());
        assert_eq!(nav.current(), at(2));
        assert!(nav.forward());
        assert_eq!(nav.current(), at(3));
        assert!(!nav.forward());
        // Going somewhere new drops the forward history.
        nav.back();
        nav.go(at(4));
        assert!(!nav.forward());
        nav.back();
        assert_eq!(nav.current(), at(2));
    }

    #[test]
    fn same_location_is_not_recorded() {
        let mut nav = Navigation::default();
        nav.go(at(1));
        nav.go(at(1));
        assert!(nav.back());
        assert_eq!(nav.current(), Location::default());
        assert!(!nav.back());
    }

    #[test]
    fn closing_forgets() {
        let mut nav = Navigation::default();
        nav.go(at(1));
        nav.go(at(2));
        nav.forget_doc(DocId(2));
        assert_eq!(nav.current(), Location::default());
        nav.back();
        assert_ne!(nav.current().doc, Some(DocId(2)));
    }

    #[test]
    fn recent_files() {
        let mut prefs = Prefs::default();
        for i in 0..12 {
            prefs.remember(PathBuf::from(format!("{i}.txt")));
        }
        prefs.remember(PathBuf::from("5.txt"));
        assert_eq!(prefs.recent.len(), Prefs::RECENT_LIMIT);
        assert_eq!(prefs.recent[0], PathBuf::from("5.txt"));
        assert_eq!(prefs.recent[1], PathBuf::from("11.txt"));
    }
}
