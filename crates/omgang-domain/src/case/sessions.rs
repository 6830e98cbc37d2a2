//! Sessions: which kinds a case's stage allows, planning one (kind, time, place, people,
//! who leads it), recording what happened, and the phase moving on.

use jiff::ToSpan;
use jiff::civil::Date;

use super::calendar::{age_on, amsterdam, sub_days};
use super::command::{Ctx, NewSession, SessionOutcome};
use super::event::CaseEvent;
use super::model::{Case, CaseStatus, ConsentSubject, Party, PersonRole, Session, SessionState};
use super::not_in_this_status;
use super::team::check_supervisor_qualified;
use crate::ids::{PersonId, SessionId};
use crate::programme::{IntakeStyle, Lead, LocationKind, Programme, SessionKind, SessionKindRule};
use crate::refusal::Refusal;

/// Which kinds the case's stage allows: intake-type conversations until the plan is
/// signed, the running phase's own kinds while running, return appointments in follow-up.
pub fn kind_allowed_in_stage(case: &Case, programme: &Programme, kind: SessionKind) -> bool {
    use CaseStatus as S;
    let Some(rule) = programme.kind(kind) else {
        return false;
    };
    match case.status {
        S::Registered | S::Closed => false,
        S::Intake => kind.is_intake_stage(),
        S::Plan => {
            kind.is_intake_stage()
                || matches!(
                    kind,
                    SessionKind::ParentConversation | SessionKind::OnsConversation
                )
                || (kind.is_visit() && rule.requires_signed_plan)
        }
        S::Running => case
            .phase
            .as_deref()
            .and_then(|p| programme.phase(p))
            .is_some_and(|p| p.session_kinds.contains(&kind)),
        S::FollowUp => matches!(
            kind,
            SessionKind::FollowUpAppointment
                | SessionKind::Evaluation
                | SessionKind::ParentConversation
        ),
    }
}

/// The kinds a planning form offers now: the programme's kinds the case's stage allows,
/// and of the child conversation and the interaction observation only what the children's
/// ages call for (seed 002: an observation "wanneer het kind daarvoor echt te klein is").
pub fn plannable_kinds(case: &Case, programme: &Programme, on: Date) -> Vec<SessionKind> {
    let ages: Vec<i32> = case
        .children
        .iter()
        .map(|c| age_on(c.birth_date, on))
        .collect();
    let below = programme.intake.interaction_observation_below_age;
    programme
        .session_kinds
        .iter()
        .map(|r| r.kind)
        .filter(|k| kind_allowed_in_stage(case, programme, *k))
        .filter(|k| match (k, below) {
            (SessionKind::ChildConversation, Some(b)) => ages.iter().any(|a| *a >= i32::from(b)),
            (SessionKind::InteractionObservation, Some(b)) => {
                ages.iter().any(|a| *a < i32::from(b))
            }
            _ => true,
        })
        .collect()
}

/// A new session: checked for its kind, its time, its place, its people and who leads it,
/// in that order; the first rule it breaks is the refusal.
pub(super) fn plan(
    case: &Case,
    programme: &Programme,
    ctx: &Ctx,
    new: NewSession,
) -> Result<Vec<CaseEvent>, Refusal> {
    let kind = new.kind;
    let rule = programme
        .kind(kind)
        .ok_or_else(|| Refusal::KindNotInProgramme {
            kind,
            programme: programme.name.clone(),
        })?;
    if case.sessions.iter().any(|s| s.id == new.id) {
        return Err(Refusal::DuplicateSession);
    }
    check_kind_now(case, programme, rule, kind)?;
    check_length_and_count(case, programme, rule, &new)?;
    check_date(case, programme, ctx, rule, &new)?;
    check_separate_intake(case, programme, &new)?;
    check_place(case, programme, &new)?;
    check_visiting_parents_apart(case, &new)?;
    check_child_old_enough(case, programme, &new)?;
    check_participants(case, rule, &new)?;
    let mut events = check_lead(case, programme, ctx, rule, &new)?;
    events.push(CaseEvent::SessionPlanned(planned_session(case, rule, new)));
    Ok(events)
}

