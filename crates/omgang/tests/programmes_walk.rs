//! Each of the five programmes walked from registration to a closed case through the HTTP
//! API, with the refusals and signals that programme must give, on SQLite and PostgreSQL.
//! After each walk the stored snapshot must equal the fold of the stored events.

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

both_backends!(
    walk_ouderschap_blijft,
    walk_intensieve_omgangsbegeleiding,
    walk_omgangshuis,
    walk_begeleide_omgangsregeling,
    walk_de_ronde_venen,
    ouderschap_blijft_no_agreement_signal,
    supervisor_not_double_booked_across_cases,
    parents_who_must_not_meet_need_a_margin,
);

const PLAN_NOT_SIGNED_NL: &str =
    "kan pas gepland worden als beide ouders versie 1 van het plan van aanpak hebben ondertekend";
const PLAN_NOT_SIGNED_EN: &str =
    "can only be planned once both parents have signed version 1 of the plan of approach";

/// Registers, takes into intake, completes it and writes plan version 1. Returns the walk.
async fn to_plan<'a>(
    t: &'a TestApp,
    coord: &'a User,
    programme: &str,
    entry_route: &str,
    age: i16,
    intake_kind: &str,
) -> Walk<'a> {
    let view = coord
        .post(
            "/api/v1/registrations",
            registration(programme, &coord.org, entry_route, born_aged(age)),
        )
        .await;
    assert_eq!(view.status, 201, "{}", view.text);
    let view = view.ok();
    assert_eq!(view["status"], "registered");
    assert_eq!(view["programme_id"], programme);
    let w = Walk {
        t,
        coord,
        case: view["id"].as_str().expect("id").to_owned(),
    };
    let view = coord.post_empty(&w.path("intake/start")).await.ok();
    assert_eq!(view["status"], "intake");
    assert_eq!(view["coordinator_id"], json!(coord.id));
    let today = t.today();
    let (_, s) = w
        .plan_at(coord, intake_kind, plus_days(today, 1), 10, None)
        .await;
    w.hold(coord, &s, plus_days(today, 1), 10).await;
    let view = coord
        .post(
            &w.path("intake/complete"),
            json!({ "eligible": true, "notes": "Passend." }),
        )
        .await
        .ok();
    assert_eq!(view["status"], "plan");
    let view = coord
        .post(&w.path("plans"), plan_body(plus_days(t.today(), 60)))
        .await
        .ok();
    assert_eq!(view["plans"][0]["version"], 1);
    assert_eq!(view["plans"][0]["signed_by_all"], false);
    w
}

/// Ouderschap Blijft (seed 002, issue 12): "een intake gesprek voor beide ouders apart,
/// gevolgd door een kindgesprek" — or, for a child too young, an interaction observation
/// (led by `sup`). Both parents at once is refused, and the intake completes only once every
/// one of these sessions was held. Then plan version 1, as [`to_plan`].
async fn to_plan_separately<'a>(t: &'a TestApp, coord: &'a User, age: i16, sup: &User) -> Walk<'a> {
    let view = coord
        .post(
            "/api/v1/registrations",
            registration("ouderschap-blijft", &coord.org, "voluntary", born_aged(age)),
        )
        .await
        .ok();
    let w = Walk {
        t,
        coord,
        case: view["id"].as_str().expect("id").to_owned(),
    };
    let view = coord.post_empty(&w.path("intake/start")).await.ok();
    // The intake form offers what the programme and the child's age allow.
    let offered: Vec<&str> = view["plannable_kinds"]
        .as_array()
        .expect("plannable kinds")
        .iter()
        .filter_map(|k| k["kind"].as_str())
        .collect();
    let child_kind = if age < 4 {
        "interaction_observation"
    } else {
        "child_conversation"
    };
    assert!(
        offered.contains(&"intake") && offered.contains(&child_kind),
        "{offered:?}"
    );
    assert!(!offered.contains(&"supervised_visit"), "{offered:?}");
    let (mother, father) = (
        person(&view, "resident_parent"),
        person(&view, "non_resident_parent"),
    );
    let d = plus_days(t.today(), 1);
    let both = coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "intake", "starts_at": local(d, 10, 0), "minutes": 60,
                    "participants": [mother, father] }),
        )
        .await;
    both.refused("joint_intake_not_allowed");
    assert!(both.nl().contains("met elke ouder apart"), "{}", both.nl());
    assert!(
        both.en().contains("each parent separately"),
        "{}",
        both.en()
    );
    let early = coord
        .post(&w.path("intake/complete"), json!({ "eligible": true }))
        .await;
    early.refused("intake_sessions_missing");
    assert!(
        early
            .nl()
            .contains(&format!("het intakegesprek met {RESIDENT}"))
            && early
                .nl()
                .contains(&format!("het intakegesprek met {VISITING}")),
        "{}",
        early.nl()
    );
    let view = w.view().await;
    assert_eq!(
        view["intake_missing"].as_array().expect("missing").len(),
        3,
        "{}",
        view["intake_missing"]
    );
    for (i, parent) in [&mother, &father].into_iter().enumerate() {
        let hour = 9 + i8::try_from(i).unwrap_or(0) * 2;
        let (_, s) = w
            .plan(
                coord,
                json!({ "kind": "intake", "starts_at": local(d, hour, 0), "minutes": 60,
                        "participants": [parent] }),
            )
            .await;
        w.hold(coord, &s, d, hour).await;
    }
    let lead = (age < 4).then_some(sup);
    let (_, s) = w.plan_at(coord, child_kind, d, 14, lead).await;
    w.hold(lead.unwrap_or(coord), &s, d, 14).await;
    if let Some(sup) = lead {
        // The observation has a neutral report, like a visit.
        w.report(sup, &s).await;
    }
    let view = coord
        .post(
            &w.path("intake/complete"),
            json!({ "eligible": true, "notes": "Passend." }),
        )
        .await
        .ok();
    assert_eq!(view["status"], "plan");
    let view = coord
        .post(&w.path("plans"), plan_body(plus_days(t.today(), 60)))
        .await
        .ok();
    assert_eq!(view["plans"][0]["version"], 1);
    w
}

/// A visit may not be planned before both parents signed version 1.
async fn refuses_visit_before_signatures(w: &Walk<'_>, supervisor: &User, document: &str) {
    let before = w.coord.timeline_len(&w.case).await;
    let d = plus_days(w.t.today(), 7);
    let body = json!({
        "kind": "supervised_visit",
        "starts_at": local(d, 14, 0),
        "minutes": 90,
        "supervisor_id": supervisor.id,
    });
    let r = w.coord.post(&w.path("sessions"), body.clone()).await;
    r.refused("plan_not_signed");
    let nl = PLAN_NOT_SIGNED_NL.replace("plan van aanpak", document);
    assert!(r.nl().contains(&nl), "{}", r.nl());
    assert!(
        r.nl().contains(&format!("{RESIDENT} en {VISITING}")),
        "{}",
        r.nl()
    );
    if document == "plan van aanpak" {
        assert!(r.en().contains(PLAN_NOT_SIGNED_EN), "{}", r.en());
    }
    // One signature is not enough.
    let view = w.view().await;
    w.coord
        .post(
            &w.path("plans/signatures"),
            json!({ "version": 1, "parent_id": person(&view, "resident_parent") }),
        )
        .await
        .ok();
    let r = w.coord.post(&w.path("sessions"), body).await;
    r.refused("plan_not_signed");
    assert!(r.nl().contains(&nl), "{}", r.nl());
    assert!(
        r.nl().ends_with(&format!("Nog niet getekend: {VISITING}.")),
        "{}",
        r.nl()
    );
    // Refusals write nothing.
    assert_eq!(w.coord.timeline_len(&w.case).await, before + 1);
    let view = w
        .coord
        .post(
            &w.path("plans/signatures"),
            json!({ "version": 1, "parent_id": person(&view, "non_resident_parent") }),
        )
        .await
        .ok();
    assert_eq!(view["status"], "running", "both signatures start the case");
    assert_eq!(view["plans"][0]["signed_by_all"], true);
    let again = w
        .coord
        .post(
            &w.path("plans/signatures"),
            json!({ "version": 1, "parent_id": person(&view, "non_resident_parent") }),
        )
        .await;
    again.refused("already_signed");
}

