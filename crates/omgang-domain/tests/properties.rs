//! Property tests: random command sequences against every built-in programme.
//!
//! Commands come from a small alphabet that uses the case's real ids (two parents, a
//! guardian, a child, the sessions and reports the case has, plus a few ids it has not) and a clock that only moves
//! forward. Only accepted commands change the case. After every step the invariants
//! below must hold.

// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

mod common;

use std::collections::HashMap;

use common::*;
use omgang_domain::case::{
    CaseEvent, CaseStatus, Command, ConsentSubject, Escalation, Evaluation, EvaluationKind,
    NewSession, Outcome, Party, Place, ReportContent, ReportState, SessionOutcome, SignatureMethod,
    StaffFacts, amsterdam,
};
use omgang_domain::ids::{OrgId, PersonId, ReportId, SessionId, UserId};
use omgang_domain::programme::{EscalationTarget, LocationKind, SessionKind};
use omgang_domain::refusal::Refusal;
use omgang_domain::signals::{SIGNAL_WATCH_DAYS, case_signals, first_signal_day};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

#[derive(Clone, Debug)]
enum Op {
    Wait(u32),
    StartIntake,
    CompleteIntake(bool),
    WritePlan {
        max_months: Option<u32>,
        moment_days: Option<u8>,
    },
    Sign {
        parent: u8,
        back: u8,
    },
    AssignPartner(bool),
    AssignSupervisor(u8),
    Plan {
        session: u8,
        kind: u8,
        days_ahead: i8,
        hour: i8,
        minutes: u8,
        place: u8,
        staff: u8,
        guardian: bool,
    },
    Held {
        session: u8,
        jump: bool,
    },
    Cancel {
        session: u8,
        by: u8,
    },
    NoShow {
        session: u8,
        who: u8,
    },
    Consent {
        parent: u8,
        given: bool,
    },
    AdvancePhase,
    SaveReport {
        session: u8,
        report: u8,
        text: u8,
    },
    Approve(u8),
    Return(u8),
    Release(u8),
    Amend {
        report: u8,
        empty: bool,
    },
    Evaluate {
        agreement: bool,
        end: bool,
    },
    Escalate(u8),
    EndCase(u8),
    CloseFollowUp,
}

fn op() -> impl Strategy<Value = Op> {
    // Mostly valid parameters, sometimes not: the rules must hold either way.
    let minutes = prop_oneof![8 => 0u8..4, 1 => 4u8..8];
    let place = prop_oneof![8 => Just(0u8), 2 => 1u8..5];
    let staff = prop_oneof![8 => Just(0u8), 2 => 1u8..6];
    let kind = prop_oneof![4 => 200u8..202, 6 => 0u8..28, 1 => 28u8..40];
    let plan = (
        0u8..SESSIONS,
        kind,
        -3i8..14,
        8i8..20,
        minutes,
        place,
        staff,
        prop::bool::weighted(0.05),
    )
        .prop_map(
            |(session, kind, days_ahead, hour, minutes, place, staff, guardian)| Op::Plan {
                session,
                kind,
                days_ahead,
                hour,
                minutes,
                place,
                staff,
                guardian,
            },
        );
    prop_oneof![
        6 => (1u32..=96).prop_map(Op::Wait),
        1 => Just(Op::StartIntake),
        1 => prop::bool::weighted(0.85).prop_map(Op::CompleteIntake),
        1 => (prop::option::of(1u32..=12), prop::option::of(0u8..=120))
            .prop_map(|(max_months, moment_days)| Op::WritePlan { max_months, moment_days }),
        3 => (0u8..3, 0u8..2).prop_map(|(parent, back)| Op::Sign { parent, back }),
        1 => any::<bool>().prop_map(Op::AssignPartner),
        1 => (0u8..6).prop_map(Op::AssignSupervisor),
        16 => plan,
        12 => (0u8..SESSIONS, prop::bool::weighted(0.8))
            .prop_map(|(session, jump)| Op::Held { session, jump }),
        2 => (0u8..SESSIONS, 0u8..4).prop_map(|(session, by)| Op::Cancel { session, by }),
        1 => (0u8..SESSIONS, 0u8..4).prop_map(|(session, who)| Op::NoShow { session, who }),
        3 => (0u8..3, prop::bool::weighted(0.8))
            .prop_map(|(parent, given)| Op::Consent { parent, given }),
        1 => Just(Op::AdvancePhase),
        5 => (0u8..SESSIONS, 0u8..REPORTS, 0u8..3)
            .prop_map(|(session, report, text)| Op::SaveReport { session, report, text }),
        3 => (0u8..REPORTS).prop_map(Op::Approve),
        1 => (0u8..REPORTS).prop_map(Op::Return),
        3 => (0u8..REPORTS).prop_map(Op::Release),
        1 => (0u8..REPORTS, prop::bool::weighted(0.2))
            .prop_map(|(report, empty)| Op::Amend { report, empty }),
        1 => (any::<bool>(), prop::bool::weighted(0.3))
            .prop_map(|(agreement, end)| Op::Evaluate { agreement, end }),
        1 => (0u8..5).prop_map(Op::Escalate),
        1 => prop_oneof![4 => 0u8..2, 1 => 2u8..8].prop_map(Op::EndCase),
        1 => Just(Op::CloseFollowUp),
    ]
}

