//! Developer tooling on the command line: `tag`, `eval`, `train`, `bench`, `bench-store`. The
//! work is done by [`dossier::dev`]; nothing here is needed to use Dossier.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};

/// The developer commands.
#[derive(Debug, Subcommand)]
pub enum DevCommand {
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
    /// Measure the speed of each analysis stage (use a release build).
    Bench {
        /// Article files; without any, at least 1 MB of German text from ../shared.
        files: Vec<PathBuf>,
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

/// Runs a developer command.
pub fn run(command: DevCommand) -> ExitCode {
    match command {
        DevCommand::Tag {
            format,
            model,
            file,
        } => report(tag(format, model.as_deref(), &file)),
        DevCommand::Eval { what } => report(eval(what)),
        DevCommand::Train {
            what: TrainCommand::Ner(args),
        } => report(train_ner(&args)),
        DevCommand::Bench { files } => report(bench(&files)),
        DevCommand::BenchStore {
            articles,
            bytes,
            dir,
        } => report(dossier::dev::store_bench::run(
            articles,
            bytes,
            &dir.unwrap_or_else(std::env::temp_dir),
        )),
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
    use dossier::dev::corpus::{read_conll_tokens, write_conll};
    use dossier::ner::{Lexicon, Tagger};
    let TagFormat::Conll = format;
    let loaded;
    let tagger: &Tagger = match model {
        Some(path) => {
            loaded = dossier::dev::ner_eval::load_model(path)?;
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
                (dossier::dev::ner_eval::Split::Holdout, Some(k)) => {
                    dossier::dev::ner_eval::Split::HoldoutFold(usize::from(k))
                }
                (_, Some(_)) => return Err("--fold needs --split holdout".into()),
                (split, None) => split,
            };
            let scores = if pipeline {
                dossier::dev::ner_eval::evaluate_pipeline(&gold, split, model.as_deref())?
            } else {
                dossier::dev::ner_eval::evaluate_model(&gold, split, model.as_deref())?
            };
            println!("{scores}");
        }
        EvalCommand::Timex { dir, split } => {
            use dossier::dev::time_eval::Split;
            let split = match split.as_str() {
                "all" => Split::All,
                "dev" => Split::Dev,
                "heldout" | "holdout" => Split::HeldOut,
                other => return Err(format!("unknown split '{other}' (all, dev, heldout)").into()),
            };
            println!(
                "{}",
                dossier::dev::time_eval::evaluate_timebank_split(&dir, split)?
            );
        }
        EvalCommand::Identity { dir, errors } => {
            let dir = dir.unwrap_or_else(|| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/identity")
            });
            let scores = dossier::dev::identity_eval::evaluate_dir(&dir)?;
            print!("{scores}");
            if errors {
                print!("{}", scores.errors());
            }
        }
        EvalCommand::TimexDe { file } => {
            println!("{}", dossier::dev::time_eval::evaluate_smartdata(&file)?);
        }
        EvalCommand::NerEn { dir, split, errors } => {
            let split: dossier::dev::ner_eval_en::EnSplit = split.parse()?;
            let dir = dir.unwrap_or_else(dossier::dev::ner_eval_en::default_dir);
            println!(
                "{}",
                dossier::dev::ner_eval_en::evaluate_en(&dir, split, None, errors)?
            );
        }
    }
    Ok(())
}

fn train_ner(args: &TrainNerArgs) -> CommandResult {
    use dossier::dev::ner_train::{TrainOptions, train};
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
    let (texts, read) = dossier::dev::bench::inputs(files)?;
    print!("{}", dossier::dev::bench::run(&texts, read)?);
    for speed in dossier::dev::bench::format_speeds(files) {
        print!("{speed}");
    }
    Ok(())
}
