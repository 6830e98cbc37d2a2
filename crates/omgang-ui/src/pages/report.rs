//! The visit report: writing it, and the coordinator's review.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use omgang_app::Actor;
use omgang_app::cases::ReviewStep;
use omgang_app::input::AmendInput;
use omgang_domain::case::{PersonRole, ReportState, SessionStatus};
use serde_json::{Value as Json, json};

use crate::Ui;
use crate::forms;
use crate::kit::*;
use crate::web::{FormState, Page, see_other};

// ---- the visit report --------------------------------------------------------------------

async fn render_report(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    (id, session): (&str, &str),
    status: StatusCode,
    fs: FormState,
    done: Option<String>,
) -> Response {
    let view = match ui.app.case(actor, id).await {
        Ok(v) => v,
        Err(e) => return read_error(ui, page, e),
    };
    let Some(s) = view.sessions.iter().find(|s| s.id == session) else {
        return ui.error(page, StatusCode::NOT_FOUND);
    };
    let report = view.reports.iter().find(|r| r.session_id == session);
    let full = view.scope == omgang_app::policy::ViewScope::Full;
    let mine = s.supervisor_id.as_deref() == Some(actor.user_id.as_str());
    let state = report.map(|r| r.state);
    let editable = (full || mine)
        && state.is_none_or(|st| st == ReportState::Draft)
        && s.state == SessionStatus::Held;
    let content = report
        .map(|r| r.content.clone())
        .unwrap_or_else(|| json!({}));
    let amendments: Vec<Json> = report
        .map(|r| {
            r.amendments
                .iter()
                .map(|a| json!({ "text": a["text"], "at": a["at"] }))
                .collect()
        })
        .unwrap_or_default();
    let resident = view
        .people
        .iter()
        .find(|p| p.role == PersonRole::ResidentParent)
        .map(|p| p.name.clone());
    let visiting = view
        .people
        .iter()
        .find(|p| p.role == PersonRole::NonResidentParent)
        .map(|p| p.name.clone());
    ui.render(
        page,
        status,
        "report.html",
        json!({
            "nav": "cases",
            "case": { "id": view.id, "reference": view.reference, "programme_name": view.programme_name,
                      "children": view.children.iter().map(|c| c.name.clone()).collect::<Vec<_>>() },
            "session": s,
            "report": report,
            "content": content,
            "amendments": amendments,
            "editable": editable,
            "full": full,
            "resident": resident,
            "visiting": visiting,
            "fs": fs.to_json(page.lang),
            "done": done,
        }),
    )
}

pub async fn report_page(
    State(ui): Ui_,
    page: Page,
    Path((id, session)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let done = done_message(&ui, &page, &raw);
    render_report(
        &ui,
        &page,
        &actor,
        (&id, &session),
        StatusCode::OK,
        FormState::default(),
        done,
    )
    .await
}

pub async fn save_report(
    State(ui): Ui_,
    Path((id, session)): Path<(String, String)>,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
    match ui
        .app
        .save_report(&actor, &id, &session, &forms::report(&form))
        .await
    {
        Ok(_) => see_other(&format!(
            "/dossiers/{id}/sessies/{session}/verslag?klaar=verslag"
        )),
        Err(e) => {
            show_again(&ui, &page, "verslag", form.values(), e, |status, fs| {
                render_report(&ui, &page, &actor, (&id, &session), status, fs, None)
            })
            .await
        }
    }
}

pub async fn review_report(
    State(ui): Ui_,
    Path((id, report, step)): Path<(String, String, String)>,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
    let session = form.get("session").to_owned();
    let result = match step.as_str() {
        "goedkeuren" => {
            ui.app
                .review_report(&actor, &id, &report, ReviewStep::Approve)
                .await
        }
        "teruggeven" => {
            ui.app
                .review_report(
                    &actor,
                    &id,
                    &report,
                    ReviewStep::Return {
                        reason: form.get("reason").to_owned(),
                    },
                )
                .await
        }
        "klaar" => ui.app.submit_report(&actor, &id, &report).await,
        "delen" => {
            ui.app
                .review_report(&actor, &id, &report, ReviewStep::Release)
                .await
        }
        "aanvullen" => {
            ui.app
                .amend_report(
                    &actor,
                    &id,
                    &report,
                    &AmendInput {
                        text: form.get("text").to_owned(),
                    },
                )
                .await
        }
        _ => return ui.error(&page, StatusCode::NOT_FOUND),
    };
    match result {
        Ok(_) => see_other(&format!(
            "/dossiers/{id}/sessies/{session}/verslag?klaar={step}"
        )),
        Err(e) => {
            show_again(&ui, &page, &step, form.values(), e, |status, fs| {
                render_report(&ui, &page, &actor, (&id, &session), status, fs, None)
            })
            .await
        }
    }
}
