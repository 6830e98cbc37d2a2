//! The snapshot of a case (`cases.snapshot`) must equal the fold of its stored events
//! (`case_events`), so that a case can always be rebuilt from what happened.
//!
//! The programme walks check this after each walk with the clock on whole seconds. Here the
//! clock also carries sub-millisecond parts, as the system clock does.

// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

mod common;

use common::*;
use jiff::SignedDuration;
use jiff::civil::{Date, date};

both_backends!(
    concurrent_writes_are_serialised,
    snapshot_is_fold_after_full_walk,
    snapshot_is_fold_with_sub_millisecond_clock,
);

/// Sets the clock to a local time plus `nanos` nanoseconds.
fn at_precise(t: &TestApp, d: Date, hour: i8, nanos: i64) {
    let at = ts(d, hour, 0)
        .checked_add(SignedDuration::from_nanos(nanos))
        .expect("in range");
    t.app.clock.set(Some(at));
}

/// Registration to a closed case (ended with a report, a cancellation, amendments): every
/// kind of event that carries a time.
async fn walk(t: &TestApp, nanos: i64) -> String {
    let org = t.org("Omgangshuis Utrecht", "provider").await;
    let coord = t.user(&org, "coordinator", "Anouk de Vries").await;
    let sup = t.user(&org, "supervisor", "Sanne Jansen").await;
    at_precise(t, day0(), 9, nanos);
    let view = coord
        .post(
            "/api/v1/registrations",
            registration("omgangshuis", &org, "voluntary", born_aged(8)),
        )
        .await
        .ok();
    let w = Walk {
        t,
        coord: &coord,
        case: view["id"].as_str().expect("id").to_owned(),
    };
    at_precise(t, plus_days(day0(), 1), 9, nanos);
    coord.post_empty(&w.path("intake/start")).await.ok();
    coord
        .post(&w.path("intake/complete"), json!({ "eligible": true }))
        .await
        .ok();
    at_precise(t, plus_days(day0(), 2), 9, nanos);
    coord
        .post(&w.path("plans"), plan_body(date(2026, 5, 1)))
        .await
        .ok();
    at_precise(t, plus_days(day0(), 3), 9, nanos);
    w.sign_both(1).await;
    // A visit held, its report saved twice, approved, released and amended.
    let d = date(2026, 3, 14);
    let (_, s) = w
        .plan_at(&coord, "supervised_visit", d, 14, Some(&sup))
        .await;
    at_precise(t, d, 16, nanos);
    sup.post(
        &w.path(&format!("sessions/{s}/outcome")),
        json!({ "outcome": "held", "notes": "Rustig." }),
    )
    .await
    .ok();
    at_precise(t, d, 17, nanos);
    sup.put(&w.path(&format!("sessions/{s}/report")), report_body())
        .await
        .ok();
    at_precise(t, d, 18, nanos);
    let view = sup
        .put(&w.path(&format!("sessions/{s}/report")), report_body())
        .await
        .ok();
    let report = session_report(&view, &s);
    at_precise(t, plus_days(d, 1), 9, nanos);
    coord
        .post_empty(&w.path(&format!("reports/{report}/approve")))
        .await
        .ok();
    at_precise(t, plus_days(d, 1), 10, nanos);
    coord
        .post_empty(&w.path(&format!("reports/{report}/release")))
        .await
        .ok();
    at_precise(t, plus_days(d, 2), 10, nanos);
    coord
        .post(
            &w.path(&format!("reports/{report}/amendments")),
            json!({ "text": "Aanvulling." }),
        )
        .await
        .ok();
    // A cancelled visit, a consent, an evaluation, the end (which cancels a planned visit).
    let d = date(2026, 3, 28);
    let (view, s) = w
        .plan_at(&coord, "supervised_visit", d, 14, Some(&sup))
        .await;
    at_precise(t, date(2026, 3, 20), 9, nanos);
    coord
        .post(
            &w.path(&format!("sessions/{s}/outcome")),
            json!({ "outcome": "cancelled", "by": person(&view, "resident_parent"), "reason": "Ziek." }),
        )
        .await
        .ok();
    coord
        .post(
            &w.path("consents"),
            json!({ "parent_id": person(&view, "resident_parent"), "given": true }),
        )
        .await
        .ok();
    w.plan_at(&coord, "supervised_visit", date(2026, 4, 4), 14, Some(&sup))
        .await;
    at_precise(t, date(2026, 3, 25), 9, nanos);
    coord
        .post(
            &w.path("evaluations"),
            json!({ "summary": "Tussenevaluatie.", "agreement_reached": false }),
        )
        .await
        .ok();
    let view = coord
        .post(
            &w.path("end"),
            json!({ "outcome": "stopped_early", "reason": "Ouders verhuisd." }),
        )
        .await
        .ok();
    assert_eq!(view["status"], "closed");
    w.case.clone()
}

async fn snapshot_is_fold_after_full_walk(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let case = walk(&t, 0).await;
    t.assert_snapshot_is_fold(&case).await;
}

/// The system clock has sub-millisecond precision; the events must still fold to the
/// snapshot.
async fn snapshot_is_fold_with_sub_millisecond_clock(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let case = walk(&t, 123_456_789).await;
    t.assert_snapshot_is_fold(&case).await;
}

/// Many writes to one case at once: each is recorded once or refused as a conflict (409),
/// never lost, never a 500; the snapshot still equals the fold.
async fn concurrent_writes_are_serialised(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Omgangshuis Utrecht", "provider").await;
    let coord = t.user(&org, "coordinator", "Anouk de Vries").await;
    let coord2 = t.user(&org, "coordinator", "Pieter van Dijk").await;
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
        case: view["id"].as_str().expect("id").to_owned(),
    };
    coord.post_empty(&w.path("intake/start")).await.ok();
    coord
        .post(&w.path("intake/complete"), json!({ "eligible": true }))
        .await
        .ok();
    coord
        .post(&w.path("plans"), plan_body(date(2026, 5, 1)))
        .await
        .ok();
    w.sign_both(1).await;
    let before = coord.timeline_len(&w.case).await;
    let mut tasks = Vec::new();
    for i in 0..16 {
        let user = if i % 2 == 0 {
            coord.clone()
        } else {
            coord2.clone()
        };
        let path = w.path("evaluations");
        tasks.push(tokio::spawn(async move {
            user.post(&path, json!({ "summary": format!("Evaluatie {i}") }))
                .await
        }));
    }
    let mut ok = 0;
    for task in tasks {
        let r = task.await.expect("request task");
        match r.status {
            200 => ok += 1,
            409 => assert_eq!(r.problem(409)["code"], "conflict", "{}", r.text),
            _ => panic!("a concurrent write answered {}: {}", r.status, r.text),
        }
    }
    assert!(ok >= 1, "no write went through");
    assert_eq!(coord.timeline_len(&w.case).await, before + ok);
    let view = w.view().await;
    assert_eq!(
        view["evaluations"].as_array().expect("evaluations").len(),
        ok
    );
    t.assert_snapshot_is_fold(&w.case).await;
}
