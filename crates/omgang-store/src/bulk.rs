//! Bulk loading of generated cases (benchmark data): many rows per statement, one transaction
//! per batch. Not used by the application's own writes, which go through `Store::append`.

use jiff::Timestamp;
use omgang_domain::case::{Case, CaseEvent};
use omgang_domain::ids::UserId;

use sqlx::Row;

use crate::{
    AuditRow, Backend, Result, Store, corrupt, json_name, line_hash, ms, session_state_name,
    status_name,
};

/// A generated case with its events (when, by whom).
pub struct GeneratedCase {
    pub case: Case,
    pub events: Vec<(CaseEvent, Timestamp, UserId)>,
    /// The signals projection, as the application writes it with every change.
    pub watch: crate::SignalWatch,
}

/// Rows per statement: each statement binds one JSON text holding all its rows.
const ROWS_PER_STATEMENT: usize = 2_000;

/// One table's rows as JSON arrays (`[[v1, v2, …], …]`), a statement's worth per text.
/// Binding one text per statement instead of one value per column: measured on 2,000 cases,
/// value-per-column binding (100 values per statement, the best size) wrote 71k rows/s, the
/// database thread spending its time looking up and binding parameters.
#[derive(Default)]
pub(crate) struct JsonRows {
    chunks: Vec<String>,
    current: Vec<serde_json::Value>,
    rows: u64,
}

impl JsonRows {
    pub(crate) fn push(&mut self, row: Vec<Value>) {
        self.current.push(serde_json::Value::Array(
            row.into_iter().map(Value::into_json).collect(),
        ));
        self.rows += 1;
        if self.current.len() == ROWS_PER_STATEMENT {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if !self.current.is_empty() {
            let rows = serde_json::Value::Array(std::mem::take(&mut self.current));
            self.chunks.push(rows.to_string());
        }
    }
}

/// Inserts `rows` into `table`; `columns` names each column and whether it is an integer.
pub(crate) async fn insert_rows(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    backend: Backend,
    table: &str,
    columns: &[(&str, bool)],
    mut rows: JsonRows,
) -> Result<u64> {
    rows.flush();
    let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
    let values: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, (_, int))| {
            if *int {
                format!("CAST(value->>{i} AS BIGINT)")
            } else {
                format!("value->>{i}")
            }
        })
        .collect();
    let source = match backend {
        Backend::Sqlite => "jsonb_each($1)",
        Backend::Postgres => "json_array_elements($1::json) AS rows(value)",
    };
    let sql = format!(
        "INSERT INTO {table} ({}) SELECT {} FROM {source}",
        names.join(", "),
        values.join(", ")
    );
    for chunk in rows.chunks {
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(chunk)
            .execute(&mut **tx)
            .await?;
    }
    Ok(rows.rows)
}

pub(crate) enum Value {
    Text(String),
    Opt(Option<String>),
    Int(i64),
}

impl Value {
    fn into_json(self) -> serde_json::Value {
        match self {
            Value::Text(s) => serde_json::Value::String(s),
            Value::Opt(Some(s)) => serde_json::Value::String(s),
            Value::Opt(None) => serde_json::Value::Null,
            Value::Int(i) => serde_json::Value::from(i),
        }
    }
}

const CASE_COLUMNS: &[(&str, bool)] = &[
    ("id", false),
    ("reference", false),
    ("org_id", false),
    ("programme_id", false),
    ("status", false),
    ("phase", false),
    ("registered_on", false),
    ("coordinator_user_id", false),
    ("supervisor_user_id", false),
    ("partner_org_id", false),
    ("case_director_user_id", false),
    ("referrer_user_id", false),
    ("version", true),
    ("snapshot", false),
    ("updated_at", true),
    ("closed_on", false),
    ("signals_checked_on", false),
    ("signals_from", false),
];
const EVENT_COLUMNS: &[(&str, bool)] = &[
    ("case_id", false),
    ("seq", true),
    ("at", true),
    ("actor_user_id", false),
    ("kind", false),
    ("body", false),
];
const APPOINTMENT_COLUMNS: &[(&str, bool)] = &[
    ("session_id", false),
    ("case_id", false),
    ("org_id", false),
    ("kind", false),
    ("starts_at", false),
    ("ends_at", false),
    ("supervisor_user_id", false),
    ("location_id", false),
    ("room_id", false),
    ("state", false),
    ("place_kind", false),
    ("partner_org_id", false),
];
pub(crate) const AUDIT_COLUMNS: &[(&str, bool)] = &[
    ("id", false),
    ("at", true),
    ("user_id", false),
    ("role", false),
    ("org_id", false),
    ("action", false),
    ("case_id", false),
    ("detail", false),
    ("ip", false),
    ("allowed", true),
    ("seq", true),
    ("prev_hash", false),
    ("hash", false),
];

