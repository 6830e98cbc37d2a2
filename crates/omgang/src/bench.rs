//! `omgang bench`: a load benchmark against a real `omgang serve` process on generated data.
//!
//! 1. Fills the database with `generate` when it is empty (and says how fast), or reuses it.
//! 2. Starts `omgang serve` as a child process and times the cold start to its first answer.
//! 3. Drives each scenario at a fixed request rate (open loop: a request is sent at its
//!    scheduled time whether or not earlier ones have answered, and its latency counts from
//!    that time, so a stalled server cannot hide its stall), then at full speed with a fixed
//!    number of connections (closed loop) for the ceiling.
//! 4. Prints throughput, p50/p99/max latency and errors per scenario, the ratio of each
//!    scenario's ceiling to the health endpoint's, and the server's peak resident memory.

use std::fmt::Write as _;
use std::net::TcpListener;
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use omgang_domain::case::{Case, CaseStatus, ReportState, SessionState};
use omgang_store::{CaseFilter, Store};
use reqwest::{Client, Method};
use serde_json::json;
use sqlx::Row;
use tokio::process::{Child, Command};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::generate::{self, BENCH_PASSWORD, Scale};

#[derive(Clone, Debug, clap::Args)]
pub struct BenchArgs {
    /// Data to generate when the database is empty: small, regional or national.
    #[arg(long, default_value = "small")]
    pub scale: String,
    /// Requests per second for each read page (case page, agenda) and the health endpoint.
    #[arg(long, default_value_t = 500.0)]
    pub rate: f64,
    /// Requests per second for the organisation's signals.
    #[arg(long, default_value_t = 20.0)]
    pub signals_rate: f64,
    /// Requests per second for the search scenario (a coordinator finding families by name).
    #[arg(long, default_value_t = 100.0)]
    pub search_rate: f64,
    /// Requests per second for the dashboards (the provider's and a funder's figures).
    #[arg(long, default_value_t = 20.0)]
    pub dashboard_rate: f64,
    /// Requests per second for the writes (report save, public registration).
    #[arg(long, default_value_t = 50.0)]
    pub write_rate: f64,
    /// Seconds per scenario at the fixed rate.
    #[arg(long, default_value_t = 10.0)]
    pub seconds: f64,
    /// Seconds per scenario at full speed, for the ceiling (0: skip).
    #[arg(long, default_value_t = 3.0)]
    pub ceiling_seconds: f64,
    /// Connections for the ceiling runs.
    #[arg(long, default_value_t = 16)]
    pub connections: usize,
    /// Only these scenarios (comma-separated: health, case, agenda, signals, report, public,
    /// search, dashboard).
    #[arg(long, value_delimiter = ',')]
    pub only: Vec<String>,
    /// Print the table as Markdown (for BENCHMARKS.md).
    #[arg(long)]
    pub markdown: bool,
}

/// What one scenario measured.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub name: String,
    pub rate: f64,
    pub sent: usize,
    pub errors: usize,
    /// Answered 503 by the server's load shedding (or an unreachable database): refused
    /// quickly on purpose, counted apart from errors.
    pub shed: usize,
    pub throughput: f64,
    pub p50: Duration,
    pub p99: Duration,
    pub max: Duration,
    pub ceiling: f64,
}

impl Stats {
    fn from_samples(
        name: &str,
        rate: f64,
        samples: &mut [(Duration, Answer)],
        elapsed: f64,
    ) -> Stats {
        samples.sort_by_key(|(d, _)| *d);
        let at = |q: f64| {
            if samples.is_empty() {
                Duration::ZERO
            } else {
                let i = ((samples.len() as f64 * q).ceil() as usize).clamp(1, samples.len()) - 1;
                samples[i].0
            }
        };
        Stats {
            name: name.to_owned(),
            rate,
            sent: samples.len(),
            errors: samples.iter().filter(|(_, a)| *a == Answer::Failed).count(),
            shed: samples.iter().filter(|(_, a)| *a == Answer::Shed).count(),
            throughput: samples.iter().filter(|(_, a)| *a == Answer::Ok).count() as f64
                / elapsed.max(1e-9),
            p50: at(0.50),
            p99: at(0.99),
            max: samples.last().map_or(Duration::ZERO, |s| s.0),
            ceiling: 0.0,
        }
    }
}

