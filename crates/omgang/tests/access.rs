//! Access through the one policy, over HTTP: who sees which case, and how much of it;
//! sign-in by session cookie or personal API token; and the audit log of every read and
//! write of a case.

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
    case_access_follows_the_relation,
    funder_sees_only_figures,
    unauthenticated_requests_get_401,
    personal_api_tokens,
    audit_lists_every_read_and_write,
);

/// A De Ronde Venen case registered by the Sociaal Team's desk, with Timon as partner, a
/// casusregisseur, an assigned supervisor, an ONS conversation and a visit with a released
/// report, and an interim evaluation.
struct World {
    t: TestApp,
    coord: User,
    admin: User,
    sup: User,
    other_sup: User,
    partner: User,
    director: User,
    referrer: User,
    funder: User,
    other_coord: User,
    case: String,
}

impl World {
    fn path(&self, step: &str) -> String {
        format!("/api/v1/cases/{}/{step}", self.case)
    }
}

async fn world(backend: Backend) -> World {
    let t = TestApp::spawn(backend).await;
    let kwadraad = t.org("Kwadraad", "provider").await;
    let timon = t.org("Timon", "partner").await;
    let sociaal_team = t.org("Sociaal Team De Ronde Venen", "municipality").await;
    let gemeente = t.org("Gemeente De Ronde Venen", "funder").await;
    let elsewhere = t.org("Omgangshuis Elders", "provider").await;
    let coord = t.user(&kwadraad, "coordinator", "Anouk de Vries").await;
    let admin = t.user(&kwadraad, "administrator", "Bram Hendriks").await;
    let sup = t.user(&kwadraad, "supervisor", "Sanne Jansen").await;
    let other_sup = t.user(&kwadraad, "supervisor", "Mohamed El Amrani").await;
    let partner = t.user(&timon, "partner_staff", "Lotte Timmer").await;
    let director = t.user(&sociaal_team, "case_director", "Carla Regie").await;
    let referrer = t.user(&sociaal_team, "referrer", "Ria Sociaal").await;
    let funder = t.user(&gemeente, "funder", "Wethouder Geld").await;
    let other_coord = t.user(&elsewhere, "coordinator", "Eva Elders").await;

    let mut reg = registration("de-ronde-venen", &kwadraad, "referral", born_aged(6));
    reg["registered_by"] = json!("professional");
    let view = referrer.post("/api/v1/registrations", reg).await.ok();
    let case = view["id"].as_str().expect("id").to_owned();
    {
        let w = Walk {
            t: &t,
            coord: &coord,
            case: case.clone(),
        };
        coord.post_empty(&w.path("intake/start")).await.ok();
        coord
            .post(&w.path("partner"), json!({ "id": timon }))
            .await
            .ok();
        coord
            .post(&w.path("case-director"), json!({ "id": director.id }))
            .await
            .ok();
        coord
            .post(&w.path("intake/complete"), json!({ "eligible": true }))
            .await
            .ok();
        coord
            .post(&w.path("plans"), plan_body(date(2026, 5, 1)))
            .await
            .ok();
        w.sign_both(1).await;
        let d = date(2026, 3, 9);
        let (_, s) = w.plan_at(&partner, "ons_conversation", d, 10, None).await;
        w.hold(&partner, &s, d, 10).await;
        w.visit("supervised_visit", &sup, date(2026, 3, 14), 14)
            .await;
        coord
            .post(
                &w.path("evaluations"),
                json!({ "summary": "Eerste omgang verliep goed.", "agreement_reached": false }),
            )
            .await
            .ok();
    }
    World {
        t,
        coord,
        admin,
        sup,
        other_sup,
        partner,
        director,
        referrer,
        funder,
        other_coord,
        case,
    }
}

fn people<'a>(view: &'a Value, role: &str) -> &'a Value {
    view["people"]
        .as_array()
        .expect("people")
        .iter()
        .find(|p| p["role"] == json!(role))
        .unwrap_or_else(|| panic!("no {role} in {view}"))
}

