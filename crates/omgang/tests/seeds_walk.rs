//! Issue 12 through the HTTP API, on SQLite and PostgreSQL: warnings listed in the problem
//! and confirmed (with a reason where asked) on the timeline, the week rhythm, the foster
//! family, the paper signature's date, phases and closing.

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
use omgang_app::beheer::{LocationInput, RoomInput};
use omgang_app::{Actor, Role};
use omgang_domain::ids::{OrgId, UserId};

both_backends!(
    warnings_are_listed_confirmed_and_recorded,
    the_week_rhythm_of_de_ronde_venen,
    a_foster_family_in_the_omgangshuis,
    phases_and_closing_need_a_recorded_reason,
    bor_is_opened_for_the_website_through_the_api,
    sessions_name_real_rooms_and_the_location_agenda_shows_them,
    the_meldcode_after_six_months_without_agreement,
);

fn codes(r: &Resp) -> Vec<String> {
    r.body["warnings"]
        .as_array()
        .unwrap_or_else(|| panic!("no warnings: {}", r.text))
        .iter()
        .map(|w| w["code"].as_str().unwrap().to_owned())
        .collect()
}

async fn timeline(user: &User, case: &str) -> Vec<String> {
    user.get(&format!("/api/v1/cases/{case}/timeline"))
        .await
        .ok()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap().to_owned())
        .collect()
}

/// Seed 001 "tot ongeveer 12 jaar" and "ongeveer acht", "maximaal twee uur"; seed 000/001
/// maximum durations: soft limits warn, hard ones refuse.
async fn warnings_are_listed_confirmed_and_recorded(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Gecertificeerde Instelling", "provider").await;
    let coord = t.user(&org, "coordinator", "Ingrid Bos").await;
    let sup = t.user(&org, "supervisor", "Sanne Jansen").await;

    // A 13-year-old registers; completing the intake asks for a confirmation with a reason.
    let view = coord
        .post(
            "/api/v1/registrations",
            registration(
                "intensieve-omgangsbegeleiding",
                &org,
                "referral",
                born_aged(13),
            ),
        )
        .await
        .ok();
    let w = Walk {
        t: &t,
        coord: &coord,
        case: view["id"].as_str().unwrap().to_owned(),
    };
    coord.post_empty(&w.path("intake/start")).await.ok();
    let r = coord
        .post(&w.path("intake/complete"), json!({ "eligible": true }))
        .await;
    r.refused("confirmation_needed");
    assert_eq!(codes(&r), vec!["child_above_age"]);
    assert_eq!(r.body["warnings"][0]["needs_reason"], true);
    assert!(
        r.nl().contains("tot ongeveer 12 jaar") && r.en().contains("up to about 12"),
        "{}",
        r.text
    );
    let r = coord
        .post(
            &w.path("intake/complete"),
            json!({ "eligible": true, "confirm": ["child_above_age"] }),
        )
        .await;
    r.refused("confirmation_reason_required");
    coord
        .post(
            &w.path("intake/complete"),
            json!({ "eligible": true, "confirm": ["nonsense"], "reason": "x" }),
        )
        .await
        .invalid("confirm[0]");
    let view = coord
        .post(
            &w.path("intake/complete"),
            json!({ "eligible": true, "confirm": ["child_above_age"],
                    "reason": "Zusje van 10 zit ook in het traject." }),
        )
        .await
        .ok();
    assert_eq!(view["status"], "plan");
    let lines = timeline(&coord, &w.case).await;
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Toch doorgegaan") && l.contains("Zusje van 10")),
        "{lines:?}"
    );
    coord
        .post(&w.path("plans"), plan_body(date(2026, 5, 1)))
        .await
        .ok();
    w.sign_both(1).await;

    // "Maximaal twee uur" stays hard.
    coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "supervised_visit", "starts_at": local(date(2026, 3, 10), 14, 0),
                    "minutes": 150, "supervisor_id": sup.id }),
        )
        .await
        .refused("too_long");
    // After the nine months (2 December): a reason is needed, and the case is signalled.
    let late = json!({ "kind": "supervised_visit", "starts_at": local(date(2026, 12, 10), 14, 0),
                       "minutes": 90, "supervisor_id": sup.id });
    let before = coord.timeline_len(&w.case).await;
    let r = coord.post(&w.path("sessions"), late.clone()).await;
    r.refused("confirmation_needed");
    assert_eq!(codes(&r), vec!["beyond_max_duration"]);
    assert!(r.nl().contains("maximale duur van 9 maanden"), "{}", r.nl());
    assert_eq!(coord.timeline_len(&w.case).await, before, "nothing written");
    let mut confirmed = late.clone();
    confirmed["confirm"] = json!(["beyond_max_duration"]);
    coord
        .post(&w.path("sessions"), confirmed.clone())
        .await
        .refused("confirmation_reason_required");
    confirmed["reason"] = json!("Rechter verlengde de omgangsbegeleiding.");
    let view = coord.post(&w.path("sessions"), confirmed).await.ok();
    assert_eq!(view["sessions"].as_array().unwrap().len(), 1);
    let lines = timeline(&coord, &w.case).await;
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Rechter verlengde") && l.contains("maximale duur")),
        "{lines:?}"
    );
    let signals = coord.signals(&w.case, date(2026, 11, 1)).await;
    let s = signal(&signals, "beyond_limit", &w.case).expect("beyond limit");
    assert!(
        s["text"].as_str().unwrap().contains("na de maximale duur"),
        "{s}"
    );
    t.assert_snapshot_is_fold(&w.case).await;
}