// ---- Ouderschap Blijft ---------------------------------------------------------------------

async fn walk_ouderschap_blijft(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Omgangshuis Utrecht", "provider").await;
    let coord = t.user(&org, "coordinator", "Anouk de Vries").await;
    let sup = t.user(&org, "supervisor", "Sanne Jansen").await;
    let sup2 = t.user(&org, "supervisor", "Mohamed El Amrani").await;

    // Only voluntary registrations.
    let r = coord
        .post(
            "/api/v1/registrations",
            registration("ouderschap-blijft", &org, "court_order", born_aged(6)),
        )
        .await;
    r.refused("entry_route_not_accepted");
    assert!(r.nl().contains("vrijwillig"), "{}", r.nl());
    assert_eq!(coord.case_count().await, 0);

    // Separate intakes and a child conversation, then the plan.
    let w = to_plan_separately(&t, &coord, 6, &sup).await;
    let (_, s) = w
        .plan_at(
            &coord,
            "child_conversation",
            plus_days(t.today(), 1),
            10,
            None,
        )
        .await;
    w.hold(&coord, &s, plus_days(t.today(), 1), 10).await;
    // A plan longer than the programme is refused.
    let mut long = plan_body(date(2026, 5, 15));
    long["max_duration_months"] = json!(7);
    coord
        .post(&w.path("plans"), long)
        .await
        .refused("plan_longer_than_programme");

    refuses_visit_before_signatures(&w, &sup, "plan van aanpak").await;
    let view = w.view().await;
    assert_eq!(view["phase"], "begeleide-omgang");
    assert_eq!(
        progress(&view, "supervised_visit"),
        "begeleide omgang 0 van max. 4"
    );

    // Four supervised visits, Saturdays; only the omgangshuis; always the same supervisor.
    let saturdays: Vec<_> = (0..5)
        .map(|i| plus_days(date(2026, 3, 21), 7 * i))
        .collect();
    let mut visits = Vec::new();
    for d in &saturdays[..3] {
        visits.push(
            w.plan_at(&coord, "supervised_visit", *d, 14, Some(&sup))
                .await
                .1,
        );
    }
    let view = w.view().await;
    assert_eq!(
        view["supervisor_id"],
        json!(sup.id),
        "the first visit assigns the supervisor"
    );
    let r = coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "supervised_visit", "starts_at": local(saturdays[3], 14, 0), "minutes": 90,
                    "location_kind": "playground", "supervisor_id": sup.id }),
        )
        .await;
    r.refused("location_not_allowed");
    coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "supervised_visit", "starts_at": local(saturdays[3], 14, 0), "minutes": 90,
                    "supervisor_id": sup2.id }),
        )
        .await
        .refused("not_the_case_supervisor");
    coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "supervised_visit", "starts_at": local(saturdays[3], 14, 0), "minutes": 150,
                    "supervisor_id": sup.id }),
        )
        .await
        .refused("too_long");
    visits.push(
        w.plan_at(&coord, "supervised_visit", saturdays[3], 14, Some(&sup))
            .await
            .1,
    );
    // The fifth supervised visit.
    let before = coord.timeline_len(&w.case).await;
    let r = coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "supervised_visit", "starts_at": local(saturdays[4], 14, 0), "minutes": 90,
                    "supervisor_id": sup.id }),
        )
        .await;
    r.refused("max_count_reached");
    assert!(
        r.nl().contains("hoogstens 4 keer begeleide omgang"),
        "{}",
        r.nl()
    );
    assert!(r.en().contains("at most 4"), "{}", r.en());
    assert_eq!(coord.timeline_len(&w.case).await, before);

    // A visit cannot be recorded as held before it started.
    sup.post(
        &w.path(&format!("sessions/{}/outcome", visits[0])),
        json!({ "outcome": "held" }),
    )
    .await
    .refused("held_before_start");

    for (i, (s, d)) in visits.iter().zip(&saturdays).enumerate() {
        w.hold(&sup, s, *d, 14).await;
        let (view, report) = w.report(&sup, s).await;
        if i == 0 {
            // Released reports are never edited, only amended.
            sup.put(&w.path(&format!("sessions/{s}/report")), report_body())
                .await
                .refused("report_not_editable");
            let view = coord
                .post(
                    &w.path(&format!("reports/{report}/amendments")),
                    json!({ "text": "Aanvulling: vader bracht een tekening mee." }),
                )
                .await
                .ok();
            let r = view["reports"]
                .as_array()
                .expect("reports")
                .iter()
                .find(|r| r["id"] == json!(report))
                .expect("report");
            assert_eq!(r["amendments"].as_array().expect("amendments").len(), 1);
        }
        if i == 2 {
            assert_eq!(
                progress(&view, "supervised_visit"),
                "begeleide omgang 3 van max. 4"
            );
            assert_eq!(view["phase"], "begeleide-omgang");
        }
        if i == 3 {
            assert_eq!(
                view["phase"], "overdrachten",
                "four visits move the case on"
            );
            assert_eq!(
                progress(&view, "supervised_visit"),
                "begeleide omgang 4 van max. 4"
            );
        }
    }
    // No fifth visit in the handover phase either.
    coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "supervised_visit", "starts_at": local(saturdays[4], 14, 0), "minutes": 90,
                    "supervisor_id": sup.id }),
        )
        .await
        .refused("kind_not_in_stage");

    // Two supervised handovers, then contact without supervision.
    let view = w.visit("supervised_handover", &sup, saturdays[4], 14).await;
    assert_eq!(view["phase"], "overdrachten");
    let view = w
        .visit("supervised_handover", &sup, plus_days(saturdays[4], 7), 14)
        .await;
    assert_eq!(view["phase"], "zelfstandig");
    assert_eq!(
        progress(&view, "supervised_handover"),
        "overdrachtsbegeleiding 2 van max. 2"
    );
    let d = date(2026, 5, 2);
    let (_, s) = w
        .plan(
            &coord,
            json!({ "kind": "unsupervised_visit", "starts_at": local(d, 13, 0), "minutes": 240 }),
        )
        .await;
    w.hold(&coord, &s, d, 17).await;
    let (_, s) = w
        .plan_at(&coord, "parent_conversation", date(2026, 5, 6), 10, None)
        .await;
    w.hold(&coord, &s, date(2026, 5, 6), 10).await;

    // The end: an agreement, an ouderschapsplan, then the follow-up half year.
    t.at(date(2026, 5, 15), 11, 0);
    let view = coord
        .post(
            &w.path("evaluations"),
            json!({ "kind": "end", "summary": "Ouders hebben afspraken gemaakt.", "agreement_reached": true,
                    "next_steps": "Ouderschapsplan opstellen." }),
        )
        .await
        .ok();
    assert_eq!(
        view["evaluations"].as_array().expect("evaluations").len(),
        1
    );
    // The ouderschapsplan, written while the case runs, is a document of the case too.
    let pp = w.write_parenting_plan("midden").await;
    assert!(pp["signed_by_both"].as_bool().expect("signed_by_both"));
    let view = coord
        .post(
            &w.path("end"),
            json!({ "outcome": "ouderschapsplan", "summary": "Afspraken vastgelegd in een ouderschapsplan." }),
        )
        .await
        .ok();
    assert_eq!(view["status"], "follow_up");
    assert_eq!(view["follow_up_since"], "2026-05-15");
    assert_eq!(view["outcome"]["kind"], "ouderschapsplan");
    assert_eq!(view["phase"], Value::Null);

    let mut last = view;
    for month in 6..=9 {
        let d = date(2026, month, 15);
        let (_, s) = w
            .plan_at(&coord, "follow_up_appointment", d, 10, None)
            .await;
        last = w.hold(&coord, &s, d, 10).await;
    }
    assert_eq!(
        progress(&last, "follow_up_appointment"),
        "terugkomafspraak 4 van max. 4"
    );
    coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "follow_up_appointment", "starts_at": local(date(2026, 10, 15), 10, 0), "minutes": 60 }),
        )
        .await
        .refused("max_count_reached");
    t.at(date(2026, 11, 16), 9, 0);
    let view = coord
        .post(
            &w.path("follow-up/close"),
            json!({ "summary": "Nazorg afgerond." }),
        )
        .await
        .ok();
    assert_eq!(view["status"], "closed");
    assert_eq!(view["closed_on"], "2026-11-16");
    assert!(view["signals"].as_array().expect("signals").is_empty());

    // A closed case changes no more.
    let r = coord
        .post(
            &w.path("evaluations"),
            json!({ "summary": "Nog een evaluatie." }),
        )
        .await;
    r.refused("case_closed");
    assert!(r.nl().contains("afgesloten"), "{}", r.nl());

    // Every document of the case, as PDF (pdftotext, pdfinfo).
    assert!(check_documents(&w, "Omgangshuis Utrecht").await >= 4);
    t.assert_snapshot_is_fold(&w.case).await;
}

