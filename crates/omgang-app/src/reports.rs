//! "Verslagen": every visit report of the actor's open cases in one list — a coordinator
//! the organisation's, a supervisor those of the cases they supervise — with the held
//! sessions whose report is still missing. Which cases is the one policy's
//! [`case_scope`](crate::policy::case_scope); which reports of a case, the case page's
//! [`view_scope_with`](crate::policy::view_scope_with). Each case shown is audited.

use std::collections::HashMap;

use omgang_domain::case::{self as dcase, Case, Report, ReportState};
use omgang_domain::text::Lang;
use omgang_store::CaseFilter;
use serde::{Deserialize, Serialize};

use crate::policy::{self, Actor, Role, ViewScope};
use crate::{App, AppError, Result};

/// Where a visit report stands, in the order of its life.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    /// The session was held and needs a report; none is written yet.
    Missing,
    /// Being written.
    Draft,
    /// Sent back to its author by the coordinator, with a reason.
    Returned,
    /// Marked "klaar voor beoordeling": waits for a coordinator.
    Ready,
    /// Approved by a coordinator, not yet shared with the parents.
    Approved,
    /// Shared with the parents.
    Released,
}

impl ReportStatus {
    pub const ALL: [ReportStatus; 6] = [
        ReportStatus::Missing,
        ReportStatus::Draft,
        ReportStatus::Returned,
        ReportStatus::Ready,
        ReportStatus::Approved,
        ReportStatus::Released,
    ];

    /// Of a report (`None`: not written yet).
    pub fn of(report: Option<&Report>) -> ReportStatus {
        match report {
            None => ReportStatus::Missing,
            Some(r) => match r.state {
                ReportState::Released => ReportStatus::Released,
                ReportState::Approved => ReportStatus::Approved,
                ReportState::Draft if r.ready_at.is_some() => ReportStatus::Ready,
                ReportState::Draft if r.returned.is_some() => ReportStatus::Returned,
                ReportState::Draft => ReportStatus::Draft,
            },
        }
    }

    /// The name in the API and in page links.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Missing => "missing",
            ReportStatus::Draft => "draft",
            ReportStatus::Returned => "returned",
            ReportStatus::Ready => "ready",
            ReportStatus::Approved => "approved",
            ReportStatus::Released => "released",
        }
    }

    pub fn parse(text: &str) -> Option<ReportStatus> {
        ReportStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The words of the glossary (docs/woordenlijst.md).
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ReportStatus::Missing, Lang::Nl) => "nog niet geschreven",
            (ReportStatus::Missing, Lang::En) => "not written yet",
            (ReportStatus::Draft, Lang::Nl) => "concept",
            (ReportStatus::Draft, Lang::En) => "draft",
            (ReportStatus::Returned, Lang::Nl) => "teruggegeven",
            (ReportStatus::Returned, Lang::En) => "returned",
            (ReportStatus::Ready, Lang::Nl) => "klaar voor beoordeling",
            (ReportStatus::Ready, Lang::En) => "ready for review",
            (ReportStatus::Approved, Lang::Nl) => "goedgekeurd",
            (ReportStatus::Approved, Lang::En) => "approved",
            (ReportStatus::Released, Lang::Nl) => "gedeeld met de ouders",
            (ReportStatus::Released, Lang::En) => "released to the parents",
        }
    }
}

/// The list's filter.
#[derive(Clone, Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportListQuery {
    /// Only reports in this state.
    pub status: Option<ReportStatus>,
}

/// A held session's report (or its absence) in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ReportListItem {
    pub case_id: String,
    pub case_reference: String,
    /// The family in a few words ("Noor (6) · Jansen / El Amrani").
    pub family: String,
    pub session_id: String,
    /// `None` while the report is not written.
    pub report_id: Option<String>,
    pub kind_label: String,
    /// The session's start, local time.
    pub starts_at: String,
    pub status: ReportStatus,
    pub status_label: String,
    /// Who writes it: the report's author, or the session's supervisor while it is missing.
    pub author_name: Option<String>,
    /// Last saved (UTC), when written.
    pub updated_at: Option<String>,
}

