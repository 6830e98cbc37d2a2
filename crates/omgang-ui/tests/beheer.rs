//! The administration pages (Beheer), the public registration page, the printable plan and
//! report, the language remembered per user and the waiting list's referrer filter — over
//! HTTP, in process, on SQLite and on PostgreSQL.
// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

use std::sync::Arc;

use axum::Router;
use axum::http::{StatusCode, header};
use omgang_app::admin::OrganisationInput;
use omgang_app::cases::ReviewStep;
use omgang_app::input::*;
use omgang_app::{Actor, App, Role, Settings, system_actor};
use omgang_testkit::page::{Reply, csrf, get, open, post, send, set_cookie};
use omgang_testkit::people::{add_organisation, add_user};
use omgang_testkit::{Engine, fresh_app};

const PASSWORD: &str = "lange-test-zin-2026";

struct Fixture {
    app: Arc<App>,
    router: Router,
    org: String,
    coordinator: Actor,
    supervisor: Actor,
    volunteer_id: String,
}

async fn user(app: &App, org: &str, email: &str, name: &str, role: Role) -> Actor {
    add_user(app, org, email, name, role, PASSWORD).await
}

async fn fixture(engine: Engine) -> Fixture {
    let app = fresh_app(engine, Settings::default()).await;
    let org = add_organisation(&app, "Omgangshuis Test", "provider").await;
    user(
        &app,
        &org,
        "beheer@test.example",
        "Bea Beheerder",
        Role::Administrator,
    )
    .await;
    let coordinator = user(
        &app,
        &org,
        "coord@test.example",
        "Cora Coördinator",
        Role::Coordinator,
    )
    .await;
    let supervisor = user(
        &app,
        &org,
        "begeleider@test.example",
        "Bram Begeleider",
        Role::Supervisor,
    )
    .await;
    let volunteer = user(
        &app,
        &org,
        "vrijwilliger@test.example",
        "Vera Vrijwilliger",
        Role::Volunteer,
    )
    .await;
    let router = omgang_ui::router(app.clone());
    Fixture {
        app,
        router,
        org,
        coordinator,
        supervisor,
        volunteer_id: volunteer.user_id.0,
    }
}

/// Signs in; returns the session cookie and the reply of the sign-in.
async fn sign_in(router: &Router, email: &str) -> (String, Reply) {
    omgang_testkit::page::sign_in_ok(router, email, PASSWORD).await
}

async fn signed_in(router: &Router, email: &str) -> String {
    sign_in(router, email).await.0
}

