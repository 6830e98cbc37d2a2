//! The case page and the steps taken on it.

mod context;
mod steps;
mod windows;

pub use steps::{case_step, record_outcome};
pub(crate) use windows::{window_errors, window_rows_of, windows_input};

use context::case_context;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use omgang_app::Actor;
use serde_json::{Value as Json, json};

use crate::Ui;
use crate::kit::*;
use crate::web::{FormState, Page};

pub(crate) async fn render_case(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    id: &str,
    status: StatusCode,
    fs: FormState,
    done: Option<String>,
) -> Response {
    match case_context(ui, page, actor, id).await {
        Ok(mut ctx) => {
            ctx["fs"] = fs.to_json(page.lang);
            ctx["done"] = json!(done);
            ui.render(page, status, "case.html", ctx)
        }
        Err(e) => read_error(ui, page, e),
    }
}

pub async fn case_page(
    State(ui): Ui_,
    page: Page,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let done = done_message(&ui, &page, &raw);
    let announce = query(&raw).get("klaar") == "uitkomst";
    match case_context(&ui, &page, &actor, &id).await {
        Ok(mut ctx) => {
            // After a held session that completed its phase, the page announces the move
            // ("De 4e begeleide omgang is gehouden: het traject gaat naar …").
            let moved = ctx["phase_moved"].as_str();
            let done = match moved {
                Some(text) if announce => Some(text.to_owned()),
                _ => done,
            };
            ctx["fs"] = plan_here_prefill(&raw, &ctx).to_json(page.lang);
            ctx["done"] = json!(done);
            ui.render(&page, StatusCode::OK, "case.html", ctx)
        }
        Err(e) => read_error(&ui, &page, e),
    }
}

/// The agenda's "Plan hier" (`?plan_start=…&plan_ruimte=…&plan_begeleider=…`): the session
/// form opens with the slot filled in — the case's own supervisor when the slot named none,
/// an hour by default. Only values: the form is sent and checked like any other.
fn plan_here_prefill(raw: &Option<String>, ctx: &Json) -> FormState {
    let q = query(raw);
    let Some(start) = q.opt("plan_start") else {
        return FormState::default();
    };
    let supervisor = q
        .opt("plan_begeleider")
        .or_else(|| ctx["case"]["supervisor_id"].as_str().map(str::to_owned))
        .unwrap_or_default();
    FormState {
        form: "sessie".into(),
        values: json!({
            "starts_at": start,
            "minutes": "60",
            "room": q.opt("plan_ruimte").unwrap_or_default(),
            "supervisor_id": supervisor,
            "location_kind": "omgangshuis",
        }),
        errors: Vec::new(),
        alert: None,
    }
}
