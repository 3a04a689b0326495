//! The store's commands for the command line: `import`, `export`, `search`, `correct`, `info`.
//! `crate::cli` parses the arguments into the structures below and calls [`run`].
//!
//! Every failure is reported as one line `dossier: FILE: message` on stderr with exit status 1;
//! per-file import errors name the file and the other files are imported.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};

use super::export::{CsvTable, ExportKind};
use super::{ImportOptions, ImportStatus, Store, StoreError};
use crate::analysis::Analyzer;
use crate::cli::LangArg;
use crate::correct::{Correction, EntityRef, LogState, MentionTarget};
use crate::document::ReadOptions;
use crate::model::{DocId, EntityType, Lang, Span};
use crate::offsets::CharIndex;
use crate::registry::name_key;

/// The store's subcommands.
#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Read, analyse and add article files to a dossier (created if missing).
    Import(ImportArgs),
    /// Write a dossier as JSON (everything), CSV (one table) or TimelineJS JSON.
    Export(ExportArgs),
    /// Search the articles (words, "phrases", prefix*) and the entities of a dossier.
    Search(SearchArgs),
    /// Record a correction (or undo/redo one) in a dossier.
    Correct(CorrectArgs),
    /// Print the size and state of a dossier.
    Info {
        /// The dossier.
        file: PathBuf,
    },
    /// Benchmark the store (use a release build): import, reopen, search, corrections.
    BenchStore {
        /// Number of generated articles.
        #[arg(long, default_value_t = 1000)]
        articles: usize,
        /// Approximate size of each article in bytes.
        #[arg(long, default_value_t = 3000)]
        bytes: usize,
        /// Folder for the temporary files (default: the system's temporary folder).
        #[arg(long)]
        dir: Option<PathBuf>,
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
    #[arg(long, value_parser = crate::time::parse_dct_arg)]
    pub dct: Option<NaiveDate>,
    /// For articles that state no date: take the file's modification day.
    #[arg(long)]
    pub assume_mtime: bool,
    /// Analysis threads (default: the number of cores, at most 4).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Largest file accepted, in bytes.
    #[arg(long, default_value_t = crate::document::DEFAULT_MAX_BYTES)]
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

/// Arguments of `dossier correct`.
#[derive(Debug, Args)]
pub struct CorrectArgs {
    /// The dossier.
    pub file: PathBuf,
    /// The correction.
    #[command(subcommand)]
    pub action: CorrectAction,
}

fn parse_type(s: &str) -> Result<EntityType, String> {
    EntityType::parse(s).ok_or_else(|| format!("unknown type '{s}' (PER, ORG, LOC, OTH)"))
}

/// Corrections on the command line. Entities are named by name or alias; `--type` picks one
/// when several entities of different types share the name. Offsets are character offsets, as
/// in the JSON export.
#[derive(Debug, Subcommand)]
pub enum CorrectAction {
    /// Give an entity another name (the old one stays as alias).
    Rename {
        /// The entity.
        entity: String,
        /// Its new name.
        name: String,
        /// The entity's type.
        #[arg(long = "type", value_parser = parse_type)]
        entity_type: Option<EntityType>,
    },
    /// Change an entity's type.
    Retype {
        /// The entity.
        entity: String,
        /// PER, ORG, LOC or OTH.
        #[arg(value_parser = parse_type)]
        new_type: EntityType,
        /// The entity's current type.
        #[arg(long = "type", value_parser = parse_type)]
        entity_type: Option<EntityType>,
    },
    /// Merge the second entity into the first.
    Merge {
        /// The entity that stays.
        survivor: String,
        /// The entity joined into it.
        merged: String,
        /// The entities' type.
        #[arg(long = "type", value_parser = parse_type)]
        entity_type: Option<EntityType>,
    },
    /// Split an alias off an entity into an entity of its own.
    Split {
        /// The entity.
        entity: String,
        /// The alias.
        alias: String,
        /// The entity's type.
        #[arg(long = "type", value_parser = parse_type)]
        entity_type: Option<EntityType>,
    },
    /// "Not an entity": remove a name everywhere, now and in articles added later.
    Reject {
        /// The name.
        name: String,
        /// Only as this type (default: any).
        #[arg(long = "type", value_parser = parse_type)]
        entity_type: Option<EntityType>,
    },
    /// Mark characters START..END of article DOC as a mention.
    AddMention {
        /// Article id (`3` or `d3`).
        doc: String,
        /// First character.
        start: usize,
        /// One past the last character.
        end: usize,
        /// Of this existing entity.
        #[arg(long, conflicts_with = "new")]
        entity: Option<String>,
        /// Of a new entity with this name (default: the marked text).
        #[arg(long)]
        new: Option<String>,
        /// Type (required for a new entity).
        #[arg(long = "type", value_parser = parse_type)]
        entity_type: Option<EntityType>,
    },
    /// Remove the mentions overlapping characters START..END of article DOC.
    RemoveMention {
        /// Article id.
        doc: String,
        /// First character.
        start: usize,
        /// One past the last character.
        end: usize,
    },
    /// Set an article's document date (YYYY-MM-DD), or `none` to clear it.
    Dct {
        /// Article id.
        doc: String,
        /// The date or `none`.
        date: String,
    },
    /// Undo the last correction.
    Undo,
    /// Redo the last undone correction.
    Redo,
    /// List the corrections.
    Log,
}

/// Runs a store command.
pub fn run(command: StoreCommand) -> ExitCode {
    match command {
        StoreCommand::Import(args) => import(&args),
        StoreCommand::Export(args) => edge(&args.file.clone(), export(&args)),
        StoreCommand::Search(args) => edge(&args.file.clone(), search(&args)),
        StoreCommand::Correct(args) => edge(&args.file.clone(), correct(args)),
        StoreCommand::Info { file } => edge(&file, info(&file)),
        StoreCommand::BenchStore {
            articles,
            bytes,
            dir,
        } => match super::bench::run(articles, bytes, &dir.unwrap_or_else(std::env::temp_dir)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("dossier: {e}");
                ExitCode::FAILURE
            }
        },
    }
}

