//! Registration and intake: who may come into the programme, and the intake sessions it
//! asks for before the plan.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::calendar::age_on;
use super::command::Ctx;
use super::end::cancel_planned;
use super::event::CaseEvent;
use super::model::{Case, CaseStatus, Child, Outcome, PersonRole, Registration};
use super::not_in_this_status;
use crate::ids::PersonId;
use crate::programme::{EntryRoute, IntakeStyle, Programme, SessionKind};
use crate::refusal::Refusal;

/// Checks a registration against the programme and makes the case's first event.
pub fn register(programme: &Programme, registration: Registration) -> Result<CaseEvent, Refusal> {
    if registration.programme != programme.id {
        return Err(Refusal::WrongProgramme);
    }
    if registration.children.is_empty() {
        return Err(Refusal::NoChildren);
    }
    if !registration.people.iter().any(|p| p.role.is_parent()) {
        return Err(Refusal::NoParent);
    }
    let count = |role: PersonRole| {
        registration
            .people
            .iter()
            .filter(|p| p.role == role)
            .count()
    };
    let resident = count(PersonRole::ResidentParent);
    let visiting = count(PersonRole::NonResidentParent);
    let carers = count(PersonRole::FosterCarer) + count(PersonRole::ResidentialGroup);
    // Seed 003: a child in a foster family or residential group may have one or two
    // visiting parents (or one parent at all); someone the child lives with brings it.
    let with_carer = programme.eligibility.child_with_carer && resident == 0 && carers > 0;
    if carers > 0 && !programme.eligibility.child_with_carer {
        return Err(Refusal::CarerNotInProgramme {
            programme: programme.name.clone(),
        });
    }
    if programme.eligibility.child_with_carer && resident == 0 && carers == 0 {
        return Err(Refusal::WhoBringsTheChild);
    }
    let max_visiting = if with_carer { 2 } else { 1 };
    if resident > 1 || (visiting > 1 && !programme.eligibility.child_with_carer) {
        return Err(Refusal::TooManyParents);
    }
    if visiting > max_visiting {
        return Err(Refusal::TooManyParentsWithCarer);
    }
    if registration
        .people
        .iter()
        .any(|p| p.holds_authority && p.role != PersonRole::Guardian)
    {
        return Err(Refusal::AuthorityOnlyForGuardian);
    }
    check_entry_route(programme, registration.entry_route)?;
    // A registration is a request: a child just above a soft age limit may register; the
    // coordinator decides at the end of the intake (a warning with a reason).
    check_ages(
        programme,
        &registration.children,
        registration.registered_on,
    )?;
    Ok(CaseEvent::Registered(registration))
}

fn check_entry_route(programme: &Programme, route: EntryRoute) -> Result<(), Refusal> {
    if programme.eligibility.entry_routes.contains(&route) {
        Ok(())
    } else {
        Err(Refusal::EntryRouteNotAccepted {
            route,
            programme: programme.name.clone(),
            accepted: programme.eligibility.entry_routes.clone(),
        })
    }
}

fn check_ages(programme: &Programme, children: &[Child], on: Date) -> Result<(), Refusal> {
    let e = &programme.eligibility;
    for child in children {
        let age = age_on(child.birth_date, on);
        let hard_max = i32::from(e.child_age_max) + i32::from(e.child_age_soft_above);
        if age < 0 || age < i32::from(e.child_age_min) || age > hard_max {
            return Err(Refusal::ChildAgeOutsideProgramme {
                child: child.name.clone(),
                age,
                min: e.child_age_min,
                max: e.child_age_max,
                programme: programme.name.clone(),
            });
        }
    }
    Ok(())
}

/// One intake session the programme asks for before the intake is complete.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntakeNeed {
    pub kind: SessionKind,
    /// For a separate intake: the parent it is with.
    pub parent: Option<PersonId>,
}

