//! Use cases on cases: registration, reading, every step of the case life, signals.

use std::sync::Arc;

use jiff::civil::Date;
use omgang_domain::case::{
    self as dcase, Case, CaseEvent, Command, ConsentSubject, Ctx, Escalation, Evaluation,
    EvaluationKind, NewSession, Outcome, Party, Place, Registration, SessionOutcome,
    SignatureMethod, StaffFacts,
};
use omgang_domain::ids::{CaseId, OrgId, PersonId, ReportId, SessionId, UserId};
use omgang_domain::programme::{EscalationTarget, LocationKind, RoomType, SessionKind};
use omgang_domain::refusal::{dutch_date, english_date};
use omgang_domain::signals::{self, Signal};
use omgang_domain::warning::{Confirmation, Warning, WarningCode};
use omgang_domain::{Programme, Refusal};
use omgang_store::{CaseFilter, SignalWatch, StoreError, UserRow, json_name};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::input::*;
use crate::policy::{self, Actor, CaseAction, Decision, OrgAction, Role};
use crate::views::{self, CaseSummary, CaseView, SignalView};
use crate::{App, AppError, Audit, Result};

/// One entry of a case's timeline.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TimelineEntry {
    pub seq: i64,
    pub at: String,
    pub actor_id: String,
    pub event: String,
    pub text: String,
}

/// Filters of the case list.
#[derive(Clone, Debug, Default, Deserialize, ToSchema, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct CaseListQuery {
    /// registered, intake, plan, running, follow_up, closed
    pub status: Option<String>,
    pub programme_id: Option<String>,
    /// Only cases submitted by this referrer (user id).
    pub referrer_id: Option<String>,
    /// Include closed cases (default: only open ones).
    #[serde(default)]
    pub include_closed: Option<bool>,
    /// registered_on (default), reference, status or programme.
    pub sort: Option<String>,
    /// asc or desc (default: newest registration first, otherwise A–Z).
    pub order: Option<String>,
    /// The page (from 1), with `per_page`.
    pub page: Option<u32>,
    /// Cases per page, 1–200 (default: all).
    pub per_page: Option<u32>,
}

/// A page of a case list: the cases and how many there are in all.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CasePage {
    pub cases: Vec<CaseSummary>,
    pub total: i64,
    pub page: u32,
    pub per_page: Option<u32>,
}

/// One audit line as shown to the privacy officer.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AuditView {
    pub at: String,
    pub user_id: Option<String>,
    pub role: Option<String>,
    pub org_id: Option<String>,
    pub action: String,
    pub detail: String,
    pub ip: Option<String>,
    pub allowed: bool,
}

pub fn staff_facts(user: &UserRow) -> StaffFacts {
    StaffFacts {
        id: UserId(user.id.clone()),
        name: user.name.clone(),
        organisation: OrgId(user.org_id.clone()),
        is_volunteer: user.is_volunteer || user.role == Role::Volunteer.as_str(),
        vog_issued_on: user.vog_issued_on.as_deref().and_then(|d| d.parse().ok()),
        training_completed_on: user
            .training_completed_on
            .as_deref()
            .and_then(|d| d.parse().ok()),
        busy: Vec::new(),
    }
}

/// What the case page shows, read at once ([`App::case_page`]).
#[derive(Clone, Debug)]
pub struct CasePageData {
    pub view: CaseView,
    /// `None` when the actor may not read the timeline.
    pub timeline: Option<Vec<TimelineEntry>>,
    /// The family's windows and school hours; `None` when the actor may not set them.
    pub windows: Option<crate::planning::WindowsView>,
}

impl App {
    fn programme_of(&self, case: &Case) -> Result<Arc<Programme>> {
        self.programme(&case.programme).ok_or_else(|| {
            AppError::Internal(format!(
                "programme {} of case {} is missing",
                case.programme, case.id
            ))
        })
    }

    /// Loads a case the actor is related to; unrelated actors get NotFound (and an audit line).
    pub(crate) async fn load_for(
        &self,
        actor: &Actor,
        id: &str,
        action: CaseAction,
    ) -> Result<(Case, i64, Arc<Programme>)> {
        self.load_for_intent(actor, id, action, &action.name())
            .await
    }

    /// As [`App::load_for`]; a refusal is audited under `intent` (what the actor tried to do,
    /// e.g. `plan_session`), not under the read that came first.
    async fn load_for_intent(
        &self,
        actor: &Actor,
        id: &str,
        action: CaseAction,
        intent: &str,
    ) -> Result<(Case, i64, Arc<Programme>)> {
        let case_id = CaseId(id.to_owned());
        let (case, version) = match self.store.case(&case_id).await {
            Ok(found) => found,
            Err(StoreError::NotFound) => {
                self.audit(Audit {
                    actor: Some(actor),
                    action: intent,
                    case: Some(id),
                    detail: "not found".into(),
                    allowed: false,
                })
                .await?;
                return Err(AppError::NotFound);
            }
            Err(e) => return Err(e.into()),
        };
        let programme = self.programme_of(&case)?;
        self.authorize_as(actor, &case, &programme, action, intent)
            .await?;
        Ok((case, version, programme))
    }

    /// Asks the policy; writes the audit line for refusals.
    async fn authorize(
        &self,
        actor: &Actor,
        case: &Case,
        programme: &Programme,
        action: CaseAction,
    ) -> Result<()> {
        self.authorize_as(actor, case, programme, action, &action.name())
            .await
    }

    async fn authorize_as(
        &self,
        actor: &Actor,
        case: &Case,
        programme: &Programme,
        action: CaseAction,
        intent: &str,
    ) -> Result<()> {
        let linked = self.linked(actor, &case.id).await?;
        match policy::decide_case_with(actor, case, programme, action, &linked) {
            Decision::Allow => Ok(()),
            decision => {
                self.audit(Audit {
                    actor: Some(actor),
                    action: intent,
                    case: Some(case.id.as_str()),
                    detail: format!(
                        "refused by policy ({:?})",
                        policy::relation_with(actor, case, &linked)
                    ),
                    allowed: false,
                })
                .await?;
                Err(if decision == Decision::Hide {
                    AppError::NotFound
                } else {
                    AppError::Forbidden
                })
            }
        }
    }

    /// Every (case, person) link of the actor's account, for lists: one query, not one per
    /// case. Empty for roles that are never linked.
    pub(crate) async fn all_links(&self, actor: &Actor) -> Result<Vec<(String, PersonId)>> {
        if actor.system || !matches!(actor.role, Role::Parent | Role::Referrer) {
            return Ok(Vec::new());
        }
        Ok(self
            .store
            .case_accounts_of(actor.user_id.as_str())
            .await?
            .into_iter()
            .map(|l| (l.case_id, PersonId(l.person_id)))
            .collect())
    }

    /// The people of `case` whose account is the actor's (parents, guardians and referrers
    /// who accepted an invitation); empty for everyone else.
    pub(crate) async fn linked(&self, actor: &Actor, case: &CaseId) -> Result<Vec<PersonId>> {
        Ok(self
            .all_links(actor)
            .await?
            .into_iter()
            .filter(|(c, _)| *c == case.0)
            .map(|(_, p)| p)
            .collect())
    }

    pub(crate) async fn view(
        &self,
        actor: &Actor,
        case: &Case,
        programme: &Programme,
    ) -> Result<CaseView> {
        let linked = self.linked(actor, &case.id).await?;
        let scope = policy::view_scope_with(actor, case, &linked).ok_or(AppError::NotFound)?;
        let mut view = self.reveal(views::case_view(
            case,
            programme,
            scope,
            self.today(),
            actor.lang,
        ))?;
        if matches!(
            scope,
            policy::ViewScope::Full | policy::ViewScope::Supervisor
        ) {
            self.stagger(case, &mut view).await?;
        }
        view.may = policy::permissions(actor, case, programme, &linked);
        Ok(view)
    }

    /// Fills in the staggered drop-off and pick-up times of the case's visits.
    async fn stagger(&self, case: &Case, view: &mut CaseView) -> Result<()> {
        if !case.sessions.iter().any(|s| s.kind.is_visit()) {
            return Ok(());
        }
        let places = self.places(case.organisation.as_str()).await?;
        for shown in view.sessions.iter_mut() {
            let Some(session) = case
                .sessions
                .iter()
                .find(|s| s.id.0 == shown.id && s.kind.is_visit())
            else {
                continue;
            };
            let margin = session
                .place
                .location_id
                .as_ref()
                .and_then(|l| places.get(l).map(|p| p.margin_minutes))
                .unwrap_or(crate::portal::DEFAULT_MARGIN_MINUTES);
            let (_, drop_off, pick_up) = crate::portal::my_times(
                omgang_domain::case::PersonRole::ResidentParent,
                true,
                session.starts_at,
                session.ends_at(),
                margin,
            );
            shown.drop_off_at = Some(drop_off.strftime("%Y-%m-%dT%H:%M:%S").to_string());
            shown.pick_up_at = Some(pick_up.strftime("%Y-%m-%dT%H:%M:%S").to_string());
            shown.brought_by = case.brings_the_child().map(|p| p.name.clone());
        }
        Ok(())
    }

