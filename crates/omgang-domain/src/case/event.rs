//! What happened to a case ([`CaseEvent`]): stored, in order, for ever.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::meldcode::MeldcodeEntry;
use super::model::{
    Consent, Contact, Escalation, Evaluation, Outcome, Party, Registration, Session,
};
use super::plan::{PlanContent, Signature};
use super::reports::ReportContent;
use crate::ids::{OrgId, PersonId, ReportId, SessionId, UserId};
use crate::warning::Warning;

/// What happened to a case. Stored, in order, for ever.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum CaseEvent {
    Registered(Registration),
    IntakeStarted {
        on: Date,
    },
    IntakeCompleted {
        on: Date,
        eligible: bool,
        notes: String,
    },
    CoordinatorAssigned {
        user: UserId,
    },
    SupervisorAssigned {
        user: UserId,
        /// Why, when the case had another supervisor.
        #[serde(default)]
        reason: Option<String>,
    },
    PartnerAssigned {
        organisation: Option<OrgId>,
    },
    CaseDirectorAssigned {
        user: Option<UserId>,
    },
    PlanWritten {
        version: u32,
        content: PlanContent,
        content_hash: String,
    },
    PlanSigned {
        version: u32,
        signature: Signature,
    },
    RunningStarted {
        on: Date,
        phase: String,
    },
    ParentingPlanWritten {
        version: u32,
        content: crate::parenting_plan::ParentingPlanContent,
        content_hash: String,
    },
    ParentingPlanSigned {
        version: u32,
        signature: Signature,
    },
    SessionPlanned(Session),
    SessionHeld {
        session: SessionId,
        notes: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        attended: Vec<PersonId>,
    },
    SessionCancelled {
        session: SessionId,
        by: Party,
        reason: String,
        late: bool,
    },
    SessionNoShow {
        session: SessionId,
        who: Party,
        notes: String,
    },
    ConsentRecorded(Consent),
    PhaseAdvanced {
        to: String,
    },
    ReportSaved {
        report: ReportId,
        session: SessionId,
        content: ReportContent,
    },
    ReportSubmitted {
        report: ReportId,
    },
    ReportApproved {
        report: ReportId,
    },
    ReportReturned {
        report: ReportId,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
    },
    ReportReleased {
        report: ReportId,
    },
    ReportAmended {
        report: ReportId,
        text: String,
    },
    EvaluationRecorded(Evaluation),
    EscalationRecorded(Escalation),
    MeldcodeStepRecorded(MeldcodeEntry),
    Ended {
        on: Date,
        outcome: Outcome,
        summary: String,
        follow_up: bool,
    },
    FollowUpClosed {
        on: Date,
        summary: String,
    },
    PersonUpdated {
        person: PersonId,
        contact: Contact,
        secret_address: bool,
    },
    /// The user went ahead despite these warnings ("toch plannen"), for this reason.
    WarningsConfirmed {
        /// The session planned, when the step planned one.
        session: Option<SessionId>,
        warnings: Vec<Warning>,
        reason: Option<String>,
    },
}

impl CaseEvent {
    /// A short machine name, used in the audit log and the timeline.
    pub fn name(&self) -> &'static str {
        match self {
            CaseEvent::Registered(_) => "registered",
            CaseEvent::IntakeStarted { .. } => "intake_started",
            CaseEvent::IntakeCompleted { .. } => "intake_completed",
            CaseEvent::CoordinatorAssigned { .. } => "coordinator_assigned",
            CaseEvent::SupervisorAssigned { .. } => "supervisor_assigned",
            CaseEvent::PartnerAssigned { .. } => "partner_assigned",
            CaseEvent::CaseDirectorAssigned { .. } => "case_director_assigned",
            CaseEvent::PlanWritten { .. } => "plan_written",
            CaseEvent::PlanSigned { .. } => "plan_signed",
            CaseEvent::RunningStarted { .. } => "running_started",
            CaseEvent::ParentingPlanWritten { .. } => "parenting_plan_written",
            CaseEvent::ParentingPlanSigned { .. } => "parenting_plan_signed",
            CaseEvent::SessionPlanned(_) => "session_planned",
            CaseEvent::SessionHeld { .. } => "session_held",
            CaseEvent::SessionCancelled { .. } => "session_cancelled",
            CaseEvent::SessionNoShow { .. } => "session_no_show",
            CaseEvent::ConsentRecorded(_) => "consent_recorded",
            CaseEvent::PhaseAdvanced { .. } => "phase_advanced",
            CaseEvent::ReportSaved { .. } => "report_saved",
            CaseEvent::ReportSubmitted { .. } => "report_submitted",
            CaseEvent::ReportApproved { .. } => "report_approved",
            CaseEvent::ReportReturned { .. } => "report_returned",
            CaseEvent::ReportReleased { .. } => "report_released",
            CaseEvent::ReportAmended { .. } => "report_amended",
            CaseEvent::EvaluationRecorded(_) => "evaluation_recorded",
            CaseEvent::EscalationRecorded(_) => "escalation_recorded",
            CaseEvent::MeldcodeStepRecorded(_) => "meldcode_step_recorded",
            CaseEvent::Ended { .. } => "ended",
            CaseEvent::FollowUpClosed { .. } => "follow_up_closed",
            CaseEvent::PersonUpdated { .. } => "person_updated",
            CaseEvent::WarningsConfirmed { .. } => "warnings_confirmed",
        }
    }
}
