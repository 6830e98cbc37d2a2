//! Issue 12: every seed sentence that became a rule — enforced, warned about when
//! planning (with a confirmation, and a reason where the rule asks one), or signalled.
// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

mod common;

use common::*;
use jiff::civil::date;
use omgang_domain::case::{
    CaseEvent, CaseStatus, Command, Place, ReportContent, SessionOutcome, SignatureMethod,
    intake_sessions_missing, plannable_kinds,
};
use omgang_domain::ids::{PersonId, SessionId};
use omgang_domain::programme::{LocationKind, SessionKind};
use omgang_domain::refusal::Refusal;
use omgang_domain::signals::{SignalKind, case_signals};
use omgang_domain::text::Lang;
use omgang_domain::warning::WarningCode;

fn codes(r: &Refusal) -> Vec<WarningCode> {
    match r {
        Refusal::ConfirmationNeeded { warnings }
        | Refusal::ConfirmationReasonRequired { warnings } => {
            warnings.iter().map(|w| w.code).collect()
        }
        other => panic!("expected a confirmation, got {other:?}"),
    }
}

fn confirmed(events: &[CaseEvent]) -> (Vec<WarningCode>, Option<String>) {
    events
        .iter()
        .find_map(|e| match e {
            CaseEvent::WarningsConfirmed {
                warnings, reason, ..
            } => Some((warnings.iter().map(|w| w.code).collect(), reason.clone())),
            _ => None,
        })
        .expect("a WarningsConfirmed event")
}

fn at(place: LocationKind) -> Place {
    Place {
        kind: place,
        location_id: None,
        room_id: None,
        description: Some("Kantoor Sociaal Team, Mijdrecht".to_owned()),
        home_of: None,
    }
}

// ---- point 5: no silent way past a limit ------------------------------------------------

/// Seed 004: "een voorstel voor drie omgangsmomenten" — a fourth is planned only when the
/// coordinator confirms it; the timeline records it.
#[test]
fn beyond_the_target_count_is_a_warning_to_confirm() {
    let mut w = World::new(BOR);
    w.walk_to_running();
    for i in 0..3 {
        w.plan_and_hold(&format!("v{i}"), SessionKind::SupervisedVisit);
    }
    let new = w.session("v3", SessionKind::SupervisedVisit, w.slot(7));
    let r = w.refused(Command::PlanSession(new.clone()));
    assert_eq!(codes(&r), vec![WarningCode::BeyondTargetCount]);
    assert!(
        r.message(Lang::Nl).contains("ongeveer 3"),
        "{}",
        r.message(Lang::Nl)
    );
    assert!(r.message(Lang::En).contains("about 3"));
    w.confirming(&[WarningCode::BeyondTargetCount], None);
    let events = w.plan(new);
    assert_eq!(confirmed(&events).0, vec![WarningCode::BeyondTargetCount]);
    assert!(matches!(events[1], CaseEvent::SessionPlanned(_)));
    w.assert_rebuilds();
}

/// Seed 000: "Dit traject duurt maximaal 6 maanden": a session after it needs a reason.
#[test]
fn after_the_maximum_duration_needs_a_reason_and_is_signalled() {
    let mut w = World::new(BOR);
    w.walk_to_running();
    let late = w.session("late", SessionKind::SupervisedVisit, w.slot(200));
    let r = w.refused(Command::PlanSession(late.clone()));
    assert!(codes(&r).contains(&WarningCode::BeyondMaxDuration), "{r:?}");
    w.confirming(
        &[
            WarningCode::BeyondMaxDuration,
            WarningCode::BeyondTargetCount,
        ],
        None,
    );
    let r = w.refused(Command::PlanSession(late.clone()));
    assert!(
        matches!(r, Refusal::ConfirmationReasonRequired { .. }),
        "{r:?}"
    );
    w.confirming(
        &[WarningCode::BeyondMaxDuration],
        Some("Rechter vraagt om nog één omgang."),
    );
    let events = w.plan(late);
    let (codes, reason) = confirmed(&events);
    assert_eq!(codes, vec![WarningCode::BeyondMaxDuration]);
    assert_eq!(reason.as_deref(), Some("Rechter vraagt om nog één omgang."));
    let signals = case_signals(&w.case, &w.programme, w.today());
    let s = signals
        .iter()
        .find(|s| s.kind == SignalKind::BeyondLimit)
        .expect("signalled");
    assert!(
        s.text.nl.contains("maximale duur van 6 maanden"),
        "{}",
        s.text.nl
    );
}