/// A kind that needs the signed plan waits for every signature; otherwise the case's
/// stage (and running phase) must allow the kind.
fn check_kind_now(
    case: &Case,
    programme: &Programme,
    rule: &SessionKindRule,
    kind: SessionKind,
) -> Result<(), Refusal> {
    if rule.requires_signed_plan && !case.plan_signed_by_all() {
        return Err(match case.current_plan() {
            None => Refusal::NoPlan {
                document: programme.plan.document,
            },
            Some(plan) => Refusal::PlanNotSigned {
                kind,
                document: programme.plan.document,
                version: plan.version,
                missing: case
                    .unsigned_parents()
                    .iter()
                    .map(|p| p.name.clone())
                    .collect(),
            },
        });
    }
    if !kind_allowed_in_stage(case, programme, kind) {
        let phase = case
            .phase
            .as_deref()
            .and_then(|p| programme.phase(p))
            .map(|p| p.name.clone());
        return Err(Refusal::KindNotInStage {
            kind,
            status: case.status,
            phase,
        });
    }
    Ok(())
}

/// Within the kind's length, its maximum number, and after the sessions it needs held.
fn check_length_and_count(
    case: &Case,
    programme: &Programme,
    rule: &SessionKindRule,
    new: &NewSession,
) -> Result<(), Refusal> {
    let kind = new.kind;
    if new.minutes == 0 || new.minutes > rule.max_minutes {
        return Err(Refusal::TooLong {
            kind,
            minutes: new.minutes,
            max: rule.max_minutes,
        });
    }
    if let Some(max) = rule.max_count
        && case.counted(kind) >= max
    {
        return Err(Refusal::MaxCountReached {
            kind,
            max,
            programme: programme.name.clone(),
        });
    }
    for req in &rule.requires_held {
        if case.held(req.kind) < req.count {
            return Err(Refusal::PrerequisiteMissing {
                kind,
                needs: req.kind,
                count: req.count,
            });
        }
    }
    Ok(())
}

/// Not more than a year back; entered afterwards, never dated before the parents signed
/// the plan it needs.
fn check_date(
    case: &Case,
    programme: &Programme,
    ctx: &Ctx,
    rule: &SessionKindRule,
    new: &NewSession,
) -> Result<(), Refusal> {
    if new.starts_at.date() < sub_days(ctx.today(), 366) {
        return Err(Refusal::TooFarInThePast);
    }
    if rule.requires_signed_plan
        && let Some(signed_on) = case.plan_signed_on()
        && new.starts_at.date() < signed_on
    {
        return Err(Refusal::SessionBeforeSignatures {
            kind: new.kind,
            document: programme.plan.document,
            signed_on,
        });
    }
    Ok(())
}

/// Separate intakes: one parent at a time (seed 002: "voor beide ouders apart").
fn check_separate_intake(
    case: &Case,
    programme: &Programme,
    new: &NewSession,
) -> Result<(), Refusal> {
    if new.kind != SessionKind::Intake || programme.intake.style != IntakeStyle::Separate {
        return Ok(());
    }
    let parents = new
        .participants
        .iter()
        .filter(|id| case.person(id).is_some_and(|p| p.role.is_parent()))
        .count();
    if parents > 1 {
        return Err(Refusal::JointIntakeNotAllowed {
            programme: programme.name.clone(),
        });
    }
    if parents == 0 {
        return Err(Refusal::IntakeParentRequired);
    }
    Ok(())
}

