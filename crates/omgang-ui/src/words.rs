//! The domain's words for its own values, for the templates.
//!
//! A value of one of the domain's closed lists (a case status, a session kind, an outcome…)
//! is worded in one place: its enum's [`Vocabulary::label`]. The Fluent files hold the
//! interface's own words, never a second wording of a domain value. Templates ask
//! `word("case_status", case.status)` for one value (as the domain words it, in lower case:
//! it may stand inside a sentence) and `words("outcome_kind", "not_eligible")` for the options
//! of a select or radio group (capitalised, minus the keys named after the list).

use omgang_domain::Vocabulary;
use omgang_domain::case::{
    CaseStatus, ConsentSubject, EvaluationKind, MeldcodeDecision, MeldcodeStep, OutcomeKind,
    PersonRole, RegisteredBy, ReportState, SessionStatus, SignatureMethod,
};
use omgang_domain::programme::{EntryRoute, EscalationTarget, LocationKind, SessionKind};
use omgang_domain::signals::{SignalKind, Urgency};
use omgang_domain::text::Lang;
use serde_json::{Value as Json, json};

/// "begeleide omgang" → "Begeleide omgang"; "ONS-gesprek" stays as it is.
pub(crate) fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The options of a select or radio group over one of the domain's lists, in the list's order,
/// labelled by the domain's words.
pub(crate) fn options<T: Vocabulary>(lang: Lang, values: &[T]) -> Vec<Json> {
    values
        .iter()
        .map(|v| json!({ "value": v.key(), "label": upper_first(v.label().get(lang)) }))
        .collect()
}

/// One list, asked by its name from a template.
struct List {
    name: &'static str,
    label: fn(&str, Lang) -> Option<String>,
    options: fn(Lang) -> Vec<Json>,
}

fn label_in<T: Vocabulary>(key: &str, lang: Lang) -> Option<String> {
    T::from_key(key).map(|v| v.label().get(lang).to_owned())
}

fn options_of<T: Vocabulary>(lang: Lang) -> Vec<Json> {
    options(lang, T::ALL)
}

macro_rules! lists {
    ($($name:literal => $ty:ty),+ $(,)?) => {
        const LISTS: &[List] = &[
            $(List { name: $name, label: label_in::<$ty>, options: options_of::<$ty> },)+
        ];
    };
}

lists!(
    "case_status" => CaseStatus,
    "person_role" => PersonRole,
    "registered_by" => RegisteredBy,
    "entry_route" => EntryRoute,
    "session_kind" => SessionKind,
    "location_kind" => LocationKind,
    "escalation_target" => EscalationTarget,
    "consent_subject" => ConsentSubject,
    "evaluation_kind" => EvaluationKind,
    "signature_method" => SignatureMethod,
    "meldcode_step" => MeldcodeStep,
    "meldcode_decision" => MeldcodeDecision,
    "report_state" => ReportState,
    "session_status" => SessionStatus,
    "outcome_kind" => OutcomeKind,
    "urgency" => Urgency,
    "signal_kind" => SignalKind,
);

fn list(name: &str) -> Result<&'static List, minijinja::Error> {
    LISTS.iter().find(|l| l.name == name).ok_or_else(|| {
        minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            format!("no list of the domain is called {name}"),
        )
    })
}

/// The words of one value. A key the list does not hold is shown as it is (an old record's
/// value, say) rather than failing the page.
pub(crate) fn word(name: &str, key: &str, lang: Lang) -> Result<String, minijinja::Error> {
    Ok((list(name)?.label)(key, lang).unwrap_or_else(|| key.to_owned()))
}

/// The options of a list, without the keys in `leave_out`.
pub(crate) fn words(
    name: &str,
    leave_out: &[String],
    lang: Lang,
) -> Result<Vec<Json>, minijinja::Error> {
    Ok((list(name)?.options)(lang)
        .into_iter()
        .filter(|o| {
            !leave_out
                .iter()
                .any(|k| o.get("value").and_then(Json::as_str) == Some(k.as_str()))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_worded_by_its_list_and_options_leave_out_what_is_named() {
        assert_eq!(
            word("case_status", "running", Lang::Nl).unwrap(),
            CaseStatus::Running.label().get(Lang::Nl)
        );
        assert_eq!(
            word("session_status", "no_show", Lang::En).unwrap(),
            "no-show"
        );
        assert_eq!(word("case_status", "gone", Lang::Nl).unwrap(), "gone");
        assert!(word("no_such_list", "x", Lang::Nl).is_err());
        let outcomes = words("outcome_kind", &["not_eligible".to_owned()], Lang::Nl).unwrap();
        assert_eq!(outcomes.len(), OutcomeKind::ALL.len() - 1);
        assert_eq!(outcomes[0]["label"], "Ouderschapsplan gemaakt");
        assert!(outcomes.iter().all(|o| o["value"] != "not_eligible"));
    }

    #[test]
    fn every_list_is_named_once() {
        for l in LISTS {
            assert_eq!(LISTS.iter().filter(|x| x.name == l.name).count(), 1);
            assert!(!(l.options)(Lang::Nl).is_empty());
        }
    }
}
