//! The audit log as a hash chain (NEN 7513: who accessed which client record, tamper-evident).
//!
//! Every line stores `seq`, the hash of the line before it and its own hash over all its
//! fields. Appending takes the chain head (`audit_chain`, one row) under a row lock, so lines
//! from several instances form one chain. [`Store::verify_audit`] recomputes it.

use sha2::{Digest, Sha256};
use sqlx::{AnyPool, Row};
use tokio::sync::{mpsc, oneshot};

use crate::bulk::{AUDIT_COLUMNS, JsonRows, Value, insert_rows};
use crate::{AuditRow, Backend, FromRow, Result, Store, StoreError};

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An audit line with its place in the chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditLine {
    pub row: AuditRow,
    pub seq: i64,
    pub prev_hash: String,
    pub hash: String,
}

/// What `verify_audit` found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainReport {
    pub lines: i64,
    /// The first line whose hash or link does not match, with the reason.
    pub first_broken: Option<(i64, String)>,
}

/// The hash of one line, over every field, chained to `prev`.
pub fn line_hash(prev: &str, seq: i64, row: &AuditRow) -> String {
    const SEP: &str = "\u{1f}";
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "\u{0}".to_owned());
    let text = [
        prev.to_owned(),
        seq.to_string(),
        row.id.clone(),
        row.at.to_string(),
        opt(&row.user_id),
        opt(&row.role),
        opt(&row.org_id),
        row.action.clone(),
        opt(&row.case_id),
        row.detail.clone(),
        opt(&row.ip),
        (if row.allowed { "1" } else { "0" }).to_owned(),
    ]
    .join(SEP);
    hex::encode(Sha256::digest(text.as_bytes()))
}

impl Store {
    /// Appends one line to the chain.
    pub async fn append_audit(&self, entry: &AuditRow) -> Result<()> {
        self.append_audit_many(std::slice::from_ref(entry)).await
    }

    /// Appends lines to the chain, in the order given, and returns once they are committed.
    /// Lines that arrive while a commit runs are committed together in the next one (group
    /// commit): one wait for the disk for many requests, and no contention on the chain head.
    pub async fn append_audit_many(&self, entries: &[AuditRow]) -> Result<()> {
        if entries.is_empty() {
            return Ok(());
        }
        self.audit.append(entries.to_vec()).await
    }
}

type Reply = oneshot::Sender<std::result::Result<(), String>>;

/// The queue to this process's audit writer.
#[derive(Clone, Debug)]
pub(crate) struct AuditQueue {
    sender: mpsc::UnboundedSender<(Vec<AuditRow>, Reply)>,
}

/// At most this many lines per commit.
const MAX_GROUP: usize = 512;

impl AuditQueue {
    /// Starts the writer task; it ends when the last `Store` clone is dropped.
    pub(crate) fn start(pool: AnyPool, backend: Backend) -> AuditQueue {
        let (sender, mut receiver) = mpsc::unbounded_channel::<(Vec<AuditRow>, Reply)>();
        tokio::spawn(async move {
            while let Some(first) = receiver.recv().await {
                let mut group = vec![first];
                let mut lines = group[0].0.len();
                while lines < MAX_GROUP {
                    match receiver.try_recv() {
                        Ok(next) => {
                            lines += next.0.len();
                            group.push(next);
                        }
                        Err(_) => break,
                    }
                }
                let rows: Vec<&AuditRow> = group.iter().flat_map(|(rows, _)| rows).collect();
                let result = write_lines(&pool, backend, &rows)
                    .await
                    .map_err(|e| e.to_string());
                if let Err(e) = &result {
                    tracing::error!(error = %e, lines = rows.len(), "audit lines not written");
                }
                for (_, reply) in group {
                    let _ = reply.send(result.clone());
                }
            }
        });
        AuditQueue { sender }
    }

    async fn append(&self, rows: Vec<AuditRow>) -> Result<()> {
        let (reply, answer) = oneshot::channel();
        self.sender
            .send((rows, reply))
            .map_err(|_| StoreError::Audit("the audit writer has stopped".into()))?;
        match answer.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(StoreError::Audit(e)),
            Err(_) => Err(StoreError::Audit("the audit writer has stopped".into())),
        }
    }
}