/// Makes the `i`-th request of a scenario.
type MakeRequest = Arc<dyn Fn(&Client, usize) -> reqwest::RequestBuilder + Send + Sync>;

struct Scenario {
    name: &'static str,
    rate: f64,
    client: Client,
    make: MakeRequest,
}

/// Sends `rate` requests per second for `seconds`, each at its scheduled time.
async fn fixed_rate(s: &Scenario, seconds: f64) -> Stats {
    let total = (s.rate * seconds).round().max(1.0) as usize;
    let interval = Duration::from_secs_f64(1.0 / s.rate);
    // A stalled server must not make the benchmark itself run out of memory.
    let in_flight = Arc::new(Semaphore::new(4096));
    let start = tokio::time::Instant::now() + Duration::from_millis(20);
    let mut tasks = JoinSet::new();
    for i in 0..total {
        let due = start + interval.mul_f64(i as f64);
        tokio::time::sleep_until(due).await;
        let request = (s.make)(&s.client, i);
        let Ok(permit) = in_flight.clone().try_acquire_owned() else {
            tasks.spawn(async move { (due.elapsed(), Answer::Failed) });
            continue;
        };
        tasks.spawn(async move {
            let ok = send(request).await;
            drop(permit);
            (due.elapsed(), ok)
        });
    }
    let mut samples = Vec::with_capacity(total);
    while let Some(done) = tasks.join_next().await {
        samples.push(done.unwrap_or((Duration::MAX, Answer::Failed)));
    }
    let elapsed = start.elapsed().as_secs_f64();
    Stats::from_samples(s.name, s.rate, &mut samples, elapsed)
}

/// Requests per second at full speed over `connections` connections.
async fn ceiling(s: &Scenario, seconds: f64, connections: usize) -> f64 {
    let until = Instant::now() + Duration::from_secs_f64(seconds);
    let counter = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = JoinSet::new();
    for worker in 0..connections {
        let client = s.client.clone();
        let make = s.make.clone();
        let counter = counter.clone();
        tasks.spawn(async move {
            let mut ok = 0usize;
            let mut i = worker * 1_000_000;
            while Instant::now() < until {
                let n = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if send(make(&client, n + i)).await == Answer::Ok {
                    ok += 1;
                }
                i += 1;
            }
            ok
        });
    }
    let mut ok = 0;
    while let Some(n) = tasks.join_next().await {
        ok += n.unwrap_or(0);
    }
    ok as f64 / started.elapsed().as_secs_f64()
}

/// How one request ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Answer {
    Ok,
    /// 503: shed by the server on purpose.
    Shed,
    Failed,
}

async fn send(request: reqwest::RequestBuilder) -> Answer {
    match request.send().await {
        Ok(response) => {
            let status = response.status();
            let read = response.bytes().await.is_ok();
            match (status.is_success(), status.as_u16(), read) {
                (true, _, true) => Answer::Ok,
                (_, 503, _) => Answer::Shed,
                _ => Answer::Failed,
            }
        }
        Err(_) => Answer::Failed,
    }
}

/// The server under test.
struct Server {
    child: Child,
    pid: u32,
    base: String,
    cold_start: Duration,
}

impl Server {
    async fn start(database_url: &str) -> Result<Server> {
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
    fn peak_rss_mib(&self) -> Option<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid)).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib / 1024.0)
    }

    async fn stop(mut self) {
        let _ = self.child.start_kill();
        let _ = self.child.wait().await;
    }
}

