//! The forgotten-password pages (`/wachtwoord/vergeten`, `/wachtwoord/nieuw`) and the privacy
//! officer's pages (`/privacy`), over HTTP in process on SQLite and on PostgreSQL.
// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

use std::sync::Arc;

use axum::Router;
use axum::http::StatusCode;
use omgang_app::input::{ChildInput, CompleteIntakeInput, PersonInput, RegistrationInput};
use omgang_app::{Actor, App, Role, Settings};
use omgang_testkit::page::{csrf, get, location, post, send, sign_in, visit};
use omgang_testkit::people::{add_organisation, add_user};
use omgang_testkit::{Engine, fresh_app};

const PASSWORD: &str = "lange-test-zin-2026";
const SECRET: &str = "Geheimeweg 13, Mijdrecht";
const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

struct World {
    app: Arc<App>,
    org: String,
    coordinator: Actor,
}

async fn world(engine: Engine) -> World {
    let app = fresh_app(engine, Settings::default()).await;
    let org = add_organisation(&app, "Omgangshuis Test", "provider").await;
    let coordinator = add_user(
        &app,
        &org,
        "coord@test.example",
        "Cora Coördinator",
        Role::Coordinator,
        PASSWORD,
    )
    .await;
    add_user(
        &app,
        &org,
        "beheer@test.example",
        "Bea Beheerder",
        Role::Administrator,
        PASSWORD,
    )
    .await;
    let coordinator = Actor {
        ip: Some("192.0.2.7".into()),
        ..coordinator
    };
    World {
        app,
        org,
        coordinator,
    }
}

async fn session(router: &Router, email: &str) -> String {
    omgang_testkit::page::signed_in(router, email, PASSWORD).await
}

