//! The next step the programme expects of a case, in a coordinator's words — "Plan de 2e
//! overdrachtsbegeleiding", "Wacht op de handtekening van Pieter de Boer" — for the header of
//! the case page. Derived from the case and its programme only (pure), in a fixed order: what
//! is overdue first (an outcome not recorded, a report not in), then what the stage and the
//! phase still need, then simply the next appointment.

use jiff::civil::Date;

use crate::case::{Case, CaseStatus, ReportState, Session, SessionState, intake_sessions_missing};
use crate::programme::{HeldCount, Programme, SessionKind};
use crate::text::{Lang, Text, long_date};

/// Where on the case page the step is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// The steps (intake, phase, closing).
    Steps,
    Plan,
    Sessions,
    Reports,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextStep {
    pub text: Text,
    pub section: Section,
}

fn step(nl: String, en: String, section: Section) -> Option<NextStep> {
    Some(NextStep {
        text: Text::new(nl, en),
        section,
    })
}

/// "de begeleide omgang", "het oudergesprek".
fn with_de_het(kind: SessionKind) -> String {
    let nl = kind.label().nl;
    let article = if nl.ends_with("gesprek") { "het" } else { "de" };
    format!("{article} {nl}")
}

/// "de 2e overdrachtsbegeleiding" / "the 2nd supervised handover".
fn nth(kind: SessionKind, n: u32) -> (String, String) {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    let nl = kind.label().nl;
    let article = if nl.ends_with("gesprek") { "het" } else { "de" };
    (
        format!("{article} {n}e {nl}"),
        format!("the {n}{suffix} {}", kind.label().en),
    )
}

fn on(d: Date) -> (String, String) {
    (long_date(d, Lang::Nl), long_date(d, Lang::En))
}

fn upcoming(case: &Case, today: Date) -> impl Iterator<Item = &Session> {
    case.sessions
        .iter()
        .filter(move |s| s.state == SessionState::Planned && s.date() >= today)
}

/// What the case needs next, or `None` once it is closed.
pub fn next_step(case: &Case, programme: &Programme, today: Date) -> Option<NextStep> {
    match case.status {
        CaseStatus::Closed => None,
        CaseStatus::Registered => step(
            "Neem de aanmelding in behandeling: start de intake.".into(),
            "Take the registration on: start the intake.".into(),
            Section::Steps,
        ),
        CaseStatus::Intake => {
            let missing = intake_sessions_missing(case, programme, today);
            match missing.first() {
                Some(need) => {
                    let what = need.text(case);
                    let planned = case
                        .sessions
                        .iter()
                        .find(|s| s.kind == need.kind && s.state == SessionState::Planned);
                    match planned {
                        Some(s) => {
                            let (nl, en) = on(s.date());
                            step(
                                format!("Houd {} op {nl} en leg de uitkomst vast.", what.nl),
                                format!("Hold {} on {en} and record the outcome.", what.en),
                                Section::Sessions,
                            )
                        }
                        None => step(
                            format!("Plan {}.", what.nl),
                            format!("Plan {}.", what.en),
                            Section::Sessions,
                        ),
                    }
                }
                None => step(
                    "Rond de intake af: past het gezin in het traject?".into(),
                    "Complete the intake: does the family fit the programme?".into(),
                    Section::Steps,
                ),
            }
        }
        CaseStatus::Plan => plan_step(case, programme),
        CaseStatus::Running | CaseStatus::FollowUp => overdue(case, programme, today)
            .or_else(|| phase_step(case, programme, today))
            .or_else(|| next_appointment(case, today))
            .or_else(|| {
                if case.status == CaseStatus::FollowUp {
                    step(
                        "Plan de terugkomafspraak, of sluit de nazorg af.".into(),
                        "Plan the follow-up appointment, or close the follow-up.".into(),
                        Section::Sessions,
                    )
                } else {
                    step(
                        "Plan de volgende afspraak, of rond het traject af.".into(),
                        "Plan the next appointment, or end the programme.".into(),
                        Section::Sessions,
                    )
                }
            }),
    }
}

