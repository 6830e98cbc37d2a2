//! The pages over HTTP (in process, on SQLite and on PostgreSQL): sign-in with CSRF, the session
//! cookie, security headers, a registration rejected with field messages and typed values kept,
//! a refusal explained, the language switch, and friendly error pages.
// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

use std::sync::Arc;

use axum::http::{StatusCode, header};
use omgang_app::{App, Role, Settings};
use omgang_testkit::page::{csrf, get, post, send, set_cookie};
use omgang_testkit::people::{add_organisation, add_user};
use omgang_testkit::{Engine, fresh_app};

const PASSWORD: &str = "lange-test-zin-2026";

async fn app(engine: Engine) -> Arc<App> {
    app_with(engine, Settings::default()).await.0
}

/// The application and the coordinator's user id.
async fn app_with(engine: Engine, settings: Settings) -> (Arc<App>, String) {
    let app = fresh_app(engine, settings).await;
    let org = add_organisation(&app, "Omgangshuis Test", "provider").await;
    let user = add_user(
        &app,
        &org,
        "coord@test.example",
        "Cora Coördinator",
        Role::Coordinator,
        PASSWORD,
    )
    .await;
    (app, user.user_id.0)
}

/// Signs in as the coordinator (the session cookie is checked: `HttpOnly`, `SameSite=Strict`,
/// the whole site).
async fn signed_in(router: &axum::Router) -> String {
    omgang_testkit::page::signed_in(router, "coord@test.example", PASSWORD).await
}

async fn sign_in_needs_the_csrf_token_and_sets_the_api_session_cookie(engine: Engine) {
    let router = omgang_ui::router(app(engine).await);
    // Not signed in: to the sign-in page.
    let home = send(&router, get("/", "")).await;
    assert_eq!(home.status, StatusCode::SEE_OTHER);
    let page = send(&router, get("/inloggen", "")).await;
    assert_eq!(page.status, StatusCode::OK);
    let csp = page.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"));
    assert!(page.body.contains("<html lang=\"nl\">"));
    // A forged token: a friendly page, no session.
    let pre = set_cookie(&page, "omgang_pre").unwrap();
    let pre = pre.split(';').next().unwrap();
    let forged = send(
        &router,
        post(
            "/inloggen",
            pre,
            &[
                ("csrf", "0000"),
                ("email", "coord@test.example"),
                ("password", PASSWORD),
            ],
        ),
    )
    .await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);
    assert!(forged.body.contains("Het formulier is verlopen"));
    assert!(set_cookie(&forged, "omgang_session").is_none());
    // The real one.
    let session = signed_in(&router).await;
    let home = send(&router, get("/", &session)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Mijn werk"));
    assert!(home.body.contains("Cora Coördinator"));
}