/// Ouderschap Blijft: no agreement six months after the start means a report to the
/// Jeugdteam / Veilig Thuis is due; recording it clears the signal.
async fn ouderschap_blijft_no_agreement_signal(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Omgangshuis Utrecht", "provider").await;
    let coord = t.user(&org, "coordinator", "Anouk de Vries").await;
    let sup = t.user(&org, "supervisor", "Sanne Jansen").await;
    // Intake starts on day 0 (2 March 2026): the six months end on 2 September.
    let w = to_plan_separately(&t, &coord, 3, &sup).await;
    w.sign_both(1).await;
    // A three-year-old gets an interaction observation, not a child conversation.
    coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "child_conversation", "starts_at": local(plus_days(t.today(), 2), 10, 0), "minutes": 45 }),
        )
        .await
        .refused("child_too_young_for_conversation");
    w.visit("supervised_visit", &sup, date(2026, 3, 21), 14)
        .await;

    let early = coord.signals(&w.case, date(2026, 7, 20)).await;
    assert!(
        !kinds(&early).contains(&"no_agreement_report_due".to_owned()),
        "{early:?}"
    );
    let due = coord.signals(&w.case, date(2026, 8, 10)).await;
    let s = signal(&due, "no_agreement_report_due", &w.case).expect("no agreement signal");
    assert_eq!(s["urgency"], "due");
    assert_eq!(s["due_on"], "2026-09-02");
    assert!(
        s["text"]
            .as_str()
            .expect("text")
            .contains("Jeugdteam en/of Veilig Thuis"),
        "{s}"
    );
    // The maximum duration (6 months) is near as well.
    let near = signal(&due, "max_duration_near", &w.case).expect("max duration signal");
    assert_eq!(near["urgency"], "due");
    assert_eq!(near["due_on"], "2026-09-02");

    t.at(date(2026, 9, 3), 9, 0);
    let late = coord.all_signals(date(2026, 9, 3)).await;
    let s = signal(&late, "no_agreement_report_due", &w.case).expect("org-wide signal");
    assert_eq!(s["urgency"], "late");
    assert_eq!(s["case_reference"], json!(w.view().await["reference"]));
    assert_eq!(
        signal(&late, "max_duration_near", &w.case).expect("max")["urgency"],
        "late"
    );

    // An evaluation without agreement does not clear it; the report to the Jeugdteam does.
    coord
        .post(
            &w.path("evaluations"),
            json!({ "summary": "Geen overeenstemming.", "agreement_reached": false }),
        )
        .await
        .ok();
    assert!(
        signal(
            &coord.signals(&w.case, date(2026, 9, 3)).await,
            "no_agreement_report_due",
            &w.case
        )
        .is_some()
    );
    let view = coord
        .post(
            &w.path("escalations"),
            json!({ "to": "jeugdteam", "reason": "Geen overeenstemming na zes maanden." }),
        )
        .await
        .ok();
    assert_eq!(view["escalations"][0]["to"], "jeugdteam");
    assert!(
        signal(
            &coord.signals(&w.case, date(2026, 9, 3)).await,
            "no_agreement_report_due",
            &w.case
        )
        .is_none()
    );
    // An agreement outcome needs the case running; a report ends it at once.
    let view = coord
        .post(
            &w.path("end"),
            json!({ "outcome": "reported", "to": "veilig_thuis", "summary": "Zorgen over de veiligheid." }),
        )
        .await
        .ok();
    assert_eq!(view["status"], "closed");
    assert_eq!(view["outcome"]["kind"], "reported");
    assert_eq!(
        view["escalations"].as_array().expect("escalations").len(),
        2
    );
    t.assert_snapshot_is_fold(&w.case).await;
}

// ---- Intensieve Omgangsbegeleiding ---------------------------------------------------------

