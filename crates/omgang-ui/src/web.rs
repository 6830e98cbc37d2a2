//! Request plumbing: who is asking (the API's session cookie), the language, the CSRF token,
//! form bodies, and turning templates into responses with the security headers.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use hmac::{Hmac, KeyInit, Mac};
use omgang_app::{Actor, AppError, FieldError};
use omgang_domain::text::Lang;
use serde_json::{Value as Json, json};
use sha2::Sha256;

use crate::Ui;

/// The session cookie of the API (the same sign-in for pages and API).
pub const SESSION_COOKIE: &str = "omgang_session";
/// A random value for visitors who are not signed in, to bind the sign-in form's CSRF token.
pub const PRE_COOKIE: &str = "omgang_pre";
/// The language chosen with the switch (nl or en).
pub const LANG_COOKIE: &str = "omgang_lang";

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

/// The HTTP status of an application error: the one table the API's problem documents and
/// the pages' error pages share.
pub fn status_of(e: &AppError) -> StatusCode {
    match e {
        AppError::Unauthenticated | AppError::SecondFactorRequired => StatusCode::UNAUTHORIZED,
        AppError::EnrolmentRequired => StatusCode::FORBIDDEN,
        AppError::Forbidden => StatusCode::FORBIDDEN,
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Refused(_) | AppError::Conflict | AppError::Duplicate(_) => StatusCode::CONFLICT,
        AppError::Throttled => StatusCode::TOO_MANY_REQUESTS,
        AppError::Unavailable(_) | AppError::Overloaded => StatusCode::SERVICE_UNAVAILABLE,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Everything a page needs to know about the request.
pub struct Page {
    pub actor: Option<Actor>,
    pub lang: Lang,
    /// The CSRF token for forms on this page.
    pub csrf: String,
    /// A new pre-session cookie value to set (first visit, not signed in).
    pub new_pre: Option<String>,
    pub session: Option<String>,
    /// The path and query of this request (to come back after sign-in).
    pub path: String,
    /// The request came from another site (Origin differs from Host).
    pub cross_origin: bool,
    /// The client's address (for the audit log).
    pub ip: Option<String>,
    /// The session could not be read because the database is unreachable: the page says
    /// so instead of sending a signed-in user to the sign-in page.
    pub unavailable: bool,
    /// Changes waiting on Mijn werk ("Wat is er veranderd"), for the navigation's badge
    /// (pages only, not form posts).
    pub badge: Option<usize>,
}

pub fn random_hex(bytes: usize) -> String {
    let v: Vec<u8> = (0..bytes).map(|_| rand::random::<u8>()).collect();
    hex::encode(v)
}

impl Ui {
    /// HMAC-SHA256 of the session (or pre-session) value with the server's secret.
    pub fn csrf_for(&self, binding: &str) -> String {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.secret) else {
            return String::new();
        };
        mac.update(b"omgang-ui csrf v1\0");
        mac.update(binding.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

impl FromRequestParts<Arc<Ui>> for Page {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, ui: &Arc<Ui>) -> Result<Self, Self::Rejection> {
        let headers = &parts.headers;
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ci| ci.0.ip().to_string());
        let session = cookie(headers, SESSION_COOKIE).map(str::to_owned);
        let mut unavailable = false;
        let mut actor = match &session {
            Some(secret) => match ui.app.actor_from_session(secret, ip.clone()).await {
                Ok(a) => a,
                Err(e) => {
                    unavailable = matches!(e, omgang_app::AppError::Unavailable(_));
                    tracing::error!(error = %e, "reading the session failed");
                    None
                }
            },
            None => None,
        };
        let chosen = match cookie(headers, LANG_COOKIE) {
            Some("en") => Some(Lang::En),
            Some("nl") => Some(Lang::Nl),
            _ => None,
        };
        let lang = chosen
            .or(actor.as_ref().map(|a| a.lang))
            .unwrap_or_default();
        if let Some(a) = actor.as_mut() {
            // The application layer answers (labels, refusals) in the chosen language.
            a.lang = lang;
        }
        let pre = cookie(headers, PRE_COOKIE).map(str::to_owned);
        let (binding, new_pre) = match (&session, &pre) {
            (Some(s), _) => (format!("s:{s}"), None),
            (None, Some(p)) => (format!("p:{p}"), None),
            (None, None) => {
                let p = random_hex(16);
                (format!("p:{p}"), Some(p))
            }
        };
        let csrf = ui.csrf_for(&binding);
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
        let cross_origin = headers
            .get(header::ORIGIN)
            .and_then(|o| o.to_str().ok())
            // "null" is what a browser sends under `Referrer-Policy: no-referrer`; the
            // token decides then.
            .filter(|origin| *origin != "null")
            .is_some_and(|origin| {
                let origin_host = origin.split("://").nth(1).unwrap_or(origin);
                Some(origin_host) != host
            });
        // Where the language switch and the sign-in come back to: this page, or for a form
        // that was posted, the case it belongs to.
        let path = if parts.method == axum::http::Method::GET {
            parts
                .uri
                .path_and_query()
                .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned())
        } else {
            let segments: Vec<&str> = parts.uri.path().split('/').collect();
            match segments.as_slice() {
                ["", "dossiers", id, ..] => format!("/dossiers/{id}"),
                ["", "aanmeldingen", "nieuw"] => "/aanmeldingen/nieuw".to_owned(),
                _ => "/".to_owned(),
            }
        };
        // The badge is worth a cached count, never a failed page.
        let badge = match &actor {
            Some(a) if parts.method == axum::http::Method::GET => {
                ui.app.changes_count(a).await.ok().filter(|n| *n > 0)
            }
            _ => None,
        };
        Ok(Page {
            badge,
            actor,
            lang,
            csrf,
            new_pre,
            session,
            path,
            cross_origin,
            ip,
            unavailable,
        })
    }
}

impl Page {
    /// The form carries this page's CSRF token (compared in constant time) and came from us.
    pub fn csrf_ok(&self, form: &Form) -> bool {
        if self.cross_origin || self.new_pre.is_some() {
            return false;
        }
        let given = form.get("csrf").as_bytes();
        let want = self.csrf.as_bytes();
        given.len() == want.len()
            && !want.is_empty()
            && given
                .iter()
                .zip(want)
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }

    pub fn lang_code(&self) -> &'static str {
        match self.lang {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// Where to send someone who is not signed in.
    pub fn to_login(&self) -> Response {
        if self.unavailable {
            return unavailable_page();
        }
        let next: String = form_urlencoded::byte_serialize(self.path.as_bytes()).collect();
        Redirect::to(&format!("/inloggen?next={next}")).into_response()
    }
}

/// A parsed `application/x-www-form-urlencoded` body.
#[derive(Debug, Default, Clone)]
pub struct Form(pub Vec<(String, String)>);

impl Form {
    pub fn parse(body: &[u8]) -> Form {
        Form(
            form_urlencoded::parse(body)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    pub fn opt(&self, name: &str) -> Option<String> {
        let v = self.get(name).trim();
        (!v.is_empty()).then(|| v.to_owned())
    }

    pub fn checked(&self, name: &str) -> bool {
        self.0.iter().any(|(k, v)| k == name && !v.is_empty())
    }

    /// The typed values, to fill the form in again (never the CSRF token).
    pub fn values(&self) -> Json {
        let mut map = serde_json::Map::new();
        for (k, v) in &self.0 {
            if k != "csrf" {
                map.insert(k.clone(), Json::String(v.clone()));
            }
        }
        Json::Object(map)
    }
}

/// The state of one form on a page: which form, what was typed, what is wrong.
#[derive(Debug, Default, Clone)]
pub struct FormState {
    pub form: String,
    pub values: Json,
    pub errors: Vec<FieldError>,
    /// A message for the whole page (a refusal, a conflict, not allowed).
    pub alert: Option<String>,
}

impl FormState {
    pub fn to_json(&self, lang: Lang) -> Json {
        let mut errors = serde_json::Map::new();
        let mut list = Vec::new();
        for e in &self.errors {
            let msg = e.message(lang).to_owned();
            errors
                .entry(e.field.clone())
                .or_insert_with(|| Json::String(msg.clone()));
            list.push(
                json!({"field": e.field, "id": field_id(&self.form, &e.field), "message": msg}),
            );
        }
        json!({
            "form": self.form,
            "values": if self.values.is_null() { json!({}) } else { self.values.clone() },
            "errors": errors,
            "error_list": list,
            "alert": self.alert,
        })
    }
}

/// The HTML id of a form field: the form's name and the field path, safe for `id`.
pub fn field_id(form: &str, field: &str) -> String {
    let mut id = String::from("f-");
    id.push_str(form);
    id.push('-');
    for c in field.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_owned()
}

/// The headers of every page: a strict Content-Security-Policy, no framing.
pub fn security_headers(headers: &mut HeaderMap) {
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; \
             connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

/// An HTML response with the page's cookies and the security headers.
pub fn html(page: &Page, status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    security_headers(headers);
    if let Some(pre) = &page.new_pre
        && let Ok(v) = HeaderValue::from_str(&format!(
            "{PRE_COOKIE}={pre}; Path=/; HttpOnly; SameSite=Strict"
        ))
    {
        headers.append(header::SET_COOKIE, v);
    }
    response
}

/// A redirect after a successful POST (303: the browser follows with GET).
pub fn see_other(to: &str) -> Response {
    let mut r = Redirect::to(to).into_response();
    security_headers(r.headers_mut());
    r
}

/// The 503 page while the database cannot be reached (no template, no database needed).
pub fn unavailable_page() -> Response {
    let body = "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Even niet bereikbaar — omgang</title><link rel=\"stylesheet\" href=\"/ui/app.css\"></head>\
         <body><main id=\"inhoud\" class=\"container\"><h1>Even niet bereikbaar</h1>\
         <p>De gegevens zijn op dit moment niet bereikbaar. Probeer het over een paar seconden opnieuw; er is niets verloren gegaan.</p>\
         <p lang=\"en\">The data cannot be reached right now. Try again in a few seconds; nothing was lost.</p>\
         </main></body></html>";
    let mut r = (StatusCode::SERVICE_UNAVAILABLE, Html(body)).into_response();
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    security_headers(r.headers_mut());
    r
}