/// Seed 000: "De ene week is er een gesprek ONS, de andere week is er begeleide omgang";
/// ONS "op kantoor van het Sociaal Team".
async fn the_week_rhythm_of_de_ronde_venen(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let kwadraad = t.org("Kwadraad", "provider").await;
    let timon = t.org("Timon", "partner").await;
    let coord = t.user(&kwadraad, "coordinator", "Kees Kwadraad").await;
    let sup = t.user(&kwadraad, "supervisor", "Sanne Jansen").await;
    let view = coord
        .post(
            "/api/v1/registrations",
            registration("de-ronde-venen", &kwadraad, "voluntary", born_aged(7)),
        )
        .await
        .ok();
    let w = Walk {
        t: &t,
        coord: &coord,
        case: view["id"].as_str().unwrap().to_owned(),
    };
    coord.post_empty(&w.path("intake/start")).await.ok();
    let (_, s) = w
        .plan_at(&coord, "intake", date(2026, 3, 3), 10, None)
        .await;
    w.hold(&coord, &s, date(2026, 3, 3), 10).await;
    coord
        .post(&w.path("intake/complete"), json!({ "eligible": true }))
        .await
        .ok();
    coord
        .post(&w.path("partner"), json!({ "id": timon }))
        .await
        .ok();
    // ONS in the omgangshuis: refused, naming the office.
    let r = coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "ons_conversation", "starts_at": local(date(2026, 3, 9), 10, 0),
                    "minutes": 60 }),
        )
        .await;
    r.refused("location_not_allowed_for_kind");
    assert!(r.nl().contains("kantoor"), "{}", r.nl());
    let (_, ons) = w
        .plan_at(&coord, "ons_conversation", date(2026, 3, 9), 10, None)
        .await;
    w.hold(&coord, &ons, date(2026, 3, 9), 10).await;
    coord
        .post(&w.path("plans"), plan_body(date(2026, 5, 1)))
        .await
        .ok();
    w.sign_both(1).await;
    // A visit in the ONS week: a warning, not a refusal.
    let same_week = json!({ "kind": "supervised_visit", "starts_at": local(date(2026, 3, 13), 14, 0),
                            "minutes": 90, "supervisor_id": sup.id });
    let r = coord.post(&w.path("sessions"), same_week.clone()).await;
    r.refused("confirmation_needed");
    assert_eq!(codes(&r), vec!["cadence_same_period"]);
    assert_eq!(r.body["warnings"][0]["needs_reason"], false);
    assert!(
        r.en()
            .contains("alternates by week: ONS conversation and supervised visit"),
        "{}",
        r.en()
    );
    // The next week: in rhythm, no warning.
    let view = coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "supervised_visit", "starts_at": local(date(2026, 3, 20), 14, 0),
                    "minutes": 90, "supervisor_id": sup.id }),
        )
        .await
        .ok();
    let first = last_session(&view);
    w.hold(&sup, &first, date(2026, 3, 20), 14).await;
    // A second visit in a row: plan anyway; the case has left its rhythm.
    let again = json!({ "kind": "supervised_visit", "starts_at": local(date(2026, 3, 27), 14, 0),
                        "minutes": 90, "supervisor_id": sup.id,
                        "confirm": ["cadence_same_kind"] });
    coord.post(&w.path("sessions"), again).await.ok();
    let signals = coord.signals(&w.case, date(2026, 3, 27)).await;
    let s = signal(&signals, "off_rhythm", &w.case).expect("off rhythm");
    assert!(s["text"].as_str().unwrap().contains("losgelaten"), "{s}");
    t.assert_snapshot_is_fold(&w.case).await;
}

