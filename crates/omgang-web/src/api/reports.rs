//! Visit reports (to write, to review, the list, writing and reviewing one) and the
//! changes since one last looked.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use omgang_app::cases::ReviewStep;
use omgang_app::input::*;
use omgang_app::views::CaseView;

use crate::extract::{Authed, Body, OptionalBody};
use crate::problem::{ApiError, Problem};

use super::{ApiResult, AppState, query_or_422};

/// The visit reports you still have to write: sessions you supervised in the last 60 days
/// whose report is not there yet or still a draft.
#[utoipa::path(get, path = "/api/v1/reports/to-write", tag = "reports",
    responses((status = 200, body = Vec<omgang_app::agenda::ReportToWrite>)))]
pub async fn reports_to_write(
    State(app): AppState,
    auth: Authed,
) -> ApiResult<Vec<omgang_app::agenda::ReportToWrite>> {
    app.reports_to_write(&auth.actor)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// What changed in your cases since you last marked it seen ("Wat is er veranderd"): new
/// registrations, cancellations by a parent, plan signatures, reports ready for review —
/// newest first, never your own steps. Empty for roles without cases to follow.
#[utoipa::path(get, path = "/api/v1/changes", tag = "reports",
    responses((status = 200, body = omgang_app::changes::Changes)))]
pub async fn changes(
    State(app): AppState,
    auth: Authed,
) -> ApiResult<omgang_app::changes::Changes> {
    app.changes(&auth.actor)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Marks everything that changed so far as seen.
#[utoipa::path(post, path = "/api/v1/changes/seen", tag = "reports",
    responses((status = 204, description = "marked")))]
pub async fn changes_seen(State(app): AppState, auth: Authed) -> Result<StatusCode, ApiError> {
    app.mark_changes_seen(&auth.actor)
        .await
        .map(|()| StatusCode::NO_CONTENT)
        .map_err(|e| auth.err(e))
}

/// The reports waiting for your review (coordinators): drafts their authors marked ready,
/// the longest waiting first, with the waiting time.
#[utoipa::path(get, path = "/api/v1/reports/to-review", tag = "reports",
    responses((status = 200, body = Vec<omgang_app::agenda::ReportToReview>)))]
pub async fn reports_to_review(
    State(app): AppState,
    auth: Authed,
) -> ApiResult<Vec<omgang_app::agenda::ReportToReview>> {
    app.reports_to_review(&auth.actor)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// The visit reports of your open cases (coordinators: the organisation's; supervisors: the
/// cases you supervise), the most recent session first, with the held sessions whose report
/// is not written yet (`missing`); filtered by `status`.
#[utoipa::path(get, path = "/api/v1/reports", tag = "reports", params(omgang_app::reports::ReportListQuery),
    responses((status = 200, body = Vec<omgang_app::reports::ReportListItem>), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn reports(
    State(app): AppState,
    auth: Authed,
    query: Result<
        Query<omgang_app::reports::ReportListQuery>,
        axum::extract::rejection::QueryRejection,
    >,
) -> ApiResult<Vec<omgang_app::reports::ReportListItem>> {
    let q = query_or_422(&auth, query)?;
    app.report_list(&auth.actor, q.status)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Saves the visit report of a session as a draft (creates it on the first save).
#[utoipa::path(put, path = "/api/v1/cases/{id}/sessions/{session}/report", tag = "reports",
    params(("id" = String, Path), ("session" = String, Path)), request_body = ReportInput,
    responses((status = 200, body = CaseView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn save_report(
    State(app): AppState,
    auth: Authed,
    Path((id, session)): Path<(String, String)>,
    Body(input): Body<ReportInput>,
) -> ApiResult<CaseView> {
    app.save_report(&auth.actor, &id, &session, &input)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

macro_rules! review_step {
    ($(#[$doc:meta])* $name:ident, $path:literal, $step:expr) => {
        $(#[$doc])*
        #[utoipa::path(post, path = $path, tag = "reports", params(("id" = String, Path), ("report" = String, Path)),
            responses((status = 200, body = CaseView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json")))]
        pub async fn $name(State(app): AppState, auth: Authed, Path((id, report)): Path<(String, String)>) -> ApiResult<CaseView> {
            app.review_report(&auth.actor, &id, &report, $step).await.map(Json).map_err(|e| auth.err(e))
        }
    };
}

review_step!(
    /// Approves a draft report (coordinator).
    approve_report, "/api/v1/cases/{id}/reports/{report}/approve", ReviewStep::Approve);
/// Sends a report back to its author, saying why (`{"reason": "..."}`, required): a draft
/// that waits for review, or an approved one (coordinator). The author sees the reason.
#[utoipa::path(post, path = "/api/v1/cases/{id}/reports/{report}/return", tag = "reports",
    params(("id" = String, Path), ("report" = String, Path)), request_body = omgang_app::input::ReturnInput,
    responses((status = 200, body = CaseView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn return_report(
    State(app): AppState,
    auth: Authed,
    Path((id, report)): Path<(String, String)>,
    OptionalBody(input): OptionalBody<omgang_app::input::ReturnInput>,
) -> ApiResult<CaseView> {
    app.review_report(
        &auth.actor,
        &id,
        &report,
        ReviewStep::Return {
            reason: input.reason,
        },
    )
    .await
    .map(Json)
    .map_err(|e| auth.err(e))
}

/// The author marks a draft report ready for review ("klaar voor beoordeling"); it then
/// waits in the coordinators' `GET /api/v1/reports/to-review`.
#[utoipa::path(post, path = "/api/v1/cases/{id}/reports/{report}/ready", tag = "reports",
    params(("id" = String, Path), ("report" = String, Path)),
    responses((status = 200, body = CaseView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json")))]
pub async fn submit_report(
    State(app): AppState,
    auth: Authed,
    Path((id, report)): Path<(String, String)>,
) -> ApiResult<CaseView> {
    app.submit_report(&auth.actor, &id, &report)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}
review_step!(
    /// Releases an approved report to both parents; it can then only be amended.
    release_report, "/api/v1/cases/{id}/reports/{report}/release", ReviewStep::Release);

/// Adds an amendment to a released report.
#[utoipa::path(post, path = "/api/v1/cases/{id}/reports/{report}/amendments", tag = "reports",
    params(("id" = String, Path), ("report" = String, Path)), request_body = AmendInput,
    responses((status = 200, body = CaseView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn amend_report(
    State(app): AppState,
    auth: Authed,
    Path((id, report)): Path<(String, String)>,
    Body(input): Body<AmendInput>,
) -> ApiResult<CaseView> {
    app.amend_report(&auth.actor, &id, &report, &input)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}