/// Seed 001: "kinderen van 0 tot ongeveer 12 jaar": 13 with a recorded reason, 14 never.
#[test]
fn about_twelve_is_a_soft_limit_with_a_reason_and_fourteen_a_hard_one() {
    let p = programme(IOB);
    let mut r = registration(&p, start_date());
    r.children[0].birth_date = date(2012, 9, 1); // 13 on 2 March 2026
    let mut w = World::register(p.clone(), r, ts(start_date(), 9, 0)).expect("13 may register");
    w.start_intake();
    w.advance_days(1);
    let complete = Command::CompleteIntake {
        eligible: true,
        notes: "Passend.".into(),
        reason: None,
    };
    let refused = w.refused(complete.clone());
    assert_eq!(codes(&refused), vec![WarningCode::ChildAboveAge]);
    assert!(refused.message(Lang::Nl).contains("tot ongeveer 12 jaar"));
    w.confirming(&[WarningCode::ChildAboveAge], None);
    assert!(matches!(
        w.refused(complete.clone()),
        Refusal::ConfirmationReasonRequired { .. }
    ));
    w.confirming(
        &[WarningCode::ChildAboveAge],
        Some("Jongere broer is 11; samen in het traject."),
    );
    let events = w.ok(complete);
    assert_eq!(w.case.status, CaseStatus::Plan);
    assert!(
        confirmed(&events)
            .1
            .is_some_and(|r| r.contains("Jongere broer"))
    );

    let mut r = registration(&p, start_date());
    r.children[0].birth_date = date(2011, 9, 1); // 14
    let refused = World::register(p, r, ts(start_date(), 9, 0)).expect_err("14 refused");
    assert!(matches!(
        refused,
        Refusal::ChildAgeOutsideProgramme { age: 14, .. }
    ));
}

// ---- point 2: the week rhythm -----------------------------------------------------------

/// Seed 000: "De ene week is er een gesprek ONS, de andere week is er begeleide omgang".
#[test]
fn de_ronde_venen_alternates_ons_and_visit_weeks() {
    let mut w = World::new(DRV);
    w.walk_to_running();
    // Monday of the next week.
    let monday = date(2026, 3, 16);
    let mut ons = w.session("ons1", SessionKind::OnsConversation, monday.at(10, 0, 0, 0));
    ons.place = at(LocationKind::Office);
    w.plan(ons);
    w.hold("ons1");
    // A visit in the same week as the ONS conversation: plan anyway, or move it.
    let same_week = w.session(
        "v1",
        SessionKind::SupervisedVisit,
        date(2026, 3, 19).at(14, 0, 0, 0),
    );
    let r = w.refused(Command::PlanSession(same_week));
    assert_eq!(codes(&r), vec![WarningCode::CadenceSamePeriod]);
    assert!(
        r.message(Lang::Nl)
            .contains("ONS-gesprek en begeleide omgang")
    );
    // The next week: in rhythm.
    let next_week = w.session(
        "v1",
        SessionKind::SupervisedVisit,
        date(2026, 3, 25).at(14, 0, 0, 0),
    );
    let events = w.plan(next_week);
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, CaseEvent::WarningsConfirmed { .. }))
    );
    w.hold("v1");
    // Another visit the week after: twice the same kind in a row.
    let again = w.session(
        "v2",
        SessionKind::SupervisedVisit,
        date(2026, 4, 1).at(14, 0, 0, 0),
    );
    let r = w.refused(Command::PlanSession(again.clone()));
    assert_eq!(codes(&r), vec![WarningCode::CadenceSameKind]);
    w.confirming(&[WarningCode::CadenceSameKind], None);
    w.plan(again);
    w.clear_confirmation();
    // The case left its rhythm: signalled.
    let signals = case_signals(&w.case, &w.programme, date(2026, 4, 1));
    assert!(
        signals.iter().any(|s| s.kind == SignalKind::OffRhythm),
        "{signals:?}"
    );
    // And weeks without anything of the rhythm are signalled too.
    w.hold("v2");
    let quiet = case_signals(&w.case, &w.programme, date(2026, 4, 20));
    let s = quiet
        .iter()
        .find(|s| s.kind == SignalKind::OffRhythm)
        .expect("gap");
    assert!(s.text.nl.contains("Sinds wo 1 april 2026"), "{}", s.text.nl);
}

