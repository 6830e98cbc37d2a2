//! *Agenda*: a week of sessions, per supervisor, with double bookings marked. Built from the
//! cases the person may see (read through `App::case`, so each read is authorised and
//! logged); the application layer has no agenda query yet.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::ToSpan;
use jiff::civil::Date;
use omgang_app::cases::CaseListQuery;
use omgang_app::views::CaseView;
use omgang_app::{Actor, Role};
use serde_json::{Value as Json, json};

use crate::web::{Form, Page};
use crate::{Ui, fmt};

/// At most this many cases are read for an agenda or the home page.
const MAX_CASES: usize = 80;

/// The open cases with sessions that the actor may see, as the actor sees them.
pub async fn open_cases(ui: &Ui, actor: &Actor) -> Vec<CaseView> {
    let list = match ui.app.list_cases(actor, &CaseListQuery::default()).await {
        Ok(list) => list,
        Err(_) => return Vec::new(),
    };
    let mut views = Vec::new();
    for summary in list
        .iter()
        .filter(|c| matches!(c.status.as_str(), "plan" | "running" | "follow_up"))
        .take(MAX_CASES)
    {
        if let Ok(view) = ui.app.case(actor, &summary.id).await {
            views.push(view);
        }
    }
    views
}

fn monday_of(d: Date) -> Date {
    let back = i64::from(d.weekday().to_monday_zero_offset());
    d.checked_sub(back.days()).unwrap_or(d)
}

pub async fn agenda(State(ui): State<Arc<Ui>>, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    if !matches!(
        actor.role,
        Role::Coordinator | Role::Supervisor | Role::Volunteer | Role::PartnerStaff
    ) {
        return ui.error(&page, StatusCode::FORBIDDEN);
    }
    let q = Form::parse(raw.as_deref().unwrap_or("").as_bytes());
    let week_of = q
        .get("week")
        .parse::<Date>()
        .unwrap_or_else(|_| ui.app.today());
    let monday = monday_of(week_of);
    let sunday = monday.checked_add(6.days()).unwrap_or(monday);
    let chosen = q.opt("begeleider");

    let staff = ui.app.supervisors(&actor).await.unwrap_or_default();
    let mut names: HashMap<String, String> = staff
        .iter()
        .map(|u| (u.id.clone(), u.name.clone()))
        .collect();
    names.insert(actor.user_id.0.clone(), actor.name.clone());

    let mut entries: Vec<Json> = Vec::new();
    for view in open_cases(&ui, &actor).await {
        for s in &view.sessions {
            let Some((date, Some(start))) = fmt::parse(&s.starts_at) else {
                continue;
            };
            if date < monday || date > sunday || s.state == "cancelled" {
                continue;
            }
            if chosen.is_some() && s.supervisor_id != chosen {
                continue;
            }
            let end = fmt::parse(&s.ends_at).and_then(|(_, t)| t).unwrap_or(start);
            entries.push(json!({
                "date": date.to_string(),
                "start": fmt::time(start),
                "end": fmt::time(end),
                "starts_at": s.starts_at,
                "ends_at": s.ends_at,
                "case_id": view.id,
                "reference": view.reference,
                "kind_label": s.kind_label,
                "location_label": s.location_label,
                "state": s.state,
                "supervisor_id": s.supervisor_id,
                "supervisor": s.supervisor_id.as_ref().and_then(|id| names.get(id)).cloned(),
                "conflict": false,
            }));
        }
    }
    entries.sort_by(|a, b| a["starts_at"].as_str().cmp(&b["starts_at"].as_str()));
    // The same supervisor in two places at once.
    for i in 0..entries.len() {
        for j in (i + 1)..entries.len() {
            let (a, b) = (&entries[i], &entries[j]);
            let same = a["supervisor_id"].is_string() && a["supervisor_id"] == b["supervisor_id"];
            let overlap = a["starts_at"].as_str() < b["ends_at"].as_str()
                && b["starts_at"].as_str() < a["ends_at"].as_str();
            if same && overlap {
                entries[i]["conflict"] = json!(true);
                entries[j]["conflict"] = json!(true);
            }
        }
    }
    let days: Vec<Json> = (0..7)
        .filter_map(|i| monday.checked_add(i.days()).ok())
        .map(|d| {
            let key = d.to_string();
            let items: Vec<&Json> = entries.iter().filter(|e| e["date"] == key).collect();
            json!({ "date": key, "today": d == ui.app.today(), "items": items })
        })
        .collect();
    let staff_options: Vec<Json> = staff
        .iter()
        .map(|u| json!({ "value": u.id, "label": u.name }))
        .collect();
    ui.render(
        &page,
        StatusCode::OK,
        "agenda.html",
        json!({
            "nav": "agenda",
            "days": days,
            "monday": monday.to_string(),
            "sunday": sunday.to_string(),
            "prev": monday.checked_sub(7.days()).map(|d| d.to_string()).unwrap_or_default(),
            "next": monday.checked_add(7.days()).map(|d| d.to_string()).unwrap_or_default(),
            "staff": staff_options,
            "chosen": chosen,
            "count": entries.len(),
            "conflicts": entries.iter().filter(|e| e["conflict"] == json!(true)).count(),
        }),
    )
}