    /// Opens the sealed secret addresses that the view's scope lets through (only the full
    /// view carries them at all).
    fn reveal(&self, mut view: CaseView) -> Result<CaseView> {
        for person in view.people.iter_mut() {
            if let Some(address) = &person.address
                && crate::crypto::Keyring::is_sealed(address)
            {
                person.address = Some(self.keyring.open(address)?);
            }
        }
        Ok(view)
    }

    // ---- registration --------------------------------------------------------------------

    pub async fn register(&self, actor: &Actor, input: &RegistrationInput) -> Result<CaseView> {
        let valid = input.validate()?;
        let programme = self.programme(&valid.programme_id).ok_or_else(|| {
            AppError::invalid(
                "programme_id",
                &format!("Onbekend traject '{}'.", valid.programme_id),
                &format!("Unknown programme '{}'.", valid.programme_id),
            )
        })?;
        let org = OrgId(
            valid
                .organisation_id
                .clone()
                .unwrap_or_else(|| actor.org_id.0.clone()),
        );
        let org_row = match self.store.organisation(org.as_str()).await {
            Ok(row) => row,
            Err(StoreError::NotFound) => {
                return Err(AppError::invalid(
                    "organisation_id",
                    "Onbekende organisatie.",
                    "Unknown organisation.",
                ));
            }
            Err(e) => return Err(e.into()),
        };
        if org_row.kind != "provider" {
            return Err(AppError::invalid(
                "organisation_id",
                "Kies de aanbieder die het traject uitvoert.",
                "Choose the provider that runs the programme.",
            ));
        }
        if !policy::may_org(actor, &org, OrgAction::Register) {
            self.audit(Audit {
                actor: Some(actor),
                action: "register",
                case: None,
                detail: format!("org {org}"),
                allowed: false,
            })
            .await?;
            return Err(AppError::Forbidden);
        }
        // A secret address is sealed before it is ever stored.
        let mut people = valid.people;
        for person in people.iter_mut().filter(|p| p.secret_address) {
            if let Some(address) = &person.contact.address {
                person.contact.address = Some(self.keyring.seal(address)?);
            }
        }
        let registration = Registration {
            id: CaseId(crate::new_id()),
            reference: String::new(),
            organisation: org,
            programme: programme.id.clone(),
            registered_on: self.today(),
            registered_by: valid.registered_by,
            entry_route: valid.entry_route,
            children: valid.children,
            people,
            safety_concerns: valid.safety_concerns,
            request: valid.request,
            referrer_user: matches!(actor.role, Role::Referrer | Role::CaseDirector)
                .then(|| actor.user_id.clone()),
        };
        let event = dcase::register(&programme, registration).map_err(AppError::Refused)?;
        let CaseEvent::Registered(reg) = &event else {
            return Err(AppError::Internal(
                "registration made no registration".into(),
            ));
        };
        let mut case = dcase::from_registration(reg);
        let year = self.today().year();
        let watch = self.signal_watch(&case, &programme);
        let reference = self
            .store
            .create_case(&mut case, &event, year, self.now(), &actor.user_id, watch)
            .await?;
        case.reference = reference;
        self.audit(Audit {
            actor: Some(actor),
            action: "register",
            case: Some(case.id.as_str()),
            detail: format!("registered; fields: {}", field_names(reg).join(",")),
            allowed: true,
        })
        .await?;
        // The referrer sees their own registration through the referrer view.
        self.reveal(views::case_view(
            &case,
            &programme,
            policy::view_scope(actor, &case).unwrap_or(policy::ViewScope::Referrer),
            self.today(),
            actor.lang,
        ))
    }

    // ---- reading -----------------------------------------------------------------------------

    pub async fn case(&self, actor: &Actor, id: &str) -> Result<CaseView> {
        let (case, _, programme) = self.load_for(actor, id, CaseAction::Read).await?;
        let view = self.view(actor, &case, &programme).await?;
        self.audit(Audit {
            actor: Some(actor),
            action: "read",
            case: Some(id),
            detail: format!("view {}", json_name(&view.scope)),
            allowed: true,
        })
        .await?;
        Ok(view)
    }

    pub async fn timeline(&self, actor: &Actor, id: &str) -> Result<Vec<TimelineEntry>> {
        let (case, _, programme) = self.load_for(actor, id, CaseAction::ReadTimeline).await?;
        let events = self.store.events(&case.id).await?;
        self.audit(Audit {
            actor: Some(actor),
            action: "read_timeline",
            case: Some(id),
            detail: String::new(),
            allowed: true,
        })
        .await?;
        Ok(timeline_entries(
            &case,
            &programme,
            &events,
            actor.lang == omgang_domain::Lang::En,
        ))
    }

    /// The case page: the case as the actor may see it, its timeline if the actor may read
    /// it, and the family's windows and school hours if the actor may set them. One read of
    /// the case and one audit line, where [`App::case`], [`App::timeline`] and
    /// [`App::case_windows`] take three of each.
    pub async fn case_page(&self, actor: &Actor, id: &str) -> Result<CasePageData> {
        let (case, _, programme) = self.load_for(actor, id, CaseAction::Read).await?;
        let view = self.view(actor, &case, &programme).await?;
        let linked = self.linked(actor, &case.id).await?;
        let may_read_timeline =
            policy::decide_case_with(actor, &case, &programme, CaseAction::ReadTimeline, &linked)
                == Decision::Allow;
        let timeline = if may_read_timeline {
            let events = self.store.events(&case.id).await?;
            Some(timeline_entries(
                &case,
                &programme,
                &events,
                actor.lang == omgang_domain::Lang::En,
            ))
        } else {
            None
        };
        let windows = if view.may.set_windows {
            Some(self.windows_of(case.id.as_str()).await?)
        } else {
            None
        };
        self.audit(Audit {
            actor: Some(actor),
            action: "read",
            case: Some(id),
            detail: format!(
                "view {}{}{}",
                json_name(&view.scope),
                if may_read_timeline { ", timeline" } else { "" },
                if windows.is_some() { ", windows" } else { "" }
            ),
            allowed: true,
        })
        .await?;
        Ok(CasePageData {
            view,
            timeline,
            windows,
        })
    }

