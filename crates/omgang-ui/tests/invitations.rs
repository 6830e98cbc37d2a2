//! The coordinator's page to invite a referrer or a partner organisation's staff member
//! (`/uitnodigingen`), over HTTP in process on SQLite and on PostgreSQL: every field validated
//! with its own message (Dutch and English), what was typed kept after a rejection, the
//! organisation checked against the role, the invitation sent and listed, the link accepted,
//! and other roles refused without a server error.
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
use omgang_app::{App, Settings};
use omgang_testkit::page::{control, csrf, get, location, post, send, set_cookie};
use omgang_testkit::people::{add_organisation, add_user_as, user_input};
use omgang_testkit::{Engine, fresh_app};

const PASSWORD: &str = "blauwe fiets onder de oude brug";

struct Fixture {
    app: Arc<App>,
    router: Router,
    team: String,
    partner: String,
    provider: String,
}

async fn user(app: &App, org: &str, email: &str, role: &str, lang: Option<&str>) {
    let name = format!("Medewerker {role}");
    let mut input = user_input(org, email, &name, role, PASSWORD);
    input.lang = lang.map(Into::into);
    add_user_as(app, &input).await;
}

async fn fixture(engine: Engine) -> Fixture {
    let app = fresh_app(engine, Settings::default()).await;
    let provider = add_organisation(&app, "Omgangshuis Test", "provider").await;
    let team = add_organisation(&app, "Sociaal Team Test", "municipality").await;
    let partner = add_organisation(&app, "Partner Test", "partner").await;
    user(&app, &provider, "coord@test.example", "coordinator", None).await;
    user(&app, &team, "beheer@team.example", "administrator", None).await;
    user(
        &app,
        &partner,
        "beheer-en@partner.example",
        "administrator",
        Some("en"),
    )
    .await;
    user(
        &app,
        &provider,
        "begeleider@test.example",
        "supervisor",
        None,
    )
    .await;
    Fixture {
        router: omgang_ui::router(app.clone()),
        app,
        team,
        partner,
        provider,
    }
}

async fn signed_in(router: &Router, email: &str) -> String {
    omgang_testkit::page::signed_in(router, email, PASSWORD).await
}

/// The message tied to a field of the staff invitation form (its `…-err` element).
fn field_error(body: &str, field: &str) -> String {
    omgang_testkit::page::field_error(body, "staff-invite", field)
}

