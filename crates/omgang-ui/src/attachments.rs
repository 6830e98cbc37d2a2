//! The case page's files ("Bijlagen"): add one (a multipart form), download, remove. The
//! application layer decides who may (lead coordinators) and audits each step.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::kit::{Posted, Ui_, csrf_refused, failed, read_error, show_again};
use crate::pages::render_case;
use crate::upload::{download_response, read_upload};
use crate::web::{Form, Page, see_other};

/// The form's name on the case page (its messages and typed values come back under it).
const FORM: &str = "bijlage";

pub async fn add(
    State(ui): Ui_,
    page: Page,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let (upload, form) = match read_upload(multipart).await {
        Ok(read) => read,
        // Unreadable: nothing was typed that could come back, only the message (after the
        // policy's answer, so a stranger hears "not allowed").
        Err(e) => {
            let e = match ui.app.may_add_attachment(&actor, &id).await {
                Ok(()) => e,
                Err(refused) => refused,
            };
            return back(&ui, &page, &actor, &id, &Form::default(), e).await;
        }
    };
    if !page.csrf_ok(&form) {
        return csrf_refused(&ui, &page);
    }
    match ui.app.add_attachment(&actor, &id, &upload).await {
        Ok(_) => see_other(&format!("/dossiers/{id}?klaar=bijlage#bijlagen")),
        Err(e) => back(&ui, &page, &actor, &id, &form, e).await,
    }
}

async fn back(
    ui: &crate::Ui,
    page: &Page,
    actor: &omgang_app::Actor,
    id: &str,
    form: &Form,
    e: omgang_app::AppError,
) -> Response {
    show_again(ui, page, FORM, form.values(), e, |status, fs| {
        render_case(ui, page, actor, id, status, fs, None)
    })
    .await
}

pub async fn download(
    State(ui): Ui_,
    page: Page,
    Path((id, file)): Path<(String, String)>,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    match ui.app.attachment(&actor, &id, &file).await {
        Ok(found) => download_response(found),
        Err(e) => read_error(&ui, &page, e),
    }
}

pub async fn remove(
    State(ui): Ui_,
    Path((id, file)): Path<(String, String)>,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
    match ui.app.remove_attachment(&actor, &id, &file).await {
        Ok(()) => see_other(&format!("/dossiers/{id}?klaar=bijlage-weg#bijlagen")),
        Err(e) => match failed(&ui, &page, FORM, &form, e) {
            Ok((status, fs)) => {
                let status = if status == StatusCode::OK {
                    StatusCode::CONFLICT
                } else {
                    status
                };
                render_case(&ui, &page, &actor, &id, status, fs, None).await
            }
            Err(r) => *r,
        },
    }
}
