//! The recogniser: a fast scanner over words and a small hand-written grammar of German and
//! English time expressions. It works on the raw text (its own light tokenisation), so it does
//! not depend on how the shared tokenizer splits dates like "28.10.2024" or "12.00".

use chrono::NaiveDate;

use super::lexicon::{self, DayPart, Dir, Lex, Part, RefKind, Senses, Unit};
use super::normalize::{Ctx, Expr, YearSpec, normalize};
use super::tense::Tense;
use crate::model::{Span, Timex};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Num,
    Mixed,
    Punct,
}

/// One scanned word, number or punctuation mark.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word {
    pub s: usize,
    pub e: usize,
    pub kind: Kind,
    /// Whitespace before this token.
    pub gap: bool,
    /// A line break before this token.
    pub nl: bool,
    /// First letter upper-case.
    pub cap: bool,
    /// Every letter upper-case.
    pub upper: bool,
    /// Lower-cased form in the arena.
    lo: (u32, u32),
    /// Numeric value of a digit run (saturating), for `Num` and the leading digits of `Mixed`.
    pub num: u64,
    /// Number of leading digits.
    pub nd: u8,
    /// Index into [`Scan::senses`] plus one (0: the word means nothing to the lexicon); kept
    /// out of line so that a word stays small.
    sense_id: u32,
}

impl Word {
    /// True when the lexicon knows no meaning of the word.
    pub(crate) fn no_senses(&self) -> bool {
        self.sense_id == 0
    }
}

/// The scanned text.
pub(crate) struct Scan {
    pub words: Vec<Word>,
    arena: String,
    senses: Vec<Senses>,
}

impl Scan {
    pub(crate) fn lo(&self, w: &Word) -> &str {
        self.arena
            .get(w.lo.0 as usize..w.lo.1 as usize)
            .unwrap_or("")
    }
}

/// Splits `text` into words, numbers and punctuation, and looks words up in the lexicon.
pub(crate) fn scan(text: &str, de: bool, en: bool) -> Scan {
    let mut words = Vec::with_capacity(text.len() / 5 + 1);
    let mut arena = String::with_capacity(text.len() / 3);
    let mut senses: Vec<Senses> = Vec::new();
    let mut gap = true;
    let mut nl = true;
    let mut it = text.char_indices().peekable();
    while let Some((s, c)) = it.next() {
        if c.is_whitespace() {
            gap = true;
            if c == '\n' {
                nl = true;
            }
            continue;
        }
        let a0 = arena.len() as u32;
        let mut upper = c.is_uppercase();
        let (e, kind, cap, num, nd) = if c.is_alphanumeric() {
            let mut e = s + c.len_utf8();
            let mut all_digits = c.is_ascii_digit();
            let mut any_digit = all_digits;
            let mut num: u64 = 0;
            let mut nd: u8 = 0;
            let mut leading = c.is_ascii_digit();
            if leading {
                num = u64::from(c as u8 - b'0');
                nd = 1;
            }
            for lc in c.to_lowercase() {
                arena.push(lc);
            }
            while let Some(&(j, c2)) = it.peek() {
                if !c2.is_alphanumeric() {
                    break;
                }
                it.next();
                e = j + c2.len_utf8();
                if c2.is_ascii_digit() {
                    any_digit = true;
                    if leading {
                        num = num
                            .saturating_mul(10)
                            .saturating_add(u64::from(c2 as u8 - b'0'));
                        nd = nd.saturating_add(1);
                    }
                } else {
                    all_digits = false;
                    leading = false;
                    if !c2.is_uppercase() {
                        upper = false;
                    }
                }
                if c2.is_ascii() {
                    arena.push(c2.to_ascii_lowercase());
                } else {
                    for lc in c2.to_lowercase() {
                        arena.push(lc);
                    }
                }
            }
            let kind = if all_digits {
                Kind::Num
            } else if any_digit {
                Kind::Mixed
            } else {
                Kind::Word
            };
            (e, kind, c.is_uppercase(), num, nd)
        } else {
            arena.push(c);
            (s + c.len_utf8(), Kind::Punct, false, 0, 0)
        };
        let lo = (a0, arena.len() as u32);
        let mut sense_id = 0;
        if kind == Kind::Word && (lo.1 - lo.0) <= 24 {
            let found = lexicon::lookup(&arena[lo.0 as usize..lo.1 as usize], de, en);
            if !found.is_empty() {
                senses.push(found);
                sense_id = senses.len() as u32;
            }
        }
        words.push(Word {
            s,
            e,
            kind,
            gap,
            nl,
            cap,
            upper,
            lo,
            num,
            nd,
            sense_id,
        });
        gap = false;
        nl = false;
    }
    Scan {
        words,
        arena,
        senses,
    }
}

/// A match: token range and meaning.
#[derive(Debug, Clone)]
pub(crate) struct M {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
}

fn m(start: usize, end: usize, expr: Expr) -> Option<M> {
    if end > start {
        Some(M { start, end, expr })
    } else {
        None
    }
}

fn longest(a: Option<M>, b: Option<M>) -> Option<M> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.end > x.end { y } else { x }),
        (x, None) => x,
        (None, y) => y,
    }
}

const TIMEZONES: [&str; 12] = [
    "est", "edt", "cst", "cdt", "pst", "pdt", "gmt", "utc", "mez", "mesz", "cet", "cest",
];

pub(crate) struct Parser<'a> {
    pub sc: &'a Scan,
    pub de: bool,
    pub en: bool,
}

impl<'a> Parser<'a> {
    fn w(&self, i: usize) -> Option<&Word> {
        self.sc.words.get(i)
    }

    fn lo(&self, i: usize) -> &str {
        self.w(i).map_or("", |w| self.sc.lo(w))
    }

    fn is(&self, i: usize, s: &str) -> bool {
        self.lo(i) == s
    }

    fn is_any(&self, i: usize, s: &[&str]) -> bool {
        let l = self.lo(i);
        s.contains(&l)
    }

    /// Punctuation `c` directly attached to the previous token.
    fn tight(&self, i: usize, c: &str) -> bool {
        self.w(i)
            .is_some_and(|w| w.kind == Kind::Punct && !w.gap && self.sc.lo(w) == c)
    }

    fn punct(&self, i: usize, c: &str) -> bool {
        self.w(i)
            .is_some_and(|w| w.kind == Kind::Punct && self.sc.lo(w) == c)
    }

    fn num(&self, i: usize) -> Option<(u64, u8)> {
        self.w(i)
            .filter(|w| w.kind == Kind::Num)
            .map(|w| (w.num, w.nd))
    }

