//! The case (*dossier*): its state, the commands that change it and the events it records.
//!
//! [`decide`] holds the rules: given a case, its programme, the context (time, actor, facts
//! about the supervisor) and a command, it returns the events to record or a [`Refusal`].
//! [`apply`] folds one event into the state and never refuses: an event is a fact.
//! Every automatic step (a case starting to run once both parents signed, a phase moving
//! on after its last visit) is an explicit event made by `decide`, so folding the stored
//! events gives the same case whatever the programme definition says later.
//!
//! The module is laid out by use case: `model` holds the aggregate's state, `command` and
//! `event` what is asked and what happened; each use case (`intake`, `team`, `plan`,
//! `sessions`, `reports`, `meldcode`, `people`, `end`) holds its part of the rules, which
//! `decide` sends each command to; `apply` folds the events. Every item is re-exported here,
//! so paths stay `case::X`.

mod apply;
mod calendar;
mod command;
mod end;
mod event;
mod intake;
mod meldcode;
mod model;
mod people;
mod plan;
mod reports;
mod sessions;
mod team;

use crate::programme::Programme;
use crate::refusal::Refusal;
use crate::warning;

pub use apply::{apply, apply_by, from_registration};
pub use calendar::{add_days, add_months, age_on, amsterdam, capitalised, sub_days};
pub use command::{Command, Ctx, NewSession, SessionOutcome};
pub use event::CaseEvent;
pub use intake::{IntakeNeed, intake_sessions_missing, intake_sessions_needed, register};
pub use meldcode::{AFWEGINGSKADER, MeldcodeDecision, MeldcodeEntry, MeldcodeStep};
pub use model::{
    Case, CaseStatus, Child, Consent, ConsentSubject, Contact, Escalation, Evaluation,
    EvaluationKind, Outcome, OutcomeKind, Party, Person, PersonRole, Place, RegisteredBy,
    Registration, Session, SessionState, SessionStatus, SupervisorChange,
};
pub use plan::{PlanContent, PlanVersion, Signature, SignatureMethod};
pub use reports::{Amendment, Report, ReportContent, ReportReturn, ReportState};
pub use sessions::{kind_allowed_in_stage, plannable_kinds};
pub use team::StaffFacts;

/// The rules: what `command` does to `case`, or why it may not.
///
/// A command the rules allow but that goes past something the programme expects (see
/// [`warning`]) is taken only when the user confirmed every warning (`ctx.confirm`), with
/// a reason where a warning asks for one; the confirmation is recorded first.
pub fn decide(
    case: &Case,
    programme: &Programme,
    ctx: &Ctx,
    command: Command,
) -> Result<Vec<CaseEvent>, Refusal> {
    let mut warnings = warning::command_warnings(case, programme, ctx.today(), &command);
    warnings.extend(ctx.shell_warnings.iter().cloned());
    let session = match &command {
        Command::PlanSession(new) => Some(new.id.clone()),
        _ => None,
    };
    let events = decide_rules(case, programme, ctx, command)?;
    if warnings.is_empty() {
        return Ok(events);
    }
    let unconfirmed = ctx.confirm.unconfirmed(&warnings);
    if !unconfirmed.is_empty() {
        return Err(Refusal::ConfirmationNeeded {
            warnings: unconfirmed,
        });
    }
    let reasons = ctx.confirm.reasons_missing(&warnings);
    if !reasons.is_empty() {
        return Err(Refusal::ConfirmationReasonRequired { warnings: reasons });
    }
    let mut out = vec![CaseEvent::WarningsConfirmed {
        session,
        warnings,
        reason: ctx.confirm.reason().map(str::to_owned),
    }];
    out.extend(events);
    Ok(out)
}

/// Sends the command to the rules of its use case; a closed case takes no command.
fn decide_rules(
    case: &Case,
    programme: &Programme,
    ctx: &Ctx,
    command: Command,
) -> Result<Vec<CaseEvent>, Refusal> {
    if case.status == CaseStatus::Closed {
        return Err(Refusal::CaseClosed);
    }
    let today = ctx.today();
    match command {
        Command::StartIntake => intake::start(case, ctx),
        Command::CompleteIntake {
            eligible,
            notes,
            reason,
        } => intake::complete(case, programme, today, (eligible, notes, reason)),
        Command::AssignCoordinator { user } => Ok(vec![CaseEvent::CoordinatorAssigned { user }]),
        Command::AssignSupervisor { user, reason } => {
            team::assign_supervisor(case, programme, ctx, user, reason)
        }
        Command::AssignPartner { organisation } => team::assign_partner(programme, organisation),
        Command::AssignCaseDirector { user } => Ok(vec![CaseEvent::CaseDirectorAssigned { user }]),
        Command::WritePlan { content } => plan::write(case, programme, content),
        Command::SignPlan {
            version,
            parent,
            method,
            signed_on,
        } => plan::sign(case, programme, ctx, (version, parent, method, signed_on)),
        Command::WriteParentingPlan { content } => crate::parenting_plan::write(case, content),
        Command::SignParentingPlan {
            version,
            parent,
            method,
            signed_on,
        } => crate::parenting_plan::sign(
            case,
            (version, parent, method, signed_on),
            (ctx.now, today, &ctx.actor),
        ),
        Command::PlanSession(new) => sessions::plan(case, programme, ctx, new),
        Command::RecordOutcome { session, outcome } => {
            sessions::record_outcome(case, programme, ctx, session, outcome)
        }
        Command::AdvancePhase => sessions::advance_phase(case, programme),
        Command::RecordConsent {
            parent,
            subject,
            given,
            on,
            note,
        } => people::record_consent(
            case,
            Consent {
                parent,
                subject,
                given,
                on,
                note,
            },
        ),
        Command::UpdatePerson {
            person,
            contact,
            secret_address,
        } => people::update(case, person, contact, secret_address),
        Command::SaveReport {
            report,
            session,
            content,
        } => reports::save(case, programme, report, session, content),
        Command::SubmitReport { report } => reports::submit(case, report),
        Command::ApproveReport { report } => reports::approve(case, report),
        Command::ReturnReport { report, reason } => reports::send_back(case, report, &reason),
        Command::ReleaseReport { report } => reports::release(case, report),
        Command::AmendReport { report, text } => reports::amend(case, report, text),
        Command::RecordEvaluation(evaluation) => end::record_evaluation(case, evaluation),
        Command::RecordEscalation(escalation) => {
            Ok(vec![CaseEvent::EscalationRecorded(escalation)])
        }
        Command::RecordMeldcodeStep(entry) => meldcode::record_step(case, today, entry),
        Command::EndCase { outcome, summary } => {
            end::end_case(case, programme, today, outcome, summary)
        }
        Command::CloseFollowUp { summary } => end::close_follow_up(case, today, summary),
    }
}

/// The refusal of a command the case's status does not take.
fn not_in_this_status(case: &Case) -> Refusal {
    Refusal::NotInThisStatus {
        status: case.status,
    }
}
