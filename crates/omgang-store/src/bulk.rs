//! Bulk loading of generated cases (benchmark data): many rows per statement, one transaction
//! per batch. Not used by the application's own writes, which go through `Store::append`.

use jiff::Timestamp;
use omgang_domain::case::{Case, CaseEvent};
use omgang_domain::ids::UserId;

use crate::{Result, Store, corrupt, json_name, ms, session_state_name, status_name};

/// A generated case with its events (when, by whom).
pub struct GeneratedCase {
    pub case: Case,
    pub events: Vec<(CaseEvent, Timestamp, UserId)>,
}

/// Rows of one table, bound in chunks that stay under SQLite's limit of bound values.
async fn insert_rows(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    head: &str,
    columns: usize,
    rows: Vec<Vec<Value>>,
) -> Result<u64> {
    // Short statements, prepared once and reused: measured on 2,000 cases, 100 values per
    // statement wrote 77k rows/s; 40 gave 63k, 300 65k, 2,000 34k and 30,000 only 3k.
    let per_statement = (100 / columns).max(1);
    let mut written = 0;
    for chunk in rows.chunks(per_statement) {
        let mut sql = String::from(head);
        let mut n = 0;
        for (i, _) in chunk.iter().enumerate() {
            sql.push_str(if i == 0 { " VALUES (" } else { ", (" });
            for c in 0..columns {
                n += 1;
                sql.push_str(&format!("{}${n}", if c == 0 { "" } else { ", " }));
            }
            sql.push(')');
        }
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for row in chunk {
            for v in row {
                query = match v {
                    Value::Text(s) => query.bind(s.clone()),
                    Value::Opt(s) => query.bind(s.clone()),
                    Value::Int(i) => query.bind(*i),
                };
            }
        }
        query.execute(&mut **tx).await?;
        written += chunk.len() as u64;
    }
    Ok(written)
}

enum Value {
    Text(String),
    Opt(Option<String>),
    Int(i64),
}

impl Store {
    /// Writes generated cases (snapshot, events, appointments) in one transaction. Returns the
    /// number of rows written.
    pub async fn bulk_insert(&self, batch: &[GeneratedCase]) -> Result<u64> {
        let mut cases = Vec::with_capacity(batch.len());
        let mut events = Vec::new();
        let mut appointments = Vec::new();
        for g in batch {
            let c = &g.case;
            let updated = g.events.last().map_or(0, |(_, at, _)| ms(*at));
            cases.push(vec![
                Value::Text(c.id.0.clone()),
                Value::Text(c.reference.clone()),
                Value::Text(c.organisation.0.clone()),
                Value::Text(c.programme.clone()),
                Value::Text(status_name(c)),
                Value::Opt(c.phase.clone()),
                Value::Text(c.registered_on.to_string()),
                Value::Opt(c.coordinator.as_ref().map(|u| u.0.clone())),
                Value::Opt(c.supervisor.as_ref().map(|u| u.0.clone())),
                Value::Opt(c.partner.as_ref().map(|o| o.0.clone())),
                Value::Opt(c.case_director.as_ref().map(|u| u.0.clone())),
                Value::Opt(c.referrer_user.as_ref().map(|u| u.0.clone())),
                Value::Int(i64::try_from(g.events.len()).map_err(corrupt)?),
                Value::Text(serde_json::to_string(c).map_err(corrupt)?),
                Value::Int(updated),
            ]);
            for (i, (event, at, actor)) in g.events.iter().enumerate() {
                events.push(vec![
                    Value::Text(c.id.0.clone()),
                    Value::Int(i64::try_from(i + 1).map_err(corrupt)?),
                    Value::Int(ms(*at)),
                    Value::Text(actor.0.clone()),
                    Value::Text(event.name().to_owned()),
                    Value::Text(serde_json::to_string(event).map_err(corrupt)?),
                ]);
            }
            for s in &c.sessions {
                appointments.push(vec![
                    Value::Text(s.id.0.clone()),
                    Value::Text(c.id.0.clone()),
                    Value::Text(c.organisation.0.clone()),
                    Value::Text(json_name(&s.kind)),
                    Value::Text(s.starts_at.to_string()),
                    Value::Text(s.ends_at().to_string()),
                    Value::Opt(s.supervisor.as_ref().map(|u| u.0.clone())),
                    Value::Opt(s.place.location_id.clone()),
                    Value::Opt(s.place.room_id.clone()),
                    Value::Text(session_state_name(&s.state).to_owned()),
                ]);
            }
        }
        let mut tx = self.pool.begin().await?;
        let mut rows = insert_rows(
            &mut tx,
            "INSERT INTO cases (id, reference, org_id, programme_id, status, phase, registered_on, coordinator_user_id, \
             supervisor_user_id, partner_org_id, case_director_user_id, referrer_user_id, version, snapshot, updated_at)",
            15,
            cases,
        )
        .await?;
        rows += insert_rows(
            &mut tx,
            "INSERT INTO case_events (case_id, seq, at, actor_user_id, kind, body)",
            6,
            events,
        )
        .await?;
        rows += insert_rows(
            &mut tx,
            "INSERT INTO appointments (session_id, case_id, org_id, kind, starts_at, ends_at, supervisor_user_id, \
             location_id, room_id, state)",
            10,
            appointments,
        )
        .await?;
        tx.commit().await?;
        Ok(rows)
    }
}
