//! Programme definitions: each programme's rules as data.
//!
//! A programme (*traject*) is described by a TOML file (see `programmes/` at the repository
//! root for the five built-in ones). [`Programme::parse`] reads and validates one; a wrong
//! definition is refused with the file, the field and the reason. No code anywhere asks
//! "which programme is this?": every rule is a field read from here.

use serde::{Deserialize, Serialize};

use crate::text::Text;

/// How a family comes into a programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryRoute {
    /// Parents or professionals register voluntarily.
    Voluntary,
    /// With a referral (*indicatie*, *verwijzing*).
    Referral,
    /// By court order (*rechterlijke uitspraak*).
    CourtOrder,
}

impl EntryRoute {
    pub const ALL: [EntryRoute; 3] = [
        EntryRoute::Voluntary,
        EntryRoute::Referral,
        EntryRoute::CourtOrder,
    ];

    /// The name this value has in JSON (its serde name), in forms and in stored events.
    pub fn key(self) -> &'static str {
        match self {
            EntryRoute::Voluntary => "voluntary",
            EntryRoute::Referral => "referral",
            EntryRoute::CourtOrder => "court_order",
        }
    }

    pub fn label(self) -> Text {
        match self {
            EntryRoute::Voluntary => Text::new("vrijwillig", "voluntary"),
            EntryRoute::Referral => Text::new("verwijzing (indicatie)", "referral"),
            EntryRoute::CourtOrder => Text::new("rechterlijke uitspraak", "court order"),
        }
    }
}

/// How the intake is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntakeStyle {
    /// An intake conversation with each parent separately.
    Separate,
    /// One intake conversation with both parents.
    Joint,
    /// An informative conversation, where a guardian or other professionals may attend.
    Informative,
}

/// The document both parents sign before visits may start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanDocument {
    PlanVanAanpak,
    Samenwerkingscontract,
}

impl PlanDocument {
    pub fn label(self) -> Text {
        match self {
            PlanDocument::PlanVanAanpak => Text::new("plan van aanpak", "plan of approach"),
            PlanDocument::Samenwerkingscontract => {
                Text::new("samenwerkingscontract", "cooperation contract")
            }
        }
    }
}

/// Every kind of session a case can have. Which of them a programme uses, and under
/// which limits, is in its definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    Intake,
    InformativeConversation,
    ChildConversation,
    InteractionObservation,
    ParentConversation,
    /// Ouderschap Na Scheiding: mediation talks, often run by a partner organisation.
    OnsConversation,
    SupervisedVisit,
    SupervisedHandover,
    UnsupervisedVisit,
    Evaluation,
    EndEvaluation,
    FollowUpAppointment,
}

impl SessionKind {
    pub const ALL: [SessionKind; 12] = [
        SessionKind::Intake,
        SessionKind::InformativeConversation,
        SessionKind::ChildConversation,
        SessionKind::InteractionObservation,
        SessionKind::ParentConversation,
        SessionKind::OnsConversation,
        SessionKind::SupervisedVisit,
        SessionKind::SupervisedHandover,
        SessionKind::UnsupervisedVisit,
        SessionKind::Evaluation,
        SessionKind::EndEvaluation,
        SessionKind::FollowUpAppointment,
    ];

