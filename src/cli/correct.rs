//! `dossier correct`: record a correction, undo or redo one, or list the log.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use dossier::correct::{Correction, EntityRef, LogState, MentionTarget};
use dossier::model::{DocId, EntityType, Span};
use dossier::registry::name_key;
use dossier::store::{EntitySummary, Store};

use super::store::{CmdError, CmdResult, edge, write_out};

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
    /// The one mention at characters START..END of article DOC refers to another entity
    /// (`--entity NAME`) or to a new one (`--new NAME --type T`); the entity's other mentions
    /// stay.
    ReassignMention {
        /// Article id (`3` or `d3`).
        doc: String,
        /// First character of the mention.
        start: usize,
        /// One past its last character.
        end: usize,
        /// To this existing entity.
        #[arg(long, conflicts_with = "new", required_unless_present = "new")]
        entity: Option<String>,
        /// To a new entity with this name.
        #[arg(long)]
        new: Option<String>,
        /// With `--entity`: its type (when names collide); with `--new`: the new entity's type.
        #[arg(long = "type", value_parser = parse_type)]
        entity_type: Option<EntityType>,
    },
    /// Take an article out of the dossier (undo, or restore-document, brings it back).
    RemoveDocument {
        /// Article id.
        doc: String,
    },
    /// Bring a removed article back, as it was when it was removed.
    RestoreDocument {
        /// Article id.
        doc: String,
    },
    /// Undo the last correction.
    Undo,
    /// Redo the last undone correction.
    Redo,
    /// List the corrections.
    Log,
}

/// Runs `dossier correct`.
pub fn run(args: CorrectArgs) -> ExitCode {
    edge(&args.file.clone(), correct(args))
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
    let matches = |e: &EntitySummary| ty.is_none_or(|t| t == e.entity_type);
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
        Some(e) => Ok(EntityRef {
            entity_type: e.entity_type,
            name: e.name.clone(),
            id: Some(e.id),
        }),
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
            return match store.undo()? {
                Some(s) => {
                    println!("undone: {}", s.message);
                    Ok(())
                }
                None => Err(CmdError::Other("nothing to undo".into())),
            };
        }
        CorrectAction::Redo => {
            return match store.redo()? {
                Some(s) => {
                    println!("redone: {}", s.message);
                    Ok(())
                }
                None => Err(CmdError::Other("nothing to redo".into())),
            };
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
        CorrectAction::ReassignMention {
            doc,
            start,
            end,
            entity,
            new,
            entity_type,
        } => {
            let doc = parse_doc(&doc)?;
            let (span, text) = byte_span(&store, doc, start, end)?;
            let target = match (entity, new) {
                (Some(name), _) => MentionTarget::Entity {
                    entity: entity_ref(&store, &name, entity_type)?,
                },
                (None, Some(name)) => MentionTarget::New {
                    name,
                    entity_type: entity_type
                        .ok_or_else(|| "a new entity needs --type PER|ORG|LOC|OTH".to_string())?,
                },
                (None, None) => {
                    return Err(CmdError::Other(
                        "say where the mention goes: --entity NAME or --new NAME --type T".into(),
                    ));
                }
            };
            Correction::ReassignMention {
                doc,
                span,
                text,
                target,
            }
        }
        CorrectAction::RemoveDocument { doc } => Correction::RemoveDocument {
            doc: parse_doc(&doc)?,
        },
        CorrectAction::RestoreDocument { doc } => Correction::RestoreDocument {
            doc: parse_doc(&doc)?,
        },
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
                Some(dossier::time::parse_dct_arg(&date).map_err(|e| e.to_string())?)
            };
            Correction::SetDct { doc, date }
        }
    };
    let applied = store.apply(&correction)?;
    println!("{}: {}", applied.seq, applied.report);
    Ok(())
}
