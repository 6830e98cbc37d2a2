//! Reading the audit log for the privacy officer: who looked at a case, and what one person
//! looked at within an organisation's cases.

use sqlx::Row;

use crate::{AuditRow, FromRow, Result, Store};

/// An audit line with the reference of the case it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseAuditRow {
    pub line: AuditRow,
    pub reference: String,
}

impl Store {
    /// The id of the case with this reference (`2026-00012`), if there is one.
    pub async fn case_id_by_reference(&self, reference: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT id FROM cases WHERE reference = $1")
            .bind(reference)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| r.try_get::<String, _>("id"))
            .transpose()
            .map_err(Into::into)
    }

    /// The lines of one user about the cases of one organisation, newest first, at most
    /// `limit`.
    pub async fn audit_by_user_in_org(
        &self,
        user_id: &str,
        org_id: &str,
        limit: i64,
    ) -> Result<Vec<CaseAuditRow>> {
        let rows = sqlx::query(
            "SELECT a.id AS id, a.at AS at, a.user_id AS user_id, a.role AS role, \
             a.org_id AS org_id, a.action AS action, a.case_id AS case_id, a.detail AS detail, \
             a.ip AS ip, a.allowed AS allowed, c.reference AS reference \
             FROM audit_log a JOIN cases c ON c.id = a.case_id \
             WHERE a.user_id = $1 AND c.org_id = $2 ORDER BY a.seq DESC LIMIT $3",
        )
        .bind(user_id)
        .bind(org_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(CaseAuditRow {
                    line: AuditRow::from_row(r)?,
                    reference: r.try_get("reference")?,
                })
            })
            .collect()
    }
}
