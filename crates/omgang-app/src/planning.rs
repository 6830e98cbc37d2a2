//! The weekly planner inside the product (issue 13): from the database to an
//! [`omgang_planner::Instance`], a run of the planner, its proposal, and accepting it.
//!
//! **The week's requests** come from the organisation's running cases under their
//! programme's rules: of the kinds the case may have now ([`plannable_kinds`]) those a
//! supervisor leads and that are held in one of the organisation's houses
//! ([`Programme::locations_for`]), each at most once a week, and only while the case still
//! needs it: below the kind's maximum and its "about N", below what the phase asks
//! (`advance_after`, `required`), with the plan signed and the prerequisites held where the
//! kind asks for them, and in the programme's rhythm (`[cadence] alternate, interval_days`:
//! nothing when the period already has a session of the rhythm, otherwise only the kind
//! whose turn it is). Each request carries the case's supervisor so far (continuity), last
//! time's weekday and time (the preferred start), the room types of its kind, whether a
//! volunteer may supervise, the location's margin (visits are staggered: the resident parent
//! brings the child a margin before and collects it a margin after) and the family's time
//! windows (`case_windows`, or the default). Sessions already planned in the week become
//! `fixed` requests, kept as they are. Supervisors are the organisation's active supervisors
//! and volunteers with their VOG (under the strictest programme), training, weekly
//! availability (less what they already have that week) and weekly hours; locations come
//! with their opening hours. Coordinators drop requests before a run.
//!
//! **A run** solves the instance on a blocking thread with a time limit (the planner is pure;
//! the clock is here) and stores requests, instance and proposal (`planning_runs`).
//! **Accepting** plans each chosen placement through [`App::plan_session`] — the normal case
//! rules, warnings from stored facts, audit, mail — and reports per item what happened: planned,
//! refused (with the rule's explanation), or waiting for confirmation of warnings, which are
//! never confirmed silently: the coordinator accepts that item again naming the codes.
//!
//! Only an organisation's coordinators plan a week ([`OrgAction::PlanWeek`]).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::{Duration, Instant};

use jiff::civil::{Date, DateTime, ISOWeekDate, Time, Weekday};
use omgang_domain::Refusal;
use omgang_domain::case::{Case, SessionState, add_months, plannable_kinds};
use omgang_domain::programme::{Lead, LocationKind, Programme, RoomType, SessionKind};
use omgang_domain::text::{Lang, Text};
use omgang_domain::warning::same_period;
use omgang_planner as planner;
use omgang_store::{AgendaFilter, CaseFilter, HoursRow, PlanningRunRow, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::beheer::SlotInput;
use crate::input::{Check, SessionInput};
use crate::policy::{self, Actor, CaseAction, OrgAction, Role};
use crate::{App, AppError, Audit, Result};

/// The id prefix of the placeholders that hold a room for a session without a supervisor
/// of ours (they never supervise anything else: available only then).
pub const HOLD_PREFIX: &str = "hold:";

/// Runs of the planner at the same time in one process (more answer 503, try again).
static PLANNER_RUNS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// How long a finished run's progress stays to be asked for.
const LIVE_KEPT: Duration = Duration::from_secs(60);

/// The id prefix of a coordinator as the planner's resource for the conversations they lead
/// (an intake, parent or child conversation, an evaluation in one of our houses).
pub const LEAD_PREFIX: &str = "lead:";

/// The id prefix of requests a coordinator added.
pub const ADDED_PREFIX: &str = "added:";

/// The planner's default time limit, in seconds.
pub const DEFAULT_SECONDS: u32 = 5;
/// The longest a coordinator may let the planner run.
pub const MAX_SECONDS: u32 = 30;
/// Weekly minutes of a professional without stored hours.
pub const DEFAULT_PROFESSIONAL_MINUTES: i64 = 1800;
/// Weekly minutes of a volunteer without stored hours.
pub const DEFAULT_VOLUNTEER_MINUTES: i64 = 600;

/// A location's opening hours without stored ones: weekdays 09:00–21:00, Saturday 09:00–17:00.
pub fn default_opening_hours() -> Vec<SlotInput> {
    let mut out: Vec<SlotInput> = (1..=5).map(|d| slot(d, "09:00", "21:00")).collect();
    out.push(slot(6, "09:00", "17:00"));
    out
}

/// A family's windows without stored ones: for visits and handovers the weekday afternoons
/// and evenings after school (Wednesday from 12:30) and Saturday 09:00–16:00; for other
/// sessions weekday office hours.
pub fn default_windows(kind: SessionKind) -> Vec<SlotInput> {
    if kind.is_visit() {
        vec![
            slot(1, "15:00", "19:30"),
            slot(2, "15:00", "19:30"),
            slot(3, "12:30", "19:30"),
            slot(4, "15:00", "19:30"),
            slot(5, "15:00", "19:30"),
            slot(6, "09:00", "16:00"),
        ]
    } else {
        (1..=5).map(|d| slot(d, "09:00", "17:00")).collect()
    }
}

fn slot(weekday: u8, starts: &str, ends: &str) -> SlotInput {
    SlotInput {
        weekday,
        starts: starts.into(),
        ends: ends.into(),
    }
}

/// The family's time windows of a case (a weekday may have several), or a location's
/// opening hours.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WindowsInput {
    /// Weekday 1 (Monday) to 7 (Sunday), `HH:MM` to `HH:MM`. Empty: the default windows.
    pub windows: Vec<SlotInput>,
    /// A case only: the children's school hours, in the same form (replaced when given, kept
    /// when left out; empty: none). Visits and handovers, which the child attends, are not
    /// planned in them.
    #[serde(default)]
    pub school: Option<Vec<SlotInput>>,
}

/// The family's time windows of a case.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct WindowsView {
    pub case_id: String,
    pub windows: Vec<SlotInput>,
    /// No windows stored: the planner uses the default ones (shown here).
    pub default: bool,
    /// The children's school hours (none stored: none).
    pub school: Vec<SlotInput>,
}

/// A session already planned in the week, kept as it is.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct FixedPlacement {
    pub session_id: String,
    /// Local time, `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    pub room_id: String,
    pub supervisor_id: String,
}

/// One session the week needs, as the coordinator sees it before planning.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct PlanningRequest {
    /// `{kind}:{case id}` for a new session, `session:{session id}` for a planned one.
    pub id: String,
    pub case_id: String,
    pub case_reference: String,
    pub programme_id: String,
    /// The session kind (`supervised_visit`, …).
    pub kind: String,
    /// The kind in the reader's language.
    pub kind_label: String,
    pub minutes: i64,
    /// The parents must not meet: the resident parent brings and collects the child a
    /// location margin before and after.
    pub staggered: bool,
    pub volunteer_allowed: bool,
    /// homely, large, office
    pub room_types: Vec<String>,
    /// The family's windows (weekday 1–7).
    pub windows: Vec<SlotInput>,
    /// The windows are the default ones: none are stored for the case.
    pub windows_default: bool,
    pub previous_supervisor_id: Option<String>,
    pub previous_supervisor_name: Option<String>,
    /// Last time's weekday and time in this week (local `YYYY-MM-DDTHH:MM`).
    pub preferred_start: Option<String>,
    /// A session planned already: kept as it is.
    pub fixed: Option<FixedPlacement>,
    /// Why the week needs it, in the reader's language.
    pub need: String,
    /// The coordinator dropped it from this week's run.
    pub dropped: bool,
}

/// The requests of a week.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct WeekRequests {
    /// `YYYY-Www`
    pub week: String,
    /// The Monday, `YYYY-MM-DD`.
    pub week_start: String,
    pub requests: Vec<PlanningRequest>,
    /// The latest run of this week, if any.
    pub latest_run: Option<String>,
    /// The running cases and the kinds a coordinator may add a request of.
    pub addable: Vec<AddableCase>,
}

/// A running case and the kinds of session the planner can plan for it now.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AddableCase {
    pub case_id: String,
    pub case_reference: String,
    pub kinds: Vec<AddableKind>,
}

/// A kind of session that can be added, with its usual length.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AddableKind {
    pub kind: String,
    pub label: String,
    pub minutes: i64,
}

/// Add a request to the week (an extra session the rules do not ask for by themselves).
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddRequestInput {
    pub case_id: String,
    /// A kind the planner plans for this case now (see `addable`), e.g. `supervised_visit`.
    pub kind: String,
    /// Length in minutes (15 to the kind's maximum); left out: the usual length.
    #[serde(default)]
    pub minutes: Option<u32>,
}

/// Drop a request from the week's run, or take it back.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DropInput {
    pub dropped: bool,
}

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
struct LiveRun {
    started: Instant,
    limit: Duration,
    progress: Option<planner::Progress>,
    finished: Option<(Instant, Option<String>)>,
}

static LIVE_RUNS: std::sync::LazyLock<std::sync::Mutex<HashMap<(String, String), LiveRun>>> =
    std::sync::LazyLock::new(|| std::sync::Mutex::new(HashMap::new()));