/// Seed 003: "kinderen die (tijdelijk) in een pleeggezin/woongroep wonen".
async fn a_foster_family_in_the_omgangshuis(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Omgangshuis Jeugdhulp", "provider").await;
    let coord = t.user(&org, "coordinator", "Pieter van Dijk").await;
    let sup = t.user(&org, "supervisor", "Sanne Jansen").await;
    let mut reg = registration("omgangshuis", &org, "court_order", born_aged(7));
    reg["registered_by"] = json!("professional");
    reg["people"][0]["role"] = json!("non_resident_parent");
    reg["people"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "name": "Familie Bakker", "role": "foster_carer" }));
    // Without someone the child lives with: who brings the child?
    let mut nobody = reg.clone();
    nobody["people"].as_array_mut().unwrap().pop();
    let r = coord.post("/api/v1/registrations", nobody).await;
    r.refused("who_brings_the_child");
    assert!(r.nl().contains("pleegouder"), "{}", r.nl());
    // Not in a programme for separated parents.
    let mut elsewhere = reg.clone();
    elsewhere["programme_id"] = json!("begeleide-omgangsregeling");
    elsewhere["entry_route"] = json!("voluntary");
    coord
        .post("/api/v1/registrations", elsewhere)
        .await
        .refused("carer_not_in_programme");
    reg["people"].as_array_mut().unwrap().push(json!({
        "name": "Karin Smit", "role": "guardian", "organisation": "GI Utrecht",
        "holds_authority": true
    }));
    let view = coord.post("/api/v1/registrations", reg).await;
    assert_eq!(view.status, 201, "{}", view.text);
    let view = view.ok();
    let w = Walk {
        t: &t,
        coord: &coord,
        case: view["id"].as_str().unwrap().to_owned(),
    };
    let ids: Vec<(String, String)> = view["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_owned(),
                p["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let id = |name: &str| ids.iter().find(|(n, _)| n == name).unwrap().1.clone();
    let child = view["children"][0]["id"].as_str().unwrap().to_owned();
    coord.post_empty(&w.path("intake/start")).await.ok();
    // The guardian attends the informative conversation.
    let (_, s) = w
        .plan(
            &coord,
            json!({ "kind": "informative_conversation", "starts_at": local(date(2026, 3, 3), 10, 0),
                    "minutes": 60, "participants": [id("Karin Smit"), id(RESIDENT), id(VISITING)] }),
        )
        .await;
    w.hold(&coord, &s, date(2026, 3, 3), 10).await;
    coord
        .post(&w.path("intake/complete"), json!({ "eligible": true }))
        .await
        .ok();
    coord
        .post(&w.path("plans"), plan_body(date(2026, 5, 1)))
        .await
        .ok();
    for name in [RESIDENT, VISITING] {
        coord
            .post(
                &w.path("plans/signatures"),
                json!({ "version": 1, "parent_id": id(name) }),
            )
            .await
            .ok();
    }
    // The guardian with authority signs too; the foster carer does not.
    let view = w.view().await;
    assert_eq!(view["status"], "plan", "waiting for the guardian");
    coord
        .post(
            &w.path("plans/signatures"),
            json!({ "version": 1, "parent_id": id("Familie Bakker") }),
        )
        .await
        .refused("not_a_parent");
    let view = coord
        .post(
            &w.path("plans/signatures"),
            json!({ "version": 1, "parent_id": id("Karin Smit") }),
        )
        .await
        .ok();
    assert_eq!(view["status"], "running");
    // Each visiting parent has their own visits; never both in one.
    let r = coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "supervised_visit", "starts_at": local(date(2026, 3, 14), 14, 0),
                    "minutes": 90, "supervisor_id": sup.id,
                    "participants": [child, id(RESIDENT), id(VISITING)] }),
        )
        .await;
    r.refused("visiting_parents_must_not_meet");
    let (view, s) = w
        .plan(
            &coord,
            json!({ "kind": "supervised_visit", "starts_at": local(date(2026, 3, 14), 14, 0),
                    "minutes": 90, "supervisor_id": sup.id, "participants": [child, id(RESIDENT)] }),
        )
        .await;
    // The foster carer brings and collects the child, a margin before and after.
    let shown = session(&view, &s);
    assert_eq!(shown["brought_by"], "Familie Bakker", "{shown}");
    assert_eq!(shown["drop_off_at"], "2026-03-14T13:45:00");
    w.plan(
        &coord,
        json!({ "kind": "supervised_visit", "starts_at": local(date(2026, 3, 21), 14, 0),
                "minutes": 90, "supervisor_id": sup.id, "participants": [child, id(VISITING)] }),
    )
    .await;
    // "Dezelfde begeleider": another supervisor only with a reason, kept as history.
    let sup2 = t.user(&org, "supervisor", "Mohamed El Amrani").await;
    coord
        .post(&w.path("supervisor"), json!({ "user_id": sup2.id }))
        .await
        .refused("supervisor_change_needs_reason");
    let view = coord
        .post(
            &w.path("supervisor"),
            json!({ "user_id": sup2.id, "reason": "Sanne met verlof tot de zomer." }),
        )
        .await
        .ok();
    assert_eq!(view["supervisor_id"], json!(sup2.id));
    let history = view["supervisor_history"].as_array().unwrap();
    assert_eq!(history.len(), 2, "{history:?}");
    assert_eq!(history[1]["previous_id"], json!(sup.id));
    assert_eq!(history[1]["reason"], "Sanne met verlof tot de zomer.");
    assert!(
        timeline(&coord, &w.case)
            .await
            .iter()
            .any(|l| l.contains("reden: Sanne met verlof")),
        "timeline"
    );
    // The secret address of the one visiting parent never reaches the supervisor.
    let sup_view = sup.get(&format!("/api/v1/cases/{}", w.case)).await.ok();
    assert!(!sup_view.to_string().contains(SECRET_ADDRESS));
    t.assert_snapshot_is_fold(&w.case).await;
}