/// Seed 001: "De gesprekken en begeleide omgangen vinden meestal om en om plaats."
#[test]
fn intensieve_omgangsbegeleiding_warns_about_two_conversations_in_a_row() {
    let mut w = World::new(IOB);
    w.walk_to_running();
    w.plan_and_hold("pc1", SessionKind::ParentConversation);
    let next = w.session("pc2", SessionKind::ParentConversation, w.slot(7));
    let r = w.refused(Command::PlanSession(next));
    assert_eq!(codes(&r), vec![WarningCode::CadenceSameKind]);
    let visit = w.session("v1", SessionKind::SupervisedVisit, w.slot(7));
    w.plan(visit);
}

// ---- point 3: separate intakes ------------------------------------------------------------

/// Seed 002: "een intake gesprek voor beide ouders apart, gevolgd door een kindgesprek".
#[test]
fn ouderschap_blijft_holds_each_parents_intake_apart_and_the_child_conversation() {
    let mut w = World::new(OB);
    w.start_intake();
    // The form offers the intake and, for a six-year-old, the child conversation only.
    let kinds = plannable_kinds(&w.case, &w.programme, w.today());
    assert!(kinds.contains(&SessionKind::Intake));
    assert!(kinds.contains(&SessionKind::ChildConversation));
    assert!(!kinds.contains(&SessionKind::InteractionObservation));
    assert!(!kinds.contains(&SessionKind::SupervisedVisit));
    // Both parents at once: refused.
    let mut both = w.session("i-both", SessionKind::Intake, w.slot(1));
    both.participants = vec![PersonId::from(RESIDENT), PersonId::from(VISITING)];
    let r = w.refused(Command::PlanSession(both));
    assert!(matches!(r, Refusal::JointIntakeNotAllowed { .. }), "{r:?}");
    assert!(r.message(Lang::Nl).contains("met elke ouder apart"));
    let mut nobody = w.session("i-none", SessionKind::Intake, w.slot(1));
    nobody.participants = Vec::new();
    assert!(matches!(
        w.refused(Command::PlanSession(nobody)),
        Refusal::IntakeParentRequired
    ));
    // Completing needs all three.
    let complete = Command::CompleteIntake {
        eligible: true,
        notes: String::new(),
        reason: None,
    };
    let r = w.refused(complete.clone());
    let nl = r.message(Lang::Nl);
    assert!(
        nl.contains(&format!("het intakegesprek met {RESIDENT_NAME}"))
            && nl.contains(&format!("het intakegesprek met {VISITING_NAME}"))
            && nl.contains("het kindgesprek"),
        "{nl}"
    );
    let mut mother = w.session("i-m", SessionKind::Intake, w.slot(1));
    mother.participants = vec![PersonId::from(RESIDENT)];
    w.plan(mother);
    w.hold("i-m");
    let missing = intake_sessions_missing(&w.case, &w.programme, w.today());
    assert_eq!(missing.len(), 2, "{missing:?}");
    w.hold_intake_sessions();
    w.ok(complete);
    assert_eq!(w.case.status, CaseStatus::Plan);
}

