//! The one authorization policy: who may do what, to which case.
//!
//! Access is decided here and nowhere else, as a pure function of the actor (role and
//! organisation), the actor's [`Relation`] to the case, and the [`CaseAction`]. Use cases
//! call [`decide_case`] before they read or write a case, and [`may_org`] for
//! organisation-wide things. Handlers and templates never decide access.

use omgang_domain::case::{Case, PersonRole, Session};
use omgang_domain::ids::{OrgId, PersonId, UserId};
use omgang_domain::programme::{Lead, Programme, SessionKind};
use omgang_domain::text::Lang;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Coördinator / zorgcoördinator of a provider.
    Coordinator,
    /// Professional omgangsbegeleider.
    Supervisor,
    /// Volunteer omgangsbegeleider (needs a valid VOG and training).
    Volunteer,
    /// Casusregisseur, e.g. of a Sociaal Team.
    CaseDirector,
    /// Verwijzer: Sociaal Team, Jeugdteam, gecertificeerde instelling, GP.
    Referrer,
    /// Staff of a partner organisation running part of a case (e.g. ONS at Timon).
    PartnerStaff,
    Parent,
    /// Gemeente: anonymised figures only.
    Funder,
    /// Beheerder: organisation settings, users, locations, programme definitions.
    Administrator,
}

impl Role {
    pub const ALL: [Role; 9] = [
        Role::Coordinator,
        Role::Supervisor,
        Role::Volunteer,
        Role::CaseDirector,
        Role::Referrer,
        Role::PartnerStaff,
        Role::Parent,
        Role::Funder,
        Role::Administrator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::Supervisor => "supervisor",
            Role::Volunteer => "volunteer",
            Role::CaseDirector => "case_director",
            Role::Referrer => "referrer",
            Role::PartnerStaff => "partner_staff",
            Role::Parent => "parent",
            Role::Funder => "funder",
            Role::Administrator => "administrator",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let (nl, en) = match self {
            Role::Coordinator => ("coördinator", "coordinator"),
            Role::Supervisor => ("omgangsbegeleider", "supervisor"),
            Role::Volunteer => ("vrijwilliger", "volunteer"),
            Role::CaseDirector => ("casusregisseur", "case director"),
            Role::Referrer => ("verwijzer", "referrer"),
            Role::PartnerStaff => (
                "medewerker partnerorganisatie",
                "partner organisation staff",
            ),
            Role::Parent => ("ouder", "parent"),
            Role::Funder => ("financier (gemeente)", "funder (municipality)"),
            Role::Administrator => ("beheerder", "administrator"),
        };
        if lang == Lang::Nl { nl } else { en }
    }

    /// Staff who supervise visits.
    pub fn supervises(self) -> bool {
        matches!(self, Role::Supervisor | Role::Volunteer)
    }
}

/// Who is asking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub user_id: UserId,
    pub org_id: OrgId,
    pub role: Role,
    pub name: String,
    /// The address the request came from (for the audit log).
    pub ip: Option<String>,
    pub lang: Lang,
    /// The operator's own CLI and the demo generator: not a person, not limited by roles.
    pub system: bool,
    /// The version of the organisation's directory (staff, locations, rooms) read with this
    /// request's sign-in: the staff and places it is shown may come from memory at that
    /// version (`Store::directory`). `None`: read them from the database.
    pub directory_version: Option<i64>,
}

/// How the actor stands to a case. The first that holds counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Staff of the lead organisation.
    LeadStaff,
    /// The case's supervisor, or supervisor of one of its sessions.
    Supervisor,
    /// Staff of the partner organisation linked to the case.
    Partner,
    /// The case's casusregisseur.
    CaseDirector,
    /// The referrer who submitted it (or was invited to it as its referrer).
    Referrer,
    /// A parent of the case whose account is linked to that parent (an accepted invitation).
    Parent,
    /// Another person of the case with a linked account: a guardian or foster carer.
    Guardian,
    /// None of these.
    Unrelated,
}

