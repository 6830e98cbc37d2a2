//! The files attached to a case.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::extract::Authed;
use crate::problem::{ApiError, Problem};

use super::{ApiResult, AppState};

/// The upload form of a case file (OpenAPI only: the body is read as multipart).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct AttachmentForm {
    /// The file: PDF, PNG or JPEG (found from the content), at most 10 MB.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// What it is ("beschikking van 3 maart 2026").
    description: Option<String>,
}

/// The files of a case (lead coordinators): a signed paper plan, a court order, a referral
/// letter; the newest first. The read is audited.
#[utoipa::path(get, path = "/api/v1/cases/{id}/attachments", tag = "attachments", params(("id" = String, Path)),
    responses((status = 200, body = Vec<omgang_app::attachments::AttachmentView>), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn attachments(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
) -> ApiResult<Vec<omgang_app::attachments::AttachmentView>> {
    app.attachments(&auth.actor, &id)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Adds a file to an open case (multipart/form-data: `file`, optional `description`). Its
/// kind is found from the content; anything but PDF, PNG or JPEG, or more than 10 MB, is a
/// 422 on `file`.
#[utoipa::path(post, path = "/api/v1/cases/{id}/attachments", tag = "attachments", params(("id" = String, Path)),
    request_body(content = AttachmentForm, content_type = "multipart/form-data"),
    responses((status = 201, body = omgang_app::attachments::AttachmentView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_attachment(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, ApiError> {
    let upload = match omgang_ui::upload::read_upload(multipart).await {
        Ok((upload, _)) => upload,
        Err(unreadable) => {
            app.may_add_attachment(&auth.actor, &id)
                .await
                .map_err(|e| auth.err(e))?;
            return Err(auth.err(unreadable));
        }
    };
    app.add_attachment(&auth.actor, &id, &upload)
        .await
        .map(|view| (StatusCode::CREATED, Json(view)).into_response())
        .map_err(|e| auth.err(e))
}

/// One file of a case, as it was uploaded (a download; audited).
#[utoipa::path(get, path = "/api/v1/cases/{id}/attachments/{attachment}", tag = "attachments",
    params(("id" = String, Path), ("attachment" = String, Path)),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn attachment(
    State(app): AppState,
    auth: Authed,
    Path((id, attachment)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    app.attachment(&auth.actor, &id, &attachment)
        .await
        .map(omgang_ui::upload::download_response)
        .map_err(|e| auth.err(e))
}

/// Removes a file of a case.
#[utoipa::path(delete, path = "/api/v1/cases/{id}/attachments/{attachment}", tag = "attachments",
    params(("id" = String, Path), ("attachment" = String, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn remove_attachment(
    State(app): AppState,
    auth: Authed,
    Path((id, attachment)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    app.remove_attachment(&auth.actor, &id, &attachment)
        .await
        .map(|()| StatusCode::NO_CONTENT.into_response())
        .map_err(|e| auth.err(e))
}
