//! Extractors: who is asking (session cookie or API token), and JSON bodies whose errors
//! become field-level problem details.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use omgang_app::{Actor, App, AppError, FieldError};
use omgang_domain::text::Lang;
use serde::de::DeserializeOwned;

use crate::problem::{ApiError, lang_of};

pub const SESSION_COOKIE: &str = "omgang_session";

pub fn client_ip(parts: &Parts) -> Option<String> {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ci| ci.0.ip().to_string())
}

/// A cookie of the request: the pages' one parser (an empty value is no cookie).
pub fn cookie<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    omgang_ui::web::cookie(&parts.headers, name)
}

/// The request comes from another site: `Sec-Fetch-Site: cross-site`, or an `Origin` whose
/// host is not this server's `Host`.
pub fn cross_site(parts: &Parts) -> bool {
    let header = |name| {
        parts
            .headers
            .get(name)
            .and_then(|v: &axum::http::HeaderValue| v.to_str().ok())
    };
    if header("sec-fetch-site") == Some("cross-site") {
        return true;
    }
    match (header("origin"), header("host")) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => origin.split_once("://").map(|(_, h)| h) != Some(host),
        _ => false,
    }
}

/// A signed-in actor, and the language to answer in.
pub struct Authed {
    pub actor: Actor,
    pub lang: Lang,
}

impl Authed {
    pub fn err(&self, error: AppError) -> ApiError {
        ApiError::new(error, self.lang)
    }
}

impl FromRequestParts<Arc<App>> for Authed {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &Arc<App>,
    ) -> Result<Self, Self::Rejection> {
        let ip = client_ip(parts);
        let header_lang = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .map(|_| lang_of(&parts.headers));
        let fail = |e| ApiError::new(e, header_lang.unwrap_or_default());
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        let actor = if let Some(token) = bearer {
            app.actor_from_token(token, ip, parts.method.is_safe())
                .await
                .map_err(fail)?
        } else if let Some(secret) = cookie(parts, SESSION_COOKIE) {
            // Cookies ride along on cross-site requests; a change made with one must come
            // from our own pages (CSRF). Tokens in a header cannot be sent by another site.
            if !parts.method.is_safe() && cross_site(parts) {
                return Err(fail(AppError::Forbidden));
            }
            app.actor_from_session(secret, ip).await.map_err(fail)?
        } else {
            None
        };
        let actor = actor.ok_or_else(|| fail(AppError::Unauthenticated))?;
        let lang = header_lang.unwrap_or(actor.lang);
        Ok(Authed { actor, lang })
    }
}

/// A JSON body. Errors name the field (`children[0].birth_date`) in Dutch and English.
pub struct Body<T>(pub T);

/// A JSON body that may be left out: no body at all is `T::default()` (a step that takes
/// no input unless the user confirms warnings).
pub struct OptionalBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Default> FromRequest<S> for OptionalBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let has_type = req.headers().contains_key(header::CONTENT_TYPE);
        let empty_length = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_none_or(|v| v.trim() == "0");
        if !has_type && empty_length {
            return Ok(OptionalBody(T::default()));
        }
        Body::<T>::from_request(req, state)
            .await
            .map(|Body(v)| OptionalBody(v))
    }
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let lang = lang_of(req.headers());
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if !is_json {
            return Err(ApiError::new(
                AppError::invalid(
                    "Content-Type",
                    "Stuur de gegevens als JSON (Content-Type: application/json).",
                    "Send the data as JSON (Content-Type: application/json).",
                ),
                lang,
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|_| {
            ApiError::new(
                AppError::invalid(
                    "body",
                    "Het verzoek is te groot of onleesbaar.",
                    "The request is too large or unreadable.",
                ),
                lang,
            )
        })?;
        let de = &mut serde_json::Deserializer::from_slice(&bytes);
        let parsed = serde_path_to_error::deserialize::<_, T>(&mut *de);
        match parsed {
            // Nothing may follow the JSON value.
            Ok(v) => match de.end() {
                Ok(()) => Ok(Body(v)),
                Err(e) => {
                    let (nl, en) = explain_json_error(&e.to_string());
                    Err(ApiError::new(
                        AppError::Invalid(vec![FieldError::new("body", nl, en)]),
                        lang,
                    ))
                }
            },
            Err(e) => {
                let path = e.path().to_string();
                let inner = e.inner().to_string();
                // A missing field is named by the message, not the path (which is its parent).
                let missing = inner
                    .strip_prefix("missing field `")
                    .and_then(|rest| rest.split('`').next());
                let field = match (path.as_str(), missing) {
                    (".", Some(name)) => name.to_owned(),
                    (parent, Some(name)) => format!("{parent}.{name}"),
                    (".", None) | ("?", None) => "body".to_owned(),
                    (p, None) => p.to_owned(),
                };
                let (nl, en) = explain_json_error(&inner);
                Err(ApiError::new(
                    AppError::Invalid(vec![FieldError::new(field, nl, en)]),
                    lang,
                ))
            }
        }
    }
}

/// Turns serde's English message into something a coordinator reads, in both languages.
fn explain_json_error(inner: &str) -> (String, String) {
    let detail = inner.split(" at line ").next().unwrap_or(inner);
    if detail.starts_with("missing field") {
        let name = detail.split('`').nth(1).unwrap_or("");
        (
            format!("Het veld '{name}' ontbreekt."),
            format!("The field '{name}' is missing."),
        )
    } else if detail.starts_with("unknown field") {
        let name = detail.split('`').nth(1).unwrap_or("");
        (
            format!("Het veld '{name}' bestaat niet."),
            format!("The field '{name}' does not exist."),
        )
    } else if detail.starts_with("invalid type") {
        (
            format!("Verkeerd soort waarde ({detail})."),
            format!("Wrong kind of value ({detail})."),
        )
    } else if detail.contains("EOF")
        || detail.starts_with("expected")
        || detail.starts_with("key must")
    {
        (
            format!("Geen geldige JSON ({detail})."),
            format!("Not valid JSON ({detail})."),
        )
    } else {
        (
            format!("Ongeldige waarde ({detail})."),
            format!("Invalid value ({detail})."),
        )
    }
}

/// The client's address, when known (for the audit log). Never rejects.
pub struct ClientIp(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(parts)))
    }
}

/// A user setting up two-factor sign-in: signed in fully, or with a session that waits for
/// its second factor (`pending` holds that session's secret).
pub struct Enrolling {
    pub actor: Actor,
    pub lang: Lang,
    pub pending: Option<String>,
}

impl Enrolling {
    pub fn err(&self, error: AppError) -> ApiError {
        ApiError::new(error, self.lang)
    }
}

impl FromRequestParts<Arc<App>> for Enrolling {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &Arc<App>,
    ) -> Result<Self, Self::Rejection> {
        match Authed::from_request_parts(parts, app).await {
            Ok(authed) => Ok(Enrolling {
                actor: authed.actor,
                lang: authed.lang,
                pending: None,
            }),
            Err(unauthenticated) => {
                let Some(secret) = cookie(parts, SESSION_COOKIE).map(str::to_owned) else {
                    return Err(unauthenticated);
                };
                if !parts.method.is_safe() && cross_site(parts) {
                    return Err(unauthenticated);
                }
                let lang = lang_of(&parts.headers);
                let actor = app
                    .actor_from_pending_session(&secret, client_ip(parts))
                    .await
                    .map_err(|e| ApiError::new(e, lang))?
                    .ok_or(unauthenticated)?;
                Ok(Enrolling {
                    actor,
                    lang,
                    pending: Some(secret),
                })
            }
        }
    }
}
