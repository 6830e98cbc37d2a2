//! What the case page shows: the case read once, turned into the template's context. Each
//! part of the page has its own function here; [`case_context`] puts them together.

use std::collections::HashMap;

use omgang_app::cases::TimelineEntry;
use omgang_app::views::{CaseView, PlanView, ReportView};
use omgang_app::{Actor, AppError};
use omgang_domain::CaseStatus;
use omgang_domain::case::SessionStatus;
use omgang_domain::programme::{EscalationTarget, Programme};
use omgang_domain::text::Lang;
use serde_json::{Value as Json, json};

use super::windows::window_rows_of;
use crate::Ui;
use crate::forms;
use crate::kit::choices;
use crate::web::Page;

fn person_name(view: &CaseView, id: &str) -> String {
    view.people
        .iter()
        .find(|p| p.id == id)
        .map(|p| p.name.clone())
        .unwrap_or_default()
}

/// The names of the staff (for who planned, wrote, took a step): the one reading, and the
/// supervisors the page lists.
struct Names<'a> {
    actor: &'a Actor,
    staff: HashMap<String, String>,
}

impl Names<'_> {
    fn of(&self, uid: &Option<String>) -> Option<String> {
        let uid = uid.as_deref()?;
        if uid == self.actor.user_id.as_str() {
            return Some(self.actor.name.clone());
        }
        self.staff.get(uid).cloned()
    }
}

pub(super) async fn case_context(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    id: &str,
) -> Result<Json, AppError> {
    let lang = page.lang;
    let omgang_app::cases::CasePageData {
        view,
        timeline,
        windows,
    } = ui.app.case_page(actor, id).await?;
    let timeline = timeline.unwrap_or_default();
    let programme = ui
        .app
        .programme(&view.programme_id)
        .ok_or_else(|| AppError::Internal(format!("programme {} missing", view.programme_id)))?;
    let full = view.scope == omgang_app::policy::ViewScope::Full;
    let open = view.status != CaseStatus::Closed;
    let windows = windows.map_or(Json::Null, |w| window_rows_of(ui, lang, &w));

    let staff = staff_of(ui, actor, full).await;
    let names = Names {
        actor,
        staff: staff
            .iter()
            .filter_map(|s| Some((s["id"].as_str()?.to_owned(), s["name"].as_str()?.to_owned())))
            .collect(),
    };
    let partners = partners_of(ui, &programme, full).await;
    let latest = view.plans.last();
    Ok(json!({
        "nav": "cases",
        "meldcode": meldcode_of(&view, &names, lang),
        "meldcode_next": meldcode_next(&view, lang),
        "afwegingskader": afwegingskader(lang),
        "full": full,
        "programme": {
            "name": programme.name.get(lang),
            "summary": programme.summary.get(lang),
            "document": programme.plan.document.label().get(lang),
            "max_months": programme.duration.max_months,
        },
        "phases": phases_of(&view, &programme, lang),
        "parents": parents_of(&view),
        "latest_plan": latest,
        "signatures": signatures_of(&view, latest),
        "kinds": kinds_of(&view, &programme),
        "locations": locations_of(&programme, lang),
        "staff": staff,
        "partners": partners,
        "supervisor_name": names.of(&view.supervisor_id),
        "plan_defaults": plan_defaults(latest, &programme, lang),
        "sessions": sessions_of(&view, &programme, &names, open, full),
        "reports": reports_of(&view, &names),
        "consents": consents_of(&view),
        "escalations": escalations_of(&view, lang),
        "escalation_targets": escalation_targets(lang),
        "timeline": timeline_of(&timeline),
        "phase_moved": phase_moved(&timeline),
        "supervisor_history": supervisor_history_of(&view, &names),
        "may": view.may,
        "attachments": ui.app.attachments_for_page(actor, &view).await?,
        "evaluation_rows": (0..forms::EVALUATION_ROWS).collect::<Vec<_>>(),
        "rooms": if full { crate::beheer::room_options(ui, actor).await } else { Vec::new() },
        "today": ui.app.today().to_string(),
        "windows": windows,
        "weekdays": (1..=7u8).map(|n| json!({ "value": n.to_string(), "label": ui.i18n.t(lang, &format!("bh-weekday-{n}")) })).collect::<Vec<_>>(),
        "case": view,
    }))
}

/// The supervisors and volunteers to choose from (only for the full view).
async fn staff_of(ui: &Ui, actor: &Actor, full: bool) -> Vec<Json> {
    if !full {
        return Vec::new();
    }
    ui.app
        .supervisors(actor)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|u| json!({ "id": u.id, "name": u.name, "volunteer": u.role == "volunteer" }))
        .collect()
}