const SEARCH_COLUMNS: &[(&str, bool)] = &[("case_id", false), ("text", false)];

/// A chain head while bulk-writing audit lines: the last sequence number and hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainCursor {
    pub seq: i64,
    pub hash: String,
}

/// Generated cases turned into rows, ready to insert: the CPU part of a bulk load, done off
/// the database's thread so the two overlap.
#[derive(Default)]
pub struct PreparedBatch {
    cases: JsonRows,
    events: JsonRows,
    appointments: JsonRows,
    audit: JsonRows,
    search: JsonRows,
}

impl PreparedBatch {
    /// Rows for `batch`: each case's snapshot, its events, its sessions and one audit line per
    /// event (who wrote what, when), chained on from `chain`.
    pub fn prepare(batch: &[GeneratedCase], chain: &mut ChainCursor) -> Result<PreparedBatch> {
        let mut out = PreparedBatch::default();
        for g in batch {
            let c = &g.case;
            let updated = g.events.last().map_or(0, |(_, at, _)| ms(*at));
            out.cases.push(vec![
                Value::Text(c.id.0.clone()),
                Value::Text(c.reference.clone()),
                Value::Text(c.organisation.0.clone()),
                Value::Text(c.programme.clone()),
                Value::Text(status_name(c)),
                Value::Opt(c.phase.clone()),
                Value::Text(c.registered_on.to_string()),
                Value::Opt(c.coordinator.as_ref().map(|u| u.0.clone())),
                Value::Opt(c.supervisor.as_ref().map(|u| u.0.clone())),
                Value::Opt(c.partner.as_ref().map(|o| o.0.clone())),
                Value::Opt(c.case_director.as_ref().map(|u| u.0.clone())),
                Value::Opt(c.referrer_user.as_ref().map(|u| u.0.clone())),
                Value::Int(i64::try_from(g.events.len()).map_err(corrupt)?),
                Value::Text(serde_json::to_string(c).map_err(corrupt)?),
                Value::Int(updated),
                Value::Opt(c.closed_on.map(|d| d.to_string())),
                Value::Text(g.watch.checked_on.to_string()),
                Value::Opt(g.watch.first_signal.map(|d| d.to_string())),
            ]);
            out.search.push(vec![
                Value::Text(c.id.0.clone()),
                Value::Text(crate::search::search_text(c)),
            ]);
            for (i, (event, at, actor)) in g.events.iter().enumerate() {
                let seq = i64::try_from(i + 1).map_err(corrupt)?;
                out.events.push(vec![
                    Value::Text(c.id.0.clone()),
                    Value::Int(seq),
                    Value::Int(ms(*at)),
                    Value::Text(actor.0.clone()),
                    Value::Text(event.name().to_owned()),
                    Value::Text(serde_json::to_string(event).map_err(corrupt)?),
                ]);
                let line = AuditRow {
                    id: format!("gen-{}-{seq}", c.id.0),
                    at: ms(*at),
                    user_id: Some(actor.0.clone()),
                    role: None,
                    org_id: Some(c.organisation.0.clone()),
                    action: event.name().to_owned(),
                    case_id: Some(c.id.0.clone()),
                    detail: "generated".into(),
                    ip: None,
                    allowed: true,
                };
                chain.seq += 1;
                let hash = line_hash(&chain.hash, chain.seq, &line);
                out.audit.push(vec![
                    Value::Text(line.id),
                    Value::Int(line.at),
                    Value::Opt(line.user_id),
                    Value::Opt(line.role),
                    Value::Opt(line.org_id),
                    Value::Text(line.action),
                    Value::Opt(line.case_id),
                    Value::Text(line.detail),
                    Value::Opt(line.ip),
                    Value::Int(1),
                    Value::Int(chain.seq),
                    Value::Text(std::mem::replace(&mut chain.hash, hash.clone())),
                    Value::Text(hash),
                ]);
            }
            for s in &c.sessions {
                out.appointments.push(vec![
                    Value::Text(s.id.0.clone()),
                    Value::Text(c.id.0.clone()),
                    Value::Text(c.organisation.0.clone()),
                    Value::Text(json_name(&s.kind)),
                    Value::Text(s.starts_at.to_string()),
                    Value::Text(s.ends_at().to_string()),
                    Value::Opt(s.supervisor.as_ref().map(|u| u.0.clone())),
                    Value::Opt(s.place.location_id.clone()),
                    Value::Opt(s.place.room_id.clone()),
                    Value::Text(session_state_name(&s.state).to_owned()),
                    Value::Text(json_name(&s.place.kind)),
                    Value::Opt(s.partner.as_ref().map(|o| o.0.clone())),
                ]);
            }
        }
        Ok(out)
    }
}

