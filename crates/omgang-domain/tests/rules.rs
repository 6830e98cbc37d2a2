//! The refusals each programme must give, with their Dutch and English messages.

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
    CaseEvent, CaseStatus, Command, ConsentSubject, Evaluation, EvaluationKind, Outcome, Party,
    PersonRole, ReportState, SessionOutcome, SessionState, SignatureMethod,
};
use omgang_domain::ids::{OrgId, PersonId, ReportId, SessionId, UserId};
use omgang_domain::programme::{EntryRoute, LocationKind, PlanDocument, SessionKind};
use omgang_domain::refusal::Refusal;
use omgang_domain::text::Lang;

fn consent(w: &mut World, parent: &str, given: bool) {
    w.ok(Command::RecordConsent {
        parent: PersonId::from(parent),
        subject: ConsentSubject::VisitOutsideHouse,
        given,
        on: w.today(),
        note: String::new(),
    });
}

fn cancel(session: &str, by: Party) -> Command {
    Command::RecordOutcome {
        session: SessionId::from(session),
        outcome: SessionOutcome::Cancelled {
            by,
            reason: "Ziek.".to_owned(),
        },
    }
}

// ---- registration ----------------------------------------------------------------------

#[test]
fn a_wrong_entry_route_is_refused_at_registration() {
    let cases = [
        (OB, EntryRoute::CourtOrder),
        (OB, EntryRoute::Referral),
        (IOB, EntryRoute::Voluntary),
        (DRV, EntryRoute::CourtOrder),
        (BOR, EntryRoute::CourtOrder),
    ];
    for (id, route) in cases {
        let p = programme(id);
        let mut r = registration(&p, start_date());
        r.entry_route = route;
        let refusal = World::register(p.clone(), r, ts(start_date(), 9, 0)).unwrap_err();
        match &refusal {
            Refusal::EntryRouteNotAccepted {
                route: got,
                accepted,
                programme,
            } => {
                assert_eq!(*got, route);
                assert_eq!(accepted, &p.eligibility.entry_routes);
                assert_eq!(programme, &p.name);
            }
            other => panic!("{id}: {other:?}"),
        }
        assert_sensible(&refusal);
        assert!(refusal.message(Lang::Nl).contains(&p.name.nl));
        assert!(refusal.message(Lang::En).contains(&p.name.en));
    }
    let p = programme(OB);
    let nl = Refusal::EntryRouteNotAccepted {
        route: EntryRoute::CourtOrder,
        programme: p.name.clone(),
        accepted: p.eligibility.entry_routes.clone(),
    }
    .message(Lang::Nl);
    assert!(nl.contains("rechterlijke uitspraak"), "{nl}");
    assert!(nl.contains("vrijwillig"), "{nl}");
    // Every accepted route is accepted.
    for p in programmes() {
        for route in p.eligibility.entry_routes.clone() {
            let mut r = registration(&p, start_date());
            r.entry_route = route;
            World::register(p.clone(), r, ts(start_date(), 9, 0)).unwrap();
        }
    }
}

#[test]
fn a_fourteen_year_old_is_refused_in_intensieve_omgangsbegeleiding() {
    let p = programme(IOB);
    let mut r = registration(&p, start_date());
    r.children = vec![child("c-old", "Noor", date(2011, 9, 1))];
    let refusal = World::register(p.clone(), r, ts(start_date(), 9, 0)).unwrap_err();
    assert_eq!(
        refusal,
        Refusal::ChildAgeOutsideProgramme {
            child: "Noor".to_owned(),
            age: 14,
            min: 0,
            max: 12,
            programme: p.name.clone(),
        }
    );
    assert_sensible(&refusal);
    let nl = refusal.message(Lang::Nl);
    assert!(nl.contains("Noor is 14"), "{nl}");
    assert!(nl.contains("0 tot en met 12"), "{nl}");
    // The same child is welcome in a programme for all minors.
    let oh = programme(OH);
    let mut r = registration(&oh, start_date());
    r.children = vec![child("c-old", "Noor", date(2011, 9, 1))];
    World::register(oh, r, ts(start_date(), 9, 0)).unwrap();
}

#[test]
fn the_age_limit_is_inclusive_and_counted_on_the_registration_date() {
    let p = programme(IOB);
    let on = start_date();
    // "Tot ongeveer 12 jaar" (issue 12): a 13-year-old may register (the intake asks for a
    // confirmed reason); the hard limit is the day before the 14th birthday.
    for (birth, ok) in [
        (date(2013, 3, 3), true),  // 12, turns 13 tomorrow
        (date(2013, 3, 2), true),  // 13 today: soft
        (date(2012, 3, 3), true),  // 13, turns 14 tomorrow
        (date(2012, 3, 2), false), // 14 today
        (date(2026, 3, 2), true),  // born today: 0
        (date(2026, 3, 3), false), // not born yet
    ] {
        let mut r = registration(&p, on);
        r.children = vec![child("c-x", "X", birth)];
        let result = World::register(p.clone(), r, ts(on, 9, 0));
        assert_eq!(result.is_ok(), ok, "born {birth}");
    }
    // One child out of range refuses the whole registration.
    let mut r = registration(&p, on);
    r.children.push(child("c-big", "Groot", date(2010, 1, 1)));
    assert!(matches!(
        World::register(p, r, ts(on, 9, 0)),
        Err(Refusal::ChildAgeOutsideProgramme { age: 16, .. })
    ));
}

#[test]
fn a_child_who_outgrows_the_programme_before_the_intake_is_done_is_refused_there() {
    // Issue 12: turning 13 ("ongeveer 12") asks for a confirmed reason; turning 14 refuses.
    let p = programme(IOB);
    let mut r = registration(&p, start_date());
    r.children = vec![child("c-x", "Lisa", date(2013, 3, 20))];
    let mut w = World::register(p.clone(), r, ts(start_date(), 9, 0)).unwrap();
    w.start_intake();
    w.set_now(ts(date(2026, 3, 25), 9, 0));
    let refusal = w.refused(Command::CompleteIntake {
        eligible: true,
        notes: String::new(),
        reason: None,
    });
    assert!(
        matches!(refusal, Refusal::ConfirmationNeeded { .. }),
        "{refusal:?}"
    );
    let mut r = registration(&p, start_date());
    r.children = vec![child("c-x", "Lisa", date(2012, 3, 20))];
    let mut w = World::register(p, r, ts(start_date(), 9, 0)).unwrap();
    w.start_intake();
    w.set_now(ts(date(2026, 3, 25), 9, 0));
    let refusal = w.refused(Command::CompleteIntake {
        eligible: true,
        notes: String::new(),
        reason: None,
    });
    assert!(matches!(
        refusal,
        Refusal::ChildAgeOutsideProgramme { age: 14, .. }
    ));
}

#[test]
fn registrations_without_children_or_parents_or_with_two_of_a_kind_are_refused() {
    let p = programme(BOR);
    let at = ts(start_date(), 9, 0);
    let mut r = registration(&p, start_date());
    r.children.clear();
    assert_eq!(
        World::register(p.clone(), r, at).unwrap_err(),
        Refusal::NoChildren
    );
    let mut r = registration(&p, start_date());
    r.people.retain(|x| !x.role.is_parent());
    assert_eq!(
        World::register(p.clone(), r, at).unwrap_err(),
        Refusal::NoParent
    );
    let mut r = registration(&p, start_date());
    r.people
        .push(person("p-second", "Tweede", PersonRole::NonResidentParent));
    assert_eq!(
        World::register(p.clone(), r, at).unwrap_err(),
        Refusal::TooManyParents
    );
    let mut r = registration(&p, start_date());
    r.programme = OB.to_owned();
    assert_eq!(
        World::register(p.clone(), r, at).unwrap_err(),
        Refusal::WrongProgramme
    );
    for refusal in [
        Refusal::NoChildren,
        Refusal::NoParent,
        Refusal::TooManyParents,
        Refusal::WrongProgramme,
    ] {
        assert_sensible(&refusal);
    }
    // A registration by one parent with only that parent known is fine.
    let mut r = registration(&p, start_date());
    r.people.retain(|x| x.role == PersonRole::ResidentParent);
    World::register(p, r, at).unwrap();
}

// ---- the plan ----------------------------------------------------------------------------

