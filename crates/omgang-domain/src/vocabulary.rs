//! The domain's closed lists of words (a session kind, a case status, an escalation target…).
//! Each enum is the only list of its values: forms, filters and input checks ask it through
//! [`Vocabulary`] instead of keeping a list of strings of their own.

use crate::case::{
    CaseStatus, ConsentSubject, EvaluationKind, MeldcodeDecision, MeldcodeStep, PersonRole,
    RegisteredBy, SignatureMethod,
};
use crate::programme::{EntryRoute, EscalationTarget, LocationKind, SessionKind};

/// An enum whose values a user chooses from, by their stable key (the serde name).
pub trait Vocabulary: Copy + PartialEq + Sized + 'static {
    /// Every value, in the order forms offer them.
    const ALL: &'static [Self];

    /// The stable key: the value's serde name, used in URLs, forms and the API.
    fn key(self) -> &'static str;

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

/// Smaller lists, given here with their keys. The `match` is exhaustive, so a new value
/// does not compile until it has a key; the test below checks the keys against serde.
macro_rules! vocabulary_of {
    ($ty:ident { $($variant:ident => $key:literal),+ $(,)? }) => {
        impl Vocabulary for $ty {
            const ALL: &'static [Self] = &[$($ty::$variant),+];

            fn key(self) -> &'static str {
                match self {
                    $($ty::$variant => $key,)+
                }
            }
        }
    };
}

vocabulary_of!(ConsentSubject { VisitOutsideHouse => "visit_outside_house" });
vocabulary_of!(EvaluationKind { Interim => "interim", End => "end" });
vocabulary_of!(SignatureMethod { Paper => "paper", Portal => "portal" });
vocabulary_of!(MeldcodeStep {
    Signals => "signals",
    Consultation => "consultation",
    Conversation => "conversation",
    Weighing => "weighing",
    Decision => "decision",
});
vocabulary_of!(MeldcodeDecision {
    Report => "report",
    Help => "help",
    ReportAndHelp => "report_and_help",
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
    }
}
