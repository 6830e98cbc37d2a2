//! Each built-in programme walked from registration to a closed case, through the public
//! rules only (register → decide → apply_by).

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use omgang_domain::case::{
    CaseEvent, CaseStatus, Command, ConsentSubject, Evaluation, EvaluationKind, Outcome,
    ReportState, SessionState,
};
use omgang_domain::ids::{OrgId, PersonId, ReportId, SessionId, UserId};
use omgang_domain::programme::SessionKind;
use omgang_domain::refusal::Refusal;
use omgang_domain::signals::case_signals;

fn evaluation(w: &World, kind: EvaluationKind, agreement: bool) -> Command {
    Command::RecordEvaluation(Evaluation {
        kind,
        on: w.today(),
        summary: "Het gaat goed.".to_owned(),
        agreement_reached: agreement,
        next_steps: "Doorgaan.".to_owned(),
    })
}

fn consent_both(w: &mut World) {
    for parent in [RESIDENT, VISITING] {
        w.ok(Command::RecordConsent {
            parent: PersonId::from(parent),
            subject: ConsentSubject::VisitOutsideHouse,
            given: true,
            on: w.today(),
            note: "Akkoord in oudergesprek.".to_owned(),
        });
    }
}

fn assert_closed_for_good(w: &mut World) {
    assert_eq!(w.case.status, CaseStatus::Closed);
    assert_eq!(w.case.phase, None);
    assert!(w.case.closed_on.is_some());
    assert!(case_signals(&w.case, &w.programme, w.today()).is_empty());
    let refusal = w.refused(Command::StartIntake);
    assert_eq!(refusal, Refusal::CaseClosed);
    w.assert_rebuilds();
}

fn assert_phase(w: &World, phase: &str) {
    assert_eq!(w.case.status, CaseStatus::Running);
    assert_eq!(w.case.phase.as_deref(), Some(phase));
}

#[test]
fn registration_starts_a_waiting_case() {
    for id in ALL {
        let w = World::new(id);
        assert_eq!(w.case.status, CaseStatus::Registered, "{id}");
        assert_eq!(w.case.phase, None);
        assert_eq!(w.case.programme, id);
        assert_eq!(w.case.registered_on, start_date());
        assert_eq!(w.case.children.len(), 1);
        assert_eq!(w.case.parents().count(), 2);
        w.assert_rebuilds();
    }
}

#[test]
fn intake_records_the_coordinator_and_date() {
    for id in ALL {
        let mut w = World::new(id);
        let events = w.ok(Command::StartIntake);
        assert_eq!(
            events,
            vec![
                CaseEvent::IntakeStarted { on: start_date() },
                CaseEvent::CoordinatorAssigned {
                    user: UserId::from(COORDINATOR)
                },
            ]
        );
        assert_eq!(
            w.case.coordinator.as_ref(),
            Some(&UserId::from(COORDINATOR))
        );
        assert_eq!(w.case.intake_started_on, Some(start_date()));
        w.advance_days(3);
        w.complete_intake();
        assert_eq!(w.case.intake_completed_on, Some(w.today()));
        assert_eq!(w.case.intake_notes, "Beide ouders willen meewerken.");
    }
}

#[test]
fn the_first_signature_keeps_the_plan_stage_and_the_second_starts_the_first_phase() {
    for p in programmes() {
        let mut w = World::new(&p.id);
        w.start_intake();
        w.complete_intake();
        let v = w.write_plan();
        assert_eq!(v, 1);
        let plan = w.case.current_plan().unwrap();
        assert_eq!(plan.content_hash, plan_content().hash());
        assert_eq!(plan.created_by, UserId::from(COORDINATOR));
        let first = w.sign(v, VISITING);
        assert_eq!(first.len(), 1, "{}: {first:?}", p.id);
        assert_eq!(w.case.status, CaseStatus::Plan);
        assert!(!w.case.plan_signed_by_all());
        w.advance_hours(1);
        let second = w.sign(v, RESIDENT);
        assert_eq!(
            second.last(),
            Some(&CaseEvent::RunningStarted {
                on: w.today(),
                phase: p.phases[0].id.clone(),
            }),
            "{}",
            p.id
        );
        assert_eq!(w.case.running_since, Some(w.today()));
        assert!(w.case.plan_signed_by_all());
        let sigs = &w.case.current_plan().unwrap().signatures;
        assert_eq!(sigs.len(), 2);
        assert!(sigs.iter().all(|s| s.content_hash == plan_content().hash()));
        w.assert_rebuilds();
    }
}