async fn a_rejected_registration_shows_field_messages_and_keeps_the_input(engine: Engine) {
    let router = omgang_ui::router(app(engine).await);
    let session = signed_in(&router).await;
    let form = send(&router, get("/aanmeldingen/nieuw", &session)).await;
    let token = csrf(&form.body);
    let reply = send(
        &router,
        post(
            "/aanmeldingen/nieuw",
            &session,
            &[
                ("csrf", &token),
                ("programme_id", "omgangshuis"),
                ("registered_by", "both_parents"),
                ("entry_route", "voluntary"),
                ("children[0].name", ""),
                ("children[0].birth_date", ""),
                ("children[1].name", "Sam"),
                ("children[1].birth_date", ""),
                ("people[0].name", "Anna"),
                ("people[0].role", "resident_parent"),
                ("people[0].email", "geen-email"),
            ],
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let b = &reply.body;
    // The message sits at the field of the row it came from (row 1, as row 0 was empty).
    assert!(
        b.contains("id=\"f-aanmelding-children-1-birth_date-err\""),
        "{b}"
    );
    assert!(b.contains("aria-describedby=\"f-aanmelding-children-1-birth_date-err\""));
    assert!(b.contains("id=\"f-aanmelding-people-0-email-err\""));
    assert!(b.contains("geen geldig e-mailadres"));
    assert!(
        b.contains("Vul dit veld in."),
        "an empty date is called missing"
    );
    assert!(b.contains("aria-invalid=\"true\""));
    // What was typed is still there.
    assert!(b.contains("value=\"Sam\""));
    assert!(b.contains("value=\"geen-email\""));
    assert!(b.contains("<option value=\"omgangshuis\" selected>"));
}

async fn a_registration_becomes_a_case_and_a_refusal_is_explained(engine: Engine) {
    let router = omgang_ui::router(app(engine).await);
    let session = signed_in(&router).await;
    let form = send(&router, get("/aanmeldingen/nieuw", &session)).await;
    let token = csrf(&form.body);
    let reply = send(
        &router,
        post(
            "/aanmeldingen/nieuw",
            &session,
            &[
                ("csrf", &token),
                ("programme_id", "omgangshuis"),
                ("registered_by", "both_parents"),
                ("entry_route", "voluntary"),
                ("children[0].name", "Noor"),
                ("children[0].birth_date", "2018-05-04"),
                ("people[0].name", "Eva"),
                ("people[0].role", "resident_parent"),
                ("people[0].address", "Geheimstraat 1"),
                ("people[0].secret_address", "on"),
                ("people[1].name", "Tom"),
                ("people[1].role", "non_resident_parent"),
            ],
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let location = reply.headers[header::LOCATION].to_str().unwrap().to_owned();
    assert!(location.contains("?klaar=aanmelding"));
    let case_path = location.split('?').next().unwrap().to_owned();
    let case = send(&router, get(&location, &session)).await;
    assert_eq!(case.status, StatusCode::OK);
    assert!(case.body.contains("Geheim adres"));
    assert!(case.body.contains("Geheimstraat 1"));
    assert!(case.body.contains("De aanmelding is ontvangen"));
    // Take it into intake from the waiting list, complete the intake, write the plan.
    let list = send(&router, get("/aanmeldingen", &session)).await;
    assert!(list.body.contains("0 dagen"));
    for (step, form) in [
        ("intake-starten", vec![]),
        ("intake-afronden", vec![("eligible", "yes")]),
        ("plan", vec![("goals", "Rustig contact.")]),
    ] {
        let mut fields = vec![("csrf", token.as_str())];
        fields.extend(form);
        let done = send(
            &router,
            post(&format!("{case_path}/{step}"), &session, &fields),
        )
        .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{step}: {}", done.body);
    }
    // A visit before both parents signed: refused, explained, and the form keeps its values.
    let refused = send(
        &router,
        post(
            &format!("{case_path}/sessie"),
            &session,
            &[
                ("csrf", &token),
                ("kind", "supervised_visit"),
                ("starts_at", "2026-01-05T10:00"),
                ("minutes", "90"),
                ("location_kind", "omgangshuis"),
            ],
        ),
    )
    .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.body.contains("role=\"alert\""));
    assert!(
        refused
            .body
            .contains("kan pas gepland worden als beide ouders"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("value=\"2026-01-05T10:00\""));
    assert!(
        refused
            .body
            .contains("<option value=\"supervised_visit\" selected>")
    );

    // Tom's details change: a wrong e-mail address is explained at his form, what was typed
    // is kept; then his address becomes secret from Eva.
    let page = send(&router, get(&case_path, &session)).await;
    let tom = page
        .body
        .split("name=\"person_id\" value=\"")
        .nth(2)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let wrong = send(
        &router,
        post(
            &format!("{case_path}/persoon"),
            &session,
            &[
                ("csrf", &token),
                ("person_id", &tom),
                ("email", "tom@"),
                ("phone", "06-12345678"),
                ("address", "Schuilweg 4"),
            ],
        ),
    )
    .await;
    assert_eq!(
        wrong.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        wrong.body
    );
    assert!(
        wrong.body.contains("geen geldig e-mailadres"),
        "{}",
        wrong.body
    );
    assert!(wrong.body.contains("value=\"tom@\""));
    assert!(wrong.body.contains("value=\"Schuilweg 4\""));
    let saved = send(
        &router,
        post(
            &format!("{case_path}/persoon"),
            &session,
            &[
                ("csrf", &token),
                ("person_id", &tom),
                ("email", "tom@ouder.example"),
                ("phone", "06-12345678"),
                ("address", "Schuilweg 4"),
                ("secret_address", "on"),
            ],
        ),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let back = saved.headers[header::LOCATION].to_str().unwrap().to_owned();
    assert!(back.ends_with("?klaar=persoon#betrokkenen"), "{back}");
    let page = send(&router, get(&back, &session)).await;
    assert!(page.body.contains("De gegevens zijn opgeslagen."));
    assert!(
        page.body.contains("Schuilweg 4"),
        "the coordinator still sees it"
    );
    assert_eq!(
        page.body.matches("badge--secret").count(),
        2,
        "both addresses secret"
    );
    assert!(page.body.contains("adres geheim voor de andere ouder"));
}

async fn english_is_a_remembered_switch_and_errors_are_friendly_pages(engine: Engine) {
    let router = omgang_ui::router(app(engine).await);
    let session = signed_in(&router).await;
    let home = send(&router, get("/", &session)).await;
    let token = csrf(&home.body);
    let switched = send(
        &router,
        post(
            "/taal",
            &session,
            &[("csrf", &token), ("lang", "en"), ("next", "/dossiers")],
        ),
    )
    .await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    let lang = set_cookie(&switched, "omgang_lang").unwrap();
    assert!(lang.starts_with("omgang_lang=en"));
    let cookies = format!("{session}; omgang_lang=en");
    let cases = send(&router, get("/dossiers", &cookies)).await;
    assert!(cases.body.contains("<html lang=\"en\">"));
    assert!(cases.body.contains("<h1>Cases</h1>"));
    let agenda = send(&router, get("/agenda", &session)).await;
    assert_eq!(agenda.status, StatusCode::OK);
    assert!(agenda.body.contains("<h1>Agenda</h1>"));
    let dutch = format!("{session}; omgang_lang=nl");
    let missing = send(&router, get("/dossiers/bestaat-niet", &dutch)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("Pagina niet gevonden"));
    // Without the cookie (another browser): the language remembered for this user.
    let missing_en = send(&router, get("/dossiers/bestaat-niet", &session)).await;
    assert!(missing_en.body.contains("Page not found"));
    // Never a redirect elsewhere after the switch.
    let away = send(
        &router,
        post(
            "/taal",
            &session,
            &[("csrf", &token), ("lang", "nl"), ("next", "//evil.example")],
        ),
    )
    .await;
    assert_eq!(away.headers[header::LOCATION], "/");
}

async fn two_factor_sign_in_is_set_up_and_used_through_the_pages(engine: Engine) {
    let (app, user_id) = app_with(
        engine,
        Settings {
            two_factor_required: true,
            ..Settings::default()
        },
    )
    .await;
    let router = omgang_ui::router(app.clone());
    let page = send(&router, get("/inloggen", "")).await;
    let pre = set_cookie(&page, "omgang_pre").unwrap();
    let pre = pre.split(';').next().unwrap().to_owned();
    let token = csrf(&page.body);
    let creds = [
        ("csrf", token.as_str()),
        ("email", "coord@test.example"),
        ("password", PASSWORD),
        ("next", "/"),
    ];
    // The password is right, but the second step must be set up first.
    let reply = send(&router, post("/inloggen", &pre, &creds)).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.headers[header::LOCATION], "/tweestap");
    let pending = set_cookie(&reply, "omgang_session").unwrap();
    let pending = pending.split(';').next().unwrap().to_owned();
    // A waiting session opens no pages.
    assert_eq!(
        send(&router, get("/", &pending)).await.status,
        StatusCode::SEE_OTHER
    );
    let enrol = send(&router, get("/tweestap", &pending)).await;
    assert_eq!(enrol.status, StatusCode::OK);
    assert!(enrol.body.contains("<svg"), "{}", enrol.body);
    let token = csrf(&enrol.body);
    // A wrong code: its message at the field, no new QR code.
    let wrong = send(
        &router,
        post(
            "/tweestap",
            &pending,
            &[("csrf", &token), ("code", "000000")],
        ),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("id=\"f-tweestap-code-err\""));
    assert!(!wrong.body.contains("<svg"));
    let code = app.current_totp_code(&user_id, true).await.unwrap();
    let done = send(
        &router,
        post("/tweestap", &pending, &[("csrf", &token), ("code", &code)]),
    )
    .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("Herstelcodes"));
    let recovery = done
        .body
        .split("<li><code>")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap()
        .to_owned();
    let full = set_cookie(&done, "omgang_session").unwrap();
    let full = full.split(';').next().unwrap().to_owned();
    assert_ne!(
        full, pending,
        "a new session id after the change of privilege"
    );
    assert_eq!(send(&router, get("/", &full)).await.status, StatusCode::OK);
    // Next sign-in: the password alone is not enough; a recovery code is.
    let again = send(&router, post("/inloggen", &pre, &creds)).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
    assert!(again.body.contains("code uit uw authenticator-app"));
    let mut with_code = creds.to_vec();
    with_code.push(("code", &recovery));
    let signed = send(&router, post("/inloggen", &pre, &with_code)).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);
    assert_eq!(signed.headers[header::LOCATION], "/");
}

/// Values of `next` that try to leave the site, or to break the `Location` header.
const TRICKY_NEXT: &[&str] = &[
    "//evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "https://evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    "evil.example",
    " /dossiers",
    "/ /evil.example",
    "/dossiers\nSet-Cookie: x=1",
    "/dossiers\r\nLocation: //evil.example",
    "/\u{0}/evil.example",
    "/\u{7f}/evil.example",
    "/é/evil.example",
    "///evil.example",
    "",
];

fn own_path(location: &str) -> bool {
    location.starts_with('/')
        && !location.starts_with("//")
        && !location.contains('\\')
        && location.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

async fn next_after_sign_in_and_language_switch_stays_on_the_site_and_never_fails(engine: Engine) {
    let router = omgang_ui::router(app(engine).await);
    for next in TRICKY_NEXT {
        // The sign-in page carries `next` into its form only as a path of the site.
        let q: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
        let page = send(&router, get(&format!("/inloggen?next={q}"), "")).await;
        assert_eq!(page.status, StatusCode::OK, "{next:?}");
        // Every form carries a path of the site (the language switch: this very page, query
        // and all, percent-encoded; the sign-in form: where to go after).
        let carried: Vec<String> = page
            .body
            .split("name=\"next\" value=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .map(|v| v.replace("&#x2f;", "/").replace("&amp;", "&"))
            .collect();
        assert!(!carried.is_empty());
        for c in &carried {
            assert!(own_path(c), "{next:?} carried as {c:?}");
        }
        let pre = set_cookie(&page, "omgang_pre").unwrap();
        let pre = pre.split(';').next().unwrap().to_owned();
        let token = csrf(&page.body);
        let reply = send(
            &router,
            post(
                "/inloggen",
                &pre,
                &[
                    ("csrf", &token),
                    ("email", "coord@test.example"),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            ),
        )
        .await;
        assert_eq!(
            reply.status,
            StatusCode::SEE_OTHER,
            "{next:?}: {}",
            reply.body
        );
        let to = reply.headers[header::LOCATION].to_str().unwrap();
        assert!(own_path(to), "{next:?} went to {to:?}");
        assert!(!to.contains("evil"), "{next:?} went to {to:?}");
        let session = set_cookie(&reply, "omgang_session").unwrap();
        let session = session.split(';').next().unwrap().to_owned();
        let home = send(&router, get("/", &session)).await;
        let token = csrf(&home.body);
        let switched = send(
            &router,
            post(
                "/taal",
                &session,
                &[("csrf", &token), ("lang", "en"), ("next", next)],
            ),
        )
        .await;
        assert_eq!(switched.status, StatusCode::SEE_OTHER, "{next:?}");
        let to = switched.headers[header::LOCATION].to_str().unwrap();
        assert!(
            own_path(to) && !to.contains("evil"),
            "{next:?} went to {to:?}"
        );
    }
    // A path of the site is kept, query and all.
    let session = signed_in(&router).await;
    let home = send(&router, get("/", &session)).await;
    let token = csrf(&home.body);
    let kept = send(
        &router,
        post(
            "/taal",
            &session,
            &[
                ("csrf", &token),
                ("lang", "nl"),
                ("next", "/dossiers?status=running"),
            ],
        ),
    )
    .await;
    assert_eq!(kept.headers[header::LOCATION], "/dossiers?status=running");
}

omgang_testkit::both_engines!(
    sign_in_needs_the_csrf_token_and_sets_the_api_session_cookie,
    a_rejected_registration_shows_field_messages_and_keeps_the_input,
    a_registration_becomes_a_case_and_a_refusal_is_explained,
    english_is_a_remembered_switch_and_errors_are_friendly_pages,
    two_factor_sign_in_is_set_up_and_used_through_the_pages,
    next_after_sign_in_and_language_switch_stays_on_the_site_and_never_fails
);