pub fn relation(actor: &Actor, case: &Case) -> Relation {
    relation_with(actor, case, &[])
}

/// As [`relation`], knowing which people of the case (`linked`) are the actor's own account
/// (the store's `case_accounts`: a parent, guardian or referrer who accepted an invitation).
pub fn relation_with(actor: &Actor, case: &Case, linked: &[PersonId]) -> Relation {
    let me = &actor.user_id;
    let linked_role = |pred: fn(PersonRole) -> bool| {
        linked
            .iter()
            .filter_map(|id| case.person(id))
            .any(|p| pred(p.role))
    };
    if actor.system {
        return Relation::LeadStaff;
    }
    match actor.role {
        Role::Coordinator | Role::Administrator if actor.org_id == case.organisation => {
            Relation::LeadStaff
        }
        Role::Supervisor | Role::Volunteer
            if case.supervisor.as_ref() == Some(me)
                || case
                    .sessions
                    .iter()
                    .any(|s| s.supervisor.as_ref() == Some(me)) =>
        {
            Relation::Supervisor
        }
        Role::PartnerStaff if case.partner.as_ref() == Some(&actor.org_id) => Relation::Partner,
        Role::CaseDirector if case.case_director.as_ref() == Some(me) => Relation::CaseDirector,
        Role::Referrer
            if case.referrer_user.as_ref() == Some(me)
                || linked_role(|r| r == PersonRole::Referrer) =>
        {
            Relation::Referrer
        }
        Role::Parent if linked_role(PersonRole::is_parent) => Relation::Parent,
        Role::Parent
            if linked_role(|r| {
                matches!(
                    r,
                    PersonRole::Guardian | PersonRole::FosterCarer | PersonRole::ResidentialGroup
                )
            }) =>
        {
            Relation::Guardian
        }
        _ => Relation::Unrelated,
    }
}

/// What an actor wants to do to a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseAction {
    Read,
    ReadTimeline,
    ReadAudit,
    StartIntake,
    CompleteIntake,
    Assign,
    WritePlan,
    RecordSignature,
    /// Plan a session of this kind.
    PlanSession(SessionKind),
    /// Record the outcome of a session (of this kind, supervised by `own` = the actor).
    RecordOutcome {
        kind: SessionKind,
        own: bool,
    },
    RecordConsent,
    AdvancePhase,
    /// Write or edit a draft report of a session (`own` = the actor supervised it).
    WriteReport {
        own: bool,
    },
    ReviewReport,
    AmendReport,
    RecordEvaluation,
    RecordEscalation,
    End,
    /// A parent signs the current plan (`own` = as themselves, in the portal).
    SignOwnPlan {
        own: bool,
    },
    /// A parent cancels a planned session (`own` = on their own behalf).
    CancelSession {
        own: bool,
    },
    /// Invite a person of the case to make an account (the portal).
    Invite,
    /// Change a person's contact details or make their address secret.
    UpdatePerson,
    /// Download a document of the case as PDF (made from the reader's own view).
    DownloadDocument(DocumentKind),
    /// List and download the files of the case (a court order, a referral letter): they may
    /// hold anything, a secret address too, so only the lead coordinators.
    ReadAttachments,
    /// Add a file to the case, or remove one.
    ManageAttachments,
    /// Write a (new version of the) ouderschapsplan.
    WriteParentingPlan,
    /// A parent signs the ouderschapsplan (`own` = as themselves, in the portal; otherwise
    /// staff record a paper signature).
    SignParentingPlan {
        own: bool,
    },
    /// Change the family's time windows for the weekly planner.
    SetWindows,
}

/// The documents omgang makes of a case (crate `omgang-docs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A version of the plan of approach, with its signatures.
    Plan,
    /// A released visit report with its amendments.
    Report,
    /// The end report (for the referrer, the case director or the court).
    EndReport,
    /// The current version of the ouderschapsplan, with its signatures.
    ParentingPlan,
}