#[test]
fn de_ronde_venen_from_registration_to_close() {
    let mut w = World::new(DRV);
    w.start_intake();
    w.plan_and_hold("intake-1", SessionKind::Intake);
    w.complete_intake();
    w.ok(Command::AssignPartner {
        organisation: Some(OrgId::from(PARTNER)),
    });
    assert_eq!(w.case.partner.as_ref(), Some(&OrgId::from(PARTNER)));
    // ONS may start while the cooperation contract is being signed.
    w.plan_and_hold("ons-1", SessionKind::OnsConversation);
    let ons = w.case.session(&SessionId::from("ons-1")).unwrap();
    assert_eq!(ons.partner.as_ref(), Some(&OrgId::from(PARTNER)));
    assert_eq!(ons.supervisor, None);
    let v = w.write_plan();
    w.sign(v, RESIDENT);
    w.sign(v, VISITING);
    assert_phase(&w, "begeleide-omgang");

    // The week after the ONS conversation: one week ONS, the other a visit (issue 12).
    let next_week = w.session("visit-1", SessionKind::SupervisedVisit, w.slot(7));
    let planned = w.plan(next_week);
    assert!(matches!(
        planned.as_slice(),
        [
            CaseEvent::SupervisorAssigned { .. },
            CaseEvent::SessionPlanned(_)
        ]
    ));
    assert_eq!(w.case.supervisor.as_ref(), Some(&UserId::from(SUPERVISOR)));
    w.hold("visit-1");
    w.report_walk("visit-1", "report-1");
    w.plan_and_hold("ons-2", SessionKind::OnsConversation);
    w.plan_and_hold("eval-1", SessionKind::Evaluation);
    w.ok(evaluation(&w, EvaluationKind::Interim, false));

    // No automatic advance in this programme: the coordinator moves it on.
    let events = w.ok(Command::AdvancePhase);
    assert_eq!(
        events,
        vec![CaseEvent::PhaseAdvanced {
            to: "omgang-thuis".to_owned()
        }]
    );
    assert_phase(&w, "omgang-thuis");
    consent_both(&mut w);
    let mut home = w.session("visit-2", SessionKind::SupervisedVisit, w.slot(2));
    home.place = parent_home(Some(VISITING));
    w.plan(home);
    w.hold("visit-2");
    w.report_walk("visit-2", "report-2");
    let mut alone = w.session("free-1", SessionKind::UnsupervisedVisit, w.slot(3));
    alone.place = parent_home(Some(VISITING));
    alone.minutes = 240;
    w.plan(alone);
    assert_eq!(
        w.case
            .session(&SessionId::from("free-1"))
            .unwrap()
            .supervisor,
        None
    );
    w.hold("free-1");
    w.plan_and_hold("end-eval", SessionKind::EndEvaluation);
    assert_eq!(w.refused(Command::AdvancePhase), Refusal::LastPhase);
    w.ok(evaluation(&w, EvaluationKind::End, true));

    let events = w.ok(Command::EndCase {
        outcome: Outcome::FollowUpHelp {
            handed_to: "Sociaal Team De Ronde Venen".to_owned(),
        },
        summary: "Vervolghulp via het Sociaal Team.".to_owned(),
    });
    assert!(matches!(
        events.as_slice(),
        [CaseEvent::Ended {
            follow_up: false,
            ..
        }]
    ));
    assert_eq!(w.case.ended_on, Some(w.today()));
    assert_closed_for_good(&mut w);
}

