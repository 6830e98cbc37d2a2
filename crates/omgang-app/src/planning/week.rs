//! The week's requests: what the running cases need this week, the sessions already planned,
//! and what the coordinator dropped or added.

use std::collections::HashMap;

use jiff::civil::Date;
use omgang_domain::case::Case;
use omgang_domain::programme::{Lead, LocationKind, Programme, SessionKind};
use omgang_domain::warning::same_period;
use omgang_planner as planner;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::minutes::{kind_of, week_of};
use crate::beheer::SlotInput;
use crate::input::Check;
use crate::policy::Actor;
use crate::{App, AppError, Audit, Result};

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

/// Everything about a week that a run or a view needs.
pub(super) struct Week {
    pub(super) label: String,
    pub(super) monday: Date,
    pub(super) instance: planner::Instance,
    /// Every request, the dropped ones too, in instance order (dropped last).
    pub(super) requests: Vec<PlanningRequest>,
    pub(super) case_ids: Vec<String>,
    pub(super) addable: Vec<AddableCase>,
    /// The programme of each running case.
    pub(super) programme_of: HashMap<String, String>,
}

/// The planner plans sessions of this kind: a supervisor leads them, in one of the houses.
/// Who leads a kind the planner plans: a supervisor, or the case's coordinator.
pub(super) fn planned_lead(lead: Lead) -> bool {
    matches!(lead, Lead::Supervisor | Lead::Coordinator)
}

pub(super) fn addable(programme: &Programme, kind: SessionKind) -> bool {
    programme.kind(kind).is_some_and(|r| planned_lead(r.led_by))
        && programme
            .locations_for(kind)
            .contains(&LocationKind::Omgangshuis)
}

/// What the week needs of one kind in one case, or why nothing.
pub(super) fn need_of(
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

pub(super) fn ucfirst(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The length of a new session of `kind`: last time's, or the kind's maximum (visits at most
/// 90 minutes, others 60), on the 15-minute grid.
pub(super) fn minutes_for(case: &Case, programme: &Programme, kind: SessionKind) -> i64 {
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
    pub(super) fn programme_for_case(
        &self,
        w: &Week,
        case_id: &str,
        kind: SessionKind,
    ) -> Option<i64> {
        let programme = self.programme(w.programme_of.get(case_id)?)?;
        programme.kind(kind).map(|r| i64::from(r.max_minutes))
    }
}
