//! `dossier extract` end to end through the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .output()
        .expect("run the dossier binary")
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}

fn stdout_json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON value ({e}):\n{}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn sample() -> Option<PathBuf> {
    dossier::dev::shared::shared_path("articles/nordkorea-russland.txt")
}

fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn sample_article_layout() {
    let Some(path) = sample() else { return };
    let out = dossier(&["extract", "--dct", "2024-11-19", arg(&path)]);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = stdout_json(&out);
    let docs = json["documents"].as_array().expect("documents array");
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(
        doc["title"],
        "Alarmstimmung in den westlichen Hauptstädten: Nordkorea und Russland rücken näher zusammen!"
    );
    assert_eq!(
        doc["headings"],
        serde_json::json!([
            "Ein neuer strategischer Pakt",
            "Die Welt schaut gebannt zu",
            "Ort des Geschehens"
        ])
    );
    assert_eq!(
        doc["metadata"],
        serde_json::json!({
            "Analysierte Kommentare in sozialen Medien": "13",
            "Analysierte Forenbeiträge": "53"
        })
    );
    assert_eq!(doc["language"], "de");
    assert_eq!(doc["dct"]["value"], "2024-11-19");
    assert_eq!(doc["dct"]["source"], "user");

    let text = doc["text"].as_str().expect("text");
    for not_prose in [
        "Alarmstimmung in den westlichen",
        "Ein neuer strategischer Pakt",
        "Die Welt schaut gebannt zu",
        "Ort des Geschehens",
        "Analysierte Kommentare",
        "Analysierte Forenbeiträge",
    ] {
        assert!(!text.contains(not_prose), "body contains {not_prose:?}");
    }
    assert!(text.starts_with("Ein Treffen, das die Welt aufhorchen lässt!"));
    assert!(
        text.trim_end()
            .ends_with("was als Nächstes passieren wird!")
    );

    // Sentences: in order, inside the text, and cut where a reader would cut.
    let sentences: Vec<String> = doc["sentences"]
        .as_array()
        .expect("sentences")
        .iter()
        .map(|s| {
            let start = s["start"].as_u64().expect("start") as usize;
            let end = s["end"].as_u64().expect("end") as usize;
            assert!(start < end && end <= text.chars().count());
            char_slice(text, start, end)
        })
        .collect();
    assert_eq!(sentences[0], "Ein Treffen, das die Welt aufhorchen lässt!");
    assert!(sentences.iter().any(|s| s
        == "Der Vertrag wurde erstmals am 19. Juni während eines Staatsbesuchs von Präsident Wladimir Putin in Pjöngjang unterzeichnet und von der russischen Duma am 6. November ratifiziert."));
    assert!(
        sentences.iter().any(|s| s == "Die NATO ist alarmiert!"),
        "{sentences:#?}"
    );
    assert!(
        sentences.iter().any(|s| s
            .starts_with("Der Vertrag über eine umfassende strategische Partnerschaft")
            && s.ends_with("„allen notwendigen Mitteln“!")),
        "{sentences:#?}"
    );
    assert_eq!(sentences.len(), 19, "{sentences:#?}");
}

#[test]
fn jsonl_prints_one_document_per_line() {
    let Some(path) = sample() else { return };
    let out = dossier(&["extract", "--format", "jsonl", arg(&path), arg(&path)]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    for line in lines {
        let doc: Value = serde_json::from_str(line).expect("each line is JSON");
        assert_eq!(doc["headings"].as_array().map(Vec::len), Some(3));
    }
}

#[test]
fn bad_dct_is_a_usage_error() {
    for bad in [
        "2024-13-01",
        "2024-02-30",
        "19.11.2024",
        "yesterday",
        "2024-1-1",
    ] {
        let out = dossier(&["extract", "--dct", bad, "whatever.txt"]);
        assert_eq!(out.status.code(), Some(2), "--dct {bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(bad), "error names the value: {err}");
        assert!(out.stdout.is_empty());
    }
}

struct BadCase {
    name: &'static str,
    file: PathBuf,
    expect_in_error: &'static str,
}

/// Every kind of bad input gets one clear line naming the file, exit status 1, and the good file
/// given after it is still processed.
#[test]
fn bad_inputs_are_reported_and_the_rest_processed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, bytes: &[u8]| -> PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write fixture");
        path
    };
    let good = write(
        "good.txt",
        "Gute Nachricht\n\nDie Stadt Bremen hat am Montag ein neues Rathaus eröffnet.\n".as_bytes(),
    );
    let subdir = dir.path().join("folder");
    std::fs::create_dir(&subdir).expect("mkdir");
    let cases =
        vec![
        BadCase {
            name: "missing file",
            file: dir.path().join("does-not-exist.txt"),
            expect_in_error: "not found",
        },
        BadCase {
            name: "directory",
            file: subdir,
            expect_in_error: "directory",
        },
        BadCase {
            name: "empty file",
            file: write("empty.txt", b""),
            expect_in_error: "empty",
        },
        BadCase {
            name: "binary file",
            file: write("image.txt", &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0, 1, 2]),
            expect_in_error: "binary",
        },
        BadCase {
            name: "malformed JSON",
            file: write("broken.json", b"{\"title\": \"x\",\n \"text\": \"abc\"\n"),
            expect_in_error: "line 3",
        },
        BadCase {
            name: "malformed JSONL",
            file: write(
                "broken.jsonl",
                b"{\"title\": \"a\", \"text\": \"Ein Text.\"}\n{\"title\": \"b\", \"text\": }\n",
            ),
            expect_in_error: "line 2",
        },
        BadCase {
            name: "HTML without content",
            file: write("empty.html", b"<html><head><script>var x;</script></head></html>"),
            expect_in_error: "HTML",
        },
    ];
    for case in &cases {
        let out = dossier(&["extract", arg(&case.file), arg(&good)]);
        assert_eq!(out.status.code(), Some(1), "{}", case.name);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{}: one line: {err}", case.name);
        assert!(
            err.contains(arg(&case.file)),
            "{}: names the file: {err}",
            case.name
        );
        assert!(
            err.to_lowercase()
                .contains(&case.expect_in_error.to_lowercase()),
            "{}: says {:?}: {err}",
            case.name,
            case.expect_in_error
        );
        let json = stdout_json(&out);
        let docs = json["documents"].as_array().expect("documents");
        assert_eq!(docs.len(), 1, "{}: the good file is still there", case.name);
        assert_eq!(docs[0]["title"], "Gute Nachricht");
    }
}

