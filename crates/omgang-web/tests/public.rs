//! The public registration API: the open programmes, a registration without signing in (the
//! same receipt), field messages for what is wrong, and the limit per address.
#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Engine, app, json, send};
use omgang_app::{Actor, Role};

fn post(body: serde_json::Value) -> Request<Body> {
    Request::post("/api/v1/public/registrations")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

async fn a_family_registers_without_signing_in_within_the_limit(engine: Engine) {
    let app = app(engine).await;
    let org = app.organisations().await.unwrap()[0].id.clone();
    let admin = Actor {
        user_id: omgang_domain::ids::UserId::from("beheerder"),
        org_id: omgang_domain::ids::OrgId(org.clone()),
        role: Role::Administrator,
        name: "Beheerder".into(),
        ip: None,
        lang: omgang_domain::Lang::Nl,
        system: false,
        directory_version: None,
    };
    let list = send(
        &app,
        Request::get("/api/v1/public/programmes")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(list.status(), StatusCode::OK);
    assert_eq!(json(list).await, serde_json::json!([]));
    app.set_public_programme(&admin, "begeleide-omgangsregeling", true)
        .await
        .unwrap();
    let list = json(
        send(
            &app,
            Request::get("/api/v1/public/programmes")
                .body(Body::empty())
                .unwrap(),
        )
        .await,
    )
    .await;
    assert_eq!(list[0]["programme_id"], "begeleide-omgangsregeling");
    assert_eq!(list[0]["organisation_id"], org.as_str());

    let registration = |child: &str| {
        serde_json::json!({
            "programme_id": "begeleide-omgangsregeling", "organisation_id": org,
            "registered_by": "one_parent", "entry_route": "voluntary",
            "children": [{ "name": child, "birth_date": "2019-05-01" }],
            "people": [{ "name": "Moeder", "role": "resident_parent" }, { "name": "Vader", "role": "non_resident_parent" }]
        })
    };
    let ok = send(&app, post(registration("Sam"))).await;
    assert_eq!(ok.status(), StatusCode::ACCEPTED);
    let receipt = json(ok).await;
    assert_eq!(receipt["received"], true);
    assert!(
        receipt.get("id").is_none() && receipt.get("reference").is_none(),
        "nothing about the case"
    );
    let mut bad = registration("Bo");
    bad["children"][0]["birth_date"] = "2019-02-31".into();
    let bad = send(&app, post(bad)).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        json(bad).await["errors"][0]["field"],
        "children[0].birth_date"
    );
    let mut closed = registration("Kim");
    closed["programme_id"] = "omgangshuis".into();
    assert_eq!(
        send(&app, post(closed)).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // Five an hour per address (three used).
    assert_eq!(
        send(&app, post(registration("Lot"))).await.status(),
        StatusCode::ACCEPTED
    );
    assert_eq!(
        send(&app, post(registration("Noor"))).await.status(),
        StatusCode::ACCEPTED
    );
    assert_eq!(
        send(&app, post(registration("Ties"))).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    // The cases are there, registered through the public form.
    let coordinator = app
        .store
        .user_by_email("a@huis.example")
        .await
        .unwrap()
        .unwrap();
    let actor = omgang_app::auth::actor_from(&coordinator, None).unwrap();
    let cases = app
        .list_cases(&actor, &omgang_app::cases::CaseListQuery::default())
        .await
        .unwrap();
    assert_eq!(cases.len(), 3);
    assert!(
        cases
            .iter()
            .all(|c| c.referrer_user_id.as_deref() == Some("publieke-aanmelding"))
    );
}

omgang_testkit::both_engines!(a_family_registers_without_signing_in_within_the_limit);
