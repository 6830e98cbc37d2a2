//! Finding a family: by any part of a child's or parent's name (without accents), the case
//! number, or a professional's organisation. The store searches only within the policy's
//! `case_scope` for the actor, and every case shown is audited like any list.

use omgang_store::CaseFilter;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::cases::links_of;
use crate::policy::{self, Actor, Role};
use crate::views::{self, CaseSummary};
use crate::{App, AppError, Audit, Result};

/// At most this many cases in one answer.
pub const SEARCH_LIMIT: u32 = 25;

#[derive(Clone, Debug, Default, Deserialize, ToSchema, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Part of a name, a case number (2026-00032), or an organisation.
    pub q: Option<String>,
    /// Include closed cases (default: yes).
    pub include_closed: Option<bool>,
}

impl App {
    pub async fn search(&self, actor: &Actor, query: &SearchQuery) -> Result<Vec<CaseSummary>> {
        // Parents find their cases in the portal, not by searching.
        let scope = policy::case_scope(actor).filter(|_| actor.role != Role::Parent);
        let Some(scope) = scope else {
            self.audit(Audit {
                actor: Some(actor),
                action: "search",
                case: None,
                detail: String::new(),
                allowed: false,
            })
            .await?;
            return Err(AppError::Forbidden);
        };
        let text = query.q.clone().unwrap_or_default();
        let terms = omgang_store::search::terms(&text);
        if terms.is_empty() {
            return Err(AppError::invalid(
                "q",
                "Typ een deel van een naam of een dossiernummer.",
                "Type part of a name or a case number.",
            ));
        }
        let filter = CaseFilter {
            scope: Some(scope),
            open_only: !query.include_closed.unwrap_or(true),
            ..CaseFilter::default()
        };
        let cases = self
            .store
            .search_cases(&filter, &terms, SEARCH_LIMIT)
            .await?;
        let links = self.all_links(actor).await?;
        let today = self.today();
        let found: Vec<CaseSummary> = cases
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
        // What was asked is not logged (it may be a name); which cases were shown is.
        self.audit_cases_shown(
            actor,
            "search",
            &format!("{} terms, {} cases", terms.len(), found.len()),
            found.iter().map(|c| c.id.as_str()),
        )
        .await?;
        Ok(found)
    }
}
