//! Turning a recognised expression into a TIMEX3 value, relative to the document date.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::lexicon::{DayPart, Dir, Part, RefKind, Unit};
use crate::model::{DateRange, Precision, TimexType};

/// How the year of a partial date (month, season, quarter) is chosen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum YearSpec {
    /// Written out.
    Explicit(i32),
    /// Relative to the document year ("last year" = -1).
    Rel(i64),
    /// From tense: the most recent one (past) or the next one (future).
    Infer,
    /// The last completed one before the document date ("the latest quarter").
    Latest,
    /// The next one from the document date on ("next May", "next spring").
    Next,
    /// The last one before the document date ("last December", "last summer").
    Prev,
    /// The year nearest the document date in which the day falls on this weekday
    /// ("Montag, 1. August").
    Weekday(u32),
}

/// What the recogniser understood, before anchoring.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    /// A calendar date, possibly without a year.
    Date {
        year: YearSpec,
        month: u32,
        day: u32,
    },
    /// A day of an unnamed month ("Dienstag, 26.").
    DayOnly { day: u32, weekday: Option<u32> },
    /// A month.
    Month { year: YearSpec, month: u32 },
    /// A year.
    Year(i32),
    /// A decade by its first three digits (199 = the 1990s).
    Decade(i32),
    /// A decade written with two digits ("the '90s", "die 90er"): tens digit.
    DecadeShort(u32),
    /// A century by its first two digits (19 = the 20th century).
    Century(i32),
    /// A weekday, 1 = Monday, with an optional direction word.
    Weekday { wd: u32, dir: Option<Dir> },
    /// today (0), yesterday (-1), tomorrow (+1) …
    Deictic(i64),
    /// The period `n` units away from the document date's ("last week" = Week, -1).
    RelUnit { unit: Unit, n: i64 },
    /// `n` units before (negative) or after the document date, named at the unit's precision.
    Shift { unit: Unit, n: i64 },
    /// A quarter.
    Quarter { year: YearSpec, q: u32 },
    /// A half year.
    Half { year: YearSpec, h: u32 },
    /// A season: 0 spring … 3 winter.
    Season { year: YearSpec, s: u32 },
    /// PAST_REF, PRESENT_REF, FUTURE_REF.
    Ref(RefKind),
    /// A length of time; `n = None` for vague amounts ("several years").
    Duration { n: Option<f64>, unit: Unit },
    /// A recurring time with its TIMEX3 value.
    Set(String),
    /// early / mid / late part of another expression.
    Modified { part: Part, inner: Box<Expr> },
    /// A time of day, with an optional date.
    Clock {
        date: Option<Box<Expr>>,
        hour: u32,
        minute: u32,
    },
    /// A part of a day ("Montagabend", "this morning").
    DayPart { date: Box<Expr>, part: DayPart },
    /// A weekday of the week `weeks` away from the document's ("Dienstag nächster Woche").
    WeekdayOfWeek { wd: u32, weeks: i64 },
    /// `n` units after (negative: before) the day `base` names, named to the day ("a week from
    /// Tuesday", "heute vor einem Jahr", "the night before Tuesday").
    After { base: Box<Expr>, unit: Unit, n: i64 },
    /// A calendar week by its ISO number ("KW 45").
    Week { year: YearSpec, w: u32 },
    /// A day counted from Easter Sunday (0 = Easter, -2 = Good Friday, 49 = Pentecost).
    Easter { year: YearSpec, offset: i64 },
    /// A stretch of days with both ends ("10. - 22. August 2012").
    Range { a: Box<Expr>, b: Box<Expr> },
    /// Text that looks like a date but names none ("32. Oktober 2015"): consumed, not reported.
    Invalid,
}

/// Context for anchoring.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx {
    /// The document date.
    pub dct: Option<NaiveDate>,
    /// The clause points to the future.
    pub future: bool,
    /// The sentence talks about business quarters ("a year ago" = the same quarter a year ago).
    pub quarter_ctx: bool,
    /// The clause has past-tense cues.
    pub past: bool,
    /// Only weak past cues (a past form of a full verb): between two candidates, the earlier
    /// one wins unless the later one is much nearer.
    pub lean_past: bool,
}

