//! The privacy officer's two questions, answered from the audit log: *who looked at this
//! case* (name, role, organisation, what, allowed or refused, when, from which address), and
//! *what did this person look at* within the organisation's cases.
//!
//! Who may ask is decided in the policy only: [`CaseAction::ReadAudit`] for a case (the
//! organisation's lead coordinators and administrators), [`OrgAction::ReadAuditByPerson`]
//! for a person (administrators of the organisation). Every question is itself audited.

use std::collections::HashMap;

use omgang_domain::text::Lang;
use omgang_store::{AuditRow, StoreError};
use serde::Serialize;

use crate::policy::{self, Actor, OrgAction, Role};
use crate::{App, AppError, Audit, Result};

/// How many lines the person view shows at most (the newest).
pub const PERSON_LINES: i64 = 500;

/// One audit line with names instead of ids.
#[derive(Clone, Debug, Serialize)]
pub struct AccessLine {
    /// UTC timestamp (RFC 3339); pages show it in Europe/Amsterdam time.
    pub at: String,
    pub user_id: Option<String>,
    /// The person's name; empty for the system or a visitor who was not signed in.
    pub who: String,
    pub role: String,
    pub organisation: String,
    pub action: String,
    pub detail: String,
    pub allowed: bool,
    pub ip: Option<String>,
    pub case_id: Option<String>,
    pub reference: Option<String>,
}

/// Who looked at one case.
#[derive(Clone, Debug, Serialize)]
pub struct CaseAccess {
    pub case_id: String,
    pub reference: String,
    pub lines: Vec<AccessLine>,
}

/// What one person looked at.
#[derive(Clone, Debug, Serialize)]
pub struct PersonAccess {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub role: String,
    pub organisation: String,
    pub lines: Vec<AccessLine>,
    /// More lines exist than are shown.
    pub truncated: bool,
}

/// Names of users and organisations, each looked up once.
#[derive(Default)]
struct Names {
    users: HashMap<String, Option<(String, String)>>,
    orgs: HashMap<String, String>,
}

impl Names {
    async fn user(&mut self, app: &App, id: &str) -> Result<Option<(String, String)>> {
        if let Some(found) = self.users.get(id) {
            return Ok(found.clone());
        }
        let found = match app.store.user(id).await {
            Ok(u) => Some((u.name, u.email)),
            Err(StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        };
        self.users.insert(id.to_owned(), found.clone());
        Ok(found)
    }

    async fn org(&mut self, app: &App, id: &str) -> Result<String> {
        if let Some(found) = self.orgs.get(id) {
            return Ok(found.clone());
        }
        let name = match app.store.organisation(id).await {
            Ok(o) => o.name,
            Err(StoreError::NotFound) => id.to_owned(),
            Err(e) => return Err(e.into()),
        };
        self.orgs.insert(id.to_owned(), name.clone());
        Ok(name)
    }

    async fn line(
        &mut self,
        app: &App,
        row: AuditRow,
        reference: Option<String>,
        lang: Lang,
    ) -> Result<AccessLine> {
        let who = match &row.user_id {
            Some(id) => self
                .user(app, id)
                .await?
                .map_or_else(|| id.clone(), |(name, _)| name),
            None => String::new(),
        };
        let organisation = match &row.org_id {
            Some(id) => self.org(app, id).await?,
            None => String::new(),
        };
        let role = row
            .role
            .as_deref()
            .map(|r| Role::parse(r).map_or_else(|| r.to_owned(), |r| r.label(lang).to_owned()))
            .unwrap_or_default();
        Ok(AccessLine {
            at: omgang_store::from_ms(row.at).to_string(),
            user_id: row.user_id,
            who,
            role,
            organisation,
            action: row.action,
            detail: row.detail,
            allowed: row.allowed,
            ip: row.ip,
            case_id: row.case_id,
            reference,
        })
    }
}

impl App {
    /// Who looked at a case: every audit line about it, oldest first. The policy's
    /// `ReadAudit` decides; the question is audited (`read_audit`).
    pub async fn case_access(&self, actor: &Actor, id: &str) -> Result<CaseAccess> {
        let (case, _, _) = self
            .load_for(actor, id, policy::CaseAction::ReadAudit)
            .await?;
        let rows = self.store.audit_for_case(case.id.as_str()).await?;
        self.audit(Audit {
            actor: Some(actor),
            action: "read_audit",
            case: Some(id),
            detail: "privacy page".into(),
            allowed: true,
        })
        .await?;
        let mut names = Names::default();
        let mut lines = Vec::with_capacity(rows.len());
        for row in rows {
            lines.push(
                names
                    .line(self, row, Some(case.reference.clone()), actor.lang)
                    .await?,
            );
        }
        Ok(CaseAccess {
            case_id: case.id.0.clone(),
            reference: case.reference.clone(),
            lines,
        })
    }

