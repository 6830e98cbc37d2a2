//! What is late or due, for a case or a staff member, on a given date.
//!
//! One function per signal of docs/domain.md's list, each with the programme's own numbers.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::case::{
    Case, CaseStatus, Party, SessionState, StaffFacts, add_days, add_months, sub_days,
};
use crate::ids::{CaseId, UserId};
use crate::programme::{Programme, SessionKind};
use crate::refusal::{dutch_date, english_date};
use crate::text::Text;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    RegistrationWaiting,
    FirstVisitLate,
    PlanNotSigned,
    MaxDurationNear,
    NoAgreementReportDue,
    EvaluationDue,
    FollowUpAppointmentDue,
    FollowUpEnds,
    ReportNotWritten,
    OutcomeNotRecorded,
    RepeatedCancellations,
    VogExpiring,
    TrainingMissing,
    /// Planned sessions at the home of a parent whose address has since become secret.
    SessionAtSecretHome,
    /// Sessions planned past the maximum duration, or more of a kind than "about N".
    BeyondLimit,
    /// A programme with a week rhythm whose case left it (a gap, or the same kind twice).
    OffRhythm,
}

/// Late: the deadline has passed. Due: it is coming, act now.
impl SignalKind {
    /// What kind of signal it is, for filters and lists.
    pub fn label(self) -> Text {
        let (nl, en) = match self {
            SignalKind::RegistrationWaiting => (
                "aanmelding wacht op intake",
                "registration waiting for intake",
            ),
            SignalKind::FirstVisitLate => ("eerste omgang laat", "first visit late"),
            SignalKind::PlanNotSigned => ("plan niet ondertekend", "plan not signed"),
            SignalKind::MaxDurationNear => ("maximale duur in zicht", "maximum duration near"),
            SignalKind::NoAgreementReportDue => {
                ("geen overeenstemming: melden", "no agreement: report due")
            }
            SignalKind::EvaluationDue => ("evaluatiemoment", "evaluation due"),
            SignalKind::FollowUpAppointmentDue => ("terugkomafspraak", "follow-up appointment due"),
            SignalKind::FollowUpEnds => ("nazorg loopt af", "follow-up ends"),
            SignalKind::ReportNotWritten => ("verslag niet geschreven", "report not written"),
            SignalKind::OutcomeNotRecorded => ("uitkomst niet vastgelegd", "outcome not recorded"),
            SignalKind::RepeatedCancellations => ("herhaald afgezegd", "repeated cancellations"),
            SignalKind::VogExpiring => ("VOG verloopt", "VOG expiring"),
            SignalKind::TrainingMissing => ("training ontbreekt", "training missing"),
            SignalKind::SessionAtSecretHome => {
                ("afspraak op geheim adres", "session at a secret address")
            }
            SignalKind::BeyondLimit => ("voorbij een grens", "beyond a limit"),
            SignalKind::OffRhythm => ("uit het ritme", "off the rhythm"),
        };
        Text::new(nl, en)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Late,
    Due,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signal {
    pub kind: SignalKind,
    pub urgency: Urgency,
    /// The deadline (late since, or due on).
    pub due_on: Date,
    pub case: Option<CaseId>,
    pub case_reference: Option<String>,
    /// The staff member a staff signal is about.
    pub user: Option<UserId>,
    pub text: Text,
}

/// Most urgent first: late before due, earliest deadline first.
pub fn sort(signals: &mut [Signal]) {
    signals.sort_by_key(|a| (a.urgency, a.due_on, a.kind));
}

fn days_between(from: Date, to: Date) -> i64 {
    to.since(from).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

/// Every signal of one case on `today`.
pub fn case_signals(case: &Case, programme: &Programme, today: Date) -> Vec<Signal> {
    let mut out = Vec::new();
    if case.status == CaseStatus::Closed {
        return out;
    }
    let mut push = |kind, urgency, due_on, text| {
        out.push(Signal {
            kind,
            urgency,
            due_on,
            case: Some(case.id.clone()),
            case_reference: Some(case.reference.clone()),
            user: None,
            text,
        })
    };
    let late_or_due = |due: Date| {
        if today > due {
            Urgency::Late
        } else {
            Urgency::Due
        }
    };
    let d = &programme.deadlines;
    let active = matches!(
        case.status,
        CaseStatus::Intake | CaseStatus::Plan | CaseStatus::Running
    );

    // A parent's address became secret after sessions were planned at their home: the other
    // parent would go there. Every such session is named; the coordinator moves or cancels it.
    let at_secret_home: Vec<&crate::case::Session> = case
        .sessions
        .iter()
        .filter(|s| matches!(s.state, SessionState::Planned))
        .filter(|s| {
            s.place.home_of.as_ref().is_some_and(|host| {
                case.person(host).is_some_and(|p| p.secret_address)
                    && case
                        .people
                        .iter()
                        .any(|o| o.role.is_parent() && &o.id != host)
            })
        })
        .collect();
    if let Some(first) = at_secret_home.iter().map(|s| s.starts_at.date()).min() {
        let list = |lang_nl: bool| {
            at_secret_home
                .iter()
                .map(|s| {
                    let when = if lang_nl {
                        dutch_date(s.starts_at.date())
                    } else {
                        english_date(s.starts_at.date())
                    };
                    format!("{when} {}", s.starts_at.time().strftime("%H:%M"))
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        push(
            SignalKind::SessionAtSecretHome,
            Urgency::Late,
            first,
            Text::new(
                format!(
                    "Afspraken bij een ouder thuis van wie het adres nu geheim is; verplaats of annuleer ze: {}.",
                    list(true)
                ),
                format!(
                    "Sessions at the home of a parent whose address is now secret; move or cancel them: {}.",
                    list(false)
                ),
            ),
        );
    }

    // A registration not picked up; waiting time growing.
    if case.status == CaseStatus::Registered {
        let due = add_days(case.registered_on, d.registration_pickup_days);
        let waiting = days_between(case.registered_on, today);
        push(
            SignalKind::RegistrationWaiting,
            late_or_due(due),
            due,
            Text::new(
                format!(
                    "Aanmelding wacht al {waiting} dagen op intake (termijn {} dagen).",
                    d.registration_pickup_days
                ),
                format!(
                    "Registration waiting {waiting} days for intake (limit {} days).",
                    d.registration_pickup_days
                ),
            ),
        );
    }

    // No first visit within N days of the intake.
    if let (Some(days), Some(start)) = (d.first_visit_within_days_of_intake, case.intake_started_on)
        && active
        && !case
            .sessions
            .iter()
            .any(|s| s.kind.is_visit() && s.is_held())
    {
        let due = add_days(start, days);
        if today >= sub_days(due, 7) {
            push(
                SignalKind::FirstVisitLate,
                late_or_due(due),
                due,
                Text::new(
                    format!(
                        "Nog geen eerste omgang; die moet binnen {days} dagen na de intake ({}).",
                        dutch_date(due)
                    ),
                    format!(
                        "No first visit yet; it is due within {days} days of the intake ({}).",
                        english_date(due)
                    ),
                ),
            );
        }
    }

    // The plan not signed by both parents.
    if let Some(plan) = case.current_plan()
        && !case.plan_signed_by_all()
    {
        let written = crate::case::amsterdam().to_datetime(plan.created_at).date();
        let due = add_days(written, programme.plan.sign_within_days);
        let missing: Vec<String> = case
            .unsigned_parents()
            .iter()
            .map(|p| p.name.clone())
            .collect();
        push(
            SignalKind::PlanNotSigned,
            late_or_due(due),
            due,
            Text::new(
                format!(
                    "Versie {} van het {} is nog niet ondertekend door {}.",
                    plan.version,
                    programme.plan.document.label().nl,
                    missing.join(", ")
                ),
                format!(
                    "Version {} of the {} is not yet signed by {}.",
                    plan.version,
                    programme.plan.document.label().en,
                    missing.join(", ")
                ),
            ),
        );
    }

    // The maximum duration coming close.
    // A plan may shorten the programme's maximum, never stretch it.
    let plan_max = case
        .current_plan()
        .and_then(|p| p.content.max_duration_months);
    let max_months = match (plan_max, programme.duration.max_months) {
        (Some(plan), Some(programme_max)) => Some(plan.min(programme_max)),
        (plan, programme_max) => plan.or(programme_max),
    };
    if let (Some(months), Some(start)) = (max_months, case.started_on())
        && active
    {
        let end = add_months(start, months);
        let warn_from = sub_days(end, programme.duration.warn_days_before_max);
        if today >= warn_from {
            let (nl, en) = if today > end {
                (
                    format!(
                        "De maximale duur van {months} maanden is voorbij sinds {}.",
                        dutch_date(end)
                    ),
                    format!(
                        "The maximum duration of {months} months passed on {}.",
                        english_date(end)
                    ),
                )
            } else {
                (
                    format!(
                        "De maximale duur van {months} maanden is bereikt op {}.",
                        dutch_date(end)
                    ),
                    format!(
                        "The maximum duration of {months} months is reached on {}.",
                        english_date(end)
                    ),
                )
            };
            push(
                SignalKind::MaxDurationNear,
                late_or_due(end),
                end,
                Text::new(nl, en),
            );
        }
    }

    // No agreement after N months: a report to the Jeugdteam / Veilig Thuis is due.
    if let (Some(months), Some(start), Some(rule)) = (
        d.no_agreement_report_after_months,
        case.started_on(),
        programme.escalation.as_ref(),
    ) && active
        && !case.agreement_reached()
        && !case
            .escalations
            .iter()
            .any(|e| rule.no_agreement_report_to.contains(&e.to))
    {
        let due = add_months(start, months);
        if today >= sub_days(due, 30) {
            let to_nl: Vec<String> = rule
                .no_agreement_report_to
                .iter()
                .map(|t| t.label().nl)
                .collect();
            let to_en: Vec<String> = rule
                .no_agreement_report_to
                .iter()
                .map(|t| t.label().en)
                .collect();
            push(
                SignalKind::NoAgreementReportDue,
                if today >= due {
                    Urgency::Late
                } else {
                    Urgency::Due
                },
                due,
                Text::new(
                    format!(
                        "Geen overeenstemming {months} maanden na de start ({}): melding aan {} is nodig.",
                        dutch_date(due),
                        to_nl.join(" en/of ")
                    ),
                    format!(
                        "No agreement {months} months after the start ({}): a report to {} is due.",
                        english_date(due),
                        to_en.join(" and/or ")
                    ),
                ),
            );
        }
    }

    // An evaluation moment due.
    if matches!(case.status, CaseStatus::Running | CaseStatus::FollowUp)
        && let Some(plan) = case.current_plan()
    {
        for moment in &plan.content.evaluation_moments {
            let window_start = sub_days(*moment, d.evaluation_warn_days);
            let done = case.evaluations.iter().any(|e| e.on >= window_start);
            if !done && today >= window_start {
                push(
                    SignalKind::EvaluationDue,
                    late_or_due(*moment),
                    *moment,
                    Text::new(
                        format!("Evaluatiemoment op {}.", dutch_date(*moment)),
                        format!("Evaluation moment on {}.", english_date(*moment)),
                    ),
                );
            }
        }
    }

    // Follow-up appointments due, and the end of the follow-up period.
    if case.status == CaseStatus::FollowUp
        && let (Some(rule), Some(since)) = (&programme.follow_up, case.follow_up_since)
    {
        let held = case.held(SessionKind::FollowUpAppointment);
        let planned = case.sessions.iter().any(|s| {
            s.kind == SessionKind::FollowUpAppointment && s.state == SessionState::Planned
        });
        if held < rule.return_appointments && !planned {
            let next = held + 1;
            let due = add_days(
                since,
                (rule.months * 30 * next) / rule.return_appointments.max(1),
            );
            if today >= sub_days(due, 14) {
                push(
                    SignalKind::FollowUpAppointmentDue,
                    late_or_due(due),
                    due,
                    Text::new(
                        format!(
                            "Terugkomafspraak {next} van {} plannen (uiterlijk {}).",
                            rule.return_appointments,
                            dutch_date(due)
                        ),
                        format!(
                            "Plan follow-up appointment {next} of {} (by {}).",
                            rule.return_appointments,
                            english_date(due)
                        ),
                    ),
                );
            }
        }
        let end = add_months(since, rule.months);
        if today >= end {
            push(
                SignalKind::FollowUpEnds,
                Urgency::Late,
                end,
                Text::new(
                    format!(
                        "De nazorgperiode is geëindigd op {}; sluit het dossier af.",
                        dutch_date(end)
                    ),
                    format!(
                        "The follow-up period ended on {}; close the case.",
                        english_date(end)
                    ),
                ),
            );
        }
    }

    // A visit report not written soon after the visit; an outcome not recorded.
    for session in &case.sessions {
        let date = session.date();
        let needs_report = programme.kind(session.kind).is_some_and(|k| k.needs_report);
        if needs_report && session.is_held() && case.report_for(&session.id).is_none() {
            let due = add_days(date, d.report_within_days_of_visit);
            push(
                SignalKind::ReportNotWritten,
                late_or_due(due),
                due,
                Text::new(
                    format!(
                        "Verslag van de {} van {} is nog niet geschreven.",
                        session.kind.label().nl,
                        dutch_date(date)
                    ),
                    format!(
                        "Report of the {} on {} is not written yet.",
                        session.kind.label().en,
                        english_date(date)
                    ),
                ),
            );
        }
        if session.state == SessionState::Planned && date < today {
            push(
                SignalKind::OutcomeNotRecorded,
                Urgency::Late,
                add_days(date, 1),
                Text::new(
                    format!(
                        "Leg vast hoe de {} van {} is verlopen.",
                        session.kind.label().nl,
                        dutch_date(date)
                    ),
                    format!(
                        "Record the outcome of the {} on {}.",
                        session.kind.label().en,
                        english_date(date)
                    ),
                ),
            );
        }
    }

    // Planned past the limits the coordinator confirmed: still visible until it is over.
    if active {
        let mut items: Vec<(Date, Text)> = Vec::new();
        if let Some((months, end)) = crate::warning::max_duration_end(case, programme) {
            for s in case.sessions.iter().filter(|s| {
                s.state == SessionState::Planned
                    && s.kind != SessionKind::EndEvaluation
                    && s.date() > end
            }) {
                items.push((
                    s.date(),
                    Text::new(
                        format!(
                            "{} op {} valt na de maximale duur van {months} maanden",
                            crate::case::capitalised(&s.kind.label().nl),
                            dutch_date(s.date())
                        ),
                        format!(
                            "{} on {} falls after the maximum duration of {months} months",
                            crate::case::capitalised(&s.kind.label().en),
                            english_date(s.date())
                        ),
                    ),
                ));
            }
        }
        for rule in &programme.session_kinds {
            if let Some(target) = rule.target_count {
                let counted = case.counted(rule.kind);
                let planned_beyond = case
                    .sessions
                    .iter()
                    .any(|s| s.kind == rule.kind && s.state == SessionState::Planned);
                if counted > target && planned_beyond {
                    items.push((
                        today,
                        Text::new(
                            format!(
                                "{counted} keer {} gepland of gehouden, ongeveer {target} verwacht",
                                rule.kind.label().nl
                            ),
                            format!(
                                "{counted} {} planned or held, about {target} expected",
                                rule.kind.label().en
                            ),
                        ),
                    ));
                }
            }
        }
        if let Some(first) = items.iter().map(|(d, _)| *d).min() {
            let nl: Vec<String> = items.iter().map(|(_, t)| t.nl.clone()).collect();
            let en: Vec<String> = items.iter().map(|(_, t)| t.en.clone()).collect();
            push(
                SignalKind::BeyondLimit,
                Urgency::Due,
                first,
                Text::new(
                    format!("Voorbij een grens van het traject: {}.", nl.join("; ")),
                    format!("Past a limit of the programme: {}.", en.join("; ")),
                ),
            );
        }
    }

    // A week rhythm left: nothing of the rhythm for two periods, or lately the same kind
    // twice in a row or two in one period.
    if case.status == CaseStatus::Running
        && let Some(cadence) = &programme.cadence
    {
        let rhythm = crate::warning::rhythm_sessions(case, programme);
        let interval = cadence.interval_days.max(1);
        let recent_from = sub_days(today, interval * 2);
        let mut why: Option<(Date, Text)> = None;
        if let Some(last) = rhythm.last()
            && add_days(last.date(), interval * 2) < today
        {
            why = Some((
                add_days(last.date(), interval * 2),
                Text::new(
                    format!(
                        "Sinds {} staat er niets in het ritme van het traject; plan de volgende afspraak.",
                        dutch_date(last.date())
                    ),
                    format!(
                        "Nothing in the programme's rhythm since {}; plan the next session.",
                        english_date(last.date())
                    ),
                ),
            ));
        }
        if why.is_none() {
            for pair in rhythm.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                if b.date() < recent_from {
                    continue;
                }
                let same_period = crate::warning::same_period(a.date(), b.date(), interval);
                if a.kind == b.kind || same_period {
                    why = Some((
                        b.date(),
                        Text::new(
                            format!(
                                "Het ritme is losgelaten: {} op {} en {} op {}.",
                                a.kind.label().nl,
                                dutch_date(a.date()),
                                b.kind.label().nl,
                                dutch_date(b.date())
                            ),
                            format!(
                                "The rhythm was left: {} on {} and {} on {}.",
                                a.kind.label().en,
                                english_date(a.date()),
                                b.kind.label().en,
                                english_date(b.date())
                            ),
                        ),
                    ));
                    break;
                }
            }
        }
        if let Some((due, text)) = why {
            push(SignalKind::OffRhythm, Urgency::Due, due, text);
        }
    }

    // Repeated cancellations or no-shows by one party.
    let mut by_party: Vec<(&Party, u32, Date)> = Vec::new();
    for s in &case.sessions {
        let party = match &s.state {
            SessionState::Cancelled { by, .. } => by,
            SessionState::NoShow { who, .. } => who,
            _ => continue,
        };
        if matches!(party, Party::Organisation) {
            continue;
        }
        match by_party.iter_mut().find(|(p, _, _)| *p == party) {
            Some(entry) => {
                entry.1 += 1;
                entry.2 = entry.2.max(s.date());
            }
            None => by_party.push((party, 1, s.date())),
        }
    }
    for (party, count, last) in by_party {
        if count >= d.repeated_cancellations {
            let name = match party {
                Party::Person(p) => case.person_name(p),
                Party::Organisation => String::new(),
            };
            push(
                SignalKind::RepeatedCancellations,
                Urgency::Due,
                last,
                Text::new(
                    format!("{name} heeft {count} keer afgezegd of is niet gekomen."),
                    format!("{name} cancelled or did not show up {count} times."),
                ),
            );
        }
    }
    sort(&mut out);
    out
}

/// How many days ahead [`first_signal_day`] looks. A case quiet for longer is looked at again
/// when this horizon has passed.
pub const SIGNAL_WATCH_DAYS: i32 = 400;

/// The first day from `from` on which the case has a signal: until then an organisation's
/// signals need not read it (the store keeps this day beside the case, written with each
/// change). `None` for a closed case: it never has one. A case without a signal within
/// [`SIGNAL_WATCH_DAYS`] gets the last day of that horizon, so it is looked at again then.
///
/// Exact by construction: it asks [`case_signals`] itself, day by day, instead of repeating
/// each rule's thresholds here, which would be a second copy of every rule to keep in step.
/// A day without a signal costs little (nothing is formatted), and this runs once per change.
pub fn first_signal_day(case: &Case, programme: &Programme, from: Date) -> Option<Date> {
    if case.status == CaseStatus::Closed {
        return None;
    }
    let mut day = from;
    for _ in 0..SIGNAL_WATCH_DAYS {
        if !case_signals(case, programme, day).is_empty() {
            return Some(day);
        }
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => return Some(day),
        }
    }
    Some(day)
}

/// A volunteer's VOG or training running out.
pub fn staff_signals(
    staff: &StaffFacts,
    vog_valid_months: u32,
    warn_days: u32,
    today: Date,
) -> Vec<Signal> {
    let mut out = Vec::new();
    if !staff.is_volunteer {
        return out;
    }
    let signal = |kind, urgency, due_on, text| Signal {
        kind,
        urgency,
        due_on,
        case: None,
        case_reference: None,
        user: Some(staff.id.clone()),
        text,
    };
    match staff.vog_issued_on {
        None => out.push(signal(
            SignalKind::VogExpiring,
            Urgency::Late,
            today,
            Text::new(
                format!("{} heeft geen VOG.", staff.name),
                format!("{} has no VOG.", staff.name),
            ),
        )),
        Some(issued) if issued > today => out.push(signal(
            SignalKind::VogExpiring,
            Urgency::Late,
            issued,
            Text::new(
                format!(
                    "De VOG van {} is pas geldig vanaf {}.",
                    staff.name,
                    dutch_date(issued)
                ),
                format!(
                    "{}'s VOG is only valid from {}.",
                    staff.name,
                    english_date(issued)
                ),
            ),
        )),
        Some(issued) => {
            let expires = add_months(issued, vog_valid_months);
            let warn_from = sub_days(expires, warn_days);
            if today >= warn_from {
                let urgency = if today >= expires {
                    Urgency::Late
                } else {
                    Urgency::Due
                };
                out.push(signal(
                    SignalKind::VogExpiring,
                    urgency,
                    expires,
                    Text::new(
                        format!(
                            "De VOG van {} verloopt op {}.",
                            staff.name,
                            dutch_date(expires)
                        ),
                        format!("{}'s VOG expires on {}.", staff.name, english_date(expires)),
                    ),
                ));
            }
        }
    }
    if staff.training_completed_on.is_none_or(|d| d > today) {
        out.push(signal(
            SignalKind::TrainingMissing,
            Urgency::Late,
            today,
            Text::new(
                format!(
                    "{} heeft de vrijwilligerstraining nog niet afgerond.",
                    staff.name
                ),
                format!("{} has not completed the volunteer training.", staff.name),
            ),
        ));
    }
    out
}