type CmdResult = Result<(), CmdError>;

/// A command's failure: a store error (reported with the file name) or another message.
#[derive(Debug)]
enum CmdError {
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

fn edge(file: &Path, result: CmdResult) -> ExitCode {
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
    let mut read = ReadOptions::new().max_bytes(args.max_size);
    match args.lang {
        LangArg::Auto => {}
        LangArg::De => read = read.lang(Lang::De),
        LangArg::En => read = read.lang(Lang::En),
    }
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

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn write_out(out: Option<&Path>, text: &str) -> CmdResult {
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

fn parse_doc(s: &str) -> Result<DocId, String> {
    s.trim_start_matches('d')
        .parse::<u32>()
        .map(DocId)
        .map_err(|_| format!("'{s}' is not an article id (e.g. 3 or d3)"))
}

/// Finds the entity named `name` (name or alias) to build a reference.
fn entity_ref(store: &Store, name: &str, ty: Option<EntityType>) -> Result<EntityRef, CmdError> {
    let key = name_key(name);
    let entities = store.entities()?;
    let matches = |e: &super::EntitySummary| ty.is_none_or(|t| t == e.entity_type);
    let found = entities
        .iter()
        .filter(|e| matches(e))
        .find(|e| name_key(&e.name) == key)
        .or_else(|| {
            entities
                .iter()
                .filter(|e| matches(e))
                .find(|e| e.aliases.iter().any(|a| name_key(a) == key))
        });
    match found {
        Some(e) => Ok(EntityRef::new(e.entity_type, e.name.clone())),
        None => Err(CmdError::Other(format!(
            "no entity named “{name}” in the dossier"
        ))),
    }
}

/// Byte span of characters `start..end` of article `doc`, and its text.
fn byte_span(
    store: &Store,
    doc: DocId,
    start: usize,
    end: usize,
) -> Result<(Span, String), CmdError> {
    let (d, _) = store.document(doc)?;
    let byte = |c: usize| {
        d.text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(d.text.len()))
            .nth(c)
    };
    match (byte(start), byte(end)) {
        (Some(s), Some(e)) if s < e => {
            let span = Span::new(s, e);
            Ok((span, span.slice(&d.text).to_string()))
        }
        _ => Err(CmdError::Other(format!(
            "characters {start}..{end} are not a range of the text of {doc}"
        ))),
    }
}

fn correct(args: CorrectArgs) -> CmdResult {
    let mut store = Store::open(&args.file)?;
    let correction = match args.action {
        CorrectAction::Undo => {
            match store.undo()? {
                Some(c) => println!("undone: {c}"),
                None => println!("nothing to undo"),
            }
            return Ok(());
        }
        CorrectAction::Redo => {
            match store.redo()? {
                Some(c) => println!("redone: {c}"),
                None => println!("nothing to redo"),
            }
            return Ok(());
        }
        CorrectAction::Log => {
            let mut out = String::new();
            for e in store.corrections()?.entries() {
                let state = match e.state {
                    LogState::Active => "active",
                    LogState::Undone => "undone",
                    LogState::Discarded => "discarded",
                };
                out.push_str(&format!("{:>4} {state:<9} {}\n", e.seq, e.correction));
            }
            return write_out(None, &out);
        }
        CorrectAction::Rename {
            entity,
            name,
            entity_type,
        } => Correction::Rename {
            entity: entity_ref(&store, &entity, entity_type)?,
            name,
        },
        CorrectAction::Retype {
            entity,
            new_type,
            entity_type,
        } => Correction::ChangeType {
            entity: entity_ref(&store, &entity, entity_type)?,
            entity_type: new_type,
        },
        CorrectAction::Merge {
            survivor,
            merged,
            entity_type,
        } => Correction::Merge {
            survivor: entity_ref(&store, &survivor, entity_type)?,
            merged: entity_ref(&store, &merged, entity_type)?,
        },
        CorrectAction::Split {
            entity,
            alias,
            entity_type,
        } => Correction::SplitAlias {
            entity: entity_ref(&store, &entity, entity_type)?,
            alias,
        },
        CorrectAction::Reject { name, entity_type } => Correction::Reject { name, entity_type },
        CorrectAction::AddMention {
            doc,
            start,
            end,
            entity,
            new,
            entity_type,
        } => {
            let doc = parse_doc(&doc)?;
            let (span, text) = byte_span(&store, doc, start, end)?;
            let target = match entity {
                Some(name) => MentionTarget::Entity {
                    entity: entity_ref(&store, &name, entity_type)?,
                },
                None => MentionTarget::New {
                    name: new.unwrap_or_else(|| text.trim().to_string()),
                    entity_type: entity_type
                        .ok_or_else(|| "a new entity needs --type PER|ORG|LOC|OTH".to_string())?,
                },
            };
            Correction::AddMention {
                doc,
                span,
                text,
                target,
            }
        }
        CorrectAction::RemoveMention { doc, start, end } => {
            let doc = parse_doc(&doc)?;
            let (span, _) = byte_span(&store, doc, start, end)?;
            Correction::RemoveMention { doc, span }
        }
        CorrectAction::Dct { doc, date } => {
            let doc = parse_doc(&doc)?;
            store.document(doc)?;
            let date = if date.eq_ignore_ascii_case("none") {
                None
            } else {
                Some(crate::time::parse_dct_arg(&date).map_err(|e| e.to_string())?)
            };
            Correction::SetDct { doc, date }
        }
    };
    let seq = store.apply(&correction)?;
    println!("{seq}: {correction}");
    Ok(())
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
