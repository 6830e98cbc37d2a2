//! The ouderschapsplan's care schedule (*zorgregeling*): who has the child on which day and
//! night. Pure: dates in, answers out.
//!
//! A schedule is layered. The **base pattern** (weekly or two-weekly: which days with which
//! parent, the handover time and place) holds unless something overrides it; then, each
//! layer above the one before:
//!
//! 1. **school holidays** of the family's region (noord, midden, zuid), from the data in
//!    `data/schoolvakanties.toml` (school years 2025-2026 to 2027-2028);
//! 2. **public holidays**: Pasen (Easter Sunday and Monday), Koningsdag (27 April, 26 April
//!    when the 27th is a Sunday), Hemelvaart (Easter + 39 days), Pinksteren (Whit Sunday and
//!    Monday), Kerst (25 and 26 December), Oud en Nieuw (31 December and 1 January);
//! 3. **Mother's Day** (second Sunday of May) and **Father's Day** (third Sunday of June);
//! 4. **birthdays** (a 29 February birthday is kept on 28 February in other years).
//!
//! Each override has a [`Rule`]: always one parent, alternate years, or split halves (the
//! first half of the period with one parent, the second with the other, swapped every year).
//! "Even years" means the calendar year in which the period starts is even: the Christmas
//! holiday of December 2026 counts as 2026.
//!
//! A day belongs to one parent, and so does the night that follows it: the night of
//! 4 July is the night from 4 to 5 July. Time shares are counted in nights.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use jiff::ToSpan;
use jiff::civil::{Date, Time, Weekday};
use serde::{Deserialize, Serialize};

/// One of the two parents of the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Parent {
    A,
    B,
}

impl Parent {
    pub fn other(self) -> Parent {
        match self {
            Parent::A => Parent::B,
            Parent::B => Parent::A,
        }
    }
}

/// The school holiday region (*regio*) of the child's school.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    Noord,
    Midden,
    Zuid,
}

impl Region {
    pub const ALL: [Region; 3] = [Region::Noord, Region::Midden, Region::Zuid];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SchoolHoliday {
    Herfst,
    Kerst,
    Voorjaar,
    Mei,
    Zomer,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicHoliday {
    Pasen,
    Koningsdag,
    Hemelvaart,
    Pinksteren,
    Kerst,
    OudEnNieuw,
}

/// What an override is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Occasion {
    School {
        holiday: SchoolHoliday,
    },
    Public {
        holiday: PublicHoliday,
    },
    MothersDay,
    FathersDay,
    /// A birthday (a child's or a parent's), by month and day.
    Birthday {
        name: String,
        month: i8,
        day: i8,
    },
}

impl Occasion {
    /// The layer: a higher layer overrides a lower one.
    fn layer(&self) -> u8 {
        match self {
            Occasion::School { .. } => 1,
            Occasion::Public { .. } => 2,
            Occasion::MothersDay | Occasion::FathersDay => 3,
            Occasion::Birthday { .. } => 4,
        }
    }
}

/// Who has the child during an occasion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Rule {
    /// Always this parent (e.g. Mother's Day with the mother).
    Fixed { parent: Parent },
    /// This parent in even years, the other in odd years.
    AlternateYears { even_years: Parent },
    /// The first half with this parent in even years (the second half with the other);
    /// in odd years the other way round. An odd number of days gives the first half the
    /// extra day.
    SplitHalves { first_half_even_years: Parent },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Override {
    pub occasion: Occasion,
    pub rule: Rule,
}

/// The base pattern: which days with whom, repeating every one or two weeks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pattern {
    /// A Monday: the first day of week 1 of the pattern.
    pub anchor: Date,
    /// 7 (weekly) or 14 (two-weekly) entries, Monday of week 1 first: who has the child
    /// that day and the night after.
    pub days: Vec<Parent>,
    /// When the child changes house.
    pub handover_time: Time,
    /// Where (e.g. "school", "bij de vader thuis"); never an address of a secret home.
    pub handover_place: String,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("the pattern has {0} days; a weekly pattern has 7, a two-weekly one 14")]
    PatternLength(usize),
    #[error("the pattern's first day {0} is not a Monday")]
    AnchorNotMonday(Date),
    #[error("a birthday of {month}-{day} is not a date")]
    Birthday { month: i8, day: i8 },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub pattern: Pattern,
    pub region: Region,
    pub overrides: Vec<Override>,
}

/// Why a day is with a parent: the base pattern or an occasion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Reason {
    Base,
    Occasion(Occasion),
}

/// One day of the schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Day {
    pub date: Date,
    pub parent: Parent,
    pub reason: Reason,
}

/// A change of house.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Handover {
    pub date: Date,
    pub time: Time,
    pub place: String,
    pub from: Parent,
    pub to: Parent,
}

/// Nights per parent over a period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Share {
    pub a: u32,
    pub b: u32,
}

impl Share {
    pub fn total(self) -> u32 {
        self.a + self.b
    }

    pub fn of(self, parent: Parent) -> u32 {
        match parent {
            Parent::A => self.a,
            Parent::B => self.b,
        }
    }

