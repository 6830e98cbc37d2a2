//! Beheer's supervisors and volunteers: VOG, training, weekly availability.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use omgang_app::Role;
use omgang_app::beheer::{SlotInput, StaffFactsInput};
use omgang_app::policy::{Actor, OrgAction};
use omgang_domain::text::Lang;
use serde_json::{Value as Json, json};

use crate::Ui;
use crate::kit::{Posted, Ui_, done_message, read_error};
use crate::web::{FormState, Page};

use super::{WEEKDAYS, after, may, weekday_label};

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
    Path(id): Path<String>,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
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
