//! The JSON API under `/api/v1`. Every handler is a thin call into the application layer:
//! extract, call one `App` method, answer. No handler decides access.

mod admin;
mod attachments;
mod auth;
mod calendar;
mod cases;
mod documents;
mod parenting_plan;
mod planning;
mod public;
mod reports;
mod steps;

use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use omgang_app::input::*;
use omgang_app::{App, AppError};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::extract::Authed;
use crate::problem::ApiError;

pub use admin::*;
pub use attachments::*;
pub use auth::*;
pub use calendar::*;
pub use cases::*;
pub use documents::*;
pub use parenting_plan::*;
pub use planning::*;
pub use public::*;
pub use reports::*;
pub use steps::*;

type ApiResult<T> = Result<Json<T>, ApiError>;
type AppState = State<Arc<App>>;

/// `?date=YYYY-MM-DD`: the day to compute signals for (default today).
#[derive(Debug, Deserialize, IntoParams)]
pub struct DateQuery {
    pub date: Option<String>,
}

fn parse_date(auth: &Authed, q: &DateQuery) -> Result<Option<jiff::civil::Date>, ApiError> {
    let mut c = Check::default();
    let date = c.opt_date("date", &q.date);
    c.finish().map_err(|e| auth.err(e))?;
    Ok(date)
}

#[derive(Serialize, ToSchema)]
pub struct Health {
    pub status: String,
}

/// Liveness: the process answers.
#[utoipa::path(get, path = "/health", tag = "health", responses((status = 200, body = Health)))]
pub async fn health() -> Json<Health> {
    Json(Health {
        status: "ok".into(),
    })
}

/// Readiness: the database answers.
#[utoipa::path(get, path = "/ready", tag = "health", responses((status = 200, body = Health), (status = 503, body = Health)))]
pub async fn ready(State(app): AppState) -> Response {
    match app.store.ping().await {
        Ok(()) => Json(Health {
            status: "ready".into(),
        })
        .into_response(),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(Health {
                status: "database unavailable".into(),
            }),
        )
            .into_response(),
    }
}

/// Query parameters that do not parse are a 422 naming them, like a body's fields.
fn query_or_422<T>(
    auth: &Authed,
    query: Result<Query<T>, axum::extract::rejection::QueryRejection>,
) -> Result<T, ApiError> {
    query.map(|Query(q)| q).map_err(|e| {
        auth.err(AppError::invalid(
            "query",
            &format!("Ongeldige zoekparameters: {e}"),
            &format!("Invalid query parameters: {e}"),
        ))
    })
}

/// A PDF document as a download.
fn pdf(made: omgang_app::documents::Pdf) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", made.file_name);
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        made.bytes,
    )
        .into_response()
}