    /// The parent's share in percent, one decimal.
    pub fn percent(self, parent: Parent) -> f64 {
        if self.total() == 0 {
            return 0.0;
        }
        (f64::from(self.of(parent)) * 1000.0 / f64::from(self.total())).round() / 10.0
    }
}

// ---- the school holiday data -------------------------------------------------------------

#[derive(Deserialize)]
struct HolidayFile {
    #[allow(dead_code)]
    source: String,
    holiday: Vec<HolidayEntry>,
}

#[derive(Deserialize)]
struct HolidayEntry {
    school_year: String,
    kind: SchoolHoliday,
    #[allow(dead_code)]
    basis: String,
    noord: [Date; 2],
    midden: [Date; 2],
    zuid: [Date; 2],
}

/// A school holiday of one region: first and last day, both included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HolidayPeriod {
    pub school_year: String,
    pub kind: SchoolHoliday,
    pub region: Region,
    pub first: Date,
    pub last: Date,
}

/// The shipped data file (`data/schoolvakanties.toml`).
pub const SCHOOL_HOLIDAYS_TOML: &str = include_str!("../data/schoolvakanties.toml");

static SCHOOL_HOLIDAYS: LazyLock<Vec<HolidayPeriod>> =
    LazyLock::new(|| parse_school_holidays(SCHOOL_HOLIDAYS_TOML).unwrap_or_default());

/// Parses a school holiday file (the shipped one is checked by the tests).
pub fn parse_school_holidays(text: &str) -> Result<Vec<HolidayPeriod>, String> {
    let file: HolidayFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for h in file.holiday {
        for (region, [first, last]) in [
            (Region::Noord, h.noord),
            (Region::Midden, h.midden),
            (Region::Zuid, h.zuid),
        ] {
            if last < first {
                return Err(format!(
                    "{} {:?} {region:?}: ends before it starts",
                    h.school_year, h.kind
                ));
            }
            out.push(HolidayPeriod {
                school_year: h.school_year.clone(),
                kind: h.kind,
                region,
                first,
                last,
            });
        }
    }
    Ok(out)
}

/// The school holidays of a region, from the shipped data.
pub fn school_holidays(region: Region) -> impl Iterator<Item = &'static HolidayPeriod> {
    SCHOOL_HOLIDAYS.iter().filter(move |h| h.region == region)
}

// ---- the calendar ------------------------------------------------------------------------

/// Easter Sunday of a year (Gregorian calendar; the anonymous algorithm of Meeus/Jones/Butcher).
pub fn easter(year: i16) -> Date {
    let y = i32::from(year);
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
    // Always March or April, day 1..=31: in range.
    Date::new(year, month as i8, day as i8).unwrap_or(Date::constant(2000, 4, 23))
}

fn add_days(d: Date, n: i64) -> Date {
    d.checked_add(n.days()).unwrap_or(d)
}

/// The nth (1-based) given weekday of a month.
fn nth_weekday(year: i16, month: i8, weekday: Weekday, n: i32) -> Date {
    let first = Date::new(year, month, 1).unwrap_or(Date::constant(2000, 1, 1));
    let offset = (i32::from(weekday.to_monday_zero_offset())
        - i32::from(first.weekday().to_monday_zero_offset()))
    .rem_euclid(7);
    add_days(first, i64::from(offset + 7 * (n - 1)))
}

/// Koningsdag: 27 April, or the 26th when the 27th is a Sunday.
pub fn koningsdag(year: i16) -> Date {
    let d = Date::new(year, 4, 27).unwrap_or(Date::constant(2000, 4, 27));
    if d.weekday() == Weekday::Sunday {
        add_days(d, -1)
    } else {
        d
    }
}

/// The days (first, last, both included) of an occasion in the year it starts in.
fn periods(occasion: &Occasion, region: Region, year: i16) -> Vec<(Date, Date)> {
    let ymd = |m: i8, d: i8| Date::new(year, m, d).ok();
    let one = |d: Date| vec![(d, d)];
    match occasion {
        Occasion::School { holiday } => school_holidays(region)
            .filter(|h| h.kind == *holiday && h.first.year() == year)
            .map(|h| (h.first, h.last))
            .collect(),
        Occasion::Public { holiday } => {
            let e = easter(year);
            match holiday {
                PublicHoliday::Pasen => vec![(e, add_days(e, 1))],
                PublicHoliday::Koningsdag => one(koningsdag(year)),
                PublicHoliday::Hemelvaart => one(add_days(e, 39)),
                PublicHoliday::Pinksteren => vec![(add_days(e, 49), add_days(e, 50))],
                PublicHoliday::Kerst => ymd(12, 25).zip(ymd(12, 26)).into_iter().collect(),
                PublicHoliday::OudEnNieuw => ymd(12, 31)
                    .map(|d| (d, add_days(d, 1)))
                    .into_iter()
                    .collect(),
            }
        }
        Occasion::MothersDay => one(nth_weekday(year, 5, Weekday::Sunday, 2)),
        Occasion::FathersDay => one(nth_weekday(year, 6, Weekday::Sunday, 3)),
        Occasion::Birthday { month, day, .. } => Date::new(year, *month, *day)
            .or_else(|_| Date::new(year, *month, day - 1))
            .ok()
            .map(|d| (d, d))
            .into_iter()
            .collect(),
    }
}