impl CaseAction {
    pub fn name(self) -> String {
        match self {
            CaseAction::PlanSession(k) => format!("plan_session:{}", omgang_store::json_name(&k)),
            CaseAction::RecordOutcome { kind, .. } => {
                format!("record_outcome:{}", omgang_store::json_name(&kind))
            }
            CaseAction::WriteReport { .. } => "write_report".into(),
            CaseAction::SignOwnPlan { .. } => "sign_own_plan".into(),
            CaseAction::SignParentingPlan { .. } => "sign_parenting_plan".into(),
            CaseAction::CancelSession { .. } => "cancel_session".into(),
            CaseAction::DownloadDocument(kind) => {
                format!("download_document:{}", omgang_store::json_name(&kind))
            }
            other => omgang_store::json_name(&other),
        }
    }

    pub fn is_read(self) -> bool {
        matches!(
            self,
            CaseAction::Read
                | CaseAction::ReadTimeline
                | CaseAction::ReadAudit
                | CaseAction::DownloadDocument(_)
                | CaseAction::ReadAttachments
        )
    }
}

/// The view of a case an actor gets: what parts of it they may see.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ViewScope {
    /// Everything, including secret addresses (lead coordinators).
    Full,
    /// Everything needed to supervise; secret addresses hidden.
    Supervisor,
    /// Only the partner's own sessions and the people's names.
    Partner,
    /// Status, plan signature state, evaluations, outcome; no reports, no contact details.
    CaseDirector,
    /// Status, waiting time and outcome.
    Referrer,
    /// A parent or guardian of the case (the portal): the schedule, the plan to sign, released
    /// reports and everyone's name; nobody's contact details or address.
    Parent,
}

/// The decision for one action on one case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// Related to the case, but not allowed to do this: 403.
    Deny,
    /// Not related at all: the case is not revealed (404).
    Hide,
}

/// Decides whether `actor` may do `action` on `case`.
pub fn decide_case(
    actor: &Actor,
    case: &Case,
    programme: &Programme,
    action: CaseAction,
) -> Decision {
    decide_case_with(actor, case, programme, action, &[])
}

/// As [`decide_case`], with the people of the case linked to the actor's account.
pub fn decide_case_with(
    actor: &Actor,
    case: &Case,
    programme: &Programme,
    action: CaseAction,
    linked: &[PersonId],
) -> Decision {
    let rel = relation_with(actor, case, linked);
    if rel == Relation::Unrelated {
        return Decision::Hide;
    }
    if allowed(actor.role, rel, action, programme) || actor.system {
        Decision::Allow
    } else {
        Decision::Deny
    }
}

/// The matrix itself: role × relation × action.
pub fn allowed(role: Role, rel: Relation, action: CaseAction, programme: &Programme) -> bool {
    use CaseAction as A;
    use Relation as R;
    let partner_kind =
        |k: SessionKind| programme.kind(k).is_some_and(|r| r.led_by == Lead::Partner);
    match (role, rel) {
        // Lead coordinators run the case.
        (Role::Coordinator, R::LeadStaff) => true,
        // Administrators manage settings, not cases; they may answer "who looked at this case".
        (Role::Administrator, R::LeadStaff) => matches!(action, A::ReadAudit),
        // Supervisors see their cases and record their own sessions and reports.
        (Role::Supervisor | Role::Volunteer, R::Supervisor) => match action {
            A::Read | A::ReadTimeline => true,
            A::DownloadDocument(kind) => matches!(kind, DocumentKind::Plan | DocumentKind::Report),
            A::RecordOutcome { kind, own } => own && !partner_kind(kind),
            A::WriteReport { own } => own,
            _ => false,
        },
        // A partner organisation runs its own part only.
        (Role::PartnerStaff, R::Partner) => match action {
            A::Read => true,
            A::PlanSession(kind) | A::RecordOutcome { kind, .. } => partner_kind(kind),
            _ => false,
        },
        // The case director and the referrer receive the end report (in their own view:
        // dates, counts and the outcome, no reports).
        (Role::CaseDirector, R::CaseDirector) | (Role::Referrer, R::Referrer) => matches!(
            action,
            A::Read | A::DownloadDocument(DocumentKind::EndReport)
        ),
        // A parent reads their own case, signs the plan and cancels a session, each only as
        // themselves; a guardian or carer reads, and signs as themselves (the rules accept
        // the signature only of a guardian who holds authority). Both download the plan and
        // the released reports of their own case, made from the portal's view.
        // Both give the family's time windows for the weekly planner ("woensdagmiddag,
        // zaterdagochtend"); the coordinator sees and may change them.
        (Role::Parent, R::Parent) => matches!(
            action,
            A::Read
                | A::SignOwnPlan { own: true }
                | A::SignParentingPlan { own: true }
                | A::CancelSession { own: true }
                | A::DownloadDocument(
                    DocumentKind::Plan | DocumentKind::Report | DocumentKind::ParentingPlan
                )
                | A::SetWindows
        ),
        (Role::Parent, R::Guardian) => matches!(
            action,
            A::Read
                | A::SignOwnPlan { own: true }
                | A::DownloadDocument(DocumentKind::Plan | DocumentKind::Report)
                | A::SetWindows
        ),
        _ => false,
    }
}

