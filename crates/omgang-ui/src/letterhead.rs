//! The logo on the organisation's documents (Beheer): upload, show, remove. The application
//! layer decides who may (`OrgAction::ManageLetterhead`) and checks the file by its content.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::beheer::render_overview;
use crate::kit::{Posted, Ui_, csrf_refused, show_again};
use crate::upload::read_upload;
use crate::web::{Form, Page, see_other};

const FORM: &str = "logo";

pub async fn upload(
    State(ui): Ui_,
    page: Page,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let (result, form) = match read_upload(multipart).await {
        Ok((upload, form)) => {
            if !page.csrf_ok(&form) {
                return csrf_refused(&ui, &page);
            }
            (ui.app.set_logo(&actor, Some(&upload)).await, form)
        }
        Err(e) => (Err(e), Form::default()),
    };
    match result {
        Ok(()) => see_other("/beheer?klaar=logo#logo"),
        Err(e) => {
            show_again(&ui, &page, FORM, form.values(), e, |status, fs| {
                render_overview(&ui, &page, &actor, status, fs, None)
            })
            .await
        }
    }
}

pub async fn remove(
    State(ui): Ui_,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
    match ui.app.set_logo(&actor, None).await {
        Ok(()) => see_other("/beheer?klaar=logo-weg#logo"),
        Err(e) => {
            show_again(&ui, &page, FORM, form.values(), e, |status, fs| {
                render_overview(&ui, &page, &actor, status, fs, None)
            })
            .await
        }
    }
}

/// The current logo as an image (for Beheer's preview), to those who may change it.
pub async fn image(State(ui): Ui_, page: Page) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    if !omgang_app::policy::may_org(
        &actor,
        &actor.org_id,
        omgang_app::policy::OrgAction::ManageLetterhead,
    ) {
        return ui.error(&page, StatusCode::FORBIDDEN);
    }
    match ui.app.logo(actor.org_id.as_str()).await {
        Ok(Some((media_type, bytes))) => {
            let mut response = (StatusCode::OK, bytes).into_response();
            if let Ok(v) = HeaderValue::from_str(&media_type) {
                response.headers_mut().insert(header::CONTENT_TYPE, v);
            }
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            response
        }
        Ok(None) => ui.error(&page, StatusCode::NOT_FOUND),
        Err(e) => crate::kit::read_error(&ui, &page, e),
    }
}
