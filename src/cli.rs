//! The `dossier` command line: argument parsing and the headless commands.
//!
//! Every command reports each error exactly once: per-file problems go to stderr as one line
//! naming the file and the cause, and the command goes on with the other files; the exit status
//! is 1 when any file failed and 2 for unusable arguments.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::analysis::{Analyzer, Dossier};
use crate::document::{ReadOptions, read_path};
use crate::export;
use crate::model::{Dct, DctSource, Lang};

/// Offline dossier viewer: who and what appears where and when in a set of news articles.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, args_conflicts_with_subcommands = true)]
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
    Extract(ExtractArgs),
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

/// Output format of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object for all files.
    Json,
    /// One JSON object per document and line.
    Jsonl,
}

/// Arguments of `dossier extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Language of the documents.
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    pub lang: LangArg,
    /// Document date for every file given (YYYY-MM-DD); overrides dates found in the files.
    #[arg(long, value_parser = parse_dct)]
    pub dct: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,
    /// Largest file accepted, in bytes.
    #[arg(long, default_value_t = crate::document::DEFAULT_MAX_BYTES)]
    pub max_size: u64,
    /// Article files (.txt, .md, .html, .htm, .json, .jsonl).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Parses a `--dct` argument: a real calendar day written `YYYY-MM-DD`.
pub fn parse_dct(s: &str) -> Result<NaiveDate, String> {
    let bytes = s.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err(format!("'{s}' is not a date of the form YYYY-MM-DD"));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("'{s}' is not a day of the calendar"))
}

/// Runs the command line with the process's arguments and returns the exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Extract(args)) => extract(&args),
        Some(Command::Open { files }) => open_viewer(files),
        None => open_viewer(cli.files),
    }
}

#[cfg(feature = "gui")]
fn open_viewer(files: Vec<PathBuf>) -> ExitCode {
    match crate::gui::run(files) {
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

/// Reads, analyses and prints the files of `dossier extract`.
fn extract(args: &ExtractArgs) -> ExitCode {
    let mut opts = ReadOptions::new().max_bytes(args.max_size);
    match args.lang {
        LangArg::Auto => {}
        LangArg::De => opts = opts.lang(Lang::De),
        LangArg::En => opts = opts.lang(Lang::En),
    }
    let analyzer = match Analyzer::new() {
        Ok(analyzer) => analyzer,
        Err(err) => {
            eprintln!("dossier: {err}");
            return ExitCode::FAILURE;
        }
    };
    let mut dossier = Dossier::default();
    let mut failed = false;
    for path in &args.files {
        match read_path(path, &opts) {
            Ok(docs) => {
                for mut doc in docs {
                    if let Some(date) = args.dct {
                        doc.dct = Some(Dct {
                            date,
                            source: DctSource::User,
                        });
                    }
                    let analysis = analyzer.analyze(&doc);
                    dossier.insert(doc, analysis);
                }
            }
            Err(err) => {
                eprintln!("dossier: {}: {err}", display_path(path));
                failed = true;
            }
        }
    }
    dossier.rebuild_timeline();
    let out = match args.format {
        ExtractFormat::Json => export::extract_json(&dossier).map(|mut s| {
            s.push('\n');
            s
        }),
        ExtractFormat::Jsonl => export::extract_jsonl(&dossier),
    };
    let out = match out {
        Ok(out) => out,
        Err(err) => {
            eprintln!("dossier: cannot write JSON: {err}");
            return ExitCode::FAILURE;
        }
    };
    // Written in one piece, so that a failure cannot leave half an object on stdout.
    let mut stdout = std::io::stdout().lock();
    if let Err(err) = stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush()) {
        if err.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("dossier: cannot write output: {err}");
        }
        return ExitCode::FAILURE;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn display_path(path: &Path) -> String {
    path.display().to_string()
}
