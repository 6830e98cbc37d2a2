//! Folding events into the case: `apply` never refuses, an event is a fact.

use jiff::Timestamp;
use jiff::civil::Date;

use super::calendar::amsterdam;
use super::event::CaseEvent;
use super::model::{
    Case, CaseStatus, Contact, Outcome, Registration, SessionState, SupervisorChange,
};
use super::plan::{PlanContent, PlanVersion, Signature};
use super::reports::{Amendment, Report, ReportContent, ReportReturn, ReportState};
use crate::ids::{PersonId, ReportId, SessionId, UserId};
use crate::parenting_plan::{ParentingPlanContent, ParentingPlanVersion};

/// Folds one event into the case. `at` is when it was recorded.
pub fn apply(case: &mut Case, event: &CaseEvent, at: Timestamp) {
    match event {
        CaseEvent::Registered(r) => *case = new_case(r),
        CaseEvent::IntakeStarted { on } => {
            case.status = CaseStatus::Intake;
            case.intake_started_on = Some(*on);
        }
        CaseEvent::IntakeCompleted {
            on,
            eligible,
            notes,
        } => complete_intake(case, *on, *eligible, notes),
        CaseEvent::PersonUpdated {
            person,
            contact,
            secret_address,
        } => update_person(case, person, contact, *secret_address),
        CaseEvent::CoordinatorAssigned { user } => case.coordinator = Some(user.clone()),
        CaseEvent::SupervisorAssigned { user, reason } => {
            assign_supervisor(case, user, reason.as_ref(), at);
        }
        CaseEvent::PartnerAssigned { organisation } => case.partner.clone_from(organisation),
        CaseEvent::CaseDirectorAssigned { user } => case.case_director.clone_from(user),
        CaseEvent::PlanWritten {
            version,
            content,
            content_hash,
        } => case
            .plans
            .push(plan_version(*version, content, content_hash, at)),
        CaseEvent::PlanSigned { version, signature } => sign_plan(case, *version, signature),
        CaseEvent::ParentingPlanWritten {
            version,
            content,
            content_hash,
        } => case
            .parenting_plans
            .push(parenting_plan_version(*version, content, content_hash, at)),
        CaseEvent::ParentingPlanSigned { version, signature } => {
            sign_parenting_plan(case, *version, signature);
        }
        CaseEvent::RunningStarted { on, phase } => {
            case.status = CaseStatus::Running;
            case.running_since = Some(*on);
            case.phase = Some(phase.clone());
        }
        CaseEvent::SessionPlanned(s) => case.sessions.push(s.clone()),
        CaseEvent::SessionHeld {
            session,
            notes,
            attended,
        } => set_session_state(
            case,
            session,
            SessionState::Held {
                notes: notes.clone(),
                attended: attended.clone(),
            },
        ),
        CaseEvent::SessionCancelled {
            session,
            by,
            reason,
            late,
        } => set_session_state(
            case,
            session,
            SessionState::Cancelled {
                by: by.clone(),
                reason: reason.clone(),
                at,
                late: *late,
            },
        ),
        CaseEvent::SessionNoShow {
            session,
            who,
            notes,
        } => set_session_state(
            case,
            session,
            SessionState::NoShow {
                who: who.clone(),
                notes: notes.clone(),
            },
        ),
        CaseEvent::ConsentRecorded(c) => case.consents.push(c.clone()),
        CaseEvent::PhaseAdvanced { to } => case.phase = Some(to.clone()),
        CaseEvent::ReportSaved {
            report,
            session,
            content,
        } => save_report(case, report, session, content, at),
        CaseEvent::ReportApproved { report } => {
            set_report_state(case, report, ReportState::Approved);
        }
        CaseEvent::ReportSubmitted { report } => submit_report(case, report, at),
        CaseEvent::ReportReturned { report, reason } => return_report(case, report, reason, at),
        CaseEvent::ReportReleased { report } => release_report(case, report, at),
        CaseEvent::ReportAmended { report, text } => amend_report(case, report, text, at),
        CaseEvent::EvaluationRecorded(e) => case.evaluations.push(e.clone()),
        CaseEvent::EscalationRecorded(e) => case.escalations.push(e.clone()),
        CaseEvent::MeldcodeStepRecorded(m) => case.meldcode.push(m.clone()),
        CaseEvent::Ended {
            on,
            outcome,
            summary,
            follow_up,
        } => end(case, *on, outcome, summary, *follow_up),
        // A record of a decision; the state it concerns changes by the events beside it.
        CaseEvent::WarningsConfirmed { .. } => {}
        CaseEvent::FollowUpClosed { on, summary } => close_follow_up(case, *on, summary),
    }
}

