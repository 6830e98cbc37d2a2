//! *Mijn werk*, the home page: signals, the coming sessions, reports to write and to review,
//! and what changed in one's cases.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use omgang_app::cases::SignalQuery;
use omgang_app::{AppError, Role};
use omgang_domain::signals::Urgency;
use serde_json::{Value as Json, json};

use crate::kit::*;
use crate::web::{Page, see_other};

/// How many signals Mijn werk shows, the most urgent first.
const HOME_SIGNALS: usize = 30;

fn is_staff_home(role: Role) -> bool {
    matches!(role, Role::Coordinator | Role::Supervisor | Role::Volunteer)
}

pub async fn home(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    if actor.role == Role::Parent {
        return see_other("/mijn-omgang");
    }
    let lang = page.lang;
    let mut signals = Vec::new();
    let mut signals_all = 0;
    let mut signals_note = None;
    if is_staff_home(actor.role) {
        // The most urgent thirty; the rest are on Signalen (and only what is shown is read).
        let first = SignalQuery {
            per_page: Some(HOME_SIGNALS),
            ..SignalQuery::default()
        };
        match ui.app.signal_list(&actor, &first).await {
            Ok(list) => {
                signals_all = list.all;
                signals = list.shown;
            }
            Err(AppError::Forbidden) => {
                signals_note = Some(ui.i18n.t(lang, "home-no-signals-role"))
            }
            Err(e) => return read_error(&ui, &page, e),
        }
    } else {
        signals_note = Some(ui.i18n.t(lang, "home-no-signals-role"));
    }
    let signals: Vec<Json> = signals
        .iter()
        .map(|s| {
            json!({
                "late": s.urgency == Urgency::Late,
                "urgency": s.urgency,
                "text": s.text,
                "due_on": s.due_on,
                "case_id": s.case_id,
                "case_reference": s.case_reference,
            })
        })
        .collect();

    // Upcoming sessions (two weeks, from the agenda) and reports to write.
    let today = ui.app.today();
    let query = omgang_app::agenda::AgendaQuery {
        from: Some(today.to_string()),
        to: Some(omgang_domain::case::add_days(today, 14).to_string()),
        ..Default::default()
    };
    let mut upcoming: Vec<Json> = Vec::new();
    if omgang_app::policy::agenda_scope(&actor).is_some() {
        match ui.app.agenda(&actor, &query).await {
            Ok(entries) => {
                upcoming = entries
                    .iter()
                    .filter(|e| e.state == omgang_domain::case::SessionStatus::Planned)
                    .map(|e| {
                        json!({
                            "case_id": e.case_id, "reference": e.case_reference,
                            "kind_label": e.kind_label, "starts_at": e.starts_at,
                            "ends_at": e.ends_at, "location_label": e.place_label,
                            "supervisor": e.supervisor_name,
                            "conflict": e.conflict,
                        })
                    })
                    .collect();
            }
            Err(e) => return read_error(&ui, &page, e),
        }
    }
    // What changed in one's cases since the last "Alles gezien".
    let changes = match ui.app.changes(&actor).await {
        Ok(c) => c,
        Err(e) => return read_error(&ui, &page, e),
    };
    // Reports waiting for review (coordinators), the longest waiting first.
    let to_review: Vec<Json> = match ui.app.reports_to_review(&actor).await {
        Ok(list) => list
            .iter()
            .map(|r| {
                json!({
                    "case_id": r.case_id, "reference": r.case_reference, "family": r.family,
                    "session_id": r.session_id, "kind_label": r.kind_label,
                    "starts_at": r.starts_at, "author": r.author_name, "waiting": r.waiting,
                    "late": r.waiting_hours >= 72,
                })
            })
            .collect(),
        Err(e) => return read_error(&ui, &page, e),
    };
    let to_report: Vec<Json> = match ui.app.reports_to_write(&actor).await {
        Ok(list) => list
            .iter()
            .map(|r| {
                json!({
                    "case_id": r.case_id, "reference": r.case_reference, "session_id": r.session_id,
                    "kind_label": r.kind_label, "starts_at": r.starts_at, "draft": r.draft,
                })
            })
            .collect(),
        Err(e) => return read_error(&ui, &page, e),
    };
    ui.render(
        &page,
        StatusCode::OK,
        "home.html",
        json!({
            "nav": "home",
            "signals": signals,
            "signals_all": signals_all,
            "signals_note": signals_note,
            "upcoming": upcoming,
            "to_report": to_report,
            "to_review": to_review,
            // Counted just now, not the minute-old count of the navigation.
            "badge": crate::badge_text(changes.items.len() + usize::from(changes.more)),
            "changes": changes,
            "today": today.to_string(),
            "done": done_message(&ui, &page, &raw),
        }),
    )
}

/// "Alles gezien": the changes listed so far no longer count (nor in the badge).
pub async fn changes_seen(
    State(ui): Ui_,
    Posted {
        page,
        who: actor,
        form: _,
    }: Posted,
) -> Response {
    match ui.app.mark_changes_seen(&actor).await {
        Ok(()) => see_other("/?klaar=gezien#veranderd"),
        Err(e) => read_error(&ui, &page, e),
    }
}
