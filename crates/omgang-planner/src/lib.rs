//! The weekly visit planner of omgang: a functional core (no IO, no async, no clock).
//!
//! * [`Instance`] / [`Solution`]: the instance and solution JSON of
//!   `shared/planner/FORMAT.md` (`omgang-weekplanner-instance/1`).
//!   [`Instance::from_json`] validates every reference and names the offending field.
//! * [`check`]: the rules and the score of FORMAT.md, computed as `check.py` does.
//! * [`solve`] / [`solve_with_progress`]: an anytime optimiser that returns the best valid
//!   plan found when the caller's `should_stop` says so (polled about every 2 ms of work).
//!   Every plan it returns has 0 hard violations; unplaced requests come with a reason
//!   ([`Plan::unplaced`]).
//!
//! # Fixed sessions
//!
//! A request may carry an extra field (ignored by `check.py`, so instances stay
//! format-compatible):
//!
//! ```json
//! "fixed": {"start": 960, "room": "O1-L1-R1", "supervisor": "O1-S03"}
//! ```
//!
//! The solver keeps such a session exactly as it is and plans everything else around it.
//! A fixed session that itself breaks a hard rule (outside the family's window, a volunteer
//! without VOG, …) or clashes with an earlier fixed session cannot be kept in a valid plan:
//! it is reported unplaced with reason `fixed_invalid` or `fixed_conflict`.
//!
//! # Algorithm
//!
//! Organisations never share rooms, supervisors or cases, so the instance splits into
//! independent groups (normally one per organisation; organisations that do share something
//! are grouped), solved side by side on up to [`SolveOptions::threads`] threads. Per group:
//! every static option (start on the grid, room, supervisor) that passes all per-session
//! rules is enumerated once; a greedy construction places the requests with the fewest
//! options first, each at its cheapest feasible option (ties: the room where it fits best
//! between existing sessions). Then a large-neighbourhood search (ruin and recreate) with
//! late-acceptance hill climbing: either an unplaced request is forced into the option whose
//! eviction set is cheapest and the evicted sessions are re-inserted (an ejection chain, two
//! levels deep), or a cluster of related sessions (same day, supervisor, location, nearby
//! times) is removed and re-inserted; each time unplaced requests that might use the freed
//! time are retried. Groups with more left to gain (best score minus a lower bound) get more
//! turns. Only feasible placements are ever made, so every intermediate plan is valid.
//!
//! # Determinism
//!
//! The groups are scheduled in turns of a fixed amount of *counted work* (not time), and
//! `should_stop` is polled once between turns. So the same instance, the same
//! [`SolveOptions`] (seed, `max_iterations`) and the same number of polls answering `false`
//! give the same plan, independent of the number of threads. With a time limit the number
//! of polls before the limit depends on the speed (and load) of the machine, so a time limit
//! does not give reproducible plans; use `max_iterations` (or count polls) for that.
//!
//! # Unplaced requests
//!
//! Every unplaced request gets a reason in a coordinator's words in Dutch and English
//! ([`Unplaced`]): the first constraint that eliminates every option (no room of the type,
//! closed during the family's windows, no supervisor at the location, none available,
//! volunteers only, not trained, VOG not valid on the day) or, if options exist, what is
//! occupied in the plan (the case already has a session on each possible day, rooms full,
//! supervisors booked or out of hours).

mod check;
mod model;
mod reasons;
mod solver;

pub use check::{Report, ScoreBreakdown, Violation, check};
pub use model::{
    Assignment, FixedSession, Instance, Location, Organisation, PlannerError, ReasonText, Request,
    Room, RoomType, Solution, Supervisor, SupervisorKind,
};
pub use solver::{Plan, Progress, SolveOptions, Unplaced, solve, solve_with_progress};
