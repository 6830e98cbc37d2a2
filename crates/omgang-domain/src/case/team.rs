//! The team around a case: its supervisor (qualified, and the same one where the programme
//! asks for that) and a partner organisation.

use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Serialize};

use super::calendar::add_months;
use super::command::Ctx;
use super::event::CaseEvent;
use super::model::Case;
use crate::ids::{OrgId, UserId};
use crate::programme::Programme;
use crate::refusal::Refusal;

/// Facts about a staff member that the rules need (read by the shell from storage).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffFacts {
    pub id: UserId,
    pub name: String,
    pub organisation: OrgId,
    pub is_volunteer: bool,
    /// Date of issue of the certificate of conduct (VOG).
    pub vog_issued_on: Option<Date>,
    pub training_completed_on: Option<Date>,
    /// Planned sessions elsewhere (other cases) as (start, end), for double-booking.
    #[serde(default)]
    pub busy: Vec<(DateTime, DateTime)>,
}

impl StaffFacts {
    /// The VOG is valid on `on` under a validity of `months` months.
    pub fn vog_valid_on(&self, on: Date, months: u32) -> bool {
        self.vog_issued_on
            .is_some_and(|d| d <= on && on < add_months(d, months))
    }
}

/// A volunteer supervises only where the programme allows volunteers, with a valid VOG and
/// the training where it asks for them.
pub(super) fn check_supervisor_qualified(
    programme: &Programme,
    staff: &StaffFacts,
    on: Date,
) -> Result<(), Refusal> {
    if !staff.is_volunteer {
        return Ok(());
    }
    let rule = &programme.supervision;
    if !rule.volunteers_allowed {
        return Err(Refusal::VolunteersNotAllowed {
            programme: programme.name.clone(),
        });
    }
    if rule.volunteer_requires_vog && !staff.vog_valid_on(on, rule.vog_valid_months) {
        return Err(Refusal::VogNotValid {
            supervisor: staff.name.clone(),
            issued_on: staff.vog_issued_on,
            valid_months: rule.vog_valid_months,
            on,
        });
    }
    if rule.volunteer_requires_training && staff.training_completed_on.is_none_or(|d| d > on) {
        return Err(Refusal::TrainingMissing {
            supervisor: staff.name.clone(),
        });
    }
    Ok(())
}

/// A supervisor for the case: known to the shell, qualified today, and a change of
/// supervisor says why where the programme keeps the same one.
pub(super) fn assign_supervisor(
    case: &Case,
    programme: &Programme,
    ctx: &Ctx,
    user: UserId,
    reason: Option<String>,
) -> Result<Vec<CaseEvent>, Refusal> {
    let staff = ctx
        .supervisor
        .as_ref()
        .filter(|s| s.id == user)
        .ok_or(Refusal::UnknownSupervisor)?;
    check_supervisor_qualified(programme, staff, ctx.today())?;
    let reason = reason.filter(|r| !r.trim().is_empty());
    let changes = case.supervisor.as_ref().is_some_and(|s| s != &user);
    if changes && programme.supervision.same_supervisor && reason.is_none() {
        return Err(Refusal::SupervisorChangeNeedsReason);
    }
    Ok(vec![CaseEvent::SupervisorAssigned {
        user,
        reason: reason.filter(|_| changes),
    }])
}

/// A partner organisation, only in a programme that has a partner's part.
pub(super) fn assign_partner(
    programme: &Programme,
    organisation: Option<OrgId>,
) -> Result<Vec<CaseEvent>, Refusal> {
    if organisation.is_some() && programme.partners.is_empty() {
        return Err(Refusal::NoPartnerPart {
            programme: programme.name.clone(),
        });
    }
    Ok(vec![CaseEvent::PartnerAssigned { organisation }])
}
