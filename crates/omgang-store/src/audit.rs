//! The audit log as a hash chain (NEN 7513: who accessed which client record, tamper-evident).
//!
//! Every line stores `seq`, the hash of the line before it and its own hash over all its
//! fields. Appending takes the chain head (`audit_chain`, one row) under a row lock, so lines
//! from several instances form one chain. [`Store::verify_audit`] recomputes it.

use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::{AuditRow, FromRow, Result, Store};

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
        let mut tx = self.pool.begin().await?;
        // Locks the head (PostgreSQL: row lock; SQLite: the write lock) until commit.
        let head =
            sqlx::query("UPDATE audit_chain SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
                .fetch_one(&mut *tx)
                .await?;
        let seq: i64 = head.try_get("seq")?;
        let prev: String = head.try_get("hash")?;
        let hash = line_hash(&prev, seq, entry);
        sqlx::query(
            "INSERT INTO audit_log (id, at, user_id, role, org_id, action, case_id, detail, ip, allowed, seq, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(&entry.id)
        .bind(entry.at)
        .bind(&entry.user_id)
        .bind(&entry.role)
        .bind(&entry.org_id)
        .bind(&entry.action)
        .bind(&entry.case_id)
        .bind(&entry.detail)
        .bind(&entry.ip)
        .bind(i64::from(entry.allowed))
        .bind(seq)
        .bind(&prev)
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE audit_chain SET hash = $1 WHERE id = 1")
            .bind(&hash)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

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
