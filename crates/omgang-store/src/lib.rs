//! Storage for omgang: SQLite (the embedded default) or PostgreSQL, chosen by the URL.
//!
//! Both engines run the same SQL through sqlx's `Any` driver: portable DDL (TEXT, BIGINT),
//! `$n` placeholders (SQLite accepts them too), times as milliseconds since the epoch and
//! dates as `YYYY-MM-DD` text. Where the dialects differ (triggers), a migration has one
//! file per engine. The migrations table (`omgang_schema_migrations`) is ours, not sqlx's.
//!
//! A case is stored as its events (`case_events`, append-only) plus a snapshot of the folded
//! state in `cases.snapshot`, with a few projected columns for listing. Every write of a
//! case is one transaction guarded by the case's version (optimistic concurrency).

mod access_log;
mod accounts;
mod agenda;
mod attachments;
mod audit;
mod beheer;
mod bulk;
mod case_cache;
mod cases;
mod changes;
mod directory;
mod figures;
mod migrate;
mod outbox;
mod planning;
mod portal;
mod rows;
pub mod search;
mod signal_watch;
mod two_factor;

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use omgang_domain::case::{Case, CaseEvent};
use omgang_domain::ids::{CaseId, OrgId, UserId};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, AssertSqlSafe, Row};

pub use access_log::CaseAuditRow;
pub use agenda::{AgendaFilter, AgendaRow};
pub use attachments::AttachmentRow;
pub use audit::{AuditLine, ChainReport, GENESIS, line_hash};
pub use beheer::AvailabilityRow;
pub use bulk::{ChainCursor, GeneratedCase, PreparedBatch};
pub use changes::{CHANGE_KINDS, ChangeRow};
pub use directory::Directory;
pub use outbox::{OutboxMail, OutboxRow};
pub use planning::{AddedRequestRow, HoursRow, PlanningRunRow};
pub use portal::{CaseAccountRow, InvitationRow};
pub use rows::*;
pub use signal_watch::FILL_BATCH;
pub use two_factor::TotpState;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("stored data could not be read: {0}")]
    Corrupt(String),
    #[error("the case was changed by someone else at the same time")]
    Conflict,
    #[error("not found")]
    NotFound,
    #[error("the audit log could not be written: {0}")]
    Audit(String),
    #[error("already exists: {0}")]
    Duplicate(String),
    #[error("unsupported database URL '{0}': use sqlite://FILE or postgres://...")]
    UnsupportedUrl(String),
}

impl StoreError {
    /// The database cannot be reached right now (down, restarting, the network gone, or no
    /// connection free in time): worth trying again shortly.
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Database(e) => matches!(
                e,
                sqlx::Error::PoolTimedOut
                    | sqlx::Error::PoolClosed
                    | sqlx::Error::Io(_)
                    | sqlx::Error::Tls(_)
                    | sqlx::Error::WorkerCrashed
            ),
            // The audit writer could not commit: the request cannot be logged, so it is not
            // answered either.
            StoreError::Audit(_) => true,
            _ => false,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The database. Cheap to clone (a pool handle).
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// Audit lines go through one writer per process that commits them in groups.
    audit: audit::AuditQueue,
    /// Parsed snapshots by version, shared by the clones of this store.
    case_cache: Arc<case_cache::CaseCache>,
    /// Each organisation's staff and places at the version last read.
    directory_cache: Arc<directory::DirectoryCache>,
    /// SQLite: dropped with the last clone of the store, which ends the checkpoint task.
    _checkpoints: Option<Arc<tokio::sync::oneshot::Sender<()>>>,
}

