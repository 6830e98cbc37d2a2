//! Use cases on cases: registration, reading, every step of the case life, signals.
//!
//! Here is what every use case shares: loading a case for an intent with the policy's
//! decision and its audit line, running a command (`App::run`, `App::run_confirmed`) and
//! the actor's view. The use cases are in modules named like the domain's case modules:
//! `intake` (registration, intake, assignments), `plan`, `sessions`, `reports`,
//! `end` (evaluation, escalation, meldcode, ending), `persons`, and for reading `read`,
//! `list`, `signals` and `timeline`.

use std::sync::Arc;

use omgang_domain::case::{self as dcase, Case, CaseEvent, Command, Ctx, NewSession, StaffFacts};
use omgang_domain::ids::{CaseId, OrgId, PersonId, UserId};
use omgang_domain::warning::{Confirmation, Warning, WarningCode};
use omgang_domain::{Programme, Refusal};
use omgang_store::{StoreError, UserRow};
use serde::Serialize;

use crate::input::*;
use crate::policy::{self, Actor, CaseAction, Decision, Role};
use crate::views::{self, CaseView};
use crate::{App, AppError, Audit, Result};

mod end;
mod intake;
mod list;
mod persons;
mod plan;
mod read;
mod reports;
mod sessions;
mod signals;
mod timeline;
pub use list::{CaseListQuery, CasePage};
pub use read::{AuditView, CasePageData, TimelineEntry};
pub use reports::ReviewStep;
pub use signals::{SignalList, SignalQuery, SignalSort};
pub use timeline::announcement;

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
            self.stagger(actor, case, &mut view).await?;
        }
        view.may = policy::permissions(actor, case, programme, &linked);
        Ok(view)
    }

    /// Fills in the staggered drop-off and pick-up times of the case's visits.
    async fn stagger(&self, actor: &Actor, case: &Case, view: &mut CaseView) -> Result<()> {
        if !case.sessions.iter().any(|s| s.kind.is_visit()) {
            return Ok(());
        }
        let places = self.places(Some(actor), case.organisation.as_str()).await?;
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
}

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

/// The names of the fields a command writes (`place.kind`, `content.house_rules[]`), for the
/// audit line: only the names of fields that carry a value, never the values themselves.
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
