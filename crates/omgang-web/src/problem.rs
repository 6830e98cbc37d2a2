//! RFC 9457 problem details for every error of the API.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use omgang_app::AppError;
use omgang_domain::text::Lang;
use serde::Serialize;
use utoipa::ToSchema;

/// A field-level problem.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FieldProblem {
    /// JSON path of the field in the request body (or the query parameter).
    pub field: String,
    /// In the language of the request.
    pub message: String,
    pub message_nl: String,
    pub message_en: String,
}

/// A warning to confirm before the step is taken ("toch plannen").
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct WarningProblem {
    /// Send this code in `confirm` to go ahead anyway.
    pub code: String,
    /// In the language of the request.
    pub message: String,
    pub message_nl: String,
    pub message_en: String,
    /// Going ahead needs a `reason` (recorded on the case's timeline).
    pub needs_reason: bool,
}

/// `application/problem+json` (RFC 9457).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI reference naming the kind of problem.
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    /// What went wrong, in the language of the request.
    pub detail: String,
    /// Stable machine code (for refusals by the programme rules: the refusal code).
    pub code: String,
    /// The explanation in Dutch and in English.
    pub detail_nl: String,
    pub detail_en: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
    /// For `confirmation_needed` and `confirmation_reason_required`: the warnings to confirm.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<WarningProblem>,
}

/// An error on its way out, with the language to explain it in.
#[derive(Debug)]
pub struct ApiError {
    pub error: AppError,
    pub lang: Lang,
}

impl ApiError {
    pub fn new(error: AppError, lang: Lang) -> ApiError {
        ApiError { error, lang }
    }

    pub fn problem(&self) -> Problem {
        let e = &self.error;
        let status = status_of(e);
        let title = e.title();
        let (code, nl, en) = match e {
            AppError::Refused(r) => (r.code(), r.message(Lang::Nl), r.message(Lang::En)),
            AppError::Invalid(fields) => (
                "invalid_input".to_owned(),
                format!("{} veld(en) kloppen niet.", fields.len()),
                format!("{} field(s) are not right.", fields.len()),
            ),
            AppError::Unauthenticated => (
                "unauthenticated".into(),
                "Meld u aan (sessie of API-token).".into(),
                "Sign in (session or API token).".into(),
            ),
            AppError::Forbidden => (
                "forbidden".into(),
                "U mag dit niet doen in deze rol.".into(),
                "You may not do this in your role.".into(),
            ),
            AppError::NotFound => (
                "not_found".into(),
                "Niet gevonden.".into(),
                "Not found.".into(),
            ),
            AppError::SecondFactorRequired => (
                "second_factor_required".into(),
                "Vul ook de code uit uw authenticator-app in (of een herstelcode).".into(),
                "Also enter the code from your authenticator app (or a recovery code).".into(),
            ),
            AppError::EnrolmentRequired => (
                "two_factor_enrolment_required".into(),
                "Stel eerst aanmelden in twee stappen in (POST /api/v1/auth/two-factor/enrol)."
                    .into(),
                "Set up two-factor sign-in first (POST /api/v1/auth/two-factor/enrol).".into(),
            ),
            AppError::Conflict => ("conflict".into(), title.nl.clone(), title.en.clone()),
            AppError::Duplicate(what) => (
                "duplicate".into(),
                format!("Bestaat al: {what}"),
                format!("Already exists: {what}"),
            ),
            AppError::Throttled => ("throttled".into(), title.nl.clone(), title.en.clone()),
            AppError::Overloaded => (
                "overloaded".into(),
                "Het is even te druk. Probeer het over een seconde opnieuw.".into(),
                "Too busy for a moment. Try again in a second.".into(),
            ),
            AppError::Unavailable(_) => (
                "unavailable".into(),
                "De database is even niet bereikbaar. Probeer het over een paar seconden opnieuw."
                    .into(),
                "The database cannot be reached for a moment. Try again in a few seconds.".into(),
            ),
            AppError::Internal(_) => (
                "internal".into(),
                "Er ging iets mis bij ons. Probeer het later opnieuw.".into(),
                "Something went wrong on our side. Try again later.".into(),
            ),
        };
        let errors = match e {
            AppError::Invalid(fields) => fields
                .iter()
                .map(|f| FieldProblem {
                    field: f.field.clone(),
                    message: f.message(self.lang).to_owned(),
                    message_nl: f.message_nl.clone(),
                    message_en: f.message_en.clone(),
                })
                .collect(),
            _ => Vec::new(),
        };
        let warnings = match e {
            AppError::Refused(
                omgang_domain::Refusal::ConfirmationNeeded { warnings }
                | omgang_domain::Refusal::ConfirmationReasonRequired { warnings },
            ) => warnings
                .iter()
                .map(|w| WarningProblem {
                    code: w.code.as_str().to_owned(),
                    message: w.text.get(self.lang).to_owned(),
                    message_nl: w.text.nl.clone(),
                    message_en: w.text.en.clone(),
                    needs_reason: w.needs_reason,
                })
                .collect(),
            _ => Vec::new(),
        };
        Problem {
            type_: format!("/problems/{code}"),
            title: title.get(self.lang).to_owned(),
            status: status.as_u16(),
            detail: if self.lang == Lang::Nl {
                nl.clone()
            } else {
                en.clone()
            },
            code,
            detail_nl: nl,
            detail_en: en,
            errors,
            warnings,
        }
    }
}

/// The HTTP status of an application error: one table for the API and the pages.
pub use omgang_ui::web::status_of;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match &self.error {
            AppError::Internal(msg) => tracing::error!(error = %msg, "internal error"),
            AppError::Unavailable(msg) => tracing::warn!(error = %msg, "database unavailable"),
            _ => {}
        }
        let problem = self.problem();
        let status =
            StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if status == StatusCode::SERVICE_UNAVAILABLE {
            headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
        (status, headers, axum::Json(problem)).into_response()
    }
}

pub fn lang_of(headers: &HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default()
}

/// 405 as a problem document (axum's own answer has no body).
pub fn method_not_allowed(lang: Lang) -> Response {
    let (nl, en) = (
        "Deze methode kan hier niet; zie /api/v1/openapi.json.".to_owned(),
        "This method is not allowed here; see /api/v1/openapi.json.".to_owned(),
    );
    let problem = Problem {
        type_: "/problems/method_not_allowed".into(),
        title: if lang == Lang::Nl {
            "Methode niet toegestaan"
        } else {
            "Method not allowed"
        }
        .into(),
        status: 405,
        detail: if lang == Lang::Nl {
            nl.clone()
        } else {
            en.clone()
        },
        code: "method_not_allowed".into(),
        detail_nl: nl,
        detail_en: en,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    (StatusCode::METHOD_NOT_ALLOWED, headers, axum::Json(problem)).into_response()
}