/// SQLite: copies the write-ahead log into the database file once a second, beside the
/// requests instead of in one of them. With SQLite's own checkpoint every 1,000 pages of log,
/// a commit now and then wrote the whole log back and synced it before it answered; and the
/// pages written again and again (an organisation's signals write a line for each of its
/// cases into the same pages of `audit_log_case`) go back once a second, not once per commit.
/// SQLite's own checkpoint stays, at 10,000 pages (40 MB), for a bulk load that outruns this
/// one. A passive checkpoint waits for no reader or writer. Ends when the last clone of the
/// store is dropped (`stop` then closes) or the pool is closed, so the task never keeps a
/// store's connections open on its own.
async fn checkpoint_wal(pool: AnyPool, mut stop: tokio::sync::oneshot::Receiver<()>) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = &mut stop => return,
            _ = tick.tick() => {}
        }
        if pool.is_closed() {
            return;
        }
        if let Err(e) = sqlx::raw_sql("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&pool)
            .await
        {
            if pool.is_closed() {
                return;
            }
            tracing::warn!(error = %e, "WAL checkpoint failed; tried again in a second");
        }
    }
}

/// Turns what a user typed into a database URL: a bare path means an SQLite file.
pub fn normalise_url(url: &str) -> String {
    if url.contains("://") || url.starts_with("sqlite:") {
        url.to_owned()
    } else {
        format!("sqlite://{url}?mode=rwc")
    }
}

pub fn ms(ts: Timestamp) -> i64 {
    ts.as_millisecond()
}

pub fn from_ms(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

fn is_unique_violation(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(db) => {
            db.is_unique_violation()
                || db.message().contains("UNIQUE")
                || db.code().as_deref() == Some("23505")
        }
        _ => false,
    }
}