impl App {
    /// The visit reports of the actor's open cases, the most recent session first: a
    /// coordinator sees the organisation's, a supervisor or volunteer those of the cases they
    /// supervise (all of their reports, as on the case page). Held sessions that need a
    /// report and have none are listed as [`ReportStatus::Missing`]. Other roles are refused.
    pub async fn report_list(
        &self,
        actor: &Actor,
        status: Option<ReportStatus>,
    ) -> Result<Vec<ReportListItem>> {
        if !matches!(
            actor.role,
            Role::Coordinator | Role::Supervisor | Role::Volunteer
        ) {
            return Err(AppError::Forbidden);
        }
        let filter = CaseFilter {
            scope: policy::case_scope(actor),
            open_only: true,
            ..CaseFilter::default()
        };
        let cases = {
            let _permit = self
                .wide_reads
                .acquire()
                .await
                .map_err(|e| AppError::Internal(e.to_string()))?;
            self.store.cases(&filter).await?
        };
        let names: HashMap<String, String> = self
            .org_users(actor, actor.org_id.as_str())
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect();
        let today = self.today();
        let mut out = Vec::new();
        let mut shown = Vec::new();
        for case in &cases {
            // Staff see every report of a case they may read; the view scope is the case
            // page's, so the list never shows more than the page.
            if !matches!(
                policy::view_scope(actor, case),
                Some(ViewScope::Full | ViewScope::Supervisor)
            ) {
                continue;
            }
            let Some(programme) = self.programme(&case.programme) else {
                continue;
            };
            let before = out.len();
            out.extend(
                items_of(case, &programme, today, actor.lang, &names)
                    .into_iter()
                    .filter(|i| status.is_none_or(|s| i.status == s)),
            );
            if out.len() > before {
                shown.push(case.id.0.clone());
            }
        }
        out.sort_by(|a, b| {
            b.starts_at
                .cmp(&a.starts_at)
                .then_with(|| a.case_reference.cmp(&b.case_reference))
        });
        self.audit_cases_shown(
            actor,
            "read_reports",
            &format!("{} reports", out.len()),
            shown.iter().map(String::as_str),
        )
        .await?;
        Ok(out)
    }
}

/// The reports of one case, and its held sessions that need one and have none.
fn items_of(
    case: &Case,
    programme: &omgang_domain::programme::Programme,
    today: jiff::civil::Date,
    lang: Lang,
    names: &HashMap<String, String>,
) -> Vec<ReportListItem> {
    let family = crate::views::family_label(case, today);
    case.sessions
        .iter()
        .filter_map(|session| {
            let report = case.report_for(&session.id);
            let needs_report = matches!(session.state, dcase::SessionState::Held { .. })
                && programme.kind(session.kind).is_some_and(|r| r.needs_report);
            if report.is_none() && !needs_report {
                return None;
            }
            let author = report
                .map(|r| &r.author)
                .or(session.supervisor.as_ref())
                .and_then(|u| names.get(u.as_str()).cloned());
            let status = ReportStatus::of(report);
            Some(ReportListItem {
                case_id: case.id.0.clone(),
                case_reference: case.reference.clone(),
                family: family.clone(),
                session_id: session.id.0.clone(),
                report_id: report.map(|r| r.id.0.clone()),
                kind_label: session.kind.label().get(lang).to_owned(),
                starts_at: session.starts_at.strftime("%Y-%m-%dT%H:%M:%S").to_string(),
                status,
                status_label: status.label(lang).to_owned(),
                author_name: author,
                updated_at: report.map(|r| r.updated_at.to_string()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_its_name_back() {
        for s in ReportStatus::ALL {
            assert_eq!(ReportStatus::parse(s.as_str()), Some(s));
            assert!(!s.label(Lang::Nl).is_empty() && !s.label(Lang::En).is_empty());
        }
        assert_eq!(ReportStatus::parse("klaar"), None);
    }
}