/// The partner organisations to choose from, when the programme works with partners.
async fn partners_of(ui: &Ui, programme: &Programme, full: bool) -> Vec<Json> {
    if !full || programme.partners.is_empty() {
        return Vec::new();
    }
    ui.app
        .organisations_of_kind("partner")
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|o| json!({ "id": o.id, "name": o.name }))
        .collect()
}

fn parents_of(view: &CaseView) -> Vec<Json> {
    view.people
        .iter()
        .filter(|p| p.role.is_parent())
        .map(|p| json!({ "id": p.id, "name": p.name, "role_label": p.role_label }))
        .collect()
}

/// Who signs the latest plan and who did: the parents, and a guardian who holds authority.
fn signatures_of(view: &CaseView, latest: Option<&PlanView>) -> Vec<Json> {
    let Some(plan) = latest else {
        return Vec::new();
    };
    view.people
        .iter()
        .filter(|p| p.signs_plan)
        .map(|p| {
            let sig = plan.signatures.iter().find(|s| s.parent_id == p.id);
            json!({
                "parent_id": p.id, "name": p.name, "role_label": p.role_label,
                "signed": sig.is_some(),
                "signed_at": sig.map(|s| s.signed_at.clone()),
                "signed_on": sig.map(|s| s.signed_on.clone()),
                "method": sig.map(|s| s.method),
            })
        })
        .collect()
}

/// The kinds of session to plan: only what the programme, the phase and the children's ages
/// allow now.
fn kinds_of(view: &CaseView, programme: &Programme) -> Vec<Json> {
    view.plannable_kinds
        .iter()
        .filter_map(|k| {
            let rule = programme.session_kinds.iter().find(|r| r.kind == k.kind)?;
            Some(json!({
                "value": k.kind,
                "label": k.label,
                "max_minutes": rule.max_minutes,
            }))
        })
        .collect()
}

/// Every place of the programme: the visits' and each kind's own.
fn locations_of(programme: &Programme, lang: Lang) -> Vec<Json> {
    let mut places = programme.locations.allowed.clone();
    for rule in &programme.session_kinds {
        for place in &rule.locations {
            if !places.contains(place) {
                places.push(*place);
            }
        }
    }
    places
        .iter()
        .map(|k| json!({ "value": k.key(), "label": k.label().get(lang) }))
        .collect()
}

