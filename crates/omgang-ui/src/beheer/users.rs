//! Beheer's users and their roles.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use omgang_app::Role;
use omgang_app::admin::UserInput;
use omgang_app::beheer::UserChangeInput;
use omgang_app::policy::{Actor, OrgAction};
use serde_json::{Value as Json, json};

use crate::Ui;
use crate::kit::{Posted, Ui_, done_message, read_error};
use crate::web::{FormState, Page};

use super::{after, may, role_options};

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

pub async fn add_user(
    State(ui): Ui_,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
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
    Path(id): Path<String>,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
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