/// "Wanneer het kind daarvoor echt te klein is … een interactie-observatie".
#[test]
fn a_toddler_gets_an_interaction_observation_instead() {
    let p = programme(OB);
    let mut r = registration(&p, start_date());
    r.children[0].birth_date = date(2024, 1, 5); // 2
    let mut w = World::register(p, r, ts(start_date(), 9, 0)).expect("registered");
    w.start_intake();
    let kinds = plannable_kinds(&w.case, &w.programme, w.today());
    assert!(kinds.contains(&SessionKind::InteractionObservation));
    assert!(!kinds.contains(&SessionKind::ChildConversation));
    let missing: Vec<_> = intake_sessions_missing(&w.case, &w.programme, w.today())
        .into_iter()
        .map(|n| n.kind)
        .collect();
    assert_eq!(
        missing,
        vec![
            SessionKind::Intake,
            SessionKind::Intake,
            SessionKind::InteractionObservation
        ]
    );
}

// ---- point 4: the partner's own places ------------------------------------------------------

/// Seed 000: "De gesprekken vinden plaats op kantoor van het Sociaal Team."
#[test]
fn ons_conversations_are_at_an_office_and_visits_are_not() {
    let mut w = World::new(DRV);
    w.walk_to_running();
    let mut in_house = w.session("ons1", SessionKind::OnsConversation, w.slot(1));
    in_house.place = omgangshuis();
    let r = w.refused(Command::PlanSession(in_house));
    assert!(
        matches!(r, Refusal::LocationNotAllowedForKind { .. }),
        "{r:?}"
    );
    assert!(
        r.message(Lang::Nl).contains("kantoor"),
        "{}",
        r.message(Lang::Nl)
    );
    let mut office = w.session("ons1", SessionKind::OnsConversation, w.slot(1));
    office.place = at(LocationKind::Office);
    w.plan(office);
    w.hold("ons1");
    let mut visit = w.session("v1", SessionKind::SupervisedVisit, w.slot(7));
    visit.place = at(LocationKind::Office);
    assert!(matches!(
        w.refused(Command::PlanSession(visit)),
        Refusal::LocationNotAllowed { .. }
    ));
}

// ---- point 6: phases and closing ------------------------------------------------------------

/// Seed 002: "aansluitend twee maal overdrachtsbegeleiding": skipping needs a reason.
#[test]
fn skipping_the_two_handovers_needs_a_recorded_reason() {
    let mut w = World::new(OB);
    w.walk_to_running();
    for i in 0..4 {
        let events = w.plan_and_hold(&format!("v{i}"), SessionKind::SupervisedVisit);
        if i == 3 {
            assert!(
                events
                    .iter()
                    .any(|e| matches!(e, CaseEvent::PhaseAdvanced { .. }))
            );
        }
    }
    assert_eq!(w.case.phase.as_deref(), Some("overdrachten"));
    w.plan_and_hold("h1", SessionKind::SupervisedHandover);
    let r = w.refused(Command::AdvancePhase);
    assert_eq!(codes(&r), vec![WarningCode::PhaseSessionsMissing]);
    assert!(
        r.message(Lang::Nl)
            .contains("2 keer overdrachtsbegeleiding")
    );
    w.confirming(&[WarningCode::PhaseSessionsMissing], None);
    assert!(matches!(
        w.refused(Command::AdvancePhase),
        Refusal::ConfirmationReasonRequired { .. }
    ));
    w.confirming(
        &[WarningCode::PhaseSessionsMissing],
        Some("Overdracht gaat goed; ouders regelen het zelf."),
    );
    let events = w.ok(Command::AdvancePhase);
    assert!(confirmed(&events).1.is_some());
    assert_eq!(w.case.phase.as_deref(), Some("zelfstandig"));
}