async fn an_organisation_invites_its_own_referrers_through_the_page(engine: Engine) {
    let f = fixture(engine).await;
    // A provider's coordinator makes no accounts of other organisations: no page, no menu.
    let coord = signed_in(&f.router, "coord@test.example").await;
    let home = send(&f.router, get("/", &coord)).await;
    assert!(!home.body.contains("href=\"/uitnodigingen\""));
    let refused = send(
        &f.router,
        post(
            "/uitnodigingen",
            &coord,
            &[
                ("csrf", &csrf(&home.body)),
                ("name", "Nina Nieuw"),
                ("email", "nina@team.example"),
                ("role", "referrer"),
                ("organisation_id", &f.team),
                ("lang", "nl"),
            ],
        ),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let session = signed_in(&f.router, "beheer@team.example").await;

    // The page: in the menu, only the administrator's own organisation, nothing sent yet.
    let page = send(&f.router, get("/uitnodigingen", &session)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body
            .contains("Verwijzers en partnerpersoneel uitnodigen")
    );
    assert!(
        page.body
            .contains("<a href=\"/uitnodigingen\" aria-current=\"page\">Uitnodigen</a>"),
        "the menu links the page"
    );
    let orgs = control(&page.body, "organisation_id");
    assert!(orgs.contains(&f.team) && orgs.contains("Sociaal Team Test (gemeente)"));
    assert!(
        !orgs.contains(&f.partner) && !orgs.contains(&f.provider),
        "only the own organisation is offered: {orgs}"
    );
    assert!(page.body.contains("U hebt nog niemand uitgenodigd."));
    let token = csrf(&page.body);

    // Nothing filled in: every required field explained at the field.
    let empty = send(
        &f.router,
        post(
            "/uitnodigingen",
            &session,
            &[
                ("csrf", &token),
                ("name", ""),
                ("email", ""),
                ("role", ""),
                ("organisation_id", ""),
                ("lang", "nl"),
            ],
        ),
    )
    .await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.body
    );
    assert!(empty.body.contains("Controleer de gemarkeerde velden"));
    assert_eq!(field_error(&empty.body, "name"), "Fout: Vul dit veld in.");
    assert_eq!(
        field_error(&empty.body, "email"),
        "Fout: Vul het e-mailadres in."
    );
    assert!(field_error(&empty.body, "role").contains("Kies de rol"));
    assert!(field_error(&empty.body, "organisation_id").contains("Kies de organisatie"));
    for field in ["name", "email", "role", "organisation_id"] {
        assert!(
            control(&empty.body, field).contains("aria-invalid=\"true\""),
            "{field} is marked invalid"
        );
    }

    // A wrong address and an unknown language: explained once each; what was typed is kept.
    let wrong = send(
        &f.router,
        post(
            "/uitnodigingen",
            &session,
            &[
                ("csrf", &token),
                ("name", "Nina Nieuw"),
                ("email", "geen-adres"),
                ("role", "referrer"),
                ("organisation_id", &f.team),
                ("lang", "fr"),
            ],
        ),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let email_error = field_error(&wrong.body, "email");
    assert!(
        email_error.contains("geen geldig e-mailadres"),
        "{email_error}"
    );
    assert_eq!(
        wrong
            .body
            .matches("id=\"f-staff-invite-email-err\"")
            .count(),
        1
    );
    assert!(field_error(&wrong.body, "lang").contains("Onbekende taal"));
    assert!(control(&wrong.body, "name").contains("value=\"Nina Nieuw\""));
    assert!(control(&wrong.body, "email").contains("value=\"geen-adres\""));
    assert!(control(&wrong.body, "role").contains("value=\"referrer\" selected"));
    assert!(
        control(&wrong.body, "organisation_id").contains(&format!("value=\"{}\" selected", f.team))
    );
    assert!(!control(&wrong.body, "name").contains("aria-invalid"));

    // Partner staff at a Sociaal Team does not fit.
    let misfit = send(
        &f.router,
        post(
            "/uitnodigingen",
            &session,
            &[
                ("csrf", &token),
                ("name", "Nina Nieuw"),
                ("email", "nina@team.example"),
                ("role", "partner_staff"),
                ("organisation_id", &f.team),
                ("lang", "nl"),
            ],
        ),
    )
    .await;
    assert_eq!(misfit.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&misfit.body, "organisation_id").contains("past niet bij de rol"));
    assert!(control(&misfit.body, "email").contains("value=\"nina@team.example\""));

    // Another organisation's account: refused, by any field value.
    let other = send(
        &f.router,
        post(
            "/uitnodigingen",
            &session,
            &[
                ("csrf", &token),
                ("name", "Piet Partner"),
                ("email", "piet@partner.example"),
                ("role", "partner_staff"),
                ("organisation_id", &f.partner),
                ("lang", "nl"),
            ],
        ),
    )
    .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN, "{}", other.body);

    // An address that has an account already.
    let taken = send(
        &f.router,
        post(
            "/uitnodigingen",
            &session,
            &[
                ("csrf", &token),
                ("name", "Bea Begeleider"),
                ("email", "begeleider@test.example"),
                ("role", "referrer"),
                ("organisation_id", &f.team),
                ("lang", "nl"),
            ],
        ),
    )
    .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&taken.body, "email").contains("al een account"));

    // Right: sent, listed, and the mail waits in the outbox.
    for (name, email, role, organisation) in
        [("Nina Nieuw", "nina@team.example", "referrer", &f.team)]
    {
        let sent = send(
            &f.router,
            post(
                "/uitnodigingen",
                &session,
                &[
                    ("csrf", &token),
                    ("name", name),
                    ("email", email),
                    ("role", role),
                    ("organisation_id", organisation),
                    ("lang", "nl"),
                ],
            ),
        )
        .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        assert_eq!(
            location(&sent),
            "/uitnodigingen?klaar=uitgenodigd-professional"
        );
    }
    let list = send(
        &f.router,
        get("/uitnodigingen?klaar=uitgenodigd-professional", &session),
    )
    .await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("De uitnodiging is verstuurd."));
    for text in [
        "Nina Nieuw",
        "nina@team.example",
        "verwijzer",
        "Sociaal Team Test",
        "verstuurd",
    ] {
        assert!(list.body.contains(text), "{text} in the list");
    }
    let outbox = f.app.store.outbox().await.unwrap();
    let mail = outbox
        .iter()
        .find(|m| m.mail.to_address == "nina@team.example")
        .unwrap();
    let secret: String = mail
        .mail
        .body
        .split("/uitnodiging?token=")
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert!(
        !list.body.contains(&secret),
        "the page never shows the link"
    );

    // Nina accepts: the page names her role; the account is a referrer's, signed in.
    let accept = send(&f.router, get(&format!("/uitnodiging?token={secret}"), "")).await;
    assert_eq!(accept.status, StatusCode::OK);
    assert!(accept.body.contains("Nina Nieuw") && accept.body.contains("verwijzer"));
    let pre = set_cookie(&accept, "omgang_pre").unwrap();
    let done = send(
        &f.router,
        post(
            "/uitnodiging",
            &pre,
            &[
                ("csrf", &csrf(&accept.body)),
                ("token", &secret),
                ("password", "een lang genoeg wachtwoord"),
                ("password_again", "een lang genoeg wachtwoord"),
            ],
        ),
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let nina = set_cookie(&done, "omgang_session").unwrap();
    let home = send(&f.router, get("/mijn-aanmeldingen", &nina)).await;
    assert_eq!(home.status, StatusCode::OK, "{}", home.body);
    let list = send(&f.router, get("/uitnodigingen", &session)).await;
    assert!(list.body.contains("aangenomen"));
    // A referrer cannot invite: refused, not a server error; and no menu link.
    assert!(!home.body.contains("href=\"/uitnodigingen\""));
    let refused = send(&f.router, get("/uitnodigingen", &nina)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

async fn the_page_and_its_messages_are_english_for_an_english_administrator(engine: Engine) {
    let f = fixture(engine).await;
    let session = signed_in(&f.router, "beheer-en@partner.example").await;
    let page = send(&f.router, get("/uitnodigingen", &session)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Invite referrers and partner staff"));
    assert!(page.body.contains("Partner Test (partner organisation)"));
    let reply = send(
        &f.router,
        post(
            "/uitnodigingen",
            &session,
            &[
                ("csrf", &csrf(&page.body)),
                ("name", ""),
                ("email", "not-an-address"),
                ("role", "administrator"),
                ("organisation_id", ""),
                ("lang", "nl"),
            ],
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&reply.body, "name").contains("This field is required"));
    assert!(field_error(&reply.body, "email").contains("not a valid e-mail address"));
    assert!(field_error(&reply.body, "role").contains("Unknown role"));
    assert!(field_error(&reply.body, "organisation_id").contains("Choose the organisation"));
    assert!(control(&reply.body, "email").contains("value=\"not-an-address\""));
}

async fn other_roles_get_no_invitation_page_and_no_server_error(engine: Engine) {
    let f = fixture(engine).await;
    let session = signed_in(&f.router, "begeleider@test.example").await;
    let page = send(&f.router, get("/uitnodigingen", &session)).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let home = send(&f.router, get("/", &session)).await;
    assert!(!home.body.contains("href=\"/uitnodigingen\""));
    let reply = send(
        &f.router,
        post(
            "/uitnodigingen",
            &session,
            &[
                ("csrf", &csrf(&home.body)),
                ("name", "X"),
                ("email", "x@partner.example"),
                ("role", "partner_staff"),
                ("organisation_id", &f.partner),
            ],
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    assert!(f.app.store.outbox().await.unwrap().is_empty());
    // Not signed in: to the sign-in page.
    let anonymous = send(&f.router, get("/uitnodigingen", "")).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
}

omgang_testkit::both_engines!(
    an_organisation_invites_its_own_referrers_through_the_page,
    the_page_and_its_messages_are_english_for_an_english_administrator,
    other_roles_get_no_invitation_page_and_no_server_error
);
