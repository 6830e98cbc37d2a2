//! The domain's vocabularies (the enums forms offer as lists): `ALL` holds every value and
//! `key()` is exactly the value's serde name.

use crate::case::{CaseStatus, PersonRole, RegisteredBy};
use crate::programme::{EntryRoute, EscalationTarget, LocationKind, SessionKind};

/// One test per enum. The `match` over the listed variants is exhaustive, so adding a
/// variant to the enum stops this file from compiling until the variant is listed here;
/// the test then fails until `ALL` holds it too.
macro_rules! vocabulary_test {
    ($test:ident, $ty:ident, [$($variant:ident),+ $(,)?]) => {
        #[test]
        fn $test() {
            let position = |value: $ty| {
                $ty::ALL
                    .iter()
                    .position(|v| *v == value)
                    .unwrap_or_else(|| panic!("{value:?} is missing from ALL"))
            };
            let every = |value: $ty| match value {
                $($ty::$variant => position($ty::$variant),)+
            };
            let listed = [$($ty::$variant),+];
            for value in listed {
                assert_eq!($ty::ALL[every(value)], value);
            }
            assert_eq!($ty::ALL.len(), listed.len(), "ALL holds each value once");
            for value in $ty::ALL {
                let json = serde_json::to_value(value).unwrap();
                assert_eq!(json, serde_json::Value::String(value.key().to_owned()));
                let back: $ty = serde_json::from_value(json).unwrap();
                assert_eq!(back, value);
            }
        }
    };
}

vocabulary_test!(
    case_status,
    CaseStatus,
    [Registered, Intake, Plan, Running, FollowUp, Closed]
);
vocabulary_test!(
    person_role,
    PersonRole,
    [
        ResidentParent,
        NonResidentParent,
        Guardian,
        FosterCarer,
        ResidentialGroup,
        CaseDirector,
        Referrer,
        Other,
    ]
);
vocabulary_test!(
    registered_by,
    RegisteredBy,
    [OneParent, BothParents, Professional]
);
vocabulary_test!(entry_route, EntryRoute, [Voluntary, Referral, CourtOrder]);
vocabulary_test!(
    session_kind,
    SessionKind,
    [
        Intake,
        InformativeConversation,
        ChildConversation,
        InteractionObservation,
        ParentConversation,
        OnsConversation,
        SupervisedVisit,
        SupervisedHandover,
        UnsupervisedVisit,
        Evaluation,
        EndEvaluation,
        FollowUpAppointment,
    ]
);
vocabulary_test!(
    location_kind,
    LocationKind,
    [Omgangshuis, Playground, OtherLocation, ParentHome, Office]
);
vocabulary_test!(
    escalation_target,
    EscalationTarget,
    [Jeugdteam, VeiligThuis, Court, CertifiedInstitution]
);
