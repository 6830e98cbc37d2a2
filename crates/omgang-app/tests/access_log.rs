//! The audit log as the privacy officer reads it, through the application layer on SQLite:
//! writes name the fields they touched (never the values, never a secret address), reads name
//! the view, the administrator answers "who looked at this case" and "what did this person
//! look at" (and that question is audited too), and the password rules apply to new users.
// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

use std::sync::Arc;

use omgang_app::input::{ChildInput, CompleteIntakeInput, PersonInput, RegistrationInput};
use omgang_app::{Actor, App, AppError, Role, Settings, system_actor};
use omgang_testkit::people::{add_organisation, add_user, user_input};
use omgang_testkit::{Engine, fresh_app};

const SECRET: &str = "Geheimeweg 13, Mijdrecht";
const PASSWORD: &str = "fiets lamp wolk zeven";

async fn app() -> Arc<App> {
    fresh_app(Engine::Sqlite, Settings::default()).await
}

async fn org(app: &App, name: &str) -> String {
    add_organisation(app, name, "provider").await
}

async fn user(app: &App, email: &str, name: &str, role: Role, org: &str) -> Actor {
    let actor = add_user(app, org, email, name, role, PASSWORD).await;
    Actor {
        ip: Some("192.0.2.7".into()),
        ..actor
    }
}

fn registration(org: &str) -> RegistrationInput {
    RegistrationInput {
        programme_id: "omgangshuis".into(),
        organisation_id: Some(org.into()),
        registered_by: "both_parents".into(),
        entry_route: "voluntary".into(),
        children: vec![ChildInput {
            name: "Noor".into(),
            birth_date: "2020-05-01".into(),
        }],
        people: vec![
            PersonInput {
                name: "Moeder".into(),
                role: "resident_parent".into(),
                email: Some("moeder@ouder.example".into()),
                phone: None,
                address: Some(SECRET.into()),
                secret_address: true,
                organisation: None,
                holds_authority: false,
            },
            PersonInput {
                name: "Vader".into(),
                role: "non_resident_parent".into(),
                email: None,
                phone: None,
                address: Some("Kerkweg 1, Utrecht".into()),
                secret_address: false,
                organisation: None,
                holds_authority: false,
            },
        ],
        safety_concerns: None,
        request: None,
    }
}

