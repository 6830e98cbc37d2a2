//! What an actor sees of a case: the domain state projected through a [`ViewScope`].
//!
//! A secret address is copied into a view only for [`ViewScope::Full`]; every other scope
//! gets `address: None` for that person. This is the single place where that is decided.

use jiff::civil::Date;
use omgang_domain::Vocabulary;
use omgang_domain::case::{
    Case, MeldcodeDecision, MeldcodeStep, Outcome, OutcomeKind, Party, PersonRole, RegisteredBy,
    ReportState, SessionState, SessionStatus, SignatureMethod,
};
use omgang_domain::next_step::Section;
use omgang_domain::programme::{EntryRoute, EscalationTarget, LocationKind, SessionKind};
use omgang_domain::signals::{Signal, SignalKind, Urgency};
use omgang_domain::text::Lang;
use omgang_domain::{CaseStatus, Programme};
use serde::Serialize;
use utoipa::ToSchema;

use crate::policy::ViewScope;
use case::party_name;

mod case;
pub use case::case_view;

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ChildView {
    pub id: String,
    pub name: String,
    /// `YYYY-MM-DD`; not shown to partner organisations and referrers.
    pub birth_date: Option<String>,
    pub age: i32,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PersonView {
    pub id: String,
    pub name: String,
    /// resident_parent, non_resident_parent, guardian, foster_carer, residential_group,
    /// case_director, referrer, other
    #[schema(value_type = String)]
    pub role: PersonRole,
    pub role_label: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Empty when the address is secret and the viewer may not see it.
    pub address: Option<String>,
    /// The address is secret from the other parent (*geheim adres*).
    pub secret_address: bool,
    pub organisation: Option<String>,
    /// Signs the plan: a parent, or a guardian who holds authority (*gezag*).
    pub signs_plan: bool,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SignatureView {
    pub parent_id: String,
    pub parent_name: String,
    /// When the signature was recorded.
    pub signed_at: String,
    /// The day it was signed (`YYYY-MM-DD`; a paper signature recorded afterwards carries
    /// its own day).
    pub signed_on: String,
    /// paper or portal
    #[schema(value_type = String)]
    pub method: SignatureMethod,
    pub content_hash: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PlanView {
    pub version: u32,
    pub created_at: String,
    pub content_hash: String,
    /// Absent for scopes that see only the signature state.
    #[schema(value_type = Option<Object>)]
    pub content: Option<serde_json::Value>,
    pub signatures: Vec<SignatureView>,
    pub signed_by_all: bool,
    pub unsigned: Vec<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SessionView {
    pub id: String,
    #[schema(value_type = String)]
    pub kind: SessionKind,
    pub kind_label: String,
    /// Local time, Europe/Amsterdam: `YYYY-MM-DDTHH:MM:SS`.
    pub starts_at: String,
    pub ends_at: String,
    pub minutes: u32,
    #[schema(value_type = String)]
    pub location_kind: LocationKind,
    pub location_label: String,
    pub location_id: Option<String>,
    pub room_id: Option<String>,
    pub description: Option<String>,
    pub supervisor_id: Option<String>,
    pub partner_org_id: Option<String>,
    /// planned, held, cancelled, no_show
    #[schema(value_type = String)]
    pub state: SessionStatus,
    pub notes: Option<String>,
    pub cancelled_by: Option<String>,
    pub reason: Option<String>,
    pub late: Option<bool>,
    pub report_id: Option<String>,
    /// Held sessions: who came, as the supervisor recorded it (empty: not recorded).
    pub attended: Vec<AttendeeView>,
    /// Visits, for staff: when the resident parent brings the child (the location's margin
    /// before the start) and collects it (the margin after the end), so the parents do not
    /// meet. Local time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drop_off_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pick_up_at: Option<String>,
    /// Visits, for staff: who brings and collects the child at those times (the resident
    /// parent, or the foster carer or residential group the child lives with).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brought_by: Option<String>,
}

/// Someone who came to a held session: a person or child of the case.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AttendeeView {
    pub id: String,
    pub name: String,
    /// The person's role ("vader", "pleegouder", …; "kind" for a child).
    pub role_label: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ReportView {
    pub id: String,
    pub session_id: String,
    pub author_id: String,
    /// draft, approved, released
    #[schema(value_type = String)]
    pub state: ReportState,
    #[schema(value_type = Object)]
    pub content: serde_json::Value,
    pub updated_at: String,
    pub approved_by: Option<String>,
    pub released_at: Option<String>,
    #[schema(value_type = Vec<Object>)]
    pub amendments: Vec<serde_json::Value>,
    /// Staff: when its author marked the draft ready for review (it waits for a coordinator).
    pub ready_at: Option<String>,
    /// Staff: why it was last sent back to its author, and when.
    pub returned_reason: Option<String>,
    pub returned_at: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ProgressView {
    #[schema(value_type = String)]
    pub kind: SessionKind,
    pub label: String,
    pub held: u32,
    pub planned: u32,
    pub max: Option<u32>,
    pub target: Option<u32>,
    /// E.g. "begeleide omgang 3 van max. 4".
    pub text: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SignalView {
    #[schema(value_type = String)]
    pub kind: SignalKind,
    /// The kind in words ("evaluatiemoment").
    pub kind_label: String,
    /// late or due
    #[schema(value_type = String)]
    pub urgency: Urgency,
    pub due_on: String,
    pub case_id: Option<String>,
    pub case_reference: Option<String>,
    /// The family in a few words ("Noor (6) · Jansen / El Amrani"), in lists of staff who
    /// may see the case's people.
    pub family: Option<String>,
    pub user_id: Option<String>,
    pub text: String,
}

impl SignalView {
    pub fn from(signal: &Signal, lang: Lang) -> SignalView {
        SignalView {
            kind: signal.kind,
            kind_label: signal.kind.label().get(lang).to_owned(),
            urgency: signal.urgency,
            due_on: signal.due_on.to_string(),
            case_id: signal.case.as_ref().map(|c| c.0.clone()),
            case_reference: signal.case_reference.clone(),
            family: None,
            user_id: signal.user.as_ref().map(|u| u.0.clone()),
            text: signal.text.get(lang).to_owned(),
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct OutcomeView {
    /// ouderschapsplan, unsupervised_contact, follow_up_help, stopped_early, reported, not_eligible
    #[schema(value_type = String)]
    pub kind: OutcomeKind,
    pub label: String,
    pub detail: Option<String>,
    pub summary: String,
}

/// A case as one actor may see it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CaseView {
    pub id: String,
    pub reference: String,
    /// Which parts this viewer sees.
    pub scope: ViewScope,
    pub organisation_id: String,
    pub programme_id: String,
    pub programme_name: String,
    /// registered, intake, plan, running, follow_up, closed
    #[schema(value_type = String)]
    pub status: CaseStatus,
    pub status_label: String,
    pub phase: Option<String>,
    pub phase_name: Option<String>,
    pub registered_on: String,
    /// Days between registration and intake (or today, while waiting).
    pub waiting_days: i64,
    #[schema(value_type = String)]
    pub entry_route: EntryRoute,
    #[schema(value_type = String)]
    pub registered_by: RegisteredBy,
    pub safety_concerns: Option<String>,
    pub request: Option<String>,
    pub children: Vec<ChildView>,
    pub people: Vec<PersonView>,
    pub coordinator_id: Option<String>,
    pub supervisor_id: Option<String>,
    pub partner_org_id: Option<String>,
    pub case_director_id: Option<String>,
    pub intake_started_on: Option<String>,
    pub intake_completed_on: Option<String>,
    pub running_since: Option<String>,
    pub follow_up_since: Option<String>,
    pub closed_on: Option<String>,
    pub plans: Vec<PlanView>,
    pub sessions: Vec<SessionView>,
    pub reports: Vec<ReportView>,
    #[schema(value_type = Vec<Object>)]
    pub consents: Vec<serde_json::Value>,
    #[schema(value_type = Vec<Object>)]
    pub evaluations: Vec<serde_json::Value>,
    #[schema(value_type = Vec<Object>)]
    pub escalations: Vec<serde_json::Value>,
    /// The meldcode steps taken (signals, consultation, conversation, weighing, decision).
    pub meldcode: Vec<MeldcodeView>,
    pub progress: Vec<ProgressView>,
    pub outcome: Option<OutcomeView>,
    pub signals: Vec<SignalView>,
    /// The steps this viewer may take now (the policy's answer; empty where the view is not
    /// made for one actor).
    pub may: crate::policy::Permissions,
    /// The current ouderschapsplan's version, where the reader may see it.
    pub parenting_plan_version: Option<u32>,
    /// The session kinds a planning form offers now: the programme's, in this phase, for
    /// these children's ages (staff views only).
    pub plannable_kinds: Vec<KindOption>,
    /// While in intake: the intake sessions the programme names that were not held yet.
    pub intake_missing: Vec<String>,
    /// Every change of supervisor, with its reason (staff views).
    pub supervisor_history: Vec<SupervisorChangeView>,
    /// What the step just taken did by itself, e.g. "De 4e begeleide omgang is gehouden:
    /// het traject gaat naar Overdrachtsbegeleiding." (only in a step's answer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub announcement: Option<String>,
    /// Staff who run the case: what the programme expects next ("Plan de 2e
    /// overdrachtsbegeleiding", "Wacht op de handtekening van Pieter de Boer").
    pub next_step: Option<NextStepView>,
}

/// The next step of a case and where on its page it is taken.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct NextStepView {
    pub text: String,
    /// steps, plan, sessions, reports
    #[schema(value_type = String)]
    pub section: Section,
}

/// One step of the meldcode as recorded.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct MeldcodeView {
    /// signals, consultation, conversation, weighing, decision
    #[schema(value_type = String)]
    pub step: MeldcodeStep,
    pub number: usize,
    pub label: String,
    /// `YYYY-MM-DD`
    pub on: String,
    pub by: Option<String>,
    pub note: String,
    /// Step 4: each question of the afwegingskader with its answer.
    pub answers: Vec<MeldcodeAnswer>,
    /// report, help, report_and_help
    #[schema(value_type = Option<String>)]
    pub decision: Option<MeldcodeDecision>,
    #[schema(value_type = Option<String>)]
    pub report_to: Option<EscalationTarget>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct MeldcodeAnswer {
    pub question: String,
    pub answer: bool,
}

/// One change of the case's supervisor.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SupervisorChangeView {
    pub user_id: String,
    /// `YYYY-MM-DD`
    pub on: String,
    pub previous_id: Option<String>,
    pub reason: Option<String>,
}

/// A session kind offered on a planning form.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct KindOption {
    #[schema(value_type = String)]
    pub kind: SessionKind,
    pub label: String,
}

/// A line of the case list or waiting list.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CaseSummary {
    pub id: String,
    pub reference: String,
    pub organisation_id: String,
    pub programme_id: String,
    pub programme_name: String,
    #[schema(value_type = String)]
    pub status: CaseStatus,
    pub status_label: String,
    pub phase: Option<String>,
    pub registered_on: String,
    pub waiting_days: i64,
    pub children: Vec<String>,
    /// The family in a few words, for lists: the children with their age and the parents'
    /// surnames ("Noor (6) · Jansen / El Amrani").
    pub family: String,
    pub referrer_user_id: Option<String>,
}

fn days(from: Date, to: Date) -> i64 {
    to.since(from).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

pub fn waiting_days(case: &Case, today: Date) -> i64 {
    days(case.registered_on, case.intake_started_on.unwrap_or(today))
}

fn role_label(role: PersonRole, lang: Lang) -> String {
    role.label().get(lang).to_owned()
}

pub fn outcome_view(outcome: &Outcome, summary: &str, lang: Lang) -> OutcomeView {
    let detail = match outcome {
        Outcome::Ouderschapsplan | Outcome::UnsupervisedContact => None,
        Outcome::FollowUpHelp { handed_to } => Some(handed_to.clone()),
        Outcome::StoppedEarly { reason } | Outcome::NotEligible { reason } => Some(reason.clone()),
        Outcome::Reported { to } => Some(to.label().get(lang).to_owned()),
    };
    let kind = outcome.kind();
    OutcomeView {
        kind,
        label: kind.label().get(lang).to_owned(),
        detail,
        summary: summary.to_owned(),
    }
}

fn progress(case: &Case, programme: &Programme, lang: Lang) -> Vec<ProgressView> {
    programme
        .session_kinds
        .iter()
        .filter(|r| r.max_count.is_some() || r.target_count.is_some() || r.kind.is_visit())
        .map(|r| {
            let held = case.held(r.kind);
            let planned = case.counted(r.kind) - held;
            let label = r.kind.label().get(lang).to_owned();
            let text = match (r.max_count, r.target_count, lang) {
                (Some(max), _, Lang::Nl) => format!("{label} {held} van max. {max}"),
                (Some(max), _, Lang::En) => format!("{label} {held} of max. {max}"),
                (None, Some(t), Lang::Nl) => format!("{label} {held} van ongeveer {t}"),
                (None, Some(t), Lang::En) => format!("{label} {held} of about {t}"),
                (None, None, _) => format!("{label} {held}"),
            };
            ProgressView {
                kind: r.kind,
                label,
                held,
                planned,
                max: r.max_count,
                target: r.target_count,
                text,
            }
        })
        .collect()
}

pub fn case_summary(case: &Case, programme_name: &str, today: Date, lang: Lang) -> CaseSummary {
    CaseSummary {
        id: case.id.0.clone(),
        reference: case.reference.clone(),
        organisation_id: case.organisation.0.clone(),
        programme_id: case.programme.clone(),
        programme_name: programme_name.to_owned(),
        status: case.status,
        status_label: case.status.label().get(lang).to_owned(),
        phase: case.phase.clone(),
        registered_on: case.registered_on.to_string(),
        waiting_days: waiting_days(case, today),
        children: case.children.iter().map(|c| c.name.clone()).collect(),
        family: family_label(case, today),
        referrer_user_id: case.referrer_user.as_ref().map(|u| u.0.clone()),
    }
}

/// "Noor (6) · Jansen / El Amrani": the children with their age, then the parents' surnames
/// (a name without its first word: "Anna de Vries" → "de Vries").
pub fn family_label(case: &Case, today: Date) -> String {
    let children: Vec<String> = case
        .children
        .iter()
        .map(|c| {
            format!(
                "{} ({})",
                c.name,
                omgang_domain::case::age_on(c.birth_date, today)
            )
        })
        .collect();
    let mut parents: Vec<&str> = case
        .people
        .iter()
        .filter(|p| p.role.is_parent())
        .map(|p| {
            let name = p.name.trim();
            name.split_once(' ').map_or(name, |(_, rest)| rest.trim())
        })
        .collect();
    // Parents with one surname: "Haddou", not "Haddou / Haddou".
    parents.dedup();
    let mut out = children.join(", ");
    if !parents.is_empty() {
        if !out.is_empty() {
            out.push_str(" · ");
        }
        out.push_str(&parents.join(" / "));
    }
    out
}

/// Sessions of one kind, counted by state (for the end report).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SessionCountView {
    pub kind_label: String,
    pub held: u32,
    pub cancelled: u32,
    pub no_show: u32,
    pub planned: u32,
}

/// Cancellations and no-shows of one party (for the end report).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ByWhomView {
    pub who: String,
    pub cancelled: u32,
    pub late: u32,
    pub no_show: u32,
}

/// The counts of an end report as a viewer with `scope` may see them: numbers per session
/// kind, and who cancelled or did not come. Counts only, never notes or reasons; the
/// referrer's scope names parties by their role, not by name (it sees no people).
pub fn session_counts(
    case: &Case,
    programme: &Programme,
    scope: ViewScope,
    lang: Lang,
) -> (Vec<SessionCountView>, Vec<ByWhomView>) {
    let mut kinds: Vec<SessionCountView> = Vec::new();
    let mut parties: Vec<ByWhomView> = Vec::new();
    let who = |party: &Party| -> String {
        match (scope, party) {
            (ViewScope::Referrer, Party::Person(p)) => case
                .person(p)
                .map(|p| role_label(p.role, lang))
                .unwrap_or_default(),
            _ => party_name(case, party, lang),
        }
    };
    for kind in &programme.session_kinds {
        let mut count = SessionCountView {
            kind_label: kind.kind.label().get(lang).to_owned(),
            ..SessionCountView::default()
        };
        for s in case.sessions.iter().filter(|s| s.kind == kind.kind) {
            match &s.state {
                SessionState::Planned => count.planned += 1,
                SessionState::Held { .. } => count.held += 1,
                SessionState::Cancelled { .. } => count.cancelled += 1,
                SessionState::NoShow { .. } => count.no_show += 1,
            }
        }
        if count.held + count.cancelled + count.no_show + count.planned > 0 {
            kinds.push(count);
        }
    }
    for s in &case.sessions {
        let (party, cancelled, late, no_show) = match &s.state {
            SessionState::Cancelled { by, late, .. } => (by, 1, u32::from(*late), 0),
            SessionState::NoShow { who, .. } => (who, 0, 0, 1),
            _ => continue,
        };
        let name = who(party);
        let i = match parties.iter().position(|p| p.who == name) {
            Some(i) => i,
            None => {
                parties.push(ByWhomView {
                    who: name,
                    ..ByWhomView::default()
                });
                parties.len() - 1
            }
        };
        parties[i].cancelled += cancelled;
        parties[i].late += late;
        parties[i].no_show += no_show;
    }
    (kinds, parties)
}

/// Is this report state visible to parents (for the portal, later)?
pub fn released(state: ReportState) -> bool {
    state == ReportState::Released
}

/// The label of a session kind, in the actor's language.
pub fn kind_label(kind: SessionKind, lang: Lang) -> String {
    kind.label().get(lang).to_owned()
}