fn valid_ticket(t: &str) -> bool {
    (8..=64).contains(&t.len()) && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

fn live_runs() -> std::sync::MutexGuard<'static, HashMap<(String, String), LiveRun>> {
    // A poisoned lock only means a run panicked while updating its progress: the map is
    // still usable.
    LIVE_RUNS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn finish_live_run(key: &Option<(String, String)>, run_id: Option<String>) {
    if let Some(key) = key
        && let Some(live) = live_runs().get_mut(key)
    {
        live.finished = Some((Instant::now(), run_id));
    }
}

/// Accept placements of a run.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptInput {
    /// The request ids to accept; left out: every placement of the run.
    #[serde(default)]
    pub requests: Option<Vec<String>>,
    /// Warning codes confirmed for these items ("toch plannen"), after an answer named them.
    #[serde(default)]
    pub confirm: Vec<String>,
    /// Why, where a confirmed warning asks for a reason.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A warning to confirm before an item is planned.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct ItemWarning {
    pub code: String,
    pub text_nl: String,
    pub text_en: String,
    pub needs_reason: bool,
}

/// What became of one accepted placement.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct AcceptItem {
    pub request: String,
    pub case_id: String,
    /// planned, already_planned, needs_confirmation, refused, not_in_run
    pub status: String,
    /// The session made (planned).
    pub session_id: Option<String>,
    /// The refusal's code (refused, needs_confirmation).
    pub code: Option<String>,
    pub message_nl: Option<String>,
    pub message_en: Option<String>,
    /// The warnings to confirm (needs_confirmation): accept again with their codes.
    #[serde(default)]
    pub warnings: Vec<ItemWarning>,
}

/// A placed request of a proposal.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Placement {
    pub request: String,
    pub case_id: String,
    pub case_reference: String,
    pub kind: String,
    pub kind_label: String,
    /// 1 (Monday) to 7 (Sunday).
    pub weekday: u8,
    /// `YYYY-MM-DD`
    pub date: String,
    /// Local time, `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    pub ends_at: String,
    pub minutes: i64,
    pub location_id: String,
    pub location_name: String,
    pub room_id: String,
    pub room_name: String,
    pub supervisor_id: String,
    pub supervisor_name: String,
    pub staggered: bool,
    /// The resident parent brings the child (`HH:MM`): a margin before the visit.
    pub drop_off: String,
    /// The visiting parent arrives (`HH:MM`).
    pub arrival: String,
    /// The visiting parent leaves (`HH:MM`).
    pub departure: String,
    /// The resident parent collects the child (`HH:MM`): a margin after the visit.
    pub pick_up: String,
    /// The case had another supervisor so far.
    pub continuity_lost: bool,
    pub previous_supervisor_name: Option<String>,
    /// A session planned already (kept as it was).
    pub fixed: bool,
    /// What became of it when accepted.
    pub accepted: Option<AcceptItem>,
}

/// A request the planner could not place, and why.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct UnplacedView {
    pub request: String,
    pub case_id: String,
    pub case_reference: String,
    pub kind: String,
    pub kind_label: String,
    pub reason_code: String,
    pub reason_nl: String,
    pub reason_en: String,
    /// In the reader's language.
    pub reason: String,
}

/// A room of the grid (days × rooms).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RoomColumn {
    pub id: String,
    pub name: String,
    pub location_id: String,
    pub location_name: String,
}

/// A supervisor of the proposal.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SupervisorColumn {
    pub id: String,
    pub name: String,
    pub volunteer: bool,
}

/// A proposal of the planner.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PlanningRun {
    pub id: String,
    /// `YYYY-Www`
    pub week: String,
    /// `YYYY-MM-DD`
    pub week_start: String,
    /// When it ran (RFC 3339).
    pub created_at: String,
    /// Its time limit.
    pub seconds: i64,
    pub requests: usize,
    pub placed: usize,
    pub hard_violations: usize,
    pub score: i64,
    pub continuity_lost: usize,
    /// By start.
    pub placements: Vec<Placement>,
    pub unplaced: Vec<UnplacedView>,
    pub rooms: Vec<RoomColumn>,
    pub supervisors: Vec<SupervisorColumn>,
    /// The seven days, `YYYY-MM-DD`.
    pub days: Vec<String>,
}

/// The answer to accepting.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AcceptResult {
    pub items: Vec<AcceptItem>,
    pub planned: usize,
    pub not_planned: usize,
    pub run: PlanningRun,
}

// ---- the week -------------------------------------------------------------------------------

/// `date` moved by `days` (either way).
pub fn shift(date: Date, days: i64) -> Date {
    date.checked_add(jiff::Span::new().days(days))
        .unwrap_or(date)
}

/// `YYYY-Www` of the week of `date`.
pub fn week_label(date: Date) -> String {
    let iso = date.iso_week_date();
    format!("{:04}-W{:02}", iso.year(), iso.week())
}

/// The Monday of a week given as `YYYY-Www` (ISO week) or as a date in it (`YYYY-MM-DD`).
pub fn parse_week(text: &str) -> Option<Date> {
    let t = text.trim();
    let monday = if let Some((y, w)) = t.split_once("-W").or_else(|| t.split_once("-w")) {
        let year: i16 = y.parse().ok()?;
        let week: i8 = w.parse().ok()?;
        ISOWeekDate::new(year, week, Weekday::Monday).ok()?.date()
    } else {
        let d: Date = t.parse().ok()?;
        shift(d, -i64::from(d.weekday().to_monday_zero_offset()))
    };
    (2000..=2100).contains(&monday.year()).then_some(monday)
}

fn week_of(text: &str) -> Result<(String, Date)> {
    parse_week(text)
        .map(|m| (week_label(m), m))
        .ok_or_else(|| {
            AppError::invalid(
                "week",
                "Geef de week als 2026-W11 (jaar en weeknummer) of als een datum in die week (2026-03-09).",
                "Give the week as 2026-W11 (year and week number) or as a date in it (2026-03-09).",
            )
        })
}

fn minutes_of_time(t: Time) -> i64 {
    i64::from(t.hour()) * 60 + i64::from(t.minute())
}

fn hhmm(minutes: i64) -> String {
    let m = minutes.rem_euclid(1440);
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Week minutes of a local date-time in the week of `monday` (may lie outside 0..10080).
fn week_minute(monday: Date, at: DateTime) -> i64 {
    let days = at
        .date()
        .since(monday)
        .map(|s| i64::from(s.get_days()))
        .unwrap_or(0);
    days * 1440 + minutes_of_time(at.time())
}

fn at_minute(monday: Date, minute: i64) -> DateTime {
    let day = shift(monday, minute.div_euclid(1440));
    let m = minute.rem_euclid(1440);
    let t = Time::new(
        i8::try_from(m / 60).unwrap_or(0),
        i8::try_from(m % 60).unwrap_or(0),
        0,
        0,
    )
    .unwrap_or(Time::midnight());
    day.to_datetime(t)
}

fn local(at: DateTime) -> String {
    at.strftime("%Y-%m-%dT%H:%M").to_string()
}

/// Weekly slots as week minutes (a slot that does not parse is left out).
fn slots_to_minutes(slots: &[SlotInput]) -> Vec<[i64; 2]> {
    let mut out: Vec<[i64; 2]> = slots
        .iter()
        .filter(|s| (1..=7).contains(&s.weekday))
        .filter_map(|s| {
            let a = s.starts.parse::<Time>().ok()?;
            let b = s.ends.parse::<Time>().ok()?;
            let day = (i64::from(s.weekday) - 1) * 1440;
            (b > a).then(|| [day + minutes_of_time(a), day + minutes_of_time(b)])
        })
        .collect();
    normalise(&mut out);
    out
}

/// Sorts and joins overlapping or touching intervals (the format never joins them itself).
fn normalise(v: &mut Vec<[i64; 2]>) {
    v.retain(|i| i[1] > i[0]);
    v.sort_unstable();
    let mut out: Vec<[i64; 2]> = Vec::with_capacity(v.len());
    for i in v.drain(..) {
        match out.last_mut() {
            Some(last) if i[0] <= last[1] => last[1] = last[1].max(i[1]),
            _ => out.push(i),
        }
    }
    *v = out;
}

/// `v` without `[a, b)`.
fn subtract(v: &[[i64; 2]], cut: [i64; 2]) -> Vec<[i64; 2]> {
    let mut out = Vec::new();
    for i in v {
        if cut[1] <= i[0] || cut[0] >= i[1] {
            out.push(*i);
            continue;
        }
        if i[0] < cut[0] {
            out.push([i[0], cut[0]]);
        }
        if cut[1] < i[1] {
            out.push([cut[1], i[1]]);
        }
    }
    out
}

fn planner_room_type(t: RoomType) -> planner::RoomType {
    match t {
        RoomType::Homely => planner::RoomType::Homely,
        RoomType::Large => planner::RoomType::Large,
        RoomType::Office => planner::RoomType::Office,
    }
}

fn kind_code(kind: SessionKind) -> String {
    omgang_store::json_name(&kind)
}

fn kind_of(code: &str) -> Option<SessionKind> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()
}

fn hours_to_slots(rows: &[HoursRow], owner: &str) -> Vec<SlotInput> {
    rows.iter()
        .filter(|r| r.owner_id == owner)
        .map(|r| SlotInput {
            weekday: u8::try_from(r.weekday).unwrap_or(1),
            starts: r.starts.clone(),
            ends: r.ends.clone(),
        })
        .collect()
}