async fn case_access_follows_the_relation(backend: Backend) {
    let w = world(backend).await;
    let case_path = format!("/api/v1/cases/{}", w.case);

    // The lead coordinator sees everything, the secret address too.
    let full = w.coord.case(&w.case).await;
    assert_eq!(full["scope"], "full");
    assert_eq!(people(&full, "resident_parent")["address"], SECRET_ADDRESS);
    assert_eq!(people(&full, "resident_parent")["secret_address"], true);
    assert_eq!(full["reports"].as_array().expect("reports").len(), 1);

    // The assigned supervisor: the case, the reports, no secret address anywhere.
    let r = w.sup.get(&case_path).await;
    let view = r.clone().ok();
    assert_eq!(view["scope"], "supervisor");
    let mother = people(&view, "resident_parent");
    assert_eq!(mother["address"], Value::Null);
    assert_eq!(mother["secret_address"], true);
    assert_eq!(
        people(&view, "non_resident_parent")["address"],
        VISITING_ADDRESS
    );
    assert_eq!(view["reports"].as_array().expect("reports").len(), 1);
    assert!(!r.text.contains("Geheimweg"), "{}", r.text);
    let timeline = w.sup.get(&w.path("timeline")).await;
    timeline.clone().ok();
    assert!(!timeline.text.contains("Geheimweg"));
    // ... but runs no case.
    w.sup
        .post(
            &w.path("end"),
            json!({ "outcome": "stopped_early", "reason": "x" }),
        )
        .await
        .problem(403);
    w.sup
        .post(&w.path("plans"), json!({ "goals": ["x"] }))
        .await
        .problem(403);

    // A supervisor not assigned to the case does not know it exists.
    for path in [case_path.clone(), w.path("timeline"), w.path("signals")] {
        w.other_sup.get(&path).await.problem(404);
    }
    w.other_sup
        .put(
            &w.path(&format!("sessions/{}/report", last_session(&full))),
            report_body(),
        )
        .await
        .problem(404);
    let list = w.other_sup.get("/api/v1/cases").await.ok();
    assert!(list.as_array().expect("list").is_empty(), "{list}");
    let list = w.sup.get("/api/v1/cases").await.ok();
    assert_eq!(list.as_array().expect("list").len(), 1);

    // The partner organisation: its ONS sessions only, no addresses, no reports.
    let r = w.partner.get(&case_path).await;
    let view = r.clone().ok();
    assert_eq!(view["scope"], "partner");
    let sessions = view["sessions"].as_array().expect("sessions");
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0]["kind"], "ons_conversation");
    for p in view["people"].as_array().expect("people") {
        assert_eq!(p["address"], Value::Null, "{p}");
    }
    assert!(view["reports"].as_array().expect("reports").is_empty());
    assert!(view["progress"].as_array().expect("progress").is_empty());
    assert!(
        !r.text.contains("Geheimweg") && !r.text.contains("Kerkweg"),
        "{}",
        r.text
    );
    w.partner.get(&w.path("timeline")).await.problem(403);
    w.partner.get(&w.path("signals")).await.problem(403);

    // The casusregisseur: status and evaluations, no reports, sessions or contact details.
    let r = w.director.get(&case_path).await;
    let view = r.clone().ok();
    assert_eq!(view["scope"], "case_director");
    assert_eq!(view["status"], "running");
    assert_eq!(
        view["evaluations"].as_array().expect("evaluations").len(),
        1
    );
    assert!(view["reports"].as_array().expect("reports").is_empty());
    assert!(view["sessions"].as_array().expect("sessions").is_empty());
    assert_eq!(view["plans"][0]["signed_by_all"], true);
    assert_eq!(view["plans"][0]["content"], Value::Null);
    for p in view["people"].as_array().expect("people") {
        assert_eq!(p["address"], Value::Null, "{p}");
        assert_eq!(p["email"], Value::Null, "{p}");
    }
    assert!(!r.text.contains("Geheimweg") && !r.text.contains("Kerkweg"));
    w.director.get(&w.path("timeline")).await.problem(403);
    w.director
        .post(&w.path("evaluations"), json!({ "summary": "x" }))
        .await
        .problem(403);

    // The referrer who registered it: its status, not its sessions.
    let r = w.referrer.get(&case_path).await;
    let view = r.clone().ok();
    assert_eq!(view["scope"], "referrer");
    assert_eq!(view["status"], "running");
    assert!(view["sessions"].as_array().expect("sessions").is_empty());
    assert!(view["reports"].as_array().expect("reports").is_empty());
    assert!(view["people"].as_array().expect("people").is_empty());
    assert!(
        view["evaluations"]
            .as_array()
            .expect("evaluations")
            .is_empty()
    );
    assert!(!r.text.contains("Geheimweg") && !r.text.contains("Kerkweg"));
    let list = w.referrer.get("/api/v1/cases").await.ok();
    assert_eq!(list.as_array().expect("list").len(), 1);
    assert_eq!(list[0]["status"], "running");
    w.referrer.get(&w.path("timeline")).await.problem(403);
    w.referrer.get(&w.path("signals")).await.problem(403);

    // A coordinator of another organisation: not found, not listed, cannot act.
    w.other_coord.get(&case_path).await.problem(404);
    w.other_coord
        .post_empty(&w.path("phase/advance"))
        .await
        .problem(404);
    let list = w
        .other_coord
        .get("/api/v1/cases?include_closed=true")
        .await
        .ok();
    assert!(list.as_array().expect("list").is_empty());
    let signals = w.other_coord.all_signals(date(2026, 9, 1)).await;
    assert!(
        signals.iter().all(|s| s["case_id"] != json!(w.case)),
        "{signals:?}"
    );

    // The lead organisation's administrator answers "who looked", but does not read the case.
    w.admin.get(&case_path).await.problem(403);
    w.admin.get("/api/v1/cases").await.problem(403);
    w.admin.get(&w.path("audit")).await.ok();
    w.coord.get(&w.path("audit")).await.ok();
    w.sup.get(&w.path("audit")).await.problem(403);
    w.other_coord.get(&w.path("audit")).await.problem(404);
}

