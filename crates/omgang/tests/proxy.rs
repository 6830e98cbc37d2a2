//! Sign-in throttling behind a reverse proxy: with the proxy trusted, each client is counted
//! by the address its forwarding header names; without, by the socket address, and a forged
//! header changes nothing.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::json;

both_backends!(
    behind_a_trusted_proxy_each_client_is_throttled_on_its_own,
    an_untrusted_forwarding_header_is_ignored,
);

const FAILURES: usize = 30;

async fn attempt(t: &TestApp, forwarded_for: &str, email: &str, password: &str) -> u16 {
    let anon = t.anonymous();
    anon.client
        .post(t.url("/api/v1/auth/login"))
        .header("x-forwarded-for", forwarded_for)
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn behind_a_trusted_proxy_each_client_is_throttled_on_its_own(backend: Backend) {
    let t = TestApp::spawn_with(backend, |s| {
        s.trusted_proxies =
            omgang_app::client_address::TrustedProxies::parse("127.0.0.1, ::1").unwrap();
    })
    .await;
    let org = t.org("Huis", "provider").await;
    let user = t.user(&org, "coordinator", "Cora").await;
    // One client (198.51.100.1) tries thirty accounts that do not exist.
    for i in 0..FAILURES {
        let status = attempt(&t, "198.51.100.1", &format!("niemand{i}@x.example"), "fout").await;
        assert_eq!(status, 401, "attempt {i}");
    }
    // That client is now throttled, even with the right password …
    assert_eq!(
        attempt(&t, "198.51.100.1", &user.email, PASSWORD).await,
        429
    );
    // … and a client that forges the left of the header is still that client …
    assert_eq!(
        attempt(&t, "203.0.113.5, 198.51.100.1", &user.email, PASSWORD).await,
        429
    );
    // … but everyone else behind the same proxy signs in.
    assert_eq!(
        attempt(&t, "198.51.100.2", &user.email, PASSWORD).await,
        200
    );
    // The audit log names the client, not the proxy.
    let lines: Vec<String> = sqlx_lines(&t).await;
    assert!(
        lines.iter().any(|l| l.contains("198.51.100.1")),
        "{lines:?}"
    );
}

async fn an_untrusted_forwarding_header_is_ignored(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Huis", "provider").await;
    let user = t.user(&org, "coordinator", "Cora").await;
    // Each attempt claims another address; none is believed: all count for 127.0.0.1.
    for i in 0..FAILURES {
        let status = attempt(
            &t,
            &format!("198.51.100.{i}"),
            &format!("niemand{i}@x.example"),
            "fout",
        )
        .await;
        assert_eq!(status, 401, "attempt {i}");
    }
    assert_eq!(
        attempt(&t, "198.51.100.200", &user.email, PASSWORD).await,
        429
    );
}

/// The address and detail of every audit line about signing in.
async fn sqlx_lines(t: &TestApp) -> Vec<String> {
    t.app
        .store
        .audit_lines(0, 100_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|l| l.row.action == "login")
        .map(|l| format!("{:?} {}", l.row.ip, l.row.detail))
        .collect()
}
