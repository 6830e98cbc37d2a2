//! Storage of sign-in secrets other than passwords: TOTP secrets (sealed by the caller),
//! recovery codes (hashed by the caller), sessions that wait for the second factor, and
//! calendar feed addresses (hashed).

use sqlx::Row;

use crate::{Result, Store, StoreError};

/// A user's TOTP state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TotpState {
    /// The sealed secret in use, when two-factor sign-in is on.
    pub secret: Option<String>,
    /// The sealed secret being enrolled, until confirmed.
    pub pending: Option<String>,
    /// The last time step a code was accepted for (a code works once).
    pub last_step: Option<i64>,
}

impl Store {
    pub async fn totp_state(&self, user_id: &str) -> Result<TotpState> {
        let row = sqlx::query(
            "SELECT totp_secret, totp_pending, totp_last_step FROM users WHERE id = $1",
        )
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(TotpState {
            secret: row.try_get("totp_secret")?,
            pending: row.try_get("totp_pending")?,
            last_step: row.try_get("totp_last_step")?,
        })
    }

    pub async fn set_totp_pending(&self, user_id: &str, sealed: &str) -> Result<()> {
        sqlx::query("UPDATE users SET totp_pending = $2 WHERE id = $1")
            .bind(user_id)
            .bind(sealed)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Turns the pending secret on and replaces the recovery codes, in one transaction.
    pub async fn enable_totp(
        &self,
        user_id: &str,
        sealed: &str,
        step: i64,
        code_hashes: &[String],
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE users SET totp_secret = $2, totp_pending = NULL, totp_last_step = $3 WHERE id = $1")
            .bind(user_id)
            .bind(sealed)
            .bind(step)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        for hash in code_hashes {
            sqlx::query(
                "INSERT INTO recovery_codes (user_id, code_hash, used_at) VALUES ($1, $2, NULL)",
            )
            .bind(user_id)
            .bind(hash)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Records that a code of time step `step` was used; false when that step (or a later
    /// one) was used already, so a code cannot be replayed.
    pub async fn use_totp_step(&self, user_id: &str, step: i64) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)",
        )
        .bind(user_id)
        .bind(step)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Uses a recovery code once; false when unknown or used before.
    pub async fn use_recovery_code(&self, user_id: &str, code_hash: &str, at: i64) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL",
        )
        .bind(user_id)
        .bind(code_hash)
        .bind(at)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn unused_recovery_codes(&self, user_id: &str) -> Result<i64> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL",
        )
        .bind(user_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get("n")?)
    }

    /// A session that waits for the second factor (or its enrolment).
    pub async fn insert_pending_session(
        &self,
        id_hash: &str,
        user_id: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO auth_sessions (id_hash, user_id, created_at, last_seen_at, expires_at, pending) \
             VALUES ($1, $2, $3, $3, $4, 1)",
        )
        .bind(id_hash)
        .bind(user_id)
        .bind(now)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The user of a live session waiting for its second factor.
    pub async fn pending_session_user(&self, id_hash: &str, now: i64) -> Result<Option<String>> {
        let row = sqlx::query("SELECT user_id FROM auth_sessions WHERE id_hash = $1 AND pending = 1 AND expires_at > $2")
            .bind(id_hash)
            .bind(now)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| r.try_get::<String, _>("user_id"))
            .transpose()
            .map_err(Into::into)
    }

    pub async fn insert_calendar_feed(
        &self,
        id: &str,
        user_id: &str,
        token_hash: &str,
        at: i64,
    ) -> Result<()> {
        sqlx::query("INSERT INTO calendar_feeds (id, user_id, token_hash, created_at) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(user_id)
            .bind(token_hash)
            .bind(at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The user of a calendar feed that was not revoked.
    pub async fn calendar_feed_user(&self, token_hash: &str) -> Result<Option<String>> {
        let row = sqlx::query(
            "SELECT user_id FROM calendar_feeds WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| r.try_get::<String, _>("user_id"))
            .transpose()
            .map_err(Into::into)
    }

    pub async fn revoke_calendar_feed(&self, id: &str, user_id: &str, at: i64) -> Result<()> {
        let done = sqlx::query("UPDATE calendar_feeds SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL")
            .bind(id)
            .bind(user_id)
            .bind(at)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// A password reset link, queued together with the mail that carries it.
    pub async fn insert_password_reset(
        &self,
        token_hash: &str,
        user_id: &str,
        now: i64,
        expires_at: i64,
        mail: &crate::OutboxMail,
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(user_id)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
        crate::outbox::enqueue(&mut tx, mail, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The user a reset link is for, if it is unused and not expired (without using it).
    pub async fn password_reset_user(&self, token_hash: &str, now: i64) -> Result<Option<String>> {
        let row = sqlx::query(
            "SELECT user_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| r.try_get::<String, _>("user_id"))
            .transpose()
            .map_err(Into::into)
    }

    /// Uses a reset link once: the user it was for, if it is unused and not expired.
    pub async fn use_password_reset(&self, token_hash: &str, now: i64) -> Result<Option<String>> {
        let row = sqlx::query(
            "UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 \
             RETURNING user_id",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| r.try_get::<String, _>("user_id"))
            .transpose()
            .map_err(Into::into)
    }
}
