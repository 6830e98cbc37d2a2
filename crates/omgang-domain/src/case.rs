//! The case (*dossier*): its state, the commands that change it and the events it records.
//!
//! [`decide`] holds the rules: given a case, its programme, the context (time, actor, facts
//! about the supervisor) and a command, it returns the events to record or a [`Refusal`].
//! [`apply`] folds one event into the state and never refuses: an event is a fact.
//! Every automatic step (a case starting to run once both parents signed, a phase moving
//! on after its last visit) is an explicit event made by `decide`, so folding the stored
//! events gives the same case whatever the programme definition says later.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::ids::{CaseId, OrgId, PersonId, ReportId, SessionId, UserId};
use crate::programme::{
    EntryRoute, EscalationTarget, IntakeStyle, Lead, LocationKind, Programme, SessionKind,
};
use crate::refusal::Refusal;
use crate::warning::{self, Confirmation, Warning};

/// The time zone every date and time in a case is read in.
pub fn amsterdam() -> TimeZone {
    // The bundled tz database always has it; UTC only if the bundle were missing.
    TimeZone::get("Europe/Amsterdam").unwrap_or(TimeZone::UTC)
}

/// Age in whole years on a date.
pub fn age_on(birth: Date, on: Date) -> i32 {
    let mut years = i32::from(on.year()) - i32::from(birth.year());
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

/// `date` plus `months` calendar months (clamped at month end).
pub fn add_months(date: Date, months: u32) -> Date {
    date.checked_add(i64::from(months).months())
        .unwrap_or(Date::MAX)
}

/// The text with its first letter in capitals.
pub fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `date` minus `days` days.
pub fn sub_days(date: Date, days: u32) -> Date {
    date.checked_sub(i64::from(days).days())
        .unwrap_or(Date::MIN)
}

/// `date` plus `days` days.
pub fn add_days(date: Date, days: u32) -> Date {
    date.checked_add(i64::from(days).days())
        .unwrap_or(Date::MAX)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    /// Registered, waiting to be taken into intake (*aanmelding*, wachtlijst).
    Registered,
    /// Intake running.
    Intake,
    /// Intake done; the plan is being written and signed.
    Plan,
    /// Visits and conversations running, in one of the programme's phases.
    Running,
    /// Intensive part ended; follow-up appointments (*terugkomafspraken*).
    FollowUp,
    /// Ended with an outcome.
    Closed,
}

impl CaseStatus {
    /// Every value, in the order forms list them.
    pub const ALL: [CaseStatus; 6] = [
        CaseStatus::Registered,
        CaseStatus::Intake,
        CaseStatus::Plan,
        CaseStatus::Running,
        CaseStatus::FollowUp,
        CaseStatus::Closed,
    ];

    /// The name this value has in JSON (its serde name), in forms and in stored events.
    pub fn key(self) -> &'static str {
        match self {
            CaseStatus::Registered => "registered",
            CaseStatus::Intake => "intake",
            CaseStatus::Plan => "plan",
            CaseStatus::Running => "running",
            CaseStatus::FollowUp => "follow_up",
            CaseStatus::Closed => "closed",
        }
    }

    pub fn label(self) -> crate::Text {
        use crate::Text;
        match self {
            CaseStatus::Registered => Text::new("aangemeld", "registered"),
            CaseStatus::Intake => Text::new("intake", "intake"),
            CaseStatus::Plan => Text::new("plan van aanpak", "plan"),
            CaseStatus::Running => Text::new("lopend", "running"),
            CaseStatus::FollowUp => Text::new("nazorg", "follow-up"),
            CaseStatus::Closed => Text::new("afgesloten", "closed"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonRole {
    /// Verzorgende ouder: the child lives with them.
    ResidentParent,
    /// Uitwonende / niet-verzorgende ouder: the parent the visits are with.
    NonResidentParent,
    /// (Gezins)voogd.
    Guardian,
    /// Pleegouder: the child lives with them; they bring and collect the child.
    FosterCarer,
    /// Woongroep (its group workers): the child lives there; they bring and collect it.
    ResidentialGroup,
    /// Casusregisseur (e.g. Sociaal Team), follows the case from the background.
    CaseDirector,
    Referrer,
    Other,
}

impl PersonRole {
    /// Every value, in the order forms list them.
    pub const ALL: [PersonRole; 8] = [
        PersonRole::ResidentParent,
        PersonRole::NonResidentParent,
        PersonRole::Guardian,
        PersonRole::FosterCarer,
        PersonRole::ResidentialGroup,
        PersonRole::CaseDirector,
        PersonRole::Referrer,
        PersonRole::Other,
    ];

    /// The name this value has in JSON (its serde name), in forms and in stored events.
    pub fn key(self) -> &'static str {
        match self {
            PersonRole::ResidentParent => "resident_parent",
            PersonRole::NonResidentParent => "non_resident_parent",
            PersonRole::Guardian => "guardian",
            PersonRole::FosterCarer => "foster_carer",
            PersonRole::ResidentialGroup => "residential_group",
            PersonRole::CaseDirector => "case_director",
            PersonRole::Referrer => "referrer",
            PersonRole::Other => "other",
        }
    }

    pub fn is_parent(self) -> bool {
        matches!(
            self,
            PersonRole::ResidentParent | PersonRole::NonResidentParent
        )
    }

    /// The child lives with them (a parent, a foster carer or a residential group): they
    /// bring the child to a visit and collect it, at staggered times.
    pub fn brings_the_child(self) -> bool {
        matches!(
            self,
            PersonRole::ResidentParent | PersonRole::FosterCarer | PersonRole::ResidentialGroup
        )
    }

    pub fn label(self) -> crate::Text {
        use crate::Text;
        match self {
            PersonRole::ResidentParent => Text::new("verzorgende ouder", "resident parent"),
            PersonRole::NonResidentParent => Text::new("uitwonende ouder", "non-resident parent"),
            PersonRole::Guardian => Text::new("(gezins)voogd", "guardian"),
            PersonRole::FosterCarer => Text::new("pleegouder", "foster carer"),
            PersonRole::ResidentialGroup => Text::new("woongroep", "residential group"),
            PersonRole::CaseDirector => Text::new("casusregisseur", "case director"),
            PersonRole::Referrer => Text::new("verwijzer", "referrer"),
            PersonRole::Other => Text::new("betrokkene", "other"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Child {
    pub id: PersonId,
    pub name: String,
    pub birth_date: Date,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub role: PersonRole,
    pub contact: Contact,
    /// The address must stay secret from the other parent (*geheim adres*).
    pub secret_address: bool,
    /// The organisation a professional works for, if any.
    pub organisation: Option<String>,
    /// A (gezins)voogd who holds parental authority (*gezag*): signs the plan with the
    /// parents and takes part in its decisions.
    #[serde(default)]
    pub holds_authority: bool,
}

impl Person {
    /// Signs the plan: a parent, or a guardian who holds authority.
    pub fn signs_the_plan(&self) -> bool {
        self.role.is_parent() || (self.role == PersonRole::Guardian && self.holds_authority)
    }
}

/// Who made the registration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegisteredBy {
    OneParent,
    BothParents,
    Professional,
}

impl RegisteredBy {
    /// Every value, in the order forms list them.
    pub const ALL: [RegisteredBy; 3] = [
        RegisteredBy::OneParent,
        RegisteredBy::BothParents,
        RegisteredBy::Professional,
    ];

    /// The name this value has in JSON (its serde name), in forms and in stored events.
    pub fn key(self) -> &'static str {
        match self {
            RegisteredBy::OneParent => "one_parent",
            RegisteredBy::BothParents => "both_parents",
            RegisteredBy::Professional => "professional",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    pub id: CaseId,
    /// Human reference shown on every page, e.g. `2026-0042`.
    pub reference: String,
    pub organisation: OrgId,
    pub programme: String,
    pub registered_on: Date,
    pub registered_by: RegisteredBy,
    pub entry_route: EntryRoute,
    pub children: Vec<Child>,
    pub people: Vec<Person>,
    pub safety_concerns: Option<String>,
    pub request: Option<String>,
    /// The user who submitted it, when a signed-in referrer did.
    pub referrer_user: Option<UserId>,
}

/// The contents of one version of the plan of approach / cooperation contract.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanContent {
    pub goals: Vec<String>,
    pub house_rules: Vec<String>,
    /// Frequency, length and place of visits.
    pub visit_agreements: String,
    /// How the child is handed over (staggered arrival and departure).
    pub handover_agreements: String,
    pub parent_conversations: String,
    pub child_guidance: String,
    pub work_agreements: String,
    pub evaluation_moments: Vec<Date>,
    pub max_duration_months: Option<u32>,
    /// The parents must not meet: staggered arrival and departure.
    pub parents_must_not_meet: bool,
}

impl PlanContent {
    /// SHA-256 of the canonical JSON form: what a signature is a signature of.
    pub fn hash(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        hex::encode(Sha256::digest(json))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignatureMethod {
    /// Signed on paper, recorded by staff.
    Paper,
    /// Signed by the parent in the portal.
    Portal,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub parent: PersonId,
    pub signed_at: Timestamp,
    pub method: SignatureMethod,
    /// The content hash the parent signed.
    pub content_hash: String,
    pub recorded_by: UserId,
    /// The day the parent signed, when staff record a paper signature afterwards (never in
    /// the future); otherwise the day of `signed_at`.
    #[serde(default)]
    pub signed_on: Option<Date>,
}

impl Signature {
    /// The day the signature counts from.
    pub fn date(&self) -> Date {
        self.signed_on
            .unwrap_or_else(|| amsterdam().to_datetime(self.signed_at).date())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanVersion {
    pub version: u32,
    pub content: PlanContent,
    pub content_hash: String,
    pub created_at: Timestamp,
    pub created_by: UserId,
    pub signatures: Vec<Signature>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub kind: LocationKind,
    /// The organisation's location and room, when in one of its houses.
    pub location_id: Option<String>,
    pub room_id: Option<String>,
    /// Free text for ambulant places (a playground's name); never a parent's address.
    pub description: Option<String>,
    /// For [`LocationKind::ParentHome`]: whose home.
    pub home_of: Option<PersonId>,
}

/// Someone who cancelled or did not show up.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "person", rename_all = "snake_case")]
pub enum Party {
    Person(PersonId),
    Organisation,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SessionState {
    Planned,
    Held {
        notes: String,
        /// Who came (parents, children, guardian, carer), as the supervisor recorded it.
        /// Empty: not recorded (sessions held before attendance was kept).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        attended: Vec<PersonId>,
    },
    Cancelled {
        by: Party,
        reason: String,
        at: Timestamp,
        late: bool,
    },
    NoShow {
        who: Party,
        notes: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub id: SessionId,
    pub kind: SessionKind,
    /// Local time in Europe/Amsterdam.
    pub starts_at: DateTime,
    pub minutes: u32,
    pub place: Place,
    pub supervisor: Option<UserId>,
    /// Staff of a partner organisation leading it.
    pub partner: Option<OrgId>,
    pub participants: Vec<PersonId>,
    pub state: SessionState,
}

impl Session {
    pub fn is_held(&self) -> bool {
        matches!(self.state, SessionState::Held { .. })
    }

    /// Planned or held: it counts against a programme's maximum.
    pub fn counts(&self) -> bool {
        matches!(
            self.state,
            SessionState::Planned | SessionState::Held { .. }
        )
    }

    pub fn ends_at(&self) -> DateTime {
        self.starts_at
            .checked_add(i64::from(self.minutes).minutes())
            .unwrap_or(self.starts_at)
    }

    pub fn date(&self) -> Date {
        self.starts_at.date()
    }
}

/// What a supervisor saw. Factual and neutral: what happened, not what it means.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportContent {
    /// Course of the visit.
    pub course: String,
    pub child_reactions: String,
    pub interaction: String,
    pub agreements_kept: String,
    pub punctuality_resident_parent: String,
    pub punctuality_visiting_parent: String,
    pub incidents: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportState {
    Draft,
    /// Checked by a coordinator, not yet shared.
    Approved,
    /// Shared with both parents; never edited again, only amended.
    Released,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amendment {
    pub text: String,
    pub by: UserId,
    pub at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub id: ReportId,
    pub session: SessionId,
    pub author: UserId,
    pub state: ReportState,
    pub content: ReportContent,
    pub updated_at: Timestamp,
    pub approved_by: Option<UserId>,
    pub released_at: Option<Timestamp>,
    pub amendments: Vec<Amendment>,
    /// When the author marked the draft ready for review ("klaar voor beoordeling"); cleared
    /// when it is returned. A draft with this set waits for a coordinator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready_at: Option<Timestamp>,
    /// Why it was last sent back to its author, and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returned: Option<ReportReturn>,
}

impl Report {
    /// A draft its author marked ready, waiting for a coordinator's review.
    pub fn awaits_review(&self) -> bool {
        self.state == ReportState::Draft && self.ready_at.is_some()
    }
}

/// A report sent back to its author, with the reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportReturn {
    pub reason: String,
    pub at: Timestamp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentSubject {
    /// A visit outside the omgangshuis (playground, a parent's home, another location).
    VisitOutsideHouse,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub parent: PersonId,
    pub subject: ConsentSubject,
    pub given: bool,
    pub on: Date,
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvaluationKind {
    Interim,
    End,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub kind: EvaluationKind,
    pub on: Date,
    pub summary: String,
    /// The parents reached workable agreements.
    pub agreement_reached: bool,
    pub next_steps: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Escalation {
    pub to: EscalationTarget,
    pub on: Date,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Outcome {
    /// The new agreements are laid down in an ouderschapsplan.
    Ouderschapsplan,
    /// Contact goes on without supervision.
    UnsupervisedContact,
    /// Follow-up help, handed to someone.
    FollowUpHelp {
        handed_to: String,
    },
    StoppedEarly {
        reason: String,
    },
    /// Reported to the Jeugdteam / Veilig Thuis.
    Reported {
        to: EscalationTarget,
    },
    /// Not eligible at intake.
    NotEligible {
        reason: String,
    },
}

impl Outcome {
    /// Outcomes after which a programme's follow-up half year starts.
    pub fn leads_to_follow_up(&self) -> bool {
        matches!(
            self,
            Outcome::Ouderschapsplan | Outcome::UnsupervisedContact
        )
    }
}

/// The five steps of the Meldcode huiselijk geweld en kindermishandeling (seed 002: "wordt
/// dit … gemeld aan het desbetreffende Jeugdteam en/of Veilig Thuis"), in their order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeldcodeStep {
    /// 1. Signalen in kaart brengen.
    Signals,
    /// 2. Collegiale consultatie en zo nodig Veilig Thuis raadplegen.
    Consultation,
    /// 3. Gesprek met de cliënt(en).
    Conversation,
    /// 4. Wegen: het afwegingskader (vijf vragen).
    Weighing,
    /// 5. Beslissen: melden en/of hulp bieden of organiseren.
    Decision,
}

impl MeldcodeStep {
    pub const ALL: [MeldcodeStep; 5] = [
        MeldcodeStep::Signals,
        MeldcodeStep::Consultation,
        MeldcodeStep::Conversation,
        MeldcodeStep::Weighing,
        MeldcodeStep::Decision,
    ];

    pub fn number(self) -> usize {
        MeldcodeStep::ALL
            .iter()
            .position(|s| *s == self)
            .map_or(0, |i| i + 1)
    }

    pub fn label(self) -> crate::Text {
        use crate::Text;
        match self {
            MeldcodeStep::Signals => Text::new("signalen in kaart brengen", "mapping the signals"),
            MeldcodeStep::Consultation => Text::new(
                "collegiale consultatie (en zo nodig Veilig Thuis raadplegen)",
                "consulting colleagues (and Veilig Thuis where needed)",
            ),
            MeldcodeStep::Conversation => {
                Text::new("gesprek met de ouders", "conversation with the parents")
            }
            MeldcodeStep::Weighing => Text::new(
                "wegen met het afwegingskader",
                "weighing with the assessment framework",
            ),
            MeldcodeStep::Decision => Text::new(
                "beslissen: melden en/of hulp",
                "deciding: report and/or help",
            ),
        }
    }
}

/// The five questions of the meldcode's afwegingskader, answered at the weighing step.
pub const AFWEGINGSKADER: [(&str, &str); 5] = [
    (
        "Is er een vermoeden van huiselijk geweld of kindermishandeling?",
        "Is there a suspicion of domestic violence or child abuse?",
    ),
    (
        "Is er sprake van acute en/of structurele onveiligheid?",
        "Is there acute and/or structural unsafety?",
    ),
    (
        "Ben ik in staat effectieve hulp te bieden of te organiseren?",
        "Am I able to offer or organise effective help?",
    ),
    (
        "Aanvaarden de betrokkenen hulp en zijn zij bereid zich in te zetten?",
        "Do those involved accept help and are they willing to work on it?",
    ),
    (
        "Leidt de hulp binnen de gewenste termijn tot voldoende resultaat?",
        "Does the help lead to sufficient results within the desired period?",
    ),
];

/// The decision of step 5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeldcodeDecision {
    /// Melden bij Veilig Thuis (and/or the programme's target).
    Report,
    /// Hulp bieden of organiseren, no report.
    Help,
    /// Both.
    ReportAndHelp,
}

/// One recorded meldcode step: when, by whom, what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeldcodeEntry {
    pub step: MeldcodeStep,
    pub on: Date,
    /// Filled in by `apply_by`.
    #[serde(default)]
    pub by: Option<UserId>,
    pub note: String,
    /// Step 4: the answers to the five questions of the afwegingskader, in order.
    #[serde(default)]
    pub answers: Vec<bool>,
    /// Step 5.
    #[serde(default)]
    pub decision: Option<MeldcodeDecision>,
    /// Step 5 with a report: to whom.
    #[serde(default)]
    pub report_to: Option<EscalationTarget>,
}

/// A change of the case's supervisor (seed 003: "bij iedere omgangsregeling dezelfde
/// begeleider" — a change is the exception, recorded with its reason).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisorChange {
    pub user: UserId,
    /// Not kept in the domain (names live with the accounts); filled in by views.
    #[serde(default)]
    pub name: String,
    pub on: Date,
    pub previous: Option<UserId>,
    pub reason: Option<String>,
}

/// The case aggregate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub id: CaseId,
    pub reference: String,
    pub organisation: OrgId,
    pub programme: String,
    pub status: CaseStatus,
    /// The running phase (a phase id of the programme) while running.
    pub phase: Option<String>,
    pub registered_on: Date,
    pub registered_by: RegisteredBy,
    pub entry_route: EntryRoute,
    pub safety_concerns: Option<String>,
    pub request: Option<String>,
    pub children: Vec<Child>,
    pub people: Vec<Person>,
    pub referrer_user: Option<UserId>,
    pub coordinator: Option<UserId>,
    pub supervisor: Option<UserId>,
    /// Every change of the case's supervisor, with the reason where one was asked.
    #[serde(default)]
    pub supervisor_history: Vec<SupervisorChange>,
    pub partner: Option<OrgId>,
    pub case_director: Option<UserId>,
    pub intake_started_on: Option<Date>,
    pub intake_completed_on: Option<Date>,
    pub intake_notes: String,
    pub running_since: Option<Date>,
    pub follow_up_since: Option<Date>,
    pub ended_on: Option<Date>,
    pub closed_on: Option<Date>,
    pub plans: Vec<PlanVersion>,
    /// The ouderschapsplan's versions, the current one last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parenting_plans: Vec<crate::parenting_plan::ParentingPlanVersion>,
    pub sessions: Vec<Session>,
    pub reports: Vec<Report>,
    pub consents: Vec<Consent>,
    pub evaluations: Vec<Evaluation>,
    pub escalations: Vec<Escalation>,
    /// The steps of the meldcode taken, in order.
    #[serde(default)]
    pub meldcode: Vec<MeldcodeEntry>,
    pub outcome: Option<Outcome>,
    pub outcome_summary: String,
}

impl Case {
    pub fn parents(&self) -> impl Iterator<Item = &Person> {
        self.people.iter().filter(|p| p.role.is_parent())
    }

    /// Who signs the plan: the parents, and a guardian who holds authority.
    pub fn signers(&self) -> impl Iterator<Item = &Person> {
        self.people.iter().filter(|p| p.signs_the_plan())
    }

    /// Who brings the child to a visit and collects it: the foster carer or residential
    /// group the child lives with, else the resident parent.
    pub fn brings_the_child(&self) -> Option<&Person> {
        self.people
            .iter()
            .find(|p| p.role.brings_the_child() && !p.role.is_parent())
            .or_else(|| self.people.iter().find(|p| p.role.brings_the_child()))
    }

    pub fn person(&self, id: &PersonId) -> Option<&Person> {
        self.people.iter().find(|p| &p.id == id)
    }

    pub fn person_name(&self, id: &PersonId) -> String {
        self.person(id)
            .map(|p| p.name.clone())
            .or_else(|| {
                self.children
                    .iter()
                    .find(|c| &c.id == id)
                    .map(|c| c.name.clone())
            })
            .unwrap_or_else(|| id.to_string())
    }

    pub fn current_plan(&self) -> Option<&PlanVersion> {
        self.plans.last()
    }

    /// Signers (parents, and a guardian with authority) who have not signed the current
    /// plan version.
    pub fn unsigned_parents(&self) -> Vec<&Person> {
        match self.current_plan() {
            None => self.signers().collect(),
            Some(plan) => self
                .signers()
                .filter(|p| !plan.signatures.iter().any(|s| s.parent == p.id))
                .collect(),
        }
    }

    /// The current plan version is signed by every parent of the case.
    pub fn plan_signed_by_all(&self) -> bool {
        self.current_plan().is_some() && self.unsigned_parents().is_empty()
    }

    /// The first day a plan version was signed by every parent: no session that needs a
    /// signed plan is dated before it.
    pub fn plan_signed_on(&self) -> Option<Date> {
        let parents: Vec<&PersonId> = self.signers().map(|p| &p.id).collect();
        self.plans
            .iter()
            .filter_map(|plan| {
                let dates: Option<Vec<Date>> = parents
                    .iter()
                    .map(|id| {
                        plan.signatures
                            .iter()
                            .find(|s| &s.parent == *id)
                            .map(Signature::date)
                    })
                    .collect();
                dates.and_then(|d| d.into_iter().max())
            })
            .min()
    }

    pub fn session(&self, id: &SessionId) -> Option<&Session> {
        self.sessions.iter().find(|s| &s.id == id)
    }

    pub fn report(&self, id: &ReportId) -> Option<&Report> {
        self.reports.iter().find(|r| &r.id == id)
    }

    pub fn report_for(&self, session: &SessionId) -> Option<&Report> {
        self.reports.iter().find(|r| &r.session == session)
    }

    pub fn held(&self, kind: SessionKind) -> u32 {
        self.count(kind, Session::is_held)
    }

    pub fn counted(&self, kind: SessionKind) -> u32 {
        self.count(kind, Session::counts)
    }

    fn count(&self, kind: SessionKind, pred: impl Fn(&Session) -> bool) -> u32 {
        let n = self
            .sessions
            .iter()
            .filter(|s| s.kind == kind && pred(s))
            .count();
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// The latest consent of `parent` on `subject` is a yes.
    pub fn has_consent(&self, parent: &PersonId, subject: ConsentSubject) -> bool {
        self.consents
            .iter()
            .rev()
            .find(|c| &c.parent == parent && c.subject == subject)
            .is_some_and(|c| c.given)
    }

    /// The date the programme's clock starts: the intake.
    pub fn started_on(&self) -> Option<Date> {
        self.intake_started_on
    }

    /// An agreement was recorded (an evaluation with agreement, or an agreement outcome).
    pub fn agreement_reached(&self) -> bool {
        self.evaluations.iter().any(|e| e.agreement_reached)
            || self
                .outcome
                .as_ref()
                .is_some_and(Outcome::leads_to_follow_up)
    }

    pub fn is_open(&self) -> bool {
        self.status != CaseStatus::Closed
    }
}

/// Facts about a staff member that the rules need (read by the shell from storage).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffFacts {
    pub id: UserId,
    pub name: String,
    pub organisation: OrgId,
    pub is_volunteer: bool,
    /// Date of issue of the certificate of conduct (VOG).
    pub vog_issued_on: Option<Date>,
    pub training_completed_on: Option<Date>,
    /// Planned sessions elsewhere (other cases) as (start, end), for double-booking.
    #[serde(default)]
    pub busy: Vec<(DateTime, DateTime)>,
}

impl StaffFacts {
    /// The VOG is valid on `on` under a validity of `months` months.
    pub fn vog_valid_on(&self, on: Date, months: u32) -> bool {
        self.vog_issued_on
            .is_some_and(|d| d <= on && on < add_months(d, months))
    }
}

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

/// Checks a registration against the programme and makes the case's first event.
pub fn register(programme: &Programme, registration: Registration) -> Result<CaseEvent, Refusal> {
    if registration.programme != programme.id {
        return Err(Refusal::WrongProgramme);
    }
    if registration.children.is_empty() {
        return Err(Refusal::NoChildren);
    }
    if !registration.people.iter().any(|p| p.role.is_parent()) {
        return Err(Refusal::NoParent);
    }
    let count = |role: PersonRole| {
        registration
            .people
            .iter()
            .filter(|p| p.role == role)
            .count()
    };
    let resident = count(PersonRole::ResidentParent);
    let visiting = count(PersonRole::NonResidentParent);
    let carers = count(PersonRole::FosterCarer) + count(PersonRole::ResidentialGroup);
    // Seed 003: a child in a foster family or residential group may have one or two
    // visiting parents (or one parent at all); someone the child lives with brings it.
    let with_carer = programme.eligibility.child_with_carer && resident == 0 && carers > 0;
    if carers > 0 && !programme.eligibility.child_with_carer {
        return Err(Refusal::CarerNotInProgramme {
            programme: programme.name.clone(),
        });
    }
    if programme.eligibility.child_with_carer && resident == 0 && carers == 0 {
        return Err(Refusal::WhoBringsTheChild);
    }
    let max_visiting = if with_carer { 2 } else { 1 };
    if resident > 1 || (visiting > 1 && !programme.eligibility.child_with_carer) {
        return Err(Refusal::TooManyParents);
    }
    if visiting > max_visiting {
        return Err(Refusal::TooManyParentsWithCarer);
    }
    if registration
        .people
        .iter()
        .any(|p| p.holds_authority && p.role != PersonRole::Guardian)
    {
        return Err(Refusal::AuthorityOnlyForGuardian);
    }
    check_entry_route(programme, registration.entry_route)?;
    // A registration is a request: a child just above a soft age limit may register; the
    // coordinator decides at the end of the intake (a warning with a reason).
    check_ages(
        programme,
        &registration.children,
        registration.registered_on,
    )?;
    Ok(CaseEvent::Registered(registration))
}

fn check_entry_route(programme: &Programme, route: EntryRoute) -> Result<(), Refusal> {
    if programme.eligibility.entry_routes.contains(&route) {
        Ok(())
    } else {
        Err(Refusal::EntryRouteNotAccepted {
            route,
            programme: programme.name.clone(),
            accepted: programme.eligibility.entry_routes.clone(),
        })
    }
}

fn check_ages(programme: &Programme, children: &[Child], on: Date) -> Result<(), Refusal> {
    let e = &programme.eligibility;
    for child in children {
        let age = age_on(child.birth_date, on);
        let hard_max = i32::from(e.child_age_max) + i32::from(e.child_age_soft_above);
        if age < 0 || age < i32::from(e.child_age_min) || age > hard_max {
            return Err(Refusal::ChildAgeOutsideProgramme {
                child: child.name.clone(),
                age,
                min: e.child_age_min,
                max: e.child_age_max,
                programme: programme.name.clone(),
            });
        }
    }
    Ok(())
}

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

fn decide_rules(
    case: &Case,
    programme: &Programme,
    ctx: &Ctx,
    command: Command,
) -> Result<Vec<CaseEvent>, Refusal> {
    use CaseStatus as S;
    if case.status == S::Closed {
        return Err(Refusal::CaseClosed);
    }
    let today = ctx.today();
    let status_refusal = || Refusal::NotInThisStatus {
        status: case.status,
    };
    match command {
        Command::StartIntake => {
            if case.status != S::Registered {
                return Err(status_refusal());
            }
            Ok(vec![
                CaseEvent::IntakeStarted { on: today },
                CaseEvent::CoordinatorAssigned {
                    user: ctx.actor.clone(),
                },
            ])
        }
        Command::CompleteIntake {
            eligible,
            notes,
            reason,
        } => {
            if case.status != S::Intake {
                return Err(status_refusal());
            }
            let mut events = vec![CaseEvent::IntakeCompleted {
                on: today,
                eligible,
                notes,
            }];
            if eligible {
                check_ages(programme, &case.children, today)?;
                let missing = intake_sessions_missing(case, programme, today);
                if !missing.is_empty() {
                    return Err(Refusal::IntakeSessionsMissing {
                        missing: missing.iter().map(|m| m.text(case)).collect(),
                    });
                }
            } else {
                let reason = reason
                    .filter(|r| !r.trim().is_empty())
                    .ok_or(Refusal::ReasonRequired)?;
                events.extend(cancel_planned(case, "niet passend / not eligible"));
                events.push(CaseEvent::Ended {
                    on: today,
                    outcome: Outcome::NotEligible {
                        reason: reason.clone(),
                    },
                    summary: reason,
                    follow_up: false,
                });
            }
            Ok(events)
        }
        Command::AssignCoordinator { user } => Ok(vec![CaseEvent::CoordinatorAssigned { user }]),
        Command::AssignSupervisor { user, reason } => {
            let staff = ctx
                .supervisor
                .as_ref()
                .filter(|s| s.id == user)
                .ok_or(Refusal::UnknownSupervisor)?;
            check_supervisor_qualified(programme, staff, today)?;
            let reason = reason.filter(|r| !r.trim().is_empty());
            let changes = case.supervisor.as_ref().is_some_and(|s| s != &user);
            if changes && programme.supervision.same_supervisor && reason.is_none() {
                return Err(Refusal::SupervisorChangeNeedsReason);
            }
            Ok(vec![CaseEvent::SupervisorAssigned {
                user,
                reason: reason.filter(|_| changes),
            }])
        }
        Command::AssignPartner { organisation } => {
            if organisation.is_some() && programme.partners.is_empty() {
                return Err(Refusal::NoPartnerPart {
                    programme: programme.name.clone(),
                });
            }
            Ok(vec![CaseEvent::PartnerAssigned { organisation }])
        }
        Command::AssignCaseDirector { user } => Ok(vec![CaseEvent::CaseDirectorAssigned { user }]),
        Command::WritePlan { content } => {
            if !matches!(case.status, S::Plan | S::Running | S::FollowUp) {
                return Err(status_refusal());
            }
            if let (Some(plan), Some(max)) =
                (content.max_duration_months, programme.duration.max_months)
                && plan > max
            {
                return Err(Refusal::PlanLongerThanProgramme {
                    months: plan,
                    max,
                    programme: programme.name.clone(),
                });
            }
            let version = case.plans.last().map_or(1, |p| p.version + 1);
            let content_hash = content.hash();
            Ok(vec![CaseEvent::PlanWritten {
                version,
                content,
                content_hash,
            }])
        }
        Command::SignPlan {
            version,
            parent,
            method,
            signed_on,
        } => {
            let plan = case.current_plan().ok_or(Refusal::NoPlan {
                document: programme.plan.document,
            })?;
            if plan.version != version {
                return Err(Refusal::NotCurrentPlanVersion {
                    version,
                    current: plan.version,
                });
            }
            let person = case
                .person(&parent)
                .filter(|p| p.signs_the_plan())
                .ok_or(Refusal::NotAParent)?;
            if plan.signatures.iter().any(|s| s.parent == parent) {
                return Err(Refusal::AlreadySigned {
                    parent: person.name.clone(),
                    version,
                });
            }
            // A paper signature recorded afterwards carries the day it was signed: never in
            // the future, never before the version was written.
            if let Some(on) = signed_on {
                if on > today {
                    return Err(Refusal::SignatureInTheFuture { on });
                }
                let written = amsterdam().to_datetime(plan.created_at).date();
                if on < written {
                    return Err(Refusal::SignatureBeforePlan { on, written });
                }
            }
            let signature = Signature {
                parent,
                signed_at: ctx.now,
                method,
                content_hash: plan.content_hash.clone(),
                recorded_by: ctx.actor.clone(),
                signed_on,
            };
            let signed_day = signature.date();
            let mut events = vec![CaseEvent::PlanSigned { version, signature }];
            let all_signed_now = case.unsigned_parents().len() == 1;
            if all_signed_now
                && case.status == S::Plan
                && let Some(first) = programme.phases.first()
            {
                // Running from the day the last parent signed.
                let others = plan.signatures.iter().map(Signature::date);
                let on = others.chain([signed_day]).max().unwrap_or(today);
                events.push(CaseEvent::RunningStarted {
                    on,
                    phase: first.id.clone(),
                });
            }
            Ok(events)
        }
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
        Command::PlanSession(new) => plan_session(case, programme, ctx, new),
        Command::RecordOutcome { session, outcome } => {
            record_outcome(case, programme, ctx, session, outcome)
        }
        Command::RecordConsent {
            parent,
            subject,
            given,
            on,
            note,
        } => {
            case.person(&parent)
                .filter(|p| p.role.is_parent())
                .ok_or(Refusal::NotAParent)?;
            Ok(vec![CaseEvent::ConsentRecorded(Consent {
                parent,
                subject,
                given,
                on,
                note,
            })])
        }
        Command::AdvancePhase => {
            let phase = case
                .phase
                .as_deref()
                .filter(|_| case.status == S::Running)
                .ok_or_else(status_refusal)?;
            let next = programme.next_phase(phase).ok_or(Refusal::LastPhase)?;
            Ok(vec![CaseEvent::PhaseAdvanced {
                to: next.id.clone(),
            }])
        }
        Command::SaveReport {
            report,
            session,
            content,
        } => {
            let s = case.session(&session).ok_or(Refusal::UnknownSession)?;
            let needs_report = programme.kind(s.kind).is_some_and(|k| k.needs_report);
            if !needs_report {
                return Err(Refusal::NoReportForKind { kind: s.kind });
            }
            if !s.is_held() {
                return Err(Refusal::ReportBeforeHeld);
            }
            match (case.report(&report), case.report_for(&session)) {
                (Some(r), _) if r.session != session => return Err(Refusal::UnknownReport),
                (Some(r), _) if r.state != ReportState::Draft => {
                    return Err(Refusal::ReportNotEditable { state: r.state });
                }
                (None, Some(_)) => return Err(Refusal::ReportExists),
                _ => {}
            }
            Ok(vec![CaseEvent::ReportSaved {
                report,
                session,
                content,
            }])
        }
        Command::ApproveReport { report } => {
            report_in_state(case, &report, ReportState::Draft)?;
            Ok(vec![CaseEvent::ReportApproved { report }])
        }
        Command::SubmitReport { report } => {
            let r = report_in_state(case, &report, ReportState::Draft)?;
            if r.ready_at.is_some() {
                return Err(Refusal::ReportAlreadyReady);
            }
            if r.content.course.trim().is_empty() {
                return Err(Refusal::ReportEmpty);
            }
            Ok(vec![CaseEvent::ReportSubmitted { report }])
        }
        Command::ReturnReport { report, reason } => {
            let r = case.report(&report).ok_or(Refusal::UnknownReport)?;
            if !(r.awaits_review() || r.state == ReportState::Approved) {
                return Err(Refusal::ReportNotReadyForReview { state: r.state });
            }
            let reason = reason.trim().to_owned();
            if reason.is_empty() {
                return Err(Refusal::ReasonRequired);
            }
            Ok(vec![CaseEvent::ReportReturned { report, reason }])
        }
        Command::ReleaseReport { report } => {
            report_in_state(case, &report, ReportState::Approved)?;
            Ok(vec![CaseEvent::ReportReleased { report }])
        }
        Command::AmendReport { report, text } => {
            report_in_state(case, &report, ReportState::Released)?;
            if text.trim().is_empty() {
                return Err(Refusal::EmptyAmendment);
            }
            Ok(vec![CaseEvent::ReportAmended { report, text }])
        }
        Command::RecordEvaluation(evaluation) => {
            if !matches!(case.status, S::Running | S::FollowUp) {
                return Err(status_refusal());
            }
            Ok(vec![CaseEvent::EvaluationRecorded(evaluation)])
        }
        Command::RecordEscalation(escalation) => {
            Ok(vec![CaseEvent::EscalationRecorded(escalation)])
        }
        Command::RecordMeldcodeStep(entry) => record_meldcode_step(case, today, entry),
        Command::EndCase { outcome, summary } => {
            if case.status == S::FollowUp {
                return Err(status_refusal());
            }
            let agreement_outcome = outcome.leads_to_follow_up();
            if agreement_outcome && case.status != S::Running {
                return Err(Refusal::AgreementOutcomeNeedsRunningCase);
            }
            match &outcome {
                Outcome::FollowUpHelp { handed_to } if handed_to.trim().is_empty() => {
                    return Err(Refusal::HandedToRequired);
                }
                Outcome::StoppedEarly { reason } | Outcome::NotEligible { reason }
                    if reason.trim().is_empty() =>
                {
                    return Err(Refusal::ReasonRequired);
                }
                _ => {}
            }
            let planned_left = case
                .sessions
                .iter()
                .any(|s| s.state == SessionState::Planned);
            if planned_left && agreement_outcome {
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
        Command::UpdatePerson {
            person,
            contact,
            secret_address,
        } => {
            if case.person(&person).is_none() {
                return Err(Refusal::UnknownPerson);
            }
            Ok(vec![CaseEvent::PersonUpdated {
                person,
                contact,
                secret_address,
            }])
        }
        Command::CloseFollowUp { summary } => {
            if case.status != S::FollowUp {
                return Err(status_refusal());
            }
            if case
                .sessions
                .iter()
                .any(|s| s.state == SessionState::Planned)
            {
                return Err(Refusal::SessionsStillPlanned);
            }
            Ok(vec![CaseEvent::FollowUpClosed { on: today, summary }])
        }
    }
}

/// A meldcode step: in order (each step after the one before it, none twice), dated on or
/// after the step before and never in the future; the weighing answers the five questions;
/// the decision says what, and a report also records the escalation.
fn record_meldcode_step(
    case: &Case,
    today: Date,
    mut entry: MeldcodeEntry,
) -> Result<Vec<CaseEvent>, Refusal> {
    let done = case.meldcode.len();
    let expected = MeldcodeStep::ALL
        .get(done)
        .copied()
        .ok_or(Refusal::MeldcodeComplete)?;
    if entry.step != expected {
        return Err(Refusal::MeldcodeStepOutOfOrder {
            step: entry.step,
            expected,
        });
    }
    if entry.on > today {
        return Err(Refusal::MeldcodeStepInTheFuture { on: entry.on });
    }
    if let Some(previous) = case.meldcode.last()
        && entry.on < previous.on
    {
        return Err(Refusal::MeldcodeStepBeforePrevious {
            previous: previous.on,
        });
    }
    if entry.note.trim().is_empty() {
        return Err(Refusal::ReasonRequired);
    }
    if entry.step == MeldcodeStep::Weighing && entry.answers.len() != AFWEGINGSKADER.len() {
        return Err(Refusal::MeldcodeAnswersRequired);
    }
    if entry.step != MeldcodeStep::Weighing {
        entry.answers.clear();
    }
    let mut events = Vec::new();
    if entry.step == MeldcodeStep::Decision {
        let decision = entry.decision.ok_or(Refusal::MeldcodeDecisionRequired)?;
        if matches!(
            decision,
            MeldcodeDecision::Report | MeldcodeDecision::ReportAndHelp
        ) {
            let to = entry.report_to.unwrap_or(EscalationTarget::VeiligThuis);
            entry.report_to = Some(to);
            if !case.escalations.iter().any(|e| e.to == to) {
                events.push(CaseEvent::EscalationRecorded(Escalation {
                    to,
                    on: entry.on,
                    reason: entry.note.clone(),
                }));
            }
        } else {
            entry.report_to = None;
        }
    } else {
        entry.decision = None;
        entry.report_to = None;
    }
    entry.by = None;
    events.insert(0, CaseEvent::MeldcodeStepRecorded(entry));
    Ok(events)
}

/// Cancellations (by the organisation) of every session still planned.
fn cancel_planned(case: &Case, reason: &str) -> Vec<CaseEvent> {
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

fn report_in_state<'a>(
    case: &'a Case,
    id: &ReportId,
    state: ReportState,
) -> Result<&'a Report, Refusal> {
    let report = case.report(id).ok_or(Refusal::UnknownReport)?;
    if report.state == state {
        Ok(report)
    } else {
        Err(Refusal::ReportInWrongState {
            state: report.state,
            needed: state,
        })
    }
}

fn check_supervisor_qualified(
    programme: &Programme,
    staff: &StaffFacts,
    on: Date,
) -> Result<(), Refusal> {
    if !staff.is_volunteer {
        return Ok(());
    }
    let rule = &programme.supervision;
    if !rule.volunteers_allowed {
        return Err(Refusal::VolunteersNotAllowed {
            programme: programme.name.clone(),
        });
    }
    if rule.volunteer_requires_vog && !staff.vog_valid_on(on, rule.vog_valid_months) {
        return Err(Refusal::VogNotValid {
            supervisor: staff.name.clone(),
            issued_on: staff.vog_issued_on,
            valid_months: rule.vog_valid_months,
            on,
        });
    }
    if rule.volunteer_requires_training && staff.training_completed_on.is_none_or(|d| d > on) {
        return Err(Refusal::TrainingMissing {
            supervisor: staff.name.clone(),
        });
    }
    Ok(())
}

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

/// One intake session the programme asks for before the intake is complete.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntakeNeed {
    pub kind: SessionKind,
    /// For a separate intake: the parent it is with.
    pub parent: Option<PersonId>,
}

impl IntakeNeed {
    /// "het intakegesprek met Anna de Vries", "the child conversation".
    pub fn text(&self, case: &Case) -> crate::Text {
        let label = self.kind.label();
        match &self.parent {
            Some(p) => {
                let name = case.person_name(p);
                crate::Text::new(
                    format!("het {} met {name}", label.nl),
                    format!("the {} with {name}", label.en),
                )
            }
            None => crate::Text::new(format!("het {}", label.nl), format!("the {}", label.en)),
        }
    }
}

/// The intake sessions the programme's `[intake]` names: with `style = "separate"` an
/// intake with each parent; with `child_conversation` a child conversation, or an
/// interaction observation for a child below `interaction_observation_below_age`.
pub fn intake_sessions_needed(case: &Case, programme: &Programme, on: Date) -> Vec<IntakeNeed> {
    let rule = &programme.intake;
    let mut out = Vec::new();
    if rule.style == IntakeStyle::Separate {
        out.extend(case.parents().map(|p| IntakeNeed {
            kind: SessionKind::Intake,
            parent: Some(p.id.clone()),
        }));
    }
    if rule.child_conversation {
        let below = rule.interaction_observation_below_age.map(i32::from);
        let ages: Vec<i32> = case
            .children
            .iter()
            .map(|c| age_on(c.birth_date, on))
            .collect();
        if ages.iter().any(|a| below.is_none_or(|b| *a >= b)) {
            out.push(IntakeNeed {
                kind: SessionKind::ChildConversation,
                parent: None,
            });
        }
        if ages.iter().any(|a| below.is_some_and(|b| *a < b)) {
            out.push(IntakeNeed {
                kind: SessionKind::InteractionObservation,
                parent: None,
            });
        }
    }
    out
}

/// The needed intake sessions that were not held yet.
pub fn intake_sessions_missing(case: &Case, programme: &Programme, on: Date) -> Vec<IntakeNeed> {
    intake_sessions_needed(case, programme, on)
        .into_iter()
        .filter(|need| {
            !case.sessions.iter().any(|s| {
                s.kind == need.kind
                    && s.is_held()
                    && need
                        .parent
                        .as_ref()
                        .is_none_or(|p| s.participants.contains(p))
            })
        })
        .collect()
}

fn plan_session(
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
    let stage_allows = kind_allowed_in_stage(case, programme, kind);
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
    if !stage_allows {
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
    if new.starts_at.date() < sub_days(ctx.today(), 366) {
        return Err(Refusal::TooFarInThePast);
    }
    // Entered afterwards: never dated before the parents signed the plan it needs.
    if rule.requires_signed_plan
        && let Some(signed_on) = case.plan_signed_on()
        && new.starts_at.date() < signed_on
    {
        return Err(Refusal::SessionBeforeSignatures {
            kind,
            document: programme.plan.document,
            signed_on,
        });
    }
    // Separate intakes: one parent at a time (seed 002: "voor beide ouders apart").
    if kind == SessionKind::Intake && programme.intake.style == IntakeStyle::Separate {
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
    }
    // Place: the kind's own places, or the programme's.
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
    // Two visiting parents kept apart (seed 003: each with their own visits).
    let must_not_meet = case
        .current_plan()
        .is_some_and(|p| p.content.parents_must_not_meet);
    if kind.is_visit() && must_not_meet {
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
    // Child conversations need children old enough; younger ones get an observation.
    if kind == SessionKind::ChildConversation
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
    // People.
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
            return Err(Refusal::GuardianMayNotAttend { kind });
        }
    }
    // Who leads it.
    let mut events = Vec::new();
    match rule.led_by {
        Lead::Supervisor => {
            let user = new
                .supervisor
                .as_ref()
                .ok_or(Refusal::SupervisorRequired { kind })?;
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
                return Err(Refusal::NoPartnerAssigned { kind });
            }
        }
        Lead::Coordinator | Lead::Nobody => {}
    }
    let mut session = Session {
        id: new.id,
        kind,
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
    };
    if rule.led_by == Lead::Nobody {
        session.supervisor = None;
    }
    events.push(CaseEvent::SessionPlanned(session));
    Ok(events)
}

fn record_outcome(
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
    let check_party = |party: &Party| match party {
        Party::Organisation => Ok(()),
        Party::Person(p) if case.person(p).is_some() => Ok(()),
        Party::Person(_) => Err(Refusal::UnknownPerson),
    };
    match outcome {
        SessionOutcome::Held { notes, attended } => {
            if starts > ctx.now {
                return Err(Refusal::HeldBeforeStart);
            }
            let attended = attendance(case, attended)?;
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
            if programme
                .kind(session.kind)
                .is_some_and(|k| k.requires_signed_plan)
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
            let mut events = vec![CaseEvent::SessionHeld {
                session: id,
                notes,
                attended,
            }];
            // Move on when this was the session that completes the phase.
            if case.status == CaseStatus::Running
                && let Some(phase) = case.phase.as_deref().and_then(|p| programme.phase(p))
                && let Some(advance) = &phase.advance_after
                && advance.kind == session.kind
                && case.held(session.kind) + 1 >= advance.count
                && let Some(next) = programme.next_phase(&phase.id)
            {
                events.push(CaseEvent::PhaseAdvanced {
                    to: next.id.clone(),
                });
            }
            Ok(events)
        }
        SessionOutcome::Cancelled { by, reason } => {
            check_party(&by)?;
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
            check_party(&who)?;
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
        } => {
            case.intake_completed_on = Some(*on);
            case.intake_notes.clone_from(notes);
            if *eligible {
                case.status = CaseStatus::Plan;
            }
        }
        CaseEvent::PersonUpdated {
            person,
            contact,
            secret_address,
        } => {
            if let Some(p) = case.people.iter_mut().find(|p| &p.id == person) {
                p.contact = contact.clone();
                p.secret_address = *secret_address;
            }
        }
        CaseEvent::CoordinatorAssigned { user } => case.coordinator = Some(user.clone()),
        CaseEvent::SupervisorAssigned { user, reason } => {
            if case.supervisor.as_ref() != Some(user) {
                case.supervisor_history.push(SupervisorChange {
                    user: user.clone(),
                    name: String::new(),
                    on: amsterdam().to_datetime(at).date(),
                    previous: case.supervisor.clone(),
                    reason: reason.clone(),
                });
            }
            case.supervisor = Some(user.clone());
        }
        CaseEvent::PartnerAssigned { organisation } => case.partner.clone_from(organisation),
        CaseEvent::CaseDirectorAssigned { user } => case.case_director.clone_from(user),
        CaseEvent::PlanWritten {
            version,
            content,
            content_hash,
        } => case.plans.push(PlanVersion {
            version: *version,
            content: content.clone(),
            content_hash: content_hash.clone(),
            created_at: at,
            created_by: UserId::from(""),
            signatures: Vec::new(),
        }),
        CaseEvent::PlanSigned { version, signature } => {
            if let Some(plan) = case.plans.iter_mut().find(|p| p.version == *version) {
                plan.signatures.push(signature.clone());
            }
        }
        CaseEvent::ParentingPlanWritten {
            version,
            content,
            content_hash,
        } => case
            .parenting_plans
            .push(crate::parenting_plan::ParentingPlanVersion {
                version: *version,
                content: content.clone(),
                content_hash: content_hash.clone(),
                created_at: at,
                created_by: UserId::from(""),
                signatures: Vec::new(),
            }),
        CaseEvent::ParentingPlanSigned { version, signature } => {
            if let Some(plan) = case
                .parenting_plans
                .iter_mut()
                .find(|p| p.version == *version)
            {
                plan.signatures.push(signature.clone());
            }
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
        } => {
            set_session_state(
                case,
                session,
                SessionState::Held {
                    notes: notes.clone(),
                    attended: attended.clone(),
                },
            );
        }
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
        } => {
            if let Some(r) = case.reports.iter_mut().find(|r| &r.id == report) {
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
        CaseEvent::ReportApproved { report } => {
            set_report_state(case, report, ReportState::Approved)
        }
        CaseEvent::ReportSubmitted { report } => {
            if let Some(r) = case.reports.iter_mut().find(|r| &r.id == report) {
                r.ready_at = Some(at);
                r.returned = None;
            }
        }
        CaseEvent::ReportReturned { report, reason } => {
            set_report_state(case, report, ReportState::Draft);
            if let Some(r) = case.reports.iter_mut().find(|r| &r.id == report) {
                r.ready_at = None;
                r.returned = (!reason.is_empty()).then(|| ReportReturn {
                    reason: reason.clone(),
                    at,
                });
            }
        }
        CaseEvent::ReportReleased { report } => {
            set_report_state(case, report, ReportState::Released);
            if let Some(r) = case.reports.iter_mut().find(|r| &r.id == report) {
                r.released_at = Some(at);
            }
        }
        CaseEvent::ReportAmended { report, text } => {
            if let Some(r) = case.reports.iter_mut().find(|r| &r.id == report) {
                r.amendments.push(Amendment {
                    text: text.clone(),
                    by: UserId::from(""),
                    at,
                });
            }
        }
        CaseEvent::EvaluationRecorded(e) => case.evaluations.push(e.clone()),
        CaseEvent::EscalationRecorded(e) => case.escalations.push(e.clone()),
        CaseEvent::MeldcodeStepRecorded(m) => case.meldcode.push(m.clone()),
        CaseEvent::Ended {
            on,
            outcome,
            summary,
            follow_up,
        } => {
            case.ended_on = Some(*on);
            case.outcome = Some(outcome.clone());
            case.outcome_summary.clone_from(summary);
            if *follow_up {
                case.status = CaseStatus::FollowUp;
                case.follow_up_since = Some(*on);
            } else {
                case.status = CaseStatus::Closed;
                case.closed_on = Some(*on);
            }
            case.phase = None;
        }
        // A record of a decision; the state it concerns changes by the events beside it.
        CaseEvent::WarningsConfirmed { .. } => {}
        CaseEvent::FollowUpClosed { on, summary } => {
            case.status = CaseStatus::Closed;
            case.closed_on = Some(*on);
            if !summary.is_empty() {
                case.outcome_summary = format!("{}\n{summary}", case.outcome_summary)
                    .trim()
                    .to_owned();
            }
        }
    }
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
