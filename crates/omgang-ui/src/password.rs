//! A forgotten password: `/wachtwoord/vergeten` asks for the e-mail address and always gives
//! the same neutral answer (whether an account exists is never told); the link in the
//! e-mail opens `/wachtwoord/nieuw?token=…`, where the new password is set. Through
//! `App::request_password_reset` and `App::reset_password`, as the API.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use omgang_app::password_reset::{ResetConfirm, ResetRequest};
use omgang_app::{AppError, FieldError};
use serde_json::json;

use crate::Ui;
use crate::forms::own_error;
use crate::kit::{Anyone, Posted, Ui_, failed, query};
use crate::web::{FormState, Page, see_other};

const FORGOT: &str = "vergeten";
const NEW: &str = "nieuw";

fn render_forgot(ui: &Ui, page: &Page, status: StatusCode, fs: FormState, sent: bool) -> Response {
    ui.render(
        page,
        status,
        "password_forgot.html",
        json!({ "fs": fs.to_json(page.lang), "sent": sent }),
    )
}

pub async fn forgot_page(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let sent = query(&raw).get("verstuurd") == "1";
    render_forgot(&ui, &page, StatusCode::OK, FormState::default(), sent)
}

pub async fn forgot(State(ui): Ui_, Posted { page, form, .. }: Posted<Anyone>) -> Response {
    let email = form.get("email").trim().to_owned();
    let problem = if email.is_empty() {
        Some("err-required")
    } else if !email.contains('@') || email.chars().count() > 254 {
        Some("pw-err-email")
    } else {
        None
    };
    if let Some(key) = problem {
        let fs = FormState {
            form: FORGOT.into(),
            values: form.values(),
            errors: vec![own_error(&ui.i18n, "email", key)],
            alert: Some(ui.i18n.t(page.lang, "alert-invalid")),
        };
        return render_forgot(&ui, &page, StatusCode::UNPROCESSABLE_ENTITY, fs, false);
    }
    let base = ui.app.settings.public_url.clone();
    match ui
        .app
        .request_password_reset(&ResetRequest { email }, &base, page.ip.clone())
        .await
    {
        // The same answer whether or not there is an account.
        Ok(()) => see_other("/wachtwoord/vergeten?verstuurd=1"),
        Err(e) => {
            tracing::error!(error = %e, "asking for a password reset failed");
            ui.error(&page, StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

fn render_new(
    ui: &Ui,
    page: &Page,
    status: StatusCode,
    token: &str,
    valid: bool,
    mut fs: FormState,
) -> Response {
    // Passwords never come back into the page.
    if let Some(v) = fs.values.as_object_mut() {
        v.remove("password");
        v.remove("password_again");
        v.remove("token");
    }
    ui.render(
        page,
        status,
        "password_new.html",
        json!({ "fs": fs.to_json(page.lang), "token": token, "valid": valid }),
    )
}

pub async fn new_page(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let token = query(&raw).get("token").trim().to_owned();
    let valid = if token.is_empty() || token.len() > 200 {
        false
    } else {
        match ui.app.password_reset_valid(&token).await {
            Ok(v) => v,
            Err(e) => {
                tracing::error!(error = %e, "checking a password reset link failed");
                return ui.error(&page, StatusCode::INTERNAL_SERVER_ERROR);
            }
        }
    };
    render_new(
        &ui,
        &page,
        StatusCode::OK,
        &token,
        valid,
        FormState::default(),
    )
}

pub async fn set_new(State(ui): Ui_, Posted { page, form, .. }: Posted<Anyone>) -> Response {
    let token = form.get("token").trim().to_owned();
    let password = form.get("password").to_owned();
    let again = form.get("password_again");
    let mut errors: Vec<FieldError> = Vec::new();
    if password.is_empty() {
        errors.push(own_error(&ui.i18n, "password", "err-required"));
    } else if let Some((nl, en)) = omgang_app::auth::check_password(&password) {
        // All problems at once: the rules, then whether the two agree.
        errors.push(FieldError::new("password", nl, en));
    }
    if !password.is_empty() {
        if again.is_empty() {
            errors.push(own_error(
                &ui.i18n,
                "password_again",
                "pw-err-again-missing",
            ));
        } else if again != password {
            errors.push(own_error(
                &ui.i18n,
                "password_again",
                "pw-err-again-differs",
            ));
        }
    }
    let result = if errors.is_empty() {
        ui.app
            .reset_password(&ResetConfirm {
                token: token.clone(),
                password,
            })
            .await
    } else {
        Err(AppError::Invalid(errors))
    };
    match result {
        Ok(()) => see_other("/inloggen?klaar=wachtwoord"),
        Err(AppError::Invalid(errors)) if errors.iter().any(|e| e.field == "token") => {
            // The link expired or was used: say so, and offer a new one.
            render_new(
                &ui,
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                &token,
                false,
                FormState::default(),
            )
        }
        Err(e) => match failed(&ui, &page, NEW, &form, e) {
            Ok((status, fs)) => render_new(&ui, &page, status, &token, true, fs),
            Err(r) => *r,
        },
    }
}
