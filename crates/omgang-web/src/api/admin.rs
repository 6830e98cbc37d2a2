//! The organisation's administration: programmes, organisations, users, supervisors,
//! locations, statistics and figures, funders.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use omgang_app::admin::{
    OrganisationView, ProgrammeInput, ProgrammeView, Statistics, UserInput, UserView,
};
use omgang_app::input::*;
use serde::Serialize;
use utoipa::ToSchema;

use crate::extract::{Authed, Body};
use crate::problem::{ApiError, Problem};

use super::{ApiResult, AppState, query_or_422};

/// The programme definitions on this installation.
#[utoipa::path(get, path = "/api/v1/programmes", tag = "programmes", responses((status = 200, body = Vec<ProgrammeView>)))]
pub async fn programmes(State(app): AppState, auth: Authed) -> Json<Vec<ProgrammeView>> {
    Json(app.programmes_view(&auth.actor).await)
}

/// Adds an organisation's own programme definition (administrators).
#[utoipa::path(post, path = "/api/v1/programmes", tag = "programmes", request_body = ProgrammeInput,
    responses((status = 200, body = ProgrammeView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_programme(
    State(app): AppState,
    auth: Authed,
    Body(input): Body<ProgrammeInput>,
) -> ApiResult<ProgrammeView> {
    app.add_programme(&auth.actor, &input)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

#[derive(Serialize, ToSchema)]
pub struct CheckResult {
    pub valid: bool,
    pub id: String,
}

/// Checks a programme definition without storing it; errors name field and reason.
#[utoipa::path(post, path = "/api/v1/programmes/check", tag = "programmes", request_body = ProgrammeInput,
    responses((status = 200, body = CheckResult), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn check_programme(
    State(app): AppState,
    auth: Authed,
    Body(input): Body<ProgrammeInput>,
) -> ApiResult<CheckResult> {
    let p = app
        .check_programme(&input.source)
        .map_err(|e| auth.err(e))?;
    Ok(Json(CheckResult {
        valid: true,
        id: p.id,
    }))
}

/// Organisations on this installation (to choose a provider or partner).
#[utoipa::path(get, path = "/api/v1/organisations", tag = "admin", responses((status = 200, body = Vec<OrganisationView>)))]
pub async fn organisations(State(app): AppState, auth: Authed) -> ApiResult<Vec<OrganisationView>> {
    app.organisations().await.map(Json).map_err(|e| auth.err(e))
}

/// Users of your organisation (administrators).
#[utoipa::path(get, path = "/api/v1/users", tag = "admin", responses((status = 200, body = Vec<UserView>), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn users(State(app): AppState, auth: Authed) -> ApiResult<Vec<UserView>> {
    app.users(&auth.actor)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Adds a user (administrators).
#[utoipa::path(post, path = "/api/v1/users", tag = "admin", request_body = UserInput,
    responses((status = 200, body = UserView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_user(
    State(app): AppState,
    auth: Authed,
    Body(input): Body<UserInput>,
) -> ApiResult<UserView> {
    app.add_user(&auth.actor, &input)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Supervisors and volunteers of your organisation (coordinators, for planning).
#[utoipa::path(get, path = "/api/v1/supervisors", tag = "admin", responses((status = 200, body = Vec<UserView>), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn supervisors(State(app): AppState, auth: Authed) -> ApiResult<Vec<UserView>> {
    app.supervisors(&auth.actor)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Your organisation's locations with their rooms (ids to name in a session's
/// `location_id` / `room_id`), entrances and the staggered-times margin.
#[utoipa::path(get, path = "/api/v1/locations", tag = "admin", responses((status = 200, body = Vec<omgang_app::beheer::LocationView>), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn locations(
    State(app): AppState,
    auth: Authed,
) -> ApiResult<Vec<omgang_app::beheer::LocationView>> {
    app.locations(&auth.actor)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Anonymised figures (funders, administrators, coordinators).
#[utoipa::path(get, path = "/api/v1/statistics", tag = "admin", responses((status = 200, body = Statistics), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn statistics(State(app): AppState, auth: Authed) -> ApiResult<Statistics> {
    app.statistics(&auth.actor)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// The figures dashboard of a year: per programme and quarter, registrations, waiting times,
/// duration, sessions held / cancelled / no-show and outcomes — for a funder of the cases it
/// pays for or referred, for a provider of its own cases. Cells under 5 cases are suppressed.
#[utoipa::path(get, path = "/api/v1/figures", tag = "admin", params(omgang_app::figures::FiguresQuery),
    responses((status = 200, body = omgang_app::figures::Figures), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn figures(
    State(app): AppState,
    auth: Authed,
    query: Result<
        Query<omgang_app::figures::FiguresQuery>,
        axum::extract::rejection::QueryRejection,
    >,
) -> ApiResult<omgang_app::figures::Figures> {
    let q = query_or_422(&auth, query)?;
    app.figures(&auth.actor, &q)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// The figures dashboard as CSV.
#[utoipa::path(get, path = "/api/v1/figures/csv", tag = "admin", params(omgang_app::figures::FiguresQuery),
    responses((status = 200, body = String, content_type = "text/csv"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn figures_csv(
    State(app): AppState,
    auth: Authed,
    query: Result<
        Query<omgang_app::figures::FiguresQuery>,
        axum::extract::rejection::QueryRejection,
    >,
) -> Result<Response, ApiError> {
    let q = query_or_422(&auth, query)?;
    let csv = app
        .figures_csv(&auth.actor, &q)
        .await
        .map_err(|e| auth.err(e))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"cijfers.csv\""),
            ),
        ],
        csv,
    )
        .into_response())
}

/// Sets which funders (municipalities) pay for one of the organisation's programmes
/// (administrators); their dashboards then count these cases.
#[utoipa::path(put, path = "/api/v1/programmes/{id}/funders", tag = "admin", params(("id" = String, Path)),
    request_body = omgang_app::figures::FundersInput,
    responses((status = 200, body = Vec<String>), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn set_funders(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
    Body(input): Body<omgang_app::figures::FundersInput>,
) -> ApiResult<Vec<String>> {
    app.set_funders(&auth.actor, &id, &input)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Opens a programme or closes it for the public registration form of your organisation
/// (seed 004: "Aanmelden kan via de website"). Administrators.
#[utoipa::path(put, path = "/api/v1/programmes/{id}/public", tag = "programmes",
    params(("id" = String, Path)), request_body = PublicProgrammeInput,
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn set_public_programme(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
    Body(input): Body<PublicProgrammeInput>,
) -> Result<StatusCode, ApiError> {
    app.set_public_programme(&auth.actor, &id, input.open)
        .await
        .map_err(|e| auth.err(e))?;
    Ok(StatusCode::NO_CONTENT)
}
