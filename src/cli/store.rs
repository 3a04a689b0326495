//! The dossier file commands: `import`, `export`, `search`, `info`.
//!
//! Every failure is reported as one line `dossier: FILE: message` on stderr with exit status 1;
//! per-file import errors name the file and the other files are imported.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};

use dossier::analysis::Analyzer;
use dossier::model::{DocId, Span};
use dossier::offsets::CharIndex;
use dossier::store::export::{CsvTable, ExportKind};
use dossier::store::{ImportOptions, ImportStatus, Store, StoreError};

use super::LangArg;

/// The store's subcommands.
#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Read, analyse and add article files to a dossier (created if missing).
    Import(ImportArgs),
    /// Write a dossier as JSON (everything), CSV (one table) or TimelineJS JSON.
    Export(ExportArgs),
    /// Search the articles (words, "phrases", prefix*) and the entities of a dossier.
    Search(SearchArgs),
    /// Print the size and state of a dossier.
    Info {
        /// The dossier.
        file: PathBuf,
    },
}

/// Arguments of `dossier import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The dossier (created if it does not exist).
    #[arg(long, value_name = "FILE.dossier")]
    pub into: PathBuf,
    /// Language of the articles.
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    pub lang: LangArg,
    /// Document date for every article (YYYY-MM-DD).
    #[arg(long, value_parser = dossier::time::parse_dct_arg)]
    pub dct: Option<NaiveDate>,
    /// For articles that state no date: take the file's modification day.
    #[arg(long)]
    pub assume_mtime: bool,
    /// Analysis threads (default: the number of cores, at most 4).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Largest file accepted, in bytes.
    #[arg(long, default_value_t = dossier::document::DEFAULT_MAX_BYTES)]
    pub max_size: u64,
    /// No progress lines, only errors and the summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// Article files (.txt, .md, .html, .htm, .json, .jsonl).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Everything: documents, mentions, time expressions, entities, events, corrections.
    Json,
    /// One table (see `--table`).
    Csv,
    /// The timeline as TimelineJS JSON.
    Timeline,
}

/// CSV tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableArg {
    /// Entities with their counts.
    Entities,
    /// Mentions with article and character offsets.
    Mentions,
    /// Events of the timeline.
    Events,
    /// Articles.
    Documents,
}

/// Arguments of `dossier export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The dossier.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// With `--format csv`: which table.
    #[arg(long, value_enum, default_value_t = TableArg::Entities)]
    pub table: TableArg,
    /// Write here instead of to standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Arguments of `dossier search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The dossier.
    pub file: PathBuf,
    /// Words, "phrases" (quote them for the shell too), prefix*.
    #[arg(required = true)]
    pub query: Vec<String>,
    /// Most hits shown.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Print JSON (character offsets) instead of lines.
    #[arg(long)]
    pub json: bool,
}

/// Runs a store command.
pub fn run(command: StoreCommand) -> ExitCode {
    match command {
        StoreCommand::Import(args) => import(&args),
        StoreCommand::Export(args) => edge(&args.file.clone(), export(&args)),
        StoreCommand::Search(args) => edge(&args.file.clone(), search(&args)),
        StoreCommand::Info { file } => edge(&file, info(&file)),
    }
}

pub(super) type CmdResult = Result<(), CmdError>;

/// A command's failure: a store error (reported with the file name) or another message.
#[derive(Debug)]
pub(super) enum CmdError {
    Store(StoreError),
    Other(String),
}

impl From<StoreError> for CmdError {
    fn from(e: StoreError) -> Self {
        CmdError::Store(e)
    }
}

impl From<String> for CmdError {
    fn from(e: String) -> Self {
        CmdError::Other(e)
    }
}

pub(super) fn edge(file: &Path, result: CmdResult) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CmdError::Store(e)) => {
            eprintln!("dossier: {}: {e}", file.display());
            ExitCode::FAILURE
        }
        Err(CmdError::Other(e)) => {
            eprintln!("dossier: {e}");
            ExitCode::FAILURE
        }
    }
}

