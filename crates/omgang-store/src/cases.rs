//! Cases: created from their first event, read as snapshot and version, appended to in one
//! transaction with their projections, and listed.

use super::*;

impl Store {
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
}
