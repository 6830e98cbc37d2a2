//! Phases that move on by themselves, and the event log as the source of truth.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use omgang_domain::case::{
    Case, CaseEvent, CaseStatus, Command, Outcome, Party, SessionOutcome, apply_by,
    from_registration,
};
use omgang_domain::ids::{PersonId, SessionId};
use omgang_domain::programme::SessionKind;
use omgang_domain::refusal::Refusal;

fn phase(w: &World) -> Option<&str> {
    w.case.phase.as_deref()
}

fn advanced(events: &[CaseEvent]) -> Option<&str> {
    events.iter().find_map(|e| match e {
        CaseEvent::PhaseAdvanced { to } => Some(to.as_str()),
        _ => None,
    })
}

fn no_show(w: &mut World, id: &str) {
    let start = w.case.session(&SessionId::from(id)).unwrap().starts_at;
    let t = omgang_domain::case::amsterdam()
        .to_timestamp(start)
        .unwrap();
    if t > w.now {
        w.set_now(t);
    }
    w.ok(Command::RecordOutcome {
        session: SessionId::from(id),
        outcome: SessionOutcome::NoShow {
            who: Party::Person(PersonId::from(VISITING)),
            notes: "Niet gekomen.".to_owned(),
        },
    });
}

#[test]
fn ouderschap_blijft_moves_to_handovers_after_four_held_visits_then_to_unsupervised_after_two() {
    let mut w = World::new(OB);
    w.walk_to_running();
    assert_eq!(phase(&w), Some("begeleide-omgang"));
    for n in 1..=3 {
        let events = w.plan_and_hold(&format!("visit-{n}"), SessionKind::SupervisedVisit);
        assert_eq!(advanced(&events), None, "visit {n}");
        assert_eq!(phase(&w), Some("begeleide-omgang"));
    }
    // Parent conversations and no-shows do not move the phase on.
    w.plan_and_hold("pc-1", SessionKind::ParentConversation);
    w.plan_tomorrow("visit-x", SessionKind::SupervisedVisit);
    no_show(&mut w, "visit-x");
    assert_eq!(phase(&w), Some("begeleide-omgang"));
    assert_eq!(w.case.held(SessionKind::SupervisedVisit), 3);
    let events = w.plan_and_hold("visit-4", SessionKind::SupervisedVisit);
    assert_eq!(advanced(&events), Some("overdrachten"));
    assert_eq!(phase(&w), Some("overdrachten"));
    assert_eq!(w.case.status, CaseStatus::Running);

    let events = w.plan_and_hold("handover-1", SessionKind::SupervisedHandover);
    assert_eq!(advanced(&events), None);
    assert_eq!(phase(&w), Some("overdrachten"));
    let events = w.plan_and_hold("handover-2", SessionKind::SupervisedHandover);
    assert_eq!(advanced(&events), Some("zelfstandig"));
    assert_eq!(phase(&w), Some("zelfstandig"));
    // Supervised contact is over; unsupervised visits are logged.
    let h = w.session("handover-3", SessionKind::SupervisedHandover, w.slot(1));
    assert!(matches!(
        w.refused(Command::PlanSession(h)),
        Refusal::KindNotInStage { .. } | Refusal::MaxCountReached { .. }
    ));
    let events = w.plan_and_hold("free-1", SessionKind::UnsupervisedVisit);
    assert_eq!(advanced(&events), None);
    assert_eq!(w.refused(Command::AdvancePhase), Refusal::LastPhase);
    w.assert_rebuilds();
}

#[test]
fn the_fourth_held_visit_moves_on_whatever_order_the_visits_are_held_in() {
    let mut w = World::new(OB);
    w.walk_to_running();
    for n in 1..=4 {
        let s = w.session(
            &format!("visit-{n}"),
            SessionKind::SupervisedVisit,
            w.slot(n),
        );
        w.plan(s);
    }
    w.advance_days(10);
    for (i, n) in [4, 2, 3, 1].into_iter().enumerate() {
        let events = w.hold(&format!("visit-{n}"));
        let expected = (i == 3).then_some("overdrachten");
        assert_eq!(advanced(&events), expected, "{i}th held");
    }
    assert_eq!(phase(&w), Some("overdrachten"));
}