/// Place: the kind's own places, or the programme's; a parent's home that is no secret
/// from the other parent; a visit outside the house with the consent it needs.
fn check_place(case: &Case, programme: &Programme, new: &NewSession) -> Result<(), Refusal> {
    let kind = new.kind;
    let allowed = programme.locations_for(kind);
    if !allowed.contains(&new.place.kind) {
        return Err(if allowed == programme.locations.allowed.as_slice() {
            Refusal::LocationNotAllowed {
                location: new.place.kind,
                programme: programme.name.clone(),
            }
        } else {
            Refusal::LocationNotAllowedForKind {
                kind,
                location: new.place.kind,
                allowed: allowed.to_vec(),
            }
        });
    }
    if new.place.kind == LocationKind::ParentHome {
        check_parent_home(case, new)?;
    }
    if kind.is_visit()
        && new.place.kind.is_outside_house()
        && programme
            .locations
            .outside_house_requires_consent_of_both_parents
    {
        let missing: Vec<String> = case
            .parents()
            .filter(|p| !case.has_consent(&p.id, ConsentSubject::VisitOutsideHouse))
            .map(|p| p.name.clone())
            .collect();
        if !missing.is_empty() {
            return Err(Refusal::ConsentMissing {
                location: new.place.kind,
                missing,
            });
        }
    }
    Ok(())
}

/// At a parent's home: whose home it is, and never a secret one.
fn check_parent_home(case: &Case, new: &NewSession) -> Result<(), Refusal> {
    let home_of = new.place.home_of.as_ref().ok_or(Refusal::HomeOfRequired)?;
    let host = case
        .person(home_of)
        .filter(|p| p.role.is_parent())
        .ok_or(Refusal::NotAParent)?;
    // Any session of a case brings its other parent along (a visit: the visiting parent,
    // or the parent who brings the child; a conversation: both), so a secret home is
    // never a place for it.
    if host.secret_address
        && case
            .people
            .iter()
            .any(|p| p.role.is_parent() && p.id != host.id)
    {
        return Err(Refusal::SecretHome);
    }
    Ok(())
}

/// Two visiting parents kept apart (seed 003: each with their own visits).
fn check_visiting_parents_apart(case: &Case, new: &NewSession) -> Result<(), Refusal> {
    let must_not_meet = case
        .current_plan()
        .is_some_and(|p| p.content.parents_must_not_meet);
    if new.kind.is_visit() && must_not_meet {
        let visiting: Vec<String> = new
            .participants
            .iter()
            .filter_map(|id| case.person(id))
            .filter(|p| p.role == PersonRole::NonResidentParent)
            .map(|p| p.name.clone())
            .collect();
        if visiting.len() > 1 {
            return Err(Refusal::VisitingParentsMustNotMeet { parents: visiting });
        }
    }
    Ok(())
}

/// Child conversations need children old enough; younger ones get an observation.
fn check_child_old_enough(
    case: &Case,
    programme: &Programme,
    new: &NewSession,
) -> Result<(), Refusal> {
    if new.kind == SessionKind::ChildConversation
        && let Some(below) = programme.intake.interaction_observation_below_age
    {
        let oldest = case
            .children
            .iter()
            .map(|c| age_on(c.birth_date, new.starts_at.date()))
            .max()
            .unwrap_or(0);
        if oldest < i32::from(below) {
            return Err(Refusal::ChildTooYoungForConversation { below });
        }
    }
    Ok(())
}

/// People: each a person or child of the case; a guardian, foster carer or case director
/// only where the kind lets them attend.
fn check_participants(
    case: &Case,
    rule: &SessionKindRule,
    new: &NewSession,
) -> Result<(), Refusal> {
    for person in &new.participants {
        let known = case.people.iter().any(|p| &p.id == person)
            || case.children.iter().any(|c| &c.id == person);
        if !known {
            return Err(Refusal::UnknownPerson);
        }
        let is_guardian = case.person(person).is_some_and(|p| {
            matches!(
                p.role,
                PersonRole::Guardian | PersonRole::FosterCarer | PersonRole::CaseDirector
            )
        });
        if is_guardian && !rule.guardian_may_attend {
            return Err(Refusal::GuardianMayNotAttend { kind: new.kind });
        }
    }
    Ok(())
}

