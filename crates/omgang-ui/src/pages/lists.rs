//! The lists: the waiting list, the signals, all cases, and the search.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use omgang_app::cases::{CaseListQuery, SignalQuery, SignalSort};
use omgang_app::{Actor, AppError, Role};
use omgang_domain::signals::{SignalKind, Urgency};
use omgang_domain::text::Lang;
use omgang_domain::{CaseStatus, Vocabulary};
use serde_json::{Value as Json, json};

use crate::Ui;
use crate::kit::*;
use crate::lists::{ListPage, PER_PAGE, asked_sort, list_href, sort_headers};
use crate::web::Page;

pub async fn waiting_list(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let q = query(&raw);
    let programme = q.opt("programma");
    let referrer = q.opt("verwijzer");
    let list = match ui
        .app
        .list_cases(
            &actor,
            &CaseListQuery {
                status: Some("registered".into()),
                programme_id: programme.clone(),
                ..CaseListQuery::default()
            },
        )
        .await
    {
        Ok(list) => list,
        Err(e) => return read_error(&ui, &page, e),
    };
    let referrers = referrer_options(&ui, &page, &actor, &list).await;
    let mut list: Vec<_> = list
        .into_iter()
        .filter(|c| match referrer.as_deref() {
            None => true,
            Some(REFERRER_NONE) => c.referrer_user_id.is_none(),
            Some(r) => c.referrer_user_id.as_deref() == Some(r),
        })
        .collect();
    let (sort, desc) = asked_sort(&q, WAITING_COLUMNS, "waiting");
    match sort {
        "reference" => list.sort_by(|a, b| a.reference.cmp(&b.reference)),
        "programme" => list.sort_by(|a, b| a.programme_name.cmp(&b.programme_name)),
        "registered_on" => list.sort_by(|a, b| a.registered_on.cmp(&b.registered_on)),
        _ => list.sort_by_key(|c| c.waiting_days),
    }
    if desc {
        list.reverse();
    }
    let list = ListPage::of(
        (&ui, page.lang, "/aanmeldingen"),
        &[
            ("programma", programme.clone()),
            ("verwijzer", referrer.clone()),
        ],
        (WAITING_COLUMNS, sort, desc),
        list,
        q.get("pagina"),
    );
    ui.render(
        &page,
        StatusCode::OK,
        "waiting.html",
        json!({
            "nav": "waiting",
            "total": list.total,
            "pager": list.pager,
            "headers": list.headers,
            "cases": list.rows,
            "programmes": programme_options(&ui, page.lang),
            "programme": programme,
            "referrers": referrers,
            "referrer": referrer,
            "may_take": actor.role == Role::Coordinator,
        }),
    )
}

/// "Signalen": every signal of the actor's cases, the most urgent first, filtered by urgency
/// and kind (in the URL), a page at a time. Mijn werk shows the first 30.
pub async fn signals_page(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let q = query(&raw);
    let urgency = q.opt("urgentie").and_then(|u| Urgency::from_key(&u));
    let kind = q.opt("soort").and_then(|k| SignalKind::from_key(&k));
    let (sort, desc) = asked_sort(&q, SIGNAL_COLUMNS, "urgency");
    let asked = SignalQuery {
        urgency,
        kind,
        sort: match sort {
            "reference" => SignalSort::Reference,
            "due" => SignalSort::Due,
            _ => SignalSort::Urgency,
        },
        descending: desc,
        page: q.get("pagina").trim().parse().unwrap_or(1),
        per_page: Some(PER_PAGE as usize),
        ..SignalQuery::default()
    };
    let found = match ui.app.signal_list(&actor, &asked).await {
        Ok(list) => list,
        Err(e) => return read_error(&ui, &page, e),
    };
    let kind_options: Vec<Json> = found
        .kinds
        .iter()
        .map(|(value, label)| json!({ "value": value, "label": label }))
        .collect();
    let list = ListPage::cut(
        (&ui, page.lang, "/signalen"),
        &[
            ("urgentie", urgency.map(|u| u.key().to_owned())),
            ("soort", kind.map(|k| k.key().to_owned())),
        ],
        (SIGNAL_COLUMNS, sort, desc),
        found.shown,
        (found.matching, found.page, found.pages),
    );
    ui.render(
        &page,
        StatusCode::OK,
        "signals.html",
        json!({
            "nav": "home",
            "signals": list.rows,
            "total": list.total,
            "all": found.all,
            "pager": list.pager,
            "headers": list.headers,
            "urgency": urgency,
            "kind": kind,
            "kinds": kind_options,
        }),
    )
}

/// The waiting list's sortable columns: the longest waiting first by default.
const WAITING_COLUMNS: &[(&str, &str, bool)] = &[
    ("reference", "col-reference", false),
    ("programme", "col-programme", false),
    ("registered_on", "col-registered-on", false),
    ("waiting", "col-waiting", true),
];

/// The signals page's sortable columns: the most urgent first by default (the domain's order).
const SIGNAL_COLUMNS: &[(&str, &str, bool)] = &[
    ("urgency", "signals-col-urgency", false),
    ("reference", "col-reference", false),
    ("due", "signals-col-due", false),
];

/// The waiting list's "no referrer" filter value.
const REFERRER_NONE: &str = "geen";