/// Seed 002 "twee maal overdrachtsbegeleiding", the automatic move announced, closing over
/// unreleased reports, and a paper signature's day.
async fn phases_and_closing_need_a_recorded_reason(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Omgangshuis Utrecht", "provider").await;
    let coord = t.user(&org, "coordinator", "Anouk de Vries").await;
    let sup = t.user(&org, "supervisor", "Sanne Jansen").await;
    let view = coord
        .post(
            "/api/v1/registrations",
            registration("omgangshuis", &org, "voluntary", born_aged(8)),
        )
        .await
        .ok();
    let w = Walk {
        t: &t,
        coord: &coord,
        case: view["id"].as_str().unwrap().to_owned(),
    };
    coord.post_empty(&w.path("intake/start")).await.ok();
    let (_, s) = w
        .plan_at(
            &coord,
            "informative_conversation",
            date(2026, 3, 3),
            10,
            None,
        )
        .await;
    w.hold(&coord, &s, date(2026, 3, 3), 10).await;
    coord
        .post(&w.path("intake/complete"), json!({ "eligible": true }))
        .await
        .ok();
    coord
        .post(&w.path("plans"), plan_body(date(2026, 5, 1)))
        .await
        .ok();
    // Paper signatures recorded on 20 March, signed on 10 and 12 March.
    t.at(date(2026, 3, 20), 9, 0);
    let parents = w.view().await;
    let sign = |role: &str, on: &str| json!({ "version": 1, "parent_id": person(&parents, role), "signed_on": on });
    coord
        .post(
            &w.path("plans/signatures"),
            sign("resident_parent", "2026-03-21"),
        )
        .await
        .refused("signature_in_the_future");
    coord
        .post(
            &w.path("plans/signatures"),
            sign("resident_parent", "2026-03-01"),
        )
        .await
        .refused("signature_before_plan");
    coord
        .post(
            &w.path("plans/signatures"),
            sign("resident_parent", "2026-03-10"),
        )
        .await
        .ok();
    let view = coord
        .post(
            &w.path("plans/signatures"),
            sign("non_resident_parent", "2026-03-12"),
        )
        .await
        .ok();
    assert_eq!(view["running_since"], "2026-03-12");
    // A visit on 11 March cannot be entered; one on 14 March can, afterwards.
    let r = coord
        .post(
            &w.path("sessions"),
            json!({ "kind": "supervised_visit", "starts_at": local(date(2026, 3, 11), 14, 0),
                    "minutes": 90, "supervisor_id": sup.id }),
        )
        .await;
    r.refused("session_before_signatures");
    assert!(r.nl().contains("12 maart 2026"), "{}", r.nl());
    let (_, visit) = w
        .plan(
            &coord,
            json!({ "kind": "supervised_visit", "starts_at": local(date(2026, 3, 14), 14, 0),
                    "minutes": 90, "supervisor_id": sup.id }),
        )
        .await;
    sup.post(
        &w.path(&format!("sessions/{visit}/outcome")),
        json!({ "outcome": "held", "notes": "Achteraf ingevoerd." }),
    )
    .await
    .ok();
    // Closing while that visit has no released report: only with a reason.
    let end =
        json!({ "outcome": "stopped_early", "reason": "Moeder verhuist naar het buitenland." });
    let r = coord.post(&w.path("end"), end.clone()).await;
    r.refused("confirmation_needed");
    assert_eq!(codes(&r), vec!["reports_not_released"]);
    let mut confirmed = end.clone();
    confirmed["confirm"] = json!(["reports_not_released"]);
    coord
        .post(&w.path("end"), confirmed.clone())
        .await
        .refused("confirmation_reason_required");
    confirmed["confirm_reason"] = json!("Begeleider ziek; verslag wordt niet meer geschreven.");
    let view = coord.post(&w.path("end"), confirmed).await.ok();
    assert_eq!(view["status"], "closed");
    let lines = timeline(&coord, &w.case).await;
    assert!(
        lines.iter().any(|l| l.contains("Begeleider ziek")),
        "{lines:?}"
    );

    // Ouderschap Blijft: the fourth visit moves the case on, said so; skipping the two
    // handovers by hand needs a reason.
    let view = coord
        .post(
            "/api/v1/registrations",
            registration("ouderschap-blijft", &org, "voluntary", born_aged(8)),
        )
        .await
        .ok();
    let ob = Walk {
        t: &t,
        coord: &coord,
        case: view["id"].as_str().unwrap().to_owned(),
    };
    let view = coord.post_empty(&ob.path("intake/start")).await.ok();
    let d = plus_days(t.today(), 1);
    for (i, role) in ["resident_parent", "non_resident_parent"]
        .iter()
        .enumerate()
    {
        let hour = 9 + 2 * i8::try_from(i).unwrap();
        let (_, s) = ob
            .plan(
                &coord,
                json!({ "kind": "intake", "starts_at": local(d, hour, 0), "minutes": 60,
                        "participants": [person(&view, role)] }),
            )
            .await;
        ob.hold(&coord, &s, d, hour).await;
    }
    let (_, s) = ob.plan_at(&coord, "child_conversation", d, 14, None).await;
    ob.hold(&coord, &s, d, 14).await;
    coord
        .post(&ob.path("intake/complete"), json!({ "eligible": true }))
        .await
        .ok();
    coord
        .post(&ob.path("plans"), plan_body(plus_days(t.today(), 60)))
        .await
        .ok();
    ob.sign_both(1).await;
    let mut day = plus_days(t.today(), 3);
    let mut last = Value::Null;
    for _ in 0..4 {
        let (_, s) = ob
            .plan_at(&coord, "supervised_visit", day, 14, Some(&sup))
            .await;
        ob.t.at(day, 16, 0);
        last = sup
            .post(
                &ob.path(&format!("sessions/{s}/outcome")),
                json!({ "outcome": "held" }),
            )
            .await
            .ok();
        day = plus_days(day, 7);
    }
    assert_eq!(last["phase"], "overdrachten");
    assert_eq!(
        last["announcement"],
        "De 4e begeleide omgang is gehouden: het traject gaat naar Overdrachtsbegeleiding."
    );
    let lines = timeline(&coord, &ob.case).await;
    assert!(
        lines
            .iter()
            .any(|l| l.contains("De 4e begeleide omgang is gehouden")),
        "{lines:?}"
    );
    let (_, s) = ob
        .plan_at(&coord, "supervised_handover", day, 14, Some(&sup))
        .await;
    ob.hold(&sup, &s, day, 14).await;
    let r = coord.post_empty(&ob.path("phase/advance")).await;
    r.refused("confirmation_needed");
    assert_eq!(codes(&r), vec!["phase_sessions_missing"]);
    assert!(
        r.nl().contains("2 keer overdrachtsbegeleiding"),
        "{}",
        r.nl()
    );
    let view = coord
        .post(
            &ob.path("phase/advance"),
            json!({ "confirm": ["phase_sessions_missing"],
                    "reason": "Overdrachten verlopen goed; ouders regelen het zelf." }),
        )
        .await
        .ok();
    assert_eq!(view["phase"], "zelfstandig");
    let lines = timeline(&coord, &ob.case).await;
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Reden: Overdrachten verlopen goed")),
        "{lines:?}"
    );
    t.assert_snapshot_is_fold(&ob.case).await;
}

