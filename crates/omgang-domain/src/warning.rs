//! Warnings: a step the rules allow, but that goes past something the programme expects.
//!
//! A refusal says "this may not"; a warning says "this is unusual — are you sure?". The
//! coordinator decides: a step with warnings is taken only when every warning is
//! confirmed (`Confirmation::codes`), with a reason where the warning asks for one, and
//! the confirmation is recorded as an event ([`crate::case::CaseEvent::WarningsConfirmed`]).
//! The domain computes its own warnings purely ([`command_warnings`]); the shell adds
//! warnings from facts it reads from storage (a room already booked) through
//! [`crate::case::Ctx::shell_warnings`], so there is one list and one confirmation.

use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Serialize};

use crate::case::{
    Case, CaseStatus, Command, ReportState, Session, SessionState, add_months, age_on,
};
use crate::programme::{Programme, SessionKind};
use crate::refusal::{dutch_date, english_date};
use crate::text::Text;

/// The stable name of a warning (the API's `confirm` list holds these).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// A session after the maximum duration of the programme (or the plan).
    BeyondMaxDuration,
    /// More sessions of a kind than the programme's "about N".
    BeyondTargetCount,
    /// A child just above a soft age limit ("tot ongeveer 12 jaar").
    ChildAboveAge,
    /// Two sessions of the same kind in a row where the programme alternates kinds.
    CadenceSameKind,
    /// Two sessions of the rhythm in one week (one interval) where one is expected.
    CadenceSamePeriod,
    /// The coordinator moves on while the phase's required sessions were not held.
    PhaseSessionsMissing,
    /// The case ends while held sessions have no released report.
    ReportsNotReleased,
    /// The room is already booked then (read from the agenda by the shell).
    RoomBooked,
    /// Outside the supervisor's weekly availability.
    OutsideAvailability,
    /// Parents who must not meet would meet at a location without a margin.
    ParentsWouldMeet,
    /// A visit or handover in the children's school hours (read from the case by the shell).
    DuringSchoolHours,
}

impl WarningCode {
    pub const ALL: [WarningCode; 11] = [
        WarningCode::BeyondMaxDuration,
        WarningCode::BeyondTargetCount,
        WarningCode::ChildAboveAge,
        WarningCode::CadenceSameKind,
        WarningCode::CadenceSamePeriod,
        WarningCode::PhaseSessionsMissing,
        WarningCode::ReportsNotReleased,
        WarningCode::RoomBooked,
        WarningCode::OutsideAvailability,
        WarningCode::ParentsWouldMeet,
        WarningCode::DuringSchoolHours,
    ];

    /// The snake_case name, as in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::BeyondMaxDuration => "beyond_max_duration",
            WarningCode::BeyondTargetCount => "beyond_target_count",
            WarningCode::ChildAboveAge => "child_above_age",
            WarningCode::CadenceSameKind => "cadence_same_kind",
            WarningCode::CadenceSamePeriod => "cadence_same_period",
            WarningCode::PhaseSessionsMissing => "phase_sessions_missing",
            WarningCode::ReportsNotReleased => "reports_not_released",
            WarningCode::RoomBooked => "room_booked",
            WarningCode::OutsideAvailability => "outside_availability",
            WarningCode::ParentsWouldMeet => "parents_would_meet",
            WarningCode::DuringSchoolHours => "during_school_hours",
        }
    }

    pub fn parse(s: &str) -> Option<WarningCode> {
        WarningCode::ALL
            .into_iter()
            .find(|c| c.as_str() == s.trim())
    }
}

/// One warning: its code, the explanation in both languages, and whether confirming it
/// needs a reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub code: WarningCode,
    pub text: Text,
    pub needs_reason: bool,
}

impl Warning {
    pub fn new(code: WarningCode, text: Text, needs_reason: bool) -> Warning {
        Warning {
            code,
            text,
            needs_reason,
        }
    }
}

/// What the user confirmed with the command: the codes of the warnings they accept, and
/// why (where a warning asks for a reason).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmation {
    pub codes: Vec<WarningCode>,
    pub reason: Option<String>,
}

