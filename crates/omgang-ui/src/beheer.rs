//! The administration pages (*Beheer*): users and roles, supervisors and volunteers (VOG,
//! training, weekly availability), locations and rooms, programme definitions. Every page
//! reads and writes through `App` methods (`admin.rs`, `beheer.rs` of omgang-app), which ask
//! the policy; a page only asks the policy what to offer (never what to allow).

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use omgang_app::admin::UserInput;
use omgang_app::beheer::{LocationInput, RoomInput, SlotInput, StaffFactsInput, UserChangeInput};
use omgang_app::policy::{self, Actor, OrgAction};
use omgang_app::{AppError, Role};
use omgang_domain::text::Lang;
use serde_json::{Value as Json, json};

use crate::Ui;
use crate::forms::own_error;
use crate::pages::{Ui_, csrf_refused, done_message, enum_name, failed, read_error};
use crate::web::{Form, FormState, Page, see_other};

const WEEKDAYS: [u8; 7] = [1, 2, 3, 4, 5, 6, 7];

fn may(actor: &Actor, action: OrgAction) -> bool {
    policy::may_org(actor, &actor.org_id, action)
}

fn role_options(lang: Lang) -> Vec<Json> {
    Role::ALL
        .iter()
        .map(|r| json!({ "value": r.as_str(), "label": r.label(lang) }))
        .collect()
}

fn room_types(ui: &Ui, lang: Lang) -> Vec<Json> {
    omgang_app::beheer::ROOM_TYPES
        .iter()
        .map(|t| json!({ "value": t, "label": ui.i18n.t(lang, &format!("bh-room-type-{t}")) }))
        .collect()
}

fn weekday_label(ui: &Ui, lang: Lang, n: u8) -> String {
    ui.i18n.t(lang, &format!("bh-weekday-{n}"))
}

/// The result of a POST: on success a redirect with a "done" banner, else the page again.
async fn after<T, F, Fut>(
    ui: &Ui,
    page: &Page,
    form_name: &str,
    form: &Form,
    result: Result<T, AppError>,
    to: &str,
    again: F,
) -> Response
where
    F: FnOnce(StatusCode, FormState) -> Fut,
    Fut: std::future::Future<Output = Response>,
{
    match result {
        Ok(_) => see_other(to),
        Err(e) => match failed(ui, page, form_name, form, e) {
            Ok((status, mut fs)) => {
                if let Some(v) = fs.values.as_object_mut() {
                    v.remove("password");
                }
                again(status, fs).await
            }
            Err(r) => *r,
        },
    }
}

// ---- overview ------------------------------------------------------------------------------

pub async fn overview(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let done = done_message(&ui, &page, &raw);
    render_overview(
        &ui,
        &page,
        &actor,
        StatusCode::OK,
        FormState::default(),
        done,
    )
    .await
}

/// Beheer's start page: the parts with their counts, and the logo on the documents.
pub(crate) async fn render_overview(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    status: StatusCode,
    fs: FormState,
    done: Option<String>,
) -> Response {
    // Reading the users is what every part of Beheer needs: the policy answers here.
    let users = match ui.app.users(actor).await {
        Ok(u) => u,
        Err(e) => return read_error(ui, page, e),
    };
    let staff = ui.app.staff(actor).await.unwrap_or_default();
    let locations = ui.app.locations(actor).await.unwrap_or_default();
    let warnings: usize = staff.iter().map(|s| s.warnings.len()).sum();
    let may_letterhead = may(actor, OrgAction::ManageLetterhead);
    let has_logo = may_letterhead
        && ui
            .app
            .logo(actor.org_id.as_str())
            .await
            .ok()
            .flatten()
            .is_some();
    ui.render(
        page,
        status,
        "beheer.html",
        json!({
            "nav": "beheer",
            "counts": {
                "users": users.len(),
                "staff": staff.len(),
                "warnings": warnings,
                "locations": locations.len(),
                "programmes": ui.app.all_programmes().len(),
            },
            "may_users": may(actor, OrgAction::ManageUsers),
            "may_programmes": may(actor, OrgAction::ManageProgrammes),
            "may_letterhead": may_letterhead,
            "has_logo": has_logo,
            "fs": fs.to_json(page.lang),
            "done": done,
        }),
    )
}

// ---- users ---------------------------------------------------------------------------------

