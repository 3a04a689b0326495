//! The undo/redo history of corrections.

use serde::{Deserialize, Serialize};

use super::Correction;

/// The state of a correction in the [`CorrectionLog`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogState {
    /// In force.
    Active,
    /// Undone; can be redone.
    Undone,
    /// Undone and then superseded by a new correction; kept for the record only.
    Discarded,
}

impl LogState {
    /// The number stored for the state (0 active, 1 undone, 2 discarded).
    pub fn code(self) -> i64 {
        match self {
            LogState::Active => 0,
            LogState::Undone => 1,
            LogState::Discarded => 2,
        }
    }

    /// The state of a stored number.
    pub fn from_code(code: i64) -> Option<LogState> {
        match code {
            0 => Some(LogState::Active),
            1 => Some(LogState::Undone),
            2 => Some(LogState::Discarded),
            _ => None,
        }
    }
}

/// One correction in the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    /// Position in the log (increasing, never reused).
    pub seq: u64,
    /// The decision.
    pub correction: Correction,
    /// Whether it is in force.
    pub state: LogState,
}

/// The undo/redo history of corrections: append-only; undo and redo only change states.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CorrectionLog {
    entries: Vec<LogEntry>,
}

impl CorrectionLog {
    /// An empty log.
    pub fn new() -> Self {
        Self::default()
    }

    /// A log of stored entries (sorted by `seq`).
    pub fn from_entries(mut entries: Vec<LogEntry>) -> Self {
        entries.sort_by_key(|e| e.seq);
        Self { entries }
    }

    /// All entries, oldest first.
    pub fn entries(&self) -> &[LogEntry] {
        &self.entries
    }

    /// Appends a correction; corrections waiting to be redone are discarded. Returns its `seq`.
    pub fn push(&mut self, correction: Correction) -> u64 {
        for e in self.entries.iter_mut() {
            if e.state == LogState::Undone {
                e.state = LogState::Discarded;
            }
        }
        let seq = self.entries.last().map_or(1, |e| e.seq + 1);
        self.entries.push(LogEntry {
            seq,
            correction,
            state: LogState::Active,
        });
        seq
    }

    /// The entry [`CorrectionLog::undo`] would undo.
    pub fn undo_target(&self) -> Option<&LogEntry> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.state == LogState::Active)
    }

    /// The entry [`CorrectionLog::redo`] would redo: the oldest undone one.
    pub fn redo_target(&self) -> Option<&LogEntry> {
        self.entries.iter().find(|e| e.state == LogState::Undone)
    }

    /// Marks the last active correction undone and returns it.
    pub fn undo(&mut self) -> Option<&Correction> {
        let seq = self.undo_target()?.seq;
        let e = self.entries.iter_mut().find(|e| e.seq == seq)?;
        e.state = LogState::Undone;
        Some(&e.correction)
    }

    /// Re-activates the most recently undone correction and returns it.
    pub fn redo(&mut self) -> Option<&Correction> {
        let seq = self.redo_target()?.seq;
        let e = self.entries.iter_mut().find(|e| e.seq == seq)?;
        e.state = LogState::Active;
        Some(&e.correction)
    }

    /// The corrections in force, oldest first: what [`apply`] takes.
    pub fn active(&self) -> Vec<Correction> {
        self.entries
            .iter()
            .filter(|e| e.state == LogState::Active)
            .map(|e| e.correction.clone())
            .collect()
    }
}