    fn lex(&self, i: usize) -> impl Iterator<Item = Lex> + '_ {
        self.w(i)
            .and_then(|w| w.sense_id.checked_sub(1))
            .and_then(|k| self.sc.senses.get(k as usize))
            .into_iter()
            .flat_map(|s| s.lexes())
    }

    fn find<T>(&self, i: usize, f: impl Fn(Lex) -> Option<T>) -> Option<T> {
        self.lex(i).find_map(f)
    }

    /// True when the word at `i` is written in capitals only ("IC", "ICE").
    fn text_upper(&self, i: usize) -> bool {
        self.w(i).is_some_and(|w| {
            w.cap && w.e - w.s >= 2 && self.sc.lo(w).chars().all(|c| c.is_alphabetic()) && w.upper
        })
    }

    fn cap(&self, i: usize) -> bool {
        self.w(i).is_some_and(|w| w.cap)
    }

    /// A month name at `i`: (month, end). Abbreviations take an optional dot.
    fn month(&self, i: usize, need_context: bool) -> Option<(u32, usize)> {
        let (mo, abbr) = self.find(i, |l| match l {
            Lex::Month(mo, a) => Some((mo, a)),
            _ => None,
        })?;
        if !self.cap(i) {
            return None;
        }
        let mut end = i + 1;
        if abbr {
            if self.tight(end, ".") {
                end += 1;
            }
            // Abbreviations only next to a number.
            let next_num = self.num(end).is_some();
            let prev_num = i > 0 && (self.num(i - 1).is_some() || self.tight(i, "."));
            let prev_ord = i >= 2 && self.tight(i - 1, ".") && self.num(i - 2).is_some();
            if !(next_num || prev_num || prev_ord) {
                return None;
            }
        } else if need_context && self.en && matches!(self.lo(i), "may" | "march") {
            let next_num = self.num(end).is_some()
                || self
                    .w(end)
                    .is_some_and(|w| w.kind == Kind::Mixed && w.nd <= 2)
                || self.ord_day(end).is_some();
            let prev = i > 0
                && (self.num(i - 1).is_some()
                    || self.is_any(
                        i - 1,
                        &[
                            "in", "last", "next", "this", "early", "mid", "late", "since", "until",
                            "of", "by", "during", "-", "through", "before", "after", "from", "to",
                            "and",
                        ],
                    ));
            if !(next_num || prev) {
                return None;
            }
        }
        Some((mo, end))
    }

    /// A year written with four digits at `i`.
    fn year4(&self, i: usize) -> Option<i32> {
        let (n, nd) = self.num(i)?;
        if nd == 4 && (1000..=2999).contains(&n) {
            // Not a decimal or a thousands group ("2.000,50", "1,000", "2082.1", "2013,45").
            if (self.tight(i + 1, ",") || self.tight(i + 1, "."))
                && self
                    .num(i + 2)
                    .is_some_and(|_| !self.w(i + 2).is_some_and(|w| w.gap))
            {
                return None;
            }
            return Some(n as i32);
        }
        None
    }

    /// A year after a day and month: four digits, or two digits after a numeric date.
    fn year_after(&self, i: usize) -> Option<(i32, usize)> {
        let mut j = i;
        if self.tight(j, ",") {
            j += 1;
        }
        // a year of an era: "44 v. Chr.", "44 BC", "2555 BE"
        if let Some((n, nd)) = self.num(j)
            && nd <= 4
            && let Some((y, end)) = self.era_year(n, j + 1)
        {
            return Some((y, end));
        }
        // '96, and two digits that end the date ("3 Aug 96", "12. Feb. 97.")
        if (self.lo(j) == "'" || self.lo(j) == "’")
            && let Some(w) = self.w(j + 1)
            && w.kind == Kind::Num
            && w.nd == 2
            && !w.gap
        {
            return Some((two_digit_year(w.num as i32), j + 2));
        }
        if let Some(w) = self.w(j)
            && w.kind == Kind::Num
            && w.nd == 2
            && w.gap
            && self.w(j + 1).is_none_or(|n| match n.kind {
                Kind::Punct => !matches!(self.sc.lo(n), "%" | ":" | "-" | "/" | "€" | "$"),
                Kind::Word => {
                    let l = self.sc.lo(n);
                    (!n.cap || !self.de)
                        && !COUNTED_EN.contains(&l)
                        && self.unit(j + 1).is_none()
                        && !matches!(
                            l,
                            "prozent"
                                | "percent"
                                | "uhr"
                                | "mal"
                                | "times"
                                | "und"
                                | "and"
                                | "bis"
                                | "to"
                        )
                }
                _ => false,
            })
            && !(self.tight(j + 1, ".") && self.num(j + 2).is_some())
            && !(self.tight(j + 1, ",") && self.num(j + 2).is_some())
        {
            return Some((two_digit_year(w.num as i32), j + 1));
        }
        let y = self.year4(j)?;
        // "19. Juni 2024 Soldaten" is unlikely; keep years that are not followed by "%" etc.
        if self.punct(j + 1, "%") {
            return None;
        }
        Some((y, j + 1))
    }

    /// A cardinal amount: digits, number words, "a"/"an"/"ein", "a couple of", "half a".
    fn amount(&self, i: usize) -> Option<(f64, usize, bool)> {
        // bool: written as "a"/"an"/"ein" (article)
        let w = self.w(i)?;
        if w.kind == Kind::Num {
            if w.nd > 5 {
                return None;
            }
            // decimals "1,5" / "1.5"
            if (self.tight(i + 1, ",") || self.tight(i + 1, "."))
                && self
                    .w(i + 2)
                    .is_some_and(|x| x.kind == Kind::Num && !x.gap && x.nd == 1)
            {
                let frac = self.w(i + 2).map_or(0, |x| x.num) as f64 / 10.0;
                return Some((w.num as f64 + frac, i + 3, false));
            }
            if self.tight(i + 1, ",")
                && self.w(i + 2).is_some_and(|x| x.kind == Kind::Num && !x.gap)
            {
                return None;
            }
            return Some((w.num as f64, i + 1, false));
        }
        let l = self.sc.lo(w);
        match l {
            "anderthalb" | "eineinhalb" => return Some((1.5, i + 1, false)),
            "half" if self.is_any(i + 1, &["a", "an"]) => return Some((0.5, i + 2, false)),
            "couple" if self.is(i + 1, "of") => return Some((2.0, i + 2, false)),
            "a" if self.is(i + 1, "couple") && self.is(i + 2, "of") => {
                return Some((2.0, i + 3, false));
            }
            "a" | "an" if self.is(i + 1, "dozen") => return Some((12.0, i + 2, false)),
            _ => {}
        }
        let n = self.find(i, |l| match l {
            Lex::Num(n) => Some(n),
            _ => None,
        })?;
        let article = matches!(
            l,
            "a" | "an" | "ein" | "eine" | "einen" | "einem" | "einer" | "eines"
        );
        if article && self.is_any(i + 1, &["halbes", "halben", "halbe"]) {
            return Some((0.5, i + 2, false));
        }
        // twenty four / twenty-four
        if (20..=90).contains(&n) && n % 10 == 0 {
            let j = if self.tight(i + 1, "-") { i + 2 } else { i + 1 };
            if let Some(k) = self.find(j, |l| match l {
                Lex::Num(k) if (1..=9).contains(&k) && !matches!(self.lo(j), "a" | "an") => Some(k),
                _ => None,
            }) {
                return Some(((n + k) as f64, j + 1, false));
            }
        }
        Some((n as f64, i + 1, article))
    }

    fn unit(&self, i: usize) -> Option<(Unit, bool)> {
        self.find(i, |l| match l {
            Lex::Unit(u, p) => Some((u, p)),
            _ => None,
        })
    }

    /// A month name in any case and without context ("JAN", "August", "mai"): (month, end).
    fn month_loose(&self, i: usize) -> Option<(u32, usize)> {
        let w = self.w(i).filter(|w| w.kind == Kind::Word)?;
        let (mo, abbr) = lexicon::lookup(self.sc.lo(w), true, true)
            .lexes()
            .find_map(|l| match l {
                Lex::Month(mo, a) => Some((mo, a)),
                _ => None,
            })?;
        let end = if abbr && self.tight(i + 1, ".") {
            i + 2
        } else {
            i + 1
        };
        Some((mo, end))
    }

    /// An era after a year number `n` at `j`: the astronomical year and the end.
    fn era_year(&self, n: u64, j: usize) -> Option<(i32, usize)> {
        let n = i32::try_from(n).ok()?;
        if n == 0 {
            return None;
        }
        let l = self.lo(j);
        // v. Chr. / n. Chr. / v.u.Z. / vor Christus
        if (l == "v" || l == "n") && self.tight(j + 1, ".") {
            let mut k = j + 2;
            if self.is(k, "chr") {
                k += 1;
                if self.tight(k, ".") {
                    k += 1;
                }
                return Some((if l == "v" { 1 - n } else { n }, k));
            }
            if l == "v" && self.is(k, "u") && self.tight(k + 1, ".") && self.is(k + 2, "z") {
                k += 3;
                if self.tight(k, ".") {
                    k += 1;
                }
                return Some((1 - n, k));
            }
            return None;
        }
        if matches!(l, "vor" | "nach") && self.is(j + 1, "christus") {
            return Some((if l == "vor" { 1 - n } else { n }, j + 2));
        }
        let upper = self.w(j).is_some_and(|w| w.upper);
        match l {
            "bc" | "bce" if upper => return Some((1 - n, j + 1)),
            "ad" | "ce" if upper => return Some((n, j + 1)),
            "be" if upper => return Some((n - 543, j + 1)),
            _ => {}
        }
        // B.C. / B.C.E. / A.D. / B.E.
        if upper && self.tight(j + 1, ".") {
            let two = |a: &str, b: &str| {
                l == a && self.is(j + 2, b) && self.w(j + 2).is_some_and(|w| w.upper && !w.gap)
            };
            let end = |k: usize| if self.tight(k, ".") { k + 1 } else { k };
            if two("b", "c") {
                if self.tight(j + 3, ".") && self.is(j + 4, "e") {
                    return Some((1 - n, end(j + 5)));
                }
                return Some((1 - n, end(j + 3)));
            }
            if two("a", "d") {
                return Some((n, end(j + 3)));
            }
            if two("b", "e") {
                return Some((n - 543, end(j + 3)));
            }
        }
        None
    }

    /// A day written as an ordinal word ("twenty-fourth", "vierundzwanzigsten"): (day, end).
    fn ord_day(&self, i: usize) -> Option<(u32, usize)> {
        if let Some(n) = self.find(i, |l| match l {
            Lex::Num(n) if n == 20 || n == 30 => Some(n),
            _ => None,
        }) {
            let j = if self.tight(i + 1, "-") { i + 2 } else { i + 1 };
            let k = self.find(j, |l| match l {
                Lex::Ord(k) if (1..=9).contains(&k) => Some(k),
                _ => None,
            })?;
            return Some((n + k, j + 1));
        }
        let n = self.find(i, |l| match l {
            Lex::Ord(n) if (1..=31).contains(&n) => Some(n),
            _ => None,
        })?;
        Some((n, i + 1))
    }

    /// Dates with an ordinal word: "Twenty-fourth of May", "vierundzwanzigsten Mai 2012".
    fn p_ord_date(&self, i: usize) -> Option<M> {
        let (d, end) = self.ord_day(i)?;
        let j = if self.en && self.is(end, "of") {
            end + 1
        } else if self.de {
            end
        } else {
            return None;
        };
        let (mo, mend) = self.month(j, false)?;
        let year = match self.year_after(mend) {
            Some((y, e)) => return m(i, e, date(YearSpec::Explicit(y), mo, d)),
            None => YearSpec::Infer,
        };
        m(i, mend, date(year, mo, d))
    }

    /// True when the word before `i` marks a version, section or model number.
    fn after_version_word(&self, i: usize) -> bool {
        let mut k = i;
        while k > 0
            && self
                .w(k - 1)
                .is_some_and(|w| w.kind == Kind::Punct && matches!(self.sc.lo(w), ":" | "#"))
        {
            k -= 1;
        }
        k > 0
            && !self.w(k).is_some_and(|w| w.nl)
            && (matches!(
                self.lo(k - 1),
                "version"
                    | "v"
                    | "ver"
                    | "update"
                    | "patch"
                    | "firmware"
                    | "release"
                    | "build"
                    | "modell"
                    | "model"
                    | "paragraf"
                    | "paragraph"
                    | "section"
                    | "abschnitt"
                    | "artikel"
                    | "article"
                    | "§"
                    | "nr"
                    | "no"
                    | "kapitel"
                    | "chapter"
                    | "ios"
                    | "android"
                    | "windows"
                    | "software"
                    | "app"
                    | "tabelle"
                    | "table"
                    | "ziffer"
                    | "punkt"
                    | "absatz"
                    | "aktenzeichen"
                    | "az"
                    | "docket"
                    | "case"
            ) || self
                .w(k - 1)
                .is_some_and(|w| w.kind == Kind::Mixed && self.sc.lo(w).starts_with('v')))
    }

    /// Ranges of days: "10. - 22. August 2012", "2. bis 6. September", "03.07.-14.07.2023",
    /// "Aug 10 - Nov 12, 2013", "August 10-22, 2012", "3-14 July 2023", "March 10 to 12, 2025".
    fn p_range(&self, i: usize) -> Option<M> {
        let w = self.w(i)?;
        // the first end: (month if written, day, year if written, end)
        let (m1, d1, y1, e1) = match w.kind {
            Kind::Num if w.nd <= 2 => {
                let d = u32::try_from(w.num).ok()?;
                let mut e = i + 1;
                let dotted = self.tight(e, ".");
                if dotted {
                    e += 1;
                }
                // 03.07.-14.07.2023
                if dotted
                    && let Some((mo, 1 | 2)) =
                        self.num(e).filter(|_| !self.w(e).is_some_and(|w| w.gap))
                    && self.tight(e + 1, ".")
                {
                    (Some(mo as u32), d, None, e + 2)
                } else if let Some((mo, me)) = self.month(e, false) {
                    // 10. August - 12. November 2013 / 3 Aug - 5 Sep 2013
                    (Some(mo), d, None, me)
                } else {
                    (None, d, None, e)
                }
            }
            Kind::Word => {
                // Aug 10 - … / August 10-22
                let (mo, me) = self.month(i, false)?;
                let (d, nd) = self.num(me)?;
                if nd > 2 {
                    return None;
                }
                let mut e = me + 1;
                let mut y = None;
                if self.tight(e, ",")
                    && let Some(yy) = self.year4(e + 1)
                {
                    y = Some(yy);
                    e += 2;
                }
                (Some(mo), d as u32, y, e)
            }
            _ => return None,
        };
        if !(1..=31).contains(&d1) {
            return None;
        }
        // the connector
        let mut j = e1;
        let dash = self.is_any(j, &["-", "–", "—"]);
        let word = self.is_any(j, &["bis", "to", "through", "until"]);
        if !(dash || word) {
            return None;
        }
        // a dash glued to a bare number on both sides is a score or a code ("21-17")
        j += 1;
        if self.is_any(j, &["zum", "einschließlich"]) {
            j += 1;
        }
        // "vom 1. Juni bis zum 30. November": two dates; "2. bis 6. September" and
        // "March 10 to 12": one range
        if word && self.de && !self.tight(i + 1, ".") {
            return None;
        }
        let both_months = |second_has: bool| word && m1.is_some() && second_has;
        // the second end
        let (m2, d2, y2, e2) = if let Some((mo, me)) = self.month(j, false) {
            let (d, nd) = self.num(me)?;
            if nd > 2 {
                return None;
            }
            let mut e = me + 1;
            if self.de && self.tight(e, ".") {
                e += 1;
            }
            if both_months(true) {
                return None;
            }
            match self.year_after(e) {
                Some((y, ye)) => (mo, d as u32, Some(y), ye),
                None => (mo, d as u32, None, e),
            }
        } else {
            let (d, nd) = self.num(j)?;
            if nd > 2 {
                return None;
            }
            let mut e = j + 1;
            if self.tight(e, ".") {
                e += 1;
                // 14.07.2023 / 14.07.
                if let Some((mo, 1 | 2)) = self.num(e).filter(|_| !self.w(e).is_some_and(|w| w.gap))
                    && self.tight(e + 1, ".")
                {
                    let e3 = e + 2;
                    if both_months(true) {
                        return None;
                    }
                    if let Some((y, 4)) =
                        self.num(e3).filter(|_| !self.w(e3).is_some_and(|w| w.gap))
                    {
                        return self.range_of(
                            i,
                            e3 + 1,
                            m1,
                            d1,
                            y1,
                            mo as u32,
                            d as u32,
                            Some(y as i32),
                        );
                    }
                    return self.range_of(i, e3, m1, d1, y1, mo as u32, d as u32, None);
                }
            }
            if let Some((mo, me)) = self.month(e, false) {
                if both_months(true) {
                    return None;
                }
                match self.year_after(me) {
                    Some((y, ye)) => (mo, d as u32, Some(y), ye),
                    None => (mo, d as u32, None, me),
                }
            } else if let Some(mo) = m1 {
                // August 10-22, 2012 / Sept. 2-6
                if self.de && !self.tight(j + 1, ".") {
                    return None;
                }
                match self.year_after(e) {
                    Some((y, ye)) => (mo, d as u32, Some(y), ye),
                    None => (mo, d as u32, None, e),
                }
            } else {
                return None;
            }
        };
        self.range_of(i, e2, m1, d1, y1, m2, d2, y2)
    }

    #[allow(clippy::too_many_arguments)]
    fn range_of(
        &self,
        i: usize,
        end: usize,
        m1: Option<u32>,
        d1: u32,
        y1: Option<i32>,
        m2: u32,
        d2: u32,
        y2: Option<i32>,
    ) -> Option<M> {
        let m1 = m1.unwrap_or(m2);
        if !(1..=12).contains(&m1) || !(1..=12).contains(&m2) || !(1..=31).contains(&d2) {
            return None;
        }
        if NaiveDate::from_ymd_opt(y2.unwrap_or(2000), m2, d2).is_none()
            || NaiveDate::from_ymd_opt(y1.or(y2).unwrap_or(2000), m1, d1).is_none()
        {
            // "February 20 - 29, 2022", "30. Februar - 2. März": no such day
            return m(i, end, Expr::Invalid);
        }
        let later_first = (m1, d1) > (m2, d2);
        let b = date(y2.map_or(YearSpec::Infer, YearSpec::Explicit), m2, d2);
        let a = match (y1, y2) {
            (Some(y), _) => date(YearSpec::Explicit(y), m1, d1),
            (None, Some(y)) => date(
                YearSpec::Explicit(if later_first { y - 1 } else { y }),
                m1,
                d1,
            ),
            (None, None) => date(YearSpec::Infer, m1, d1),
        };
        m(
            i,
            end,
            Expr::Range {
                a: Box::new(a),
                b: Box::new(b),
            },
        )
    }

    fn dir(&self, i: usize) -> Option<Dir> {
        self.find(i, |l| match l {
            Lex::Dir(d) => Some(d),
            _ => None,
        })
    }

    fn weekday(&self, i: usize) -> Option<u32> {
        if !self.cap(i) {
            return None;
        }
        self.find(i, |l| match l {
            Lex::Weekday(d) => Some(d),
            _ => None,
        })
    }

    fn daypart(&self, i: usize) -> Option<DayPart> {
        // German "Morgen" (morning) is capitalised; lower-case "morgen" is tomorrow.
        if self.de && self.is(i, "morgen") && !self.cap(i) {
            return None;
        }
        self.find(i, |l| match l {
            Lex::DayPart(p) => Some(p),
            _ => None,
        })
    }

    /// Everything that can start at token `i`, longest first.
    pub(crate) fn at(&self, i: usize) -> Option<M> {
        let w = self.w(i)?;
        if w.kind == Kind::Punct {
            return None;
        }
        if w.kind == Kind::Word && w.no_senses() && !self.special_word(i) {
            return None;
        }
        let mut best = self.core(i);
        // Approximators and determiners that belong to the expression.
        let l = self.lo(i);
        let approx_len = match l {
            "more" | "less" | "mehr" | "weniger" if self.is_any(i + 1, &["than", "als"]) => 2,
            "at" if self.is_any(i + 1, &["least", "most"]) => 2,
            "kurz" if self.is_any(i + 1, &["vor", "nach"]) => 2,
            "ca" if self.tight(i + 1, ".") => 2,
            _ if self
                .find(i, |l| matches!(l, Lex::Approx).then_some(()))
                .is_some() =>
            {
                1
            }
            _ => 0,
        };
        if approx_len > 0
            && let Some(inner) = self.core(i + approx_len)
            && matches!(
                inner.expr,
                Expr::Duration { .. } | Expr::Shift { .. } | Expr::Clock { .. }
            )
        {
            best = longest(best, m(i, inner.end, inner.expr));
        }
        if self.is_any(i, &["the", "a", "an"])
            && let Some(inner) = self.core(i + 1)
        {
            let ok = match &inner.expr {
                Expr::Quarter { .. }
                | Expr::Half { .. }
                | Expr::Decade(_)
                | Expr::DecadeShort(_)
                | Expr::Century(_)
                | Expr::Modified { .. }
                | Expr::Ref(_)
                | Expr::Season { .. } => true,
                Expr::Duration { .. } => {
                    // "the nine months", "the past 20 years" — not "a year" read as the article
                    !self.is_any(i, &["a", "an", "ein", "eine", "einen", "einem", "einer"])
                }
                Expr::RelUnit { unit, .. } => {
                    matches!(unit, Unit::Weekend | Unit::Day) || self.dir(i + 1).is_some()
                }
                _ => false,
            };
            if ok {
                best = longest(best, m(i, inner.end, inner.expr));
            }
        }
        best
    }

    fn special_word(&self, i: usize) -> bool {
        matches!(
            self.lo(i),
            "o" | "year"
                | "übernächste"
                | "übernächsten"
                | "übernächstes"
                | "übernächster"
                | "vorletzte"
                | "vorletzten"
                | "vorletztes"
                | "vorletzter"
                | "vorvergangene"
                | "vorvergangenen"
                | "kw"
                | "kalenderwoche"
                | "ad"
                | "new"
                | "fourth"
                | "independence"
                | "good"
                | "valentine"
                | "tag"
                | "christi"
                | "easter"
                | "ostern"
                | "ostersonntag"
                | "ostermontag"
                | "karfreitag"
                | "pfingsten"
                | "pfingstmontag"
                | "allerheiligen"
                | "reformationstag"
                | "mittags"
                | "mid"
                | "recent"
                | "vortag"
                | "folgetag"
                | "jahrelang"
                | "monatelang"
                | "wochenlang"
                | "tagelang"
                | "jahrzehntelang"
                | "stundenlang"
                | "halbjahr"
                | "halbjahres"
                | "vergangenheit"
                | "q1"
                | "q2"
                | "q3"
                | "q4"
                | "once"
                | "twice"
                | "einmal"
                | "zweimal"
                | "the"
                | "end"
                | "beginning"
                | "middle"
                | "start"
                | "kurzem"
                | "viertelstunde"
                | "anderthalb"
                | "eineinhalb"
                | "half"
                | "couple"
                | "ca"
                | "kurz"
                | "at"
                | "in"
                | "im"
                | "year-end"
                | "weekends"
                | "nineteen"
                | "these"
                | "zwanziger"
                | "dreißiger"
                | "vierziger"
                | "fünfziger"
                | "sechziger"
                | "siebziger"
                | "achtziger"
                | "neunziger"
                | "zwanzigern"
                | "dreißigern"
                | "vierzigern"
                | "fünfzigern"
                | "sechzigern"
                | "siebzigern"
                | "achtzigern"
                | "neunzigern"
        )
    }

    /// The core patterns at `i` (no approximators).
    fn core(&self, i: usize) -> Option<M> {
        let w = self.w(i)?;
        if w.kind == Kind::Word && w.no_senses() && !self.special_word(i) {
            return None;
        }
        let mut best = match w.kind {
            Kind::Num => self.p_numeric(i),
            Kind::Mixed => self.p_mixed(i),
            Kind::Word => longest(self.p_word(i), self.p_ord_date(i)),
            Kind::Punct => self.p_apostrophe(i),
        };
        if matches!(w.kind, Kind::Num | Kind::Word)
            && let Some(r) = self.p_range(i)
            && best.as_ref().is_none_or(|b| r.end > b.end)
        {
            return Some(r);
        }
        // A time of day after a date, or a date after a time.
        if let Some(b) = best.take() {
            best = Some(self.combine(b));
        }
        best
    }

    fn combine(&self, b: M) -> M {
        let is_dayish = |e: &Expr| {
            matches!(
                e,
                Expr::Date { .. }
                    | Expr::Weekday { .. }
                    | Expr::Deictic(_)
                    | Expr::DayOnly { .. }
                    | Expr::WeekdayOfWeek { .. }
                    | Expr::After { .. }
            )
        };
        match &b.expr {
            e if is_dayish(e) => {
                // "Montag, 4. April" / "Tuesday, Nov. 19"
                let mut j = b.end;
                if matches!(e, Expr::Weekday { .. }) {
                    let k = if self.punct(j, ",") { j + 1 } else { j };
                    if let Some(n) = self.core_date_only(k)
                        && matches!(n.expr, Expr::Date { .. } | Expr::DayOnly { .. })
                    {
                        let expr = match (n.expr, e) {
                            (Expr::DayOnly { day, .. }, Expr::Weekday { wd, .. }) => {
                                Expr::DayOnly {
                                    day,
                                    weekday: Some(*wd),
                                }
                            }
                            (
                                Expr::Date {
                                    year: YearSpec::Infer,
                                    month,
                                    day,
                                },
                                Expr::Weekday { wd, .. },
                            ) => Expr::Date {
                                year: YearSpec::Weekday(*wd),
                                month,
                                day,
                            },
                            (x, _) => x,
                        };
                        return self.combine(M {
                            start: b.start,
                            end: n.end,
                            expr,
                        });
                    }
                }
                // "Dienstag nächster Woche", "Tuesday of next week"
                if let Expr::Weekday { wd, dir: None } = e {
                    let mut k = j;
                    if self.is(k, "of") || (self.de && self.is_any(k, &["der", "in"])) {
                        k += 1;
                        if self.is_any(k, &["the", "der"]) {
                            k += 1;
                        }
                    }
                    if let Some(d) = self.dir(k)
                        && let Some((Unit::Week, false)) = self.unit(k + 1)
                    {
                        let weeks = match d {
                            Dir::Past => -1,
                            Dir::Next => 1,
                            Dir::This => 0,
                        };
                        return self.combine(M {
                            start: b.start,
                            end: k + 2,
                            expr: Expr::WeekdayOfWeek { wd: *wd, weeks },
                        });
                    }
                }
                // Part of day: "Tuesday night", "gestern Abend", "yesterday morning"
                if let Some(p) = self.daypart(j) {
                    return M {
                        start: b.start,
                        end: j + 1,
                        expr: Expr::DayPart {
                            date: Box::new(b.expr.clone()),
                            part: p,
                        },
                    };
                }
                if self.is_any(j, &["um", "at", "gegen", "ab"]) || self.punct(j, ",") {
                    j += 1;
                }
                // German texts annotate the date and the time apart ("Montag, 1. August, 22.10
                // Uhr"); the time then takes its day from the date (see `recognize`).
                if self.de {
                    return b;
                }
                if let Some(t) = self.p_clock(j)
                    && let Expr::Clock { hour, minute, .. } = t.expr
                {
                    return M {
                        start: b.start,
                        end: t.end,
                        expr: Expr::Clock {
                            date: Some(Box::new(b.expr.clone())),
                            hour,
                            minute,
                        },
                    };
                }
                b
            }
            Expr::Clock {
                date: None,
                hour,
                minute,
            } if !self.de => {
                let mut j = b.end;
                if self.punct(j, ",") || self.is_any(j, &["on", "am"]) {
                    j += 1;
                }
                if let Some(d) = self.core_date_only(j)
                    && is_dayish(&d.expr)
                {
                    return M {
                        start: b.start,
                        end: d.end,
                        expr: Expr::Clock {
                            date: Some(Box::new(d.expr)),
                            hour: *hour,
                            minute: *minute,
                        },
                    };
                }
                b
            }
            _ => b,
        }
    }

    /// Date patterns only (no combination), for joining "Montag, 4. April".
    fn core_date_only(&self, i: usize) -> Option<M> {
        let w = self.w(i)?;
        match w.kind {
            Kind::Num => self.p_numeric_date(i),
            Kind::Mixed => self.p_mixed(i),
            Kind::Word => longest(
                self.p_month(i),
                longest(self.p_weekday_plain(i), self.p_deictic_plain(i)),
            ),
            Kind::Punct => None,
        }
    }

    fn p_apostrophe(&self, i: usize) -> Option<M> {
        // '90s
        if self.lo(i) == "'" || self.lo(i) == "’" {
            let w = self.w(i + 1)?;
            if w.kind == Kind::Mixed && !w.gap && w.nd == 2 && self.sc.lo(w).ends_with('s') {
                let t = (w.num / 10) as u32;
                if w.num % 10 == 0 {
                    return m(i, i + 2, Expr::DecadeShort(t));
                }
            }
        }
        None
    }

    // ---------------------------------------------------------------- numbers

    fn p_numeric(&self, i: usize) -> Option<M> {
        if let Some((n, nd)) = self.num(i)
            && nd <= 4
            && let Some((y, end)) = self.era_year(n, i + 1)
        {
            return m(i, end, Expr::Year(y));
        }
        let mut best = self.p_numeric_date(i);
        best = longest(best, self.p_clock(i));
        best = longest(best, self.p_duration(i));
        best = longest(best, self.p_year(i));
        best
    }

    fn p_numeric_date(&self, i: usize) -> Option<M> {
        let (a, na) = self.num(i)?;
        let mut best: Option<M> = None;
        let glued = |k: usize| self.w(k).is_some_and(|w| !w.gap);
        let sep_at = |k: usize| -> Option<&str> {
            let w = self.w(k).filter(|w| w.kind == Kind::Punct && !w.gap)?;
            let l = self.sc.lo(w);
            matches!(l, "/" | "." | "-").then_some(l)
        };
        // a run of numbers glued by separators: versions, IP addresses, codes
        let mut parts = 1;
        let mut k = i + 1;
        while sep_at(k).is_some() && self.num(k + 1).is_some() && glued(k + 1) {
            parts += 1;
            k += 2;
        }
        if parts >= 4 {
            return m(i, k, Expr::Invalid);
        }
        if parts >= 2 && self.after_version_word(i) {
            return m(i, k, Expr::Invalid);
        }
        if i > 0 && self.tight(i, "-") && self.num(i - 1).is_some() {
            return None;
        }
        // 2012/8/10, 2014.12.28, 2012-8-10
        if na == 4
            && (1000..=2999).contains(&a)
            && let Some(sep) = sep_at(i + 1)
            && let Some((mo, 1 | 2)) = self.num(i + 2).filter(|_| glued(i + 2))
            && sep_at(i + 3) == Some(sep)
            && let Some((d, 1 | 2)) = self.num(i + 4).filter(|_| glued(i + 4))
            && !(sep == "-" && self.w(i + 4).is_none())
        {
            return m(
                i,
                i + 5,
                date(YearSpec::Explicit(a as i32), mo as u32, d as u32),
            );
        }
        // 9/2012, 09/2012
        if na <= 2
            && (1..=12).contains(&a)
            && sep_at(i + 1) == Some("/")
            && let Some((y, 4)) = self.num(i + 2).filter(|_| glued(i + 2))
            && (1900..=2100).contains(&y)
            && !(sep_at(i + 3).is_some() && self.num(i + 4).is_some())
        {
            return m(
                i,
                i + 3,
                Expr::Month {
                    year: YearSpec::Explicit(y as i32),
                    month: a as u32,
                },
            );
        }
        // 09-JAN-2017, 21-APR-16, 10-August 2012, 10/Aug/2012
        if na <= 2
            && matches!(sep_at(i + 1), Some("-" | "/"))
            && glued(i + 2)
            && let Some((mo, me)) = self.month_loose(i + 2)
        {
            let j = if matches!(sep_at(me), Some("-" | "/")) {
                me + 1
            } else {
                me
            };
            if let Some((y, ny)) = self.num(j)
                && (ny == 4 || ny == 2)
                && (j == me || glued(j))
            {
                let year = if ny == 4 {
                    y as i32
                } else {
                    two_digit_year(y as i32)
                };
                if !(1..=31).contains(&a) {
                    return m(i, j + 1, Expr::Invalid);
                }
                return m(i, j + 1, date(YearSpec::Explicit(year), mo, a as u32));
            }
        }
        // 30-12-16, 12-30-2016 (order by language), 3/5/2019
        if na <= 2
            && let Some(sep @ ("-" | "/")) = sep_at(i + 1)
            && let Some((b, nb)) = self.num(i + 2).filter(|_| glued(i + 2))
            && nb <= 2
            && sep_at(i + 3) == Some(sep)
            && let Some((y, ny)) = self.num(i + 4).filter(|_| glued(i + 4))
            && (ny == 4 || ny == 2)
        {
            let year = if ny == 4 {
                y as i32
            } else {
                two_digit_year(y as i32)
            };
            let month_first = self.en && !self.de;
            let (mo, d) = if (month_first && a <= 12) || b > 12 {
                (a, b)
            } else {
                (b, a)
            };
            if !(1..=12).contains(&mo) {
                return None;
            }
            return m(
                i,
                i + 5,
                date(YearSpec::Explicit(year), mo as u32, d as u32),
            );
        }
        // 8/10 (English, after a preposition): month and day
        if na <= 2
            && self.en
            && sep_at(i + 1) == Some("/")
            && let Some((b, nb)) = self.num(i + 2).filter(|_| glued(i + 2))
            && nb <= 2
            && !(sep_at(i + 3).is_some() && self.num(i + 4).is_some())
            && !self.is_any(i + 3, &["of", "points", "point"])
            && i > 0
            && self.is_any(
                i - 1,
                &[
                    "on", "since", "until", "till", "through", "by", "from", "before", "after",
                    "of", "to", "am", "bis", "seit", "vom", "ab",
                ],
            )
        {
            let (mo, d) = if self.de && !self.en { (b, a) } else { (a, b) };
            if (1..=12).contains(&mo) && (1..=31).contains(&d) {
                return m(i, i + 3, date(YearSpec::Infer, mo as u32, d as u32));
            }
        }
        // a day that does not exist before a month: "32. Oktober 2015"
        if na <= 2
            && !(1..=31).contains(&a)
            && let Some(j) = Some(if self.tight(i + 1, ".") { i + 2 } else { i + 1 })
            && let Some((_, me)) = self.month(j, false)
        {
            let end = self.year_after(me).map_or(me, |(_, e)| e);
            return m(i, end, Expr::Invalid);
        }
        // 2024-11-19
        if na == 4
            && self.tight(i + 1, "-")
            && let (Some((mo, 2)), true) = (self.num(i + 2), self.tight(i + 3, "-"))
            && let Some((d, 2)) = self.num(i + 4)
            && !self.w(i + 2).is_some_and(|w| w.gap)
            && !self.w(i + 4).is_some_and(|w| w.gap)
        {
            best = m(
                i,
                i + 5,
                Expr::Date {
                    year: YearSpec::Explicit(a as i32),
                    month: mo as u32,
                    day: d as u32,
                },
            );
            return best;
        }
        // 2016-01-07T23:00:00+01:00
        if na == 4
            && self.tight(i + 1, "-")
            && let (Some((mo, 2)), true) = (self.num(i + 2), self.tight(i + 3, "-"))
            && let Some(w) = self.w(i + 4)
            && w.kind == Kind::Mixed
            && !w.gap
            && w.nd == 2
            && let Some(hour) = self.sc.lo(w).get(3..).and_then(|h| h.parse::<u32>().ok())
            && self.sc.lo(w).get(2..3) == Some("t")
            && self.tight(i + 5, ":")
            && let Some((minute, 2)) = self.num(i + 6)
        {
            let mut end = i + 7;
            if self.tight(end, ":") && self.num(end + 1).is_some() {
                end += 2;
            }
            // a zone offset "+01:00" or "Z" belongs to the expression
            if (self.tight(end, "+") || self.tight(end, "-")) && self.num(end + 1).is_some() {
                end += 2;
                if self.tight(end, ":") && self.num(end + 1).is_some() {
                    end += 2;
                }
            }
            return m(
                i,
                end,
                Expr::Clock {
                    date: Some(Box::new(Expr::Date {
                        year: YearSpec::Explicit(a as i32),
                        month: mo as u32,
                        day: w.num as u32,
                    })),
                    hour,
                    minute: minute as u32,
                },
            );
        }
        // 28.10.2024, 28.10.24, 28.10.
        if na <= 2 && self.tight(i + 1, ".") {
            if let Some((mo, nm)) = self
                .num(i + 2)
                .filter(|_| !self.w(i + 2).is_some_and(|w| w.gap))
                && nm <= 2
                && self.tight(i + 3, ".")
            {
                if let Some((y, ny)) = self
                    .num(i + 4)
                    .filter(|_| !self.w(i + 4).is_some_and(|w| w.gap))
                {
                    let year = match ny {
                        4 => Some(y as i32),
                        2 => Some(two_digit_year(y as i32)),
                        _ => None,
                    };
                    if let Some(year) = year {
                        return m(
                            i,
                            i + 5,
                            Expr::Date {
                                year: YearSpec::Explicit(year),
                                month: mo as u32,
                                day: a as u32,
                            },
                        );
                    }
                } else if (1..=12).contains(&mo) && (1..=31).contains(&a) {
                    return m(
                        i,
                        i + 4,
                        Expr::Date {
                            year: YearSpec::Infer,
                            month: mo as u32,
                            day: a as u32,
                        },
                    );
                }
            }
            // 20. Jahrhundert
            if let Some((Unit::Century, false)) = self.unit(i + 2)
                && (1..=40).contains(&a)
            {
                return m(i, i + 3, Expr::Century(a as i32 - 1));
            }
            // 19. Juni [2024]
            if let Some((mo, end)) = self.month(i + 2, false)
                && (1..=31).contains(&a)
            {
                if let Some((y, end2)) = self.year_after(end) {
                    return m(
                        i,
                        end2,
                        Expr::Date {
                            year: YearSpec::Explicit(y),
                            month: mo,
                            day: a as u32,
                        },
                    );
                }
                return m(
                    i,
                    end,
                    Expr::Date {
                        year: YearSpec::Infer,
                        month: mo,
                        day: a as u32,
                    },
                );
            }
        }
        // 19 November 2024 / 19 Nov
        if na <= 2 && (1..=31).contains(&a) {
            if let Some((mo, end)) = self.month(i + 1, false)
                && (self.en || self.w(i + 1).is_some_and(|w| w.kind == Kind::Word))
            {
                if let Some((y, end2)) = self.year_after(end) {
                    best = longest(
                        best,
                        m(
                            i,
                            end2,
                            Expr::Date {
                                year: YearSpec::Explicit(y),
                                month: mo,
                                day: a as u32,
                            },
                        ),
                    );
                } else if self.en {
                    best = longest(
                        best,
                        m(
                            i,
                            end,
                            Expr::Date {
                                year: YearSpec::Infer,
                                month: mo,
                                day: a as u32,
                            },
                        ),
                    );
                }
            }
            // "Dienstag, 26." handled through DayOnly when called after a weekday
            if self.tight(i + 1, ".")
                && i > 0
                && (self.punct(i - 1, ",") || self.weekday(i - 1).is_some())
                && self.num(i + 2).is_none()
                && self.month(i + 2, false).is_none()
            {
                best = longest(
                    best,
                    m(
                        i,
                        i + 2,
                        Expr::DayOnly {
                            day: a as u32,
                            weekday: None,
                        },
                    ),
                );
            }
        }
        best
    }

    /// A clock time at `i`: "12.00 Uhr", "15:32", "3 p.m.", "12 Uhr", "noon".
    fn p_clock(&self, i: usize) -> Option<M> {
        let w = self.w(i)?;
        if w.kind == Kind::Word {
            if let Some(h) = self.find(i, |l| match l {
                Lex::ClockWord(h) => Some(h),
                _ => None,
            }) {
                return m(
                    i,
                    i + 1,
                    Expr::Clock {
                        date: None,
                        hour: h,
                        minute: 0,
                    },
                );
            }
            return None;
        }
        if w.kind == Kind::Mixed {
            // 3pm, 10am, 14h
            let l = self.sc.lo(w);
            let suffix = l.trim_start_matches(|c: char| c.is_ascii_digit());
            if w.nd <= 2 && w.num <= 12 && (suffix == "pm" || suffix == "am") && self.en {
                let h = to24(w.num as u32, suffix == "pm");
                let end = self.after_clock(i + 1);
                return m(
                    i,
                    end,
                    Expr::Clock {
                        date: None,
                        hour: h,
                        minute: 0,
                    },
                );
            }
            return None;
        }
        let (h, nh) = self.num(i)?;
        if nh > 2 || h > 24 {
            return None;
        }
        let mut j = i + 1;
        let mut minute = 0u64;
        let mut has_min = false;
        if (self.tight(j, ":") || (self.de && self.tight(j, ".")))
            && self.num(j + 1).is_some_and(|(_, n)| n == 2)
            && !self.w(j + 1).is_some_and(|w| w.gap)
        {
            minute = self.num(j + 1).map_or(0, |x| x.0);
            if minute > 59 {
                return None;
            }
            let colon = self.tight(j, ":");
            j += 2;
            has_min = true;
            // seconds
            if colon && self.tight(j, ":") && self.num(j + 1).is_some_and(|(_, n)| n == 2) {
                j += 2;
            }
            if !colon && self.tight(j, ".") && self.num(j + 1).is_some() {
                // 28.10.2024 is a date, not a time
                return None;
            }
            let _ = colon;
        }
        // am/pm
        if self.en
            && let Some((pm, end)) = self.ampm(j)
        {
            if h == 0 || h > 12 {
                return None;
            }
            let end = self.after_clock(end);
            return m(
                i,
                end,
                Expr::Clock {
                    date: None,
                    hour: to24(h as u32, pm),
                    minute: minute as u32,
                },
            );
        }
        if self
            .find(j, |l| matches!(l, Lex::Uhr).then_some(()))
            .is_some()
            || (self.is(j, "o") && self.is(j + 2, "clock"))
        {
            let end = if self.is(j, "o") { j + 3 } else { j + 1 };
            let mut end = self.after_clock(end);
            let mut hour = h as u32;
            // "9 Uhr morgens", "8 Uhr abends"
            if self.de {
                match self.lo(end) {
                    "morgens" | "früh" | "vormittags" => end += 1,
                    "abends" | "nachmittags" | "nachts" => {
                        if (1..12).contains(&hour) && !self.is(end, "nachts") {
                            hour += 12;
                        }
                        end += 1;
                    }
                    _ => {}
                }
            }
            return m(
                i,
                end,
                Expr::Clock {
                    date: None,
                    hour,
                    minute: minute as u32,
                },
            );
        }
        if has_min {
            let sep_colon = self.tight(i + 1, ":");
            let prev_cue = i > 0
                && self.is_any(
                    i - 1,
                    &[
                        "um", "gegen", "ab", "bis", "at", "by", "von", "zwischen", "seit",
                    ],
                );
            if sep_colon || prev_cue {
                // scores "2:1" are excluded by the two-digit minutes
                let end = self.after_clock(j);
                return m(
                    i,
                    end,
                    Expr::Clock {
                        date: None,
                        hour: h as u32,
                        minute: minute as u32,
                    },
                );
            }
        }
        None
    }

    fn after_clock(&self, j: usize) -> usize {
        if TIMEZONES.contains(&self.lo(j)) && self.cap(j) {
            j + 1
        } else {
            j
        }
    }

    /// "p.m.", "pm", "a.m."
    fn ampm(&self, j: usize) -> Option<(bool, usize)> {
        let l = self.lo(j);
        if (l == "a" || l == "p") && self.tight(j + 1, ".") && self.is(j + 2, "m") {
            let end = if self.tight(j + 3, ".") { j + 4 } else { j + 3 };
            return Some((l == "p", end));
        }
        if l == "pm" || l == "am" {
            // "am" is only a.m. directly after a number in English text
            return Some((l == "pm", j + 1));
        }
        None
    }

    fn p_year(&self, i: usize) -> Option<M> {
        let y = self.year4(i)?;
        let prev = if i > 0 { self.lo(i - 1) } else { "" };
        // train and flight numbers ("IC 2083", "LH 2030"), copyright lines ("© 1999-2016")
        if i > 0
            && (prev == "©"
                || self.w(i - 1).is_some_and(|w| {
                    w.kind == Kind::Word
                        && w.e - w.s <= 4
                        && self.text_upper(i - 1)
                        && w.no_senses()
                }))
        {
            return None;
        }
        if i > 1 && self.lo(i - 2) == "©" && self.tight(i - 1, "-") {
            return None;
        }
        let cue = matches!(
            prev,
            "in" | "im"
                | "since"
                | "seit"
                | "jahr"
                | "jahre"
                | "year"
                | "of"
                | "von"
                | "bis"
                | "until"
                | "ab"
                | "anno"
                | "um"
                | "by"
                | "before"
                | "after"
                | "vor"
                | "nach"
                | "during"
                | "from"
                | "to"
                | "fiscal"
                | "früher"
                | "sommer"
                | "winter"
                | "frühjahr"
                | "herbst"
                | "spring"
                | "summer"
                | "autumn"
                | "fall"
                | "mid"
                | "early"
                | "late"
                | "ende"
                | "anfang"
                | "mitte"
        );
        if y > 2100 || (!(1900..=2100).contains(&y) && !cue) {
            return None;
        }
        // "rose to 2000 points", "a block of 1500 shares": after a preposition that also
        // takes amounts, a counted noun wins.
        if self.en
            && matches!(prev, "to" | "from" | "of" | "by" | "until")
            && self
                .w(i + 1)
                .is_some_and(|nw| nw.kind == Kind::Word && COUNTED_EN.contains(&self.sc.lo(nw)))
        {
            return None;
        }
        // "2000 Soldaten": a number followed by a counted noun
        if !cue {
            if let Some(nw) = self.w(i + 1) {
                if nw.kind == Kind::Word && nw.no_senses() {
                    let l = self.sc.lo(nw);
                    if self.de && nw.cap && !self.is_any(i + 1, &["Uhr"]) {
                        return None;
                    }
                    if self.en && COUNTED_EN.contains(&l) {
                        return None;
                    }
                }
                if nw.kind == Kind::Punct && matches!(self.sc.lo(nw), "%" | "€" | "$") {
                    return None;
                }
            }
            if i > 0
                && matches!(
                    prev,
                    "$" | "€" | "£" | "us$" | "nr" | "no" | "nummer" | "number"
                )
            {
                return None;
            }
        }
        // "2024 Aug", "2024 August 10"
        if let Some((mo, me)) = self.month_loose(i + 1)
            && self.cap(i + 1)
        {
            if let Some((d, 1 | 2)) = self.num(me)
                && (1..=31).contains(&d)
            {
                return m(i, me + 1, date(YearSpec::Explicit(y), mo, d as u32));
            }
            return m(
                i,
                me,
                Expr::Month {
                    year: YearSpec::Explicit(y),
                    month: mo,
                },
            );
        }
        // "1988 third quarter", "1989 fourth-quarter"
        if let Some(mq) = self.p_ordinal(i + 1)
            && let Expr::Quarter {
                q,
                year: YearSpec::Infer,
            } = mq.expr
        {
            return m(
                i,
                mq.end,
                Expr::Quarter {
                    year: YearSpec::Explicit(y),
                    q,
                },
            );
        }
        // fiscal years "2023/24"
        if self.tight(i + 1, "/")
            && let Some((_, n)) = self.num(i + 2)
            && (n == 2 || n == 4)
        {
            return m(i, i + 3, Expr::Year(y));
        }
        m(i, i + 1, Expr::Year(y))
    }

    fn p_duration(&self, i: usize) -> Option<M> {
        let (n, end, article) = self.amount(i)?;
        // "two-year", "30-year" adjectives; German "13-jährigen", "60-Tage"
        let (unit, plural, uend) = if self.tight(end, "-") {
            if self.de && self.lo(end + 1).starts_with("jährig") {
                return m(
                    i,
                    end + 2,
                    Expr::Duration {
                        n: Some(n),
                        unit: Unit::Year,
                    },
                );
            }
            let (u, p) = self.unit(end + 1)?;
            if p && !self.de {
                return None;
            }
            (u, p, end + 2)
        } else if let Some((u, p)) = self.unit(end) {
            (u, p, end + 1)
        } else if self.en
            && self.is_any(
                end,
                &[
                    "trading",
                    "business",
                    "working",
                    "calendar",
                    "consecutive",
                    "straight",
                ],
            )
            && let Some((u, p)) = self.unit(end + 1)
        {
            (u, p, end + 2)
        } else if self.is(end, "viertelstunde") {
            return m(
                i,
                end + 1,
                Expr::Duration {
                    n: Some(n * 15.0),
                    unit: Unit::Minute,
                },
            );
        } else {
            return None;
        };
        if n <= 0.0 && !self.is(i, "0") {
            return None;
        }
        if n >= 1000.0 || (unit == Unit::Second && article) {
            return None;
        }
        // ages: "52 years old", "a 136-year-old", "78 Jahre alt"
        if self.is_any(uend, &["old"]) || (self.tight(uend, "-") && self.is(uend + 1, "old")) {
            return None;
        }
        // "$1.76 a year", "four flights a week": a rate
        if article
            && i > 0
            && self.w(i - 1).is_some_and(|w| {
                w.kind == Kind::Num || matches!(self.sc.lo(w), "%" | "times" | "once" | "twice")
            })
        {
            return m(
                i,
                uend,
                Expr::Set(super::normalize::duration_value(Some(1.0), unit)),
            );
        }
        // singular units only with one (or a fraction), plural with more
        if article && plural {
            return None;
        }
        if unit == Unit::Minute && self.is(end, "min") && self.tight(end + 1, ".") {
            return m(i, end + 2, Expr::Duration { n: Some(n), unit });
        }
        let k = n.round() as i64;
        // "5 days from now", "a week from Tuesday", "two weeks hence"
        if self.is(uend, "from") {
            if self.is_any(uend + 1, &["now", "today"]) {
                return m(i, uend + 2, Expr::Shift { unit, n: k });
            }
            if let Some(wd) = self.weekday(uend + 1) {
                return m(
                    i,
                    uend + 2,
                    Expr::After {
                        base: Box::new(Expr::Weekday { wd, dir: None }),
                        unit,
                        n: k,
                    },
                );
            }
            if self.is(uend + 1, "tomorrow") {
                return m(
                    i,
                    uend + 2,
                    Expr::After {
                        base: Box::new(Expr::Deictic(1)),
                        unit,
                        n: k,
                    },
                );
            }
        }
        if self.en && self.is(uend, "hence") {
            return m(i, uend + 1, Expr::Shift { unit, n: k });
        }
        // "a year ago today": the same day
        if self.is(uend, "ago") && self.is(uend + 1, "today") {
            return m(
                i,
                uend + 2,
                Expr::After {
                    base: Box::new(Expr::Deictic(0)),
                    unit,
                    n: -k,
                },
            );
        }
        // "two years ago", "a year earlier"
        if self
            .find(uend, |l| matches!(l, Lex::Ago).then_some(()))
            .is_some()
        {
            return m(
                i,
                uend + 1,
                Expr::Shift {
                    unit,
                    n: -(n.round() as i64),
                },
            );
        }
        if let Some(later) = self.find(uend, |l| match l {
            Lex::EarlierLater(b) => Some(b),
            _ => None,
        }) && self.en
            && matches!(self.lo(uend), "earlier" | "later")
        {
            let k = n.round() as i64;
            return m(
                i,
                uend + 1,
                Expr::Shift {
                    unit,
                    n: if later { k } else { -k },
                },
            );
        }
        if self.is(uend, "lang") {
            return m(i, uend + 1, Expr::Duration { n: Some(n), unit });
        }
        m(i, uend, Expr::Duration { n: Some(n), unit })
    }

    // ---------------------------------------------------------------- mixed tokens

    fn p_mixed(&self, i: usize) -> Option<M> {
        let w = self.w(i)?;
        let l = self.sc.lo(w);
        let digits = &l[..(w.nd as usize).min(l.len())];
        let suffix = &l[digits.len()..];
        let n = w.num;
        // Q3 / Q3 2024
        if let Some(q) = l.strip_prefix('q').and_then(|r| r.parse::<u32>().ok()) {
            if (1..=4).contains(&q) {
                let (year, end) = match self.year4(i + 1) {
                    Some(y) => (YearSpec::Explicit(y), i + 2),
                    None => (YearSpec::Infer, i + 1),
                };
                return m(i, end, Expr::Quarter { year, q });
            }
            return None;
        }
        match suffix {
            "s" | "er" if w.nd == 4 && n % 10 == 0 && (1000..=2990).contains(&n) => {
                let mut end = i + 1;
                if suffix == "er" {
                    end = self.skip_jahre(end);
                }
                m(i, end, Expr::Decade((n / 10) as i32))
            }
            "s" | "er" if w.nd == 2 && n % 10 == 0 => {
                let mut end = i + 1;
                if suffix == "er" {
                    end = self.skip_jahre(end);
                    if end == i + 1 {
                        return None;
                    }
                }
                m(i, end, Expr::DecadeShort((n / 10) as u32))
            }
            "st" | "nd" | "rd" | "th" if w.nd <= 2 => {
                // 19th century / 19th of November / 19th November / November 19th is in p_month
                if let Some((Unit::Century, false)) = self.unit(i + 1) {
                    return m(i, i + 2, Expr::Century(n as i32 - 1));
                }
                let j = if self.is(i + 1, "of") { i + 2 } else { i + 1 };
                if let Some((mo, end)) = self.month(j, false) {
                    if let Some((y, end2)) = self.year_after(end) {
                        return m(
                            i,
                            end2,
                            Expr::Date {
                                year: YearSpec::Explicit(y),
                                month: mo,
                                day: n as u32,
                            },
                        );
                    }
                    return m(
                        i,
                        end,
                        Expr::Date {
                            year: YearSpec::Infer,
                            month: mo,
                            day: n as u32,
                        },
                    );
                }
                None
            }
            "pm" | "am" => self.p_clock(i),
            "q" if w.nd == 1 && (1..=4).contains(&n) => m(
                i,
                i + 1,
                Expr::Quarter {
                    year: YearSpec::Infer,
                    q: n as u32,
                },
            ),
            "h" if w.nd <= 2 && n <= 24 && self.de => None,
            _ if suffix.len() == 3
                && suffix.starts_with('h')
                && w.nd <= 2
                && n <= 24
                && suffix[1..].bytes().all(|b| b.is_ascii_digit()) =>
            {
                // 6h30
                let minute: u32 = suffix[1..].parse().ok()?;
                if minute > 59 {
                    return None;
                }
                m(
                    i,
                    i + 1,
                    Expr::Clock {
                        date: None,
                        hour: n as u32,
                        minute,
                    },
                )
            }
            "d" | "w" | "wk" | "wks" | "mo" | "y" | "yr" | "yrs" | "h" | "hr" | "hrs" | "min"
            | "mins"
                if w.nd <= 3 =>
            {
                // 3w later, 10d ago, in 2h
                let unit = match suffix {
                    "d" => Unit::Day,
                    "w" | "wk" | "wks" => Unit::Week,
                    "mo" => Unit::Month,
                    "y" | "yr" | "yrs" => Unit::Year,
                    "h" | "hr" | "hrs" => Unit::Hour,
                    _ => Unit::Minute,
                };
                let k = i64::try_from(n).ok()?;
                if self.is_any(i + 1, &["later", "hence", "später"]) {
                    return m(i, i + 2, Expr::Shift { unit, n: k });
                }
                if self.is_any(i + 1, &["ago", "earlier", "before", "früher"]) {
                    return m(i, i + 2, Expr::Shift { unit, n: -k });
                }
                None
            }
            _ => None,
        }
    }

    /// Skips "Jahre"/"Jahren"/"-Jahre" after a German decade.
    fn skip_jahre(&self, j: usize) -> usize {
        let k = if self.tight(j, "-") { j + 1 } else { j };
        if self.is_any(k, &["jahre", "jahren", "jahrs", "jahres"]) {
            k + 1
        } else {
            j
        }
    }

    // ---------------------------------------------------------------- words

    fn p_word(&self, i: usize) -> Option<M> {
        let mut best = None;
        best = longest(best, self.p_month(i));
        best = longest(best, self.p_weekday(i));
        best = longest(best, self.p_deictic(i));
        best = longest(best, self.p_dir(i));
        best = longest(best, self.p_part(i));
        best = longest(best, self.p_ref(i));
        best = longest(best, self.p_season(i));
        best = longest(best, self.p_ordinal(i));
        best = longest(best, self.p_every(i));
        best = longest(best, self.p_duration(i));
        best = longest(best, self.p_some(i));
        best = longest(best, self.p_vor(i));
        best = longest(best, self.p_misc(i));
        best = longest(best, self.p_clock(i));
        best = longest(best, self.p_holiday(i));
        best = longest(best, self.p_bare_unit(i));
        best
    }

    fn p_holiday(&self, i: usize) -> Option<M> {
        if !self.cap(i) {
            return None;
        }
        // (what, end): a fixed day or a day counted from Easter
        enum H {
            Fixed(u32, u32),
            Easter(i64),
        }
        let l = self.lo(i);
        let poss = |k: usize| (self.tight(k, "'") || self.tight(k, "’")) && self.is(k + 1, "s");
        let (h, end) = if let Some((mo, day)) = self.find(i, |l| match l {
            Lex::Holiday(mo, d) => Some((mo, d)),
            _ => None,
        }) {
            if l == "christmas" && self.is(i + 1, "eve") && self.cap(i + 1) {
                (H::Fixed(12, 24), i + 2)
            } else if l == "christmas" && self.is(i + 1, "day") && self.cap(i + 1) {
                (H::Fixed(12, 25), i + 2)
            } else {
                (H::Fixed(mo, day), i + 1)
            }
        } else {
            match l {
                "new"
                    if self.is(i + 1, "year")
                        && poss(i + 2)
                        && self.is_any(i + 4, &["eve", "day"]) =>
                {
                    if self.is(i + 4, "eve") {
                        (H::Fixed(12, 31), i + 5)
                    } else {
                        (H::Fixed(1, 1), i + 5)
                    }
                }
                "fourth" if self.is(i + 1, "of") && self.is(i + 2, "july") => {
                    (H::Fixed(7, 4), i + 3)
                }
                "independence" if self.is(i + 1, "day") && self.en => (H::Fixed(7, 4), i + 2),
                "valentine" if poss(i + 1) && self.is(i + 3, "day") => (H::Fixed(2, 14), i + 4),
                "good" if self.is(i + 1, "friday") && self.cap(i + 1) => (H::Easter(-2), i + 2),
                "easter" => {
                    if self.is(i + 1, "monday") {
                        (H::Easter(1), i + 2)
                    } else if self.is(i + 1, "sunday") {
                        (H::Easter(0), i + 2)
                    } else {
                        (H::Easter(0), i + 1)
                    }
                }
                "ostern" | "ostersonntag" => (H::Easter(0), i + 1),
                "ostermontag" => (H::Easter(1), i + 1),
                "karfreitag" => (H::Easter(-2), i + 1),
                "pfingsten" => (H::Easter(49), i + 1),
                "pfingstmontag" => (H::Easter(50), i + 1),
                "christi" if self.is(i + 1, "himmelfahrt") => (H::Easter(39), i + 2),
                "allerheiligen" => (H::Fixed(11, 1), i + 1),
                "reformationstag" => (H::Fixed(10, 31), i + 1),
                "tag"
                    if self.is(i + 1, "der")
                        && self.is(i + 2, "deutschen")
                        && self.is(i + 3, "einheit") =>
                {
                    (H::Fixed(10, 3), i + 4)
                }
                "tag" if self.is(i + 1, "der") && self.is(i + 2, "arbeit") && self.cap(i + 2) => {
                    (H::Fixed(5, 1), i + 3)
                }
                _ => return None,
            }
        };
        let (year, end) = match self.year4(end) {
            Some(y) => (YearSpec::Explicit(y), end + 1),
            None => (YearSpec::Infer, end),
        };
        let expr = match h {
            H::Fixed(mo, d) => date(year, mo, d),
            H::Easter(offset) => Expr::Easter { year, offset },
        };
        m(i, end, expr)
    }

    /// "seit Jahren", "for years", "for months".
    fn p_bare_unit(&self, i: usize) -> Option<M> {
        let (u, plural) = self.unit(i)?;
        // "am Wochenende", "übers Wochenende", "over the weekend" (with "the" elsewhere)
        if u == Unit::Weekend && !plural && i > 0 && self.is_any(i - 1, &["am", "übers", "zum"]) {
            return m(
                i,
                i + 1,
                Expr::RelUnit {
                    unit: Unit::Weekend,
                    n: 0,
                },
            );
        }
        if !plural
            || i == 0
            || !self.is_any(i - 1, &["seit", "for", "binnen"])
            || u.is_clock() && self.de
        {
            return None;
        }
        m(i, i + 1, Expr::Duration { n: None, unit: u })
    }

    fn p_month(&self, i: usize) -> Option<M> {
        let (mo, end) = self.month(i, true)?;
        // "August Diehl": a first name before a surname
        if mo == 8
            && self
                .w(end)
                .is_some_and(|w| w.kind == Kind::Word && w.cap && w.no_senses())
            && !(i > 0
                && self.is_any(
                    i - 1,
                    &[
                        "im", "in", "seit", "bis", "ab", "vom", "zum", "since", "until", "of",
                        "last", "next", "this", "anfang", "ende", "mitte", "early", "late", "mid",
                        "-",
                    ],
                ))
        {
            return None;
        }
        // November 19, 2024 / Nov. 19 / November 19th
        if let Some(w) = self.w(end) {
            let ordinal_suffix = w.kind == Kind::Mixed
                && matches!(
                    self.sc.lo(w).get(w.nd as usize..),
                    Some("st" | "nd" | "rd" | "th")
                );
            let day = if (w.kind == Kind::Num || ordinal_suffix) && w.nd <= 2 {
                Some((w.num, end + 1))
            } else {
                None
            };
            if let Some((d, dend)) = day
                && (1..=31).contains(&d)
                && !self.tight(dend, ":")
            {
                let dend2 = if self.de && self.tight(dend, ".") {
                    dend + 1
                } else {
                    dend
                };
                if let Some((y, yend)) = self.year_after(dend) {
                    return m(
                        i,
                        yend,
                        Expr::Date {
                            year: YearSpec::Explicit(y),
                            month: mo,
                            day: d as u32,
                        },
                    );
                }
                if self.en {
                    return m(
                        i,
                        dend,
                        Expr::Date {
                            year: YearSpec::Infer,
                            month: mo,
                            day: d as u32,
                        },
                    );
                }
                let _ = dend2;
            }
        }
        // August/10/2012
        if self.tight(end, "/")
            && let Some((d, 1 | 2)) = self.num(end + 1)
            && self.tight(end + 2, "/")
            && let Some((y, 4)) = self.num(end + 3)
        {
            return m(i, end + 4, date(YearSpec::Explicit(y as i32), mo, d as u32));
        }
        // May twenty-fourth, April twelfth
        if self.en
            && let Some((d, dend)) = self.ord_day(end)
        {
            if let Some((y, yend)) = self.year_after(dend) {
                return m(i, yend, date(YearSpec::Explicit(y), mo, d));
            }
            return m(i, dend, date(YearSpec::Infer, mo, d));
        }
        // June of last year
        if self.is(end, "of")
            && let Some(d) = self.dir(end + 1)
            && let Some((Unit::Year, false)) = self.unit(end + 2)
        {
            let k = match d {
                Dir::Past => -1,
                Dir::Next => 1,
                Dir::This => 0,
            };
            return m(
                i,
                end + 3,
                Expr::Month {
                    year: YearSpec::Rel(k),
                    month: mo,
                },
            );
        }
        // June 2024 / Juni 2024 / June of 2024
        let j = if self.is(end, "of") { end + 1 } else { end };
        if let Some(y) = self.year4(j)
            && self.w(j).is_some_and(|w| w.gap)
        {
            return m(
                i,
                j + 1,
                Expr::Month {
                    year: YearSpec::Explicit(y),
                    month: mo,
                },
            );
        }
        // "June last year", "Juni nächsten Jahres", "Juni dieses Jahres"
        if let Some(d) = self.dir(end)
            && let Some((Unit::Year, false)) = self.unit(end + 1)
        {
            let k = match d {
                Dir::Past => -1,
                Dir::Next => 1,
                Dir::This => 0,
            };
            return m(
                i,
                end + 2,
                Expr::Month {
                    year: YearSpec::Rel(k),
                    month: mo,
                },
            );
        }
        m(
            i,
            end,
            Expr::Month {
                year: YearSpec::Infer,
                month: mo,
            },
        )
    }

    fn p_weekday_plain(&self, i: usize) -> Option<M> {
        let wd = self.weekday(i)?;
        m(i, i + 1, Expr::Weekday { wd, dir: None })
    }

    fn p_weekday(&self, i: usize) -> Option<M> {
        if let Some(wd) = self.weekday(i) {
            // "Friday's" is fine; "Montag" alone
            return m(i, i + 1, Expr::Weekday { wd, dir: None });
        }
        if !self.cap(i) {
            if let Some(wd) = self.find(i, |l| match l {
                Lex::WeekdaySet(d) => Some(d),
                _ => None,
            }) {
                return m(i, i + 1, Expr::Set(format!("XXXX-WXX-{wd}")));
            }
            return None;
        }
        let (wd, part) = self.find(i, |l| match l {
            Lex::WeekdayPart(d, p) => Some((d, p)),
            _ => None,
        })?;
        m(
            i,
            i + 1,
            Expr::DayPart {
                date: Box::new(Expr::Weekday { wd, dir: None }),
                part,
            },
        )
    }

    fn p_deictic_plain(&self, i: usize) -> Option<M> {
        let n = self.find(i, |l| match l {
            Lex::Deictic(n) => Some(n),
            _ => None,
        })?;
        m(i, i + 1, Expr::Deictic(n))
    }

    fn p_deictic(&self, i: usize) -> Option<M> {
        if self.de
            && self.is(i, "heute")
            && self.is(i + 1, "vor")
            && let Some(v) = self.p_vor(i + 1)
            && let Expr::Shift { unit, n } = v.expr
        {
            return m(
                i,
                v.end,
                Expr::After {
                    base: Box::new(Expr::Deictic(0)),
                    unit,
                    n,
                },
            );
        }
        if self.de && self.is(i, "morgen") {
            // lower-case "morgen" is tomorrow; "am Morgen" is a part of day
            let sentence_start = i == 0
                || self.w(i).is_some_and(|w| w.nl)
                || self.punct(i - 1, ".")
                || self.punct(i - 1, ":");
            if !self.cap(i)
                || (i > 0 && self.w(i).is_some_and(|w| w.nl))
                || (sentence_start
                    && (self.daypart(i + 1).is_some()
                        || self
                            .w(i + 1)
                            .is_some_and(|w| w.kind == Kind::Word && !w.cap)))
            {
                return m(i, i + 1, Expr::Deictic(1));
            }
            // "Morgen" at the start of a sentence followed by a lower-case verb: tomorrow
            return None;
        }
        if let Some((n, p)) = self.find(i, |l| match l {
            Lex::DeicticPart(n, p) => Some((n, p)),
            _ => None,
        }) {
            return m(
                i,
                i + 1,
                Expr::DayPart {
                    date: Box::new(Expr::Deictic(n)),
                    part: p,
                },
            );
        }
        let n = self.find(i, |l| match l {
            Lex::Deictic(n) => Some(n),
            _ => None,
        })?;
        // "today's" keeps "today"
        m(i, i + 1, Expr::Deictic(n))
    }

    fn p_dir(&self, i: usize) -> Option<M> {
        let d = self.dir(i)?;
        let l = self.lo(i);
        let k: i64 = match d {
            Dir::Past => -1,
            Dir::Next => 1,
            Dir::This => 0,
        };
        let mut j = i + 1;
        // "this past week"
        if d == Dir::This && self.is(j, "past") {
            j += 1;
        }
        // "the past/last/next two months" → duration; "in den letzten Monaten" → PXM
        if let Some((n, end, _)) = self.amount(j)
            && !matches!(self.lo(j), "a" | "an" | "ein" | "eine")
            && let Some((u, _)) = self.unit(end)
        {
            return m(
                i,
                end + 1,
                Expr::Duration {
                    n: Some(n),
                    unit: u,
                },
            );
        }
        // "this year's third quarter", "last year's first quarter"
        if let Some((Unit::Year, false)) = self.unit(j)
            && (self.tight(j + 1, "'") || self.tight(j + 1, "’"))
            && self.is(j + 2, "s")
            && let Some(mq) = self.p_ordinal(j + 3)
            && let Expr::Quarter { q, .. } = mq.expr
        {
            return m(
                i,
                mq.end,
                Expr::Quarter {
                    year: YearSpec::Rel(k),
                    q,
                },
            );
        }
        if d == Dir::Past && self.is_any(j, &["night", "evening", "nacht"]) {
            let part = if self.is_any(j, &["night", "nacht"]) {
                DayPart::Night
            } else {
                DayPart::Evening
            };
            return m(
                i,
                j + 1,
                Expr::DayPart {
                    date: Box::new(Expr::Deictic(-1)),
                    part,
                },
            );
        }
        if self
            .find(j, |l| matches!(l, Lex::Some).then_some(()))
            .is_some()
            && let Some((u, true)) = self.unit(j + 1)
        {
            return m(i, j + 2, Expr::Duration { n: None, unit: u });
        }
        if let Some((u, plural)) = self.unit(j) {
            if plural {
                if matches!(d, Dir::This) {
                    return None;
                }
                return m(i, j + 1, Expr::Duration { n: None, unit: u });
            }
            // "the past year" as a duration only after "the"; "last year" is a date
            if l == "past" && u == Unit::Century {
                return m(
                    i,
                    j + 1,
                    Expr::Duration {
                        n: Some(1.0),
                        unit: u,
                    },
                );
            }
            if u.is_clock() {
                // "the next hour", "in der nächsten Stunde": the document day
                if d == Dir::Next && u == Unit::Hour {
                    return m(i, j + 1, Expr::Shift { unit: u, n: 1 });
                }
                return None;
            }
            // "next week Monday", "nächste Woche Dienstag"
            if u == Unit::Week
                && let Some(wd) = self.weekday(j + 1)
            {
                return m(i, j + 2, Expr::WeekdayOfWeek { wd, weeks: k });
            }
            // "the following day", "the previous day", "am folgenden Tag"
            return m(i, j + 1, Expr::RelUnit { unit: u, n: k });
        }
        if let Some(wd) = self.weekday(j) {
            return m(i, j + 1, Expr::Weekday { wd, dir: Some(d) });
        }
        if d == Dir::This
            && let Some(part) = self.daypart(j)
        {
            return m(
                i,
                j + 1,
                Expr::DayPart {
                    date: Box::new(Expr::Deictic(0)),
                    part,
                },
            );
        }

        if let Some((mo, end)) = self.month(j, false) {
            let year = match d {
                Dir::This => YearSpec::Rel(0),
                Dir::Past => YearSpec::Infer,
                Dir::Next => YearSpec::Infer,
            };
            // "last April": the most recent April before the document month; "next May"
            let year = match d {
                Dir::Past => YearSpec::Prev,
                Dir::Next => YearSpec::Next,
                Dir::This => year,
            };
            return m(i, end, Expr::Month { year, month: mo });
        }
        if let Some(s) = self.find(j, |l| match l {
            Lex::Season(s) => Some(s),
            _ => None,
        }) {
            let year = match d {
                Dir::Past => YearSpec::Prev,
                Dir::Next => YearSpec::Next,
                Dir::This => YearSpec::Infer,
            };
            return m(i, j + 1, Expr::Season { year, s });
        }
        if let Some(q) = self.p_ordinal(j)
            && let Expr::Quarter { q, .. } = q.expr
        {
            return m(
                i,
                j + 2,
                Expr::Quarter {
                    year: YearSpec::Rel(k),
                    q,
                },
            );
        }
        // "the past" / "the future"
        if l == "past" && i > 0 && self.is(i - 1, "the") {
            return m(i, j, Expr::Ref(RefKind::Past));
        }
        None
    }

    fn p_part(&self, i: usize) -> Option<M> {
        let l = self.lo(i);
        let part = self.find(i, |x| match x {
            Lex::Part(p) => Some(p),
            _ => None,
        })?;
        let mut j = i + 1;
        // English "the end of", "the beginning of", "end of"
        if matches!(l, "end" | "beginning" | "start" | "middle") {
            if !self.is(j, "of") {
                return None;
            }
            j += 1;
            if self.is(j, "the") {
                j += 1;
            }
        } else if l == "mid" && self.tight(j, "-") {
            j += 1;
        } else if self.de {
            // Anfang des Monats / Ende der Woche / Mitte nächsten Jahres
            if self.is_any(j, &["des", "der", "dieses", "diesen", "dieser"]) {
                j += 1;
            }
        }
        let start_inner = j;
        // "Anfang des Monats" → this month
        if let Some((u, false)) = self.unit(j)
            && !u.is_clock()
            && u != Unit::Day
        {
            let prev_det = start_inner > i + 1;
            if prev_det {
                // "Ende des Jahres 2023"
                if u == Unit::Year
                    && let Some(y) = self.year4(j + 1)
                {
                    return m(
                        i,
                        j + 2,
                        Expr::Modified {
                            part,
                            inner: Box::new(Expr::Year(y)),
                        },
                    );
                }
                return m(
                    i,
                    j + 1,
                    Expr::Modified {
                        part,
                        inner: Box::new(Expr::RelUnit { unit: u, n: 0 }),
                    },
                );
            }
        }
        let inner = self.core(start_inner)?;
        let ok = matches!(
            inner.expr,
            Expr::Month { .. }
                | Expr::Year(_)
                | Expr::Decade(_)
                | Expr::DecadeShort(_)
                | Expr::Century(_)
                | Expr::RelUnit { .. }
                | Expr::Quarter { .. }
                | Expr::Season { .. }
                | Expr::Weekday { .. }
                | Expr::Deictic(_)
                | Expr::Date { .. }
        );
        if !ok {
            return None;
        }
        // "early Friday", "late yesterday": the day itself
        if matches!(
            inner.expr,
            Expr::Weekday { .. } | Expr::Deictic(_) | Expr::Date { .. }
        ) {
            if !self.en || !matches!(l, "early" | "late") {
                return None;
            }
            return m(i, inner.end, inner.expr);
        }
        m(
            i,
            inner.end,
            Expr::Modified {
                part,
                inner: Box::new(inner.expr),
            },
        )
    }

    fn p_ref(&self, i: usize) -> Option<M> {
        let l = self.lo(i);
        if let Some(r) = self.find(i, |x| match x {
            Lex::Ref(r) => Some(r),
            _ => None,
        }) {
            // "future" / "Zukunft" only as "the future", "in Zukunft", "in der Zukunft"
            if matches!(l, "future" | "zukunft") {
                let prev = if i > 0 { self.lo(i - 1) } else { "" };
                if !matches!(prev, "the" | "in" | "der" | "near" | "nahen" | "naher") {
                    return None;
                }
            }
            if l == "nun" || l == "früher" {
                return None;
            }
            // "the recently passed law": an adverb inside a noun phrase
            if i > 0 && self.is_any(i - 1, &["the", "a", "an"]) && l != "future" {
                return None;
            }
            return m(i, i + 1, Expr::Ref(r));
        }
        None
    }

    fn p_season(&self, i: usize) -> Option<M> {
        let s = self.find(i, |x| match x {
            Lex::Season(s) => Some(s),
            _ => None,
        })?;
        if self.en && self.is(i, "fall") && !self.cap(i) {
            // "fall" the verb; only "in the fall", "last fall", "fall 2024"
            let prev = if i > 0 { self.lo(i - 1) } else { "" };
            if !matches!(prev, "the" | "last" | "this" | "next") && self.year4(i + 1).is_none() {
                return None;
            }
        }
        let j = if self.is(i + 1, "of") { i + 2 } else { i + 1 };
        let has_year = self.year4(j).is_some();
        let prev = if i > 0 { self.lo(i - 1) } else { "" };
        let introduced = matches!(
            prev,
            "im" | "in"
                | "den"
                | "der"
                | "dem"
                | "diesen"
                | "dieses"
                | "diesem"
                | "letzten"
                | "vergangenen"
                | "kommenden"
                | "nächsten"
                | "the"
                | "this"
                | "last"
                | "next"
                | "during"
                | "seit"
                | "bis"
                | "zum"
                | "vom"
                | "über"
                | "anfang"
                | "ende"
                | "mitte"
                | "early"
                | "late"
                | "since"
                | "until"
                | "by"
                | "des"
                | "am"
        ) || (prev == "-" && i > 1 && self.is(i - 2, "mid"));
        if !has_year && !introduced {
            return None;
        }
        if let Some(y) = self.year4(j) {
            return m(
                i,
                j + 1,
                Expr::Season {
                    year: YearSpec::Explicit(y),
                    s,
                },
            );
        }
        if let Some(d) = self.dir(i + 1)
            && let Some((Unit::Year, false)) = self.unit(i + 2)
        {
            let k = match d {
                Dir::Past => -1,
                Dir::Next => 1,
                Dir::This => 0,
            };
            return m(
                i,
                i + 3,
                Expr::Season {
                    year: YearSpec::Rel(k),
                    s,
                },
            );
        }
        m(
            i,
            i + 1,
            Expr::Season {
                year: YearSpec::Infer,
                s,
            },
        )
    }

    /// "third quarter", "third-quarter", "drittes Quartal", "first half", "zweiten Halbjahr".
    fn p_ordinal(&self, i: usize) -> Option<M> {
        let q = self.find(i, |x| match x {
            Lex::Ord(n) => Some(n),
            _ => None,
        })?;
        let mut j = i + 1;
        if self.tight(j, "-") {
            j += 1;
        }
        let what = if let Some((Unit::Quarter, false)) = self.unit(j) {
            if !(1..=4).contains(&q) {
                return None;
            }
            0
        } else if self.is_any(j, &["half", "halbjahr", "halbjahres", "jahreshälfte"]) {
            if !(1..=2).contains(&q) {
                return None;
            }
            1
        } else if let Some((Unit::Century, false)) = self.unit(j) {
            return m(i, j + 1, Expr::Century(q as i32 - 1));
        } else {
            return None;
        };
        let mut end = j + 1;
        let mut year = YearSpec::Infer;
        // of 1989 / 2024 / des Jahres 2024 / of this year / of next year
        let mut k = end;
        if self.is_any(k, &["of", "des"]) {
            k += 1;
        }
        if self.is_any(k, &["jahres", "fiscal"]) {
            k += 1;
        }
        if let Some(y) = self.year4(k) {
            year = YearSpec::Explicit(y);
            end = k + 1;
        } else if let Some(d) = self.dir(k)
            && let Some((Unit::Year, false)) = self.unit(k + 1)
        {
            year = YearSpec::Rel(match d {
                Dir::Past => -1,
                Dir::Next => 1,
                Dir::This => 0,
            });
            end = k + 2;
        }
        let expr = if what == 0 {
            Expr::Quarter { year, q }
        } else {
            Expr::Half { year, h: q }
        };
        m(i, end, expr)
    }

    fn p_every(&self, i: usize) -> Option<M> {
        if let Some(u) = self.find(i, |x| match x {
            Lex::Freq(u) => Some(u),
            _ => None,
        }) {
            // "annual" is an adjective: "annual report" is no time expression
            if self.is(i, "annual") {
                return None;
            }
            if self.en
                && self.w(i + 1).is_some_and(|w| {
                    w.kind == Kind::Word
                        && !matches!(
                            self.sc.lo(w),
                            "and" | "or" | "since" | "through" | "until" | "in" | "for"
                        )
                })
            {
                return None;
            }
            return m(
                i,
                i + 1,
                Expr::Set(super::normalize::duration_value(Some(1.0), u)),
            );
        }
        self.find(i, |x| matches!(x, Lex::Every).then_some(()))?;
        let j = i + 1;
        if let Some(wd) = self.find(j, |x| match x {
            Lex::Weekday(d) => Some(d),
            _ => None,
        }) {
            return m(i, j + 1, Expr::Set(format!("XXXX-WXX-{wd}")));
        }
        if let Some((u, plural)) = self.unit(j) {
            if plural && !self.is(i, "alle") {
                return None;
            }
            return m(
                i,
                j + 1,
                Expr::Set(super::normalize::duration_value(Some(1.0), u)),
            );
        }
        if let Some(s) = self.find(j, |x| match x {
            Lex::Season(s) => Some(s),
            _ => None,
        }) {
            let _ = s;
            return m(i, j + 1, Expr::Set("P1SE".to_string()));
        }
        if self.is(j, "season") || self.is(j, "saison") {
            return m(i, j + 1, Expr::Set("P1SE".to_string()));
        }
        if let Some((n, end, _)) = self.amount(j)
            && let Some((u, _)) = self.unit(end)
        {
            return m(
                i,
                end + 1,
                Expr::Set(super::normalize::duration_value(Some(n), u)),
            );
        }
        None
    }

    /// "several years", "einige Wochen", "a few days".
    fn p_some(&self, i: usize) -> Option<M> {
        let mut j = i;
        if self.is_any(j, &["a"]) && self.is_any(j + 1, &["few", "couple"]) {
            j += 1;
        }
        self.find(j, |x| matches!(x, Lex::Some).then_some(()))?;
        let mut k = j + 1;
        if self.is(k, "of") {
            k += 1;
        }
        if self.is(j, "couple") {
            let (u, _) = self.unit(k)?;
            return m(
                i,
                k + 1,
                Expr::Duration {
                    n: Some(2.0),
                    unit: u,
                },
            );
        }
        let (u, plural) = self.unit(k)?;
        if !plural {
            return None;
        }
        if self
            .find(k + 1, |l| matches!(l, Lex::Ago).then_some(()))
            .is_some()
        {
            return m(i, k + 2, Expr::Ref(RefKind::Past));
        }
        m(i, k + 1, Expr::Duration { n: None, unit: u })
    }

    /// German "vor zwei Wochen", "vor einem Jahr", "vor kurzem", "vor wenigen Tagen".
    fn p_vor(&self, i: usize) -> Option<M> {
        if !self.de || !self.is(i, "vor") {
            return None;
        }
        if self.is(i + 1, "kurzem") {
            return m(i, i + 2, Expr::Ref(RefKind::Past));
        }
        let mut j = i + 1;
        if self
            .find(j, |l| matches!(l, Lex::Approx).then_some(()))
            .is_some()
        {
            j += 1;
        }
        if let Some((n, end, _)) = self.amount(j) {
            let (u, _) = self.unit(end)?;
            return m(
                i,
                end + 1,
                Expr::Shift {
                    unit: u,
                    n: -(n.round() as i64),
                },
            );
        }
        if self
            .find(j, |l| matches!(l, Lex::Some).then_some(()))
            .is_some()
        {
            let (_, p) = self.unit(j + 1)?;
            if p {
                return m(i, j + 2, Expr::Ref(RefKind::Past));
            }
        }
        if let Some((_, true)) = self.unit(j) {
            return m(i, j + 1, Expr::Ref(RefKind::Past));
        }
        None
    }

    fn p_misc(&self, i: usize) -> Option<M> {
        let l = self.lo(i);
        match l {
            "jahrelang" => m(
                i,
                i + 1,
                Expr::Duration {
                    n: None,
                    unit: Unit::Year,
                },
            ),
            "monatelang" => m(
                i,
                i + 1,
                Expr::Duration {
                    n: None,
                    unit: Unit::Month,
                },
            ),
            "wochenlang" => m(
                i,
                i + 1,
                Expr::Duration {
                    n: None,
                    unit: Unit::Week,
                },
            ),
            "tagelang" => m(
                i,
                i + 1,
                Expr::Duration {
                    n: None,
                    unit: Unit::Day,
                },
            ),
            "stundenlang" => m(
                i,
                i + 1,
                Expr::Duration {
                    n: None,
                    unit: Unit::Hour,
                },
            ),
            "jahrzehntelang" => m(
                i,
                i + 1,
                Expr::Duration {
                    n: None,
                    unit: Unit::Decade,
                },
            ),
            "vortag" => m(i, i + 1, Expr::Deictic(-1)),
            "folgetag" => m(i, i + 1, Expr::Deictic(1)),
            "viertelstunde" => m(
                i,
                i + 1,
                Expr::Duration {
                    n: Some(15.0),
                    unit: Unit::Minute,
                },
            ),
            "vergangenheit" if i > 0 && self.is_any(i - 1, &["der", "die"]) => {
                m(i, i + 1, Expr::Ref(RefKind::Past))
            }
            "year-end" => m(
                i,
                i + 1,
                Expr::Modified {
                    part: Part::Late,
                    inner: Box::new(Expr::RelUnit {
                        unit: Unit::Year,
                        n: 0,
                    }),
                },
            ),
            "recent" => {
                // "in recent years" → PXY
                let (u, plural) = self.unit(i + 1)?;
                if !plural {
                    return None;
                }
                m(i, i + 2, Expr::Duration { n: None, unit: u }).map(|mut x| {
                    x.expr = Expr::Set(format!(
                        "__DATE__{}",
                        super::normalize::duration_value(None, u)
                    ));
                    x
                })
            }
            "year" => {
                // "year-earlier", "year-ago" (financial: the same quarter a year before)
                if self.tight(i + 1, "-") && self.is_any(i + 2, &["earlier", "ago"]) {
                    let mut end = i + 3;
                    if self.is_any(end, &["quarter", "period"]) {
                        end += 1;
                    } else if self.p_ordinal(end).is_some() {
                        end += 2;
                    }
                    return m(
                        i,
                        end,
                        Expr::Shift {
                            unit: Unit::Year,
                            n: -1,
                        },
                    );
                }
                // the year 2000
                if let Some((n, nd)) = self.num(i + 1)
                    && nd <= 4
                    && let Some((y, end)) = self.era_year(n, i + 2)
                {
                    return m(i, end, Expr::Year(y));
                }
                let y = self.year4(i + 1)?;
                m(i, i + 2, Expr::Year(y))
            }
            "jahr" | "jahre" | "jahres" => {
                if let Some((n, nd)) = self.num(i + 1)
                    && nd <= 4
                    && let Some((y, end)) = self.era_year(n, i + 2)
                {
                    return m(i, end, Expr::Year(y));
                }
                let y = self.year4(i + 1)?;
                m(i, i + 2, Expr::Year(y))
            }
            "fiscal" | "geschäftsjahr" | "geschäftsjahres" | "haushaltsjahr" => {
                let mut j = i + 1;
                if self.is(j, "year") {
                    j += 1;
                }
                let y = self.year4(j)?;
                let end = if self.tight(j + 1, "/") && self.num(j + 2).is_some() {
                    j + 3
                } else {
                    j + 1
                };
                m(i, end, Expr::Year(y))
            }
            "halbjahr" | "halbjahres" => None,
            "übernächste" | "übernächsten" | "übernächstes" | "übernächster" | "vorletzte"
            | "vorletzten" | "vorletztes" | "vorletzter" | "vorvergangene" | "vorvergangenen" => {
                let (u, false) = self.unit(i + 1)? else {
                    return None;
                };
                if u.is_clock() {
                    return None;
                }
                let n = if l.starts_with("über") { 2 } else { -2 };
                m(i, i + 2, Expr::RelUnit { unit: u, n })
            }
            "kw" | "kalenderwoche" | "week" => {
                // KW 45, Kalenderwoche 3, week 47 [of 2024 / 2024]
                let j = if l == "kw" && self.tight(i + 1, ".") {
                    i + 2
                } else {
                    i + 1
                };
                let (w, nd) = self.num(j)?;
                if nd > 2
                    || !(1..=53).contains(&w)
                    || self.tight(j + 1, ".") && self.num(j + 2).is_some()
                {
                    return None;
                }
                if l == "week"
                    && !self.cap(i)
                    && !(i > 0
                        && self.is_any(i - 1, &["in", "of", "during", "since", "by", "until"]))
                {
                    return None;
                }
                let mut end = j + 1;
                let mut year = YearSpec::Infer;
                let k = if self.tight(end, "/") || self.is(end, "of") {
                    end + 1
                } else {
                    end
                };
                if let Some(y) = self.year4(k) {
                    year = YearSpec::Explicit(y);
                    end = k + 1;
                }
                m(i, end, Expr::Week { year, w: w as u32 })
            }
            "ad" if self.w(i).is_some_and(|w| w.upper) => {
                let (n, nd) = self.num(i + 1)?;
                if nd > 4 || n == 0 {
                    return None;
                }
                m(i, i + 2, Expr::Year(n as i32))
            }
            "nacht" => {
                // "(in der) Nacht zu(m) Dienstag": the night before that day
                if !self.is_any(i + 1, &["zu", "zum", "auf"]) {
                    return None;
                }
                let wd = self.weekday(i + 2)?;
                m(
                    i,
                    i + 3,
                    Expr::DayPart {
                        date: Box::new(Expr::After {
                            base: Box::new(Expr::Weekday { wd, dir: None }),
                            unit: Unit::Day,
                            n: -1,
                        }),
                        part: DayPart::Night,
                    },
                )
            }
            "the"
                if self.is_any(i + 1, &["day", "night"])
                    && self.is_any(i + 2, &["after", "before"]) =>
            {
                // the day after tomorrow, the day before yesterday, the day before
                let after = self.is(i + 2, "after");
                let (n, end) = match self.lo(i + 3) {
                    "tomorrow" if after => (2, i + 4),
                    "yesterday" if !after => (-2, i + 4),
                    _ => (if after { 1 } else { -1 }, i + 3),
                };
                let day = Expr::Deictic(n);
                if self.is(i + 1, "night") {
                    return m(
                        i,
                        end,
                        Expr::DayPart {
                            date: Box::new(day),
                            part: DayPart::Night,
                        },
                    );
                }
                m(i, end, day)
            }
            "the"
                if self.is_any(i + 2, &["before", "after"])
                    && self.is_any(i + 3, &["last", "next"])
                    && self.unit(i + 1).is_some_and(|(u, p)| !p && !u.is_clock()) =>
            {
                // the week before last, the year after next
                let (u, _) = self.unit(i + 1)?;
                let n = if self.is(i + 2, "before") { -2 } else { 2 };
                m(i, i + 4, Expr::RelUnit { unit: u, n })
            }
            "the" => {
                // "the weekend", "the quarter", "the latest quarter", "the latest period"
                let mut j = i + 1;
                if self.is_any(j, &["latest", "most"]) {
                    j += if self.is(j, "most") && self.is(j + 1, "recent") {
                        2
                    } else {
                        1
                    };
                    if self.is_any(j, &["quarter", "period"]) {
                        return m(
                            i,
                            j + 1,
                            Expr::Quarter {
                                year: YearSpec::Latest,
                                q: 1,
                            },
                        );
                    }
                    return None;
                }
                if self.is(j, "quarter") && !self.is(j + 1, "of") && !self.tight(j + 1, "-") {
                    return m(
                        i,
                        j + 1,
                        Expr::Quarter {
                            year: YearSpec::Latest,
                            q: 1,
                        },
                    );
                }
                // "the near term", "the short term": the future
                if self.is_any(j, &["near", "short"]) && self.is(j + 1, "term") {
                    return m(i, j + 2, Expr::Ref(RefKind::Future));
                }
                // "the weeks ahead", "the months ahead"
                if let Some((u, true)) = self.unit(j)
                    && self.is(j + 1, "ahead")
                {
                    return m(i, j + 2, Expr::Duration { n: None, unit: u });
                }
                // "for the year ended Sept. 30" (a span of one year); "earlier in the year"
                if self.is(j, "year")
                    && !self.tight(j + 1, "-")
                    && self.year4(j + 1).is_none()
                    && !self.is(j + 1, "two")
                    && !self.is(j + 1, "'")
                {
                    if i > 0 && self.is(i - 1, "for") {
                        return m(
                            i,
                            j + 1,
                            Expr::Duration {
                                n: Some(1.0),
                                unit: Unit::Year,
                            },
                        );
                    }
                    if i > 0 && self.is_any(i - 1, &["in", "of", "during", "by"]) {
                        return m(
                            i,
                            j + 1,
                            Expr::RelUnit {
                                unit: Unit::Year,
                                n: 0,
                            },
                        );
                    }
                }
                if self.is(j, "weekend") {
                    return m(
                        i,
                        j + 1,
                        Expr::RelUnit {
                            unit: Unit::Weekend,
                            n: 0,
                        },
                    );
                }
                if self.is_any(
                    j,
                    &[
                        "twenties",
                        "thirties",
                        "forties",
                        "fifties",
                        "sixties",
                        "seventies",
                        "eighties",
                        "nineties",
                    ],
                ) {
                    let t = [
                        "twenties",
                        "thirties",
                        "forties",
                        "fifties",
                        "sixties",
                        "seventies",
                        "eighties",
                        "nineties",
                    ]
                    .iter()
                    .position(|x| self.is(j, x))
                    .unwrap_or(0) as u32
                        + 2;
                    return m(i, j + 1, Expr::DecadeShort(t));
                }
                if self.is(j, "year") && self.is_any(j + 1, &["two"]) && self.is(j + 2, "thousand")
                {
                    return m(i, j + 3, Expr::Year(2000));
                }
                None
            }
            "these" if self.is(i + 1, "days") => m(i, i + 2, Expr::Ref(RefKind::Present)),
            "heutzutage" => m(i, i + 1, Expr::Ref(RefKind::Present)),
            "nineteen" => {
                let (n, end, _) = self.amount(i + 1)?;
                if !(10.0..=99.0).contains(&n) {
                    return None;
                }
                m(i, end, Expr::Year(1900 + n as i32))
            }
            "q1" | "q2" | "q3" | "q4" => self.p_mixed(i),
            "zwanziger" | "dreißiger" | "vierziger" | "fünfziger" | "sechziger" | "siebziger"
            | "achtziger" | "neunziger" | "zwanzigern" | "dreißigern" | "vierzigern"
            | "fünfzigern" | "sechzigern" | "siebzigern" | "achtzigern" | "neunzigern" => {
                let stem = l.trim_end_matches('n');
                let t = [
                    "zwanziger",
                    "dreißiger",
                    "vierziger",
                    "fünfziger",
                    "sechziger",
                    "siebziger",
                    "achtziger",
                    "neunziger",
                ]
                .iter()
                .position(|x| *x == stem)
                .unwrap_or(0) as u32
                    + 2;
                let end = self.skip_jahre(i + 1);
                if end == i + 1 && !(i > 0 && self.is_any(i - 1, &["den", "die", "der"])) {
                    return None;
                }
                m(i, end, Expr::DecadeShort(t))
            }
            "once" | "twice" | "einmal" | "zweimal" => {
                let mut j = i + 1;
                if self.is_any(
                    j,
                    &["a", "an", "per", "pro", "im", "in", "am", "each", "every"],
                ) {
                    j += 1;
                }
                if self.is(j, "the") {
                    j += 1;
                }
                let (u, false) = self.unit(j)? else {
                    return None;
                };
                let start = if l == "once" || l == "twice" {
                    i + 1
                } else {
                    i
                };
                m(
                    start,
                    j + 1,
                    Expr::Set(super::normalize::duration_value(Some(1.0), u)),
                )
            }
            "in" | "im" => {
                // "in zwei Wochen", "in two years" → future point; "im Jahr 2000"
                if l == "im" {
                    return None;
                }
                let (n, end, art) = self.amount(i + 1)?;
                let (u, plural) = self.unit(end)?;
                if art && plural {
                    return None;
                }
                let r = m(
                    i + 1,
                    end + 1,
                    Expr::Shift {
                        unit: u,
                        n: n.round() as i64,
                    },
                )?;
                Some(r)
            }
            _ => None,
        }
    }
}