/// A normalised expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Norm {
    pub timex_type: TimexType,
    pub value: String,
    pub precision: Option<Precision>,
    pub range: Option<DateRange>,
    pub unresolved: bool,
    /// Values of both ends of a range.
    pub ends: Option<(String, String)>,
}

/// A resolved calendar period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Period {
    Day(NaiveDate),
    Week(i32, u32),
    Weekend(i32, u32),
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    Season(i32, u32),
    Year(i32),
    Decade(i32),
    Century(i32),
}

const MIN_YEAR: i32 = -9998;
const MAX_YEAR: i32 = 9999;

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let first = ymd(y, m, 1)?;
    first
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
}

impl Period {
    fn value(&self) -> String {
        match *self {
            Period::Day(d) if d.year() <= 0 => {
                format!("BC{:04}-{:02}-{:02}", 1 - d.year(), d.month(), d.day())
            }
            Period::Day(d) => d.format("%Y-%m-%d").to_string(),
            Period::Week(y, w) => format!("{y:04}-W{w:02}"),
            Period::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Period::Month(y, m) => format!("{y:04}-{m:02}"),
            Period::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Period::Half(y, h) => format!("{y:04}-H{h}"),
            Period::Season(y, s) => {
                format!("{y:04}-{}", ["SP", "SU", "FA", "WI"][(s % 4) as usize])
            }
            Period::Year(y) if y <= 0 => format!("BC{:04}", 1 - y),
            Period::Year(y) => format!("{y:04}"),
            Period::Decade(d) => format!("{d:03}"),
            Period::Century(c) => format!("{c:02}"),
        }
    }

    fn precision(&self) -> Precision {
        match self {
            Period::Day(_) => Precision::Day,
            Period::Week(..) | Period::Weekend(..) => Precision::Week,
            Period::Month(..) => Precision::Month,
            Period::Quarter(..) | Period::Season(..) | Period::Half(..) => Precision::Quarter,
            Period::Year(_) => Precision::Year,
            Period::Decade(_) => Precision::Decade,
            Period::Century(_) => Precision::Century,
        }
    }

    /// The first and last day.
    pub(crate) fn range(&self) -> Option<DateRange> {
        let (a, b) = match *self {
            Period::Day(d) => (d, d),
            Period::Week(y, w) => {
                let a = NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)?;
                (a, a.checked_add_days(Days::new(6))?)
            }
            Period::Weekend(y, w) => {
                let a = NaiveDate::from_isoywd_opt(y, w, Weekday::Sat)?;
                (a, a.checked_add_days(Days::new(1))?)
            }
            Period::Month(y, m) => (ymd(y, m, 1)?, last_of_month(y, m)?),
            Period::Quarter(y, q) => (ymd(y, q * 3 - 2, 1)?, last_of_month(y, q * 3)?),
            Period::Half(y, h) => (ymd(y, h * 6 - 5, 1)?, last_of_month(y, h * 6)?),
            Period::Season(y, s) => match s {
                0 => (ymd(y, 3, 1)?, ymd(y, 5, 31)?),
                1 => (ymd(y, 6, 1)?, ymd(y, 8, 31)?),
                2 => (ymd(y, 9, 1)?, ymd(y, 11, 30)?),
                _ => (ymd(y, 12, 1)?, last_of_month(y + 1, 2)?),
            },
            Period::Year(y) => (ymd(y, 1, 1)?, ymd(y, 12, 31)?),
            Period::Decade(d) => (ymd(d * 10, 1, 1)?, ymd(d * 10 + 9, 12, 31)?),
            Period::Century(c) => (ymd((c * 100).max(1), 1, 1)?, ymd(c * 100 + 99, 12, 31)?),
        };
        Some(DateRange {
            earliest: a,
            latest: b,
        })
    }

    fn norm(self) -> Option<Norm> {
        let range = self.range()?;
        Some(Norm {
            timex_type: TimexType::Date,
            value: self.value(),
            precision: Some(self.precision()),
            range: Some(range),
            unresolved: false,
            ends: None,
        })
    }
}

fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

fn week_of(d: NaiveDate) -> Period {
    let w = d.iso_week();
    Period::Week(w.year(), w.week())
}

