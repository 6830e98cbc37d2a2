//! Signing in and out, the second factor, password resets, who am I, API tokens.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use omgang_app::App;
use omgang_app::auth::{LoginInput, LoginRequest, Me, NewToken, TokenInput};
use omgang_app::password_reset::{ResetConfirm, ResetRequest};
use omgang_app::two_factor::{CodeInput, Enrolment, RecoveryCodes, SignIn};

use crate::extract::{Authed, Body, ClientIp, Enrolling, SESSION_COOKIE};
use crate::problem::{ApiError, Problem, lang_of};

use super::{ApiResult, AppState};

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
