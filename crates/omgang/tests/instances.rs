//! Two `omgang serve` processes on one PostgreSQL database serve the same data, and the daily
//! scheduled work runs once, not twice.
#![allow(clippy::unwrap_used)]

use omgang_testkit::server::{free_port, wait_ready};
use omgang_testkit::{Engine, TestDb};
use std::process::{Child, Command, Stdio};

struct Servers(Vec<Child>);

impl Drop for Servers {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn omgang(db: &str, keys: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_omgang"));
    cmd.env("OMGANG_DATABASE_URL", db)
        .env("OMGANG_DATA_KEYS", keys)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_share_one_postgres_database_and_run_daily_work_once() {
    let test_db = TestDb::create(Engine::Postgres).await;
    let db = test_db.url.clone();
    let keys = format!("k1:{}", "ab".repeat(32));

    assert!(
        omgang(&db, &keys)
            .args(["demo", "--no-serve"])
            .status()
            .unwrap()
            .success()
    );
    let ports: Vec<u16> = (0..2).map(|_| free_port()).collect();
    let servers = Servers(
        ports
            .iter()
            .map(|p| {
                omgang(&db, &keys)
                    .args([
                        "serve",
                        "--two-factor-optional",
                        "--listen",
                        &format!("127.0.0.1:{p}"),
                    ])
                    .spawn()
                    .unwrap()
            })
            .collect(),
    );
    let bases: Vec<String> = ports
        .iter()
        .map(|p| format!("http://127.0.0.1:{p}"))
        .collect();
    for b in &bases {
        wait_ready(b).await;
    }

    let sign_in = |base: String| async move {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let res = client
            .post(format!("{base}/api/v1/auth/login"))
            .json(&serde_json::json!({ "email": "coordinator@kwadraad.example", "password": "omgang-demo-2026" }))
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success());
        client
    };
    let first = sign_in(bases[0].clone()).await;
    let second = sign_in(bases[1].clone()).await;
    let registration = serde_json::json!({
        "programme_id": "omgangshuis", "registered_by": "both_parents", "entry_route": "voluntary",
        "children": [{ "name": "Noor", "birth_date": "2019-06-01" }],
        "people": [{ "name": "Moeder", "role": "resident_parent", "address": "Geheim 1", "secret_address": true }]
    });
    let res = first
        .post(format!("{}/api/v1/registrations", bases[0]))
        .json(&registration)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 201);
    let id = res.json::<serde_json::Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // The other instance serves the same case, and opens its secret address with the same keys.
    let view: serde_json::Value = second
        .get(format!("{}/api/v1/cases/{id}", bases[1]))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(view["people"][0]["address"], "Geheim 1");
    // A change through the second is seen by the first.
    assert!(
        second
            .post(format!("{}/api/v1/cases/{id}/intake/start", bases[1]))
            .send()
            .await
            .unwrap()
            .status()
            .is_success()
    );
    let view: serde_json::Value = first
        .get(format!("{}/api/v1/cases/{id}", bases[0]))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(view["status"], "intake");

    // Both instances tried today's daily work at start; it ran once.
    let store = omgang_store::Store::connect(&db).await.unwrap();
    let runs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM job_runs WHERE job = 'retention'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(runs, 1, "the daily retention ran once over two instances");
    assert_eq!(
        store.verify_audit().await.unwrap().first_broken,
        None,
        "one audit chain from two instances"
    );

    drop(servers);
    store.close().await;
    // The database goes with `test_db`.
}