fn shift(d: NaiveDate, unit: Unit, n: i64) -> Option<NaiveDate> {
    let months = |k: i64| -> Option<NaiveDate> {
        if k >= 0 {
            d.checked_add_months(Months::new(u32::try_from(k).ok()?))
        } else {
            d.checked_sub_months(Months::new(u32::try_from(-k).ok()?))
        }
    };
    let days = |k: i64| -> Option<NaiveDate> {
        if k >= 0 {
            d.checked_add_days(Days::new(u64::try_from(k).ok()?))
        } else {
            d.checked_sub_days(Days::new(u64::try_from(-k).ok()?))
        }
    };
    match unit {
        // The document date has no time of day: "vor 3 Stunden" stays on it.
        Unit::Second => days(n / 86_400),
        Unit::Minute => days(n / 1_440),
        Unit::Hour => days(n / 24),
        Unit::Day => days(n),
        Unit::Week | Unit::Weekend => days(n.checked_mul(7)?),
        Unit::Month => months(n),
        Unit::Quarter => months(n.checked_mul(3)?),
        Unit::Year => months(n.checked_mul(12)?),
        Unit::Decade => months(n.checked_mul(120)?),
        Unit::Century => months(n.checked_mul(1200)?),
    }
}

fn period_of(d: NaiveDate, unit: Unit) -> Period {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => Period::Day(d),
        Unit::Week => week_of(d),
        Unit::Weekend => {
            let w = d.iso_week();
            Period::Weekend(w.year(), w.week())
        }
        Unit::Month => Period::Month(d.year(), d.month()),
        Unit::Quarter => Period::Quarter(d.year(), quarter_of(d)),
        Unit::Year => Period::Year(d.year()),
        Unit::Decade => Period::Decade(d.year().div_euclid(10)),
        Unit::Century => Period::Century(d.year().div_euclid(100)),
    }
}

fn unresolved_unit(unit: Unit) -> &'static str {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => "XXXX-XX-XX",
        Unit::Week => "XXXX-WXX",
        Unit::Weekend => "XXXX-WXX-WE",
        Unit::Month => "XXXX-XX",
        Unit::Quarter => "XXXX-QX",
        Unit::Year => "XXXX",
        Unit::Decade => "XXX",
        Unit::Century => "XX",
    }
}

fn unresolved(value: String, tt: TimexType, precision: Option<Precision>) -> Option<Norm> {
    Some(Norm {
        timex_type: tt,
        value,
        precision,
        range: None,
        unresolved: true,
        ends: None,
    })
}

/// Number format for durations: integers plainly, halves with one decimal.
fn fmt_num(n: f64) -> String {
    if (n - n.round()).abs() < 1e-9 {
        format!("{}", n.round() as i64)
    } else {
        format!("{n:.1}")
    }
}

/// Duration value (`P3Y`, `PT2H`, `PXM`).
pub(crate) fn duration_value(n: Option<f64>, unit: Unit) -> String {
    let amount = n.map_or_else(|| "X".to_string(), fmt_num);
    let (amount, code) = match (unit, n) {
        // Half units become the next smaller unit.
        (Unit::Year, Some(x)) if (x - x.round()).abs() > 1e-9 => (fmt_num(x * 12.0), "M"),
        (Unit::Quarter, Some(x)) => (fmt_num(x * 3.0), "M"),
        (Unit::Quarter, None) => (amount, "Q"),
        (Unit::Weekend, _) => (amount, "WE"),
        (Unit::Decade, Some(x)) => (fmt_num(x * 10.0), "Y"),
        _ => (amount, unit.code()),
    };
    if unit.is_clock() {
        format!("PT{amount}{code}")
    } else {
        format!("P{amount}{code}")
    }
}

/// Chooses the year of a month/day given tense: the next one for future cues, the previous
/// one for past cues, otherwise the nearer of the two (the previous one unless the next one is
/// less than half as far).
fn infer_year(
    dct: NaiveDate,
    month: u32,
    day: u32,
    future: bool,
    past: bool,
    lean_past: bool,
) -> Option<i32> {
    if !future && !past {
        let prev = infer_year(dct, month, day, false, true, false)?;
        let next = infer_year(dct, month, day, true, false, false)?;
        let dp = ymd(prev, month, day).map(|d| (dct - d).num_days())?;
        let dn = ymd(next, month, day).map(|d| (d - dct).num_days())?;
        // the later one when it is more than twice (after a past verb: 2.5 times) as near
        let k = if lean_past { 5 } else { 4 };
        return Some(if dn * k < dp * 2 { next } else { prev });
    }
    let y0 = dct.year();
    if future {
        for k in 0..9 {
            let y = y0.checked_add(k)?;
            if let Some(d) = ymd(y, month, day)
                && d >= dct
            {
                return Some(y);
            }
        }
    } else {
        for k in 0..9 {
            let y = y0.checked_sub(k)?;
            if let Some(d) = ymd(y, month, day)
                && d <= dct
            {
                return Some(y);
            }
        }
    }
    None
}

