//! Calendar feeds: a secret address per person for their sessions.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use omgang_app::calendar::NewFeed;

use crate::extract::Authed;
use crate::problem::{ApiError, Problem, lang_of};

use super::{ApiResult, AppState};

/// Creates a secret calendar feed address with your sessions (shown once).
#[utoipa::path(post, path = "/api/v1/calendar-feeds", tag = "calendar",
    responses((status = 200, body = NewFeed), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn create_calendar_feed(State(app): AppState, auth: Authed) -> ApiResult<NewFeed> {
    app.create_calendar_feed(&auth.actor)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Revokes one of your calendar feed addresses.
#[utoipa::path(delete, path = "/api/v1/calendar-feeds/{id}", tag = "calendar", params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn revoke_calendar_feed(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    app.revoke_calendar_feed(&auth.actor, &id)
        .await
        .map_err(|e| auth.err(e))?;
    Ok(StatusCode::NO_CONTENT)
}

/// The iCalendar feed behind a secret address (`/calendar/{secret}.ics`); no sign-in.
#[utoipa::path(get, path = "/calendar/{file}", tag = "calendar", params(("file" = String, Path, description = "SECRET.ics")),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn calendar_feed(
    State(app): AppState,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Response {
    let secret = file.strip_suffix(".ics").unwrap_or(&file);
    match app.calendar_feed(secret).await {
        Ok(ics) => (
            [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
            ics,
        )
            .into_response(),
        Err(e) => ApiError::new(e, lang_of(&headers)).into_response(),
    }
}