/// The cases an actor is related to, for every list, agenda, signal, feed, search and
/// export: the store selects them with this scope, and each arm selects exactly the cases of
/// one arm of [`relation_with`] for the actor's role. `None`: the role is related to no case
/// through a list (funders see figures only; administrators answer privacy questions per
/// case). What the actor may then see of each case is still [`view_scope_with`]'s answer.
pub fn case_scope(actor: &Actor) -> Option<omgang_store::CaseScope> {
    use omgang_store::CaseScope as S;
    if actor.system {
        return Some(S::All);
    }
    let me = actor.user_id.0.clone();
    match actor.role {
        Role::Coordinator => Some(S::Organisation(actor.org_id.0.clone())),
        Role::Supervisor | Role::Volunteer => Some(S::Supervisor(me)),
        Role::PartnerStaff => Some(S::Partner(actor.org_id.0.clone())),
        Role::CaseDirector => Some(S::CaseDirector(me)),
        Role::Referrer => Some(S::Referrer(me)),
        Role::Parent => Some(S::Linked(me)),
        Role::Funder | Role::Administrator => None,
    }
}

/// The steps an actor may take on a case now: the policy's answer (role and relation) and
/// the case's status, computed once here and carried in the case view, so pages and API
/// clients show a form only where the step would be let through.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Permissions {
    pub start_intake: bool,
    pub complete_intake: bool,
    pub write_plan: bool,
    /// Record a parent's signature (on paper, by the coordinator).
    pub sign: bool,
    pub plan_session: bool,
    pub assign: bool,
    pub partner: bool,
    pub consent: bool,
    pub evaluate: bool,
    pub escalate: bool,
    pub advance: bool,
    pub end: bool,
    pub close_follow_up: bool,
    pub update_person: bool,
    pub invite: bool,
    pub read_timeline: bool,
    pub read_audit: bool,
    /// Download the plan versions and the released reports as PDF.
    pub download_plan: bool,
    pub download_reports: bool,
    /// Download the end report as PDF.
    pub download_end_report: bool,
    /// See and download the case's files.
    pub read_attachments: bool,
    /// Add files (while the case is open) and remove them.
    pub manage_attachments: bool,
    /// Write a (new version of the) ouderschapsplan: while running or in follow-up.
    pub write_parenting_plan: bool,
    /// Record a parent's signature of the current ouderschapsplan (paper, by staff; or the
    /// parent's own in the portal).
    pub sign_parenting_plan: bool,
    /// Change the family's time windows for the weekly planner.
    pub set_windows: bool,
}

