//! The JSON API under `/api/v1`. Every handler is a thin call into the application layer:
//! extract, call one `App` method, answer. No handler decides access.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use omgang_app::admin::{
    OrganisationView, ProgrammeInput, ProgrammeView, Statistics, UserInput, UserView,
};
use omgang_app::auth::{LoginInput, LoginRequest, Me, NewToken, TokenInput};
use omgang_app::calendar::NewFeed;
use omgang_app::cases::{AuditView, CaseListQuery, ReviewStep, TimelineEntry};
use omgang_app::input::*;
use omgang_app::password_reset::{ResetConfirm, ResetRequest};
use omgang_app::two_factor::{CodeInput, Enrolment, RecoveryCodes, SignIn};
use omgang_app::views::{CaseSummary, CaseView, SignalView};
use omgang_app::{App, AppError};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::extract::{Authed, Body, ClientIp, Enrolling, OptionalBody, SESSION_COOKIE};
use crate::problem::{ApiError, Problem, lang_of};

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

fn session_cookie(app: &App, secret: &str) -> Option<HeaderValue> {
    let secure = if app.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Strict{secure}"
    ))
    .ok()
}

/// Signs in with e-mail, password and (once set up) the second factor's code; sets the session
/// cookie. Staff without a second factor, where it is required, get a session that can only
/// set it up (`second_factor`: `enrolment_required`).
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = Me), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"), (status = 429, body = Problem, content_type = "application/problem+json")))]
pub async fn login(
    State(app): AppState,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Body(input): Body<LoginRequest>,
) -> Response {
    let lang = lang_of(&headers);
    let credentials = LoginInput {
        email: input.email,
        password: input.password,
    };
    let (secret, actor, enrol) = match app
        .login_with_code(&credentials, input.code.as_deref(), ip)
        .await
    {
        Ok(SignIn::Session(secret, actor)) => (secret, actor, false),
        Ok(SignIn::Enrol(secret, actor)) => (secret, actor, true),
        Err(e) => return ApiError::new(e, lang).into_response(),
    };
    match app.me(&actor).await {
        Ok(mut me) => {
            if enrol {
                me.second_factor = "enrolment_required".into();
            }
            let mut response = Json(me).into_response();
            if let Some(v) = session_cookie(&app, &secret) {
                response.headers_mut().insert(header::SET_COOKIE, v);
            }
            response
        }
        Err(e) => ApiError::new(e, lang).into_response(),
    }
}

