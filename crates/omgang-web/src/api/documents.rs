//! The PDF documents of a case: plans, visit reports, the end report.

use axum::extract::{Path, State};
use axum::response::Response;

use crate::extract::Authed;
use crate::problem::{ApiError, Problem};

use super::{AppState, pdf};

/// The current version of the plan of approach as PDF (tagged PDF/A-2a and PDF/UA-1), made
/// from the reader's own view: staff in their scope, a parent as the portal shows it.
#[utoipa::path(get, path = "/api/v1/cases/{id}/documents/plan", tag = "documents", params(("id" = String, Path)),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn plan_document(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    app.plan_pdf(&auth.actor, &id, None)
        .await
        .map(pdf)
        .map_err(|e| auth.err(e))
}

/// One version of the plan of approach, with its signatures and content hash, as PDF.
#[utoipa::path(get, path = "/api/v1/cases/{id}/documents/plan/{version}", tag = "documents", params(("id" = String, Path), ("version" = u32, Path)),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn plan_version_document(
    State(app): AppState,
    auth: Authed,
    Path((id, version)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    // A version that is not a number is a version that does not exist.
    let Ok(version) = version.parse::<u32>() else {
        return Err(auth.err(omgang_app::AppError::NotFound));
    };
    app.plan_pdf(&auth.actor, &id, Some(version))
        .await
        .map(pdf)
        .map_err(|e| auth.err(e))
}

/// A released visit report with its amendments, as PDF.
#[utoipa::path(get, path = "/api/v1/cases/{id}/documents/reports/{report}", tag = "documents", params(("id" = String, Path), ("report" = String, Path)),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn report_document(
    State(app): AppState,
    auth: Authed,
    Path((id, report)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    app.report_pdf(&auth.actor, &id, &report)
        .await
        .map(pdf)
        .map_err(|e| auth.err(e))
}

/// The end report (programme, dates, sessions by state and by whom, reports where the
/// programme includes them, evaluations, outcome, follow-up) as PDF.
#[utoipa::path(get, path = "/api/v1/cases/{id}/documents/end-report", tag = "documents", params(("id" = String, Path)),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn end_report_document(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    app.end_report_pdf(&auth.actor, &id)
        .await
        .map(pdf)
        .map_err(|e| auth.err(e))
}
