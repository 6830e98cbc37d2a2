//! Who and what the scenarios use, chosen from the data: the busiest organisation, its
//! coordinator and open cases, the busiest supervisor of the week, draft reports to save,
//! a programme open to the public, search terms and a funder.

use std::collections::BTreeMap;
use std::sync::Arc;

use anyhow::{Context, Result};
use omgang_domain::case::{Case, CaseStatus, ReportState, SessionState};
use omgang_store::{CaseFilter, Store};
use sqlx::{AnyPool, Row};

/// Who and what the scenarios use, chosen from the data.
pub(super) struct Targets {
    pub(super) coordinator_email: String,
    pub(super) org_open_cases: i64,
    pub(super) open_case_ids: Vec<String>,
    pub(super) supervisor_email: String,
    pub(super) supervisor_week_sessions: i64,
    /// (case, session) whose report is a draft, supervised by `supervisor_email`'s owner.
    pub(super) report_sessions: Vec<(String, String)>,
    pub(super) report_supervisor_email: String,
    pub(super) programme_for_public: Option<(String, String)>,
    /// Parts of names in the organisation's cases (the children's first names, shortened)
    /// for the search scenario.
    pub(super) search_terms: Vec<String>,
    /// A funder (municipality) that pays for the organisation's programmes, for the funder's
    /// dashboard; `None` in data without funders.
    pub(super) funder_email: Option<String>,
}

/// The targets in the data of `store` (the week of `today` for the agenda).
pub(super) async fn targets(store: &Store, today: jiff::civil::Date) -> Result<Targets> {
    let pool = store.pool();
    let (org, org_open_cases) = busiest_organisation(pool).await?;
    let coordinator_email = sqlx::query(
        "SELECT email FROM users WHERE org_id = $1 AND role = 'coordinator' ORDER BY id LIMIT 1",
    )
    .bind(&org)
    .fetch_one(pool)
    .await?
    .try_get("email")?;
    let open_case_ids = sqlx::query(
        "SELECT id FROM cases WHERE org_id = $1 AND status <> 'closed' ORDER BY id LIMIT 2000",
    )
    .bind(&org)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| r.try_get::<String, _>("id"))
    .collect::<Result<Vec<_>, _>>()?;
    let (supervisor, supervisor_week_sessions) = busiest_supervisor(pool, &org, today).await?;
    let supervisor_email = email_of(pool, supervisor).await?;
    // Draft reports to save: the supervisor with the most of them in this organisation.
    let open: Vec<Arc<Case>> = store
        .cases(&CaseFilter {
            org_id: Some(org.clone()),
            open_only: true,
            ..CaseFilter::default()
        })
        .await?;
    let (report_supervisor, report_sessions) = draft_reports(&open);
    let report_supervisor_email = if report_supervisor.is_empty() {
        supervisor_email.clone()
    } else {
        email_of(pool, report_supervisor).await?
    };
    let programme_for_public = programme_for_public(pool, &org).await;
    let search_terms = search_terms(&open);
    let funder_email = sqlx::query(
        "SELECT u.email FROM programme_funders f JOIN users u ON u.org_id = f.funder_org_id \
         WHERE f.org_id = $1 AND u.role = 'funder' ORDER BY u.email LIMIT 1",
    )
    .bind(&org)
    .fetch_optional(pool)
    .await?
    .map(|r| r.try_get::<String, _>("email"))
    .transpose()?;
    Ok(Targets {
        funder_email,
        search_terms,
        coordinator_email,
        org_open_cases,
        open_case_ids,
        supervisor_email,
        supervisor_week_sessions,
        report_sessions,
        report_supervisor_email,
        programme_for_public,
    })
}