fn year_of(spec: YearSpec, ctx: &Ctx, fits: impl Fn(i32, bool) -> i32) -> Option<i32> {
    match spec {
        YearSpec::Explicit(y) => Some(y),
        YearSpec::Rel(k) => {
            let d = ctx.dct?;
            i32::try_from(i64::from(d.year()).checked_add(k)?).ok()
        }
        YearSpec::Infer
        | YearSpec::Latest
        | YearSpec::Weekday(_)
        | YearSpec::Next
        | YearSpec::Prev => {
            let d = ctx.dct?;
            Some(fits(d.year(), ctx.future))
        }
    }
}

fn weekday_date(dct: NaiveDate, wd: u32, dir: Option<Dir>, future: bool) -> Option<NaiveDate> {
    let cur = dct.weekday().number_from_monday() as i64;
    let target = i64::from(wd);
    let back = (cur - target).rem_euclid(7); // days back to the most recent (0 = today)
    let fwd = (target - cur).rem_euclid(7); // days forward to the next (0 = today)
    let offset = match dir {
        Some(Dir::Past) => -(if back == 0 { 7 } else { back }),
        Some(Dir::Next) => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        Some(Dir::This) => target - cur,
        None if future => fwd,
        None => -back,
    };
    shift(dct, Unit::Day, offset)
}

