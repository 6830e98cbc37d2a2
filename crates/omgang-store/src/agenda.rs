//! The agenda: sessions between two local date-times from the `appointments` projection, per
//! organisation, supervisor, partner organisation, location or room, with the case reference.
//! One indexed query, however many cases an organisation has.

use omgang_domain::Vocabulary;
use omgang_domain::case::{Case, SessionStatus};
use omgang_domain::programme::{LocationKind, SessionKind};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{FromRow, Result, Store, corrupt, insert_appointments};

/// Whose sessions. Every given field narrows the result; the application layer decides which
/// filter an actor may use.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgendaFilter {
    pub org_id: Option<String>,
    pub supervisor_user_id: Option<String>,
    pub partner_org_id: Option<String>,
    pub location_id: Option<String>,
    pub room_id: Option<String>,
}

/// A session in an agenda.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaRow {
    pub session_id: String,
    pub case_id: String,
    pub case_reference: String,
    pub programme_id: String,
    pub org_id: String,
    pub kind: SessionKind,
    /// Local time, Europe/Amsterdam, `YYYY-MM-DDTHH:MM:SS`.
    pub starts_at: String,
    pub ends_at: String,
    pub supervisor_user_id: Option<String>,
    pub partner_org_id: Option<String>,
    pub location_id: Option<String>,
    pub room_id: Option<String>,
    pub place_kind: Option<LocationKind>,
    pub state: SessionStatus,
}

/// A value of the projection read back as the domain's: the projection is written from the
/// domain's keys, so another word there is a damaged row, not a new value.
fn key_of<T: Vocabulary>(column: &str, value: &str) -> Result<T> {
    T::from_key(value).ok_or_else(|| {
        crate::StoreError::Corrupt(format!("appointments.{column}: unknown value {value:?}"))
    })
}

impl FromRow for AgendaRow {
    fn from_row(r: &AnyRow) -> Result<Self> {
        Ok(AgendaRow {
            session_id: r.try_get("session_id")?,
            case_id: r.try_get("case_id")?,
            case_reference: r.try_get("reference")?,
            programme_id: r.try_get("programme_id")?,
            org_id: r.try_get("org_id")?,
            kind: key_of("kind", &r.try_get::<String, _>("kind")?)?,
            starts_at: r.try_get("starts_at")?,
            ends_at: r.try_get("ends_at")?,
            supervisor_user_id: r.try_get("supervisor_user_id")?,
            partner_org_id: r.try_get("partner_org_id")?,
            location_id: r.try_get("location_id")?,
            room_id: r.try_get("room_id")?,
            place_kind: r
                .try_get::<Option<String>, _>("place_kind")?
                .map(|k| key_of("place_kind", &k))
                .transpose()?,
            state: key_of("state", &r.try_get::<String, _>("state")?)?,
        })
    }
}

impl Store {
    /// Sessions overlapping `[from, to)` (local date-times) that match `filter`, by start time.
    pub async fn agenda(
        &self,
        filter: &AgendaFilter,
        from: &str,
        to: &str,
    ) -> Result<Vec<AgendaRow>> {
        let mut sql = String::from(
            "SELECT a.session_id, a.case_id, c.reference, c.programme_id, a.org_id, a.kind, \
             a.starts_at, a.ends_at, a.supervisor_user_id, a.partner_org_id, a.location_id, \
             a.room_id, a.place_kind, a.state \
             FROM appointments a JOIN cases c ON c.id = a.case_id \
             WHERE a.starts_at < $1 AND a.ends_at > $2",
        );
        // No session lasts a day (programmes allow 480 minutes at most): starting after the day
        // before `from` bounds the index range; without it every earlier session of the
        // supervisor or organisation is scanned.
        let earliest = from
            .parse::<jiff::civil::DateTime>()
            .ok()
            .and_then(|f| f.checked_sub(jiff::Span::new().days(1)).ok())
            .map_or_else(|| "0000".to_owned(), |d| d.to_string());
        sql.push_str(" AND a.starts_at > $3");
        let mut binds: Vec<&str> = vec![to, from, &earliest];
        let columns = [
            ("a.org_id", &filter.org_id),
            ("a.supervisor_user_id", &filter.supervisor_user_id),
            ("a.partner_org_id", &filter.partner_org_id),
            ("a.location_id", &filter.location_id),
            ("a.room_id", &filter.room_id),
        ];
        for (column, value) in columns {
            if let Some(value) = value {
                binds.push(value);
                sql.push_str(&format!(" AND {column} = ${}", binds.len()));
            }
        }
        sql.push_str(" ORDER BY a.starts_at, a.session_id");
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for b in binds {
            query = query.bind(b.to_owned());
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(AgendaRow::from_row).collect()
    }

    /// Ids of the cases closed before `cutoff` (`YYYY-MM-DD`), oldest first.
    pub async fn closed_before(&self, cutoff: &str) -> Result<Vec<String>> {
        let rows = sqlx::query(
            "SELECT id FROM cases WHERE closed_on IS NOT NULL AND closed_on < $1 ORDER BY closed_on, id",
        )
        .bind(cutoff)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| r.try_get::<String, _>("id").map_err(Into::into))
            .collect()
    }

    /// Fills `cases.closed_on` from the snapshots of closed cases (after the migration that
    /// added the column). A page of cases per transaction.
    pub async fn backfill_closed_on(&self) -> Result<u64> {
        let mut after = String::new();
        let mut filled = 0;
        loop {
            let rows = sqlx::query(
                "SELECT id, snapshot FROM cases WHERE status = 'closed' AND id > $1 ORDER BY id LIMIT 500",
            )
            .bind(after.clone())
            .fetch_all(&self.pool)
            .await?;
            let Some(last) = rows.last() else {
                return Ok(filled);
            };
            after = last.try_get("id")?;
            let mut tx = self.pool.begin().await?;
            for row in &rows {
                let snapshot: String = row.try_get("snapshot")?;
                let case: Case = serde_json::from_str(&snapshot).map_err(corrupt)?;
                sqlx::query("UPDATE cases SET closed_on = $2 WHERE id = $1")
                    .bind(case.id.as_str())
                    .bind(case.closed_on.map(|d| d.to_string()))
                    .execute(&mut *tx)
                    .await?;
                filled += 1;
            }
            tx.commit().await?;
        }
    }

    /// Rebuilds projections from every case's snapshot, the source of truth (after a
    /// migration that added a projection or a column to one): the `appointments` and/or
    /// the search text. A page of cases per transaction.
    pub async fn rebuild_projections(&self, appointments: bool, search: bool) -> Result<u64> {
        let mut after = String::new();
        let mut rebuilt = 0;
        loop {
            let rows =
                sqlx::query("SELECT id, snapshot FROM cases WHERE id > $1 ORDER BY id LIMIT 500")
                    .bind(after.clone())
                    .fetch_all(&self.pool)
                    .await?;
            let Some(last) = rows.last() else {
                return Ok(rebuilt);
            };
            after = last.try_get("id")?;
            let mut tx = self.pool.begin().await?;
            for row in &rows {
                let snapshot: String = row.try_get("snapshot")?;
                let case: Case = serde_json::from_str(&snapshot).map_err(corrupt)?;
                if appointments {
                    sqlx::query("DELETE FROM appointments WHERE case_id = $1")
                        .bind(case.id.as_str())
                        .execute(&mut *tx)
                        .await?;
                    insert_appointments(&mut tx, &case).await?;
                }
                if search {
                    crate::search::write_search(&mut tx, &case).await?;
                }
                rebuilt += 1;
            }
            tx.commit().await?;
        }
    }
}
