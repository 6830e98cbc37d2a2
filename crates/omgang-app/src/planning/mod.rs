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

use crate::policy::{self, Actor, OrgAction};
use crate::{App, AppError, Audit};

mod accept;
mod build;
mod minutes;
mod resources;
mod run;
mod view;
mod week;
mod windows;
pub use accept::{AcceptInput, AcceptItem, AcceptResult, ItemWarning};
pub use minutes::{parse_week, shift, week_label};
pub use run::{RunInput, RunProgress};
pub use view::{Placement, PlanningRun, RoomColumn, SupervisorColumn, UnplacedView};
pub use week::{
    AddRequestInput, AddableCase, AddableKind, DropInput, FixedPlacement, PlanningRequest,
    WeekRequests,
};
pub use windows::{WindowsInput, WindowsView, default_opening_hours, default_windows};

/// The id prefix of the placeholders that hold a room for a session without a supervisor
/// of ours (they never supervise anything else: available only then).
pub const HOLD_PREFIX: &str = "hold:";

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
}
