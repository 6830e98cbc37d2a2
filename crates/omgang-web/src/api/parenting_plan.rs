//! The ouderschapsplan of a case: reading, writing, signing, the PDF and the calendar.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use omgang_app::AppError;
use omgang_app::input::*;
use omgang_app::views::CaseView;

use crate::extract::{Authed, Body};
use crate::problem::{ApiError, Problem};

use super::{ApiResult, AppState, pdf};

/// The current ouderschapsplan of a case: the schedule, parts b and c, the topics, the
/// signatures, this and next year's share of nights and twelve months of calendar. For the
/// coordinators and supervisors of the case and its parents; 404 while none is written.
#[utoipa::path(get, path = "/api/v1/cases/{id}/parenting-plan", tag = "parenting plan", params(("id" = String, Path)),
    responses((status = 200, body = omgang_app::parenting_plan::ParentingPlanView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn parenting_plan(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
) -> ApiResult<omgang_app::parenting_plan::ParentingPlanView> {
    match app.parenting_plan(&auth.actor, &id).await {
        Ok(Some(view)) => Ok(Json(view)),
        Ok(None) => Err(auth.err(AppError::NotFound)),
        Err(e) => Err(auth.err(e)),
    }
}

/// Writes a new version of the ouderschapsplan (while the case runs, or as an amendment in
/// follow-up); both parents sign it again.
#[utoipa::path(post, path = "/api/v1/cases/{id}/parenting-plan", tag = "parenting plan", params(("id" = String, Path)),
    request_body = omgang_app::parenting_plan::ParentingPlanInput,
    responses((status = 200, body = CaseView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn write_parenting_plan(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
    Body(input): Body<omgang_app::parenting_plan::ParentingPlanInput>,
) -> ApiResult<CaseView> {
    app.write_parenting_plan(&auth.actor, &id, &input)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Records a parent's paper signature of the current ouderschapsplan.
#[utoipa::path(post, path = "/api/v1/cases/{id}/parenting-plan/signatures", tag = "parenting plan", params(("id" = String, Path)),
    request_body = SignatureInput,
    responses((status = 200, body = CaseView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn sign_parenting_plan(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
    Body(input): Body<SignatureInput>,
) -> ApiResult<CaseView> {
    app.sign_parenting_plan(&auth.actor, &id, &input)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// The current ouderschapsplan as PDF (tagged PDF/A-2a and PDF/UA-1).
#[utoipa::path(get, path = "/api/v1/cases/{id}/documents/parenting-plan", tag = "documents", params(("id" = String, Path)),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn parenting_plan_document(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    app.parenting_plan_pdf(&auth.actor, &id)
        .await
        .map(pdf)
        .map_err(|e| auth.err(e))
}

/// The signed-in parent signs the current ouderschapsplan (the version and content hash
/// read).
#[utoipa::path(post, path = "/api/v1/portal/cases/{id}/parenting-plan/signature", tag = "portal", params(("id" = String, Path)),
    request_body = omgang_app::portal::PortalSignInput,
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn portal_sign_parenting_plan(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
    Body(input): Body<omgang_app::portal::PortalSignInput>,
) -> Result<Response, ApiError> {
    app.portal_sign_parenting_plan(&auth.actor, &id, input.version, &input.content_hash)
        .await
        .map(|()| StatusCode::NO_CONTENT.into_response())
        .map_err(|e| auth.err(e))
}

/// The signed-in parent's own days of the ouderschapsplan as iCalendar (the coming year).
#[utoipa::path(get, path = "/api/v1/portal/cases/{id}/parenting-plan.ics", tag = "portal", params(("id" = String, Path)),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn parenting_plan_calendar(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    app.parenting_plan_ics(&auth.actor, &id)
        .await
        .map(|ics| {
            (
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"ouderschapsplan.ics\"",
                    ),
                ],
                ics,
            )
                .into_response()
        })
        .map_err(|e| auth.err(e))
}