    /// The id of the case with this reference, for someone who may read its audit log;
    /// otherwise not found (whether the case exists is not revealed).
    pub async fn case_id_for_audit(&self, actor: &Actor, reference: &str) -> Result<String> {
        let reference = reference.trim();
        let Some(id) = self.store.case_id_by_reference(reference).await? else {
            self.audit(Audit {
                actor: Some(actor),
                action: "read_audit",
                case: None,
                detail: format!(
                    "no case with reference {}",
                    reference.chars().take(40).collect::<String>()
                ),
                allowed: false,
            })
            .await?;
            return Err(AppError::NotFound);
        };
        // The policy decides (and a refusal is audited) as for the case itself.
        self.load_for(actor, &id, policy::CaseAction::ReadAudit)
            .await?;
        Ok(id)
    }

    /// What one person looked at in the actor's organisation's cases, newest first (at most
    /// [`PERSON_LINES`]). `who` is a user id or an e-mail address. The policy's
    /// `ReadAuditByPerson` decides; the question is audited (`read_audit_by_person`).
    pub async fn person_access(&self, actor: &Actor, who: &str) -> Result<PersonAccess> {
        let who = who.trim();
        if !policy::may_org(actor, &actor.org_id, OrgAction::ReadAuditByPerson) {
            self.audit(Audit {
                actor: Some(actor),
                action: "read_audit_by_person",
                case: None,
                detail: String::new(),
                allowed: false,
            })
            .await?;
            return Err(AppError::Forbidden);
        }
        let user = if who.contains('@') {
            self.store.user_by_email(&who.to_lowercase()).await?
        } else {
            match self.store.user(who).await {
                Ok(u) => Some(u),
                Err(StoreError::NotFound) => None,
                Err(e) => return Err(e.into()),
            }
        };
        // Someone of another organisation is shown only if they touched this one's cases,
        // so the question does not tell who has an account elsewhere.
        let mut rows = match &user {
            Some(u) => {
                self.store
                    .audit_by_user_in_org(&u.id, &actor.org_id.0, PERSON_LINES + 1)
                    .await?
            }
            None => Vec::new(),
        };
        let user = user.filter(|u| u.org_id == actor.org_id.0 || !rows.is_empty());
        let Some(user) = user else {
            self.audit(Audit {
                actor: Some(actor),
                action: "read_audit_by_person",
                case: None,
                detail: "no such person".into(),
                allowed: true,
            })
            .await?;
            return Err(AppError::invalid(
                "persoon",
                "Er is geen account met dit e-mailadres.",
                "There is no account with this e-mail address.",
            ));
        };
        let truncated = rows.len() as i64 > PERSON_LINES;
        rows.truncate(PERSON_LINES as usize);
        self.audit(Audit {
            actor: Some(actor),
            action: "read_audit_by_person",
            case: None,
            detail: user.id.clone(),
            allowed: true,
        })
        .await?;
        let mut names = Names::default();
        let mut lines = Vec::with_capacity(rows.len());
        for row in rows {
            lines.push(
                names
                    .line(self, row.line, Some(row.reference), actor.lang)
                    .await?,
            );
        }
        let role = Role::parse(&user.role)
            .map_or_else(|| user.role.clone(), |r| r.label(actor.lang).to_owned());
        Ok(PersonAccess {
            organisation: names.org(self, &user.org_id).await?,
            user_id: user.id,
            name: user.name,
            email: user.email,
            role,
            lines,
            truncated,
        })
    }
}
