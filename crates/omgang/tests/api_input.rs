//! Bad input to every endpoint gets a 4xx problem document (`application/problem+json`)
//! that names the field in `errors[].field`, never a 500; and a rejected request writes
//! nothing: the number of cases and a case's timeline stay as they were.

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
    registration_bad_input,
    case_steps_bad_input,
    refused_commands_write_nothing,
    unknown_ids_in_paths_are_404,
    unknown_report_ids_in_paths_are_404,
    query_bad_input,
    auth_and_admin_bad_input,
    trailing_garbage_is_rejected,
    truncated_json_names_the_body,
    wrong_method_is_a_problem_document,
);

/// A case running with one visit held: its report released, and a second visit held whose
/// report is a draft.
struct Fixture {
    t: TestApp,
    coord: User,
    sup: User,
    admin: User,
    case: String,
    parent: String,
    session: String,
    draft_session: String,
    report: String,
    draft: String,
}

impl Fixture {
    fn path(&self, step: &str) -> String {
        format!("/api/v1/cases/{}/{step}", self.case)
    }
}

async fn fixture(backend: Backend) -> Fixture {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Omgangshuis Utrecht", "provider").await;
    let coord = t.user(&org, "coordinator", "Anouk de Vries").await;
    let sup = t.user(&org, "supervisor", "Sanne Jansen").await;
    let admin = t.user(&org, "administrator", "Bram Hendriks").await;
    let view = coord
        .post(
            "/api/v1/registrations",
            registration("omgangshuis", &org, "voluntary", born_aged(8)),
        )
        .await
        .ok();
    let case = view["id"].as_str().expect("id").to_owned();
    let parent = person(&view, "resident_parent");
    let (session, draft_session, report, draft) = {
        let w = Walk {
            t: &t,
            coord: &coord,
            case: case.clone(),
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
        let d = date(2026, 3, 14);
        let (_, session) = w
            .plan_at(&coord, "supervised_visit", d, 14, Some(&sup))
            .await;
        w.hold(&sup, &session, d, 14).await;
        let (_, report) = w.report(&sup, &session).await;
        let d = date(2026, 3, 21);
        let (_, draft_session) = w
            .plan_at(&coord, "supervised_visit", d, 14, Some(&sup))
            .await;
        w.hold(&sup, &draft_session, d, 14).await;
        let view = sup
            .put(
                &w.path(&format!("sessions/{draft_session}/report")),
                report_body(),
            )
            .await
            .ok();
        let draft = session_report(&view, &draft_session);
        (session, draft_session, report, draft)
    };
    Fixture {
        t,
        coord,
        sup,
        admin,
        case,
        parent,
        session,
        draft_session,
        report,
        draft,
    }
}

fn long(n: usize) -> String {
    "x".repeat(n)
}

/// Sets `value` at a `/`-separated path inside a JSON value (array indices as numbers).
fn with(mut body: Value, pointer: &str, value: Value) -> Value {
    let shown = body.to_string();
    *body
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in {shown}")) = value;
    body
}

fn without(mut body: Value, pointer: &str) -> Value {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    body.pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .expect("an object")
        .remove(key);
    body
}

// ---- registrations -----------------------------------------------------------------------

async fn registration_bad_input(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Kwadraad", "provider").await;
    let partner = t.org("Timon", "partner").await;
    let coord = t.user(&org, "coordinator", "Anouk de Vries").await;
    let good = registration("omgangshuis", &org, "voluntary", born_aged(8));
    let mut nested = good.clone();
    nested["children"][0]["toys"] = json!(3);
    let thirteen: Vec<Value> = (0..13)
        .map(|i| json!({ "name": format!("Kind {i}"), "birth_date": "2018-01-01" }))
        .collect();
    let cases: Vec<(&str, Value, Vec<&str>)> = vec![
        ("empty object", json!({}), vec!["programme_id"]),
        (
            "missing programme",
            without(good.clone(), "/programme_id"),
            vec!["programme_id"],
        ),
        (
            "missing children",
            without(good.clone(), "/children"),
            vec!["children"],
        ),
        (
            "missing birth date",
            without(good.clone(), "/children/0/birth_date"),
            vec!["children[0].birth_date"],
        ),
        (
            "children not a list",
            with(good.clone(), "/children", json!("Sam")),
            vec!["children"],
        ),
        (
            "secret_address not a bool",
            with(good.clone(), "/people/0/secret_address", json!("yes")),
            vec!["people[0].secret_address"],
        ),
        (
            "name a number",
            with(good.clone(), "/people/1/name", json!(42)),
            vec!["people[1].name"],
        ),
        (
            "unknown registered_by",
            with(good.clone(), "/registered_by", json!("grandma")),
            vec!["registered_by"],
        ),
        (
            "unknown entry route",
            with(good.clone(), "/entry_route", json!("magic")),
            vec!["entry_route"],
        ),
        (
            "unknown role",
            with(good.clone(), "/people/1/role", json!("uncle")),
            vec!["people[1].role"],
        ),
        (
            "month 13",
            with(good.clone(), "/children/0/birth_date", json!("2020-13-01")),
            vec!["children[0].birth_date"],
        ),
        (
            "not a date",
            with(good.clone(), "/children/0/birth_date", json!("gisteren")),
            vec!["children[0].birth_date"],
        ),
        (
            "year 1066",
            with(good.clone(), "/children/0/birth_date", json!("1066-10-14")),
            vec!["children[0].birth_date"],
        ),
        (
            "empty child name",
            with(good.clone(), "/children/0/name", json!("")),
            vec!["children[0].name"],
        ),
        (
            "blank parent name",
            with(good.clone(), "/people/1/name", json!("   ")),
            vec!["people[1].name"],
        ),
        (
            "name with a line break",
            with(good.clone(), "/people/1/name", json!("Bram\nJansen")),
            vec!["people[1].name"],
        ),
        (
            "huge name",
            with(good.clone(), "/people/0/name", json!(long(201))),
            vec!["people[0].name"],
        ),
        (
            "huge request",
            with(good.clone(), "/request", json!(long(10_001))),
            vec!["request"],
        ),
        (
            "huge safety concerns",
            with(good.clone(), "/safety_concerns", json!(long(100_000))),
            vec!["safety_concerns"],
        ),
        (
            "bad e-mail",
            with(good.clone(), "/people/0/email", json!("anna-at-home")),
            vec!["people[0].email"],
        ),
        (
            "bad phone",
            with(good.clone(), "/people/1/phone", json!("12")),
            vec!["people[1].phone"],
        ),
        (
            "secret address missing",
            without(good.clone(), "/people/0/address"),
            vec!["people[0].address"],
        ),
        (
            "no children",
            with(good.clone(), "/children", json!([])),
            vec!["children"],
        ),
        (
            "thirteen children",
            with(good.clone(), "/children", json!(thirteen)),
            vec!["children"],
        ),
        (
            "no parent",
            with(
                good.clone(),
                "/people",
                json!([{ "name": "Karin Smit", "role": "guardian" }]),
            ),
            vec!["people"],
        ),
        (
            "unknown programme",
            with(good.clone(), "/programme_id", json!("no-such-programme")),
            vec!["programme_id"],
        ),
        (
            "unknown organisation",
            with(
                good.clone(),
                "/organisation_id",
                json!(uuid::Uuid::new_v4().to_string()),
            ),
            vec!["organisation_id"],
        ),
        (
            "malformed organisation",
            with(good.clone(), "/organisation_id", json!("../../etc/passwd")),
            vec!["organisation_id"],
        ),
        (
            "organisation not a provider",
            with(good.clone(), "/organisation_id", json!(partner)),
            vec!["organisation_id"],
        ),
        (
            "unknown top-level field",
            with(good.clone(), "/request", json!("x")).tap_insert("colour", json!("red")),
            vec!["colour"],
        ),
        ("unknown nested field", nested, vec!["children[0].toys"]),
        (
            "several problems at once",
            with(
                with(good.clone(), "/children/0/name", json!("")),
                "/children/0/birth_date",
                json!("2020-02-30"),
            ),
            vec!["children[0].name", "children[0].birth_date"],
        ),
    ];
    let before = coord.case_count().await;
    for (what, body, fields) in cases {
        let r = coord.post("/api/v1/registrations", body).await;
        for field in fields {
            assert_eq!(r.status, 422, "{what}: {}", r.text);
            r.invalid(field);
        }
        assert_eq!(coord.case_count().await, before, "{what} wrote a case");
    }

    // Refused by the programme's rules (409), also without a trace.
    let mut two_mothers = good.clone();
    two_mothers["people"][1]["role"] = json!("resident_parent");
    coord
        .post("/api/v1/registrations", two_mothers)
        .await
        .refused("too_many_parents");
    let unborn = with(
        good.clone(),
        "/children/0/birth_date",
        json!(plus_days(day0(), 60).to_string()),
    );
    coord
        .post("/api/v1/registrations", unborn)
        .await
        .refused("child_age_outside_programme");
    assert_eq!(coord.case_count().await, before);

    // Not JSON at all.
    let raw: Vec<(&str, &str, Vec<u8>, &str)> = vec![
        (
            "text/plain",
            "text/plain",
            b"programme_id=omgangshuis".to_vec(),
            "Content-Type",
        ),
        (
            "form",
            "application/x-www-form-urlencoded",
            b"programme_id=omgangshuis".to_vec(),
            "Content-Type",
        ),
        (
            "broken JSON",
            "application/json",
            b"{\"programme_id\": ".to_vec(),
            "programme_id",
        ),
        ("not JSON", "application/json", b"not json".to_vec(), "body"),
        ("empty body", "application/json", Vec::new(), "body"),
        // serde reads a struct from a list too: the first element is the first field.
        ("a list", "application/json", b"[1, 2, 3]".to_vec(), "[0]"),
        (
            "a string",
            "application/json",
            b"\"aanmelding\"".to_vec(),
            "body",
        ),
    ];
    for (what, content_type, body, field) in raw {
        let r = coord
            .post_raw("/api/v1/registrations", content_type, body)
            .await;
        assert_eq!(r.status, 422, "{what}: {}", r.text);
        r.invalid(field);
    }
    // No content type at all.
    let r = coord
        .send(
            coord
                .request(reqwest::Method::POST, "/api/v1/registrations")
                .body(good.to_string()),
        )
        .await;
    r.invalid("Content-Type");
    // Deeply nested JSON and a body over the limit: still a 4xx problem, never a 500.
    let deep = format!(
        "{{\"request\": {}{}}}",
        "[".repeat(5_000),
        "]".repeat(5_000)
    );
    coord
        .post_raw(
            "/api/v1/registrations",
            "application/json",
            deep.into_bytes(),
        )
        .await
        .client_error();
    // Over the 1 MiB body limit the server answers before reading it all and closes the
    // connection, so the client may see the reset before the answer: an answer must be a 4xx
    // problem; a reset is a refusal too.
    let huge = with(good.clone(), "/request", json!(long(2 * 1024 * 1024)));
    let sent = coord
        .request(reqwest::Method::POST, "/api/v1/registrations")
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        // The server may close this connection early; it must not be reused afterwards.
        .header(reqwest::header::CONNECTION, "close")
        .body(huge.to_string())
        .send()
        .await;
    if let Ok(response) = sent {
        let status = response.status().as_u16();
        assert!(
            (400..500).contains(&status),
            "a huge body answered {status}"
        );
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        assert!(
            content_type.starts_with("application/problem+json"),
            "{content_type}"
        );
    }
    assert_eq!(coord.case_count().await, before);

    // Answers in the language asked for, both languages always present.
    let r = coord
        .send(
            coord
                .request(reqwest::Method::POST, "/api/v1/registrations")
                .header("Accept-Language", "en")
                .json(&with(
                    good.clone(),
                    "/children/0/birth_date",
                    json!("2020-13-01"),
                )),
        )
        .await;
    let b = r.invalid("children[0].birth_date");
    assert_eq!(b["detail"], b["detail_en"]);
    let e = &b["errors"][0];
    assert_eq!(e["message"], e["message_en"]);
    assert!(
        e["message_nl"]
            .as_str()
            .expect("nl")
            .contains("geen geldige datum"),
        "{e}"
    );
    assert!(
        e["message_en"]
            .as_str()
            .expect("en")
            .contains("not a valid date"),
        "{e}"
    );
    let r = coord
        .post(
            "/api/v1/registrations",
            with(good, "/children/0/birth_date", json!("2020-13-01")),
        )
        .await;
    let b = r.invalid("children[0].birth_date");
    assert_eq!(b["detail"], b["detail_nl"], "Dutch by default");
}

trait TapInsert {
    fn tap_insert(self, key: &str, value: Value) -> Value;
}

impl TapInsert for Value {
    fn tap_insert(mut self, key: &str, value: Value) -> Value {
        self.as_object_mut()
            .expect("an object")
            .insert(key.to_owned(), value);
        self
    }
}

// ---- the steps of a case -----------------------------------------------------------------

async fn case_steps_bad_input(backend: Backend) {
    let f = fixture(backend).await;
    let c = &f.coord;
    let p = f.parent.clone();
    let sid = f.session.clone();
    let rid = f.report.clone();
    let start = "2026-04-04T14:00";
    let visit = json!({ "kind": "supervised_visit", "starts_at": start, "minutes": 90, "supervisor_id": f.sup.id });
    let cases: Vec<(String, Value, Vec<&str>)> = vec![
        // intake/complete
        ("intake/complete".into(), json!({}), vec!["eligible"]),
        (
            "intake/complete".into(),
            json!({ "eligible": "yes" }),
            vec!["eligible"],
        ),
        (
            "intake/complete".into(),
            json!({ "eligible": false }),
            vec!["reason"],
        ),
        (
            "intake/complete".into(),
            json!({ "eligible": true, "notes": long(10_001) }),
            vec!["notes"],
        ),
        // assignments
        ("supervisor".into(), json!({}), vec!["user_id"]),
        (
            "supervisor".into(),
            json!({ "user_id": 5 }),
            vec!["user_id"],
        ),
        (
            "supervisor".into(),
            json!({ "user_id": "bad id!" }),
            vec!["user_id"],
        ),
        (
            "supervisor".into(),
            json!({ "user_id": long(65) }),
            vec!["user_id"],
        ),
        (
            "coordinator".into(),
            json!({ "user_id": "nobody" }),
            vec!["user_id"],
        ),
        (
            "coordinator".into(),
            json!({ "user_id": f.sup.id }),
            vec!["user_id"],
        ),
        ("partner".into(), json!({ "id": "no-such-org" }), vec!["id"]),
        ("partner".into(), json!({ "id": f.coord.org }), vec!["id"]),
        (
            "partner".into(),
            json!({ "organisation": "x" }),
            vec!["organisation"],
        ),
        (
            "case-director".into(),
            json!({ "id": "nobody" }),
            vec!["id"],
        ),
        (
            "case-director".into(),
            json!({ "id": f.coord.id }),
            vec!["id"],
        ),
        // plans
        ("plans".into(), json!({}), vec!["goals"]),
        ("plans".into(), json!({ "goals": ["  "] }), vec!["goals"]),
        (
            "plans".into(),
            json!({ "goals": "samen spelen" }),
            vec!["goals"],
        ),
        (
            "plans".into(),
            json!({ "goals": ["x"], "evaluation_moments": ["2020-13-01"] }),
            vec!["evaluation_moments[0]"],
        ),
        (
            "plans".into(),
            json!({ "goals": ["x"], "max_duration_months": 0 }),
            vec!["max_duration_months"],
        ),
        (
            "plans".into(),
            json!({ "goals": ["x"], "max_duration_months": -1 }),
            vec!["max_duration_months"],
        ),
        (
            "plans".into(),
            json!({ "goals": ["x"], "max_duration_months": 37 }),
            vec!["max_duration_months"],
        ),
        (
            "plans".into(),
            json!({ "goals": [long(10_001)] }),
            vec!["goals[0]"],
        ),
        (
            "plans".into(),
            json!({ "goals": ["x"], "parents_must_not_meet": "ja" }),
            vec!["parents_must_not_meet"],
        ),
        // signatures
        (
            "plans/signatures".into(),
            json!({ "parent_id": p }),
            vec!["version"],
        ),
        (
            "plans/signatures".into(),
            json!({ "version": "one", "parent_id": p }),
            vec!["version"],
        ),
        (
            "plans/signatures".into(),
            json!({ "version": 1, "parent_id": p, "method": "fax" }),
            vec!["method"],
        ),
        (
            "plans/signatures".into(),
            json!({ "version": 1, "parent_id": "" }),
            vec!["parent_id"],
        ),
        // sessions
        ("sessions".into(), json!({}), vec!["kind"]),
        (
            "sessions".into(),
            without(visit.clone(), "/starts_at"),
            vec!["starts_at"],
        ),
        (
            "sessions".into(),
            with(visit.clone(), "/kind", json!("picnic")),
            vec!["kind"],
        ),
        (
            "sessions".into(),
            with(visit.clone(), "/starts_at", json!("2026-13-01T10:00")),
            vec!["starts_at"],
        ),
        (
            "sessions".into(),
            with(visit.clone(), "/starts_at", json!("morgen om twee uur")),
            vec!["starts_at"],
        ),
        (
            "sessions".into(),
            with(visit.clone(), "/minutes", json!(0)),
            vec!["minutes"],
        ),
        (
            "sessions".into(),
            with(visit.clone(), "/minutes", json!("sixty")),
            vec!["minutes"],
        ),
        (
            "sessions".into(),
            with(visit.clone(), "/minutes", json!(u64::from(u32::MAX) + 1)),
            vec!["minutes"],
        ),
        (
            "sessions".into(),
            with(visit.clone(), "/minutes", json!(4_000_000_000u32)),
            vec!["minutes"],
        ),
        (
            "sessions".into(),
            visit.clone().tap_insert("location_kind", json!("beach")),
            vec!["location_kind"],
        ),
        (
            "sessions".into(),
            with(visit.clone(), "/supervisor_id", json!("x y")),
            vec!["supervisor_id"],
        ),
        (
            "sessions".into(),
            visit.clone().tap_insert("participants", json!(["bad id!"])),
            vec!["participants[0]"],
        ),
        (
            "sessions".into(),
            visit.clone().tap_insert("description", json!(long(201))),
            vec!["description"],
        ),
        (
            "sessions".into(),
            visit.clone().tap_insert("room", json!("groot")),
            vec!["room"],
        ),
        (
            "sessions".into(),
            with(
                with(visit.clone(), "/kind", json!("picnic")),
                "/starts_at",
                json!("2026-02-30T10:00"),
            ),
            vec!["kind", "starts_at"],
        ),
        // outcomes
        (
            format!("sessions/{sid}/outcome"),
            json!({}),
            vec!["outcome"],
        ),
        (
            format!("sessions/{sid}/outcome"),
            json!({ "outcome": "maybe" }),
            vec!["outcome"],
        ),
        (
            format!("sessions/{sid}/outcome"),
            json!({ "outcome": "cancelled" }),
            vec!["by", "reason"],
        ),
        (
            format!("sessions/{sid}/outcome"),
            json!({ "outcome": "no_show", "by": "   " }),
            vec!["by"],
        ),
        (
            format!("sessions/{sid}/outcome"),
            json!({ "outcome": "held", "notes": long(10_001) }),
            vec!["notes"],
        ),
        // reports
        (
            format!("reports/{rid}/amendments"),
            json!({ "text": "" }),
            vec!["text"],
        ),
        (format!("reports/{rid}/amendments"), json!({}), vec!["text"]),
        (
            format!("reports/{rid}/amendments"),
            json!({ "text": long(10_001) }),
            vec!["text"],
        ),
        // consents
        ("consents".into(), json!({ "parent_id": p }), vec!["given"]),
        (
            "consents".into(),
            json!({ "parent_id": p, "given": true, "on": "2020-13-01" }),
            vec!["on"],
        ),
        (
            "consents".into(),
            json!({ "parent_id": p, "given": true, "subject": "holiday" }),
            vec!["subject"],
        ),
        (
            "consents".into(),
            json!({ "parent_id": "bad id!", "given": true }),
            vec!["parent_id"],
        ),
        // evaluations and escalations
        ("evaluations".into(), json!({}), vec!["summary"]),
        (
            "evaluations".into(),
            json!({ "summary": "" }),
            vec!["summary"],
        ),
        (
            "evaluations".into(),
            json!({ "summary": "x", "kind": "final" }),
            vec!["kind"],
        ),
        (
            "evaluations".into(),
            json!({ "summary": "x", "on": "2020-13-01" }),
            vec!["on"],
        ),
        (
            "evaluations".into(),
            json!({ "summary": "x", "agreement_reached": "ja" }),
            vec!["agreement_reached"],
        ),
        (
            "escalations".into(),
            json!({ "to": "police", "reason": "x" }),
            vec!["to"],
        ),
        (
            "escalations".into(),
            json!({ "to": "jeugdteam", "reason": " " }),
            vec!["reason"],
        ),
        ("escalations".into(), json!({ "reason": "x" }), vec!["to"]),
        // the end
        ("end".into(), json!({}), vec!["outcome"]),
        (
            "end".into(),
            json!({ "outcome": "divorce" }),
            vec!["outcome"],
        ),
        (
            "end".into(),
            json!({ "outcome": "stopped_early" }),
            vec!["reason"],
        ),
        (
            "end".into(),
            json!({ "outcome": "follow_up_help" }),
            vec!["handed_to"],
        ),
        (
            "end".into(),
            json!({ "outcome": "reported", "to": "police" }),
            vec!["to"],
        ),
        ("end".into(), json!({ "outcome": "reported" }), vec!["to"]),
        (
            "follow-up/close".into(),
            json!({ "summary": 5 }),
            vec!["summary"],
        ),
    ];
    let before = c.timeline_len(&f.case).await;
    for (step, body, fields) in cases {
        let r = c.post(&f.path(&step), body.clone()).await;
        assert_eq!(r.status, 422, "{step} {body}: {}", r.text);
        for field in fields {
            r.invalid(field);
        }
        assert_eq!(
            c.timeline_len(&f.case).await,
            before,
            "{step} {body} wrote to the case"
        );
    }

    // The report draft (PUT).
    let draft = f.path(&format!("sessions/{}/report", f.draft_session));
    for (body, field) in [
        (json!({ "course": 5 }), "course"),
        (json!({ "mood": "blij" }), "mood"),
        (json!({ "course": long(10_001) }), "course"),
        (json!({ "incidents": [] }), "incidents"),
    ] {
        let r = f.sup.put(&draft, body.clone()).await;
        assert_eq!(r.status, 422, "{body}: {}", r.text);
        r.invalid(field);
    }
    f.sup
        .put_raw(&draft, "text/plain", b"Vader kwam op tijd.".to_vec())
        .await
        .invalid("Content-Type");
    // Every step with a body checks the content type.
    for step in [
        "intake/complete",
        "supervisor",
        "plans",
        "plans/signatures",
        "sessions",
        "consents",
        "evaluations",
        "escalations",
        "end",
        "follow-up/close",
    ] {
        let r = c
            .post_raw(&f.path(step), "text/plain", b"{}".to_vec())
            .await;
        r.invalid("Content-Type");
        let r = c
            .post_raw(&f.path(step), "application/json", b"kees".to_vec())
            .await;
        r.invalid("body");
    }
    assert_eq!(c.timeline_len(&f.case).await, before);
    // The draft is still there, untouched.
    let view = c.case(&f.case).await;
    assert_eq!(report_state(&view, &f.draft), "draft");
}

/// Commands the rules refuse (409) leave the case as it was.
async fn refused_commands_write_nothing(backend: Backend) {
    let f = fixture(backend).await;
    let c = &f.coord;
    let before = c.timeline_len(&f.case).await;
    let events =
        f.t.app
            .store
            .events(&omgang_domain::ids::CaseId(f.case.clone()))
            .await
            .expect("events")
            .len();
    let refusals: Vec<(String, Value, &str)> = vec![
        (
            "sessions".into(),
            json!({ "kind": "supervised_visit", "starts_at": "2026-04-04T14:00", "minutes": 121, "supervisor_id": f.sup.id }),
            "too_long",
        ),
        (
            "sessions".into(),
            json!({ "kind": "ons_conversation", "starts_at": "2026-04-04T14:00", "minutes": 60 }),
            "kind_not_in_programme",
        ),
        (
            "sessions".into(),
            json!({ "kind": "supervised_visit", "starts_at": "2024-01-06T14:00", "minutes": 60, "supervisor_id": f.sup.id }),
            "too_far_in_the_past",
        ),
        (
            "sessions".into(),
            json!({ "kind": "supervised_visit", "starts_at": "2026-04-04T14:00", "minutes": 60,
                    "supervisor_id": f.sup.id, "participants": [uuid::Uuid::new_v4().to_string()] }),
            "unknown_person",
        ),
        (
            "sessions".into(),
            json!({ "kind": "supervised_visit", "starts_at": "2026-04-04T14:00", "minutes": 60 }),
            "supervisor_required",
        ),
        (
            "sessions".into(),
            json!({ "kind": "supervised_visit", "starts_at": "2026-04-04T14:00", "minutes": 60, "supervisor_id": f.coord.id }),
            "unknown_supervisor",
        ),
        (
            format!("sessions/{}/outcome", f.session),
            json!({ "outcome": "held" }),
            "outcome_already_recorded",
        ),
        (
            format!("reports/{}/approve", f.report),
            Value::Null,
            "report_in_wrong_state",
        ),
        (
            format!("reports/{}/release", f.draft),
            Value::Null,
            "report_in_wrong_state",
        ),
        (
            format!("reports/{}/amendments", f.draft),
            json!({ "text": "Aanvulling." }),
            "report_in_wrong_state",
        ),
        (
            "plans/signatures".into(),
            json!({ "version": 2, "parent_id": f.parent }),
            "not_current_plan_version",
        ),
        (
            "plans/signatures".into(),
            json!({ "version": 1, "parent_id": uuid::Uuid::new_v4().to_string() }),
            "not_a_parent",
        ),
        ("intake/start".into(), Value::Null, "not_in_this_status"),
        (
            "intake/complete".into(),
            json!({ "eligible": true }),
            "not_in_this_status",
        ),
        ("follow-up/close".into(), json!({}), "not_in_this_status"),
        (
            "consents".into(),
            json!({ "parent_id": uuid::Uuid::new_v4().to_string(), "given": true }),
            "not_a_parent",
        ),
    ];
    for (step, body, code) in refusals {
        let r = if body.is_null() {
            c.post_empty(&f.path(&step)).await
        } else {
            c.post(&f.path(&step), body).await
        };
        r.refused(code);
        assert!(!r.nl().is_empty() && r.nl() != r.en(), "{}", r.text);
        assert_eq!(
            c.timeline_len(&f.case).await,
            before,
            "{step} ({code}) wrote to the case"
        );
    }
    // A report of a visit held is saved once per session, by its supervisor only.
    f.sup
        .put(
            &f.path(&format!("sessions/{}/report", f.session)),
            report_body(),
        )
        .await
        .refused("report_not_editable");
    // Ending with an agreement while a visit is still planned.
    c.post(
        &f.path("sessions"),
        json!({ "kind": "supervised_visit", "starts_at": "2026-04-04T14:00", "minutes": 60, "supervisor_id": f.sup.id }),
    )
    .await
    .ok();
    let planned = c.timeline_len(&f.case).await;
    c.post(&f.path("end"), json!({ "outcome": "ouderschapsplan" }))
        .await
        .refused("sessions_still_planned");
    assert_eq!(c.timeline_len(&f.case).await, planned);
    let stored =
        f.t.app
            .store
            .events(&omgang_domain::ids::CaseId(f.case.clone()))
            .await
            .expect("events")
            .len();
    assert_eq!(stored, events + 1, "only the planned session was stored");
    f.t.assert_snapshot_is_fold(&f.case).await;
}

// ---- unknown ids ---------------------------------------------------------------------------

async fn unknown_ids_in_paths_are_404(backend: Backend) {
    let f = fixture(backend).await;
    let c = &f.coord;
    let nobody = uuid::Uuid::new_v4().to_string();
    let case = &f.case;
    let weird = format!("{}%20%27%3B--", long(500));
    let gets = [
        format!("/api/v1/cases/{nobody}"),
        format!("/api/v1/cases/{nobody}/timeline"),
        format!("/api/v1/cases/{nobody}/signals"),
        format!("/api/v1/cases/{weird}"),
        "/api/v1/cases/".to_owned(),
        "/api/v1/nothing-here".to_owned(),
        "/nothing-here".to_owned(),
    ];
    for path in &gets {
        let r = c.get(path).await;
        assert_eq!(r.status, 404, "GET {path}: {}", r.text);
        r.problem(404);
    }
    f.admin
        .get(&format!("/api/v1/cases/{nobody}/audit"))
        .await
        .problem(404);
    let posts: Vec<(String, Value)> = vec![
        (format!("/api/v1/cases/{nobody}/intake/start"), Value::Null),
        (format!("/api/v1/cases/{nobody}/phase/advance"), Value::Null),
        (
            format!("/api/v1/cases/{nobody}/intake/complete"),
            json!({ "eligible": true }),
        ),
        (
            format!("/api/v1/cases/{nobody}/supervisor"),
            json!({ "user_id": f.sup.id }),
        ),
        (
            format!("/api/v1/cases/{nobody}/plans"),
            json!({ "goals": ["x"] }),
        ),
        (
            format!("/api/v1/cases/{nobody}/sessions"),
            json!({ "kind": "supervised_visit", "starts_at": "2026-04-04T14:00", "minutes": 60 }),
        ),
        (
            format!("/api/v1/cases/{nobody}/evaluations"),
            json!({ "summary": "x" }),
        ),
        (
            format!("/api/v1/cases/{nobody}/end"),
            json!({ "outcome": "stopped_early", "reason": "x" }),
        ),
        (
            format!("/api/v1/cases/{case}/sessions/{nobody}/outcome"),
            json!({ "outcome": "held" }),
        ),
        (
            format!("/api/v1/cases/{nobody}/sessions/{}/outcome", f.session),
            json!({ "outcome": "held" }),
        ),
        (
            format!("/api/v1/cases/{nobody}/reports/{}/approve", f.draft),
            Value::Null,
        ),
    ];
    for (path, body) in posts {
        let r = if body.is_null() {
            c.post_empty(&path).await
        } else {
            c.post(&path, body).await
        };
        assert_eq!(r.status, 404, "POST {path}: {}", r.text);
        r.problem(404);
    }
    let r = f
        .sup
        .put(
            &format!("/api/v1/cases/{case}/sessions/{nobody}/report"),
            report_body(),
        )
        .await;
    r.problem(404);
    let r = c.delete(&format!("/api/v1/tokens/{nobody}")).await;
    r.problem(404);
}

async fn unknown_report_ids_in_paths_are_404(backend: Backend) {
    let f = fixture(backend).await;
    let nobody = uuid::Uuid::new_v4().to_string();
    for step in ["approve", "return", "release"] {
        let path = f.path(&format!("reports/{nobody}/{step}"));
        let r = f.coord.post_empty(&path).await;
        assert_eq!(r.status, 404, "POST {path}: {}", r.text);
    }
    let path = f.path(&format!("reports/{nobody}/amendments"));
    let r = f.coord.post(&path, json!({ "text": "Aanvulling." })).await;
    assert_eq!(r.status, 404, "POST {path}: {}", r.text);
}

// ---- query strings -------------------------------------------------------------------------

async fn query_bad_input(backend: Backend) {
    let f = fixture(backend).await;
    let c = &f.coord;
    for (path, field) in [
        ("/api/v1/cases?include_closed=maybe".to_owned(), "query"),
        ("/api/v1/cases?colour=red".to_owned(), "query"),
        ("/api/v1/cases?status=lost".to_owned(), "status"),
        ("/api/v1/signals?date=2020-13-01".to_owned(), "date"),
        ("/api/v1/signals?date=morgen".to_owned(), "date"),
        (
            format!("/api/v1/cases/{}/signals?date=2026-02-30", f.case),
            "date",
        ),
        (
            format!("/api/v1/cases/{}/signals?date={}", f.case, long(300)),
            "date",
        ),
    ] {
        let r = c.get(&path).await;
        assert_eq!(r.status, 422, "GET {path}: {}", r.text);
        r.invalid(field);
    }
    // Good queries work.
    let all = c.get("/api/v1/cases?status=running").await.ok();
    assert_eq!(all.as_array().expect("list").len(), 1);
    let none = c
        .get("/api/v1/cases?programme_id=ouderschap-blijft")
        .await
        .ok();
    assert!(none.as_array().expect("list").is_empty());
}

// ---- sign-in, tokens, administration -----------------------------------------------------

async fn auth_and_admin_bad_input(backend: Backend) {
    let f = fixture(backend).await;
    let anon = f.t.anonymous();
    // Sign-in.
    anon.post("/api/v1/auth/login", json!({ "email": f.coord.email }))
        .await
        .invalid("password");
    anon.post("/api/v1/auth/login", json!({ "email": 5, "password": "x" }))
        .await
        .invalid("email");
    anon.post(
        "/api/v1/auth/login",
        json!({ "email": f.coord.email, "password": PASSWORD, "remember": true }),
    )
    .await
    .invalid("remember");
    anon.post_raw("/api/v1/auth/login", "text/plain", b"hallo".to_vec())
        .await
        .invalid("Content-Type");
    let wrong = anon
        .post(
            "/api/v1/auth/login",
            json!({ "email": f.coord.email, "password": "not-the-password" }),
        )
        .await;
    wrong.problem(401);
    let unknown = anon
        .post(
            "/api/v1/auth/login",
            json!({ "email": "nobody@test.example", "password": PASSWORD }),
        )
        .await;
    unknown.problem(401);
    assert_eq!(wrong.body["detail_nl"], unknown.body["detail_nl"]);
    // Tokens.
    let c = &f.coord;
    for (body, field) in [
        (json!({}), "name"),
        (json!({ "name": "" }), "name"),
        (json!({ "name": "script", "days": 0 }), "days"),
        (json!({ "name": "script", "days": 366 }), "days"),
        (json!({ "name": "script", "days": -1 }), "days"),
        (json!({ "name": "script", "days": "30" }), "days"),
        (json!({ "name": long(201) }), "name"),
    ] {
        let r = c.post("/api/v1/tokens", body.clone()).await;
        assert_eq!(r.status, 422, "{body}: {}", r.text);
        r.invalid(field);
    }
    // Users (administrator).
    let a = &f.admin;
    let good = json!({ "email": "nieuw@test.example", "name": "Nieuwe Collega", "role": "supervisor", "password": PASSWORD });
    for (body, fields) in [
        (json!({}), vec!["email"]),
        (
            with(good.clone(), "/email", json!("geen-adres")),
            vec!["email"],
        ),
        (with(good.clone(), "/name", json!("")), vec!["name"]),
        (with(good.clone(), "/role", json!("wizard")), vec!["role"]),
        (
            with(good.clone(), "/password", json!("kort")),
            vec!["password"],
        ),
        (
            with(good.clone(), "/password", json!("wachtwoord12")),
            vec!["password"],
        ),
        (
            good.clone()
                .tap_insert("vog_issued_on", json!("2020-13-01")),
            vec!["vog_issued_on"],
        ),
        (good.clone().tap_insert("lang", json!("de")), vec!["lang"]),
        (
            with(good.clone(), "/email", json!(f.sup.email)),
            vec!["email"],
        ),
        (good.clone().tap_insert("admin", json!(true)), vec!["admin"]),
        (
            with(
                with(good.clone(), "/name", json!("")),
                "/role",
                json!("wizard"),
            ),
            vec!["name", "role"],
        ),
    ] {
        let r = a.post("/api/v1/users", body.clone()).await;
        assert_eq!(r.status, 422, "{body}: {}", r.text);
        for field in fields {
            r.invalid(field);
        }
    }
    // An administrator adds users to their own organisation only.
    a.post(
        "/api/v1/users",
        good.clone()
            .tap_insert("organisation_id", json!("no-such-org")),
    )
    .await
    .problem(403);
    let users = a.get("/api/v1/users").await.ok();
    assert_eq!(
        users.as_array().expect("users").len(),
        3,
        "no user was added"
    );
    // Programme definitions.
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../programmes/omgangshuis.toml"
    ))
    .expect("programme file");
    let checked = c
        .post("/api/v1/programmes/check", json!({ "source": source }))
        .await
        .ok();
    assert_eq!(checked["valid"], true);
    for (source, field) in [
        (
            source.replacen("max_minutes = 90", "max_minutes = 0", 1),
            "session_kinds[0].max_minutes",
        ),
        (
            source.replacen("id = \"omgangshuis\"", "id = \"Omgangs Huis!\"", 1),
            "id",
        ),
        (
            source.replacen(
                "kind = \"informative_conversation\"",
                "kind = \"picnic\"",
                1,
            ),
            // TOML syntax and type errors name the key and its line (43 since issue 12 added
            // the foster-care rule to the definition's eligibility).
            "kind (line 43)",
        ),
        ("id = ".to_owned(), "id (line 1)"),
    ] {
        let r = c
            .post("/api/v1/programmes/check", json!({ "source": source }))
            .await;
        assert_eq!(r.status, 422, "{}", r.text);
        r.invalid(field);
    }
    c.post("/api/v1/programmes/check", json!({ "toml": "x" }))
        .await
        .invalid("toml");
    // Adding one is for administrators; a duplicate id is refused with its field.
    c.post("/api/v1/programmes", json!({ "source": source }))
        .await
        .problem(403);
    a.post("/api/v1/programmes", json!({ "source": source }))
        .await
        .invalid("id");
    let programmes = c.get("/api/v1/programmes").await.ok();
    assert_eq!(programmes.as_array().expect("programmes").len(), 5);
}