#[test]
fn intensieve_omgangsbegeleiding_from_registration_to_close() {
    let mut w = World::new(IOB);
    assert_eq!(
        w.case.entry_route,
        omgang_domain::programme::EntryRoute::Referral
    );
    w.start_intake();
    w.plan_and_hold("intake-1", SessionKind::Intake);
    w.complete_intake();
    let v = w.write_plan();
    w.sign(v, RESIDENT);
    w.sign(v, VISITING);
    assert_phase(&w, "omgangsbegeleiding");
    for round in 1..=3 {
        w.plan_and_hold(&format!("pc-{round}"), SessionKind::ParentConversation);
        w.advance_days(6);
        w.plan_and_hold(&format!("visit-{round}"), SessionKind::SupervisedVisit);
        w.report_walk(&format!("visit-{round}"), &format!("report-{round}"));
        w.advance_days(6);
    }
    // A child conversation is led by the supervisor in this programme.
    w.plan_and_hold("child-1", SessionKind::ChildConversation);
    assert_eq!(
        w.case
            .session(&SessionId::from("child-1"))
            .unwrap()
            .supervisor,
        Some(UserId::from(SUPERVISOR))
    );
    consent_both(&mut w);
    let mut outside = w.session("visit-4", SessionKind::SupervisedVisit, w.slot(1));
    outside.place = playground();
    outside.minutes = 120;
    w.plan(outside);
    w.hold("visit-4");
    w.report_walk("visit-4", "report-4");
    w.plan_and_hold("eval-1", SessionKind::Evaluation);
    w.ok(evaluation(&w, EvaluationKind::Interim, false));
    w.plan_and_hold("end-eval", SessionKind::EndEvaluation);
    w.ok(evaluation(&w, EvaluationKind::End, true));
    assert_phase(&w, "omgangsbegeleiding");
    assert_eq!(w.case.held(SessionKind::SupervisedVisit), 4);
    assert_eq!(w.case.held(SessionKind::ParentConversation), 3);

    w.ok(Command::EndCase {
        outcome: Outcome::Ouderschapsplan,
        summary: "Afspraken vastgelegd in het ouderschapsplan.".to_owned(),
    });
    assert_eq!(w.case.outcome, Some(Outcome::Ouderschapsplan));
    // No follow-up period in this programme.
    assert_closed_for_good(&mut w);
}

#[test]
fn ouderschap_blijft_from_registration_through_follow_up_to_close() {
    let mut w = World::new(OB);
    w.start_intake();
    // Separate intakes, then a child conversation without the parents.
    let mut intake_res = w.session("intake-res", SessionKind::Intake, w.slot(1));
    intake_res.participants = vec![PersonId::from(RESIDENT)];
    w.plan(intake_res);
    let mut intake_vis = w.session("intake-vis", SessionKind::Intake, w.slot(2));
    intake_vis.participants = vec![PersonId::from(VISITING)];
    w.plan(intake_vis);
    w.hold("intake-res");
    w.hold("intake-vis");
    let mut child_talk = w.session("child-1", SessionKind::ChildConversation, w.slot(1));
    child_talk.participants = vec![PersonId::from(CHILD)];
    w.plan(child_talk);
    w.hold("child-1");
    w.complete_intake();
    let v = w.write_plan();
    w.sign(v, RESIDENT);
    w.sign(v, VISITING);
    assert_phase(&w, "begeleide-omgang");

    w.plan_and_hold("pc-1", SessionKind::ParentConversation);
    for n in 1..=4 {
        let id = format!("visit-{n}");
        let events = w.plan_and_hold(&id, SessionKind::SupervisedVisit);
        w.report_walk(&id, &format!("report-{n}"));
        if n < 4 {
            assert_eq!(events.len(), 1, "{events:?}");
            assert_phase(&w, "begeleide-omgang");
        } else {
            assert_eq!(
                events.last(),
                Some(&CaseEvent::PhaseAdvanced {
                    to: "overdrachten".to_owned()
                })
            );
        }
        w.advance_days(6);
    }
    assert_phase(&w, "overdrachten");
    for n in 1..=2 {
        let id = format!("handover-{n}");
        w.plan_and_hold(&id, SessionKind::SupervisedHandover);
        w.report_walk(&id, &format!("report-h{n}"));
        w.advance_days(6);
    }
    assert_phase(&w, "zelfstandig");
    let mut alone = w.session("free-1", SessionKind::UnsupervisedVisit, w.slot(1));
    alone.minutes = 480;
    w.plan(alone);
    w.hold("free-1");
    w.plan_and_hold("end-eval", SessionKind::EndEvaluation);
    w.ok(evaluation(&w, EvaluationKind::End, true));

    let events = w.ok(Command::EndCase {
        outcome: Outcome::Ouderschapsplan,
        summary: "Ouderschapsplan ondertekend.".to_owned(),
    });
    assert!(matches!(
        events.as_slice(),
        [CaseEvent::Ended {
            follow_up: true,
            ..
        }]
    ));
    assert_eq!(w.case.status, CaseStatus::FollowUp);
    assert_eq!(w.case.phase, None);
    assert_eq!(w.case.follow_up_since, Some(w.today()));
    assert_eq!(w.case.closed_on, None);
    // The case is still open: EndCase again is refused, follow-up appointments go on.
    assert!(matches!(
        w.refused(Command::EndCase {
            outcome: Outcome::Ouderschapsplan,
            summary: String::new(),
        }),
        Refusal::NotInThisStatus {
            status: CaseStatus::FollowUp
        }
    ));
    for n in 1..=4 {
        w.advance_days(40);
        w.plan_and_hold(&format!("followup-{n}"), SessionKind::FollowUpAppointment);
    }
    assert!(matches!(
        w.refused(Command::PlanSession(w.session(
            "followup-5",
            SessionKind::FollowUpAppointment,
            w.slot(1)
        ))),
        Refusal::MaxCountReached { max: 4, .. }
    ));
    // The ouderschapsplan may be adjusted in the follow-up half year.
    let v2 = w.write_plan();
    assert_eq!(v2, 2);
    w.sign(v2, RESIDENT);
    w.sign(v2, VISITING);
    assert_eq!(w.case.status, CaseStatus::FollowUp);
    w.ok(evaluation(&w, EvaluationKind::Interim, true));

    w.ok(Command::CloseFollowUp {
        summary: "Nazorg afgerond.".to_owned(),
    });
    assert_eq!(
        w.case.outcome_summary,
        "Ouderschapsplan ondertekend.\nNazorg afgerond."
    );
    assert_eq!(w.case.outcome, Some(Outcome::Ouderschapsplan));
    assert_closed_for_good(&mut w);
}

