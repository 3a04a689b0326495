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
    Extract(ExtractArgs),
    /// Tag pre-tokenised text (one token per line or GermEval TSV, blank line between
    /// sentences) and print `token<TAB>tag` lines.
    Tag {
        /// Output format.
        #[arg(long, value_enum, default_value_t = TagFormat::Conll)]
        format: TagFormat,
        /// Model file instead of the shipped model.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Input file.
        file: PathBuf,
    },
    /// Score the shipped analysis against annotated data.
    Eval {
        /// What to score.
        #[command(subcommand)]
        what: EvalCommand,
    },
    /// Train the entity tagger from the shared data.
    Train {
        /// What to train.
        #[command(subcommand)]
        what: TrainCommand,
    },
    /// Dossier files: import, export, search, correct, info.
    #[command(flatten)]
    Store(crate::store::cmd::StoreCommand),
    /// Measure the speed of each analysis stage (use a release build).
    Bench {
        /// Article files; without any, at least 1 MB of German text from ../shared.
        files: Vec<PathBuf>,
    },
}

/// Output format of `tag`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TagFormat {
    /// `token<TAB>tag`, a blank line after each sentence.
    Conll,
}

/// `dossier eval ...`
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Strict chunk precision, recall and F1 of the tagger on a GermEval-format file.
    Ner {
        /// Gold file (GermEval TSV).
        gold: PathBuf,
        /// Which sentences: `all`, `holdout` (every 5th, kept out of training for the figure in
        /// assets/ner/SOURCES.md) or `train`.
        #[arg(long, default_value = "all")]
        split: String,
        /// With `--split holdout`: score fold K (sentences with index `i % 5 == K`) instead of
        /// fold 4, e.g. with a fold model from `examples/ner_boost.rs`.
        #[arg(long, value_name = "K", value_parser = clap::value_parser!(u8).range(0..5))]
        fold: Option<u8>,
        /// Model file instead of the shipped model.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Score the whole recogniser (tagger, lexicons, rules, resolution) instead of the
        /// tagger alone.
        #[arg(long)]
        pipeline: bool,
    },
    /// Time expressions on a folder of TimeML (`.tml`) files: relaxed-span and value F1.
    Timex {
        /// Folder with `.tml` files.
        dir: PathBuf,
        /// `all`, `dev` (4 of every 5 files) or `heldout` (every 5th file).
        #[arg(long, default_value = "all")]
        split: String,
    },
    /// English entities on the annotated TimeBank articles (assets/eval/ner-en-timebank.tsv):
    /// strict mention precision, recall and F1 per label.
    NerEn {
        /// TimeBank folder (default: ../shared/data/timebank).
        #[arg(long)]
        dir: Option<PathBuf>,
        /// `all`, `tune` (the articles the rules were tuned on) or `heldout`.
        #[arg(long, default_value = "all")]
        split: String,
        /// Also list every false positive, false negative and wrong canonical name.
        #[arg(long)]
        errors: bool,
    },
    /// Cross-article entity identity on a folder of articles with a `gold.tsv`
    /// (default: tests/fixtures/identity): pairwise and B-cubed precision/recall.
    Identity {
        /// Folder with the articles and `gold.tsv`.
        dir: Option<PathBuf>,
        /// Also list gold entities split over several dossier entities and wrong joins.
        #[arg(long)]
        errors: bool,
    },
    /// German time expressions on the SmartData corpus (`dev.json.gz`): span F1.
    TimexDe {
        /// The SmartData file.
        file: PathBuf,
    },
}

/// `dossier train ...`
#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// The entity tagger (deterministic: the same data gives the same model).
    Ner(TrainNerArgs),
}

/// Arguments of `dossier train ner`.
#[derive(Debug, Args)]
pub struct TrainNerArgs {
    /// Where to write the model.
    #[arg(long, default_value = "assets/ner/model.bin")]
    pub out: PathBuf,
    /// `every5` keeps every 5th GermEval sentence out of training and scores it; `none` trains
    /// on everything.
    #[arg(long, default_value = "none")]
    pub holdout: String,
    /// Perceptron epochs.
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Penalty on `O` scores stored in the model.
    #[arg(long)]
    pub o_bias: Option<f32>,
    /// Word-class list to embed (`word<TAB>flags`, built by `tools/ner_wordclasses.py`).
    #[arg(long)]
    pub wordclasses: Option<PathBuf>,
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
    #[arg(long, value_parser = crate::time::parse_dct_arg)]
    pub dct: Option<NaiveDate>,
    /// For files that state no date: take the file's modification time as the document date,
    /// reported with source `file-mtime` (an assumption, not a fact of the article).
    #[arg(long)]
    pub assume_mtime: bool,
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

/// Runs the command line with the process's arguments and returns the exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Extract(args)) => extract(&args),
        Some(Command::Open { files }) => open_viewer(files),
        Some(Command::Tag {
            format,
            model,
            file,
        }) => report(tag(format, model.as_deref(), &file)),
        Some(Command::Eval { what }) => report(eval(what)),
        Some(Command::Train {
            what: TrainCommand::Ner(args),
        }) => report(train_ner(&args)),
        Some(Command::Bench { files }) => report(bench(&files)),
        Some(Command::Store(command)) => crate::store::cmd::run(command),
        None => open_viewer(cli.files),
    }
}