/// Who leads it: a qualified supervisor who is free then (and the case's own, where the
/// programme keeps the same one: the first becomes the case's), or the case's partner.
/// Returns the events that go before the planning (a supervisor assigned).
fn check_lead(
    case: &Case,
    programme: &Programme,
    ctx: &Ctx,
    rule: &SessionKindRule,
    new: &NewSession,
) -> Result<Vec<CaseEvent>, Refusal> {
    let mut events = Vec::new();
    match rule.led_by {
        Lead::Supervisor => {
            let user = new
                .supervisor
                .as_ref()
                .ok_or(Refusal::SupervisorRequired { kind: new.kind })?;
            let staff = ctx
                .supervisor
                .as_ref()
                .filter(|s| &s.id == user)
                .ok_or(Refusal::UnknownSupervisor)?;
            check_supervisor_qualified(programme, staff, new.starts_at.date())?;
            if programme.supervision.same_supervisor {
                match &case.supervisor {
                    Some(assigned) if assigned != user => {
                        return Err(Refusal::NotTheCaseSupervisor);
                    }
                    Some(_) => {}
                    None => events.push(CaseEvent::SupervisorAssigned {
                        user: user.clone(),
                        reason: None,
                    }),
                }
            }
            let end = new
                .starts_at
                .checked_add(i64::from(new.minutes).minutes())
                .unwrap_or(new.starts_at);
            let own_busy = case
                .sessions
                .iter()
                .filter(|s| s.state == SessionState::Planned && s.supervisor.as_ref() == Some(user))
                .map(|s| (s.starts_at, s.ends_at()));
            if staff
                .busy
                .iter()
                .copied()
                .chain(own_busy)
                .any(|(b, e)| b < end && new.starts_at < e)
            {
                return Err(Refusal::SupervisorDoubleBooked {
                    supervisor: staff.name.clone(),
                });
            }
        }
        Lead::Partner => {
            if case.partner.is_none() {
                return Err(Refusal::NoPartnerAssigned { kind: new.kind });
            }
        }
        Lead::Coordinator | Lead::Nobody => {}
    }
    Ok(events)
}

/// The session as planned: a supervisor only where one leads it, the case's partner
/// only where the partner does.
fn planned_session(case: &Case, rule: &SessionKindRule, new: NewSession) -> Session {
    Session {
        id: new.id,
        kind: new.kind,
        starts_at: new.starts_at,
        minutes: new.minutes,
        place: new.place,
        supervisor: if rule.led_by == Lead::Supervisor {
            new.supervisor
        } else {
            None
        },
        partner: if rule.led_by == Lead::Partner {
            case.partner.clone()
        } else {
            None
        },
        participants: new.participants,
        state: SessionState::Planned,
    }
}

/// The next phase of a running case, when there is one.
pub(super) fn advance_phase(case: &Case, programme: &Programme) -> Result<Vec<CaseEvent>, Refusal> {
    let phase = case
        .phase
        .as_deref()
        .filter(|_| case.status == CaseStatus::Running)
        .ok_or_else(|| not_in_this_status(case))?;
    let next = programme.next_phase(phase).ok_or(Refusal::LastPhase)?;
    Ok(vec![CaseEvent::PhaseAdvanced {
        to: next.id.clone(),
    }])
}