/// The tables a bulk load writes.
const BULK_TABLES: [&str; 4] = ["cases", "case_events", "appointments", "audit_log"];

impl Store {
    /// Drops the secondary indexes of the tables a bulk load writes and returns the
    /// statements that make them again ([`Store::create_indexes`]): building an index once
    /// over loaded rows is much faster than keeping it up to date row by row. Primary keys
    /// and unique constraints stay. Only for loading an installation nobody uses yet.
    pub async fn drop_bulk_indexes(&self) -> Result<Vec<String>> {
        let tables = BULK_TABLES
            .iter()
            .map(|t| format!("'{t}'"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = match self.backend {
            Backend::Sqlite => format!(
                "SELECT name, sql AS definition FROM sqlite_master WHERE type = 'index' \
                 AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ({tables}) ORDER BY name"
            ),
            Backend::Postgres => format!(
                "SELECT i.indexname::text AS name, i.indexdef AS definition FROM pg_indexes i \
                 JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid \
                 WHERE i.schemaname = current_schema() AND i.tablename IN ({tables}) \
                 AND NOT x.indisunique ORDER BY i.indexname"
            ),
        };
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?;
        let mut definitions = Vec::new();
        for row in rows {
            let name: String = row.try_get("name")?;
            definitions.push(row.try_get::<String, _>("definition")?);
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP INDEX {name}")))
                .execute(&self.pool)
                .await?;
        }
        Ok(definitions)
    }

    /// Runs the statements [`Store::drop_bulk_indexes`] returned.
    pub async fn create_indexes(&self, definitions: &[String]) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        if self.backend == Backend::Sqlite {
            sqlx::query("PRAGMA cache_size = -262144")
                .execute(&mut *conn)
                .await?;
        }
        for definition in definitions {
            sqlx::query(sqlx::AssertSqlSafe(definition.clone()))
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }

    /// The audit chain's head, to continue it with [`PreparedBatch::prepare`].
    pub async fn audit_head(&self) -> Result<ChainCursor> {
        let row = sqlx::query("SELECT seq, hash FROM audit_chain WHERE id = 1")
            .fetch_one(&self.pool)
            .await?;
        Ok(ChainCursor {
            seq: row.try_get("seq")?,
            hash: row.try_get("hash")?,
        })
    }

    /// Writes prepared rows in one transaction and moves the audit chain's head to `head`
    /// (the cursor after preparing this batch). Returns the number of rows written. Only for
    /// an installation nobody else writes to at the same time (the data generator).
    pub async fn insert_prepared(&self, batch: PreparedBatch, head: &ChainCursor) -> Result<u64> {
        let mut conn = self.pool.acquire().await?;
        if self.backend == Backend::Sqlite {
            // SQLite's default page cache is 2 MB: once the indexes outgrow it, every insert
            // reads pages back from disk. The bulk loader's connection gets 256 MB.
            sqlx::query("PRAGMA cache_size = -262144")
                .execute(&mut *conn)
                .await?;
        }
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        let backend = self.backend;
        let mut rows = insert_rows(&mut tx, backend, "cases", CASE_COLUMNS, batch.cases).await?;
        rows += insert_rows(&mut tx, backend, "case_events", EVENT_COLUMNS, batch.events).await?;
        rows += insert_rows(
            &mut tx,
            backend,
            "appointments",
            APPOINTMENT_COLUMNS,
            batch.appointments,
        )
        .await?;
        rows += insert_rows(&mut tx, backend, "audit_log", AUDIT_COLUMNS, batch.audit).await?;
        rows += insert_rows(
            &mut tx,
            backend,
            "case_search",
            SEARCH_COLUMNS,
            batch.search,
        )
        .await?;
        sqlx::query("UPDATE audit_chain SET seq = $1, hash = $2 WHERE id = 1")
            .bind(head.seq)
            .bind(&head.hash)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(rows)
    }

    /// Writes generated cases (snapshot, events, appointments, audit lines) in one transaction.
    /// Returns the number of rows written.
    pub async fn bulk_insert(&self, batch: &[GeneratedCase]) -> Result<u64> {
        let mut head = self.audit_head().await?;
        let prepared = PreparedBatch::prepare(batch, &mut head)?;
        self.insert_prepared(prepared, &head).await
    }
}
