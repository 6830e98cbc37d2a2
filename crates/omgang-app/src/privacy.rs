//! Retention (closed cases are anonymised after the legal period) and the export of all that
//! is held about one person (for an *inzageverzoek*).

use omgang_domain::case::{Case, Person};
use omgang_domain::{Programme, Vocabulary};
use omgang_store::{AnonymisedCase, CaseFilter, InvitationRow, UserRow, json_name};
use serde::Serialize;

use crate::policy::{self, Actor, OrgAction};
use crate::{App, AppError, Audit, Result};

/// The Jeugdwet keeps files of youth care for 20 years.
pub const DEFAULT_RETENTION_YEARS: u32 = 20;

#[derive(Clone, Debug, Serialize)]
pub struct RetentionReport {
    pub cutoff: String,
    pub anonymised: Vec<String>,
    pub dry_run: bool,
}

impl App {
    /// Anonymises every case closed before `today - years`. Only the operator (system) runs it.
    pub async fn retention(
        &self,
        actor: &Actor,
        years: u32,
        dry_run: bool,
    ) -> Result<RetentionReport> {
        if !actor.system {
            return Err(AppError::Forbidden);
        }
        let cutoff = self
            .today()
            .checked_sub(jiff::Span::new().years(i64::from(years)))
            .map_err(|e| AppError::Internal(e.to_string()))?;
        // One indexed query for the cases past their term; each is then read on its own, so
        // a national database with a hundred thousand closed cases costs no memory here.
        let due = self.store.closed_before(&cutoff.to_string()).await?;
        let mut anonymised = Vec::new();
        for id in due {
            let (case, _) = self.store.case(&omgang_domain::ids::CaseId(id)).await?;
            if case.closed_on.is_none_or(|d| d >= cutoff) {
                continue;
            }
            anonymised.push(case.reference.clone());
            if dry_run {
                continue;
            }
            let row = AnonymisedCase {
                id: case.id.0.clone(),
                org_id: case.organisation.0.clone(),
                programme_id: case.programme.clone(),
                registered_month: case.registered_on.strftime("%Y-%m").to_string(),
                closed_on: case.closed_on.map(|d| d.to_string()).unwrap_or_default(),
                outcome: case
                    .outcome
                    .as_ref()
                    .map(|o| o.kind().key().to_owned())
                    .unwrap_or_default(),
            };
            self.store
                .anonymise_case(&row, self.now().as_millisecond())
                .await?;
            self.audit(Audit {
                actor: Some(actor),
                action: "anonymise",
                case: Some(case.id.as_str()),
                detail: format!("retention {years} years, closed {}", row.closed_on),
                allowed: true,
            })
            .await?;
        }
        Ok(RetentionReport {
            cutoff: cutoff.to_string(),
            anonymised,
            dry_run,
        })
    }