const SESSIONS: u8 = 16;
const REPORTS: u8 = 6;

fn session_id(i: u8) -> SessionId {
    SessionId::from(format!("s{}", i % SESSIONS).as_str())
}

fn report_id(i: u8) -> ReportId {
    ReportId::from(format!("r{}", i % REPORTS).as_str())
}

/// Mostly a session the case has (by position), else an id from the whole alphabet.
fn some_session(w: &World, i: u8) -> SessionId {
    let n = w.case.sessions.len();
    if n > 0 && !i.is_multiple_of(5) {
        w.case.sessions[usize::from(i) % n].id.clone()
    } else {
        session_id(i)
    }
}

/// Mostly a report the case has (by position), else an id from the whole alphabet.
fn some_report(w: &World, i: u8) -> ReportId {
    let n = w.case.reports.len();
    if n > 0 && !i.is_multiple_of(5) {
        w.case.reports[usize::from(i) % n].id.clone()
    } else {
        report_id(i)
    }
}

fn parent(i: u8) -> PersonId {
    PersonId::from([RESIDENT, VISITING, GUARDIAN][usize::from(i % 3)])
}

fn party(i: u8) -> Party {
    match i % 4 {
        0 => Party::Organisation,
        n => Party::Person(parent(n - 1)),
    }
}

/// 0: the case's default supervisor; 1: another professional; 2: a good volunteer;
/// 3: a volunteer without VOG; 4: a volunteer without training; 5: nobody named.
fn staff(w: &World, i: u8) -> Option<StaffFacts> {
    match i % 6 {
        0 => Some(default_supervisor(&w.programme)),
        1 => Some(professional(OTHER_SUPERVISOR, "Otto Ander")),
        2 => Some(good_volunteer(SUPERVISOR)),
        3 => Some(volunteer(
            SUPERVISOR,
            None,
            Some(jiff::civil::date(2025, 1, 1)),
        )),
        4 => Some(volunteer(
            SUPERVISOR,
            Some(jiff::civil::date(2025, 1, 1)),
            None,
        )),
        _ => None,
    }
}

fn place(i: u8) -> Place {
    match i % 6 {
        0 | 5 => omgangshuis(),
        1 => playground(),
        2 => parent_home(Some(VISITING)),
        3 => parent_home(None),
        _ => Place {
            kind: LocationKind::OtherLocation,
            location_id: None,
            room_id: None,
            description: Some("Bibliotheek".to_owned()),
            home_of: None,
        },
    }
}

fn kind(w: &World, i: u8) -> SessionKind {
    let own = &w.programme.session_kinds;
    match i {
        200 if w.programme.kind(SessionKind::SupervisedVisit).is_some() => {
            SessionKind::SupervisedVisit
        }
        201 if w.programme.kind(SessionKind::SupervisedHandover).is_some() => {
            SessionKind::SupervisedHandover
        }
        0..28 | 200.. => own[usize::from(i) % own.len()].kind,
        _ => SessionKind::ALL[usize::from(i) % SessionKind::ALL.len()],
    }
}

fn outcome(i: u8) -> Outcome {
    match i % 8 {
        0 | 7 => Outcome::Ouderschapsplan,
        1 => Outcome::UnsupervisedContact,
        2 => Outcome::FollowUpHelp {
            handed_to: "Sociaal Team".to_owned(),
        },
        3 => Outcome::FollowUpHelp {
            handed_to: String::new(),
        },
        4 => Outcome::StoppedEarly {
            reason: "Ouders stoppen.".to_owned(),
        },
        5 => Outcome::Reported {
            to: EscalationTarget::VeiligThuis,
        },
        _ => Outcome::NotEligible {
            reason: String::new(),
        },
    }
}

