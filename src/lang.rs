//! Language identification.
//!
//! [`detect_language`] asks the `whatlang` trigram detector and checks its answer against the
//! share of very common German and English function words, which is far more dependable on
//! short news snippets, where trigram statistics confuse German with Dutch or Danish and English
//! with Scots or Latin.

use crate::model::Lang;

/// How much text (in bytes) is looked at; the start of an article is enough.
const SAMPLE_BYTES: usize = 20_000;

/// Fewer letters than this and no clear function-word evidence: the language is unknown.
const MIN_LETTERS: usize = 12;

/// Distinctive German function words (lower case).
const DE_STOPWORDS: &[&str] = &[
    "der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "des", "sich", "auf", "für",
    "ein", "eine", "einer", "eines", "einem", "einen", "zu", "von", "im", "auch", "wird", "wurde",
    "wurden", "hat", "haben", "sind", "bei", "nach", "aus", "über", "wie", "dass", "sie", "er",
    "es", "wir", "noch", "nur", "zum", "zur", "vom", "werden", "kann", "oder", "aber", "als",
    "durch", "gegen", "ich", "seine", "ihre", "sein", "waren", "diese", "dieser", "hatte", "sehr",
    "schon", "mehr", "zwischen", "unter", "vor", "wenn", "weil", "jetzt", "heute",
];

/// Distinctive English function words (lower case); words that are also German ("in", "an",
/// "was", "will", "also") are left out.
const EN_STOPWORDS: &[&str] = &[
    "the", "and", "is", "are", "were", "of", "to", "that", "it", "with", "for", "on", "as", "by",
    "this", "be", "has", "have", "had", "from", "at", "not", "but", "or", "which", "they", "their",
    "he", "she", "his", "her", "its", "would", "been", "who", "we", "you", "said", "after",
    "about", "more", "than", "into", "over", "there", "these", "those", "what", "when", "where",
    "a",
];

/// Function-word counts in a sample.
#[derive(Debug, Default, Clone, Copy)]
struct StopwordCounts {
    words: usize,
    letters: usize,
    de: usize,
    en: usize,
}

impl StopwordCounts {
    fn of(text: &str) -> Self {
        let mut counts = StopwordCounts::default();
        let mut buf = [0u8; 16];
        for word in text.split(|c: char| !c.is_alphabetic()) {
            if word.is_empty() {
                continue;
            }
            counts.words += 1;
            counts.letters += word.chars().count();
            // Lower-case into a small stack buffer; longer words are never function words.
            if word.len() > buf.len() {
                continue;
            }
            let mut n = 0;
            let mut fits = true;
            for c in word.chars().flat_map(char::to_lowercase) {
                let mut tmp = [0u8; 4];
                let s = c.encode_utf8(&mut tmp);
                if n + s.len() > buf.len() {
                    fits = false;
                    break;
                }
                buf[n..n + s.len()].copy_from_slice(s.as_bytes());
                n += s.len();
            }
            let Some(lower) = fits.then(|| std::str::from_utf8(&buf[..n]).ok()).flatten() else {
                continue;
            };
            if DE_STOPWORDS.contains(&lower) {
                counts.de += 1;
            }
            if EN_STOPWORDS.contains(&lower) {
                counts.en += 1;
            }
        }
        counts
    }

    /// German or English when the function words leave no doubt.
    fn clear_winner(&self) -> Option<Lang> {
        let (best, lang, other) = if self.de >= self.en {
            (self.de, Lang::De, self.en)
        } else {
            (self.en, Lang::En, self.de)
        };
        // At least two function words, at least a fifth of all words, and twice the other side.
        (best >= 2 && best * 5 >= self.words && best > 2 * other).then_some(lang)
    }
}

