//! What the figures dashboard reads: the cases of one year of an organisation, or of a
//! funder (the programmes it pays for, and what its own staff referred), and who funds what.

use std::sync::Arc;

use omgang_domain::case::Case;
use sqlx::Row;

use crate::{Result, Store};

impl Store {
    /// The funders of each programme of a provider: `(programme, funder organisation)`.
    pub async fn programme_funders(&self, org_id: &str) -> Result<Vec<(String, String)>> {
        let rows = sqlx::query(
            "SELECT programme_id, funder_org_id FROM programme_funders WHERE org_id = $1 \
             ORDER BY programme_id, funder_org_id",
        )
        .bind(org_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("programme_id")?, r.try_get("funder_org_id")?)))
            .collect()
    }

    /// Sets the funders of one programme of a provider (replacing the earlier ones).
    pub async fn set_programme_funders(
        &self,
        org_id: &str,
        programme_id: &str,
        funders: &[String],
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM programme_funders WHERE org_id = $1 AND programme_id = $2")
            .bind(org_id)
            .bind(programme_id)
            .execute(&mut *tx)
            .await?;
        for f in funders {
            sqlx::query(
                "INSERT INTO programme_funders (org_id, programme_id, funder_org_id) VALUES ($1, $2, $3)",
            )
            .bind(org_id)
            .bind(programme_id)
            .bind(f)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Cases registered in `year`: of organisation `org_id` (`funder = false`), or those a
    /// funder pays for or referred (`funder = true`).
    pub async fn cases_for_figures(
        &self,
        org_id: &str,
        funder: bool,
        year: i16,
    ) -> Result<Vec<Arc<Case>>> {
        self.cases_for_figures_between(
            org_id,
            funder,
            &format!("{year:04}-01-01"),
            &format!("{:04}-01-01", year + 1),
        )
        .await
    }

    /// As [`Store::cases_for_figures`], for registrations from `from` up to (not including)
    /// `until` (`YYYY-MM-DD`).
    pub async fn cases_for_figures_between(
        &self,
        org_id: &str,
        funder: bool,
        from: &str,
        until: &str,
    ) -> Result<Vec<Arc<Case>>> {
        let scope = if funder {
            "(EXISTS (SELECT 1 FROM programme_funders f WHERE f.funder_org_id = $1 \
              AND f.org_id = c.org_id AND f.programme_id = c.programme_id) \
              OR c.referrer_user_id IN (SELECT id FROM users WHERE org_id = $1))"
        } else {
            "c.org_id = $1"
        };
        let sql = format!(
            "SELECT {{select}} FROM cases c WHERE {scope} \
             AND c.registered_on >= $2 AND c.registered_on < $3"
        );
        let bind = |sql: String| {
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(org_id.to_owned())
                .bind(from.to_owned())
                .bind(until.to_owned())
        };
        // Which cases and versions in one row; their snapshots from the cache or read once.
        let chosen = self.text_agg("c.id || ' ' || CAST(c.version AS TEXT)");
        let row = bind(sql.replace("{select}", &format!("{chosen} AS chosen")))
            .fetch_one(&self.pool)
            .await?;
        match row.try_get::<Option<String>, _>("chosen")? {
            Some(chosen) => self.cases_at_versions(&chosen).await,
            None => Ok(Vec::new()),
        }
    }
}