impl IntakeNeed {
    /// "het intakegesprek met Anna de Vries", "the child conversation".
    pub fn text(&self, case: &Case) -> crate::Text {
        let label = self.kind.label();
        match &self.parent {
            Some(p) => {
                let name = case.person_name(p);
                crate::Text::new(
                    format!("het {} met {name}", label.nl),
                    format!("the {} with {name}", label.en),
                )
            }
            None => crate::Text::new(format!("het {}", label.nl), format!("the {}", label.en)),
        }
    }
}

/// The intake sessions the programme's `[intake]` names: with `style = "separate"` an
/// intake with each parent; with `child_conversation` a child conversation, or an
/// interaction observation for a child below `interaction_observation_below_age`.
pub fn intake_sessions_needed(case: &Case, programme: &Programme, on: Date) -> Vec<IntakeNeed> {
    let rule = &programme.intake;
    let mut out = Vec::new();
    if rule.style == IntakeStyle::Separate {
        out.extend(case.parents().map(|p| IntakeNeed {
            kind: SessionKind::Intake,
            parent: Some(p.id.clone()),
        }));
    }
    if rule.child_conversation {
        let below = rule.interaction_observation_below_age.map(i32::from);
        let ages: Vec<i32> = case
            .children
            .iter()
            .map(|c| age_on(c.birth_date, on))
            .collect();
        if ages.iter().any(|a| below.is_none_or(|b| *a >= b)) {
            out.push(IntakeNeed {
                kind: SessionKind::ChildConversation,
                parent: None,
            });
        }
        if ages.iter().any(|a| below.is_some_and(|b| *a < b)) {
            out.push(IntakeNeed {
                kind: SessionKind::InteractionObservation,
                parent: None,
            });
        }
    }
    out
}

/// The needed intake sessions that were not held yet.
pub fn intake_sessions_missing(case: &Case, programme: &Programme, on: Date) -> Vec<IntakeNeed> {
    intake_sessions_needed(case, programme, on)
        .into_iter()
        .filter(|need| {
            !case.sessions.iter().any(|s| {
                s.kind == need.kind
                    && s.is_held()
                    && need
                        .parent
                        .as_ref()
                        .is_none_or(|p| s.participants.contains(p))
            })
        })
        .collect()
}

/// The coordinator takes a registered case into intake, and coordinates it from then on.
pub(super) fn start(case: &Case, ctx: &Ctx) -> Result<Vec<CaseEvent>, Refusal> {
    if case.status != CaseStatus::Registered {
        return Err(not_in_this_status(case));
    }
    Ok(vec![
        CaseEvent::IntakeStarted { on: ctx.today() },
        CaseEvent::CoordinatorAssigned {
            user: ctx.actor.clone(),
        },
    ])
}

/// The end of the intake, as `(eligible, notes, reason)`: an eligible case (the children's
/// ages within the programme, every intake session held) goes on to its plan; a case that
/// is not eligible ends with the reason, and what is still planned is cancelled.
pub(super) fn complete(
    case: &Case,
    programme: &Programme,
    today: Date,
    (eligible, notes, reason): (bool, String, Option<String>),
) -> Result<Vec<CaseEvent>, Refusal> {
    if case.status != CaseStatus::Intake {
        return Err(not_in_this_status(case));
    }
    let mut events = vec![CaseEvent::IntakeCompleted {
        on: today,
        eligible,
        notes,
    }];
    if eligible {
        check_ages(programme, &case.children, today)?;
        let missing = intake_sessions_missing(case, programme, today);
        if !missing.is_empty() {
            return Err(Refusal::IntakeSessionsMissing {
                missing: missing.iter().map(|m| m.text(case)).collect(),
            });
        }
    } else {
        let reason = reason
            .filter(|r| !r.trim().is_empty())
            .ok_or(Refusal::ReasonRequired)?;
        events.extend(cancel_planned(case, "niet passend / not eligible"));
        events.push(CaseEvent::Ended {
            on: today,
            outcome: Outcome::NotEligible {
                reason: reason.clone(),
            },
            summary: reason,
            follow_up: false,
        });
    }
    Ok(events)
}