/// What `actor` may do to `case` now (see [`Permissions`]).
pub fn permissions(
    actor: &Actor,
    case: &Case,
    programme: &Programme,
    linked: &[PersonId],
) -> Permissions {
    use omgang_domain::case::CaseStatus as S;
    let may = |action| decide_case_with(actor, case, programme, action, linked) == Decision::Allow;
    let status = case.status;
    let open = case.is_open();
    let in_plan_or_running = matches!(status, S::Plan | S::Running);
    let phase_index = case
        .phase
        .as_deref()
        .and_then(|p| programme.phases.iter().position(|ph| ph.id == p));
    let has_next_phase = phase_index.is_some_and(|i| i + 1 < programme.phases.len());
    let any_kind = programme
        .session_kinds
        .iter()
        .any(|k| may(CaseAction::PlanSession(k.kind)));
    Permissions {
        start_intake: may(CaseAction::StartIntake) && status == S::Registered,
        complete_intake: may(CaseAction::CompleteIntake) && status == S::Intake,
        write_plan: may(CaseAction::WritePlan) && in_plan_or_running,
        sign: may(CaseAction::RecordSignature)
            && in_plan_or_running
            && case.current_plan().is_some()
            && !case.plan_signed_by_all(),
        // The intake's own sessions are planned while in intake (issue 12, seed 002).
        plan_session: any_kind && matches!(status, S::Intake | S::Plan | S::Running | S::FollowUp),
        assign: may(CaseAction::Assign) && open && status != S::Registered,
        partner: may(CaseAction::Assign) && open && !programme.partners.is_empty(),
        consent: may(CaseAction::RecordConsent) && in_plan_or_running,
        evaluate: may(CaseAction::RecordEvaluation) && matches!(status, S::Running | S::FollowUp),
        escalate: may(CaseAction::RecordEscalation) && open,
        advance: may(CaseAction::AdvancePhase) && status == S::Running && has_next_phase,
        end: may(CaseAction::End) && matches!(status, S::Intake | S::Plan | S::Running),
        close_follow_up: may(CaseAction::End) && status == S::FollowUp,
        update_person: may(CaseAction::UpdatePerson) && open,
        invite: may(CaseAction::Invite) && open,
        read_timeline: may(CaseAction::ReadTimeline),
        read_audit: may(CaseAction::ReadAudit),
        download_plan: may(CaseAction::DownloadDocument(DocumentKind::Plan))
            && !case.plans.is_empty(),
        download_reports: may(CaseAction::DownloadDocument(DocumentKind::Report)),
        download_end_report: may(CaseAction::DownloadDocument(DocumentKind::EndReport))
            && status != S::Registered,
        read_attachments: may(CaseAction::ReadAttachments),
        manage_attachments: may(CaseAction::ManageAttachments) && open,
        write_parenting_plan: may(CaseAction::WriteParentingPlan)
            && matches!(status, S::Running | S::FollowUp),
        sign_parenting_plan: (may(CaseAction::SignParentingPlan { own: false })
            || may(CaseAction::SignParentingPlan { own: true }))
            && open
            && case
                .parenting_plans
                .last()
                .is_some_and(|p| !p.signed_by_both()),
        set_windows: may(CaseAction::SetWindows) && open,
    }
}

/// The view scope a related actor gets.
pub fn view_scope(actor: &Actor, case: &Case) -> Option<ViewScope> {
    view_scope_with(actor, case, &[])
}

/// As [`view_scope`], with the people of the case linked to the actor's account.
pub fn view_scope_with(actor: &Actor, case: &Case, linked: &[PersonId]) -> Option<ViewScope> {
    if actor.system {
        return Some(ViewScope::Full);
    }
    match (actor.role, relation_with(actor, case, linked)) {
        (Role::Coordinator, Relation::LeadStaff) => Some(ViewScope::Full),
        (Role::Supervisor | Role::Volunteer, Relation::Supervisor) => Some(ViewScope::Supervisor),
        (Role::PartnerStaff, Relation::Partner) => Some(ViewScope::Partner),
        (Role::CaseDirector, Relation::CaseDirector) => Some(ViewScope::CaseDirector),
        (Role::Referrer, Relation::Referrer) => Some(ViewScope::Referrer),
        (Role::Parent, Relation::Parent | Relation::Guardian) => Some(ViewScope::Parent),
        _ => None,
    }
}