    /// Everything held about the person with this e-mail address (an *inzageverzoek*), in the
    /// view that person may see: per case their own details, the sessions that concern them
    /// with their own times, the plan versions and signatures, the released reports, the
    /// others' names and roles (never their contact details or a secret address, never
    /// staff-only notes such as the safety concerns or intake notes), their own actions in
    /// the audit log and who looked at the case (role, organisation, when, what).
    /// `docs/inzageverzoek.md` lists every field. The operator (CLI) answers for the whole
    /// installation; an organisation's administrator for the organisation's own cases.
    pub async fn export_person(&self, actor: &Actor, email: &str) -> Result<serde_json::Value> {
        let org_scope = if actor.system {
            None
        } else if policy::may_org(actor, &actor.org_id, OrgAction::AnswerAccessRequest) {
            Some(actor.org_id.0.clone())
        } else {
            self.audit(Audit {
                actor: Some(actor),
                action: "export_person",
                case: None,
                detail: "inzageverzoek".into(),
                allowed: false,
            })
            .await?;
            return Err(AppError::Forbidden);
        };
        let email = email.trim().to_lowercase();
        if email.is_empty() || !email.contains('@') {
            return Err(AppError::invalid(
                "email",
                "Vul het e-mailadres in van wie om inzage vraagt.",
                "Fill in the e-mail address of the person who asks for access.",
            ));
        }
        let account = self.store.user_by_email(&email).await?;
        // The people of cases this account is (the portal), whatever address the case holds.
        let links = match &account {
            Some(u) => self.store.case_accounts_of(&u.id).await?,
            None => Vec::new(),
        };
        let all = self
            .store
            .cases(&CaseFilter {
                org_id: org_scope.clone(),
                ..CaseFilter::default()
            })
            .await?;
        let reference_of = |case_id: &str| {
            all.iter()
                .find(|c| c.id.0 == case_id)
                .map(|c| c.reference.clone())
        };
        let mut found = Vec::new();
        for case in &all {
            let Some(person) = case.people.iter().find(|p| {
                p.contact.email.as_deref().map(str::to_lowercase).as_deref() == Some(email.as_str())
                    || links
                        .iter()
                        .any(|l| l.case_id == case.id.0 && l.person_id == p.id.0)
            }) else {
                continue;
            };
            let Some(programme) = self.programme(&case.programme) else {
                continue;
            };
            let own_user = account.as_ref().map(|u| u.id.as_str());
            found.push(
                self.person_in_case(actor, case, &programme, person, own_user)
                    .await?,
            );
            self.audit(Audit {
                actor: Some(actor),
                action: "export_person",
                case: Some(case.id.as_str()),
                detail: "inzageverzoek".into(),
                allowed: true,
            })
            .await?;
        }
        // An organisation answers for what it holds: its own cases, accounts and invitations.
        let ours = |org: &str| org_scope.as_deref().is_none_or(|o| o == org);
        let user = account.as_ref().filter(|u| ours(&u.org_id)).map(|u| {
            serde_json::json!({ "user_id": u.id, "name": u.name, "role": u.role, "organisation_id": u.org_id })
        });
        let case_accounts: Vec<serde_json::Value> = links
            .iter()
            .filter(|l| org_scope.is_none() || reference_of(&l.case_id).is_some())
            .map(|l| {
                serde_json::json!({
                    "case_id": l.case_id,
                    "case_reference": reference_of(&l.case_id),
                    "person_id": l.person_id,
                    "linked_at": omgang_store::from_ms(l.created_at).to_string(),
                })
            })
            .collect();
        // Invitations to this address, and those that made this account (never the secret).
        let rows = self.invitations_for(&email, account.as_ref()).await?;
        let invitations: Vec<serde_json::Value> = rows
            .iter()
            .filter(|i| ours(&i.org_id))
            .map(|i| {
                serde_json::json!({
                    "id": i.id,
                    "email": i.email,
                    "name": i.name,
                    "role": i.role,
                    "organisation_id": i.org_id,
                    "case_id": i.case_id,
                    "case_reference": i.case_id.as_deref().and_then(reference_of),
                    "person_id": i.person_id,
                    "lang": i.lang,
                    "invited_by": i.invited_by,
                    "created_at": omgang_store::from_ms(i.created_at).to_string(),
                    "expires_at": omgang_store::from_ms(i.expires_at).to_string(),
                    "accepted_at": i.accepted_at.map(|t| omgang_store::from_ms(t).to_string()),
                })
            })
            .collect();
        Ok(serde_json::json!({
            "email": email,
            "exported_at": self.now().to_string(),
            "user_account": user,
            "case_accounts": case_accounts,
            "invitations": invitations,
            "cases": found,
        }))
    }

    /// What the person sees of one case (their own picture, as in the portal), their own
    /// actions on it and who looked at it.
    async fn person_in_case(
        &self,
        actor: &Actor,
        case: &Case,
        programme: &Programme,
        person: &Person,
        own_user: Option<&str>,
    ) -> Result<serde_json::Value> {
        let places = self.places(None, case.organisation.as_str()).await?;
        let picture = self.parent_picture(case, programme, &person.id, actor.lang, &places)?;
        let audit = self.store.audit_for_case(case.id.as_str()).await?;
        let (mine, others): (Vec<_>, Vec<_>) = audit
            .iter()
            .partition(|a| own_user.is_some() && a.user_id.as_deref() == own_user);
        let line = |a: &&omgang_store::AuditRow| {
            serde_json::json!({
                "at": omgang_store::from_ms(a.at).to_string(),
                "role": a.role,
                "organisation_id": a.org_id,
                "action": a.action,
                "allowed": a.allowed,
            })
        };
        Ok(serde_json::json!({
            "case_reference": case.reference,
            "organisation_id": case.organisation.0,
            "role": json_name(&person.role),
            "person_id": person.id.0,
            "case": picture,
            "my_actions": mine.iter().map(line).collect::<Vec<_>>(),
            "who_looked": others.iter().map(line).collect::<Vec<_>>(),
        }))
    }

    /// Invitations to this address, and those that made this account.
    async fn invitations_for(
        &self,
        email: &str,
        account: Option<&UserRow>,
    ) -> Result<Vec<InvitationRow>> {
        let mut rows = self.store.invitations_to(email).await?;
        if let Some(u) = account {
            for row in self.store.invitations_of_user(&u.id).await? {
                if !rows.iter().any(|r| r.id == row.id) {
                    rows.push(row);
                }
            }
        }
        Ok(rows)
    }
}
