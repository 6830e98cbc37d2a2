//! The end of a case: evaluations, its end with an outcome (and follow-up after an
//! agreement, where the programme has it), and the close of the follow-up.

use jiff::civil::Date;

use super::event::CaseEvent;
use super::model::{Case, CaseStatus, Escalation, Evaluation, Outcome, Party, SessionState};
use super::not_in_this_status;
use crate::programme::Programme;
use crate::refusal::Refusal;

/// Cancellations (by the organisation) of every session still planned.
pub(super) fn cancel_planned(case: &Case, reason: &str) -> Vec<CaseEvent> {
    case.sessions
        .iter()
        .filter(|s| s.state == SessionState::Planned)
        .map(|s| CaseEvent::SessionCancelled {
            session: s.id.clone(),
            by: Party::Organisation,
            reason: reason.to_owned(),
            late: false,
        })
        .collect()
}

/// An evaluation, while the case runs or is in follow-up.
pub(super) fn record_evaluation(
    case: &Case,
    evaluation: Evaluation,
) -> Result<Vec<CaseEvent>, Refusal> {
    if !matches!(case.status, CaseStatus::Running | CaseStatus::FollowUp) {
        return Err(not_in_this_status(case));
    }
    Ok(vec![CaseEvent::EvaluationRecorded(evaluation)])
}

/// The case ends with an outcome. An agreement ends only a running case with nothing left
/// planned, and leads to follow-up where the programme has it; any other outcome cancels
/// what is still planned, and a report to someone is recorded as an escalation.
pub(super) fn end_case(
    case: &Case,
    programme: &Programme,
    today: Date,
    outcome: Outcome,
    summary: String,
) -> Result<Vec<CaseEvent>, Refusal> {
    if case.status == CaseStatus::FollowUp {
        return Err(not_in_this_status(case));
    }
    let agreement_outcome = outcome.leads_to_follow_up();
    if agreement_outcome && case.status != CaseStatus::Running {
        return Err(Refusal::AgreementOutcomeNeedsRunningCase);
    }
    check_outcome_explained(&outcome)?;
    if has_planned_sessions(case) && agreement_outcome {
        return Err(Refusal::SessionsStillPlanned);
    }
    let follow_up = agreement_outcome && programme.follow_up.is_some();
    // Ending otherwise cancels what is still planned: a closed case keeps nothing open.
    let mut events = cancel_planned(case, "traject beëindigd / programme ended");
    if let Outcome::Reported { to } = &outcome
        && !case.escalations.iter().any(|e| e.to == *to)
    {
        events.push(CaseEvent::EscalationRecorded(Escalation {
            to: *to,
            on: today,
            reason: summary.clone(),
        }));
    }
    events.push(CaseEvent::Ended {
        on: today,
        outcome,
        summary,
        follow_up,
    });
    Ok(events)
}

/// Follow-up help says to whom; stopping early and not being eligible say why.
fn check_outcome_explained(outcome: &Outcome) -> Result<(), Refusal> {
    match outcome {
        Outcome::FollowUpHelp { handed_to } if handed_to.trim().is_empty() => {
            Err(Refusal::HandedToRequired)
        }
        Outcome::StoppedEarly { reason } | Outcome::NotEligible { reason }
            if reason.trim().is_empty() =>
        {
            Err(Refusal::ReasonRequired)
        }
        _ => Ok(()),
    }
}

/// The follow-up closes, with nothing left planned.
pub(super) fn close_follow_up(
    case: &Case,
    today: Date,
    summary: String,
) -> Result<Vec<CaseEvent>, Refusal> {
    if case.status != CaseStatus::FollowUp {
        return Err(not_in_this_status(case));
    }
    if has_planned_sessions(case) {
        return Err(Refusal::SessionsStillPlanned);
    }
    Ok(vec![CaseEvent::FollowUpClosed { on: today, summary }])
}

fn has_planned_sessions(case: &Case) -> bool {
    case.sessions
        .iter()
        .any(|s| s.state == SessionState::Planned)
}