fn days_between(from: Date, to: Date) -> i64 {
    // `to` after `from` within a few centuries: always fits.
    from.until(to).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

impl Schedule {
    /// Checks the shape: 7 or 14 days, a Monday anchor, birthdays that are dates.
    pub fn validate(&self) -> Result<(), ScheduleError> {
        let n = self.pattern.days.len();
        if n != 7 && n != 14 {
            return Err(ScheduleError::PatternLength(n));
        }
        if self.pattern.anchor.weekday() != Weekday::Monday {
            return Err(ScheduleError::AnchorNotMonday(self.pattern.anchor));
        }
        for o in &self.overrides {
            if let Occasion::Birthday { month, day, .. } = o.occasion
                && Date::new(2024, month, day).is_err()
            {
                return Err(ScheduleError::Birthday { month, day });
            }
        }
        Ok(())
    }

    /// Who has the child on `date` under the base pattern alone.
    pub fn base(&self, date: Date) -> Parent {
        let days = &self.pattern.days;
        if days.is_empty() {
            return Parent::A;
        }
        let offset = days_between(self.pattern.anchor, date);
        let n = days.len() as i64;
        days[offset.rem_euclid(n) as usize]
    }

    /// Every day from `from` up to (not including) `to`, with its parent and why.
    pub fn days(&self, from: Date, to: Date) -> Vec<Day> {
        let mut out: BTreeMap<Date, Day> = BTreeMap::new();
        let mut d = from;
        while d < to {
            out.insert(
                d,
                Day {
                    date: d,
                    parent: self.base(d),
                    reason: Reason::Base,
                },
            );
            d = add_days(d, 1);
        }
        if out.is_empty() {
            return Vec::new();
        }
        let mut overrides: Vec<&Override> = self.overrides.iter().collect();
        // Stable: within a layer, a later override wins.
        overrides.sort_by_key(|o| o.occasion.layer());
        // A period that starts in the year before `from` can reach into it (Christmas).
        for o in overrides {
            for year in (from.year() - 1)..=to.year() {
                for (first, last) in periods(&o.occasion, self.region, year) {
                    let len = days_between(first, last) + 1;
                    let first_half = (len + 1) / 2;
                    let even = first.year() % 2 == 0;
                    for i in 0..len {
                        let date = add_days(first, i);
                        let Some(day) = out.get_mut(&date) else {
                            continue;
                        };
                        day.parent = match o.rule {
                            Rule::Fixed { parent } => parent,
                            Rule::AlternateYears { even_years } => {
                                if even {
                                    even_years
                                } else {
                                    even_years.other()
                                }
                            }
                            Rule::SplitHalves {
                                first_half_even_years,
                            } => {
                                let first_parent = if even {
                                    first_half_even_years
                                } else {
                                    first_half_even_years.other()
                                };
                                if i < first_half {
                                    first_parent
                                } else {
                                    first_parent.other()
                                }
                            }
                        };
                        day.reason = Reason::Occasion(o.occasion.clone());
                    }
                }
            }
        }
        out.into_values().collect()
    }

    /// Who has the child on `date` (and the night after).
    pub fn who(&self, date: Date) -> Parent {
        self.days(date, add_days(date, 1))
            .first()
            .map(|d| d.parent)
            .unwrap_or_else(|| self.base(date))
    }

    /// Nights per parent from `from` up to (not including) `to`.
    pub fn nights(&self, from: Date, to: Date) -> Share {
        let mut share = Share::default();
        for d in self.days(from, to) {
            match d.parent {
                Parent::A => share.a += 1,
                Parent::B => share.b += 1,
            }
        }
        share
    }

    /// Nights per parent over one calendar year.
    pub fn year_share(&self, year: i16) -> Share {
        let from = Date::new(year, 1, 1).unwrap_or(Date::constant(2000, 1, 1));
        self.nights(from, add_days(from, 366).first_of_year())
    }

    /// The days of one month, for the calendar preview.
    pub fn month(&self, year: i16, month: i8) -> Vec<Day> {
        let Ok(first) = Date::new(year, month, 1) else {
            return Vec::new();
        };
        self.days(first, add_days(first.last_of_month(), 1))
    }

    /// Every change of house from `from` up to `to`: on the day the child goes to the other
    /// parent, at the pattern's handover time and place.
    pub fn handovers(&self, from: Date, to: Date) -> Vec<Handover> {
        let days = self.days(add_days(from, -1), to);
        days.windows(2)
            .filter(|w| w[0].parent != w[1].parent)
            .map(|w| Handover {
                date: w[1].date,
                time: self.pattern.handover_time,
                place: self.pattern.handover_place.clone(),
                from: w[0].parent,
                to: w[1].parent,
            })
            .collect()
    }
}
