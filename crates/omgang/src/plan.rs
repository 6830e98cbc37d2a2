//! `omgang plan`: the weekly planner on an instance file (`shared/planner/FORMAT.md`), with a
//! time limit; writes the plan in the solution format, so `check.py` can check any plan. The
//! planner core (`omgang-planner`) is pure: reading, writing and the clock live here.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use omgang_planner::{Instance, Progress, SolveOptions, solve_with_progress};

#[derive(clap::Args, Debug)]
pub struct PlanArgs {
    /// The instance (JSON, omgang-weekplanner-instance/1).
    #[arg(long)]
    pub instance: PathBuf,
    /// Where the plan goes (JSON solution).
    #[arg(long)]
    pub out: PathBuf,
    /// Time limit in seconds; the best plan found by then is written.
    #[arg(long, default_value_t = 10.0)]
    pub seconds: f64,
    /// Seed of the search (the same seed and work give the same plan).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Worker threads (organisations are planned side by side).
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
    /// Stop after this many iterations per organisation instead of the time limit
    /// (reproducible plans on any machine).
    #[arg(long)]
    pub iterations: Option<u64>,
    /// Print the best score after 1, 2, 5, 10, 20 and 30 seconds, and at the end.
    #[arg(long)]
    pub progress: bool,
}

pub fn run(args: &PlanArgs) -> Result<()> {
    let text = std::fs::read_to_string(&args.instance)
        .with_context(|| format!("reading {}", args.instance.display()))?;
    let instance = Instance::from_json(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.instance.display()))?;
    let options = SolveOptions {
        seed: args.seed,
        threads: args.threads.max(1),
        max_iterations: args.iterations,
    };
    let started = Instant::now();
    let limit = Duration::from_secs_f64(args.seconds.max(0.0));
    let marks = [1.0, 2.0, 5.0, 10.0, 20.0, 30.0];
    let mut next_mark = 0;
    let mut on_progress = |p: &Progress| {
        let elapsed = started.elapsed().as_secs_f64();
        while args.progress && next_mark < marks.len() && elapsed >= marks[next_mark] {
            eprintln!("after {:>2} s: score {}", marks[next_mark], p.best_score);
            next_mark += 1;
        }
    };
    let unlimited = args.iterations.is_some();
    let mut should_stop = || !unlimited && started.elapsed() >= limit;
    let plan = solve_with_progress(&instance, &mut should_stop, &options, &mut on_progress);
    std::fs::write(&args.out, plan.solution.to_json() + "\n")
        .with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "plan: score {} ({} of {} placed, {} hard violations) in {:.1} s",
        plan.report.score,
        plan.report.placed,
        plan.report.requests,
        plan.report.hard_violations,
        started.elapsed().as_secs_f64()
    );
    for u in plan.unplaced.iter().take(10) {
        eprintln!("  unplaced {}: {}", u.request, u.reason_nl);
    }
    Ok(())
}
