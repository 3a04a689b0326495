//! Command line (minimal version of the NER helper; the lead owns the final CLI).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::ner::corpus::{read_conll_tokens, write_conll};
use crate::ner::eval::{Split, bench, evaluate_model, load_model};
use crate::ner::tagger::{Tag, Tagger};
use crate::ner::train::{TrainOptions, train};

/// Dossier command line.
#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about = "Offline dossier viewer: entities and timelines"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Sub-commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Train a model.
    Train {
        /// What to train.
        #[command(subcommand)]
        what: TrainWhat,
    },
    /// Evaluate a model.
    Eval {
        /// What to evaluate.
        #[command(subcommand)]
        what: EvalWhat,
    },
    /// Tag pre-tokenised text.
    Tag {
        /// Output format (only `conll`).
        #[arg(long, default_value = "conll")]
        format: String,
        /// Input: GermEval TSV or one token per line, blank line between sentences.
        file: PathBuf,
        /// Model file instead of the embedded model.
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Measure speed.
    Bench {
        /// What to measure.
        #[command(subcommand)]
        what: BenchWhat,
    },
}

/// `train` targets.
#[derive(Debug, Subcommand)]
pub enum TrainWhat {
    /// The NER sequence tagger.
    Ner {
        /// Model output path.
        #[arg(long, default_value = "assets/ner/model.bin")]
        out: PathBuf,
        /// `every5` holds out every 5th GermEval sentence and scores it; `none` trains on all.
        #[arg(long, default_value = "none")]
        holdout: String,
        /// Perceptron epochs.
        #[arg(long)]
        epochs: Option<usize>,
        /// Training weight of SmartData sentences (0 = unused).
        #[arg(long)]
        smartdata_weight: Option<f32>,
        /// Training weight of Europeana sentences (0 = unused).
        #[arg(long)]
        europeana_weight: Option<f32>,
        /// Minimum feature count.
        #[arg(long)]
        min_count: Option<u32>,
        /// Feature option bits.
        #[arg(long)]
        feature_bits: Option<u32>,
        /// Do not derive the common-noun list from the data.
        #[arg(long)]
        no_common_nouns: bool,
        /// Penalty on `O` scores stored in the model.
        #[arg(long)]
        o_bias: Option<f32>,
        /// Add lexicon-membership features from the embedded lexicon.
        #[arg(long)]
        lexicon: bool,
        /// Average the weights of N perceptrons trained with different shuffles.
        #[arg(long)]
        ensemble: Option<usize>,
        /// Add a gazetteer of names annotated in Europeana as word classes.
        #[arg(long)]
        europeana_gazetteer: bool,
        /// Loss-augmented training margin (0 = plain perceptron).
        #[arg(long)]
        margin: Option<f32>,
        /// Word-class list to embed (from `tools/ner_wordclasses.py`).
        #[arg(long)]
        wordclasses: Option<PathBuf>,
    },
}

/// `eval` targets.
#[derive(Debug, Subcommand)]
pub enum EvalWhat {
    /// Strict chunk scores of the embedded tagger on a GermEval-format file.
    Ner {
        /// Gold file.
        gold: PathBuf,
        /// `all`, `holdout` (every 5th sentence) or `train`.
        #[arg(long, default_value = "all")]
        split: String,
        /// Model file instead of the embedded model.
        #[arg(long)]
        model: Option<PathBuf>,
    },
}

/// `bench` targets.
#[derive(Debug, Subcommand)]
pub enum BenchWhat {
    /// Tokenise and tag a text file (UTF-8), one thread.
    Ner {
        /// Text file.
        file: PathBuf,
    },
}

/// Runs the command line.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(cmd: Command) -> Result<(), Box<dyn std::error::Error>> {
    match cmd {
        Command::Train {
            what:
                TrainWhat::Ner {
                    out,
                    holdout,
                    epochs,
                    smartdata_weight,
                    europeana_weight,
                    min_count,
                    feature_bits,
                    no_common_nouns,
                    wordclasses,
                    o_bias,
                    lexicon,
                    ensemble,
                    europeana_gazetteer,
                    margin,
                },
        } => {
            let d = TrainOptions::default();
            let opts = TrainOptions {
                out: Some(out),
                holdout: match holdout.as_str() {
                    "every5" => true,
                    "none" => false,
                    other => return Err(format!("unknown holdout {other:?} (every5, none)").into()),
                },
                epochs: epochs.unwrap_or(d.epochs),
                smartdata_weight: smartdata_weight.unwrap_or(d.smartdata_weight),
                europeana_weight: europeana_weight.unwrap_or(d.europeana_weight),
                min_count: min_count.unwrap_or(d.min_count),
                feature_bits: feature_bits.unwrap_or(d.feature_bits),
                derive_common_nouns: !no_common_nouns,
                wordclasses,
                o_bias: o_bias.unwrap_or(d.o_bias),
                use_lexicon: lexicon,
                ensemble: ensemble.unwrap_or(d.ensemble),
                europeana_gazetteer,
                margin: margin.unwrap_or(d.margin),
                ..d
            };
            let report = train(&opts)?;
            println!("{report}");
        }
        Command::Eval {
            what: EvalWhat::Ner { gold, split, model },
        } => {
            let split: Split = split.parse()?;
            println!("{}", evaluate_model(&gold, split, model.as_deref())?);
        }
        Command::Tag {
            format,
            file,
            model,
        } => {
            if format != "conll" {
                return Err(format!("unknown format {format:?} (conll)").into());
            }
            let loaded;
            let tagger = match model {
                Some(p) => {
                    loaded = load_model(&p)?;
                    &loaded
                }
                None => Tagger::embedded()?,
            };
            let f = std::fs::File::open(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let sentences = read_conll_tokens(std::io::BufReader::new(f))?;
            let tagged: Vec<(Vec<String>, Vec<Tag>)> = sentences
                .into_iter()
                .map(|toks| {
                    let refs: Vec<&str> = toks.iter().map(|t| t.as_str()).collect();
                    let tags = tagger.tag(&refs, None).into_iter().map(|x| x.0).collect();
                    (toks, tags)
                })
                .collect();
            let stdout = std::io::stdout();
            write_conll(std::io::BufWriter::new(stdout.lock()), &tagged)?;
        }
        Command::Bench {
            what: BenchWhat::Ner { file },
        } => {
            let t = std::time::Instant::now();
            let text =
                std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let read = t.elapsed().as_secs_f64();
            let r = bench(&text)?;
            println!("{r}");
            println!("reading the file took {:.1} ms", read * 1000.0);
            std::io::stdout().flush()?;
        }
    }
    Ok(())
}