impl Confirmation {
    pub fn reason(&self) -> Option<&str> {
        self.reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
    }

    /// The warnings not yet confirmed (empty: go ahead).
    pub fn unconfirmed(&self, warnings: &[Warning]) -> Vec<Warning> {
        warnings
            .iter()
            .filter(|w| !self.codes.contains(&w.code))
            .cloned()
            .collect()
    }

    /// The confirmed warnings that ask for a reason, when no reason was given.
    pub fn reasons_missing(&self, warnings: &[Warning]) -> Vec<Warning> {
        if self.reason().is_some() {
            return Vec::new();
        }
        warnings
            .iter()
            .filter(|w| w.needs_reason)
            .cloned()
            .collect()
    }
}

/// The domain's own warnings for `command` on `case` (the shell adds its own).
pub fn command_warnings(
    case: &Case,
    programme: &Programme,
    today: Date,
    command: &Command,
) -> Vec<Warning> {
    match command {
        Command::PlanSession(new) => plan_warnings(case, programme, new.kind, new.starts_at),
        Command::CompleteIntake { eligible: true, .. } => intake_warnings(case, programme, today),
        Command::AdvancePhase => advance_warnings(case, programme),
        Command::EndCase { .. } => end_warnings(case, programme),
        _ => Vec::new(),
    }
}

/// The end of the maximum duration: the intake date plus the plan's maximum (a plan may
/// shorten the programme's, never stretch it) or the programme's.
pub fn max_duration_end(case: &Case, programme: &Programme) -> Option<(u32, Date)> {
    let plan_max = case
        .current_plan()
        .and_then(|p| p.content.max_duration_months);
    let months = match (plan_max, programme.duration.max_months) {
        (Some(plan), Some(programme_max)) => Some(plan.min(programme_max)),
        (plan, programme_max) => plan.or(programme_max),
    }?;
    let start = case.started_on()?;
    Some((months, add_months(start, months)))
}

/// Warnings before a session of `kind` at `starts_at` is planned.
pub fn plan_warnings(
    case: &Case,
    programme: &Programme,
    kind: SessionKind,
    starts_at: DateTime,
) -> Vec<Warning> {
    let mut out = Vec::new();
    let label = kind.label();
    let date = starts_at.date();
    // After the maximum duration: the end evaluation itself may close it off.
    if matches!(
        case.status,
        CaseStatus::Intake | CaseStatus::Plan | CaseStatus::Running
    ) && kind != SessionKind::EndEvaluation
        && let Some((months, end)) = max_duration_end(case, programme)
        && date > end
    {
        out.push(Warning::new(
            WarningCode::BeyondMaxDuration,
            Text::new(
                format!(
                    "Deze {} valt na de maximale duur van {months} maanden (tot {}). Plan alleen toch met een reden; die wordt vastgelegd.",
                    label.nl,
                    dutch_date(end)
                ),
                format!(
                    "This {} falls after the maximum duration of {months} months (until {}). Plan it anyway only with a reason; it is recorded.",
                    label.en,
                    english_date(end)
                ),
            ),
            true,
        ));
    }
    // More than "about N" (a hard maximum equal to the target refuses instead).
    if let Some(rule) = programme.kind(kind)
        && let Some(target) = rule.target_count
        && rule.max_count.is_none_or(|max| max > target)
    {
        let next = case.counted(kind) + 1;
        if next > target {
            out.push(Warning::new(
                WarningCode::BeyondTargetCount,
                Text::new(
                    format!(
                        "Dit wordt {} nummer {next}; het traject gaat uit van ongeveer {target}.",
                        label.nl
                    ),
                    format!(
                        "This would be {} number {next}; the programme expects about {target}.",
                        label.en
                    ),
                ),
                false,
            ));
        }
    }
    out.extend(cadence_warnings(case, programme, kind, starts_at));
    out
}

