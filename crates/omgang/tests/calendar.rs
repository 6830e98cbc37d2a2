//! Calendar feeds on the demo data: the feed parses with a third-party parser (Python's
//! `icalendar`), its events match the supervisor's sessions (Europe/Amsterdam, stable UIDs,
//! cancellations marked), nothing in it names an address, and a revoked feed is gone.
// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

use omgang_testkit::server::{free_port, fresh_dir};
use std::io::Write;
use std::process::{Child, Command, Stdio};

struct Server(Child, std::path::PathBuf);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
        let _ = std::fs::remove_dir_all(&self.1);
    }
}

const PARSE: &str = r#"
import json, sys
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.read())
out = []
for e in cal.walk("VEVENT"):
    start = e.decoded("DTSTART")
    out.append({
        "uid": str(e.get("UID")),
        "start": start.strftime("%Y-%m-%dT%H:%M:%S"),
        "tz": str(start.tzinfo),
        "status": str(e.get("STATUS")),
        "location": str(e.get("LOCATION")),
        "summary": str(e.get("SUMMARY")),
    })
print(json.dumps(out))
"#;

fn parse_with_python(ics: &str) -> serde_json::Value {
    let mut child = Command::new("python3")
        .args(["-c", PARSE])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ics.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "python icalendar parses the feed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisors_feed_matches_their_sessions() {
    let dir = fresh_dir("omgang-cal");
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_omgang"))
        .args([
            "--database-url",
            &format!("sqlite://{}/demo.sqlite?mode=rwc", dir.display()),
        ])
        .args(["demo", "--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _server = Server(child, dir);
    let base = format!("http://127.0.0.1:{port}");
    for _ in 0..300 {
        if reqwest::get(format!("{base}/health"))
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let me: serde_json::Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": "begeleider@kwadraad.example", "password": "omgang-demo-2026" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let my_id = me["user_id"].as_str().unwrap().to_owned();

    // The sessions this supervisor leads, as the API shows them.
    let cases: serde_json::Value = client
        .get(format!("{base}/api/v1/cases?include_closed=true"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut expected = std::collections::BTreeMap::new();
    for case in cases.as_array().unwrap() {
        let view: serde_json::Value = client
            .get(format!(
                "{base}/api/v1/cases/{}",
                case["id"].as_str().unwrap()
            ))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for s in view["sessions"].as_array().unwrap() {
            if s["supervisor_id"] == my_id.as_str() {
                expected.insert(format!("{}@omgang", s["id"].as_str().unwrap()), s.clone());
            }
        }
    }
    assert!(
        expected.len() >= 5,
        "the demo supervisor has sessions: {}",
        expected.len()
    );

    let feed: serde_json::Value = client
        .post(format!("{base}/api/v1/calendar-feeds"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let url = format!("{base}{}", feed["path"].as_str().unwrap());
    let anonymous = reqwest::Client::new();
    let res = anonymous.get(&url).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let ics = res.text().await.unwrap();
    assert!(ics.contains("BEGIN:VTIMEZONE") && ics.contains("TZID:Europe/Amsterdam"));
    assert!(
        !ics.contains("straat") && !ics.contains("weg "),
        "no address in the feed"
    );

    let events = parse_with_python(&ics);
    let events = events.as_array().unwrap();
    assert_eq!(
        events.len(),
        expected.len(),
        "one event per session of this supervisor"
    );
    for e in events {
        let uid = e["uid"].as_str().unwrap();
        let session = expected
            .get(uid)
            .unwrap_or_else(|| panic!("event {uid} is one of the supervisor's sessions"));
        assert_eq!(e["start"], session["starts_at"], "{uid}");
        assert_eq!(e["tz"], "Europe/Amsterdam");
        let status = if session["state"] == "cancelled" {
            "CANCELLED"
        } else {
            "CONFIRMED"
        };
        assert_eq!(e["status"], status, "{uid}");
        assert_eq!(e["location"], session["location_label"]);
    }
    // The same session keeps its UID in the next fetch.
    let again = anonymous
        .get(&url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        parse_with_python(&again).as_array().unwrap().len(),
        events.len()
    );

    // Revoked: the address answers nothing any more.
    let res = client
        .delete(format!(
            "{base}/api/v1/calendar-feeds/{}",
            feed["id"].as_str().unwrap()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 204);
    assert_eq!(
        anonymous.get(&url).send().await.unwrap().status().as_u16(),
        404
    );
    assert_eq!(
        anonymous
            .get(format!("{base}/calendar/not-a-feed.ics"))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        404
    );
}
