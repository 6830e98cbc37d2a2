//! The e-mail outbox: queued with the change that caused it, claimed by one worker at a time,
//! retried with backoff, and ending as sent or failed.

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Backend, Result, Store};

/// A message to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxMail {
    pub id: String,
    /// The same key is queued once (e.g. `report-released:<report>:<person>`).
    pub dedupe_key: String,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub case_id: Option<String>,
}

/// A message as stored, with its delivery state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxRow {
    pub mail: OutboxMail,
    /// queued, sending, sent, failed
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
}

fn row(r: &AnyRow) -> Result<OutboxRow> {
    Ok(OutboxRow {
        mail: OutboxMail {
            id: r.try_get("id")?,
            dedupe_key: r.try_get("dedupe_key")?,
            to_address: r.try_get("to_address")?,
            subject: r.try_get("subject")?,
            body: r.try_get("body")?,
            case_id: r.try_get("case_id")?,
        },
        status: r.try_get("status")?,
        attempts: r.try_get("attempts")?,
        last_error: r.try_get("last_error")?,
    })
}

const COLUMNS: &str =
    "id, dedupe_key, to_address, subject, body, case_id, status, attempts, last_error";

pub(crate) async fn enqueue(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    mail: &OutboxMail,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO outbox (id, dedupe_key, to_address, subject, body, case_id, status, attempts, next_attempt_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'queued', 0, $7, $7) ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind(&mail.id)
    .bind(&mail.dedupe_key)
    .bind(&mail.to_address)
    .bind(&mail.subject)
    .bind(&mail.body)
    .bind(&mail.case_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// Claims up to `limit` due messages for `worker`. Two workers never get the same one; a
    /// claim older than `stale_ms` (its worker died mid-send) is taken over.
    pub async fn claim_mail(
        &self,
        worker: &str,
        now: i64,
        limit: i64,
        stale_ms: i64,
    ) -> Result<Vec<OutboxRow>> {
        let lock = match self.backend {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            // SQLite has one writer at a time: the UPDATE below is the lock.
            Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE outbox SET status = 'sending', claimed_by = $1, claimed_at = $2 WHERE id IN (\
               SELECT id FROM outbox WHERE (status = 'queued' AND next_attempt_at <= $2) \
               OR (status = 'sending' AND claimed_at < $4) ORDER BY created_at LIMIT $3{lock}) \
             RETURNING {COLUMNS}"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(worker)
            .bind(now)
            .bind(limit)
            .bind(now - stale_ms)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(row).collect()
    }

    pub async fn mail_sent(&self, id: &str, worker: &str, now: i64) -> Result<()> {
        sqlx::query("UPDATE outbox SET status = 'sent', sent_at = $3, attempts = attempts + 1 WHERE id = $1 AND claimed_by = $2")
            .bind(id)
            .bind(worker)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Records a failed attempt: queued again at `next_at`, or failed for good when `last`.
    pub async fn mail_attempt_failed(
        &self,
        id: &str,
        error: &str,
        next_at: i64,
        last: bool,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE outbox SET status = $2, attempts = attempts + 1, last_error = $3, next_attempt_at = $4, \
             claimed_by = NULL WHERE id = $1",
        )
        .bind(id)
        .bind(if last { "failed" } else { "queued" })
        .bind(error)
        .bind(next_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn outbox(&self) -> Result<Vec<OutboxRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM outbox ORDER BY created_at, id"
        )))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(row).collect()
    }

    /// Queues messages outside a case write (e.g. a daily digest).
    pub async fn enqueue_mail(&self, mails: &[OutboxMail], now: i64) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        for mail in mails {
            enqueue(&mut tx, mail, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