fn import(args: &ImportArgs) -> ExitCode {
    let read = args.lang.read_options(args.max_size);
    let mut opts = ImportOptions {
        read,
        dct: args.dct,
        assume_mtime: args.assume_mtime,
        ..ImportOptions::default()
    };
    if let Some(jobs) = args.jobs {
        opts.workers = jobs.max(1);
    }
    let analyzer = match Analyzer::new() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("dossier: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut store = match Store::open_or_create(&args.into) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("dossier: {}: {e}", args.into.display());
            return ExitCode::FAILURE;
        }
    };
    let quiet = args.quiet;
    let mut added = 0usize;
    let result = store.import_paths(&args.files, &analyzer, &opts, &mut |p| {
        let name = p
            .path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        match &p.status {
            ImportStatus::Failed(msg) => eprintln!("dossier: {name}: {msg}"),
            ImportStatus::Duplicate if !quiet => {
                eprintln!("[{}/{}] {name}: already in the dossier", p.done, p.total)
            }
            ImportStatus::Added(_) => {
                added += 1;
                if !quiet {
                    eprintln!("[{}/{}] {name}", p.done, p.total);
                }
            }
            _ => {}
        }
    });
    match result {
        Ok(report) => {
            let mut extra = Vec::new();
            if !report.duplicates.is_empty() {
                extra.push(format!(
                    "{} already in the dossier",
                    plural(report.duplicates.len(), "document", "documents")
                ));
            }
            if !report.failed.is_empty() {
                extra.push(format!(
                    "{} failed",
                    plural(report.failed.len(), "file", "files")
                ));
            }
            let extra = if extra.is_empty() {
                String::new()
            } else {
                format!(" ({})", extra.join(", "))
            };
            eprintln!(
                "dossier: imported {} into {}{extra}",
                plural(report.added.len(), "document", "documents"),
                args.into.display()
            );
            if report.failed.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("dossier: {}: {e}", args.into.display());
            ExitCode::FAILURE
        }
    }
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(super) fn write_out(out: Option<&Path>, text: &str) -> CmdResult {
    match out {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| CmdError::Other(format!("{}: cannot write: {e}", path.display()))),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(CmdError::Other(format!("cannot write output: {e}")))
                }
                _ => Ok(()),
            }
        }
    }
}

fn export(args: &ExportArgs) -> CmdResult {
    let store = Store::open(&args.file)?;
    let text = store.export_text(match args.format {
        ExportFormat::Json => ExportKind::Json,
        ExportFormat::Timeline => ExportKind::Timeline,
        ExportFormat::Csv => ExportKind::Csv(match args.table {
            TableArg::Entities => CsvTable::Entities,
            TableArg::Mentions => CsvTable::Mentions,
            TableArg::Events => CsvTable::Events,
            TableArg::Documents => CsvTable::Documents,
        }),
    })?;
    write_out(args.out.as_deref(), &text)
}

fn search(args: &SearchArgs) -> CmdResult {
    let store = Store::open(&args.file)?;
    let query = args.query.join(" ");
    let entities = store.search_entities(&query)?;
    let hits = store.search(&query, args.limit)?;
    let mut texts: std::collections::HashMap<DocId, CharIndex> = Default::default();
    let mut chars = |doc: DocId, span: Span| -> Result<(usize, usize), StoreError> {
        if let std::collections::hash_map::Entry::Vacant(slot) = texts.entry(doc) {
            let (d, _) = store.document(doc)?;
            slot.insert(CharIndex::new(&d.text));
        }
        Ok(texts
            .get(&doc)
            .map(|i| (i.char_offset(span.start), i.char_offset(span.end)))
            .unwrap_or((0, 0)))
    };
    let mut out = String::new();
    if args.json {
        let mut hit_values = Vec::new();
        for h in &hits {
            let (start, end) = chars(h.doc, h.span)?;
            hit_values.push(serde_json::json!({
                "document": h.doc.0, "title": h.title, "start": start, "end": end,
                "snippet": h.snippet,
            }));
        }
        let value = serde_json::json!({
            "entities": entities.iter().take(args.limit).map(|h| serde_json::json!({
                "id": h.entity.id.0, "name": h.entity.name, "type": h.entity.entity_type,
                "aliases": h.entity.aliases, "matched": h.matched,
                "mentions": h.entity.mentions, "documents": h.entity.documents,
            })).collect::<Vec<_>>(),
            "hits": hit_values,
        });
        out = serde_json::to_string_pretty(&value).map_err(|e| CmdError::Store(e.into()))?;
        out.push('\n');
    } else {
        for h in entities.iter().take(args.limit) {
            let e = &h.entity;
            out.push_str(&format!(
                "entity e{} {} {} — {} in {}{}\n",
                e.id.0,
                e.entity_type,
                e.name,
                plural(e.mentions, "mention", "mentions"),
                plural(e.documents, "article", "articles"),
                if e.aliases.is_empty() {
                    String::new()
                } else {
                    format!(" (also: {})", e.aliases.join(", "))
                }
            ));
        }
        for h in &hits {
            let (start, end) = chars(h.doc, h.span)?;
            out.push_str(&format!(
                "d{} {}..{} {}: {}\n",
                h.doc.0, start, end, h.title, h.snippet
            ));
        }
        if entities.is_empty() && hits.is_empty() {
            eprintln!("dossier: nothing found for {query}");
        }
    }
    write_out(None, &out)
}

fn info(file: &Path) -> CmdResult {
    let store = Store::open(file)?;
    let log = store.corrections()?;
    let active = log.active().len();
    println!(
        "{}: schema {}, {}, {}, {} ({} in force){}",
        file.display(),
        store.schema_version()?,
        plural(store.document_count()?, "article", "articles"),
        plural(store.entities()?.len(), "entity", "entities"),
        plural(log.entries().len(), "correction", "corrections"),
        active,
        if store.is_read_only() {
            ", read-only"
        } else {
            ""
        }
    );
    Ok(())
}
