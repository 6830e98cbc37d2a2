//! One policy scopes every list: for every demo user, each list of cases (the case list, the
//! signals, the agenda, the parent portal) holds exactly the cases that user can open one by
//! one — a volunteer who supervises one session of a case sees it listed, and nobody sees a
//! case listed that they cannot open. On SQLite and PostgreSQL, over HTTP, on the demo data.

// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

mod common;

use omgang_testkit::server::free_port;
use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};

use common::*;
use serde_json::Value;

both_backends!(every_list_holds_exactly_the_cases_one_can_open);

const DEMO_PASSWORD: &str = "omgang-demo-2026";

struct Demo {
    child: Child,
    base: String,
    _db: TestDb,
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start_demo(backend: Backend) -> Demo {
    let db = TestDb::create(backend).await;
    let port = free_port();
    let key = format!("k1:{}", "ab".repeat(32));
    let child = Command::new(env!("CARGO_BIN_EXE_omgang"))
        .args(["--database-url", &db.url, "--data-keys", &key])
        .args(["demo", "--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let demo = Demo {
        child,
        base: format!("http://127.0.0.1:{port}"),
        _db: db,
    };
    for _ in 0..600 {
        if reqwest::get(format!("{}/health", demo.base))
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return demo;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the demo server did not start");
}

async fn sign_in(base: &str, email: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let res = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": email, "password": DEMO_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{email} signs in");
    client
}

async fn get(client: &reqwest::Client, url: &str) -> (u16, Value) {
    let res = client.get(url).send().await.unwrap();
    let status = res.status().as_u16();
    assert_ne!(status, 500, "{url}");
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn ids(list: &Value, field: &str) -> BTreeSet<String> {
    list.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x[field].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The signals a page at a time: the same signals in the same order as the whole list, the
/// count of all in `X-Total-Count`, nothing past the end, a page size out of range refused —
/// and a page records as read only the cases it shows. Returns the requests made.
async fn signals_page_by_page(c: &reqwest::Client, base: &str, email: &str, all: &Value) -> usize {
    let all = all.as_array().unwrap();
    let mut requests = 0;
    let mut paged = Vec::new();
    for page in 1..=all.len().div_ceil(2) + 1 {
        let r = c
            .get(format!("{base}/api/v1/signals?per_page=2&page={page}"))
            .send()
            .await
            .unwrap();
        requests += 1;
        assert_eq!(r.status(), 200, "{email}: page {page}");
        let total = r.headers()["x-total-count"].to_str().unwrap().to_owned();
        assert_eq!(total, all.len().to_string(), "{email}: X-Total-Count");
        let body: Value = r.json().await.unwrap();
        let rows = body.as_array().unwrap();
        assert!(rows.len() <= 2, "{email}: page {page} holds {}", rows.len());
        paged.extend(rows.iter().cloned());
    }
    assert_eq!(
        &paged, all,
        "{email}: the pages together are the whole list"
    );
    for bad in ["per_page=0", "per_page=501", "page=0", "per_page=twee"] {
        let (status, problem) = get(c, &format!("{base}/api/v1/signals?{bad}")).await;
        requests += 1;
        assert_eq!(status, 422, "{email}: {bad}: {problem}");
    }
    // The first signal alone: a case whose signals are all further down is not read by it.
    let Some(first) = all.first() else {
        return requests;
    };
    let first_case = first["case_id"].as_str();
    let unshown = all
        .iter()
        .filter_map(|s| s["case_id"].as_str())
        .find(|id| Some(*id) != first_case);
    if let Some(case) = unshown {
        let audit = format!("{base}/api/v1/cases/{case}/audit");
        let reads = |lines: &Value| {
            lines.as_array().map_or(0, |l| {
                l.iter().filter(|x| x["action"] == "read_signals").count()
            })
        };
        let (status, before) = get(c, &audit).await;
        if status == 200 {
            let (status, _) = get(c, &format!("{base}/api/v1/signals?per_page=1")).await;
            assert_eq!(status, 200);
            let (_, after) = get(c, &audit).await;
            requests += 3;
            assert_eq!(
                reads(&after),
                reads(&before),
                "{email}: a page of one signal read {case}, whose signal it does not show"
            );
        }
    }
    requests
}

async fn every_list_holds_exactly_the_cases_one_can_open(backend: Backend) {
    let demo = start_demo(backend).await;
    let base = &demo.base;
    // Every case of the installation, from the coordinators of every provider.
    let mut all = BTreeSet::new();
    for coordinator in [
        "coordinator@kwadraad.example",
        "coordinator@humanitas.example",
    ] {
        let c = sign_in(base, coordinator).await;
        let (_, list) = get(&c, &format!("{base}/api/v1/cases?include_closed=true")).await;
        all.extend(ids(&list, "id"));
    }
    assert!(all.len() >= 40, "{}", all.len());

    let users = [
        "coordinator@kwadraad.example",
        "coordinator2@kwadraad.example",
        "begeleider@kwadraad.example",
        "begeleider2@kwadraad.example",
        "beheer@kwadraad.example",
        "coordinator@humanitas.example",
        "vrijwilliger@humanitas.example",
        "vrijwilliger2@humanitas.example",
        "vrijwilliger3@humanitas.example",
        "ons@timon.example",
        "regie@sociaalteam.example",
        "verwijzer@sociaalteam.example",
        "gemeente@derondevenen.example",
        "ouder@voorbeeld.example",
        "ouder2@voorbeeld.example",
    ];
    let mut compared = 0;
    let mut requests = 0;
    for email in users {
        let c = sign_in(base, email).await;
        // What this user can open, one case at a time.
        let mut open = BTreeSet::new();
        for id in &all {
            let (status, _) = get(&c, &format!("{base}/api/v1/cases/{id}")).await;
            requests += 1;
            if status == 200 {
                open.insert(id.clone());
            }
        }
        // The case list holds exactly those (for the roles that have one).
        let (status, list) = get(&c, &format!("{base}/api/v1/cases?include_closed=true")).await;
        requests += 1;
        if status == 200 {
            assert_eq!(ids(&list, "id"), open, "{email}: the case list");
            compared += 1;
        } else {
            assert_eq!(status, 403, "{email}");
        }
        // Signals and the agenda never name a case one cannot open.
        let (status, signals) = get(&c, &format!("{base}/api/v1/signals")).await;
        requests += 1;
        if status == 200 {
            let named = ids(&signals, "case_id");
            assert!(
                named.is_subset(&open),
                "{email}: signals {named:?} ⊄ {open:?}"
            );
            requests += signals_page_by_page(&c, base, email, &signals).await;
        }
        let (status, agenda) = get(&c, &format!("{base}/api/v1/agenda")).await;
        requests += 1;
        if status == 200 {
            let named = ids(&agenda, "case_id");
            assert!(
                named.is_subset(&open),
                "{email}: agenda {named:?} ⊄ {open:?}"
            );
        }
        // "Verslagen" holds exactly the reports the case pages of the open cases show.
        let (status, reports) = get(&c, &format!("{base}/api/v1/reports")).await;
        requests += 1;
        if status == 200 {
            let named = ids(&reports, "case_id");
            assert!(
                named.is_subset(&open),
                "{email}: reports {named:?} ⊄ {open:?}"
            );
            let listed = ids(&reports, "report_id");
            let mut on_pages = BTreeSet::new();
            for id in &open {
                let (_, view) = get(&c, &format!("{base}/api/v1/cases/{id}")).await;
                requests += 1;
                if view["status"] != "closed" {
                    on_pages.extend(ids(&view["reports"], "id"));
                }
            }
            assert_eq!(listed, on_pages, "{email}: the reports list");
            compared += 1;
        } else {
            assert_eq!(status, 403, "{email}: reports");
        }
        // "Wat is er veranderd" names only cases one can open.
        let (status, changes) = get(&c, &format!("{base}/api/v1/changes")).await;
        requests += 1;
        assert_eq!(status, 200, "{email}: changes");
        let named = ids(&changes["items"], "case_id");
        assert!(
            named.is_subset(&open),
            "{email}: changes {named:?} ⊄ {open:?}"
        );
        // A search (here: every case with an "e" in a name) finds only cases one can open.
        let (status, found) = get(&c, &format!("{base}/api/v1/search?q=e")).await;
        requests += 1;
        if status == 200 {
            let named = ids(&found, "id");
            assert!(
                named.is_subset(&open),
                "{email}: search {named:?} ⊄ {open:?}"
            );
        } else {
            assert_eq!(status, 403, "{email}: search");
        }
        // A parent's list is the portal: their own cases, each of which they can open.
        if email.starts_with("ouder") {
            let (status, home) = get(&c, &format!("{base}/api/v1/portal")).await;
            requests += 1;
            assert_eq!(status, 200);
            let mine = ids(&home["cases"], "case_id");
            assert!(!mine.is_empty());
            assert_eq!(mine, open, "{email}: the portal");
            compared += 1;
        }
    }
    println!(
        "lists = opened one by one: {compared} lists of {} users compared, {requests} requests",
        users.len()
    );
    assert!(compared >= 12);
}