/// Validates weekly slots (several a day allowed, not overlapping) into rows for `owner`.
fn check_slots(c: &mut Check, field: &str, slots: &[SlotInput], owner: &str) -> Vec<HoursRow> {
    let mut rows = Vec::new();
    let mut taken: Vec<(u8, Time, Time)> = Vec::new();
    if slots.len() > 50 {
        c.push(field, "Hoogstens 50 tijdvakken.", "At most 50 slots.");
        return rows;
    }
    for (i, s) in slots.iter().enumerate() {
        let f = |name: &str| format!("{field}[{i}].{name}");
        if !(1..=7).contains(&s.weekday) {
            c.push(
                &f("weekday"),
                "Kies een dag: maandag (1) tot en met zondag (7).",
                "Choose a day: Monday (1) to Sunday (7).",
            );
            continue;
        }
        let time = |c: &mut Check, name: &str, v: &str| match v.trim().parse::<Time>() {
            Ok(t) => Some(t),
            Err(_) => {
                c.push(
                    &f(name),
                    format!(
                        "'{}' is geen tijd; gebruik UU:MM, bijvoorbeeld 15:30.",
                        v.trim()
                    ),
                    format!(
                        "'{}' is not a time; use HH:MM, for example 15:30.",
                        v.trim()
                    ),
                );
                None
            }
        };
        let (Some(a), Some(b)) = (time(c, "starts", &s.starts), time(c, "ends", &s.ends)) else {
            continue;
        };
        if b <= a {
            c.push(
                &f("ends"),
                "De eindtijd ligt na de begintijd.",
                "The end time comes after the start time.",
            );
            continue;
        }
        if taken
            .iter()
            .any(|(d, x, y)| *d == s.weekday && a < *y && *x < b)
        {
            c.push(
                &f("starts"),
                "Dit tijdvak overlapt een ander tijdvak op dezelfde dag.",
                "This slot overlaps another slot on the same day.",
            );
            continue;
        }
        taken.push((s.weekday, a, b));
        rows.push(HoursRow {
            owner_id: owner.to_owned(),
            weekday: i64::from(s.weekday),
            starts: format!("{:02}:{:02}", a.hour(), a.minute()),
            ends: format!("{:02}:{:02}", b.hour(), b.minute()),
        });
    }
    rows
}

/// Everything about a week that a run or a view needs.
struct Week {
    label: String,
    monday: Date,
    instance: planner::Instance,
    /// Every request, the dropped ones too, in instance order (dropped last).
    requests: Vec<PlanningRequest>,
    case_ids: Vec<String>,
    addable: Vec<AddableCase>,
    /// The programme of each running case.
    programme_of: HashMap<String, String>,
}

/// The planner plans sessions of this kind: a supervisor leads them, in one of the houses.
/// Who leads a kind the planner plans: a supervisor, or the case's coordinator.
fn planned_lead(lead: Lead) -> bool {
    matches!(lead, Lead::Supervisor | Lead::Coordinator)
}

fn addable(programme: &Programme, kind: SessionKind) -> bool {
    programme.kind(kind).is_some_and(|r| planned_lead(r.led_by))
        && programme
            .locations_for(kind)
            .contains(&LocationKind::Omgangshuis)
}

/// What the week needs of one kind in one case, or why nothing.
fn need_of(
    case: &Case,
    programme: &Programme,
    kind: SessionKind,
    monday: Date,
) -> Option<(String, String)> {
    let rule = programme.kind(kind)?;
    if !planned_lead(rule.led_by)
        || !programme
            .locations_for(kind)
            .contains(&LocationKind::Omgangshuis)
    {
        return None;
    }
    if rule.requires_signed_plan && !case.plan_signed_by_all() {
        return None;
    }
    if rule
        .requires_held
        .iter()
        .any(|need| case.held(need.kind) < need.count)
    {
        return None;
    }
    let counted = case.counted(kind);
    let label = kind.label();
    if rule.max_count.is_some_and(|max| counted >= max)
        || rule.target_count.is_some_and(|t| counted >= t)
    {
        return None;
    }
    let mut why = None;
    if let Some(phase) = case.phase.as_deref().and_then(|p| programme.phase(p)) {
        for need in phase.advance_after.iter().chain(phase.required.iter()) {
            if need.kind == kind {
                if counted >= need.count {
                    return None;
                }
                why = Some((
                    format!(
                        "Fase {}: {counted} van {} × {} gepland of gehouden.",
                        phase.name.nl, need.count, label.nl
                    ),
                    format!(
                        "Phase {}: {counted} of {} × {} planned or held.",
                        phase.name.en, need.count, label.en
                    ),
                ));
            }
        }
    }
    if let Some(cadence) = &programme.cadence
        && cadence.alternate.contains(&kind)
    {
        let rhythm = omgang_domain::warning::rhythm_sessions(case, programme);
        if rhythm
            .iter()
            .any(|s| same_period(s.date(), monday, cadence.interval_days))
        {
            return None;
        }
        let next = match rhythm.iter().rev().find(|s| s.date() < monday) {
            Some(last) => {
                let i = cadence
                    .alternate
                    .iter()
                    .position(|k| *k == last.kind)
                    .unwrap_or(0);
                cadence.alternate[(i + 1) % cadence.alternate.len()]
            }
            None => cadence.alternate[0],
        };
        if next != kind {
            return None;
        }
        let words: Vec<String> = cadence.alternate.iter().map(|k| k.label().nl).collect();
        let words_en: Vec<String> = cadence.alternate.iter().map(|k| k.label().en).collect();
        why.get_or_insert((
            format!("Ritme: {}; deze week {}.", words.join(" en "), label.nl),
            format!(
                "Rhythm: {}; this week {}.",
                words_en.join(" and "),
                label.en
            ),
        ));
    }
    if why.is_some() {
        return why;
    }
    // Without a phase's count or a rhythm: visits and handovers every week; other kinds
    // (a child conversation, say) only while the programme counts on about N of them.
    match (rule.max_count, rule.target_count) {
        (max, Some(t)) => Some((
            format!(
                "{}: {counted} van ongeveer {t} gepland of gehouden.",
                ucfirst(&label.nl)
            ),
            format!(
                "{}: {counted} of about {t} planned or held.",
                ucfirst(&label.en)
            ),
        ))
        .filter(|_| max.is_none_or(|m| counted < m)),
        (Some(max), None) if kind.is_visit() => Some((
            format!(
                "Wekelijks: {} ({counted} van hoogstens {max} gepland of gehouden).",
                label.nl
            ),
            format!(
                "Weekly: {} ({counted} of at most {max} planned or held).",
                label.en
            ),
        )),
        (None, None) if kind.is_visit() => Some((
            format!("Wekelijks: {} ({counted} gepland of gehouden).", label.nl),
            format!("Weekly: {} ({counted} planned or held).", label.en),
        )),
        _ => None,
    }
}

