//! Printable views: the plan of approach (latest version, with its signatures) and a released
//! visit report. They read through `App::case`, so the viewer sees in print only what the
//! policy shows them on screen; the print stylesheet (`@media print` in app.css) leaves out
//! the navigation and the buttons.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use crate::pages::{Ui_, read_error};
use crate::web::Page;

pub async fn plan(State(ui): Ui_, page: Page, Path(id): Path<String>) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let view = match ui.app.case(&actor, &id).await {
        Ok(v) => v,
        Err(e) => return read_error(&ui, &page, e),
    };
    let Some(plan) = view.plans.last() else {
        return ui.error(&page, StatusCode::NOT_FOUND);
    };
    let Some(programme) = ui.app.programme(&view.programme_id) else {
        return ui.error(&page, StatusCode::NOT_FOUND);
    };
    let parents: Vec<serde_json::Value> = view
        .people
        .iter()
        .filter(|p| p.role == "resident_parent" || p.role == "non_resident_parent")
        .map(|p| {
            let sig = plan.signatures.iter().find(|s| s.parent_id == p.id);
            json!({ "name": p.name, "role_label": p.role_label,
                    "signed_at": sig.map(|s| s.signed_at.clone()), "method": sig.map(|s| s.method.clone()) })
        })
        .collect();
    ui.render(
        &page,
        StatusCode::OK,
        "print_plan.html",
        json!({
            "nav": "cases",
            "print": true,
            "case": { "id": view.id, "reference": view.reference, "programme_name": view.programme_name,
                      "children": view.children.iter().map(|c| c.name.clone()).collect::<Vec<_>>() },
            "document": programme.plan.document.label().get(page.lang),
            "plan": plan,
            "parents": parents,
            "printed_on": ui.app.today().to_string(),
        }),
    )
}

pub async fn report(
    State(ui): Ui_,
    page: Page,
    Path((id, report)): Path<(String, String)>,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let view = match ui.app.case(&actor, &id).await {
        Ok(v) => v,
        Err(e) => return read_error(&ui, &page, e),
    };
    // Only a released report is printed: a draft is not a document yet.
    let Some(r) = view
        .reports
        .iter()
        .find(|r| r.id == report && r.state == "released")
    else {
        return ui.error(&page, StatusCode::NOT_FOUND);
    };
    let session = view.sessions.iter().find(|s| s.id == r.session_id);
    let name_of_role = |role: &str| {
        view.people
            .iter()
            .find(|p| p.role == role)
            .map(|p| p.name.clone())
    };
    ui.render(
        &page,
        StatusCode::OK,
        "print_report.html",
        json!({
            "nav": "cases",
            "print": true,
            "case": { "id": view.id, "reference": view.reference, "programme_name": view.programme_name,
                      "children": view.children.iter().map(|c| c.name.clone()).collect::<Vec<_>>() },
            "report": r,
            "content": r.content,
            "amendments": r.amendments,
            "session": session,
            "resident": name_of_role("resident_parent"),
            "visiting": name_of_role("non_resident_parent"),
            "printed_on": ui.app.today().to_string(),
        }),
    )
}
