//! The people of a case: their contact details, a secret address, and a parent's consent.

use super::event::CaseEvent;
use super::model::{Case, Consent, Contact};
use crate::ids::PersonId;
use crate::refusal::Refusal;

/// A parent's consent (or its withdrawal), recorded as the parent gave it.
pub(super) fn record_consent(case: &Case, consent: Consent) -> Result<Vec<CaseEvent>, Refusal> {
    case.person(&consent.parent)
        .filter(|p| p.role.is_parent())
        .ok_or(Refusal::NotAParent)?;
    Ok(vec![CaseEvent::ConsentRecorded(consent)])
}

/// New contact details of a person of the case, and whether their address is secret.
pub(super) fn update(
    case: &Case,
    person: PersonId,
    contact: Contact,
    secret_address: bool,
) -> Result<Vec<CaseEvent>, Refusal> {
    if case.person(&person).is_none() {
        return Err(Refusal::UnknownPerson);
    }
    Ok(vec![CaseEvent::PersonUpdated {
        person,
        contact,
        secret_address,
    }])
}
