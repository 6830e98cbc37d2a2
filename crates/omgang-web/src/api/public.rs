//! What is open without signing in: the public programmes and registration.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use omgang_app::input::*;

use crate::extract::{Body, ClientIp};
use crate::problem::{ApiError, Problem, lang_of};

use super::AppState;

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
