//! A run of the planner: on a blocking thread with a time limit, its progress while it runs,
//! and the stored result.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use jiff::civil::Date;
use omgang_planner as planner;
use omgang_store::PlanningRunRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::minutes::parse_week;
use super::view::PlanningRun;
use super::{DEFAULT_SECONDS, MAX_SECONDS};
use crate::input::Check;
use crate::policy::Actor;
use crate::{App, AppError, Audit, Result};

/// Runs of the planner at the same time in one process (more answer 503, try again).
pub(super) static PLANNER_RUNS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// How long a finished run's progress stays to be asked for.
pub(super) const LIVE_KEPT: Duration = Duration::from_secs(60);

/// Start the planner.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RunInput {
    /// Time limit in seconds (1 to 30; default 5).
    #[serde(default)]
    pub seconds: Option<u32>,
    /// A name the client chose (8 to 64 letters, digits and dashes) to follow the run while it
    /// works: `GET /api/v1/planning/progress/{ticket}`.
    #[serde(default)]
    pub ticket: Option<String>,
}

/// How far a run of the planner is, while it works and a minute after.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RunProgress {
    /// The planner is still working.
    pub running: bool,
    pub elapsed_ms: u64,
    pub limit_ms: u64,
    /// The score of the best plan so far (lower is better; none before the first plan).
    pub best_score: Option<i64>,
    /// Improvement steps tried so far.
    pub iterations: u64,
    /// The run's id once it is stored.
    pub run_id: Option<String>,
}

/// Runs in progress in this process, by organisation and ticket. A run lives in one
/// process (the one that computes it), so its progress does too; the entry stays a minute
/// after the run so the last poll sees it finished.
pub(super) struct LiveRun {
    started: Instant,
    limit: Duration,
    progress: Option<planner::Progress>,
    finished: Option<(Instant, Option<String>)>,
}

pub(super) static LIVE_RUNS: std::sync::LazyLock<
    std::sync::Mutex<HashMap<(String, String), LiveRun>>,
> = std::sync::LazyLock::new(|| std::sync::Mutex::new(HashMap::new()));

