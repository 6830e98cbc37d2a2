//! *Weekplanning* (issue 13): a coordinator chooses a week, sees what it needs (and drops a
//! request), starts the planner with a time limit, sees the proposal as a grid of days ×
//! rooms and a list per supervisor — arrival and departure with the staggered drop-off and
//! pick-up, what stays unplaced and why, where continuity is lost — and accepts it, all or
//! one by one; a refusal of the case's rules, or warnings to confirm, are shown next to the
//! item. Everything goes through `App` (`omgang_app::planning`): the policy, the audit log
//! and the case rules apply as for the API.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use omgang_app::planning::{
    AcceptInput, AddRequestInput, DropInput, MAX_SECONDS, PlanningRun, RunInput, parse_week, shift,
    week_label,
};
use omgang_app::{Actor, AppError, FieldError};
use serde_json::{Value as Json, json};

use crate::Ui;
use crate::kit::{Posted, failed};
use crate::web::{Form, FormState, Page, see_other};

fn page_url(week: &str, run: Option<&str>) -> String {
    crate::lists::list_href(
        "/weekplanning",
        &[
            ("week", Some(week.to_owned())),
            ("run", run.map(str::to_owned)),
        ],
    )
}

fn status_text(ui: &Ui, page: &Page, item: &Json) -> Json {
    let status = item["status"].as_str().unwrap_or("");
    let message = match page.lang {
        omgang_domain::Lang::Nl => item["message_nl"].clone(),
        omgang_domain::Lang::En => item["message_en"].clone(),
    };
    let warnings: Vec<Json> = item["warnings"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|w| {
            json!({
                "code": w["code"],
                "text": match page.lang {
                    omgang_domain::Lang::Nl => w["text_nl"].clone(),
                    omgang_domain::Lang::En => w["text_en"].clone(),
                },
                "needs_reason": w["needs_reason"],
            })
        })
        .collect();
    let codes: Vec<String> = warnings
        .iter()
        .filter_map(|w| w["code"].as_str().map(str::to_owned))
        .collect();
    json!({
        "status": status,
        "label": ui.i18n.t(page.lang, &format!("wp-status-{status}")),
        "message": message,
        "warnings": warnings,
        "codes": codes.join(","),
        "needs_reason": item["warnings"].as_array().is_some_and(|w| w.iter().any(|x| x["needs_reason"] == json!(true))),
    })
}

/// The proposal as the page shows it: per day the placements of each room, and per
/// supervisor.
fn run_context(ui: &Ui, page: &Page, run: &PlanningRun, location: Option<&str>) -> Json {
    let shown = |location_id: &str| location.is_none_or(|l| l == location_id);
    let rooms: Vec<_> = run.rooms.iter().filter(|r| shown(&r.location_id)).collect();
    let mut locations: Vec<Json> = Vec::new();
    for r in &run.rooms {
        if !locations.iter().any(|l| l["value"] == json!(r.location_id)) {
            locations.push(json!({ "value": r.location_id, "label": r.location_name }));
        }
    }
    let placements: Vec<Json> = run
        .placements
        .iter()
        .filter(|p| shown(&p.location_id))
        .map(|p| {
            let mut v = serde_json::to_value(p).unwrap_or(Json::Null);
            let hm = |s: &str| s.get(11..16).unwrap_or("").to_owned();
            v["start"] = json!(hm(&p.starts_at));
            v["end"] = json!(hm(&p.ends_at));
            v["result"] = p
                .accepted
                .as_ref()
                .map(|a| status_text(ui, page, &serde_json::to_value(a).unwrap_or(Json::Null)))
                .unwrap_or(Json::Null);
            v
        })
        .collect();
    let rows: Vec<Json> = run
        .days
        .iter()
        .map(|day| {
            let cells: Vec<Json> = rooms
                .iter()
                .map(|room| {
                    let items: Vec<&Json> = placements
                        .iter()
                        .filter(|p| p["date"] == json!(day) && p["room_id"] == json!(room.id))
                        .collect();
                    json!({ "items": items })
                })
                .collect();
            json!({ "date": day, "cells": cells })
        })
        .collect();
    let by_supervisor: Vec<Json> = run
        .supervisors
        .iter()
        .filter_map(|s| {
            let items: Vec<&Json> = placements
                .iter()
                .filter(|p| p["supervisor_id"] == json!(s.id))
                .collect();
            (!items.is_empty()).then(
                || json!({ "id": s.id, "name": s.name, "volunteer": s.volunteer, "items": items }),
            )
        })
        .collect();
    let open = placements
        .iter()
        .filter(|p| p["fixed"] == json!(false) && p["accepted"]["status"] != json!("planned"))
        .count();
    json!({
        "id": run.id,
        "created_at": run.created_at,
        "seconds": run.seconds,
        "requests": run.requests,
        "placed": run.placed,
        "hard_violations": run.hard_violations,
        "continuity_lost": run.continuity_lost,
        "rooms": rooms,
        "locations": locations,
        "location": location,
        "rows": rows,
        "by_supervisor": by_supervisor,
        "placements": placements,
        "unplaced": run.unplaced,
        "open": open,
    })
}

