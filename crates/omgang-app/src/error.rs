//! What can go wrong in a use case, in terms a user (and an HTTP status) understands.

use omgang_domain::Refusal;
use omgang_domain::text::{Lang, Text};
use omgang_store::StoreError;
use serde::Serialize;

/// One field's problem, in Dutch and English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// The field, as a JSON path into the request body (e.g. `children[0].birth_date`).
    pub field: String,
    pub message_nl: String,
    pub message_en: String,
}

impl FieldError {
    pub fn new(
        field: impl Into<String>,
        nl: impl Into<String>,
        en: impl Into<String>,
    ) -> FieldError {
        FieldError {
            field: field.into(),
            message_nl: nl.into(),
            message_en: en.into(),
        }
    }

    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.message_nl,
            Lang::En => &self.message_en,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Not signed in, or the sign-in failed.
    #[error("not signed in")]
    Unauthenticated,
    /// Signed in, related to the thing, but not allowed to do this.
    #[error("not allowed")]
    Forbidden,
    /// It does not exist, or the actor may not know that it exists.
    #[error("not found")]
    NotFound,
    /// The input has field-level problems.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// The programme's rules refuse it.
    #[error("{0}")]
    Refused(Refusal),
    /// Someone else changed it at the same time, more often than we retry.
    #[error("conflict")]
    Conflict,
    /// It already exists (e.g. a user with that e-mail address).
    #[error("already exists: {0}")]
    Duplicate(String),
    /// The password was right; now the code of the second factor is needed.
    #[error("second factor required")]
    SecondFactorRequired,
    /// Two-factor sign-in must be set up before anything else.
    #[error("two-factor enrolment required")]
    EnrolmentRequired,
    /// Too many attempts.
    #[error("too many attempts")]
    Throttled,
    /// More requests at once than the server handles; try again in a moment (503).
    #[error("overloaded")]
    Overloaded,
    /// The database cannot be reached right now; try again shortly (503).
    #[error("temporarily unavailable: {0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn invalid(field: &str, nl: &str, en: &str) -> AppError {
        AppError::Invalid(vec![FieldError::new(field, nl, en)])
    }

    /// A title for the problem, in both languages.
    pub fn title(&self) -> Text {
        match self {
            AppError::Unauthenticated => Text::new("Niet aangemeld", "Not signed in"),
            AppError::Forbidden => Text::new("Geen toegang", "Not allowed"),
            AppError::NotFound => Text::new("Niet gevonden", "Not found"),
            AppError::Invalid(_) => Text::new("Controleer de invoer", "Check the input"),
            AppError::Refused(_) => Text::new("Dit kan (nog) niet", "Not possible (yet)"),
            AppError::Conflict => Text::new(
                "Iemand anders wijzigde dit tegelijk; probeer het opnieuw",
                "Someone else changed this at the same time; try again",
            ),
            AppError::Duplicate(_) => Text::new("Bestaat al", "Already exists"),
            AppError::Throttled => Text::new(
                "Te veel pogingen; wacht even",
                "Too many attempts; wait a moment",
            ),
            AppError::SecondFactorRequired => {
                Text::new("Vul de code uit uw app in", "Enter the code from your app")
            }
            AppError::EnrolmentRequired => Text::new(
                "Stel eerst de tweede stap van het aanmelden in",
                "Set up two-factor sign-in first",
            ),
            AppError::Overloaded => Text::new(
                "Het is even te druk; probeer het zo opnieuw",
                "Too busy for a moment; try again shortly",
            ),
            AppError::Unavailable(_) => Text::new(
                "Tijdelijk niet bereikbaar; probeer het zo opnieuw",
                "Temporarily unavailable; try again in a moment",
            ),
            AppError::Internal(_) => Text::new(
                "Er ging iets mis bij ons",
                "Something went wrong on our side",
            ),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict => AppError::Conflict,
            StoreError::Duplicate(what) => AppError::Duplicate(what),
            other if other.is_unavailable() => AppError::Unavailable(other.to_string()),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> Self {
        AppError::Refused(r)
    }
}
