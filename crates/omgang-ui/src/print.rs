//! Printable views: the plan of approach (latest version, with its signatures) and a released
//! visit report. They read through `App::case`, so the viewer sees in print only what the
//! policy shows them on screen; the print stylesheet (`@media print` in app.css) leaves out
//! the navigation and the buttons.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use omgang_domain::case::{PersonRole, ReportState};
use serde_json::json;

use crate::kit::{Ui_, read_error};
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
        .filter(|p| p.role.is_parent())
        .map(|p| {
            let sig = plan.signatures.iter().find(|s| s.parent_id == p.id);
            json!({ "name": p.name, "role_label": p.role_label,
                    "signed_at": sig.map(|s| s.signed_at.clone()), "method": sig.map(|s| s.method) })
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
        .find(|r| r.id == report && r.state == ReportState::Released)
    else {
        return ui.error(&page, StatusCode::NOT_FOUND);
    };
    let session = view.sessions.iter().find(|s| s.id == r.session_id);
    let name_of_role = |role: PersonRole| {
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
            "resident": name_of_role(PersonRole::ResidentParent),
            "visiting": name_of_role(PersonRole::NonResidentParent),
            "printed_on": ui.app.today().to_string(),
        }),
    )
}

// ---- PDF documents ------------------------------------------------------------------------

/// The PDF answer: an attachment with the document's file name. Errors are the pages' own
/// (not signed in → sign-in page, refused → 403 page, unknown → 404 page).
pub(crate) fn pdf_response(
    ui: &crate::Ui,
    page: &Page,
    made: Result<omgang_app::documents::Pdf, omgang_app::AppError>,
) -> Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    match made {
        Ok(pdf) => {
            let disposition = format!("attachment; filename=\"{}\"", pdf.file_name);
            (
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, "application/pdf".to_owned()),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                pdf.bytes,
            )
                .into_response()
        }
        Err(e) => read_error(ui, page, e),
    }
}

/// `2.pdf` → 2; anything else is not a document.
fn pdf_name(file: &str) -> Option<&str> {
    file.strip_suffix(".pdf").filter(|s| !s.is_empty())
}

/// `/dossiers/{id}/plan/{version}.pdf` (and `/mijn-omgang/{id}/plan/{version}.pdf`).
pub async fn plan_pdf(
    State(ui): Ui_,
    page: Page,
    Path((id, file)): Path<(String, String)>,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let Some(version) = pdf_name(&file).and_then(|v| v.parse::<u32>().ok()) else {
        return ui.error(&page, StatusCode::NOT_FOUND);
    };
    let made = ui.app.plan_pdf(&actor, &id, Some(version)).await;
    pdf_response(&ui, &page, made)
}

/// `/mijn-omgang/{id}/plan.pdf`: the current version.
pub async fn current_plan_pdf(State(ui): Ui_, page: Page, Path(id): Path<String>) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let made = ui.app.plan_pdf(&actor, &id, None).await;
    pdf_response(&ui, &page, made)
}

/// `/dossiers/{id}/verslagen/{report}.pdf` (and under `/mijn-omgang`).
pub async fn report_pdf(
    State(ui): Ui_,
    page: Page,
    Path((id, file)): Path<(String, String)>,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let Some(report) = pdf_name(&file) else {
        return ui.error(&page, StatusCode::NOT_FOUND);
    };
    let made = ui.app.report_pdf(&actor, &id, report).await;
    pdf_response(&ui, &page, made)
}

/// `/dossiers/{id}/eindverslag.pdf`.
pub async fn end_report_pdf(State(ui): Ui_, page: Page, Path(id): Path<String>) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let made = ui.app.end_report_pdf(&actor, &id).await;
    pdf_response(&ui, &page, made)
}
