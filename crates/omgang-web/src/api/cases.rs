//! Cases: registering, the lists, one case, its timeline, audit and signals, the search.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use omgang_app::cases::{AuditView, CaseListQuery, SignalQuery, TimelineEntry};
use omgang_app::input::*;
use omgang_app::views::{CaseSummary, CaseView, SignalView};

use crate::extract::{Authed, Body};
use crate::problem::{ApiError, Problem};

use super::{ApiResult, AppState, DateQuery, parse_date, query_or_422};

/// Registers a family for a programme (*aanmelding*).
#[utoipa::path(post, path = "/api/v1/registrations", tag = "cases", request_body = RegistrationInput,
    responses((status = 201, body = CaseView), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn register(
    State(app): AppState,
    auth: Authed,
    Body(input): Body<RegistrationInput>,
) -> Result<(StatusCode, Json<CaseView>), ApiError> {
    let view = app
        .register(&auth.actor, &input)
        .await
        .map_err(|e| auth.err(e))?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Cases you may see (coordinators: your organisation's; others: the ones you are part of),
/// sorted and paged as asked; `X-Total-Count` tells how many there are in all.
#[utoipa::path(get, path = "/api/v1/cases", tag = "cases", params(CaseListQuery),
    responses((status = 200, body = Vec<CaseSummary>, headers(("X-Total-Count" = i64, description = "cases in all"))), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn cases(
    State(app): AppState,
    auth: Authed,
    query: Result<Query<CaseListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let query = query_or_422(&auth, query)?;
    let page = app
        .list_cases_page(&auth.actor, &query)
        .await
        .map_err(|e| auth.err(e))?;
    let mut r = Json(page.cases).into_response();
    if let Ok(v) = HeaderValue::from_str(&page.total.to_string()) {
        r.headers_mut().insert("x-total-count", v);
    }
    Ok(r)
}

/// One case, as far as you may see it.
#[utoipa::path(get, path = "/api/v1/cases/{id}", tag = "cases", params(("id" = String, Path)),
    responses((status = 200, body = CaseView), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn case(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
) -> ApiResult<CaseView> {
    app.case(&auth.actor, &id)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Everything that happened in a case, oldest first.
#[utoipa::path(get, path = "/api/v1/cases/{id}/timeline", tag = "cases", params(("id" = String, Path)),
    responses((status = 200, body = Vec<TimelineEntry>), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn timeline(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
) -> ApiResult<Vec<TimelineEntry>> {
    app.timeline(&auth.actor, &id)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Who read or changed this case (privacy officer / administrator).
#[utoipa::path(get, path = "/api/v1/cases/{id}/audit", tag = "cases", params(("id" = String, Path)),
    responses((status = 200, body = Vec<AuditView>), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn case_audit(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
) -> ApiResult<Vec<AuditView>> {
    app.case_audit(&auth.actor, &id)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// What is late or due in this case on a date.
#[utoipa::path(get, path = "/api/v1/cases/{id}/signals", tag = "signals", params(("id" = String, Path), DateQuery),
    responses((status = 200, body = Vec<SignalView>), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn case_signals(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
    Query(q): Query<DateQuery>,
) -> ApiResult<Vec<SignalView>> {
    let date = parse_date(&auth, &q)?;
    app.case_signals(&auth.actor, &id, date)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// `?date=YYYY-MM-DD&page=1&per_page=50`: the day (default today) and one page of the signals.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SignalsQuery {
    pub date: Option<String>,
    /// The page (from 1), with `per_page`.
    pub page: Option<u32>,
    /// Signals per page, 1–500 (default: all).
    pub per_page: Option<u32>,
}

/// What is late or due for your organisation (coordinators) or your cases (supervisors), the
/// most urgent first; paged as asked, `X-Total-Count` tells how many there are in all. Only
/// the cases of the signals answered are recorded as read.
#[utoipa::path(get, path = "/api/v1/signals", tag = "signals", params(SignalsQuery),
    responses((status = 200, body = Vec<SignalView>, headers(("X-Total-Count" = i64, description = "signals in all"))), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn signals(
    State(app): AppState,
    auth: Authed,
    query: Result<Query<SignalsQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query_or_422(&auth, query)?;
    let mut c = Check::default();
    let on = c.opt_date("date", &q.date);
    c.paging(q.page, q.per_page, 500, ("signalen", "signals"));
    c.finish().map_err(|e| auth.err(e))?;
    let asked = SignalQuery {
        on,
        page: q.page.map_or(1, |p| p as usize),
        per_page: q.per_page.map(|n| n as usize),
        empty_past_the_end: true,
        ..SignalQuery::default()
    };
    let list = app
        .signal_list(&auth.actor, &asked)
        .await
        .map_err(|e| auth.err(e))?;
    let mut r = Json(list.shown).into_response();
    if let Ok(v) = HeaderValue::from_str(&list.matching.to_string()) {
        r.headers_mut().insert("x-total-count", v);
    }
    Ok(r)
}

/// Finds cases by part of a child's or parent's name (accents ignored), a case number or an
/// organisation — only among the cases the caller may open; every case shown is audited.
#[utoipa::path(get, path = "/api/v1/search", tag = "cases", params(omgang_app::search::SearchQuery),
    responses((status = 200, body = Vec<CaseSummary>), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn search(
    State(app): AppState,
    auth: Authed,
    query: Result<Query<omgang_app::search::SearchQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Vec<CaseSummary>> {
    let q = query_or_422(&auth, query)?;
    app.search(&auth.actor, &q)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}