#[test]
fn omgangshuis_from_registration_to_close() {
    let mut w = World::new(OH);
    w.start_intake();
    // The informative conversation: the guardian may attend.
    let mut info = w.session("info-1", SessionKind::InformativeConversation, w.slot(1));
    info.participants = vec![
        PersonId::from(RESIDENT),
        PersonId::from(VISITING),
        PersonId::from(GUARDIAN),
    ];
    w.plan(info);
    w.hold("info-1");
    w.complete_intake();
    let mut content = plan_content();
    content.evaluation_moments = vec![jiff::civil::date(2026, 6, 1)];
    let v = w.write_plan_with(content);
    w.sign(v, RESIDENT);
    w.sign(v, VISITING);
    assert_phase(&w, "omgang");
    for n in 1..=2 {
        let id = format!("visit-{n}");
        w.plan_and_hold(&id, SessionKind::SupervisedVisit);
        w.report_walk(&id, &format!("report-{n}"));
        w.advance_days(13);
    }
    consent_both(&mut w);
    for (n, place) in [(3, playground()), (4, parent_home(Some(VISITING)))] {
        let id = format!("visit-{n}");
        let mut s = w.session(&id, SessionKind::SupervisedVisit, w.slot(1));
        s.place = place;
        w.plan(s);
        w.hold(&id);
        w.report_walk(&id, &format!("report-{n}"));
    }
    let mut pc = w.session("pc-1", SessionKind::ParentConversation, w.slot(1));
    pc.participants.push(PersonId::from(GUARDIAN));
    w.plan(pc);
    w.hold("pc-1");
    w.plan_and_hold("eval-1", SessionKind::Evaluation);
    w.ok(evaluation(&w, EvaluationKind::Interim, false));
    w.plan_and_hold("end-eval", SessionKind::EndEvaluation);
    w.ok(evaluation(&w, EvaluationKind::End, true));
    let reports: Vec<_> = w
        .case
        .reports
        .iter()
        .map(|r| (r.state, r.author.clone()))
        .collect();
    assert_eq!(reports.len(), 4);
    assert!(
        reports
            .iter()
            .all(|(s, a)| *s == ReportState::Released && a.as_str() == COORDINATOR)
    );

    w.ok(Command::EndCase {
        outcome: Outcome::UnsupervisedContact,
        summary: "Omgang gaat verder zonder begeleiding.".to_owned(),
    });
    assert_closed_for_good(&mut w);
}