fn plan_step(case: &Case, programme: &Programme) -> Option<NextStep> {
    let document = programme.plan.document.label();
    if case.current_plan().is_none() {
        return step(
            format!("Schrijf het {}.", document.nl),
            format!("Write the {}.", document.en),
            Section::Plan,
        );
    }
    let names: Vec<String> = case
        .unsigned_parents()
        .iter()
        .map(|p| p.name.clone())
        .collect();
    if names.is_empty() {
        return None;
    }
    let joined = |and: &str| match names.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
        [] => String::new(),
    };
    let plural = names.len() > 1;
    step(
        format!(
            "Wacht op de handtekening{} van {}.",
            if plural { "en" } else { "" },
            joined("en")
        ),
        format!(
            "Waiting for the signature{} of {}.",
            if plural { "s" } else { "" },
            joined("and")
        ),
        Section::Plan,
    )
}

/// An outcome not recorded after the day, or a visit's report not written, reviewed or shared.
fn overdue(case: &Case, programme: &Programme, today: Date) -> Option<NextStep> {
    if let Some(s) = case
        .sessions
        .iter()
        .filter(|s| s.state == SessionState::Planned && s.date() < today)
        .min_by_key(|s| s.starts_at)
    {
        let (nl, en) = on(s.date());
        return step(
            format!("Leg de uitkomst vast van {} van {nl}.", with_de_het(s.kind)),
            format!("Record the outcome of the {} of {en}.", s.kind.label().en),
            Section::Sessions,
        );
    }
    let needs_report =
        |s: &&Session| s.is_held() && programme.kind(s.kind).is_some_and(|k| k.needs_report);
    for s in case.sessions.iter().filter(needs_report) {
        let (nl, en) = on(s.date());
        let of = (
            format!("{} van {nl}", with_de_het(s.kind)),
            format!("the {} of {en}", s.kind.label().en),
        );
        let found = case.report_for(&s.id);
        let texts = match found {
            None => Some((
                format!("Wacht op het verslag van {}.", of.0),
                format!("Waiting for the report of {}.", of.1),
            )),
            Some(r) if r.awaits_review() => Some((
                format!("Beoordeel het verslag van {}.", of.0),
                format!("Review the report of {}.", of.1),
            )),
            Some(r) if r.state == ReportState::Draft => Some((
                format!("Wacht op het verslag van {} (concept).", of.0),
                format!("Waiting for the report of {} (draft).", of.1),
            )),
            Some(r) if r.state == ReportState::Approved => Some((
                format!("Deel het verslag van {} met de ouders.", of.0),
                format!("Share the report of {} with the parents.", of.1),
            )),
            Some(_) => None,
        };
        if let Some((nl, en)) = texts {
            return step(nl, en, Section::Reports);
        }
    }
    None
}

/// What the current phase still needs before it ends (seed 002: "maximaal vier maal
/// begeleide omgang, aansluitend twee maal overdrachtsbegeleiding"), or moving on.
fn phase_step(case: &Case, programme: &Programme, today: Date) -> Option<NextStep> {
    if case.status != CaseStatus::Running {
        return None;
    }
    let phase = programme.phase(case.phase.as_deref()?)?;
    let needs: Vec<&HeldCount> = phase
        .advance_after
        .iter()
        .chain(phase.required.iter())
        .collect();
    for need in &needs {
        let held = case.held(need.kind);
        if held >= need.count {
            continue;
        }
        if let Some(s) = upcoming(case, today)
            .filter(|s| s.kind == need.kind)
            .min_by_key(|s| s.starts_at)
        {
            let (nl_nth, en_nth) = nth(need.kind, held + 1);
            let (nl, en) = on(s.date());
            return step(
                format!("Volgende: {nl_nth} op {nl}."),
                format!("Next: {en_nth} on {en}."),
                Section::Sessions,
            );
        }
        let (nl_nth, en_nth) = nth(need.kind, held + 1);
        return step(
            format!("Plan {nl_nth}."),
            format!("Plan {en_nth}."),
            Section::Sessions,
        );
    }
    // Everything the phase asks was held; a phase without an automatic move waits for the
    // coordinator.
    if !needs.is_empty()
        && phase.advance_after.is_none()
        && let Some(next) = programme.next_phase(&phase.id)
    {
        return step(
            format!("Zet het traject door naar de fase {}.", next.name.nl),
            format!("Move the case on to the phase {}.", next.name.en),
            Section::Steps,
        );
    }
    None
}

fn next_appointment(case: &Case, today: Date) -> Option<NextStep> {
    let s = upcoming(case, today).min_by_key(|s| s.starts_at)?;
    let (nl, en) = on(s.date());
    step(
        format!("Volgende afspraak: {} op {nl}.", with_de_het(s.kind)),
        format!("Next appointment: the {} on {en}.", s.kind.label().en),
        Section::Sessions,
    )
}