const COUNTED_EN: [&str; 24] = [
    "people",
    "persons",
    "troops",
    "soldiers",
    "men",
    "women",
    "children",
    "dollars",
    "euros",
    "miles",
    "kilometers",
    "km",
    "workers",
    "jobs",
    "votes",
    "shares",
    "points",
    "units",
    "cars",
    "homes",
    "students",
    "employees",
    "members",
    "residents",
];

fn date(year: YearSpec, month: u32, day: u32) -> Expr {
    Expr::Date { year, month, day }
}

fn two_digit_year(y: i32) -> i32 {
    if y <= 40 { 2000 + y } else { 1900 + y }
}

fn to24(h: u32, pm: bool) -> u32 {
    match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    }
}

/// Recognises and normalises the time expressions in `text`. `sentences` are byte spans of
/// sentences (may be empty: then a simple splitter is used).
pub(crate) fn recognize(
    text: &str,
    sentences: &[Span],
    de: bool,
    en: bool,
    dct: Option<NaiveDate>,
) -> Vec<Timex> {
    let sc = scan(text, de, en);
    let p = Parser { sc: &sc, de, en };
    let words = &sc.words;
    // sentence id per token
    let sent_of = sentence_ids(&sc, text, sentences);
    let mut out: Vec<Timex> = Vec::new();
    let mut last_quarter: Option<(usize, i32, u32)> = None;
    let mut prev_day: Option<(usize, Expr)> = None;
    let mut i = 0;
    while i < words.len() {
        let Some(mt) = p.at(i) else {
            i += 1;
            continue;
        };
        let (start, end) = (mt.start, mt.end.min(words.len()));
        if end <= start {
            i += 1;
            continue;
        }
        // Context: same sentence, a window around the expression.
        let sid = sent_of.get(start).copied().unwrap_or(0);
        let lo = start.saturating_sub(12);
        let hi = (end + 12).min(words.len());
        let mut quarter_ctx = false;
        // The clause: the words of the sentence in a window around the expression, cut at a
        // comma that opens another clause.
        let opens_clause = |k: usize| {
            words.get(k).is_some_and(|w| sc.lo(w) == ",")
                && words.get(k + 1).is_some_and(|n| {
                    matches!(
                        sc.lo(n),
                        "dass"
                            | "weil"
                            | "wenn"
                            | "ob"
                            | "sie"
                            | "er"
                            | "es"
                            | "wir"
                            | "ich"
                            | "hieß"
                            | "sagte"
                            | "teilte"
                            | "berichtete"
                            | "that"
                            | "which"
                            | "who"
                            | "while"
                            | "but"
                            | "he"
                            | "she"
                            | "they"
                            | "it"
                            | "said"
                            | "officials"
                            | "according"
                    )
                })
        };
        let mut c_lo = start;
        while c_lo > lo && sent_of.get(c_lo - 1).copied() == Some(sid) && !opens_clause(c_lo - 1) {
            c_lo -= 1;
        }
        let mut c_hi = end;
        while c_hi < hi && sent_of.get(c_hi).copied() == Some(sid) && !opens_clause(c_hi) {
            c_hi += 1;
        }
        let clause: Vec<super::tense::W<'_>> = (c_lo..c_hi)
            .filter(|k| *k < start || *k >= end)
            .filter_map(|k| words.get(k))
            .filter(|w| w.kind != Kind::Punct)
            .map(|w| super::tense::W {
                lo: sc.lo(w),
                cap: w.cap,
            })
            .collect();
        let at = (c_lo..start)
            .filter(|k| words.get(*k).is_some_and(|w| w.kind != Kind::Punct))
            .count();
        let (tense, strong) = super::tense::tense(&clause, at, de, en);
        // Weekdays follow every cue (the present tense announces: "Wir treffen uns Sonntag");
        // months and dates only strong ones, otherwise the nearer one (news reports both ways).
        // A possessive weekday ("Tuesday's declaration") names what happened.
        let weekday_like = direction_dependent(&mt.expr)
            && !matches!(mt.expr, Expr::Date { .. } | Expr::Month { .. });
        let possessive = words
            .get(end)
            .is_some_and(|w| matches!(sc.lo(w), "'" | "’"))
            && words.get(end + 1).is_some_and(|w| sc.lo(w) == "s");
        let lean_past = tense == Tense::Past;
        let tense = if (weekday_like && !(possessive && tense == Tense::Present)) || strong {
            tense
        } else if weekday_like {
            Tense::Unknown
        } else {
            Tense::Weak
        };
        let mut future = matches!(tense, Tense::Future | Tense::Present);
        // quarter context over the whole sentence
        let mut k = start;
        while k > 0 && sent_of.get(k - 1).copied() == Some(sid) {
            k -= 1;
        }
        while k < words.len() && sent_of.get(k).copied() == Some(sid) {
            let l = sc.lo(&words[k]);
            if matches!(l, "quarter" | "quartal" | "quarterly") {
                quarter_ctx = true;
                break;
            }
            k += 1;
        }
        // "said Friday", "sagte am Montag": the report lies in the past whatever follows
        let reported = (1..=2).any(|back| {
            start >= back
                && matches!(
                    sc.lo(&words[start - back]),
                    "said"
                        | "announced"
                        | "reported"
                        | "told"
                        | "disclosed"
                        | "sagte"
                        | "erklärte"
                        | "berichtete"
                        | "meldete"
                        | "teilte"
                        | "kündigte"
                        | "bestätigte"
                )
        });
        if reported {
            future = false;
        }
        // an agenda line without a verb ("Termin: Freitag, 10 Uhr") announces what comes
        let agenda = tense == Tense::Unknown
            && !reported
            && (matches!(&mt.expr, Expr::Clock { date: Some(d), .. } if matches!(d.as_ref(), Expr::Weekday { .. }))
                || (end..(end + 3).min(words.len())).any(|k| {
                    p.p_clock(k).is_some()
                        && (end..k).all(|j| {
                            words[j].kind == Kind::Punct || matches!(sc.lo(&words[j]), "um" | "at")
                        })
                }));
        if agenda {
            future = true;
        }
        let past = reported || (!future && tense == Tense::Past);
        let by_convention = !reported && !agenda && matches!(tense, Tense::Unknown | Tense::Weak);
        let ctx = Ctx {
            dct,
            future,
            quarter_ctx,
            past,
            lean_past: lean_past && !past && !future,
        };
        let recent_q = last_quarter.filter(|(k, _, _)| start.saturating_sub(*k) < 80);
        let mut expr = adjust_for_context(mt.expr, &ctx, recent_q.map(|(_, y, q)| (y, q)));
        // a time right after (or right before) a date takes that date: "16.01.2016 15:32 Uhr"
        if let Expr::Clock {
            date: None,
            hour,
            minute,
        } = expr
        {
            let near = |a: usize, b: usize| {
                b >= a
                    && b - a <= 2
                    && (a..b).all(|k| {
                        words.get(k).is_some_and(|w| {
                            w.kind == Kind::Punct
                                || matches!(sc.lo(w), "um" | "gegen" | "ab" | "at")
                        })
                    })
            };
            if let Some((pend, d)) = &prev_day
                && near(*pend, start)
            {
                expr = Expr::Clock {
                    date: Some(Box::new(d.clone())),
                    hour,
                    minute,
                };
            } else if let Some(next) = p.core_date_only(
                end + usize::from(words.get(end).is_some_and(|w| w.kind == Kind::Punct)),
            ) && matches!(
                next.expr,
                Expr::Date {
                    year: YearSpec::Explicit(_),
                    ..
                }
            ) && next.start <= end + 1
            {
                expr = Expr::Clock {
                    date: Some(Box::new(next.expr)),
                    hour,
                    minute,
                };
            }
        }
        if matches!(
            expr,
            Expr::Date { .. } | Expr::Weekday { .. } | Expr::Deictic(_) | Expr::DayOnly { .. }
        ) {
            prev_day = Some((end, expr.clone()));
        }
        if let Some(n) = normalize_special(&expr, &ctx).or_else(|| normalize(&expr, &ctx)) {
            let span = Span::new(words[start].s, words[end - 1].e);
            if let Some((y, q)) = n
                .value
                .split_once("-Q")
                .and_then(|(y, q)| Some((y.parse::<i32>().ok()?, q.parse::<u32>().ok()?)))
            {
                last_quarter = Some((end, y, q));
            }
            out.push(Timex {
                span,
                timex_type: n.timex_type,
                value: n.value,
                precision: n.precision,
                range: n.range,
                unresolved: n.unresolved,
                ends: n
                    .ends
                    .map(|(begin, end)| crate::model::TimexEnds { begin, end }),
                offset: match &expr {
                    Expr::Shift { unit, n } if n.unsigned_abs() > 0 => {
                        let d =
                            super::normalize::duration_value(Some(n.unsigned_abs() as f64), *unit);
                        Some(if *n < 0 { format!("-{d}") } else { d })
                    }
                    _ => None,
                },
                uncertain: if swappable_day_month(&sc, start) {
                    Some(crate::model::Uncertainty::DayMonthOrder)
                } else {
                    (by_convention && direction_dependent(&expr))
                        .then_some(crate::model::Uncertainty::Direction)
                },
            });
        }
        i = end;
    }
    out
}