/// The period (week, for an interval of 7 days) a date falls in, counted from a Monday.
fn period(date: Date, interval_days: u32) -> i64 {
    let monday = jiff::civil::date(2024, 1, 1);
    let days = i64::from(date.since(monday).map(|s| s.get_days()).unwrap_or(0));
    days.div_euclid(i64::from(interval_days.max(1)))
}

/// Two dates in the same period of the rhythm.
pub fn same_period(a: Date, b: Date, interval_days: u32) -> bool {
    period(a, interval_days) == period(b, interval_days)
}

/// The sessions of the programme's rhythm that count (planned or held), by start.
pub fn rhythm_sessions<'a>(case: &'a Case, programme: &Programme) -> Vec<&'a Session> {
    let Some(cadence) = &programme.cadence else {
        return Vec::new();
    };
    let mut sessions: Vec<&Session> = case
        .sessions
        .iter()
        .filter(|s| cadence.alternate.contains(&s.kind) && s.counts())
        .collect();
    sessions.sort_by_key(|s| s.starts_at);
    sessions
}

fn period_words(interval_days: u32) -> (String, String) {
    if interval_days == 7 {
        ("week".into(), "week".into())
    } else {
        (
            format!("periode van {interval_days} dagen"),
            format!("period of {interval_days} days"),
        )
    }
}

fn rhythm_words(programme: &Programme) -> (String, String) {
    let kinds = programme
        .cadence
        .as_ref()
        .map(|c| c.alternate.clone())
        .unwrap_or_default();
    let nl: Vec<String> = kinds.iter().map(|k| k.label().nl).collect();
    let en: Vec<String> = kinds.iter().map(|k| k.label().en).collect();
    (nl.join(" en "), en.join(" and "))
}

/// Where the programme alternates kinds (seed 000: one week ONS, the other a visit; seed
/// 001: "meestal om en om"): a second session of the rhythm in one period, or the same
/// kind twice in a row.
fn cadence_warnings(
    case: &Case,
    programme: &Programme,
    kind: SessionKind,
    starts_at: DateTime,
) -> Vec<Warning> {
    let mut out = Vec::new();
    let Some(cadence) = &programme.cadence else {
        return out;
    };
    if case.status != CaseStatus::Running || !cadence.alternate.contains(&kind) {
        return out;
    }
    let sessions = rhythm_sessions(case, programme);
    let (rhythm_nl, rhythm_en) = rhythm_words(programme);
    let (period_nl, period_en) = period_words(cadence.interval_days);
    let here = period(starts_at.date(), cadence.interval_days);
    if let Some(same) = sessions
        .iter()
        .find(|s| period(s.date(), cadence.interval_days) == here)
    {
        out.push(Warning::new(
            WarningCode::CadenceSamePeriod,
            Text::new(
                format!(
                    "In deze {period_nl} is er al een {} ({}); dit traject wisselt per {period_nl} af: {rhythm_nl}.",
                    same.kind.label().nl,
                    dutch_date(same.date())
                ),
                format!(
                    "This {period_en} already has {} ({}); this programme alternates by {period_en}: {rhythm_en}.",
                    with_article(&same.kind.label().en),
                    english_date(same.date())
                ),
            ),
            false,
        ));
    }
    let before = sessions.iter().rev().find(|s| s.starts_at < starts_at);
    let after = sessions.iter().find(|s| s.starts_at > starts_at);
    let same_kind = [before, after]
        .into_iter()
        .flatten()
        .find(|s| s.kind == kind);
    if let Some(neighbour) = same_kind {
        out.push(Warning::new(
            WarningCode::CadenceSameKind,
            Text::new(
                format!(
                    "Er staat al een {} vlak {} ({}), zonder andere afspraak ertussen; dit traject wisselt af: {rhythm_nl}.",
                    kind.label().nl,
                    if neighbour.starts_at < starts_at { "hiervoor" } else { "hierna" },
                    dutch_date(neighbour.date())
                ),
                format!(
                    "There is already {} right {} ({}), with nothing in between; this programme alternates: {rhythm_en}.",
                    with_article(&kind.label().en),
                    if neighbour.starts_at < starts_at { "before" } else { "after" },
                    english_date(neighbour.date())
                ),
            ),
            false,
        ));
    }
    out
}