/// Resolves a date-like expression to a period (None when there is no document date or the
/// date does not exist).
fn resolve(e: &Expr, ctx: &Ctx) -> Option<Period> {
    // "next May", "last summer": the year chosen as in a clause that points that way
    let forced = |year: &YearSpec| match year {
        YearSpec::Next => Some(Ctx {
            future: true,
            past: false,
            ..*ctx
        }),
        YearSpec::Prev => Some(Ctx {
            future: false,
            past: true,
            ..*ctx
        }),
        _ => None,
    };
    match e {
        Expr::Month { year, month } if forced(year).is_some() => {
            let c = forced(year)?;
            return resolve(
                &Expr::Month {
                    year: YearSpec::Infer,
                    month: *month,
                },
                &c,
            );
        }
        Expr::Season { year, s } if forced(year).is_some() => {
            let c = forced(year)?;
            return resolve(
                &Expr::Season {
                    year: YearSpec::Infer,
                    s: *s,
                },
                &c,
            );
        }
        Expr::After { base, unit, n }
            if matches!(base.as_ref(), Expr::Weekday { dir: None, .. }) =>
        {
            // "a week from Tuesday": the coming Tuesday
            let c = Ctx {
                future: true,
                past: false,
                ..*ctx
            };
            let d = match resolve(base, &c)? {
                Period::Day(d) => d,
                _ => return None,
            };
            return Some(Period::Day(shift(d, *unit, *n)?));
        }
        _ => {}
    }
    match e {
        Expr::Date { year, month, day } => {
            let (m, d) = (*month, *day);
            let y = match year {
                YearSpec::Weekday(wd) => {
                    let dct = ctx.dct?;
                    let fallback = infer_year(dct, m, d, ctx.future, ctx.past, ctx.lean_past)?;
                    [0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6]
                        .iter()
                        .filter_map(|k| fallback.checked_add(*k))
                        .find(|y| {
                            ymd(*y, m, d).is_some_and(|x| x.weekday().number_from_monday() == *wd)
                        })
                        .unwrap_or(fallback)
                }
                YearSpec::Infer | YearSpec::Latest => {
                    infer_year(ctx.dct?, m, d, ctx.future, ctx.past, ctx.lean_past)?
                }
                _ => year_of(*year, ctx, |y, _| y)?,
            };
            ymd(y, m, d).map(Period::Day)
        }
        Expr::DayOnly { day, weekday } => {
            let dct = ctx.dct?;
            // The nearest month (this, the previous, the next) where the day fits the weekday.
            let mut best: Option<NaiveDate> = None;
            for k in [0i64, -1, 1, -2, 2] {
                let base = shift(ymd(dct.year(), dct.month(), 1)?, Unit::Month, k)?;
                if let Some(d) = ymd(base.year(), base.month(), *day) {
                    let ok = weekday.is_none_or(|w| d.weekday().number_from_monday() == w);
                    if ok {
                        best = Some(d);
                        break;
                    }
                }
            }
            best.map(Period::Day)
        }
        Expr::Month { year, month } => {
            let m = *month;
            let y = year_of(*year, ctx, |y, fut| {
                let cur = ctx.dct.map_or(1, |d| d.month());
                if !fut && !ctx.past {
                    // nearer of the previous and the next such month
                    let back = (cur + 12 - m) % 12;
                    let fwd = (m + 12 - cur) % 12;
                    let k = if ctx.lean_past { 5 } else { 4 };
                    return if fwd * k < back * 2 {
                        if m >= cur { y } else { y + 1 }
                    } else if m <= cur {
                        y
                    } else {
                        y - 1
                    };
                }
                if fut {
                    if m >= cur { y } else { y + 1 }
                } else if m <= cur {
                    y
                } else {
                    y - 1
                }
            })?;
            ymd(y, m, 1)?;
            Some(Period::Month(y, m))
        }
        Expr::Year(y) => {
            ymd(*y, 1, 1)?;
            Some(Period::Year(*y))
        }
        Expr::Decade(d) => Some(Period::Decade(*d)),
        Expr::DecadeShort(t) => {
            let year = ctx.dct.map_or(2000, |d| d.year());
            let mut c = year.div_euclid(100);
            if c * 100 + (*t as i32) * 10 > year {
                c -= 1;
            }
            Some(Period::Decade(c * 10 + *t as i32))
        }
        Expr::Century(c) => Some(Period::Century(*c)),
        Expr::Weekday { wd, dir } => {
            let d = weekday_date(ctx.dct?, *wd, *dir, ctx.future)?;
            Some(Period::Day(d))
        }
        Expr::Deictic(n) => shift(ctx.dct?, Unit::Day, *n).map(Period::Day),
        Expr::RelUnit {
            unit: Unit::Weekend,
            n: 0,
        } => {
            // the most recent weekend (past) or the coming one (future)
            let dct = ctx.dct?;
            let sat = weekday_date(dct, 6, None, ctx.future)?;
            let w = sat.iso_week();
            Some(Period::Weekend(w.year(), w.week()))
        }
        Expr::Shift {
            unit: unit @ (Unit::Decade | Unit::Century),
            n,
        } => {
            let d = shift(ctx.dct?, *unit, *n)?;
            Some(Period::Year(d.year()))
        }
        Expr::RelUnit { unit, n } | Expr::Shift { unit, n } => {
            let d = shift(ctx.dct?, *unit, *n)?;
            Some(period_of(d, *unit))
        }
        Expr::WeekdayOfWeek { wd, weeks } => {
            let dct = ctx.dct?;
            let monday = shift(
                dct,
                Unit::Day,
                -i64::from(dct.weekday().num_days_from_monday()),
            )?;
            let d = shift(
                monday,
                Unit::Day,
                weeks.checked_mul(7)? + i64::from(*wd) - 1,
            )?;
            Some(Period::Day(d))
        }
        Expr::After { base, unit, n } => {
            let d = match resolve(base, ctx)? {
                Period::Day(d) => d,
                _ => return None,
            };
            Some(Period::Day(shift(d, *unit, *n)?))
        }
        Expr::Week { year, w } => {
            let w = *w;
            let y = year_of(*year, ctx, |y, fut| {
                let cur = ctx.dct.map_or(1, |d| d.iso_week().week());
                if fut && w < cur {
                    y + 1
                } else if ctx.past && w > cur {
                    y - 1
                } else {
                    y
                }
            })?;
            NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)?;
            Some(Period::Week(y, w))
        }
        Expr::Easter { year, offset } => {
            let dct = ctx.dct;
            let y = match year {
                YearSpec::Explicit(y) => *y,
                _ => {
                    let dct = dct?;
                    let this = shift(easter(dct.year())?, Unit::Day, *offset)?;
                    if ctx.future && this < dct {
                        dct.year() + 1
                    } else if ctx.past && this > dct {
                        dct.year() - 1
                    } else if !ctx.future && !ctx.past {
                        let prev = shift(easter(dct.year() - 1)?, Unit::Day, *offset)?;
                        let next = shift(easter(dct.year() + 1)?, Unit::Day, *offset)?;
                        let best = [(prev, -1), (this, 0), (next, 1)]
                            .into_iter()
                            .min_by_key(|(d, _)| (*d - dct).num_days().abs())
                            .map_or(0, |(_, k)| k);
                        dct.year() + best
                    } else {
                        dct.year()
                    }
                }
            };
            Some(Period::Day(shift(easter(y)?, Unit::Day, *offset)?))
        }
        Expr::Quarter { year, q } => {
            let q = *q;
            if matches!(year, YearSpec::Latest) {
                let dct = ctx.dct?;
                let cur = quarter_of(dct);
                return Some(if cur == 1 {
                    Period::Quarter(dct.year() - 1, 4)
                } else {
                    Period::Quarter(dct.year(), cur - 1)
                });
            }
            let y = year_of(*year, ctx, |y, _| y)?;
            Some(Period::Quarter(y, q))
        }
        Expr::Half { year, h } => {
            let h = *h;
            let y = year_of(*year, ctx, |y, fut| {
                let cur = ctx.dct.map_or(1, |d| if d.month() <= 6 { 1 } else { 2 });
                if fut {
                    if h >= cur { y } else { y + 1 }
                } else if h <= cur {
                    y
                } else {
                    y - 1
                }
            })?;
            Some(Period::Half(y, h))
        }
        Expr::Season { year, s } => {
            let s = *s;
            let y = year_of(*year, ctx, |y, fut| {
                let m = ctx.dct.map_or(1, |d| d.month());
                // Season index of the document month (December..February = winter of that year).
                let cur = match m {
                    3..=5 => 0,
                    6..=8 => 1,
                    9..=11 => 2,
                    _ => 3,
                };
                let base = if m <= 2 { y - 1 } else { y };
                let cur = if m <= 2 { 3 } else { cur };
                if fut {
                    if s >= cur { base } else { base + 1 }
                } else if s <= cur {
                    base
                } else {
                    base - 1
                }
            })?;
            Some(Period::Season(y, s))
        }
        Expr::Modified { inner, .. } => resolve(inner, ctx),
        _ => None,
    }
}