#[test]
fn no_visit_before_both_parents_signed_in_any_programme() {
    for p in programmes() {
        let mut w = World::new(&p.id);
        w.start_intake();
        w.complete_intake();
        let visit = w.session("visit-1", SessionKind::SupervisedVisit, w.slot(3));
        // No plan at all yet.
        assert_eq!(
            w.refused(Command::PlanSession(visit.clone())),
            Refusal::NoPlan {
                document: p.plan.document
            },
            "{}",
            p.id
        );
        let v = w.write_plan();
        // Not signed by anyone.
        match w.refused(Command::PlanSession(visit.clone())) {
            Refusal::PlanNotSigned {
                kind,
                version,
                missing,
                document,
            } => {
                assert_eq!(kind, SessionKind::SupervisedVisit);
                assert_eq!(version, 1);
                assert_eq!(document, p.plan.document);
                assert_eq!(missing, vec![RESIDENT_NAME, VISITING_NAME]);
            }
            other => panic!("{}: {other:?}", p.id),
        }
        w.sign(v, RESIDENT);
        let refusal = w.refused(Command::PlanSession(visit.clone()));
        let Refusal::PlanNotSigned { ref missing, .. } = refusal else {
            panic!("{}: {refusal:?}", p.id);
        };
        assert_eq!(missing, &vec![VISITING_NAME.to_owned()]);
        let nl = refusal.message(Lang::Nl);
        let en = refusal.message(Lang::En);
        let document_nl = match p.plan.document {
            PlanDocument::PlanVanAanpak => "plan van aanpak",
            PlanDocument::Samenwerkingscontract => "samenwerkingscontract",
        };
        assert!(
            nl.contains(&format!(
                "kan pas gepland worden als beide ouders versie 1 van het {document_nl} hebben ondertekend"
            )),
            "{nl}"
        );
        assert!(nl.starts_with("Begeleide omgang kan pas"), "{nl}");
        assert!(nl.contains(VISITING_NAME), "{nl}");
        assert!(!nl.contains(RESIDENT_NAME), "{nl}");
        assert!(en.contains("both parents have signed version 1"), "{en}");
        assert!(en.contains(VISITING_NAME), "{en}");
        // Handovers and unsupervised visits too, where the programme has them.
        for kind in [
            SessionKind::SupervisedHandover,
            SessionKind::UnsupervisedVisit,
        ] {
            if p.kind(kind).is_some() {
                let s = w.session("other", kind, w.slot(3));
                assert!(matches!(
                    w.refused(Command::PlanSession(s)),
                    Refusal::PlanNotSigned { .. }
                ));
            }
        }
        // Only the intake sessions the programme names (issue 12) were held; no visit.
        assert!(w.case.sessions.iter().all(|s| s.kind.is_intake_stage()));
    }
}

#[test]
fn the_plan_of_approach_message_reads_as_in_the_brief() {
    let mut w = World::new(OB);
    w.start_intake();
    w.complete_intake();
    let v = w.write_plan();
    w.sign(v, VISITING);
    let visit = w.session("visit-1", SessionKind::SupervisedVisit, w.slot(3));
    let refusal = w.refused(Command::PlanSession(visit));
    assert_eq!(
        refusal.message(Lang::Nl),
        format!(
            "Begeleide omgang kan pas gepland worden als beide ouders versie 1 van het plan van aanpak hebben ondertekend. Nog niet getekend: {RESIDENT_NAME}."
        )
    );
    assert_eq!(
        refusal.message(Lang::En),
        format!(
            "A supervised visit can only be planned once both parents have signed version 1 of the plan of approach. Not yet signed by: {RESIDENT_NAME}."
        )
    );
    assert_eq!(refusal.code(), "plan_not_signed");
}

#[test]
fn a_new_plan_version_stops_new_visits_until_both_sign_it() {
    let mut w = World::new(OH);
    w.walk_to_running();
    w.plan_and_hold("visit-1", SessionKind::SupervisedVisit);
    let v2 = w.write_plan();
    assert_eq!(v2, 2);
    assert_eq!(w.case.status, CaseStatus::Running);
    let visit = w.session("visit-2", SessionKind::SupervisedVisit, w.slot(2));
    assert!(matches!(
        w.refused(Command::PlanSession(visit.clone())),
        Refusal::PlanNotSigned { version: 2, ref missing, .. } if missing.len() == 2
    ));
    // Signing the old version is refused.
    assert_eq!(
        w.refused(Command::SignPlan {
            version: 1,
            parent: PersonId::from(RESIDENT),
            method: SignatureMethod::Portal,
            signed_on: None,
        }),
        Refusal::NotCurrentPlanVersion {
            version: 1,
            current: 2
        }
    );
    w.sign(v2, RESIDENT);
    // Signing twice is refused, and so is a signature by someone who is not a parent.
    assert!(matches!(
        w.refused(Command::SignPlan {
            version: 2,
            parent: PersonId::from(RESIDENT),
            method: SignatureMethod::Portal,
            signed_on: None,
        }),
        Refusal::AlreadySigned { version: 2, ref parent } if parent == RESIDENT_NAME
    ));
    assert_eq!(
        w.refused(Command::SignPlan {
            version: 2,
            parent: PersonId::from(GUARDIAN),
            method: SignatureMethod::Portal,
            signed_on: None,
        }),
        Refusal::NotAParent
    );
    let events = w.sign(v2, VISITING);
    assert_eq!(
        events.len(),
        1,
        "already running: no second start {events:?}"
    );
    w.plan(visit);
}

#[test]
fn a_plan_is_written_only_after_the_intake() {
    let mut w = World::new(IOB);
    assert!(matches!(
        w.refused(Command::WritePlan {
            content: plan_content()
        }),
        Refusal::NotInThisStatus {
            status: CaseStatus::Registered
        }
    ));
    w.start_intake();
    assert!(matches!(
        w.refused(Command::WritePlan {
            content: plan_content()
        }),
        Refusal::NotInThisStatus {
            status: CaseStatus::Intake
        }
    ));
    assert_eq!(
        w.refused(Command::SignPlan {
            version: 1,
            parent: PersonId::from(RESIDENT),
            method: SignatureMethod::Paper,
            signed_on: None,
        }),
        Refusal::NoPlan {
            document: PlanDocument::PlanVanAanpak
        }
    );
    assert!(matches!(
        w.refused(Command::StartIntake),
        Refusal::NotInThisStatus { .. }
    ));
}

// ---- counts, kinds and stages ------------------------------------------------------------

