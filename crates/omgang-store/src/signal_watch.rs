//! The signals projection beside each case (`cases.signals_checked_on`, `cases.signals_from`):
//! written with every change of a case (`Store::append`, `Store::create_case`); here, filling
//! it in where it is missing (a database from before migration 37, a programme whose rules
//! changed) and forgetting it when a programme's rules change.

use omgang_domain::case::Case;
use sqlx::Row;

use crate::{Result, SignalWatch, Store, corrupt};

/// Cases per round of [`Store::cases_without_signal_watch`].
pub const FILL_BATCH: u32 = 200;

impl Store {
    /// Open cases whose projection is not worked out, with their versions; at most `limit`.
    pub async fn cases_without_signal_watch(&self, limit: u32) -> Result<Vec<(Case, i64)>> {
        let rows = sqlx::query(
            "SELECT snapshot, version FROM cases WHERE signals_checked_on IS NULL \
             AND status <> 'closed' ORDER BY id LIMIT $1",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let snapshot: String = r.try_get("snapshot")?;
                let case: Case = serde_json::from_str(&snapshot).map_err(corrupt)?;
                Ok((case, r.try_get("version")?))
            })
            .collect()
    }

    /// Writes the projection of cases read at `version`; a case changed since keeps the
    /// projection its change wrote. Returns how many were written.
    pub async fn set_signal_watch(&self, cases: &[(&Case, i64, SignalWatch)]) -> Result<u64> {
        let mut tx = self.pool.begin().await?;
        let mut written = 0;
        for (case, version, watch) in cases {
            written += sqlx::query(
                "UPDATE cases SET signals_checked_on = $3, signals_from = $4 \
                 WHERE id = $1 AND version = $2",
            )
            .bind(case.id.as_str())
            .bind(version)
            .bind(watch.checked_on.to_string())
            .bind(watch.first_signal.map(|d| d.to_string()))
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        tx.commit().await?;
        Ok(written)
    }

    /// Forgets the projection of a programme's open cases (its rules changed): until it is
    /// worked out again, signals read those cases.
    pub async fn forget_signal_watch(&self, programme_id: &str) -> Result<u64> {
        Ok(sqlx::query(
            "UPDATE cases SET signals_checked_on = NULL, signals_from = NULL \
             WHERE programme_id = $1 AND status <> 'closed'",
        )
        .bind(programme_id)
        .execute(&self.pool)
        .await?
        .rows_affected())
    }
}
