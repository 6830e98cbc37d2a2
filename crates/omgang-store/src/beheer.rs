//! Storage for administration (migration 0013): a location's entrances and rooms, the weekly
//! availability of supervisors and volunteers, the programmes an organisation opens for public
//! registration, the public form's counter per address, and a user's language.

use sqlx::Row;

use crate::{Result, RoomRow, Store, StoreError};

/// One weekly time slot in which a supervisor or volunteer is available.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AvailabilityRow {
    pub id: String,
    pub user_id: String,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: i64,
    /// `HH:MM`
    pub starts: String,
    /// `HH:MM`
    pub ends: String,
}

impl Store {
    /// The entrances of each location of an organisation (location id, one entrance a line).
    pub async fn location_entrances(&self, org_id: &str) -> Result<Vec<(String, String)>> {
        let rows = sqlx::query("SELECT id, entrances FROM locations WHERE org_id = $1")
            .bind(org_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("entrances")?)))
            .collect()
    }

    /// Changes a location of an organisation (not found when it is another's).
    pub async fn update_location(
        &self,
        org_id: &str,
        id: &str,
        name: &str,
        address: &str,
        margin_minutes: i64,
        entrances: &str,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE locations SET name = $3, address = $4, margin_minutes = $5, entrances = $6 \
             WHERE id = $1 AND org_id = $2",
        )
        .bind(id)
        .bind(org_id)
        .bind(name)
        .bind(address)
        .bind(margin_minutes)
        .bind(entrances)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Adds a room to a location of an organisation (not found when it is another's).
    pub async fn insert_room(&self, org_id: &str, location_id: &str, room: &RoomRow) -> Result<()> {
        let owner = sqlx::query("SELECT id FROM locations WHERE id = $1 AND org_id = $2")
            .bind(location_id)
            .bind(org_id)
            .fetch_optional(&self.pool)
            .await?;
        if owner.is_none() {
            return Err(StoreError::NotFound);
        }
        sqlx::query("INSERT INTO rooms (id, location_id, name, room_type) VALUES ($1, $2, $3, $4)")
            .bind(&room.id)
            .bind(location_id)
            .bind(&room.name)
            .bind(&room.room_type)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The weekly availability of every user of an organisation.
    pub async fn availability_of_org(&self, org_id: &str) -> Result<Vec<AvailabilityRow>> {
        let rows = sqlx::query(
            "SELECT a.id, a.user_id, a.weekday, a.starts, a.ends FROM staff_availability a \
             JOIN users u ON u.id = a.user_id WHERE u.org_id = $1 ORDER BY a.weekday, a.starts",
        )
        .bind(org_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AvailabilityRow {
                    id: r.try_get("id")?,
                    user_id: r.try_get("user_id")?,
                    weekday: r.try_get("weekday")?,
                    starts: r.try_get("starts")?,
                    ends: r.try_get("ends")?,
                })
            })
            .collect()
    }

    /// Replaces a user's weekly availability, in one transaction.
    pub async fn replace_availability(
        &self,
        user_id: &str,
        slots: &[AvailabilityRow],
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM staff_availability WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        for s in slots {
            sqlx::query(
                "INSERT INTO staff_availability (id, user_id, weekday, starts, ends) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&s.id)
            .bind(user_id)
            .bind(s.weekday)
            .bind(&s.starts)
            .bind(&s.ends)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The programmes each organisation opens for public registration: (org id, programme id).
    pub async fn public_programmes(&self) -> Result<Vec<(String, String)>> {
        let rows = sqlx::query(
            "SELECT org_id, programme_id FROM public_programmes ORDER BY org_id, programme_id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("org_id")?, r.try_get("programme_id")?)))
            .collect()
    }

    /// Opens (or closes) a programme for public registration at an organisation.
    pub async fn set_public_programme(
        &self,
        org_id: &str,
        programme_id: &str,
        open: bool,
    ) -> Result<()> {
        sqlx::query("DELETE FROM public_programmes WHERE org_id = $1 AND programme_id = $2")
            .bind(org_id)
            .bind(programme_id)
            .execute(&self.pool)
            .await?;
        if open {
            sqlx::query("INSERT INTO public_programmes (org_id, programme_id) VALUES ($1, $2)")
                .bind(org_id)
                .bind(programme_id)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// Counts a submission of the public form from an address. Addresses are personal data:
    /// counts older than a day are removed on the way.
    pub async fn record_public_submission(&self, id: &str, ip: &str, at: i64) -> Result<()> {
        sqlx::query("DELETE FROM public_submissions WHERE at < $1")
            .bind(at - 86_400_000)
            .execute(&self.pool)
            .await?;
        sqlx::query("INSERT INTO public_submissions (id, ip, at) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(ip)
            .bind(at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Submissions of the public form from an address since a moment.
    pub async fn public_submissions_since(&self, ip: &str, since: i64) -> Result<i64> {
        let row =
            sqlx::query("SELECT COUNT(*) AS n FROM public_submissions WHERE ip = $1 AND at >= $2")
                .bind(ip)
                .bind(since)
                .fetch_one(&self.pool)
                .await?;
        Ok(row.try_get("n")?)
    }

    /// Remembers a user's language (nl or en).
    pub async fn set_user_lang(&self, user_id: &str, lang: &str) -> Result<()> {
        sqlx::query("UPDATE users SET lang = $2 WHERE id = $1")
            .bind(user_id)
            .bind(lang)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