#[test]
fn size_limit_is_configurable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("long.txt");
    std::fs::write(&path, "Ein Satz über Berlin. ".repeat(100)).expect("write");
    let out = dossier(&["extract", "--max-size", "1000", arg(&path)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("long.txt") && err.contains("1000"), "{err}");
    let json = stdout_json(&out);
    assert_eq!(json["documents"], serde_json::json!([]));

    let out = dossier(&["extract", "--max-size", "100000", arg(&path)]);
    assert!(out.status.success());
}

#[test]
fn unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = dir.path().join("secret.txt");
    std::fs::write(&path, "Geheim\n\nText.").expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");

    // Root reads every file whatever its mode, so as root the binary runs as `nobody`, from a
    // copy in the temporary folder that `nobody` may execute.
    let uid = Command::new("id").arg("-u").output().expect("id -u");
    let out = if String::from_utf8_lossy(&uid.stdout).trim() == "0" {
        let bin = dir.path().join("dossier");
        std::fs::copy(env!("CARGO_BIN_EXE_dossier"), &bin).expect("copy binary");
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(&bin)
            .args(["extract", arg(&path)])
            .output()
            .expect("setpriv (util-linux)")
    } else {
        dossier(&["extract", arg(&path)])
    };
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("secret.txt") && err.to_lowercase().contains("permission"),
        "{err}"
    );
}

#[test]
fn document_date_sources() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dated = dir.path().join("dated.txt");
    std::fs::write(
        &dated,
        "Treffen in Bremen\nVeröffentlicht: 28.10.2024\n\nAm Dienstag traf sich der Rat in Bremen.\n",
    )
    .expect("write");
    let undated = dir.path().join("undated.txt");
    std::fs::write(
        &undated,
        "Treffen in Bremen\n\nAm Dienstag traf sich der Rat in Bremen.\n",
    )
    .expect("write");

    let json = stdout_json(&dossier(&["extract", arg(&dated), arg(&undated)]));
    let docs = json["documents"].as_array().expect("documents");
    assert_eq!(docs[0]["dct"]["value"], "2024-10-28");
    assert_eq!(docs[0]["dct"]["source"], "text");
    assert!(
        !docs[0]["text"]
            .as_str()
            .unwrap_or("")
            .contains("Veröffentlicht")
    );
    assert_eq!(docs[1]["dct"], Value::Null);
    // Without a date, "Dienstag" stays unresolved rather than anchored to today.
    let timexes = docs[1]["timexes"].as_array().expect("timexes");
    assert!(
        timexes
            .iter()
            .any(|t| t["text"] == "Dienstag" && t["value"].as_str().unwrap_or("").contains('X')),
        "{timexes:?}"
    );
    // With a date, it resolves: 2024-10-28 is a Monday, so the past Tuesday is 2024-10-22.
    let tuesday = docs[0]["timexes"]
        .as_array()
        .expect("timexes")
        .iter()
        .find(|t| t["text"] == "Dienstag")
        .cloned();
    assert_eq!(
        tuesday.map(|t| t["value"].clone()),
        Some("2024-10-22".into())
    );

    // The user's date wins over the text's.
    let json = stdout_json(&dossier(&["extract", "--dct", "2024-11-19", arg(&dated)]));
    assert_eq!(json["documents"][0]["dct"]["source"], "user");

    // The file's time only when asked for, and marked as such.
    let json = stdout_json(&dossier(&[
        "extract",
        "--assume-mtime",
        arg(&dated),
        arg(&undated),
    ]));
    assert_eq!(json["documents"][0]["dct"]["source"], "text");
    assert_eq!(json["documents"][1]["dct"]["source"], "file-mtime");
}