async fn walk_intensieve_omgangsbegeleiding(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Gecertificeerde Instelling", "provider").await;
    let coord = t.user(&org, "coordinator", "Ingrid Bos").await;
    let sup = t.user(&org, "supervisor", "Sanne Jansen").await;

    // A fourteen-year-old is refused at registration; nothing is written.
    let r = coord
        .post(
            "/api/v1/registrations",
            registration(
                "intensieve-omgangsbegeleiding",
                &org,
                "referral",
                born_aged(14),
            ),
        )
        .await;
    r.refused("child_age_outside_programme");
    assert!(
        r.nl()
            .contains("voor kinderen van 0 tot en met 12 jaar; Sam is 14"),
        "{}",
        r.nl()
    );
    assert!(r.en().contains("Sam is 14"), "{}", r.en());
    // Voluntary entry is not accepted either.
    coord
        .post(
            "/api/v1/registrations",
            registration(
                "intensieve-omgangsbegeleiding",
                &org,
                "voluntary",
                born_aged(8),
            ),
        )
        .await
        .refused("entry_route_not_accepted");
    assert_eq!(coord.case_count().await, 0);

    let w = to_plan(
        &t,
        &coord,
        "intensieve-omgangsbegeleiding",
        "referral",
        8,
        "intake",
    )
    .await;
    let started = w.view().await["intake_started_on"].clone();
    assert_eq!(started, "2026-03-02");
    refuses_visit_before_signatures(&w, &sup, "plan van aanpak").await;

    // Parent conversations and visits alternate, week by week.
    let mut d = date(2026, 3, 16);
    for _ in 0..2 {
        let (_, s) = w.plan_at(&coord, "parent_conversation", d, 10, None).await;
        w.hold(&coord, &s, d, 10).await;
        d = plus_days(d, 7);
        w.visit("supervised_visit", &sup, d, 14).await;
        d = plus_days(d, 7);
    }
    let view = w.view().await;
    assert_eq!(
        progress(&view, "supervised_visit"),
        "begeleide omgang 2 van ongeveer 8"
    );
    assert_eq!(
        progress(&view, "parent_conversation"),
        "oudergesprek 2 van ongeveer 8"
    );

    // A visit at the playground needs both parents' consent, on record.
    let playground = json!({
        "kind": "supervised_visit", "starts_at": local(d, 14, 0), "minutes": 90,
        "location_kind": "playground", "description": "Speeltuin De Vlinder", "supervisor_id": sup.id
    });
    let before = coord.timeline_len(&w.case).await;
    let r = coord.post(&w.path("sessions"), playground.clone()).await;
    r.refused("consent_missing");
    assert!(
        r.nl().contains(&format!(
            "Instemming ontbreekt van: {RESIDENT} en {VISITING}."
        )),
        "{}",
        r.nl()
    );
    assert_eq!(coord.timeline_len(&w.case).await, before);
    coord
        .post(
            &w.path("consents"),
            json!({ "parent_id": person(&view, "resident_parent"), "given": true, "note": "Akkoord in oudergesprek." }),
        )
        .await
        .ok();
    let r = coord.post(&w.path("sessions"), playground.clone()).await;
    r.refused("consent_missing");
    assert!(
        r.nl()
            .contains(&format!("Instemming ontbreekt van: {VISITING}.")),
        "{}",
        r.nl()
    );
    let view = coord
        .post(
            &w.path("consents"),
            json!({ "parent_id": person(&view, "non_resident_parent"), "subject": "visit_outside_house",
                    "given": true, "on": d.to_string() }),
        )
        .await
        .ok();
    assert_eq!(view["consents"].as_array().expect("consents").len(), 2);
    let (view, s) = w.plan(&coord, playground).await;
    assert_eq!(session(&view, &s)["location_kind"], "playground");
    w.hold(&sup, &s, d, 14).await;
    w.report(&sup, &s).await;

    // At the visiting parent's home: whose home must be said.
    d = plus_days(d, 7);
    coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "supervised_visit", "starts_at": local(d, 14, 0), "minutes": 90,
                    "location_kind": "parent_home", "supervisor_id": sup.id }),
        )
        .await
        .refused("home_of_required");
    let (view, s) = w
        .plan(
            &coord,
            json!({ "kind": "supervised_visit", "starts_at": local(d, 14, 0), "minutes": 90,
                    "location_kind": "parent_home", "home_of": person(&view, "non_resident_parent"),
                    "supervisor_id": sup.id }),
        )
        .await;
    assert_eq!(session(&view, &s)["location_kind"], "parent_home");
    w.hold(&sup, &s, d, 14).await;
    w.report(&sup, &s).await;
    // The visiting parent's address becomes secret from the other parent: no session at
    // that home any more, explained; the change is on the timeline, no value in the audit.
    let father = person(&view, "non_resident_parent");
    let changed = coord
        .put(
            &format!("{}/{father}", w.path("people")),
            json!({ "phone": "06-11112222", "address": "Verborgenlaan 9, Mijdrecht", "secret_address": true }),
        )
        .await
        .ok();
    let me = changed["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == json!(father))
        .unwrap()
        .clone();
    assert_eq!(me["secret_address"], true);
    assert_eq!(
        me["address"], "Verborgenlaan 9, Mijdrecht",
        "the lead coordinator sees it"
    );
    let refused = coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "supervised_visit", "starts_at": local(plus_days(d, 3), 14, 0), "minutes": 90,
                    "location_kind": "parent_home", "home_of": father, "supervisor_id": sup.id }),
        )
        .await;
    refused.refused("secret_home");
    assert!(
        refused.nl().contains("adres van deze ouder is geheim"),
        "{}",
        refused.nl()
    );
    assert!(
        refused.en().contains("address is secret"),
        "{}",
        refused.en()
    );
    let sup_view = sup.get(&format!("/api/v1/cases/{}", w.case)).await.ok();
    assert!(!sup_view.to_string().contains("Verborgenlaan"));
    coord
        .put(
            &format!("{}/{father}", w.path("people")),
            json!({ "phone": "06-11112222", "address": "Verborgenlaan 9, Mijdrecht", "secret_address": false }),
        )
        .await
        .ok();
    // A withdrawn consent closes the door again.
    coord
        .post(
            &w.path("consents"),
            json!({ "parent_id": person(&view, "resident_parent"), "given": false, "note": "Teruggetrokken." }),
        )
        .await
        .ok();
    coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "supervised_visit", "starts_at": local(plus_days(d, 7), 14, 0), "minutes": 90,
                    "location_kind": "playground", "supervisor_id": sup.id }),
        )
        .await
        .refused("consent_missing");

    // The maximum duration (9 months from the intake on 2 March) comes close.
    assert!(
        signal(
            &coord.signals(&w.case, date(2026, 10, 20)).await,
            "max_duration_near",
            &w.case
        )
        .is_none()
    );
    let near = coord.signals(&w.case, date(2026, 11, 10)).await;
    let s = signal(&near, "max_duration_near", &w.case).expect("max duration near");
    assert_eq!(s["urgency"], "due");
    assert_eq!(s["due_on"], "2026-12-02");
    assert!(
        s["text"].as_str().expect("text").contains("9 maanden"),
        "{s}"
    );
    let org_wide = coord.all_signals(date(2026, 11, 10)).await;
    assert!(
        signal(&org_wide, "max_duration_near", &w.case).is_some(),
        "{org_wide:?}"
    );
    let past = coord.signals(&w.case, date(2026, 12, 10)).await;
    assert_eq!(
        signal(&past, "max_duration_near", &w.case).expect("late")["urgency"],
        "late"
    );

    // End evaluation, then contact without supervision; no follow-up in this programme.
    let d = date(2026, 11, 12);
    let (_, s) = w.plan_at(&coord, "end_evaluation", d, 10, None).await;
    w.hold(&coord, &s, d, 10).await;
    coord
        .post(
            &w.path("evaluations"),
            json!({ "kind": "end", "summary": "Omgang loopt zonder begeleiding.", "agreement_reached": true }),
        )
        .await
        .ok();
    // The ouderschapsplan, written while the case runs, is a document of the case too.
    let pp = w.write_parenting_plan("noord").await;
    assert!(pp["signed_by_both"].as_bool().expect("signed_by_both"));
    let view = coord
        .post(
            &w.path("end"),
            json!({ "outcome": "unsupervised_contact", "summary": "Omgang zonder begeleiding." }),
        )
        .await
        .ok();
    assert_eq!(view["status"], "closed");
    assert_eq!(view["outcome"]["kind"], "unsupervised_contact");
    coord
        .post(&w.path("follow-up/close"), json!({}))
        .await
        .refused("case_closed");
    // Every document of the case, as PDF (pdftotext, pdfinfo).
    assert!(check_documents(&w, "Gecertificeerde Instelling").await >= 4);
    t.assert_snapshot_is_fold(&w.case).await;
}