/// A case does not close over held visits without a released report, unless said why.
#[test]
fn closing_with_unreleased_reports_needs_a_reason() {
    let mut w = World::new(OH);
    w.walk_to_running();
    w.plan_and_hold("v1", SessionKind::SupervisedVisit);
    let end = Command::EndCase {
        outcome: omgang_domain::case::Outcome::StoppedEarly {
            reason: "Verhuisd.".into(),
        },
        summary: "Gestopt.".into(),
    };
    let r = w.refused(end.clone());
    assert_eq!(codes(&r), vec![WarningCode::ReportsNotReleased]);
    w.ok(Command::SaveReport {
        report: omgang_domain::ids::ReportId::from("r1"),
        session: SessionId::from("v1"),
        content: ReportContent {
            course: "Rustig.".into(),
            ..report_content("Rustig.")
        },
    });
    assert_eq!(
        codes(&w.refused(end.clone())),
        vec![WarningCode::ReportsNotReleased]
    );
    w.confirming(
        &[WarningCode::ReportsNotReleased],
        Some("Begeleider uit dienst; verslag volgt niet."),
    );
    w.ok(end);
    assert_eq!(w.case.status, CaseStatus::Closed);
}

/// "Beide ouders moeten dit plan van aanpak ondertekenen, alvorens gestart kan worden":
/// a paper signature carries its date; nothing is dated before it, everything after may be
/// entered afterwards.
#[test]
fn a_paper_signature_carries_its_date() {
    let mut w = World::new(OH);
    w.start_intake();
    w.advance_days(1);
    w.complete_intake();
    let v = w.write_plan();
    w.advance_days(10);
    let sign = |parent: &str, on| Command::SignPlan {
        version: v,
        parent: PersonId::from(parent),
        method: SignatureMethod::Paper,
        signed_on: Some(on),
    };
    let future = omgang_domain::case::add_days(w.today(), 1);
    assert!(matches!(
        w.refused(sign(RESIDENT, future)),
        Refusal::SignatureInTheFuture { .. }
    ));
    assert!(matches!(
        w.refused(sign(RESIDENT, date(2026, 3, 1))),
        Refusal::SignatureBeforePlan { .. }
    ));
    let signed = omgang_domain::case::sub_days(w.today(), 5);
    w.ok(sign(RESIDENT, omgang_domain::case::sub_days(w.today(), 6)));
    let events = w.ok(sign(VISITING, signed));
    assert!(events.contains(&CaseEvent::RunningStarted {
        on: signed,
        phase: "omgang".into()
    }));
    // A visit held the day before the second signature cannot be entered.
    let before = w.session(
        "v0",
        SessionKind::SupervisedVisit,
        omgang_domain::case::sub_days(signed, 1).at(14, 0, 0, 0),
    );
    let r = w.refused(Command::PlanSession(before));
    assert!(
        matches!(r, Refusal::SessionBeforeSignatures { .. }),
        "{r:?}"
    );
    // One held two days ago can: planned afterwards and recorded as held.
    let after = w.session(
        "v1",
        SessionKind::SupervisedVisit,
        omgang_domain::case::sub_days(w.today(), 2).at(14, 0, 0, 0),
    );
    w.plan(after);
    w.ok(Command::RecordOutcome {
        session: SessionId::from("v1"),
        outcome: SessionOutcome::Held {
            notes: "Achteraf ingevoerd.".into(),
            attended: Vec::new(),
        },
    });
    w.assert_rebuilds();
}

#[test]
fn every_built_in_programme_still_parses() {
    for p in omgang_domain::programme::built_in().expect("valid") {
        assert!(p.problems().is_empty(), "{}", p.id);
    }
}

// ---- point 1: families as they are (seed 003) ----------------------------------------------

const SECOND: &str = "p-second";
const CARER: &str = "p-carer";

fn foster_registration(
    people: Vec<omgang_domain::case::Person>,
) -> omgang_domain::case::Registration {
    let p = programme(OH);
    let mut r = registration(&p, start_date());
    r.people = people;
    r
}