async fn funder_sees_only_figures(backend: Backend) {
    let w = world(backend).await;
    // A funder counts only what it pays for (or its staff referred): nothing yet.
    let before = w.funder.get("/api/v1/statistics").await.ok();
    assert_eq!(before["cases_total"], 0, "{before}");
    let gemeente = w.funder.org.clone();
    w.admin
        .put(
            "/api/v1/programmes/de-ronde-venen/funders",
            json!({ "funders": [gemeente] }),
        )
        .await
        .ok();
    let r = w.funder.get("/api/v1/statistics").await;
    let stats = r.clone().ok();
    assert_eq!(stats["cases_total"], 1);
    assert_eq!(stats["by_programme"]["de-ronde-venen"], 1);
    assert_eq!(stats["by_status"]["running"], 1);
    for name in [CHILD, RESIDENT, VISITING, "Geheimweg", w.case.as_str()] {
        assert!(!r.text.contains(name), "statistics name {name}: {}", r.text);
    }
    w.funder.get("/api/v1/cases").await.problem(403);
    w.funder
        .get(&format!("/api/v1/cases/{}", w.case))
        .await
        .problem(404);
    w.funder
        .get("/api/v1/signals?date=2026-04-01")
        .await
        .problem(403);
    w.funder
        .post(
            "/api/v1/registrations",
            registration("de-ronde-venen", &w.coord.org, "referral", born_aged(6)),
        )
        .await
        .problem(403);
    // A parent has no case list either (the portal comes later), and no case by id.
    let parent = w.t.user(&w.coord.org, "parent", "Anna de Vries").await;
    parent.get("/api/v1/cases").await.problem(403);
    parent
        .get(&format!("/api/v1/cases/{}", w.case))
        .await
        .problem(404);
    parent.get("/api/v1/statistics").await.problem(403);
    // A coordinator's figures are their organisation's.
    let own = w.coord.get("/api/v1/statistics").await.ok();
    assert_eq!(own["cases_total"], 1);
    let other = w.other_coord.get("/api/v1/statistics").await.ok();
    assert_eq!(other["cases_total"], 0);
}

