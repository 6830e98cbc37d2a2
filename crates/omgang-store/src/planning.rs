//! Storage for the weekly planner (migration 0033): the family's time windows per case,
//! locations' opening hours, supervisors' weekly hours, the requests a coordinator dropped
//! from a week, and the planner's runs (instance and proposal as JSON).

use sqlx::{AssertSqlSafe, Row};

use crate::{Result, Store, StoreError};

/// A weekly time slot: a family's window or a location's opening hours.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoursRow {
    /// The case or the location.
    pub owner_id: String,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: i64,
    /// `HH:MM`
    pub starts: String,
    /// `HH:MM`
    pub ends: String,
}

/// A request a coordinator added to a week.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddedRequestRow {
    pub id: String,
    pub org_id: String,
    /// `YYYY-Www`
    pub week: String,
    pub case_id: String,
    /// The session kind (`supervised_visit`, …).
    pub kind: String,
    pub minutes: i64,
    pub added_by: String,
    pub at: i64,
}

/// A run of the planner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanningRunRow {
    pub id: String,
    pub org_id: String,
    /// `YYYY-Www`
    pub week: String,
    pub created_by: String,
    pub created_at: i64,
    pub seconds: i64,
    /// The requests as the coordinator saw them (JSON, the app's request views).
    pub requests: String,
    /// The instance (JSON, FORMAT.md).
    pub instance: String,
    /// The proposal (JSON solution with `unplaced_reasons`).
    pub solution: String,
    /// What became of accepted placements: JSON object request id → outcome.
    pub accepted: String,
}

fn hours_rows(rows: &[sqlx::any::AnyRow], owner: &str) -> Result<Vec<HoursRow>> {
    rows.iter()
        .map(|r| {
            Ok(HoursRow {
                owner_id: r.try_get(owner)?,
                weekday: r.try_get("weekday")?,
                starts: r.try_get("starts")?,
                ends: r.try_get("ends")?,
            })
        })
        .collect()
}

/// A case's weekly slots: the family's time windows or the children's school hours (the
/// same shape, two tables).
#[derive(Clone, Copy)]
enum CaseSlots {
    Windows,
    School,
}

impl CaseSlots {
    fn table(self) -> &'static str {
        match self {
            CaseSlots::Windows => "case_windows",
            CaseSlots::School => "case_school_hours",
        }
    }
}

impl Store {
    async fn case_slots_of_org(&self, which: CaseSlots, org_id: &str) -> Result<Vec<HoursRow>> {
        let rows = sqlx::query(AssertSqlSafe(format!(
            "SELECT w.case_id, w.weekday, w.starts, w.ends FROM {} w \
             JOIN cases c ON c.id = w.case_id WHERE c.org_id = $1 ORDER BY w.weekday, w.starts",
            which.table()
        )))
        .bind(org_id)
        .fetch_all(&self.pool)
        .await?;
        hours_rows(&rows, "case_id")
    }

    async fn case_slots(&self, which: CaseSlots, case_id: &str) -> Result<Vec<HoursRow>> {
        let rows = sqlx::query(AssertSqlSafe(format!(
            "SELECT case_id, weekday, starts, ends FROM {} WHERE case_id = $1 \
             ORDER BY weekday, starts",
            which.table()
        )))
        .bind(case_id)
        .fetch_all(&self.pool)
        .await?;
        hours_rows(&rows, "case_id")
    }