/// "kinderen die (tijdelijk) in een pleeggezin/woongroep wonen": two visiting parents, the
/// foster carer brings the child, the guardian with authority signs with the parents.
#[test]
fn a_foster_child_with_two_visiting_parents_and_a_guardian_with_authority() {
    use omgang_domain::case::PersonRole as R;
    let mut guardian = person(GUARDIAN, "Gerda Voogd", R::Guardian);
    guardian.holds_authority = true;
    let r = foster_registration(vec![
        person(RESIDENT, RESIDENT_NAME, R::NonResidentParent),
        person(VISITING, VISITING_NAME, R::NonResidentParent),
        person(CARER, "Familie Bakker", R::FosterCarer),
        guardian,
    ]);
    let mut w = World::register(programme(OH), r, ts(start_date(), 9, 0)).expect("accepted");
    assert_eq!(
        w.case.brings_the_child().map(|p| p.id.as_str()),
        Some(CARER)
    );
    w.start_intake();
    w.advance_days(1);
    w.complete_intake();
    let v = w.write_plan();
    w.sign(v, RESIDENT);
    w.sign(v, VISITING);
    assert_eq!(w.case.status, CaseStatus::Plan, "the guardian signs too");
    let missing: Vec<&str> = w
        .case
        .unsigned_parents()
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(missing, vec!["Gerda Voogd"]);
    w.sign(v, GUARDIAN);
    assert_eq!(w.case.status, CaseStatus::Running);
    // The foster carer does not sign.
    let r = w.refused(Command::SignPlan {
        version: v,
        parent: PersonId::from(CARER),
        method: SignatureMethod::Paper,
        signed_on: None,
    });
    assert_eq!(r, Refusal::NotAParent);
    // Each visiting parent has their own visits; kept apart, never both in one.
    let mut both = w.session("v-both", SessionKind::SupervisedVisit, w.slot(1));
    both.participants = vec![
        PersonId::from(CHILD),
        PersonId::from(RESIDENT),
        PersonId::from(VISITING),
    ];
    let r = w.refused(Command::PlanSession(both));
    assert!(
        matches!(r, Refusal::VisitingParentsMustNotMeet { .. }),
        "{r:?}"
    );
    let mut first = w.session("v-1", SessionKind::SupervisedVisit, w.slot(1));
    first.participants = vec![PersonId::from(CHILD), PersonId::from(RESIDENT)];
    w.plan(first);
    let mut second = w.session("v-2", SessionKind::SupervisedVisit, w.slot(2));
    second.participants = vec![PersonId::from(CHILD), PersonId::from(VISITING)];
    w.plan(second);
    w.assert_rebuilds();
}

#[test]
fn a_single_parent_and_a_residential_group() {
    use omgang_domain::case::PersonRole as R;
    let r = foster_registration(vec![
        person(VISITING, VISITING_NAME, R::NonResidentParent),
        person(CARER, "Woongroep De Linde", R::ResidentialGroup),
    ]);
    let w = World::register(programme(OH), r, ts(start_date(), 9, 0)).expect("accepted");
    assert_eq!(w.case.signers().count(), 1);
    assert_eq!(
        w.case.brings_the_child().map(|p| p.name.as_str()),
        Some("Woongroep De Linde")
    );
}

