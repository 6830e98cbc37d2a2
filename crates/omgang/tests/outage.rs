//! When the database cannot be reached, requests fail fast with a 503 problem document and
//! Retry-After (not a 500 after a long wait), and the server recovers by itself when the
//! database is back. The database sits behind a TCP proxy in the test that can be cut.

#![allow(clippy::unwrap_used)]

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use common::*;
use omgang_app::admin::{OrganisationInput, UserInput};
use omgang_app::{App, Settings, system_actor};
use omgang_store::Store;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Mutex;
use tokio::task::JoinHandle;

/// Forwards 127.0.0.1:port to the PostgreSQL server; `cut` drops every connection and
/// refuses new ones until `restore`.
struct Proxy {
    port: u16,
    up: Arc<AtomicBool>,
    conns: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Proxy {
    async fn start(upstream: String) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let up = Arc::new(AtomicBool::new(true));
        let conns: Arc<Mutex<Vec<JoinHandle<()>>>> = Arc::new(Mutex::new(Vec::new()));
        let (up2, conns2) = (up.clone(), conns.clone());
        tokio::spawn(async move {
            loop {
                let Ok((mut client, _)) = listener.accept().await else {
                    return;
                };
                if !up2.load(Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                let upstream = upstream.clone();
                let h = tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                conns2.lock().await.push(h);
            }
        });
        Proxy { port, up, conns }
    }

    async fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        for h in self.conns.lock().await.drain(..) {
            h.abort();
        }
    }

    fn restore(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

/// The host:port of a postgres:// URL.
fn host_port(url: &str) -> String {
    let rest = url.split("://").nth(1).unwrap();
    let hostpart = rest.split('/').next().unwrap();
    let hostpart = hostpart.rsplit('@').next().unwrap();
    if hostpart.contains(':') {
        hostpart.to_owned()
    } else {
        format!("{hostpart}:5432")
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_database_gives_a_quick_503_and_the_server_recovers() {
    let db = TestDb::create(Backend::Postgres).await;
    let proxy = Proxy::start(host_port(&db.url)).await;
    let through = db
        .url
        .replace(&host_port(&db.url), &format!("127.0.0.1:{}", proxy.port));
    let store = Store::open(&through).await.unwrap();
    let app = App::new(store, Settings::default()).await.unwrap();
    let org = app
        .add_organisation(
            &system_actor(),
            &OrganisationInput {
                name: "Huis".into(),
                kind: "provider".into(),
            },
        )
        .await
        .unwrap();
    app.add_user(
        &system_actor(),
        &UserInput {
            email: "co@huis.example".into(),
            name: "Co".into(),
            role: "coordinator".into(),
            password: PASSWORD.into(),
            organisation_id: Some(org.id),
            vog_issued_on: None,
            training_completed_on: None,
            lang: None,
        },
    )
    .await
    .unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(omgang_web::serve(app.clone(), listener));
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let login = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": "co@huis.example", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert!(login.status().is_success());
    let cases = format!("{base}/api/v1/cases");
    assert_eq!(client.get(&cases).send().await.unwrap().status(), 200);

    // The database goes away: every request answers 503 with Retry-After, quickly.
    proxy.cut().await;
    for path in ["/api/v1/cases", "/api/v1/signals", "/ready"] {
        let started = Instant::now();
        let res = client.get(format!("{base}{path}")).send().await.unwrap();
        let took = started.elapsed();
        assert_eq!(res.status(), 503, "{path}");
        assert!(took < Duration::from_secs(5), "{path} took {took:?}");
        if path != "/ready" {
            assert_eq!(res.headers()["retry-after"], "5", "{path}");
            let problem: serde_json::Value = res.json().await.unwrap();
            assert_eq!(problem["code"], "unavailable", "{problem}");
            assert!(
                problem["detail_nl"]
                    .as_str()
                    .unwrap()
                    .contains("niet bereikbaar")
            );
        }
    }
    // A signed-in page says so in words, instead of sending the user to sign in again.
    let page = client.get(format!("{base}/dossiers")).send().await.unwrap();
    assert_eq!(page.status(), 503);
    assert_eq!(page.headers()["retry-after"], "5");
    assert!(page.text().await.unwrap().contains("Even niet bereikbaar"));

    // Back: the server recovers by itself.
    proxy.restore();
    let started = Instant::now();
    loop {
        let status = client.get(&cases).send().await.unwrap().status();
        if status == 200 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "not recovered: {status}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    server.abort();
}
