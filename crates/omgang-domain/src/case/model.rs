//! The case aggregate's state: its people and children, sessions, consents, evaluations,
//! escalations and outcome, and what can be read from them.

use jiff::civil::{Date, DateTime};
use jiff::{Timestamp, ToSpan};
use serde::{Deserialize, Serialize};

use super::meldcode::MeldcodeEntry;
use super::plan::{PlanVersion, Signature};
use super::reports::Report;
use crate::ids::{CaseId, OrgId, PersonId, ReportId, SessionId, UserId};
use crate::programme::{EntryRoute, EscalationTarget, LocationKind, SessionKind};

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
            PersonRole::Other => Text::new("andere betrokkene", "other"),
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

    pub fn label(self) -> crate::Text {
        use crate::Text;
        match self {
            RegisteredBy::OneParent => Text::new("één ouder", "one parent"),
            RegisteredBy::BothParents => Text::new("beide ouders", "both parents"),
            RegisteredBy::Professional => Text::new("een professional", "a professional"),
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

/// Where a session stands, without what was recorded with it: the word a list shows and a
/// filter chooses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    Planned,
    Held,
    Cancelled,
    NoShow,
}

impl SessionState {
    /// Where the session stands.
    pub fn status(&self) -> SessionStatus {
        match self {
            SessionState::Planned => SessionStatus::Planned,
            SessionState::Held { .. } => SessionStatus::Held,
            SessionState::Cancelled { .. } => SessionStatus::Cancelled,
            SessionState::NoShow { .. } => SessionStatus::NoShow,
        }
    }
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

/// Which outcome a case ended with, without its details: the word a list, a figure or a form
/// shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    Ouderschapsplan,
    UnsupervisedContact,
    FollowUpHelp,
    StoppedEarly,
    Reported,
    NotEligible,
}

impl Outcome {
    /// Which outcome this is.
    pub fn kind(&self) -> OutcomeKind {
        match self {
            Outcome::Ouderschapsplan => OutcomeKind::Ouderschapsplan,
            Outcome::UnsupervisedContact => OutcomeKind::UnsupervisedContact,
            Outcome::FollowUpHelp { .. } => OutcomeKind::FollowUpHelp,
            Outcome::StoppedEarly { .. } => OutcomeKind::StoppedEarly,
            Outcome::Reported { .. } => OutcomeKind::Reported,
            Outcome::NotEligible { .. } => OutcomeKind::NotEligible,
        }
    }

    /// Outcomes after which a programme's follow-up half year starts.
    pub fn leads_to_follow_up(&self) -> bool {
        matches!(
            self,
            Outcome::Ouderschapsplan | Outcome::UnsupervisedContact
        )
    }
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