/// "an ONS conversation", "a supervised visit".
pub fn with_article(noun: &str) -> String {
    let vowel = noun
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    let acronym = noun.starts_with("ONS");
    if vowel || acronym {
        format!("an {noun}")
    } else {
        format!("a {noun}")
    }
}

/// A child above the programme's maximum age, but within its soft margin.
pub fn intake_warnings(case: &Case, programme: &Programme, today: Date) -> Vec<Warning> {
    let e = &programme.eligibility;
    if e.child_age_soft_above == 0 {
        return Vec::new();
    }
    case.children
        .iter()
        .filter_map(|child| {
            let age = age_on(child.birth_date, today);
            (age > i32::from(e.child_age_max)
                && age <= i32::from(e.child_age_max) + i32::from(e.child_age_soft_above))
            .then(|| {
                Warning::new(
                    WarningCode::ChildAboveAge,
                    Text::new(
                        format!(
                            "{} is {age}; {} is voor kinderen tot ongeveer {} jaar. Neem het kind alleen op met een reden; die wordt vastgelegd.",
                            child.name,
                            programme.name.nl,
                            e.child_age_max
                        ),
                        format!(
                            "{} is {age}; {} is for children up to about {}. Admit the child only with a reason; it is recorded.",
                            child.name,
                            programme.name.en,
                            e.child_age_max
                        ),
                    ),
                    true,
                )
            })
        })
        .collect()
}

/// Moving on by hand while the phase's required sessions were not all held.
pub fn advance_warnings(case: &Case, programme: &Programme) -> Vec<Warning> {
    let Some(phase) = case.phase.as_deref().and_then(|p| programme.phase(p)) else {
        return Vec::new();
    };
    phase
        .required
        .iter()
        .filter(|req| case.held(req.kind) < req.count)
        .map(|req| {
            let held = case.held(req.kind);
            Warning::new(
                WarningCode::PhaseSessionsMissing,
                Text::new(
                    format!(
                        "De fase {} vraagt {} keer {}; er {} er {held} gehouden. Sla dit alleen over met een reden; die wordt vastgelegd.",
                        phase.name.nl,
                        req.count,
                        req.kind.label().nl,
                        if held == 1 { "is" } else { "zijn" }
                    ),
                    format!(
                        "The phase {} asks for {} {}; {held} held. Skip this only with a reason; it is recorded.",
                        phase.name.en,
                        req.count,
                        req.kind.label().en
                    ),
                ),
                true,
            )
        })
        .collect()
}

/// Ending while held sessions that need a report have none released.
pub fn end_warnings(case: &Case, programme: &Programme) -> Vec<Warning> {
    let missing: Vec<&Session> = case
        .sessions
        .iter()
        .filter(|s| matches!(s.state, SessionState::Held { .. }))
        .filter(|s| programme.kind(s.kind).is_some_and(|k| k.needs_report))
        .filter(|s| {
            case.report_for(&s.id)
                .is_none_or(|r| r.state != ReportState::Released)
        })
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    let dates_nl: Vec<String> = missing
        .iter()
        .map(|s| format!("{} van {}", s.kind.label().nl, dutch_date(s.date())))
        .collect();
    let dates_en: Vec<String> = missing
        .iter()
        .map(|s| format!("{} on {}", s.kind.label().en, english_date(s.date())))
        .collect();
    vec![Warning::new(
        WarningCode::ReportsNotReleased,
        Text::new(
            format!(
                "Van deze gehouden afspraken is geen verslag vrijgegeven: {}. Sluit alleen af met een reden; die wordt vastgelegd.",
                dates_nl.join(", ")
            ),
            format!(
                "These held sessions have no released report: {}. Close only with a reason; it is recorded.",
                dates_en.join(", ")
            ),
        ),
        true,
    )]
}