/// A slashed or dashed date whose first two numbers could both be the month ("3/5/2019",
/// "8/10"): the article's language chose the order.
fn swappable_day_month(sc: &Scan, start: usize) -> bool {
    let w = |k: usize| sc.words.get(k);
    let small = |k: usize| {
        w(k).is_some_and(|x| x.kind == Kind::Num && x.nd <= 2 && (1..=12).contains(&x.num))
    };
    let sep = w(start + 1)
        .is_some_and(|x| x.kind == Kind::Punct && !x.gap && matches!(sc.lo(x), "/" | "-"));
    small(start)
        && sep
        && small(start + 2)
        && w(start).map(|x| x.num) != w(start + 2).map(|x| x.num)
}

/// True when the value depends on whether the clause points back or ahead.
fn direction_dependent(e: &Expr) -> bool {
    match e {
        Expr::Weekday { dir: None, .. } => true,
        Expr::Date {
            year: YearSpec::Infer,
            ..
        }
        | Expr::Month {
            year: YearSpec::Infer,
            ..
        } => true,
        Expr::DayPart { date, .. } => direction_dependent(date),
        Expr::Clock { date: Some(d), .. } => direction_dependent(d),
        _ => false,
    }
}

/// Financial-news reading of "a year ago": the same quarter a year before.
fn adjust_for_context(e: Expr, ctx: &Ctx, recent_q: Option<(i32, u32)>) -> Expr {
    match e {
        Expr::Shift {
            unit: Unit::Year,
            n: -1,
        } => match recent_q {
            Some((y, q)) => Expr::Quarter {
                year: YearSpec::Explicit(y - 1),
                q,
            },
            None if ctx.quarter_ctx => Expr::Quarter {
                year: YearSpec::Rel(-1),
                q: 0,
            },
            None => e,
        },
        e => e,
    }
}