/// The reset link's secret from the last mail to `to`.
async fn mailed_token(app: &App, to: &str) -> String {
    let body = app
        .store
        .outbox()
        .await
        .unwrap()
        .into_iter()
        .rfind(|m| m.mail.to_address == to)
        .unwrap()
        .mail
        .body;
    body.split("token=")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

async fn a_forgotten_password_is_reset_through_the_pages(engine: Engine) {
    let w = world(engine).await;
    let router = omgang_ui::router(w.app.clone());

    // The sign-in page leads there.
    let login = send(&router, get("/inloggen", "")).await;
    assert!(login.body.contains("href=\"/wachtwoord/vergeten\""));
    assert!(login.body.contains("Wachtwoord vergeten?"));

    let (pre, token, page) = visit(&router, "/wachtwoord/vergeten").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Stuur mij een link"));
    // Without the token: refused.
    let forged = send(
        &router,
        post(
            "/wachtwoord/vergeten",
            &pre,
            &[("csrf", "00"), ("email", "coord@test.example")],
        ),
    )
    .await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);
    // Field-level messages, the input kept.
    let empty = send(
        &router,
        post(
            "/wachtwoord/vergeten",
            &pre,
            &[("csrf", &token), ("email", "")],
        ),
    )
    .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Vul dit veld in."), "{}", empty.body);
    let wrong = send(
        &router,
        post(
            "/wachtwoord/vergeten",
            &pre,
            &[("csrf", &token), ("email", "geen-adres")],
        ),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("Vul een volledig e-mailadres in"));
    assert!(wrong.body.contains("value=\"geen-adres\""));
    assert!(wrong.body.contains("aria-invalid=\"true\""));

    // The same answer for an unknown and a known address.
    let unknown = send(
        &router,
        post(
            "/wachtwoord/vergeten",
            &pre,
            &[("csrf", &token), ("email", "niemand@test.example")],
        ),
    )
    .await;
    let known = send(
        &router,
        post(
            "/wachtwoord/vergeten",
            &pre,
            &[("csrf", &token), ("email", "Coord@test.example")],
        ),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::SEE_OTHER);
    assert_eq!(known.status, unknown.status);
    assert_eq!(location(&known), location(&unknown));
    let sent = send(&router, get(location(&known), &pre)).await;
    assert!(
        sent.body
            .contains("Als er een account is met dit e-mailadres")
    );

    // A wrong link: said so, with a way to ask again; no form.
    let bad = send(&router, get("/wachtwoord/nieuw?token=abc", &pre)).await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.body.contains("verlopen of al gebruikt"));
    assert!(!bad.body.contains("name=\"password\""));

    let secret = mailed_token(&w.app, "coord@test.example").await;
    let path = format!("/wachtwoord/nieuw?token={secret}");
    let form = send(&router, get(&path, &pre)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(&format!("value=\"{secret}\"")));
    let token = csrf(&form.body);

    // A common password: refused at the field, in Dutch, passwords not sent back.
    let common = send(
        &router,
        post(
            "/wachtwoord/nieuw",
            &pre,
            &[
                ("csrf", &token),
                ("token", &secret),
                ("password", "Welkom01!Welkom01!"),
                ("password_again", "Welkom01!Welkom01!"),
            ],
        ),
    )
    .await;
    assert_eq!(common.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        common.body.contains("te makkelijk te raden"),
        "{}",
        common.body
    );
    assert!(common.body.contains("f-nieuw-password-err"));
    assert!(!common.body.contains("Welkom01!"));
    // The link still works after a refusal.
    assert!(common.body.contains(&format!("value=\"{secret}\"")));
    // The user's own name.
    let own = send(
        &router,
        post(
            "/wachtwoord/nieuw",
            &pre,
            &[
                ("csrf", &token),
                ("token", &secret),
                ("password", "cora coördinator zomer"),
                ("password_again", "cora coördinator zomer"),
            ],
        ),
    )
    .await;
    assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        own.body.contains("naam of e-mailadres niet"),
        "{}",
        own.body
    );
    // Two different entries.
    let differ = send(
        &router,
        post(
            "/wachtwoord/nieuw",
            &pre,
            &[
                ("csrf", &token),
                ("token", &secret),
                ("password", "tegel onweer bamboe lantaarn"),
                ("password_again", "tegel onweer bamboe"),
            ],
        ),
    )
    .await;
    assert_eq!(differ.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(differ.body.contains("niet gelijk"));
    assert!(!differ.body.contains("lantaarn"));

    // Set; to the sign-in page with a message; the new password works, the old one not.
    let done = send(
        &router,
        post(
            "/wachtwoord/nieuw",
            &pre,
            &[
                ("csrf", &token),
                ("token", &secret),
                ("password", "tegel onweer bamboe lantaarn"),
                ("password_again", "tegel onweer bamboe lantaarn"),
            ],
        ),
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(location(&done), "/inloggen?klaar=wachtwoord");
    let banner = send(&router, get("/inloggen?klaar=wachtwoord", &pre)).await;
    assert!(banner.body.contains("Uw nieuwe wachtwoord is ingesteld"));
    let new = sign_in(
        &router,
        "coord@test.example",
        "tegel onweer bamboe lantaarn",
    )
    .await;
    assert_eq!(new.status, StatusCode::SEE_OTHER);
    let old = sign_in(&router, "coord@test.example", PASSWORD).await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    // Once only.
    let again = send(&router, get(&path, &pre)).await;
    assert!(again.body.contains("verlopen of al gebruikt"));

    // In English too.
    let en = send(
        &router,
        get("/wachtwoord/vergeten", &format!("{pre}; omgang_lang=en")),
    )
    .await;
    assert!(en.body.contains("Forgotten password"));
    assert!(en.body.contains("Send me a link"));
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
                email: None,
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
                address: None,
                secret_address: false,
                organisation: None,
                holds_authority: false,
            },
        ],
        safety_concerns: None,
        request: None,
    }
}

