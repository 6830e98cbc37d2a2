//! Beheer's locations, their rooms and opening hours.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use omgang_app::AppError;
use omgang_app::beheer::{LocationInput, RoomInput, SlotInput};
use omgang_app::policy::{Actor, OrgAction};
use omgang_domain::text::Lang;
use serde_json::{Value as Json, json};

use crate::Ui;
use crate::forms::own_error;
use crate::kit::{Posted, Ui_, done_message, read_error};
use crate::web::{Form, FormState, Page};

use super::{WEEKDAYS, after, may, room_types, weekday_label};

fn location_input(ui: &Ui, form: &Form) -> Result<LocationInput, AppError> {
    let margin = form.get("margin_minutes").trim();
    let margin_minutes = if margin.is_empty() {
        15
    } else {
        margin.parse::<i64>().map_err(|_| {
            AppError::Invalid(vec![own_error(
                &ui.i18n,
                "margin_minutes",
                "err-whole-number",
            )])
        })?
    };
    // One field per other location (`travel_minutes.<id>`); empty: the default 30 minutes.
    let mut travel = std::collections::BTreeMap::new();
    let mut errors = Vec::new();
    for (key, value) in &form.0 {
        let Some(to) = key.strip_prefix("travel_minutes.") else {
            continue;
        };
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match value.parse::<i64>() {
            Ok(m) => {
                travel.insert(to.to_owned(), m);
            }
            Err(_) => errors.push(own_error(&ui.i18n, key, "err-whole-number")),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let shows_travel = form.0.iter().any(|(k, _)| k.starts_with("travel_minutes."));
    Ok(LocationInput {
        name: form.get("name").to_owned(),
        address: form.get("address").to_owned(),
        margin_minutes,
        entrances: form.get("entrances").to_owned(),
        // Only a form that shows the travel times replaces them.
        travel_minutes: shows_travel.then_some(travel),
    })
}

fn location_json(ui: &Ui, lang: Lang, l: &omgang_app::beheer::LocationView) -> Json {
    let rooms: Vec<Json> = l
        .rooms
        .iter()
        .map(|r| json!({ "id": r.id, "name": r.name, "type_label": ui.i18n.t(lang, &format!("bh-room-type-{}", r.room_type)) }))
        .collect();
    let hours: Vec<Json> = l
        .opening_hours
        .iter()
        .map(|h| json!({ "label": format!("{} {}–{}", weekday_label(ui, lang, h.weekday), h.starts, h.ends) }))
        .collect();
    json!({ "id": l.id, "name": l.name, "address": l.address, "margin_minutes": l.margin_minutes,
            "entrances": l.entrances, "rooms": rooms, "opening_hours": hours })
}

async fn render_locations(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    status: StatusCode,
    fs: FormState,
    done: Option<String>,
) -> Response {
    let locations = match ui.app.locations(actor).await {
        Ok(l) => l,
        Err(e) => return read_error(ui, page, e),
    };
    let list: Vec<Json> = locations
        .iter()
        .map(|l| location_json(ui, page.lang, l))
        .collect();
    ui.render(
        page,
        status,
        "beheer_locations.html",
        json!({
            "nav": "beheer",
            "locations": list,
            "may_manage": may(actor, OrgAction::ManageLocations),
            "fs": fs.to_json(page.lang),
            "done": done,
        }),
    )
}

pub async fn locations_page(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let done = done_message(&ui, &page, &raw);
    render_locations(
        &ui,
        &page,
        &actor,
        StatusCode::OK,
        FormState::default(),
        done,
    )
    .await
}

pub async fn add_location(
    State(ui): Ui_,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
    let result = match location_input(&ui, &form) {
        Ok(input) => ui.app.add_location(&actor, &input).await,
        Err(e) => Err(e),
    };
    let to = match &result {
        Ok(l) => format!("/beheer/locaties/{}?klaar=locatie", l.id),
        Err(_) => String::new(),
    };
    after(&ui, &page, "locatie", &form, result, &to, |s, fs| {
        render_locations(&ui, &page, &actor, s, fs, None)
    })
    .await
}

async fn render_location(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    id: &str,
    status: StatusCode,
    fs: FormState,
    done: Option<String>,
) -> Response {
    let locations = match ui.app.locations(actor).await {
        Ok(l) => l,
        Err(e) => return read_error(ui, page, e),
    };
    let Some(l) = locations.iter().find(|l| l.id == id) else {
        return ui.error(page, StatusCode::NOT_FOUND);
    };
    ui.render(
        page,
        status,
        "beheer_location.html",
        json!({
            "nav": "beheer",
            "l": location_json(ui, page.lang, l),
            "defaults": { "name": l.name, "address": l.address, "margin_minutes": l.margin_minutes.to_string(),
                          "entrances": l.entrances.join("\n") },
            // The travel time to each other location (empty: the planner's default).
            "travel": locations.iter().filter(|o| o.id != l.id).map(|o| json!({
                "field": format!("travel_minutes.{}", o.id),
                "name": o.name,
                "value": l.travel_minutes.get(&o.id).map(ToString::to_string).unwrap_or_default(),
            })).collect::<Vec<_>>(),
            "hours": opening_rows(l),
            "days": WEEKDAYS.iter().map(|n| json!({ "value": n.to_string(), "label": weekday_label(ui, page.lang, *n) })).collect::<Vec<_>>(),
            "room_types": room_types(ui, page.lang),
            "may_manage": may(actor, OrgAction::ManageLocations),
            "fs": fs.to_json(page.lang),
            "done": done,
        }),
    )
}

/// The rows of the opening-hours form: the stored hours (or the default ones), then empty
/// rows up to 9.
fn opening_rows(l: &omgang_app::beheer::LocationView) -> Vec<Json> {
    let mut rows: Vec<Json> = l
        .opening_hours
        .iter()
        .map(|s| json!({ "weekday": s.weekday.to_string(), "starts": s.starts, "ends": s.ends }))
        .collect();
    while rows.len() < 9 {
        rows.push(json!({ "weekday": "", "starts": "", "ends": "" }));
    }
    rows
}

/// `POST /beheer/locaties/{id}/openingstijden`
pub async fn save_opening_hours(
    State(ui): Ui_,
    Path(id): Path<String>,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
    let mut rows = Vec::new();
    let windows = (0..20)
        .filter_map(|i| {
            let day = form.get(&format!("windows[{i}].weekday")).trim().to_owned();
            let starts = form.get(&format!("windows[{i}].starts")).trim().to_owned();
            let ends = form.get(&format!("windows[{i}].ends")).trim().to_owned();
            if day.is_empty() && starts.is_empty() && ends.is_empty() {
                return None;
            }
            rows.push(i);
            Some(SlotInput {
                weekday: day.parse().unwrap_or(0),
                starts,
                ends,
            })
        })
        .collect();
    let result = ui
        .app
        .set_location_hours(
            &actor,
            &id,
            &omgang_app::planning::WindowsInput {
                windows,
                school: None,
            },
        )
        .await
        .map_err(|e| match e {
            // Put a field's message back at the row it came from.
            AppError::Invalid(errors) => AppError::Invalid(
                errors
                    .into_iter()
                    .map(|mut e| {
                        if let Some(rest) = e.field.strip_prefix("windows[")
                            && let Some((k, tail)) = rest.split_once(']')
                            && let Some(row) = k.parse::<usize>().ok().and_then(|k| rows.get(k))
                        {
                            e.field = format!("windows[{row}]{tail}");
                        }
                        e
                    })
                    .collect(),
            ),
            other => other,
        });
    let to = format!("/beheer/locaties/{id}?klaar=openingstijden-opgeslagen#openingstijden");
    after(&ui, &page, "openingstijden", &form, result, &to, |s, fs| {
        render_location(&ui, &page, &actor, &id, s, fs, None)
    })
    .await
}

pub async fn location_page(
    State(ui): Ui_,
    page: Page,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let done = done_message(&ui, &page, &raw);
    render_location(
        &ui,
        &page,
        &actor,
        &id,
        StatusCode::OK,
        FormState::default(),
        done,
    )
    .await
}

pub async fn save_location(
    State(ui): Ui_,
    Path(id): Path<String>,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
    let result = match location_input(&ui, &form) {
        Ok(input) => ui.app.update_location(&actor, &id, &input).await,
        Err(e) => Err(e),
    };
    let to = format!("/beheer/locaties/{id}?klaar=locatie-opgeslagen");
    after(&ui, &page, "locatie", &form, result, &to, |s, fs| {
        render_location(&ui, &page, &actor, &id, s, fs, None)
    })
    .await
}

pub async fn add_room(
    State(ui): Ui_,
    Path(id): Path<String>,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
    let input = RoomInput {
        name: form.get("name").to_owned(),
        room_type: form.get("room_type").to_owned(),
    };
    let result = ui.app.add_room(&actor, &id, &input).await;
    let to = format!("/beheer/locaties/{id}?klaar=ruimte#ruimtes");
    after(&ui, &page, "ruimte", &form, result, &to, |s, fs| {
        render_location(&ui, &page, &actor, &id, s, fs, None)
    })
    .await
}