#[test]
fn who_brings_the_child_is_asked_and_carers_belong_to_the_house() {
    use omgang_domain::case::PersonRole as R;
    let nobody = foster_registration(vec![
        person(RESIDENT, RESIDENT_NAME, R::NonResidentParent),
        person(SECOND, "Tweede", R::NonResidentParent),
    ]);
    let r = World::register(programme(OH), nobody, ts(start_date(), 9, 0)).expect_err("refused");
    assert_eq!(r, Refusal::WhoBringsTheChild);
    assert_sensible(&r);
    let three = foster_registration(vec![
        person(RESIDENT, RESIDENT_NAME, R::NonResidentParent),
        person(VISITING, VISITING_NAME, R::NonResidentParent),
        person(SECOND, "Derde", R::NonResidentParent),
        person(CARER, "Familie Bakker", R::FosterCarer),
    ]);
    let r = World::register(programme(OH), three, ts(start_date(), 9, 0)).expect_err("refused");
    assert_eq!(r, Refusal::TooManyParentsWithCarer);
    assert_sensible(&r);
    let p = programme(BOR);
    let mut bor = registration(&p, start_date());
    bor.people
        .push(person(CARER, "Familie Bakker", R::FosterCarer));
    let r = World::register(p, bor, ts(start_date(), 9, 0)).expect_err("refused");
    assert!(matches!(r, Refusal::CarerNotInProgramme { .. }), "{r:?}");
    assert_sensible(&r);
    let mut parent_with_authority = person(RESIDENT, RESIDENT_NAME, R::ResidentParent);
    parent_with_authority.holds_authority = true;
    let r = World::register(
        programme(OH),
        foster_registration(vec![
            parent_with_authority,
            person(VISITING, VISITING_NAME, R::NonResidentParent),
        ]),
        ts(start_date(), 9, 0),
    )
    .expect_err("refused");
    assert_eq!(r, Refusal::AuthorityOnlyForGuardian);
}

// ---- point 10: the meldcode's five steps ------------------------------------------------------

/// Seed 002: "wordt dit door het Omgangshuis gemeld aan het desbetreffende Jeugdteam en/of
/// Veilig Thuis" — along the meldcode: in order, dated, the weighing with five answers, a
/// decision to report also records the report.
#[test]
fn the_meldcode_is_walked_step_by_step() {
    use omgang_domain::case::{MeldcodeDecision, MeldcodeEntry, MeldcodeStep};
    let mut w = World::new(OB);
    w.walk_to_running();
    let entry = |step, on, answers: Vec<bool>, decision| MeldcodeEntry {
        step,
        on,
        by: None,
        note: "Vastgelegd.".into(),
        answers,
        decision,
        report_to: None,
    };
    let today = w.today();
    let r = w.refused(Command::RecordMeldcodeStep(entry(
        MeldcodeStep::Consultation,
        today,
        Vec::new(),
        None,
    )));
    assert!(matches!(r, Refusal::MeldcodeStepOutOfOrder { .. }), "{r:?}");
    assert!(r.message(Lang::Nl).contains("eerst stap 1"));
    let r = w.refused(Command::RecordMeldcodeStep(entry(
        MeldcodeStep::Signals,
        omgang_domain::case::add_days(today, 1),
        Vec::new(),
        None,
    )));
    assert!(matches!(r, Refusal::MeldcodeStepInTheFuture { .. }));
    for step in [
        MeldcodeStep::Signals,
        MeldcodeStep::Consultation,
        MeldcodeStep::Conversation,
    ] {
        w.ok(Command::RecordMeldcodeStep(entry(
            step,
            today,
            Vec::new(),
            None,
        )));
    }
    assert_eq!(
        w.refused(Command::RecordMeldcodeStep(entry(
            MeldcodeStep::Weighing,
            today,
            vec![true, true],
            None
        ))),
        Refusal::MeldcodeAnswersRequired
    );
    w.ok(Command::RecordMeldcodeStep(entry(
        MeldcodeStep::Weighing,
        today,
        vec![true, false, true, false, false],
        None,
    )));
    assert_eq!(
        w.refused(Command::RecordMeldcodeStep(entry(
            MeldcodeStep::Decision,
            today,
            Vec::new(),
            None
        ))),
        Refusal::MeldcodeDecisionRequired
    );
    let events = w.ok(Command::RecordMeldcodeStep(entry(
        MeldcodeStep::Decision,
        today,
        Vec::new(),
        Some(MeldcodeDecision::ReportAndHelp),
    )));
    assert!(
        events
            .iter()
            .any(|e| matches!(e, CaseEvent::EscalationRecorded(_))),
        "a report is recorded: {events:?}"
    );
    assert_eq!(w.case.meldcode.len(), 5);
    assert_eq!(
        w.case.meldcode[4].by.as_ref().map(|u| u.as_str()),
        Some(COORDINATOR)
    );
    assert_eq!(
        w.refused(Command::RecordMeldcodeStep(entry(
            MeldcodeStep::Signals,
            today,
            Vec::new(),
            None
        ))),
        Refusal::MeldcodeComplete
    );
    w.assert_rebuilds();
}