async fn unauthenticated_requests_get_401(backend: Backend) {
    let w = world(backend).await;
    let anon = w.t.anonymous();
    let case = &w.case;
    let gets = [
        "/api/v1/me".to_owned(),
        "/api/v1/cases".to_owned(),
        format!("/api/v1/cases/{case}"),
        format!("/api/v1/cases/{case}/timeline"),
        format!("/api/v1/cases/{case}/audit"),
        format!("/api/v1/cases/{case}/signals"),
        "/api/v1/signals".to_owned(),
        "/api/v1/statistics".to_owned(),
        "/api/v1/programmes".to_owned(),
        "/api/v1/organisations".to_owned(),
        "/api/v1/users".to_owned(),
        "/api/v1/supervisors".to_owned(),
    ];
    for path in &gets {
        let r = anon.get(path).await;
        let b = r.problem(401);
        assert_eq!(b["code"], "unauthenticated", "{path}");
        assert_eq!(
            r.headers
                .get("www-authenticate")
                .and_then(|v| v.to_str().ok()),
            Some("Bearer"),
            "{path}"
        );
    }
    anon.post(
        "/api/v1/registrations",
        registration("de-ronde-venen", &w.coord.org, "referral", born_aged(6)),
    )
    .await
    .problem(401);
    anon.post_empty(&format!("/api/v1/cases/{case}/phase/advance"))
        .await
        .problem(401);
    anon.post("/api/v1/tokens", json!({ "name": "x" }))
        .await
        .problem(401);
    // Made-up credentials do not help.
    let forged = anon.with_token("0".repeat(64).as_str());
    forged.get("/api/v1/me").await.problem(401);
    let r = anon
        .send(
            anon.request(reqwest::Method::GET, "/api/v1/me")
                .header("Cookie", "omgang_session=abcdef"),
        )
        .await;
    r.problem(401);
    // The session cookie is out of reach of scripts and other sites.
    let login = anon
        .post(
            "/api/v1/auth/login",
            json!({ "email": w.sup.email, "password": PASSWORD }),
        )
        .await;
    assert_eq!(login.status, 200, "{}", login.text);
    let cookie = login
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("a session cookie")
        .to_owned();
    assert!(cookie.starts_with("omgang_session="), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    // Signing out ends the session.
    let me = w.coord.get("/api/v1/me").await.ok();
    assert_eq!(me["user_id"], json!(w.coord.id));
    assert_eq!(me["role"], "coordinator");
    let r = w.coord.post_empty("/api/v1/auth/logout").await;
    assert_eq!(r.status, 204, "{}", r.text);
    w.coord.get("/api/v1/me").await.problem(401);
    w.coord
        .get(&format!("/api/v1/cases/{case}"))
        .await
        .problem(401);
}

async fn personal_api_tokens(backend: Backend) {
    let w = world(backend).await;
    let new = w
        .coord
        .post(
            "/api/v1/tokens",
            json!({ "name": "rapportage-script", "days": 7 }),
        )
        .await
        .ok();
    let token = new["token"].as_str().expect("token").to_owned();
    let id = new["id"].as_str().expect("id").to_owned();
    assert_eq!(token.len(), 64);
    let bearer = w.coord.with_token(&token);
    let me = bearer.get("/api/v1/me").await.ok();
    assert_eq!(me["user_id"], json!(w.coord.id));
    let view = bearer.case(&w.case).await;
    assert_eq!(view["scope"], "full");
    // A token acts with its user's rights, no more.
    let sup_token = w
        .sup
        .post("/api/v1/tokens", json!({ "name": "agenda" }))
        .await
        .ok();
    let sup_bearer = w
        .sup
        .with_token(sup_token["token"].as_str().expect("token"));
    assert_eq!(sup_bearer.case(&w.case).await["scope"], "supervisor");
    sup_bearer
        .post(
            &w.path("end"),
            json!({ "outcome": "stopped_early", "reason": "x" }),
        )
        .await
        .problem(403);
    // Someone else cannot revoke it.
    w.sup
        .delete(&format!("/api/v1/tokens/{id}"))
        .await
        .problem(404);
    bearer.get("/api/v1/me").await.ok();
    // Revoked, it stops working at once.
    let r = w.coord.delete(&format!("/api/v1/tokens/{id}")).await;
    assert_eq!(r.status, 204, "{}", r.text);
    bearer.get("/api/v1/me").await.problem(401);
    bearer
        .get(&format!("/api/v1/cases/{}", w.case))
        .await
        .problem(401);
    // The supervisor's token still works; it expires after its days.
    sup_bearer.get("/api/v1/me").await.ok();
    w.t.at(date(2026, 12, 1), 9, 0);
    sup_bearer.get("/api/v1/me").await.problem(401);
}

/// One audit line as listed by `GET /cases/{id}/audit`.
fn lines<'a>(audit: &'a Value, user: &User, action: &str) -> Vec<&'a Value> {
    audit
        .as_array()
        .expect("audit lines")
        .iter()
        .filter(|l| l["user_id"] == json!(user.id) && l["action"] == json!(action))
        .collect()
}

