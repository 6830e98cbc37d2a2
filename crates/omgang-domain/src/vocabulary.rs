//! The domain's closed lists of words (a session kind, a case status, an escalation target…).
//! Each enum is the only list of its values: forms, filters and input checks ask it through
//! [`Vocabulary`] instead of keeping a list of strings of their own.

use crate::Text;
use crate::case::{
    CaseStatus, ConsentSubject, EvaluationKind, MeldcodeDecision, MeldcodeStep, OutcomeKind,
    PersonRole, RegisteredBy, ReportState, SessionStatus, SignatureMethod,
};
use crate::programme::{EntryRoute, EscalationTarget, LocationKind, SessionKind};
use crate::signals::{SignalKind, Urgency};

/// An enum whose values a user chooses from, by their stable key (the serde name).
pub trait Vocabulary: Copy + PartialEq + Sized + 'static {
    /// Every value, in the order forms offer them.
    const ALL: &'static [Self];

    /// The stable key: the value's serde name, used in URLs, forms and the API.
    fn key(self) -> &'static str;

    /// The value in words, in lower case as it stands inside a sentence ("begeleide omgang");
    /// a page that shows it on its own capitalises the first letter. The only wording of the
    /// value: pages, refusals, signals, mails and PDFs all take it from here.
    fn label(self) -> Text;

    /// The value with this key, if there is one.
    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.key() == key)
    }

    /// Every key, in order.
    fn keys() -> impl Iterator<Item = &'static str> {
        Self::ALL.iter().map(|v| v.key())
    }
}

/// The enums that list their values and keys themselves (`ALL`, `key()`).
macro_rules! vocabulary {
    ($($ty:ty),+ $(,)?) => {
        $(
            impl Vocabulary for $ty {
                const ALL: &'static [Self] = &<$ty>::ALL;

                fn key(self) -> &'static str {
                    <$ty>::key(self)
                }

                fn label(self) -> Text {
                    <$ty>::label(self)
                }
            }
        )+
    };
}

vocabulary!(
    CaseStatus,
    PersonRole,
    RegisteredBy,
    EntryRoute,
    SessionKind,
    LocationKind,
    EscalationTarget,
);

/// Smaller lists, given here with their keys and words. The `match` is exhaustive, so a new
/// value does not compile until it has a key and words; the test below checks the keys against
/// serde.
macro_rules! vocabulary_of {
    ($ty:ident { $($variant:ident => $key:literal, $nl:literal, $en:literal);+ $(;)? }) => {
        impl Vocabulary for $ty {
            const ALL: &'static [Self] = &[$($ty::$variant),+];

            fn key(self) -> &'static str {
                match self {
                    $($ty::$variant => $key,)+
                }
            }

            fn label(self) -> Text {
                match self {
                    $($ty::$variant => Text::new($nl, $en),)+
                }
            }
        }
    };
}

vocabulary_of!(ConsentSubject {
    VisitOutsideHouse => "visit_outside_house", "omgang buiten het omgangshuis", "visits outside the contact centre";
});
vocabulary_of!(EvaluationKind {
    Interim => "interim", "tussenevaluatie", "interim evaluation";
    End => "end", "eindevaluatie", "end evaluation";
});
vocabulary_of!(SignatureMethod {
    Paper => "paper", "op papier", "on paper";
    Portal => "portal", "in het portaal", "in the portal";
});
vocabulary_of!(MeldcodeDecision {
    Report => "report", "melden", "report";
    Help => "help", "hulp bieden of organiseren", "offer or organise help";
    ReportAndHelp => "report_and_help", "melden en hulp bieden", "report and offer help";
});
vocabulary_of!(ReportState {
    Draft => "draft", "concept", "draft";
    Approved => "approved", "goedgekeurd", "approved";
    Released => "released", "gedeeld met de ouders", "released to the parents";
});
vocabulary_of!(SessionStatus {
    Planned => "planned", "gepland", "planned";
    Held => "held", "gehouden", "held";
    Cancelled => "cancelled", "afgezegd", "cancelled";
    NoShow => "no_show", "niet verschenen", "no-show";
});
vocabulary_of!(OutcomeKind {
    Ouderschapsplan => "ouderschapsplan", "ouderschapsplan gemaakt", "parenting plan made";
    UnsupervisedContact => "unsupervised_contact", "omgang zonder begeleiding", "contact without supervision";
    FollowUpHelp => "follow_up_help", "vervolghulp", "follow-up help";
    StoppedEarly => "stopped_early", "voortijdig gestopt", "stopped early";
    Reported => "reported", "gemeld (Jeugdteam, Veilig Thuis)", "reported (youth team, Veilig Thuis)";
    NotEligible => "not_eligible", "niet passend", "not eligible";
});