#[test]
fn begeleide_omgangsregeling_with_a_volunteer_from_registration_to_close() {
    let mut w = World::new(BOR);
    assert!(w.staff.as_ref().unwrap().is_volunteer);
    w.start_intake();
    w.plan_and_hold("intake-1", SessionKind::Intake);
    w.complete_intake();
    let v = w.write_plan();
    w.sign(v, RESIDENT);
    w.sign(v, VISITING);
    assert_phase(&w, "opbouw");
    w.ok(Command::AssignSupervisor {
        user: UserId::from(SUPERVISOR),
        reason: None,
    });
    for n in 1..=3 {
        let id = format!("visit-{n}");
        let events = w.plan_and_hold(&id, SessionKind::SupervisedVisit);
        w.report_walk(&id, &format!("report-{n}"));
        assert_eq!(
            events
                .iter()
                .any(|e| matches!(e, CaseEvent::PhaseAdvanced { .. })),
            n == 3,
            "visit {n}: {events:?}"
        );
        w.advance_days(6);
    }
    assert_phase(&w, "afbouw");
    w.plan_and_hold("pc-1", SessionKind::ParentConversation);
    w.plan_and_hold("visit-4", SessionKind::SupervisedVisit);
    w.report_walk("visit-4", "report-4");
    w.plan_and_hold("handover-1", SessionKind::SupervisedHandover);
    w.report_walk("handover-1", "report-h1");
    w.plan_and_hold("free-1", SessionKind::UnsupervisedVisit);
    w.plan_and_hold("end-eval", SessionKind::EndEvaluation);
    w.ok(evaluation(&w, EvaluationKind::End, true));
    assert_eq!(
        w.case
            .sessions
            .iter()
            .filter(|s| matches!(s.state, SessionState::Held { .. }))
            .count(),
        w.case.sessions.len()
    );
    w.ok(Command::EndCase {
        outcome: Outcome::Ouderschapsplan,
        summary: "Werkbare afspraken.".to_owned(),
    });
    assert_closed_for_good(&mut w);
}

#[test]
fn a_case_not_eligible_at_intake_closes_with_that_outcome() {
    for id in ALL {
        let mut w = World::new(id);
        w.start_intake();
        let refusal = w.refused(Command::CompleteIntake {
            eligible: false,
            notes: String::new(),
            reason: Some("  ".to_owned()),
        });
        assert_eq!(refusal, Refusal::ReasonRequired);
        w.ok(Command::CompleteIntake {
            eligible: false,
            notes: "Ouders willen niet samen praten.".to_owned(),
            reason: Some("Geen bereidheid tot gezamenlijke gesprekken.".to_owned()),
        });
        assert_eq!(
            w.case.outcome,
            Some(Outcome::NotEligible {
                reason: "Geen bereidheid tot gezamenlijke gesprekken.".to_owned()
            })
        );
        assert_closed_for_good(&mut w);
    }
}

#[test]
fn a_case_reported_to_veilig_thuis_records_the_escalation_once() {
    let mut w = World::new(OB);
    w.walk_to_running();
    w.ok(Command::EndCase {
        outcome: Outcome::Reported {
            to: omgang_domain::programme::EscalationTarget::VeiligThuis,
        },
        summary: "Geen overeenstemming na een half jaar.".to_owned(),
    });
    assert_eq!(w.case.escalations.len(), 1);
    assert_eq!(
        w.case.escalations[0].to,
        omgang_domain::programme::EscalationTarget::VeiligThuis
    );
    assert_closed_for_good(&mut w);
}

#[test]
fn report_ids_stay_with_their_session() {
    let mut w = World::new(OH);
    w.walk_to_running();
    w.plan_and_hold("visit-1", SessionKind::SupervisedVisit);
    w.plan_and_hold("visit-2", SessionKind::SupervisedVisit);
    w.report_walk("visit-1", "report-1");
    let r = w.refused(Command::SaveReport {
        report: ReportId::from("report-1"),
        session: SessionId::from("visit-2"),
        content: report_content("x"),
    });
    assert_eq!(r, Refusal::UnknownReport);
}