    pub async fn case_audit(&self, actor: &Actor, id: &str) -> Result<Vec<AuditView>> {
        let (case, _, _) = self.load_for(actor, id, CaseAction::ReadAudit).await?;
        let rows = self.store.audit_for_case(case.id.as_str()).await?;
        self.audit(Audit {
            actor: Some(actor),
            action: "read_audit",
            case: Some(id),
            detail: String::new(),
            allowed: true,
        })
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| AuditView {
                at: omgang_store::from_ms(r.at).to_string(),
                user_id: r.user_id,
                role: r.role,
                org_id: r.org_id,
                action: r.action,
                detail: r.detail,
                ip: r.ip,
                allowed: r.allowed,
            })
            .collect())
    }

    /// The cases an actor may list: their organisation's, or the ones they are related to.
    pub async fn list_cases(
        &self,
        actor: &Actor,
        query: &CaseListQuery,
    ) -> Result<Vec<CaseSummary>> {
        Ok(self.list_cases_page(actor, query).await?.cases)
    }

    /// As [`App::list_cases`], with the number of cases in all (for a list's pages).
    pub async fn list_cases_page(&self, actor: &Actor, query: &CaseListQuery) -> Result<CasePage> {
        let mut c = Check::default();
        let desc = match query.order.as_deref().map(str::trim) {
            None | Some("") => None,
            Some("asc") => Some(false),
            Some("desc") => Some(true),
            Some(other) => {
                c.push(
                    "order",
                    format!("Kies asc of desc, niet '{other}'."),
                    format!("Choose asc or desc, not '{other}'."),
                );
                None
            }
        };
        let order = match (query.sort.as_deref().map(str::trim), desc) {
            (None | Some("") | Some("registered_on"), None | Some(true)) => {
                omgang_store::CaseOrder::RegisteredDesc
            }
            (None | Some("") | Some("registered_on"), Some(false)) => {
                omgang_store::CaseOrder::RegisteredAsc
            }
            (Some("reference"), Some(true)) => omgang_store::CaseOrder::ReferenceDesc,
            (Some("reference"), _) => omgang_store::CaseOrder::ReferenceAsc,
            (Some("status"), Some(true)) => omgang_store::CaseOrder::StatusDesc,
            (Some("status"), _) => omgang_store::CaseOrder::StatusAsc,
            (Some("programme"), Some(true)) => omgang_store::CaseOrder::ProgrammeDesc,
            (Some("programme"), _) => omgang_store::CaseOrder::ProgrammeAsc,
            (Some(other), _) => {
                c.push(
                    "sort",
                    format!(
                        "Sorteer op registered_on, reference, status of programme, niet '{other}'."
                    ),
                    format!(
                        "Sort by registered_on, reference, status or programme, not '{other}'."
                    ),
                );
                omgang_store::CaseOrder::RegisteredDesc
            }
        };
        if query.per_page.is_some_and(|n| !(1..=200).contains(&n)) {
            c.push(
                "per_page",
                "Kies 1 tot en met 200 dossiers per pagina.",
                "Choose 1 to 200 cases per page.",
            );
        }
        if query.page == Some(0) {
            c.push("page", "Pagina's tellen vanaf 1.", "Pages count from 1.");
        }
        if let Some(s) = &query.status {
            c.choice::<dcase::CaseStatus>(
                "status",
                s,
                &[
                    "registered",
                    "intake",
                    "plan",
                    "running",
                    "follow_up",
                    "closed",
                ],
            );
        }
        c.finish()?;
        // Parents see their cases in the portal, not in a staff list.
        let scope = policy::case_scope(actor).filter(|_| actor.role != Role::Parent);
        let Some(scope) = scope else {
            self.audit(Audit {
                actor: Some(actor),
                action: "list_cases",
                case: None,
                detail: String::new(),
                allowed: false,
            })
            .await?;
            return Err(AppError::Forbidden);
        };
        let page = query.page.unwrap_or(1).max(1);
        let filter = CaseFilter {
            scope: Some(scope),
            status: query.status.clone(),
            programme_id: query.programme_id.clone(),
            referrer_user_id: query.referrer_id.clone(),
            open_only: !query.include_closed.unwrap_or(false)
                && query.status.as_deref() != Some("closed"),
            order,
            limit: query.per_page,
            offset: query.per_page.map(|n| n.saturating_mul(page - 1)),
            ..CaseFilter::default()
        };
        let cases = self.store.cases(&filter).await?;
        let total = match query.per_page {
            Some(_) => {
                self.store
                    .count_cases(&CaseFilter {
                        limit: None,
                        offset: None,
                        ..filter.clone()
                    })
                    .await?
            }
            None => i64::try_from(cases.len()).unwrap_or(i64::MAX),
        };
        let links = self.all_links(actor).await?;
        let today = self.today();
        let out: Vec<CaseSummary> = cases
            .iter()
            .filter(|c| policy::view_scope_with(actor, c, &links_of(&links, c)).is_some())
            .map(|c| {
                let name = self
                    .programme(&c.programme)
                    .map(|p| p.name.get(actor.lang).to_owned())
                    .unwrap_or_default();
                views::case_summary(c, &name, today, actor.lang)
            })
            .collect();
        self.audit(Audit {
            actor: Some(actor),
            action: "list_cases",
            case: None,
            detail: format!("{} cases", out.len()),
            allowed: true,
        })
        .await?;
        Ok(CasePage {
            cases: out,
            total,
            page,
            per_page: query.per_page,
        })
    }

    pub async fn case_signals(
        &self,
        actor: &Actor,
        id: &str,
        on: Option<Date>,
    ) -> Result<Vec<SignalView>> {
        let (case, _, programme) = self.load_for(actor, id, CaseAction::Read).await?;
        let linked = self.linked(actor, &case.id).await?;
        if matches!(
            policy::view_scope_with(actor, &case, &linked),
            Some(
                policy::ViewScope::Referrer
                    | policy::ViewScope::Partner
                    | policy::ViewScope::Parent
            )
        ) {
            return Err(AppError::Forbidden);
        }
        let date = on.unwrap_or_else(|| self.today());
        self.audit(Audit {
            actor: Some(actor),
            action: "read_signals",
            case: Some(id),
            detail: date.to_string(),
            allowed: true,
        })
        .await?;
        Ok(signals::case_signals(&case, &programme, date)
            .iter()
            .map(|s| SignalView::from(s, actor.lang))
            .collect())
    }

    /// Everything late or due on `on` for the actor's organisation (coordinators) or own
    /// cases (supervisors), most urgent first.
    pub async fn signals(&self, actor: &Actor, on: Option<Date>) -> Result<Vec<SignalView>> {
        let date = on.unwrap_or_else(|| self.today());
        let mut staff = Vec::new();
        match actor.role {
            Role::Coordinator if policy::may_org(actor, &actor.org_id, OrgAction::ReadSignals) => {
                staff = self.store.users_of(actor.org_id.as_str()).await?;
            }
            Role::Supervisor | Role::Volunteer => {}
            _ => return Err(AppError::Forbidden),
        }
        let filter = CaseFilter {
            scope: policy::case_scope(actor),
            open_only: true,
            may_signal_on: Some(date),
            ..CaseFilter::default()
        };
        let _permit = self
            .wide_reads
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let cases = self.store.cases(&filter).await?;
        let mut all: Vec<Signal> = Vec::new();
        for case in &cases {
            if let Some(p) = self.programme(&case.programme) {
                all.extend(signals::case_signals(case, &p, date));
            }
        }
        let vog_months = self
            .all_programmes()
            .iter()
            .filter(|p| p.supervision.volunteer_requires_vog)
            .map(|p| p.supervision.vog_valid_months)
            .min()
            .unwrap_or(36);
        for user in staff
            .iter()
            .filter(|u| u.active && u.role == Role::Volunteer.as_str())
        {
            all.extend(signals::staff_signals(
                &staff_facts(user),
                vog_months,
                30,
                date,
            ));
        }
        signals::sort(&mut all);
        // Each case whose signal is shown was read (its reference and what is late).
        self.audit_cases_shown(
            actor,
            "read_signals",
            &format!("{} cases read, {} signals", cases.len(), all.len()),
            all.iter()
                .filter_map(|s| s.case.as_ref().map(|c| c.as_str())),
        )
        .await?;
        // The family beside each case number: coordinators and supervisors see the people.
        let today = self.today();
        let families: std::collections::HashMap<&str, String> = cases
            .iter()
            .map(|c| (c.id.as_str(), views::family_label(c, today)))
            .collect();
        Ok(all
            .iter()
            .map(|s| SignalView {
                family: s
                    .case
                    .as_ref()
                    .and_then(|c| families.get(c.as_str()).cloned()),
                ..SignalView::from(s, actor.lang)
            })
            .collect())
    }

    /// The signals projection of a case as it is now (written with each change): the day from
    /// which an organisation's signals must read it.
    pub(crate) fn signal_watch(&self, case: &Case, programme: &Programme) -> SignalWatch {
        let today = self.today();
        SignalWatch {
            checked_on: today,
            first_signal: signals::first_signal_day(case, programme, today),
        }
    }

    /// Works out the signals projection where it is missing (a database from before it, a
    /// programme whose rules changed). Safe beside other instances doing the same: a case
    /// changed meanwhile keeps what its change wrote. Returns how many cases were written.
    pub async fn fill_signal_watch(&self) -> Result<u64> {
        let mut written = 0;
        loop {
            let batch = self
                .store
                .cases_without_signal_watch(omgang_store::FILL_BATCH)
                .await?;
            let rows: Vec<(&Case, i64, SignalWatch)> = batch
                .iter()
                .filter_map(|(case, version)| {
                    let programme = self.programme(&case.programme)?;
                    Some((case, *version, self.signal_watch(case, &programme)))
                })
                .collect();
            let done = self.store.set_signal_watch(&rows).await?;
            written += done;
            // A short batch was the last; none written means the rest changed under us or
            // has no programme (left to be read, as before the projection).
            if batch.len() < omgang_store::FILL_BATCH as usize || done == 0 {
                return Ok(written);
            }
        }
    }

    // ---- the steps of the case life -------------------------------------------------------

    /// Runs one command: policy, validation, rules, write, audit. Retries on a concurrent
    /// write (the command is rebuilt from the fresh case).
    pub(crate) async fn run<F>(
        &self,
        actor: &Actor,
        id: &str,
        intent: &str,
        build: F,
    ) -> Result<CaseView>
    where
        F: Fn(&Case, &Programme) -> Result<(CaseAction, Command)>,
    {
        self.run_confirmed(
            actor,
            id,
            intent,
            Confirmation::default(),
            Vec::new(),
            build,
        )
        .await
    }

    /// As [`App::run`], with the warnings the user confirmed (and why) and the warnings the
    /// shell found in stored facts; `decide` asks for confirmation of every warning.
    pub(crate) async fn run_confirmed<F>(
        &self,
        actor: &Actor,
        id: &str,
        intent: &str,
        confirm: Confirmation,
        shell_warnings: Vec<Warning>,
        build: F,
    ) -> Result<CaseView>
    where
        F: Fn(&Case, &Programme) -> Result<(CaseAction, Command)>,
    {
        for _attempt in 0..4 {
            // Whoever may act on a case may also read it: reading is the first check.
            let (case, version, programme) = self
                .load_for_intent(actor, id, CaseAction::Read, intent)
                .await?;
            let (action, command) = build(&case, &programme)?;
            let fields = command_fields(&command);
            self.authorize(actor, &case, &programme, action).await?;
            let supervisor = self.supervisor_facts(&case, &command).await?;
            let ctx = Ctx {
                now: self.now(),
                actor: actor.user_id.clone(),
                supervisor,
                confirm: confirm.clone(),
                shell_warnings: shell_warnings.clone(),
            };
            let events = match dcase::decide(&case, &programme, &ctx, command) {
                Ok(events) => events,
                Err(refusal) => {
                    self.audit(Audit {
                        actor: Some(actor),
                        action: &action.name(),
                        case: Some(id),
                        detail: format!("refused by rules: {}", refusal.code()),
                        allowed: true,
                    })
                    .await?;
                    return Err(AppError::Refused(refusal));
                }
            };
            let mut next = case.clone();
            for event in &events {
                dcase::apply_by(&mut next, event, ctx.now, &actor.user_id);
            }
            let mails = crate::mail::mails_for(&next, &programme, &events);
            let change = omgang_store::CaseChange {
                events: &events,
                at: ctx.now,
                actor: &actor.user_id,
                mails: &mails,
                watch: self.signal_watch(&next, &programme),
            };
            match self.store.append(&next, version, &change).await {
                Ok(_) => {
                    let names: Vec<&str> = events.iter().map(CaseEvent::name).collect();
                    // What happened and which fields were written, never their values.
                    let mut detail = names.join(",");
                    if !fields.is_empty() {
                        detail.push_str("; fields: ");
                        detail.push_str(&fields.join(","));
                    }
                    self.audit(Audit {
                        actor: Some(actor),
                        action: &action.name(),
                        case: Some(id),
                        detail,
                        allowed: true,
                    })
                    .await?;
                    let mut view = self.view(actor, &next, &programme).await?;
                    view.announcement = announcement(&case, &programme, &events)
                        .map(|t| t.get(actor.lang).to_owned());
                    return Ok(view);
                }
                Err(StoreError::Conflict) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::Conflict)
    }

    /// Facts about the supervisor a command names, with their other planned sessions.
    async fn supervisor_facts(&self, case: &Case, command: &Command) -> Result<Option<StaffFacts>> {
        let (user_id, around) = match command {
            Command::AssignSupervisor { user, .. } => (user, None),
            Command::PlanSession(NewSession {
                supervisor: Some(user),
                starts_at,
                ..
            }) => (user, Some(*starts_at)),
            _ => return Ok(None),
        };
        let user = match self.store.user(user_id.as_str()).await {
            Ok(u) => u,
            Err(StoreError::NotFound) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let role = Role::parse(&user.role);
        if !user.active || !role.is_some_and(Role::supervises) || user.org_id != case.organisation.0
        {
            return Ok(None);
        }
        let mut facts = staff_facts(&user);
        if let Some(at) = around {
            let from = at.date().to_string();
            let to = dcase::add_days(at.date(), 1).to_string();
            for a in self
                .store
                .supervisor_appointments(&user.id, &from, &to)
                .await?
            {
                if a.case_id != case.id.0
                    && a.state == "planned"
                    && let (Ok(s), Ok(e)) = (a.starts_at.parse(), a.ends_at.parse())
                {
                    facts.busy.push((s, e));
                }
            }
        }
        Ok(Some(facts))
    }

    pub async fn start_intake(&self, actor: &Actor, id: &str) -> Result<CaseView> {
        self.run(actor, id, "start_intake", |_, _| {
            Ok((CaseAction::StartIntake, Command::StartIntake))
        })
        .await
    }

    pub async fn complete_intake(
        &self,
        actor: &Actor,
        id: &str,
        input: &CompleteIntakeInput,
    ) -> Result<CaseView> {
        let confirm = confirmation(&input.confirm, input.reason.as_deref())?;
        self.run_confirmed(actor, id, "complete_intake", confirm, Vec::new(), |_, _| {
            let mut c = Check::default();
            let notes = c.text("notes", &input.notes);
            let reason = c.opt_text("reason", &input.reason);
            if !input.eligible && reason.is_none() {
                c.push(
                    "reason",
                    "Geef aan waarom het traject niet passend is.",
                    "Say why the programme does not fit.",
                );
            }
            c.finish()?;
            Ok((
                CaseAction::CompleteIntake,
                Command::CompleteIntake {
                    eligible: input.eligible,
                    notes,
                    reason,
                },
            ))
        })
        .await
    }

    pub async fn assign_supervisor(
        &self,
        actor: &Actor,
        id: &str,
        input: &AssignUserInput,
    ) -> Result<CaseView> {
        self.run(actor, id, "assign_supervisor", |_, _| {
            let mut c = Check::default();
            let user = c.id("user_id", &input.user_id);
            let reason = c.opt_text("reason", &input.reason);
            c.finish()?;
            Ok((
                CaseAction::Assign,
                Command::AssignSupervisor {
                    user: UserId(user),
                    reason,
                },
            ))
        })
        .await
    }

    pub async fn assign_coordinator(
        &self,
        actor: &Actor,
        id: &str,
        input: &AssignUserInput,
    ) -> Result<CaseView> {
        // Authorization first: an answer about the user or organisation named would tell
        // whoever asks whether it exists.
        self.load_for_intent(actor, id, CaseAction::Assign, "assign_coordinator")
            .await?;
        let user = self.store.user(input.user_id.trim()).await.map_err(|_| {
            AppError::invalid("user_id", "Onbekende medewerker.", "Unknown staff member.")
        })?;
        if user.role != Role::Coordinator.as_str() {
            return Err(AppError::invalid(
                "user_id",
                "Kies een coördinator.",
                "Choose a coordinator.",
            ));
        }
        self.run(actor, id, "assign_coordinator", |case, _| {
            if user.org_id != case.organisation.0 {
                return Err(AppError::invalid(
                    "user_id",
                    "Kies een coördinator van deze organisatie.",
                    "Choose a coordinator of this organisation.",
                ));
            }
            Ok((
                CaseAction::Assign,
                Command::AssignCoordinator {
                    user: UserId(user.id.clone()),
                },
            ))
        })
        .await
    }

    pub async fn assign_partner(
        &self,
        actor: &Actor,
        id: &str,
        input: &AssignOptionalInput,
    ) -> Result<CaseView> {
        // Authorization first: an answer about the user or organisation named would tell
        // whoever asks whether it exists.
        self.load_for_intent(actor, id, CaseAction::Assign, "assign_partner")
            .await?;
        let org = input
            .id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        if let Some(o) = &org {
            let row = self.store.organisation(o).await.map_err(|_| {
                AppError::invalid("id", "Onbekende organisatie.", "Unknown organisation.")
            })?;
            if row.kind != "partner" {
                return Err(AppError::invalid(
                    "id",
                    "Kies een partnerorganisatie.",
                    "Choose a partner organisation.",
                ));
            }
        }
        self.run(actor, id, "assign_partner", |_, _| {
            Ok((
                CaseAction::Assign,
                Command::AssignPartner {
                    organisation: org.clone().map(OrgId),
                },
            ))
        })
        .await
    }

    pub async fn assign_case_director(
        &self,
        actor: &Actor,
        id: &str,
        input: &AssignOptionalInput,
    ) -> Result<CaseView> {
        // Authorization first: an answer about the user or organisation named would tell
        // whoever asks whether it exists.
        self.load_for_intent(actor, id, CaseAction::Assign, "assign_case_director")
            .await?;
        let user = input
            .id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        if let Some(u) = &user {
            let row =
                self.store.user(u).await.map_err(|_| {
                    AppError::invalid("id", "Onbekende gebruiker.", "Unknown user.")
                })?;
            if row.role != Role::CaseDirector.as_str() {
                return Err(AppError::invalid(
                    "id",
                    "Kies een casusregisseur.",
                    "Choose a case director.",
                ));
            }
        }
        self.run(actor, id, "assign_case_director", |_, _| {
            Ok((
                CaseAction::Assign,
                Command::AssignCaseDirector {
                    user: user.clone().map(UserId),
                },
            ))
        })
        .await
    }

    pub async fn write_plan(&self, actor: &Actor, id: &str, input: &PlanInput) -> Result<CaseView> {
        self.run(actor, id, "write_plan", |_, programme| {
            let template: Vec<String> = programme
                .plan
                .house_rules
                .iter()
                .map(|r| r.nl.clone())
                .collect();
            let content = input.validate(&template)?;
            Ok((CaseAction::WritePlan, Command::WritePlan { content }))
        })
        .await
    }

    pub async fn sign_plan(
        &self,
        actor: &Actor,
        id: &str,
        input: &SignatureInput,
    ) -> Result<CaseView> {
        self.run(actor, id, "sign_plan", |_, _| {
            let mut c = Check::default();
            let parent = c.id("parent_id", &input.parent_id);
            let method: Option<SignatureMethod> =
                c.choice("method", &input.method, &["paper", "portal"]);
            let signed_on = input
                .signed_on
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .and_then(|s| c.date("signed_on", s));
            c.finish()?;
            let method = method.unwrap_or(SignatureMethod::Paper);
            Ok((
                CaseAction::RecordSignature,
                Command::SignPlan {
                    version: input.version,
                    parent: PersonId(parent),
                    method,
                    signed_on,
                },
            ))
        })
        .await
    }

    pub async fn plan_session(
        &self,
        actor: &Actor,
        id: &str,
        input: &SessionInput,
    ) -> Result<CaseView> {
        let session_id = crate::new_id();
        let confirm = confirmation(&input.confirm, input.reason.as_deref())?;
        let slot = crate::beheer::PlannedSlot {
            kind: input.kind.clone(),
            starts_at: input.starts_at.clone(),
            minutes: input.minutes,
            supervisor_id: input.supervisor_id.clone(),
            room_id: input.room_id.clone(),
        };
        let (location_id, room_id, room_type) = self.known_place(actor, id, input).await?;
        let shell_warnings = self.shell_planning_warnings(actor, id, &slot).await?;
        self.run_confirmed(
            actor,
            id,
            "plan_session",
            confirm,
            shell_warnings,
            |_, programme| {
                let mut c = Check::default();
                let kind: Option<SessionKind> = c.choice("kind", &input.kind, SESSION_KINDS);
                let starts_at = c.datetime("starts_at", &input.starts_at);
                if input.minutes == 0 || input.minutes > 24 * 60 {
                    c.push(
                        "minutes",
                        "Geef de duur in minuten (1 tot 1440).",
                        "Give the length in minutes (1 to 1440).",
                    );
                }
                let location: Option<LocationKind> =
                    c.choice("location_kind", &input.location_kind, LOCATION_KINDS);
                let location_id = location_id.as_deref().map(|s| c.id("location_id", s));
                let room_id = room_id.as_deref().map(|s| c.id("room_id", s));
                // The room must be of a type this kind is held in (seed 003: homely rooms
                // and larger ones for play; conversations in an office).
                if let (Some(kind), Some(room_type)) = (kind, room_type)
                    && let Err(refusal) = programme.check_room_type(kind, room_type)
                {
                    c.push(
                        "room_id",
                        refusal.message(omgang_domain::Lang::Nl),
                        refusal.message(omgang_domain::Lang::En),
                    );
                }
                let description = c.opt_line("description", &input.description);
                let home_of = input
                    .home_of
                    .as_deref()
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| PersonId(c.id("home_of", s)));
                let supervisor = input
                    .supervisor_id
                    .as_deref()
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| UserId(c.id("supervisor_id", s)));
                let participants: Vec<PersonId> = input
                    .participants
                    .iter()
                    .enumerate()
                    .map(|(i, p)| PersonId(c.id(&format!("participants[{i}]"), p)))
                    .collect();
                c.finish()?;
                let (Some(kind), Some(starts_at), Some(location)) = (kind, starts_at, location)
                else {
                    return Err(AppError::Internal("validated fields missing".into()));
                };
                let command = Command::PlanSession(NewSession {
                    id: SessionId(session_id.clone()),
                    kind,
                    starts_at,
                    minutes: input.minutes,
                    place: Place {
                        kind: location,
                        location_id,
                        room_id,
                        description,
                        home_of,
                    },
                    supervisor,
                    partner: None,
                    participants,
                });
                Ok((CaseAction::PlanSession(kind), command))
            },
        )
        .await
    }

    /// A session's location and room must be real ones of the case's organisation (422 naming
    /// the field otherwise); a room alone brings its location, so the location's agenda shows
    /// the session. Checked only for the actor's own organisation: planning itself answers
    /// anyone else (403/404) without telling which rooms exist.
    async fn known_place(
        &self,
        actor: &Actor,
        case_id: &str,
        input: &SessionInput,
    ) -> Result<(Option<String>, Option<String>, Option<RoomType>)> {
        let room = input
            .room_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let location = input
            .location_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let given = (location.map(str::to_owned), room.map(str::to_owned));
        if room.is_none() && location.is_none() {
            return Ok((given.0, given.1, None));
        }
        let org = match self.store.case(&CaseId(case_id.to_owned())).await {
            Ok((case, _)) if case.organisation == actor.org_id || actor.system => {
                case.organisation.0
            }
            Ok(_) | Err(StoreError::NotFound) => return Ok((given.0, given.1, None)),
            Err(e) => return Err(e.into()),
        };
        let locations = self.store.locations_of(&org).await?;
        let mut c = Check::default();
        let of_room =
            room.and_then(|r| locations.iter().find(|l| l.rooms.iter().any(|x| x.id == r)));
        if room.is_some() && of_room.is_none() {
            c.push(
                "room_id",
                "Onbekende ruimte: kies een ruimte van een van de locaties van deze organisatie (GET /api/v1/locations).",
                "Unknown room: choose a room of one of this organisation's locations (GET /api/v1/locations).",
            );
        }
        if let Some(l) = location {
            if !locations.iter().any(|x| x.id == l) {
                c.push(
                    "location_id",
                    "Onbekende locatie: kies een locatie van deze organisatie (GET /api/v1/locations).",
                    "Unknown location: choose one of this organisation's locations (GET /api/v1/locations).",
                );
            } else if of_room.is_some_and(|found| found.id != l) {
                c.push(
                    "room_id",
                    "Deze ruimte hoort niet bij de gekozen locatie.",
                    "This room is not in the chosen location.",
                );
            }
        }
        c.finish()?;
        let room_type = room.and_then(|r| {
            of_room
                .and_then(|l| l.rooms.iter().find(|x| x.id == r))
                .and_then(|x| RoomType::parse(&x.room_type))
        });
        Ok((
            given.0.or_else(|| of_room.map(|l| l.id.clone())),
            given.1,
            room_type,
        ))
    }

    pub async fn record_outcome(
        &self,
        actor: &Actor,
        id: &str,
        session: &str,
        input: &OutcomeInput,
    ) -> Result<CaseView> {
        self.run(actor, id, "record_outcome", |case, _| {
            let s = case
                .session(&SessionId(session.to_owned()))
                .ok_or(AppError::NotFound)?;
            let own = s.supervisor.as_ref() == Some(&actor.user_id);
            let mut c = Check::default();
            let notes = c.text("notes", &input.notes);
            let party = |c: &mut Check| -> Option<Party> {
                match input.by.as_deref().map(str::trim) {
                    Some("organisation") => Some(Party::Organisation),
                    Some(p) if !p.is_empty() => Some(Party::Person(PersonId(c.id("by", p)))),
                    _ => {
                        c.push(
                            "by",
                            "Kies wie afzegde of niet kwam.",
                            "Choose who cancelled or did not come.",
                        );
                        None
                    }
                }
            };
            let outcome = match input.outcome.trim() {
                "held" => {
                    let attended = input
                        .attended
                        .iter()
                        .enumerate()
                        .map(|(i, p)| {
                            let field = format!("attended[{i}]");
                            let id = PersonId(c.id(&field, p));
                            let known = case.person(&id).is_some()
                                || case.children.iter().any(|k| k.id == id);
                            if !known {
                                c.push(
                                    &field,
                                    "Onbekende persoon: kies iemand die bij dit dossier hoort.",
                                    "Unknown person: choose someone who belongs to this case.",
                                );
                            }
                            id
                        })
                        .collect();
                    Some(SessionOutcome::Held { notes, attended })
                }
                "cancelled" => {
                    let by = party(&mut c);
                    let reason = c.opt_text("reason", &input.reason);
                    if reason.is_none() {
                        c.push(
                            "reason",
                            "Geef de reden van afzeggen.",
                            "Give the reason for cancelling.",
                        );
                    }
                    by.zip(reason)
                        .map(|(by, reason)| SessionOutcome::Cancelled { by, reason })
                }
                "no_show" => party(&mut c).map(|who| SessionOutcome::NoShow { who, notes }),
                other => {
                    c.push(
                        "outcome",
                        format!(
                            "Onbekende uitkomst '{other}'; kies uit: held, cancelled, no_show."
                        ),
                        format!(
                            "Unknown outcome '{other}'; choose from: held, cancelled, no_show."
                        ),
                    );
                    None
                }
            };
            c.finish()?;
            let outcome =
                outcome.ok_or_else(|| AppError::invalid("outcome", "Ongeldig.", "Invalid."))?;
            Ok((
                CaseAction::RecordOutcome { kind: s.kind, own },
                Command::RecordOutcome {
                    session: s.id.clone(),
                    outcome,
                },
            ))
        })
        .await
    }

    pub async fn record_consent(
        &self,
        actor: &Actor,
        id: &str,
        input: &ConsentInput,
    ) -> Result<CaseView> {
        let today = self.today();
        self.run(actor, id, "record_consent", |_, _| {
            let mut c = Check::default();
            let parent = c.id("parent_id", &input.parent_id);
            let subject: Option<ConsentSubject> =
                c.choice("subject", &input.subject, &["visit_outside_house"]);
            let on = c.opt_date("on", &input.on).unwrap_or(today);
            let note = c.text("note", &input.note);
            c.finish()?;
            let subject = subject.unwrap_or(ConsentSubject::VisitOutsideHouse);
            Ok((
                CaseAction::RecordConsent,
                Command::RecordConsent {
                    parent: PersonId(parent),
                    subject,
                    given: input.given,
                    on,
                    note,
                },
            ))
        })
        .await
    }

    /// Changes a person's contact details, or makes their address secret from the other
    /// parent (sealed before it is stored, like at registration).
    pub async fn update_person(
        &self,
        actor: &Actor,
        id: &str,
        person_id: &str,
        input: &PersonUpdateInput,
    ) -> Result<CaseView> {
        self.run(actor, id, "update_person", |_, _| {
            let mut c = Check::default();
            let email = c.email("email", &input.email);
            let phone = c.phone("phone", &input.phone);
            let address = c.opt_line("address", &input.address);
            c.finish()?;
            let address = match address {
                Some(a) if input.secret_address => Some(self.keyring.seal(&a)?),
                other => other,
            };
            Ok((
                CaseAction::UpdatePerson,
                Command::UpdatePerson {
                    person: PersonId(person_id.to_owned()),
                    contact: dcase::Contact {
                        email,
                        phone,
                        address,
                    },
                    secret_address: input.secret_address,
                },
            ))
        })
        .await
    }

    /// Moves the case to the next phase by hand; skipping the phase's required sessions
    /// needs a confirmation with a reason (`input.confirm`, `input.reason`).
    pub async fn advance_phase(
        &self,
        actor: &Actor,
        id: &str,
        input: &ConfirmInput,
    ) -> Result<CaseView> {
        let confirm = confirmation(&input.confirm, input.reason.as_deref())?;
        self.run_confirmed(actor, id, "advance_phase", confirm, Vec::new(), |_, _| {
            Ok((CaseAction::AdvancePhase, Command::AdvancePhase))
        })
        .await
    }

    /// Saves a report draft for a session (creating it on first save).
    pub async fn save_report(
        &self,
        actor: &Actor,
        id: &str,
        session: &str,
        input: &ReportInput,
    ) -> Result<CaseView> {
        let content = input.validate()?;
        let new_report = crate::new_id();
        self.run(actor, id, "save_report", |case, _| {
            let s = case
                .session(&SessionId(session.to_owned()))
                .ok_or(AppError::NotFound)?;
            let own = s.supervisor.as_ref() == Some(&actor.user_id);
            let report = case
                .report_for(&s.id)
                .map(|r| r.id.clone())
                .unwrap_or_else(|| ReportId(new_report.clone()));
            Ok((
                CaseAction::WriteReport { own },
                Command::SaveReport {
                    report,
                    session: s.id.clone(),
                    content: content.clone(),
                },
            ))
        })
        .await
    }

    /// The author marks a draft ready for review ("klaar voor beoordeling"): it appears in the
    /// coordinators' "Te beoordelen" with its waiting time.
    pub async fn submit_report(&self, actor: &Actor, id: &str, report: &str) -> Result<CaseView> {
        self.run(actor, id, "submit_report", |case, _| {
            let r = case
                .report(&ReportId(report.to_owned()))
                .ok_or(AppError::NotFound)?;
            let own = case
                .session(&r.session)
                .is_some_and(|s| s.supervisor.as_ref() == Some(&actor.user_id));
            Ok((
                CaseAction::WriteReport { own },
                Command::SubmitReport {
                    report: r.id.clone(),
                },
            ))
        })
        .await
    }

    pub async fn review_report(
        &self,
        actor: &Actor,
        id: &str,
        report: &str,
        step: ReviewStep,
    ) -> Result<CaseView> {
        self.run(actor, id, "review_report", |case, _| {
            // An id that is not in this case is not found, like an unknown session.
            let report = case
                .report(&ReportId(report.to_owned()))
                .ok_or(AppError::NotFound)?
                .id
                .clone();
            let command = match &step {
                ReviewStep::Approve => Command::ApproveReport { report },
                ReviewStep::Return { reason } => Command::ReturnReport {
                    report,
                    reason: reason.trim().to_owned(),
                },
                ReviewStep::Release => Command::ReleaseReport { report },
            };
            Ok((CaseAction::ReviewReport, command))
        })
        .await
    }

    pub async fn amend_report(
        &self,
        actor: &Actor,
        id: &str,
        report: &str,
        input: &AmendInput,
    ) -> Result<CaseView> {
        self.run(actor, id, "amend_report", |case, _| {
            case.report(&ReportId(report.to_owned()))
                .ok_or(AppError::NotFound)?;
            let mut c = Check::default();
            let text = c.text("text", &input.text);
            if text.is_empty() {
                c.push("text", "Schrijf de aanvulling.", "Write the amendment.");
            }
            c.finish()?;
            Ok((
                CaseAction::AmendReport,
                Command::AmendReport {
                    report: ReportId(report.to_owned()),
                    text,
                },
            ))
        })
        .await
    }

    pub async fn record_evaluation(
        &self,
        actor: &Actor,
        id: &str,
        input: &EvaluationInput,
    ) -> Result<CaseView> {
        let today = self.today();
        self.run(actor, id, "record_evaluation", |_, _| {
            let mut c = Check::default();
            let kind: Option<EvaluationKind> = c.choice("kind", &input.kind, &["interim", "end"]);
            let on = c.opt_date("on", &input.on).unwrap_or(today);
            let summary = c.text("summary", &input.summary);
            if summary.is_empty() {
                c.push(
                    "summary",
                    "Vat de evaluatie samen.",
                    "Summarise the evaluation.",
                );
            }
            let next_steps = c.text("next_steps", &input.next_steps);
            c.finish()?;
            let evaluation = Evaluation {
                kind: kind.unwrap_or(EvaluationKind::Interim),
                on,
                summary,
                agreement_reached: input.agreement_reached,
                next_steps,
            };
            Ok((
                CaseAction::RecordEvaluation,
                Command::RecordEvaluation(evaluation),
            ))
        })
        .await
    }

    pub async fn record_escalation(
        &self,
        actor: &Actor,
        id: &str,
        input: &EscalationInput,
    ) -> Result<CaseView> {
        let today = self.today();
        self.run(actor, id, "record_escalation", |_, _| {
            let mut c = Check::default();
            let to: Option<EscalationTarget> = c.choice("to", &input.to, ESCALATION_TARGETS);
            let on = c.opt_date("on", &input.on).unwrap_or(today);
            let reason = c.text("reason", &input.reason);
            if reason.is_empty() {
                c.push(
                    "reason",
                    "Geef de reden van de melding.",
                    "Give the reason for the report.",
                );
            }
            c.finish()?;
            let to = to.ok_or_else(|| AppError::invalid("to", "Ongeldig.", "Invalid."))?;
            Ok((
                CaseAction::RecordEscalation,
                Command::RecordEscalation(Escalation { to, on, reason }),
            ))
        })
        .await
    }

    /// Records one step of the meldcode, in order, with its date and who took it.
    pub async fn record_meldcode_step(
        &self,
        actor: &Actor,
        id: &str,
        input: &MeldcodeInput,
    ) -> Result<CaseView> {
        let today = self.today();
        self.run(actor, id, "record_meldcode_step", |_, _| {
            let mut c = Check::default();
            let step: Option<omgang_domain::case::MeldcodeStep> =
                c.choice("step", &input.step, MELDCODE_STEPS);
            let on = c.opt_date("on", &input.on).unwrap_or(today);
            let note = c.text("note", &input.note);
            if note.is_empty() {
                c.push(
                    "note",
                    "Schrijf op wat er bij deze stap gebeurde.",
                    "Write down what happened at this step.",
                );
            }
            let decision = input
                .decision
                .as_deref()
                .filter(|d| !d.trim().is_empty())
                .and_then(|d| c.choice("decision", d, MELDCODE_DECISIONS));
            let report_to = input
                .report_to
                .as_deref()
                .filter(|d| !d.trim().is_empty())
                .and_then(|d| c.choice::<EscalationTarget>("report_to", d, ESCALATION_TARGETS));
            c.finish()?;
            let step = step.ok_or_else(|| AppError::invalid("step", "Ongeldig.", "Invalid."))?;
            Ok((
                CaseAction::RecordEscalation,
                Command::RecordMeldcodeStep(omgang_domain::case::MeldcodeEntry {
                    step,
                    on,
                    by: None,
                    note,
                    answers: input.answers.clone(),
                    decision,
                    report_to,
                }),
            ))
        })
        .await
    }

    pub async fn end_case(&self, actor: &Actor, id: &str, input: &EndInput) -> Result<CaseView> {
        let confirm = confirmation(&input.confirm, input.confirm_reason.as_deref())?;
        self.run_confirmed(actor, id, "end_case", confirm, Vec::new(), |_, _| {
            let mut c = Check::default();
            let summary = c.text("summary", &input.summary);
            let outcome = match input.outcome.trim() {
                "ouderschapsplan" => Some(Outcome::Ouderschapsplan),
                "unsupervised_contact" => Some(Outcome::UnsupervisedContact),
                "follow_up_help" => match c.opt_line("handed_to", &input.handed_to) {
                    Some(handed_to) => Some(Outcome::FollowUpHelp { handed_to }),
                    None => {
                        c.push("handed_to", "Vul in aan wie de vervolghulp is overgedragen.", "Enter who takes on the follow-up help.");
                        None
                    }
                },
                "stopped_early" => match c.opt_text("reason", &input.reason) {
                    Some(reason) => Some(Outcome::StoppedEarly { reason }),
                    None => {
                        c.push("reason", "Geef aan waarom het traject stopt.", "Say why the programme stops.");
                        None
                    }
                },
                "reported" => {
                    let to = input.to.as_deref().unwrap_or("");
                    c.choice::<EscalationTarget>("to", to, ESCALATION_TARGETS).map(|to| Outcome::Reported { to })
                }
                other => {
                    c.push(
                        "outcome",
                        format!("Onbekende uitkomst '{other}'; kies uit: ouderschapsplan, unsupervised_contact, follow_up_help, stopped_early, reported."),
                        format!("Unknown outcome '{other}'; choose from: ouderschapsplan, unsupervised_contact, follow_up_help, stopped_early, reported."),
                    );
                    None
                }
            };
            c.finish()?;
            let outcome = outcome.ok_or_else(|| AppError::invalid("outcome", "Ongeldig.", "Invalid."))?;
            Ok((CaseAction::End, Command::EndCase { outcome, summary }))
        })
        .await
    }

    pub async fn close_follow_up(
        &self,
        actor: &Actor,
        id: &str,
        input: &CloseFollowUpInput,
    ) -> Result<CaseView> {
        self.run(actor, id, "close_follow_up", |_, _| {
            let mut c = Check::default();
            let summary = c.text("summary", &input.summary);
            c.finish()?;
            Ok((CaseAction::End, Command::CloseFollowUp { summary }))
        })
        .await
    }
}