async fn users_and_roles_are_managed_by_administrators_only(engine: Engine) {
    let fx = fixture(engine).await;
    let r = &fx.router;
    let admin = signed_in(r, "beheer@test.example").await;
    let (home, _) = open(r, "/", &admin).await;
    assert!(home.body.contains("href=\"/beheer\""), "Beheer in the menu");
    let (overview, _) = open(r, "/beheer", &admin).await;
    assert!(overview.body.contains("4 gebruikers"), "{}", overview.body);
    let (list, token) = open(r, "/beheer/gebruikers", &admin).await;
    assert!(list.body.contains("Vera Vrijwilliger"));

    // Rejected: field messages tied to the fields, what was typed kept (not the password).
    let bad = send(
        r,
        post(
            "/beheer/gebruikers",
            &admin,
            &[
                ("csrf", &token),
                ("name", "Nina Nieuw"),
                ("email", "geen-adres"),
                ("role", ""),
                ("password", "kort"),
                ("vog_issued_on", "2026-02-30"),
            ],
        ),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["email", "role", "password", "vog_issued_on"] {
        let id = format!("f-gebruiker-{field}");
        assert!(
            bad.body.contains(&format!("id=\"{id}-err\"")),
            "{field}: {}",
            bad.body
        );
        assert!(
            bad.body.contains(&format!("aria-describedby=\"{id}-err\""))
                || bad.body.contains(&format!("-hint {id}-err\"")),
            "{field}"
        );
    }
    assert!(bad.body.contains("value=\"Nina Nieuw\""));
    assert!(bad.body.contains("value=\"geen-adres\""));
    assert!(
        !bad.body.contains("value=\"kort\""),
        "a password is never sent back"
    );

    let ok = send(
        r,
        post(
            "/beheer/gebruikers",
            &admin,
            &[
                ("csrf", &token),
                ("name", "Nina Nieuw"),
                ("email", "nina@test.example"),
                ("role", "coordinator"),
                ("password", PASSWORD),
                ("lang", "en"),
            ],
        ),
    )
    .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let users = fx.app.users(&fx.coordinator).await.unwrap();
    let nina = users
        .iter()
        .find(|u| u.email == "nina@test.example")
        .unwrap();

    // Change the role, then deactivate: her sessions end.
    let nina_session = signed_in(r, "nina@test.example").await;
    let (_, token) = open(r, &format!("/beheer/gebruikers/{}", nina.id), &admin).await;
    let changed = send(
        r,
        post(
            &format!("/beheer/gebruikers/{}", nina.id),
            &admin,
            &[
                ("csrf", &token),
                ("name", "Nina Nieuw"),
                ("role", "supervisor"),
            ],
        ),
    )
    .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.body);
    let users = fx.app.users(&fx.coordinator).await.unwrap();
    let nina = users
        .iter()
        .find(|u| u.email == "nina@test.example")
        .unwrap();
    assert_eq!(nina.role, "supervisor");
    assert!(!nina.active);
    assert_eq!(
        send(r, get("/", &nina_session)).await.status,
        StatusCode::SEE_OTHER
    );

    // An administrator cannot deactivate themselves.
    let me = users
        .iter()
        .find(|u| u.email == "beheer@test.example")
        .unwrap();
    let (_, token) = open(r, &format!("/beheer/gebruikers/{}", me.id), &admin).await;
    let selfie = send(
        r,
        post(
            &format!("/beheer/gebruikers/{}", me.id),
            &admin,
            &[
                ("csrf", &token),
                ("name", "Bea Beheerder"),
                ("role", "administrator"),
            ],
        ),
    )
    .await;
    assert_eq!(selfie.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(selfie.body.contains("uzelf niet uitschakelen"));

    // A coordinator sees the users but may not add one: the policy refuses.
    let coord = signed_in(r, "coord@test.example").await;
    let (list, token) = open(r, "/beheer/gebruikers", &coord).await;
    assert!(
        !list.body.contains("action=\"/beheer/gebruikers\""),
        "no add form offered"
    );
    let refused = send(
        r,
        post(
            "/beheer/gebruikers",
            &coord,
            &[
                ("csrf", &token),
                ("name", "X"),
                ("email", "x@test.example"),
                ("role", "administrator"),
                ("password", PASSWORD),
            ],
        ),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    // A supervisor has no Beheer at all.
    let sup = signed_in(r, "begeleider@test.example").await;
    assert_eq!(
        send(r, get("/beheer", &sup)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(r, get("/beheer/begeleiders", &sup)).await.status,
        StatusCode::FORBIDDEN
    );
    // Without the token nothing changes.
    let forged = send(
        r,
        post(
            &format!("/beheer/gebruikers/{}", nina.id),
            &admin,
            &[
                ("csrf", "0"),
                ("name", "Nina"),
                ("role", "administrator"),
                ("active", "on"),
            ],
        ),
    )
    .await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);
}

async fn vog_training_and_availability_of_volunteers(engine: Engine) {
    let fx = fixture(engine).await;
    let r = &fx.router;
    let coord = signed_in(r, "coord@test.example").await;
    let (staff, _) = open(r, "/beheer/begeleiders", &coord).await;
    assert!(
        staff.body.contains("Vera Vrijwilliger heeft geen VOG."),
        "{}",
        staff.body
    );
    let path = format!("/beheer/begeleiders/{}", fx.volunteer_id);
    let (_, token) = open(r, &path, &coord).await;
    let bad = send(
        r,
        post(
            &path,
            &coord,
            &[
                ("csrf", &token),
                ("vog_issued_on", "2026-01-15"),
                ("training_completed_on", "gisteren"),
                ("availability[1].starts", "09:00"),
                ("availability[1].ends", "17:00"),
                ("availability[3].starts", "14:00"),
                ("availability[3].ends", "10:00"),
                ("availability[6].starts", "10:00"),
            ],
        ),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(
        bad.body
            .contains("id=\"f-begeleider-training_completed_on-err\"")
    );
    assert!(
        bad.body
            .contains("id=\"f-begeleider-availability-3-ends-err\"")
    );
    assert!(
        bad.body
            .contains("id=\"f-begeleider-availability-6-ends-err\""),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("value=\"gisteren\""));
    assert!(bad.body.contains("value=\"2026-01-15\""));
    assert!(bad.body.contains("value=\"14:00\""));
    let ok = send(
        r,
        post(
            &path,
            &coord,
            &[
                ("csrf", &token),
                ("vog_issued_on", "2026-01-15"),
                ("training_completed_on", "2026-02-01"),
                ("availability[1].starts", "09:00"),
                ("availability[1].ends", "17:00"),
                ("availability[6].starts", "10:00"),
                ("availability[6].ends", "12:30"),
            ],
        ),
    )
    .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let (staff, _) = open(r, "/beheer/begeleiders?klaar=begeleider-opgeslagen", &coord).await;
    assert!(staff.body.contains("Maandag 09:00–17:00"), "{}", staff.body);
    assert!(staff.body.contains("Zaterdag 10:00–12:30"));
    assert!(!staff.body.contains("Vera Vrijwilliger heeft geen VOG."));
    // In English, with the language remembered for this user.
    let token = csrf(&staff.body);
    send(
        r,
        post(
            "/taal",
            &coord,
            &[("csrf", &token), ("lang", "en"), ("next", "/")],
        ),
    )
    .await;
    let (_, again) = sign_in(r, "coord@test.example").await;
    assert_eq!(
        set_cookie(&again, "omgang_lang").as_deref(),
        Some("omgang_lang=en")
    );
    let staff_en = send(r, get("/beheer/begeleiders", &coord)).await;
    assert!(
        staff_en.body.contains("Monday 09:00–17:00"),
        "{}",
        staff_en.body
    );
}

async fn locations_rooms_entrances_and_margin(engine: Engine) {
    let fx = fixture(engine).await;
    let r = &fx.router;
    let coord = signed_in(r, "coord@test.example").await;
    let (page, token) = open(r, "/beheer/locaties", &coord).await;
    assert!(page.body.contains("nog geen locaties"));
    let bad = send(
        r,
        post(
            "/beheer/locaties",
            &coord,
            &[
                ("csrf", &token),
                ("name", ""),
                ("address", "Herenweg 1, Vinkeveen"),
                ("margin_minutes", "een kwartier"),
                ("entrances", "Voordeur\nTuindeur"),
            ],
        ),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("id=\"f-locatie-margin_minutes-err\""),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("value=\"Herenweg 1, Vinkeveen\""));
    assert!(bad.body.contains("Voordeur\nTuindeur</textarea>"));
    let bad = send(
        r,
        post(
            "/beheer/locaties",
            &coord,
            &[
                ("csrf", &token),
                ("name", ""),
                ("address", "Herenweg 1"),
                ("margin_minutes", "20"),
            ],
        ),
    )
    .await;
    assert!(bad.body.contains("id=\"f-locatie-name-err\""));
    let ok = send(
        r,
        post(
            "/beheer/locaties",
            &coord,
            &[
                ("csrf", &token),
                ("name", "De Boei"),
                ("address", "Herenweg 1, Vinkeveen"),
                ("margin_minutes", "20"),
                ("entrances", "Voordeur\nTuindeur (achterom)"),
            ],
        ),
    )
    .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let to = ok.headers[header::LOCATION].to_str().unwrap().to_owned();
    let (loc, token) = open(r, &to, &coord).await;
    assert!(loc.body.contains("De locatie is toegevoegd"));
    let id = to
        .split('/')
        .nth(3)
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let room = send(
        r,
        post(
            &format!("/beheer/locaties/{id}/ruimtes"),
            &coord,
            &[("csrf", &token), ("name", "Speelzaal"), ("room_type", "")],
        ),
    )
    .await;
    assert_eq!(room.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(room.body.contains("id=\"f-ruimte-room_type-err\""));
    assert!(room.body.contains("value=\"Speelzaal\""));
    for (name, kind) in [("Speelzaal", "large"), ("Huiskamer", "homely")] {
        let ok = send(
            r,
            post(
                &format!("/beheer/locaties/{id}/ruimtes"),
                &coord,
                &[("csrf", &token), ("name", name), ("room_type", kind)],
            ),
        )
        .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    }
    let (list, _) = open(r, "/beheer/locaties", &coord).await;
    assert!(
        list.body.contains("Speelzaal (grote ruimte (spel))"),
        "{}",
        list.body
    );
    assert!(list.body.contains("Voordeur; Tuindeur (achterom)"));
    assert!(list.body.contains("20 minuten"));
    // A second location: each location's page asks the travel time to the other; a wrong
    // one comes back next to its field with everything typed, and changes nothing.
    let second = send(
        r,
        post(
            "/beheer/locaties",
            &coord,
            &[
                ("csrf", &token),
                ("name", "Het Anker"),
                ("address", "Dorpsstraat 8, Mijdrecht"),
                ("margin_minutes", "15"),
            ],
        ),
    )
    .await;
    assert_eq!(second.status, StatusCode::SEE_OTHER, "{}", second.body);
    let anker = second.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .split('/')
        .nth(3)
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let (boei_page, token) = open(r, &format!("/beheer/locaties/{id}"), &coord).await;
    let field = format!("travel_minutes.{anker}");
    assert!(
        boei_page.body.contains(&format!("name=\"{field}\"")),
        "{}",
        boei_page.body
    );
    assert!(boei_page.body.contains("Naar Het Anker (minuten)"));
    let wrong = send(
        r,
        post(
            &format!("/beheer/locaties/{id}"),
            &coord,
            &[
                ("csrf", &token),
                ("name", "De Boei (nieuw)"),
                ("address", "Herenweg 1, Vinkeveen"),
                ("margin_minutes", "20"),
                (&field, "een half uur"),
            ],
        ),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong.body.contains("value=\"een half uur\""),
        "{}",
        wrong.body
    );
    assert!(wrong.body.contains("value=\"De Boei (nieuw)\""));
    let too_far = send(
        r,
        post(
            &format!("/beheer/locaties/{id}"),
            &coord,
            &[
                ("csrf", &token),
                ("name", "De Boei (nieuw)"),
                ("address", "Herenweg 1, Vinkeveen"),
                ("margin_minutes", "20"),
                (&field, "700"),
            ],
        ),
    )
    .await;
    assert_eq!(too_far.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(too_far.body.contains("0 tot 600"), "{}", too_far.body);
    let stored = fx.app.locations(&fx.coordinator).await.unwrap();
    let boei = stored.iter().find(|l| l.id == id).unwrap();
    assert_eq!(boei.name, "De Boei", "a refused form changes nothing");
    assert!(boei.travel_minutes.is_empty());
    let saved = send(
        r,
        post(
            &format!("/beheer/locaties/{id}"),
            &coord,
            &[
                ("csrf", &token),
                ("name", "De Boei"),
                ("address", "Herenweg 1, Vinkeveen"),
                ("margin_minutes", "20"),
                (&field, "25"),
            ],
        ),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stored = fx.app.locations(&fx.coordinator).await.unwrap();
    let boei = stored.iter().find(|l| l.id == id).unwrap();
    assert_eq!(boei.travel_minutes.get(&anker), Some(&25));
    // Another organisation's location is not found; a supervisor may not change one.
    let sup = signed_in(r, "begeleider@test.example").await;
    let (_, stoken) = open(r, "/", &sup).await;
    let refused = send(
        r,
        post(
            &format!("/beheer/locaties/{id}"),
            &sup,
            &[
                ("csrf", &stoken),
                ("name", "X"),
                ("address", "Y"),
                ("margin_minutes", "5"),
            ],
        ),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        send(r, get("/beheer/locaties/bestaat-niet", &coord))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

fn own_programme(id: &str) -> String {
    let (_, source) = omgang_domain::programme::BUILT_IN
        .iter()
        .find(|(f, _)| f.contains("omgangshuis"))
        .unwrap();
    source.replacen("id = \"omgangshuis\"", &format!("id = \"{id}\""), 1)
}

async fn programmes_are_viewed_and_uploaded_with_clear_problems(engine: Engine) {
    let fx = fixture(engine).await;
    let r = &fx.router;
    let admin = signed_in(r, "beheer@test.example").await;
    let (list, token) = open(r, "/beheer/trajecten", &admin).await;
    assert!(
        list.body.contains("Begeleide Omgangsregeling")
            || list.body.contains("begeleide-omgangsregeling")
    );
    let (detail, _) = open(r, "/beheer/trajecten/ouderschap-blijft", &admin).await;
    assert!(detail.body.contains("Soorten afspraken"));
    let broken =
        own_programme("eigen-traject").replace("max_minutes = 120", "max_minutes = \"twee uur\"");
    let bad = send(
        r,
        post(
            "/beheer/trajecten",
            &admin,
            &[
                ("csrf", &token),
                ("filename", "eigen.toml"),
                ("source", &broken),
                ("action", "add"),
            ],
        ),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.body.contains("<td>eigen.toml</td>"), "{}", bad.body);
    assert!(
        bad.body
            .contains("aria-describedby=\"f-traject-source-err f-traject-source-problems\"")
    );
    assert!(bad.body.contains("value=\"eigen.toml\""));
    assert!(bad.body.contains("twee uur"), "the definition is kept");
    let checked = send(
        r,
        post(
            "/beheer/trajecten",
            &admin,
            &[
                ("csrf", &token),
                ("source", &own_programme("eigen-traject")),
                ("action", "check"),
            ],
        ),
    )
    .await;
    assert_eq!(checked.status, StatusCode::OK);
    assert!(checked.body.contains("is in orde"));
    assert!(fx.app.programme("eigen-traject").is_none(), "only checked");
    let added = send(
        r,
        post(
            "/beheer/trajecten",
            &admin,
            &[
                ("csrf", &token),
                ("source", &own_programme("eigen-traject")),
                ("action", "add"),
            ],
        ),
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    assert!(fx.app.programme("eigen-traject").is_some());
    let again = send(
        r,
        post(
            "/beheer/trajecten",
            &admin,
            &[
                ("csrf", &token),
                ("source", &own_programme("eigen-traject")),
                ("action", "add"),
            ],
        ),
    )
    .await;
    assert!(again.body.contains("Er is al een traject met id"));
    // A coordinator sees the programmes but may not add one.
    let coord = signed_in(r, "coord@test.example").await;
    let (list, token) = open(r, "/beheer/trajecten", &coord).await;
    assert!(!list.body.contains("data-toml-upload"));
    let refused = send(
        r,
        post(
            "/beheer/trajecten",
            &coord,
            &[
                ("csrf", &token),
                ("source", &own_programme("nog-een")),
                ("action", "add"),
            ],
        ),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

fn public_form<'a>(token: &'a str, choice: &'a str, child: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", token),
        ("keuze", choice),
        ("registered_by", "one_parent"),
        ("entry_route", "voluntary"),
        ("children[0].name", child),
        ("children[0].birth_date", "2019-04-01"),
        ("people[0].name", "Eva Moeder"),
        ("people[0].role", "resident_parent"),
        ("people[0].email", "eva@example.org"),
        ("people[1].name", "Tom Vader"),
        ("people[1].role", "non_resident_parent"),
        ("people[2].role", "referrer"),
        ("request", "Weer contact met papa."),
        ("website", ""),
    ]
}

async fn the_public_registration_form_is_open_but_guarded(engine: Engine) {
    let fx = fixture(engine).await;
    let r = &fx.router;
    // Nothing open yet.
    let page = send(r, get("/aanmelden", "")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("niet aanmelden"));
    assert!(
        !page.body.contains("class=\"main-nav\""),
        "no staff navigation"
    );
    // The administrator opens a programme for the form.
    let admin = signed_in(r, "beheer@test.example").await;
    let (_, token) = open(r, "/beheer/trajecten", &admin).await;
    let opened = send(
        r,
        post(
            "/beheer/trajecten/omgangshuis/openbaar",
            &admin,
            &[("csrf", &token), ("open", "yes")],
        ),
    )
    .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER);
    let page = send(r, get("/aanmelden", "")).await;
    let pre = set_cookie(&page, "omgang_pre").unwrap();
    let token = csrf(&page.body);
    let choice = format!("{}|omgangshuis", fx.org);
    assert!(
        page.body.contains(&format!("<option value=\"{choice}\"")),
        "{}",
        page.body
    );
    assert!(page.body.contains("<optgroup label=\"Omgangshuis Test\">"));
    assert!(
        page.body.contains("tabindex=\"-1\""),
        "the honeypot is out of the tab order"
    );

    // 1: rejected, with field messages and what was typed.
    let mut form = public_form(&token, &choice, "Sam");
    form[5] = ("children[0].birth_date", "2019-02-31");
    let bad = send(r, post("/aanmelden", &pre, &form)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(
        bad.body
            .contains("id=\"f-publiek-children-0-birth_date-err\"")
    );
    assert!(bad.body.contains("value=\"Sam\""));
    assert!(bad.body.contains("Weer contact met papa.</textarea>"));
    // 2: a real registration: the same receipt, and a case on the waiting list.
    let ok = send(
        r,
        post("/aanmelden", &pre, &public_form(&token, &choice, "Sam")),
    )
    .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(ok.headers[header::LOCATION], "/aanmelden/ontvangen");
    let receipt = send(r, get("/aanmelden/ontvangen", &pre)).await;
    assert!(receipt.body.contains("Uw aanmelding is ontvangen"));
    // 3: the honeypot filled in: the same answer, no case.
    let mut trap = public_form(&token, &choice, "Robot");
    trap[13] = ("website", "http://spam.example");
    let trapped = send(r, post("/aanmelden", &pre, &trap)).await;
    assert_eq!(trapped.status, StatusCode::SEE_OTHER);
    assert_eq!(trapped.headers[header::LOCATION], "/aanmelden/ontvangen");
    // A programme that is not open is refused at the field.
    let closed = send(
        r,
        post(
            "/aanmelden",
            &pre,
            &public_form(&token, &format!("{}|ouderschap-blijft", fx.org), "Kim"),
        ),
    )
    .await;
    assert_eq!(closed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(closed.body.contains("id=\"f-publiek-keuze-err\""));

    let coord = signed_in(r, "coord@test.example").await;
    let (waiting, _) = open(r, "/aanmeldingen", &coord).await;
    assert!(waiting.body.contains("Sam"));
    assert!(!waiting.body.contains("Robot"));
    assert!(
        waiting
            .body
            .contains("<option value=\"publieke-aanmelding\">Aanmeldformulier website</option>")
    );
    let filtered = send(
        r,
        get("/aanmeldingen?verwijzer=publieke-aanmelding", &coord),
    )
    .await;
    assert!(filtered.body.contains("Sam"));
    let none = send(r, get("/aanmeldingen?verwijzer=geen", &coord)).await;
    assert!(!none.body.contains("<td>Sam</td>"));

    // 5 an hour per address: the fifth still counts, the sixth is refused.
    let fifth = send(
        r,
        post("/aanmelden", &pre, &public_form(&token, &choice, "Lotte")),
    )
    .await;
    assert_eq!(fifth.status, StatusCode::SEE_OTHER);
    let sixth = send(
        r,
        post("/aanmelden", &pre, &public_form(&token, &choice, "Noor")),
    )
    .await;
    assert_eq!(sixth.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(sixth.body.contains("te veel aanmeldingen"));
    assert!(sixth.body.contains("value=\"Noor\""), "kept for later");
}

async fn the_plan_and_a_released_report_print_without_navigation(engine: Engine) {
    let fx = fixture(engine).await;
    let app = &fx.app;
    let c = &fx.coordinator;
    let person = |name: &str, role: &str| PersonInput {
        name: name.into(),
        role: role.into(),
        email: None,
        phone: None,
        address: Some("Geheimstraat 1".into()),
        secret_address: role == "resident_parent",
        organisation: None,
        holds_authority: false,
    };
    let view = app
        .register(
            c,
            &RegistrationInput {
                programme_id: "omgangshuis".into(),
                organisation_id: None,
                registered_by: "both_parents".into(),
                entry_route: "voluntary".into(),
                children: vec![ChildInput {
                    name: "Sam".into(),
                    birth_date: "2019-01-01".into(),
                }],
                people: vec![
                    person("Eva Moeder", "resident_parent"),
                    person("Tom Vader", "non_resident_parent"),
                ],
                safety_concerns: None,
                request: None,
            },
        )
        .await
        .unwrap();
    let id = view.id.clone();
    app.start_intake(c, &id).await.unwrap();
    app.complete_intake(
        c,
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
            c,
            &id,
            &PlanInput {
                goals: vec!["Rustig contact tussen Sam en vader".into()],
                ..PlanInput::default()
            },
        )
        .await
        .unwrap();
    let parents: Vec<String> = view.people.iter().map(|p| p.id.clone()).collect();
    app.sign_plan(
        c,
        &id,
        &SignatureInput {
            version: 1,
            parent_id: parents[0].clone(),
            method: "paper".into(),
            signed_on: None,
        },
    )
    .await
    .unwrap();

    let r = &fx.router;
    let coord = signed_in(r, "coord@test.example").await;
    let (case, _) = open(r, &format!("/dossiers/{id}"), &coord).await;
    assert!(
        case.body
            .contains(&format!("href=\"/dossiers/{id}/plan/afdrukken\""))
    );
    let (plan, _) = open(r, &format!("/dossiers/{id}/plan/afdrukken"), &coord).await;
    assert!(plan.body.contains("Rustig contact tussen Sam en vader"));
    assert!(
        plan.body.contains("class=\"sign-line\""),
        "a line for the parent still to sign"
    );
    assert!(plan.body.contains("data-print"));
    assert!(
        !plan.body.contains("Geheimstraat"),
        "no addresses on the printed plan"
    );

    app.sign_plan(
        c,
        &id,
        &SignatureInput {
            version: 1,
            parent_id: parents[1].clone(),
            method: "paper".into(),
            signed_on: None,
        },
    )
    .await
    .unwrap();
    let sup = fx.supervisor.user_id.0.clone();
    // Issue 12: a visit is never dated before both parents signed (today), so it is today's.
    let v = app
        .plan_session(
            c,
            &id,
            &SessionInput {
                kind: "supervised_visit".into(),
                starts_at: format!("{}T00:00", app.today()),
                minutes: 60,
                location_kind: "omgangshuis".into(),
                location_id: None,
                room_id: None,
                description: None,
                home_of: None,
                supervisor_id: Some(sup),
                participants: Vec::new(),
                confirm: Vec::new(),
                reason: None,
            },
        )
        .await
        .unwrap();
    let visit = v.sessions.last().unwrap().id.clone();
    app.record_outcome(
        c,
        &id,
        &visit,
        &OutcomeInput {
            outcome: "held".into(),
            notes: String::new(),
            by: None,
            reason: None,
            attended: Vec::new(),
        },
    )
    .await
    .unwrap();
    let v = app
        .save_report(
            &fx.supervisor,
            &id,
            &visit,
            &ReportInput {
                course: "Sam speelde rustig met vader.".into(),
                ..ReportInput::default()
            },
        )
        .await
        .unwrap();
    let report = v.reports[0].id.clone();
    // A draft does not print.
    assert_eq!(
        send(
            r,
            get(
                &format!("/dossiers/{id}/verslagen/{report}/afdrukken"),
                &coord
            )
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    app.review_report(c, &id, &report, ReviewStep::Approve)
        .await
        .unwrap();
    app.review_report(c, &id, &report, ReviewStep::Release)
        .await
        .unwrap();
    let (page, _) = open(
        r,
        &format!("/dossiers/{id}/sessies/{visit}/verslag"),
        &coord,
    )
    .await;
    assert!(
        page.body
            .contains(&format!("/dossiers/{id}/verslagen/{report}/afdrukken"))
    );
    let (printed, _) = open(
        r,
        &format!("/dossiers/{id}/verslagen/{report}/afdrukken"),
        &coord,
    )
    .await;
    assert!(printed.body.contains("Sam speelde rustig met vader."));
    // A stranger sees nothing.
    let other = fx
        .app
        .add_organisation(
            &system_actor(),
            &OrganisationInput {
                name: "Ander huis".into(),
                kind: "provider".into(),
            },
        )
        .await
        .unwrap();
    user(
        app,
        &other.id,
        "ander@test.example",
        "Anna Ander",
        Role::Coordinator,
    )
    .await;
    let stranger = signed_in(r, "ander@test.example").await;
    assert_eq!(
        send(r, get(&format!("/dossiers/{id}/plan/afdrukken"), &stranger))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The print stylesheet leaves the navigation out.
    let css = send(r, get("/ui/app.css", "")).await;
    assert!(css.body.contains("@media print"));
    assert!(css.body.contains(".site-header, .site-footer"));
}

/// A case of the fixture's organisation with a plan signed by both parents.
async fn signed_case(fx: &Fixture, child: &str) -> String {
    let app = &fx.app;
    let c = &fx.coordinator;
    let person = |name: &str, role: &str| PersonInput {
        name: name.into(),
        role: role.into(),
        email: None,
        phone: None,
        address: None,
        secret_address: false,
        organisation: None,
        holds_authority: false,
    };
    let view = app
        .register(
            c,
            &RegistrationInput {
                programme_id: "omgangshuis".into(),
                organisation_id: None,
                registered_by: "both_parents".into(),
                entry_route: "voluntary".into(),
                children: vec![ChildInput {
                    name: child.into(),
                    birth_date: "2019-01-01".into(),
                }],
                people: vec![
                    person("Moeder", "resident_parent"),
                    person("Vader", "non_resident_parent"),
                ],
                safety_concerns: None,
                request: None,
            },
        )
        .await
        .unwrap();
    let id = view.id.clone();
    app.start_intake(c, &id).await.unwrap();
    app.complete_intake(
        c,
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
            c,
            &id,
            &PlanInput {
                goals: vec!["Contact".into()],
                ..PlanInput::default()
            },
        )
        .await
        .unwrap();
    for p in &view.people {
        app.sign_plan(
            c,
            &id,
            &SignatureInput {
                version: 1,
                parent_id: p.id.clone(),
                method: "paper".into(),
                signed_on: None,
            },
        )
        .await
        .unwrap();
    }
    id
}

async fn planning_warns_about_a_booked_room_a_booked_supervisor_length_and_availability(
    engine: Engine,
) {
    let fx = fixture(engine).await;
    let app = &fx.app;
    let c = &fx.coordinator;
    let loc = app
        .add_location(
            c,
            &omgang_app::beheer::LocationInput {
                name: "De Boei".into(),
                address: "Herenweg 1".into(),
                margin_minutes: 15,
                entrances: String::new(),
                travel_minutes: None,
            },
        )
        .await
        .unwrap();
    let loc = app
        .add_room(
            c,
            &loc.id,
            &omgang_app::beheer::RoomInput {
                name: "Speelzaal".into(),
                room_type: "large".into(),
            },
        )
        .await
        .unwrap();
    let room = loc.rooms[0].id.clone();
    let sup = fx.supervisor.user_id.0.clone();
    app.set_staff_facts(
        c,
        &sup,
        &omgang_app::beheer::StaffFactsInput {
            vog_issued_on: None,
            training_completed_on: None,
            availability: vec![omgang_app::beheer::SlotInput {
                weekday: 1,
                starts: "13:00".into(),
                ends: "17:00".into(),
            }],
            weekly_minutes: None,
        },
    )
    .await
    .unwrap();
    let first = signed_case(&fx, "Anna").await;
    // Outside Bram's Monday afternoon: the API refuses until it is confirmed (issue 12).
    let outside = SessionInput {
        kind: "supervised_visit".into(),
        starts_at: "2026-12-07T10:00".into(),
        minutes: 60,
        location_kind: "omgangshuis".into(),
        location_id: Some(loc.id.clone()),
        room_id: Some(room.clone()),
        description: None,
        home_of: None,
        supervisor_id: Some(sup.clone()),
        participants: Vec::new(),
        confirm: Vec::new(),
        reason: None,
    };
    match app.plan_session(c, &first, &outside).await {
        Err(omgang_app::AppError::Refused(omgang_domain::Refusal::ConfirmationNeeded {
            warnings,
        })) => {
            assert_eq!(warnings.len(), 1, "{warnings:?}");
            assert!(
                warnings[0]
                    .text
                    .nl
                    .contains("buiten de beschikbaarheid van Bram Begeleider")
            );
        }
        other => panic!("expected a warning to confirm: {other:?}"),
    }
    app.plan_session(
        c,
        &first,
        &SessionInput {
            confirm: vec!["outside_availability".into()],
            ..outside
        },
    )
    .await
    .unwrap();
    let second = signed_case(&fx, "Bo").await;
    let r = &fx.router;
    let coord = signed_in(r, "coord@test.example").await;
    let (case, token) = open(r, &format!("/dossiers/{second}"), &coord).await;
    assert!(
        case.body
            .contains("De Boei — Speelzaal (grote ruimte (spel))"),
        "the room can be chosen"
    );
    let choice = format!("{}|{room}", loc.id);
    let form = |minutes: &'static str, supervisor: &str, confirm: bool| {
        let mut f = vec![
            ("csrf".to_owned(), token.clone()),
            ("kind".to_owned(), "supervised_visit".to_owned()),
            ("starts_at".to_owned(), "2026-12-07T10:30".to_owned()),
            ("minutes".to_owned(), minutes.to_owned()),
            ("location_kind".to_owned(), "omgangshuis".to_owned()),
            ("room".to_owned(), choice.clone()),
            ("supervisor_id".to_owned(), supervisor.to_owned()),
        ];
        if confirm {
            f.push(("confirm".to_owned(), "yes".to_owned()));
            f.push(("confirm_codes".to_owned(), "room_booked".to_owned()));
        }
        f
    };
    // Issue 12, one rule per check: too long and a booked supervisor are refusals of the
    // rules (no "plan anyway" that could never succeed); the refusal comes first.
    let f = form("150", &sup, false);
    let refused = send(
        r,
        post(&format!("/dossiers/{second}/sessie"), &coord, &pairs(&f)),
    )
    .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(
        refused.body.contains("hoogstens 120 minuten"),
        "{}",
        refused.body
    );
    assert!(!refused.body.contains("name=\"confirm\""));
    let f = form("60", &sup, false);
    let refused = send(
        r,
        post(&format!("/dossiers/{second}/sessie"), &coord, &pairs(&f)),
    )
    .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("Bram Begeleider heeft op dat moment al een andere afspraak"),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("value=\"2026-12-07T10:30\""),
        "what was typed is kept"
    );
    assert!(
        refused
            .body
            .contains(&format!("<option value=\"{choice}\" selected>"))
    );
    assert_eq!(
        app.case(c, &second).await.unwrap().sessions.len(),
        0,
        "nothing planned yet"
    );
    // Another supervisor, confirmed (a room conflict only): planned.
    let other = user(
        app,
        &fx.org,
        "tweede@test.example",
        "Bert Tweede",
        Role::Supervisor,
    )
    .await;
    let f = form("60", other.user_id.as_str(), false);
    let warned = send(
        r,
        post(&format!("/dossiers/{second}/sessie"), &coord, &pairs(&f)),
    )
    .await;
    assert_eq!(warned.status, StatusCode::CONFLICT);
    assert!(
        warned
            .body
            .contains("De ruimte is dan al bezet (10:00 tot 11:00)")
    );
    assert!(!warned.body.contains("Bert Tweede heeft dan al"));
    assert!(
        warned.body.contains("name=\"confirm\""),
        "the Toch plannen button"
    );
    assert!(warned.body.contains("Toch plannen"));
    assert!(
        warned
            .body
            .contains("name=\"confirm_codes\" value=\"room_booked\"")
    );
    assert!(
        warned.body.contains("name=\"confirm_reason\""),
        "a reason field"
    );
    let f = form("60", other.user_id.as_str(), true);
    let planned = send(
        r,
        post(&format!("/dossiers/{second}/sessie"), &coord, &pairs(&f)),
    )
    .await;
    assert_eq!(planned.status, StatusCode::SEE_OTHER, "{}", planned.body);
    let view = app.case(c, &second).await.unwrap();
    assert_eq!(
        view.sessions[0].location_id.as_deref(),
        Some(loc.id.as_str())
    );
}

fn pairs(f: &[(String, String)]) -> Vec<(&str, &str)> {
    f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

omgang_testkit::both_engines!(
    users_and_roles_are_managed_by_administrators_only,
    vog_training_and_availability_of_volunteers,
    locations_rooms_entrances_and_margin,
    programmes_are_viewed_and_uploaded_with_clear_problems,
    the_public_registration_form_is_open_but_guarded,
    the_plan_and_a_released_report_print_without_navigation,
    planning_warns_about_a_booked_room_a_booked_supervisor_length_and_availability
);