/// Seed 004: "Ga naar de BOR website en meld je gelijk aan" — an administrator opens the
/// programme for the public form through the API, and closes it again.
async fn bor_is_opened_for_the_website_through_the_api(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Humanitas", "provider").await;
    let admin = t.user(&org, "administrator", "Bea Beheer").await;
    let coord = t.user(&org, "coordinator", "Cor Coördinator").await;
    let public = t.anonymous();
    let open = |on: bool| json!({ "open": on });
    let path = "/api/v1/programmes/begeleide-omgangsregeling/public";
    assert_eq!(
        public.get("/api/v1/public/programmes").await.ok(),
        json!([])
    );
    // Only an administrator; bad input is named; an unknown programme is 404.
    assert_eq!(coord.put(path, open(true)).await.status, 403);
    admin
        .put(path, json!({ "open": "ja" }))
        .await
        .invalid("open");
    assert_eq!(
        admin
            .put("/api/v1/programmes/bestaat-niet/public", open(true))
            .await
            .status,
        404
    );
    assert_eq!(admin.put(path, open(true)).await.status, 204);
    let list = public.get("/api/v1/public/programmes").await.ok();
    assert_eq!(list[0]["programme_id"], "begeleide-omgangsregeling");
    assert_eq!(list[0]["organisation_id"], json!(org));
    assert_eq!(admin.put(path, open(false)).await.status, 204);
    assert_eq!(
        public.get("/api/v1/public/programmes").await.ok(),
        json!([])
    );
}