/// An eligible case goes on to its plan; one that is not ends by the event beside this one.
fn complete_intake(case: &mut Case, on: Date, eligible: bool, notes: &str) {
    case.intake_completed_on = Some(on);
    notes.clone_into(&mut case.intake_notes);
    if eligible {
        case.status = CaseStatus::Plan;
    }
}

fn update_person(case: &mut Case, person: &PersonId, contact: &Contact, secret_address: bool) {
    if let Some(p) = case.people.iter_mut().find(|p| &p.id == person) {
        p.contact = contact.clone();
        p.secret_address = secret_address;
    }
}

/// A change of supervisor is kept in the case's history (who it was before, and why).
fn assign_supervisor(case: &mut Case, user: &UserId, reason: Option<&String>, at: Timestamp) {
    if case.supervisor.as_ref() != Some(user) {
        case.supervisor_history.push(SupervisorChange {
            user: user.clone(),
            name: String::new(),
            on: amsterdam().to_datetime(at).date(),
            previous: case.supervisor.clone(),
            reason: reason.cloned(),
        });
    }
    case.supervisor = Some(user.clone());
}

/// A new version of the plan; `apply_by` fills in who wrote it.
fn plan_version(
    version: u32,
    content: &PlanContent,
    content_hash: &str,
    at: Timestamp,
) -> PlanVersion {
    PlanVersion {
        version,
        content: content.clone(),
        content_hash: content_hash.to_owned(),
        created_at: at,
        created_by: UserId::from(""),
        signatures: Vec::new(),
    }
}

fn sign_plan(case: &mut Case, version: u32, signature: &Signature) {
    if let Some(plan) = case.plans.iter_mut().find(|p| p.version == version) {
        plan.signatures.push(signature.clone());
    }
}

/// A new version of the ouderschapsplan; `apply_by` fills in who wrote it.
fn parenting_plan_version(
    version: u32,
    content: &ParentingPlanContent,
    content_hash: &str,
    at: Timestamp,
) -> ParentingPlanVersion {
    ParentingPlanVersion {
        version,
        content: content.clone(),
        content_hash: content_hash.to_owned(),
        created_at: at,
        created_by: UserId::from(""),
        signatures: Vec::new(),
    }
}

fn sign_parenting_plan(case: &mut Case, version: u32, signature: &Signature) {
    if let Some(plan) = case
        .parenting_plans
        .iter_mut()
        .find(|p| p.version == version)
    {
        plan.signatures.push(signature.clone());
    }
}

/// A new draft, or new content for an existing one; `apply_by` fills in the author.
fn save_report(
    case: &mut Case,
    report: &ReportId,
    session: &SessionId,
    content: &ReportContent,
    at: Timestamp,
) {
    if let Some(r) = report_mut(case, report) {
        r.content = content.clone();
        r.updated_at = at;
    } else {
        case.reports.push(Report {
            id: report.clone(),
            session: session.clone(),
            author: UserId::from(""),
            state: ReportState::Draft,
            content: content.clone(),
            updated_at: at,
            approved_by: None,
            released_at: None,
            amendments: Vec::new(),
            ready_at: None,
            returned: None,
        });
    }
}

fn submit_report(case: &mut Case, report: &ReportId, at: Timestamp) {
    if let Some(r) = report_mut(case, report) {
        r.ready_at = Some(at);
        r.returned = None;
    }
}

/// Back to a draft, no longer waiting for review, with the reason it came back.
fn return_report(case: &mut Case, report: &ReportId, reason: &str, at: Timestamp) {
    set_report_state(case, report, ReportState::Draft);
    if let Some(r) = report_mut(case, report) {
        r.ready_at = None;
        r.returned = (!reason.is_empty()).then(|| ReportReturn {
            reason: reason.to_owned(),
            at,
        });
    }
}

fn release_report(case: &mut Case, report: &ReportId, at: Timestamp) {
    set_report_state(case, report, ReportState::Released);
    if let Some(r) = report_mut(case, report) {
        r.released_at = Some(at);
    }
}

/// An amendment; `apply_by` fills in who wrote it.
fn amend_report(case: &mut Case, report: &ReportId, text: &str, at: Timestamp) {
    if let Some(r) = report_mut(case, report) {
        r.amendments.push(Amendment {
            text: text.to_owned(),
            by: UserId::from(""),
            at,
        });
    }
}

