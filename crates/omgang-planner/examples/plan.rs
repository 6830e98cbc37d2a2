//! `cargo run --release -p omgang-planner --example plan -- --instance F --out F --seconds T
//! [--seed N] [--threads N] [--iterations N] [--progress]`
//!
//! The IO glue around the planner core: read the instance, measure time, write the plan.

use std::time::{Duration, Instant};

use omgang_planner::{Instance, SolveOptions, solve_with_progress};

fn main() {
    if let Err(e) = run() {
        eprintln!("plan: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let (mut instance, mut out, mut seconds, mut progress) = (None, None, 10.0_f64, false);
    let mut options = SolveOptions::default();
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--instance" => instance = Some(val()?),
            "--out" => out = Some(val()?),
            "--seconds" => seconds = val()?.parse().map_err(|e| format!("--seconds: {e}"))?,
            "--seed" => options.seed = val()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--threads" => {
                options.threads = val()?.parse().map_err(|e| format!("--threads: {e}"))?
            }
            "--iterations" => {
                options.max_iterations =
                    Some(val()?.parse().map_err(|e| format!("--iterations: {e}"))?)
            }
            "--progress" => progress = true,
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    let instance = instance.ok_or("--instance is required")?;
    let out = out.ok_or("--out is required")?;
    let text = std::fs::read_to_string(&instance).map_err(|e| format!("{instance}: {e}"))?;
    let inst = Instance::from_json(&text).map_err(|e| format!("{instance}: {e}"))?;

    let t0 = Instant::now();
    let limit = Duration::from_secs_f64(seconds.max(0.0));
    let marks = [1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0];
    let mut next_mark = 0;
    let mut best = i64::MAX;
    let mut on_progress = |p: &omgang_planner::Progress| {
        best = p.best_score;
        let el = t0.elapsed().as_secs_f64();
        while progress && next_mark < marks.len() && el >= marks[next_mark] {
            eprintln!(
                "progress t={}s best={} iterations={}",
                marks[next_mark], p.best_score, p.iterations
            );
            next_mark += 1;
        }
    };
    let mut should_stop = || t0.elapsed() >= limit;
    let plan = solve_with_progress(&inst, &mut should_stop, &options, &mut on_progress);
    let el = t0.elapsed().as_secs_f64();
    if progress {
        eprintln!(
            "progress t=end({el:.2}s) best={} placed={} of {} hard_violations={} iterations={} polls={}",
            plan.report.score,
            plan.report.placed,
            plan.report.requests,
            plan.report.hard_violations,
            plan.iterations,
            plan.polls
        );
    }
    let _ = best;
    std::fs::write(&out, plan.solution.to_json() + "\n").map_err(|e| format!("{out}: {e}"))?;
    Ok(())
}