/// Issue 12 point 7: the API lists the organisation's locations and rooms; a session names a
/// real room (an unknown id is a 422 naming the field); the room brings its location, so the
/// location's agenda shows the session.
async fn sessions_name_real_rooms_and_the_location_agenda_shows_them(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Omgangshuis Utrecht", "provider").await;
    let coord = t.user(&org, "coordinator", "Anouk de Vries").await;
    let sup = t.user(&org, "supervisor", "Sanne Jansen").await;
    let other_org = t.org("Ander Huis", "provider").await;
    let actor = |org: &str, user: &User| Actor {
        user_id: UserId(user.id.clone()),
        org_id: OrgId(org.to_owned()),
        role: Role::Coordinator,
        name: "Coördinator".into(),
        ip: None,
        lang: omgang_domain::Lang::Nl,
        system: false,
        directory_version: None,
    };
    assert_eq!(coord.get("/api/v1/locations").await.ok(), json!([]));
    assert_eq!(sup.get("/api/v1/locations").await.status, 403);
    let location = t
        .app
        .add_location(
            &actor(&org, &coord),
            &LocationInput {
                name: "De Boei".into(),
                address: "Herenweg 1, Vinkeveen".into(),
                margin_minutes: 15,
                entrances: String::new(),
                travel_minutes: None,
            },
        )
        .await
        .unwrap();
    let location = t
        .app
        .add_room(
            &actor(&org, &coord),
            &location.id,
            &RoomInput {
                name: "Speelzaal".into(),
                room_type: "large".into(),
            },
        )
        .await
        .unwrap();
    let room = location.rooms[0].id.clone();
    // Another organisation's room is not one of ours.
    let other_coord = t.user(&other_org, "coordinator", "Ander").await;
    let theirs = t
        .app
        .add_location(
            &actor(&other_org, &other_coord),
            &LocationInput {
                name: "Elders".into(),
                address: "Ergens 2".into(),
                margin_minutes: 0,
                entrances: String::new(),
                travel_minutes: None,
            },
        )
        .await
        .unwrap();
    let listed = coord.get("/api/v1/locations").await.ok();
    assert_eq!(listed[0]["name"], "De Boei");
    assert_eq!(listed[0]["rooms"][0]["id"], json!(room));
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "only our own: {listed}"
    );

    let w = Walk::running(
        &t,
        &coord,
        registration("omgangshuis", &org, "voluntary", born_aged(8)),
    )
    .await;
    let visit = |room_id: &str, location_id: Option<&str>| {
        let mut body = json!({ "kind": "supervised_visit", "starts_at": local(date(2026, 3, 14), 14, 0),
                               "minutes": 90, "supervisor_id": sup.id, "room_id": room_id });
        if let Some(l) = location_id {
            body["location_id"] = json!(l);
        }
        body
    };
    coord
        .post(&w.path("sessions"), visit("kamer-die-niet-bestaat", None))
        .await
        .invalid("room_id");
    coord
        .post(&w.path("sessions"), visit(&room, Some("nergens")))
        .await
        .invalid("location_id");
    coord
        .post(&w.path("sessions"), visit(&room, Some(&theirs.id)))
        .await
        .invalid("location_id");
    // Seed 003: visits in homely or large rooms; an office is refused, naming the field and
    // the kinds of room that do.
    let with_office = t
        .app
        .add_room(
            &actor(&org, &coord),
            &location.id,
            &RoomInput {
                name: "Spreekkamer".into(),
                room_type: "office".into(),
            },
        )
        .await
        .unwrap();
    let office = with_office
        .rooms
        .iter()
        .find(|r| r.room_type == "office")
        .unwrap()
        .id
        .clone();
    let refused = coord.post(&w.path("sessions"), visit(&office, None)).await;
    refused.invalid("room_id");
    assert!(
        refused.text.contains("huiselijke ruimte") && refused.text.contains("homely room"),
        "{}",
        refused.text
    );
    let (view, s) = w.plan(&coord, visit(&room, None)).await;
    assert_eq!(session(&view, &s)["location_id"], json!(location.id));
    assert_eq!(session(&view, &s)["room_id"], json!(room));
    // A parent conversation may be held in the office.
    let (_, conversation) = w
        .plan(
            &coord,
            json!({ "kind": "parent_conversation", "starts_at": local(date(2026, 3, 12), 10, 0),
                    "minutes": 45, "room_id": office }),
        )
        .await;

    // Who came: people and children of the case only (422 naming the entry otherwise),
    // shown on the case and in the timeline.
    let case_now = coord.get(&format!("/api/v1/cases/{}", w.case)).await.ok();
    let child = case_now["children"][0]["id"].as_str().unwrap().to_owned();
    let visiting = case_now["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["role"] == "non_resident_parent")
        .unwrap();
    let visiting_id = visiting["id"].as_str().unwrap().to_owned();
    t.at(date(2026, 3, 14), 17, 0);
    let outcome = w.path(&format!("sessions/{s}/outcome"));
    coord
        .post(
            &outcome,
            json!({ "outcome": "held", "attended": [child, "iemand-anders"] }),
        )
        .await
        .invalid("attended[1]");
    let held = coord
        .post(
            &outcome,
            json!({ "outcome": "held", "notes": "Rustig.", "attended": [visiting_id, child] }),
        )
        .await
        .ok();
    let attended = &session(&held, &s)["attended"];
    assert_eq!(attended.as_array().unwrap().len(), 2, "{attended}");
    assert_eq!(attended[0]["id"], json!(visiting_id));
    assert_eq!(attended[0]["name"], visiting["name"]);
    assert_eq!(attended[1]["role_label"], json!("kind"));
    // Held without saying who came: not recorded, an empty list.
    let held = coord
        .post(
            &w.path(&format!("sessions/{conversation}/outcome")),
            json!({ "outcome": "held" }),
        )
        .await
        .ok();
    assert_eq!(session(&held, &conversation)["attended"], json!([]));
    let timeline = coord
        .get(&format!("/api/v1/cases/{}/timeline", w.case))
        .await
        .ok();
    assert!(
        timeline.to_string().contains("aanwezig: "),
        "the timeline names who came: {timeline}"
    );
    let agenda = coord
        .get(&format!(
            "/api/v1/agenda?from=2026-03-09&to=2026-03-15&location={}",
            location.id
        ))
        .await
        .ok();
    // The visit in the play room and the conversation in the office.
    assert_eq!(agenda.as_array().unwrap().len(), 2, "{agenda}");
    let by_room = coord
        .get(&format!(
            "/api/v1/agenda?from=2026-03-09&to=2026-03-15&room={room}"
        ))
        .await
        .ok();
    assert_eq!(by_room.as_array().unwrap().len(), 1, "{by_room}");
}