/// Starts setting up two-factor sign-in: a new TOTP secret as an otpauth URL and a QR code.
#[utoipa::path(post, path = "/api/v1/auth/two-factor/enrol", tag = "auth",
    responses((status = 200, body = Enrolment), (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn enrol_two_factor(State(app): AppState, who: Enrolling) -> ApiResult<Enrolment> {
    app.enrol_totp(&who.actor)
        .await
        .map(Json)
        .map_err(|e| who.err(e))
}

/// Confirms two-factor sign-in with a first code; answers the one-time recovery codes. A
/// session that waited for this is replaced by a full one (new cookie).
#[utoipa::path(post, path = "/api/v1/auth/two-factor/confirm", tag = "auth", request_body = CodeInput,
    responses((status = 200, body = RecoveryCodes), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn confirm_two_factor(
    State(app): AppState,
    who: Enrolling,
    Body(input): Body<CodeInput>,
) -> Response {
    match app
        .confirm_totp(&who.actor, &input, who.pending.as_deref())
        .await
    {
        Ok((codes, session)) => {
            let mut response = Json(codes).into_response();
            if let Some(v) = session.as_deref().and_then(|s| session_cookie(&app, s)) {
                response.headers_mut().insert(header::SET_COOKIE, v);
            }
            response
        }
        Err(e) => who.err(e).into_response(),
    }
}

/// Signs out: ends this session.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204)))]
pub async fn logout(State(app): AppState, headers: HeaderMap) -> Response {
    let secret = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == SESSION_COOKIE)
        .map(|(_, v)| v.to_owned());
    if let Some(secret) = secret
        && let Err(e) = app.logout(&secret).await
    {
        return ApiError::new(e, lang_of(&headers)).into_response();
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    let expire = format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    if let Ok(v) = HeaderValue::from_str(&expire) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    response
}

/// Signs out everywhere: ends every session of the signed-in user.
#[utoipa::path(post, path = "/api/v1/auth/logout-everywhere", tag = "auth", responses((status = 204), (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn logout_everywhere(State(app): AppState, auth: Authed) -> Result<StatusCode, ApiError> {
    app.logout_everywhere(&auth.actor)
        .await
        .map_err(|e| auth.err(e))?;
    Ok(StatusCode::NO_CONTENT)
}

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

/// Asks for a password reset link by e-mail. Always 202: the answer never tells whether an
/// account exists.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "auth", request_body = ResetRequest,
    responses((status = 202), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn request_password_reset(
    State(app): AppState,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Body(input): Body<ResetRequest>,
) -> Response {
    let base = app.settings.public_url.clone();
    match app.request_password_reset(&input, &base, ip).await {
        Ok(()) => StatusCode::ACCEPTED.into_response(),
        Err(e) => ApiError::new(e, lang_of(&headers)).into_response(),
    }
}

/// Sets a new password with the secret from the e-mailed link; ends every session.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/confirm", tag = "auth", request_body = ResetConfirm,
    responses((status = 204), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn confirm_password_reset(
    State(app): AppState,
    headers: HeaderMap,
    Body(input): Body<ResetConfirm>,
) -> Response {
    match app.reset_password(&input).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => ApiError::new(e, lang_of(&headers)).into_response(),
    }
}

/// Who is signed in.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", responses((status = 200, body = Me), (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn me(State(app): AppState, auth: Authed) -> ApiResult<Me> {
    app.me(&auth.actor).await.map(Json).map_err(|e| auth.err(e))
}

/// Creates a personal API token (shown once).
#[utoipa::path(post, path = "/api/v1/tokens", tag = "auth", request_body = TokenInput,
    responses((status = 200, body = NewToken), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create_token(
    State(app): AppState,
    auth: Authed,
    Body(input): Body<TokenInput>,
) -> ApiResult<NewToken> {
    app.create_token(&auth.actor, &input)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Revokes one of your tokens.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "auth", params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn revoke_token(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    app.revoke_token(&auth.actor, &id)
        .await
        .map_err(|e| auth.err(e))?;
    Ok(StatusCode::NO_CONTENT)
}

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

/// What is late or due for your organisation (coordinators) or your cases (supervisors).
#[utoipa::path(get, path = "/api/v1/signals", tag = "signals", params(DateQuery),
    responses((status = 200, body = Vec<SignalView>), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn signals(
    State(app): AppState,
    auth: Authed,
    Query(q): Query<DateQuery>,
) -> ApiResult<Vec<SignalView>> {
    let date = parse_date(&auth, &q)?;
    app.signals(&auth.actor, date)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
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

macro_rules! case_step {
    ($(#[$doc:meta])* $name:ident, $path:literal, $method:ident) => {
        $(#[$doc])*
        #[utoipa::path(post, path = $path, tag = "case steps", params(("id" = String, Path)),
            responses((status = 200, body = CaseView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json")))]
        pub async fn $name(State(app): AppState, auth: Authed, Path(id): Path<String>) -> ApiResult<CaseView> {
            app.$method(&auth.actor, &id).await.map(Json).map_err(|e| auth.err(e))
        }
    };
    ($(#[$doc:meta])* $name:ident, $path:literal, $method:ident, $input:ty) => {
        $(#[$doc])*
        #[utoipa::path(post, path = $path, tag = "case steps", params(("id" = String, Path)), request_body = $input,
            responses((status = 200, body = CaseView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
        pub async fn $name(State(app): AppState, auth: Authed, Path(id): Path<String>, Body(input): Body<$input>) -> ApiResult<CaseView> {
            app.$method(&auth.actor, &id, &input).await.map(Json).map_err(|e| auth.err(e))
        }
    };
}

case_step!(
    /// Takes a registration into intake (the actor becomes its coordinator).
    start_intake, "/api/v1/cases/{id}/intake/start", start_intake);
case_step!(
    /// Records the end of the intake: eligible (on to the plan) or not (the case closes).
    complete_intake, "/api/v1/cases/{id}/intake/complete", complete_intake, CompleteIntakeInput);
case_step!(
    /// Assigns the case's supervisor (volunteers need a valid VOG and training).
    assign_supervisor, "/api/v1/cases/{id}/supervisor", assign_supervisor, AssignUserInput);
case_step!(
    /// Assigns the case's coordinator.
    assign_coordinator, "/api/v1/cases/{id}/coordinator", assign_coordinator, AssignUserInput);
case_step!(
    /// Links (or unlinks) the partner organisation that runs its part of the case.
    assign_partner, "/api/v1/cases/{id}/partner", assign_partner, AssignOptionalInput);
case_step!(
    /// Links (or unlinks) the casusregisseur.
    assign_case_director, "/api/v1/cases/{id}/case-director", assign_case_director, AssignOptionalInput);
case_step!(
    /// Writes a new version of the plan of approach / cooperation contract.
    write_plan, "/api/v1/cases/{id}/plans", write_plan, PlanInput);
case_step!(
    /// Records a parent's signature of a plan version (on paper, or in the portal).
    sign_plan, "/api/v1/cases/{id}/plans/signatures", sign_plan, SignatureInput);
case_step!(
    /// Plans a session; the programme's rules decide whether it may be planned.
    plan_session, "/api/v1/cases/{id}/sessions", plan_session, SessionInput);
case_step!(
    /// Records a parent's consent (e.g. to visits outside the omgangshuis).
    record_consent, "/api/v1/cases/{id}/consents", record_consent, ConsentInput);
/// Moves the case to the programme's next phase. The body may be left out; skipping the
/// phase's required sessions is refused with `confirmation_needed` until the body confirms
/// it: `{"confirm": ["phase_sessions_missing"], "reason": "..."}` (recorded).
#[utoipa::path(post, path = "/api/v1/cases/{id}/phase/advance", tag = "case steps",
    params(("id" = String, Path)), request_body(content = ConfirmInput, description = "optional"),
    responses((status = 200, body = CaseView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn advance_phase(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
    OptionalBody(input): OptionalBody<ConfirmInput>,
) -> ApiResult<CaseView> {
    app.advance_phase(&auth.actor, &id, &input)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}
case_step!(
    /// Records an evaluation.
    record_evaluation, "/api/v1/cases/{id}/evaluations", record_evaluation, EvaluationInput);
case_step!(
    /// Records a report to the Jeugdteam, Veilig Thuis or another body.
    record_escalation, "/api/v1/cases/{id}/escalations", record_escalation, EscalationInput);
case_step!(
    /// Records one step of the Meldcode huiselijk geweld en kindermishandeling, in order:
    /// signals, consultation, conversation, weighing (the five questions of the
    /// afwegingskader), decision (report and/or help; a report is also recorded as such).
    record_meldcode_step, "/api/v1/cases/{id}/meldcode", record_meldcode_step, MeldcodeInput);
case_step!(
    /// Ends the programme with an outcome (follow-up starts where the programme has it).
    end_case, "/api/v1/cases/{id}/end", end_case, EndInput);
case_step!(
    /// Closes the follow-up period.
    close_follow_up, "/api/v1/cases/{id}/follow-up/close", close_follow_up, CloseFollowUpInput);

/// Records how a session went: held, cancelled (by whom, why) or no-show (who).
#[utoipa::path(post, path = "/api/v1/cases/{id}/sessions/{session}/outcome", tag = "case steps",
    params(("id" = String, Path), ("session" = String, Path)), request_body = OutcomeInput,
    responses((status = 200, body = CaseView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn record_outcome(
    State(app): AppState,
    auth: Authed,
    Path((id, session)): Path<(String, String)>,
    Body(input): Body<OutcomeInput>,
) -> ApiResult<CaseView> {
    app.record_outcome(&auth.actor, &id, &session, &input)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Changes a person's contact details, or makes their address secret from the other parent
/// (coordinators). Sessions planned at a home that became secret are signalled.
#[utoipa::path(put, path = "/api/v1/cases/{id}/people/{person}", tag = "case steps",
    params(("id" = String, Path), ("person" = String, Path)), request_body = PersonUpdateInput,
    responses((status = 200, body = CaseView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn update_person(
    State(app): AppState,
    auth: Authed,
    Path((id, person)): Path<(String, String)>,
    Body(input): Body<PersonUpdateInput>,
) -> ApiResult<CaseView> {
    app.update_person(&auth.actor, &id, &person, &input)
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

/// Programmes open for public registration, per organisation (no sign-in).
#[utoipa::path(get, path = "/api/v1/public/programmes", tag = "public", security(()),
    responses((status = 200, body = Vec<omgang_app::public::PublicOption>)))]
pub async fn public_programmes(State(app): AppState, headers: HeaderMap) -> Response {
    let lang = lang_of(&headers);
    match app.public_options(lang).await {
        Ok(list) => Json(list).into_response(),
        Err(e) => ApiError::new(e, lang).into_response(),
    }
}

/// A registration without signing in (parents, professionals): `organisation_id` and
/// `programme_id` from `/api/v1/public/programmes`. Always the same receipt (202) for a valid
/// registration; 422 with field messages for what is wrong; 429 past five an hour per address.
#[utoipa::path(post, path = "/api/v1/public/registrations", tag = "public", security(()), request_body = RegistrationInput,
    responses((status = 202, body = omgang_app::public::PublicReceipt),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json")))]
pub async fn public_register(
    State(app): AppState,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Body(input): Body<RegistrationInput>,
) -> Response {
    let lang = lang_of(&headers);
    match app.register_public(&input, ip, false, lang).await {
        Ok(receipt) => (StatusCode::ACCEPTED, Json(receipt)).into_response(),
        Err(e) => ApiError::new(e, lang).into_response(),
    }
}

// ---- documents (PDF) ------------------------------------------------------------------------

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

/// The upload form of a case file (OpenAPI only: the body is read as multipart).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct AttachmentForm {
    /// The file: PDF, PNG or JPEG (found from the content), at most 10 MB.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// What it is ("beschikking van 3 maart 2026").
    description: Option<String>,
}

/// The files of a case (lead coordinators): a signed paper plan, a court order, a referral
/// letter; the newest first. The read is audited.
#[utoipa::path(get, path = "/api/v1/cases/{id}/attachments", tag = "attachments", params(("id" = String, Path)),
    responses((status = 200, body = Vec<omgang_app::attachments::AttachmentView>), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn attachments(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
) -> ApiResult<Vec<omgang_app::attachments::AttachmentView>> {
    app.attachments(&auth.actor, &id)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Adds a file to an open case (multipart/form-data: `file`, optional `description`). Its
/// kind is found from the content; anything but PDF, PNG or JPEG, or more than 10 MB, is a
/// 422 on `file`.
#[utoipa::path(post, path = "/api/v1/cases/{id}/attachments", tag = "attachments", params(("id" = String, Path)),
    request_body(content = AttachmentForm, content_type = "multipart/form-data"),
    responses((status = 201, body = omgang_app::attachments::AttachmentView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_attachment(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, ApiError> {
    let upload = match omgang_ui::upload::read_upload(multipart).await {
        Ok((upload, _)) => upload,
        Err(unreadable) => {
            app.may_add_attachment(&auth.actor, &id)
                .await
                .map_err(|e| auth.err(e))?;
            return Err(auth.err(unreadable));
        }
    };
    app.add_attachment(&auth.actor, &id, &upload)
        .await
        .map(|view| (StatusCode::CREATED, Json(view)).into_response())
        .map_err(|e| auth.err(e))
}

/// One file of a case, as it was uploaded (a download; audited).
#[utoipa::path(get, path = "/api/v1/cases/{id}/attachments/{attachment}", tag = "attachments",
    params(("id" = String, Path), ("attachment" = String, Path)),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn attachment(
    State(app): AppState,
    auth: Authed,
    Path((id, attachment)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    app.attachment(&auth.actor, &id, &attachment)
        .await
        .map(omgang_ui::upload::download_response)
        .map_err(|e| auth.err(e))
}

/// Removes a file of a case.
#[utoipa::path(delete, path = "/api/v1/cases/{id}/attachments/{attachment}", tag = "attachments",
    params(("id" = String, Path), ("attachment" = String, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn remove_attachment(
    State(app): AppState,
    auth: Authed,
    Path((id, attachment)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    app.remove_attachment(&auth.actor, &id, &attachment)
        .await
        .map(|()| StatusCode::NO_CONTENT.into_response())
        .map_err(|e| auth.err(e))
}

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