fn escalation_target(i: u8) -> EscalationTarget {
    [
        EscalationTarget::Jeugdteam,
        EscalationTarget::VeiligThuis,
        EscalationTarget::Court,
        EscalationTarget::CertifiedInstitution,
    ][usize::from(i % 4)]
}

/// Turns an op into a command for the current case (and sets the staff facts and clock
/// the command needs). `None` for a plain wait.
// One arm per op: a table of the model's moves, read best in one place.
#[allow(clippy::too_many_lines)]
fn command(w: &mut World, op: &Op) -> Option<Command> {
    let cmd = match op {
        Op::Wait(hours) => {
            w.advance_hours(i64::from(*hours));
            return None;
        }
        Op::StartIntake => Command::StartIntake,
        Op::CompleteIntake(eligible) => Command::CompleteIntake {
            eligible: *eligible,
            notes: "Intake gedaan.".to_owned(),
            reason: (!eligible).then(|| "Niet geschikt.".to_owned()),
        },
        Op::WritePlan {
            max_months,
            moment_days,
        } => {
            let mut content = plan_content();
            content.max_duration_months = *max_months;
            content.evaluation_moments = moment_days
                .map(|d| {
                    w.today()
                        .checked_add(jiff::Span::new().days(i64::from(d)))
                        .unwrap()
                })
                .into_iter()
                .collect();
            Command::WritePlan { content }
        }
        Op::Sign { parent: p, back } => {
            let current = w.case.current_plan().map_or(1, |p| p.version);
            Command::SignPlan {
                version: current.saturating_sub(u32::from(*back)).max(1),
                parent: parent(*p),
                method: if *back == 0 {
                    SignatureMethod::Portal
                } else {
                    SignatureMethod::Paper
                },
                signed_on: None,
            }
        }
        Op::AssignPartner(some) => Command::AssignPartner {
            organisation: some.then(|| OrgId::from(PARTNER)),
        },
        Op::AssignSupervisor(i) => {
            w.staff = staff(w, *i);
            let user = w
                .staff
                .as_ref()
                .map_or(UserId::from("u-ghost"), |s| s.id.clone());
            Command::AssignSupervisor { user, reason: None }
        }
        Op::Plan {
            session,
            kind: k,
            days_ahead,
            hour,
            minutes,
            place: pl,
            staff: st,
            guardian,
        } => {
            let kind = kind(w, *k);
            w.staff = staff(w, *st);
            let starts_at = w
                .today()
                .checked_add(jiff::Span::new().days(i64::from(*days_ahead)))
                .unwrap()
                .at(*hour, 0, 0, 0);
            let mut new: NewSession = w.session(session_id(*session).as_str(), kind, starts_at);
            new.minutes = [30, 60, 90, 120, 121, 480, 0, 45][usize::from(*minutes % 8)];
            new.place = place(*pl);
            if new.supervisor.is_some() {
                new.supervisor = w.staff.as_ref().map(|s| s.id.clone());
            }
            if *guardian {
                new.participants.push(PersonId::from(GUARDIAN));
            }
            Command::PlanSession(new)
        }
        Op::Held { session, jump } => {
            let id = some_session(w, *session);
            if *jump && let Some(s) = w.case.session(&id) {
                let end = amsterdam().to_timestamp(s.ends_at()).unwrap();
                if end > w.now {
                    w.set_now(end);
                }
            }
            Command::RecordOutcome {
                session: id,
                outcome: SessionOutcome::Held {
                    notes: "Gehouden.".to_owned(),
                    attended: Vec::new(),
                },
            }
        }
        Op::Cancel { session, by } => Command::RecordOutcome {
            session: some_session(w, *session),
            outcome: SessionOutcome::Cancelled {
                by: party(*by),
                reason: "Ziek.".to_owned(),
            },
        },
        Op::NoShow { session, who } => {
            let id = some_session(w, *session);
            if let Some(s) = w.case.session(&id) {
                let start = amsterdam().to_timestamp(s.starts_at).unwrap();
                if start > w.now {
                    w.set_now(start);
                }
            }
            Command::RecordOutcome {
                session: id,
                outcome: SessionOutcome::NoShow {
                    who: party(*who),
                    notes: String::new(),
                },
            }
        }
        Op::Consent { parent: p, given } => Command::RecordConsent {
            parent: parent(*p),
            subject: ConsentSubject::VisitOutsideHouse,
            given: *given,
            on: w.today(),
            note: String::new(),
        },
        Op::AdvancePhase => Command::AdvancePhase,
        Op::SaveReport {
            session,
            report,
            text,
        } => Command::SaveReport {
            report: if report.is_multiple_of(4) {
                report_id(*report)
            } else {
                // One report id per session, so drafts are saved again and again.
                ReportId::from(format!("r-{}", some_session(w, *session)).as_str())
            },
            session: some_session(w, *session),
            content: report_content(
                ["Kort.", "Lang verslag.", "Derde versie."][usize::from(*text % 3)],
            ),
        },
        Op::Approve(r) => Command::ApproveReport {
            report: some_report(w, *r),
        },
        Op::Return(r) => Command::ReturnReport {
            report: some_report(w, *r),
            reason: "Niet neutraal genoeg.".into(),
        },
        Op::Release(r) => Command::ReleaseReport {
            report: some_report(w, *r),
        },
        Op::Amend { report, empty } => Command::AmendReport {
            report: some_report(w, *report),
            text: if *empty { " " } else { "Aanvulling." }.to_owned(),
        },
        Op::Evaluate { agreement, end } => Command::RecordEvaluation(Evaluation {
            kind: if *end {
                EvaluationKind::End
            } else {
                EvaluationKind::Interim
            },
            on: w.today(),
            summary: "Evaluatie.".to_owned(),
            agreement_reached: *agreement,
            next_steps: String::new(),
        }),
        Op::Escalate(t) => Command::RecordEscalation(Escalation {
            to: escalation_target(*t),
            on: w.today(),
            reason: "Zorgen.".to_owned(),
        }),
        Op::EndCase(o) => Command::EndCase {
            outcome: outcome(*o),
            summary: "Einde.".to_owned(),
        },
        Op::CloseFollowUp => Command::CloseFollowUp {
            summary: "Nazorg klaar.".to_owned(),
        },
    };
    Some(cmd)
}

