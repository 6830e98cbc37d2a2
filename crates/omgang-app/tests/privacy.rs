//! Privacy through the application layer, on SQLite and PostgreSQL: secret addresses are
//! sealed at rest, retention anonymises old closed cases (and keeps the audit chain intact),
//! and the export gathers what is held about one person.
// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

use std::sync::Arc;

use omgang_app::input::{ChildInput, CompleteIntakeInput, PersonInput, RegistrationInput};
use omgang_app::invitations::{AcceptInput, InviteInput};
use omgang_app::{Actor, App, Role, Settings, system_actor};
use omgang_testkit::people::{add_organisation, add_user};
use omgang_testkit::{Engine, fresh_app};

const SECRET: &str = "Geheimeweg 13, Mijdrecht";

async fn setup(engine: Engine) -> (Arc<App>, Actor, String) {
    let app = fresh_app(engine, Settings::default()).await;
    let org = add_organisation(&app, "Huis", "provider").await;
    let actor = add_user(
        &app,
        &org,
        "co@huis.example",
        "Co",
        Role::Coordinator,
        "a long enough password",
    )
    .await;
    let actor = Actor {
        ip: Some("127.0.0.1".into()),
        ..actor
    };
    (app, actor, org)
}

fn registration(org: &str, email: &str, birth: &str) -> RegistrationInput {
    RegistrationInput {
        programme_id: "omgangshuis".into(),
        organisation_id: Some(org.into()),
        registered_by: "both_parents".into(),
        entry_route: "voluntary".into(),
        children: vec![ChildInput {
            name: "Noor".into(),
            birth_date: birth.into(),
        }],
        people: vec![
            PersonInput {
                name: "Moeder".into(),
                role: "resident_parent".into(),
                email: Some(email.into()),
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

async fn privacy(engine: Engine) {
    let (app, coordinator, org) = setup(engine).await;
    let view = app
        .register(
            &coordinator,
            &registration(&org, "moeder@ouder.example", "2020-05-01"),
        )
        .await
        .unwrap();
    let id = view.id.clone();

    // Sealed at rest, opened for the lead coordinator.
    let raw: String = sqlx::query_scalar("SELECT snapshot FROM cases WHERE id = $1")
        .bind(&id)
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert!(
        !raw.contains("Geheimeweg"),
        "the secret address is not stored in plain text"
    );
    let events: Vec<String> = sqlx::query_scalar("SELECT body FROM case_events WHERE case_id = $1")
        .bind(&id)
        .fetch_all(app.store.pool())
        .await
        .unwrap();
    assert!(events.iter().all(|b| !b.contains("Geheimeweg")));
    let seen = app.case(&coordinator, &id).await.unwrap();
    let mother = seen.people.iter().find(|p| p.name == "Moeder").unwrap();
    assert_eq!(mother.address.as_deref(), Some(SECRET));
    assert!(mother.secret_address);

    // The mother gets a portal account by invitation; the father is invited at another address.
    let person = |name: &str| {
        seen.people
            .iter()
            .find(|p| p.name == name)
            .unwrap()
            .id
            .clone()
    };
    app.invite_person(
        &coordinator,
        &id,
        &InviteInput {
            person_id: person("Moeder"),
            email: None,
            lang: None,
        },
    )
    .await
    .unwrap();
    let outbox = app.store.outbox().await.unwrap();
    let body = &outbox
        .iter()
        .rev()
        .find(|m| m.mail.to_address == "moeder@ouder.example")
        .unwrap()
        .mail
        .body;
    let token: String = body
        .split("/uitnodiging?token=")
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    app.accept_invitation(
        &AcceptInput {
            token: token.clone(),
            password: "a long enough password".into(),
            password_again: None,
        },
        None,
    )
    .await
    .unwrap();
    app.invite_person(
        &coordinator,
        &id,
        &InviteInput {
            person_id: person("Vader"),
            email: Some("vader@ouder.example".into()),
            lang: Some("en".into()),
        },
    )
    .await
    .unwrap();

    // The export for an inzageverzoek finds the person, in their own (parent) view: their
    // secret address stays sealed there, marked as secret (docs/inzageverzoek.md).
    let export = app
        .export_person(&system_actor(), "Moeder@ouder.example")
        .await
        .unwrap();
    let cases = export["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0]["role"], "resident_parent");
    assert_eq!(cases[0]["case"]["me"]["secret_address"], true);
    assert!(!export.to_string().contains("Geheimeweg"));
    assert!(!export.to_string().contains("sealed:"));
    assert!(
        !cases[0]["who_looked"].as_array().unwrap().is_empty(),
        "who accessed the case is part of the export"
    );
    assert!(
        app.export_person(&coordinator, "moeder@ouder.example")
            .await
            .is_err(),
        "a coordinator does not answer access requests; the operator and administrators do"
    );
    // … with the portal account linked to the person of the case, and the invitation.
    assert_eq!(export["user_account"]["role"], "parent");
    let links = export["case_accounts"].as_array().unwrap();
    assert_eq!(links.len(), 1, "{export}");
    assert_eq!(links[0]["case_id"], serde_json::json!(id));
    assert_eq!(
        links[0]["case_reference"],
        serde_json::json!(view.reference)
    );
    assert_eq!(links[0]["person_id"], serde_json::json!(person("Moeder")));
    let invitations = export["invitations"].as_array().unwrap();
    assert_eq!(invitations.len(), 1, "{export}");
    assert_eq!(invitations[0]["role"], "parent");
    assert_eq!(
        invitations[0]["case_reference"],
        serde_json::json!(view.reference)
    );
    assert!(invitations[0]["accepted_at"].is_string());
    assert!(
        !export.to_string().contains(&token),
        "the export never carries the link's secret"
    );
    // The father has no account yet: his invitation (to another address) is his data too.
    let father = app
        .export_person(&system_actor(), "vader@ouder.example")
        .await
        .unwrap();
    assert!(father["user_account"].is_null());
    assert!(
        !father.to_string().contains("Geheimeweg"),
        "never the other parent's secret address"
    );
    assert!(father["case_accounts"].as_array().unwrap().is_empty());
    let invitations = father["invitations"].as_array().unwrap();
    assert_eq!(invitations.len(), 1, "{father}");
    assert_eq!(invitations[0]["name"], "Vader");
    assert_eq!(invitations[0]["lang"], "en");
    assert!(invitations[0]["accepted_at"].is_null());

    // Close it (not eligible), and a second case that closes much later.
    app.start_intake(&coordinator, &id).await.unwrap();
    let not_eligible = CompleteIntakeInput {
        eligible: false,
        notes: String::new(),
        reason: Some("Geen bereidheid.".into()),
        confirm: Vec::new(),
    };
    app.complete_intake(&coordinator, &id, &not_eligible)
        .await
        .unwrap();
    let start = jiff::Timestamp::now();
    app.clock.set(Some(
        start + jiff::SignedDuration::from_hours(24 * 365 * 15),
    ));
    let recent = app
        .register(
            &coordinator,
            &registration(&org, "ander@ouder.example", "2038-05-01"),
        )
        .await
        .unwrap();
    app.start_intake(&coordinator, &recent.id).await.unwrap();
    app.complete_intake(&coordinator, &recent.id, &not_eligible)
        .await
        .unwrap();

    // 20 years and a bit after the first closed: only the first is anonymised.
    app.clock.set(Some(
        start + jiff::SignedDuration::from_hours(24 * (365 * 20 + 10)),
    ));
    let dry = app.retention(&system_actor(), 20, true).await.unwrap();
    assert_eq!(dry.anonymised.len(), 1);
    assert!(
        app.store
            .case(&omgang_domain::ids::CaseId(id.clone()))
            .await
            .is_ok(),
        "a dry run changes nothing"
    );
    assert!(
        app.retention(&coordinator, 20, false).await.is_err(),
        "only the operator runs retention"
    );
    let report = app.retention(&system_actor(), 20, false).await.unwrap();
    assert_eq!(report.anonymised, vec![view.reference.clone()]);
    assert!(
        app.store
            .case(&omgang_domain::ids::CaseId(id.clone()))
            .await
            .is_err(),
        "the case is gone"
    );
    assert!(
        app.store
            .events(&omgang_domain::ids::CaseId(id.clone()))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        app.store
            .case(&omgang_domain::ids::CaseId(recent.id.clone()))
            .await
            .is_ok(),
        "the recent one is kept"
    );
    assert_eq!(app.store.anonymised_count().await.unwrap(), 1);
    for table in ["case_accounts", "invitations"] {
        let left: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {table} WHERE case_id = $1"
        )))
        .bind(&id)
        .fetch_one(app.store.pool())
        .await
        .unwrap();
        assert_eq!(left, 0, "anonymising deletes the case's {table}");
    }
    let export = app
        .export_person(&system_actor(), "moeder@ouder.example")
        .await
        .unwrap();
    assert!(export["cases"].as_array().unwrap().is_empty());
    assert!(export["case_accounts"].as_array().unwrap().is_empty());
    assert!(export["invitations"].as_array().unwrap().is_empty());
    let father = app
        .export_person(&system_actor(), "vader@ouder.example")
        .await
        .unwrap();
    assert!(father["invitations"].as_array().unwrap().is_empty());
    let chain = app.store.verify_audit().await.unwrap();
    assert_eq!(
        chain.first_broken, None,
        "anonymising keeps the audit chain intact"
    );

    // The daily job is claimed once per day, whoever asks.
    assert!(
        app.store
            .claim_job("retention", "2046-01-01", 1)
            .await
            .unwrap()
    );
    assert!(
        !app.store
            .claim_job("retention", "2046-01-01", 2)
            .await
            .unwrap()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_privacy() {
    privacy(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_privacy() {
    privacy(Engine::Postgres).await;
}