impl Store {
    /// Connects (creating an SQLite file if needed). Does not migrate.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let url = normalise_url(url);
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(StoreError::UnsupportedUrl(url));
        };
        let options = AnyConnectOptions::from_str(&url)?;
        // When the database cannot be reached, a request fails after this long (503 with
        // Retry-After) instead of queueing; the pool connects again by itself when it is back.
        let pool_options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(3));
        let pool = match backend {
            Backend::Sqlite => {
                // WAL lets readers work while one writer writes; FULL syncs every commit, so
                // an acknowledged write survives a crash or power loss. A read-only file
                // (checking a backup) gets only the settings that do not write.
                let pragmas = if url.contains("mode=ro") {
                    "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;"
                } else {
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                     PRAGMA wal_autocheckpoint = 10000;"
                };
                pool_options
                    .max_connections(8)
                    .after_connect(move |conn, _meta| {
                        Box::pin(async move {
                            sqlx::raw_sql(pragmas).execute(conn).await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await?
            }
            Backend::Postgres => {
                pool_options
                    .max_connections(16)
                    .connect_with(options)
                    .await?
            }
        };
        // SQLite: the audit writer has a connection of its own with a larger page cache. An
        // organisation's signals write a line per case shown, each into the case's place in
        // `audit_log_case` (440 lines: 10–17 ms of a 20 ms answer); with the default 2 MB
        // cache those pages were read from the file again every time (signals p50 22 → 19 ms
        // on the national data).
        let audit_pool = match backend {
            Backend::Sqlite if !url.contains("mode=ro") => {
                AnyPoolOptions::new()
                    .acquire_timeout(Duration::from_secs(3))
                    .max_connections(1)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            sqlx::raw_sql(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                                 PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                                 PRAGMA wal_autocheckpoint = 10000; PRAGMA cache_size = -8192;",
                            )
                            .execute(conn)
                            .await?;
                            Ok(())
                        })
                    })
                    .connect_with(AnyConnectOptions::from_str(&url)?)
                    .await?
            }
            _ => pool.clone(),
        };
        let audit = audit::AuditQueue::start(audit_pool, backend);
        let checkpoints = if backend == Backend::Sqlite && !url.contains("mode=ro") {
            let (stop, stopped) = tokio::sync::oneshot::channel();
            tokio::spawn(checkpoint_wal(pool.clone(), stopped));
            Some(Arc::new(stop))
        } else {
            None
        };
        Ok(Store {
            pool,
            backend,
            audit,
            case_cache: Arc::new(case_cache::CaseCache::new()),
            directory_cache: Arc::default(),
            _checkpoints: checkpoints,
        })
    }

    /// Connects and brings the schema up to date.
    pub async fn open(url: &str) -> Result<Store> {
        let store = Store::connect(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// A consistent copy of an SQLite database while it is in use (`VACUUM INTO`).
    /// PostgreSQL is backed up with `pg_dump` (see the README).
    pub async fn backup_to(&self, path: &std::path::Path) -> Result<()> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::UnsupportedUrl(
                "backup of PostgreSQL: use pg_dump".into(),
            ));
        }
        let target = path.to_string_lossy().replace('\'', "''");
        sqlx::raw_sql(AssertSqlSafe(format!("VACUUM INTO '{target}'")))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// `PRAGMA integrity_check` (SQLite): "ok" when the file is sound.
    pub async fn integrity_check(&self) -> Result<String> {
        match self.backend {
            Backend::Sqlite => {
                let row = sqlx::query("PRAGMA integrity_check")
                    .fetch_one(&self.pool)
                    .await?;
                Ok(row.try_get::<String, _>(0)?)
            }
            Backend::Postgres => Ok("ok".into()),
        }
    }

    /// Answers when the database answers (readiness).
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    // ---- audit --------------------------------------------------------------------------------

    pub async fn audit_for_case(&self, case_id: &str) -> Result<Vec<AuditRow>> {
        let rows = sqlx::query(AssertSqlSafe(format!(
            "{AUDIT_SELECT} WHERE case_id = $1 ORDER BY seq"
        )))
        .bind(case_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(AuditRow::from_row).collect()
    }

    pub async fn audit_count(&self) -> Result<i64> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM audit_log")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("n")?)
    }

    /// Counts per table, for checks and the demo summary.
    pub async fn count(&self, table: Table) -> Result<i64> {
        let row = sqlx::query(AssertSqlSafe(format!(
            "SELECT COUNT(*) AS n FROM {}",
            table.name()
        )))
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get("n")?)
    }

    /// Replaces a case by its anonymous figures: the case, its events and its appointments
    /// are deleted in one transaction.
    pub async fn anonymise_case(&self, row: &AnonymisedCase, at: i64) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO anonymised_cases (id, org_id, programme_id, registered_month, closed_on, outcome, anonymised_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&row.id)
        .bind(&row.org_id)
        .bind(&row.programme_id)
        .bind(&row.registered_month)
        .bind(&row.closed_on)
        .bind(&row.outcome)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        // The portal accounts of the case's people and their invitations (names, addresses) go too.
        for table in [
            "appointments",
            "case_events",
            "case_accounts",
            "invitations",
            "case_search",
            "attachments",
            "case_windows",
            "case_school_hours",
            "planning_added",
        ] {
            sqlx::query(AssertSqlSafe(format!(
                "DELETE FROM {table} WHERE case_id = $1"
            )))
            .bind(&row.id)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("DELETE FROM cases WHERE id = $1")
            .bind(&row.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.case_cache.forget(&row.id);
        Ok(())
    }

    pub async fn anonymised_count(&self) -> Result<i64> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM anonymised_cases")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("n")?)
    }

    /// Claims today's run of a scheduled job. Exactly one caller (over all instances) gets
    /// `true` per job and day.
    pub async fn claim_job(&self, job: &str, day: &str, at: i64) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO job_runs (job, day, started_at) VALUES ($1, $2, $3) ON CONFLICT (job, day) DO NOTHING",
        )
        .bind(job)
        .bind(day)
        .bind(at)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn setting(&self, name: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT value FROM installation_settings WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| r.try_get::<String, _>("value"))
            .transpose()
            .map_err(Into::into)
    }

    /// Sets a setting unless it is set already; returns the value in force.
    pub async fn init_setting(&self, name: &str, value: &str) -> Result<String> {
        sqlx::query("INSERT INTO installation_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(value)
            .execute(&self.pool)
            .await?;
        Ok(self.setting(name).await?.unwrap_or_default())
    }

    /// Organisation ids that exist (for validation of references).
    pub async fn organisation_exists(&self, id: &OrgId) -> Result<bool> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM organisations WHERE id = $1")
            .bind(id.as_str())
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get::<i64, _>("n")? > 0)
    }
}