#[test]
fn a_fifth_supervised_visit_is_refused_in_ouderschap_blijft() {
    // Four planned, none held yet: the maximum.
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
    let fifth = w.session("visit-5", SessionKind::SupervisedVisit, w.slot(5));
    let refusal = w.refused(Command::PlanSession(fifth.clone()));
    assert!(
        matches!(
            refusal,
            Refusal::MaxCountReached {
                kind: SessionKind::SupervisedVisit,
                max: 4,
                ..
            }
        ),
        "{refusal:?}"
    );
    assert!(refusal.message(Lang::Nl).contains("hoogstens 4 keer"));
    // A cancelled visit does not count, so one more may be planned.
    w.ok(cancel("visit-4", Party::Person(PersonId::from(VISITING))));
    w.plan(fifth);
    assert_eq!(w.case.counted(SessionKind::SupervisedVisit), 4);

    // Four held: the case has moved on, and visits no longer belong to the phase.
    let mut w = World::new(OB);
    w.walk_to_running();
    for n in 1..=4 {
        w.plan_and_hold(&format!("visit-{n}"), SessionKind::SupervisedVisit);
    }
    assert_eq!(w.case.phase.as_deref(), Some("overdrachten"));
    let fifth = w.session("visit-5", SessionKind::SupervisedVisit, w.slot(1));
    let refusal = w.refused(Command::PlanSession(fifth));
    match &refusal {
        Refusal::KindNotInStage {
            kind: SessionKind::SupervisedVisit,
            status: CaseStatus::Running,
            phase: Some(phase),
        } => assert_eq!(phase.nl, "Overdrachtsbegeleiding"),
        Refusal::MaxCountReached { .. } => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_kind_the_programme_does_not_have_is_refused() {
    let mut w = World::new(OB);
    w.walk_to_running();
    let s = w.session("ons-1", SessionKind::OnsConversation, w.slot(1));
    assert!(matches!(
        w.refused(Command::PlanSession(s)),
        Refusal::KindNotInProgramme {
            kind: SessionKind::OnsConversation,
            ..
        }
    ));
    // Handovers wait for their phase.
    let s = w.session("h-1", SessionKind::SupervisedHandover, w.slot(1));
    assert!(matches!(
        w.refused(Command::PlanSession(s)),
        Refusal::KindNotInStage { phase: Some(_), .. }
    ));
}

#[test]
fn sessions_wait_for_their_stage() {
    for p in programmes() {
        let mut w = World::new(&p.id);
        let intake_kind = p.session_kinds[0].kind;
        let s = w.session("s-1", intake_kind, w.slot(1));
        assert!(
            matches!(
                w.refused(Command::PlanSession(s.clone())),
                Refusal::KindNotInStage {
                    status: CaseStatus::Registered,
                    phase: None,
                    ..
                }
            ),
            "{}",
            p.id
        );
        w.start_intake();
        w.plan(s);
        let e = w.session("e-1", SessionKind::Evaluation, w.slot(1));
        assert!(matches!(
            w.refused(Command::PlanSession(e)),
            Refusal::KindNotInStage {
                status: CaseStatus::Intake,
                ..
            }
        ));
        let dup = w.session("s-1", intake_kind, w.slot(2));
        assert_eq!(
            w.refused(Command::PlanSession(dup)),
            Refusal::DuplicateSession
        );
    }
}

#[test]
fn a_visit_longer_than_two_hours_is_refused() {
    for p in programmes() {
        let mut w = World::new(&p.id);
        w.walk_to_running();
        if p.kind(SessionKind::SupervisedVisit)
            .is_some_and(|k| !k.requires_held.is_empty())
        {
            w.plan_and_hold("ons-1", SessionKind::OnsConversation);
        }
        let mut s = w.session("visit-1", SessionKind::SupervisedVisit, w.slot(1));
        s.minutes = 121;
        let refusal = w.refused(Command::PlanSession(s.clone()));
        assert_eq!(
            refusal,
            Refusal::TooLong {
                kind: SessionKind::SupervisedVisit,
                minutes: 121,
                max: 120
            },
            "{}",
            p.id
        );
        assert!(
            refusal.message(Lang::Nl).contains("hoogstens 120 minuten"),
            "{}",
            refusal.message(Lang::Nl)
        );
        assert!(refusal.message(Lang::En).contains("at most 120 minutes"));
        s.minutes = 0;
        assert!(matches!(
            w.refused(Command::PlanSession(s.clone())),
            Refusal::TooLong { minutes: 0, .. }
        ));
        s.minutes = 120;
        w.plan(s);
    }
}

#[test]
fn a_supervised_visit_in_de_ronde_venen_needs_a_held_ons_conversation_and_ons_needs_a_partner() {
    let mut w = World::new(DRV);
    w.start_intake();
    w.complete_intake();
    let v = w.write_plan();
    w.sign(v, RESIDENT);
    w.sign(v, VISITING);
    assert_eq!(w.case.partner, None);
    let visit = w.session("visit-1", SessionKind::SupervisedVisit, w.slot(2));
    let refusal = w.refused(Command::PlanSession(visit.clone()));
    assert_eq!(
        refusal,
        Refusal::PrerequisiteMissing {
            kind: SessionKind::SupervisedVisit,
            needs: SessionKind::OnsConversation,
            count: 1
        }
    );
    assert!(refusal.message(Lang::Nl).contains("ONS-gesprek"));
    let ons = w.session("ons-1", SessionKind::OnsConversation, w.slot(1));
    let refusal = w.refused(Command::PlanSession(ons.clone()));
    assert_eq!(
        refusal,
        Refusal::NoPartnerAssigned {
            kind: SessionKind::OnsConversation
        }
    );
    assert!(refusal.message(Lang::Nl).contains("partnerorganisatie"));
    w.ok(Command::AssignPartner {
        organisation: Some(OrgId::from(PARTNER)),
    });
    w.plan(ons);
    // Planned is not enough: it must have been held.
    assert!(matches!(
        w.refused(Command::PlanSession(visit.clone())),
        Refusal::PrerequisiteMissing { .. }
    ));
    w.hold("ons-1");
    w.plan(visit);
}

#[test]
fn a_cancelled_ons_conversation_does_not_open_the_visits() {
    let mut w = World::new(DRV);
    w.walk_to_running();
    w.plan_tomorrow("ons-1", SessionKind::OnsConversation);
    w.ok(cancel("ons-1", Party::Organisation));
    let visit = w.session("visit-1", SessionKind::SupervisedVisit, w.slot(3));
    assert!(matches!(
        w.refused(Command::PlanSession(visit)),
        Refusal::PrerequisiteMissing { .. }
    ));
}

#[test]
fn a_partner_only_where_the_programme_has_a_partner_part() {
    for p in programmes() {
        let mut w = World::new(&p.id);
        let cmd = Command::AssignPartner {
            organisation: Some(OrgId::from(PARTNER)),
        };
        if p.partners.is_empty() {
            assert!(
                matches!(w.refused(cmd), Refusal::NoPartnerPart { .. }),
                "{}",
                p.id
            );
        } else {
            w.ok(cmd);
        }
        w.ok(Command::AssignPartner { organisation: None });
        assert_eq!(w.case.partner, None);
    }
}

#[test]
fn a_child_conversation_when_all_children_are_below_four_in_ouderschap_blijft() {
    let p = programme(OB);
    let mut r = registration(&p, start_date());
    r.children = vec![
        child("c-1", "Mees", date(2023, 1, 1)),
        child("c-2", "Fien", date(2024, 6, 1)),
    ];
    let mut w = World::register(p.clone(), r, ts(start_date(), 9, 0)).unwrap();
    w.start_intake();
    let mut talk = w.session("child-1", SessionKind::ChildConversation, w.slot(1));
    talk.participants = vec![PersonId::from("c-1")];
    let refusal = w.refused(Command::PlanSession(talk));
    assert_eq!(refusal, Refusal::ChildTooYoungForConversation { below: 4 });
    assert!(refusal.message(Lang::Nl).contains("interactie-observatie"));
    // An interaction observation instead, led by a supervisor, with a report.
    let mut obs = w.session("obs-1", SessionKind::InteractionObservation, w.slot(1));
    obs.participants = vec![PersonId::from("c-1"), PersonId::from(VISITING)];
    let events = w.plan(obs);
    assert!(matches!(
        events.as_slice(),
        [
            CaseEvent::SupervisorAssigned { .. },
            CaseEvent::SessionPlanned(_)
        ]
    ));
    w.hold("obs-1");
    w.report_walk("obs-1", "report-obs");

    // One child of four or older is enough; the age is counted on the session date.
    let mut r = registration(&p, start_date());
    r.children = vec![
        child("c-1", "Mees", date(2022, 3, 10)),
        child("c-2", "Fien", date(2024, 6, 1)),
    ];
    let mut w = World::register(p, r, ts(start_date(), 9, 0)).unwrap();
    w.start_intake();
    let early = w.session("child-1", SessionKind::ChildConversation, w.slot(1));
    assert!(matches!(
        w.refused(Command::PlanSession(early)),
        Refusal::ChildTooYoungForConversation { .. }
    ));
    let mut later = w.session("child-1", SessionKind::ChildConversation, w.slot(8));
    later.participants = vec![PersonId::from("c-1")];
    w.plan(later);
}

// ---- supervisors ---------------------------------------------------------------------------

#[test]
fn volunteers_in_begeleide_omgangsregeling_need_a_valid_vog_and_training() {
    let mut w = World::new(BOR);
    w.walk_to_running();
    let visit = w.session("visit-1", SessionKind::SupervisedVisit, w.slot(1));
    let visit_date = visit.starts_at.date();

    // No VOG.
    w.staff = Some(volunteer(SUPERVISOR, None, Some(date(2025, 1, 1))));
    let refusal = w.refused(Command::PlanSession(visit.clone()));
    assert!(matches!(
        refusal,
        Refusal::VogNotValid {
            issued_on: None,
            valid_months: 36,
            ..
        }
    ));
    assert!(refusal.message(Lang::Nl).contains("geen VOG"));

    // A VOG older than 36 months on the visit date.
    let old = date(2023, 3, 3);
    w.staff = Some(volunteer(SUPERVISOR, Some(old), Some(date(2025, 1, 1))));
    let refusal = w.refused(Command::PlanSession(visit.clone()));
    assert_eq!(
        refusal,
        Refusal::VogNotValid {
            supervisor: "Vera Vrijwilliger".to_owned(),
            issued_on: Some(old),
            valid_months: 36,
            on: visit_date,
        }
    );
    let nl = refusal.message(Lang::Nl);
    assert!(nl.contains("3 maart 2023"), "{nl}");
    assert!(nl.contains("niet meer geldig"), "{nl}");
    // The VOG is refused via AssignSupervisor too.
    assert!(matches!(
        w.refused(Command::AssignSupervisor {
            user: UserId::from(SUPERVISOR),
            reason: None,
        }),
        Refusal::VogNotValid { .. }
    ));

    // A VOG issued in the future is not valid yet.
    w.staff = Some(volunteer(
        SUPERVISOR,
        Some(date(2026, 12, 1)),
        Some(date(2025, 1, 1)),
    ));
    assert!(matches!(
        w.refused(Command::PlanSession(visit.clone())),
        Refusal::VogNotValid { .. }
    ));

    // No training.
    w.staff = Some(volunteer(SUPERVISOR, Some(date(2025, 6, 1)), None));
    let refusal = w.refused(Command::PlanSession(visit.clone()));
    assert_eq!(
        refusal,
        Refusal::TrainingMissing {
            supervisor: "Vera Vrijwilliger".to_owned()
        }
    );
    assert!(refusal.message(Lang::Nl).contains("training"));
    // Training completed only after the visit date.
    w.staff = Some(volunteer(
        SUPERVISOR,
        Some(date(2025, 6, 1)),
        Some(date(2026, 12, 1)),
    ));
    assert!(matches!(
        w.refused(Command::PlanSession(visit.clone())),
        Refusal::TrainingMissing { .. }
    ));

    // A professional never needs either.
    w.staff = Some(professional(SUPERVISOR, "Piet Professional"));
    w.plan(visit);
}

#[test]
fn a_vog_is_valid_up_to_the_day_before_its_validity_ends() {
    let mut w = World::new(BOR);
    w.walk_to_running();
    // The visit is on 5 March 2026 (tomorrow); a VOG of 5 March 2023 has just expired.
    let visit = w.session("visit-1", SessionKind::SupervisedVisit, w.slot(1));
    assert_eq!(visit.starts_at.date(), date(2026, 3, 5));
    w.staff = Some(volunteer(
        SUPERVISOR,
        Some(date(2023, 3, 5)),
        Some(date(2024, 1, 1)),
    ));
    assert!(matches!(
        w.refused(Command::PlanSession(visit.clone())),
        Refusal::VogNotValid { .. }
    ));
    w.staff = Some(volunteer(
        SUPERVISOR,
        Some(date(2023, 3, 6)),
        Some(date(2024, 1, 1)),
    ));
    w.plan(visit);
}

#[test]
fn volunteers_are_refused_where_the_programme_does_not_allow_them() {
    for p in programmes() {
        let mut w = World::new(&p.id);
        w.walk_to_running();
        w.staff = Some(good_volunteer(SUPERVISOR));
        let cmd = Command::AssignSupervisor {
            user: UserId::from(SUPERVISOR),
            reason: None,
        };
        if p.supervision.volunteers_allowed {
            w.ok(cmd);
            continue;
        }
        let refusal = w.refused(cmd);
        assert_eq!(
            refusal,
            Refusal::VolunteersNotAllowed {
                programme: p.name.clone()
            },
            "{}",
            p.id
        );
        assert!(refusal.message(Lang::Nl).contains("geen vrijwilligers"));
        if p.kind(SessionKind::SupervisedVisit)
            .is_none_or(|k| k.requires_held.is_empty())
        {
            let visit = w.session("visit-1", SessionKind::SupervisedVisit, w.slot(1));
            assert!(matches!(
                w.refused(Command::PlanSession(visit)),
                Refusal::VolunteersNotAllowed { .. }
            ));
        }
    }
}

#[test]
fn another_supervisor_than_the_cases_own_is_refused() {
    for p in programmes() {
        let mut w = World::new(&p.id);
        w.walk_to_running();
        if p.kind(SessionKind::SupervisedVisit)
            .is_some_and(|k| !k.requires_held.is_empty())
        {
            w.plan_and_hold("ons-1", SessionKind::OnsConversation);
        }
        w.plan_and_hold("visit-1", SessionKind::SupervisedVisit);
        assert_eq!(w.case.supervisor.as_ref(), Some(&UserId::from(SUPERVISOR)));
        let mut other = default_supervisor(&p);
        other.id = UserId::from(OTHER_SUPERVISOR);
        w.staff = Some(other);
        let mut visit = w.session("visit-2", SessionKind::SupervisedVisit, w.slot(1));
        visit.supervisor = Some(UserId::from(OTHER_SUPERVISOR));
        let refusal = w.refused(Command::PlanSession(visit.clone()));
        assert_eq!(refusal, Refusal::NotTheCaseSupervisor, "{}", p.id);
        assert!(
            refusal
                .message(Lang::Nl)
                .contains("dezelfde omgangsbegeleider")
        );
        // Reassigning the case first makes it possible: with a reason, recorded (issue 12,
        // seed 003's "dezelfde begeleider").
        assert_eq!(
            w.refused(Command::AssignSupervisor {
                user: UserId::from(OTHER_SUPERVISOR),
                reason: None,
            }),
            Refusal::SupervisorChangeNeedsReason
        );
        w.ok(Command::AssignSupervisor {
            user: UserId::from(OTHER_SUPERVISOR),
            reason: Some("Begeleider met zwangerschapsverlof.".to_owned()),
        });
        let change = w.case.supervisor_history.last().expect("recorded");
        assert_eq!(change.previous, Some(UserId::from(SUPERVISOR)));
        assert_eq!(
            change.reason.as_deref(),
            Some("Begeleider met zwangerschapsverlof.")
        );
        assert_eq!(
            w.case.supervisor_history.len(),
            2,
            "first assignment, then the change"
        );
        // (A week-rhythm warning, confirmed by the helper, is recorded beside it: issue 12.)
        let events: Vec<CaseEvent> = w
            .plan(visit)
            .into_iter()
            .filter(|e| !matches!(e, CaseEvent::WarningsConfirmed { .. }))
            .collect();
        assert_eq!(events.len(), 1, "{events:?}");
    }
}

#[test]
fn a_supervisor_must_be_named_and_known() {
    let mut w = World::new(IOB);
    w.walk_to_running();
    let mut visit = w.session("visit-1", SessionKind::SupervisedVisit, w.slot(1));
    visit.supervisor = None;
    assert_eq!(
        w.refused(Command::PlanSession(visit.clone())),
        Refusal::SupervisorRequired {
            kind: SessionKind::SupervisedVisit
        }
    );
    visit.supervisor = Some(UserId::from("u-nobody"));
    assert_eq!(
        w.refused(Command::PlanSession(visit.clone())),
        Refusal::UnknownSupervisor
    );
    w.staff = None;
    visit.supervisor = Some(UserId::from(SUPERVISOR));
    assert_eq!(
        w.refused(Command::PlanSession(visit)),
        Refusal::UnknownSupervisor
    );
    assert_eq!(
        w.refused(Command::AssignSupervisor {
            user: UserId::from(SUPERVISOR),
            reason: None,
        }),
        Refusal::UnknownSupervisor
    );
}

#[test]
fn a_double_booked_supervisor_is_refused() {
    let mut w = World::new(OH);
    w.walk_to_running();
    let visit = w.session("visit-1", SessionKind::SupervisedVisit, w.slot(1));
    let start = visit.starts_at;
    let plus = |minutes: i64| {
        start
            .checked_add(jiff::Span::new().minutes(minutes))
            .unwrap()
    };
    // Busy elsewhere from 10:30 to 11:30 overlaps 10:00-11:00.
    let mut staff = w.staff.clone().unwrap();
    staff.busy = vec![(plus(30), plus(90))];
    w.staff = Some(staff.clone());
    let refusal = w.refused(Command::PlanSession(visit.clone()));
    assert_eq!(
        refusal,
        Refusal::SupervisorDoubleBooked {
            supervisor: staff.name.clone()
        }
    );
    assert!(refusal.message(Lang::Nl).contains("al een andere afspraak"));
    // Back to back is fine.
    staff.busy = vec![(plus(60), plus(120)), (plus(-60), plus(0))];
    w.staff = Some(staff);
    w.plan(visit);
    // The case's own planned visit counts as busy too.
    let mut overlap = w.session("visit-2", SessionKind::SupervisedVisit, plus(45));
    overlap.minutes = 30;
    assert!(matches!(
        w.refused(Command::PlanSession(overlap.clone())),
        Refusal::SupervisorDoubleBooked { .. }
    ));
    // Once that visit is cancelled the time is free again.
    w.ok(cancel("visit-1", Party::Organisation));
    w.staff.as_mut().unwrap().busy.clear();
    w.plan(overlap);
}

// ---- places and people ---------------------------------------------------------------------

#[test]
fn a_visit_outside_the_house_needs_both_parents_consent() {
    let mut w = World::new(IOB);
    w.walk_to_running();
    let mut visit = w.session("visit-1", SessionKind::SupervisedVisit, w.slot(1));
    visit.place = playground();
    let refusal = w.refused(Command::PlanSession(visit.clone()));
    assert_eq!(
        refusal,
        Refusal::ConsentMissing {
            location: LocationKind::Playground,
            missing: vec![RESIDENT_NAME.to_owned(), VISITING_NAME.to_owned()],
        }
    );
    let nl = refusal.message(Lang::Nl);
    assert!(nl.contains("speeltuin"), "{nl}");
    assert!(
        nl.contains(&format!("{RESIDENT_NAME} en {VISITING_NAME}")),
        "{nl}"
    );
    consent(&mut w, VISITING, true);
    assert_eq!(
        w.refused(Command::PlanSession(visit.clone())),
        Refusal::ConsentMissing {
            location: LocationKind::Playground,
            missing: vec![RESIDENT_NAME.to_owned()],
        }
    );
    // A "no" does not count.
    consent(&mut w, RESIDENT, false);
    assert!(matches!(
        w.refused(Command::PlanSession(visit.clone())),
        Refusal::ConsentMissing { .. }
    ));
    consent(&mut w, RESIDENT, true);
    w.plan(visit);
    // A withdrawn consent stops the next one.
    consent(&mut w, RESIDENT, false);
    let mut next = w.session("visit-2", SessionKind::SupervisedVisit, w.slot(8));
    next.place = parent_home(Some(VISITING));
    assert!(matches!(
        w.refused(Command::PlanSession(next.clone())),
        Refusal::ConsentMissing {
            location: LocationKind::ParentHome,
            ..
        }
    ));
    // In the house no consent is needed.
    next.place = omgangshuis();
    w.plan(next);
    // Only a parent can consent.
    assert_eq!(
        w.refused(Command::RecordConsent {
            parent: PersonId::from(GUARDIAN),
            subject: ConsentSubject::VisitOutsideHouse,
            given: true,
            on: w.today(),
            note: String::new(),
        }),
        Refusal::NotAParent
    );
}

#[test]
fn places_the_programme_does_not_use_are_refused() {
    let mut w = World::new(OB);
    w.walk_to_running();
    consent(&mut w, RESIDENT, true);
    consent(&mut w, VISITING, true);
    let mut visit = w.session("visit-1", SessionKind::SupervisedVisit, w.slot(1));
    visit.place = playground();
    assert!(matches!(
        w.refused(Command::PlanSession(visit)),
        Refusal::LocationNotAllowed {
            location: LocationKind::Playground,
            ..
        }
    ));
    let mut w = World::new(BOR);
    w.walk_to_running();
    let mut visit = w.session("visit-1", SessionKind::SupervisedVisit, w.slot(1));
    visit.place = parent_home(Some(VISITING));
    assert!(matches!(
        w.refused(Command::PlanSession(visit)),
        Refusal::LocationNotAllowed {
            location: LocationKind::ParentHome,
            ..
        }
    ));
    let mut w = World::new(OH);
    w.walk_to_running();
    consent(&mut w, RESIDENT, true);
    consent(&mut w, VISITING, true);
    let mut visit = w.session("visit-1", SessionKind::SupervisedVisit, w.slot(1));
    visit.place = parent_home(None);
    assert_eq!(
        w.refused(Command::PlanSession(visit.clone())),
        Refusal::HomeOfRequired
    );
    visit.place = parent_home(Some(GUARDIAN));
    assert_eq!(
        w.refused(Command::PlanSession(visit.clone())),
        Refusal::NotAParent
    );
    visit.place = parent_home(Some(RESIDENT));
    w.plan(visit);
}

#[test]
fn participants_must_belong_to_the_case_and_guardians_only_where_allowed() {
    let mut w = World::new(OB);
    w.start_intake();
    let mut intake = w.session("intake-1", SessionKind::Intake, w.slot(1));
    intake.participants.push(PersonId::from("p-stranger"));
    assert_eq!(
        w.refused(Command::PlanSession(intake.clone())),
        Refusal::UnknownPerson
    );
    intake.participants = vec![PersonId::from(RESIDENT), PersonId::from(GUARDIAN)];
    assert_eq!(
        w.refused(Command::PlanSession(intake.clone())),
        Refusal::GuardianMayNotAttend {
            kind: SessionKind::Intake
        }
    );
    intake.participants = vec![PersonId::from(RESIDENT), PersonId::from(CHILD)];
    w.plan(intake);

    // In the omgangshuis programme the guardian attends the informative conversation.
    let mut w = World::new(OH);
    w.start_intake();
    let mut info = w.session("info-1", SessionKind::InformativeConversation, w.slot(1));
    info.participants.push(PersonId::from(GUARDIAN));
    w.plan(info);
    w.complete_intake();
    let v = w.write_plan();
    w.sign(v, RESIDENT);
    w.sign(v, VISITING);
    let mut visit = w.session("visit-1", SessionKind::SupervisedVisit, w.slot(1));
    visit.participants.push(PersonId::from(GUARDIAN));
    assert_eq!(
        w.refused(Command::PlanSession(visit)),
        Refusal::GuardianMayNotAttend {
            kind: SessionKind::SupervisedVisit
        }
    );
}

#[test]
fn a_session_more_than_a_year_ago_is_refused() {
    let mut w = World::new(IOB);
    w.walk_to_running();
    let old = w
        .today()
        .checked_sub(jiff::Span::new().days(400))
        .unwrap()
        .at(10, 0, 0, 0);
    let s = w.session("pc-old", SessionKind::ParentConversation, old);
    assert_eq!(w.refused(Command::PlanSession(s)), Refusal::TooFarInThePast);
    // Recording a conversation of last week afterwards is fine.
    let last_week = w
        .today()
        .checked_sub(jiff::Span::new().days(7))
        .unwrap()
        .at(10, 0, 0, 0);
    let s = w.session("pc-late", SessionKind::ParentConversation, last_week);
    w.plan(s);
    w.hold("pc-late");
}

// ---- outcomes of sessions ------------------------------------------------------------------

#[test]
fn late_cancellation_is_flagged_by_the_programmes_notice_hours() {
    for p in programmes() {
        let hours = i64::from(p.plan.cancellation_notice_hours);
        for (before, late) in [
            (hours + 1, false),
            (hours, false),
            (hours - 1, true),
            (1, true),
            (-2, true),
        ] {
            let mut w = World::new(&p.id);
            w.start_intake();
            let kind = p.session_kinds[0].kind;
            let start = w.slot(5);
            let s = w.session("s-1", kind, start);
            w.plan(s);
            let start_ts = amsterdam_ts(start);
            w.set_now(
                start_ts
                    .checked_sub(jiff::SignedDuration::from_hours(before))
                    .unwrap(),
            );
            let events = w.ok(cancel("s-1", Party::Person(PersonId::from(VISITING))));
            match events.as_slice() {
                [CaseEvent::SessionCancelled { late: got, .. }] => {
                    assert_eq!(*got, late, "{}: cancelled {before}h before", p.id);
                }
                other => panic!("{other:?}"),
            }
            let SessionState::Cancelled {
                late: stored, at, ..
            } = &w.case.session(&SessionId::from("s-1")).unwrap().state
            else {
                panic!("not cancelled");
            };
            assert_eq!(*stored, late);
            assert_eq!(*at, w.now);
        }
    }
}

fn amsterdam_ts(dt: jiff::civil::DateTime) -> jiff::Timestamp {
    omgang_domain::case::amsterdam().to_timestamp(dt).unwrap()
}

#[test]
fn a_cancellation_one_second_short_of_the_notice_is_late() {
    let mut w = World::new(BOR);
    w.start_intake();
    let start = w.slot(3);
    let s = w.session("s-1", SessionKind::Intake, start);
    w.plan(s);
    w.set_now(
        amsterdam_ts(start)
            .checked_sub(jiff::SignedDuration::from_secs(24 * 3600 - 1))
            .unwrap(),
    );
    let events = w.ok(cancel("s-1", Party::Person(PersonId::from(RESIDENT))));
    assert!(matches!(
        events.as_slice(),
        [CaseEvent::SessionCancelled { late: true, .. }]
    ));
}

#[test]
fn outcomes_are_recorded_once_and_not_before_the_start() {
    let mut w = World::new(IOB);
    w.start_intake();
    w.plan_tomorrow("s-1", SessionKind::Intake);
    let held = Command::RecordOutcome {
        session: SessionId::from("s-1"),
        outcome: SessionOutcome::Held {
            notes: String::new(),
            attended: Vec::new(),
        },
    };
    assert_eq!(w.refused(held.clone()), Refusal::HeldBeforeStart);
    assert_eq!(
        w.refused(Command::RecordOutcome {
            session: SessionId::from("s-1"),
            outcome: SessionOutcome::NoShow {
                who: Party::Person(PersonId::from(VISITING)),
                notes: String::new(),
            },
        }),
        Refusal::HeldBeforeStart
    );
    assert_eq!(
        w.refused(Command::RecordOutcome {
            session: SessionId::from("s-1"),
            outcome: SessionOutcome::Cancelled {
                by: Party::Organisation,
                reason: " ".to_owned(),
            },
        }),
        Refusal::ReasonRequired
    );
    assert_eq!(
        w.refused(cancel("s-1", Party::Person(PersonId::from("p-stranger")))),
        Refusal::UnknownPerson
    );
    assert_eq!(
        w.refused(cancel("s-unknown", Party::Organisation)),
        Refusal::UnknownSession
    );
    // From the start time on it may be recorded as held.
    let start = w.case.session(&SessionId::from("s-1")).unwrap().starts_at;
    w.set_now(amsterdam_ts(start));
    w.ok(held.clone());
    assert_eq!(w.refused(held), Refusal::OutcomeAlreadyRecorded);
    assert_eq!(
        w.refused(cancel("s-1", Party::Organisation)),
        Refusal::OutcomeAlreadyRecorded
    );
}

// ---- reports -------------------------------------------------------------------------------

#[test]
fn a_released_report_is_never_edited_only_amended() {
    for p in programmes() {
        let mut w = World::new(&p.id);
        w.walk_to_running();
        if p.kind(SessionKind::SupervisedVisit)
            .is_some_and(|k| !k.requires_held.is_empty())
        {
            w.plan_and_hold("ons-1", SessionKind::OnsConversation);
        }
        w.plan_and_hold("visit-1", SessionKind::SupervisedVisit);
        w.report_walk("visit-1", "report-1");
        let edit = Command::SaveReport {
            report: ReportId::from("report-1"),
            session: SessionId::from("visit-1"),
            content: report_content("Herschreven."),
        };
        let refusal = w.refused(edit);
        assert_eq!(
            refusal,
            Refusal::ReportNotEditable {
                state: ReportState::Released
            },
            "{}",
            p.id
        );
        // The report state in the words the pages use for it (the vocabulary).
        assert!(
            refusal
                .message(Lang::Nl)
                .contains("is gedeeld met de ouders")
        );
        assert!(refusal.message(Lang::Nl).contains("aanvulling"));
        assert!(matches!(
            w.refused(Command::ReturnReport {
                report: ReportId::from("report-1"),
                reason: "Te laat gezien.".into(),
            }),
            Refusal::ReportNotReadyForReview {
                state: ReportState::Released,
            }
        ));
        assert!(matches!(
            w.refused(Command::ApproveReport {
                report: ReportId::from("report-1")
            }),
            Refusal::ReportInWrongState { .. }
        ));
        assert_eq!(
            w.refused(Command::AmendReport {
                report: ReportId::from("report-1"),
                text: "   ".to_owned(),
            }),
            Refusal::EmptyAmendment
        );
        let r = w.case.report(&ReportId::from("report-1")).unwrap();
        assert_eq!(r.content.course, "Verbeterde versie.");
        assert_eq!(r.state, ReportState::Released);
    }
}

#[test]
fn the_report_flow_checks_state_and_session() {
    let mut w = World::new(OH);
    w.walk_to_running();
    w.plan_tomorrow("visit-1", SessionKind::SupervisedVisit);
    let save = |report: &str, session: &str| Command::SaveReport {
        report: ReportId::from(report),
        session: SessionId::from(session),
        content: report_content("Verloop."),
    };
    assert_eq!(w.refused(save("r-1", "visit-1")), Refusal::ReportBeforeHeld);
    assert_eq!(w.refused(save("r-1", "nope")), Refusal::UnknownSession);
    w.hold("visit-1");
    w.plan_and_hold("pc-1", SessionKind::ParentConversation);
    assert_eq!(
        w.refused(save("r-1", "pc-1")),
        Refusal::NoReportForKind {
            kind: SessionKind::ParentConversation
        }
    );
    assert!(matches!(
        w.refused(Command::ReleaseReport {
            report: ReportId::from("r-1")
        }),
        Refusal::UnknownReport
    ));
    w.ok(save("r-1", "visit-1"));
    assert_eq!(w.refused(save("r-2", "visit-1")), Refusal::ReportExists);
    // A draft cannot be released or amended directly.
    assert_eq!(
        w.refused(Command::ReleaseReport {
            report: ReportId::from("r-1")
        }),
        Refusal::ReportInWrongState {
            state: ReportState::Draft,
            needed: ReportState::Approved
        }
    );
    assert!(matches!(
        w.refused(Command::AmendReport {
            report: ReportId::from("r-1"),
            text: "x".to_owned()
        }),
        Refusal::ReportInWrongState { .. }
    ));
    w.ok(Command::ApproveReport {
        report: ReportId::from("r-1"),
    });
    // An approved report is not edited either, but may be returned to draft.
    assert_eq!(
        w.refused(save("r-1", "visit-1")),
        Refusal::ReportNotEditable {
            state: ReportState::Approved
        }
    );
    // Returning says why.
    assert_eq!(
        w.refused(Command::ReturnReport {
            report: ReportId::from("r-1"),
            reason: "  ".into(),
        }),
        Refusal::ReasonRequired
    );
    w.ok(Command::ReturnReport {
        report: ReportId::from("r-1"),
        reason: "Graag de tijden van aankomst aanvullen.".into(),
    });
    w.ok(save("r-1", "visit-1"));
    assert_eq!(
        w.case.report(&ReportId::from("r-1")).unwrap().state,
        ReportState::Draft
    );
}

/// Issue 15, hand-offs: the author marks a draft ready for review; the coordinator approves
/// it or returns it with the reason, which the author then sees; marking it ready again
/// clears the reason. Twice ready, an empty report, or returning a plain draft are refused.
#[test]
fn a_report_is_marked_ready_and_returned_with_a_reason() {
    let mut w = World::new(OH);
    w.walk_to_running();
    w.plan_and_hold("visit-1", SessionKind::SupervisedVisit);
    let save = |report: &str, session: &str| Command::SaveReport {
        report: ReportId::from(report),
        session: SessionId::from(session),
        content: report_content("Verloop."),
    };
    w.ok(save("r-1", "visit-1"));
    let submit = || Command::SubmitReport {
        report: ReportId::from("r-1"),
    };
    let give_back = |reason: &str| Command::ReturnReport {
        report: ReportId::from("r-1"),
        reason: reason.into(),
    };
    // A plain draft is not waiting for anyone: nothing to return.
    assert_eq!(
        w.refused(give_back("Te vroeg.")),
        Refusal::ReportNotReadyForReview {
            state: ReportState::Draft
        }
    );
    w.ok(submit());
    let r = w.case.report(&ReportId::from("r-1")).unwrap();
    assert!(r.awaits_review());
    assert_eq!(r.ready_at, Some(w.now));
    assert_eq!(w.refused(submit()), Refusal::ReportAlreadyReady);
    w.advance_hours(30);
    w.ok(give_back("Beschrijf wat je zag, niet wat je denkt."));
    let r = w.case.report(&ReportId::from("r-1")).unwrap();
    assert!(!r.awaits_review());
    assert_eq!(r.state, ReportState::Draft);
    assert_eq!(
        r.returned.as_ref().map(|x| x.reason.as_str()),
        Some("Beschrijf wat je zag, niet wat je denkt.")
    );
    // Rewritten and marked ready again: the old reason is gone; then approved.
    w.ok(save("r-1", "visit-1"));
    w.ok(submit());
    assert!(
        w.case
            .report(&ReportId::from("r-1"))
            .unwrap()
            .returned
            .is_none()
    );
    w.ok(Command::ApproveReport {
        report: ReportId::from("r-1"),
    });
    assert!(
        !w.case
            .report(&ReportId::from("r-1"))
            .unwrap()
            .awaits_review()
    );
    w.assert_rebuilds();
}

// ---- ending --------------------------------------------------------------------------------

#[test]
fn anything_on_a_closed_case_is_refused() {
    for p in programmes() {
        let mut w = World::new(&p.id);
        w.walk_to_running();
        w.plan_and_hold("eval-1", SessionKind::Evaluation);
        w.ok(Command::EndCase {
            outcome: Outcome::StoppedEarly {
                reason: "Ouders stoppen.".to_owned(),
            },
            summary: "Gestopt.".to_owned(),
        });
        assert_eq!(w.case.status, CaseStatus::Closed);
        let closed = w.case.clone();
        let commands = vec![
            Command::StartIntake,
            Command::AssignCoordinator {
                user: UserId::from("u-x"),
            },
            Command::AssignSupervisor {
                user: UserId::from(SUPERVISOR),
                reason: None,
            },
            Command::AssignPartner { organisation: None },
            Command::AssignCaseDirector { user: None },
            Command::WritePlan {
                content: plan_content(),
            },
            Command::SignPlan {
                version: 1,
                parent: PersonId::from(RESIDENT),
                method: SignatureMethod::Portal,
                signed_on: None,
            },
            Command::PlanSession(w.session("late", SessionKind::Evaluation, w.slot(1))),
            Command::RecordOutcome {
                session: SessionId::from("eval-1"),
                outcome: SessionOutcome::Held {
                    notes: String::new(),
                    attended: Vec::new(),
                },
            },
            Command::RecordConsent {
                parent: PersonId::from(RESIDENT),
                subject: ConsentSubject::VisitOutsideHouse,
                given: true,
                on: w.today(),
                note: String::new(),
            },
            Command::AdvancePhase,
            Command::RecordEvaluation(Evaluation {
                kind: EvaluationKind::End,
                on: w.today(),
                summary: String::new(),
                agreement_reached: true,
                next_steps: String::new(),
            }),
            Command::RecordEscalation(omgang_domain::case::Escalation {
                to: omgang_domain::programme::EscalationTarget::Jeugdteam,
                on: w.today(),
                reason: "x".to_owned(),
            }),
            Command::EndCase {
                outcome: Outcome::UnsupervisedContact,
                summary: String::new(),
            },
            Command::CloseFollowUp {
                summary: String::new(),
            },
            Command::ApproveReport {
                report: ReportId::from("r"),
            },
        ];
        for cmd in commands {
            let refusal = w.refused(cmd);
            assert_eq!(refusal, Refusal::CaseClosed, "{}", p.id);
        }
        assert_eq!(w.case, closed);
        assert!(Refusal::CaseClosed.message(Lang::Nl).contains("afgesloten"));
    }
}

#[test]
fn ending_with_agreements_needs_a_running_case_without_planned_sessions() {
    let mut w = World::new(OB);
    w.start_intake();
    assert_eq!(
        w.refused(Command::EndCase {
            outcome: Outcome::Ouderschapsplan,
            summary: String::new(),
        }),
        Refusal::AgreementOutcomeNeedsRunningCase
    );
    w.complete_intake();
    let v = w.write_plan();
    w.sign(v, RESIDENT);
    w.sign(v, VISITING);
    w.plan_tomorrow("visit-1", SessionKind::SupervisedVisit);
    assert_eq!(
        w.refused(Command::EndCase {
            outcome: Outcome::UnsupervisedContact,
            summary: String::new(),
        }),
        Refusal::SessionsStillPlanned
    );
    assert_eq!(
        w.refused(Command::EndCase {
            outcome: Outcome::FollowUpHelp {
                handed_to: " ".to_owned()
            },
            summary: String::new(),
        }),
        Refusal::HandedToRequired
    );
    assert_eq!(
        w.refused(Command::EndCase {
            outcome: Outcome::StoppedEarly {
                reason: String::new()
            },
            summary: String::new(),
        }),
        Refusal::ReasonRequired
    );
    w.hold("visit-1");
    // Issue 12: a held visit without a released report is closed over only with a reason.
    w.confirming(
        &[omgang_domain::warning::WarningCode::ReportsNotReleased],
        Some("Verslag volgt op papier."),
    );
    w.ok(Command::EndCase {
        outcome: Outcome::UnsupervisedContact,
        summary: "Verder zonder begeleiding.".to_owned(),
    });
    w.clear_confirmation();
    assert_eq!(w.case.status, CaseStatus::FollowUp);
    // The follow-up is closed only without planned appointments.
    w.plan_tomorrow("fu-1", SessionKind::FollowUpAppointment);
    assert_eq!(
        w.refused(Command::CloseFollowUp {
            summary: String::new()
        }),
        Refusal::SessionsStillPlanned
    );
    // Visits are no longer planned in the follow-up.
    let visit = w.session("visit-2", SessionKind::SupervisedVisit, w.slot(2));
    assert!(matches!(
        w.refused(Command::PlanSession(visit)),
        Refusal::KindNotInStage {
            status: CaseStatus::FollowUp,
            ..
        }
    ));
    w.hold("fu-1");
    w.ok(Command::CloseFollowUp {
        summary: String::new(),
    });
    assert_eq!(w.case.status, CaseStatus::Closed);
}

#[test]
fn evaluations_and_phase_moves_only_while_running() {
    let mut w = World::new(BOR);
    w.start_intake();
    let eval = Command::RecordEvaluation(Evaluation {
        kind: EvaluationKind::Interim,
        on: w.today(),
        summary: String::new(),
        agreement_reached: false,
        next_steps: String::new(),
    });
    assert!(matches!(
        w.refused(eval.clone()),
        Refusal::NotInThisStatus {
            status: CaseStatus::Intake
        }
    ));
    assert!(matches!(
        w.refused(Command::AdvancePhase),
        Refusal::NotInThisStatus { .. }
    ));
    assert!(matches!(
        w.refused(Command::CloseFollowUp {
            summary: String::new()
        }),
        Refusal::NotInThisStatus { .. }
    ));
    w.complete_intake();
    let v = w.write_plan();
    w.sign(v, RESIDENT);
    w.sign(v, VISITING);
    w.ok(eval);
    w.ok(Command::AdvancePhase);
    assert_eq!(w.case.phase.as_deref(), Some("afbouw"));
    assert_eq!(w.refused(Command::AdvancePhase), Refusal::LastPhase);
}

#[test]
#[allow(clippy::too_many_lines)] // one line per refusal
fn every_refusal_has_a_dutch_and_an_english_message() {
    let p = programme(OB);
    let all = vec![
        Refusal::WrongProgramme,
        Refusal::NoChildren,
        Refusal::NoParent,
        Refusal::TooManyParents,
        Refusal::EntryRouteNotAccepted {
            route: EntryRoute::CourtOrder,
            programme: p.name.clone(),
            accepted: vec![EntryRoute::Voluntary, EntryRoute::Referral],
        },
        Refusal::ChildAgeOutsideProgramme {
            child: "Sam".to_owned(),
            age: 14,
            min: 0,
            max: 12,
            programme: p.name.clone(),
        },
        Refusal::CaseClosed,
        Refusal::NotInThisStatus {
            status: CaseStatus::Plan,
        },
        Refusal::ReasonRequired,
        Refusal::UnknownSupervisor,
        Refusal::NoPartnerPart {
            programme: p.name.clone(),
        },
        Refusal::NoPlan {
            document: PlanDocument::Samenwerkingscontract,
        },
        Refusal::NotCurrentPlanVersion {
            version: 1,
            current: 2,
        },
        Refusal::NotAParent,
        Refusal::AlreadySigned {
            parent: "Anna".to_owned(),
            version: 1,
        },
        Refusal::LastPhase,
        Refusal::UnknownSession,
        Refusal::NoReportForKind {
            kind: SessionKind::Intake,
        },
        Refusal::ReportBeforeHeld,
        Refusal::UnknownReport,
        Refusal::ReportNotEditable {
            state: ReportState::Approved,
        },
        Refusal::ReportExists,
        Refusal::EmptyAmendment,
        Refusal::AgreementOutcomeNeedsRunningCase,
        Refusal::HandedToRequired,
        Refusal::SessionsStillPlanned,
        Refusal::ReportInWrongState {
            state: ReportState::Draft,
            needed: ReportState::Released,
        },
        Refusal::VolunteersNotAllowed {
            programme: p.name.clone(),
        },
        Refusal::VogNotValid {
            supervisor: "Vera".to_owned(),
            issued_on: Some(date(2020, 1, 1)),
            valid_months: 36,
            on: date(2026, 1, 1),
        },
        Refusal::VogNotValid {
            supervisor: "Vera".to_owned(),
            issued_on: None,
            valid_months: 36,
            on: date(2026, 1, 1),
        },
        Refusal::TrainingMissing {
            supervisor: "Vera".to_owned(),
        },
        Refusal::KindNotInProgramme {
            kind: SessionKind::OnsConversation,
            programme: p.name.clone(),
        },
        Refusal::DuplicateSession,
        Refusal::PlanNotSigned {
            kind: SessionKind::SupervisedHandover,
            document: PlanDocument::PlanVanAanpak,
            version: 3,
            missing: vec!["A".to_owned(), "B".to_owned()],
        },
        Refusal::KindNotInStage {
            kind: SessionKind::SupervisedVisit,
            status: CaseStatus::Running,
            phase: Some(p.phases[1].name.clone()),
        },
        Refusal::KindNotInStage {
            kind: SessionKind::SupervisedVisit,
            status: CaseStatus::Intake,
            phase: None,
        },
        Refusal::TooLong {
            kind: SessionKind::SupervisedVisit,
            minutes: 150,
            max: 120,
        },
        Refusal::MaxCountReached {
            kind: SessionKind::SupervisedVisit,
            max: 4,
            programme: p.name.clone(),
        },
        Refusal::PrerequisiteMissing {
            kind: SessionKind::SupervisedVisit,
            needs: SessionKind::OnsConversation,
            count: 1,
        },
        Refusal::TooFarInThePast,
        Refusal::LocationNotAllowed {
            location: LocationKind::ParentHome,
            programme: p.name.clone(),
        },
        Refusal::HomeOfRequired,
        Refusal::ConsentMissing {
            location: LocationKind::OtherLocation,
            missing: vec!["A".to_owned()],
        },
        Refusal::ChildTooYoungForConversation { below: 4 },
        Refusal::UnknownPerson,
        Refusal::GuardianMayNotAttend {
            kind: SessionKind::SupervisedVisit,
        },
        Refusal::SupervisorRequired {
            kind: SessionKind::SupervisedHandover,
        },
        Refusal::NotTheCaseSupervisor,
        Refusal::SupervisorDoubleBooked {
            supervisor: "Olga".to_owned(),
        },
        Refusal::NoPartnerAssigned {
            kind: SessionKind::OnsConversation,
        },
        Refusal::OutcomeAlreadyRecorded,
        Refusal::HeldBeforeStart,
    ];
    let mut codes: Vec<String> = Vec::new();
    for r in &all {
        assert_sensible(r);
        assert_eq!(r.text().nl, r.message(Lang::Nl));
        assert_eq!(r.text().en, r.message(Lang::En));
        let code = r.code();
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    // Every variant above has its own code (VogNotValid and KindNotInStage appear twice).
    assert_eq!(codes.len(), all.len() - 2);
    let vog = Refusal::VogNotValid {
        supervisor: "Vera".to_owned(),
        issued_on: Some(date(2020, 1, 1)),
        valid_months: 36,
        on: date(2026, 1, 1),
    }
    .message(Lang::Nl);
    assert!(
        vog.contains("1 januari 2020") && vog.contains("1 januari 2026"),
        "{vog}"
    );
}

#[test]
fn escalations_and_assignments_are_recorded() {
    let mut w = World::new(OB);
    w.ok(Command::AssignCaseDirector {
        user: Some(UserId::from("u-sociaal-team")),
    });
    assert_eq!(
        w.case.case_director.as_ref(),
        Some(&UserId::from("u-sociaal-team"))
    );
    w.ok(Command::AssignCoordinator {
        user: UserId::from("u-coordinator-2"),
    });
    assert_eq!(
        w.case.coordinator.as_ref(),
        Some(&UserId::from("u-coordinator-2"))
    );
    w.ok(Command::RecordEscalation(omgang_domain::case::Escalation {
        to: omgang_domain::programme::EscalationTarget::VeiligThuis,
        on: w.today(),
        reason: "Zorgen om veiligheid.".to_owned(),
    }));
    assert_eq!(w.case.escalations.len(), 1);
    w.assert_rebuilds();
}

// ---- found while testing -------------------------------------------------------------------

#[test]
fn a_plan_cannot_stretch_the_programmes_maximum_duration() {
    let mut w = World::new(BOR);
    w.start_intake();
    w.complete_intake();
    let mut content = plan_content();
    content.max_duration_months = Some(24);
    if w.run(Command::WritePlan {
        content: content.clone(),
    })
    .is_err()
    {
        return; // Refusing the plan is one right answer.
    }
    w.sign(1, RESIDENT);
    w.sign(1, VISITING);
    // The other: the programme's own maximum is still signalled.
    let end = omgang_domain::case::add_months(w.case.intake_started_on.unwrap(), 6);
    let after = end.checked_add(jiff::Span::new().days(1)).unwrap();
    let found = omgang_domain::signals::case_signals(&w.case, &w.programme, after);
    assert!(
        found
            .iter()
            .any(|s| s.kind == omgang_domain::signals::SignalKind::MaxDurationNear),
        "six months after the intake of a BOR case nothing is signalled: {found:?}"
    );
}

#[test]
fn a_closed_case_has_no_sessions_left_planned() {
    let mut w = World::new(OH);
    w.walk_to_running();
    w.plan_tomorrow("visit-1", SessionKind::SupervisedVisit);
    let result = w.run(Command::EndCase {
        outcome: Outcome::StoppedEarly {
            reason: "Ouders stoppen.".to_owned(),
        },
        summary: "Gestopt.".to_owned(),
    });
    if let Err(refusal) = result {
        // Refusing, as for an agreement outcome, is one right answer.
        assert_eq!(refusal, Refusal::SessionsStillPlanned);
        return;
    }
    assert_eq!(w.case.status, CaseStatus::Closed);
    let planned: Vec<_> = w
        .case
        .sessions
        .iter()
        .filter(|s| s.state == SessionState::Planned)
        .map(|s| s.id.as_str().to_owned())
        .collect();
    assert!(
        planned.is_empty(),
        "closed case with planned sessions {planned:?}"
    );
}

/// A secret home is never a place for a session with the other parent; sessions planned there
/// before the address became secret are signalled, each named, until moved or cancelled.
#[test]
fn no_session_at_a_secret_home_and_a_signal_when_an_address_becomes_secret() {
    use omgang_domain::case::Contact;
    use omgang_domain::signals::{SignalKind, case_signals};
    let mut w = World::new(OH);
    w.walk_to_running();
    consent(&mut w, RESIDENT, true);
    consent(&mut w, VISITING, true);
    let mut at_home = w.session("visit-home", SessionKind::SupervisedVisit, w.slot(2));
    at_home.place = parent_home(Some(VISITING));
    w.plan(at_home);
    assert!(
        !case_signals(&w.case, &w.programme, w.today())
            .iter()
            .any(|s| s.kind == SignalKind::SessionAtSecretHome)
    );
    // The visiting parent's address becomes secret from the resident parent.
    let update = |secret: bool| Command::UpdatePerson {
        person: PersonId::from(VISITING),
        contact: Contact {
            email: None,
            phone: Some("06-1".to_owned()),
            address: Some("sealed:v1:k:00".to_owned()),
        },
        secret_address: secret,
    };
    w.ok(update(true));
    let signal = case_signals(&w.case, &w.programme, w.today())
        .into_iter()
        .find(|s| s.kind == SignalKind::SessionAtSecretHome)
        .expect("the session at the now secret home is signalled");
    assert!(
        signal.text.nl.contains("verplaats of annuleer"),
        "{}",
        signal.text.nl
    );
    // A new one there is refused, explained in both languages.
    let mut again = w.session("visit-home-2", SessionKind::SupervisedVisit, w.slot(9));
    again.place = parent_home(Some(VISITING));
    let refusal = w.refused(Command::PlanSession(again.clone()));
    assert_eq!(refusal, Refusal::SecretHome);
    assert_sensible(&refusal);
    assert!(refusal.message(Lang::Nl).contains("geheim"));
    assert!(refusal.message(Lang::En).contains("secret"));
    // The other home, or the omgangshuis, still work.
    let mut elsewhere = again.clone();
    elsewhere.place = omgangshuis();
    w.plan(elsewhere);
    // An unknown person cannot be updated.
    assert_eq!(
        w.refused(Command::UpdatePerson {
            person: PersonId::from("p-nobody"),
            contact: Contact {
                email: None,
                phone: None,
                address: None,
            },
            secret_address: false,
        }),
        Refusal::UnknownPerson
    );
    // No longer secret: the signal goes, the home may be used again.
    w.ok(update(false));
    assert!(
        !case_signals(&w.case, &w.programme, w.today())
            .iter()
            .any(|s| s.kind == SignalKind::SessionAtSecretHome)
    );
}