async fn render_users(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    status: StatusCode,
    fs: FormState,
    done: Option<String>,
) -> Response {
    let lang = page.lang;
    let users = match ui.app.users(actor).await {
        Ok(u) => u,
        Err(e) => return read_error(ui, page, e),
    };
    let users: Vec<Json> = users
        .iter()
        .map(|u| {
            let label = Role::parse(&u.role).map_or(u.role.as_str(), |r| r.label(lang));
            json!({ "id": u.id, "name": u.name, "email": u.email, "role_label": label, "active": u.active,
                    "me": u.id == actor.user_id.as_str() })
        })
        .collect();
    ui.render(
        page,
        status,
        "beheer_users.html",
        json!({
            "nav": "beheer",
            "users": users,
            "roles": role_options(lang),
            "may_manage": may(actor, OrgAction::ManageUsers),
            "fs": fs.to_json(lang),
            "done": done,
        }),
    )
}

pub async fn users_page(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let done = done_message(&ui, &page, &raw);
    render_users(
        &ui,
        &page,
        &actor,
        StatusCode::OK,
        FormState::default(),
        done,
    )
    .await
}

pub async fn add_user(State(ui): Ui_, page: Page, body: Bytes) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let form = Form::parse(&body);
    if !page.csrf_ok(&form) {
        return csrf_refused(&ui, &page);
    }
    let input = UserInput {
        email: form.get("email").trim().to_owned(),
        name: form.get("name").to_owned(),
        role: form.get("role").to_owned(),
        password: form.get("password").to_owned(),
        organisation_id: None,
        vog_issued_on: form.opt("vog_issued_on"),
        training_completed_on: form.opt("training_completed_on"),
        lang: form.opt("lang"),
    };
    let result = ui.app.add_user(&actor, &input).await;
    after(
        &ui,
        &page,
        "gebruiker",
        &form,
        result,
        "/beheer/gebruikers?klaar=gebruiker",
        |s, fs| render_users(&ui, &page, &actor, s, fs, None),
    )
    .await
}

async fn render_user(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    id: &str,
    status: StatusCode,
    fs: FormState,
) -> Response {
    let users = match ui.app.users(actor).await {
        Ok(u) => u,
        Err(e) => return read_error(ui, page, e),
    };
    let Some(user) = users.into_iter().find(|u| u.id == id) else {
        return ui.error(page, StatusCode::NOT_FOUND);
    };
    ui.render(
        page,
        status,
        "beheer_user.html",
        json!({
            "nav": "beheer",
            "u": user,
            "defaults": { "name": user.name, "role": user.role, "active": if user.active { "on" } else { "" } },
            "roles": role_options(page.lang),
            "may_manage": may(actor, OrgAction::ManageUsers),
            "me": user.id == actor.user_id.as_str(),
            "fs": fs.to_json(page.lang),
        }),
    )
}

pub async fn user_page(State(ui): Ui_, page: Page, Path(id): Path<String>) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    render_user(
        &ui,
        &page,
        &actor,
        &id,
        StatusCode::OK,
        FormState::default(),
    )
    .await
}

pub async fn change_user(
    State(ui): Ui_,
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let form = Form::parse(&body);
    if !page.csrf_ok(&form) {
        return csrf_refused(&ui, &page);
    }
    let input = UserChangeInput {
        name: form.get("name").to_owned(),
        role: form.get("role").to_owned(),
        active: form.checked("active"),
    };
    let result = ui.app.change_user(&actor, &id, &input).await;
    after(
        &ui,
        &page,
        "wijzig",
        &form,
        result,
        "/beheer/gebruikers?klaar=gebruiker-gewijzigd",
        |s, fs| render_user(&ui, &page, &actor, &id, s, fs),
    )
    .await
}

// ---- supervisors and volunteers ------------------------------------------------------------

fn slot_text(ui: &Ui, lang: Lang, slots: &[SlotInput]) -> Vec<String> {
    slots
        .iter()
        .map(|s| {
            format!(
                "{} {}–{}",
                weekday_label(ui, lang, s.weekday),
                s.starts,
                s.ends
            )
        })
        .collect()
}

