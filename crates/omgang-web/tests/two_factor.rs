//! Two-factor sign-in: staff must enrol before anything else, a code works once, recovery
//! codes work once, and the session id changes when the second factor is confirmed.
// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Engine, PASSWORD, app_with, json, login_with, me, send, session_cookie};
use omgang_app::Settings;

fn post(path: &str, cookie: &str, body: serde_json::Value) -> Request<Body> {
    Request::post(path)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

async fn staff_enrol_then_sign_in_with_a_code_that_works_once(engine: Engine) {
    let app = app_with(
        engine,
        Settings {
            two_factor_required: true,
            ..Settings::default()
        },
    )
    .await;
    let user_id = app
        .store
        .user_by_email("a@huis.example")
        .await
        .unwrap()
        .unwrap()
        .id;
    let credentials = serde_json::json!({ "email": "a@huis.example", "password": PASSWORD });

    // The password alone gives a session that can only enrol.
    let res = login_with(&app, credentials.clone()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let pending = session_cookie(&res).unwrap();
    assert_eq!(json(res).await["second_factor"], "enrolment_required");
    assert_eq!(
        me(&app, &pending).await,
        StatusCode::UNAUTHORIZED,
        "nothing but enrolment"
    );

    let res = send(
        &app,
        post(
            "/api/v1/auth/two-factor/enrol",
            &pending,
            serde_json::json!({}),
        ),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let enrolment = json(res).await;
    assert!(
        enrolment["otpauth_url"]
            .as_str()
            .unwrap()
            .starts_with("otpauth://totp/omgang")
    );
    assert!(enrolment["qr_svg"].as_str().unwrap().contains("<svg"));

    let res = send(
        &app,
        post(
            "/api/v1/auth/two-factor/confirm",
            &pending,
            serde_json::json!({ "code": "000000" }),
        ),
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a wrong first code is refused"
    );
    let code = app.current_totp_code(&user_id, true).await.unwrap();
    let res = send(
        &app,
        post(
            "/api/v1/auth/two-factor/confirm",
            &pending,
            serde_json::json!({ "code": code }),
        ),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let full = session_cookie(&res).expect("a new full session");
    assert_ne!(full, pending, "a new session id at the change of privilege");
    let recovery: Vec<String> = json(res).await["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(recovery.len(), 10);
    assert_eq!(me(&app, &full).await, StatusCode::OK);
    assert_eq!(me(&app, &pending).await, StatusCode::UNAUTHORIZED);

    // From now on the password alone is not enough.
    let res = login_with(&app, credentials.clone()).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(json(res).await["code"], "second_factor_required");
    assert!(session_cookie(&login_with(&app, credentials.clone()).await).is_none());

    // The confirming code's time step is used: the next step's code signs in, once.
    app.clock
        .set(Some(app.now() + jiff::SignedDuration::from_secs(30)));
    let code = app.current_totp_code(&user_id, false).await.unwrap();
    let with_code =
        serde_json::json!({ "email": "a@huis.example", "password": PASSWORD, "code": code });
    let res = login_with(&app, with_code.clone()).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(json(res).await["second_factor"], "on");
    assert_eq!(
        login_with(&app, with_code).await.status(),
        StatusCode::UNAUTHORIZED,
        "a code works once"
    );

    // A recovery code works once too.
    let with_recovery =
        serde_json::json!({ "email": "a@huis.example", "password": PASSWORD, "code": recovery[0] });
    assert_eq!(
        login_with(&app, with_recovery.clone()).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        login_with(&app, with_recovery).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.store.unused_recovery_codes(&user_id).await.unwrap(), 9);
}

async fn a_session_waiting_for_enrolment_cannot_be_used_elsewhere(engine: Engine) {
    let app = app_with(
        engine,
        Settings {
            two_factor_required: true,
            ..Settings::default()
        },
    )
    .await;
    let res = login_with(
        &app,
        serde_json::json!({ "email": "b@huis.example", "password": PASSWORD }),
    )
    .await;
    let pending = session_cookie(&res).unwrap();
    for (method, path) in [
        ("GET", "/api/v1/cases"),
        ("GET", "/api/v1/signals"),
        ("POST", "/api/v1/tokens"),
    ] {
        let req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::COOKIE, &pending)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"name":"x"}"#))
            .unwrap();
        assert_eq!(
            send(&app, req).await.status(),
            StatusCode::UNAUTHORIZED,
            "{method} {path}"
        );
    }
}

omgang_testkit::both_engines!(
    staff_enrol_then_sign_in_with_a_code_that_works_once,
    a_session_waiting_for_enrolment_cannot_be_used_elsewhere
);