/// The case ends: into follow-up, or closed.
fn end(case: &mut Case, on: Date, outcome: &Outcome, summary: &str, follow_up: bool) {
    case.ended_on = Some(on);
    case.outcome = Some(outcome.clone());
    summary.clone_into(&mut case.outcome_summary);
    if follow_up {
        case.status = CaseStatus::FollowUp;
        case.follow_up_since = Some(on);
    } else {
        case.status = CaseStatus::Closed;
        case.closed_on = Some(on);
    }
    case.phase = None;
}

/// The follow-up closes the case; its summary is added to the outcome's.
fn close_follow_up(case: &mut Case, on: Date, summary: &str) {
    case.status = CaseStatus::Closed;
    case.closed_on = Some(on);
    if !summary.is_empty() {
        case.outcome_summary = format!("{}\n{summary}", case.outcome_summary)
            .trim()
            .to_owned();
    }
}

fn report_mut<'a>(case: &'a mut Case, report: &ReportId) -> Option<&'a mut Report> {
    case.reports.iter_mut().find(|r| &r.id == report)
}

/// Applies an event recorded by `actor`: like [`apply`], and fills in who did it where
/// the state keeps that.
pub fn apply_by(case: &mut Case, event: &CaseEvent, at: Timestamp, actor: &UserId) {
    apply(case, event, at);
    match event {
        CaseEvent::PlanWritten { version, .. } => {
            if let Some(p) = case.plans.iter_mut().find(|p| p.version == *version) {
                p.created_by = actor.clone();
            }
        }
        CaseEvent::ParentingPlanWritten { version, .. } => {
            if let Some(p) = case
                .parenting_plans
                .iter_mut()
                .find(|p| p.version == *version)
            {
                p.created_by = actor.clone();
            }
        }
        CaseEvent::ReportSaved { report, .. } => {
            if let Some(r) = case.reports.iter_mut().find(|r| &r.id == report)
                && r.author.as_str().is_empty()
            {
                r.author = actor.clone();
            }
        }
        CaseEvent::ReportApproved { report } => {
            if let Some(r) = case.reports.iter_mut().find(|r| &r.id == report) {
                r.approved_by = Some(actor.clone());
            }
        }
        CaseEvent::MeldcodeStepRecorded(_) => {
            if let Some(m) = case.meldcode.last_mut() {
                m.by = Some(actor.clone());
            }
        }
        CaseEvent::ReportAmended { report, .. } => {
            if let Some(a) = case
                .reports
                .iter_mut()
                .find(|r| &r.id == report)
                .and_then(|r| r.amendments.last_mut())
            {
                a.by = actor.clone();
            }
        }
        _ => {}
    }
}

fn set_session_state(case: &mut Case, id: &SessionId, state: SessionState) {
    if let Some(s) = case.sessions.iter_mut().find(|s| &s.id == id) {
        s.state = state;
    }
}

fn set_report_state(case: &mut Case, id: &ReportId, state: ReportState) {
    if let Some(r) = case.reports.iter_mut().find(|r| &r.id == id) {
        r.state = state;
    }
}

fn new_case(r: &Registration) -> Case {
    Case {
        id: r.id.clone(),
        reference: r.reference.clone(),
        organisation: r.organisation.clone(),
        programme: r.programme.clone(),
        status: CaseStatus::Registered,
        phase: None,
        registered_on: r.registered_on,
        registered_by: r.registered_by,
        entry_route: r.entry_route,
        safety_concerns: r.safety_concerns.clone(),
        request: r.request.clone(),
        children: r.children.clone(),
        people: r.people.clone(),
        referrer_user: r.referrer_user.clone(),
        coordinator: None,
        supervisor: None,
        supervisor_history: Vec::new(),
        partner: None,
        case_director: None,
        intake_started_on: None,
        intake_completed_on: None,
        intake_notes: String::new(),
        running_since: None,
        follow_up_since: None,
        ended_on: None,
        closed_on: None,
        plans: Vec::new(),
        parenting_plans: Vec::new(),
        sessions: Vec::new(),
        reports: Vec::new(),
        consents: Vec::new(),
        evaluations: Vec::new(),
        escalations: Vec::new(),
        meldcode: Vec::new(),
        outcome: None,
        outcome_summary: String::new(),
    }
}

/// Builds a case from its first event (a registration).
pub fn from_registration(r: &Registration) -> Case {
    new_case(r)
}