async fn audit_lists_every_read_and_write(backend: Backend) {
    let w = world(backend).await;
    let audit_path = w.path("audit");
    let first = w.admin.get(&audit_path).await.ok();
    let n = first.as_array().expect("lines").len();
    // The walk left its writes, each with its actor.
    assert_eq!(lines(&first, &w.referrer, "register").len(), 1);
    let reg = lines(&first, &w.referrer, "register")[0];
    assert_eq!(reg["allowed"], true);
    assert_eq!(reg["role"], "referrer");
    assert_eq!(reg["org_id"], json!(w.referrer.org));
    assert_eq!(reg["ip"], "127.0.0.1");
    for action in [
        "start_intake",
        "assign",
        "complete_intake",
        "write_plan",
        "record_signature",
        "plan_session:supervised_visit",
        "review_report",
        "record_evaluation",
    ] {
        assert!(
            !lines(&first, &w.coord, action).is_empty(),
            "no {action} by the coordinator: {first}"
        );
    }
    assert_eq!(
        lines(&first, &w.partner, "plan_session:ons_conversation").len(),
        1
    );
    assert_eq!(
        lines(&first, &w.partner, "record_outcome:ons_conversation").len(),
        1
    );
    assert_eq!(
        lines(&first, &w.sup, "record_outcome:supervised_visit").len(),
        1
    );
    // Saved once, then marked ready three times (the second refused as already ready — a
    // refusal is audited too — and the third after the coordinator returned it).
    assert_eq!(lines(&first, &w.sup, "write_report").len(), 4);
    let written = &lines(&first, &w.coord, "record_evaluation")[0];
    // What happened and which fields were written (names only).
    let detail = written["detail"].as_str().unwrap_or_default();
    assert!(
        detail.starts_with("evaluation_recorded; fields: ") && detail.contains("summary"),
        "{detail}"
    );

    // Every read leaves exactly one line, with who read it.
    w.sup.case(&w.case).await;
    w.director.case(&w.case).await;
    w.coord.get(&w.path("timeline")).await.ok();
    w.coord.signals(&w.case, date(2026, 4, 1)).await;
    // Refusals by the policy are logged as not allowed.
    w.other_sup
        .get(&format!("/api/v1/cases/{}", w.case))
        .await
        .problem(404);
    w.other_coord
        .post(&w.path("evaluations"), json!({ "summary": "x" }))
        .await
        .problem(404);
    w.sup
        .post(
            &w.path("end"),
            json!({ "outcome": "stopped_early", "reason": "x" }),
        )
        .await
        .problem(403);
    // A refusal by the rules is logged with its code.
    w.coord.post(&w.path("phase/advance"), json!({})).await.ok();
    w.coord
        .post_empty(&w.path("phase/advance"))
        .await
        .refused("last_phase");

    let audit = w.admin.get(&audit_path).await.ok();
    let all = audit.as_array().expect("lines");
    // n lines, the admin's first read_audit, 4 reads, 3 refusals, 2 writes (one refused).
    assert_eq!(all.len(), n + 1 + 4 + 3 + 2, "{audit}");
    assert_eq!(lines(&audit, &w.admin, "read_audit").len(), 1);
    let read = lines(&audit, &w.sup, "read");
    assert_eq!(read.len(), 1);
    assert_eq!(read[0]["allowed"], true);
    assert_eq!(read[0]["detail"], "view supervisor");
    assert_eq!(
        lines(&audit, &w.director, "read")[0]["detail"],
        "view case_director"
    );
    assert_eq!(lines(&audit, &w.coord, "read_timeline").len(), 1);
    assert_eq!(lines(&audit, &w.coord, "read_signals").len(), 1);
    let hidden = lines(&audit, &w.other_sup, "read");
    assert_eq!(hidden.len(), 1);
    assert_eq!(hidden[0]["allowed"], false);
    // The attempt is logged as what was tried, not as the read that comes first.
    let other = lines(&audit, &w.other_coord, "record_evaluation");
    assert_eq!(other.len(), 1, "the other coordinator's attempt: {audit}");
    assert_eq!(other[0]["allowed"], false);
    assert_eq!(other[0]["org_id"], json!(w.other_coord.org));
    let denied = lines(&audit, &w.sup, "end");
    assert_eq!(denied.len(), 1);
    assert_eq!(denied[0]["allowed"], false);
    let advanced = lines(&audit, &w.coord, "advance_phase");
    assert_eq!(advanced.len(), 2);
    assert!(
        advanced
            .iter()
            .any(|l| l["detail"] == "phase_advanced" && l["allowed"] == true),
        "{advanced:?}"
    );
    assert!(
        advanced
            .iter()
            .any(|l| l["detail"] == "refused by rules: last_phase"),
        "{advanced:?}"
    );
    for line in all {
        assert!(
            line["at"].as_str().is_some_and(|s| s.starts_with("2026-")),
            "{line}"
        );
        assert!(
            line["user_id"].as_str().is_some_and(|s| !s.is_empty()),
            "{line}"
        );
    }
    // The audit of another case is not mixed in, and reading the audit is itself audited.
    let again = w.admin.get(&audit_path).await.ok();
    assert_eq!(again.as_array().expect("lines").len(), all.len() + 1);
}
