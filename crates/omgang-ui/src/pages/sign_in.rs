//! Signing in and out: the sign-in page, the second factor's enrolment, the language switch.

use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use omgang_app::auth::LoginInput;
use omgang_app::two_factor::SignIn;
use omgang_app::{Actor, AppError};
use omgang_domain::text::Lang;
use serde_json::json;

use crate::Ui;
use crate::kit::*;
use crate::web::{FormState, LANG_COOKIE, Page, SESSION_COOKIE, see_other};

// ---- sign-in, sign-out, language ----------------------------------------------------------

pub async fn login_page(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    if page.actor.is_some() {
        return see_other("/");
    }
    let q = query(&raw);
    let done = done_message(&ui, &page, &raw);
    ui.render(
        &page,
        StatusCode::OK,
        "login.html",
        json!({ "next": safe_next(q.get("next")), "fs": FormState::default().to_json(page.lang), "done": done }),
    )
}

pub async fn login(State(ui): Ui_, Posted { page, form, .. }: Posted<Anyone>) -> Response {
    let next = safe_next(form.get("next")).to_owned();
    let input = LoginInput {
        email: form.get("email").trim().to_owned(),
        password: form.get("password").to_owned(),
    };
    let code = form.opt("code");
    let secure = if ui.app.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let with_session = |to: &str, secret: &str| {
        let mut r = see_other(to);
        if let Ok(v) = HeaderValue::from_str(&format!(
            "{SESSION_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Strict{secure}"
        )) {
            r.headers_mut().append(header::SET_COOKIE, v);
        }
        r
    };
    match ui
        .app
        .login_with_code(&input, code.as_deref(), page.ip.clone())
        .await
    {
        Ok(SignIn::Session(secret, actor)) => {
            // The language remembered for this user applies from sign-in on.
            let mut r = with_session(&next, &secret);
            if let Ok(v) = HeaderValue::from_str(&lang_cookie(actor.lang)) {
                r.headers_mut().append(header::SET_COOKIE, v);
            }
            r
        }
        // Password right, but the second factor must be set up first.
        Ok(SignIn::Enrol(secret, _)) => with_session("/tweestap", &secret),
        Err(e) => {
            let (status, alert) = match e {
                AppError::Unauthenticated => (
                    StatusCode::UNAUTHORIZED,
                    ui.i18n.t(page.lang, "login-failed"),
                ),
                AppError::SecondFactorRequired => (
                    StatusCode::UNAUTHORIZED,
                    ui.i18n.t(page.lang, "login-code-needed"),
                ),
                AppError::Throttled => (
                    StatusCode::TOO_MANY_REQUESTS,
                    e.title().get(page.lang).to_owned(),
                ),
                other => {
                    tracing::error!(error = %other, "sign-in failed");
                    return ui.error(&page, StatusCode::INTERNAL_SERVER_ERROR);
                }
            };
            let mut values = form.values();
            if let Some(v) = values.as_object_mut() {
                v.remove("password");
                v.remove("code");
            }
            let fs = FormState {
                form: "login".into(),
                values,
                errors: Vec::new(),
                alert: Some(alert),
            };
            ui.render(
                &page,
                status,
                "login.html",
                json!({ "next": next, "fs": fs.to_json(page.lang) }),
            )
        }
    }
}

// ---- two-factor enrolment -----------------------------------------------------------------

/// The person setting up the second factor: signed in fully, or with a session that waits
/// for enrolment. The second value is that waiting session's secret.
async fn enrolling(ui: &Ui, page: &Page) -> Result<(Actor, Option<String>), Response> {
    if let Some(actor) = &page.actor {
        return Ok((actor.clone(), None));
    }
    let Some(secret) = &page.session else {
        return Err(page.to_login());
    };
    match ui
        .app
        .actor_from_pending_session(secret, page.ip.clone())
        .await
    {
        Ok(Some(actor)) => Ok((actor, Some(secret.clone()))),
        Ok(None) => Err(page.to_login()),
        Err(e) => Err(read_error(ui, page, e)),
    }
}

pub async fn two_factor_page(State(ui): Ui_, page: Page) -> Response {
    let (actor, _) = match enrolling(&ui, &page).await {
        Ok(found) => found,
        Err(r) => return r,
    };
    let enrolment = match ui.app.enrol_totp(&actor).await {
        Ok(e) => e,
        Err(e) => return read_error(&ui, &page, e),
    };
    // The QR code is an SVG drawing (no script, no style); the XML prologue is dropped.
    let svg = enrolment
        .qr_svg
        .find("<svg")
        .map_or("", |i| &enrolment.qr_svg[i..])
        .to_owned();
    ui.render(
        &page,
        StatusCode::OK,
        "two_factor.html",
        json!({
            "qr_svg": svg,
            "otpauth_url": enrolment.otpauth_url,
            "fs": FormState::default().to_json(page.lang),
        }),
    )
}

pub async fn two_factor_confirm(
    State(ui): Ui_,
    Posted { page, form, .. }: Posted<Anyone>,
) -> Response {
    let (actor, pending) = match enrolling(&ui, &page).await {
        Ok(found) => found,
        Err(r) => return r,
    };
    let input = omgang_app::two_factor::CodeInput {
        code: form.get("code").to_owned(),
    };
    match ui
        .app
        .confirm_totp(&actor, &input, pending.as_deref())
        .await
    {
        Ok((codes, session)) => {
            let mut r = ui.render(
                &page,
                StatusCode::OK,
                "two_factor.html",
                json!({ "recovery_codes": codes.recovery_codes, "fs": FormState::default().to_json(page.lang) }),
            );
            if let Some(secret) = session {
                let secure = if ui.app.settings.secure_cookies {
                    "; Secure"
                } else {
                    ""
                };
                if let Ok(v) = HeaderValue::from_str(&format!(
                    "{SESSION_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Strict{secure}"
                )) {
                    r.headers_mut().append(header::SET_COOKIE, v);
                }
            }
            r
        }
        Err(e) => match failed(&ui, &page, "tweestap", &form, e) {
            // The code was wrong: no new QR code (the app already holds this one).
            Ok((status, fs)) => ui.render(
                &page,
                status,
                "two_factor.html",
                json!({ "retry": true, "fs": fs.to_json(page.lang) }),
            ),
            Err(r) => *r,
        },
    }
}

pub async fn logout(State(ui): Ui_, Posted { page, form: _, .. }: Posted<Anyone>) -> Response {
    if let Some(secret) = &page.session
        && let Err(e) = ui.app.logout(secret).await
    {
        tracing::error!(error = %e, "sign-out failed");
    }
    let mut r = see_other("/inloggen?klaar=uitgelogd");
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
    )) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

pub async fn set_lang(State(ui): Ui_, Posted { page, form, .. }: Posted<Anyone>) -> Response {
    let lang = if form.get("lang") == "en" {
        Lang::En
    } else {
        Lang::Nl
    };
    // Signed in: remembered for the user (used again after the next sign-in).
    if let Some(actor) = &page.actor
        && let Err(e) = ui.app.set_language(actor, lang).await
    {
        tracing::error!(error = %e, "remembering the language failed");
    }
    let mut r = see_other(safe_next(form.get("next")));
    if let Ok(v) = HeaderValue::from_str(&lang_cookie(lang)) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

fn lang_cookie(lang: Lang) -> String {
    let code = match lang {
        Lang::En => "en",
        Lang::Nl => "nl",
    };
    format!("{LANG_COOKIE}={code}; Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000")
}
