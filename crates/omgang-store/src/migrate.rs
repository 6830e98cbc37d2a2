//! Our own migration runner: a numbered list of scripts, per engine where they differ,
//! recorded in `omgang_schema_migrations`.

use sqlx::Row;

use crate::{Backend, Result, Store, StoreError};

struct Migration {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "initial",
        sqlite: include_str!("../migrations/0001_initial.sql"),
        postgres: include_str!("../migrations/0001_initial.sql"),
    },
    Migration {
        version: 2,
        name: "append_only",
        sqlite: include_str!("../migrations/0002_append_only.sqlite.sql"),
        postgres: include_str!("../migrations/0002_append_only.postgres.sql"),
    },
    Migration {
        version: 3,
        name: "audit_chain",
        sqlite: include_str!("../migrations/0003_audit_chain.sql"),
        postgres: include_str!("../migrations/0003_audit_chain.sql"),
    },
    Migration {
        version: 4,
        name: "login_attempts",
        sqlite: include_str!("../migrations/0004_login_attempts.sql"),
        postgres: include_str!("../migrations/0004_login_attempts.sql"),
    },
    Migration {
        version: 5,
        name: "retention",
        sqlite: include_str!("../migrations/0005_retention.sql"),
        postgres: include_str!("../migrations/0005_retention.sql"),
    },
    Migration {
        version: 6,
        name: "settings",
        sqlite: include_str!("../migrations/0006_settings.sql"),
        postgres: include_str!("../migrations/0006_settings.sql"),
    },
    Migration {
        version: 7,
        name: "two_factor",
        sqlite: include_str!("../migrations/0007_two_factor.sql"),
        postgres: include_str!("../migrations/0007_two_factor.sql"),
    },
    Migration {
        version: 8,
        name: "calendar_feeds",
        sqlite: include_str!("../migrations/0008_calendar_feeds.sql"),
        postgres: include_str!("../migrations/0008_calendar_feeds.sql"),
    },
    Migration {
        version: 9,
        name: "outbox",
        sqlite: include_str!("../migrations/0009_outbox.sql"),
        postgres: include_str!("../migrations/0009_outbox.sql"),
    },
    Migration {
        version: 10,
        name: "password_resets",
        sqlite: include_str!("../migrations/0010_password_resets.sql"),
        postgres: include_str!("../migrations/0010_password_resets.sql"),
    },
    Migration {
        version: 11,
        name: "token_scope",
        sqlite: include_str!("../migrations/0011_token_scope.sql"),
        postgres: include_str!("../migrations/0011_token_scope.sql"),
    },
    Migration {
        version: 12,
        name: "portal",
        sqlite: include_str!("../migrations/0012_portal.sql"),
        postgres: include_str!("../migrations/0012_portal.sql"),
    },
    Migration {
        version: 13,
        name: "beheer",
        sqlite: include_str!("../migrations/0013_beheer.sql"),
        postgres: include_str!("../migrations/0013_beheer.sql"),
    },
    Migration {
        version: 14,
        name: "agenda",
        sqlite: include_str!("../migrations/0014_agenda.sql"),
        postgres: include_str!("../migrations/0014_agenda.sql"),
    },
    Migration {
        version: 15,
        name: "case_closed_on",
        sqlite: include_str!("../migrations/0015_case_closed_on.sql"),
        postgres: include_str!("../migrations/0015_case_closed_on.sql"),
    },
    Migration {
        version: 30,
        name: "case_search",
        sqlite: include_str!("../migrations/0030_case_search.sqlite.sql"),
        postgres: include_str!("../migrations/0030_case_search.postgres.sql"),
    },
    Migration {
        version: 31,
        name: "programme_funders",
        sqlite: include_str!("../migrations/0031_programme_funders.sql"),
        postgres: include_str!("../migrations/0031_programme_funders.sql"),
    },
    Migration {
        version: 32,
        name: "changes_seen",
        sqlite: include_str!("../migrations/0032_changes_seen.sql"),
        postgres: include_str!("../migrations/0032_changes_seen.sql"),
    },
    Migration {
        version: 33,
        name: "planning",
        sqlite: include_str!("../migrations/0033_planning.sql"),
        postgres: include_str!("../migrations/0033_planning.sql"),
    },
    Migration {
        version: 34,
        name: "attachments",
        sqlite: include_str!("../migrations/0034_attachments.sqlite.sql"),
        postgres: include_str!("../migrations/0034_attachments.postgres.sql"),
    },
    Migration {
        version: 35,
        name: "cases_registered_on",
        sqlite: include_str!("../migrations/0035_cases_registered_on.sql"),
        postgres: include_str!("../migrations/0035_cases_registered_on.sql"),
    },
    Migration {
        version: 36,
        name: "planning_inputs",
        sqlite: include_str!("../migrations/0036_planning_inputs.sql"),
        postgres: include_str!("../migrations/0036_planning_inputs.sql"),
    },
    Migration {
        version: 37,
        name: "cases_signal_watch",
        sqlite: include_str!("../migrations/0037_cases_signal_watch.sql"),
        postgres: include_str!("../migrations/0037_cases_signal_watch.sql"),
    },
    Migration {
        version: 38,
        name: "appointments_starts",
        sqlite: include_str!("../migrations/0038_appointments_starts.sql"),
        postgres: include_str!("../migrations/0038_appointments_starts.sql"),
    },
    Migration {
        version: 39,
        name: "directory_version",
        sqlite: include_str!("../migrations/0039_directory_version.sqlite.sql"),
        postgres: include_str!("../migrations/0039_directory_version.postgres.sql"),
    },
];

