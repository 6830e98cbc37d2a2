//! The public S instance: a valid plan with score ≤ 780 within a few seconds, and check.py
//! agrees.
#![allow(clippy::unwrap_used)]

mod common;

use std::cell::Cell;
use std::time::{Duration, Instant};

use omgang_planner::{SolveOptions, check, solve, solve_with_progress};

#[test]
fn public_s_reaches_reference() {
    let Some((_, inst)) = common::public_instance("S-seed1") else {
        return;
    };
    // stop as soon as the reference is reached (or after 20 s on a very slow machine)
    let t0 = Instant::now();
    let limit = Duration::from_secs(20);
    let best = Cell::new(i64::MAX);
    let plan = solve_with_progress(
        &inst,
        &mut || best.get() <= 780 || t0.elapsed() >= limit,
        &SolveOptions::default(),
        &mut |p| best.set(p.best_score),
    );
    eprintln!(
        "S-seed1: score {} after {:?} (debug build)",
        plan.report.score,
        t0.elapsed()
    );
    let rep = check(&inst, &plan.solution);
    assert!(rep.is_valid(), "{rep:?}");
    assert_eq!(rep, plan.report);
    assert!(
        rep.score <= 780,
        "score {} > 780 after {:?}",
        rep.score,
        t0.elapsed()
    );
    if let Some(py) = common::python_check(&inst, &plan.solution) {
        common::assert_agree(&rep, &py);
    }
}

#[test]
fn public_instances_tiny_budget_valid() {
    for name in ["S-seed1", "M-seed1"] {
        let Some((_, inst)) = common::public_instance(name) else {
            return;
        };
        // the construction only: must already be valid
        let opts = SolveOptions {
            max_iterations: Some(0),
            ..SolveOptions::default()
        };
        let plan = solve(&inst, &mut || false, &opts);
        assert!(
            plan.report.is_valid(),
            "{name}: {:?}",
            plan.report.violations_by_rule
        );
        // stop at the first poll
        let plan = solve(&inst, &mut || true, &SolveOptions::default());
        assert!(plan.report.is_valid());
        assert_eq!(plan.polls, 0);
        assert_eq!(plan.unplaced.len(), plan.solution.unplaced.len());
        for u in &plan.unplaced {
            assert!(
                !u.reason_nl.is_empty() && !u.reason_en.is_empty() && !u.reason_code.is_empty()
            );
        }
    }
}
