//! `dossier import | export | search | correct | info` end to end through the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .output()
        .expect("run the dossier binary")
}

fn arg(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("samples")
        .map(|e| e.expect("entry").path())
        .collect();
    v.sort();
    v
}

fn import(file: &Path, files: &[PathBuf]) -> Output {
    let mut args = vec!["import", "--into", arg(file)];
    args.extend(files.iter().map(|p| arg(p)));
    dossier(&args)
}

fn export_json(file: &Path) -> Value {
    serde_json::from_str(&ok(&dossier(&["export", arg(file), "--format", "json"]))).expect("json")
}

fn entity<'a>(json: &'a Value, name: &str) -> Option<&'a Value> {
    json["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .find(|e| e["name"] == name)
}

#[test]
fn import_reports_each_file_and_imports_the_rest() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("d.dossier");
    let bad = dir.path().join("missing.txt");
    let mut files = samples();
    files.insert(2, bad.clone());
    let out = import(&file, &files);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let named: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("dossier: ") && l.contains("missing.txt"))
        .collect();
    assert_eq!(named.len(), 1, "{err}");
    assert!(err.contains("imported 5 documents"), "{err}");
    assert!(err.contains("[1/6]"), "progress on stderr: {err}");
    assert!(out.stdout.is_empty());
    // Again: everything is already there.
    let out = import(&file, &samples());
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("imported 0 documents into"), "{err}");
    assert!(
        err.contains("(5 documents already in the dossier)"),
        "{err}"
    );
    let info = ok(&dossier(&["info", arg(&file)]));
    let schema = format!(
        "schema {}, 5 articles",
        dossier::store::schema::SCHEMA_VERSION
    );
    assert!(info.contains(&schema), "{info}");
}

#[test]
fn exports_json_csv_and_timeline() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("d.dossier");
    ok(&import(&file, &samples()));
    let json = export_json(&file);
    let docs = json["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 5);
    // Character offsets: every mention's text is the slice of the document's text.
    let ids: Vec<u64> = json["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .map(|e| e["id"].as_u64().expect("id"))
        .collect();
    for d in docs {
        let text: Vec<char> = d["text"].as_str().expect("text").chars().collect();
        for m in d["mentions"].as_array().expect("mentions") {
            let (s, e) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            let slice: String = text[s..e].iter().collect();
            assert_eq!(slice, m["text"].as_str().unwrap());
            assert!(
                ids.contains(&m["entity"].as_u64().unwrap()),
                "stable entity id"
            );
        }
    }
    // Entity counts agree with the mentions, and entities join across articles.
    for e in json["entities"].as_array().expect("entities") {
        let id = &e["id"];
        let mut n = 0;
        let mut in_docs = 0;
        for d in docs {
            let k = d["mentions"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|m| &m["entity"] == id)
                .count();
            n += k;
            in_docs += usize::from(k > 0);
        }
        assert_eq!(e["mentions"], n, "{e}");
        assert_eq!(e["documents"], in_docs, "{e}");
    }
    let kiel = entity(&json, "Kiel").expect("Kiel");
    assert!(kiel["documents"].as_u64().unwrap() >= 3, "{kiel}");
    assert_eq!(
        json["schema_version"],
        dossier::store::schema::SCHEMA_VERSION
    );

    let csv = ok(&dossier(&["export", arg(&file), "--format", "csv"]));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,name,type,aliases,mentions,documents")
    );
    assert!(csv.lines().any(|l| l.contains(",Kiel,LOC,")), "{csv}");
    let mentions = ok(&dossier(&[
        "export",
        arg(&file),
        "--format",
        "csv",
        "--table",
        "mentions",
    ]));
    assert!(mentions.starts_with("document,title,start,end,text,entity,"));
    let n_mentions: usize = docs
        .iter()
        .map(|d| d["mentions"].as_array().unwrap().len())
        .sum();
    assert_eq!(mentions.lines().count(), n_mentions + 1);
    let out = dir.path().join("events.csv");
    ok(&dossier(&[
        "export",
        arg(&file),
        "--format",
        "csv",
        "--table",
        "events",
        "--out",
        arg(&out),
    ]));
    let events = std::fs::read_to_string(&out).expect("events.csv");
    assert!(events.starts_with("id,date,earliest,latest,precision,label,"));
    assert_eq!(
        events.lines().count(),
        json["events"].as_array().expect("events").len() + 1
    );

    let timeline: Value = serde_json::from_str(&ok(&dossier(&[
        "export",
        arg(&file),
        "--format",
        "timeline",
    ])))
    .expect("timeline json");
    let slides = timeline["events"].as_array().expect("events");
    assert!(!slides.is_empty());
    for s in slides {
        assert!(s["start_date"]["year"].is_u64(), "{s}");
        assert!(s["text"]["headline"].is_string());
    }
}

