//! The case list: filters, sorting and pages.

use omgang_domain::case::{self as dcase};
use omgang_store::CaseFilter;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::links_of;
use crate::input::*;
use crate::policy::{self, Actor, Role};
use crate::views::{self, CaseSummary};
use crate::{App, AppError, Audit, Result};

/// Filters of the case list.
#[derive(Clone, Debug, Default, Deserialize, ToSchema, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
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

impl CaseListQuery {
    /// The list's order, with the page size, page and status checked.
    fn checked_order(&self) -> Result<omgang_store::CaseOrder> {
        let mut c = Check::default();
        let desc = match self.order.as_deref().map(str::trim) {
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
        let order = match (self.sort.as_deref().map(str::trim), desc) {
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
        c.paging(self.page, self.per_page, 200, ("dossiers", "cases"));
        if let Some(s) = &self.status {
            c.choice::<dcase::CaseStatus>("status", s);
        }
        c.finish()?;
        Ok(order)
    }
}

impl App {
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
        let order = query.checked_order()?;
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
                && query.status.as_deref() != Some(dcase::CaseStatus::Closed.key()),
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
}
