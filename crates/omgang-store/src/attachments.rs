//! Files of a case and an organisation's logo, kept in the database (so a backup holds them
//! and retention removes them with the case). The content is read only when a file is
//! downloaded; lists read the facts about the files.

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Result, Store};

/// What is known of a stored file, without its content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentRow {
    pub id: String,
    pub case_id: String,
    /// The file's name as uploaded (checked by the application layer).
    pub name: String,
    /// Found from the content, never from the upload's own claim.
    pub media_type: String,
    pub size: i64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    pub description: String,
    pub uploaded_by: String,
    /// Milliseconds since the epoch.
    pub uploaded_at: i64,
}

const FACTS: &str =
    "id, case_id, name, media_type, size, sha256, description, uploaded_by, uploaded_at";

fn facts(r: &AnyRow) -> Result<AttachmentRow> {
    Ok(AttachmentRow {
        id: r.try_get("id")?,
        case_id: r.try_get("case_id")?,
        name: r.try_get("name")?,
        media_type: r.try_get("media_type")?,
        size: r.try_get("size")?,
        sha256: r.try_get("sha256")?,
        description: r.try_get("description")?,
        uploaded_by: r.try_get("uploaded_by")?,
        uploaded_at: r.try_get("uploaded_at")?,
    })
}

impl Store {
    pub async fn insert_attachment(&self, row: &AttachmentRow, content: &[u8]) -> Result<()> {
        sqlx::query(
            "INSERT INTO attachments (id, case_id, name, media_type, size, sha256, description, \
             uploaded_by, uploaded_at, content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&row.id)
        .bind(&row.case_id)
        .bind(&row.name)
        .bind(&row.media_type)
        .bind(row.size)
        .bind(&row.sha256)
        .bind(&row.description)
        .bind(&row.uploaded_by)
        .bind(row.uploaded_at)
        .bind(content.to_vec())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The files of a case, the newest first (without their content).
    pub async fn attachments_of(&self, case_id: &str) -> Result<Vec<AttachmentRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {FACTS} FROM attachments WHERE case_id = $1 ORDER BY uploaded_at DESC, id"
        )))
        .bind(case_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(facts).collect()
    }

    /// One file of a case with its content.
    pub async fn attachment(
        &self,
        case_id: &str,
        id: &str,
    ) -> Result<Option<(AttachmentRow, Vec<u8>)>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {FACTS}, content FROM attachments WHERE case_id = $1 AND id = $2"
        )))
        .bind(case_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((facts(&r)?, r.try_get::<Vec<u8>, _>("content")?)))
            .transpose()
    }

    /// Removes a file of a case; false when there was none.
    pub async fn delete_attachment(&self, case_id: &str, id: &str) -> Result<bool> {
        let done = sqlx::query("DELETE FROM attachments WHERE case_id = $1 AND id = $2")
            .bind(case_id)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The organisation's logo: `(media type, bytes)`.
    pub async fn logo(&self, org_id: &str) -> Result<Option<(String, Vec<u8>)>> {
        let row =
            sqlx::query("SELECT media_type, content FROM organisation_logos WHERE org_id = $1")
                .bind(org_id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|r| Ok((r.try_get("media_type")?, r.try_get("content")?)))
            .transpose()
    }

    /// Sets (or, with `None`, removes) the organisation's logo.
    pub async fn set_logo(&self, org_id: &str, logo: Option<(&str, &[u8])>, at: i64) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM organisation_logos WHERE org_id = $1")
            .bind(org_id)
            .execute(&mut *tx)
            .await?;
        if let Some((media_type, content)) = logo {
            sqlx::query(
                "INSERT INTO organisation_logos (org_id, media_type, content, updated_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(org_id)
            .bind(media_type)
            .bind(content.to_vec())
            .bind(at)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
