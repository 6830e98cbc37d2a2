//! "Wat is er veranderd": the recent events of the cases a user may see (the policy's
//! `CaseScope`, in the same statement), of the kinds a coordinator's day turns on, and when
//! each user last marked them as seen.

use sqlx::{AssertSqlSafe, Row};

use crate::{CaseFilter, Result, Store, case_conditions};

/// The event kinds that count as a change worth telling (their `CaseEvent::name`).
pub const CHANGE_KINDS: [&str; 5] = [
    "registered",
    "session_cancelled",
    "plan_signed",
    "parenting_plan_signed",
    "report_submitted",
];

/// One recorded event of a case in scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeRow {
    pub case_id: String,
    pub reference: String,
    /// Milliseconds since the epoch.
    pub at: i64,
    pub kind: String,
    /// The event as stored (JSON).
    pub body: String,
}

impl Store {
    /// Events of [`CHANGE_KINDS`] after `since_ms` (milliseconds) in the cases `filter`
    /// selects, not caused by `not_by`, newest first, at most `limit`.
    pub async fn changes_since(
        &self,
        filter: &CaseFilter,
        since_ms: i64,
        not_by: &str,
        limit: u32,
    ) -> Result<Vec<ChangeRow>> {
        let (conditions, binds) = case_conditions(filter);
        let kinds = CHANGE_KINDS
            .iter()
            .map(|k| format!("'{k}'"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT e.case_id, c.reference, e.at, e.kind, e.body FROM case_events e \
             JOIN cases c ON c.id = e.case_id \
             WHERE e.at > ${since} AND e.actor_user_id <> ${by} AND e.kind IN ({kinds}) \
             AND e.case_id IN (SELECT id FROM cases WHERE {conditions}) \
             ORDER BY e.at DESC, e.seq DESC LIMIT {limit}",
            since = binds.len() + 1,
            by = binds.len() + 2,
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for b in &binds {
            query = query.bind(b.clone());
        }
        let rows = query
            .bind(since_ms)
            .bind(not_by.to_owned())
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ChangeRow {
                    case_id: r.try_get("case_id")?,
                    reference: r.try_get("reference")?,
                    at: r.try_get("at")?,
                    kind: r.try_get("kind")?,
                    body: r.try_get("body")?,
                })
            })
            .collect()
    }

    /// The cases `filter` selects with an event of `kind` after `since_ms`, each once: where
    /// to look instead of reading every case (e.g. the reports marked ready for review).
    pub async fn cases_with_event_since(
        &self,
        filter: &CaseFilter,
        kind: &str,
        since_ms: i64,
    ) -> Result<Vec<String>> {
        let (conditions, binds) = case_conditions(filter);
        let sql = format!(
            "SELECT DISTINCT case_id FROM case_events WHERE at > ${since} AND kind = ${kind} \
             AND case_id IN (SELECT id FROM cases WHERE {conditions})",
            since = binds.len() + 1,
            kind = binds.len() + 2,
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for b in &binds {
            query = query.bind(b.clone());
        }
        let rows = query
            .bind(since_ms)
            .bind(kind.to_owned())
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok(r.try_get("case_id")?)).collect()
    }

    /// When the user last marked the changes as seen (milliseconds), if ever.
    pub async fn changes_seen_at(&self, user_id: &str) -> Result<Option<i64>> {
        let row = sqlx::query("SELECT changes_seen_at FROM users WHERE id = $1")
            .bind(user_id.to_owned())
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(r) => Ok(r.try_get::<Option<i64>, _>("changes_seen_at")?),
            None => Ok(None),
        }
    }

    pub async fn mark_changes_seen(&self, user_id: &str, at_ms: i64) -> Result<()> {
        sqlx::query("UPDATE users SET changes_seen_at = $2 WHERE id = $1")
            .bind(user_id.to_owned())
            .bind(at_ms)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
