//! The Weekplanning page (issue 13) over HTTP, in process, on SQLite and on PostgreSQL: a
//! coordinator sees the week's requests, drops one, starts the planner (a refused time limit
//! keeps its input), sees the proposal as days × rooms and per supervisor, accepts it, and
//! finds the session on the case page; the family's windows are changed on the case page.
//! Others have no such page.
// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

use axum::Router;
use axum::http::{StatusCode, header};
use omgang_app::input::*;
use omgang_app::{Actor, App, Role, Settings};
use omgang_testkit::page::{Reply, get, open, post, send};
use omgang_testkit::people::{add_organisation, add_user};
use omgang_testkit::{Engine, fresh_app};

const PASSWORD: &str = "lange-test-zin-2026";

async fn user(app: &App, org: &str, email: &str, name: &str, role: Role) -> Actor {
    add_user(app, org, email, name, role, PASSWORD).await
}

/// A running Omgangshuis case with a signed plan: it needs a supervised visit every week.
async fn running_case(app: &App, coordinator: &Actor, org: &str, child: &str) -> String {
    let person = |name: &str, role: &str| PersonInput {
        name: name.into(),
        role: role.into(),
        email: Some(format!(
            "{}@ouder.example",
            name.to_lowercase().replace(' ', ".")
        )),
        phone: None,
        address: None,
        secret_address: false,
        organisation: None,
        holds_authority: false,
    };
    let view = app
        .register(
            coordinator,
            &RegistrationInput {
                programme_id: "omgangshuis".into(),
                organisation_id: Some(org.into()),
                registered_by: "both_parents".into(),
                entry_route: "voluntary".into(),
                children: vec![ChildInput {
                    name: child.into(),
                    birth_date: "2019-05-04".into(),
                }],
                people: vec![
                    person(&format!("Moeder {child}"), "resident_parent"),
                    person(&format!("Vader {child}"), "non_resident_parent"),
                ],
                safety_concerns: None,
                request: None,
            },
        )
        .await
        .unwrap();
    let id = view.id.clone();
    app.start_intake(coordinator, &id).await.unwrap();
    app.complete_intake(
        coordinator,
        &id,
        &CompleteIntakeInput {
            eligible: true,
            notes: String::new(),
            reason: None,
            confirm: Vec::new(),
        },
    )
    .await
    .unwrap();
    let view = app
        .write_plan(
            coordinator,
            &id,
            &PlanInput {
                goals: vec!["Contact".into()],
                ..PlanInput::default()
            },
        )
        .await
        .unwrap();
    for p in view.people.iter().map(|p| p.id.clone()) {
        app.sign_plan(
            coordinator,
            &id,
            &SignatureInput {
                version: 1,
                parent_id: p,
                method: "paper".into(),
                signed_on: None,
            },
        )
        .await
        .unwrap();
    }
    id
}

/// Signs in; returns the session cookie and the reply of the sign-in.
async fn sign_in(router: &Router, email: &str) -> (String, Reply) {
    omgang_testkit::page::sign_in_ok(router, email, PASSWORD).await
}

async fn signed_in(router: &Router, email: &str) -> String {
    sign_in(router, email).await.0
}