#[test]
fn a_cancelled_visit_is_replaced_and_the_replacement_completes_the_phase() {
    let mut w = World::new(OB);
    w.walk_to_running();
    for n in 1..=4 {
        let s = w.session(
            &format!("visit-{n}"),
            SessionKind::SupervisedVisit,
            w.slot(n),
        );
        w.plan(s);
    }
    w.ok(Command::RecordOutcome {
        session: SessionId::from("visit-2"),
        outcome: SessionOutcome::Cancelled {
            by: Party::Person(PersonId::from(RESIDENT)),
            reason: "Kind ziek.".to_owned(),
        },
    });
    for n in [1, 3, 4] {
        let events = w.hold(&format!("visit-{n}"));
        assert_eq!(advanced(&events), None);
    }
    let events = w.plan_and_hold("visit-5", SessionKind::SupervisedVisit);
    assert_eq!(advanced(&events), Some("overdrachten"));
    assert_eq!(w.case.counted(SessionKind::SupervisedVisit), 4);
}

#[test]
fn begeleide_omgangsregeling_moves_from_opbouw_to_afbouw_after_three_visits() {
    let mut w = World::new(BOR);
    w.walk_to_running();
    assert_eq!(phase(&w), Some("opbouw"));
    // Handovers and unsupervised visits wait for the afbouw.
    for kind in [
        SessionKind::SupervisedHandover,
        SessionKind::UnsupervisedVisit,
    ] {
        let s = w.session("early", kind, w.slot(1));
        assert!(matches!(
            w.refused(Command::PlanSession(s)),
            Refusal::KindNotInStage { phase: Some(_), .. }
        ));
    }
    for n in 1..=2 {
        let events = w.plan_and_hold(&format!("visit-{n}"), SessionKind::SupervisedVisit);
        assert_eq!(advanced(&events), None);
    }
    let events = w.plan_and_hold("visit-3", SessionKind::SupervisedVisit);
    assert_eq!(advanced(&events), Some("afbouw"));
    assert_eq!(phase(&w), Some("afbouw"));
    // More visits in the afbouw do not move it on again.
    for n in 4..=6 {
        let events = w.plan_and_hold(&format!("visit-{n}"), SessionKind::SupervisedVisit);
        assert_eq!(advanced(&events), None);
        assert_eq!(phase(&w), Some("afbouw"));
    }
    w.plan_and_hold("handover-1", SessionKind::SupervisedHandover);
    w.plan_and_hold("free-1", SessionKind::UnsupervisedVisit);
    w.assert_rebuilds();
}

#[test]
fn visits_planned_in_opbouw_and_held_after_the_phase_moved_on_do_not_move_it_again() {
    let mut w = World::new(BOR);
    w.walk_to_running();
    for n in 1..=5 {
        let s = w.session(
            &format!("visit-{n}"),
            SessionKind::SupervisedVisit,
            w.slot(n),
        );
        w.plan(s);
    }
    let mut moves = 0;
    for n in 1..=5 {
        if advanced(&w.hold(&format!("visit-{n}"))).is_some() {
            moves += 1;
        }
    }
    assert_eq!(moves, 1);
    assert_eq!(phase(&w), Some("afbouw"));
}

#[test]
fn a_manual_move_on_is_one_step_and_leftover_visits_do_not_skip_a_phase() {
    let mut w = World::new(OB);
    w.walk_to_running();
    w.plan_and_hold("visit-1", SessionKind::SupervisedVisit);
    let s = w.session("visit-2", SessionKind::SupervisedVisit, w.slot(3));
    w.plan(s);
    let events = w.ok(Command::AdvancePhase);
    assert_eq!(advanced(&events), Some("overdrachten"));
    // The visit planned before the move is still held; it is no handover.
    let events = w.hold("visit-2");
    assert_eq!(advanced(&events), None);
    assert_eq!(phase(&w), Some("overdrachten"));
    w.plan_and_hold("handover-1", SessionKind::SupervisedHandover);
    let events = w.plan_and_hold("handover-2", SessionKind::SupervisedHandover);
    assert_eq!(advanced(&events), Some("zelfstandig"));
}

#[test]
fn programmes_without_an_advance_rule_stay_in_their_phase() {
    for id in [IOB, OH, DRV] {
        let mut w = World::new(id);
        w.walk_to_running();
        let first = w.programme.phases[0].id.clone();
        if id == DRV {
            w.plan_and_hold("ons-1", SessionKind::OnsConversation);
        }
        for n in 1..=6 {
            let events = w.plan_and_hold(&format!("visit-{n}"), SessionKind::SupervisedVisit);
            assert_eq!(advanced(&events), None, "{id}");
            w.advance_days(6);
        }
        assert_eq!(phase(&w), Some(first.as_str()), "{id}");
    }
}