fn normalize_special(e: &Expr, ctx: &Ctx) -> Option<super::normalize::Norm> {
    use super::normalize::Norm;
    use crate::model::TimexType;
    match e {
        Expr::Set(v) if v.starts_with("__DATE__") => Some(Norm {
            timex_type: TimexType::Date,
            value: v.trim_start_matches("__DATE__").to_string(),
            precision: None,
            range: None,
            unresolved: false,
            ends: None,
        }),
        Expr::Quarter {
            year: YearSpec::Rel(-1),
            q: 0,
        } => {
            // the latest completed quarter, a year earlier
            let inner = normalize(
                &Expr::Quarter {
                    year: YearSpec::Latest,
                    q: 1,
                },
                ctx,
            )?;
            let (y, q) = inner.value.split_once("-Q")?;
            let y: i32 = y.parse().ok()?;
            let q: u32 = q.parse().ok()?;
            normalize(
                &Expr::Quarter {
                    year: YearSpec::Explicit(y - 1),
                    q,
                },
                ctx,
            )
        }
        _ => None,
    }
}

/// Sentence index of every token: from the given spans, or split at `.!?` before a capital and
/// at line breaks.
fn sentence_ids(sc: &Scan, _text: &str, sentences: &[Span]) -> Vec<u32> {
    let words = &sc.words;
    let mut ids = Vec::with_capacity(words.len());
    if !sentences.is_empty() {
        let mut si = 0usize;
        for w in words {
            while si + 1 < sentences.len() && sentences[si].end <= w.s {
                si += 1;
            }
            ids.push(si as u32);
        }
        return ids;
    }
    let mut id = 0u32;
    for (k, w) in words.iter().enumerate() {
        if w.nl && k > 0 {
            id += 1;
        }
        ids.push(id);
        if w.kind == Kind::Punct {
            let l = sc.lo(w);
            if matches!(l, "." | "!" | "?") {
                let prev_ord = k > 0 && words[k - 1].kind == Kind::Num && words[k - 1].nd <= 2;
                let next_gap_cap = words.get(k + 1).is_some_and(|n| n.gap && n.cap);
                if next_gap_cap && !(l == "." && prev_ord) {
                    id += 1;
                }
            }
        }
    }
    ids
}