pub async fn staff_page(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let lang = page.lang;
    let staff = match ui.app.staff(&actor).await {
        Ok(s) => s,
        Err(e) => return read_error(&ui, &page, e),
    };
    let rows: Vec<Json> = staff
        .iter()
        .map(|s| {
            json!({
                "id": s.user.id, "name": s.user.name, "active": s.user.active,
                "role_label": Role::parse(&s.user.role).map_or("", |r| r.label(lang)),
                "vog_issued_on": s.user.vog_issued_on, "vog_valid_until": s.vog_valid_until,
                "training_completed_on": s.user.training_completed_on,
                "availability": slot_text(&ui, lang, &s.availability),
                "warnings": s.warnings,
            })
        })
        .collect();
    ui.render(
        &page,
        StatusCode::OK,
        "beheer_staff.html",
        json!({
            "nav": "beheer",
            "staff": rows,
            "may_manage": may(&actor, OrgAction::ManageStaff),
            "done": done_message(&ui, &page, &raw),
        }),
    )
}

async fn render_staff_member(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    id: &str,
    status: StatusCode,
    fs: FormState,
) -> Response {
    let staff = match ui.app.staff(actor).await {
        Ok(s) => s,
        Err(e) => return read_error(ui, page, e),
    };
    let Some(member) = staff.into_iter().find(|s| s.user.id == id) else {
        return ui.error(page, StatusCode::NOT_FOUND);
    };
    let mut defaults = json!({
        "vog_issued_on": member.user.vog_issued_on,
        "training_completed_on": member.user.training_completed_on,
        "weekly_minutes": if member.weekly_minutes_default { String::new() } else { member.weekly_minutes.to_string() },
    });
    for s in &member.availability {
        defaults[format!("availability[{}].starts", s.weekday)] = json!(s.starts);
        defaults[format!("availability[{}].ends", s.weekday)] = json!(s.ends);
    }
    let days: Vec<Json> = WEEKDAYS
        .iter()
        .map(|n| json!({ "n": n, "label": weekday_label(ui, page.lang, *n) }))
        .collect();
    ui.render(
        page,
        status,
        "beheer_staff_member.html",
        json!({
            "nav": "beheer",
            "member": member,
            "role_label": Role::parse(&member.user.role).map_or("", |r| r.label(page.lang)),
            "defaults": defaults,
            "days": days,
            "may_manage": may(actor, OrgAction::ManageStaff),
            "fs": fs.to_json(page.lang),
        }),
    )
}

pub async fn staff_member_page(State(ui): Ui_, page: Page, Path(id): Path<String>) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    render_staff_member(
        &ui,
        &page,
        &actor,
        &id,
        StatusCode::OK,
        FormState::default(),
    )
    .await
}

pub async fn save_staff_member(
    State(ui): Ui_,
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let form = Form::parse(&body);
    if !page.csrf_ok(&form) {
        return csrf_refused(&ui, &page);
    }
    let availability = WEEKDAYS
        .iter()
        .filter_map(|n| {
            let starts = form
                .get(&format!("availability[{n}].starts"))
                .trim()
                .to_owned();
            let ends = form
                .get(&format!("availability[{n}].ends"))
                .trim()
                .to_owned();
            (!starts.is_empty() || !ends.is_empty()).then_some(SlotInput {
                weekday: *n,
                starts,
                ends,
            })
        })
        .collect();
    let input = StaffFactsInput {
        vog_issued_on: form.opt("vog_issued_on"),
        training_completed_on: form.opt("training_completed_on"),
        availability,
        // Not a number: out of range, so the rules name the field.
        weekly_minutes: form.opt("weekly_minutes").map(|m| m.parse().unwrap_or(0)),
    };
    let result = ui.app.set_staff_facts(&actor, &id, &input).await;
    after(
        &ui,
        &page,
        "begeleider",
        &form,
        result,
        "/beheer/begeleiders?klaar=begeleider-opgeslagen",
        |s, fs| render_staff_member(&ui, &page, &actor, &id, s, fs),
    )
    .await
}

// ---- locations and rooms -------------------------------------------------------------------

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

pub async fn add_location(State(ui): Ui_, page: Page, body: Bytes) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let form = Form::parse(&body);
    if !page.csrf_ok(&form) {
        return csrf_refused(&ui, &page);
    }
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
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let form = Form::parse(&body);
    if !page.csrf_ok(&form) {
        return csrf_refused(&ui, &page);
    }
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
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let form = Form::parse(&body);
    if !page.csrf_ok(&form) {
        return csrf_refused(&ui, &page);
    }
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

pub async fn add_room(State(ui): Ui_, page: Page, Path(id): Path<String>, body: Bytes) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let form = Form::parse(&body);
    if !page.csrf_ok(&form) {
        return csrf_refused(&ui, &page);
    }
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

