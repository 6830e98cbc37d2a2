//! What a user asks of a case ([`Command`]) and what the rules need besides ([`Ctx`]).

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Serialize};

use super::calendar::amsterdam;
use super::meldcode::MeldcodeEntry;
use super::model::{ConsentSubject, Contact, Escalation, Evaluation, Outcome, Party, Place};
use super::plan::{PlanContent, SignatureMethod};
use super::reports::ReportContent;
use super::team::StaffFacts;
use crate::ids::{OrgId, PersonId, ReportId, SessionId, UserId};
use crate::programme::SessionKind;
use crate::warning::{Confirmation, Warning};

/// Everything `decide` needs besides the case and the programme.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub now: Timestamp,
    pub actor: UserId,
    /// The supervisor named by the command, if it names one.
    pub supervisor: Option<StaffFacts>,
    /// The warnings the user confirmed with this command, and why.
    pub confirm: Confirmation,
    /// Warnings the shell found in facts it read (a room booked then).
    pub shell_warnings: Vec<Warning>,
}

impl Ctx {
    /// A context with nothing confirmed and no warnings from the shell.
    pub fn new(now: Timestamp, actor: UserId, supervisor: Option<StaffFacts>) -> Ctx {
        Ctx {
            now,
            actor,
            supervisor,
            confirm: Confirmation::default(),
            shell_warnings: Vec::new(),
        }
    }

    pub fn today(&self) -> Date {
        amsterdam().to_datetime(self.now).date()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSession {
    pub id: SessionId,
    pub kind: SessionKind,
    pub starts_at: DateTime,
    pub minutes: u32,
    pub place: Place,
    pub supervisor: Option<UserId>,
    pub partner: Option<OrgId>,
    pub participants: Vec<PersonId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum SessionOutcome {
    Held {
        notes: String,
        /// Who came: people and children of the case. Empty: not recorded.
        #[serde(default)]
        attended: Vec<PersonId>,
    },
    Cancelled {
        by: Party,
        reason: String,
    },
    NoShow {
        who: Party,
        notes: String,
    },
}

/// What a user asks to happen to a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    StartIntake,
    CompleteIntake {
        eligible: bool,
        notes: String,
        reason: Option<String>,
    },
    AssignCoordinator {
        user: UserId,
    },
    AssignSupervisor {
        user: UserId,
        /// Why the supervisor changes (seed 003: "dezelfde begeleider"); needed when the
        /// programme keeps the same supervisor and the case has another one.
        reason: Option<String>,
    },
    AssignPartner {
        organisation: Option<OrgId>,
    },
    AssignCaseDirector {
        user: Option<UserId>,
    },
    WritePlan {
        content: PlanContent,
    },
    SignPlan {
        version: u32,
        parent: PersonId,
        method: SignatureMethod,
        /// For a paper signature recorded afterwards: the day it was signed.
        signed_on: Option<Date>,
    },
    /// Write a (new version of the) ouderschapsplan.
    WriteParentingPlan {
        content: crate::parenting_plan::ParentingPlanContent,
    },
    /// A parent signs the current version of the ouderschapsplan.
    SignParentingPlan {
        version: u32,
        parent: PersonId,
        method: SignatureMethod,
        signed_on: Option<Date>,
    },
    PlanSession(NewSession),
    RecordOutcome {
        session: SessionId,
        outcome: SessionOutcome,
    },
    RecordConsent {
        parent: PersonId,
        subject: ConsentSubject,
        given: bool,
        on: Date,
        note: String,
    },
    AdvancePhase,
    SaveReport {
        report: ReportId,
        session: SessionId,
        content: ReportContent,
    },
    /// The author marks the draft ready for review.
    SubmitReport {
        report: ReportId,
    },
    ApproveReport {
        report: ReportId,
    },
    /// Back to the author, saying why: a draft waiting for review, or an approved one.
    ReturnReport {
        report: ReportId,
        #[serde(default)]
        reason: String,
    },
    ReleaseReport {
        report: ReportId,
    },
    AmendReport {
        report: ReportId,
        text: String,
    },
    RecordEvaluation(Evaluation),
    RecordEscalation(Escalation),
    RecordMeldcodeStep(MeldcodeEntry),
    EndCase {
        outcome: Outcome,
        summary: String,
    },
    CloseFollowUp {
        summary: String,
    },
    /// The contact details of a person change, or their address becomes (or stops being)
    /// secret from the other parent.
    UpdatePerson {
        person: PersonId,
        contact: Contact,
        secret_address: bool,
    },
}
