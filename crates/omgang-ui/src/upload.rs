//! File uploads (multipart/form-data) for the pages and the API, and file downloads: one
//! reader, one response, so both send and accept files the same way.

use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use omgang_app::AppError;
use omgang_app::attachments::{Download, MAX_ATTACHMENT_BYTES, Upload};

use crate::web::Form;

/// The request body limit of an upload route: the largest file and the form around it.
pub const UPLOAD_BODY_LIMIT: usize = MAX_ATTACHMENT_BYTES + 256 * 1024;

/// Reads an upload form: the part named `file` is the file, every other part a text field
/// (returned as a [`Form`], so the CSRF token and the typed values are read as usual). A
/// body that is not a readable multipart form, or too large, is a field error on `file`.
pub async fn read_upload(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(Upload, Form), AppError> {
    let unreadable = |detail: String| {
        AppError::invalid(
            "file",
            &format!("Het bestand kon niet worden gelezen ({detail}); probeer het opnieuw."),
            &format!("The file could not be read ({detail}); please try again."),
        )
    };
    let mut multipart = multipart.map_err(|e| unreadable(e.body_text()))?;
    let mut upload = Upload::default();
    let mut fields = Vec::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                let mb = MAX_ATTACHMENT_BYTES / (1024 * 1024);
                return Err(AppError::invalid(
                    "file",
                    &format!("Het bestand is te groot: het mag hoogstens {mb} MB zijn."),
                    &format!("The file is too large: it may be at most {mb} MB."),
                ));
            }
            Err(e) => return Err(unreadable(e.body_text())),
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            upload.name = field.file_name().unwrap_or_default().to_owned();
            upload.content = field
                .bytes()
                .await
                .map_err(|e| unreadable(e.body_text()))?
                .to_vec();
        } else {
            let text = field.text().await.map_err(|e| unreadable(e.body_text()))?;
            if name == "description" {
                upload.description = text.clone();
            }
            fields.push((name, text));
        }
    }
    Ok((upload, Form(fields)))
}

/// A file as a download: its own type, saved under its name, never shown inline or sniffed,
/// never cached.
pub fn download_response(file: Download) -> Response {
    let ascii: String = file
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = form_urlencoded::byte_serialize(file.name.as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    let mut response = (StatusCode::OK, file.content).into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&file.media_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}