/// The plan form starts from the latest version, or from the programme's templates.
fn plan_defaults(latest: Option<&PlanView>, programme: &Programme, lang: Lang) -> Json {
    let Some(c) = latest.and_then(|p| p.content.as_ref()) else {
        let template_rules: Vec<String> = programme
            .plan
            .house_rules
            .iter()
            .map(|r| r.get(lang).to_owned())
            .collect();
        return json!({
            "house_rules": template_rules.join("\n"),
            "max_duration_months": programme.duration.max_months.map(|n| n.to_string()).unwrap_or_default(),
            "parents_must_not_meet": "on",
        });
    };
    let join = |k: &str| {
        c[k].as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default()
    };
    let moments: Vec<String> = c["evaluation_moments"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let mut d = json!({
        "goals": join("goals"),
        "house_rules": join("house_rules"),
        "visit_agreements": c["visit_agreements"],
        "handover_agreements": c["handover_agreements"],
        "parent_conversations": c["parent_conversations"],
        "child_guidance": c["child_guidance"],
        "work_agreements": c["work_agreements"],
        "max_duration_months": c["max_duration_months"].as_u64().map(|n| n.to_string()).unwrap_or_default(),
        "parents_must_not_meet": if c["parents_must_not_meet"].as_bool().unwrap_or(true) { "on" } else { "" },
    });
    for (i, m) in moments.iter().enumerate() {
        d[format!("evaluation_moments[{i}]")] = Json::String(m.clone());
    }
    d
}

/// The sessions, with what the reader may do with each (an outcome, a report).
fn sessions_of(
    view: &CaseView,
    programme: &Programme,
    names: &Names<'_>,
    open: bool,
    full: bool,
) -> Vec<Json> {
    let me = names.actor.user_id.as_str();
    let reports_by_id: HashMap<&str, &ReportView> =
        view.reports.iter().map(|r| (r.id.as_str(), r)).collect();
    view.sessions
        .iter()
        .map(|s| {
            let mine = s.supervisor_id.as_deref() == Some(me);
            let needs_report = programme
                .kind(s.kind)
                .is_some_and(|r| r.needs_report);
            let report = s.report_id.as_deref().and_then(|r| reports_by_id.get(r));
            json!({
                "id": s.id, "kind_label": s.kind_label, "starts_at": s.starts_at, "ends_at": s.ends_at,
                "minutes": s.minutes, "location_label": s.location_label, "description": s.description,
                "supervisor": names.of(&s.supervisor_id),
                "state": s.state, "notes": s.notes, "cancelled_by": s.cancelled_by, "reason": s.reason,
                "late": s.late, "attended": s.attended,
                "drop_off_at": s.drop_off_at, "pick_up_at": s.pick_up_at, "brought_by": s.brought_by,
                "needs_report": needs_report,
                "report_state": report.map(|r| r.state),
                "may_outcome": open && s.state == SessionStatus::Planned && (full || mine),
                "may_report": s.state == SessionStatus::Held && needs_report && (full || mine),
            })
        })
        .collect()
}

fn reports_of(view: &CaseView, names: &Names<'_>) -> Vec<Json> {
    view.reports
        .iter()
        .map(|r| {
            let s = view.sessions.iter().find(|s| s.id == r.session_id);
            json!({
                "id": r.id, "session_id": r.session_id, "state": r.state,
                "session_label": s.map(|s| s.kind_label.clone()),
                "starts_at": s.map(|s| s.starts_at.clone()),
                "updated_at": r.updated_at, "released_at": r.released_at,
                "author": names.of(&Some(r.author_id.clone())),
                "amendments": r.amendments.len(),
            })
        })
        .collect()
}

fn consents_of(view: &CaseView) -> Vec<Json> {
    view.consents
        .iter()
        .map(|c| {
            json!({
                "parent": person_name(view, c["parent"].as_str().unwrap_or("")),
                "given": c["given"], "on": c["on"], "note": c["note"],
            })
        })
        .collect()
}

/// The programme's phases, the current one and those done marked.
fn phases_of(view: &CaseView, programme: &Programme, lang: Lang) -> Vec<Json> {
    let phase_index = view
        .phase
        .as_deref()
        .and_then(|p| programme.phases.iter().position(|ph| ph.id == p));
    programme
        .phases
        .iter()
        .enumerate()
        .map(|(i, p)| {
            json!({
                "name": p.name.get(lang),
                "current": Some(i) == phase_index,
                "done": phase_index.is_some_and(|c| i < c),
            })
        })
        .collect()
}

/// Seed 003's continuity: every change of supervisor with its reason.
fn supervisor_history_of(view: &CaseView, names: &Names<'_>) -> Vec<Json> {
    view.supervisor_history
        .iter()
        .map(|c| {
            json!({
                "on": c.on,
                "name": names.of(&Some(c.user_id.clone())).unwrap_or_else(|| c.user_id.clone()),
                "previous": c.previous_id.as_ref().map(|p| names.of(&Some(p.clone())).unwrap_or_else(|| p.clone())),
                "reason": c.reason,
            })
        })
        .collect()
}

/// The last step moved the case on by itself: say so ("De 4e begeleide omgang is gehouden:
/// het traject gaat naar Overdrachtsbegeleiding.").
fn phase_moved(timeline: &[TimelineEntry]) -> Option<String> {
    match timeline {
        [.., held, moved]
            if held.event == "session_held"
                && moved.event == "phase_advanced"
                && held.at == moved.at =>
        {
            Some(moved.text.clone())
        }
        _ => None,
    }
}

/// The timeline, the latest first.
fn timeline_of(timeline: &[TimelineEntry]) -> Vec<Json> {
    timeline
        .iter()
        .rev()
        .map(|t| json!({ "at": t.at, "text": t.text }))
        .collect()
}

fn escalation_targets(lang: Lang) -> Vec<Json> {
    choices(lang, &EscalationTarget::ALL)
}

fn escalations_of(view: &CaseView, lang: Lang) -> Vec<Json> {
    view.escalations
        .iter()
        .map(|e| {
            let label = serde_json::from_value::<EscalationTarget>(e["to"].clone())
                .map(|t| t.label().get(lang).to_owned())
                .unwrap_or_default();
            json!({ "to": label, "on": e["on"], "reason": e["reason"] })
        })
        .collect()
}

/// The meldcode: the steps taken, with who took them.
fn meldcode_of(view: &CaseView, names: &Names<'_>, lang: Lang) -> Vec<Json> {
    view.meldcode
        .iter()
        .map(|m| {
            let report_to = m.report_to.map(|e| e.label().get(lang).to_owned());
            json!({
                "number": m.number,
                "label": m.label,
                "on": m.on,
                "by": names.of(&m.by),
                "note": m.note,
                "answers": m.answers,
                "decision": m.decision,
                "report_to": report_to,
            })
        })
        .collect()
}

/// The meldcode's next step to record, if any is left.
fn meldcode_next(view: &CaseView, lang: Lang) -> Option<Json> {
    omgang_domain::case::MeldcodeStep::ALL
        .get(view.meldcode.len())
        .map(|step| {
            json!({
                "step": omgang_domain::Vocabulary::key(*step),
                "number": step.number(),
                "label": step.label().get(lang),
            })
        })
}

fn afwegingskader(lang: Lang) -> Vec<&'static str> {
    omgang_domain::case::AFWEGINGSKADER
        .iter()
        .map(|(nl, en)| if lang == Lang::Nl { *nl } else { *en })
        .collect()
}