fn status_rank(s: CaseStatus) -> u8 {
    match s {
        CaseStatus::Registered => 0,
        CaseStatus::Intake => 1,
        CaseStatus::Plan => 2,
        CaseStatus::Running => 3,
        CaseStatus::FollowUp => 4,
        CaseStatus::Closed => 5,
    }
}

/// What the checker remembers between steps.
#[derive(Default)]
struct Tracker {
    /// Per planned session: was the current plan signed by every parent when it was planned?
    signed_when_planned: HashMap<SessionId, bool>,
    /// Content of each report at the moment it was released.
    released: HashMap<ReportId, ReportContent>,
    closed: Option<omgang_domain::case::Case>,
    last_rank: u8,
    /// A coordinator moved the phase on by hand at some point.
    manual_move: bool,
}

// Every invariant of the model in one list, checked after each step.
#[allow(clippy::too_many_lines)]
fn check(w: &World, t: &mut Tracker) -> Result<(), TestCaseError> {
    let case = &w.case;
    let p = &w.programme;
    // Folding all recorded events from scratch gives the same case.
    prop_assert_eq!(&w.rebuild(), case, "fold differs from incremental state");
    // Phase iff running, and a real phase of the programme.
    prop_assert_eq!(case.phase.is_some(), case.status == CaseStatus::Running);
    if let Some(phase) = &case.phase {
        prop_assert!(p.phase(phase).is_some(), "unknown phase {}", phase);
    }
    if case.status == CaseStatus::Running {
        prop_assert!(case.running_since.is_some());
    }
    // Without manual moves the phase is exactly where the held sessions put it: every
    // earlier phase's threshold was reached, the current one's not yet.
    if let Some(phase) = case.phase.as_deref()
        && !t.manual_move
    {
        let index = p.phases.iter().position(|x| x.id == phase).unwrap();
        for earlier in &p.phases[..index] {
            let rule = earlier.advance_after.as_ref();
            prop_assert!(
                rule.is_some_and(|a| case.held(a.kind) >= a.count),
                "in {} without reaching the end of {}",
                phase,
                earlier.id
            );
        }
        if let Some(a) = &p.phases[index].advance_after {
            prop_assert!(
                case.held(a.kind) < a.count,
                "{} held {:?} but still in {}",
                case.held(a.kind),
                a.kind,
                phase
            );
        }
    }
    // The status only moves forward.
    let rank = status_rank(case.status);
    prop_assert!(rank >= t.last_rank, "status went back to {:?}", case.status);
    t.last_rank = rank;
    // Counts never exceed a maximum.
    for rule in &p.session_kinds {
        if let Some(max) = rule.max_count {
            prop_assert!(
                case.counted(rule.kind) <= max,
                "{:?}: {} > {}",
                rule.kind,
                case.counted(rule.kind),
                max
            );
        }
    }
    // Session ids are unique; kinds belong to the programme.
    for (i, s) in case.sessions.iter().enumerate() {
        prop_assert!(case.sessions[..i].iter().all(|o| o.id != s.id));
        prop_assert!(p.kind(s.kind).is_some());
        // No supervised contact planned or held without a plan signed by both parents
        // at the time it was planned.
        if s.kind.is_supervised_contact() && s.counts() {
            prop_assert_eq!(
                t.signed_when_planned.get(&s.id).copied(),
                Some(true),
                "{} planned while the plan was unsigned",
                s.id.as_str()
            );
        }
        if s.kind.is_supervised_contact() {
            prop_assert!(s.minutes >= 1 && s.minutes <= 120);
        }
    }
    // Reports: one per held session of a kind that needs one; released ones never change.
    for (i, r) in case.reports.iter().enumerate() {
        prop_assert!(
            case.reports[..i]
                .iter()
                .all(|o| o.id != r.id && o.session != r.session)
        );
        let s = case.session(&r.session);
        prop_assert!(
            s.is_some_and(|s| s.is_held()),
            "report of an unheld session"
        );
        prop_assert!(s.is_some_and(|s| p.kind(s.kind).is_some_and(|k| k.needs_report)));
        match t.released.get(&r.id) {
            Some(content) => {
                prop_assert_eq!(r.state, ReportState::Released);
                prop_assert_eq!(&r.content, content, "a released report changed");
                prop_assert!(r.released_at.is_some());
            }
            None if r.state == ReportState::Released => {
                t.released.insert(r.id.clone(), r.content.clone());
            }
            None => {}
        }
    }
    // Signatures: only parents, once each per version.
    for plan in &case.plans {
        for (i, s) in plan.signatures.iter().enumerate() {
            prop_assert!(case.person(&s.parent).is_some_and(|x| x.role.is_parent()));
            prop_assert!(plan.signatures[..i].iter().all(|o| o.parent != s.parent));
            prop_assert_eq!(&s.content_hash, &plan.content_hash);
        }
    }
    // A closed case never changes again and has no signals.
    if let Some(closed) = &t.closed {
        prop_assert_eq!(case, closed, "a closed case changed");
    }
    if case.status == CaseStatus::Closed {
        t.closed.get_or_insert_with(|| case.clone());
        prop_assert!(case_signals(case, p, w.today()).is_empty());
    }
    // Signals never panic, today or far ahead. And the day the store keeps beside the case
    // ("no signal before") never hides one: any day with a signal is on or after it.
    let watch = first_signal_day(case, p, w.today());
    for d in [
        0,
        1,
        6,
        7,
        13,
        14,
        29,
        30,
        45,
        90,
        200,
        i64::from(SIGNAL_WATCH_DAYS),
        500,
    ] {
        let day = w.today().checked_add(jiff::Span::new().days(d)).unwrap();
        if !case_signals(case, p, day).is_empty() {
            prop_assert!(
                watch.is_some_and(|first| first <= day),
                "a signal on {} before the watch day {:?}",
                day,
                watch
            );
        }
    }
    if let Some(first) = watch {
        prop_assert!(first >= w.today());
        prop_assert!(
            first == w.today() + jiff::Span::new().days(SIGNAL_WATCH_DAYS)
                || !case_signals(case, p, first).is_empty()
        );
    }
    Ok(())
}