async fn trailing_garbage_is_rejected(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Kwadraad", "provider").await;
    let coord = t.user(&org, "coordinator", "Anouk de Vries").await;
    let good = registration("omgangshuis", &org, "voluntary", born_aged(8));
    let r = coord
        .post_raw(
            "/api/v1/registrations",
            "application/json",
            format!("{good} and more").into_bytes(),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text);
    r.invalid("body");
    assert_eq!(coord.case_count().await, 0);
}

async fn truncated_json_names_the_body(backend: Backend) {
    let f = fixture(backend).await;
    for body in ["{", "{\"eligible\": true", "[", "{\"eligible\""] {
        let r = f
            .coord
            .post_raw(
                &f.path("intake/complete"),
                "application/json",
                body.as_bytes().to_vec(),
            )
            .await;
        assert_eq!(r.status, 422, "{body}: {}", r.text);
        let fields = r.fields();
        assert!(
            fields.iter().all(|f| f == "body" || f == "eligible"),
            "{body}: fields {fields:?}"
        );
    }
}

async fn wrong_method_is_a_problem_document(backend: Backend) {
    let f = fixture(backend).await;
    for (method, path) in [
        (reqwest::Method::GET, "/api/v1/registrations".to_owned()),
        (reqwest::Method::DELETE, format!("/api/v1/cases/{}", f.case)),
        (reqwest::Method::PUT, f.path("sessions")),
    ] {
        let r = f.coord.send(f.coord.request(method.clone(), &path)).await;
        assert_eq!(r.status, 405, "{method} {path}: {}", r.text);
        r.problem(405);
    }
}
