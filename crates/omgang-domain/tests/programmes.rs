//! The five built-in programme definitions say what the seed documents say.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use omgang_domain::programme::{
    BUILT_IN, EntryRoute, EscalationTarget, IntakeStyle, Lead, LocationKind, PlanDocument,
    Programme, SessionKind,
};

#[test]
fn the_built_in_programmes_are_the_five_files_and_sound() {
    let all = programmes();
    let ids: Vec<&str> = all.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ALL.to_vec());
    for (p, (file, source)) in all.iter().zip(BUILT_IN) {
        assert_eq!(format!("{}.toml", p.id), file);
        assert!(p.problems().is_empty(), "{}: {:?}", p.id, p.problems());
        assert_eq!(&Programme::parse(file, source).unwrap(), p);
        assert!(!p.name.nl.is_empty() && !p.name.en.is_empty());
        assert!(!p.summary.nl.is_empty() && !p.summary.en.is_empty());
    }
}

#[test]
fn every_programme_protects_the_plan_and_keeps_visits_short() {
    for p in programmes() {
        assert!(p.plan.signed_by_all_parents_before_visits, "{}", p.id);
        assert!(p.locations.outside_house_requires_consent_of_both_parents);
        assert!(p.supervision.same_supervisor);
        for kind in [
            SessionKind::SupervisedVisit,
            SessionKind::SupervisedHandover,
        ] {
            if let Some(rule) = p.kind(kind) {
                assert!(rule.requires_signed_plan, "{}: {kind:?}", p.id);
                assert!(rule.needs_report, "{}: {kind:?}", p.id);
                assert_eq!(rule.led_by, Lead::Supervisor);
                assert!(rule.max_minutes <= 120);
            }
        }
        assert_eq!(
            p.kind(SessionKind::SupervisedVisit).unwrap().max_minutes,
            120
        );
        if let Some(rule) = p.kind(SessionKind::UnsupervisedVisit) {
            assert_eq!(rule.led_by, Lead::Nobody);
            assert!(!rule.needs_report);
        }
        // Every phase can be reached and every programme starts with its first phase.
        assert!(!p.phases.is_empty());
        for w in p.phases.windows(2) {
            assert_eq!(p.next_phase(&w[0].id).map(|x| &x.id), Some(&w[1].id));
        }
        assert!(p.next_phase(&p.phases.last().unwrap().id).is_none());
    }
}

#[test]
fn de_ronde_venen() {
    let p = programme(DRV);
    assert_eq!(p.plan.document, PlanDocument::Samenwerkingscontract);
    assert_eq!(p.duration.max_months, Some(6));
    assert_eq!(
        p.kind(SessionKind::OnsConversation).unwrap().led_by,
        Lead::Partner
    );
    let visit = p.kind(SessionKind::SupervisedVisit).unwrap();
    assert_eq!(visit.requires_held.len(), 1);
    assert_eq!(visit.requires_held[0].kind, SessionKind::OnsConversation);
    assert_eq!(p.partners.len(), 1);
    let cadence = p.cadence.as_ref().unwrap();
    assert_eq!(cadence.interval_days, 7);
    assert!(p.locations.allowed.contains(&LocationKind::ParentHome));
    assert!(!p.supervision.volunteers_allowed);
}

#[test]
fn intensieve_omgangsbegeleiding() {
    let p = programme(IOB);
    assert_eq!(
        (p.eligibility.child_age_min, p.eligibility.child_age_max),
        (0, 12)
    );
    assert_eq!(
        p.eligibility.entry_routes,
        vec![EntryRoute::Referral, EntryRoute::CourtOrder]
    );
    assert_eq!(p.duration.target_months, Some(6));
    assert_eq!(p.duration.max_months, Some(9));
    assert_eq!(
        p.kind(SessionKind::SupervisedVisit).unwrap().target_count,
        Some(8)
    );
    assert_eq!(
        p.kind(SessionKind::ParentConversation)
            .unwrap()
            .target_count,
        Some(8)
    );
    assert!(p.locations.allowed.contains(&LocationKind::Playground));
}

#[test]
fn ouderschap_blijft() {
    let p = programme(OB);
    assert_eq!(p.eligibility.entry_routes, vec![EntryRoute::Voluntary]);
    assert_eq!(p.intake.style, IntakeStyle::Separate);
    assert!(p.intake.child_conversation);
    assert_eq!(p.intake.interaction_observation_below_age, Some(4));
    assert_eq!(
        p.kind(SessionKind::SupervisedVisit).unwrap().max_count,
        Some(4)
    );
    assert_eq!(
        p.kind(SessionKind::SupervisedHandover).unwrap().max_count,
        Some(2)
    );
    let phases: Vec<_> = p.phases.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(
        phases,
        vec!["begeleide-omgang", "overdrachten", "zelfstandig"]
    );
    let follow_up = p.follow_up.as_ref().unwrap();
    assert_eq!((follow_up.months, follow_up.return_appointments), (6, 4));
    assert_eq!(p.deadlines.no_agreement_report_after_months, Some(6));
    assert_eq!(
        p.escalation.as_ref().unwrap().no_agreement_report_to,
        vec![EscalationTarget::Jeugdteam, EscalationTarget::VeiligThuis]
    );
    assert_eq!(p.locations.allowed, vec![LocationKind::Omgangshuis]);
}

#[test]
fn omgangshuis() {
    let p = programme(OH);
    assert_eq!(p.intake.style, IntakeStyle::Informative);
    assert!(p.intake.guardian_may_attend);
    assert!(
        p.kind(SessionKind::InformativeConversation)
            .unwrap()
            .guardian_may_attend
    );
    assert!(
        !p.kind(SessionKind::SupervisedVisit)
            .unwrap()
            .guardian_may_attend
    );
    assert_eq!(p.plan.cancellation_notice_hours, 48);
    assert_eq!(p.deadlines.report_within_days_of_visit, 2);
    assert_eq!(p.locations.allowed.len(), 4);
}

#[test]
fn begeleide_omgangsregeling() {
    let p = programme(BOR);
    assert!(p.supervision.volunteers_allowed);
    assert!(p.supervision.volunteer_requires_vog);
    assert!(p.supervision.volunteer_requires_training);
    assert_eq!(p.supervision.vog_valid_months, 36);
    assert_eq!(p.deadlines.first_visit_within_days_of_intake, Some(30));
    assert_eq!(p.duration.target_months, Some(3));
    assert_eq!(p.duration.max_months, Some(6));
    let first = &p.phases[0];
    assert_eq!(first.id, "opbouw");
    let advance = first.advance_after.unwrap();
    assert_eq!(
        (advance.kind, advance.count),
        (SessionKind::SupervisedVisit, 3)
    );
    assert!(!p.locations.allowed.contains(&LocationKind::ParentHome));
}
