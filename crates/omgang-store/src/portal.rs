//! The portal's storage: which user account is which person of a case (`case_accounts`), and
//! the one-time invitations that make those accounts (`invitations`, only the secret's hash).

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{FromRow, Result, Store, StoreError, UserRow, dup};

/// One person of a case with a user account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseAccountRow {
    pub case_id: String,
    pub person_id: String,
    pub user_id: String,
    pub created_at: i64,
}

impl FromRow for CaseAccountRow {
    fn from_row(r: &AnyRow) -> Result<Self> {
        Ok(CaseAccountRow {
            case_id: r.try_get("case_id")?,
            person_id: r.try_get("person_id")?,
            user_id: r.try_get("user_id")?,
            created_at: r.try_get("created_at")?,
        })
    }
}

/// An invitation to make an account (the secret itself is only in the e-mail).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvitationRow {
    pub id: String,
    pub token_hash: String,
    pub email: String,
    pub name: String,
    /// The role the account gets (parent, referrer, partner_staff).
    pub role: String,
    pub org_id: String,
    pub case_id: Option<String>,
    pub person_id: Option<String>,
    pub lang: String,
    pub invited_by: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub accepted_at: Option<i64>,
    pub user_id: Option<String>,
}

impl FromRow for InvitationRow {
    fn from_row(r: &AnyRow) -> Result<Self> {
        Ok(InvitationRow {
            id: r.try_get("id")?,
            token_hash: r.try_get("token_hash")?,
            email: r.try_get("email")?,
            name: r.try_get("name")?,
            role: r.try_get("role")?,
            org_id: r.try_get("org_id")?,
            case_id: r.try_get("case_id")?,
            person_id: r.try_get("person_id")?,
            lang: r.try_get("lang")?,
            invited_by: r.try_get("invited_by")?,
            created_at: r.try_get("created_at")?,
            expires_at: r.try_get("expires_at")?,
            accepted_at: r.try_get("accepted_at")?,
            user_id: r.try_get("user_id")?,
        })
    }
}

const INVITATION_SELECT: &str = "SELECT id, token_hash, email, name, role, org_id, case_id, person_id, lang, \
     invited_by, created_at, expires_at, accepted_at, user_id FROM invitations";

impl Store {
    /// Every person-of-a-case link of a user.
    pub async fn case_accounts_of(&self, user_id: &str) -> Result<Vec<CaseAccountRow>> {
        let rows = sqlx::query(
            "SELECT case_id, person_id, user_id, created_at FROM case_accounts WHERE user_id = $1 ORDER BY created_at",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(CaseAccountRow::from_row).collect()
    }

    /// The accounts of the people of one case.
    pub async fn case_accounts(&self, case_id: &str) -> Result<Vec<CaseAccountRow>> {
        let rows = sqlx::query(
            "SELECT case_id, person_id, user_id, created_at FROM case_accounts WHERE case_id = $1 ORDER BY created_at",
        )
        .bind(case_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(CaseAccountRow::from_row).collect()
    }

    /// Links a user account to a person of a case (once per person).
    pub async fn link_case_account(&self, link: &CaseAccountRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO case_accounts (case_id, person_id, user_id, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&link.case_id)
        .bind(&link.person_id)
        .bind(&link.user_id)
        .bind(link.created_at)
        .execute(&self.pool)
        .await
        .map_err(|e| dup(e, "this person already has an account"))?;
        Ok(())
    }

    /// An invitation, queued together with the mail that carries its link.
    pub async fn insert_invitation(
        &self,
        row: &InvitationRow,
        mail: &crate::OutboxMail,
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO invitations (id, token_hash, email, name, role, org_id, case_id, person_id, lang, invited_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(&row.id)
        .bind(&row.token_hash)
        .bind(&row.email)
        .bind(&row.name)
        .bind(&row.role)
        .bind(&row.org_id)
        .bind(&row.case_id)
        .bind(&row.person_id)
        .bind(&row.lang)
        .bind(&row.invited_by)
        .bind(row.created_at)
        .bind(row.expires_at)
        .execute(&mut *tx)
        .await?;
        crate::outbox::enqueue(&mut tx, mail, row.created_at).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The invitation behind a secret's hash, used or not.
    pub async fn invitation_by_hash(&self, token_hash: &str) -> Result<Option<InvitationRow>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{INVITATION_SELECT} WHERE token_hash = $1"
        )))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(InvitationRow::from_row).transpose()
    }

