//! Why the rules refused a command, in words a coordinator understands.

mod message;

use jiff::civil::Date;
use serde::Serialize;

use crate::case::{CaseStatus, MeldcodeStep, ReportState};
use crate::programme::{EntryRoute, LocationKind, PlanDocument, RoomType, SessionKind};
use crate::text::{Lang, Text};
use crate::warning::Warning;

/// A refusal by the rules. [`Refusal::message`] explains it in Dutch or English;
/// [`Refusal::code`] is a stable machine name for the API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
#[error("{}", self.message(Lang::Nl))]
pub enum Refusal {
    WrongProgramme,
    NoChildren,
    NoParent,
    TooManyParents,
    EntryRouteNotAccepted {
        route: EntryRoute,
        programme: Text,
        accepted: Vec<EntryRoute>,
    },
    ChildAgeOutsideProgramme {
        child: String,
        age: i32,
        min: u8,
        max: u8,
        programme: Text,
    },
    CaseClosed,
    NotInThisStatus {
        status: CaseStatus,
    },
    ReasonRequired,
    UnknownSupervisor,
    NoPartnerPart {
        programme: Text,
    },
    NoPlan {
        document: PlanDocument,
    },
    NotCurrentPlanVersion {
        version: u32,
        current: u32,
    },
    NotAParent,
    /// The ouderschapsplan names two different parents of the case.
    ParentingPlanParents,
    /// The ouderschapsplan's schedule does not hold together.
    ParentingPlanSchedule {
        problem: String,
    },
    NoParentingPlan,
    AlreadySigned {
        parent: String,
        version: u32,
    },
    LastPhase,
    UnknownSession,
    NoReportForKind {
        kind: SessionKind,
    },
    ReportBeforeHeld,
    UnknownReport,
    ReportNotEditable {
        state: ReportState,
    },
    ReportExists,
    /// Marked ready for review twice.
    ReportAlreadyReady,
    /// Marked ready while nothing is written yet.
    ReportEmpty,
    /// Returned while it is neither waiting for review nor approved.
    ReportNotReadyForReview {
        state: ReportState,
    },
    EmptyAmendment,
    AgreementOutcomeNeedsRunningCase,
    HandedToRequired,
    SessionsStillPlanned,
    ReportInWrongState {
        state: ReportState,
        needed: ReportState,
    },
    VolunteersNotAllowed {
        programme: Text,
    },
    VogNotValid {
        supervisor: String,
        issued_on: Option<Date>,
        valid_months: u32,
        on: Date,
    },
    TrainingMissing {
        supervisor: String,
    },
    KindNotInProgramme {
        kind: SessionKind,
        programme: Text,
    },
    DuplicateSession,
    PlanNotSigned {
        kind: SessionKind,
        document: PlanDocument,
        version: u32,
        missing: Vec<String>,
    },
    KindNotInStage {
        kind: SessionKind,
        status: CaseStatus,
        phase: Option<Text>,
    },
    TooLong {
        kind: SessionKind,
        minutes: u32,
        max: u32,
    },
    MaxCountReached {
        kind: SessionKind,
        max: u32,
        programme: Text,
    },
    PrerequisiteMissing {
        kind: SessionKind,
        needs: SessionKind,
        count: u32,
    },
    TooFarInThePast,
    LocationNotAllowed {
        location: LocationKind,
        programme: Text,
    },
    HomeOfRequired,
    /// A session at the home of a parent whose address is secret from another parent of the
    /// case: that other parent would learn the address.
    SecretHome,
    ConsentMissing {
        location: LocationKind,
        missing: Vec<String>,
    },
    ChildTooYoungForConversation {
        below: u8,
    },
    UnknownPerson,
    GuardianMayNotAttend {
        kind: SessionKind,
    },
    SupervisorRequired {
        kind: SessionKind,
    },
    NotTheCaseSupervisor,
    SupervisorDoubleBooked {
        supervisor: String,
    },
    NoPartnerAssigned {
        kind: SessionKind,
    },
    OutcomeAlreadyRecorded,
    HeldBeforeStart,
    PlanLongerThanProgramme {
        months: u32,
        max: u32,
        programme: Text,
    },
    /// The step goes past something the programme expects: confirm these warnings first.
    ConfirmationNeeded {
        warnings: Vec<Warning>,
    },
    /// These confirmed warnings ask for a reason.
    ConfirmationReasonRequired {
        warnings: Vec<Warning>,
    },
    /// The intake is complete only when these sessions were held.
    IntakeSessionsMissing {
        missing: Vec<Text>,
    },
    /// The programme holds an intake with each parent separately.
    JointIntakeNotAllowed {
        programme: Text,
    },
    /// A separate intake names the parent it is with.
    IntakeParentRequired,
    /// A session that needs a signed plan, dated before the parents signed it.
    SessionBeforeSignatures {
        kind: SessionKind,
        document: PlanDocument,
        signed_on: Date,
    },
    SignatureInTheFuture {
        on: Date,
    },
    SignatureBeforePlan {
        on: Date,
        written: Date,
    },
    /// One resident parent and one visiting parent at most; with a carer, two visiting.
    TooManyParentsWithCarer,
    CarerNotInProgramme {
        programme: Text,
    },
    /// With no resident parent, name the foster carer or residential group.
    WhoBringsTheChild,
    AuthorityOnlyForGuardian,
    /// Two visiting parents who must not meet, in one visit.
    VisitingParentsMustNotMeet {
        parents: Vec<String>,
    },
    MeldcodeComplete,
    MeldcodeStepOutOfOrder {
        step: MeldcodeStep,
        expected: MeldcodeStep,
    },
    MeldcodeStepInTheFuture {
        on: Date,
    },
    MeldcodeStepBeforePrevious {
        previous: Date,
    },
    MeldcodeAnswersRequired,
    MeldcodeDecisionRequired,
    /// The programme keeps the same supervisor: a change needs a reason.
    SupervisorChangeNeedsReason,
    /// This kind of session has its own places in the programme.
    LocationNotAllowedForKind {
        kind: SessionKind,
        location: LocationKind,
        allowed: Vec<LocationKind>,
    },
    /// The room is of a type this session kind is not held in (a visit in an office).
    RoomTypeNotAllowed {
        kind: SessionKind,
        room_type: RoomType,
        allowed: Vec<RoomType>,
    },
}

impl Refusal {
    /// A stable machine name (the serde tag), for API clients and tests.
    pub fn code(&self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.get("code").and_then(|c| c.as_str()).map(str::to_owned))
            .unwrap_or_default()
    }

    /// Both languages at once.
    pub fn text(&self) -> Text {
        Text::new(self.message(Lang::Nl), self.message(Lang::En))
    }
}

/// "za 28 november 2026": a day in Dutch running text (one format everywhere).
pub fn dutch_date(d: Date) -> String {
    crate::text::day_date(d, Lang::Nl)
}

/// "Wed 1 April 2026": the same for the English texts (no ISO dates in running text).
pub fn english_date(d: Date) -> String {
    crate::text::day_date(d, Lang::En)
}
