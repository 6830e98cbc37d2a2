//! Crash safety: a write load runs, the server is killed with SIGKILL in the middle, and after a
//! restart every acknowledged write is there, nothing half-written is, and the database checks
//! clean (integrity check, and every case's snapshot equals the fold of its events).
#![allow(clippy::unwrap_used)]

use omgang_testkit::server::{free_port, fresh_dir, wait_ready};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use omgang_domain::case::CaseEvent;
use omgang_domain::case::{apply_by, from_registration};

const PASSWORD: &str = "omgang-demo-2026";

fn start(db: &str, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_omgang"))
        .args([
            "--database-url",
            db,
            "demo",
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

async fn coordinator(base: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let res = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": "coordinator@kwadraad.example", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    client
}

fn registration(n: usize) -> serde_json::Value {
    serde_json::json!({
        "programme_id": "omgangshuis", "registered_by": "both_parents", "entry_route": "voluntary",
        "children": [{ "name": format!("Kind {n}"), "birth_date": "2019-06-01" }],
        "people": [
            { "name": format!("Moeder {n}"), "role": "resident_parent", "address": format!("Geheim {n}"), "secret_address": true },
            { "name": format!("Vader {n}"), "role": "non_resident_parent" }
        ]
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_sigkill() {
    let dir = fresh_dir("omgang-crash");
    let db = format!("sqlite://{}/crash.sqlite?mode=rwc", dir.display());
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = start(&db, port);
    wait_ready(&base).await;

    // Four writers register cases (and start their intake) as fast as they can.
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..4 {
        let base = base.clone();
        let stop = stop.clone();
        writers.push(tokio::spawn(async move {
            let client = coordinator(&base).await;
            let mut acknowledged = Vec::new();
            let mut n = w * 100_000;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let Ok(res) = client
                    .post(format!("{base}/api/v1/registrations"))
                    .json(&registration(n))
                    .send()
                    .await
                else {
                    break;
                };
                if res.status().as_u16() != 201 {
                    break;
                }
                let Ok(view) = res.json::<serde_json::Value>().await else {
                    break;
                };
                let id = view["id"].as_str().unwrap().to_owned();
                acknowledged.push((id.clone(), false));
                let Ok(res) = client
                    .post(format!("{base}/api/v1/cases/{id}/intake/start"))
                    .send()
                    .await
                else {
                    break;
                };
                if res.status().is_success() {
                    acknowledged.last_mut().unwrap().1 = true;
                } else {
                    break;
                }
            }
            acknowledged
        }));
    }
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    // SIGKILL: no chance to flush or shut down.
    server.kill().unwrap();
    server.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    let mut acknowledged = Vec::new();
    for w in writers {
        acknowledged.extend(w.await.unwrap());
    }
    assert!(
        acknowledged.len() >= 10,
        "the load wrote something before the kill: {}",
        acknowledged.len()
    );

    // Restart: every acknowledged write is there.
    let mut server = start(&db, port);
    wait_ready(&base).await;
    let client = coordinator(&base).await;
    for (id, intake_acknowledged) in &acknowledged {
        let res = client
            .get(format!("{base}/api/v1/cases/{id}"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status().as_u16(),
            200,
            "acknowledged case {id} is there"
        );
        let view: serde_json::Value = res.json().await.unwrap();
        if *intake_acknowledged {
            assert_eq!(
                view["status"], "intake",
                "acknowledged intake of {id} is there"
            );
        }
    }
    server.kill().unwrap();
    server.wait().unwrap();

    // The database checks clean and nothing is half-written.
    let store = omgang_store::Store::connect(&db).await.unwrap();
    assert_eq!(store.integrity_check().await.unwrap(), "ok");
    let cases = store
        .cases(&omgang_store::CaseFilter::default())
        .await
        .unwrap();
    for case in &cases {
        let events = store.events(&case.id).await.unwrap();
        let CaseEvent::Registered(r) = &events[0].event else {
            panic!("first event is the registration")
        };
        let mut folded = from_registration(r);
        for e in &events[1..] {
            apply_by(&mut folded, &e.event, e.at, &e.actor);
        }
        folded.reference.clone_from(&case.reference);
        assert_eq!(
            &folded, &**case,
            "snapshot of {} equals the fold of its events",
            case.reference
        );
    }
    assert_eq!(store.verify_audit().await.unwrap().first_broken, None);
    println!(
        "crash test: {} acknowledged registrations survived SIGKILL; {} cases check clean",
        acknowledged.len(),
        cases.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
