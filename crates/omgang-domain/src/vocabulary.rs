//! The domain's closed lists of words (a session kind, a case status, an escalation target…).
//! Each enum is the only list of its values: forms, filters and input checks ask it through
//! [`Vocabulary`] instead of keeping a list of strings of their own.

use crate::Text;
use crate::case::{CaseStatus, PersonRole, RegisteredBy};
use crate::programme::{EntryRoute, EscalationTarget, LocationKind, SessionKind};

/// An enum whose values a user chooses from, by their stable key (the serde name).
pub trait Vocabulary: Copy + PartialEq + Sized + 'static {
    /// Every value, in the order forms offer them.
    const ALL: &'static [Self];

    /// The stable key: the value's serde name, used in URLs, forms and the API.
    fn key(self) -> &'static str;

    /// The words a person reads (Dutch and English).
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

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T: Vocabulary + std::fmt::Debug>() {
        for v in T::ALL {
            assert_eq!(T::from_key(v.key()), Some(*v));
            assert!(!v.label().nl.is_empty() && !v.label().en.is_empty());
        }
        assert_eq!(T::keys().count(), T::ALL.len());
        assert_eq!(T::from_key("no-such-word"), None);
    }

    #[test]
    fn every_value_is_found_by_its_key_and_has_words() {
        round_trip::<CaseStatus>();
        round_trip::<PersonRole>();
        round_trip::<RegisteredBy>();
        round_trip::<EntryRoute>();
        round_trip::<SessionKind>();
        round_trip::<LocationKind>();
        round_trip::<EscalationTarget>();
    }
}
