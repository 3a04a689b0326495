//! `tag --format conll` round trip through the library functions the CLI uses.

use dossier::dev::corpus::{read_conll_tokens, write_conll};
use dossier::ner::Tagger;

#[test]
fn conll_output_has_one_line_per_token() {
    let input = "#\tsource\n1\tPutin\tB-PER\tO\n2\tkam\tO\tO\n\nNATO-Chef\nRutte\nsprach\n.\n";
    let sentences = read_conll_tokens(input.as_bytes()).unwrap();
    let tagger = Tagger::embedded().unwrap();
    let tagged: Vec<_> = sentences
        .into_iter()
        .map(|toks| {
            let refs: Vec<&str> = toks.iter().map(|t| t.as_str()).collect();
            let tags: Vec<_> = tagger.tag(&refs, None).into_iter().map(|x| x.0).collect();
            (toks, tags)
        })
        .collect();
    let mut out = Vec::new();
    write_conll(&mut out, &tagged).unwrap();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.split('\n').collect();
    // 2 + 4 tokens, 2 blank separators, final empty string after the last newline.
    assert_eq!(lines.len(), 2 + 1 + 4 + 1 + 1, "{out:?}");
    assert!(lines[0].starts_with("Putin\t"));
    assert_eq!(lines[2], "");
    assert!(lines[3].starts_with("NATO-Chef\t"));
    for l in lines.iter().filter(|l| !l.is_empty()) {
        let (_, tag) = l.split_once('\t').unwrap();
        assert!(tag.parse::<dossier::ner::Tag>().is_ok(), "{tag}");
    }
}
