//! The portal's JSON API: a parent's own cases, signing the plan, cancelling a session, and
//! the invitations that make the accounts. Thin handlers, one `App` call each; the policy in
//! the application layer decides.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use omgang_app::App;
use omgang_app::invitations::{AcceptInput, InvitationView, InviteInput, StaffInviteInput};
use omgang_app::portal::{PortalCancelInput, PortalCase, PortalHome, PortalSignInput};
use omgang_app::two_factor::SignIn;

use crate::extract::{Authed, Body, ClientIp, SESSION_COOKIE};
use crate::problem::{ApiError, Problem, lang_of};

type ApiResult<T> = Result<Json<T>, ApiError>;
type AppState = State<Arc<App>>;

/// "Mijn omgang": the cases the signed-in parent (or guardian) is a person of, each with the
/// sessions and their own times, the plan, released reports and their own contact details.
#[utoipa::path(get, path = "/api/v1/portal", tag = "portal",
    responses((status = 200, body = PortalHome), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn portal_home(State(app): AppState, auth: Authed) -> ApiResult<PortalHome> {
    app.portal_home(&auth.actor)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// One of the parent's cases.
#[utoipa::path(get, path = "/api/v1/portal/cases/{id}", tag = "portal", params(("id" = String, Path)),
    responses((status = 200, body = PortalCase), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn portal_case(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
) -> ApiResult<PortalCase> {
    app.portal_case_for(&auth.actor, &id)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Signs the current plan as the signed-in parent (the version and content hash read).
#[utoipa::path(post, path = "/api/v1/portal/cases/{id}/signature", tag = "portal", params(("id" = String, Path)), request_body = PortalSignInput,
    responses((status = 200, body = PortalCase), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn portal_sign(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
    Body(input): Body<PortalSignInput>,
) -> ApiResult<PortalCase> {
    app.portal_sign(&auth.actor, &id, &input)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Cancels a planned session with a reason; later than the house rules' notice period it is
/// recorded as late.
#[utoipa::path(post, path = "/api/v1/portal/cases/{id}/sessions/{session}/cancel", tag = "portal",
    params(("id" = String, Path), ("session" = String, Path)), request_body = PortalCancelInput,
    responses((status = 200, body = PortalCase), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn portal_cancel(
    State(app): AppState,
    auth: Authed,
    Path((id, session)): Path<(String, String)>,
    Body(input): Body<PortalCancelInput>,
) -> ApiResult<PortalCase> {
    app.portal_cancel(&auth.actor, &id, &session, &input)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Invites a person of the case (a parent, guardian or foster carer) to the portal by e-mail:
/// a link that works once, for seven days.
#[utoipa::path(post, path = "/api/v1/cases/{id}/invitations", tag = "portal", params(("id" = String, Path)), request_body = InviteInput,
    responses((status = 201, body = InvitationView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn invite_person(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
    Body(input): Body<InviteInput>,
) -> Result<(StatusCode, Json<InvitationView>), ApiError> {
    let view = app
        .invite_person(&auth.actor, &id, &input)
        .await
        .map_err(|e| auth.err(e))?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// The invitations of a case (never their secrets).
#[utoipa::path(get, path = "/api/v1/cases/{id}/invitations", tag = "portal", params(("id" = String, Path)),
    responses((status = 200, body = Vec<InvitationView>), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn case_invitations(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
) -> ApiResult<Vec<InvitationView>> {
    app.case_invitations(&auth.actor, &id)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Invites a referrer or a partner organisation's staff member (they must set up two-factor
/// sign-in after choosing a password).
#[utoipa::path(post, path = "/api/v1/invitations", tag = "portal", request_body = StaffInviteInput,
    responses((status = 201, body = InvitationView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn invite_staff(
    State(app): AppState,
    auth: Authed,
    Body(input): Body<StaffInviteInput>,
) -> Result<(StatusCode, Json<InvitationView>), ApiError> {
    let view = app
        .invite_staff(&auth.actor, &input)
        .await
        .map_err(|e| auth.err(e))?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Accepts an invitation: sets the password, makes the account and signs in (session cookie).
/// A professional's session can then only set up two-factor sign-in where it is required
/// (`second_factor`: `enrolment_required`).
#[utoipa::path(post, path = "/api/v1/invitations/accept", tag = "portal", request_body = AcceptInput,
    responses((status = 200, body = omgang_app::auth::Me), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 429, body = Problem, content_type = "application/problem+json")))]
pub async fn accept_invitation(
    State(app): AppState,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Body(input): Body<AcceptInput>,
) -> Response {
    let lang = lang_of(&headers);
    let (secret, actor, enrol) = match app.accept_invitation(&input, ip).await {
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
            let secure = if app.settings.secure_cookies {
                "; Secure"
            } else {
                ""
            };
            if let Ok(v) = HeaderValue::from_str(&format!(
                "{SESSION_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Strict{secure}"
            )) {
                response.headers_mut().insert(header::SET_COOKIE, v);
            }
            response
        }
        Err(e) => ApiError::new(e, lang).into_response(),
    }
}
