//! A real application on a fresh database (SQLite or PostgreSQL), with one provider and two
//! coordinators, and the JSON API through `omgang_web::router` (the helpers are the testkit's).
// Each test binary uses a part of this module.
#![allow(dead_code, unused_imports)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use omgang_app::{App, Role, Settings};
use omgang_testkit::people::{add_organisation, add_user};
pub use omgang_testkit::{Engine, api::json, api::session_cookie};

pub const PASSWORD: &str = "correct horse battery";

pub async fn app_with(engine: Engine, settings: Settings) -> Arc<App> {
    let app = omgang_testkit::fresh_app(engine, settings).await;
    let org = add_organisation(&app, "Huis", "provider").await;
    for email in ["a@huis.example", "b@huis.example"] {
        add_user(&app, &org, email, "A", Role::Coordinator, PASSWORD).await;
    }
    app
}

pub async fn app(engine: Engine) -> Arc<App> {
    app_with(engine, Settings::default()).await
}

fn router(app: &Arc<App>) -> axum::Router {
    omgang_web::router(app.clone())
}

pub async fn send(app: &Arc<App>, req: Request<Body>) -> axum::response::Response {
    omgang_testkit::api::call(&router(app), req).await
}

pub async fn login_with(app: &Arc<App>, body: serde_json::Value) -> axum::response::Response {
    omgang_testkit::api::login_with(&router(app), body).await
}

pub async fn login(app: &Arc<App>, email: &str, password: &str) -> (StatusCode, Option<String>) {
    omgang_testkit::api::login(&router(app), email, password).await
}

pub async fn me(app: &Arc<App>, cookie: &str) -> StatusCode {
    omgang_testkit::api::me(&router(app), cookie).await
}
