//! Sign-in throttling, sign out everywhere, CSRF refusal and security headers, through the
//! real router on a real database (SQLite and PostgreSQL).
#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Engine, PASSWORD, app, login, me, send};

async fn repeated_failures_lock_the_account_without_revealing_it(engine: Engine) {
    let app = app(engine).await;
    for _ in 0..5 {
        assert_eq!(
            login(&app, "a@huis.example", "wrong password!").await.0,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            login(&app, "nobody@huis.example", "wrong password!")
                .await
                .0,
            StatusCode::UNAUTHORIZED
        );
    }
    // Locked now: even the right password is refused, and an unknown account answers the same.
    assert_eq!(
        login(&app, "a@huis.example", PASSWORD).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        login(&app, "nobody@huis.example", PASSWORD).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another account is not affected.
    assert_eq!(
        login(&app, "b@huis.example", PASSWORD).await.0,
        StatusCode::OK
    );
    // After the lockout period it works again.
    app.clock.set(Some(
        jiff::Timestamp::now() + jiff::SignedDuration::from_mins(16),
    ));
    assert_eq!(
        login(&app, "a@huis.example", PASSWORD).await.0,
        StatusCode::OK
    );
}

async fn every_sign_in_gets_a_new_session_and_sign_out_everywhere_ends_them_all(engine: Engine) {
    let app = app(engine).await;
    let (_, first) = login(&app, "a@huis.example", PASSWORD).await;
    let (_, second) = login(&app, "a@huis.example", PASSWORD).await;
    let (first, second) = (first.unwrap(), second.unwrap());
    assert_ne!(first, second, "a new session id at every sign-in");
    assert_eq!(me(&app, &first).await, StatusCode::OK);
    let req = Request::post("/api/v1/auth/logout-everywhere")
        .header(header::COOKIE, &first)
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, req).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(me(&app, &first).await, StatusCode::UNAUTHORIZED);
    assert_eq!(me(&app, &second).await, StatusCode::UNAUTHORIZED);
}

async fn sessions_end_after_idle_time(engine: Engine) {
    let app = app(engine).await;
    let (_, cookie) = login(&app, "a@huis.example", PASSWORD).await;
    let cookie = cookie.unwrap();
    assert_eq!(me(&app, &cookie).await, StatusCode::OK);
    app.clock.set(Some(
        jiff::Timestamp::now() + jiff::SignedDuration::from_mins(121),
    ));
    assert_eq!(me(&app, &cookie).await, StatusCode::UNAUTHORIZED);
}

async fn a_cross_site_change_with_the_session_cookie_is_refused(engine: Engine) {
    let app = app(engine).await;
    let (_, cookie) = login(&app, "a@huis.example", PASSWORD).await;
    let cookie = cookie.unwrap();
    let token_req = |origin: &str, fetch_site: &str| {
        Request::post("/api/v1/tokens")
            .header(header::COOKIE, &cookie)
            .header(header::HOST, "omgang.example")
            .header(header::ORIGIN, origin)
            .header("sec-fetch-site", fetch_site)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"name":"script"}"#))
            .unwrap()
    };
    let res = send(&app, token_req("https://evil.example", "cross-site")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        res.headers()[header::CONTENT_TYPE],
        "application/problem+json"
    );
    let res = send(&app, token_req("https://omgang.example", "same-origin")).await;
    assert_eq!(res.status(), StatusCode::OK);
    // A bearer token is never sent by another site, so it needs no origin check.
    let body = axum::body::to_bytes(res.into_body(), 1 << 20)
        .await
        .unwrap();
    let token: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let req = Request::post("/api/v1/tokens")
        .header(
            header::AUTHORIZATION,
            format!("Bearer {}", token["token"].as_str().unwrap()),
        )
        .header(header::ORIGIN, "https://elsewhere.example")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(r#"{"name":"cli"}"#))
        .unwrap();
    assert_eq!(send(&app, req).await.status(), StatusCode::OK);
}

