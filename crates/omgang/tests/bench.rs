//! `omgang bench` end to end, small and short, on SQLite and PostgreSQL: generated data
//! (bulk-loaded, audit chain intact), a real server started by the benchmark, every scenario
//! answered without an error, and the figures printed.

// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

mod common;

use common::*;

both_backends!(bench_drives_every_scenario_without_errors);

async fn bench_drives_every_scenario_without_errors(backend: Backend) {
    let db = TestDb::create(backend).await;
    let database = db.url.clone();
    generate_small(&database, 300);
    let verified = omgang_cli(&database)
        .args(["audit", "verify"])
        .output()
        .expect("omgang audit verify runs");
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stdout)
    );
    let out = omgang_cli(&database)
        .args(["bench", "--seconds", "1", "--ceiling-seconds", "0.5"])
        .args(["--rate", "40", "--signals-rate", "5", "--write-rate", "10"])
        .args(["--search-rate", "20", "--dashboard-rate", "5"])
        .args(["--connections", "2"])
        .output()
        .expect("omgang bench runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<Vec<&str>> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("scenario"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| {
            l.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect();
    let names: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    assert_eq!(
        names,
        [
            "health",
            "case page",
            "supervisor week agenda",
            "organisation signals",
            "signals page",
            "report save",
            "public registration",
            "search",
            "organisation dashboard",
            "funder dashboard"
        ],
        "{stdout}"
    );
    for row in &rows {
        // rate, req/s, p50, p99, max, errors, …
        assert_eq!(row[6], "0", "errors in {row:?}\n{stdout}");
        let throughput: f64 = row[2].parse().expect("a throughput");
        assert!(throughput > 0.0, "{row:?}");
    }
    assert!(stdout.contains("cold start to first answer"), "{stdout}");
    assert!(stdout.contains("peak RSS"), "{stdout}");
}
