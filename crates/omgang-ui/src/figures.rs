//! "Cijfers": the figures dashboard (funders: the cases they pay for or referred; providers'
//! coordinators and administrators: their own), with a server-rendered SVG chart that has
//! its table beside it for screen readers, and a CSV download. What is counted and what is
//! suppressed is decided in the app and domain (`App::figures`).

use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use omgang_app::AppError;
use omgang_app::figures::{Figures, FiguresQuery};
use omgang_domain::figures::{Cell, Group};
use omgang_domain::text::Lang;
use serde_json::{Value as Json, json};

use crate::kit::{Ui_, query, read_error};
use crate::web::Page;

fn text(cell: Option<Cell>, min: u32) -> String {
    match cell {
        Some(Cell::Shown(v)) => v.to_string(),
        Some(Cell::Suppressed) => format!("< {min}"),
        None => "—".to_owned(),
    }
}

/// Registrations per quarter as a bar chart; a suppressed quarter is drawn as an empty,
/// dashed bar labelled "< 5". The numbers are in the table beside it.
fn chart(groups: &[&Group], min: u32, lang: Lang) -> String {
    let values: Vec<Option<u32>> = groups.iter().map(|g| g.registrations.value()).collect();
    let max = values.iter().flatten().copied().max().unwrap_or(0).max(min);
    let (w, h, bar, gap, top, bottom) = (360u32, 180u32, 56u32, 28u32, 16u32, 28u32);
    let plot = h - top - bottom;
    let title = if lang == Lang::Nl {
        "Aanmeldingen per kwartaal"
    } else {
        "Registrations per quarter"
    };
    let mut svg = format!(
        r#"<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">{title}</title>"#
    );
    for (i, v) in values.iter().enumerate() {
        let x = gap + u32::try_from(i).unwrap_or(0) * (bar + gap);
        let label = format!("Q{}", i + 1);
        match v {
            Some(v) => {
                let bh = (plot * v) / max.max(1);
                let y = top + plot - bh;
                svg.push_str(&format!(
                    r#"<rect x="{x}" y="{y}" width="{bar}" height="{bh}" class="bar"/><text x="{}" y="{}" text-anchor="middle" class="value">{v}</text>"#,
                    x + bar / 2,
                    y.saturating_sub(4).max(10)
                ));
            }
            None => {
                let bh = (plot * min) / max.max(1);
                let y = top + plot - bh;
                svg.push_str(&format!(
                    r#"<rect x="{x}" y="{y}" width="{bar}" height="{bh}" class="bar bar--suppressed"/><text x="{}" y="{}" text-anchor="middle" class="value">&lt; {min}</text>"#,
                    x + bar / 2,
                    y.saturating_sub(4).max(10)
                ));
            }
        }
        svg.push_str(&format!(
            r#"<text x="{}" y="{}" text-anchor="middle" class="axis">{label}</text>"#,
            x + bar / 2,
            h - 8
        ));
    }
    svg.push_str(&format!(
        r#"<line x1="{gap}" y1="{}" x2="{}" y2="{}" class="baseline"/></svg>"#,
        top + plot,
        w - gap / 2,
        top + plot
    ));
    svg
}

fn rows(f: &Figures, lang: Lang) -> Vec<Json> {
    let all = if lang == Lang::Nl {
        "Alle trajecten"
    } else {
        "All programmes"
    };
    let year = if lang == Lang::Nl {
        "Heel het jaar"
    } else {
        "Whole year"
    };
    f.groups
        .iter()
        .map(|g| {
            let outcomes: Vec<Json> = f
                .outcome_labels
                .iter()
                .map(|(k, label)| {
                    json!({ "label": label, "value": text(Some(g.outcomes.get(k).copied().unwrap_or(Cell::Shown(0))), f.min_cases) })
                })
                .collect();
            json!({
                "programme": g.programme.as_ref().map_or(all.to_owned(), |p| f.programmes.get(p).cloned().unwrap_or_else(|| p.clone())),
                "all": g.programme.is_none(),
                "period": g.quarter.map_or(year.to_owned(), |q| format!("Q{q}")),
                "year_row": g.quarter.is_none(),
                "registrations": text(Some(g.registrations), f.min_cases),
                "to_intake": text(g.days_to_intake, f.min_cases),
                "to_first_visit": text(g.days_to_first_visit, f.min_cases),
                "duration": text(g.duration_days, f.min_cases),
                "held": text(Some(g.sessions_held), f.min_cases),
                "cancelled_parent": text(Some(g.cancelled_by_parent), f.min_cases),
                "cancelled_org": text(Some(g.cancelled_by_organisation), f.min_cases),
                "no_shows": text(Some(g.no_shows), f.min_cases),
                "outcomes": outcomes,
            })
        })
        .collect()
}

fn figures_query(raw: &Option<String>) -> FiguresQuery {
    FiguresQuery {
        year: query(raw).opt("jaar"),
    }
}

pub async fn page(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let q = figures_query(&raw);
    let (f, status, error) = match ui.app.figures(&actor, &q).await {
        Ok(f) => (f, StatusCode::OK, None),
        Err(AppError::Invalid(errors)) => {
            let msg = errors.first().map(|e| match page.lang {
                Lang::Nl => e.message_nl.clone(),
                Lang::En => e.message_en.clone(),
            });
            match ui.app.figures(&actor, &FiguresQuery::default()).await {
                Ok(f) => (f, StatusCode::UNPROCESSABLE_ENTITY, msg),
                Err(e) => return read_error(&ui, &page, e),
            }
        }
        Err(e) => return read_error(&ui, &page, e),
    };
    let totals: Vec<&Group> = f
        .groups
        .iter()
        .filter(|g| g.programme.is_none() && g.quarter.is_some())
        .collect();
    let this_year = ui.app.today().year();
    let years: Vec<i16> = (this_year - 4..=this_year).rev().collect();
    ui.render(
        &page,
        status,
        "figures.html",
        json!({
            "nav": "figures",
            "year": f.year,
            "years": years,
            "funder": f.scope == "funder",
            "min_cases": f.min_cases,
            "chart": chart(&totals, f.min_cases, page.lang),
            "totals": rows(&f, page.lang).into_iter().filter(|r| r["all"] == true).collect::<Vec<_>>(),
            "rows": rows(&f, page.lang).into_iter().filter(|r| r["all"] == false).collect::<Vec<_>>(),
            "outcome_labels": f.outcome_labels.values().collect::<Vec<_>>(),
            "error": error,
            "year_input": q.year,
        }),
    )
}

pub async fn csv(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    match ui.app.figures_csv(&actor, &figures_query(&raw)).await {
        Ok(body) => {
            let mut r = (StatusCode::OK, body).into_response();
            let h = r.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            h.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"cijfers.csv\""),
            );
            r
        }
        Err(e) => read_error(&ui, &page, e),
    }
}