    /// The name this value has in JSON (its serde name), in forms and in stored events.
    pub fn key(self) -> &'static str {
        match self {
            SessionKind::Intake => "intake",
            SessionKind::InformativeConversation => "informative_conversation",
            SessionKind::ChildConversation => "child_conversation",
            SessionKind::InteractionObservation => "interaction_observation",
            SessionKind::ParentConversation => "parent_conversation",
            SessionKind::OnsConversation => "ons_conversation",
            SessionKind::SupervisedVisit => "supervised_visit",
            SessionKind::SupervisedHandover => "supervised_handover",
            SessionKind::UnsupervisedVisit => "unsupervised_visit",
            SessionKind::Evaluation => "evaluation",
            SessionKind::EndEvaluation => "end_evaluation",
            SessionKind::FollowUpAppointment => "follow_up_appointment",
        }
    }

    pub fn label(self) -> Text {
        let (nl, en) = match self {
            SessionKind::Intake => ("intakegesprek", "intake"),
            SessionKind::InformativeConversation => {
                ("informatief gesprek", "informative conversation")
            }
            SessionKind::ChildConversation => ("kindgesprek", "child conversation"),
            SessionKind::InteractionObservation => {
                ("interactie-observatie", "interaction observation")
            }
            SessionKind::ParentConversation => ("oudergesprek", "parent conversation"),
            SessionKind::OnsConversation => ("ONS-gesprek", "ONS conversation"),
            SessionKind::SupervisedVisit => ("begeleide omgang", "supervised visit"),
            SessionKind::SupervisedHandover => ("overdrachtsbegeleiding", "supervised handover"),
            SessionKind::UnsupervisedVisit => ("omgang zonder begeleiding", "unsupervised contact"),
            SessionKind::Evaluation => ("evaluatie", "evaluation"),
            SessionKind::EndEvaluation => ("eindevaluatie", "end evaluation"),
            SessionKind::FollowUpAppointment => ("terugkomafspraak", "follow-up appointment"),
        };
        Text::new(nl, en)
    }

    /// Intake-type sessions belong to the intake and plan stages, before visits run.
    pub fn is_intake_stage(self) -> bool {
        matches!(
            self,
            SessionKind::Intake
                | SessionKind::InformativeConversation
                | SessionKind::ChildConversation
                | SessionKind::InteractionObservation
        )
    }

    /// Contact that a supervisor attends.
    pub fn is_supervised_contact(self) -> bool {
        matches!(
            self,
            SessionKind::SupervisedVisit | SessionKind::SupervisedHandover
        )
    }

    /// A contact moment between the child and the non-resident parent.
    pub fn is_visit(self) -> bool {
        matches!(
            self,
            SessionKind::SupervisedVisit
                | SessionKind::SupervisedHandover
                | SessionKind::UnsupervisedVisit
        )
    }
}

/// Who leads a kind of session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lead {
    /// The case's coordinator (zorgcoördinator).
    Coordinator,
    /// A supervisor (omgangsbegeleider), professional or volunteer.
    Supervisor,
    /// A partner organisation's staff (e.g. Timon for ONS).
    Partner,
    /// Nobody from an organisation: only logged (unsupervised visits).
    Nobody,
}

/// Where a session takes place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LocationKind {
    /// The omgangshuis (or the organisation's own office).
    Omgangshuis,
    /// An (indoor) playground.
    Playground,
    /// Another suitable location found for the case.
    OtherLocation,
    /// The home of a parent.
    ParentHome,
    /// An office: a partner organisation's own, or the Sociaal Team's (seed 000: ONS
    /// conversations "op kantoor van het Sociaal Team").
    Office,
}

impl LocationKind {
    /// Every value, in the order forms list them.
    pub const ALL: [LocationKind; 5] = [
        LocationKind::Omgangshuis,
        LocationKind::Playground,
        LocationKind::OtherLocation,
        LocationKind::ParentHome,
        LocationKind::Office,
    ];

    /// The name this value has in JSON (its serde name), in forms and in stored events.
    pub fn key(self) -> &'static str {
        match self {
            LocationKind::Omgangshuis => "omgangshuis",
            LocationKind::Playground => "playground",
            LocationKind::OtherLocation => "other_location",
            LocationKind::ParentHome => "parent_home",
            LocationKind::Office => "office",
        }
    }

    pub fn label(self) -> Text {
        match self {
            LocationKind::Omgangshuis => Text::new("omgangshuis", "contact centre"),
            LocationKind::Playground => Text::new("speeltuin", "playground"),
            LocationKind::OtherLocation => Text::new("andere locatie", "other location"),
            LocationKind::ParentHome => Text::new("bij de ouder thuis", "at the parent's home"),
            LocationKind::Office => Text::new(
                "kantoor (partner of Sociaal Team)",
                "office (partner or Sociaal Team)",
            ),
        }
    }

    pub fn is_outside_house(self) -> bool {
        self != LocationKind::Omgangshuis
    }
}

/// The kind of a room in one of the organisation's locations (seed 003: "ruimtes die
/// huiselijk zijn ingericht, maar ook … grotere ruimtes waar ouder(s) en kind(eren)
/// bijvoorbeeld samen een balspel kunnen spelen").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoomType {
    /// Furnished like a living room.
    Homely,
    /// A larger room, for play (a ball game).
    Large,
    /// An office, for conversations.
    Office,
}

impl RoomType {
    pub const ALL: [RoomType; 3] = [RoomType::Homely, RoomType::Large, RoomType::Office];

