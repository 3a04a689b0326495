//! `dossier extract`: read and analyse article files and print the analysis as JSON.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use dossier::analysis::{Analyzer, Dossier};
use dossier::document::read_path;
use dossier::export;
use dossier::model::{Dct, DctSource};

use super::LangArg;

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
    #[arg(long, value_parser = dossier::time::parse_dct_arg)]
    pub dct: Option<NaiveDate>,
    /// For files that state no date: take the file's modification time as the document date,
    /// reported with source `file-mtime` (an assumption, not a fact of the article).
    #[arg(long)]
    pub assume_mtime: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,
    /// Largest file accepted, in bytes.
    #[arg(long, default_value_t = dossier::document::DEFAULT_MAX_BYTES)]
    pub max_size: u64,
    /// Article files (.txt, .md, .html, .htm, .json, .jsonl).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Reads, analyses and prints the files of `dossier extract`.
pub fn run(args: &ExtractArgs) -> ExitCode {
    let opts = args.lang.read_options(args.max_size);
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
                    } else if doc.dct.is_none() && args.assume_mtime {
                        doc.dct = file_mtime(path).map(|date| Dct {
                            date,
                            source: DctSource::FileMtime,
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
    // Names found in one article are looked for in all (as in a dossier file).
    if let Err(err) = dossier::spread::finish_batch(&mut dossier) {
        eprintln!("dossier: {err}");
        return ExitCode::FAILURE;
    }
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
    if let Err(err) = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
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

/// The local calendar day of a file's last modification.
fn file_mtime(path: &Path) -> Option<NaiveDate> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(chrono::DateTime::<chrono::Local>::from(modified).date_naive())
}

fn display_path(path: &Path) -> String {
    path.display().to_string()
}