/// The steps of the Meldcode word themselves (`MeldcodeStep::label`); signals and urgencies too.
macro_rules! vocabulary_keyed {
    ($ty:ident { $($variant:ident => $key:literal),+ $(,)? }) => {
        impl Vocabulary for $ty {
            const ALL: &'static [Self] = &[$($ty::$variant),+];

            fn key(self) -> &'static str {
                match self {
                    $($ty::$variant => $key,)+
                }
            }

            fn label(self) -> Text {
                <$ty>::label(self)
            }
        }
    };
}

vocabulary_of!(Urgency {
    Late => "late", "te laat", "late";
    Due => "due", "binnenkort", "due soon";
});
vocabulary_keyed!(SignalKind {
    RegistrationWaiting => "registration_waiting",
    FirstVisitLate => "first_visit_late",
    PlanNotSigned => "plan_not_signed",
    MaxDurationNear => "max_duration_near",
    NoAgreementReportDue => "no_agreement_report_due",
    EvaluationDue => "evaluation_due",
    FollowUpAppointmentDue => "follow_up_appointment_due",
    FollowUpEnds => "follow_up_ends",
    ReportNotWritten => "report_not_written",
    OutcomeNotRecorded => "outcome_not_recorded",
    RepeatedCancellations => "repeated_cancellations",
    VogExpiring => "vog_expiring",
    TrainingMissing => "training_missing",
    SessionAtSecretHome => "session_at_secret_home",
    BeyondLimit => "beyond_limit",
    OffRhythm => "off_rhythm",
});
vocabulary_keyed!(MeldcodeStep {
    Signals => "signals",
    Consultation => "consultation",
    Conversation => "conversation",
    Weighing => "weighing",
    Decision => "decision",
});

#[cfg(test)]
mod tests {
    use super::*;

    fn agrees_with_serde<T>()
    where
        T: Vocabulary + std::fmt::Debug + serde::Serialize + serde::de::DeserializeOwned,
    {
        for v in T::ALL {
            assert_eq!(T::from_key(v.key()), Some(*v));
            assert_eq!(
                serde_json::to_value(v).unwrap(),
                serde_json::Value::String(v.key().to_owned()),
                "{v:?}: the key is the serde name"
            );
            let back: T = serde_json::from_value(serde_json::json!(v.key())).unwrap();
            assert_eq!(back, *v);
        }
        assert_eq!(T::keys().count(), T::ALL.len());
        assert_eq!(T::from_key("no-such-word"), None);
    }

    #[test]
    fn every_value_is_found_by_its_key_and_the_key_is_its_serde_name() {
        agrees_with_serde::<CaseStatus>();
        agrees_with_serde::<PersonRole>();
        agrees_with_serde::<RegisteredBy>();
        agrees_with_serde::<EntryRoute>();
        agrees_with_serde::<SessionKind>();
        agrees_with_serde::<LocationKind>();
        agrees_with_serde::<EscalationTarget>();
        agrees_with_serde::<ConsentSubject>();
        agrees_with_serde::<EvaluationKind>();
        agrees_with_serde::<SignatureMethod>();
        agrees_with_serde::<MeldcodeStep>();
        agrees_with_serde::<MeldcodeDecision>();
        agrees_with_serde::<ReportState>();
        agrees_with_serde::<SessionStatus>();
        agrees_with_serde::<OutcomeKind>();
        agrees_with_serde::<Urgency>();
        agrees_with_serde::<SignalKind>();
    }

    /// Every value has words in both languages, and no two values of a list share them (a
    /// select with two options worded alike cannot be answered).
    fn worded<T: Vocabulary + std::fmt::Debug>() {
        for lang in [crate::text::Lang::Nl, crate::text::Lang::En] {
            let words: Vec<String> = T::ALL
                .iter()
                .map(|v| v.label().get(lang).to_owned())
                .collect();
            for (v, w) in T::ALL.iter().zip(&words) {
                assert!(!w.trim().is_empty(), "{v:?} has no words in {lang:?}");
                assert_eq!(
                    words.iter().filter(|x| *x == w).count(),
                    1,
                    "{v:?}: {w:?} is used twice"
                );
            }
        }
    }

    #[test]
    fn every_value_has_its_own_words_in_both_languages() {
        worded::<CaseStatus>();
        worded::<PersonRole>();
        worded::<RegisteredBy>();
        worded::<EntryRoute>();
        worded::<SessionKind>();
        worded::<LocationKind>();
        worded::<EscalationTarget>();
        worded::<ConsentSubject>();
        worded::<EvaluationKind>();
        worded::<SignatureMethod>();
        worded::<MeldcodeStep>();
        worded::<MeldcodeDecision>();
        worded::<ReportState>();
        worded::<SessionStatus>();
        worded::<OutcomeKind>();
        worded::<Urgency>();
        worded::<SignalKind>();
    }
}