// ---- Omgangshuis ----------------------------------------------------------------------------

async fn walk_omgangshuis(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Omgangshuis Jeugdhulp", "provider").await;
    let coord = t.user(&org, "coordinator", "Pieter van Dijk").await;
    let sup = t.user(&org, "supervisor", "Sanne Jansen").await;
    let sup2 = t.user(&org, "supervisor", "Mohamed El Amrani").await;

    // A child in foster care: a guardian and a foster carer are part of the case.
    let mut reg = registration("omgangshuis", &org, "court_order", born_aged(9));
    reg["people"].as_array_mut().expect("people").extend([
        json!({ "name": "Karin Smit", "role": "guardian", "organisation": "GI Utrecht", "email": "k.smit@gi.example" }),
        json!({ "name": "Familie Bakker", "role": "foster_carer" }),
    ]);
    let view = coord.post("/api/v1/registrations", reg).await.ok();
    let w = Walk {
        t: &t,
        coord: &coord,
        case: view["id"].as_str().expect("id").to_owned(),
    };
    let guardian = person(&view, "guardian");
    coord.post_empty(&w.path("intake/start")).await.ok();
    // No intake conversation in this programme: an informative conversation, with the guardian.
    let d = plus_days(t.today(), 2);
    coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "intake", "starts_at": local(d, 10, 0), "minutes": 60 }),
        )
        .await
        .refused("kind_not_in_programme");
    let (view, s) = w
        .plan(
            &coord,
            json!({ "kind": "informative_conversation", "starts_at": local(d, 10, 0), "minutes": 60,
                    "participants": [guardian] }),
        )
        .await;
    assert_eq!(session(&view, &s)["kind"], "informative_conversation");
    w.hold(&coord, &s, d, 10).await;
    coord
        .post(&w.path("intake/complete"), json!({ "eligible": true }))
        .await
        .ok();
    coord
        .post(&w.path("plans"), plan_body(date(2026, 6, 1)))
        .await
        .ok();
    refuses_visit_before_signatures(&w, &sup, "plan van aanpak").await;
    assert_eq!(w.view().await["phase"], "omgang");

    // The guardian does not attend a visit.
    coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "supervised_visit", "starts_at": local(date(2026, 3, 14), 14, 0), "minutes": 90,
                    "supervisor_id": sup.id, "participants": [guardian] }),
        )
        .await
        .refused("guardian_may_not_attend");
    // Two visits in the house with the same supervisor, each with a neutral report.
    w.visit("supervised_visit", &sup, date(2026, 3, 14), 14)
        .await;
    w.visit("supervised_visit", &sup, date(2026, 3, 28), 14)
        .await;
    coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "supervised_visit", "starts_at": local(date(2026, 4, 11), 14, 0), "minutes": 90,
                    "supervisor_id": sup2.id }),
        )
        .await
        .refused("not_the_case_supervisor");

    // A late cancellation (less than 48 hours ahead) by the visiting parent.
    let visit_day = date(2026, 4, 11);
    let (view, s) = w
        .plan_at(&coord, "supervised_visit", visit_day, 14, Some(&sup))
        .await;
    t.at(date(2026, 4, 10), 10, 0);
    let view = coord
        .post(
            &w.path(&format!("sessions/{s}/outcome")),
            json!({ "outcome": "cancelled", "by": person(&view, "non_resident_parent"), "reason": "Ziek." }),
        )
        .await
        .ok();
    let cancelled = session(&view, &s);
    assert_eq!(cancelled["state"], "cancelled");
    assert_eq!(cancelled["late"], true);
    assert_eq!(cancelled["cancelled_by"], VISITING);
    coord
        .post(
            &w.path(&format!("sessions/{s}/outcome")),
            json!({ "outcome": "held" }),
        )
        .await
        .refused("outcome_already_recorded");

    // Ambulant: another location, or a parent's home, with both consents.
    let d = date(2026, 4, 18);
    coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "supervised_visit", "starts_at": local(d, 14, 0), "minutes": 90,
                    "location_kind": "other_location", "description": "Kinderboerderij", "supervisor_id": sup.id }),
        )
        .await
        .refused("consent_missing");
    // The resident parent's address is secret from the visiting parent: never at her home.
    coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "supervised_visit", "starts_at": local(d, 14, 0), "minutes": 90,
                    "location_kind": "parent_home", "home_of": person(&view, "resident_parent"),
                    "supervisor_id": sup.id }),
        )
        .await
        .refused("secret_home");
    let home = json!({ "kind": "supervised_visit", "starts_at": local(d, 14, 0), "minutes": 90,
                       "location_kind": "parent_home", "home_of": person(&view, "non_resident_parent"),
                       "supervisor_id": sup.id });
    coord
        .post(&w.path("sessions"), home.clone())
        .await
        .refused("consent_missing");
    for role in ["resident_parent", "non_resident_parent"] {
        coord
            .post(
                &w.path("consents"),
                json!({ "parent_id": person(&view, role), "given": true }),
            )
            .await
            .ok();
    }
    let (view, s) = w.plan(&coord, home).await;
    assert_eq!(session(&view, &s)["location_kind"], "parent_home");
    w.hold(&sup, &s, d, 14).await;
    w.report(&sup, &s).await;

    // One phase only.
    coord
        .post_empty(&w.path("phase/advance"))
        .await
        .refused("last_phase");
    // Ending cancels what is still planned.
    let (_, planned) = w
        .plan_at(&coord, "supervised_visit", date(2026, 5, 2), 14, Some(&sup))
        .await;
    t.at(date(2026, 4, 25), 10, 0);
    coord
        .post(
            &w.path("evaluations"),
            json!({ "kind": "end", "summary": "Omgang blijft begeleid nodig.", "on": "2026-04-25" }),
        )
        .await
        .ok();
    // The ouderschapsplan, written while the case runs, is a document of the case too.
    let pp = w.write_parenting_plan("zuid").await;
    assert!(pp["signed_by_both"].as_bool().expect("signed_by_both"));
    coord
        .post(&w.path("end"), json!({ "outcome": "follow_up_help" }))
        .await
        .invalid("handed_to");
    // The ouderschapsplan, written while the case runs, is a document of the case too.
    let pp = w.write_parenting_plan("midden").await;
    assert!(pp["signed_by_both"].as_bool().expect("signed_by_both"));
    let view = coord
        .post(
            &w.path("end"),
            json!({ "outcome": "follow_up_help", "handed_to": "Gezinsvoogd (GI Utrecht)",
                    "summary": "Omgang wordt door de GI voortgezet." }),
        )
        .await
        .ok();
    assert_eq!(view["status"], "closed");
    assert_eq!(view["outcome"]["kind"], "follow_up_help");
    assert_eq!(view["outcome"]["detail"], "Gezinsvoogd (GI Utrecht)");
    let left = session(&view, &planned);
    assert_eq!(left["state"], "cancelled");
    assert_eq!(left["cancelled_by"], "de organisatie");
    // Every document of the case, as PDF (pdftotext, pdfinfo).
    assert!(check_documents(&w, "Omgangshuis Jeugdhulp").await >= 4);
    t.assert_snapshot_is_fold(&w.case).await;
}