// ---- programmes ----------------------------------------------------------------------------

/// A problem of an uploaded definition: file, field, reason.
fn problems(errors: &[omgang_app::FieldError], file: &str, lang: Lang) -> Vec<Json> {
    errors
        .iter()
        .map(|e| json!({ "file": file, "field": e.field, "reason": e.message(lang) }))
        .collect()
}

async fn render_programmes(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    status: StatusCode,
    fs: FormState,
    extra: Json,
) -> Response {
    let lang = page.lang;
    let settings = ui
        .app
        .public_programme_settings(actor)
        .await
        .unwrap_or_default();
    let list: Vec<Json> = ui
        .app
        .programmes_view(actor)
        .await
        .iter()
        .map(|p| {
            let open = settings.iter().find(|s| s.programme_id == p.id).map(|s| s.open);
            json!({ "id": p.id, "name": p.name, "summary": p.summary, "built_in": p.built_in, "open": open })
        })
        .collect();
    let mut ctx = json!({
        "nav": "beheer",
        "programmes": list,
        "may_manage": may(actor, OrgAction::ManageProgrammes),
        "fs": fs.to_json(lang),
    });
    if let (Some(c), Json::Object(e)) = (ctx.as_object_mut(), extra) {
        c.extend(e);
    }
    ui.render(page, status, "beheer_programmes.html", ctx)
}

pub async fn programmes_page(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    if !may(&actor, OrgAction::ReadUsers) {
        return ui.error(&page, StatusCode::FORBIDDEN);
    }
    let done = done_message(&ui, &page, &raw);
    render_programmes(
        &ui,
        &page,
        &actor,
        StatusCode::OK,
        FormState::default(),
        json!({ "done": done }),
    )
    .await
}

pub async fn upload_programme(State(ui): Ui_, page: Page, body: Bytes) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let form = Form::parse(&body);
    if !page.csrf_ok(&form) {
        return csrf_refused(&ui, &page);
    }
    let source = form.get("source").to_owned();
    let file = form.opt("filename").unwrap_or_else(|| "definitie".into());
    let only_check = form.get("action") == "check";
    if source.trim().is_empty() {
        let fs = FormState {
            form: "traject".into(),
            values: form.values(),
            errors: vec![own_error(&ui.i18n, "source", "bh-programme-empty")],
            alert: Some(ui.i18n.t(page.lang, "alert-invalid")),
        };
        return render_programmes(
            &ui,
            &page,
            &actor,
            StatusCode::UNPROCESSABLE_ENTITY,
            fs,
            json!({}),
        )
        .await;
    }
    let result = if only_check {
        if !may(&actor, OrgAction::ManageProgrammes) {
            Err(AppError::Forbidden)
        } else {
            ui.app.check_programme(&source).map(|p| p.id)
        }
    } else {
        ui.app
            .add_programme(
                &actor,
                &omgang_app::admin::ProgrammeInput {
                    source: source.clone(),
                },
            )
            .await
            .map(|p| p.id)
    };
    match result {
        Ok(id) if only_check => {
            let fs = FormState {
                form: "traject".into(),
                values: form.values(),
                ..FormState::default()
            };
            let ok = ui.i18n.t_args(
                page.lang,
                "bh-programme-check-ok",
                Some(&fluent_args(&[("id", &id)])),
            );
            render_programmes(
                &ui,
                &page,
                &actor,
                StatusCode::OK,
                fs,
                json!({ "done": ok }),
            )
            .await
        }
        Ok(id) => see_other(&format!("/beheer/trajecten/{id}?klaar=traject")),
        Err(AppError::Invalid(errors)) => {
            let list = problems(&errors, &file, page.lang);
            let fs = FormState {
                form: "traject".into(),
                values: form.values(),
                errors: vec![omgang_app::FieldError::new(
                    "source",
                    ui.i18n.t_args(
                        Lang::Nl,
                        "bh-programme-problems",
                        Some(&fluent_args(&[("count", &errors.len().to_string())])),
                    ),
                    ui.i18n.t_args(
                        Lang::En,
                        "bh-programme-problems",
                        Some(&fluent_args(&[("count", &errors.len().to_string())])),
                    ),
                )],
                alert: Some(ui.i18n.t(page.lang, "bh-programme-invalid")),
            };
            render_programmes(
                &ui,
                &page,
                &actor,
                StatusCode::UNPROCESSABLE_ENTITY,
                fs,
                json!({ "problems": list }),
            )
            .await
        }
        Err(e) => match failed(&ui, &page, "traject", &form, e) {
            Ok((status, fs)) => render_programmes(&ui, &page, &actor, status, fs, json!({})).await,
            Err(r) => *r,
        },
    }
}