    async fn replace_case_slots(
        &self,
        which: CaseSlots,
        case_id: &str,
        slots: &[HoursRow],
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(AssertSqlSafe(format!(
            "DELETE FROM {} WHERE case_id = $1",
            which.table()
        )))
        .bind(case_id)
        .execute(&mut *tx)
        .await?;
        for (i, w) in slots.iter().enumerate() {
            sqlx::query(AssertSqlSafe(format!(
                "INSERT INTO {} (id, case_id, weekday, starts, ends) VALUES ($1, $2, $3, $4, $5)",
                which.table()
            )))
            .bind(format!("{case_id}:{i}"))
            .bind(case_id)
            .bind(w.weekday)
            .bind(&w.starts)
            .bind(&w.ends)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The time windows of the cases of an organisation.
    pub async fn case_windows_of_org(&self, org_id: &str) -> Result<Vec<HoursRow>> {
        self.case_slots_of_org(CaseSlots::Windows, org_id).await
    }

    /// The time windows of one case.
    pub async fn case_windows(&self, case_id: &str) -> Result<Vec<HoursRow>> {
        self.case_slots(CaseSlots::Windows, case_id).await
    }

    /// Replaces a case's time windows, in one transaction.
    pub async fn replace_case_windows(&self, case_id: &str, windows: &[HoursRow]) -> Result<()> {
        self.replace_case_slots(CaseSlots::Windows, case_id, windows)
            .await
    }

    /// The children's school hours of the cases of an organisation.
    pub async fn school_hours_of_org(&self, org_id: &str) -> Result<Vec<HoursRow>> {
        self.case_slots_of_org(CaseSlots::School, org_id).await
    }

    /// The children's school hours of one case.
    pub async fn school_hours(&self, case_id: &str) -> Result<Vec<HoursRow>> {
        self.case_slots(CaseSlots::School, case_id).await
    }

    /// Replaces a case's school hours, in one transaction.
    pub async fn replace_school_hours(&self, case_id: &str, hours: &[HoursRow]) -> Result<()> {
        self.replace_case_slots(CaseSlots::School, case_id, hours)
            .await
    }

    /// The travel times between an organisation's locations: (from, to, minutes).
    pub async fn travel_of_org(&self, org_id: &str) -> Result<Vec<(String, String, i64)>> {
        let rows = sqlx::query(
            "SELECT t.from_location, t.to_location, t.minutes FROM location_travel t \
             JOIN locations l ON l.id = t.from_location WHERE l.org_id = $1 \
             ORDER BY t.from_location, t.to_location",
        )
        .bind(org_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("from_location")?,
                    r.try_get("to_location")?,
                    r.try_get("minutes")?,
                ))
            })
            .collect()
    }

    /// Replaces the travel times from one of an organisation's locations, in one transaction
    /// (not found when the location is another organisation's).
    pub async fn replace_travel_from(
        &self,
        org_id: &str,
        from: &str,
        travel: &[(String, i64)],
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let owned = sqlx::query("SELECT id FROM locations WHERE id = $1 AND org_id = $2")
            .bind(from)
            .bind(org_id)
            .fetch_optional(&mut *tx)
            .await?;
        if owned.is_none() {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM location_travel WHERE from_location = $1")
            .bind(from)
            .execute(&mut *tx)
            .await?;
        for (to, minutes) in travel {
            sqlx::query(
                "INSERT INTO location_travel (from_location, to_location, minutes) VALUES ($1, $2, $3)",
            )
            .bind(from)
            .bind(to)
            .bind(minutes)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The opening hours of the locations of an organisation.
    pub async fn location_hours_of_org(&self, org_id: &str) -> Result<Vec<HoursRow>> {
        let rows = sqlx::query(
            "SELECT h.location_id, h.weekday, h.opens AS starts, h.closes AS ends FROM location_hours h \
             JOIN locations l ON l.id = h.location_id WHERE l.org_id = $1 ORDER BY h.weekday, h.opens",
        )
        .bind(org_id)
        .fetch_all(&self.pool)
        .await?;
        hours_rows(&rows, "location_id")
    }

    /// Replaces a location's opening hours (not found when it is another organisation's).
    pub async fn replace_location_hours(
        &self,
        org_id: &str,
        location_id: &str,
        hours: &[HoursRow],
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let owner = sqlx::query("SELECT id FROM locations WHERE id = $1 AND org_id = $2")
            .bind(location_id)
            .bind(org_id)
            .fetch_optional(&mut *tx)
            .await?;
        if owner.is_none() {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM location_hours WHERE location_id = $1")
            .bind(location_id)
            .execute(&mut *tx)
            .await?;
        for (i, h) in hours.iter().enumerate() {
            sqlx::query(
                "INSERT INTO location_hours (id, location_id, weekday, opens, closes) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(format!("{location_id}:{i}"))
            .bind(location_id)
            .bind(h.weekday)
            .bind(&h.starts)
            .bind(&h.ends)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The weekly minutes of the users of an organisation that have them: (user id, minutes).
    pub async fn staff_hours_of_org(&self, org_id: &str) -> Result<Vec<(String, i64)>> {
        let rows = sqlx::query(
            "SELECT h.user_id, h.weekly_minutes FROM staff_hours h JOIN users u ON u.id = h.user_id \
             WHERE u.org_id = $1",
        )
        .bind(org_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("user_id")?, r.try_get("weekly_minutes")?)))
            .collect()
    }

    /// Sets (or, with `None`, clears) a user's weekly minutes.
    pub async fn set_staff_hours(&self, user_id: &str, minutes: Option<i64>) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM staff_hours WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if let Some(m) = minutes {
            sqlx::query("INSERT INTO staff_hours (user_id, weekly_minutes) VALUES ($1, $2)")
                .bind(user_id)
                .bind(m)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The requests dropped from a week of an organisation.
    pub async fn dropped_requests(&self, org_id: &str, week: &str) -> Result<Vec<String>> {
        let rows = sqlx::query(
            "SELECT request_id FROM planning_dropped WHERE org_id = $1 AND week = $2 ORDER BY request_id",
        )
        .bind(org_id)
        .bind(week)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(r.try_get("request_id")?)).collect()
    }

    /// Drops a request from a week (`dropped`), or takes it back.
    pub async fn set_request_dropped(
        &self,
        org_id: &str,
        week: &str,
        request_id: &str,
        dropped: bool,
        by: &str,
        at: i64,
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "DELETE FROM planning_dropped WHERE org_id = $1 AND week = $2 AND request_id = $3",
        )
        .bind(org_id)
        .bind(week)
        .bind(request_id)
        .execute(&mut *tx)
        .await?;
        if dropped {
            sqlx::query(
                "INSERT INTO planning_dropped (org_id, week, request_id, dropped_by, at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(org_id)
            .bind(week)
            .bind(request_id)
            .bind(by)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The requests added to a week of an organisation, oldest first.
    pub async fn added_requests(&self, org_id: &str, week: &str) -> Result<Vec<AddedRequestRow>> {
        let rows = sqlx::query(
            "SELECT id, org_id, week, case_id, kind, minutes, added_by, at FROM planning_added \
             WHERE org_id = $1 AND week = $2 ORDER BY at, id",
        )
        .bind(org_id)
        .bind(week)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AddedRequestRow {
                    id: r.try_get("id")?,
                    org_id: r.try_get("org_id")?,
                    week: r.try_get("week")?,
                    case_id: r.try_get("case_id")?,
                    kind: r.try_get("kind")?,
                    minutes: r.try_get("minutes")?,
                    added_by: r.try_get("added_by")?,
                    at: r.try_get("at")?,
                })
            })
            .collect()
    }

    /// Adds a request to a week.
    pub async fn insert_added_request(&self, row: &AddedRequestRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO planning_added (id, org_id, week, case_id, kind, minutes, added_by, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&row.id)
        .bind(&row.org_id)
        .bind(&row.week)
        .bind(&row.case_id)
        .bind(&row.kind)
        .bind(row.minutes)
        .bind(&row.added_by)
        .bind(row.at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Stores a run of the planner.
    pub async fn insert_planning_run(&self, run: &PlanningRunRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO planning_runs (id, org_id, week, created_by, created_at, seconds, requests, instance, solution, accepted) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&run.id)
        .bind(&run.org_id)
        .bind(&run.week)
        .bind(&run.created_by)
        .bind(run.created_at)
        .bind(run.seconds)
        .bind(&run.requests)
        .bind(&run.instance)
        .bind(&run.solution)
        .bind(&run.accepted)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A run of an organisation's week (not found when it is another's, or another week's).
    pub async fn planning_run(&self, org_id: &str, week: &str, id: &str) -> Result<PlanningRunRow> {
        let row = sqlx::query(
            "SELECT id, org_id, week, created_by, created_at, seconds, requests, instance, solution, accepted \
             FROM planning_runs WHERE id = $1 AND org_id = $2 AND week = $3",
        )
        .bind(id)
        .bind(org_id)
        .bind(week)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(PlanningRunRow {
            id: row.try_get("id")?,
            org_id: row.try_get("org_id")?,
            week: row.try_get("week")?,
            created_by: row.try_get("created_by")?,
            created_at: row.try_get("created_at")?,
            seconds: row.try_get("seconds")?,
            requests: row.try_get("requests")?,
            instance: row.try_get("instance")?,
            solution: row.try_get("solution")?,
            accepted: row.try_get("accepted")?,
        })
    }

    /// The latest run of an organisation's week, if any: its id.
    pub async fn latest_planning_run(&self, org_id: &str, week: &str) -> Result<Option<String>> {
        let row = sqlx::query(
            "SELECT id FROM planning_runs WHERE org_id = $1 AND week = $2 \
             ORDER BY created_at DESC, id DESC LIMIT 1",
        )
        .bind(org_id)
        .bind(week)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| r.try_get("id").map_err(StoreError::from))
            .transpose()
    }

    /// Claims a request of a run for accepting: `true` when this caller has it, `false` when
    /// another accept is planning it or has planned it. The primary key and the state decide,
    /// on both engines: an open item (refused, or waiting for confirmation) may be claimed
    /// again, and so may a claim left unsettled for five minutes (its process stopped).
    pub async fn claim_planning_request(&self, run: &str, request: &str, at: i64) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO planning_accepts (run_id, request_id, state, item, at) \
             VALUES ($1, $2, 'claimed', '', $3) \
             ON CONFLICT (run_id, request_id) DO UPDATE SET state = 'claimed', at = excluded.at \
             WHERE planning_accepts.state = 'open' \
                OR (planning_accepts.state = 'claimed' AND planning_accepts.at < excluded.at - 300000)",
        )
        .bind(run)
        .bind(request)
        .bind(at)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records what became of a claimed request (`planned`: it stays taken; otherwise it is
    /// open again), with the item (JSON) to show.
    pub async fn settle_planning_request(
        &self,
        run: &str,
        request: &str,
        planned: bool,
        item: &str,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE planning_accepts SET state = $3, item = $4 WHERE run_id = $1 AND request_id = $2",
        )
        .bind(run)
        .bind(request)
        .bind(if planned { "planned" } else { "open" })
        .bind(item)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Gives a claimed request back without an outcome (planning it failed on the way).
    pub async fn release_planning_request(&self, run: &str, request: &str) -> Result<()> {
        sqlx::query(
            "UPDATE planning_accepts SET state = 'open' WHERE run_id = $1 AND request_id = $2",
        )
        .bind(run)
        .bind(request)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// What became of a run's accepted requests: request id and item (JSON; empty while a
    /// request is being planned).
    pub async fn planning_accepts(&self, run: &str) -> Result<Vec<(String, String)>> {
        let rows = sqlx::query(
            "SELECT request_id, item FROM planning_accepts WHERE run_id = $1 ORDER BY request_id",
        )
        .bind(run)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("request_id")?, r.try_get("item")?)))
            .collect()
    }

    /// Records what became of the accepted placements of a run.
    pub async fn set_planning_run_accepted(&self, id: &str, accepted: &str) -> Result<()> {
        sqlx::query("UPDATE planning_runs SET accepted = $2 WHERE id = $1")
            .bind(id)
            .bind(accepted)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