    /// The invitations of a case, newest first.
    pub async fn invitations_of_case(&self, case_id: &str) -> Result<Vec<InvitationRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{INVITATION_SELECT} WHERE case_id = $1 ORDER BY created_at DESC"
        )))
        .bind(case_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(InvitationRow::from_row).collect()
    }

    /// The invitations of professionals (no case) sent by one user, newest first.
    pub async fn staff_invitations_by(&self, invited_by: &str) -> Result<Vec<InvitationRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{INVITATION_SELECT} WHERE case_id IS NULL AND invited_by = $1 ORDER BY created_at DESC"
        )))
        .bind(invited_by)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(InvitationRow::from_row).collect()
    }

    /// Every invitation sent to an address (lower case), oldest first: for a person's export.
    pub async fn invitations_to(&self, email: &str) -> Result<Vec<InvitationRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{INVITATION_SELECT} WHERE LOWER(email) = $1 ORDER BY created_at"
        )))
        .bind(email)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(InvitationRow::from_row).collect()
    }

    /// The invitations accepted as (or linked to) one user account, oldest first.
    pub async fn invitations_of_user(&self, user_id: &str) -> Result<Vec<InvitationRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{INVITATION_SELECT} WHERE user_id = $1 ORDER BY created_at"
        )))
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(InvitationRow::from_row).collect()
    }

    /// Accepts an invitation once: marks it used, makes the account and (for a person of a
    /// case) links it, all in one transaction. `NotFound` when the link is unknown, used or
    /// expired; `Duplicate` when the address has an account already.
    pub async fn accept_invitation(
        &self,
        token_hash: &str,
        user: &UserRow,
        now: i64,
    ) -> Result<InvitationRow> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE invitations SET accepted_at = $2, user_id = $3 \
             WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now)
        .bind(&user.id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{INVITATION_SELECT} WHERE token_hash = $1"
        )))
        .bind(token_hash)
        .fetch_one(&mut *tx)
        .await?;
        let invitation = InvitationRow::from_row(&row)?;
        sqlx::query(
            "INSERT INTO users (id, org_id, email, name, role, password_hash, is_volunteer, vog_issued_on, \
             training_completed_on, active, lang, created_at) VALUES ($1, $2, $3, $4, $5, $6, 0, NULL, NULL, 1, $7, $8)",
        )
        .bind(&user.id)
        .bind(&user.org_id)
        .bind(&user.email)
        .bind(&user.name)
        .bind(&user.role)
        .bind(&user.password_hash)
        .bind(&user.lang)
        .bind(user.created_at)
        .execute(&mut *tx)
        .await
        .map_err(|e| dup(e, "an account with this e-mail address"))?;
        if let (Some(case_id), Some(person_id)) = (&invitation.case_id, &invitation.person_id) {
            sqlx::query(
                "INSERT INTO case_accounts (case_id, person_id, user_id, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(case_id)
            .bind(person_id)
            .bind(&user.id)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(|e| dup(e, "this person already has an account"))?;
        }
        tx.commit().await?;
        Ok(invitation)
    }

    /// Coordinators of an organisation who are active (for the daily digest).
    pub async fn active_users_with_role(&self, role: &str) -> Result<Vec<UserRow>> {
        Ok(self
            .all_users()
            .await?
            .into_iter()
            .filter(|u| u.active && u.role == role)
            .collect())
    }
}
