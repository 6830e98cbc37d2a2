//! Every refusal has its own words, in Dutch and in English.
//!
//! `every_refusal!` is exhaustive over `Refusal`: a new variant does not compile until it
//! has a sample here, and the test then fails until `Refusal::message` words it (instead of
//! the generic "Deze stap kan nu niet" / "This step cannot be taken now").

// Tests may stop at the first surprise; the list of samples is one long table.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

use std::collections::HashMap;

use jiff::civil::date;
use omgang_domain::case::{CaseStatus, MeldcodeStep, ReportState};
use omgang_domain::programme::{EntryRoute, LocationKind, PlanDocument, RoomType, SessionKind};
use omgang_domain::refusal::Refusal;
use omgang_domain::text::{Lang, Text};
use omgang_domain::warning::{Warning, WarningCode};

/// The start of the generic message for a refusal its family does not word.
const FALLBACK_NL: &str = "Deze stap kan nu niet";
const FALLBACK_EN: &str = "This step cannot be taken now";

/// One sample: the variant's name, the refusal, and whether a refusal is that variant.
type Sample = (&'static str, Refusal, fn(&Refusal) -> bool);

macro_rules! every_refusal {
    ($($variant:ident => $sample:expr),+ $(,)?) => {{
        // Exhaustive: a new variant of Refusal does not compile until it has a sample here.
        #[allow(dead_code)]
        fn listed(r: &Refusal) { match r { $(Refusal::$variant { .. } => {})+ } }
        let samples: Vec<Sample> = vec![$((
            stringify!($variant),
            $sample,
            |r: &Refusal| matches!(r, Refusal::$variant { .. }),
        )),+];
        samples
    }};
}

fn programme() -> Text {
    Text::new("Begeleide omgang", "Supervised visitation")
}

fn warning() -> Warning {
    Warning::new(
        WarningCode::BeyondTargetCount,
        Text::new(
            "Dit wordt begeleide omgang nummer 9; het traject gaat uit van ongeveer 8.",
            "This would be supervised visit number 9; the programme expects about 8.",
        ),
        false,
    )
}

fn samples() -> Vec<Sample> {
    every_refusal! {
        WrongProgramme => Refusal::WrongProgramme,
        NoChildren => Refusal::NoChildren,
        NoParent => Refusal::NoParent,
        TooManyParents => Refusal::TooManyParents,
        EntryRouteNotAccepted => Refusal::EntryRouteNotAccepted {
            route: EntryRoute::Voluntary,
            programme: programme(),
            accepted: vec![EntryRoute::Referral, EntryRoute::CourtOrder],
        },
        ChildAgeOutsideProgramme => Refusal::ChildAgeOutsideProgramme {
            child: "Noah".into(),
            age: 14,
            min: 0,
            max: 12,
            programme: programme(),
        },
        CaseClosed => Refusal::CaseClosed,
        NotInThisStatus => Refusal::NotInThisStatus {
            status: CaseStatus::Registered,
        },
        ReasonRequired => Refusal::ReasonRequired,
        UnknownSupervisor => Refusal::UnknownSupervisor,
        NoPartnerPart => Refusal::NoPartnerPart {
            programme: programme(),
        },
        NoPlan => Refusal::NoPlan {
            document: PlanDocument::PlanVanAanpak,
        },
        NotCurrentPlanVersion => Refusal::NotCurrentPlanVersion {
            version: 1,
            current: 2,
        },
        NotAParent => Refusal::NotAParent,
        ParentingPlanParents => Refusal::ParentingPlanParents,
        ParentingPlanSchedule => Refusal::ParentingPlanSchedule {
            problem: "het basispatroon heeft geen dagen".into(),
        },
        NoParentingPlan => Refusal::NoParentingPlan,
        AlreadySigned => Refusal::AlreadySigned {
            parent: "Sanne de Vries".into(),
            version: 2,
        },
        LastPhase => Refusal::LastPhase,
        UnknownSession => Refusal::UnknownSession,
        NoReportForKind => Refusal::NoReportForKind {
            kind: SessionKind::Intake,
        },
        ReportBeforeHeld => Refusal::ReportBeforeHeld,
        UnknownReport => Refusal::UnknownReport,
        ReportNotEditable => Refusal::ReportNotEditable {
            state: ReportState::Released,
        },
        ReportExists => Refusal::ReportExists,
        ReportAlreadyReady => Refusal::ReportAlreadyReady,
        ReportEmpty => Refusal::ReportEmpty,
        ReportNotReadyForReview => Refusal::ReportNotReadyForReview {
            state: ReportState::Draft,
        },
        EmptyAmendment => Refusal::EmptyAmendment,
        AgreementOutcomeNeedsRunningCase => Refusal::AgreementOutcomeNeedsRunningCase,
        HandedToRequired => Refusal::HandedToRequired,
        SessionsStillPlanned => Refusal::SessionsStillPlanned,
        ReportInWrongState => Refusal::ReportInWrongState {
            state: ReportState::Draft,
            needed: ReportState::Approved,
        },
        VolunteersNotAllowed => Refusal::VolunteersNotAllowed {
            programme: programme(),
        },
        VogNotValid => Refusal::VogNotValid {
            supervisor: "Mark Jansen".into(),
            issued_on: Some(date(2024, 1, 15)),
            valid_months: 36,
            on: date(2027, 3, 2),
        },
        TrainingMissing => Refusal::TrainingMissing {
            supervisor: "Mark Jansen".into(),
        },
        KindNotInProgramme => Refusal::KindNotInProgramme {
            kind: SessionKind::OnsConversation,
            programme: programme(),
        },
        DuplicateSession => Refusal::DuplicateSession,
        PlanNotSigned => Refusal::PlanNotSigned {
            kind: SessionKind::SupervisedVisit,
            document: PlanDocument::PlanVanAanpak,
            version: 1,
            missing: vec!["Peter Bakker".into()],
        },
        KindNotInStage => Refusal::KindNotInStage {
            kind: SessionKind::SupervisedVisit,
            status: CaseStatus::Intake,
            phase: None,
        },
        TooLong => Refusal::TooLong {
            kind: SessionKind::SupervisedVisit,
            minutes: 180,
            max: 120,
        },
        MaxCountReached => Refusal::MaxCountReached {
            kind: SessionKind::Evaluation,
            max: 2,
            programme: programme(),
        },
        PrerequisiteMissing => Refusal::PrerequisiteMissing {
            kind: SessionKind::SupervisedVisit,
            needs: SessionKind::ChildConversation,
            count: 1,
        },
        TooFarInThePast => Refusal::TooFarInThePast,
        LocationNotAllowed => Refusal::LocationNotAllowed {
            location: LocationKind::ParentHome,
            programme: programme(),
        },
        HomeOfRequired => Refusal::HomeOfRequired,
        SecretHome => Refusal::SecretHome,
        ConsentMissing => Refusal::ConsentMissing {
            location: LocationKind::Playground,
            missing: vec!["Sanne de Vries".into(), "Peter Bakker".into()],
        },
        ChildTooYoungForConversation => Refusal::ChildTooYoungForConversation { below: 4 },
        UnknownPerson => Refusal::UnknownPerson,
        GuardianMayNotAttend => Refusal::GuardianMayNotAttend {
            kind: SessionKind::ChildConversation,
        },
        SupervisorRequired => Refusal::SupervisorRequired {
            kind: SessionKind::SupervisedHandover,
        },
        NotTheCaseSupervisor => Refusal::NotTheCaseSupervisor,
        SupervisorDoubleBooked => Refusal::SupervisorDoubleBooked {
            supervisor: "Mark Jansen".into(),
        },
        NoPartnerAssigned => Refusal::NoPartnerAssigned {
            kind: SessionKind::OnsConversation,
        },
        OutcomeAlreadyRecorded => Refusal::OutcomeAlreadyRecorded,
        HeldBeforeStart => Refusal::HeldBeforeStart,
        PlanLongerThanProgramme => Refusal::PlanLongerThanProgramme {
            months: 9,
            max: 6,
            programme: programme(),
        },
        ConfirmationNeeded => Refusal::ConfirmationNeeded {
            warnings: vec![warning()],
        },
        ConfirmationReasonRequired => Refusal::ConfirmationReasonRequired {
            warnings: vec![warning()],
        },
        IntakeSessionsMissing => Refusal::IntakeSessionsMissing {
            missing: vec![
                Text::new("intakegesprek met Sanne de Vries", "intake with Sanne de Vries"),
                Text::new("kindgesprek", "child conversation"),
            ],
        },
        JointIntakeNotAllowed => Refusal::JointIntakeNotAllowed {
            programme: programme(),
        },
        IntakeParentRequired => Refusal::IntakeParentRequired,
        SessionBeforeSignatures => Refusal::SessionBeforeSignatures {
            kind: SessionKind::SupervisedVisit,
            document: PlanDocument::PlanVanAanpak,
            signed_on: date(2026, 3, 2),
        },
        SignatureInTheFuture => Refusal::SignatureInTheFuture {
            on: date(2026, 3, 2),
        },
        SignatureBeforePlan => Refusal::SignatureBeforePlan {
            on: date(2026, 2, 20),
            written: date(2026, 3, 2),
        },
        TooManyParentsWithCarer => Refusal::TooManyParentsWithCarer,
        CarerNotInProgramme => Refusal::CarerNotInProgramme {
            programme: programme(),
        },
        WhoBringsTheChild => Refusal::WhoBringsTheChild,
        AuthorityOnlyForGuardian => Refusal::AuthorityOnlyForGuardian,
        VisitingParentsMustNotMeet => Refusal::VisitingParentsMustNotMeet {
            parents: vec!["Peter Bakker".into(), "Karim El Amrani".into()],
        },
        MeldcodeComplete => Refusal::MeldcodeComplete,
        MeldcodeStepOutOfOrder => Refusal::MeldcodeStepOutOfOrder {
            step: MeldcodeStep::Weighing,
            expected: MeldcodeStep::Consultation,
        },
        MeldcodeStepInTheFuture => Refusal::MeldcodeStepInTheFuture {
            on: date(2026, 3, 2),
        },
        MeldcodeStepBeforePrevious => Refusal::MeldcodeStepBeforePrevious {
            previous: date(2026, 3, 2),
        },
        MeldcodeAnswersRequired => Refusal::MeldcodeAnswersRequired,
        MeldcodeDecisionRequired => Refusal::MeldcodeDecisionRequired,
        SupervisorChangeNeedsReason => Refusal::SupervisorChangeNeedsReason,
        LocationNotAllowedForKind => Refusal::LocationNotAllowedForKind {
            kind: SessionKind::ChildConversation,
            location: LocationKind::Playground,
            allowed: vec![LocationKind::Omgangshuis, LocationKind::Office],
        },
        RoomTypeNotAllowed => Refusal::RoomTypeNotAllowed {
            kind: SessionKind::SupervisedVisit,
            room_type: RoomType::Office,
            allowed: vec![RoomType::Homely, RoomType::Large],
        },
    }
}

/// What is wrong with one message of a refusal, if anything.
fn problems(name: &str, lang: Lang, message: &str, fallback: &str) -> Vec<String> {
    let mut out = Vec::new();
    if message.trim().is_empty() {
        out.push(format!("{name} ({lang:?}): empty message"));
    }
    if message.starts_with(fallback) {
        out.push(format!("{name} ({lang:?}): generic fallback: {message}"));
    }
    if message.contains('{') || message.contains('}') {
        out.push(format!("{name} ({lang:?}): leftover brace: {message}"));
    }
    out
}

#[test]
fn every_refusal_has_its_own_words_in_dutch_and_english() {
    let samples = samples();
    let mut failures: Vec<String> = Vec::new();
    // Dutch message -> the variant that said it first.
    let mut seen: HashMap<String, &str> = HashMap::new();

    for (name, sample, is_variant) in &samples {
        assert!(
            is_variant(sample),
            "the sample listed as {name} is another variant: {sample:?}"
        );
        let nl = sample.message(Lang::Nl);
        let en = sample.message(Lang::En);
        failures.extend(problems(name, Lang::Nl, &nl, FALLBACK_NL));
        failures.extend(problems(name, Lang::En, &en, FALLBACK_EN));
        if nl == en {
            failures.push(format!("{name}: Dutch and English are the same: {nl}"));
        }
        // No two refusals share a Dutch wording (none do by design).
        if let Some(first) = seen.insert(nl.clone(), *name)
            && first != *name
        {
            failures.push(format!("{name}: same Dutch words as {first}: {nl}"));
        }
    }

    assert!(
        failures.is_empty(),
        "{} problem(s) in the refusals' words:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
