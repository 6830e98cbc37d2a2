//! The privacy officer's pages: who looked at a case (`/privacy/dossiers/{id}`, or find it by
//! reference with `/privacy?dossier=2026-00012`), and what one person looked at in the
//! organisation's cases (`/privacy?persoon=e-mail address`). Who may ask is the policy's
//! decision (`App::case_access`, `App::person_access`); every question is audited there.

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use omgang_app::AppError;
use omgang_app::access_log::AccessLine;
use omgang_domain::text::Lang;
use serde_json::{Value as Json, json};

use crate::Ui;
use crate::forms::own_error;
use crate::kit::{Ui_, query, read_error};
use crate::web::{FormState, Page, see_other};

/// The action of an audit line in words, where we have them (`plan_session:supervised_visit`
/// → "afspraak plannen"); otherwise the code itself.
fn action_label(ui: &Ui, lang: Lang, action: &str) -> String {
    let base = action.split(':').next().unwrap_or(action);
    let key = format!("privacy-action-{}", base.replace('_', "-"));
    if ui.i18n.has(lang, &key) {
        ui.i18n.t(lang, &key)
    } else {
        action.to_owned()
    }
}

fn lines_json(ui: &Ui, lang: Lang, lines: &[AccessLine]) -> Vec<Json> {
    lines
        .iter()
        .map(|l| {
            json!({
                "at": l.at,
                "who": l.who,
                "user_id": l.user_id,
                "role": l.role,
                "organisation": l.organisation,
                "action": action_label(ui, lang, &l.action),
                "code": l.action,
                "detail": l.detail,
                "allowed": l.allowed,
                "ip": l.ip,
                "case_id": l.case_id,
                "reference": l.reference,
            })
        })
        .collect()
}

fn render(ui: &Ui, page: &Page, status: StatusCode, ctx: Json) -> Response {
    let mut full = json!({ "nav": "privacy", "fs": FormState::default().to_json(page.lang) });
    if let (Some(full), Json::Object(extra)) = (full.as_object_mut(), ctx) {
        full.extend(extra);
    }
    ui.render(page, status, "privacy.html", full)
}

/// The search page, a reference to look up, or a person's lines.
pub async fn search(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let q = query(&raw);
    let lang = page.lang;
    if let Some(reference) = q.opt("dossier") {
        return match ui.app.case_id_for_audit(&actor, &reference).await {
            Ok(id) => see_other(&format!("/privacy/dossiers/{id}")),
            Err(AppError::NotFound | AppError::Forbidden) => {
                let fs = FormState {
                    form: "dossier".into(),
                    values: json!({ "dossier": reference }),
                    errors: vec![own_error(&ui.i18n, "dossier", "privacy-err-case")],
                    alert: Some(ui.i18n.t(lang, "alert-invalid")),
                };
                render(
                    &ui,
                    &page,
                    StatusCode::NOT_FOUND,
                    json!({ "fs": fs.to_json(lang) }),
                )
            }
            Err(e) => read_error(&ui, &page, e),
        };
    }
    if let Some(who) = q.opt("persoon") {
        return match ui.app.person_access(&actor, &who).await {
            Ok(person) => {
                let lines = lines_json(&ui, lang, &person.lines);
                render(
                    &ui,
                    &page,
                    StatusCode::OK,
                    json!({ "person": {
                        "name": person.name,
                        "email": person.email,
                        "role": person.role,
                        "organisation": person.organisation,
                        "truncated": person.truncated,
                    }, "lines": lines, "persoon": who }),
                )
            }
            Err(e @ (AppError::Invalid(_) | AppError::Forbidden)) => {
                let (status, errors, alert) = match e {
                    AppError::Invalid(_) => (
                        StatusCode::UNPROCESSABLE_ENTITY,
                        vec![own_error(&ui.i18n, "persoon", "privacy-err-person")],
                        ui.i18n.t(lang, "alert-invalid"),
                    ),
                    _ => (
                        StatusCode::FORBIDDEN,
                        Vec::new(),
                        ui.i18n.t(lang, "privacy-person-forbidden"),
                    ),
                };
                let fs = FormState {
                    form: "persoon".into(),
                    values: json!({ "persoon": who }),
                    errors,
                    alert: Some(alert),
                };
                render(&ui, &page, status, json!({ "fs": fs.to_json(lang) }))
            }
            Err(e) => read_error(&ui, &page, e),
        };
    }
    render(&ui, &page, StatusCode::OK, json!({}))
}

/// The answer to an access request (*inzageverzoek*): everything the organisation holds
/// about the person with this e-mail address, in the view that person may see, as a JSON
/// file to hand over. Who may ask, and what the file holds, is the application's decision
/// (`App::export_person`); the question is audited there.
pub async fn access_request(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let q = query(&raw);
    let email = q.get("inzage").trim().to_owned();
    match ui.app.export_person(&actor, &email).await {
        Ok(export) => {
            let body = serde_json::to_string_pretty(&export).unwrap_or_default();
            let safe: String = email
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect();
            let mut r = (StatusCode::OK, body).into_response();
            let h = r.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json; charset=utf-8"),
            );
            if let Ok(v) =
                HeaderValue::from_str(&format!("attachment; filename=\"inzage-{safe}.json\""))
            {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        Err(e @ (AppError::Invalid(_) | AppError::Forbidden)) => {
            let lang = page.lang;
            let (status, errors, alert) = match e {
                AppError::Invalid(_) => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    vec![own_error(&ui.i18n, "inzage", "privacy-err-export")],
                    ui.i18n.t(lang, "alert-invalid"),
                ),
                _ => (
                    StatusCode::FORBIDDEN,
                    Vec::new(),
                    ui.i18n.t(lang, "privacy-export-forbidden"),
                ),
            };
            let fs = FormState {
                form: "inzage".into(),
                values: json!({ "inzage": email }),
                errors,
                alert: Some(alert),
            };
            render(&ui, &page, status, json!({ "fs": fs.to_json(lang) }))
        }
        Err(e) => read_error(&ui, &page, e),
    }
}

/// Who looked at one case.
pub async fn case(State(ui): Ui_, page: Page, Path(id): Path<String>) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    match ui.app.case_access(&actor, &id).await {
        Ok(access) => {
            let lines = lines_json(&ui, page.lang, &access.lines);
            render(
                &ui,
                &page,
                StatusCode::OK,
                json!({ "case": { "id": access.case_id, "reference": access.reference }, "lines": lines }),
            )
        }
        Err(e) => read_error(&ui, &page, e),
    }
}