async fn the_privacy_officer_sees_who_looked_at_a_case(engine: Engine) {
    let w = world(engine).await;
    let case = w
        .app
        .register(&w.coordinator, &registration(&w.org))
        .await
        .unwrap();
    w.app.start_intake(&w.coordinator, &case.id).await.unwrap();
    w.app
        .complete_intake(
            &w.coordinator,
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
    w.app.case(&w.coordinator, &case.id).await.unwrap();
    let router = omgang_ui::router(w.app.clone());

    // Not signed in: to the sign-in page.
    let anonymous = send(&router, get("/privacy", "")).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);

    let admin = session(&router, "beheer@test.example").await;
    let search = send(&router, get("/privacy", &admin)).await;
    assert_eq!(search.status, StatusCode::OK);
    assert!(search.body.contains("Wie keek in een dossier?"));
    assert!(
        search
            .body
            .contains("href=\"/privacy\" aria-current=\"page\"")
    );

    // By reference: to the case's log.
    let found = send(
        &router,
        get(&format!("/privacy?dossier={}", case.reference), &admin),
    )
    .await;
    assert_eq!(found.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&found), format!("/privacy/dossiers/{}", case.id));
    let log = send(&router, get(location(&found), &admin)).await;
    assert_eq!(log.status, StatusCode::OK);
    let body = &log.body;
    assert!(body.contains(&format!("Logboek van dossier {}", case.reference)));
    for expected in [
        "Cora Coördinator",
        "coördinator, Omgangshuis Test",
        "dossier bekeken",
        "view full",
        "intake afgerond",
        "fields: eligible,notes",
        "Toegestaan",
        "192.0.2.7",
    ] {
        assert!(body.contains(expected), "missing {expected}: {body}");
    }
    // Dutch dates in Amsterdam time.
    assert!(MONTHS.iter().any(|m| body.contains(m)), "{body}");
    // Never a secret address or a value typed into a form.
    assert!(!body.contains("Geheimeweg"));
    assert!(!body.contains("Gesprek bij moeder"));

    // An unknown reference: a field message, nothing revealed.
    let unknown = send(&router, get("/privacy?dossier=1999-99999", &admin)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(unknown.body.contains("Er is geen dossier met dit nummer"));
    assert!(unknown.body.contains("value=\"1999-99999\""));

    // By person: what did Cora look at.
    let person = send(
        &router,
        get("/privacy?persoon=coord%40test.example", &admin),
    )
    .await;
    assert_eq!(person.status, StatusCode::OK, "{}", person.body);
    assert!(person.body.contains("Wat bekeek Cora Coördinator?"));
    assert!(person.body.contains(&case.reference));
    let nobody = send(
        &router,
        get("/privacy?persoon=niemand%40test.example", &admin),
    )
    .await;
    assert_eq!(nobody.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        nobody
            .body
            .contains("Er is geen account met dit e-mailadres.")
    );

    // The coordinator may read the case's log, not what a colleague looked at.
    let coord = session(&router, "coord@test.example").await;
    let own = send(
        &router,
        get(&format!("/privacy/dossiers/{}", case.id), &coord),
    )
    .await;
    assert_eq!(own.status, StatusCode::OK);
    let colleague = send(
        &router,
        get("/privacy?persoon=beheer%40test.example", &coord),
    )
    .await;
    assert_eq!(colleague.status, StatusCode::FORBIDDEN);
    assert!(colleague.body.contains("Alleen de beheerder"));
    // An unknown case id: the friendly not-found page.
    let missing = send(&router, get("/privacy/dossiers/nope", &admin)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    // Looking is itself recorded.
    let asked: Vec<(String, String)> = w
        .app
        .store
        .audit_lines(0, 10_000)
        .await
        .unwrap()
        .into_iter()
        .map(|l| (l.row.action, l.row.detail))
        .collect();
    assert!(
        asked
            .iter()
            .any(|(a, d)| a == "read_audit" && d == "privacy page")
    );
    assert!(asked.iter().any(|(a, _)| a == "read_audit_by_person"));

    // In English.
    let en = send(
        &router,
        get(
            &format!("/privacy/dossiers/{}", case.id),
            &format!("{admin}; omgang_lang=en"),
        ),
    )
    .await;
    assert!(en.body.contains("Audit log of case"));
    assert!(en.body.contains("viewed the case"));
}

omgang_testkit::both_engines!(
    a_forgotten_password_is_reset_through_the_pages,
    the_privacy_officer_sees_who_looked_at_a_case
);