async fn render(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    (week, run_id, location): (&str, Option<&str>, Option<&str>),
    status: StatusCode,
    fs: FormState,
) -> Response {
    let Some(monday) = parse_week(week) else {
        let fs = FormState {
            form: "week".into(),
            values: json!({ "week": week }),
            errors: vec![FieldError::new(
                "week",
                "Geef de week als 2026-W11 (jaar en weeknummer).",
                "Give the week as 2026-W11 (year and week number).",
            )],
            alert: None,
        };
        let today = ui.app.today();
        return Box::pin(render(
            ui,
            page,
            actor,
            (&week_label(today), None, None),
            StatusCode::UNPROCESSABLE_ENTITY,
            fs,
        ))
        .await;
    };
    let label = week_label(monday);
    let requests = match ui.app.planning_requests(actor, &label).await {
        Ok(r) => r,
        Err(AppError::Forbidden) => return ui.error(page, StatusCode::FORBIDDEN),
        Err(AppError::NotFound) => return ui.error(page, StatusCode::NOT_FOUND),
        Err(_) => return ui.error(page, StatusCode::INTERNAL_SERVER_ERROR),
    };
    let run_id = run_id.map(str::to_owned).or(requests.latest_run.clone());
    let run = match &run_id {
        Some(id) => match ui.app.planning_run(actor, &label, id).await {
            Ok(r) => Some(run_context(ui, page, &r, location)),
            Err(AppError::NotFound) => None,
            Err(AppError::Forbidden) => return ui.error(page, StatusCode::FORBIDDEN),
            Err(_) => return ui.error(page, StatusCode::INTERNAL_SERVER_ERROR),
        },
        None => None,
    };
    let weekday = |n: u8| ui.i18n.t(page.lang, &format!("bh-weekday-{n}"));
    let reqs: Vec<Json> = requests
        .requests
        .iter()
        .map(|r| {
            let windows: Vec<String> = r
                .windows
                .iter()
                .map(|w| format!("{} {}–{}", weekday(w.weekday), w.starts, w.ends))
                .collect();
            let mut v = serde_json::to_value(r).unwrap_or(Json::Null);
            v["windows_text"] = json!(windows.join(", "));
            v["preferred_text"] = json!(r.preferred_start.as_deref().and_then(|p| {
                let d: jiff::civil::DateTime = p.parse().ok()?;
                Some(format!(
                    "{} {}",
                    weekday(d.date().weekday().to_monday_one_offset().unsigned_abs()),
                    d.strftime("%H:%M")
                ))
            }));
            v["fixed_text"] = json!(r.fixed.as_ref().and_then(|f| {
                let d: jiff::civil::DateTime = f.starts_at.parse().ok()?;
                Some(format!(
                    "{} {}",
                    weekday(d.date().weekday().to_monday_one_offset().unsigned_abs()),
                    d.strftime("%H:%M")
                ))
            }));
            v
        })
        .collect();
    let active = reqs.iter().filter(|r| r["dropped"] == json!(false)).count();
    let addable: Vec<Json> = requests
        .addable
        .iter()
        .flat_map(|c| {
            c.kinds.iter().map(move |k| {
                json!({
                    "value": format!("{}|{}", c.case_id, k.kind),
                    "label": format!("{} · {} ({} min)", c.case_reference, k.label, k.minutes),
                })
            })
        })
        .collect();
    ui.render(
        page,
        status,
        "planning.html",
        json!({
            "nav": "planning",
            "week": label,
            "monday": monday.to_string(),
            "sunday": shift(monday, 6).to_string(),
            "prev": week_label(shift(monday, -7)),
            "next": week_label(shift(monday, 7)),
            "this": week_label(ui.app.today()),
            "requests": reqs,
            "active": active,
            "addable": addable,
            "run": run,
            "max_seconds": MAX_SECONDS,
            // The run form's ticket: the page follows the planner's progress by it.
            "ticket": omgang_app::new_id(),
            "fs": fs.to_json(page.lang),
        }),
    )
}

