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
mod agenda;
mod attachments;
mod audit;
mod beheer;
mod bulk;
mod case_cache;
mod changes;
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

    // ---- organisations ----------------------------------------------------------------

    pub async fn insert_organisation(&self, org: &OrganisationRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO organisations (id, name, kind, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&org.id)
        .bind(&org.name)
        .bind(&org.kind)
        .bind(org.created_at)
        .execute(&self.pool)
        .await
        .map_err(|e| dup(e, &org.name))?;
        Ok(())
    }

    pub async fn organisations(&self) -> Result<Vec<OrganisationRow>> {
        let rows =
            sqlx::query("SELECT id, name, kind, created_at FROM organisations ORDER BY name")
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(OrganisationRow::from_row).collect()
    }

    pub async fn organisation(&self, id: &str) -> Result<OrganisationRow> {
        let row = sqlx::query("SELECT id, name, kind, created_at FROM organisations WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        OrganisationRow::from_row(&row)
    }

    // ---- users ------------------------------------------------------------------------

    pub async fn insert_user(&self, user: &UserRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO users (id, org_id, email, name, role, password_hash, is_volunteer, \
             vog_issued_on, training_completed_on, active, lang, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(&user.id)
        .bind(&user.org_id)
        .bind(&user.email)
        .bind(&user.name)
        .bind(&user.role)
        .bind(&user.password_hash)
        .bind(i64::from(user.is_volunteer))
        .bind(&user.vog_issued_on)
        .bind(&user.training_completed_on)
        .bind(i64::from(user.active))
        .bind(&user.lang)
        .bind(user.created_at)
        .execute(&self.pool)
        .await
        .map_err(|e| dup(e, &user.email))?;
        Ok(())
    }

    pub async fn update_user(&self, user: &UserRow) -> Result<()> {
        let done = sqlx::query(
            "UPDATE users SET name = $2, role = $3, is_volunteer = $4, vog_issued_on = $5, \
             training_completed_on = $6, active = $7, lang = $8, password_hash = $9 WHERE id = $1",
        )
        .bind(&user.id)
        .bind(&user.name)
        .bind(&user.role)
        .bind(i64::from(user.is_volunteer))
        .bind(&user.vog_issued_on)
        .bind(&user.training_completed_on)
        .bind(i64::from(user.active))
        .bind(&user.lang)
        .bind(&user.password_hash)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    pub async fn user(&self, id: &str) -> Result<UserRow> {
        let row = sqlx::query(AssertSqlSafe(format!("{USER_SELECT} WHERE id = $1")))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        UserRow::from_row(&row)
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRow>> {
        let row = sqlx::query(AssertSqlSafe(format!("{USER_SELECT} WHERE email = $1")))
            .bind(email.trim().to_lowercase())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(UserRow::from_row).transpose()
    }

    pub async fn users_of(&self, org_id: &str) -> Result<Vec<UserRow>> {
        let rows = sqlx::query(AssertSqlSafe(format!(
            "{USER_SELECT} WHERE org_id = $1 ORDER BY name"
        )))
        .bind(org_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(UserRow::from_row).collect()
    }

    pub async fn all_users(&self) -> Result<Vec<UserRow>> {
        let rows = sqlx::query(AssertSqlSafe(format!("{USER_SELECT} ORDER BY name")))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(UserRow::from_row).collect()
    }

    // ---- sign-in sessions and tokens -----------------------------------------------------

    pub async fn insert_auth_session(
        &self,
        id_hash: &str,
        user_id: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO auth_sessions (id_hash, user_id, created_at, last_seen_at, expires_at) \
             VALUES ($1, $2, $3, $3, $4)",
        )
        .bind(id_hash)
        .bind(user_id)
        .bind(now)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The user of a live sign-in session, read with the session in one round trip. A session
    /// past its time is deleted; its use is noted at most once a minute.
    pub async fn auth_session_user(
        &self,
        id_hash: &str,
        now: i64,
        idle_ms: i64,
    ) -> Result<Option<UserRow>> {
        let row = sqlx::query(
            "SELECT u.id, u.org_id, u.email, u.name, u.role, u.password_hash, u.is_volunteer, \
             u.vog_issued_on, u.training_completed_on, u.active, u.lang, u.created_at, \
             s.last_seen_at, s.expires_at FROM auth_sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.id_hash = $1 AND s.pending = 0",
        )
        .bind(id_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let last_seen: i64 = row.try_get("last_seen_at")?;
        let expires: i64 = row.try_get("expires_at")?;
        if now >= expires || now - last_seen > idle_ms {
            self.delete_auth_session(id_hash).await?;
            return Ok(None);
        }
        if now - last_seen > 60_000 {
            sqlx::query("UPDATE auth_sessions SET last_seen_at = $2 WHERE id_hash = $1")
                .bind(id_hash)
                .bind(now)
                .execute(&self.pool)
                .await?;
        }
        Ok(Some(UserRow::from_row(&row)?))
    }

    pub async fn delete_auth_session(&self, id_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM auth_sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Records a sign-in attempt.
    pub async fn record_login_attempt(
        &self,
        id: &str,
        email: &str,
        ip: &str,
        at: i64,
        succeeded: bool,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO login_attempts (id, email, ip, at, succeeded) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(email)
        .bind(ip)
        .bind(at)
        .bind(i64::from(succeeded))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Failed sign-in attempts since `since` for an e-mail address and for an address.
    pub async fn failed_logins_since(
        &self,
        email: &str,
        ip: &str,
        since: i64,
    ) -> Result<(i64, i64)> {
        let row = sqlx::query(
            "SELECT \
               (SELECT COUNT(*) FROM login_attempts WHERE email = $1 AND at >= $3 AND succeeded = 0) AS by_email, \
               (SELECT COUNT(*) FROM login_attempts WHERE ip = $2 AND at >= $3 AND succeeded = 0) AS by_ip",
        )
        .bind(email)
        .bind(ip)
        .bind(since)
        .fetch_one(&self.pool)
        .await?;
        Ok((row.try_get("by_email")?, row.try_get("by_ip")?))
    }

    /// Ends every sign-in session of a user (sign out everywhere).
    pub async fn delete_user_sessions(&self, user_id: &str) -> Result<u64> {
        let done = sqlx::query("DELETE FROM auth_sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    pub async fn insert_token(&self, token: &TokenRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, expires_at, revoked_at, scope) \
             VALUES ($1, $2, $3, $4, $5, $6, NULL, $7)",
        )
        .bind(&token.id)
        .bind(&token.user_id)
        .bind(&token.name)
        .bind(&token.token_hash)
        .bind(token.created_at)
        .bind(token.expires_at)
        .bind(&token.scope)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The user and scope of a valid (unexpired, unrevoked) token.
    pub async fn token_user(&self, token_hash: &str, now: i64) -> Result<Option<(String, String)>> {
        let row = sqlx::query(
            "SELECT user_id, scope FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(r) => Ok(Some((r.try_get("user_id")?, r.try_get("scope")?))),
            None => Ok(None),
        }
    }

    pub async fn revoke_token(&self, id: &str, user_id: &str, now: i64) -> Result<()> {
        let done =
            sqlx::query("UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2")
                .bind(id)
                .bind(user_id)
                .bind(now)
                .execute(&self.pool)
                .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    // ---- programmes ---------------------------------------------------------------------

    /// Stores a programme definition; `replace` lets the built-ins be refreshed at start.
    /// True when the stored source changed (new, or other rules than before).
    pub async fn upsert_programme(&self, row: &ProgrammeRow) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO programmes (id, org_id, source, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id) DO UPDATE SET source = excluded.source \
             WHERE programmes.source <> excluded.source",
        )
        .bind(&row.id)
        .bind(&row.org_id)
        .bind(&row.source)
        .bind(row.created_at)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    pub async fn insert_programme(&self, row: &ProgrammeRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO programmes (id, org_id, source, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&row.id)
        .bind(&row.org_id)
        .bind(&row.source)
        .bind(row.created_at)
        .execute(&self.pool)
        .await
        .map_err(|e| dup(e, &row.id))?;
        Ok(())
    }

    pub async fn programmes(&self) -> Result<Vec<ProgrammeRow>> {
        let rows = sqlx::query("SELECT id, org_id, source, created_at FROM programmes ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(ProgrammeRow::from_row).collect()
    }

    // ---- locations -------------------------------------------------------------------------

    pub async fn insert_location(&self, loc: &LocationRow) -> Result<()> {
        sqlx::query("INSERT INTO locations (id, org_id, name, address, margin_minutes) VALUES ($1, $2, $3, $4, $5)")
            .bind(&loc.id)
            .bind(&loc.org_id)
            .bind(&loc.name)
            .bind(&loc.address)
            .bind(loc.margin_minutes)
            .execute(&self.pool)
            .await?;
        for room in &loc.rooms {
            sqlx::query(
                "INSERT INTO rooms (id, location_id, name, room_type) VALUES ($1, $2, $3, $4)",
            )
            .bind(&room.id)
            .bind(&loc.id)
            .bind(&room.name)
            .bind(&room.room_type)
            .execute(&self.pool)
            .await?;
        }
        Ok(())
    }

    /// The locations of an organisation with their rooms, by name: one query (a location and
    /// its rooms as rows of a join) instead of one per location.
    pub async fn locations_of(&self, org_id: &str) -> Result<Vec<LocationRow>> {
        let rows = sqlx::query(
            "SELECT l.id, l.org_id, l.name, l.address, l.margin_minutes, r.id AS room_id, \
             r.name AS room_name, r.room_type FROM locations l \
             LEFT JOIN rooms r ON r.location_id = l.id \
             WHERE l.org_id = $1 ORDER BY l.name, l.id, r.name, r.id",
        )
        .bind(org_id)
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<LocationRow> = Vec::new();
        for row in &rows {
            let id: String = row.try_get("id")?;
            if out.last().is_none_or(|l| l.id != id) {
                out.push(LocationRow::from_row(row)?);
            }
            if let (Some(room_id), Some(location)) =
                (row.try_get::<Option<String>, _>("room_id")?, out.last_mut())
            {
                location.rooms.push(RoomRow {
                    id: room_id,
                    name: row.try_get("room_name")?,
                    room_type: row.try_get("room_type")?,
                });
            }
        }
        Ok(out)
    }

    // ---- cases --------------------------------------------------------------------------------

    /// Creates a case from its first event, giving it the next reference number of the year.
    /// Returns the reference.
    pub async fn create_case(
        &self,
        case: &mut Case,
        first: &CaseEvent,
        year: i16,
        at: Timestamp,
        actor: &UserId,
        watch: SignalWatch,
    ) -> Result<String> {
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query(
            "INSERT INTO case_reference_counters (year, next_number) VALUES ($1, 1) \
             ON CONFLICT (year) DO UPDATE SET next_number = case_reference_counters.next_number + 1 \
             RETURNING next_number",
        )
        .bind(i64::from(year))
        .fetch_one(&mut *tx)
        .await?;
        let number: i64 = row.try_get("next_number")?;
        let reference = format!("{year}-{number:05}");
        case.reference.clone_from(&reference);
        let mut first = first.clone();
        if let CaseEvent::Registered(r) = &mut first {
            r.reference.clone_from(&reference);
        }
        let snapshot = serde_json::to_string(case).map_err(corrupt)?;
        sqlx::query(
            "INSERT INTO cases (id, reference, org_id, programme_id, status, phase, registered_on, \
             coordinator_user_id, supervisor_user_id, partner_org_id, case_director_user_id, referrer_user_id, \
             version, snapshot, updated_at, signals_checked_on, signals_from) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $14, $15, $16)",
        )
        .bind(case.id.as_str())
        .bind(&reference)
        .bind(case.organisation.as_str())
        .bind(&case.programme)
        .bind(status_name(case))
        .bind(case.phase.clone())
        .bind(case.registered_on.to_string())
        .bind(case.coordinator.as_ref().map(|u| u.0.clone()))
        .bind(case.supervisor.as_ref().map(|u| u.0.clone()))
        .bind(case.partner.as_ref().map(|o| o.0.clone()))
        .bind(case.case_director.as_ref().map(|u| u.0.clone()))
        .bind(case.referrer_user.as_ref().map(|u| u.0.clone()))
        .bind(snapshot)
        .bind(ms(at))
        .bind(watch.checked_on.to_string())
        .bind(watch.first_signal.map(|d| d.to_string()))
        .execute(&mut *tx)
        .await
        .map_err(|e| dup(e, case.id.as_str()))?;
        insert_event(&mut tx, &case.id, 1, at, actor, &first).await?;
        search::write_search(&mut tx, case).await?;
        tx.commit().await?;
        Ok(reference)
    }

    /// The case and its version.
    pub async fn case(&self, id: &CaseId) -> Result<(Case, i64)> {
        let row = sqlx::query("SELECT snapshot, version FROM cases WHERE id = $1")
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        let snapshot: String = row.try_get("snapshot")?;
        let version: i64 = row.try_get("version")?;
        let case: Case = serde_json::from_str(&snapshot).map_err(corrupt)?;
        Ok((case, version))
    }

    /// Records a change of a case last read at `version`: its events, the new folded state
    /// (`case`), the mail the change causes and the case's signals projection.
    /// Fails with [`StoreError::Conflict`] when someone else wrote in between.
    pub async fn append(&self, case: &Case, version: i64, change: &CaseChange<'_>) -> Result<i64> {
        let CaseChange {
            events,
            at,
            actor,
            mails,
            watch,
        } = *change;
        let new_version = version + i64::try_from(events.len()).map_err(corrupt)?;
        let snapshot = serde_json::to_string(case).map_err(corrupt)?;
        let mut tx = self.pool.begin().await?;
        // The guarded update comes first: it takes SQLite's write lock at once.
        let done = sqlx::query(
            "UPDATE cases SET status = $3, phase = $4, coordinator_user_id = $5, supervisor_user_id = $6, \
             partner_org_id = $7, case_director_user_id = $8, version = $9, snapshot = $10, updated_at = $11, \
             closed_on = $12, signals_checked_on = $13, signals_from = $14 WHERE id = $1 AND version = $2",
        )
        .bind(case.id.as_str())
        .bind(version)
        .bind(status_name(case))
        .bind(case.phase.clone())
        .bind(case.coordinator.as_ref().map(|u| u.0.clone()))
        .bind(case.supervisor.as_ref().map(|u| u.0.clone()))
        .bind(case.partner.as_ref().map(|o| o.0.clone()))
        .bind(case.case_director.as_ref().map(|u| u.0.clone()))
        .bind(new_version)
        .bind(snapshot)
        .bind(ms(at))
        .bind(case.closed_on.map(|d| d.to_string()))
        .bind(watch.checked_on.to_string())
        .bind(watch.first_signal.map(|d| d.to_string()))
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Conflict);
        }
        for (i, event) in events.iter().enumerate() {
            let seq = version + 1 + i64::try_from(i).map_err(corrupt)?;
            insert_event(&mut tx, &case.id, seq, at, actor, event).await?;
        }
        if events.iter().any(touches_sessions) {
            sqlx::query("DELETE FROM appointments WHERE case_id = $1")
                .bind(case.id.as_str())
                .execute(&mut *tx)
                .await?;
            insert_appointments(&mut tx, case).await?;
        }
        search::write_search(&mut tx, case).await?;
        // Mail caused by this change is queued with it: both happen, or neither.
        for mail in mails {
            outbox::enqueue(&mut tx, mail, ms(at)).await?;
        }
        tx.commit().await?;
        Ok(new_version)
    }

    /// The recorded events of a case, oldest first.
    pub async fn events(&self, id: &CaseId) -> Result<Vec<StoredEvent>> {
        let rows = sqlx::query(
            "SELECT seq, at, actor_user_id, body FROM case_events WHERE case_id = $1 ORDER BY seq",
        )
        .bind(id.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let body: String = r.try_get("body")?;
                Ok(StoredEvent {
                    seq: r.try_get("seq")?,
                    at: from_ms(r.try_get("at")?),
                    actor: UserId(r.try_get("actor_user_id")?),
                    event: serde_json::from_str(&body).map_err(corrupt)?,
                })
            })
            .collect()
    }

    /// Case summaries matching a filter, newest registration first.
    pub async fn case_summaries(&self, filter: &CaseFilter) -> Result<Vec<CaseSummaryRow>> {
        let (conditions, binds) = case_conditions(filter);
        let sql = format!(
            "SELECT id, reference, org_id, programme_id, status, phase, registered_on, supervisor_user_id, \
             partner_org_id, case_director_user_id, referrer_user_id, coordinator_user_id FROM cases \
             WHERE {conditions} ORDER BY {}{}",
            filter.order.sql(),
            page_sql(filter)
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for b in &binds {
            query = query.bind(b.clone());
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(CaseSummaryRow::from_row).collect()
    }

    /// Full cases matching a filter (for signals and views that need the whole state), in the
    /// filter's order. First which cases and at which versions (never touching a snapshot),
    /// then the snapshots of only those this process has not parsed at that version
    /// (`case_cache`). Each step is one row: the driver hands rows over one at a time between
    /// threads, and an organisation's signals read hundreds of cases.
    pub async fn cases(&self, filter: &CaseFilter) -> Result<Vec<Arc<Case>>> {
        let (conditions, binds) = case_conditions(filter);
        // The order matters here only for a page (an aggregate keeps none of its own, so the
        // cases are put in order again below); without one, the ids and versions can come
        // from an index alone.
        let order = if filter.limit.is_some() || filter.offset.is_some() {
            format!(" ORDER BY {}{}", filter.order.sql(), page_sql(filter))
        } else {
            String::new()
        };
        let sql = format!(
            "SELECT {} AS chosen FROM (SELECT id, version FROM cases WHERE {conditions}{order}) \
             AS chosen",
            // Case ids are ours (UUIDs): no space or comma in them.
            self.text_agg("id || ' ' || CAST(version AS TEXT)"),
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for b in &binds {
            query = query.bind(b.clone());
        }
        let row = query.fetch_one(&self.pool).await?;
        let Some(chosen) = row.try_get::<Option<String>, _>("chosen")? else {
            return Ok(Vec::new());
        };
        let mut cases = self.cases_at_versions(&chosen).await?;
        // An aggregate keeps no order of its own: the filter's order again.
        cases.sort_by(|a, b| filter.order.compare(a, b));
        Ok(cases)
    }

    /// The texts of `expr` over a query's rows joined by commas, in each engine's words.
    pub(crate) fn text_agg(&self, expr: &str) -> String {
        match self.backend {
            Backend::Sqlite => format!("group_concat({expr}, ',')"),
            Backend::Postgres => format!("string_agg({expr}, ',')"),
        }
    }

    /// The cases of `chosen` (`id version,id version,…`, as the aggregates of
    /// [`Store::cases`] and the figures build it), in that order: from the cache where it
    /// holds that version, the rest read and parsed (and kept). A case deleted in between is
    /// left out.
    pub(crate) async fn cases_at_versions(&self, chosen: &str) -> Result<Vec<Arc<Case>>> {
        let mut found: Vec<Option<Arc<Case>>> = Vec::new();
        let mut missing: HashMap<&str, (usize, i64)> = HashMap::new();
        for (i, pair) in chosen.split(',').enumerate() {
            let (id, version) = pair
                .split_once(' ')
                .ok_or_else(|| corrupt(format!("case and version '{pair}'")))?;
            let version: i64 = version.parse().map_err(corrupt)?;
            let cached = self.case_cache.get(id, version);
            if cached.is_none() {
                missing.insert(id, (i, version));
            }
            found.push(cached);
        }
        if !missing.is_empty() {
            let ids: Vec<&str> = missing.keys().copied().collect();
            let ids_json = serde_json::to_string(&ids).map_err(corrupt)?;
            let mut keep = |case: Case, bytes: usize| {
                // A case changed in between is kept under the version asked for: the next
                // read sees a newer version in the database and reads it again.
                if let Some((i, version)) = missing.remove(case.id.as_str()) {
                    let case = Arc::new(case);
                    self.case_cache.put(case.clone(), version, bytes);
                    found[i] = Some(case);
                }
            };
            match self.backend {
                // One row: SQLite's driver hands rows over one at a time between threads.
                // Both aggregates see the rows in the same order; the lengths weigh the
                // entries of the cache.
                Backend::Sqlite => {
                    let row = sqlx::query(
                        "SELECT group_concat(snapshot, ',') AS snapshots, \
                         group_concat(length(snapshot), ',') AS lengths \
                         FROM cases WHERE id IN (SELECT value FROM json_each($1))",
                    )
                    .bind(ids_json)
                    .fetch_one(&self.pool)
                    .await?;
                    let snapshots: Option<String> = row.try_get("snapshots")?;
                    let lengths: Option<String> = row.try_get("lengths")?;
                    if let (Some(snapshots), Some(lengths)) = (snapshots, lengths) {
                        let parsed = serde_json::from_str::<Vec<Case>>(&format!("[{snapshots}]"))
                            .map_err(corrupt)?;
                        for (case, length) in parsed.into_iter().zip(lengths.split(',')) {
                            keep(case, length.parse().unwrap_or(4096));
                        }
                    }
                }
                // PostgreSQL streams rows faster than it builds one long text (the figures of
                // a funder's year: p99 82 ms row by row, 605 ms aggregated).
                Backend::Postgres => {
                    let rows = sqlx::query(
                        "SELECT snapshot FROM cases WHERE id IN \
                         (SELECT jsonb_array_elements_text(CAST($1 AS jsonb)))",
                    )
                    .bind(ids_json)
                    .fetch_all(&self.pool)
                    .await?;
                    for row in rows {
                        let snapshot: String = row.try_get("snapshot")?;
                        let case: Case = serde_json::from_str(&snapshot).map_err(corrupt)?;
                        keep(case, snapshot.len());
                    }
                }
            }
        }
        Ok(found.into_iter().flatten().collect())
    }

    /// Planned sessions of a supervisor between two local date-times, over all cases.
    pub async fn supervisor_appointments(
        &self,
        user_id: &str,
        from: &str,
        to: &str,
    ) -> Result<Vec<AppointmentRow>> {
        let rows = sqlx::query(AssertSqlSafe(format!(
            "{APPOINTMENT_SELECT} WHERE supervisor_user_id = $1 AND starts_at < $3 AND ends_at > $2 ORDER BY starts_at"
        )))
        .bind(user_id)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(AppointmentRow::from_row).collect()
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
