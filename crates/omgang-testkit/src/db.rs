//! Fresh databases: a unique SQLite file in the temp directory, or a uniquely named
//! PostgreSQL database on the server of `OMGANG_TEST_POSTGRES_URL`.

use std::path::PathBuf;
use std::sync::Arc;

use omgang_app::{App, Settings};
use omgang_store::Store;

/// The two databases the application runs on; the ui and web tests run on both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server the tests create their databases on: `OMGANG_TEST_POSTGRES_URL`, by
/// default the local server's `test` database (`scripts/test.sh` and `.ci/run` start it).
pub fn postgres_base_url() -> String {
    std::env::var("OMGANG_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// Replaces the database name (the last path segment) of a PostgreSQL URL, keeping a query.
pub fn with_database(base: &str, name: &str) -> String {
    let (without_query, query) = match base.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (base, None),
    };
    let scheme_end = without_query.find("://").map_or(0, |i| i + 3);
    let url = match without_query[scheme_end..].find('/') {
        Some(slash) => format!("{}/{name}", &without_query[..scheme_end + slash]),
        None => format!("{without_query}/{name}"),
    };
    match query {
        Some(q) => format!("{url}?{q}"),
        None => url,
    }
}

/// A name no other test (in this process or another) uses: 32 lowercase hex digits, fit for
/// a file name and a PostgreSQL database name.
pub fn unique() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

enum Place {
    Sqlite { path: PathBuf },
    Postgres { base: String, name: String },
}

/// A fresh, empty database (not yet migrated: [`Store::open`] does that); removed, best
/// effort, when dropped. PostgreSQL databases are named `omgang_t_…`, so that
/// `scripts/test.sh` also removes the ones a crashed run left behind.
pub struct TestDb {
    /// The URL to open the database with.
    pub url: String,
    place: Place,
}

impl TestDb {
    /// Creates the database; on PostgreSQL, panics with a hint when the server is down.
    pub async fn create(engine: Engine) -> TestDb {
        let id = unique();
        match engine {
            Engine::Sqlite => {
                let path = std::env::temp_dir().join(format!("omgang-test-{id}.sqlite"));
                TestDb {
                    url: format!("sqlite://{}?mode=rwc", path.display()),
                    place: Place::Sqlite { path },
                }
            }
            Engine::Postgres => {
                let base = postgres_base_url();
                let name = format!("omgang_t_{id}");
                let admin = Store::connect(&base).await.unwrap_or_else(|e| {
                    panic!(
                        "PostgreSQL at {base} is unreachable ({e}); the postgres tests need it \
                         (set OMGANG_TEST_POSTGRES_URL)"
                    )
                });
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(admin.pool())
                    .await
                    .unwrap_or_else(|e| panic!("CREATE DATABASE {name} failed: {e}"));
                admin.close().await;
                TestDb {
                    url: with_database(&base, &name),
                    place: Place::Postgres { base, name },
                }
            }
        }
    }

    /// The engine of this database.
    pub fn engine(&self) -> Engine {
        match self.place {
            Place::Sqlite { .. } => Engine::Sqlite,
            Place::Postgres { .. } => Engine::Postgres,
        }
    }

    /// Opens (and migrates) the database.
    pub async fn open(&self) -> Store {
        Store::open(&self.url)
            .await
            .unwrap_or_else(|e| panic!("opening {} failed: {e}", self.url))
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.place {
            Place::Sqlite { path } => {
                for suffix in ["", "-wal", "-shm", "-journal", ".keys"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(PathBuf::from(p));
                }
            }
            Place::Postgres { base, name } => {
                let (base, name) = (base.clone(), name.clone());
                // Drop runs inside the test's runtime: use a runtime of our own on a thread.
                let _ = std::thread::spawn(move || {
                    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    else {
                        return;
                    };
                    rt.block_on(async move {
                        if let Ok(admin) = Store::connect(&base).await {
                            let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            )))
                            .execute(admin.pool())
                            .await;
                            admin.close().await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

/// A fresh, migrated store on `engine`. The database outlives the test (a test's store and
/// the tasks on it may still be in use when its function returns): the SQLite file stays in
/// the temp directory, and `scripts/test.sh` removes the PostgreSQL databases (`omgang_t_…`)
/// at its next run. Use [`TestDb`] for a database removed when dropped.
pub async fn fresh_store(engine: Engine) -> Store {
    let db = TestDb::create(engine).await;
    let store = db.open().await;
    std::mem::forget(db);
    store
}

/// A fresh application with `settings` on a [`fresh_store`].
pub async fn fresh_app(engine: Engine, settings: Settings) -> Arc<App> {
    App::new(fresh_store(engine).await, settings)
        .await
        .expect("App::new")
}
