//! Organisations, users, their sign-in sessions and API tokens, programme definitions and
//! locations: the rows a case refers to.

use super::*;

impl Store {
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
        let rows = sqlx::query(AssertSqlSafe(format!(
            "{ORGANISATION_SELECT} ORDER BY name"
        )))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(OrganisationRow::from_row).collect()
    }

    /// The organisations of one kind (`provider`, `partner`, `funder`, …), by name: a page's
    /// choice of partners reads those, not all four hundred organisations of the country.
    pub async fn organisations_of_kind(&self, kind: &str) -> Result<Vec<OrganisationRow>> {
        let rows = sqlx::query(AssertSqlSafe(format!(
            "{ORGANISATION_SELECT} WHERE kind = $1 ORDER BY name"
        )))
        .bind(kind)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(OrganisationRow::from_row).collect()
    }

    pub async fn organisation(&self, id: &str) -> Result<OrganisationRow> {
        let row = sqlx::query(AssertSqlSafe(format!(
            "{ORGANISATION_SELECT} WHERE id = $1"
        )))
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

    /// The user of a live sign-in session and the version of their organisation's directory
    /// (see [`Store::directory`]), read with the session in one round trip. A session past its
    /// time is deleted; its use is noted at most once a minute.
    pub async fn auth_session_user(
        &self,
        id_hash: &str,
        now: i64,
        idle_ms: i64,
    ) -> Result<Option<(UserRow, i64)>> {
        let row = sqlx::query(
            "SELECT u.id, u.org_id, u.email, u.name, u.role, u.password_hash, u.is_volunteer, \
             u.vog_issued_on, u.training_completed_on, u.active, u.lang, u.created_at, \
             s.last_seen_at, s.expires_at, o.directory_version FROM auth_sessions s \
             JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.org_id \
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
        let directory_version: i64 = row.try_get("directory_version")?;
        Ok(Some((UserRow::from_row(&row)?, directory_version)))
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
}