/// The coordinator's review steps of a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewStep {
    Approve,
    /// Back to the author, with the reason.
    Return {
        reason: String,
    },
    Release,
}

/// The names of the fields a command writes (`place.kind`, `content.house_rules[]`), for the
/// audit line: only the names of fields that carry a value, never the values themselves.
/// The warnings a request confirms (`confirm`: codes) and why; an unknown code is named.
pub fn confirmation(codes: &[String], reason: Option<&str>) -> Result<Confirmation> {
    let mut c = Check::default();
    let mut out = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        match WarningCode::parse(code) {
            Some(w) => out.push(w),
            None => c.push(
                &format!("confirm[{i}]"),
                format!(
                    "Onbekende waarschuwing '{}'; bevestig de codes die het antwoord noemde.",
                    code.chars().take(60).collect::<String>()
                ),
                format!(
                    "Unknown warning '{}'; confirm the codes the answer named.",
                    code.chars().take(60).collect::<String>()
                ),
            ),
        }
    }
    let reason = c.opt_text("reason", &reason.map(str::to_owned));
    c.finish()?;
    Ok(Confirmation { codes: out, reason })
}

pub fn command_fields(command: &Command) -> Vec<String> {
    field_names(command)
}

/// The names of the fields of any value that carry something (see [`command_fields`]).
pub fn field_names<T: Serialize>(value: &T) -> Vec<String> {
    fn walk(value: &serde_json::Value, path: &str, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Null => {}
            serde_json::Value::Object(map) if !map.is_empty() => {
                for (key, v) in map {
                    if path.is_empty() && key == "command" {
                        continue; // the command's own name: the audit line's action
                    }
                    let p = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    walk(v, &p, out);
                }
            }
            serde_json::Value::Array(items) if items.iter().any(|i| i.is_object()) => {
                for item in items {
                    walk(item, &format!("{path}[]"), out);
                }
            }
            _ if !path.is_empty() && !out.iter().any(|p| p == path) => {
                out.push(path.to_owned());
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(value) = serde_json::to_value(value) {
        walk(&value, "", &mut out);
    }
    out
}

/// A short description of an event for the timeline (no contact details in it).
fn describe(case: &Case, programme: &Programme, event: &CaseEvent, en: bool) -> String {
    let t = |nl: String, e: String| if en { e } else { nl };
    let doc = programme.plan.document.label();
    match event {
        CaseEvent::Registered(r) => t(
            format!("Aanmelding ontvangen ({} kind(eren))", r.children.len()),
            format!("Registration received ({} child(ren))", r.children.len()),
        ),
        CaseEvent::IntakeStarted { on } => t(
            format!("Intake gestart op {}", dutch_date(*on)),
            format!("Intake started on {}", english_date(*on)),
        ),
        CaseEvent::IntakeCompleted { eligible, .. } => t(
            format!(
                "Intake afgerond: {}",
                if *eligible { "passend" } else { "niet passend" }
            ),
            format!(
                "Intake completed: {}",
                if *eligible {
                    "eligible"
                } else {
                    "not eligible"
                }
            ),
        ),
        CaseEvent::CoordinatorAssigned { .. } => t(
            "Coördinator toegewezen".into(),
            "Coordinator assigned".into(),
        ),
        CaseEvent::SupervisorAssigned {
            reason: Some(reason),
            ..
        } => t(
            format!("Andere omgangsbegeleider toegewezen; reden: {reason}"),
            format!("Another supervisor assigned; reason: {reason}"),
        ),
        CaseEvent::SupervisorAssigned { .. } => t(
            "Omgangsbegeleider toegewezen".into(),
            "Supervisor assigned".into(),
        ),
        CaseEvent::PartnerAssigned { organisation } => match organisation {
            Some(_) => t(
                "Partnerorganisatie gekoppeld".into(),
                "Partner organisation linked".into(),
            ),
            None => t(
                "Partnerorganisatie ontkoppeld".into(),
                "Partner organisation unlinked".into(),
            ),
        },
        CaseEvent::CaseDirectorAssigned { .. } => t(
            "Casusregisseur gewijzigd".into(),
            "Case director changed".into(),
        ),
        CaseEvent::PlanWritten { version, .. } => t(
            format!("{} versie {version} geschreven", doc.nl),
            format!("{} version {version} written", doc.en),
        ),
        CaseEvent::PlanSigned { version, signature } => t(
            format!(
                "Versie {version} ondertekend door {}",
                case.person_name(&signature.parent)
            ),
            format!(
                "Version {version} signed by {}",
                case.person_name(&signature.parent)
            ),
        ),
        CaseEvent::ParentingPlanWritten { version, .. } => t(
            format!("Ouderschapsplan versie {version} geschreven"),
            format!("Parenting plan version {version} written"),
        ),
        CaseEvent::ParentingPlanSigned { version, signature } => t(
            format!(
                "Ouderschapsplan versie {version} ondertekend door {}",
                case.person_name(&signature.parent)
            ),
            format!(
                "Parenting plan version {version} signed by {}",
                case.person_name(&signature.parent)
            ),
        ),
        CaseEvent::RunningStarted { phase, .. } => {
            let name = programme.phase(phase).map(|p| p.name.clone());
            t(
                format!(
                    "Traject loopt: {}",
                    name.as_ref().map_or(phase.as_str(), |n| n.nl.as_str())
                ),
                format!(
                    "Programme running: {}",
                    name.as_ref().map_or(phase.as_str(), |n| n.en.as_str())
                ),
            )
        }
        CaseEvent::SessionPlanned(s) => t(
            format!(
                "{} gepland op {} {}",
                s.kind.label().nl,
                dutch_date(s.date()),
                s.starts_at.time().strftime("%H:%M")
            ),
            format!(
                "{} planned on {} {}",
                s.kind.label().en,
                english_date(s.date()),
                s.starts_at.time().strftime("%H:%M")
            ),
        ),
        CaseEvent::SessionHeld {
            session, attended, ..
        } => {
            let text = session_text(case, session, "gehouden", "held", en);
            if attended.is_empty() {
                text
            } else {
                let names: Vec<String> = attended.iter().map(|p| case.person_name(p)).collect();
                let word = if en { "attended" } else { "aanwezig" };
                format!("{text} ({word}: {})", names.join(", "))
            }
        }
        CaseEvent::SessionCancelled { session, late, .. } => {
            let (nl, e) = if *late {
                ("laat afgezegd", "cancelled late")
            } else {
                ("afgezegd", "cancelled")
            };
            session_text(case, session, nl, e, en)
        }
        CaseEvent::SessionNoShow { session, .. } => {
            session_text(case, session, "niet verschenen", "no-show", en)
        }
        CaseEvent::ConsentRecorded(c) => t(
            format!(
                "{} van {}",
                if c.given {
                    "Instemming"
                } else {
                    "Geen instemming"
                },
                case.person_name(&c.parent)
            ),
            format!(
                "{} from {}",
                if c.given { "Consent" } else { "No consent" },
                case.person_name(&c.parent)
            ),
        ),
        CaseEvent::PhaseAdvanced { to } => {
            let name = programme.phase(to).map(|p| p.name.clone());
            t(
                format!(
                    "Volgende fase: {}",
                    name.as_ref().map_or(to.as_str(), |n| n.nl.as_str())
                ),
                format!(
                    "Next phase: {}",
                    name.as_ref().map_or(to.as_str(), |n| n.en.as_str())
                ),
            )
        }
        CaseEvent::ReportSaved { .. } => t(
            "Verslag opgeslagen (concept)".into(),
            "Report saved (draft)".into(),
        ),
        CaseEvent::ReportApproved { .. } => {
            t("Verslag goedgekeurd".into(), "Report approved".into())
        }
        CaseEvent::ReportSubmitted { .. } => t(
            "Verslag klaar voor beoordeling".into(),
            "Report ready for review".into(),
        ),
        CaseEvent::ReportReturned { reason, .. } if !reason.is_empty() => t(
            format!("Verslag teruggegeven; reden: {reason}"),
            format!("Report returned; reason: {reason}"),
        ),
        CaseEvent::ReportReturned { .. } => {
            t("Verslag teruggegeven".into(), "Report returned".into())
        }
        CaseEvent::ReportReleased { .. } => t(
            "Verslag gedeeld met de ouders".into(),
            "Report released to the parents".into(),
        ),
        CaseEvent::ReportAmended { .. } => {
            t("Aanvulling op verslag".into(), "Report amended".into())
        }
        CaseEvent::EvaluationRecorded(e) => t(
            format!(
                "Evaluatie op {}{}",
                dutch_date(e.on),
                if e.agreement_reached {
                    ": overeenstemming"
                } else {
                    ""
                }
            ),
            format!(
                "Evaluation on {}{}",
                english_date(e.on),
                if e.agreement_reached {
                    ": agreement"
                } else {
                    ""
                }
            ),
        ),
        CaseEvent::EscalationRecorded(e) => t(
            format!("Melding aan {}", e.to.label().nl),
            format!("Reported to {}", e.to.label().en),
        ),
        CaseEvent::MeldcodeStepRecorded(m) => t(
            format!(
                "Meldcode, stap {}: {} ({})",
                m.step.number(),
                m.step.label().nl,
                dutch_date(m.on)
            ),
            format!(
                "Meldcode, step {}: {} ({})",
                m.step.number(),
                m.step.label().en,
                english_date(m.on)
            ),
        ),
        CaseEvent::Ended {
            outcome, follow_up, ..
        } => {
            let v = views::outcome_view(
                outcome,
                "",
                if en {
                    omgang_domain::Lang::En
                } else {
                    omgang_domain::Lang::Nl
                },
            );
            match (*follow_up, en) {
                (true, false) => format!("Traject afgerond ({}); nazorg begint", v.label),
                (true, true) => format!("Programme ended ({}); follow-up begins", v.label),
                (false, false) => format!("Traject afgesloten: {}", v.label),
                (false, true) => format!("Case closed: {}", v.label),
            }
        }
        CaseEvent::FollowUpClosed { .. } => {
            t("Nazorg afgesloten".into(), "Follow-up closed".into())
        }
        CaseEvent::WarningsConfirmed {
            warnings, reason, ..
        } => {
            let texts: Vec<&str> = warnings
                .iter()
                .map(|w| {
                    if en {
                        w.text.en.as_str()
                    } else {
                        w.text.nl.as_str()
                    }
                })
                .collect();
            let why = reason.as_deref().unwrap_or("");
            match (en, why.is_empty()) {
                (false, true) => format!("Toch doorgegaan na waarschuwing: {}", texts.join(" ")),
                (false, false) => format!(
                    "Toch doorgegaan na waarschuwing: {} Reden: {why}",
                    texts.join(" ")
                ),
                (true, true) => format!("Went ahead despite the warning: {}", texts.join(" ")),
                (true, false) => format!(
                    "Went ahead despite the warning: {} Reason: {why}",
                    texts.join(" ")
                ),
            }
        }
        CaseEvent::PersonUpdated {
            person,
            secret_address,
            ..
        } => {
            let name = case.person(person).map_or("?", |p| p.name.as_str());
            match (*secret_address, en) {
                (false, false) => format!("Contactgegevens van {name} gewijzigd"),
                (false, true) => format!("Contact details of {name} changed"),
                (true, false) => {
                    format!(
                        "Contactgegevens van {name} gewijzigd; adres geheim voor de andere ouder"
                    )
                }
                (true, true) => format!(
                    "Contact details of {name} changed; address secret from the other parent"
                ),
            }
        }
    }
}

/// The timeline: each stored event described; a phase change right after a held session
/// (in the same step) is told as the automatic move it was.
fn timeline_entries(
    case: &Case,
    programme: &Programme,
    events: &[omgang_store::StoredEvent],
    en: bool,
) -> Vec<TimelineEntry> {
    let mut out = Vec::with_capacity(events.len());
    for (i, e) in events.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| events.get(j));
        let automatic = match (&e.event, before) {
            (CaseEvent::PhaseAdvanced { .. }, Some(prev)) if prev.at == e.at => {
                announcement(case, programme, &[prev.event.clone(), e.event.clone()])
            }
            _ => None,
        };
        let text = match automatic {
            Some(t) if en => t.en,
            Some(t) => t.nl,
            None => describe(case, programme, &e.event, en),
        };
        out.push(TimelineEntry {
            seq: e.seq,
            at: e.at.to_string(),
            actor_id: e.actor.0.clone(),
            event: e.event.name().to_owned(),
            text,
        });
    }
    out
}

