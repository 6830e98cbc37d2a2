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

mod load;
mod scenarios;
mod server;
mod targets;

use std::fmt::Write as _;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::generate::{self, Scale};
use load::{Scenario, Stats, ceiling, fixed_rate, ms};
use server::Server;

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

/// Runs the benchmark against `database_url`; returns the printed report.
pub async fn run(database_url: &str, args: &BenchArgs, app: &omgang_app::App) -> Result<String> {
    let mut out = String::new();
    ensure_data(app, args, &mut out).await?;
    let t = targets::targets(&app.store, app.today()).await?;
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
    let cold = server.cold_start;
    let rss_idle = server.peak_rss_mib();
    let scenarios = scenarios::scenarios(app, args, &server.base, &t).await?;
    let results = measure(&scenarios, args).await;
    let peak = server.peak_rss_mib();
    server.stop().await;

    writeln!(out)?;
    write_table(&mut out, &results, args.markdown)?;
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

/// Generates data at `args.scale` when the database is empty (and says how fast).
async fn ensure_data(app: &omgang_app::App, args: &BenchArgs, out: &mut String) -> Result<()> {
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
    Ok(())
}

/// Runs the wanted scenarios one after the other: a warm-up, the fixed rate, the ceiling.
async fn measure(scenarios: &[Scenario], args: &BenchArgs) -> Vec<Stats> {
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
    results
}

/// The table of results (plain or Markdown), each scenario also against the health endpoint.
fn write_table(out: &mut String, results: &[Stats], markdown: bool) -> std::fmt::Result {
    let health = results.iter().find(|s| s.name == "health");
    let health_ceiling = health.map_or(0.0, |h| h.ceiling);
    let health_p99 = health.map_or(Duration::ZERO, |h| h.p99);
    if markdown {
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
    for s in results {
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
        if markdown {
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
    Ok(())
}
