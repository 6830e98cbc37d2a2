//! The parts of a programme definition: eligibility, intake, plan, duration, follow-up,
//! deadlines, session kinds, phases, rhythm, places, supervision, partners, escalation.

use serde::{Deserialize, Serialize};

use super::kinds::{
    EntryRoute, EscalationTarget, IntakeStyle, Lead, LocationKind, PlanDocument, RoomType,
    SessionKind,
};
use crate::text::Text;

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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationRule {
    pub no_agreement_report_to: Vec<EscalationTarget>,
}