fn ucfirst(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The length of a new session of `kind`: last time's, or the kind's maximum (visits at most
/// 90 minutes, others 60), on the 15-minute grid.
fn minutes_for(case: &Case, programme: &Programme, kind: SessionKind) -> i64 {
    let max = programme
        .kind(kind)
        .map_or(60, |r| i64::from(r.max_minutes));
    let last = case
        .sessions
        .iter()
        .filter(|s| s.kind == kind && s.counts())
        .max_by_key(|s| s.starts_at)
        .map(|s| i64::from(s.minutes));
    let wanted = last.unwrap_or(if kind.is_visit() { 90 } else { 60 });
    let m = wanted.min(max);
    (m / 15 * 15).max(15.min(max))
}

impl App {
    /// May this person plan sessions from the week's view (the planner, the agenda's "plan hier").
    pub fn plan_week_allowed(&self, actor: &Actor) -> bool {
        policy::may_org(actor, &actor.org_id, OrgAction::PlanWeek)
    }

    async fn refuse_planning(&self, actor: &Actor, action: &str) -> AppError {
        if let Err(e) = self
            .audit(Audit {
                actor: Some(actor),
                action,
                case: None,
                detail: String::new(),
                allowed: false,
            })
            .await
        {
            return e;
        }
        AppError::Forbidden
    }

    /// Builds the week: requests from the running cases, locations, supervisors.
    async fn build_week(&self, actor: &Actor, monday: Date) -> Result<Week> {
        let org = actor.org_id.as_str();
        let label = week_label(monday);
        let lang = actor.lang;
        let sunday_end = shift(monday, 7);
        let org_name = self
            .store
            .organisation(org)
            .await
            .map(|o| o.name)
            .unwrap_or_default();
        // Locations, their rooms and opening hours.
        let locations = self.store.locations_of(org).await?;
        let hours = self.store.location_hours_of_org(org).await?;
        let mut room_location: HashMap<String, String> = HashMap::new();
        let mut margin_of: HashMap<String, i64> = HashMap::new();
        let mut inst_locations = Vec::new();
        let travel = self.store.travel_of_org(org).await?;
        for l in &locations {
            let stored = hours_to_slots(&hours, &l.id);
            let slots = if stored.is_empty() {
                default_opening_hours()
            } else {
                stored
            };
            let mut days: Vec<Vec<[i64; 2]>> = vec![Vec::new(); 7];
            for [a, b] in slots_to_minutes(&slots) {
                let d = usize::try_from(a / 1440).unwrap_or(0).min(6);
                let base = i64::try_from(d).unwrap_or(0) * 1440;
                days[d].push([a - base, b - base]);
            }
            let rooms: Vec<planner::Room> = l
                .rooms
                .iter()
                .filter_map(|r| {
                    let t = RoomType::parse(&r.room_type)?;
                    room_location.insert(r.id.clone(), l.id.clone());
                    Some(planner::Room {
                        id: r.id.clone(),
                        room_type: planner_room_type(t),
                    })
                })
                .collect();
            margin_of.insert(l.id.clone(), l.margin_minutes.max(0));
            inst_locations.push(planner::Location {
                id: l.id.clone(),
                organisation: org.to_owned(),
                name: l.name.clone(),
                margin_minutes: l.margin_minutes.max(0),
                opening_hours: days,
                rooms,
                travel_minutes: travel
                    .iter()
                    .filter(|(from, _, _)| *from == l.id)
                    .map(|(_, to, m)| (to.clone(), *m))
                    .collect(),
            });
        }
        let location_ids: Vec<String> = locations.iter().map(|l| l.id.clone()).collect();
        // Supervisors: availability, weekly hours, VOG and training.
        let users = self.store.users_of(org).await?;
        let availability = self.store.availability_of_org(org).await?;
        let weekly: HashMap<String, i64> = self
            .store
            .staff_hours_of_org(org)
            .await?
            .into_iter()
            .collect();
        let months = self.vog_months();
        let mut supervisors: Vec<planner::Supervisor> = Vec::new();
        let mut names: HashMap<String, String> = HashMap::new();
        for u in users
            .iter()
            .filter(|u| u.active && Role::parse(&u.role).is_some_and(Role::supervises))
        {
            let facts = crate::cases::staff_facts(u);
            let slots: Vec<SlotInput> = availability
                .iter()
                .filter(|a| a.user_id == u.id)
                .map(|a| SlotInput {
                    weekday: u8::try_from(a.weekday).unwrap_or(1),
                    starts: a.starts.clone(),
                    ends: a.ends.clone(),
                })
                .collect();
            let slots = if slots.is_empty() {
                default_opening_hours()
            } else {
                slots
            };
            names.insert(u.id.clone(), u.name.clone());
            supervisors.push(planner::Supervisor {
                id: u.id.clone(),
                organisation: org.to_owned(),
                name: u.name.clone(),
                kind: if facts.is_volunteer {
                    planner::SupervisorKind::Volunteer
                } else {
                    planner::SupervisorKind::Professional
                },
                vog_valid_until: facts
                    .vog_issued_on
                    .map(|d| shift(add_months(d, months), -1).to_string()),
                trained: facts.training_completed_on.is_some(),
                availability: slots_to_minutes(&slots),
                max_minutes_per_week: weekly.get(&u.id).copied().unwrap_or(if facts.is_volunteer {
                    DEFAULT_VOLUNTEER_MINUTES
                } else {
                    DEFAULT_PROFESSIONAL_MINUTES
                }),
                locations: location_ids.clone(),
            });
        }
        let supervisor_ids: HashSet<String> = supervisors.iter().map(|s| s.id.clone()).collect();
        // The organisation's coordinators: each leads the conversations of their cases, as a
        // resource of the planner of its own (`LEAD_PREFIX`), made when a request needs one.
        let coordinators: HashMap<String, String> = users
            .iter()
            .filter(|u| u.active && Role::parse(&u.role) == Some(Role::Coordinator))
            .map(|u| (u.id.clone(), u.name.clone()))
            .collect();
        let mut leads: BTreeMap<String, planner::Supervisor> = BTreeMap::new();
        // Times a coordinator already leads a conversation this week (held by a placeholder).
        let mut lead_busy: Vec<(String, [i64; 2])> = Vec::new();
        // The running cases the actor may list.
        let cases = match policy::case_scope(actor) {
            Some(scope) => {
                self.store
                    .cases(&CaseFilter {
                        scope: Some(scope),
                        org_id: Some(org.to_owned()),
                        status: Some("running".into()),
                        ..CaseFilter::default()
                    })
                    .await?
            }
            None => Vec::new(),
        };
        let windows = self.store.case_windows_of_org(org).await?;
        let school_hours = self.store.school_hours_of_org(org).await?;
        let dropped: HashSet<String> = self
            .store
            .dropped_requests(org, &label)
            .await?
            .into_iter()
            .collect();
        let added = self.store.added_requests(org, &label).await?;
        let mut addable_cases: Vec<AddableCase> = Vec::new();
        let in_week = |d: DateTime| d.date() >= monday && d.date() < sunday_end;
        let mut requests: Vec<planner::Request> = Vec::new();
        let mut views: Vec<PlanningRequest> = Vec::new();
        let mut fixed_sessions: HashSet<String> = HashSet::new();
        // Placeholders holding a room for sessions without a supervisor of ours.
        let mut holds: Vec<planner::Supervisor> = Vec::new();
        for case in &cases {
            let Some(programme) = self.programme(&case.programme) else {
                continue;
            };
            if policy::decide_case(actor, case, &programme, CaseAction::Read)
                != policy::Decision::Allow
            {
                continue;
            }
            let stored = hours_to_slots(&windows, case.id.as_str());
            let school = slots_to_minutes(&hours_to_slots(&school_hours, case.id.as_str()));
            let previous = case
                .supervisor
                .as_ref()
                .map(|u| u.0.clone())
                .or_else(|| {
                    case.sessions
                        .iter()
                        .filter(|s| s.supervisor.is_some() && s.counts())
                        .max_by_key(|s| s.starts_at)
                        .and_then(|s| s.supervisor.as_ref().map(|u| u.0.clone()))
                })
                .filter(|u| supervisor_ids.contains(u));
            // Days the case already has a session this week that the planner does not see.
            let mut busy_days: HashSet<i64> = HashSet::new();
            // Sessions planned this week: fixed requests where the planner can keep them.
            for s in case
                .sessions
                .iter()
                .filter(|s| s.state == SessionState::Planned && in_week(s.starts_at))
            {
                let led = programme.kind(s.kind).map(|r| r.led_by);
                let room = s
                    .place
                    .room_id
                    .clone()
                    .filter(|r| room_location.contains_key(r));
                let sup = s
                    .supervisor
                    .as_ref()
                    .map(|u| u.0.clone())
                    .filter(|u| supervisor_ids.contains(u));
                let start = week_minute(monday, s.starts_at);
                match (led, room, sup) {
                    (_, Some(room), sup) => {
                        let location = room_location.get(&room).cloned().unwrap_or_default();
                        let staggered = s.kind.is_visit();
                        let m = if staggered {
                            margin_of.get(&location).copied().unwrap_or(0)
                        } else {
                            0
                        };
                        let minutes = i64::from(s.minutes);
                        let occupied = [start - m, start + minutes + m];
                        let id = format!("session:{}", s.id);
                        fixed_sessions.insert(s.id.0.clone());
                        // A session one of our supervisors leads stays with them. Otherwise (a
                        // parent conversation the coordinator leads) the room is taken then,
                        // held by a placeholder available only then.
                        let (holder, ours, need) = match (led, sup) {
                            (Some(Lead::Supervisor), Some(sup)) => (
                                sup,
                                true,
                                Text::new("Al gepland: blijft staan.", "Planned already: stays."),
                            ),
                            _ => {
                                let hold = format!("{HOLD_PREFIX}{}", s.id);
                                busy_days.insert(start.div_euclid(1440));
                                if led == Some(Lead::Coordinator)
                                    && let Some(c) = &case.coordinator
                                {
                                    lead_busy.push((format!("{LEAD_PREFIX}{}", c.0), occupied));
                                }
                                holds.push(planner::Supervisor {
                                    id: hold.clone(),
                                    organisation: org.to_owned(),
                                    name: String::new(),
                                    kind: planner::SupervisorKind::Professional,
                                    vog_valid_until: None,
                                    trained: true,
                                    availability: vec![occupied],
                                    max_minutes_per_week: occupied[1] - occupied[0],
                                    locations: vec![location.clone()],
                                });
                                (
                                    hold,
                                    false,
                                    Text::new(
                                        "Al gepland: blijft staan; de ruimte is dan bezet.",
                                        "Planned already: stays; the room is taken then.",
                                    ),
                                )
                            }
                        };
                        let previous_here = if ours { previous.clone() } else { None };
                        requests.push(planner::Request {
                            id: id.clone(),
                            case_id: case.id.0.clone(),
                            organisation: org.to_owned(),
                            kind: kind_code(s.kind),
                            duration_minutes: minutes,
                            locations: vec![location],
                            room_types: RoomType::ALL
                                .iter()
                                .map(|t| planner_room_type(*t))
                                .collect(),
                            staggered,
                            volunteer_allowed: ours,
                            windows: vec![occupied],
                            previous_supervisor: previous_here.clone(),
                            preferred_start: None,
                            fixed: Some(planner::FixedSession {
                                start,
                                room: room.clone(),
                                supervisor: holder.clone(),
                            }),
                            only_supervisors: None,
                        });
                        views.push(PlanningRequest {
                            id,
                            case_id: case.id.0.clone(),
                            case_reference: case.reference.clone(),
                            programme_id: case.programme.clone(),
                            kind: kind_code(s.kind),
                            kind_label: s.kind.label().get(lang).to_owned(),
                            minutes,
                            staggered,
                            volunteer_allowed: ours,
                            room_types: Vec::new(),
                            windows: Vec::new(),
                            windows_default: false,
                            previous_supervisor_name: previous_here
                                .as_ref()
                                .and_then(|p| names.get(p).cloned()),
                            previous_supervisor_id: previous_here,
                            preferred_start: None,
                            fixed: Some(FixedPlacement {
                                session_id: s.id.0.clone(),
                                starts_at: local(s.starts_at),
                                room_id: room,
                                supervisor_id: holder,
                            }),
                            need: need.get(lang).to_owned(),
                            dropped: false,
                        });
                    }
                    _ => {
                        busy_days.insert(start.div_euclid(1440));
                    }
                }
            }
            let planned_kinds: HashSet<SessionKind> = case
                .sessions
                .iter()
                .filter(|s| s.state == SessionState::Planned && in_week(s.starts_at))
                .map(|s| s.kind)
                .collect();
            // What the programme asks this week, then what the coordinator added.
            let mut wanted: Vec<(SessionKind, i64, String, Text)> = Vec::new();
            let mut kinds_here: Vec<AddableKind> = Vec::new();
            for kind in plannable_kinds(case, &programme, monday) {
                if !addable(&programme, kind) {
                    continue;
                }
                kinds_here.push(AddableKind {
                    kind: kind_code(kind),
                    label: kind.label().get(lang).to_owned(),
                    minutes: minutes_for(case, &programme, kind),
                });
                if planned_kinds.contains(&kind) {
                    continue;
                }
                let Some((why_nl, why_en)) = need_of(case, &programme, kind, monday) else {
                    continue;
                };
                wanted.push((
                    kind,
                    minutes_for(case, &programme, kind),
                    format!("{}:{}", kind_code(kind), case.id),
                    Text::new(why_nl, why_en),
                ));
            }
            for a in added.iter().filter(|a| a.case_id == case.id.0) {
                if let Some(kind) = kind_of(&a.kind) {
                    wanted.push((
                        kind,
                        a.minutes,
                        format!("{ADDED_PREFIX}{}", a.id),
                        Text::new(
                            "Toegevoegd door de coördinator.",
                            "Added by the coordinator.",
                        ),
                    ));
                }
            }
            if !kinds_here.is_empty() {
                addable_cases.push(AddableCase {
                    case_id: case.id.0.clone(),
                    case_reference: case.reference.clone(),
                    kinds: kinds_here,
                });
            }
            for (kind, minutes, id, need) in wanted {
                let Some(rule) = programme.kind(kind) else {
                    continue;
                };
                let (window_slots, windows_default) = if stored.is_empty() {
                    (default_windows(kind), true)
                } else {
                    (stored.clone(), false)
                };
                let mut week_windows = slots_to_minutes(&window_slots);
                for d in &busy_days {
                    week_windows = subtract(&week_windows, [d * 1440, d * 1440 + 1440]);
                }
                // The child is at school then: no visit or handover.
                if kind.is_visit() {
                    for s in &school {
                        week_windows = subtract(&week_windows, *s);
                    }
                }
                let types: Vec<RoomType> = if rule.room_types.is_empty() {
                    RoomType::ALL.to_vec()
                } else {
                    rule.room_types.clone()
                };
                let preferred = case
                    .sessions
                    .iter()
                    .filter(|s| s.kind == kind && s.counts() && s.date() < monday)
                    .max_by_key(|s| s.starts_at)
                    .map(|s| {
                        let offset = i64::from(s.date().weekday().to_monday_zero_offset());
                        offset * 1440 + minutes_of_time(s.starts_at.time())
                    });
                // A conversation the coordinator leads: the case's own coordinator, in a room.
                let lead = if rule.led_by == Lead::Coordinator {
                    let Some((cid, name)) = case
                        .coordinator
                        .as_ref()
                        .and_then(|c| coordinators.get_key_value(&c.0))
                    else {
                        continue;
                    };
                    let lead_id = format!("{LEAD_PREFIX}{cid}");
                    names.insert(lead_id.clone(), name.clone());
                    leads
                        .entry(lead_id.clone())
                        .or_insert_with(|| planner::Supervisor {
                            id: lead_id.clone(),
                            organisation: org.to_owned(),
                            name: name.clone(),
                            kind: planner::SupervisorKind::Professional,
                            vog_valid_until: None,
                            trained: true,
                            availability: slots_to_minutes(&default_opening_hours()),
                            max_minutes_per_week: DEFAULT_PROFESSIONAL_MINUTES,
                            locations: location_ids.clone(),
                        });
                    Some(lead_id)
                } else {
                    None
                };
                let previous = match &lead {
                    Some(l) => Some(l.clone()),
                    None => previous.clone(),
                };
                let volunteer_allowed = lead.is_none() && programme.supervision.volunteers_allowed;
                let is_dropped = dropped.contains(&id);
                let request = planner::Request {
                    id: id.clone(),
                    case_id: case.id.0.clone(),
                    organisation: org.to_owned(),
                    kind: kind_code(kind),
                    duration_minutes: minutes,
                    locations: location_ids.clone(),
                    room_types: types.iter().map(|t| planner_room_type(*t)).collect(),
                    staggered: kind.is_visit(),
                    volunteer_allowed,
                    windows: week_windows,
                    previous_supervisor: previous.clone(),
                    preferred_start: preferred,
                    fixed: None,
                    // The coordinator's conversation: only them. A programme that keeps
                    // one supervisor: only the case's own (the case rules refuse another when
                    // the proposal is accepted).
                    only_supervisors: match &lead {
                        Some(l) => Some(vec![l.clone()]),
                        None => programme
                            .supervision
                            .same_supervisor
                            .then(|| case.supervisor.as_ref().map(|u| vec![u.0.clone()]))
                            .flatten(),
                    },
                };
                if !is_dropped {
                    requests.push(request);
                }
                views.push(PlanningRequest {
                    id,
                    case_id: case.id.0.clone(),
                    case_reference: case.reference.clone(),
                    programme_id: case.programme.clone(),
                    kind: kind_code(kind),
                    kind_label: kind.label().get(lang).to_owned(),
                    minutes,
                    staggered: kind.is_visit(),
                    volunteer_allowed,
                    room_types: types.iter().map(|t| t.code().to_owned()).collect(),
                    windows: window_slots,
                    windows_default,
                    previous_supervisor_id: previous.clone(),
                    previous_supervisor_name: previous.as_ref().and_then(|p| names.get(p).cloned()),
                    preferred_start: preferred.map(|p| local(at_minute(monday, p))),
                    fixed: None,
                    need: need.get(lang).to_owned(),
                    dropped: is_dropped,
                });
            }
        }
        // What supervisors already have this week and the planner does not keep as fixed:
        // not available then (margins included for visits).
        let agenda = self
            .store
            .agenda(
                &AgendaFilter {
                    org_id: Some(org.to_owned()),
                    ..AgendaFilter::default()
                },
                &format!("{monday}T00:00:00"),
                &format!("{sunday_end}T00:00:00"),
            )
            .await?;
        for a in agenda
            .iter()
            .filter(|a| a.state == "planned" && !fixed_sessions.contains(&a.session_id))
        {
            let Some(sup) = a.supervisor_user_id.as_deref() else {
                continue;
            };
            let (Ok(s), Ok(e)) = (
                a.starts_at.parse::<DateTime>(),
                a.ends_at.parse::<DateTime>(),
            ) else {
                continue;
            };
            let m = if kind_of(&a.kind).is_some_and(SessionKind::is_visit) {
                a.location_id
                    .as_ref()
                    .and_then(|l| margin_of.get(l).copied())
                    .unwrap_or(0)
            } else {
                0
            };
            if let Some(p) = supervisors.iter_mut().find(|p| p.id == sup) {
                p.availability = subtract(
                    &p.availability,
                    [week_minute(monday, s) - m, week_minute(monday, e) + m],
                );
            }
        }
        // A fixed session is kept where its supervisor is (also outside the stored hours).
        for r in &requests {
            if let (Some(f), Some(w)) = (&r.fixed, r.windows.first())
                && let Some(p) = supervisors.iter_mut().find(|p| p.id == f.supervisor)
            {
                p.availability.push(*w);
                normalise(&mut p.availability);
            }
        }
        let case_ids: Vec<String> = {
            let mut ids: Vec<String> = views
                .iter()
                .map(|v| v.case_id.clone())
                .chain(addable_cases.iter().map(|a| a.case_id.clone()))
                .collect();
            ids.sort();
            ids.dedup();
            ids
        };
        views.sort_by_key(|v| v.dropped);
        // Coordinators lead conversations only: the supervisors' sessions go to supervisors.
        if !leads.is_empty() {
            let ours: Vec<String> = supervisors.iter().map(|s| s.id.clone()).collect();
            for r in requests
                .iter_mut()
                .filter(|r| r.fixed.is_none() && r.only_supervisors.is_none())
            {
                r.only_supervisors = Some(ours.clone());
            }
        }
        for (lead, occupied) in lead_busy {
            if let Some(l) = leads.get_mut(&lead) {
                l.availability = subtract(&l.availability, occupied);
            }
        }
        supervisors.extend(leads.into_values());
        supervisors.extend(holds);
        let instance = planner::Instance {
            format: Some("omgang-weekplanner-instance/1".into()),
            name: format!("{org}-{label}"),
            generator: None,
            week_start: monday.to_string(),
            grid_minutes: 15,
            default_travel_minutes: 30,
            organisations: vec![planner::Organisation {
                id: org.to_owned(),
                name: org_name,
            }],
            locations: inst_locations,
            supervisors,
            requests,
        };
        Ok(Week {
            label,
            monday,
            instance,
            requests: views,
            case_ids,
            addable: addable_cases,
            programme_of: cases
                .iter()
                .map(|c| (c.id.0.clone(), c.programme.clone()))
                .collect(),
        })
    }

    /// The requests of a week (`YYYY-Www` or a date in it) for the actor's organisation.
    /// Every case shown is audited.
    pub async fn planning_requests(&self, actor: &Actor, week: &str) -> Result<WeekRequests> {
        if !self.plan_week_allowed(actor) {
            return Err(self.refuse_planning(actor, "read_planning_requests").await);
        }
        let (_, monday) = week_of(week)?;
        let w = self.build_week(actor, monday).await?;
        self.audit_cases_shown(
            actor,
            "read_planning_requests",
            "week planning requests",
            w.case_ids.iter().map(String::as_str),
        )
        .await?;
        let latest_run = self
            .store
            .latest_planning_run(actor.org_id.as_str(), &w.label)
            .await?;
        Ok(WeekRequests {
            week: w.label,
            week_start: w.monday.to_string(),
            requests: w.requests,
            latest_run,
            addable: w.addable,
        })
    }

    /// Drops a request from a week's runs, or takes it back.
    pub async fn set_request_dropped(
        &self,
        actor: &Actor,
        week: &str,
        request: &str,
        input: &DropInput,
    ) -> Result<WeekRequests> {
        if !self.plan_week_allowed(actor) {
            return Err(self.refuse_planning(actor, "drop_planning_request").await);
        }
        let (label, monday) = week_of(week)?;
        let w = self.build_week(actor, monday).await?;
        if !w
            .requests
            .iter()
            .any(|r| r.id == request && r.fixed.is_none())
        {
            return Err(AppError::NotFound);
        }
        self.store
            .set_request_dropped(
                actor.org_id.as_str(),
                &label,
                request,
                input.dropped,
                actor.user_id.as_str(),
                self.now().as_millisecond(),
            )
            .await?;
        let case = w
            .requests
            .iter()
            .find(|r| r.id == request)
            .map(|r| r.case_id.clone());
        self.audit(Audit {
            actor: Some(actor),
            action: "drop_planning_request",
            case: case.as_deref(),
            detail: format!("{label} {request} dropped {}", input.dropped),
            allowed: true,
        })
        .await?;
        self.planning_requests(actor, &label).await
    }

    /// Adds a request to a week: an extra session of a running case of the organisation, of
    /// a kind the planner plans for it now (422 naming `case_id`, `kind` or `minutes`
    /// otherwise).
    pub async fn add_planning_request(
        &self,
        actor: &Actor,
        week: &str,
        input: &AddRequestInput,
    ) -> Result<WeekRequests> {
        if !self.plan_week_allowed(actor) {
            return Err(self.refuse_planning(actor, "add_planning_request").await);
        }
        let (label, monday) = week_of(week)?;
        let w = self.build_week(actor, monday).await?;
        let mut c = Check::default();
        let Some(case) = w.addable.iter().find(|a| a.case_id == input.case_id.trim()) else {
            c.push(
                "case_id",
                "Kies een lopend dossier van uw organisatie waarvoor de weekplanning afspraken kan plannen.",
                "Choose a running case of your organisation the week planning can plan sessions for.",
            );
            return Err(c.finish().err().unwrap_or(AppError::NotFound));
        };
        let Some(kind) = case.kinds.iter().find(|k| k.kind == input.kind.trim()) else {
            let allowed: Vec<&str> = case.kinds.iter().map(|k| k.kind.as_str()).collect();
            c.push(
                "kind",
                format!("Kies uit: {}.", allowed.join(", ")),
                format!("Choose from: {}.", allowed.join(", ")),
            );
            return Err(c.finish().err().unwrap_or(AppError::NotFound));
        };
        let max = kind_of(&kind.kind)
            .and_then(|k| self.programme_for_case(&w, &case.case_id, k))
            .unwrap_or(kind.minutes);
        let minutes = match input.minutes {
            None => kind.minutes,
            Some(m) if (15..=max).contains(&i64::from(m)) => i64::from(m),
            Some(_) => {
                c.push(
                    "minutes",
                    format!("Geef de duur in minuten (15 tot {max})."),
                    format!("Give the length in minutes (15 to {max})."),
                );
                return Err(c.finish().err().unwrap_or(AppError::NotFound));
            }
        };
        let row = omgang_store::AddedRequestRow {
            id: crate::new_id(),
            org_id: actor.org_id.0.clone(),
            week: label.clone(),
            case_id: case.case_id.clone(),
            kind: kind.kind.clone(),
            minutes,
            added_by: actor.user_id.0.clone(),
            at: self.now().as_millisecond(),
        };
        self.store.insert_added_request(&row).await?;
        self.audit(Audit {
            actor: Some(actor),
            action: "add_planning_request",
            case: Some(&row.case_id),
            detail: format!("{label} {} {minutes}", row.kind),
            allowed: true,
        })
        .await?;
        self.planning_requests(actor, &label).await
    }

    /// The longest a session of `kind` may last in the programme of a case of the week.
    fn programme_for_case(&self, w: &Week, case_id: &str, kind: SessionKind) -> Option<i64> {
        let programme = self.programme(w.programme_of.get(case_id)?)?;
        programme.kind(kind).map(|r| i64::from(r.max_minutes))
    }

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
        let progress_key = live_key.clone();
        let plan = tokio::task::spawn_blocking(move || {
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

    /// What became of a run's accepted requests: the claims (`planning_accepts`) over what
    /// runs accepted before claims existed kept in the run itself.
    async fn accepted_items(&self, row: &PlanningRunRow) -> Result<BTreeMap<String, AcceptItem>> {
        let mut accepted: BTreeMap<String, AcceptItem> = serde_json::from_str(&row.accepted)
            .map_err(|e| AppError::Internal(format!("planning run {}: {e}", row.id)))?;
        for (request, item) in self.store.planning_accepts(&row.id).await? {
            if item.is_empty() {
                continue;
            }
            let item: AcceptItem = serde_json::from_str(&item)
                .map_err(|e| AppError::Internal(format!("planning run {}: {e}", row.id)))?;
            accepted.insert(request, item);
        }
        Ok(accepted)
    }

    async fn load_run(&self, actor: &Actor, week: &str, run: &str) -> Result<PlanningRunRow> {
        let (label, _) = week_of(week)?;
        match self
            .store
            .planning_run(actor.org_id.as_str(), &label, run)
            .await
        {
            Ok(r) => Ok(r),
            Err(StoreError::NotFound) => Err(AppError::NotFound),
            Err(e) => Err(e.into()),
        }
    }

    /// A stored proposal. Every case shown is audited.
    pub async fn planning_run(&self, actor: &Actor, week: &str, run: &str) -> Result<PlanningRun> {
        if !self.plan_week_allowed(actor) {
            return Err(self.refuse_planning(actor, "read_planning_run").await);
        }
        let row = self.load_run(actor, week, run).await?;
        let view = self.run_view(actor, &row).await?;
        let mut ids: Vec<&str> = view
            .placements
            .iter()
            .map(|p| p.case_id.as_str())
            .chain(view.unplaced.iter().map(|u| u.case_id.as_str()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        self.audit_cases_shown(actor, "read_planning_run", "week planning proposal", ids)
            .await?;
        Ok(view)
    }

    async fn run_view(&self, actor: &Actor, row: &PlanningRunRow) -> Result<PlanningRun> {
        let corrupt = |e: String| AppError::Internal(format!("planning run {}: {e}", row.id));
        let instance: planner::Instance =
            serde_json::from_str(&row.instance).map_err(|e| corrupt(e.to_string()))?;
        let solution =
            planner::Solution::from_json(&row.solution).map_err(|e| corrupt(e.to_string()))?;
        let requests: Vec<PlanningRequest> =
            serde_json::from_str(&row.requests).map_err(|e| corrupt(e.to_string()))?;
        let accepted = self.accepted_items(row).await?;
        let report = planner::check(&instance, &solution);
        let monday: Date = instance
            .week_start
            .parse()
            .map_err(|e: jiff::Error| corrupt(e.to_string()))?;
        let view_of: HashMap<&str, &PlanningRequest> =
            requests.iter().map(|r| (r.id.as_str(), r)).collect();
        let req_of: HashMap<&str, &planner::Request> = instance
            .requests
            .iter()
            .map(|r| (r.id.as_str(), r))
            .collect();
        let mut room_names: HashMap<String, (String, String, String)> = HashMap::new();
        for l in self.store.locations_of(&row.org_id).await? {
            for r in &l.rooms {
                room_names.insert(r.id.clone(), (r.name.clone(), l.id.clone(), l.name.clone()));
            }
        }
        let margin_of: HashMap<&str, i64> = instance
            .locations
            .iter()
            .map(|l| (l.id.as_str(), l.margin_minutes))
            .collect();
        let sup_name: HashMap<&str, &str> = instance
            .supervisors
            .iter()
            .map(|s| (s.id.as_str(), s.name.as_str()))
            .collect();
        let lang = actor.lang;
        let mut placements = Vec::new();
        for a in &solution.assignments {
            let (Some(r), Some(v)) = (
                req_of.get(a.request.as_str()),
                view_of.get(a.request.as_str()),
            ) else {
                continue;
            };
            let (room_name, location_id, location_name) =
                room_names.get(&a.room).cloned().unwrap_or_default();
            let m = if r.staggered {
                margin_of.get(location_id.as_str()).copied().unwrap_or(0)
            } else {
                0
            };
            let starts = at_minute(monday, a.start);
            let end = a.start + r.duration_minutes;
            let continuity_lost = r
                .previous_supervisor
                .as_ref()
                .is_some_and(|p| *p != a.supervisor);
            placements.push(Placement {
                request: a.request.clone(),
                case_id: r.case_id.clone(),
                case_reference: v.case_reference.clone(),
                kind: r.kind.clone(),
                kind_label: kind_of(&r.kind)
                    .map(|k| k.label().get(lang).to_owned())
                    .unwrap_or_else(|| r.kind.clone()),
                weekday: u8::try_from(a.start.div_euclid(1440) + 1).unwrap_or(1),
                date: starts.date().to_string(),
                starts_at: local(starts),
                ends_at: local(at_minute(monday, end)),
                minutes: r.duration_minutes,
                location_id,
                location_name,
                room_id: a.room.clone(),
                room_name,
                supervisor_id: if a.supervisor.starts_with(HOLD_PREFIX) {
                    String::new()
                } else {
                    a.supervisor.clone()
                },
                supervisor_name: sup_name
                    .get(a.supervisor.as_str())
                    .map(|s| (*s).to_owned())
                    .unwrap_or_default(),
                staggered: r.staggered,
                drop_off: hhmm(a.start - m),
                arrival: hhmm(a.start),
                departure: hhmm(end),
                pick_up: hhmm(end + m),
                continuity_lost,
                previous_supervisor_name: v.previous_supervisor_name.clone(),
                fixed: r.fixed.is_some(),
                accepted: accepted.get(&a.request).cloned(),
            });
        }
        placements.sort_by(|a, b| {
            a.starts_at
                .cmp(&b.starts_at)
                .then(a.room_name.cmp(&b.room_name))
        });
        let unplaced = solution
            .unplaced
            .iter()
            .filter_map(|id| {
                let r = req_of.get(id.as_str())?;
                let v = view_of.get(id.as_str())?;
                let reason =
                    solution
                        .unplaced_reasons
                        .get(id)
                        .cloned()
                        .unwrap_or(planner::ReasonText {
                            code: "unplaced".into(),
                            nl: "Niet ingepland.".into(),
                            en: "Not placed.".into(),
                        });
                Some(UnplacedView {
                    request: id.clone(),
                    case_id: r.case_id.clone(),
                    case_reference: v.case_reference.clone(),
                    kind: r.kind.clone(),
                    kind_label: v.kind_label.clone(),
                    reason: match lang {
                        Lang::Nl => reason.nl.clone(),
                        Lang::En => reason.en.clone(),
                    },
                    reason_code: reason.code,
                    reason_nl: reason.nl,
                    reason_en: reason.en,
                })
            })
            .collect();
        let rooms = instance
            .locations
            .iter()
            .flat_map(|l| {
                l.rooms.iter().map(|r| RoomColumn {
                    id: r.id.clone(),
                    name: room_names
                        .get(&r.id)
                        .map(|n| n.0.clone())
                        .unwrap_or_else(|| r.id.clone()),
                    location_id: l.id.clone(),
                    location_name: l.name.clone(),
                })
            })
            .collect();
        let supervisors = instance
            .supervisors
            .iter()
            .filter(|s| !s.id.starts_with(HOLD_PREFIX))
            .map(|s| SupervisorColumn {
                id: s.id.clone(),
                name: s.name.clone(),
                volunteer: s.kind == planner::SupervisorKind::Volunteer,
            })
            .collect();
        let continuity_lost = placements.iter().filter(|p| p.continuity_lost).count();
        Ok(PlanningRun {
            id: row.id.clone(),
            week: row.week.clone(),
            week_start: monday.to_string(),
            created_at: jiff::Timestamp::from_millisecond(row.created_at)
                .map(|t| t.to_string())
                .unwrap_or_default(),
            seconds: row.seconds,
            requests: report.requests,
            placed: report.placed,
            hard_violations: report.hard_violations,
            score: report.score,
            continuity_lost,
            placements,
            unplaced,
            rooms,
            supervisors,
            days: (0..7).map(|d| shift(monday, d).to_string()).collect(),
        })
    }

    /// The stored instance and proposal of a run, for checks (`omgang_planner::check`).
    pub async fn planning_run_raw(
        &self,
        actor: &Actor,
        week: &str,
        run: &str,
    ) -> Result<(planner::Instance, planner::Solution)> {
        if !self.plan_week_allowed(actor) {
            return Err(self.refuse_planning(actor, "read_planning_run").await);
        }
        let row = self.load_run(actor, week, run).await?;
        let instance: planner::Instance =
            serde_json::from_str(&row.instance).map_err(|e| AppError::Internal(e.to_string()))?;
        let solution = planner::Solution::from_json(&row.solution)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        Ok((instance, solution))
    }

    /// Accepts placements of a run (all, or the listed requests): each is planned through
    /// [`App::plan_session`], so the case's rules decide, the step is audited and the parents
    /// get their mail; the answer says per item what happened.
    pub async fn accept_planning_run(
        &self,
        actor: &Actor,
        week: &str,
        run: &str,
        input: &AcceptInput,
    ) -> Result<AcceptResult> {
        if !self.plan_week_allowed(actor) {
            return Err(self.refuse_planning(actor, "accept_planning_run").await);
        }
        let row = self.load_run(actor, week, run).await?;
        let instance: planner::Instance =
            serde_json::from_str(&row.instance).map_err(|e| AppError::Internal(e.to_string()))?;
        let solution = planner::Solution::from_json(&row.solution)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let accepted = self.accepted_items(&row).await?;
        let monday: Date = instance
            .week_start
            .parse()
            .map_err(|e: jiff::Error| AppError::Internal(e.to_string()))?;
        let mut c = Check::default();
        if let Some(list) = &input.requests {
            if list.len() > 1000 {
                c.push(
                    "requests",
                    "Hoogstens 1000 tegelijk.",
                    "At most 1000 at once.",
                );
            }
            for (i, r) in list.iter().enumerate() {
                if r.trim().is_empty() || r.len() > 200 {
                    c.push(
                        &format!("requests[{i}]"),
                        "Geef het nummer van een verzoek uit het voorstel.",
                        "Give the id of a request of the proposal.",
                    );
                }
            }
        }
        if input.confirm.len() > 50 {
            c.push("confirm", "Hoogstens 50 codes.", "At most 50 codes.");
        }
        c.finish()?;
        let req_of: HashMap<&str, &planner::Request> = instance
            .requests
            .iter()
            .map(|r| (r.id.as_str(), r))
            .collect();
        let room_location: HashMap<&str, &str> = instance
            .locations
            .iter()
            .flat_map(|l| l.rooms.iter().map(move |r| (r.id.as_str(), l.id.as_str())))
            .collect();
        let chosen: Vec<String> = match &input.requests {
            Some(list) => list.clone(),
            None => solution
                .assignments
                .iter()
                .map(|a| a.request.clone())
                .collect(),
        };
        let mut items = Vec::new();
        for id in chosen {
            let assignment = solution.assignments.iter().find(|a| a.request == id);
            let (Some(a), Some(r)) = (assignment, req_of.get(id.as_str())) else {
                items.push(AcceptItem {
                    request: id.clone(),
                    case_id: String::new(),
                    status: "not_in_run".into(),
                    session_id: None,
                    code: None,
                    message_nl: Some("Dit verzoek is in dit voorstel niet ingepland.".into()),
                    message_en: Some("This request is not placed in this proposal.".into()),
                    warnings: Vec::new(),
                });
                continue;
            };
            if let Some(done) = accepted.get(&id).filter(|d| d.status == "planned") {
                items.push(AcceptItem {
                    status: "already_planned".into(),
                    ..done.clone()
                });
                continue;
            }
            if r.fixed.is_some() {
                items.push(AcceptItem {
                    request: id.clone(),
                    case_id: r.case_id.clone(),
                    status: "already_planned".into(),
                    session_id: id.strip_prefix("session:").map(str::to_owned),
                    code: None,
                    message_nl: Some("Was al gepland; blijft staan.".into()),
                    message_en: Some("Was planned already; stays.".into()),
                    warnings: Vec::new(),
                });
                continue;
            }
            // Claimed first: a second accept of the same request at the same moment (another
            // tab, another instance) finds it taken and plans nothing.
            if !self
                .store
                .claim_planning_request(&row.id, &id, self.now().as_millisecond())
                .await?
            {
                items.push(AcceptItem {
                    request: id.clone(),
                    case_id: r.case_id.clone(),
                    status: "already_planned".into(),
                    session_id: None,
                    code: None,
                    message_nl: Some(
                        "Is al of wordt op dit moment geaccepteerd; kijk in het dossier.".into(),
                    ),
                    message_en: Some(
                        "Is accepted already, or being accepted right now; see the case.".into(),
                    ),
                    warnings: Vec::new(),
                });
                continue;
            }
            let starts = at_minute(monday, a.start);
            let session = SessionInput {
                kind: r.kind.clone(),
                starts_at: local(starts),
                minutes: u32::try_from(r.duration_minutes).unwrap_or(60),
                location_kind: "omgangshuis".into(),
                location_id: room_location.get(a.room.as_str()).map(|l| (*l).to_owned()),
                room_id: Some(a.room.clone()),
                description: None,
                home_of: None,
                // A coordinator's conversation has no supervisor.
                supervisor_id: (!a.supervisor.starts_with(LEAD_PREFIX))
                    .then(|| a.supervisor.clone()),
                participants: Vec::new(),
                confirm: input.confirm.clone(),
                reason: input.reason.clone(),
            };
            let item = match self.plan_session(actor, &r.case_id, &session).await {
                Ok(view) => {
                    let made = view
                        .sessions
                        .iter()
                        .filter(|s| s.kind == r.kind && s.starts_at.starts_with(&session.starts_at))
                        .map(|s| s.id.clone())
                        .next_back();
                    AcceptItem {
                        request: id.clone(),
                        case_id: r.case_id.clone(),
                        status: "planned".into(),
                        session_id: made,
                        code: None,
                        message_nl: None,
                        message_en: None,
                        warnings: Vec::new(),
                    }
                }
                Err(AppError::Refused(refusal)) => {
                    let warnings = match &refusal {
                        Refusal::ConfirmationNeeded { warnings }
                        | Refusal::ConfirmationReasonRequired { warnings } => warnings
                            .iter()
                            .map(|w| ItemWarning {
                                code: w.code.as_str().to_owned(),
                                text_nl: w.text.nl.clone(),
                                text_en: w.text.en.clone(),
                                needs_reason: w.needs_reason,
                            })
                            .collect(),
                        _ => Vec::new(),
                    };
                    AcceptItem {
                        request: id.clone(),
                        case_id: r.case_id.clone(),
                        status: if warnings.is_empty() {
                            "refused".into()
                        } else {
                            "needs_confirmation".into()
                        },
                        session_id: None,
                        code: Some(refusal.code()),
                        message_nl: Some(refusal.message(Lang::Nl)),
                        message_en: Some(refusal.message(Lang::En)),
                        warnings,
                    }
                }
                Err(
                    e @ (AppError::Invalid(_)
                    | AppError::Forbidden
                    | AppError::NotFound
                    | AppError::Conflict),
                ) => {
                    let (nl, en) = match &e {
                        AppError::Invalid(fields) => (
                            fields
                                .iter()
                                .map(|f| f.message_nl.clone())
                                .collect::<Vec<_>>()
                                .join(" "),
                            fields
                                .iter()
                                .map(|f| f.message_en.clone())
                                .collect::<Vec<_>>()
                                .join(" "),
                        ),
                        other => (other.title().nl, other.title().en),
                    };
                    AcceptItem {
                        request: id.clone(),
                        case_id: r.case_id.clone(),
                        status: "refused".into(),
                        session_id: None,
                        code: Some(
                            match &e {
                                AppError::Invalid(_) => "invalid",
                                AppError::Forbidden => "forbidden",
                                AppError::NotFound => "not_found",
                                _ => "conflict",
                            }
                            .into(),
                        ),
                        message_nl: Some(nl),
                        message_en: Some(en),
                        warnings: Vec::new(),
                    }
                }
                Err(e) => {
                    self.store.release_planning_request(&row.id, &id).await?;
                    return Err(e);
                }
            };
            let json =
                serde_json::to_string(&item).map_err(|e| AppError::Internal(e.to_string()))?;
            self.store
                .settle_planning_request(&row.id, &id, item.status == "planned", &json)
                .await?;
            items.push(item);
        }
        let planned = items.iter().filter(|i| i.status == "planned").count();
        self.audit(Audit {
            actor: Some(actor),
            action: "accept_planning_run",
            case: None,
            detail: format!(
                "{} run {} planned {planned} of {}",
                row.week,
                row.id,
                items.len()
            ),
            allowed: true,
        })
        .await?;
        let row = self.load_run(actor, &row.week, &row.id).await?;
        let run = self.run_view(actor, &row).await?;
        Ok(AcceptResult {
            not_planned: items.len() - planned,
            planned,
            items,
            run,
        })
    }

    // ---- the planner's inputs ----------------------------------------------------------------

    /// The family's time windows of a case (the planner's default when none are stored), for
    /// those who plan the case (the same answer as changing them).
    pub async fn case_windows(&self, actor: &Actor, case_id: &str) -> Result<WindowsView> {
        let (case, _, _) = self
            .load_for(actor, case_id, CaseAction::SetWindows)
            .await?;
        let view = self.windows_of(case.id.as_str()).await?;
        self.audit(Audit {
            actor: Some(actor),
            action: "read_windows",
            case: Some(case.id.as_str()),
            detail: String::new(),
            allowed: true,
        })
        .await?;
        Ok(view)
    }

    /// A case's windows and school hours as stored, without policy or audit: for the use
    /// cases that have done both ([`App::case_windows`], [`App::case_page`]).
    pub(crate) async fn windows_of(&self, case_id: &str) -> Result<WindowsView> {
        let stored = self.store.case_windows(case_id).await?;
        let school = self.store.school_hours(case_id).await?;
        Ok(windows_view(case_id, &stored, &school))
    }

    /// Replaces the family's time windows of a case (coordinators of the case).
    pub async fn set_case_windows(
        &self,
        actor: &Actor,
        case_id: &str,
        input: &WindowsInput,
    ) -> Result<WindowsView> {
        let (case, _, _) = self
            .load_for(actor, case_id, CaseAction::SetWindows)
            .await?;
        if !case.is_open() {
            return Err(AppError::Refused(Refusal::CaseClosed));
        }
        let mut c = Check::default();
        let rows = check_slots(&mut c, "windows", &input.windows, case.id.as_str());
        let school = input
            .school
            .as_ref()
            .map(|s| check_slots(&mut c, "school", s, case.id.as_str()));
        c.finish()?;
        self.store
            .replace_case_windows(case.id.as_str(), &rows)
            .await?;
        let school = match school {
            Some(school) => {
                self.store
                    .replace_school_hours(case.id.as_str(), &school)
                    .await?;
                school
            }
            None => self.store.school_hours(case.id.as_str()).await?,
        };
        self.audit(Audit {
            actor: Some(actor),
            action: "set_windows",
            case: Some(case.id.as_str()),
            detail: if input.school.is_some() {
                "windows, school hours".into()
            } else {
                "windows".into()
            },
            allowed: true,
        })
        .await?;
        Ok(windows_view(case.id.as_str(), &rows, &school))
    }

    /// Replaces a location's opening hours (administrators and coordinators, who manage
    /// locations). Empty: the default hours.
    pub async fn set_location_hours(
        &self,
        actor: &Actor,
        location_id: &str,
        input: &WindowsInput,
    ) -> Result<Vec<SlotInput>> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::ManageLocations) {
            return Err(self.refuse_planning(actor, "set_location_hours").await);
        }
        let mut c = Check::default();
        let rows = check_slots(&mut c, "windows", &input.windows, location_id);
        if input.school.as_ref().is_some_and(|s| !s.is_empty()) {
            c.push(
                "school",
                "Schooltijden horen bij een dossier, niet bij een locatie.",
                "School hours belong to a case, not to a location.",
            );
        }
        c.finish()?;
        match self
            .store
            .replace_location_hours(actor.org_id.as_str(), location_id, &rows)
            .await
        {
            Ok(()) => {}
            Err(StoreError::NotFound) => return Err(AppError::NotFound),
            Err(e) => return Err(e.into()),
        }
        self.audit(Audit {
            actor: Some(actor),
            action: "set_location_hours",
            case: None,
            detail: location_id.to_owned(),
            allowed: true,
        })
        .await?;
        Ok(if rows.is_empty() {
            default_opening_hours()
        } else {
            hours_to_slots(&rows, location_id)
        })
    }
}

pub(crate) fn windows_view(case_id: &str, stored: &[HoursRow], school: &[HoursRow]) -> WindowsView {
    let school = hours_to_slots(school, case_id);
    if stored.is_empty() {
        WindowsView {
            case_id: case_id.to_owned(),
            windows: default_windows(SessionKind::SupervisedVisit),
            default: true,
            school,
        }
    } else {
        WindowsView {
            case_id: case_id.to_owned(),
            windows: hours_to_slots(stored, case_id),
            default: false,
            school,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_parse_as_iso_weeks_or_dates() {
        let monday = jiff::civil::date(2026, 3, 9);
        assert_eq!(parse_week("2026-W11"), Some(monday));
        assert_eq!(parse_week("2026-03-12"), Some(monday));
        assert_eq!(week_label(monday), "2026-W11");
        assert_eq!(parse_week("2026-W60"), None);
        assert_eq!(parse_week("morgen"), None);
        assert_eq!(parse_week("9999-W01"), None);
    }

    #[test]
    fn intervals_join_and_cut() {
        let mut v = vec![[10, 20], [20, 30], [40, 50], [5, 12]];
        normalise(&mut v);
        assert_eq!(v, vec![[5, 30], [40, 50]]);
        assert_eq!(subtract(&v, [10, 45]), vec![[5, 10], [45, 50]]);
        assert_eq!(subtract(&v, [0, 100]), Vec::<[i64; 2]>::new());
    }
}
