//! Anonymised figures for funders and for an organisation's own overview: per programme and
//! quarter of registration, counts and medians — never a person. A cell that rests on fewer
//! than [`MIN_CASES`] cases is suppressed, so no family can be recognised from it.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::case::{Case, Party, SessionState};

/// Cells resting on fewer cases than this are not shown.
pub const MIN_CASES: u32 = 5;

/// A number that may be suppressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", content = "value", rename_all = "snake_case")]
pub enum Cell {
    Shown(u32),
    /// Fewer than [`MIN_CASES`] cases (but more than none).
    Suppressed,
}

impl Cell {
    fn count(value: u32, cases: u32) -> Cell {
        if cases > 0 && cases < MIN_CASES {
            Cell::Suppressed
        } else {
            Cell::Shown(value)
        }
    }

    /// A median of `values` (days), or suppressed when it rests on too few cases; `None` when
    /// there are none.
    fn median(mut values: Vec<u32>) -> Option<Cell> {
        if values.is_empty() {
            return None;
        }
        let n = u32::try_from(values.len()).unwrap_or(u32::MAX);
        if n < MIN_CASES {
            return Some(Cell::Suppressed);
        }
        values.sort_unstable();
        Some(Cell::Shown(values[values.len() / 2]))
    }

    pub fn value(self) -> Option<u32> {
        match self {
            Cell::Shown(v) => Some(v),
            Cell::Suppressed => None,
        }
    }
}

/// The figures of one group of cases (a programme in a quarter, a programme in the year, or
/// every programme).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    /// The programme id, or `None` for every programme together.
    pub programme: Option<String>,
    /// 1–4, or `None` for the whole year.
    pub quarter: Option<u8>,
    pub registrations: Cell,
    /// Median days from registration to the start of the intake.
    pub days_to_intake: Option<Cell>,
    /// Median days from the start of the intake to the first visit held.
    pub days_to_first_visit: Option<Cell>,
    /// Median days from registration to closing, of the closed cases.
    pub duration_days: Option<Cell>,
    pub sessions_held: Cell,
    pub cancelled_by_parent: Cell,
    pub cancelled_by_organisation: Cell,
    pub no_shows: Cell,
    /// Outcome kind (`ouderschapsplan`, `stopped_early`, …) → cases.
    pub outcomes: BTreeMap<String, Cell>,
}

/// The quarter (1–4) of a date.
pub fn quarter(d: Date) -> u8 {
    u8::try_from((d.month() - 1) / 3 + 1).unwrap_or(1)
}

fn days(from: Date, to: Date) -> u32 {
    from.until(to)
        .ok()
        .and_then(|s| u32::try_from(s.get_days()).ok())
        .unwrap_or(0)
}

/// The outcome of a case as a machine name.
pub fn outcome_kind(case: &Case) -> Option<String> {
    use crate::Vocabulary;
    case.outcome.as_ref().map(|o| o.kind().key().to_owned())
}

fn group(cases: &[&Case], programme: Option<String>, quarter: Option<u8>) -> Group {
    let n = u32::try_from(cases.len()).unwrap_or(u32::MAX);
    let mut to_intake = Vec::new();
    let mut to_visit = Vec::new();
    let mut duration = Vec::new();
    let (mut held, mut by_parent, mut by_org, mut no_show) = (0u32, 0u32, 0u32, 0u32);
    let mut outcomes: BTreeMap<String, u32> = BTreeMap::new();
    for case in cases {
        if let Some(intake) = case.intake_started_on {
            to_intake.push(days(case.registered_on, intake));
            let first_visit = case
                .sessions
                .iter()
                .filter(|s| s.kind.is_visit() && s.is_held())
                .map(|s| s.date())
                .min();
            if let Some(v) = first_visit {
                to_visit.push(days(intake, v));
            }
        }
        if let Some(closed) = case.closed_on {
            duration.push(days(case.registered_on, closed));
        }
        for s in &case.sessions {
            match &s.state {
                SessionState::Held { .. } => held += 1,
                SessionState::Cancelled {
                    by: Party::Person(_),
                    ..
                } => by_parent += 1,
                SessionState::Cancelled {
                    by: Party::Organisation,
                    ..
                } => by_org += 1,
                SessionState::NoShow { .. } => no_show += 1,
                SessionState::Planned => {}
            }
        }
        if let Some(kind) = outcome_kind(case) {
            *outcomes.entry(kind).or_default() += 1;
        }
    }
    Group {
        programme,
        quarter,
        registrations: Cell::count(n, n),
        days_to_intake: Cell::median(to_intake),
        days_to_first_visit: Cell::median(to_visit),
        duration_days: Cell::median(duration),
        sessions_held: Cell::count(held, n),
        cancelled_by_parent: Cell::count(by_parent, n),
        cancelled_by_organisation: Cell::count(by_org, n),
        no_shows: Cell::count(no_show, n),
        outcomes: outcomes
            .into_iter()
            .map(|(k, v)| (k, Cell::count(v, v)))
            .collect(),
    }
}

/// The figures of the cases registered in `year`: per programme per quarter, per programme
/// for the year, and for every programme together per quarter and for the year.
pub fn figures<C: std::borrow::Borrow<Case>>(cases: &[C], year: i16) -> Vec<Group> {
    let in_year: Vec<&Case> = cases
        .iter()
        .map(|c| c.borrow())
        .filter(|c| c.registered_on.year() == year)
        .collect();
    let mut programmes: Vec<String> = in_year.iter().map(|c| c.programme.clone()).collect();
    programmes.sort();
    programmes.dedup();
    let mut out = Vec::new();
    let scopes: Vec<Option<String>> = programmes
        .into_iter()
        .map(Some)
        .chain(std::iter::once(None))
        .collect();
    for programme in scopes {
        let of_programme: Vec<&Case> = in_year
            .iter()
            .copied()
            .filter(|c| programme.as_ref().is_none_or(|p| &c.programme == p))
            .collect();
        for q in 1..=4u8 {
            let of_quarter: Vec<&Case> = of_programme
                .iter()
                .copied()
                .filter(|c| quarter(c.registered_on) == q)
                .collect();
            out.push(group(&of_quarter, programme.clone(), Some(q)));
        }
        out.push(group(&of_programme, programme, None));
    }
    out
}
