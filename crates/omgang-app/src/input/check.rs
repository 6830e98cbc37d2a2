//! Checking input field by field: each problem named by its field, in Dutch and English,
//! all reported at once.

use jiff::civil::{Date, DateTime};
use omgang_domain::Vocabulary;

use crate::error::{AppError, FieldError};

/// Collects field problems.
#[derive(Default, Debug)]
pub struct Check {
    pub errors: Vec<FieldError>,
}

const MAX_TEXT: usize = 10_000;

const MAX_LINE: usize = 200;

impl Check {
    pub fn push(&mut self, field: &str, nl: impl Into<String>, en: impl Into<String>) {
        self.errors.push(FieldError::new(field, nl, en));
    }

    pub fn finish(self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.errors))
        }
    }

    /// A required single-line text (trimmed).
    pub fn line(&mut self, field: &str, value: &str) -> String {
        let v = value.trim();
        if v.is_empty() {
            self.push(field, "Vul dit veld in.", "This field is required.");
        } else if v.chars().count() > MAX_LINE {
            self.push(
                field,
                format!("Maximaal {MAX_LINE} tekens."),
                format!("At most {MAX_LINE} characters."),
            );
        } else if v.chars().any(char::is_control) {
            self.push(
                field,
                "Gebruik geen regeleinden of stuurtekens.",
                "Do not use line breaks or control characters.",
            );
        }
        v.to_owned()
    }

    /// An optional single-line text: empty means none.
    pub fn opt_line(&mut self, field: &str, value: &Option<String>) -> Option<String> {
        match value.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(v) => Some(self.line(field, v)),
        }
    }

    /// Free text, possibly empty, of bounded length.
    pub fn text(&mut self, field: &str, value: &str) -> String {
        if value.chars().count() > MAX_TEXT {
            self.push(
                field,
                format!("Maximaal {MAX_TEXT} tekens."),
                format!("At most {MAX_TEXT} characters."),
            );
        }
        value.trim().to_owned()
    }

    pub fn opt_text(&mut self, field: &str, value: &Option<String>) -> Option<String> {
        value
            .as_deref()
            .map(|v| self.text(field, v))
            .filter(|v| !v.is_empty())
    }

    pub fn date(&mut self, field: &str, value: &str) -> Option<Date> {
        match value.trim().parse::<Date>() {
            Ok(d) if d.year() >= 1900 && d.year() <= 2200 => Some(d),
            _ => {
                self.push(
                    field,
                    format!("'{value}' is geen geldige datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2026-03-01."),
                    format!("'{value}' is not a valid date; use YYYY-MM-DD, e.g. 2026-03-01."),
                );
                None
            }
        }
    }

    /// A list's `page` (from 1) and `per_page` (1 to `most`), both optional; `what` names the
    /// rows in Dutch and English ("dossiers", "cases").
    pub fn paging(
        &mut self,
        page: Option<u32>,
        per_page: Option<u32>,
        most: u32,
        (what_nl, what_en): (&str, &str),
    ) {
        if per_page.is_some_and(|n| !(1..=most).contains(&n)) {
            self.push(
                "per_page",
                format!("Kies 1 tot en met {most} {what_nl} per pagina."),
                format!("Choose 1 to {most} {what_en} per page."),
            );
        }
        if page == Some(0) {
            self.push("page", "Pagina's tellen vanaf 1.", "Pages count from 1.");
        }
    }

    pub fn opt_date(&mut self, field: &str, value: &Option<String>) -> Option<Date> {
        match value.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(v) => self.date(field, v),
        }
    }

    pub fn datetime(&mut self, field: &str, value: &str) -> Option<DateTime> {
        match value.trim().parse::<DateTime>() {
            Ok(d) if d.year() >= 1900 && d.year() <= 2200 => Some(d),
            _ => {
                self.push(
                    field,
                    format!("'{value}' is geen geldig tijdstip; gebruik JJJJ-MM-DDTUU:MM, bijvoorbeeld 2026-03-01T14:00."),
                    format!("'{value}' is not a valid date and time; use YYYY-MM-DDTHH:MM, e.g. 2026-03-01T14:00."),
                );
                None
            }
        }
    }

    /// A value of one of the domain's closed lists, by its key (the one list of its values
    /// is the domain's enum: [`Vocabulary`]).
    pub fn choice<T: Vocabulary>(&mut self, field: &str, value: &str) -> Option<T> {
        let found = T::from_key(value.trim());
        if found.is_none() {
            let allowed = T::keys().collect::<Vec<_>>().join(", ");
            self.push(
                field,
                format!("Onbekende waarde '{value}'; kies uit: {allowed}."),
                format!("Unknown value '{value}'; choose from: {allowed}."),
            );
        }
        found
    }

    pub fn email(&mut self, field: &str, value: &Option<String>) -> Option<String> {
        let v = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
        let valid = v.len() <= 254
            && v.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            })
            && !v.chars().any(|c| c.is_whitespace() || c.is_control());
        if !valid {
            self.push(
                field,
                format!("'{v}' is geen geldig e-mailadres."),
                format!("'{v}' is not a valid e-mail address."),
            );
        }
        Some(v.to_lowercase())
    }

    pub fn phone(&mut self, field: &str, value: &Option<String>) -> Option<String> {
        let v = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
        let digits = v.chars().filter(char::is_ascii_digit).count();
        if !(8..=15).contains(&digits)
            || !v.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c))
        {
            self.push(
                field,
                format!("'{v}' is geen geldig telefoonnummer."),
                format!("'{v}' is not a valid phone number."),
            );
        }
        Some(v.to_owned())
    }

    pub fn id(&mut self, field: &str, value: &str) -> String {
        let v = value.trim();
        if v.is_empty()
            || v.len() > 64
            || !v
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            self.push(field, "Ongeldige verwijzing.", "Invalid reference.");
        }
        v.to_owned()
    }
}