/// The first `max` bytes of `text`, cut at a character boundary.
fn sample(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Detects the language of a text: [`Lang::De`], [`Lang::En`], [`Lang::Other`] with the
/// ISO 639-3 code of another language (`"fra"`, `"rus"`, `"kor"`, …), or [`Lang::Unknown`] when
/// the text is too short or too mixed to tell.
pub fn detect_language(text: &str) -> Lang {
    let cleaned = without_links(sample(text.trim(), SAMPLE_BYTES));
    let text = cleaned.as_str();
    let counts = StopwordCounts::of(text);
    let stopword_lang = counts.clear_winner();
    let info = whatlang::detect(text);
    match info {
        Some(info) => {
            let code = info.lang().code();
            let reliable = info.is_reliable();
            match code {
                "deu" | "eng" => {
                    let detected = if code == "deu" { Lang::De } else { Lang::En };
                    match stopword_lang {
                        // The function words disagree clearly: trust them.
                        Some(lang) => lang,
                        None if counts.letters < MIN_LETTERS && !reliable => Lang::Unknown,
                        // An unreliable guess against the only function words there are.
                        None if !reliable && counts.de > 0 && counts.en == 0 => Lang::De,
                        None if !reliable && counts.en > 0 && counts.de == 0 => Lang::En,
                        None => detected,
                    }
                }
                _ => {
                    // A non-Latin script is unambiguous; in Latin script, trust the function
                    // words over an unreliable trigram guess.
                    if info.script() != whatlang::Script::Latin && reliable {
                        return Lang::Other(code.to_string());
                    }
                    if let Some(lang) = stopword_lang
                        && (!reliable || counts_strong(&counts))
                    {
                        return lang;
                    }
                    // German letters tip a short, unreliable guess towards German.
                    if !reliable && counts.de >= counts.en && text.contains(['ä', 'ö', 'ü', 'ß'])
                    {
                        return Lang::De;
                    }
                    if reliable || (counts.letters >= 40 && info.confidence() > 0.3) {
                        Lang::Other(code.to_string())
                    } else {
                        Lang::Unknown
                    }
                }
            }
        }
        None => stopword_lang.unwrap_or(Lang::Unknown),
    }
}

/// The text without URLs, e-mail addresses, @mentions and #hashtags, which carry no language.
fn without_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let noise = word.contains("://")
            || word.starts_with("www.")
            || word.starts_with(['@', '#'])
            || word.contains('@');
        if !noise {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// Very strong function-word evidence: a third of all words are German or English function
/// words of one language.
fn counts_strong(counts: &StopwordCounts) -> bool {
    counts.de.max(counts.en) * 3 >= counts.words && counts.words >= 6
}

#[cfg(test)]
mod tests {
    use super::*;

    fn other(code: &str) -> Lang {
        Lang::Other(code.to_string())
    }

    #[test]
    fn language_table() {
        let cases: &[(&str, Lang)] = &[
            (
                "Nordkoreas Machthaber Kim Jong Un hat sich mit dem russischen Minister für natürliche Ressourcen, Alexander Kozlov, getroffen.",
                Lang::De,
            ),
            ("Die NATO ist alarmiert!", Lang::De),
            ("Der Vertrag wurde am 19. Juni unterzeichnet.", Lang::De),
            ("Kim Jong Un traf Putin in Pjöngjang.", Lang::De),
            ("Scholz reist nach Kiew und trifft Selenskyj.", Lang::De),
            ("Putin droht dem Westen mit Konsequenzen.", Lang::De),
            ("Bundestag beschließt den Haushalt für 2025.", Lang::De),
            ("Seoul warnt vor Eskalation", Lang::De),
            ("Russia and North Korea sign defence pact", Lang::En),
            ("Seoul says troops were sent to Kursk.", Lang::En),
            ("Ein neuer strategischer Pakt", Lang::De),
            (
                "Berichten zufolge haben sie sogar an Kampfoperationen in der Region Kursk teilgenommen!",
                Lang::De,
            ),
            (
                "North Korean leader Kim Jong Un met Russia's natural resources minister Alexander Kozlov in Pyongyang on Tuesday, state media reported.",
                Lang::En,
            ),
            ("The treaty was signed in June.", Lang::En),
            ("NATO is alarmed by the deployment of troops.", Lang::En),
            (
                "Kim met Putin in Moscow on Monday, the agency said.",
                Lang::En,
            ),
            ("Kim met Putin", Lang::Unknown),
            (
                "Le dirigeant nord-coréen Kim Jong Un a rencontré le ministre russe des ressources naturelles à Pyongyang, selon l'agence officielle.",
                other("fra"),
            ),
            (
                "El líder norcoreano Kim Jong Un se reunió con el ministro ruso de recursos naturales en Pyongyang, según la agencia estatal.",
                other("spa"),
            ),
            (
                "De Noord-Koreaanse leider Kim Jong Un heeft in Pyongyang de Russische minister van natuurlijke hulpbronnen ontmoet, meldt het staatspersbureau.",
                other("nld"),
            ),
            (
                "Лидер Северной Кореи Ким Чен Ын встретился в Пхеньяне с министром природных ресурсов России Александром Козловым.",
                other("rus"),
            ),
            (
                "북한의 김정은 국무위원장이 평양에서 러시아 천연자원부 장관을 만났다고 조선중앙통신이 보도했다.",
                other("kor"),
            ),
            (
                "Der Verlag Weiss muss Insolvenz beantragen, teilte das Gericht mit https://t.co/o9ADRvF4qU",
                Lang::De,
            ),
            (
                "RT @netzpolitik: https://t.co/qs9NOacrQt #fusion",
                Lang::Unknown,
            ),
            ("", Lang::Unknown),
            ("   ", Lang::Unknown),
            ("42 17 3", Lang::Unknown),
            ("Kim", Lang::Unknown),
        ];
        let mut failures = Vec::new();
        for (text, expected) in cases {
            let got = detect_language(text);
            if got != *expected {
                failures.push(format!("{text:?}: got {got:?}, expected {expected:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn long_text_is_sampled_at_a_char_boundary() {
        let text = "Südkorea und Nordkorea sind Nachbarn, aber nicht Freunde. ".repeat(1000);
        assert_eq!(detect_language(&text), Lang::De);
        let s = sample("ääää", 3);
        assert_eq!(s, "ä");
    }
}