async fn answers_carry_security_headers(engine: Engine) {
    let app = app(engine).await;
    let res = send(&app, Request::get("/health").body(Body::empty()).unwrap()).await;
    let h = res.headers();
    assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(h[header::X_FRAME_OPTIONS], "DENY");
    assert!(
        h[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert!(
        !h[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains("unsafe-inline")
    );
    assert_eq!(h[header::REFERRER_POLICY], "no-referrer");
    assert!(
        h.get(header::STRICT_TRANSPORT_SECURITY).is_none(),
        "no HSTS without TLS"
    );
}

async fn a_password_reset_link_works_once_within_the_hour_and_ends_all_sessions(engine: Engine) {
    let app = app(engine).await;
    let (_, old_session) = login(&app, "a@huis.example", PASSWORD).await;
    let old_session = old_session.unwrap();
    let reset = |email: &str| {
        Request::post("/api/v1/auth/password-reset")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(
                serde_json::json!({ "email": email }).to_string(),
            ))
            .unwrap()
    };
    // Known or unknown address: the same answer; only the known one gets mail.
    assert_eq!(
        send(&app, reset("nobody@huis.example")).await.status(),
        StatusCode::ACCEPTED
    );
    assert_eq!(
        send(&app, reset("a@huis.example")).await.status(),
        StatusCode::ACCEPTED
    );
    let outbox = app.store.outbox().await.unwrap();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].mail.to_address, "a@huis.example");
    let token = outbox[0]
        .mail
        .body
        .split("token=")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();

    let confirm = |token: &str, password: &str| {
        Request::post("/api/v1/auth/password-reset/confirm")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(
                serde_json::json!({ "token": token, "password": password }).to_string(),
            ))
            .unwrap()
    };
    assert_eq!(
        send(&app, confirm(&token, "short")).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        send(&app, confirm(&token, "a brand new password"))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        me(&app, &old_session).await,
        StatusCode::UNAUTHORIZED,
        "every session ended"
    );
    assert_eq!(
        login(&app, "a@huis.example", PASSWORD).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login(&app, "a@huis.example", "a brand new password")
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        send(&app, confirm(&token, "another new password"))
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "once"
    );

    // A link is good for an hour.
    send(&app, reset("a@huis.example")).await;
    let outbox = app.store.outbox().await.unwrap();
    let token = outbox[1]
        .mail
        .body
        .split("token=")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    app.clock
        .set(Some(app.now() + jiff::SignedDuration::from_mins(61)));
    assert_eq!(
        send(&app, confirm(&token, "yet another password"))
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

async fn a_read_only_token_reads_but_changes_nothing(engine: Engine) {
    let app = app(engine).await;
    let (_, cookie) = login(&app, "a@huis.example", PASSWORD).await;
    let cookie = cookie.unwrap();
    let new_token = |scope: &str| {
        Request::post("/api/v1/tokens")
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(
                serde_json::json!({ "name": "t", "scope": scope }).to_string(),
            ))
            .unwrap()
    };
    assert_eq!(
        send(&app, new_token("everything")).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let body = axum::body::to_bytes(send(&app, new_token("read")).await.into_body(), 1 << 20)
        .await
        .unwrap();
    let read: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let bearer = format!("Bearer {}", read["token"].as_str().unwrap());
    let get = Request::get("/api/v1/cases")
        .header(header::AUTHORIZATION, &bearer)
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, get).await.status(), StatusCode::OK);
    let post = Request::post("/api/v1/tokens")
        .header(header::AUTHORIZATION, &bearer)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(r#"{"name":"more"}"#))
        .unwrap();
    assert_eq!(send(&app, post).await.status(), StatusCode::FORBIDDEN);
}

omgang_testkit::both_engines!(
    repeated_failures_lock_the_account_without_revealing_it,
    every_sign_in_gets_a_new_session_and_sign_out_everywhere_ends_them_all,
    sessions_end_after_idle_time,
    a_cross_site_change_with_the_session_cookie_is_refused,
    answers_carry_security_headers,
    a_password_reset_link_works_once_within_the_hour_and_ends_all_sessions,
    a_read_only_token_reads_but_changes_nothing
);