/// Appends `entries` to the chain in one transaction: the lines go in as one statement (a
/// JSON array of rows), not one statement each.
async fn write_lines(pool: &AnyPool, backend: Backend, entries: &[&AuditRow]) -> Result<()> {
    let Ok(count) = i64::try_from(entries.len()) else {
        return Err(StoreError::Corrupt("too many audit lines".into()));
    };
    let mut tx = pool.begin().await?;
    // Locks the head (PostgreSQL: row lock; SQLite: the write lock) until commit, and
    // reserves `count` sequence numbers.
    let head =
        sqlx::query("UPDATE audit_chain SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash")
            .bind(count)
            .fetch_one(&mut *tx)
            .await?;
    let last_seq: i64 = head.try_get("seq")?;
    let mut prev: String = head.try_get("hash")?;
    let mut rows = JsonRows::default();
    for (i, entry) in (0..count).zip(entries) {
        let seq = last_seq - count + 1 + i;
        let hash = line_hash(&prev, seq, entry);
        rows.push(vec![
            Value::Text(entry.id.clone()),
            Value::Int(entry.at),
            Value::Opt(entry.user_id.clone()),
            Value::Opt(entry.role.clone()),
            Value::Opt(entry.org_id.clone()),
            Value::Text(entry.action.clone()),
            Value::Opt(entry.case_id.clone()),
            Value::Text(entry.detail.clone()),
            Value::Opt(entry.ip.clone()),
            Value::Int(i64::from(entry.allowed)),
            Value::Int(seq),
            Value::Text(std::mem::replace(&mut prev, hash.clone())),
            Value::Text(hash),
        ]);
    }
    insert_rows(&mut tx, backend, "audit_log", AUDIT_COLUMNS, rows).await?;
    sqlx::query("UPDATE audit_chain SET hash = $1 WHERE id = 1")
        .bind(&prev)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

impl Store {
    /// Lines with `seq > after`, in order, at most `limit`.
    pub async fn audit_lines(&self, after: i64, limit: i64) -> Result<Vec<AuditLine>> {
        let rows = sqlx::query(
            "SELECT id, at, user_id, role, org_id, action, case_id, detail, ip, allowed, seq, prev_hash, hash \
             FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AuditLine {
                    row: AuditRow::from_row(r)?,
                    seq: r.try_get("seq")?,
                    prev_hash: r
                        .try_get::<Option<String>, _>("prev_hash")?
                        .unwrap_or_default(),
                    hash: r.try_get::<Option<String>, _>("hash")?.unwrap_or_default(),
                })
            })
            .collect()
    }

    /// Recomputes the whole chain and reports the first broken link.
    pub async fn verify_audit(&self) -> Result<ChainReport> {
        let mut prev = GENESIS.to_owned();
        let mut expected_seq = 1;
        let mut lines = 0;
        loop {
            let batch = self.audit_lines(expected_seq - 1, 5_000).await?;
            if batch.is_empty() {
                break;
            }
            for line in batch {
                lines += 1;
                let broken = if line.seq != expected_seq {
                    Some(format!(
                        "line {expected_seq} is missing (next is {})",
                        line.seq
                    ))
                } else if line.prev_hash != prev {
                    Some("does not link to the line before it".to_owned())
                } else if line_hash(&prev, line.seq, &line.row) != line.hash {
                    Some("its contents were changed after it was written".to_owned())
                } else {
                    None
                };
                if let Some(reason) = broken {
                    return Ok(ChainReport {
                        lines,
                        first_broken: Some((expected_seq, reason)),
                    });
                }
                prev = line.hash;
                expected_seq += 1;
            }
        }
        let head = sqlx::query("SELECT seq, hash FROM audit_chain WHERE id = 1")
            .fetch_one(&self.pool)
            .await?;
        let head_seq: i64 = head.try_get("seq")?;
        let head_hash: String = head.try_get("hash")?;
        if head_seq != expected_seq - 1 || head_hash != prev {
            return Ok(ChainReport {
                lines,
                first_broken: Some((
                    expected_seq,
                    format!(
                        "the chain ends at line {} but its head says {head_seq}",
                        expected_seq - 1
                    ),
                )),
            });
        }
        Ok(ChainReport {
            lines,
            first_broken: None,
        })
    }
}