/// Easter Sunday of year `y` (Gregorian calendar; the anonymous algorithm of 1876).
pub(crate) fn easter(y: i32) -> Option<NaiveDate> {
    if y < 1583 {
        return None;
    }
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The TIMEX3 value of a date-like expression that cannot be anchored.
fn unanchored_value(e: &Expr) -> Option<(String, Option<Precision>)> {
    Some(match e {
        Expr::Date { year, month, day } => {
            let y = match year {
                YearSpec::Explicit(y) => format!("{y:04}"),
                _ => "XXXX".to_string(),
            };
            (format!("{y}-{month:02}-{day:02}"), Some(Precision::Day))
        }
        Expr::DayOnly { day, .. } => (format!("XXXX-XX-{day:02}"), Some(Precision::Day)),
        Expr::Month { month, .. } => (format!("XXXX-{month:02}"), Some(Precision::Month)),
        Expr::Weekday { wd, .. } => (format!("XXXX-WXX-{wd}"), Some(Precision::Day)),
        Expr::Deictic(_) => ("XXXX-XX-XX".to_string(), Some(Precision::Day)),
        Expr::RelUnit { unit, .. } | Expr::Shift { unit, .. } => (
            unresolved_unit(*unit).to_string(),
            Some(period_of(NaiveDate::MIN, *unit).precision()),
        ),
        Expr::Quarter { q, .. } => (format!("XXXX-Q{q}"), Some(Precision::Quarter)),
        Expr::Half { h, .. } => (format!("XXXX-H{h}"), Some(Precision::Quarter)),
        Expr::Season { s, .. } => (
            format!("XXXX-{}", ["SP", "SU", "FA", "WI"][(*s % 4) as usize]),
            Some(Precision::Quarter),
        ),
        Expr::Modified { inner, .. } => unanchored_value(inner)?,
        Expr::WeekdayOfWeek { wd, .. } => (format!("XXXX-WXX-{wd}"), Some(Precision::Day)),
        Expr::After { .. } | Expr::Easter { .. } => {
            ("XXXX-XX-XX".to_string(), Some(Precision::Day))
        }
        Expr::Week { year, w } => match year {
            YearSpec::Explicit(y) => (format!("{y:04}-W{w:02}"), Some(Precision::Week)),
            _ => (format!("XXXX-W{w:02}"), Some(Precision::Week)),
        },
        Expr::Range { a, .. } => unanchored_value(a)?,
        _ => return None,
    })
}

/// Narrows a range to its early/middle/late third: days 1–10, 11–20, 21–end of a month;
/// January–April, May–August, September–December of a year; thirds otherwise.
fn narrow(r: DateRange, part: Part) -> DateRange {
    let (a, b) = (r.earliest, r.latest);
    let whole_month = a.day() == 1
        && b.succ_opt().is_none_or(|n| n.day() == 1)
        && a.month() == b.month()
        && a.year() == b.year();
    if whole_month {
        let (x, y) = match part {
            Part::Early => (1, 10),
            Part::Mid => (11, 20),
            Part::Late => (21, b.day()),
        };
        if let (Some(x), Some(y)) = (a.with_day(x), a.with_day(y)) {
            return DateRange {
                earliest: x,
                latest: y,
            };
        }
    }
    let whole_year =
        a.month() == 1 && a.day() == 1 && b.month() == 12 && b.day() == 31 && a.year() == b.year();
    if whole_year {
        let (m1, m2) = match part {
            Part::Early => (1, 4),
            Part::Mid => (5, 8),
            Part::Late => (9, 12),
        };
        if let (Some(x), Some(y)) = (ymd(a.year(), m1, 1), last_of_month(a.year(), m2)) {
            return DateRange {
                earliest: x,
                latest: y,
            };
        }
    }
    let total = (r.latest - r.earliest).num_days() + 1;
    if total < 3 {
        return r;
    }
    let third = total / 3;
    let (a, b) = match part {
        Part::Early => (0, third - 1),
        Part::Mid => (third, total - third - 1),
        Part::Late => (total - third, total - 1),
    };
    let a = shift(r.earliest, Unit::Day, a).unwrap_or(r.earliest);
    let b = shift(r.earliest, Unit::Day, b).unwrap_or(r.latest);
    DateRange {
        earliest: a,
        latest: b,
    }
}

fn date_with_time(date: Option<&Expr>, ctx: &Ctx) -> Result<Option<NaiveDate>, ()> {
    match date {
        None => Ok(ctx.dct),
        Some(e) => match resolve(e, ctx) {
            Some(Period::Day(d)) => Ok(Some(d)),
            Some(_) => Err(()),
            None => Ok(None),
        },
    }
}

/// Normalises an expression. `None` when it names a date that does not exist.
pub(crate) fn normalize(e: &Expr, ctx: &Ctx) -> Option<Norm> {
    match e {
        Expr::Invalid => None,
        Expr::Range { a, b } => {
            let nb = normalize(b, ctx)?;
            // a first end without a year takes the second's (the year before if it comes later)
            let a_in_year = match (a.as_ref(), b.as_ref(), nb.range) {
                (
                    Expr::Date {
                        year: YearSpec::Infer,
                        month,
                        day,
                    },
                    Expr::Date {
                        month: m2, day: d2, ..
                    },
                    Some(rb),
                ) => {
                    let y = rb.latest.year() - i32::from((*month, *day) > (*m2, *d2));
                    Some(Expr::Date {
                        year: YearSpec::Explicit(y),
                        month: *month,
                        day: *day,
                    })
                }
                _ => None,
            };
            let na = normalize(a_in_year.as_ref().unwrap_or(a), ctx)?;
            let (Some(ra), Some(rb)) = (na.range, nb.range) else {
                // without a document date: the first end's value, unresolved
                return Some(Norm {
                    ends: Some((na.value.clone(), nb.value)),
                    ..na
                });
            };
            if rb.latest < ra.earliest {
                return None;
            }
            Some(Norm {
                timex_type: TimexType::Date,
                value: na.value.clone(),
                precision: na.precision,
                range: Some(DateRange {
                    earliest: ra.earliest,
                    latest: rb.latest,
                }),
                unresolved: na.unresolved || nb.unresolved,
                ends: Some((na.value, nb.value)),
            })
        }
        Expr::Ref(r) => Some(Norm {
            timex_type: TimexType::Date,
            value: r.value().to_string(),
            precision: None,
            range: None,
            unresolved: false,
            ends: None,
        }),
        Expr::Duration { n, unit } => Some(Norm {
            timex_type: TimexType::Duration,
            value: duration_value(*n, *unit),
            precision: None,
            range: None,
            unresolved: false,
            ends: None,
        }),
        Expr::Set(v) => Some(Norm {
            timex_type: TimexType::Set,
            value: v.clone(),
            precision: None,
            range: None,
            unresolved: false,
            ends: None,
        }),
        Expr::Clock { date, hour, minute } => {
            if *hour > 24 || *minute > 59 {
                return None;
            }
            let t = if *hour == 24 && *minute == 0 {
                "T24:00".to_string()
            } else {
                format!("T{hour:02}:{minute:02}")
            };
            clock_norm(date.as_deref(), &t, ctx)
        }
        Expr::DayPart { date, part } => {
            let t = format!("T{}", part.code());
            clock_norm(Some(date), &t, ctx)
        }
        Expr::Modified { part, inner } => {
            let mut n = normalize(inner, ctx)?;
            if let Some(r) = n.range {
                n.range = Some(narrow(r, *part));
            }
            Some(n)
        }
        _ => {
            // Explicit dates must exist, with or without a document date.
            match e {
                Expr::Date {
                    year: YearSpec::Explicit(y),
                    month,
                    day,
                } => {
                    ymd(*y, *month, *day)?;
                }
                Expr::Date { month, day, .. } => {
                    // Any leap year accepts the day if it exists at all.
                    ymd(2000, *month, *day)?;
                }
                Expr::DayOnly { day, .. } if !(1..=31).contains(day) => return None,
                _ => {}
            }
            if let Some(p) = resolve(e, ctx) {
                return p.norm();
            }
            let relative = ctx.dct.is_none();
            let (value, precision) = unanchored_value(e)?;
            if relative {
                unresolved(value, TimexType::Date, precision)
            } else {
                None
            }
        }
    }
}

fn clock_norm(date: Option<&Expr>, t: &str, ctx: &Ctx) -> Option<Norm> {
    match date_with_time(date, ctx) {
        Ok(Some(d)) => Some(Norm {
            timex_type: TimexType::Time,
            value: format!("{}{t}", d.format("%Y-%m-%d")),
            precision: Some(Precision::Time),
            range: Some(DateRange {
                earliest: d,
                latest: d,
            }),
            unresolved: false,
            ends: None,
        }),
        Ok(None) => {
            let base = match date {
                Some(e) => unanchored_value(e)?.0,
                None => "XXXX-XX-XX".to_string(),
            };
            if base.len() != 10 && !base.contains('W') {
                return None;
            }
            unresolved(format!("{base}{t}"), TimexType::Time, Some(Precision::Time))
        }
        Err(()) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weekday_resolution_table() {
        // DCT Tuesday 2024-11-19.
        let dct = d("2024-11-19");
        let cases = [
            (2, None, false, "2024-11-19"),
            (1, None, false, "2024-11-18"),
            (3, None, false, "2024-11-13"),
            (3, None, true, "2024-11-20"),
            (2, None, true, "2024-11-19"),
            (2, Some(Dir::Next), false, "2024-11-26"),
            (2, Some(Dir::Past), false, "2024-11-12"),
            (7, Some(Dir::Past), false, "2024-11-17"),
            (7, Some(Dir::Next), false, "2024-11-24"),
        ];
        for (wd, dir, fut, want) in cases {
            let got = weekday_date(dct, wd, dir, fut).unwrap();
            assert_eq!(got, d(want), "wd {wd} {dir:?} future {fut}");
        }
    }

    #[test]
    fn duration_values() {
        assert_eq!(duration_value(Some(3.0), Unit::Year), "P3Y");
        assert_eq!(duration_value(Some(0.5), Unit::Year), "P6M");
        assert_eq!(duration_value(Some(2.0), Unit::Hour), "PT2H");
        assert_eq!(duration_value(None, Unit::Month), "PXM");
        assert_eq!(duration_value(Some(1.0), Unit::Decade), "P10Y");
        assert_eq!(duration_value(None, Unit::Decade), "PXDE");
    }
}