// ---- Begeleide Omgangsregeling (BOR) ---------------------------------------------------------

async fn walk_begeleide_omgangsregeling(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Humanitas", "provider").await;
    let coord = t.user(&org, "coordinator", "Joost Bakker").await;
    let els = t
        .volunteer(&org, "Els Visser", Some("2025-01-10"), Some("2025-02-01"))
        .await;
    let henk = t
        .volunteer(&org, "Henk de Boer", Some("2022-05-01"), Some("2022-06-01"))
        .await;
    let no_vog = t
        .volunteer(&org, "Fatima Yilmaz", None, Some("2025-02-01"))
        .await;
    let untrained = t
        .volunteer(&org, "Kees Mulder", Some("2025-06-01"), None)
        .await;

    // Intake starts on day 0, 2 March: the first visit is due within 30 days (1 April).
    let w = to_plan(
        &t,
        &coord,
        "begeleide-omgangsregeling",
        "voluntary",
        7,
        "intake",
    )
    .await;
    assert_eq!(w.view().await["intake_started_on"], "2026-03-02");
    let quiet = coord.signals(&w.case, date(2026, 3, 20)).await;
    assert!(
        signal(&quiet, "first_visit_late", &w.case).is_none(),
        "{quiet:?}"
    );
    let soon = coord.signals(&w.case, date(2026, 3, 26)).await;
    let s = signal(&soon, "first_visit_late", &w.case).expect("first visit due");
    assert_eq!(s["urgency"], "due");
    let late = coord.signals(&w.case, date(2026, 4, 2)).await;
    let s = signal(&late, "first_visit_late", &w.case).expect("first visit late");
    assert_eq!(s["urgency"], "late");
    assert_eq!(s["due_on"], "2026-04-01");
    assert!(
        s["text"]
            .as_str()
            .expect("text")
            .contains("binnen 30 dagen"),
        "{s}"
    );
    let org_wide = coord.all_signals(date(2026, 4, 2)).await;
    let s = signal(&org_wide, "first_visit_late", &w.case).expect("org-wide signal");
    assert_eq!(s["urgency"], "late");
    // The organisation's volunteers without a valid VOG or training are signalled too.
    for (kind, user) in [
        ("vog_expiring", &henk),
        ("vog_expiring", &no_vog),
        ("training_missing", &untrained),
    ] {
        assert!(
            org_wide
                .iter()
                .any(|s| s["kind"] == json!(kind) && s["user_id"] == json!(user.id)),
            "{kind} for {}: {org_wide:?}",
            user.email
        );
    }

    refuses_visit_before_signatures(&w, &els, "plan van aanpak").await;

    // A volunteer without a valid VOG (or training) may not supervise.
    let r = coord
        .post(&w.path("supervisor"), json!({ "user_id": henk.id }))
        .await;
    r.refused("vog_not_valid");
    assert!(r.nl().contains("De VOG van Henk de Boer"), "{}", r.nl());
    assert!(r.nl().contains("niet meer geldig"), "{}", r.nl());
    let r = coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "supervised_visit", "starts_at": local(date(2026, 3, 14), 14, 0), "minutes": 90,
                    "supervisor_id": no_vog.id }),
        )
        .await;
    r.refused("vog_not_valid");
    assert!(
        r.nl().contains("Fatima Yilmaz heeft geen VOG"),
        "{}",
        r.nl()
    );
    coord
        .post(&w.path("supervisor"), json!({ "user_id": untrained.id }))
        .await
        .refused("training_missing");
    let view = coord
        .post(&w.path("supervisor"), json!({ "user_id": els.id }))
        .await
        .ok();
    assert_eq!(view["supervisor_id"], json!(els.id));

    // Three visits supervised by the volunteer, who writes the reports.
    let mut view = Value::Null;
    for d in [date(2026, 3, 14), date(2026, 3, 21), date(2026, 3, 28)] {
        view = w.visit("supervised_visit", &els, d, 14).await;
    }
    assert_eq!(view["phase"], "afbouw", "three visits move the case on");
    assert_eq!(
        progress(&view, "supervised_visit"),
        "begeleide omgang 3 van ongeveer 3"
    );
    assert!(
        signal(
            &coord.signals(&w.case, date(2026, 4, 2)).await,
            "first_visit_late",
            &w.case
        )
        .is_none()
    );
    // The volunteer sees the case, without the secret address.
    let seen = els.case(&w.case).await;
    assert_eq!(seen["scope"], "supervisor");
    let mother = seen["people"]
        .as_array()
        .expect("people")
        .iter()
        .find(|p| p["role"] == "resident_parent")
        .expect("mother");
    assert_eq!(mother["address"], Value::Null);

    // Stepping back: a playground visit with consent, a handover, contact alone.
    let d = date(2026, 4, 4);
    coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "supervised_visit", "starts_at": local(d, 14, 0), "minutes": 90,
                    "location_kind": "parent_home", "home_of": person(&view, "resident_parent"),
                    "supervisor_id": els.id }),
        )
        .await
        .refused("location_not_allowed");
    let playground = json!({ "kind": "supervised_visit", "starts_at": local(d, 14, 0), "minutes": 90,
                             "location_kind": "playground", "description": "Speeltuin Vinkeveen",
                             "supervisor_id": els.id });
    coord
        .post(&w.path("sessions"), playground.clone())
        .await
        .refused("consent_missing");
    for role in ["resident_parent", "non_resident_parent"] {
        coord
            .post(
                &w.path("consents"),
                json!({ "parent_id": person(&view, role), "given": true }),
            )
            .await
            .ok();
    }
    let (_, s) = w.plan(&coord, playground).await;
    w.hold(&els, &s, d, 14).await;
    w.report(&els, &s).await;
    w.visit("supervised_handover", &els, date(2026, 4, 11), 14)
        .await;
    let d = date(2026, 4, 18);
    let (_, s) = w
        .plan(
            &coord,
            json!({ "kind": "unsupervised_visit", "starts_at": local(d, 13, 0), "minutes": 240 }),
        )
        .await;
    w.hold(&coord, &s, d, 17).await;
    let d = date(2026, 4, 22);
    let (_, s) = w.plan_at(&coord, "end_evaluation", d, 10, None).await;
    w.hold(&coord, &s, d, 10).await;
    let view = coord
        .post(
            &w.path("evaluations"),
            json!({ "kind": "end", "summary": "Werkbare afspraken.", "agreement_reached": true }),
        )
        .await
        .ok();
    assert_eq!(view["evaluations"][0]["agreement_reached"], true);
    // The ouderschapsplan, written while the case runs, is a document of the case too.
    let pp = w.write_parenting_plan("zuid").await;
    assert!(pp["signed_by_both"].as_bool().expect("signed_by_both"));
    let view = coord
        .post(
            &w.path("end"),
            json!({ "outcome": "ouderschapsplan", "summary": "Afspraken in het ouderschapsplan." }),
        )
        .await
        .ok();
    assert_eq!(view["status"], "closed", "BOR has no follow-up half year");
    assert_eq!(view["outcome"]["kind"], "ouderschapsplan");
    // Every document of the case, as PDF (pdftotext, pdfinfo).
    assert!(check_documents(&w, "Humanitas").await >= 4);
    t.assert_snapshot_is_fold(&w.case).await;
}

// ---- De Ronde Venen -----------------------------------------------------------------------