async fn all_details(app: &App) -> Vec<(String, String)> {
    sqlx::query_as::<_, (String, String)>("SELECT action, detail FROM audit_log ORDER BY seq")
        .fetch_all(app.store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn writes_name_their_fields_and_never_a_secret_address() {
    let app = app().await;
    let org = org(&app, "Huis").await;
    let coord = user(&app, "co@huis.example", "Cora", Role::Coordinator, &org).await;
    let case = app.register(&coord, &registration(&org)).await.unwrap();
    app.start_intake(&coord, &case.id).await.unwrap();
    // The notes happen to contain the secret address: a value, so never in the audit line.
    app.complete_intake(
        &coord,
        &case.id,
        &CompleteIntakeInput {
            eligible: true,
            notes: format!("Gesprek bij moeder thuis, {SECRET}."),
            reason: None,
            confirm: Vec::new(),
        },
    )
    .await
    .unwrap();
    app.case(&coord, &case.id).await.unwrap();

    let lines = all_details(&app).await;
    let detail = |action: &str| {
        lines
            .iter()
            .find(|(a, _)| a == action)
            .map(|(_, d)| d.clone())
            .unwrap_or_else(|| panic!("no {action} line in {lines:?}"))
    };
    assert_eq!(
        detail("complete_intake"),
        "intake_completed; fields: eligible,notes"
    );
    // A command without input names only what happened.
    let started = detail("start_intake");
    assert!(
        started.starts_with("intake_started") && !started.contains("fields"),
        "{started}"
    );
    let registered = detail("register");
    assert!(
        registered.starts_with("registered; fields: ")
            && registered.contains("people[].contact.address")
            && registered.contains("children[].name"),
        "{registered}"
    );
    // A read names the view it got.
    assert_eq!(detail("read"), "view full");
    for (action, d) in &lines {
        assert!(!d.contains(SECRET), "{action}: {d}");
        assert!(!d.contains("Geheimeweg"), "{action}: {d}");
        assert!(!d.contains("Gesprek bij moeder"), "{action}: {d}");
    }
}

#[tokio::test]
async fn sqlite_the_administrator_sees_who_looked_and_what_a_person_looked_at() {
    who_looked(Engine::Sqlite).await;
}

#[tokio::test]
async fn postgres_the_administrator_sees_who_looked_and_what_a_person_looked_at() {
    who_looked(Engine::Postgres).await;
}

async fn who_looked(engine: Engine) {
    let app = fresh_app(engine, Settings::default()).await;
    let org = org(&app, "Huis").await;
    let other = org_other(&app).await;
    let coord = user(&app, "co@huis.example", "Cora", Role::Coordinator, &org).await;
    let admin = user(
        &app,
        "beheer@huis.example",
        "Bea",
        Role::Administrator,
        &org,
    )
    .await;
    let stranger = user(
        &app,
        "ander@elders.example",
        "Otto",
        Role::Administrator,
        &other,
    )
    .await;
    let case = app.register(&coord, &registration(&org)).await.unwrap();
    app.case(&coord, &case.id).await.unwrap();

    // Who looked at this case: names, roles, organisation, allowed, address; oldest first.
    let access = app.case_access(&admin, &case.id).await.unwrap();
    assert_eq!(access.reference, case.reference);
    let read = access
        .lines
        .iter()
        .find(|l| l.action == "read")
        .expect("the coordinator's read");
    assert_eq!(read.who, "Cora");
    assert_eq!(read.role, "coördinator");
    assert_eq!(read.organisation, "Huis");
    assert!(read.allowed);
    assert_eq!(read.ip.as_deref(), Some("192.0.2.7"));
    assert!(read.at.starts_with("20"), "{}", read.at);

    // By reference, and the question itself is in the log.
    assert_eq!(
        app.case_id_for_audit(&admin, &case.reference)
            .await
            .unwrap(),
        case.id
    );
    let again = app.case_access(&admin, &case.id).await.unwrap();
    assert!(
        again
            .lines
            .iter()
            .any(|l| l.action == "read_audit" && l.who == "Bea" && l.allowed),
        "{:?}",
        again.lines
    );
    assert!(matches!(
        app.case_id_for_audit(&admin, "1999-99999").await,
        Err(AppError::NotFound)
    ));

    // Another organisation's administrator learns nothing (not even that it exists).
    assert!(matches!(
        app.case_access(&stranger, &case.id).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        app.case_id_for_audit(&stranger, &case.reference).await,
        Err(AppError::NotFound)
    ));

    // What did Cora look at: her lines on this organisation's cases, newest first.
    let person = app.person_access(&admin, "CO@huis.example").await.unwrap();
    assert_eq!(person.name, "Cora");
    assert!(!person.lines.is_empty());
    assert!(
        person
            .lines
            .iter()
            .all(|l| l.reference.as_deref() == Some(case.reference.as_str()))
    );
    assert_eq!(person.lines[0].action, "read");
    // The stranger learns nothing, not even that Cora has an account.
    assert!(matches!(
        app.person_access(&stranger, "co@huis.example").await,
        Err(AppError::Invalid(_))
    ));
    // A coordinator may not ask about a person; the refusal is logged.
    assert!(matches!(
        app.person_access(&coord, "beheer@huis.example").await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        app.person_access(&admin, "niemand@huis.example").await,
        Err(AppError::Invalid(_))
    ));
    let lines = all_details(&app).await;
    assert!(lines.iter().any(|(a, _)| a == "read_audit_by_person"));
}

async fn org_other(app: &App) -> String {
    org(app, "Elders").await
}

#[tokio::test]
async fn new_users_get_no_common_or_personal_password() {
    let app = app().await;
    let org = org(&app, "Huis").await;
    for (password, name) in [
        ("Welkom01!", "Fatima de Vries"),
        ("password123", "Fatima de Vries"),
        ("omgang2026", "Fatima de Vries"),
        ("Wachtwoord2026!", "Fatima de Vries"),
        ("fatima-de-vries-1988", "Fatima de Vries"),
    ] {
        let refused = app
            .add_user(
                &system_actor(),
                &user_input(
                    &org,
                    "f.devries@huis.example",
                    name,
                    "coordinator",
                    password,
                ),
            )
            .await;
        match refused {
            Err(AppError::Invalid(errors)) => {
                let e = errors.iter().find(|e| e.field == "password").unwrap();
                assert!(!e.message_nl.is_empty() && !e.message_en.is_empty());
            }
            other => panic!("{password} was not refused: {other:?}"),
        }
    }
    app.add_user(
        &system_actor(),
        &user_input(
            &org,
            "f.devries@huis.example",
            "Fatima de Vries",
            "coordinator",
            "tegel onweer bamboe lantaarn",
        ),
    )
    .await
    .unwrap();
}
