//! The page kit: what every page handler shares. The state type, reading the query, the
//! messages of a failed step ([`failed`], [`read_error`], [`csrf_refused`]), the "done"
//! banner, and the form-step pattern: [`Posted`] is the one preamble of a form post (who is
//! signed in, the form parsed, its CSRF token checked) and [`show_again`] the one ending of
//! a failed step (the same page again, with what was typed and the messages).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use omgang_app::{Actor, AppError};
use omgang_domain::case::PersonRole;
use omgang_domain::text::Lang;
use omgang_domain::{Refusal, Vocabulary};
use serde_json::{Value as Json, json};

use crate::Ui;
use crate::forms;
use crate::web::{Form, FormState, Page, see_other};

pub(crate) type Ui_ = State<Arc<Ui>>;

pub(crate) fn query(raw: &Option<String>) -> Form {
    Form::parse(raw.as_deref().unwrap_or("").as_bytes())
}

/// Only a path of this site is a place to go back to: one leading `/`, then printable ASCII
/// without a backslash. Browsers drop tabs and newlines and read `\` as `/`, so
/// `/\t/evil.example` or `/\\evil.example` would be `//evil.example`, another host; and a
/// control character or non-ASCII byte cannot go into a `Location` header at all. Anything
/// else goes to the home page.
pub(crate) fn safe_next(next: &str) -> &str {
    let printable = next.bytes().all(|b| (0x21..=0x7e).contains(&b));
    let one_slash = next.starts_with('/') && !next.starts_with("//");
    if printable && one_slash && !next.contains('\\') && next.len() <= 2048 {
        next
    } else {
        "/"
    }
}

pub(crate) fn enum_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The result of a failed POST that is shown on a page again.
pub(crate) fn failed(
    ui: &Ui,
    page: &Page,
    form_name: &str,
    form: &Form,
    e: AppError,
) -> Result<(StatusCode, FormState), Box<Response>> {
    failed_values(ui, page, form_name, form.values(), e)
}

/// As [`failed`], with what was typed as JSON: the one mapping of an application error to
/// a page for the staff pages and the portal.
pub(crate) fn failed_values(
    ui: &Ui,
    page: &Page,
    form_name: &str,
    values: Json,
    e: AppError,
) -> Result<(StatusCode, FormState), Box<Response>> {
    let lang = page.lang;
    let state = |status, errors, alert: Option<String>| {
        Ok((
            status,
            FormState {
                form: form_name.to_owned(),
                values: values.clone(),
                errors,
                alert,
            },
        ))
    };
    match e {
        AppError::Unauthenticated => Err(Box::new(page.to_login())),
        AppError::NotFound => Err(Box::new(ui.error(page, StatusCode::NOT_FOUND))),
        AppError::Invalid(errors) => state(
            StatusCode::UNPROCESSABLE_ENTITY,
            errors
                .into_iter()
                .map(|e| {
                    // An empty date is "missing", not "'' is not a valid date".
                    let typed = values[e.field.as_str()].as_str().unwrap_or_default();
                    if typed.trim().is_empty() && e.message_nl.starts_with("''") {
                        forms::own_error(&ui.i18n, &e.field, "err-required")
                    } else {
                        e
                    }
                })
                .collect(),
            Some(ui.i18n.t(lang, "alert-invalid")),
        ),
        // Warnings to confirm: the form comes back with them, what was typed, and the
        // "Toch doorgaan" button with a reason field.
        AppError::Refused(
            ref refusal @ (Refusal::ConfirmationNeeded { ref warnings }
            | Refusal::ConfirmationReasonRequired { ref warnings }),
        ) => {
            let mut values = values.clone();
            if let Some(v) = values.as_object_mut() {
                let codes: Vec<&str> = warnings.iter().map(|w| w.code.as_str()).collect();
                v.insert(
                    "warnings".into(),
                    json!(
                        warnings
                            .iter()
                            .map(|w| json!({
                                "code": w.code.as_str(),
                                "text": w.text.get(lang),
                                "needs_reason": w.needs_reason,
                            }))
                            .collect::<Vec<_>>()
                    ),
                );
                v.insert("confirm_codes".into(), json!(codes.join(",")));
                v.insert(
                    "needs_reason".into(),
                    json!(warnings.iter().any(|w| w.needs_reason)),
                );
            }
            let alert = match refusal {
                Refusal::ConfirmationReasonRequired { .. } => refusal.message(lang),
                _ => ui.i18n.t(lang, "plan-warnings-alert"),
            };
            Ok((
                StatusCode::CONFLICT,
                FormState {
                    form: form_name.to_owned(),
                    values,
                    errors: Vec::new(),
                    alert: Some(alert),
                },
            ))
        }
        AppError::Refused(refusal) => state(
            StatusCode::CONFLICT,
            Vec::new(),
            Some(refusal.message(lang)),
        ),
        AppError::Forbidden => state(
            StatusCode::FORBIDDEN,
            Vec::new(),
            Some(ui.i18n.t(lang, "alert-forbidden")),
        ),
        AppError::Internal(detail) => {
            tracing::error!(%detail, "internal error");
            Err(Box::new(ui.error(page, StatusCode::INTERNAL_SERVER_ERROR)))
        }
        AppError::Unavailable(detail) => {
            tracing::warn!(%detail, "database unavailable");
            Err(Box::new(ui.error(page, StatusCode::SERVICE_UNAVAILABLE)))
        }
        AppError::Overloaded => Err(Box::new(ui.error(page, StatusCode::SERVICE_UNAVAILABLE))),
        other => state(
            StatusCode::CONFLICT,
            Vec::new(),
            Some(other.title().get(lang).to_owned()),
        ),
    }
}

