//! The anytime optimiser: per independent group of organisations a greedy construction by
//! difficulty, then ruin-and-recreate (large-neighbourhood search) with late-acceptance
//! hill climbing, always keeping every hard rule.
//!
//! The stages, one module each: [`compile`] the instance into independent groups and their
//! options; [`state`] of a plan under construction; [`search`] per group (construction,
//! insertion, undo); [`eject`] what is in the way of an unplaced request; [`improve`] one
//! ruin-and-recreate iteration; [`schedule`] the turns of the groups between polls; and
//! [`assemble`] the plan from the best state of each group.

mod assemble;
mod compile;
mod eject;
mod improve;
mod schedule;
mod search;
mod state;

use crate::check::Report;
use crate::model::{Index, Instance, Solution};

pub(crate) use compile::{CReq, Comp};
pub(crate) use state::{State, sup_conflict};

/// Options of [`solve`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SolveOptions {
    /// Seed of the random choices (the same seed gives the same plan, see the crate docs).
    pub seed: u64,
    /// At most this many improvement iterations (ruin-and-recreate steps) per independent
    /// group of organisations; `Some(0)` returns the greedy construction. `None`: until
    /// `should_stop` says so (or nothing can improve any more).
    pub max_iterations: Option<u64>,
    /// Worker threads (at least 1). The plan does not depend on it.
    pub threads: usize,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            seed: 1,
            max_iterations: None,
            threads: 2,
        }
    }
}

/// What the solver reports at every poll (see [`solve_with_progress`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Score of the best plan so far.
    pub best_score: i64,
    /// Improvement iterations so far (all groups).
    pub iterations: u64,
    /// `should_stop` polls so far.
    pub polls: u64,
}

/// An unplaced request and why, in a coordinator's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    /// Request id.
    pub request: String,
    /// Machine-readable reason (`no_room_type`, `closed_in_windows`, `no_supervisor_at_location`,
    /// `no_supervisor_available`, `volunteer_not_allowed`, `not_trained`, `vog_invalid`,
    /// `case_same_day`, `rooms_occupied`, `supervisors_occupied`, `supervisors_max_minutes`,
    /// `no_common_time`, `fixed_invalid`, `fixed_conflict`).
    pub reason_code: String,
    /// The reason in Dutch.
    pub reason_nl: String,
    /// The reason in English.
    pub reason_en: String,
}

/// The result of [`solve`].
#[derive(Debug, Clone)]
pub struct Plan {
    /// The plan in the solution format (with `unplaced_reasons`).
    pub solution: Solution,
    /// The unplaced requests with their reasons, in instance order.
    pub unplaced: Vec<Unplaced>,
    /// The check of `solution` (score, breakdown, hard violations: always 0).
    pub report: Report,
    /// Improvement iterations done.
    pub iterations: u64,
    /// `should_stop` polls answered `false`.
    pub polls: u64,
}

/// Plans the week. See [`solve_with_progress`].
pub fn solve(
    inst: &Instance,
    should_stop: &mut dyn FnMut() -> bool,
    options: &SolveOptions,
) -> Plan {
    solve_with_progress(inst, should_stop, options, &mut |_| {})
}

/// Plans the week: greedy construction, then improvement until `should_stop()` returns
/// `true` (polled about every millisecond of work) or `options.max_iterations` is reached.
/// `progress` is called before every poll with the best score so far.
pub fn solve_with_progress(
    inst: &Instance,
    should_stop: &mut dyn FnMut() -> bool,
    options: &SolveOptions,
    progress: &mut dyn FnMut(&Progress),
) -> Plan {
    let ix = Index::new(inst);
    let threads = options.threads.max(1);
    let groups = compile::groups(inst, &ix);
    // compile and construct (in parallel; each group independent)
    let comps = schedule::build_each(groups.len(), threads, |i| {
        compile::compile(inst, &ix, &groups[i])
    });
    let mut searches = schedule::build_each(comps.len(), threads, |i| {
        search::Search::new(&comps[i], options.seed, i, options.max_iterations)
    });
    let polls = schedule::run_turns(&mut searches, threads, should_stop, progress);
    assemble::plan(inst, &ix, &searches, polls)
}
