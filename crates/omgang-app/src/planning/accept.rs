//! Accepting a run: each chosen placement planned through the normal case rules, and what
//! happened to each.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use omgang_domain::Refusal;
use omgang_domain::text::Lang;
use omgang_planner as planner;
use omgang_store::PlanningRunRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::LEAD_PREFIX;
use super::minutes::{at_minute, local};
use super::view::PlanningRun;
use crate::input::{Check, SessionInput};
use crate::policy::Actor;
use crate::{App, AppError, Audit, Result};

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

/// The answer to accepting.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AcceptResult {
    pub items: Vec<AcceptItem>,
    pub planned: usize,
    pub not_planned: usize,
    pub run: PlanningRun,
}

impl AcceptItem {
    /// An item that planned nothing now, with why.
    fn told(
        request: &str,
        case_id: &str,
        status: &str,
        session_id: Option<String>,
        nl: &str,
        en: &str,
    ) -> Self {
        AcceptItem {
            request: request.to_owned(),
            case_id: case_id.to_owned(),
            status: status.into(),
            session_id,
            code: None,
            message_nl: Some(nl.into()),
            message_en: Some(en.into()),
            warnings: Vec::new(),
        }
    }
}

/// A stored run as it is accepted: its instance and solution, and what was accepted before.
struct RunToAccept<'a> {
    row: &'a PlanningRunRow,
    monday: Date,
    solution: &'a planner::Solution,
    req_of: HashMap<&'a str, &'a planner::Request>,
    room_location: HashMap<&'a str, &'a str>,
    accepted: BTreeMap<String, AcceptItem>,
}

/// The request ids (at most 1000, each a plausible id) and the confirmed codes (at most 50).
fn check_accept_input(input: &AcceptInput) -> Result<()> {
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
    c.finish()
}

/// The session a placement asks for, as a coordinator would enter it.
fn session_of(
    run: &RunToAccept<'_>,
    a: &planner::Assignment,
    r: &planner::Request,
    input: &AcceptInput,
) -> SessionInput {
    let starts = at_minute(run.monday, a.start);
    SessionInput {
        kind: r.kind.clone(),
        starts_at: local(starts),
        minutes: u32::try_from(r.duration_minutes).unwrap_or(60),
        location_kind: "omgangshuis".into(),
        location_id: run
            .room_location
            .get(a.room.as_str())
            .map(|l| (*l).to_owned()),
        room_id: Some(a.room.clone()),
        description: None,
        home_of: None,
        // A coordinator's conversation has no supervisor.
        supervisor_id: (!a.supervisor.starts_with(LEAD_PREFIX)).then(|| a.supervisor.clone()),
        participants: Vec::new(),
        confirm: input.confirm.clone(),
        reason: input.reason.clone(),
    }
}

/// A placement the case rules refused, or that waits for its warnings to be confirmed.
fn refused_item(id: &str, r: &planner::Request, refusal: &Refusal) -> AcceptItem {
    let warnings: Vec<ItemWarning> = match refusal {
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
        request: id.to_owned(),
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

/// A placement refused as invalid, forbidden, not found or in conflict.
fn failed_item(id: &str, r: &planner::Request, e: &AppError) -> AcceptItem {
    let (nl, en) = match e {
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
        request: id.to_owned(),
        case_id: r.case_id.clone(),
        status: "refused".into(),
        session_id: None,
        code: Some(
            match e {
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

impl App {
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
        check_accept_input(input)?;
        let to_accept = RunToAccept {
            row: &row,
            monday,
            solution: &solution,
            req_of: instance
                .requests
                .iter()
                .map(|r| (r.id.as_str(), r))
                .collect(),
            room_location: instance
                .locations
                .iter()
                .flat_map(|l| l.rooms.iter().map(move |r| (r.id.as_str(), l.id.as_str())))
                .collect(),
            accepted,
        };
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
            items.push(self.accept_one(actor, &to_accept, &id, input).await?);
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

    /// Accepts one placement: claimed first, then planned through the case rules, and what
    /// became of it stored with the run.
    async fn accept_one(
        &self,
        actor: &Actor,
        run: &RunToAccept<'_>,
        id: &str,
        input: &AcceptInput,
    ) -> Result<AcceptItem> {
        let assignment = run.solution.assignments.iter().find(|a| a.request == id);
        let (Some(a), Some(r)) = (assignment, run.req_of.get(id)) else {
            return Ok(AcceptItem::told(
                id,
                "",
                "not_in_run",
                None,
                "Dit verzoek is in dit voorstel niet ingepland.",
                "This request is not placed in this proposal.",
            ));
        };
        if let Some(done) = run.accepted.get(id).filter(|d| d.status == "planned") {
            return Ok(AcceptItem {
                status: "already_planned".into(),
                ..done.clone()
            });
        }
        if r.fixed.is_some() {
            return Ok(AcceptItem::told(
                id,
                &r.case_id,
                "already_planned",
                id.strip_prefix("session:").map(str::to_owned),
                "Was al gepland; blijft staan.",
                "Was planned already; stays.",
            ));
        }
        let row = run.row;
        // Claimed first: a second accept of the same request at the same moment (another
        // tab, another instance) finds it taken and plans nothing.
        if !self
            .store
            .claim_planning_request(&row.id, id, self.now().as_millisecond())
            .await?
        {
            return Ok(AcceptItem::told(
                id,
                &r.case_id,
                "already_planned",
                None,
                "Is al of wordt op dit moment geaccepteerd; kijk in het dossier.",
                "Is accepted already, or being accepted right now; see the case.",
            ));
        }
        let session = session_of(run, a, r, input);
        let item = match self.plan_session(actor, &r.case_id, &session).await {
            Ok(view) => {
                let made = view
                    .sessions
                    .iter()
                    .filter(|s| {
                        s.kind.key() == r.kind && s.starts_at.starts_with(&session.starts_at)
                    })
                    .map(|s| s.id.clone())
                    .next_back();
                AcceptItem {
                    request: id.to_owned(),
                    case_id: r.case_id.clone(),
                    status: "planned".into(),
                    session_id: made,
                    code: None,
                    message_nl: None,
                    message_en: None,
                    warnings: Vec::new(),
                }
            }
            Err(AppError::Refused(refusal)) => refused_item(id, r, &refusal),
            Err(
                e @ (AppError::Invalid(_)
                | AppError::Forbidden
                | AppError::NotFound
                | AppError::Conflict),
            ) => failed_item(id, r, &e),
            Err(e) => {
                self.store.release_planning_request(&row.id, id).await?;
                return Err(e);
            }
        };
        let json = serde_json::to_string(&item).map_err(|e| AppError::Internal(e.to_string()))?;
        self.store
            .settle_planning_request(&row.id, id, item.status == "planned", &json)
            .await?;
        Ok(item)
    }
}