/// An error while only reading: a friendly error page with the status of
/// [`crate::web::status_of`] (a form's problems cannot arise here: a 500).
pub(crate) fn read_error(ui: &Ui, page: &Page, e: AppError) -> Response {
    match e {
        AppError::Unauthenticated => page.to_login(),
        AppError::NotFound | AppError::Forbidden | AppError::Overloaded => {
            ui.error(page, crate::web::status_of(&e))
        }
        AppError::Unavailable(detail) => {
            tracing::warn!(%detail, "database unavailable");
            ui.error(page, StatusCode::SERVICE_UNAVAILABLE)
        }
        other => {
            tracing::error!(error = %other, "reading failed");
            ui.error(page, StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

pub(crate) fn csrf_refused(ui: &Ui, page: &Page) -> Response {
    ui.error(page, StatusCode::BAD_REQUEST)
}

/// "done" banner after a successful step (`?klaar=step`).
pub(crate) fn done_message(ui: &Ui, page: &Page, raw: &Option<String>) -> Option<String> {
    let q = query(raw);
    let step = q.get("klaar");
    let key = format!("done-{step}");
    (!step.is_empty() && ui.i18n.has(page.lang, &key)).then(|| ui.i18n.t(page.lang, &key))
}

/// The roles the staff's registration form offers for the people of a family (a case director
/// is added to a running case, not registered).
pub(crate) const PERSON_ROLES_REGISTERED: [PersonRole; 7] = [
    PersonRole::ResidentParent,
    PersonRole::NonResidentParent,
    PersonRole::Guardian,
    PersonRole::FosterCarer,
    PersonRole::ResidentialGroup,
    PersonRole::Referrer,
    PersonRole::Other,
];

/// The roles the public registration form offers (a residential group is registered by a
/// professional, through the staff's form).
pub(crate) const PERSON_ROLES_PUBLIC: [PersonRole; 6] = [
    PersonRole::ResidentParent,
    PersonRole::NonResidentParent,
    PersonRole::Guardian,
    PersonRole::FosterCarer,
    PersonRole::Referrer,
    PersonRole::Other,
];

/// Options of a select or radio group over one of the domain's lists (its enum is the only list
/// of the values), labelled by the domain's own words for them.
pub(crate) fn choices<T: Vocabulary>(lang: Lang, values: &[T]) -> Vec<Json> {
    crate::words::options(lang, values)
}

pub(crate) fn programme_options(ui: &Ui, lang: Lang) -> Vec<Json> {
    ui.app
        .all_programmes()
        .iter()
        .map(|p| {
            let name = p.name.get(lang);
            json!({ "id": p.id, "name": name, "value": p.id, "label": name })
        })
        .collect()
}

// ---- the form step ---------------------------------------------------------------------------

/// Who may post a form, as the first check of [`Posted`]: someone signed in ([`Actor`]), anyone
/// ([`Anyone`]: the sign-in, the password reset, the public registration), or what a part of
/// the site asks more (the portal's parents). Only whether to go on: what the poster may do
/// is the application layer's to decide.
pub(crate) trait Poster: Sized {
    /// The poster of this page's request, or the response for one who is not.
    fn of(page: &Page) -> Result<Self, Box<Response>>;
}

/// Signed in, or sent to the sign-in page.
impl Poster for Actor {
    fn of(page: &Page) -> Result<Self, Box<Response>> {
        page.actor.clone().ok_or_else(|| Box::new(page.to_login()))
    }
}

/// A form anyone may send (the CSRF token is still checked).
pub(crate) struct Anyone;

impl Poster for Anyone {
    fn of(_: &Page) -> Result<Self, Box<Response>> {
        Ok(Anyone)
    }
}

/// A posted form, the one preamble of every form step: the page, who posts (checked first:
/// see [`Poster`]), and the form parsed from the body, its CSRF token checked (else
/// [`csrf_refused`]). The body is read as [`Bytes`] reads it (its limits and their answers).
pub(crate) struct Posted<W = Actor> {
    pub page: Page,
    pub who: W,
    pub form: Form,
}

impl<W: Poster> FromRequest<Arc<Ui>> for Posted<W> {
    type Rejection = Response;

    async fn from_request(req: Request, ui: &Arc<Ui>) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let page = match Page::from_request_parts(&mut parts, ui).await {
            Ok(page) => page,
            Err(never) => match never {},
        };
        let body = Bytes::from_request(Request::from_parts(parts, body), ui)
            .await
            .map_err(IntoResponse::into_response)?;
        let who = W::of(&page).map_err(|r| *r)?;
        let form = Form::parse(&body);
        if !page.csrf_ok(&form) {
            return Err(csrf_refused(ui, &page));
        }
        Ok(Posted { page, who, form })
    }
}

/// The end of a failed form step: the page again (`again`, with the status and the form's
/// state of [`failed_values`]), or the response that error calls for instead.
pub(crate) async fn show_again<F, Fut>(
    ui: &Ui,
    page: &Page,
    form_name: &str,
    values: Json,
    e: AppError,
    again: F,
) -> Response
where
    F: FnOnce(StatusCode, FormState) -> Fut,
    Fut: Future<Output = Response>,
{
    match failed_values(ui, page, form_name, values, e) {
        Ok((status, fs)) => again(status, fs).await,
        Err(r) => *r,
    }
}

/// A whole form step's ending: on success a redirect to `to` (with its "done" banner), else
/// the page again as in [`show_again`].
pub(crate) async fn finish<T, F, Fut>(
    ui: &Ui,
    page: &Page,
    form_name: &str,
    form: &Form,
    result: Result<T, AppError>,
    to: &str,
    again: F,
) -> Response
where
    F: FnOnce(StatusCode, FormState) -> Fut,
    Fut: Future<Output = Response>,
{
    match result {
        Ok(_) => see_other(to),
        Err(e) => show_again(ui, page, form_name, form.values(), e, again).await,
    }
}
