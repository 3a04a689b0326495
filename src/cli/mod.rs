//! The `dossier` command line: argument parsing and dispatch, one file per command group.
//!
//! - [`extract`]: `dossier extract` (analyse files, print JSON);
//! - [`store`]: the dossier file commands `import`, `export`, `search`, `info`;
//! - [`correct`]: `dossier correct` (corrections, undo, redo, log);
//! - [`dev`]: developer tooling (`tag`, `eval`, `train`, `bench`, `bench-store`), which calls
//!   [`dossier::dev`].
//!
//! Every command reports each error exactly once: per-file problems go to stderr as one line
//! naming the file and the cause, and the command goes on with the other files; the exit status
//! is 1 when any file failed and 2 for unusable arguments. This module is part of the binary:
//! the library never sees clap.

mod correct;
mod dev;
mod extract;
mod store;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use dossier::document::ReadOptions;
use dossier::model::Lang;

/// Offline dossier viewer: who and what appears where and when in a set of news articles.
#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Article files to open in the viewer.
    pub files: Vec<PathBuf>,
    /// A command; without one, the viewer starts.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open files in the viewer.
    Open {
        /// Article files.
        files: Vec<PathBuf>,
    },
    /// Analyse article files and print documents, entities, time expressions and events.
    Extract(extract::ExtractArgs),
    /// Dossier files: import, export, search, info.
    #[command(flatten)]
    Store(store::StoreCommand),
    /// Record a correction (or undo/redo one) in a dossier.
    Correct(correct::CorrectArgs),
    /// Developer tooling: tag, eval, train, bench, bench-store.
    #[command(flatten)]
    Dev(dev::DevCommand),
}

/// Language choice on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Detect per document.
    Auto,
    /// German.
    De,
    /// English.
    En,
}

impl LangArg {
    /// Read options with this language choice and the size limit `max_bytes`.
    pub fn read_options(self, max_bytes: u64) -> ReadOptions {
        let opts = ReadOptions::new().max_bytes(max_bytes);
        match self {
            LangArg::Auto => opts,
            LangArg::De => opts.lang(Lang::De),
            LangArg::En => opts.lang(Lang::En),
        }
    }
}

/// Runs the command line with the process's arguments and returns the exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Extract(args)) => extract::run(&args),
        Some(Command::Open { files }) => open_viewer(files),
        Some(Command::Store(command)) => store::run(command),
        Some(Command::Correct(args)) => correct::run(args),
        Some(Command::Dev(command)) => dev::run(command),
        None => open_viewer(cli.files),
    }
}

#[cfg(feature = "gui")]
fn open_viewer(files: Vec<PathBuf>) -> ExitCode {
    match dossier::gui::run(files) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("dossier: {err}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_viewer(_files: Vec<PathBuf>) -> ExitCode {
    eprintln!(
        "dossier: this build has no viewer (built without the `gui` feature); use `dossier extract FILE...`"
    );
    ExitCode::from(2)
}