    pub fn code(self) -> &'static str {
        match self {
            RoomType::Homely => "homely",
            RoomType::Large => "large",
            RoomType::Office => "office",
        }
    }

    pub fn parse(code: &str) -> Option<RoomType> {
        RoomType::ALL.into_iter().find(|t| t.code() == code)
    }

    pub fn label(self) -> Text {
        match self {
            RoomType::Homely => Text::new("huiselijke ruimte", "homely room"),
            RoomType::Large => Text::new("grote ruimte", "large room"),
            RoomType::Office => Text::new("spreekkamer", "office"),
        }
    }
}

/// "At least `count` held sessions of `kind`".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeldCount {
    pub kind: SessionKind,
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    pub child_age_min: u8,
    pub child_age_max: u8,
    /// Where the seed says "about" (001: "tot ongeveer 12 jaar"): a child up to this many
    /// years above `child_age_max` is accepted when the coordinator confirms it with a
    /// reason at the end of the intake; above that the maximum is hard.
    #[serde(default)]
    pub child_age_soft_above: u8,
    pub entry_routes: Vec<EntryRoute>,
    /// Seed 003: the child may live with a foster carer or a residential group, who brings
    /// and collects it; then one or two visiting parents (or a single parent), none resident.
    #[serde(default)]
    pub child_with_carer: bool,
    /// Conditions checked at intake (e.g. both parents willing to talk together).
    #[serde(default)]
    pub conditions: Vec<Text>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntakeRule {
    pub style: IntakeStyle,
    #[serde(default)]
    pub guardian_may_attend: bool,
    /// A child conversation (without parents) is part of the intake.
    #[serde(default)]
    pub child_conversation: bool,
    /// Below this age an interaction observation replaces the child conversation.
    #[serde(default)]
    pub interaction_observation_below_age: Option<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanRule {
    pub document: PlanDocument,
    /// Every parent of the case signs the current version before any visit is planned.
    pub signed_by_all_parents_before_visits: bool,
    /// Signal when a version is not signed by both parents within this many days.
    #[serde(default = "default_sign_within_days")]
    pub sign_within_days: u32,
    /// Notice a parent gives to cancel without it counting as late.
    #[serde(default = "default_cancellation_notice_hours")]
    pub cancellation_notice_hours: u32,
    /// Template house rules offered when a plan is written.
    #[serde(default)]
    pub house_rules: Vec<Text>,
    /// The end report (for the referrer, the case director or the court) includes the
    /// released visit reports' course, for readers who may see the reports.
    #[serde(default)]
    pub end_report_includes_reports: bool,
}

fn default_sign_within_days() -> u32 {
    14
}
fn default_cancellation_notice_hours() -> u32 {
    24
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DurationRule {
    #[serde(default)]
    pub target_months: Option<u32>,
    #[serde(default)]
    pub max_months: Option<u32>,
    /// "Maximum duration near" is signalled this many days before the maximum.
    #[serde(default = "default_warn_days")]
    pub warn_days_before_max: u32,
}

fn default_warn_days() -> u32 {
    30
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpRule {
    pub months: u32,
    pub return_appointments: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadlines {
    /// A registration should be taken into intake within this many days.
    #[serde(default = "default_pickup_days")]
    pub registration_pickup_days: u32,
    /// The first visit is held within this many days of the intake.
    #[serde(default)]
    pub first_visit_within_days_of_intake: Option<u32>,
    /// Without a recorded agreement this many months after the start, a report to the
    /// Jeugdteam / Veilig Thuis is due.
    #[serde(default)]
    pub no_agreement_report_after_months: Option<u32>,
    /// A visit report is written within this many days of the visit.
    #[serde(default = "default_report_days")]
    pub report_within_days_of_visit: u32,
    /// This many cancellations or no-shows by one party raise a signal.
    #[serde(default = "default_repeated")]
    pub repeated_cancellations: u32,
    /// Evaluation moments are signalled this many days ahead.
    #[serde(default = "default_evaluation_warn_days")]
    pub evaluation_warn_days: u32,
}

impl Default for Deadlines {
    fn default() -> Self {
        Deadlines {
            registration_pickup_days: default_pickup_days(),
            first_visit_within_days_of_intake: None,
            no_agreement_report_after_months: None,
            report_within_days_of_visit: default_report_days(),
            repeated_cancellations: default_repeated(),
            evaluation_warn_days: default_evaluation_warn_days(),
        }
    }
}

fn default_pickup_days() -> u32 {
    14
}
fn default_report_days() -> u32 {
    3
}
fn default_repeated() -> u32 {
    2
}
fn default_evaluation_warn_days() -> u32 {
    7
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionKindRule {
    pub kind: SessionKind,
    pub max_minutes: u32,
    /// Never more than this many (planned or held) in one case.
    #[serde(default)]
    pub max_count: Option<u32>,
    /// About this many are expected (shown as progress, never enforced).
    #[serde(default)]
    pub target_count: Option<u32>,
    pub led_by: Lead,
    /// Only after the current plan is signed by every parent.
    #[serde(default)]
    pub requires_signed_plan: bool,
    /// Only after these sessions were held (seed 000: visits start after ONS has started).
    #[serde(default)]
    pub requires_held: Vec<HeldCount>,
    /// A neutral report is written after each held session of this kind.
    #[serde(default)]
    pub needs_report: bool,
    /// A guardian or other professional may attend.
    #[serde(default)]
    pub guardian_may_attend: bool,
    /// Where sessions of this kind may be held. Empty: the programme's `locations.allowed`
    /// (seed 000: ONS conversations at the partner's or the Sociaal Team's office, visits
    /// in de Boei or at home).
    #[serde(default)]
    pub locations: Vec<LocationKind>,
    /// In which kinds of room sessions of this kind may be held, when they name a room.
    /// Empty: any room.
    #[serde(default)]
    pub room_types: Vec<RoomType>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseRule {
    pub id: String,
    pub name: Text,
    /// Session kinds that may be planned in this phase.
    pub session_kinds: Vec<SessionKind>,
    /// Move on to the next phase automatically once this many sessions were held.
    /// Without it the coordinator moves the case on.
    #[serde(default)]
    pub advance_after: Option<HeldCount>,
    /// Sessions this phase needs before the coordinator moves the case on by hand
    /// (seed 002: "twee maal overdrachtsbegeleiding"); skipping them needs a recorded reason.
    #[serde(default)]
    pub required: Vec<HeldCount>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cadence {
    /// These kinds alternate, one per interval (e.g. week ONS, week visit).
    pub alternate: Vec<SessionKind>,
    pub interval_days: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocationRule {
    /// Where visits may be held, and every session kind without its own `locations`.
    pub allowed: Vec<LocationKind>,
    /// A visit leaves the omgangshuis only with both parents' recorded consent.
    pub outside_house_requires_consent_of_both_parents: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupervisionRule {
    pub volunteers_allowed: bool,
    #[serde(default)]
    pub volunteer_requires_vog: bool,
    /// A VOG counts as valid for this many months after its date of issue.
    #[serde(default = "default_vog_months")]
    pub vog_valid_months: u32,
    #[serde(default)]
    pub volunteer_requires_training: bool,
    /// The same supervisor supervises every visit of a case.
    #[serde(default)]
    pub same_supervisor: bool,
}

fn default_vog_months() -> u32 {
    36
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerPart {
    /// What the partner does, e.g. "ONS-gesprekken".
    pub name: Text,
    pub session_kinds: Vec<SessionKind>,
}

/// Where a case is reported when it escalates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EscalationTarget {
    Jeugdteam,
    VeiligThuis,
    Court,
    CertifiedInstitution,
}

impl EscalationTarget {
    /// Every value, in the order forms list them.
    pub const ALL: [EscalationTarget; 4] = [
        EscalationTarget::Jeugdteam,
        EscalationTarget::VeiligThuis,
        EscalationTarget::Court,
        EscalationTarget::CertifiedInstitution,
    ];

    /// The name this value has in JSON (its serde name), in forms and in stored events.
    pub fn key(self) -> &'static str {
        match self {
            EscalationTarget::Jeugdteam => "jeugdteam",
            EscalationTarget::VeiligThuis => "veilig_thuis",
            EscalationTarget::Court => "court",
            EscalationTarget::CertifiedInstitution => "certified_institution",
        }
    }

    pub fn label(self) -> Text {
        match self {
            EscalationTarget::Jeugdteam => Text::new("Jeugdteam", "youth team (Jeugdteam)"),
            EscalationTarget::VeiligThuis => Text::new("Veilig Thuis", "Veilig Thuis"),
            EscalationTarget::Court => Text::new("rechtbank", "court"),
            EscalationTarget::CertifiedInstitution => {
                Text::new("gecertificeerde instelling", "certified institution")
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationRule {
    pub no_agreement_report_to: Vec<EscalationTarget>,
}

/// One programme's rules. Parse with [`Programme::parse`], which validates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// A short slug, unique on the installation (e.g. `ouderschap-blijft`).
    pub id: String,
    pub name: Text,
    pub summary: Text,
    /// Who provides it, as described in the source document.
    #[serde(default)]
    pub provider: Option<String>,
    pub eligibility: Eligibility,
    pub intake: IntakeRule,
    pub plan: PlanRule,
    pub duration: DurationRule,
    #[serde(default)]
    pub follow_up: Option<FollowUpRule>,
    #[serde(default)]
    pub deadlines: Deadlines,
    pub session_kinds: Vec<SessionKindRule>,
    pub phases: Vec<PhaseRule>,
    #[serde(default)]
    pub cadence: Option<Cadence>,
    pub locations: LocationRule,
    pub supervision: SupervisionRule,
    #[serde(default)]
    pub partners: Vec<PartnerPart>,
    #[serde(default)]
    pub escalation: Option<EscalationRule>,
}

/// One thing wrong with a definition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldProblem {
    pub field: String,
    pub reason: String,
}

/// A definition that was refused: the file, and each field with its reason.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{file}: {}", problems.iter().map(|p| format!("{}: {}", p.field, p.reason)).collect::<Vec<_>>().join("; "))]
pub struct ProgrammeError {
    pub file: String,
    pub problems: Vec<FieldProblem>,
}

/// The five programmes of the seed documents, shipped in the binary.
pub const BUILT_IN: [(&str, &str); 5] = [
    (
        "de-ronde-venen.toml",
        include_str!("../../../programmes/de-ronde-venen.toml"),
    ),
    (
        "intensieve-omgangsbegeleiding.toml",
        include_str!("../../../programmes/intensieve-omgangsbegeleiding.toml"),
    ),
    (
        "ouderschap-blijft.toml",
        include_str!("../../../programmes/ouderschap-blijft.toml"),
    ),
    (
        "omgangshuis.toml",
        include_str!("../../../programmes/omgangshuis.toml"),
    ),
    (
        "begeleide-omgangsregeling.toml",
        include_str!("../../../programmes/begeleide-omgangsregeling.toml"),
    ),
];

/// Parses and validates the built-in programmes.
pub fn built_in() -> Result<Vec<Programme>, ProgrammeError> {
    BUILT_IN
        .iter()
        .map(|(file, src)| Programme::parse(file, src))
        .collect()
}

impl Programme {
    /// Parses a TOML definition and validates it. `file` names it in errors.
    pub fn parse(file: &str, source: &str) -> Result<Programme, ProgrammeError> {
        let programme: Programme = toml::from_str(source).map_err(|e| ProgrammeError {
            file: file.to_owned(),
            problems: vec![FieldProblem {
                field: toml_error_field(source, &e),
                reason: e.message().to_owned(),
            }],
        })?;
        let problems = programme.problems();
        if problems.is_empty() {
            Ok(programme)
        } else {
            Err(ProgrammeError {
                file: file.to_owned(),
                problems,
            })
        }
    }

    /// The rule for a session kind, if the programme has that kind.
    pub fn kind(&self, kind: SessionKind) -> Option<&SessionKindRule> {
        self.session_kinds.iter().find(|k| k.kind == kind)
    }

    pub fn phase(&self, id: &str) -> Option<&PhaseRule> {
        self.phases.iter().find(|p| p.id == id)
    }

    /// The phase after `id`, if any.
    pub fn next_phase(&self, id: &str) -> Option<&PhaseRule> {
        let index = self.phases.iter().position(|p| p.id == id)?;
        self.phases.get(index + 1)
    }

    /// Where a session of `kind` may be held: its own list, or the programme's.
    pub fn locations_for(&self, kind: SessionKind) -> &[LocationKind] {
        match self.kind(kind) {
            Some(rule) if !rule.locations.is_empty() => &rule.locations,
            _ => &self.locations.allowed,
        }
    }

    /// Whether a session of `kind` may be held in a room of `room_type`: a refusal naming
    /// the allowed types when not.
    pub fn check_room_type(
        &self,
        kind: SessionKind,
        room_type: RoomType,
    ) -> Result<(), crate::Refusal> {
        match self.kind(kind) {
            Some(rule) if !rule.room_types.is_empty() && !rule.room_types.contains(&room_type) => {
                Err(crate::Refusal::RoomTypeNotAllowed {
                    kind,
                    room_type,
                    allowed: rule.room_types.clone(),
                })
            }
            _ => Ok(()),
        }
    }

    pub fn partner_kinds(&self) -> impl Iterator<Item = SessionKind> + '_ {
        self.partners
            .iter()
            .flat_map(|p| p.session_kinds.iter().copied())
    }

    /// Every semantic problem of the definition (empty when it is sound).
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut out = Vec::new();
        let mut problem = |field: &str, reason: String| {
            out.push(FieldProblem {
                field: field.to_owned(),
                reason,
            })
        };
        let has_kind = |k: SessionKind| self.kind(k).is_some();

        if self.id.is_empty()
            || !self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            problem("id", "must be a non-empty slug of a-z, 0-9 and '-'".into());
        }
        if self.name.nl.trim().is_empty() || self.name.en.trim().is_empty() {
            problem("name", "needs a Dutch and an English name".into());
        }
        let e = &self.eligibility;
        if e.child_age_min > e.child_age_max {
            problem(
                "eligibility.child_age_min",
                format!(
                    "{} is above child_age_max {}",
                    e.child_age_min, e.child_age_max
                ),
            );
        }
        if u16::from(e.child_age_max) + u16::from(e.child_age_soft_above) > 17 {
            problem(
                "eligibility.child_age_soft_above",
                "child_age_max plus child_age_soft_above is above 17".into(),
            );
        }
        if e.child_age_max > 17 {
            problem(
                "eligibility.child_age_max",
                "children are 17 at most".into(),
            );
        }
        if e.entry_routes.is_empty() {
            problem(
                "eligibility.entry_routes",
                "needs at least one entry route".into(),
            );
        }
        if self.intake.style == IntakeStyle::Informative
            && !has_kind(SessionKind::InformativeConversation)
        {
            problem(
                "intake.style",
                "an informative intake needs the session kind informative_conversation".into(),
            );
        }
        if self.intake.style != IntakeStyle::Informative && !has_kind(SessionKind::Intake) {
            problem(
                "intake.style",
                "this intake style needs the session kind intake".into(),
            );
        }
        if self.intake.child_conversation && !has_kind(SessionKind::ChildConversation) {
            problem(
                "intake.child_conversation",
                "needs the session kind child_conversation".into(),
            );
        }
        if self.intake.interaction_observation_below_age.is_some()
            && !has_kind(SessionKind::InteractionObservation)
        {
            problem(
                "intake.interaction_observation_below_age",
                "needs the session kind interaction_observation".into(),
            );
        }
        if let (Some(target), Some(max)) = (self.duration.target_months, self.duration.max_months)
            && target > max
        {
            problem(
                "duration.target_months",
                format!("{target} is above max_months {max}"),
            );
        }
        if self.duration.max_months == Some(0) {
            problem("duration.max_months", "must be at least 1".into());
        }
        if let Some(f) = &self.follow_up {
            if f.months == 0 {
                problem("follow_up.months", "must be at least 1".into());
            }
            if f.return_appointments > 0 && !has_kind(SessionKind::FollowUpAppointment) {
                problem(
                    "follow_up.return_appointments",
                    "needs the session kind follow_up_appointment".into(),
                );
            }
        }
        if self.session_kinds.is_empty() {
            problem("session_kinds", "needs at least one session kind".into());
        }
        for (i, rule) in self.session_kinds.iter().enumerate() {
            let field = |name: &str| format!("session_kinds[{i}].{name}");
            if self.session_kinds[..i].iter().any(|r| r.kind == rule.kind) {
                problem(&field("kind"), format!("{:?} is defined twice", rule.kind));
            }
            // Supervised contact lasts two hours at most (seed 001); other kinds a working day.
            let limit = if rule.kind.is_supervised_contact() {
                120
            } else {
                480
            };
            if rule.max_minutes == 0 || rule.max_minutes > limit {
                problem(
                    &field("max_minutes"),
                    format!(
                        "must be between 1 and {limit} minutes, not {}",
                        rule.max_minutes
                    ),
                );
            }
            if let (Some(t), Some(m)) = (rule.target_count, rule.max_count)
                && t > m
            {
                problem(
                    &field("target_count"),
                    format!("{t} is above max_count {m}"),
                );
            }
            if rule.max_count == Some(0) {
                problem(
                    &field("max_count"),
                    "must be at least 1 (leave the kind out instead)".into(),
                );
            }
            for (j, req) in rule.requires_held.iter().enumerate() {
                if !has_kind(req.kind) {
                    problem(
                        &format!("session_kinds[{i}].requires_held[{j}].kind"),
                        format!("{:?} is not a session kind of this programme", req.kind),
                    );
                }
                if req.kind == rule.kind {
                    problem(
                        &format!("session_kinds[{i}].requires_held[{j}].kind"),
                        "a kind cannot require itself".into(),
                    );
                }
            }
            for (j, loc) in rule.locations.iter().enumerate() {
                if rule.locations[..j].contains(loc) {
                    problem(
                        &format!("session_kinds[{i}].locations[{j}]"),
                        format!("{loc:?} is listed twice"),
                    );
                }
            }
            if rule.led_by == Lead::Partner && !self.partner_kinds().any(|k| k == rule.kind) {
                problem(
                    &field("led_by"),
                    "led by a partner, but no partner has this kind".into(),
                );
            }
            if rule.kind == SessionKind::SupervisedVisit && rule.led_by != Lead::Supervisor {
                problem(
                    &field("led_by"),
                    "a supervised visit is led by a supervisor".into(),
                );
            }
        }
        if self.phases.is_empty() {
            problem("phases", "needs at least one phase".into());
        }
        for (i, phase) in self.phases.iter().enumerate() {
            if phase.id.is_empty() {
                problem(&format!("phases[{i}].id"), "must not be empty".into());
            }
            if self.phases[..i].iter().any(|p| p.id == phase.id) {
                problem(
                    &format!("phases[{i}].id"),
                    format!("'{}' is used twice", phase.id),
                );
            }
            for (j, kind) in phase.session_kinds.iter().enumerate() {
                if !has_kind(*kind) {
                    problem(
                        &format!("phases[{i}].session_kinds[{j}]"),
                        format!("{kind:?} is not a session kind of this programme"),
                    );
                }
            }
            for (j, req) in phase.required.iter().enumerate() {
                if !phase.session_kinds.contains(&req.kind) {
                    problem(
                        &format!("phases[{i}].required[{j}].kind"),
                        format!("{:?} cannot be planned in this phase", req.kind),
                    );
                }
                if req.count == 0 {
                    problem(
                        &format!("phases[{i}].required[{j}].count"),
                        "must be at least 1".into(),
                    );
                }
            }
            if let Some(advance) = &phase.advance_after {
                if !phase.session_kinds.contains(&advance.kind) {
                    problem(
                        &format!("phases[{i}].advance_after.kind"),
                        format!("{:?} cannot be planned in this phase", advance.kind),
                    );
                }
                if advance.count == 0 {
                    problem(
                        &format!("phases[{i}].advance_after.count"),
                        "must be at least 1".into(),
                    );
                }
                if i + 1 == self.phases.len() {
                    problem(
                        &format!("phases[{i}].advance_after"),
                        "the last phase has no next phase to advance to".into(),
                    );
                }
            }
        }
        if let Some(c) = &self.cadence {
            if c.alternate.len() < 2 {
                problem(
                    "cadence.alternate",
                    "needs at least two kinds to alternate".into(),
                );
            }
            if c.interval_days == 0 {
                problem("cadence.interval_days", "must be at least 1".into());
            }
            for (j, kind) in c.alternate.iter().enumerate() {
                if !has_kind(*kind) {
                    problem(
                        &format!("cadence.alternate[{j}]"),
                        format!("{kind:?} is not a session kind of this programme"),
                    );
                }
            }
        }
        if self.locations.allowed.is_empty() {
            problem(
                "locations.allowed",
                "needs at least one location kind".into(),
            );
        }
        let s = &self.supervision;
        if !s.volunteers_allowed && (s.volunteer_requires_training || s.volunteer_requires_vog) {
            problem(
                "supervision.volunteers_allowed",
                "volunteer requirements are set, but volunteers are not allowed".into(),
            );
        }
        if s.volunteer_requires_vog && s.vog_valid_months == 0 {
            problem("supervision.vog_valid_months", "must be at least 1".into());
        }
        for (i, partner) in self.partners.iter().enumerate() {
            if partner.session_kinds.is_empty() {
                problem(
                    &format!("partners[{i}].session_kinds"),
                    "needs at least one kind".into(),
                );
            }
            for (j, kind) in partner.session_kinds.iter().enumerate() {
                match self.kind(*kind) {
                    None => problem(
                        &format!("partners[{i}].session_kinds[{j}]"),
                        format!("{kind:?} is not a session kind of this programme"),
                    ),
                    Some(rule) if rule.led_by != Lead::Partner => problem(
                        &format!("partners[{i}].session_kinds[{j}]"),
                        format!("{kind:?} is not led_by = \"partner\""),
                    ),
                    Some(_) => {}
                }
            }
        }
        if self.deadlines.no_agreement_report_after_months.is_some()
            && self
                .escalation
                .as_ref()
                .is_none_or(|e| e.no_agreement_report_to.is_empty())
        {
            problem(
                "escalation.no_agreement_report_to",
                "deadlines.no_agreement_report_after_months is set, so say to whom the report goes"
                    .into(),
            );
        }
        out
    }
}

/// Names the place of a TOML error: the line and the key on it.
fn toml_error_field(source: &str, error: &toml::de::Error) -> String {
    let Some(span) = error.span() else {
        return "(file)".to_owned();
    };
    let line_no = source[..span.start.min(source.len())].matches('\n').count() + 1;
    let line = source.lines().nth(line_no - 1).unwrap_or("").trim();
    let key = line.split('=').next().unwrap_or("").trim();
    if key.is_empty() {
        format!("line {line_no}")
    } else {
        format!("{key} (line {line_no})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_built_in_programmes_are_valid() {
        let all = built_in().expect("built-in programmes are valid");
        assert_eq!(all.len(), 5);
        let mut ids: Vec<_> = all.iter().map(|p| p.id.clone()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 5, "ids are unique");
    }

    #[test]
    fn supervised_visits_last_two_hours_at_most_in_every_built_in_programme() {
        for p in built_in().expect("valid") {
            if let Some(rule) = p.kind(SessionKind::SupervisedVisit) {
                assert!(rule.max_minutes <= 120, "{}", p.id);
            }
        }
    }

    fn source(name: &str) -> &'static str {
        BUILT_IN
            .iter()
            .find(|(f, _)| *f == name)
            .map(|(_, s)| *s)
            .expect("exists")
    }

    #[test]
    fn a_syntax_error_names_file_line_and_key() {
        let broken = source("ouderschap-blijft.toml")
            .replace("child_age_max = 17", "child_age_max = \"old\"");
        let err = Programme::parse("ob.toml", &broken).expect_err("refused");
        assert_eq!(err.file, "ob.toml");
        assert!(
            err.problems[0].field.starts_with("child_age_max (line"),
            "{err}"
        );
    }

    #[test]
    fn an_unknown_field_is_refused() {
        let broken = format!(
            "{}\nfavourite_colour = \"blue\"\n",
            source("omgangshuis.toml")
        );
        let err = Programme::parse("x.toml", &broken).expect_err("refused");
        assert!(err.to_string().contains("favourite_colour"), "{err}");
    }

    #[test]
    fn semantic_errors_name_field_and_reason() {
        let mut p = Programme::parse("ob", source("ouderschap-blijft.toml")).expect("valid");
        p.eligibility.child_age_min = 15;
        p.eligibility.child_age_max = 12;
        p.session_kinds[0].max_minutes = 0;
        p.phases.push(p.phases[0].clone());
        let fields: Vec<_> = p.problems().into_iter().map(|p| p.field).collect();
        assert!(
            fields.contains(&"eligibility.child_age_min".to_owned()),
            "{fields:?}"
        );
        assert!(
            fields.contains(&"session_kinds[0].max_minutes".to_owned()),
            "{fields:?}"
        );
        assert!(
            fields
                .iter()
                .any(|f| f.starts_with("phases[") && f.ends_with(".id")),
            "{fields:?}"
        );
    }

    #[test]
    fn a_visit_longer_than_two_hours_is_refused_in_a_definition() {
        let mut p = Programme::parse("b", source("begeleide-omgangsregeling.toml")).expect("valid");
        let i = p
            .session_kinds
            .iter()
            .position(|k| k.kind == SessionKind::SupervisedVisit)
            .expect("has visits");
        p.session_kinds[i].max_minutes = 180;
        let problems = p.problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].field, format!("session_kinds[{i}].max_minutes"));
    }

    #[test]
    fn escalation_deadline_needs_a_target() {
        let mut p = Programme::parse("ob", source("ouderschap-blijft.toml")).expect("valid");
        p.escalation = None;
        assert!(
            p.problems()
                .iter()
                .any(|f| f.field == "escalation.no_agreement_report_to")
        );
    }
}
