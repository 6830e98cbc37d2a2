//! The server under test (`omgang serve` as a child process) and signing in to it.

use std::net::TcpListener;
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use reqwest::Client;
use serde_json::json;
use tokio::process::{Child, Command};

use crate::generate::BENCH_PASSWORD;

/// The server under test.
pub(super) struct Server {
    child: Child,
    pid: u32,
    pub(super) base: String,
    pub(super) cold_start: Duration,
}

impl Server {
    /// Starts `omgang serve` on a free port and waits for its first answer.
    pub(super) async fn start(database_url: &str) -> Result<Server> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let exe = std::env::current_exe().context("the path of this program")?;
        let started = Instant::now();
        let child = Command::new(exe)
            .args([
                "--database-url",
                database_url,
                "serve",
                "--two-factor-optional",
            ])
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .env("RUST_LOG", "warn")
            // Every request comes from 127.0.0.1: lift the per-address limit of the public
            // form, or all but five registrations would be refused.
            .args(["--public-limit-per-hour", "100000000"])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .context("starting omgang serve")?;
        let pid = child.id().context("the server's process id")?;
        let base = format!("http://127.0.0.1:{port}");
        let probe = Client::new();
        loop {
            if let Ok(r) = probe.get(format!("{base}/health")).send().await
                && r.status().is_success()
            {
                break;
            }
            if started.elapsed() > Duration::from_secs(60) {
                bail!("the server did not answer within 60 s");
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        Ok(Server {
            child,
            pid,
            base,
            cold_start: started.elapsed(),
        })
    }

    /// Peak resident set size (VmHWM) in MiB, from /proc.
    pub(super) fn peak_rss_mib(&self) -> Option<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid)).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib / 1024.0)
    }

    /// Stops the server.
    pub(super) async fn stop(mut self) {
        let _ = self.child.start_kill();
        let _ = self.child.wait().await;
    }
}

/// A signed-in client (cookie for the pages) and a personal API token.
pub(super) async fn sign_in(base: &str, email: &str) -> Result<(Client, String)> {
    let client = Client::builder()
        .cookie_store(true)
        .pool_max_idle_per_host(256)
        .build()?;
    let r = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({ "email": email, "password": BENCH_PASSWORD }))
        .send()
        .await?;
    if !r.status().is_success() {
        bail!("signing in as {email}: {}", r.status());
    }
    let r = client
        .post(format!("{base}/api/v1/tokens"))
        .header("origin", base)
        .json(&json!({ "name": "bench", "days": 1 }))
        .send()
        .await?;
    if !r.status().is_success() {
        bail!("a token for {email}: {} {}", r.status(), r.text().await?);
    }
    let body: serde_json::Value = r.json().await?;
    let token = body["token"]
        .as_str()
        .context("the token in the answer")?
        .to_owned();
    Ok((client, token))
}