/// What happened to a planned session: held, cancelled or a no-show.
pub(super) fn record_outcome(
    case: &Case,
    programme: &Programme,
    ctx: &Ctx,
    id: SessionId,
    outcome: SessionOutcome,
) -> Result<Vec<CaseEvent>, Refusal> {
    let session = case.session(&id).ok_or(Refusal::UnknownSession)?;
    if session.state != SessionState::Planned {
        return Err(Refusal::OutcomeAlreadyRecorded);
    }
    let starts = amsterdam()
        .to_timestamp(session.starts_at)
        .unwrap_or(ctx.now);
    match outcome {
        SessionOutcome::Held { notes, attended } => {
            if starts > ctx.now {
                return Err(Refusal::HeldBeforeStart);
            }
            let attended = attendance(case, attended)?;
            check_held_after_signatures(case, programme, session)?;
            let mut events = vec![CaseEvent::SessionHeld {
                session: id,
                notes,
                attended,
            }];
            events.extend(phase_completed_by(case, programme, session));
            Ok(events)
        }
        SessionOutcome::Cancelled { by, reason } => {
            check_party(case, &by)?;
            if reason.trim().is_empty() {
                return Err(Refusal::ReasonRequired);
            }
            let notice = i64::from(programme.plan.cancellation_notice_hours);
            let late = starts.duration_since(ctx.now).as_secs() < notice * 3600;
            Ok(vec![CaseEvent::SessionCancelled {
                session: id,
                by,
                reason,
                late,
            }])
        }
        SessionOutcome::NoShow { who, notes } => {
            check_party(case, &who)?;
            if starts > ctx.now {
                return Err(Refusal::HeldBeforeStart);
            }
            Ok(vec![CaseEvent::SessionNoShow {
                session: id,
                who,
                notes,
            }])
        }
    }
}

/// Who cancelled or did not come: the organisation, or a person of the case.
fn check_party(case: &Case, party: &Party) -> Result<(), Refusal> {
    match party {
        Party::Organisation => Ok(()),
        Party::Person(p) if case.person(p).is_some() => Ok(()),
        Party::Person(_) => Err(Refusal::UnknownPerson),
    }
}

/// A session of a kind that needs the signed plan is held only on or after the day the
/// parents signed it, and only while every parent has signed the current version.
fn check_held_after_signatures(
    case: &Case,
    programme: &Programme,
    session: &Session,
) -> Result<(), Refusal> {
    let needs_plan = programme
        .kind(session.kind)
        .is_some_and(|k| k.requires_signed_plan);
    if needs_plan
        && let Some(signed_on) = case.plan_signed_on()
        && session.date() < signed_on
    {
        return Err(Refusal::SessionBeforeSignatures {
            kind: session.kind,
            document: programme.plan.document,
            signed_on,
        });
    }
    // No visit is held before both parents signed the current plan version either.
    if needs_plan
        && !case.plan_signed_by_all()
        && let Some(plan) = case.current_plan()
    {
        return Err(Refusal::PlanNotSigned {
            kind: session.kind,
            document: programme.plan.document,
            version: plan.version,
            missing: case
                .unsigned_parents()
                .iter()
                .map(|p| p.name.clone())
                .collect(),
        });
    }
    Ok(())
}

/// The phase moves on when this held session is the one that completes it.
fn phase_completed_by(case: &Case, programme: &Programme, session: &Session) -> Option<CaseEvent> {
    if case.status == CaseStatus::Running
        && let Some(phase) = case.phase.as_deref().and_then(|p| programme.phase(p))
        && let Some(advance) = &phase.advance_after
        && advance.kind == session.kind
        && case.held(session.kind) + 1 >= advance.count
        && let Some(next) = programme.next_phase(&phase.id)
    {
        return Some(CaseEvent::PhaseAdvanced {
            to: next.id.clone(),
        });
    }
    None
}

/// Who came to a held session: each one a person or child of the case, once, in the order
/// given. A record of fact, so nobody is refused for being there; an unknown id is.
fn attendance(case: &Case, attended: Vec<PersonId>) -> Result<Vec<PersonId>, Refusal> {
    let mut seen: Vec<PersonId> = Vec::with_capacity(attended.len());
    for person in attended {
        let known = case.people.iter().any(|p| p.id == person)
            || case.children.iter().any(|c| c.id == person);
        if !known {
            return Err(Refusal::UnknownPerson);
        }
        if !seen.contains(&person) {
            seen.push(person);
        }
    }
    Ok(seen)
}
