//! The weekly planner inside the product (issue 13) on the demo data, over the API, on
//! SQLite and PostgreSQL: next week's requests come from the demo organisation's running
//! cases; a run places them with 0 hard violations (checked by `omgang_planner::check` on the
//! stored instance and proposal); accepting creates the sessions on the cases (through the
//! normal case rules; the parents get the usual reminder); a session planned already stays where it is
//! (a fixed request); a refusal of the case's rules is reported per item.
// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

mod common;

use common::*;
use omgang_app::{Actor, Role};
use omgang_domain::ids::{OrgId, UserId};

both_backends!(a_demo_week_is_planned_and_accepted);

fn iso_week(d: jiff::civil::Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

async fn outbox(t: &TestApp) -> i64 {
    use sqlx::Row;
    sqlx::query("SELECT COUNT(*) AS n FROM outbox")
        .fetch_one(t.app.store.pool())
        .await
        .unwrap()
        .try_get("n")
        .unwrap()
}

async fn a_demo_week_is_planned_and_accepted(backend: Backend) {
    let t = TestApp::spawn_demo(backend).await;
    let coord = t.demo_user("coordinator@kwadraad.example").await;
    let supervisor = t.demo_user("begeleider@kwadraad.example").await;
    let admin = t.demo_user("beheer@kwadraad.example").await;
    let week = iso_week(plus_days(t.today(), 7));
    let base = format!("/api/v1/planning/weeks/{week}");

    // Only the organisation's coordinators plan a week.
    supervisor
        .get(&format!("{base}/requests"))
        .await
        .problem(403);
    admin.get(&format!("{base}/requests")).await.problem(403);
    // A week that is not one, a time limit out of range: 422 naming the field.
    coord
        .get("/api/v1/planning/weeks/volgende-week/requests")
        .await
        .invalid("week");
    coord
        .post(&format!("{base}/runs"), json!({ "seconds": 0 }))
        .await
        .invalid("seconds");

    // The week's requests: the demo's running cases need visits and handovers.
    let requests = coord.get(&format!("{base}/requests")).await.ok();
    assert_eq!(requests["week"], json!(week));
    let all = requests["requests"].as_array().unwrap().clone();
    let new: Vec<&Value> = all.iter().filter(|r| r["fixed"].is_null()).collect();
    assert!(
        new.len() >= 4,
        "the demo week needs several sessions: {}",
        serde_json::to_string_pretty(&all).unwrap()
    );
    for r in &new {
        assert!(r["minutes"].as_i64().unwrap() > 0);
        assert!(!r["windows"].as_array().unwrap().is_empty(), "{r}");
        assert!(!r["need"].as_str().unwrap().is_empty(), "{r}");
    }
    // The coordinator drops one; it stays listed as dropped and is not planned.
    let dropped = new.last().unwrap()["id"].as_str().unwrap().to_owned();
    let after = coord
        .put(
            &format!("{base}/requests/{dropped}"),
            json!({ "dropped": true }),
        )
        .await
        .ok();
    let listed = after["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == json!(dropped))
        .unwrap()
        .clone();
    assert_eq!(listed["dropped"], json!(true));
    coord
        .put(
            &format!("{base}/requests/onbekend"),
            json!({ "dropped": true }),
        )
        .await
        .problem(404);
    // The family gives its windows (the coordinator records them): the next run uses them.
    let windows_case = new[0]["case_id"].as_str().unwrap().to_owned();
    coord
        .put(
            &format!("/api/v1/cases/{windows_case}/windows"),
            json!({ "windows": [{ "weekday": 3, "starts": "25:00", "ends": "18:00" }] }),
        )
        .await
        .invalid("windows[0].starts");
    coord
        .put(
            &format!("/api/v1/cases/{windows_case}/windows"),
            json!({ "windows": [
                { "weekday": 3, "starts": "12:00", "ends": "18:00" },
                { "weekday": 6, "starts": "09:00", "ends": "13:00" }
            ], "school": [{ "weekday": 3, "starts": "08:30", "ends": "25:00" }] }),
        )
        .await
        .invalid("school[0].ends");
    let w = coord
        .put(
            &format!("/api/v1/cases/{windows_case}/windows"),
            json!({ "windows": [
                { "weekday": 3, "starts": "12:00", "ends": "18:00" },
                { "weekday": 6, "starts": "09:00", "ends": "13:00" }
            ], "school": [{ "weekday": 3, "starts": "08:30", "ends": "14:30" }] }),
        )
        .await
        .ok();
    assert_eq!(w["default"], json!(false));
    assert_eq!(w["school"][0]["ends"], json!("14:30"));
    // Leaving the school hours out keeps them.
    let kept = coord
        .put(
            &format!("/api/v1/cases/{windows_case}/windows"),
            json!({ "windows": [
                { "weekday": 3, "starts": "12:00", "ends": "18:00" },
                { "weekday": 6, "starts": "09:00", "ends": "13:00" }
            ] }),
        )
        .await
        .ok();
    assert_eq!(kept["school"], w["school"]);
    // Planning a visit by hand in the school hours warns, with the hours.
    let visit = new
        .iter()
        .find(|r| r["kind"] == json!("supervised_visit") && r["case_id"] != json!(windows_case))
        .unwrap();
    let visit_case = visit["case_id"].as_str().unwrap();
    coord
        .put(
            &format!("/api/v1/cases/{visit_case}/windows"),
            json!({ "windows": [], "school": [{ "weekday": 3, "starts": "08:30", "ends": "14:30" }] }),
        )
        .await
        .ok();
    let wednesday = plus_days(
        t.today(),
        7 + 2 - i64::from(t.today().weekday().to_monday_zero_offset()),
    );
    let r = coord
        .post(
            &format!("/api/v1/cases/{visit_case}/sessions"),
            json!({ "kind": "supervised_visit", "starts_at": format!("{wednesday}T10:00"), "minutes": 60,
                    "supervisor_id": visit["previous_supervisor_id"] }),
        )
        .await;
    r.refused("confirmation_needed");
    let codes: Vec<&str> = r.body["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"during_school_hours"), "{}", r.text);
    assert!(
        r.text
            .contains("Het kind is dan op school (08:30 tot 14:30)"),
        "{}",
        r.text
    );

    // The coordinator adds an extra session for a case (only a kind the planner plans for it).
    let extra_case = requests["addable"][0]["case_id"]
        .as_str()
        .unwrap()
        .to_owned();
    coord
        .post(
            &format!("{base}/requests"),
            json!({ "case_id": extra_case, "kind": "intake" }),
        )
        .await
        .invalid("kind");
    coord
        .post(
            &format!("{base}/requests"),
            json!({ "case_id": "onbekend", "kind": "supervised_visit" }),
        )
        .await
        .invalid("case_id");
    let with_extra = coord
        .post(
            &format!("{base}/requests"),
            json!({ "case_id": extra_case, "kind": requests["addable"][0]["kinds"][0]["kind"] }),
        )
        .await
        .ok();
    let extra = with_extra["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"].as_str().unwrap().starts_with("added:"))
        .unwrap()
        .clone();
    assert_eq!(extra["case_id"], json!(extra_case));

    // A parent gives the family's windows in the portal for their own case only.
    let parent = t.demo_user("ouder2@voorbeeld.example").await;
    let portal = parent.get("/api/v1/portal").await.ok();
    let own = portal["cases"][0]["case_id"].as_str().unwrap().to_owned();
    let given = parent
        .put(
            &format!("/api/v1/cases/{own}/windows"),
            json!({ "windows": [{ "weekday": 6, "starts": "09:00", "ends": "12:30" }] }),
        )
        .await
        .ok();
    assert_eq!(given["windows"][0]["weekday"], json!(6));
    let other = new
        .iter()
        .map(|r| r["case_id"].as_str().unwrap().to_owned())
        .find(|c| *c != own)
        .unwrap();
    let refused = parent
        .put(
            &format!("/api/v1/cases/{other}/windows"),
            json!({ "windows": [] }),
        )
        .await;
    assert_eq!(refused.status, 404, "another family's case is not revealed");

    // A run: every request placed or unplaced with a reason, 0 hard violations.
    // A ticket that is not one is named; with one, the run can be followed while it works.
    coord
        .post(
            &format!("{base}/runs"),
            json!({ "seconds": 1, "ticket": "kort" }),
        )
        .await
        .invalid("ticket");
    let ticket = "volg-deze-run-1";
    let progress = format!("/api/v1/planning/progress/{ticket}");
    let runs = format!("{base}/runs");
    let (run, during) = tokio::join!(
        coord.post(&runs, json!({ "seconds": 2, "ticket": ticket })),
        async {
            // Asked while the planner works (the week is read first, so it may take a moment
            // before the run is known).
            let mut last = Value::Null;
            for _ in 0..40 {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                let r = coord.get(&progress).await;
                if r.status == 200 {
                    last = r.body.clone();
                    if last["best_score"].is_i64() {
                        break;
                    }
                }
            }
            last
        }
    );
    let run = run.ok();
    assert_eq!(during["running"], json!(true), "{during}");
    assert_eq!(during["limit_ms"], json!(2000));
    assert!(during["elapsed_ms"].as_u64().unwrap() < 2000, "{during}");
    assert!(
        during["best_score"].is_i64(),
        "a plan exists while it works: {during}"
    );
    let after = coord.get(&progress).await.ok();
    assert_eq!(after["running"], json!(false));
    assert_eq!(after["run_id"], run["id"]);
    assert!(after["elapsed_ms"].as_u64().unwrap() <= 2000, "{after}");
    // Only the organisation's planners follow it.
    supervisor.get(&progress).await.problem(403);
    let other = t.demo_user("coordinator@humanitas.example").await;
    other.get(&progress).await.problem(404);
    assert_eq!(run["hard_violations"], json!(0), "{run}");
    let placed = run["placements"].as_array().unwrap().clone();
    assert!(placed.len() >= 3, "the planner places the week: {run}");
    for u in run["unplaced"].as_array().unwrap() {
        assert!(!u["reason_nl"].as_str().unwrap().is_empty(), "{u}");
        assert!(!u["reason_en"].as_str().unwrap().is_empty(), "{u}");
    }
    let ids = |run: &Value| -> Vec<String> {
        run["placements"]
            .as_array()
            .unwrap()
            .iter()
            .chain(run["unplaced"].as_array().unwrap())
            .map(|p| p["request"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(
        !ids(&run).contains(&dropped),
        "a dropped request is not planned"
    );
    for p in &placed {
        // Staggered times: the resident parent brings the child before the visiting parent
        // arrives and collects it after they left.
        if p["staggered"] == json!(true) {
            assert!(
                p["drop_off"].as_str().unwrap() < p["arrival"].as_str().unwrap(),
                "{p}"
            );
            assert!(
                p["pick_up"].as_str().unwrap() > p["departure"].as_str().unwrap(),
                "{p}"
            );
        }
        if p["case_id"] == json!(windows_case) {
            let weekday = p["weekday"].as_u64().unwrap();
            assert!(
                weekday == 3 || weekday == 6,
                "within the family's windows: {p}"
            );
            // Not before school is out on Wednesday (the child attends visits and handovers).
            if weekday == 3 && p["staggered"] == json!(true) {
                assert!(
                    p["arrival"].as_str().unwrap() >= "14:30",
                    "after school: {p}"
                );
            }
        }
    }
    let run_id = run["id"].as_str().unwrap().to_owned();
    let again = coord.get(&format!("{base}/runs/{run_id}")).await.ok();
    assert_eq!(again["placements"], run["placements"]);
    coord
        .get(&format!("{base}/runs/onbekend"))
        .await
        .problem(404);
    supervisor
        .get(&format!("{base}/runs/{run_id}"))
        .await
        .problem(403);

    // The stored instance and proposal, checked by the planner's own checker.
    let actor = Actor {
        user_id: UserId(coord.id.clone()),
        org_id: OrgId(coord.org.clone()),
        role: Role::Coordinator,
        name: "coordinator".into(),
        ip: None,
        lang: omgang_domain::Lang::Nl,
        system: false,
        directory_version: None,
    };
    let (instance, solution) = t
        .app
        .planning_run_raw(&actor, &week, &run_id)
        .await
        .unwrap();
    let report = omgang_planner::check(&instance, &solution);
    assert_eq!(report.hard_violations, 0, "{:?}", report.violations);
    assert_eq!(report.requests, instance.requests.len());

    // Accept one placement: the session is on the case, the parents get mail.
    let first = placed
        .iter()
        .find(|p| p["fixed"] == json!(false) && p["kind"] == json!("supervised_visit"))
        .unwrap()
        .clone();
    let first_id = first["request"].as_str().unwrap().to_owned();
    // Planning a session queues no mail of its own (as when planned on the case page): the
    // parents get the reminder before it (the hourly job) and see it in their calendar feed.
    t.app.send_reminders_within(24 * 14).await.unwrap();
    let mails = outbox(&t).await;
    let accepted = coord
        .post(
            &format!("{base}/runs/{run_id}/accept"),
            json!({ "requests": [first_id] }),
        )
        .await
        .ok();
    let item = &accepted["items"][0];
    assert_eq!(item["status"], json!("planned"), "{accepted}");
    let session_id = item["session_id"].as_str().unwrap().to_owned();
    let case_id = first["case_id"].as_str().unwrap().to_owned();
    let view = coord.case(&case_id).await;
    let s = session(&view, &session_id);
    assert!(
        s["starts_at"]
            .as_str()
            .unwrap()
            .starts_with(first["starts_at"].as_str().unwrap()),
        "{s}"
    );
    assert_eq!(s["room_id"], first["room_id"]);
    t.app.send_reminders_within(24 * 14).await.unwrap();
    assert!(
        outbox(&t).await > mails,
        "the parents get the usual reminder of the new session"
    );
    // Accepting it again changes nothing.
    let twice = coord
        .post(
            &format!("{base}/runs/{run_id}/accept"),
            json!({ "requests": [first["request"]] }),
        )
        .await
        .ok();
    assert_eq!(twice["items"][0]["status"], json!("already_planned"));

    // Two accepts of the same placement at the same moment (two tabs): one plans it, the
    // other finds it taken; the case gets one session.
    let second = placed
        .iter()
        .find(|p| p["fixed"] == json!(false) && p["request"] != first["request"])
        .unwrap()
        .clone();
    let accept_path = format!("{base}/runs/{run_id}/accept");
    let accept = || coord.post(&accept_path, json!({ "requests": [second["request"]] }));
    let (a, b) = tokio::join!(accept(), accept());
    let mut statuses = vec![
        a.ok()["items"][0]["status"].as_str().unwrap().to_owned(),
        b.ok()["items"][0]["status"].as_str().unwrap().to_owned(),
    ];
    statuses.sort();
    assert_eq!(statuses, ["already_planned", "planned"]);
    let view = coord.case(second["case_id"].as_str().unwrap()).await;
    let at = second["starts_at"].as_str().unwrap();
    let same: Vec<&Value> = view["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["starts_at"].as_str().unwrap().starts_with(at))
        .collect();
    assert_eq!(same.len(), 1, "one session, not two: {same:?}");
    let shown = coord.get(&format!("{base}/runs/{run_id}")).await.ok();
    let item = shown["placements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["request"] == second["request"])
        .unwrap();
    assert_eq!(item["accepted"]["status"], json!("planned"), "{item}");

    // Travel times between the demo's two locations (20 minutes) go into the instance; a
    // wrong one is named and changes nothing, not even the name typed with it.
    let locations = t.app.locations(&actor).await.unwrap();
    assert_eq!(locations.len(), 2, "De Boei and Het Anker");
    let (boei, anker) = (&locations[0], &locations[1]);
    assert_eq!(boei.travel_minutes.get(&anker.id), Some(&20));
    let mut change = omgang_app::beheer::LocationInput {
        name: "Andere naam".into(),
        address: boei.address.clone(),
        margin_minutes: boei.margin_minutes,
        entrances: boei.entrances.join("\n"),
        travel_minutes: Some([(anker.id.clone(), 601), ("elders".to_owned(), 5)].into()),
    };
    let refused = t
        .app
        .update_location(&actor, &boei.id, &change)
        .await
        .unwrap_err();
    let omgang_app::AppError::Invalid(fields) = refused else {
        panic!("{refused:?}")
    };
    let mut named: Vec<String> = fields.iter().map(|f| f.field.clone()).collect();
    named.sort();
    let mut expected = vec![
        format!("travel_minutes.{}", anker.id),
        "travel_minutes.elders".to_owned(),
    ];
    expected.sort();
    assert_eq!(named, expected);
    let unchanged = t.app.locations(&actor).await.unwrap();
    assert_eq!(unchanged[0].name, boei.name);
    change.name = boei.name.clone();
    change.travel_minutes = Some([(anker.id.clone(), 45)].into());
    let changed = t
        .app
        .update_location(&actor, &boei.id, &change)
        .await
        .unwrap();
    assert_eq!(changed.travel_minutes.get(&anker.id), Some(&45));

    // A new run keeps the accepted session where it is (a fixed request).
    let run2 = coord
        .post(&format!("{base}/runs"), json!({ "seconds": 1 }))
        .await
        .ok();
    assert_eq!(run2["hard_violations"], json!(0), "{run2}");
    let (instance2, _) = t
        .app
        .planning_run_raw(&actor, &week, run2["id"].as_str().unwrap())
        .await
        .unwrap();
    let boei_in_run = instance2
        .locations
        .iter()
        .find(|l| l.id == boei.id)
        .unwrap();
    assert_eq!(boei_in_run.travel_minutes.get(&anker.id), Some(&45));
    let anker_in_run = instance2
        .locations
        .iter()
        .find(|l| l.id == anker.id)
        .unwrap();
    assert_eq!(anker_in_run.travel_minutes.get(&boei.id), Some(&20));
    let kept = run2["placements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["request"] == json!(format!("session:{session_id}")))
        .unwrap_or_else(|| panic!("the planned session is in the new run: {run2}"))
        .clone();
    assert_eq!(kept["fixed"], json!(true));
    assert_eq!(kept["starts_at"], first["starts_at"]);
    assert_eq!(kept["room_id"], first["room_id"]);
    assert_eq!(kept["supervisor_id"], first["supervisor_id"]);

    // A case's rules may refuse: a case ended meanwhile cannot get its session, and the
    // answer says so for that item; the others are planned.
    let run2_id = run2["id"].as_str().unwrap().to_owned();
    let victim = run2["placements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["fixed"] == json!(false) && p["case_id"] != json!(case_id))
        .unwrap()
        .clone();
    let victim_case = victim["case_id"].as_str().unwrap().to_owned();
    coord
        .step(
            &victim_case,
            "end",
            json!({ "outcome": "stopped_early", "reason": "Ouders stoppen." }),
        )
        .await
        .ok();
    let all_accepted = coord
        .post(&format!("{base}/runs/{run2_id}/accept"), json!({}))
        .await
        .ok();
    let items = all_accepted["items"].as_array().unwrap();
    let refused = items
        .iter()
        .find(|i| i["request"] == victim["request"])
        .unwrap();
    assert_eq!(refused["status"], json!("refused"), "{refused}");
    assert!(!refused["message_nl"].as_str().unwrap().is_empty());
    assert!(!refused["message_en"].as_str().unwrap().is_empty());
    let fixed_item = items
        .iter()
        .find(|i| i["request"] == json!(format!("session:{session_id}")))
        .unwrap();
    assert_eq!(fixed_item["status"], json!("already_planned"));
    for i in items {
        let status = i["status"].as_str().unwrap();
        assert!(
            [
                "planned",
                "already_planned",
                "refused",
                "needs_confirmation"
            ]
            .contains(&status),
            "{i}"
        );
        if status == "needs_confirmation" {
            assert!(!i["warnings"].as_array().unwrap().is_empty(), "{i}");
        }
        if status == "planned" {
            let view = coord.case(i["case_id"].as_str().unwrap()).await;
            session(&view, i["session_id"].as_str().unwrap());
        }
    }
    assert!(
        all_accepted["planned"].as_u64().unwrap() >= 1,
        "{all_accepted}"
    );
    // The proposal shows what became of each item.
    let shown = coord.get(&format!("{base}/runs/{run2_id}")).await.ok();
    let victim_shown = shown["placements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["request"] == victim["request"])
        .unwrap();
    assert_eq!(victim_shown["accepted"]["status"], json!("refused"));

    // The parent conversations the coordinator leads are planned too: with the case's own
    // coordinator (never a supervisor), in a room, and accepted as sessions without a
    // supervisor.
    let led: Vec<&Value> = run2["placements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == json!("parent_conversation") && p["fixed"] == json!(false))
        .collect();
    assert!(
        !led.is_empty(),
        "the demo week has parent conversations: {run2}"
    );
    for p in &led {
        assert_eq!(p["supervisor_name"], json!("Anouk de Vries"), "{p}");
        assert_eq!(p["staggered"], json!(false), "{p}");
        let item = items.iter().find(|i| i["request"] == p["request"]).unwrap();
        if item["status"] == json!("planned") {
            let view = coord.case(p["case_id"].as_str().unwrap()).await;
            let s = session(&view, item["session_id"].as_str().unwrap());
            assert!(s["supervisor_id"].is_null(), "{s}");
            assert_eq!(s["room_id"], p["room_id"], "{s}");
        }
    }
    // And no visit went to the coordinator.
    for p in run2["placements"].as_array().unwrap() {
        if p["kind"] == json!("supervised_visit") {
            assert_ne!(p["supervisor_name"], json!("Anouk de Vries"), "{p}");
        }
    }
}