/// What a step did by itself: a held session that completed its phase moves the case on
/// ("De 4e begeleide omgang is gehouden: het traject gaat naar Overdrachtsbegeleiding.").
pub fn announcement(
    case: &Case,
    programme: &Programme,
    events: &[CaseEvent],
) -> Option<omgang_domain::Text> {
    let held = events.iter().find_map(|e| match e {
        CaseEvent::SessionHeld { session, .. } => case.session(session).map(|s| s.kind),
        _ => None,
    })?;
    let to = events.iter().find_map(|e| match e {
        CaseEvent::PhaseAdvanced { to } => programme.phase(to),
        _ => None,
    })?;
    let from = programme
        .phases
        .iter()
        .find(|p| programme.next_phase(&p.id).is_some_and(|n| n.id == to.id))?;
    let advance = from.advance_after.filter(|a| a.kind == held)?;
    Some(omgang_domain::Text::new(
        format!(
            "De {}e {} is gehouden: het traject gaat naar {}.",
            advance.count,
            held.label().nl,
            to.name.nl
        ),
        format!(
            "The {} {} was held: the programme moves on to {}.",
            english_ordinal(advance.count),
            held.label().en,
            to.name.en
        ),
    ))
}

fn english_ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn session_text(case: &Case, id: &SessionId, nl: &str, en_word: &str, en: bool) -> String {
    match case.session(id) {
        Some(s) if en => format!(
            "{} on {}: {en_word}",
            s.kind.label().en,
            english_date(s.date())
        ),
        Some(s) => format!("{} van {}: {nl}", s.kind.label().nl, dutch_date(s.date())),
        None => (if en { en_word } else { nl }).to_owned(),
    }
}

/// Used by tests and the demo to refer to refusal codes.
pub fn refusal_code(e: &AppError) -> Option<String> {
    match e {
        AppError::Refused(r) => Some(Refusal::code(r)),
        _ => None,
    }
}

/// The people of `case` among an actor's links (see [`App::all_links`]).
pub(crate) fn links_of(links: &[(String, PersonId)], case: &Case) -> Vec<PersonId> {
    links
        .iter()
        .filter(|(c, _)| *c == case.id.0)
        .map(|(_, p)| p.clone())
        .collect()
}