/// The referrers of the listed cases (the public form first), for the filter.
async fn referrer_options(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    list: &[omgang_app::views::CaseSummary],
) -> Vec<Json> {
    let mut ids: Vec<String> = list
        .iter()
        .filter_map(|c| c.referrer_user_id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    let public = omgang_app::public::PUBLIC_ACTOR_ID;
    let names = ui.app.referrer_names(actor, &ids).await.unwrap_or_default();
    let mut out = Vec::new();
    if ids.iter().any(|i| i == public) {
        out.push(json!({ "value": public, "label": ui.i18n.t(page.lang, "referrer-public") }));
    }
    for (id, name) in names {
        out.push(json!({ "value": id, "label": name }));
    }
    out.push(json!({ "value": REFERRER_NONE, "label": ui.i18n.t(page.lang, "referrer-none") }));
    out
}

/// Sortable column headers and the pager of a case list, all in the URL.
/// Where a list stands: its order and page, and how many rows there are in all.
struct ListState<'a> {
    sort: &'a str,
    desc: bool,
    page: u32,
    total: i64,
}

fn list_controls(
    ui: &Ui,
    lang: Lang,
    path: &str,
    filters: &[(&str, Option<String>)],
    state: &ListState<'_>,
) -> Json {
    let ListState {
        sort,
        desc,
        page,
        total,
    } = *state;
    let with = |extra: &[(&str, Option<String>)]| {
        let mut all: Vec<(&str, Option<String>)> = filters.to_vec();
        all.extend_from_slice(extra);
        list_href(path, &all)
    };
    let columns = sort_headers(
        ui,
        lang,
        path,
        filters,
        &[
            ("reference", "col-reference", false),
            ("programme", "col-programme", false),
            ("status", "col-status", false),
            ("registered_on", "col-registered-on", true),
        ],
        (sort, desc),
    );
    let pages = u32::try_from((total + i64::from(PER_PAGE) - 1) / i64::from(PER_PAGE))
        .unwrap_or(1)
        .max(1);
    let keep = |p: u32| {
        with(&[
            ("sorteer", Some(sort.to_owned())),
            (
                "volgorde",
                Some(if desc { "desc" } else { "asc" }.to_owned()),
            ),
            ("pagina", Some(p.to_string())),
        ])
    };
    json!({
        "columns": columns,
        "page": page,
        "pages": pages,
        "total": total,
        "prev": (page > 1).then(|| keep(page - 1)),
        "next": (page < pages).then(|| keep(page + 1)),
    })
}

pub async fn case_list(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let q = query(&raw);
    let status = q.opt("status");
    let programme = q.opt("programma");
    let sort = q.opt("sorteer").unwrap_or_else(|| "registered_on".into());
    let desc = q
        .opt("volgorde")
        .map_or(sort == "registered_on", |o| o == "desc");
    let page_no = q.get("pagina").parse::<u32>().unwrap_or(1).max(1);
    let list = match ui
        .app
        .list_cases_page(
            &actor,
            &CaseListQuery {
                status: status.clone(),
                programme_id: programme.clone(),
                include_closed: Some(status.as_deref() == Some("closed")),
                sort: Some(sort.clone()),
                order: Some(if desc { "desc" } else { "asc" }.into()),
                page: Some(page_no),
                per_page: Some(PER_PAGE),
                ..CaseListQuery::default()
            },
        )
        .await
    {
        Ok(list) => list,
        Err(AppError::Invalid(_)) => omgang_app::cases::CasePage {
            cases: Vec::new(),
            total: 0,
            page: 1,
            per_page: Some(PER_PAGE),
        },
        Err(e) => return read_error(&ui, &page, e),
    };
    let controls = list_controls(
        &ui,
        page.lang,
        "/dossiers",
        &[("status", status.clone()), ("programma", programme.clone())],
        &ListState {
            sort: &sort,
            desc,
            page: list.page,
            total: list.total,
        },
    );
    ui.render(
        &page,
        StatusCode::OK,
        "cases.html",
        json!({
            "nav": "cases",
            "cases": list.cases,
            "list": controls,
            "programmes": programme_options(&ui, page.lang),
            "programme": programme,
            "status": status,
            "statuses": CaseStatus::keys().collect::<Vec<_>>(),
        }),
    )
}

/// "Zoeken": find a family by part of a name, a case number or an organisation.
pub async fn search(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let q = query(&raw);
    let text = q.get("q").trim().to_owned();
    if text.is_empty() && q.opt("q").is_none() {
        return ui.render(
            &page,
            StatusCode::OK,
            "search.html",
            json!({ "nav": "search", "searched": false }),
        );
    }
    let input = omgang_app::search::SearchQuery {
        q: Some(text.clone()),
        include_closed: Some(true),
    };
    match ui.app.search(&actor, &input).await {
        Ok(cases) => ui.render(
            &page,
            StatusCode::OK,
            "search.html",
            json!({ "nav": "search", "searched": true, "cases": cases, "search_q": text,
                    "limit": omgang_app::search::SEARCH_LIMIT }),
        ),
        Err(AppError::Invalid(errors)) => {
            let error = errors
                .first()
                .map(|e| match page.lang {
                    Lang::Nl => e.message_nl.clone(),
                    Lang::En => e.message_en.clone(),
                })
                .unwrap_or_default();
            ui.render(
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                "search.html",
                json!({ "nav": "search", "searched": false, "search_q": text, "error": error }),
            )
        }
        Err(e) => read_error(&ui, &page, e),
    }
}