pub(super) fn valid_ticket(t: &str) -> bool {
    (8..=64).contains(&t.len()) && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

pub(super) fn live_runs() -> std::sync::MutexGuard<'static, HashMap<(String, String), LiveRun>> {
    // A poisoned lock only means a run panicked while updating its progress: the map is
    // still usable.
    LIVE_RUNS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

pub(super) fn finish_live_run(key: &Option<(String, String)>, run_id: Option<String>) {
    if let Some(key) = key
        && let Some(live) = live_runs().get_mut(key)
    {
        live.finished = Some((Instant::now(), run_id));
    }
}

impl App {
    /// Runs the planner on the week with a time limit, on a blocking thread, and stores the
    /// proposal.
    pub async fn run_planner(
        &self,
        actor: &Actor,
        week: &str,
        input: &RunInput,
    ) -> Result<PlanningRun> {
        if !self.plan_week_allowed(actor) {
            return Err(self.refuse_planning(actor, "run_planner").await);
        }
        let (seconds, monday, ticket) = check_run_input(week, input)?;
        let w = self.build_week(actor, monday).await?;
        let instance = w.instance.clone();
        instance
            .validate()
            .map_err(|e| AppError::Internal(format!("planning instance: {e}")))?;
        // At most two runs at once in this process: each keeps a core busy for its limit.
        let Ok(_permit) = PLANNER_RUNS.try_acquire() else {
            return Err(AppError::Overloaded);
        };
        let limit = Duration::from_secs(u64::from(seconds));
        let live_key = ticket.map(|t| (actor.org_id.0.clone(), t.to_owned()));
        if let Some(key) = &live_key {
            start_live_run(key, limit);
        }
        let plan = solve(instance, limit, live_key.clone())
            .await
            .map_err(|e| {
                finish_live_run(&live_key, None);
                AppError::Internal(format!("planner: {e}"))
            })?;
        let run = PlanningRunRow {
            id: crate::new_id(),
            org_id: actor.org_id.0.clone(),
            week: w.label.clone(),
            created_by: actor.user_id.0.clone(),
            created_at: self.now().as_millisecond(),
            seconds: i64::from(seconds),
            requests: serde_json::to_string(&w.requests)
                .map_err(|e| AppError::Internal(e.to_string()))?,
            instance: serde_json::to_string(&w.instance)
                .map_err(|e| AppError::Internal(e.to_string()))?,
            solution: plan.solution.to_json(),
            accepted: "{}".into(),
        };
        let stored = self.store.insert_planning_run(&run).await;
        finish_live_run(&live_key, stored.is_ok().then(|| run.id.clone()));
        stored?;
        self.audit(Audit {
            actor: Some(actor),
            action: "run_planner",
            case: None,
            detail: format!(
                "{} run {} placed {} of {}",
                w.label, run.id, plan.report.placed, plan.report.requests
            ),
            allowed: true,
        })
        .await?;
        self.audit_cases_shown(
            actor,
            "read_planning_run",
            "week planning proposal",
            w.case_ids.iter().map(String::as_str),
        )
        .await?;
        self.run_view(actor, &run).await
    }

    /// How far the organisation's run with this ticket is (see [`RunInput::ticket`]): only
    /// the organisation's planners ask, and only their own organisation's runs are found.
    pub async fn planning_progress(&self, actor: &Actor, ticket: &str) -> Result<RunProgress> {
        if !self.plan_week_allowed(actor) {
            return Err(self.refuse_planning(actor, "read_planning_progress").await);
        }
        let runs = live_runs();
        let live = runs
            .get(&(actor.org_id.0.clone(), ticket.trim().to_owned()))
            .ok_or(AppError::NotFound)?;
        let elapsed = match live.finished {
            Some((at, _)) => at.duration_since(live.started),
            None => live.started.elapsed(),
        };
        let ms = |d: Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
        Ok(RunProgress {
            running: live.finished.is_none(),
            elapsed_ms: ms(elapsed.min(live.limit)),
            limit_ms: ms(live.limit),
            best_score: live.progress.as_ref().map(|p| p.best_score),
            iterations: live.progress.as_ref().map_or(0, |p| p.iterations),
            run_id: live.finished.as_ref().and_then(|(_, id)| id.clone()),
        })
    }
}

/// The time limit in seconds, the week's Monday and the ticket of a run, checked.
fn check_run_input<'a>(week: &str, input: &'a RunInput) -> Result<(u32, Date, Option<&'a str>)> {
    let mut c = Check::default();
    let seconds = input.seconds.unwrap_or(DEFAULT_SECONDS);
    if !(1..=MAX_SECONDS).contains(&seconds) {
        c.push(
            "seconds",
            format!("Geef de rekentijd in seconden (1 tot {MAX_SECONDS})."),
            format!("Give the time limit in seconds (1 to {MAX_SECONDS})."),
        );
    }
    let parsed = parse_week(week);
    if parsed.is_none() {
        c.push(
            "week",
            "Geef de week als 2026-W11 (jaar en weeknummer) of als een datum in die week (2026-03-09).",
            "Give the week as 2026-W11 (year and week number) or as a date in it (2026-03-09).",
        );
    }
    let ticket = input.ticket.as_deref().map(str::trim);
    if ticket.is_some_and(|t| !valid_ticket(t)) {
        c.push(
            "ticket",
            "Een volgnummer is 8 tot 64 letters, cijfers of streepjes.",
            "A ticket is 8 to 64 letters, digits or dashes.",
        );
    }
    c.finish()?;
    let monday = parsed.ok_or_else(|| AppError::Internal("week checked".into()))?;
    Ok((seconds, monday, ticket))
}

/// Registers a run under its ticket (forgetting runs finished a while ago), so that its
/// progress can be asked while it runs.
fn start_live_run(key: &(String, String), limit: Duration) {
    let mut runs = live_runs();
    runs.retain(|_, r| {
        r.finished
            .as_ref()
            .is_none_or(|(at, _)| at.elapsed() < LIVE_KEPT)
    });
    runs.insert(
        key.clone(),
        LiveRun {
            started: Instant::now(),
            limit,
            progress: None,
            finished: None,
        },
    );
}

/// Solves the instance on a blocking thread within the limit, telling the live run under
/// `progress_key` how far it is.
async fn solve(
    instance: planner::Instance,
    limit: Duration,
    progress_key: Option<(String, String)>,
) -> Result<planner::Plan, tokio::task::JoinError> {
    tokio::task::spawn_blocking(move || {
        let started = Instant::now();
        let mut should_stop = || started.elapsed() >= limit;
        let options = planner::SolveOptions {
            seed: 1,
            max_iterations: None,
            threads: 1,
        };
        let mut last_report = started;
        let mut report = |p: &planner::Progress| {
            // The planner reports about every millisecond; the page asks twice a second.
            if let Some(key) = &progress_key
                && last_report.elapsed() >= Duration::from_millis(50)
            {
                last_report = Instant::now();
                if let Some(live) = live_runs().get_mut(key) {
                    live.progress = Some(*p);
                }
            }
        };
        planner::solve_with_progress(&instance, &mut should_stop, &options, &mut report)
    })
    .await
}