async fn walk_de_ronde_venen(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let kwadraad = t.org("Kwadraad", "provider").await;
    let timon = t.org("Timon", "partner").await;
    let sociaal_team = t.org("Sociaal Team De Ronde Venen", "municipality").await;
    let coord = t.user(&kwadraad, "coordinator", "Anouk de Vries").await;
    let sup = t.user(&kwadraad, "supervisor", "Sanne Jansen").await;
    let ons = t.user(&timon, "partner_staff", "Lotte Timmer").await;
    let desk = t.user(&sociaal_team, "referrer", "Ria Sociaal").await;
    let director = t.user(&sociaal_team, "case_director", "Carla Regie").await;

    // The Sociaal Team registers the family at Kwadraad.
    let mut reg = registration("de-ronde-venen", &kwadraad, "referral", born_aged(5));
    reg["registered_by"] = json!("professional");
    let r = desk.post("/api/v1/registrations", reg).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let view = r.ok();
    assert_eq!(view["scope"], "referrer");
    assert_eq!(view["status"], "registered");
    assert!(view["people"].as_array().expect("people").is_empty());
    let w = Walk {
        t: &t,
        coord: &coord,
        case: view["id"].as_str().expect("id").to_owned(),
    };
    // The partner sees nothing before it is linked.
    ons.get(&format!("/api/v1/cases/{}", w.case))
        .await
        .problem(404);

    t.at(date(2026, 3, 9), 9, 0);
    coord.post_empty(&w.path("intake/start")).await.ok();
    let (_, s) = w
        .plan_at(&coord, "intake", date(2026, 3, 10), 10, None)
        .await;
    w.hold(&coord, &s, date(2026, 3, 10), 10).await;
    coord
        .post(&w.path("intake/complete"), json!({ "eligible": true }))
        .await
        .ok();
    // ONS is held by the partner organisation: link it first.
    coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "ons_conversation", "starts_at": local(date(2026, 3, 16), 10, 0), "minutes": 60,
                    "location_kind": "office" }),
        )
        .await
        .refused("no_partner_assigned");
    coord
        .post(&w.path("partner"), json!({ "id": sociaal_team }))
        .await
        .invalid("id");
    let view = coord
        .post(&w.path("partner"), json!({ "id": timon }))
        .await
        .ok();
    assert_eq!(view["partner_org_id"], json!(timon));
    let view = coord
        .post(&w.path("case-director"), json!({ "id": director.id }))
        .await
        .ok();
    assert_eq!(view["case_director_id"], json!(director.id));

    // The cooperation contract, signed by both parents before any visit.
    coord
        .post(&w.path("plans"), plan_body(date(2026, 5, 1)))
        .await
        .ok();
    refuses_visit_before_signatures(&w, &sup, "samenwerkingscontract").await;
    let view = w.view().await;
    assert_eq!(view["phase"], "begeleide-omgang");

    // No supervised visit before an ONS conversation was held.
    let visit = |d| json!({ "kind": "supervised_visit", "starts_at": local(d, 14, 0), "minutes": 90, "supervisor_id": sup.id });
    let r = coord
        .post(&w.path("sessions"), visit(date(2026, 3, 21)))
        .await;
    r.refused("prerequisite_missing");
    assert!(
        r.nl().contains("als er minstens 1 ONS-gesprek is gehouden"),
        "{}",
        r.nl()
    );
    // The partner's staff plans and records the ONS conversation.
    let d = date(2026, 3, 16);
    let (pview, s) = w
        .plan(
            &ons,
            json!({ "kind": "ons_conversation", "starts_at": local(d, 10, 0), "minutes": 90,
                    "location_kind": "office", "description": "Kantoor Sociaal Team" }),
        )
        .await;
    assert_eq!(pview["scope"], "partner");
    assert_eq!(session(&pview, &s)["partner_org_id"], json!(timon));
    // Planned but not held yet: still no visit.
    coord
        .post(&w.path("sessions"), visit(date(2026, 3, 21)))
        .await
        .refused("prerequisite_missing");
    let pview = w.hold(&ons, &s, d, 10).await;
    assert_eq!(session(&pview, &s)["state"], "held");
    // The partner runs only its own part.
    ons.post(&w.path("sessions"), visit(date(2026, 3, 21)))
        .await
        .problem(403);
    ons.get(&w.path("timeline")).await.problem(403);

    // Alternating weeks: visit, ONS, visit.
    w.visit("supervised_visit", &sup, date(2026, 3, 21), 14)
        .await;
    let d = date(2026, 3, 30);
    let (_, s) = w.plan_at(&ons, "ons_conversation", d, 10, None).await;
    w.hold(&ons, &s, d, 10).await;
    let view = w
        .visit("supervised_visit", &sup, date(2026, 4, 4), 14)
        .await;
    assert_eq!(progress(&view, "supervised_visit"), "begeleide omgang 2");

    // The partner sees its ONS sessions only, and no addresses.
    let pview = ons.case(&w.case).await;
    assert_eq!(pview["scope"], "partner");
    let kinds: Vec<_> = pview["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .map(|s| s["kind"].as_str().expect("kind").to_owned())
        .collect();
    assert_eq!(kinds, ["ons_conversation", "ons_conversation"]);
    assert!(pview["reports"].as_array().expect("reports").is_empty());
    for p in pview["people"].as_array().expect("people") {
        assert_eq!(p["address"], Value::Null, "{p}");
    }

    // On to contact at the parent's home, with both parents' consent.
    let view = coord.post_empty(&w.path("phase/advance")).await.ok();
    assert_eq!(view["phase"], "omgang-thuis");
    let d = date(2026, 4, 11);
    let home = json!({ "kind": "supervised_visit", "starts_at": local(d, 14, 0), "minutes": 90,
                       "location_kind": "parent_home", "home_of": person(&view, "non_resident_parent"),
                       "supervisor_id": sup.id });
    coord
        .post(&w.path("sessions"), home.clone())
        .await
        .refused("consent_missing");
    coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "supervised_visit", "starts_at": local(d, 14, 0), "minutes": 90,
                    "location_kind": "playground", "supervisor_id": sup.id }),
        )
        .await
        .refused("location_not_allowed");
    for role in ["resident_parent", "non_resident_parent"] {
        coord
            .post(
                &w.path("consents"),
                json!({ "parent_id": person(&view, role), "given": true }),
            )
            .await
            .ok();
    }
    let (_, s) = w.plan(&coord, home).await;
    w.hold(&sup, &s, d, 14).await;
    w.report(&sup, &s).await;
    let d = date(2026, 4, 18);
    let (_, s) = w
        .plan(
            &coord,
            json!({ "kind": "unsupervised_visit", "starts_at": local(d, 12, 0), "minutes": 300,
                    "location_kind": "parent_home", "home_of": person(&view, "non_resident_parent") }),
        )
        .await;
    w.hold(&coord, &s, d, 17).await;

    // Six months from the intake (9 March): the maximum comes close in August.
    let near = coord.signals(&w.case, date(2026, 8, 20)).await;
    let s = signal(&near, "max_duration_near", &w.case).expect("max duration near");
    assert_eq!(s["urgency"], "due");
    assert_eq!(s["due_on"], "2026-09-09");

    // End evaluation decides on follow-up help, picked up by the Sociaal Team.
    let d = date(2026, 8, 24);
    let (_, s) = w.plan_at(&coord, "end_evaluation", d, 10, None).await;
    w.hold(&coord, &s, d, 10).await;
    coord
        .post(
            &w.path("evaluations"),
            json!({ "kind": "end", "summary": "Omgang bij vader thuis loopt; hulp bij communicatie nodig.",
                    "agreement_reached": false, "next_steps": "Vervolghulp via Sociaal Team." }),
        )
        .await
        .ok();
    let view = coord
        .post(
            &w.path("end"),
            json!({ "outcome": "follow_up_help", "handed_to": "Sociaal Team De Ronde Venen",
                    "summary": "Vervolghulp bij communicatie tussen de ouders." }),
        )
        .await
        .ok();
    assert_eq!(view["status"], "closed");

    // The casusregisseur follows status and evaluations, not the reports.
    let dview = director.case(&w.case).await;
    assert_eq!(dview["scope"], "case_director");
    assert_eq!(dview["status"], "closed");
    assert_eq!(dview["outcome"]["kind"], "follow_up_help");
    assert_eq!(
        dview["evaluations"].as_array().expect("evaluations").len(),
        1
    );
    assert!(dview["reports"].as_array().expect("reports").is_empty());
    assert!(dview["sessions"].as_array().expect("sessions").is_empty());
    // The registering desk sees the status and the outcome, not the sessions.
    let rview = desk.case(&w.case).await;
    assert_eq!(rview["scope"], "referrer");
    assert_eq!(rview["status"], "closed");
    assert_eq!(rview["outcome"]["kind"], "follow_up_help");
    assert!(rview["sessions"].as_array().expect("sessions").is_empty());
    // Every document of the case, as PDF (pdftotext, pdfinfo).
    assert!(check_documents(&w, "Kwadraad").await >= 4);
    t.assert_snapshot_is_fold(&w.case).await;
}