impl Store {
    /// Applies every migration not yet applied, each in its own transaction. On PostgreSQL an
    /// advisory lock keeps two instances starting at once from migrating twice.
    pub async fn migrate(&self) -> Result<Vec<i64>> {
        let mut conn = self.pool.acquire().await?;
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_lock(727001)")
                .execute(&mut *conn)
                .await?;
        }
        let result = async {
            sqlx::raw_sql(
                "CREATE TABLE IF NOT EXISTS omgang_schema_migrations \
                 (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
            )
            .execute(&mut *conn)
            .await?;
            let done: Vec<i64> = sqlx::query("SELECT version FROM omgang_schema_migrations")
                .fetch_all(&mut *conn)
                .await?
                .iter()
                .map(|r| r.try_get::<i64, _>("version"))
                .collect::<std::result::Result<_, _>>()?;
            let mut applied = Vec::new();
            for m in MIGRATIONS.iter().filter(|m| !done.contains(&m.version)) {
                let script = match self.backend {
                    Backend::Sqlite => m.sqlite,
                    Backend::Postgres => m.postgres,
                };
                let mut tx = sqlx::Connection::begin(&mut *conn).await?;
                sqlx::raw_sql(script).execute(&mut *tx).await?;
                sqlx::query("INSERT INTO omgang_schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)")
                    .bind(m.version)
                    .bind(m.name)
                    .bind(jiff::Timestamp::now().as_millisecond())
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                tracing::info!(version = m.version, name = m.name, "migration applied");
                applied.push(m.version);
            }
            Ok::<_, StoreError>(applied)
        }
        .await;
        // Migration 14 added columns to the appointments projection: fill them in from the
        // case snapshots, the source of truth.
        let result = match result {
            Ok(applied) if applied.contains(&14) => {
                self.rebuild_projections(true, false).await.map(|_| applied)
            }
            other => other,
        };
        let result = match result {
            Ok(applied) if applied.contains(&15) => {
                self.backfill_closed_on().await.map(|_| applied)
            }
            other => other,
        };
        let result = match result {
            Ok(applied) if applied.contains(&30) => {
                self.rebuild_projections(false, true).await.map(|_| applied)
            }
            other => other,
        };
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_unlock(727001)")
                .execute(&mut *conn)
                .await?;
        }
        result
    }
}