fn prefix(w: &mut World, depth: u8) {
    if depth >= 1 {
        w.start_intake();
    }
    if depth >= 2 {
        w.advance_days(1);
        w.complete_intake();
        w.write_plan();
    }
    if depth >= 3 {
        w.sign(1, RESIDENT);
        w.sign(1, VISITING);
        if !w.programme.partners.is_empty() {
            w.ok(Command::AssignPartner {
                organisation: Some(OrgId::from(PARTNER)),
            });
        }
    }
}

fn run_sequence(programme_id: &str, depth: u8, ops: &[Op]) -> Result<(), TestCaseError> {
    let mut w = World::new(programme_id);
    let mut t = Tracker::default();
    // The prefix goes through the same checks.
    let mut staged = World::new(programme_id);
    prefix(&mut staged, depth);
    for rec in staged.log.iter().skip(1) {
        w.now = rec.at;
        let before = w.case.plan_signed_by_all();
        let mut c = w.case.clone();
        omgang_domain::case::apply_by(&mut c, &rec.event, rec.at, &rec.actor);
        if let CaseEvent::SessionPlanned(s) = &rec.event {
            t.signed_when_planned.insert(s.id.clone(), before);
        }
        w.case = c;
        w.log.push(rec.clone());
    }
    w.now = staged.now;
    check(&w, &mut t)?;
    for op in ops {
        let Some(cmd) = command(&mut w, op) else {
            check(&w, &mut t)?;
            continue;
        };
        let signed_before = w.case.plan_signed_by_all();
        let is_manual_move = matches!(cmd, Command::AdvancePhase);
        let was_closed = w.case.status == CaseStatus::Closed;
        match w.run(cmd) {
            Ok(events) => {
                prop_assert!(!was_closed, "a closed case accepted a command");
                if is_manual_move {
                    t.manual_move = true;
                }
                prop_assert!(!events.is_empty());
                for e in &events {
                    match e {
                        CaseEvent::SessionPlanned(s) => {
                            t.signed_when_planned.insert(s.id.clone(), signed_before);
                        }
                        CaseEvent::SessionHeld { session, .. } => {
                            let s = w.case.session(session).unwrap();
                            let start = amsterdam().to_timestamp(s.starts_at).unwrap();
                            prop_assert!(start <= w.now, "held before it started");
                        }
                        CaseEvent::Registered(_) => {
                            prop_assert!(false, "decide made a second registration");
                        }
                        _ => {}
                    }
                }
            }
            Err(refusal) => {
                if was_closed {
                    prop_assert_eq!(&refusal, &Refusal::CaseClosed);
                }
                assert_sensible(&refusal);
            }
        }
        check(&w, &mut t)?;
    }
    // Time only moved forward in the log.
    for pair in w.log.windows(2) {
        prop_assert!(pair[0].at <= pair[1].at);
    }
    Ok(())
}

fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(64)
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn de_ronde_venen_keeps_its_invariants(
        depth in 0u8..4,
        ops in prop::collection::vec(op(), 1..80),
    ) {
        run_sequence(DRV, depth, &ops)?;
    }

    #[test]
    fn intensieve_omgangsbegeleiding_keeps_its_invariants(
        depth in 0u8..4,
        ops in prop::collection::vec(op(), 1..80),
    ) {
        run_sequence(IOB, depth, &ops)?;
    }

    #[test]
    fn ouderschap_blijft_keeps_its_invariants(
        depth in 0u8..4,
        ops in prop::collection::vec(op(), 1..80),
    ) {
        run_sequence(OB, depth, &ops)?;
    }

    #[test]
    fn omgangshuis_keeps_its_invariants(
        depth in 0u8..4,
        ops in prop::collection::vec(op(), 1..80),
    ) {
        run_sequence(OH, depth, &ops)?;
    }

    #[test]
    fn begeleide_omgangsregeling_keeps_its_invariants(
        depth in 0u8..4,
        ops in prop::collection::vec(op(), 1..80),
    ) {
        run_sequence(BOR, depth, &ops)?;
    }
}

/// The generator reaches the interesting states: a sanity check that the properties above
/// are not only exercised on cases stuck at registration.
#[test]
fn the_generator_reaches_running_cases_with_held_visits_and_released_reports() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = prop::collection::vec(op(), 60..80);
    let mut held_visits = 0;
    let mut released = 0;
    let mut follow_up = 0;
    let mut moved = 0;
    for id in ALL {
        for _ in 0..40 {
            let ops = strategy.new_tree(&mut runner).unwrap().current();
            let mut w = World::new(id);
            prefix(&mut w, 3);
            for op in &ops {
                if let Some(cmd) = command(&mut w, op) {
                    let _ = w.run(cmd);
                }
            }
            held_visits += w
                .case
                .sessions
                .iter()
                .filter(|s| s.kind.is_supervised_contact() && s.is_held())
                .count();
            released += w
                .case
                .reports
                .iter()
                .filter(|r| r.state == ReportState::Released)
                .count();
            if w.case.follow_up_since.is_some() {
                follow_up += 1;
            }
            if w.log
                .iter()
                .any(|r| matches!(r.event, CaseEvent::PhaseAdvanced { .. }))
            {
                moved += 1;
            }
        }
    }
    assert!(held_visits > 20, "held visits: {held_visits}");
    assert!(released > 0, "released reports: {released}");
    assert!(follow_up > 0, "cases in follow-up: {follow_up}");
    assert!(moved > 0, "cases that changed phase: {moved}");
}