fn fluent_args<'a>(pairs: &[(&'a str, &'a str)]) -> fluent_bundle::FluentArgs<'a> {
    let mut args = fluent_bundle::FluentArgs::new();
    for (k, v) in pairs {
        match v.parse::<i64>() {
            Ok(n) => args.set(*k, n),
            Err(_) => args.set(*k, v.to_string()),
        }
    }
    args
}

pub async fn programme_page(
    State(ui): Ui_,
    page: Page,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    if !may(&actor, OrgAction::ReadUsers) {
        return ui.error(&page, StatusCode::FORBIDDEN);
    }
    let Some(p) = ui.app.programme(&id) else {
        return ui.error(&page, StatusCode::NOT_FOUND);
    };
    let lang = page.lang;
    let kinds: Vec<Json> = p
        .session_kinds
        .iter()
        .map(|k| {
            json!({
                "label": k.kind.label().get(lang), "max_minutes": k.max_minutes,
                "max_count": k.max_count, "target_count": k.target_count,
                "lead": enum_name(&k.led_by),
                "requires_signed_plan": k.requires_signed_plan, "needs_report": k.needs_report,
            })
        })
        .collect();
    let phases: Vec<Json> = p
        .phases
        .iter()
        .map(|ph| {
            json!({
                "name": ph.name.get(lang),
                "kinds": ph.session_kinds.iter().map(|k| k.label().get(lang).to_owned()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let built_in = ui
        .app
        .programmes_view(&actor)
        .await
        .iter()
        .any(|v| v.id == p.id && v.built_in);
    ui.render(
        &page,
        StatusCode::OK,
        "beheer_programme.html",
        json!({
            "nav": "beheer",
            "p": {
                "id": p.id, "name": p.name.get(lang), "summary": p.summary.get(lang), "provider": p.provider,
                "ages": format!("{}–{}", p.eligibility.child_age_min, p.eligibility.child_age_max),
                "entry_routes": p.eligibility.entry_routes.iter().map(|r| r.label().get(lang).to_owned()).collect::<Vec<_>>(),
                "document": p.plan.document.label().get(lang),
                "max_months": p.duration.max_months, "target_months": p.duration.target_months,
                "locations": p.locations.allowed.iter().map(|l| l.label().get(lang).to_owned()).collect::<Vec<_>>(),
                "volunteers": p.supervision.volunteers_allowed,
                "vog_months": p.supervision.vog_valid_months,
                "same_supervisor": p.supervision.same_supervisor,
            },
            "built_in": built_in,
            "kinds": kinds,
            "phases": phases,
            "done": done_message(&ui, &page, &raw),
        }),
    )
}

pub async fn set_public(
    State(ui): Ui_,
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let form = Form::parse(&body);
    if !page.csrf_ok(&form) {
        return csrf_refused(&ui, &page);
    }
    let open = form.get("open") == "yes";
    match ui.app.set_public_programme(&actor, &id, open).await {
        Ok(()) => see_other(&format!(
            "/beheer/trajecten?klaar={}",
            if open {
                "traject-open"
            } else {
                "traject-dicht"
            }
        )),
        Err(e) => match failed(&ui, &page, "openbaar", &form, e) {
            Ok((status, fs)) => render_programmes(&ui, &page, &actor, status, fs, json!({})).await,
            Err(r) => *r,
        },
    }
}

// ---- warnings on the planning form ---------------------------------------------------------

/// The rooms of the organisation's locations, for the planning form ("location|room").
pub async fn room_options(ui: &Ui, actor: &Actor) -> Vec<Json> {
    let lang = actor.lang;
    ui.app
        .rooms_by_location(actor)
        .await
        .unwrap_or_default()
        .iter()
        .flat_map(|l| {
            l.rooms.iter().map(move |r| {
                json!({
                    "value": format!("{}|{}", l.id, r.id),
                    "label": format!("{} — {} ({})", l.name, r.name, ui.i18n.t(lang, &format!("bh-room-type-{}", r.room_type))),
                })
            })
        })
        .collect()
}