/// The same supervisor cannot be in two places at once, across cases.
async fn supervisor_not_double_booked_across_cases(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Omgangshuis Utrecht", "provider").await;
    let coord = t.user(&org, "coordinator", "Anouk de Vries").await;
    let sup = t.user(&org, "supervisor", "Sanne Jansen").await;
    let a = to_plan(
        &t,
        &coord,
        "omgangshuis",
        "voluntary",
        8,
        "informative_conversation",
    )
    .await;
    a.sign_both(1).await;
    let b = to_plan(
        &t,
        &coord,
        "omgangshuis",
        "voluntary",
        6,
        "informative_conversation",
    )
    .await;
    b.sign_both(1).await;
    // Saturday 14 March, 23:00 to 00:30 in case A.
    let (_, late) = a
        .plan(
            &coord,
            json!({ "kind": "supervised_visit", "starts_at": local(date(2026, 3, 14), 23, 0),
                    "minutes": 90, "supervisor_id": sup.id }),
        )
        .await;
    for (start, minutes) in [
        (local(date(2026, 3, 14), 22, 0), 90),
        (local(date(2026, 3, 14), 23, 30), 30),
        (local(date(2026, 3, 15), 0, 0), 60),
    ] {
        let r = coord
            .post(
                &b.path("sessions"),
                json!({ "kind": "supervised_visit", "starts_at": start, "minutes": minutes,
                        "supervisor_id": sup.id }),
            )
            .await;
        r.refused("supervisor_double_booked");
        assert!(
            r.nl()
                .contains("Sanne Jansen heeft op dat moment al een andere afspraak"),
            "{}",
            r.nl()
        );
    }
    // Right after it is fine; and once A's visit is cancelled the time is free again.
    b.plan(
        &coord,
        json!({ "kind": "supervised_visit", "starts_at": local(date(2026, 3, 15), 0, 30),
                "minutes": 60, "supervisor_id": sup.id }),
    )
    .await;
    let view = a.view().await;
    coord
        .post(
            &a.path(&format!("sessions/{late}/outcome")),
            json!({ "outcome": "cancelled", "by": person(&view, "non_resident_parent"), "reason": "Ziek." }),
        )
        .await
        .ok();
    b.plan(
        &coord,
        json!({ "kind": "supervised_visit", "starts_at": local(date(2026, 3, 14), 23, 0),
                "minutes": 60, "supervisor_id": sup.id }),
    )
    .await;
}

/// Planning warns when the plan says the parents must not meet and the room's location has
/// no margin between the resident parent's drop-off and the visiting parent's arrival.
async fn parents_who_must_not_meet_need_a_margin(backend: Backend) {
    use omgang_app::beheer::{LocationInput, PlannedSlot, RoomInput};
    use omgang_app::{Actor, Role};
    use omgang_domain::ids::{OrgId, UserId};

    let t = TestApp::spawn(backend).await;
    let org = t.org("Omgangshuis Utrecht", "provider").await;
    let coord = t.user(&org, "coordinator", "Anouk de Vries").await;
    let w = to_plan(
        &t,
        &coord,
        "omgangshuis",
        "voluntary",
        8,
        "informative_conversation",
    )
    .await;
    let actor = Actor {
        user_id: UserId(coord.id.clone()),
        org_id: OrgId(org.clone()),
        role: Role::Coordinator,
        name: "Anouk de Vries".into(),
        ip: None,
        lang: omgang_domain::Lang::Nl,
        system: false,
        directory_version: None,
    };
    let mut rooms = Vec::new();
    for (name, margin) in [("Kantoor", 0), ("Omgangshuis", 15)] {
        let location = t
            .app
            .add_location(
                &actor,
                &LocationInput {
                    name: name.into(),
                    address: "Herenweg 1, Utrecht".into(),
                    margin_minutes: margin,
                    entrances: String::new(),
                    travel_minutes: None,
                },
            )
            .await
            .unwrap();
        let location = t
            .app
            .add_room(
                &actor,
                &location.id,
                &RoomInput {
                    name: "Kamer".into(),
                    room_type: "homely".into(),
                },
            )
            .await
            .unwrap();
        rooms.push(location.rooms[0].id.clone());
    }
    let slot = |room: &str| PlannedSlot {
        kind: "supervised_visit".into(),
        starts_at: local(plus_days(t.today(), 7), 14, 0),
        minutes: 60,
        supervisor_id: None,
        room_id: Some(room.into()),
    };
    let meet = |warnings: &[String]| warnings.iter().any(|w| w.contains("niet tegenkomen"));
    // The plan's default is that the parents must not meet; version 2 lets them meet.
    let default = t
        .app
        .planning_warnings(&actor, &w.case, &slot(&rooms[0]))
        .await
        .unwrap();
    assert!(meet(&default), "{default:?}");
    let mut body = plan_body(plus_days(t.today(), 60));
    body["parents_must_not_meet"] = json!(false);
    coord.post(&w.path("plans"), body).await.ok();
    let before = t
        .app
        .planning_warnings(&actor, &w.case, &slot(&rooms[0]))
        .await
        .unwrap();
    assert!(!meet(&before), "{before:?}");
    let mut body = plan_body(plus_days(t.today(), 60));
    body["parents_must_not_meet"] = json!(true);
    coord.post(&w.path("plans"), body).await.ok();
    let tight = t
        .app
        .planning_warnings(&actor, &w.case, &slot(&rooms[0]))
        .await
        .unwrap();
    assert!(meet(&tight), "{tight:?}");
    let roomy = t
        .app
        .planning_warnings(&actor, &w.case, &slot(&rooms[1]))
        .await
        .unwrap();
    assert!(!meet(&roomy), "{roomy:?}");
}