#[test]
fn search_prints_hits_with_character_offsets() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("d.dossier");
    ok(&import(&file, &samples()));
    let json = export_json(&file);
    let out: Value =
        serde_json::from_str(&ok(&dossier(&["search", arg(&file), "--json", "Klaipėda"])))
            .expect("json");
    let hits = out["hits"].as_array().expect("hits");
    assert!(!hits.is_empty());
    for h in hits {
        let doc = json["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == h["document"])
            .expect("document of hit");
        let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
        let (s, e) = (
            h["start"].as_u64().unwrap() as usize,
            h["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(text[s..e].iter().collect::<String>(), "Klaipėda");
    }
    assert!(
        out["entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["name"] == "Klaipėda")
    );
    let lines = ok(&dossier(&["search", arg(&file), "\"Nordwind Netz\""]));
    assert!(
        lines
            .lines()
            .any(|l| l.starts_with('d') && l.contains("Nordwind Netz")),
        "{lines}"
    );
}

#[test]
fn corrections_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("d.dossier");
    ok(&import(&file, &samples()));
    let f = arg(&file);
    let json = export_json(&file);
    let kiel_id = entity(&json, "Kiel").expect("Kiel")["id"].clone();
    let nordwind_id = entity(&json, "Nordwind Netz AG").expect("Nordwind")["id"].clone();

    // Rename, then undo and redo.
    ok(&dossier(&["correct", f, "rename", "Kiel", "Kiel (Stadt)"]));
    let json = export_json(&file);
    let renamed = entity(&json, "Kiel (Stadt)").expect("renamed");
    assert_eq!(renamed["id"], kiel_id, "same stable id");
    let undone = ok(&dossier(&["correct", f, "undo"]));
    assert!(undone.starts_with("undone: rename"), "{undone}");
    assert!(entity(&export_json(&file), "Kiel").is_some());
    let redone = ok(&dossier(&["correct", f, "redo"]));
    assert!(
        redone.starts_with("redone: Renamed “Kiel” to “Kiel (Stadt)”"),
        "{redone}"
    );
    assert!(entity(&export_json(&file), "Kiel (Stadt)").is_some());

    // Reject, retype, merge, split.
    ok(&dossier(&["correct", f, "reject", "Fehmarn"]));
    ok(&dossier(&[
        "correct",
        f,
        "retype",
        "Nordwind Netz AG",
        "OTH",
    ]));
    ok(&dossier(&[
        "correct",
        f,
        "merge",
        "Helena Vogt",
        "Tomas Petrauskas",
    ]));
    let json = export_json(&file);
    assert!(entity(&json, "Fehmarn").is_none());
    let nordwind = entity(&json, "Nordwind Netz AG").expect("Nordwind Netz AG");
    assert_eq!(nordwind["type"], "OTH");
    assert_eq!(nordwind["id"], nordwind_id, "a retyped entity keeps its id");
    assert!(entity(&json, "Tomas Petrauskas").is_none());
    let vogt = entity(&json, "Helena Vogt").expect("Vogt");
    assert!(
        vogt["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "Tomas Petrauskas")
    );
    ok(&dossier(&[
        "correct",
        f,
        "split",
        "Helena Vogt",
        "Tomas Petrauskas",
    ]));
    assert!(entity(&export_json(&file), "Tomas Petrauskas").is_some());

    // Mentions by character offsets, and a document date.
    let json = export_json(&file);
    let doc0 = &json["documents"][0];
    let text: Vec<char> = doc0["text"].as_str().unwrap().chars().collect();
    let word = "Unterseekabel";
    let start = (0..text.len())
        .find(|&i| {
            text[i..]
                .iter()
                .take(word.chars().count())
                .collect::<String>()
                == word
        })
        .expect("word in text");
    let end = start + word.chars().count();
    let (s, e) = (start.to_string(), end.to_string());
    ok(&dossier(&[
        "correct",
        f,
        "add-mention",
        "0",
        &s,
        &e,
        "--type",
        "OTH",
    ]));
    let json = export_json(&file);
    let added = json["documents"][0]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["text"] == word)
        .expect("added mention")
        .clone();
    assert_eq!(added["source"], "user");
    ok(&dossier(&["correct", f, "remove-mention", "d0", &s, &e]));
    assert!(
        !export_json(&file)["documents"][0]["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["text"] == word)
    );
    ok(&dossier(&["correct", f, "dct", "1", "2025-01-02"]));
    let json = export_json(&file);
    assert_eq!(json["documents"][1]["dct"]["value"], "2025-01-02");
    assert_eq!(json["documents"][1]["dct"]["source"], "user");
    let log = ok(&dossier(&["correct", f, "log"]));
    assert_eq!(log.lines().count(), 8, "{log}");
    assert_eq!(json["corrections"].as_array().unwrap().len(), 8);

    // Errors: one line, exit 1, nothing changed.
    let cut = (start + 2).to_string();
    let across = text
        .iter()
        .position(|c| *c == '.')
        .map(|p| p + 5)
        .expect("a sentence end")
        .to_string();
    let json = export_json(&file);
    let kiel = json["documents"][0]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["text"] == "Kiel")
        .expect("Kiel in the first article")
        .clone();
    let (ks, ke) = (kiel["start"].to_string(), kiel["end"].to_string());
    let before = export_json(&file);
    for bad in [
        vec!["correct", f, "rename", "Niemand", "X"],
        vec!["correct", f, "dct", "99", "2025-01-02"],
        vec![
            "correct",
            f,
            "add-mention",
            "0",
            "5",
            "99999",
            "--type",
            "PER",
        ],
        vec!["correct", f, "add-mention", "0", "0", "3"],
        // Offsets that cut a word, or cross a sentence.
        vec!["correct", f, "add-mention", "0", &cut, &e, "--type", "OTH"],
        vec![
            "correct",
            f,
            "add-mention",
            "0",
            "0",
            &across,
            "--type",
            "OTH",
        ],
        // A reassignment to the entity the mention already has.
        vec![
            "correct",
            f,
            "reassign-mention",
            "0",
            &ks,
            &ke,
            "--entity",
            "Kiel (Stadt)",
        ],
        vec!["correct", f, "remove-document", "d77"],
        vec!["correct", f, "restore-document", "0"],
    ] {
        let out = dossier(&bad);
        assert_eq!(out.status.code(), Some(1), "{bad:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr).lines().count(),
            1,
            "{bad:?}"
        );
    }
    assert_eq!(ok(&dossier(&["correct", f, "log"])).lines().count(), 8);
    assert_eq!(export_json(&file), before, "the file is unchanged");
}

/// One mention moves to another entity or a new one; articles are removed and restored; the
/// messages say what changed and the export shows it; nothing to undo is an error.
#[test]
fn reassign_remove_and_restore_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("d.dossier");
    ok(&import(&file, &samples()));
    let f = arg(&file);
    let json = export_json(&file);
    let kiel = entity(&json, "Kiel").expect("Kiel").clone();
    let kiel_mentions = kiel["mentions"].as_u64().unwrap();
    assert!(kiel_mentions >= 2);
    let m = json["documents"][0]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["text"] == "Kiel")
        .expect("Kiel in the first article")
        .clone();
    let (s, e) = (m["start"].to_string(), m["end"].to_string());
    let said = ok(&dossier(&[
        "correct",
        f,
        "reassign-mention",
        "0",
        &s,
        &e,
        "--new",
        "Kiel (Hafen)",
        "--type",
        "LOC",
    ]));
    assert!(
        said.contains(
            "1 mention of “Kiel” in article d0 moved from “Kiel” to “Kiel (Hafen)” (new place)"
        ),
        "{said}"
    );
    let json = export_json(&file);
    let hafen = entity(&json, "Kiel (Hafen)").expect("new entity");
    assert_eq!(hafen["mentions"], 1);
    assert_eq!(
        entity(&json, "Kiel").expect("Kiel")["mentions"].as_u64(),
        Some(kiel_mentions - 1),
        "the other mentions stay"
    );
    let moved = json["documents"][0]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["start"] == m["start"])
        .expect("the mention")
        .clone();
    assert_eq!(moved["entity"], hafen["id"]);

    // Remove an article: gone from the export, back after restore (or undo).
    let title = json["documents"][1]["title"].clone();
    let said = ok(&dossier(&["correct", f, "remove-document", "1"]));
    assert!(said.contains("Removed article d1"), "{said}");
    let json = export_json(&file);
    assert_eq!(json["documents"].as_array().unwrap().len(), 4);
    assert!(
        !json["documents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["title"] == title)
    );
    let said = ok(&dossier(&["correct", f, "restore-document", "d1"]));
    assert!(said.contains("Restored article d1"), "{said}");
    assert_eq!(export_json(&file)["documents"].as_array().unwrap().len(), 5);
    ok(&dossier(&["correct", f, "remove-document", "1"]));
    let undone = ok(&dossier(&["correct", f, "undo"]));
    assert!(undone.starts_with("undone: remove article d1"), "{undone}");
    assert_eq!(export_json(&file)["documents"].as_array().unwrap().len(), 5);

    // Undo everything, then once more: a message and exit status 1.
    while dossier(&["correct", f, "undo"]).status.success() {}
    let out = dossier(&["correct", f, "undo"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing to undo"));
    assert!(entity(&export_json(&file), "Kiel (Hafen)").is_none());
}
