//! A stored run as the coordinator sees it: the placements per room and supervisor, and what
//! was not placed and why.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use omgang_domain::text::Lang;
use omgang_planner as planner;
use omgang_store::{PlanningRunRow, StoreError};
use serde::Serialize;
use utoipa::ToSchema;

use super::HOLD_PREFIX;
use super::accept::AcceptItem;
use super::minutes::{at_minute, hhmm, kind_of, local, shift, week_of};
use super::week::PlanningRequest;
use crate::policy::Actor;
use crate::{App, AppError, Result};

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

impl App {
    /// What became of a run's accepted requests: the claims (`planning_accepts`) over what
    /// runs accepted before claims existed kept in the run itself.
    pub(super) async fn accepted_items(
        &self,
        row: &PlanningRunRow,
    ) -> Result<BTreeMap<String, AcceptItem>> {
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

    pub(super) async fn load_run(
        &self,
        actor: &Actor,
        week: &str,
        run: &str,
    ) -> Result<PlanningRunRow> {
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

    pub(super) async fn run_view(
        &self,
        actor: &Actor,
        row: &PlanningRunRow,
    ) -> Result<PlanningRun> {
        let stored = StoredRun::parse(row)?;
        let accepted = self.accepted_items(row).await?;
        let report = planner::check(&stored.instance, &stored.solution);
        let mut room_names: HashMap<String, (String, String, String)> = HashMap::new();
        for l in self.store.locations_of(&row.org_id).await? {
            for r in &l.rooms {
                room_names.insert(r.id.clone(), (r.name.clone(), l.id.clone(), l.name.clone()));
            }
        }
        let lang = actor.lang;
        let placements = stored.placements(&room_names, &accepted, lang);
        let continuity_lost = placements.iter().filter(|p| p.continuity_lost).count();
        let monday = stored.monday;
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
            unplaced: stored.unplaced(lang),
            rooms: stored.rooms(&room_names),
            supervisors: stored.supervisors(),
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
}

/// A stored run read back: the instance and requests it solved, its proposal, its week.
struct StoredRun {
    instance: planner::Instance,
    solution: planner::Solution,
    requests: Vec<PlanningRequest>,
    monday: Date,
}

impl StoredRun {
    fn parse(row: &PlanningRunRow) -> Result<Self> {
        let corrupt = |e: String| AppError::Internal(format!("planning run {}: {e}", row.id));
        let instance: planner::Instance =
            serde_json::from_str(&row.instance).map_err(|e| corrupt(e.to_string()))?;
        let solution =
            planner::Solution::from_json(&row.solution).map_err(|e| corrupt(e.to_string()))?;
        let requests: Vec<PlanningRequest> =
            serde_json::from_str(&row.requests).map_err(|e| corrupt(e.to_string()))?;
        let monday: Date = instance
            .week_start
            .parse()
            .map_err(|e: jiff::Error| corrupt(e.to_string()))?;
        Ok(StoredRun {
            instance,
            solution,
            requests,
            monday,
        })
    }

    /// The planner's request and the request as shown, by request id.
    fn lookup(
        &self,
    ) -> (
        HashMap<&str, &planner::Request>,
        HashMap<&str, &PlanningRequest>,
    ) {
        let req_of = self
            .instance
            .requests
            .iter()
            .map(|r| (r.id.as_str(), r))
            .collect();
        let view_of = self.requests.iter().map(|r| (r.id.as_str(), r)).collect();
        (req_of, view_of)
    }

    /// The proposal's placements in time order (then by room), with what became of each
    /// accepted one.
    fn placements(
        &self,
        room_names: &HashMap<String, (String, String, String)>,
        accepted: &BTreeMap<String, AcceptItem>,
        lang: Lang,
    ) -> Vec<Placement> {
        let monday = self.monday;
        let (req_of, view_of) = self.lookup();
        let margin_of: HashMap<&str, i64> = self
            .instance
            .locations
            .iter()
            .map(|l| (l.id.as_str(), l.margin_minutes))
            .collect();
        let sup_name: HashMap<&str, &str> = self
            .instance
            .supervisors
            .iter()
            .map(|s| (s.id.as_str(), s.name.as_str()))
            .collect();
        let mut placements = Vec::new();
        for a in &self.solution.assignments {
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
        placements
    }

    /// The requests the proposal did not place, and why.
    fn unplaced(&self, lang: Lang) -> Vec<UnplacedView> {
        let (req_of, view_of) = self.lookup();
        self.solution
            .unplaced
            .iter()
            .filter_map(|id| {
                let r = req_of.get(id.as_str())?;
                let v = view_of.get(id.as_str())?;
                let reason = self.solution.unplaced_reasons.get(id).cloned().unwrap_or(
                    planner::ReasonText {
                        code: "unplaced".into(),
                        nl: "Niet ingepland.".into(),
                        en: "Not placed.".into(),
                    },
                );
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
            .collect()
    }

    /// The rooms of the run's locations, as the columns of the week's view.
    fn rooms(&self, room_names: &HashMap<String, (String, String, String)>) -> Vec<RoomColumn> {
        self.instance
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
            .collect()
    }

    /// The run's supervisors (not the placeholders holding a room), as columns.
    fn supervisors(&self) -> Vec<SupervisorColumn> {
        self.instance
            .supervisors
            .iter()
            .filter(|s| !s.id.starts_with(HOLD_PREFIX))
            .map(|s| SupervisorColumn {
                id: s.id.clone(),
                name: s.name.clone(),
                volunteer: s.kind == planner::SupervisorKind::Volunteer,
            })
            .collect()
    }
}
