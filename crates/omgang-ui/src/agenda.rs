//! *Agenda*: a week of sessions, per supervisor, location or room, with double bookings
//! marked, from `App::agenda` (which decides what the person may see and logs each case).

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::ToSpan;
use jiff::civil::Date;
use omgang_app::AppError;
use omgang_app::agenda::AgendaQuery;
use serde_json::{Value as Json, json};

use crate::web::{Form, Page};
use crate::{Ui, fmt};

fn monday_of(d: Date) -> Date {
    let back = i64::from(d.weekday().to_monday_zero_offset());
    d.checked_sub(back.days()).unwrap_or(d)
}

pub async fn agenda(State(ui): State<Arc<Ui>>, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let q = Form::parse(raw.as_deref().unwrap_or("").as_bytes());
    let week_of = q
        .get("week")
        .parse::<Date>()
        .unwrap_or_else(|_| ui.app.today());
    let monday = monday_of(week_of);
    let sunday = monday.checked_add(6.days()).unwrap_or(monday);
    let chosen = q.opt("begeleider");

    let staff = ui.app.supervisors(&actor).await.unwrap_or_default();
    let query = AgendaQuery {
        from: Some(monday.to_string()),
        to: Some(sunday.to_string()),
        supervisor: chosen.clone(),
        location: q.opt("locatie"),
        room: q.opt("ruimte"),
    };
    let found = match ui.app.agenda(&actor, &query).await {
        Ok(found) => found,
        Err(AppError::Forbidden) => return ui.error(&page, StatusCode::FORBIDDEN),
        Err(_) => return ui.error(&page, StatusCode::INTERNAL_SERVER_ERROR),
    };
    let entries: Vec<Json> = found
        .iter()
        .filter(|e| e.state != "cancelled")
        .filter_map(|e| {
            let (date, start) = fmt::parse(&e.starts_at)?;
            let end = fmt::parse(&e.ends_at).and_then(|(_, t)| t);
            Some(json!({
                "date": date.to_string(),
                "start": start.map(fmt::time),
                "end": end.map(fmt::time),
                "starts_at": e.starts_at,
                "ends_at": e.ends_at,
                "case_id": e.case_id,
                "reference": e.case_reference,
                "kind_label": e.kind_label,
                "location_label": e.place_label,
                "state": e.state,
                "supervisor_id": e.supervisor_id,
                "supervisor": e.supervisor_name,
                "conflict": e.conflict,
            }))
        })
        .collect();
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
