//! The agenda and the weekly planner: requests, runs, accepting a run, the family's
//! windows, a location's opening hours.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;

use crate::extract::{Authed, Body, OptionalBody};
use crate::problem::{ApiError, Problem};

use super::{ApiResult, AppState};

/// Sessions of a period: a coordinator's organisation (narrowed to a supervisor, location or
/// room), a supervisor's own, or those a partner organisation leads. Conflicts (the same
/// supervisor or room twice at once) are marked.
#[utoipa::path(get, path = "/api/v1/agenda", tag = "sessions", params(omgang_app::agenda::AgendaQuery),
    responses((status = 200, body = Vec<omgang_app::agenda::AgendaEntry>), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn agenda(
    State(app): AppState,
    auth: Authed,
    Query(q): Query<omgang_app::agenda::AgendaQuery>,
) -> ApiResult<Vec<omgang_app::agenda::AgendaEntry>> {
    app.agenda(&auth.actor, &q)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

// ---- the weekly planner (issue 13) --------------------------------------------------------

/// The sessions a week needs (coordinators of the organisation): per running case what its
/// programme's phase and rhythm still ask for, with the family's windows, the case's
/// supervisor so far and last time's slot; sessions planned already are kept (`fixed`).
/// `week`: `YYYY-Www` or a date in the week.
#[utoipa::path(get, path = "/api/v1/planning/weeks/{week}/requests", tag = "planning",
    params(("week" = String, Path, description = "YYYY-Www or a date in the week")),
    responses((status = 200, body = omgang_app::planning::WeekRequests), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn planning_requests(
    State(app): AppState,
    auth: Authed,
    Path(week): Path<String>,
) -> ApiResult<omgang_app::planning::WeekRequests> {
    app.planning_requests(&auth.actor, &week)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Adds a request to the week: an extra session of a running case, of a kind the planner
/// plans for it now (the answer's `addable` lists them).
#[utoipa::path(post, path = "/api/v1/planning/weeks/{week}/requests", tag = "planning",
    params(("week" = String, Path, description = "YYYY-Www or a date in the week")),
    request_body = omgang_app::planning::AddRequestInput,
    responses((status = 201, body = omgang_app::planning::WeekRequests), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_planning_request(
    State(app): AppState,
    auth: Authed,
    Path(week): Path<String>,
    Body(input): Body<omgang_app::planning::AddRequestInput>,
) -> Result<(StatusCode, Json<omgang_app::planning::WeekRequests>), ApiError> {
    app.add_planning_request(&auth.actor, &week, &input)
        .await
        .map(|r| (StatusCode::CREATED, Json(r)))
        .map_err(|e| auth.err(e))
}

/// Drops a request from the week's runs (`{"dropped": true}`), or takes it back.
#[utoipa::path(put, path = "/api/v1/planning/weeks/{week}/requests/{request}", tag = "planning",
    params(("week" = String, Path, description = "YYYY-Www or a date in the week"), ("request" = String, Path)),
    request_body = omgang_app::planning::DropInput,
    responses((status = 200, body = omgang_app::planning::WeekRequests), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn drop_planning_request(
    State(app): AppState,
    auth: Authed,
    Path((week, request)): Path<(String, String)>,
    Body(input): Body<omgang_app::planning::DropInput>,
) -> ApiResult<omgang_app::planning::WeekRequests> {
    app.set_request_dropped(&auth.actor, &week, &request, &input)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Runs the planner on the week's requests for at most `seconds` (1–30, default 5) and
/// stores its proposal. The body may be left out. At most two runs go at once (503 otherwise).
#[utoipa::path(post, path = "/api/v1/planning/weeks/{week}/runs", tag = "planning",
    params(("week" = String, Path, description = "YYYY-Www or a date in the week")),
    request_body(content = omgang_app::planning::RunInput, description = "optional"),
    responses((status = 201, body = omgang_app::planning::PlanningRun), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 503, body = Problem, content_type = "application/problem+json", description = "two runs are already going; try again")))]
pub async fn run_planner(
    State(app): AppState,
    auth: Authed,
    Path(week): Path<String>,
    OptionalBody(input): OptionalBody<omgang_app::planning::RunInput>,
) -> Result<(StatusCode, Json<omgang_app::planning::PlanningRun>), ApiError> {
    app.run_planner(&auth.actor, &week, &input)
        .await
        .map(|r| (StatusCode::CREATED, Json(r)))
        .map_err(|e| auth.err(e))
}

/// How far a run started with a `ticket` is: whether the planner still works, the time used
/// of its limit, the best score so far and the improvement steps tried; once it is stored,
/// the run's id. Found only in the process computing it and for a minute after.
#[utoipa::path(get, path = "/api/v1/planning/progress/{ticket}", tag = "planning",
    params(("ticket" = String, Path, description = "the ticket given when the run was started")),
    responses((status = 200, body = omgang_app::planning::RunProgress), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn planning_progress(
    State(app): AppState,
    auth: Authed,
    Path(ticket): Path<String>,
) -> ApiResult<omgang_app::planning::RunProgress> {
    app.planning_progress(&auth.actor, &ticket)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// A proposal of the planner: per request its start, room and supervisor with the staggered
/// times (the resident parent brings the child a margin before and collects it a margin
/// after), where continuity is lost, and the unplaced requests with the planner's reason.
#[utoipa::path(get, path = "/api/v1/planning/weeks/{week}/runs/{run}", tag = "planning",
    params(("week" = String, Path, description = "YYYY-Www or a date in the week"), ("run" = String, Path)),
    responses((status = 200, body = omgang_app::planning::PlanningRun), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn planning_run(
    State(app): AppState,
    auth: Authed,
    Path((week, run)): Path<(String, String)>,
) -> ApiResult<omgang_app::planning::PlanningRun> {
    app.planning_run(&auth.actor, &week, &run)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Accepts the proposal (all placements, or `requests`): each is planned through the case's
/// normal rules; a refusal is reported per item with its explanation, and warnings are never
/// confirmed silently — accept that item again with `confirm` naming their codes. The body
/// may be left out.
#[utoipa::path(post, path = "/api/v1/planning/weeks/{week}/runs/{run}/accept", tag = "planning",
    params(("week" = String, Path, description = "YYYY-Www or a date in the week"), ("run" = String, Path)),
    request_body(content = omgang_app::planning::AcceptInput, description = "optional"),
    responses((status = 200, body = omgang_app::planning::AcceptResult), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn accept_planning_run(
    State(app): AppState,
    auth: Authed,
    Path((week, run)): Path<(String, String)>,
    OptionalBody(input): OptionalBody<omgang_app::planning::AcceptInput>,
) -> ApiResult<omgang_app::planning::AcceptResult> {
    app.accept_planning_run(&auth.actor, &week, &run, &input)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// The family's time windows of a case for the weekly planner (the default ones when none
/// are stored).
#[utoipa::path(get, path = "/api/v1/cases/{id}/windows", tag = "planning",
    params(("id" = String, Path)),
    responses((status = 200, body = omgang_app::planning::WindowsView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn case_windows(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
) -> ApiResult<omgang_app::planning::WindowsView> {
    app.case_windows(&auth.actor, &id)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Replaces the family's time windows of a case ("woensdagmiddag, zaterdagochtend"); several
/// a day are allowed, not overlapping. Empty: the default windows.
#[utoipa::path(put, path = "/api/v1/cases/{id}/windows", tag = "planning",
    params(("id" = String, Path)), request_body = omgang_app::planning::WindowsInput,
    responses((status = 200, body = omgang_app::planning::WindowsView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn set_case_windows(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
    Body(input): Body<omgang_app::planning::WindowsInput>,
) -> ApiResult<omgang_app::planning::WindowsView> {
    app.set_case_windows(&auth.actor, &id, &input)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Replaces a location's opening hours (`windows`: weekday 1–7, `HH:MM` to `HH:MM`); empty:
/// the default hours (weekdays 09:00–21:00, Saturday 09:00–17:00).
#[utoipa::path(put, path = "/api/v1/locations/{id}/hours", tag = "admin",
    params(("id" = String, Path)), request_body = omgang_app::planning::WindowsInput,
    responses((status = 200, body = Vec<omgang_app::beheer::SlotInput>), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn set_location_hours(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
    Body(input): Body<omgang_app::planning::WindowsInput>,
) -> ApiResult<Vec<omgang_app::beheer::SlotInput>> {
    app.set_location_hours(&auth.actor, &id, &input)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}