#[test]
fn the_phase_is_set_only_while_running() {
    let mut w = World::new(OB);
    let check = |w: &World| {
        assert_eq!(
            w.case.phase.is_some(),
            w.case.status == CaseStatus::Running,
            "{:?} {:?}",
            w.case.status,
            w.case.phase
        );
        if let Some(p) = &w.case.phase {
            assert!(w.programme.phase(p).is_some());
        }
    };
    check(&w);
    w.start_intake();
    check(&w);
    w.complete_intake();
    check(&w);
    let v = w.write_plan();
    w.sign(v, RESIDENT);
    check(&w);
    w.sign(v, VISITING);
    check(&w);
    w.ok(Command::EndCase {
        outcome: Outcome::Ouderschapsplan,
        summary: "Akkoord.".to_owned(),
    });
    check(&w);
    assert_eq!(w.case.status, CaseStatus::FollowUp);
    w.ok(Command::CloseFollowUp {
        summary: String::new(),
    });
    check(&w);
}

#[test]
fn folding_the_log_keeps_the_recorded_phase_moves() {
    let mut w = World::new(OB);
    w.walk_to_running();
    for n in 1..=4 {
        w.plan_and_hold(&format!("visit-{n}"), SessionKind::SupervisedVisit);
    }
    assert_eq!(phase(&w), Some("overdrachten"));
    // Folding never reads the programme: the phase move is an event of its own.
    assert!(w.log.iter().any(|r| r.event
        == CaseEvent::PhaseAdvanced {
            to: "overdrachten".to_owned()
        }));
    let mut case: Option<Case> = None;
    for rec in &w.log {
        let c = case.get_or_insert_with(|| match &rec.event {
            CaseEvent::Registered(r) => from_registration(r),
            other => panic!("{other:?}"),
        });
        apply_by(c, &rec.event, rec.at, &rec.actor);
    }
    assert_eq!(case.as_ref(), Some(&w.case));
}

#[test]
fn stored_events_survive_json_and_rebuild_the_same_case() {
    let mut w = World::new(OB);
    w.walk_to_running();
    w.plan_and_hold("visit-1", SessionKind::SupervisedVisit);
    w.report_walk("visit-1", "report-1");
    w.plan_tomorrow("visit-2", SessionKind::SupervisedVisit);
    w.ok(Command::RecordOutcome {
        session: SessionId::from("visit-2"),
        outcome: SessionOutcome::Cancelled {
            by: Party::Organisation,
            reason: "Begeleider ziek.".to_owned(),
        },
    });
    let mut json_log = Vec::new();
    for rec in &w.log {
        let json = serde_json::to_string(&rec.event).unwrap();
        let back: CaseEvent = serde_json::from_str(&json).unwrap();
        assert_eq!(back, rec.event, "{json}");
        json_log.push(back);
    }
    let CaseEvent::Registered(r) = &json_log[0] else {
        panic!("first event");
    };
    let mut case = from_registration(r);
    for (event, rec) in json_log.iter().zip(&w.log) {
        apply_by(&mut case, event, rec.at, &rec.actor);
    }
    assert_eq!(case, w.case);
    let json = serde_json::to_string(&w.case).unwrap();
    let back: Case = serde_json::from_str(&json).unwrap();
    assert_eq!(back, w.case);
}

#[test]
fn event_names_are_snake_case_and_match_the_serde_tag() {
    let mut w = World::new(OB);
    w.walk_to_running();
    w.plan_and_hold("visit-1", SessionKind::SupervisedVisit);
    w.report_walk("visit-1", "report-1");
    for rec in &w.log {
        let value = serde_json::to_value(&rec.event).unwrap();
        assert_eq!(
            value.get("event").and_then(|v| v.as_str()),
            Some(rec.event.name())
        );
    }
}

#[test]
fn refusals_leave_the_log_alone() {
    let mut w = World::new(IOB);
    w.walk_to_running();
    let len = w.log.len();
    let mut s = w.session("visit-1", SessionKind::SupervisedVisit, w.slot(1));
    s.minutes = 500;
    w.refused(Command::PlanSession(s));
    assert_eq!(w.log.len(), len);
    w.assert_rebuilds();
}