/// A command's failure, reported once by [`report`].
type CommandResult = Result<(), Box<dyn std::error::Error>>;

fn report(result: CommandResult) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("dossier: {err}");
            ExitCode::FAILURE
        }
    }
}

fn tag(format: TagFormat, model: Option<&Path>, file: &Path) -> CommandResult {
    use crate::ner::corpus::{read_conll_tokens, write_conll};
    use crate::ner::{Lexicon, Tagger};
    let TagFormat::Conll = format;
    let loaded;
    let tagger: &Tagger = match model {
        Some(path) => {
            loaded = crate::ner::eval::load_model(path)?;
            &loaded
        }
        None => Tagger::embedded()?,
    };
    let lexicon = Lexicon::embedded()?;
    let input = std::fs::File::open(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let sentences = read_conll_tokens(std::io::BufReader::new(input))
        .map_err(|e| format!("{}: {e}", file.display()))?;
    let tagged: Vec<_> = sentences
        .into_iter()
        .map(|tokens| {
            let words: Vec<&str> = tokens.iter().map(String::as_str).collect();
            let tags = tagger
                .tag(&words, Some(lexicon))
                .into_iter()
                .map(|(tag, _)| tag)
                .collect();
            (tokens, tags)
        })
        .collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    write_conll(&mut out, &tagged)?;
    out.flush()?;
    Ok(())
}

fn eval(what: EvalCommand) -> CommandResult {
    match what {
        EvalCommand::Ner {
            gold,
            split,
            fold,
            model,
            pipeline,
        } => {
            let split = match (split.parse()?, fold) {
                (crate::ner::eval::Split::Holdout, Some(k)) => {
                    crate::ner::eval::Split::HoldoutFold(usize::from(k))
                }
                (_, Some(_)) => return Err("--fold needs --split holdout".into()),
                (split, None) => split,
            };
            let scores = if pipeline {
                crate::ner::eval::evaluate_pipeline(&gold, split, model.as_deref())?
            } else {
                crate::ner::eval::evaluate_model(&gold, split, model.as_deref())?
            };
            println!("{scores}");
        }
        EvalCommand::Timex { dir, split } => {
            use crate::time::eval::Split;
            let split = match split.as_str() {
                "all" => Split::All,
                "dev" => Split::Dev,
                "heldout" | "holdout" => Split::HeldOut,
                other => return Err(format!("unknown split '{other}' (all, dev, heldout)").into()),
            };
            println!(
                "{}",
                crate::time::eval::evaluate_timebank_split(&dir, split)?
            );
        }
        EvalCommand::Identity { dir, errors } => {
            let dir = dir.unwrap_or_else(|| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/identity")
            });
            let scores = crate::identity_eval::evaluate_dir(&dir)?;
            print!("{scores}");
            if errors {
                print!("{}", scores.errors());
            }
        }
        EvalCommand::TimexDe { file } => {
            println!("{}", crate::time::eval::evaluate_smartdata(&file)?);
        }
        EvalCommand::NerEn { dir, split, errors } => {
            let split: crate::ner::eval_en::EnSplit = split.parse()?;
            let dir = dir.unwrap_or_else(crate::ner::eval_en::default_dir);
            println!(
                "{}",
                crate::ner::eval_en::evaluate_en(&dir, split, None, errors)?
            );
        }
    }
    Ok(())
}

fn train_ner(args: &TrainNerArgs) -> CommandResult {
    use crate::ner::train::{TrainOptions, train};
    let defaults = TrainOptions::default();
    let holdout = match args.holdout.as_str() {
        "every5" => true,
        "none" => false,
        other => return Err(format!("unknown holdout '{other}' (every5, none)").into()),
    };
    let opts = TrainOptions {
        out: Some(args.out.clone()),
        holdout,
        epochs: args.epochs.unwrap_or(defaults.epochs),
        o_bias: args.o_bias.unwrap_or(defaults.o_bias),
        wordclasses: args.wordclasses.clone().or(defaults.wordclasses.clone()),
        ..defaults
    };
    println!("{}", train(&opts)?);
    Ok(())
}

fn bench(files: &[PathBuf]) -> CommandResult {
    let (texts, read) = crate::bench::inputs(files)?;
    print!("{}", crate::bench::run(&texts, read)?);
    for speed in crate::bench::format_speeds(files) {
        print!("{speed}");
    }
    Ok(())
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
    if let Ok(lexicon) = crate::ner::Lexicon::embedded() {
        crate::spread::spread_names(&mut dossier, lexicon);
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
