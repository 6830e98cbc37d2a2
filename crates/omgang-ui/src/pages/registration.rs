//! Registering a new case (the staff's form; the public one is `aanmelden`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use omgang_app::{Actor, AppError, Role};
use omgang_domain::case::RegisteredBy;
use omgang_domain::programme::EntryRoute;
use serde_json::{Value as Json, json};

use crate::Ui;
use crate::forms;
use crate::kit::*;
use crate::web::{FormState, Page, see_other};

async fn registration_form(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    status: StatusCode,
    fs: FormState,
) -> Response {
    let providers: Vec<Json> = if matches!(actor.role, Role::Referrer | Role::CaseDirector) {
        ui.app
            .organisations_of_kind("provider")
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|o| json!({ "value": o.id, "label": o.name }))
            .collect()
    } else {
        Vec::new()
    };
    let defaults = json!({
        "people[0].role": "resident_parent",
        "people[1].role": "non_resident_parent",
        "people[2].role": "guardian",
        "people[3].role": "foster_carer",
        "registered_by": "both_parents",
        "entry_route": "voluntary",
    });
    let entry_routes = choices(page.lang, &EntryRoute::ALL);
    ui.render(
        page,
        status,
        "register.html",
        json!({
            "nav": "register",
            "fs": fs.to_json(page.lang),
            "defaults": defaults,
            "programmes": programme_options(ui, page.lang),
            "providers": providers,
            "entry_routes": entry_routes,
            "registered_by": choices(page.lang, &RegisteredBy::ALL),
            "person_roles": choices(page.lang, &PERSON_ROLES_REGISTERED),
            "child_rows": (0..forms::CHILD_ROWS).collect::<Vec<_>>(),
            "person_rows": (0..forms::PERSON_ROWS).collect::<Vec<_>>(),
        }),
    )
}

pub async fn registration_page(State(ui): Ui_, page: Page) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    registration_form(&ui, &page, &actor, StatusCode::OK, FormState::default()).await
}

pub async fn register(
    State(ui): Ui_,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
    let reg = forms::registration(&form);
    match ui.app.register(&actor, &reg.input).await {
        Ok(view) => see_other(&format!("/dossiers/{}?klaar=aanmelding", view.id)),
        Err(e) => {
            let e = match e {
                AppError::Invalid(errors) => AppError::Invalid(forms::remap_rows(errors, &reg)),
                other => other,
            };
            show_again(&ui, &page, "aanmelding", form.values(), e, |status, fs| {
                registration_form(&ui, &page, &actor, status, fs)
            })
            .await
        }
    }
}
