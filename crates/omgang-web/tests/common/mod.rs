//! A real application on a fresh SQLite file, with one provider and two coordinators.
#![allow(clippy::unwrap_used, dead_code)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use omgang_app::admin::{OrganisationInput, UserInput};
use omgang_app::{App, Settings, system_actor};
use tower::ServiceExt;

pub const PASSWORD: &str = "correct horse battery";

pub async fn app_with(settings: Settings) -> Arc<App> {
    // Tests of one binary run at once: the counter keeps two from opening one file.
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let path = std::env::temp_dir().join(format!(
        "omgang-web-{}-{}-{}.sqlite",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    let store = omgang_store::Store::open(&format!("sqlite://{}?mode=rwc", path.display()))
        .await
        .unwrap();
    let app = App::new(store, settings).await.unwrap();
    let org = app
        .add_organisation(
            &system_actor(),
            &OrganisationInput {
                name: "Huis".into(),
                kind: "provider".into(),
            },
        )
        .await
        .unwrap();
    for email in ["a@huis.example", "b@huis.example"] {
        app.add_user(
            &system_actor(),
            &UserInput {
                email: email.into(),
                name: "A".into(),
                role: "coordinator".into(),
                password: PASSWORD.into(),
                organisation_id: Some(org.id.clone()),
                vog_issued_on: None,
                training_completed_on: None,
                lang: None,
            },
        )
        .await
        .unwrap();
    }
    app
}

pub async fn app() -> Arc<App> {
    app_with(Settings::default()).await
}

pub async fn send(app: &Arc<App>, req: Request<Body>) -> axum::response::Response {
    omgang_web::router(app.clone()).oneshot(req).await.unwrap()
}

pub fn session_cookie(res: &axum::response::Response) -> Option<String> {
    res.headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").to_owned())
}

pub async fn json(res: axum::response::Response) -> serde_json::Value {
    let body = axum::body::to_bytes(res.into_body(), 1 << 20)
        .await
        .unwrap();
    serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null)
}

pub async fn login_with(app: &Arc<App>, body: serde_json::Value) -> axum::response::Response {
    let req = Request::post("/api/v1/auth/login")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    send(app, req).await
}

pub async fn login(app: &Arc<App>, email: &str, password: &str) -> (StatusCode, Option<String>) {
    let res = login_with(
        app,
        serde_json::json!({ "email": email, "password": password }),
    )
    .await;
    (res.status(), session_cookie(&res))
}

pub async fn me(app: &Arc<App>, cookie: &str) -> StatusCode {
    let req = Request::get("/api/v1/me")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    send(app, req).await.status()
}