async fn a_coordinator_plans_a_week_on_the_page(engine: Engine) {
    let app = fresh_app(engine, Settings::default()).await;
    app.clock.set(Some("2026-03-02T09:00:00Z".parse().unwrap()));
    let org = add_organisation(&app, "Omgangshuis Test", "provider").await;
    let coordinator = user(
        &app,
        &org,
        "coord@test.example",
        "Cora Coördinator",
        Role::Coordinator,
    )
    .await;
    user(
        &app,
        &org,
        "begeleider@test.example",
        "Bram Begeleider",
        Role::Supervisor,
    )
    .await;
    user(
        &app,
        &org,
        "begeleider2@test.example",
        "Bo Begeleider",
        Role::Supervisor,
    )
    .await;
    user(
        &app,
        &org,
        "beheer@test.example",
        "Bea Beheerder",
        Role::Administrator,
    )
    .await;
    app.store
        .insert_location(&omgang_store::LocationRow {
            id: "loc-1".into(),
            org_id: org.clone(),
            name: "De Boei".into(),
            address: "Herenweg 1".into(),
            margin_minutes: 15,
            rooms: vec![
                omgang_store::RoomRow {
                    id: "room-1".into(),
                    name: "Huiskamer".into(),
                    room_type: "homely".into(),
                },
                omgang_store::RoomRow {
                    id: "room-2".into(),
                    name: "Speelzaal".into(),
                    room_type: "large".into(),
                },
            ],
        })
        .await
        .unwrap();
    app.store
        .insert_location(&omgang_store::LocationRow {
            id: "loc-2".into(),
            org_id: org.clone(),
            name: "Kantoor Zuid".into(),
            address: "Zuidweg 2".into(),
            margin_minutes: 10,
            rooms: vec![omgang_store::RoomRow {
                id: "room-3".into(),
                name: "Spreekkamer Zuid".into(),
                room_type: "office".into(),
            }],
        })
        .await
        .unwrap();
    let mut cases = Vec::new();
    for child in ["Lotte", "Daan", "Noor"] {
        cases.push(running_case(&app, &coordinator, &org, child).await);
    }
    // A parent conversation the coordinator leads, in the Huiskamer on Wednesday: the room is
    // taken then, and the planner keeps it so.
    app.plan_session(
        &coordinator,
        &cases[0],
        &SessionInput {
            kind: "parent_conversation".into(),
            starts_at: "2026-03-11T16:00".into(),
            minutes: 60,
            location_kind: "omgangshuis".into(),
            location_id: Some("loc-1".into()),
            room_id: Some("room-1".into()),
            description: None,
            home_of: None,
            supervisor_id: None,
            participants: Vec::new(),
            confirm: Vec::new(),
            reason: None,
        },
    )
    .await
    .unwrap();
    let r = &omgang_ui::router(app.clone());
    let coord = signed_in(r, "coord@test.example").await;

    // In the coordinator's menu; not for supervisors or administrators.
    let (home, _) = open(r, "/", &coord).await;
    assert!(home.body.contains("href=\"/weekplanning\""));
    for other in ["begeleider@test.example", "beheer@test.example"] {
        let c = signed_in(r, other).await;
        let (home, _) = open(r, "/", &c).await;
        assert!(!home.body.contains("href=\"/weekplanning\""), "{other}");
        let denied = send(r, get("/weekplanning?week=2026-W11", &c)).await;
        assert_eq!(denied.status, StatusCode::FORBIDDEN, "{other}");
    }

    // The week's requests, in a table with headers.
    let (week, token) = open(r, "/weekplanning?week=2026-W11", &coord).await;
    assert!(week.body.contains("aria-current=\"page\">Weekplanning"));
    assert!(week.body.contains("<th scope=\"col\">Dossier</th>"));
    assert_eq!(week.body.matches("Laat vallen").count(), 3, "{}", week.body);
    assert!(week.body.contains("Begeleide omgang"));
    // A week that is not one: 422 with the field's message and the input kept.
    let bad_week = send(r, get("/weekplanning?week=volgende", &coord)).await;
    assert_eq!(bad_week.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_week.body.contains("id=\"f-week-week-err\""));
    assert!(bad_week.body.contains("value=\"volgende\""));

    // Drop one request; it stays listed as dropped.
    let requests = app
        .planning_requests(&coordinator, "2026-W11")
        .await
        .unwrap();
    let dropped = requests.requests.last().unwrap().id.clone();
    let reply = send(
        r,
        post(
            &format!("/weekplanning/2026-W11/verzoeken/{dropped}"),
            &coord,
            &[("csrf", &token), ("dropped", "true")],
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let (week, token) = open(r, "/weekplanning?week=2026-W11", &coord).await;
    assert!(week.body.contains("valt weg"));
    assert!(week.body.contains("Neem weer mee"));

    // Add an extra visit for a case: a wrong length keeps the input; then added, listed, and
    // dropped again (the counts below stay those of the programme's own requests).
    let choice = format!("{}|supervised_visit", cases[1]);
    let bad = send(
        r,
        post(
            "/weekplanning/2026-W11/verzoeken",
            &coord,
            &[("csrf", &token), ("request", &choice), ("minutes", "500")],
        ),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(
        bad.body.contains("id=\"f-add-minutes-err\""),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("value=\"500\""));
    let added = send(
        r,
        post(
            "/weekplanning/2026-W11/verzoeken",
            &coord,
            &[("csrf", &token), ("request", &choice), ("minutes", "60")],
        ),
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let (week, token) = open(r, "/weekplanning?week=2026-W11", &coord).await;
    assert!(week.body.contains("Toegevoegd door de coördinator."));
    let extra = app
        .planning_requests(&coordinator, "2026-W11")
        .await
        .unwrap()
        .requests
        .into_iter()
        .find(|q| q.id.starts_with("added:"))
        .unwrap();
    assert_eq!(extra.minutes, 60);
    let reply = send(
        r,
        post(
            &format!("/weekplanning/2026-W11/verzoeken/{}", extra.id),
            &coord,
            &[("csrf", &token), ("dropped", "true")],
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);

    // A time limit that is not one: the form comes back with its input and the message.
    let refused = send(
        r,
        post(
            "/weekplanning/2026-W11/runs",
            &coord,
            &[("csrf", &token), ("seconds", "99")],
        ),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("id=\"f-run-seconds-err\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("value=\"99\""));

    // Plan the week: the proposal as days × rooms and per supervisor.
    let ran = send(
        r,
        post(
            "/weekplanning/2026-W11/runs",
            &coord,
            &[("csrf", &token), ("seconds", "1")],
        ),
    )
    .await;
    assert_eq!(ran.status, StatusCode::SEE_OTHER, "{}", ran.body);
    let to = ran.headers[header::LOCATION].to_str().unwrap().to_owned();
    assert!(to.starts_with("/weekplanning?week=2026-W11&run="), "{to}");
    let (proposal, token) = open(r, &to, &coord).await;
    assert!(
        proposal.body.contains("3 van 3 afspraken ingepland"),
        "{}",
        proposal.body
    );
    assert!(proposal.body.contains("<th scope=\"col\">Huiskamer"));
    assert!(
        proposal.body.contains("al gepland"),
        "the conversation holds its room"
    );
    assert!(proposal.body.contains("Per begeleider"));
    assert!(proposal.body.contains("verzorgende ouder brengt"));
    assert!(proposal.body.contains("Neem alle 2 afspraken over"));
    // The grid of one location.
    assert!(
        proposal
            .body
            .contains("<label for=\"f-locatie\">Locatie</label>")
    );
    let (south, _) = open(r, &format!("{to}&locatie=loc-2"), &coord).await;
    assert!(south.body.contains("<th scope=\"col\">Spreekkamer Zuid"));
    assert!(!south.body.contains("<th scope=\"col\">Huiskamer"));

    // Meanwhile a conversation of the dropped case is booked in the room of one placement, at
    // its time: accepting asks to confirm that one (never confirmed silently), the other is
    // planned.
    let run = to.split("run=").nth(1).unwrap().to_owned();
    let shown = app
        .planning_run(&coordinator, "2026-W11", &run)
        .await
        .unwrap();
    let target = shown.placements.iter().find(|p| !p.fixed).unwrap().clone();
    let dropped_case = cases
        .iter()
        .find(|c| dropped.ends_with(c.as_str()))
        .unwrap();
    app.plan_session(
        &coordinator,
        dropped_case,
        &SessionInput {
            kind: "parent_conversation".into(),
            starts_at: target.starts_at.clone(),
            minutes: 60,
            location_kind: "omgangshuis".into(),
            location_id: Some("loc-1".into()),
            room_id: Some(target.room_id.clone()),
            description: None,
            home_of: None,
            supervisor_id: None,
            participants: Vec::new(),
            confirm: Vec::new(),
            reason: None,
        },
    )
    .await
    .unwrap();
    let accepted = send(
        r,
        post(
            &format!("/weekplanning/2026-W11/runs/{run}/accepteren"),
            &coord,
            &[("csrf", &token)],
        ),
    )
    .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    let (after, token) = open(r, &to, &coord).await;
    assert_eq!(after.body.matches("Gepland.").count(), 1, "{}", after.body);
    assert!(after.body.contains("Eerst bevestigen"), "{}", after.body);
    assert!(after.body.contains("De ruimte is dan al bezet"));
    let codes = after
        .body
        .split("name=\"confirm\" value=\"")
        .nth(1)
        .and_then(|v| v.split('"').next())
        .unwrap()
        .to_owned();
    assert_eq!(codes, "room_booked");
    // "Toch plannen": the coordinator confirms it for that item.
    let confirmed = send(
        r,
        post(
            &format!("/weekplanning/2026-W11/runs/{run}/accepteren"),
            &coord,
            &[
                ("csrf", &token),
                ("request", &target.request),
                ("confirm", &codes),
            ],
        ),
    )
    .await;
    assert_eq!(
        confirmed.status,
        StatusCode::SEE_OTHER,
        "{}",
        confirmed.body
    );
    let (after, _) = open(r, &to, &coord).await;
    assert_eq!(after.body.matches("Gepland.").count(), 2, "{}", after.body);
    assert!(!after.body.contains("Eerst bevestigen"));
    assert!(!after.body.contains("Neem alle"));
    let planned: Vec<&String> = cases
        .iter()
        .filter(|c| !dropped.ends_with(c.as_str()))
        .collect();
    assert_eq!(planned.len(), 2);
    for case in planned {
        let view = app.case(&coordinator, case).await.unwrap();
        assert!(
            view.sessions.iter().any(|s| s.kind
                == omgang_domain::programme::SessionKind::SupervisedVisit
                && s.starts_at.starts_with("2026-03-")),
            "{case}"
        );
    }

    // The family's windows on the case page: a wrong time keeps what was typed.
    let case = &cases[0];
    let (page, token) = open(r, &format!("/dossiers/{case}"), &coord).await;
    assert!(page.body.contains("Wanneer het gezin kan"));
    let bad = send(
        r,
        post(
            &format!("/dossiers/{case}/tijdvakken"),
            &coord,
            &[
                ("csrf", &token),
                ("windows[2].weekday", "3"),
                ("windows[2].starts", "18:00"),
                ("windows[2].ends", "12:00"),
            ],
        ),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("id=\"f-tijdvakken-windows-2-ends-err\""),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("value=\"18:00\""));
    let good = send(
        r,
        post(
            &format!("/dossiers/{case}/tijdvakken"),
            &coord,
            &[
                ("csrf", &token),
                ("windows[0].weekday", "3"),
                ("windows[0].starts", "12:30"),
                ("windows[0].ends", "18:00"),
            ],
        ),
    )
    .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.body);
    let (page, _) = open(r, &format!("/dossiers/{case}"), &coord).await;
    assert!(page.body.contains("Woensdag 12:30–18:00"), "{}", page.body);
}

async fn opening_hours_and_weekly_minutes_are_set_in_administration(engine: Engine) {
    let app = fresh_app(engine, Settings::default()).await;
    let org = add_organisation(&app, "Omgangshuis Test", "provider").await;
    let admin = user(
        &app,
        &org,
        "beheer@test.example",
        "Bea Beheerder",
        Role::Administrator,
    )
    .await;
    let sup = user(
        &app,
        &org,
        "begeleider@test.example",
        "Bram Begeleider",
        Role::Supervisor,
    )
    .await;
    app.store
        .insert_location(&omgang_store::LocationRow {
            id: "loc-1".into(),
            org_id: org.clone(),
            name: "De Boei".into(),
            address: "Herenweg 1".into(),
            margin_minutes: 15,
            rooms: Vec::new(),
        })
        .await
        .unwrap();
    let r = &omgang_ui::router(app.clone());
    let c = signed_in(r, "beheer@test.example").await;

    // Opening hours: the default shown, a wrong row keeps what was typed, then saved.
    let (page, token) = open(r, "/beheer/locaties/loc-1", &c).await;
    assert!(page.body.contains("Openingstijden"));
    let bad = send(
        r,
        post(
            "/beheer/locaties/loc-1/openingstijden",
            &c,
            &[
                ("csrf", &token),
                ("windows[3].weekday", "3"),
                ("windows[3].starts", "20:00"),
                ("windows[3].ends", "09:00"),
            ],
        ),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body
            .contains("id=\"f-openingstijden-windows-3-ends-err\""),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("value=\"20:00\""));
    let good = send(
        r,
        post(
            "/beheer/locaties/loc-1/openingstijden",
            &c,
            &[
                ("csrf", &token),
                ("windows[0].weekday", "3"),
                ("windows[0].starts", "12:00"),
                ("windows[0].ends", "18:00"),
            ],
        ),
    )
    .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.body);
    let locations = app.locations(&admin).await.unwrap();
    assert!(!locations[0].opening_hours_default);
    assert_eq!(locations[0].opening_hours.len(), 1);
    assert_eq!(locations[0].opening_hours[0].starts, "12:00");

    // Weekly minutes of a supervisor.
    let staff_path = format!("/beheer/begeleiders/{}", sup.user_id.0);
    let (_, token) = open(r, &staff_path, &c).await;
    let bad = send(
        r,
        post(
            &staff_path,
            &c,
            &[("csrf", &token), ("weekly_minutes", "veel")],
        ),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("id=\"f-begeleider-weekly_minutes-err\""),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("value=\"veel\""));
    let good = send(
        r,
        post(
            &staff_path,
            &c,
            &[("csrf", &token), ("weekly_minutes", "960")],
        ),
    )
    .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.body);
    let staff = app.staff(&admin).await.unwrap();
    let bram = staff.iter().find(|s| s.user.id == sup.user_id.0).unwrap();
    assert_eq!(bram.weekly_minutes, 960);
}

omgang_testkit::both_engines!(
    a_coordinator_plans_a_week_on_the_page,
    opening_hours_and_weekly_minutes_are_set_in_administration
);
