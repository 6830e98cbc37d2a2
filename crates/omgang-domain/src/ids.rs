//! Identifiers. They are opaque strings made by the shell (UUIDs); the core never makes one.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_owned())
            }
        }
    )*};
}

id_type!(
    /// A case (dossier).
    CaseId,
    /// A person in a case: a child, a parent or someone else involved.
    PersonId,
    /// A staff member or other user of the system.
    UserId,
    /// An organisation on this installation.
    OrgId,
    /// A planned or held session (appointment) in a case.
    SessionId,
    /// A visit report.
    ReportId,
);