/// A session the partner scope may see.
pub fn partner_sees(session: &Session, programme: &Programme) -> bool {
    programme
        .kind(session.kind)
        .is_some_and(|r| r.led_by == Lead::Partner)
}

/// Organisation-wide actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgAction {
    /// Register a new case (for this organisation as lead).
    Register,
    /// List the organisation's cases and waiting list.
    ListCases,
    /// Signals of the organisation.
    ReadSignals,
    ManageUsers,
    ReadUsers,
    ManageProgrammes,
    ManageLocations,
    /// VOG, training and availability of supervisors and volunteers.
    ManageStaff,
    /// Anonymised figures.
    ReadStatistics,
    /// Invite a referrer or partner organisation's staff member of this organisation to make
    /// an account.
    InviteStaff,
    /// Answer a person's access request (*inzageverzoek*) for this organisation's cases.
    AnswerAccessRequest,
    /// The privacy officer's question "what did this person look at" across the
    /// organisation's cases (the audit log by person).
    ReadAuditByPerson,
    /// The logo on the organisation's documents.
    ManageLetterhead,
    /// Plan a week with the weekly planner: read the week's requests (which show the
    /// organisation's cases), drop them, run the planner and accept its proposal. Only the
    /// organisation's coordinators: accepting plans sessions in cases, which administrators
    /// may not (they manage settings, not cases); the planner's inputs they do manage
    /// (opening hours: `ManageLocations`, weekly hours: `ManageStaff`).
    PlanWeek,
}

/// Whether `actor` may do `action` for organisation `org`.
pub fn may_org(actor: &Actor, org: &OrgId, action: OrgAction) -> bool {
    if actor.system {
        return true;
    }
    let own = &actor.org_id == org;
    use OrgAction as A;
    match actor.role {
        // Accounts of an organisation are made only by its own coordinators and
        // administrators (or the operator): an account of another organisation would see
        // that organisation's cases.
        Role::Coordinator => {
            own && !matches!(
                action,
                A::ManageUsers
                    | A::ManageProgrammes
                    | A::ReadAuditByPerson
                    | A::AnswerAccessRequest
            )
        }
        Role::Administrator => {
            own && matches!(
                action,
                A::ManageUsers
                    | A::ReadUsers
                    | A::ManageProgrammes
                    | A::ManageLocations
                    | A::ManageStaff
                    | A::ReadStatistics
                    | A::ReadAuditByPerson
                    | A::InviteStaff
                    | A::AnswerAccessRequest
                    | A::ManageLetterhead
            )
        }
        // Referrers register families at any provider.
        Role::Referrer | Role::CaseDirector => matches!(action, A::Register),
        Role::Funder => matches!(action, A::ReadStatistics),
        Role::Supervisor | Role::Volunteer | Role::PartnerStaff | Role::Parent => false,
    }
}

/// Whose sessions an actor's agenda shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgendaScope {
    /// Every session of the actor's organisation, any supervisor, location or room.
    Organisation,
    /// Only the sessions the actor supervises.
    Own,
    /// The sessions the actor's (partner) organisation leads.
    Partner,
}

/// The agenda an actor may see, if any. Parents see their sessions on their own pages, not in
/// an agenda; referrers, case directors and funders have none.
pub fn agenda_scope(actor: &Actor) -> Option<AgendaScope> {
    match actor.role {
        Role::Coordinator => Some(AgendaScope::Organisation),
        Role::Supervisor | Role::Volunteer => Some(AgendaScope::Own),
        Role::PartnerStaff => Some(AgendaScope::Partner),
        Role::CaseDirector | Role::Referrer | Role::Parent | Role::Funder | Role::Administrator => {
            None
        }
    }
}