/// `GET /weekplanning/voortgang/{ticket}`: the run's progress as JSON, for the page's script
/// while the run form waits (the same answer as the API's).
pub async fn progress(
    State(ui): State<Arc<Ui>>,
    page: Page,
    Path(ticket): Path<String>,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    match ui.app.planning_progress(&actor, &ticket).await {
        Ok(p) => axum::Json(p).into_response(),
        Err(AppError::Forbidden) => StatusCode::FORBIDDEN.into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `GET /weekplanning?week=YYYY-Www[&run=…][&locatie=…]` (the grid of one location)
pub async fn page(State(ui): State<Arc<Ui>>, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let q = Form::parse(raw.as_deref().unwrap_or("").as_bytes());
    let week = q.opt("week").unwrap_or_else(|| {
        // Next week by default: the week a coordinator plans.
        week_label(shift(ui.app.today(), 7))
    });
    let run = q.opt("run");
    let location = q.opt("locatie");
    render(
        &ui,
        &page,
        &actor,
        (&week, run.as_deref(), location.as_deref()),
        StatusCode::OK,
        FormState::default(),
    )
    .await
}

async fn after_post(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    (week, run): (&str, Option<&str>),
    form_name: &str,
    form: &Form,
    error: AppError,
) -> Response {
    match failed(ui, page, form_name, form, error) {
        Ok((status, fs)) => render(ui, page, actor, (week, run, None), status, fs).await,
        Err(r) => *r,
    }
}

/// `POST /weekplanning/{week}/verzoeken/{request}`: drop (or take back) a request.
pub async fn drop_request(
    State(ui): State<Arc<Ui>>,
    Path((week, request)): Path<(String, String)>,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
    let input = DropInput {
        dropped: form.get("dropped") == "true",
    };
    match ui
        .app
        .set_request_dropped(&actor, &week, &request, &input)
        .await
    {
        Ok(_) => see_other(&page_url(&week, form.opt("run").as_deref())),
        Err(e) => after_post(&ui, &page, &actor, (&week, None), "drop", &form, e).await,
    }
}

/// `POST /weekplanning/{week}/verzoeken`: add a request (`request` = `case id|kind`).
pub async fn add_request(
    State(ui): State<Arc<Ui>>,
    Path(week): Path<String>,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
    let chosen = form.get("request").to_owned();
    let minutes = form.get("minutes").trim().to_owned();
    let result = match (chosen.split_once('|'), minutes.parse::<u32>()) {
        (None, _) => Err(AppError::Invalid(vec![FieldError::new(
            "request",
            "Kies een dossier en een soort afspraak.",
            "Choose a case and a kind of session.",
        )])),
        (Some(_), Err(_)) if !minutes.is_empty() => Err(AppError::Invalid(vec![FieldError::new(
            "minutes",
            "Geef de duur in hele minuten.",
            "Give the length in whole minutes.",
        )])),
        (Some((case_id, kind)), parsed) => ui
            .app
            .add_planning_request(
                &actor,
                &week,
                &AddRequestInput {
                    case_id: case_id.to_owned(),
                    kind: kind.to_owned(),
                    minutes: parsed.ok(),
                },
            )
            .await
            .map_err(|e| match e {
                // The case and the kind are one choice on the page.
                AppError::Invalid(errors) => AppError::Invalid(
                    errors
                        .into_iter()
                        .map(|mut e| {
                            if e.field == "case_id" || e.field == "kind" {
                                e.field = "request".into();
                            }
                            e
                        })
                        .collect(),
                ),
                other => other,
            }),
    };
    match result {
        Ok(_) => see_other(&page_url(&week, None)),
        Err(e) => after_post(&ui, &page, &actor, (&week, None), "add", &form, e).await,
    }
}

/// `POST /weekplanning/{week}/runs`: run the planner (a few seconds), then show its proposal.
pub async fn run(
    State(ui): State<Arc<Ui>>,
    Path(week): Path<String>,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
    let seconds = form.get("seconds").trim().to_owned();
    let parsed = if seconds.is_empty() {
        Ok(None)
    } else {
        seconds.parse::<u32>().map(Some).map_err(|_| {
            AppError::invalid(
                "seconds",
                &format!("Geef de rekentijd in hele seconden (1 tot {MAX_SECONDS})."),
                &format!("Give the time limit in whole seconds (1 to {MAX_SECONDS})."),
            )
        })
    };
    let result = match parsed {
        Ok(s) => {
            ui.app
                .run_planner(
                    &actor,
                    &week,
                    &RunInput {
                        seconds: s,
                        ticket: form.opt("ticket"),
                    },
                )
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(r) => see_other(&page_url(&r.week, Some(&r.id))),
        Err(e) => after_post(&ui, &page, &actor, (&week, None), "run", &form, e).await,
    }
}

/// `POST /weekplanning/{week}/runs/{run}/accepteren`: accept every placement, or the one in
/// `request` (with `confirm` codes and a `reason` for warnings).
pub async fn accept(
    State(ui): State<Arc<Ui>>,
    Path((week, run)): Path<(String, String)>,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
    let input = AcceptInput {
        requests: form.opt("request").map(|r| vec![r]),
        confirm: form
            .get("confirm")
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect(),
        reason: form.opt("reason"),
    };
    match ui
        .app
        .accept_planning_run(&actor, &week, &run, &input)
        .await
    {
        Ok(_) => {
            let anchor = form
                .opt("request")
                .map(|r| {
                    format!(
                        "#p-{}",
                        form_urlencoded::byte_serialize(r.as_bytes()).collect::<String>()
                    )
                })
                .unwrap_or_default();
            see_other(&format!("{}{anchor}", page_url(&week, Some(&run))))
        }
        Err(e) => after_post(&ui, &page, &actor, (&week, Some(&run)), "accept", &form, e).await,
    }
}