/// Tables that can be counted.
#[derive(Clone, Copy, Debug)]
pub enum Table {
    Organisations,
    Users,
    Cases,
    CaseEvents,
    Appointments,
    AuditLog,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Organisations => "organisations",
            Table::Users => "users",
            Table::Cases => "cases",
            Table::CaseEvents => "case_events",
            Table::Appointments => "appointments",
            Table::AuditLog => "audit_log",
        }
    }
}

async fn insert_event(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    case: &CaseId,
    seq: i64,
    at: Timestamp,
    actor: &UserId,
    event: &CaseEvent,
) -> Result<()> {
    let body = serde_json::to_string(event).map_err(corrupt)?;
    sqlx::query("INSERT INTO case_events (case_id, seq, at, actor_user_id, kind, body) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(case.as_str())
        .bind(seq)
        .bind(ms(at))
        .bind(actor.as_str())
        .bind(event.name())
        .bind(body)
        .execute(&mut **tx)
        .await
        .map_err(|e| if is_unique_violation(&e) { StoreError::Conflict } else { e.into() })?;
    Ok(())
}

/// Projects a case's sessions into `appointments` (the caller deleted the old rows).
pub(crate) async fn insert_appointments(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    case: &Case,
) -> Result<()> {
    for s in &case.sessions {
        sqlx::query(
            "INSERT INTO appointments (session_id, case_id, org_id, kind, starts_at, ends_at, \
             supervisor_user_id, location_id, room_id, state, place_kind, partner_org_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(s.id.as_str())
        .bind(case.id.as_str())
        .bind(case.organisation.as_str())
        .bind(json_name(&s.kind))
        .bind(s.starts_at.to_string())
        .bind(s.ends_at().to_string())
        .bind(s.supervisor.as_ref().map(|u| u.0.clone()))
        .bind(s.place.location_id.clone())
        .bind(s.place.room_id.clone())
        .bind(session_state_name(&s.state))
        .bind(json_name(&s.place.kind))
        .bind(s.partner.as_ref().map(|o| o.0.clone()))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// `LIMIT`/`OFFSET` of a case filter (numbers, never text from outside).
fn page_sql(filter: &CaseFilter) -> String {
    match (filter.limit, filter.offset) {
        (Some(l), Some(o)) => format!(" LIMIT {l} OFFSET {o}"),
        (Some(l), None) => format!(" LIMIT {l}"),
        (None, Some(o)) => format!(" LIMIT 1000000000 OFFSET {o}"),
        (None, None) => String::new(),
    }
}

impl Store {
    /// How many cases a filter matches (for the pages of a list).
    pub async fn count_cases(&self, filter: &CaseFilter) -> Result<i64> {
        let (conditions, binds) = case_conditions(filter);
        let sql = format!("SELECT COUNT(*) AS n FROM cases WHERE {conditions}");
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for b in &binds {
            query = query.bind(b.clone());
        }
        Ok(query.fetch_one(&self.pool).await?.try_get("n")?)
    }
}

/// The WHERE conditions of a case filter (`$1`, `$2`, … for the values returned).
pub(crate) fn case_conditions(filter: &CaseFilter) -> (String, Vec<String>) {
    let mut sql = String::from("1 = 1");
    let mut binds: Vec<String> = Vec::new();
    if let Some(scope) = &filter.scope {
        let mut bind = |v: &str| {
            binds.push(v.to_owned());
            binds.len()
        };
        let condition = match scope {
            CaseScope::All => "1 = 1".to_owned(),
            CaseScope::Organisation(org) => format!("org_id = ${}", bind(org)),
            CaseScope::Supervisor(user) => format!(
                "(supervisor_user_id = ${} OR id IN (SELECT case_id FROM appointments WHERE supervisor_user_id = ${}))",
                bind(user),
                bind(user)
            ),
            CaseScope::Partner(org) => format!("partner_org_id = ${}", bind(org)),
            CaseScope::CaseDirector(user) => format!("case_director_user_id = ${}", bind(user)),
            CaseScope::Referrer(user) => format!(
                "(referrer_user_id = ${} OR id IN (SELECT case_id FROM case_accounts WHERE user_id = ${}))",
                bind(user),
                bind(user)
            ),
            CaseScope::Linked(user) => format!(
                "id IN (SELECT case_id FROM case_accounts WHERE user_id = ${})",
                bind(user)
            ),
        };
        sql.push_str(" AND ");
        sql.push_str(&condition);
    }
    let columns = [
        ("org_id", &filter.org_id),
        ("status", &filter.status),
        ("programme_id", &filter.programme_id),
        ("supervisor_user_id", &filter.supervisor_user_id),
        ("partner_org_id", &filter.partner_org_id),
        ("case_director_user_id", &filter.case_director_user_id),
        ("referrer_user_id", &filter.referrer_user_id),
    ];
    for (column, value) in columns {
        if let Some(v) = value {
            binds.push(v.clone());
            sql.push_str(&format!(" AND {column} = ${}", binds.len()));
        }
    }
    if filter.open_only {
        sql.push_str(" AND status <> 'closed'");
    }
    if let Some((from, to)) = filter.planned_between {
        // Stored as `YYYY-MM-DDTHH:MM:SS[.f]`: compared as text, whole seconds around the
        // range keep every session in it.
        binds.push(from.strftime("%Y-%m-%dT%H:%M:%S").to_string());
        binds.push(
            to.checked_add(jiff::Span::new().seconds(1))
                .unwrap_or(to)
                .strftime("%Y-%m-%dT%H:%M:%S")
                .to_string(),
        );
        let (a, b) = (binds.len() - 1, binds.len());
        sql.push_str(&format!(
            " AND id IN (SELECT case_id FROM appointments WHERE state = 'planned' \
             AND starts_at >= ${a} AND starts_at <= ${b})"
        ));
    }
    if let Some(day) = filter.may_signal_on {
        // Known quiet on `day`: checked on or before it, first signal after it.
        binds.push(day.to_string());
        let n = binds.len();
        sql.push_str(&format!(
            " AND (signals_checked_on IS NULL OR signals_checked_on > ${n} OR signals_from <= ${n})"
        ));
    }
    (sql, binds)
}

fn touches_sessions(event: &CaseEvent) -> bool {
    matches!(
        event,
        CaseEvent::SessionPlanned(_)
            | CaseEvent::SessionHeld { .. }
            | CaseEvent::SessionCancelled { .. }
            | CaseEvent::SessionNoShow { .. }
    )
}

fn dup(e: sqlx::Error, what: &str) -> StoreError {
    if is_unique_violation(&e) {
        StoreError::Duplicate(what.to_owned())
    } else {
        e.into()
    }
}

/// The serde name of a unit-like enum value (e.g. `supervised_visit`).
pub fn json_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn status_name(case: &Case) -> String {
    json_name(&case.status)
}

fn session_state_name(state: &omgang_domain::case::SessionState) -> &'static str {
    use omgang_domain::case::SessionState as S;
    match state {
        S::Planned => "planned",
        S::Held { .. } => "held",
        S::Cancelled { .. } => "cancelled",
        S::NoShow { .. } => "no_show",
    }
}

trait FromRow: Sized {
    fn from_row(row: &AnyRow) -> Result<Self>;
}