/// A signed-in client (cookie for the pages) and a personal API token.
async fn sign_in(base: &str, email: &str) -> Result<(Client, String)> {
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

/// Who and what the scenarios use, chosen from the data.
struct Targets {
    coordinator_email: String,
    org_open_cases: i64,
    open_case_ids: Vec<String>,
    supervisor_email: String,
    supervisor_week_sessions: i64,
    /// (case, session) whose report is a draft, supervised by `supervisor_email`'s owner.
    report_sessions: Vec<(String, String)>,
    report_supervisor_email: String,
    programme_for_public: Option<(String, String)>,
    /// Parts of names in the organisation's cases (the children's first names, shortened)
    /// for the search scenario.
    search_terms: Vec<String>,
    /// A funder (municipality) that pays for the organisation's programmes, for the funder's
    /// dashboard; `None` in data without funders.
    funder_email: Option<String>,
}

async fn targets(store: &Store, today: jiff::civil::Date) -> Result<Targets> {
    let pool = store.pool();
    // The organisation with the most cases in intake or running (registrations left by
    // earlier runs' public scenario do not count, so every run picks the same one).
    let big = sqlx::query(
        "SELECT org_id, COUNT(*) AS n FROM cases WHERE status NOT IN ('closed', 'registered') \
         GROUP BY org_id ORDER BY n DESC, org_id LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .context("no cases: generate data first")?;
    let org: String = big.try_get("org_id")?;
    let org_open_cases: i64 = big.try_get("n")?;
    let coordinator_email = sqlx::query(
        "SELECT email FROM users WHERE org_id = $1 AND role = 'coordinator' ORDER BY id LIMIT 1",
    )
    .bind(&org)
    .fetch_one(pool)
    .await?
    .try_get("email")?;
    let open_case_ids = sqlx::query(
        "SELECT id FROM cases WHERE org_id = $1 AND status <> 'closed' ORDER BY id LIMIT 2000",
    )
    .bind(&org)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| r.try_get::<String, _>("id"))
    .collect::<Result<Vec<_>, _>>()?;
    let monday = today
        .checked_sub(jiff::Span::new().days(i64::from(today.weekday().to_monday_zero_offset())))
        .unwrap_or(today);
    let sunday_end = omgang_domain::case::add_days(monday, 7);
    let busiest = sqlx::query(
        "SELECT a.supervisor_user_id AS who, COUNT(*) AS n FROM appointments a \
         WHERE a.org_id = $1 AND a.supervisor_user_id IS NOT NULL AND a.starts_at >= $2 AND a.starts_at < $3 \
         GROUP BY a.supervisor_user_id ORDER BY n DESC, who LIMIT 1",
    )
    .bind(&org)
    .bind(format!("{monday}T00:00:00"))
    .bind(format!("{sunday_end}T00:00:00"))
    .fetch_optional(pool)
    .await?;
    let (supervisor, supervisor_week_sessions) = match busiest {
        Some(row) => (row.try_get::<String, _>("who")?, row.try_get::<i64, _>("n")?),
        None => (
            sqlx::query(
                "SELECT id FROM users WHERE org_id = $1 AND role = 'supervisor' ORDER BY id LIMIT 1",
            )
            .bind(&org)
            .fetch_one(pool)
            .await?
            .try_get("id")?,
            0,
        ),
    };
    let email_of = |id: String| async move {
        sqlx::query("SELECT email FROM users WHERE id = $1")
            .bind(id)
            .fetch_one(pool)
            .await
            .map(|r| r.try_get::<String, _>("email"))
    };
    let supervisor_email = email_of(supervisor.clone()).await??;
    // Draft reports to save: the supervisor with the most of them in this organisation.
    let open: Vec<std::sync::Arc<Case>> = store
        .cases(&CaseFilter {
            org_id: Some(org.clone()),
            open_only: true,
            ..CaseFilter::default()
        })
        .await?;
    let mut by_supervisor: std::collections::BTreeMap<String, Vec<(String, String)>> =
        std::collections::BTreeMap::new();
    for case in open.iter().filter(|c| c.status == CaseStatus::Running) {
        for report in case
            .reports
            .iter()
            .filter(|r| r.state == ReportState::Draft)
        {
            let Some(session) = case.sessions.iter().find(|s| s.id == report.session) else {
                continue;
            };
            if let (Some(who), SessionState::Held { .. }) = (&session.supervisor, &session.state) {
                by_supervisor
                    .entry(who.0.clone())
                    .or_default()
                    .push((case.id.0.clone(), session.id.0.clone()));
            }
        }
    }
    let (report_supervisor, report_sessions) = by_supervisor
        .into_iter()
        .max_by_key(|(_, v)| v.len())
        .unwrap_or_default();
    let report_supervisor_email = if report_supervisor.is_empty() {
        supervisor_email.clone()
    } else {
        email_of(report_supervisor).await??
    };
    // Public registrations go to another organisation: each run adds cases there, and the
    // large organisation's signals should read the same cases every run.
    let programme_for_public = sqlx::query(
        "SELECT org_id, programme_id FROM public_programmes WHERE org_id <> $1 \
         ORDER BY org_id DESC, programme_id LIMIT 1",
    )
    .bind(&org)
    .fetch_optional(pool)
    .await
    .ok()
    .flatten()
    .map(|r| {
        (
            r.try_get::<String, _>("org_id").unwrap_or_default(),
            r.try_get::<String, _>("programme_id").unwrap_or_default(),
        )
    });
    let mut search_terms: Vec<String> = open
        .iter()
        .filter_map(|c| c.children.first())
        .map(|child| {
            omgang_store::search::fold(&child.name)
                .chars()
                .take(5)
                .collect::<String>()
        })
        .filter(|t| t.chars().count() >= 3)
        .collect();
    search_terms.sort();
    search_terms.dedup();
    let funder_email = sqlx::query(
        "SELECT u.email FROM programme_funders f JOIN users u ON u.org_id = f.funder_org_id \
         WHERE f.org_id = $1 AND u.role = 'funder' ORDER BY u.email LIMIT 1",
    )
    .bind(&org)
    .fetch_optional(pool)
    .await?
    .map(|r| r.try_get::<String, _>("email"))
    .transpose()?;
    Ok(Targets {
        funder_email,
        search_terms,
        coordinator_email,
        org_open_cases,
        open_case_ids,
        supervisor_email,
        supervisor_week_sessions,
        report_sessions,
        report_supervisor_email,
        programme_for_public,
    })
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

/// Runs the benchmark against `database_url`; returns the printed report.
pub async fn run(database_url: &str, args: &BenchArgs, app: &omgang_app::App) -> Result<String> {
    let mut out = String::new();
    let scale = Scale::named(&args.scale).context("--scale is small, regional or national")?;
    if app.store.count(omgang_store::Table::Organisations).await? == 0 {
        let report = generate::generate(app, scale).await?;
        writeln!(
            out,
            "generated {} ({} cases, {} sessions): {} rows in {:.1} s = {:.0} rows/s",
            args.scale,
            report.cases,
            report.sessions,
            report.rows,
            report.seconds,
            report.rows as f64 / report.seconds
        )?;
    } else {
        writeln!(out, "using the data already in the database")?;
    }
    let t = targets(&app.store, app.today()).await?;
    if t.open_case_ids.is_empty() {
        bail!("no open cases to read");
    }
    writeln!(
        out,
        "organisation with the most open cases: {} open cases; supervisor's week: {} sessions; draft reports to save: {}",
        t.org_open_cases,
        t.supervisor_week_sessions,
        t.report_sessions.len()
    )?;
    eprint!("{out}");

    let server = Server::start(database_url).await?;
    let base = server.base.clone();
    let cold = server.cold_start;
    let rss_idle = server.peak_rss_mib();

    let (coordinator, coordinator_token) = sign_in(&base, &t.coordinator_email).await?;
    let (supervisor, _) = sign_in(&base, &t.supervisor_email).await?;
    let (_, report_token) = sign_in(&base, &t.report_supervisor_email).await?;
    let plain = Client::builder().pool_max_idle_per_host(256).build()?;
    let week = app.today().to_string();

    let mut scenarios = vec![Scenario {
        name: "health",
        rate: args.rate,
        client: plain.clone(),
        make: {
            let url = format!("{base}/health");
            Arc::new(move |c: &Client, _| c.get(&url))
        },
    }];
    scenarios.push(Scenario {
        name: "case page",
        rate: args.rate,
        client: coordinator.clone(),
        make: {
            let ids = Arc::new(t.open_case_ids.clone());
            let base = base.clone();
            Arc::new(move |c: &Client, i| c.get(format!("{base}/dossiers/{}", ids[i % ids.len()])))
        },
    });
    scenarios.push(Scenario {
        name: "supervisor week agenda",
        rate: args.rate,
        client: supervisor.clone(),
        make: {
            let url = format!("{base}/agenda?week={week}");
            Arc::new(move |c: &Client, _| c.get(&url))
        },
    });
    scenarios.push(Scenario {
        name: "organisation signals",
        rate: args.signals_rate,
        client: plain.clone(),
        make: {
            let url = format!("{base}/api/v1/signals");
            let token = coordinator_token.clone();
            Arc::new(move |c: &Client, _| c.get(&url).bearer_auth(&token))
        },
    });
    if !t.report_sessions.is_empty() {
        scenarios.push(Scenario {
            name: "report save",
            rate: args.write_rate,
            client: plain.clone(),
            make: {
                let targets = Arc::new(t.report_sessions.clone());
                let base = base.clone();
                let token = report_token.clone();
                Arc::new(move |c: &Client, i| {
                    let (case, session) = &targets[i % targets.len()];
                    c.request(
                        Method::PUT,
                        format!("{base}/api/v1/cases/{case}/sessions/{session}/report"),
                    )
                    .bearer_auth(&token)
                    .json(&json!({
                        "course": format!("Het bezoek verliep rustig (versie {i})."),
                        "child_reactions": "Het kind was blij en speelde.",
                        "interaction": "Warm contact, samen een spel gedaan.",
                        "agreements_kept": "Ja.",
                        "punctuality_resident_parent": "Op tijd.",
                        "punctuality_visiting_parent": "Vijf minuten te laat.",
                        "incidents": "",
                    }))
                })
            },
        });
    }
    let public = t
        .programme_for_public
        .clone()
        .and_then(|(org, id)| Some((org, app.programme(&id)?)));
    if let Some((org, programme)) = public {
        let today = app.today();
        scenarios.push(Scenario {
            name: "public registration",
            rate: args.write_rate,
            client: plain.clone(),
            make: {
                let url = format!("{base}/api/v1/public/registrations");
                Arc::new(move |c: &Client, i| {
                    c.post(&url)
                        .json(&public_registration(&org, &programme, today, i))
                })
            },
        });
    }

    if !t.search_terms.is_empty() {
        scenarios.push(Scenario {
            name: "search",
            rate: args.search_rate,
            client: plain.clone(),
            make: {
                let terms = Arc::new(t.search_terms.clone());
                let url = format!("{base}/api/v1/search");
                let token = coordinator_token.clone();
                Arc::new(move |c: &Client, i| {
                    // The terms are folded: letters and digits only, nothing to escape.
                    c.get(format!("{url}?q={}", terms[i % terms.len()]))
                        .bearer_auth(&token)
                })
            },
        });
    }
    // The dashboard of this year: the provider's own (its coordinator) and a funder's (the
    // cases of the ten providers it pays for).
    scenarios.push(Scenario {
        name: "organisation dashboard",
        rate: args.dashboard_rate,
        client: plain.clone(),
        make: {
            let url = format!("{base}/api/v1/figures");
            let token = coordinator_token.clone();
            Arc::new(move |c: &Client, _| c.get(&url).bearer_auth(&token))
        },
    });
    if let Some(email) = &t.funder_email {
        let (_, funder_token) = sign_in(&base, email).await?;
        scenarios.push(Scenario {
            name: "funder dashboard",
            rate: args.dashboard_rate,
            client: plain.clone(),
            make: {
                let url = format!("{base}/api/v1/figures");
                Arc::new(move |c: &Client, _| c.get(&url).bearer_auth(&funder_token))
            },
        });
    }
    let wanted = |s: &Scenario| {
        args.only.is_empty()
            || args
                .only
                .iter()
                .any(|o| s.name.split(' ').any(|word| word == o.trim()))
    };
    let mut results = Vec::new();
    for s in scenarios.iter().filter(|s| wanted(s)) {
        // A short warm-up fills connection pools and caches.
        let warm = Scenario {
            name: s.name,
            rate: s.rate.min(100.0),
            client: s.client.clone(),
            make: s.make.clone(),
        };
        let _ = fixed_rate(&warm, 0.5).await;
        let mut stats = fixed_rate(s, args.seconds).await;
        if args.ceiling_seconds > 0.0 {
            stats.ceiling = ceiling(s, args.ceiling_seconds, args.connections).await;
        }
        eprintln!(
            "{}: p50 {} ms, p99 {} ms, max {} ms, {} errors and {} shed of {}, ceiling {:.0}/s",
            stats.name,
            ms(stats.p50),
            ms(stats.p99),
            ms(stats.max),
            stats.errors,
            stats.shed,
            stats.sent,
            stats.ceiling
        );
        results.push(stats);
    }
    let peak = server.peak_rss_mib();
    server.stop().await;

    let health = results.iter().find(|s| s.name == "health");
    let health_ceiling = health.map_or(0.0, |h| h.ceiling);
    let health_p99 = health.map_or(Duration::ZERO, |h| h.p99);
    writeln!(out)?;
    if args.markdown {
        writeln!(
            out,
            "| scenario | rate (req/s) | throughput (req/s) | p50 (ms) | p99 (ms) | max (ms) | errors | shed (503) | ceiling (req/s) | ceiling vs health | p99 vs health |"
        )?;
        writeln!(
            out,
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        )?;
    } else {
        writeln!(
            out,
            "{:<24} {:>7} {:>10} {:>8} {:>8} {:>8} {:>7} {:>7} {:>8} {:>9} {:>9}",
            "scenario",
            "rate",
            "req/s",
            "p50 ms",
            "p99 ms",
            "max ms",
            "errors",
            "shed",
            "ceiling",
            "ceil/hlth",
            "p99/hlth"
        )?;
    }
    for s in &results {
        let vs_ceiling = if health_ceiling > 0.0 {
            format!("{:.2}", s.ceiling / health_ceiling)
        } else {
            "-".into()
        };
        let vs_p99 = if health_p99 > Duration::ZERO {
            format!("{:.1}×", s.p99.as_secs_f64() / health_p99.as_secs_f64())
        } else {
            "-".into()
        };
        if args.markdown {
            writeln!(
                out,
                "| {} | {:.0} | {:.0} | {} | {} | {} | {} of {} | {} | {:.0} | {} | {} |",
                s.name,
                s.rate,
                s.throughput,
                ms(s.p50),
                ms(s.p99),
                ms(s.max),
                s.errors,
                s.sent,
                s.shed,
                s.ceiling,
                vs_ceiling,
                vs_p99
            )?;
        } else {
            writeln!(
                out,
                "{:<24} {:>7.0} {:>10.0} {:>8} {:>8} {:>8} {:>7} {:>7} {:>8.0} {:>9} {:>9}",
                s.name,
                s.rate,
                s.throughput,
                ms(s.p50),
                ms(s.p99),
                ms(s.max),
                s.errors,
                s.shed,
                s.ceiling,
                vs_ceiling,
                vs_p99
            )?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "cold start to first answer: {} ms; server peak RSS: {} MiB (after start: {} MiB)",
        ms(cold),
        peak.map_or("?".into(), |m| format!("{m:.1}")),
        rss_idle.map_or("?".into(), |m| format!("{m:.1}")),
    )?;
    Ok(out)
}

/// A registration as a parent would type it on the public page; every one different, and
/// within the programme's rules (entry route, the child's age).
fn public_registration(
    org: &str,
    programme: &omgang_domain::Programme,
    today: jiff::civil::Date,
    i: usize,
) -> serde_json::Value {
    let route = programme
        .eligibility
        .entry_routes
        .first()
        .map_or_else(|| "voluntary".to_owned(), omgang_store::json_name);
    let age = i16::from(programme.eligibility.child_age_min.max(1)) + 1;
    let birth = jiff::civil::date(today.year() - age, 3, 1 + (i % 28) as i8);
    json!({
        "programme_id": programme.id,
        "organisation_id": org,
        "registered_by": "both_parents",
        "entry_route": route,
        "children": [{ "name": format!("Kind {i}"), "birth_date": birth.to_string() }],
        "people": [
            {
                "name": format!("Ouder A {i}"),
                "role": "resident_parent",
                "email": format!("a{i}@ouder.example"),
                "phone": "06-12345678",
                "address": format!("Geheimstraat {i}, Utrecht"),
                "secret_address": true
            },
            {
                "name": format!("Ouder B {i}"),
                "role": "non_resident_parent",
                "email": format!("b{i}@ouder.example"),
                "phone": "06-87654321",
                "address": format!("Dorpsstraat {i}, Mijdrecht")
            }
        ],
        "safety_concerns": "",
        "request": "Weer contact tussen kind en vader, onder begeleiding."
    })
}
