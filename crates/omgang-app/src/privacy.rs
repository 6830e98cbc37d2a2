//! Retention (closed cases are anonymised after the legal period) and the export of all that
//! is held about one person (for an *inzageverzoek*).

use omgang_store::{AnonymisedCase, CaseFilter, json_name};
use serde::Serialize;

use crate::policy::{Actor, ViewScope};
use crate::{App, AppError, Audit, Result, views};

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
                    .map(|o| views::outcome_view(o, "", actor.lang).kind)
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

    /// Everything held about the person with this e-mail address: per case their own record,
    /// the case as the organisation holds it, and who accessed it. Only the operator runs it.
    pub async fn export_person(&self, actor: &Actor, email: &str) -> Result<serde_json::Value> {
        if !actor.system {
            return Err(AppError::Forbidden);
        }
        let email = email.trim().to_lowercase();
        let account = self.store.user_by_email(&email).await?;
        // The people of cases this account is (the portal), whatever address the case holds.
        let links = match &account {
            Some(u) => self.store.case_accounts_of(&u.id).await?,
            None => Vec::new(),
        };
        let all = self.store.cases(&CaseFilter::default()).await?;
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
            let view =
                views::case_view(case, &programme, ViewScope::Full, self.today(), actor.lang);
            let view = self.reveal_view(view)?;
            let audit = self.store.audit_for_case(case.id.as_str()).await?;
            found.push(serde_json::json!({
                "case_reference": case.reference,
                "role": json_name(&person.role),
                "person_id": person.id.0,
                "case": view,
                "access_log": audit.iter().map(|a| serde_json::json!({
                    "at": omgang_store::from_ms(a.at).to_string(),
                    "user_id": a.user_id, "role": a.role, "action": a.action, "allowed": a.allowed,
                })).collect::<Vec<_>>(),
            }));
            self.audit(Audit {
                actor: Some(actor),
                action: "export_person",
                case: Some(case.id.as_str()),
                detail: "inzageverzoek".into(),
                allowed: true,
            })
            .await?;
        }
        let user = account.as_ref().map(|u| {
            serde_json::json!({ "user_id": u.id, "name": u.name, "role": u.role, "organisation_id": u.org_id })
        });
        let case_accounts: Vec<serde_json::Value> = links
            .iter()
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
        let mut rows = self.store.invitations_to(&email).await?;
        if let Some(u) = &account {
            for row in self.store.invitations_of_user(&u.id).await? {
                if !rows.iter().any(|r| r.id == row.id) {
                    rows.push(row);
                }
            }
        }
        let invitations: Vec<serde_json::Value> = rows
            .iter()
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
}
