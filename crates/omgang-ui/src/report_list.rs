//! "Verslagen": the visit reports of the actor's open cases (the application layer decides
//! which), filtered by status, sorted by column and paged, with each case's family beside its
//! number and a link to the report.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use omgang_app::reports::ReportStatus;
use serde_json::{Value as Json, json};

use crate::Ui;
use crate::kit::{Ui_, query, read_error};
use crate::lists::{ListPage, asked_sort};
use crate::web::Page;

/// The list's sortable columns: the most recent session first by default.
const COLUMNS: &[(&str, &str, bool)] = &[
    ("reference", "col-reference", false),
    ("date", "reports-col-session", true),
    ("status", "col-status", false),
    ("author", "reports-col-author", false),
];

pub async fn page(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let q = query(&raw);
    let status = ReportStatus::parse(q.get("status"));
    let mut all = match ui.app.report_list(&actor, None).await {
        Ok(list) => list,
        Err(e) => return read_error(&ui, &page, e),
    };
    let counts: Vec<Json> = ReportStatus::ALL
        .iter()
        .map(|s| {
            json!({
                "value": s.as_str(),
                "label": s.label(page.lang),
                "count": all.iter().filter(|r| r.status == *s).count(),
            })
        })
        .collect();
    let total_all = all.len();
    all.retain(|r| status.is_none_or(|s| r.status == s));
    let (sort, desc) = asked_sort(&q, COLUMNS, "date");
    // The app's order (the most recent session first) is the tie-breaker of every column.
    match sort {
        "reference" => all.sort_by(|a, b| a.case_reference.cmp(&b.case_reference)),
        "status" => all.sort_by_key(|r| r.status),
        "author" => all.sort_by(|a, b| a.author_name.cmp(&b.author_name)),
        _ => all.sort_by(|a, b| a.starts_at.cmp(&b.starts_at)),
    }
    if desc {
        all.reverse();
    }
    let list = ListPage::of(
        (&ui, page.lang, "/verslagen"),
        &[("status", status.map(|s| s.as_str().to_owned()))],
        (COLUMNS, sort, desc),
        all,
        q.get("pagina"),
    );
    render(&ui, &page, list, (status, counts, total_all))
}

fn render(
    ui: &Ui,
    page: &Page,
    list: ListPage<omgang_app::reports::ReportListItem>,
    (status, counts, total_all): (Option<ReportStatus>, Vec<Json>, usize),
) -> Response {
    let reviewer = page
        .actor
        .as_ref()
        .is_some_and(|a| a.role == omgang_app::Role::Coordinator);
    ui.render(
        page,
        StatusCode::OK,
        "reports.html",
        json!({
            "nav": "reports",
            "reports": list.rows,
            "total": list.total,
            "all": total_all,
            "pager": list.pager,
            "headers": list.headers,
            "status": status.map(ReportStatus::as_str),
            "statuses": counts,
            "reviewer": reviewer,
        }),
    )
}
