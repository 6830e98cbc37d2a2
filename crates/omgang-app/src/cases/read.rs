//! Reading a case: the case itself, its timeline and audit, and the case page read at once.

use omgang_store::json_name;
use serde::Serialize;
use utoipa::ToSchema;

use super::timeline::timeline_entries;
use crate::policy::{self, Actor, CaseAction, Decision};
use crate::views::CaseView;
use crate::{App, Audit, Result};

/// One entry of a case's timeline.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TimelineEntry {
    pub seq: i64,
    pub at: String,
    pub actor_id: String,
    pub event: String,
    pub text: String,
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
}