/// The organisation with the most cases in intake or running, and that number
/// (registrations left by earlier runs' public scenario do not count, so every run picks the
/// same one).
async fn busiest_organisation(pool: &AnyPool) -> Result<(String, i64)> {
    let big = sqlx::query(
        "SELECT org_id, COUNT(*) AS n FROM cases WHERE status NOT IN ('closed', 'registered') \
         GROUP BY org_id ORDER BY n DESC, org_id LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .context("no cases: generate data first")?;
    Ok((big.try_get("org_id")?, big.try_get("n")?))
}

/// The supervisor of `org` with the most sessions in the week of `today`, and that number
/// (else the organisation's first supervisor, with 0).
async fn busiest_supervisor(
    pool: &AnyPool,
    org: &str,
    today: jiff::civil::Date,
) -> Result<(String, i64)> {
    let monday = today
        .checked_sub(jiff::Span::new().days(i64::from(today.weekday().to_monday_zero_offset())))
        .unwrap_or(today);
    let sunday_end = omgang_domain::case::add_days(monday, 7);
    let busiest = sqlx::query(
        "SELECT a.supervisor_user_id AS who, COUNT(*) AS n FROM appointments a \
         WHERE a.org_id = $1 AND a.supervisor_user_id IS NOT NULL AND a.starts_at >= $2 AND a.starts_at < $3 \
         GROUP BY a.supervisor_user_id ORDER BY n DESC, who LIMIT 1",
    )
    .bind(org)
    .bind(format!("{monday}T00:00:00"))
    .bind(format!("{sunday_end}T00:00:00"))
    .fetch_optional(pool)
    .await?;
    Ok(match busiest {
        Some(row) => (row.try_get::<String, _>("who")?, row.try_get::<i64, _>("n")?),
        None => (
            sqlx::query(
                "SELECT id FROM users WHERE org_id = $1 AND role = 'supervisor' ORDER BY id LIMIT 1",
            )
            .bind(org)
            .fetch_one(pool)
            .await?
            .try_get("id")?,
            0,
        ),
    })
}

/// The e-mail address of user `id`.
async fn email_of(pool: &AnyPool, id: String) -> Result<String> {
    Ok(sqlx::query("SELECT email FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await?
        .try_get::<String, _>("email")?)
}

/// The supervisor with the most draft reports of held sessions in the running cases of
/// `open`, and those (case, session) pairs (empty when there are none).
fn draft_reports(open: &[Arc<Case>]) -> (String, Vec<(String, String)>) {
    let mut by_supervisor: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for case in open.iter().filter(|c| c.status == CaseStatus::Running) {
        for report in case
            .reports
            .iter()
            .filter(|r| r.state == ReportState::Draft)
        {
            let Some(session) = case.sessions.iter().find(|s| s.id == report.session) else {
                continue;
            };
            if let (Some(who), SessionState::Held { .. }) = (&session.supervisor, &session.state) {
                by_supervisor
                    .entry(who.0.clone())
                    .or_default()
                    .push((case.id.0.clone(), session.id.0.clone()));
            }
        }
    }
    by_supervisor
        .into_iter()
        .max_by_key(|(_, v)| v.len())
        .unwrap_or_default()
}

/// A programme of another organisation than `org` that is open to the public: (organisation,
/// programme). Public registrations go there: each run adds cases, and the large
/// organisation's signals should read the same cases every run.
async fn programme_for_public(pool: &AnyPool, org: &str) -> Option<(String, String)> {
    sqlx::query(
        "SELECT org_id, programme_id FROM public_programmes WHERE org_id <> $1 \
         ORDER BY org_id DESC, programme_id LIMIT 1",
    )
    .bind(org)
    .fetch_optional(pool)
    .await
    .ok()
    .flatten()
    .map(|r| {
        (
            r.try_get::<String, _>("org_id").unwrap_or_default(),
            r.try_get::<String, _>("programme_id").unwrap_or_default(),
        )
    })
}

/// The first five letters of the children's first names in `open` (at least three),
/// sorted, without duplicates.
fn search_terms(open: &[Arc<Case>]) -> Vec<String> {
    let mut search_terms: Vec<String> = open
        .iter()
        .filter_map(|c| c.children.first())
        .map(|child| {
            omgang_store::search::fold(&child.name)
                .chars()
                .take(5)
                .collect::<String>()
        })
        .filter(|t| t.chars().count() >= 3)
        .collect();
    search_terms.sort();
    search_terms.dedup();
    search_terms
}