// ---- point 7: who attended, and rooms of the right kind ----------------------------------

/// A held session records who came: each one a person or child of the case, once, in the
/// order given; the record survives a rebuild from the events.
#[test]
fn a_held_visit_records_who_attended() {
    let mut w = World::new(OH);
    w.walk_to_running();
    w.plan_tomorrow("v1", SessionKind::SupervisedVisit);
    let end = omgang_domain::case::amsterdam()
        .to_timestamp(
            w.case
                .session(&SessionId::from("v1"))
                .expect("planned")
                .ends_at(),
        )
        .expect("a valid local time");
    w.set_now(end);
    // Someone who is not in the case cannot have attended.
    let r = w.refused(Command::RecordOutcome {
        session: SessionId::from("v1"),
        outcome: SessionOutcome::Held {
            notes: String::new(),
            attended: vec![PersonId::from(CHILD), PersonId::from("p-stranger")],
        },
    });
    assert_eq!(r, Refusal::UnknownPerson);
    let events = w.ok(Command::RecordOutcome {
        session: SessionId::from("v1"),
        outcome: SessionOutcome::Held {
            notes: "Verliep rustig.".into(),
            attended: vec![
                PersonId::from(VISITING),
                PersonId::from(CHILD),
                PersonId::from(VISITING),
            ],
        },
    });
    let expected = vec![PersonId::from(VISITING), PersonId::from(CHILD)];
    assert!(events.iter().any(|e| matches!(
        e,
        CaseEvent::SessionHeld { attended, .. } if *attended == expected
    )));
    match &w
        .case
        .session(&SessionId::from("v1"))
        .expect("planned")
        .state
    {
        omgang_domain::case::SessionState::Held { attended, .. } => {
            assert_eq!(attended, &expected)
        }
        other => panic!("not held: {other:?}"),
    }
    w.assert_rebuilds();
}

/// Events written before attendance was kept read back as "not recorded", and a held
/// session without attendance writes no `attended` field (old hashes stay valid).
#[test]
fn attendance_is_optional_in_stored_events() {
    let old = r#"{"event":"session_held","session":"s1","notes":"Rustig."}"#;
    let e: CaseEvent = serde_json::from_str(old).expect("old event reads");
    assert!(matches!(e, CaseEvent::SessionHeld { ref attended, .. } if attended.is_empty()));
    assert_eq!(serde_json::to_string(&e).expect("serializes"), old);
}

/// Seed 003: "ruimtes die huiselijk zijn ingericht, maar ook … grotere ruimtes": visits are
/// held in a homely or a large room, never in an office; conversations anywhere.
#[test]
fn visits_are_held_in_homely_or_large_rooms() {
    use omgang_domain::programme::RoomType;
    for id in ALL {
        let p = programme(id);
        for kind in [
            SessionKind::SupervisedVisit,
            SessionKind::SupervisedHandover,
        ] {
            if p.kind(kind).is_none() {
                continue;
            }
            assert_eq!(p.check_room_type(kind, RoomType::Homely), Ok(()), "{id}");
            assert_eq!(p.check_room_type(kind, RoomType::Large), Ok(()), "{id}");
            let r = p
                .check_room_type(kind, RoomType::Office)
                .expect_err("a visit in an office");
            assert_sensible(&r);
            assert!(r.message(Lang::Nl).contains("huiselijke ruimte"), "{r:?}");
            assert!(r.message(Lang::En).contains("large room"), "{r:?}");
        }
        if p.kind(SessionKind::ParentConversation).is_some() {
            for t in RoomType::ALL {
                assert_eq!(
                    p.check_room_type(SessionKind::ParentConversation, t),
                    Ok(())
                );
            }
        }
    }
}