/// Seed 002: no agreement within the first half year — reported along the meldcode's five
/// steps, with dates and who; the decision to report clears the signal.
async fn the_meldcode_after_six_months_without_agreement(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Omgangshuis Utrecht", "provider").await;
    let coord = t.user(&org, "coordinator", "Anouk de Vries").await;
    let view = coord
        .post(
            "/api/v1/registrations",
            registration("omgangshuis", &org, "voluntary", born_aged(8)),
        )
        .await
        .ok();
    let case = view["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/cases/{case}/meldcode");
    coord
        .post(&format!("/api/v1/cases/{case}/intake/start"), json!({}))
        .await
        .ok();
    coord
        .post(&path, json!({ "step": "weighing", "note": "Te vroeg." }))
        .await
        .refused("meldcode_step_out_of_order");
    coord
        .post(&path, json!({ "step": "pondering", "note": "x" }))
        .await
        .invalid("step");
    coord
        .post(&path, json!({ "step": "signals", "note": "   " }))
        .await
        .invalid("note");
    for (step, on) in [
        ("signals", "2026-03-02"),
        ("consultation", "2026-03-02"),
        ("conversation", "2026-03-02"),
    ] {
        coord
            .post(
                &path,
                json!({ "step": step, "on": on, "note": format!("Stap {step}.") }),
            )
            .await
            .ok();
    }
    coord
        .post(
            &path,
            json!({ "step": "weighing", "note": "Afwegingskader doorlopen.",
                    "answers": [true, false, true, false, false] }),
        )
        .await
        .ok();
    let view = coord
        .post(
            &path,
            json!({ "step": "decision", "note": "Geen overeenstemming; melden.",
                    "decision": "report", "report_to": "jeugdteam" }),
        )
        .await
        .ok();
    let steps = view["meldcode"].as_array().unwrap();
    assert_eq!(steps.len(), 5);
    assert_eq!(steps[3]["answers"][0]["answer"], true);
    assert!(
        steps[3]["answers"][0]["question"]
            .as_str()
            .unwrap()
            .contains("vermoeden"),
        "{}",
        steps[3]
    );
    assert_eq!(steps[4]["by"], json!(coord.id));
    assert_eq!(steps[4]["report_to"], "jeugdteam");
    assert_eq!(view["escalations"][0]["to"], "jeugdteam");
    let lines = timeline(&coord, &case).await;
    assert!(
        lines.iter().any(|l| l.contains("Meldcode, stap 5")),
        "{lines:?}"
    );
}
