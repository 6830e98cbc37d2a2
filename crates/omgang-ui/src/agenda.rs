//! *Agenda*: a week or a day of sessions as a grid — per supervisor or per room of a
//! location — with double bookings marked and, for those who plan, "Plan hier" on every free
//! slot; the week as a list too (on a phone). Everything comes from `App::agenda`, which
//! decides what the person may see and logs each case shown.
//!
//! "Plan hier" leads to [`plan_here`]: choose the family, then the case page's own session
//! form opens with the time, room and supervisor filled in, so the session is planned through
//! the case's rules like any other (warnings, "Toch plannen", the parents' mail).

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::ToSpan;
use jiff::civil::{Date, DateTime, Time};
use omgang_app::AppError;
use omgang_app::admin::UserView;
use omgang_app::agenda::{AgendaEntry, AgendaQuery};
use omgang_app::beheer::LocationView;
use omgang_app::cases::CaseListQuery;
use omgang_domain::CaseStatus;
use omgang_domain::case::SessionStatus;
use serde_json::{Value as Json, json};

use crate::web::{Form, Page};
use crate::{Ui, fmt};

fn monday_of(d: Date) -> Date {
    let back = i64::from(d.weekday().to_monday_zero_offset());
    d.checked_sub(back.days()).unwrap_or(d)
}

/// The grid's rows in the day view are half hours.
const SLOT_MINUTES: i32 = 30;
/// The day view shows at least 08:00–21:00, more when a session lies outside.
const DAY_FROM: i32 = 8 * 60;
const DAY_TO: i32 = 21 * 60;

/// How the agenda is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum View {
    /// Resources × the seven days.
    Week,
    /// Half hours × resources, one day.
    Day,
    /// The week as a list per day (the phone's view).
    List,
}

/// What a grid's rows (week) or columns (day) are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Axis {
    Supervisor,
    Room,
}

/// A row or column of the grid: a supervisor, or a room of the chosen location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Resource {
    /// The supervisor's id, or "location|room"; empty for "no supervisor / no room".
    pub key: String,
    pub label: String,
}

/// One session as the grid places it.
#[derive(Clone, Debug)]
pub(crate) struct Placed {
    pub date: Date,
    /// Minutes since midnight.
    pub start: i32,
    pub end: i32,
    pub resource: String,
    pub json: Json,
}

/// A cell of the day grid, for one resource and one half hour.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum DayCell {
    /// Sessions that start here and run `rows` half hours (overlapping sessions of the same
    /// resource share one block: that is the double booking).
    Busy { rows: usize, items: Vec<usize> },
    /// Under a block that started earlier.
    Covered,
    /// Nothing planned: "Plan hier".
    Free,
}

fn minutes(t: Time) -> i32 {
    i32::from(t.hour()) * 60 + i32::from(t.minute())
}

fn hm(m: i32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// The day view's first and last minute: 08:00–21:00, widened to the sessions of the day,
/// on half-hour boundaries.
pub(crate) fn day_range(items: &[&Placed]) -> (i32, i32) {
    let from = items.iter().map(|p| p.start).fold(DAY_FROM, i32::min);
    let to = items
        .iter()
        .map(|p| p.end)
        .fold(DAY_TO, i32::max)
        .min(24 * 60);
    (
        from / SLOT_MINUTES * SLOT_MINUTES,
        (to + SLOT_MINUTES - 1) / SLOT_MINUTES * SLOT_MINUTES,
    )
}

/// Lays one resource's sessions of a day (indexes into `items`) over the half hours from
/// `from` to `to`: overlapping sessions form one block, a session always covers at least
/// one row.
pub(crate) fn day_column(items: &[&Placed], mine: &[usize], from: i32, to: i32) -> Vec<DayCell> {
    let mut order: Vec<usize> = mine.to_vec();
    order.sort_by_key(|&i| (items[i].start, items[i].end));
    // Blocks on slot boundaries: [start, end) in minutes, with their sessions.
    let mut blocks: Vec<(i32, i32, Vec<usize>)> = Vec::new();
    for i in order {
        let start = (items[i].start.max(from) / SLOT_MINUTES) * SLOT_MINUTES;
        let end = ((items[i].end.min(to) + SLOT_MINUTES - 1) / SLOT_MINUTES * SLOT_MINUTES)
            .max(start + SLOT_MINUTES);
        match blocks.last_mut() {
            Some(last) if start < last.1 => {
                last.1 = last.1.max(end);
                last.2.push(i);
            }
            _ => blocks.push((start, end, vec![i])),
        }
    }
    let mut cells = Vec::new();
    let mut t = from;
    let mut next = blocks.into_iter().peekable();
    while t < to {
        match next.peek() {
            Some((start, end, _)) if *start == t => {
                let rows = usize::try_from((end - start) / SLOT_MINUTES).unwrap_or(1);
                let (_, end, items) = next.next().unwrap_or_default();
                cells.push(DayCell::Busy { rows, items });
                for _ in 1..rows {
                    cells.push(DayCell::Covered);
                }
                t = end;
            }
            _ => {
                cells.push(DayCell::Free);
                t += SLOT_MINUTES;
            }
        }
    }
    cells
}

/// The first free quarter from 09:00 on, after the resource's sessions of that day, for
/// "Plan hier" in the week view; `None` when the day is full until 21:00.
pub(crate) fn first_free(day: &[&Placed]) -> Option<i32> {
    let mut t = 9 * 60;
    let mut sorted: Vec<&&Placed> = day.iter().collect();
    sorted.sort_by_key(|p| p.start);
    for p in sorted {
        if p.start < t + 60 && p.end > t {
            t = (p.end + 14) / 15 * 15;
        }
    }
    (t + 60 <= DAY_TO).then_some(t)
}

fn entry_json(e: &AgendaEntry, start: Option<Time>, end: Option<Time>) -> Json {
    json!({
        "start": start.map(fmt::time),
        "end": end.map(fmt::time),
        "case_id": e.case_id,
        "reference": e.case_reference,
        "kind_label": e.kind_label,
        "location_label": e.place_label,
        "state": e.state,
        "supervisor_id": e.supervisor_id,
        "supervisor": e.supervisor_name,
        "conflict": e.conflict,
    })
}

/// A link with its query (`lists::list_href`: encoded, empty values left out).
fn href(path: &str, pairs: &[(&str, &str)]) -> String {
    let params: Vec<(&str, Option<String>)> = pairs
        .iter()
        .map(|(k, v)| (*k, Some((*v).to_owned())))
        .collect();
    crate::lists::list_href(path, &params)
}

fn plan_href(date: Date, minute: i32, axis: Axis, resource: &Resource) -> String {
    let start = format!("{date}T{}", hm(minute));
    let key = match axis {
        Axis::Supervisor => "begeleider",
        Axis::Room => "ruimte",
    };
    href(
        "/agenda/plannen",
        &[("start", &start), (key, &resource.key)],
    )
}

/// What the agenda was asked to show: the view, the week (Monday to Sunday) and the day in it,
/// and the supervisor chosen, if any.
struct Asked {
    view: View,
    today: Date,
    monday: Date,
    sunday: Date,
    day: Date,
    chosen: Option<String>,
}

impl Asked {
    fn of(q: &Form, today: Date) -> Asked {
        let view = match q.get("weergave") {
            "dag" => View::Day,
            "lijst" => View::List,
            _ => View::Week,
        };
        let day = q.get("dag").parse::<Date>().ok();
        let week_of = q.get("week").parse::<Date>().ok().or(day).unwrap_or(today);
        let monday = monday_of(week_of);
        let sunday = monday.checked_add(6.days()).unwrap_or(monday);
        let day = day.filter(|d| *d >= monday && *d <= sunday).unwrap_or(
            if today >= monday && today <= sunday {
                today
            } else {
                monday
            },
        );
        Asked {
            view,
            today,
            monday,
            sunday,
            day,
            chosen: q.opt("begeleider"),
        }
    }

    /// The week's seven days.
    fn days(&self) -> Vec<Date> {
        (0..7)
            .filter_map(|i| self.monday.checked_add(i.days()).ok())
            .collect()
    }
}

/// How the grid is laid out: by supervisor, or by the rooms of one location; and whether the
/// reader plans (then free slots offer "Plan hier").
#[derive(Clone, Copy)]
struct Layout<'a> {
    axis: Axis,
    location: Option<&'a LocationView>,
    can_plan: bool,
}

impl Layout<'_> {
    fn may_plan_on(&self, r: &Resource) -> bool {
        self.can_plan && !r.key.is_empty()
    }
}

pub async fn agenda(State(ui): State<Arc<Ui>>, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let lang = page.lang;
    let q = Form::parse(raw.as_deref().unwrap_or("").as_bytes());
    let asked = Asked::of(&q, ui.app.today());
    let can_plan = ui.app.plan_week_allowed(&actor);

    // The organisation's supervisors and rooms (those who plan); a supervisor sees their own.
    let staff = ui.app.supervisors(&actor).await.unwrap_or_default();
    let locations = if can_plan {
        ui.app.locations(&actor).await.unwrap_or_default()
    } else {
        Vec::new()
    };
    let axis = if q.get("indeling") == "ruimte" && !locations.is_empty() {
        Axis::Room
    } else {
        Axis::Supervisor
    };
    let location = match axis {
        Axis::Room => q
            .opt("locatie")
            .and_then(|id| locations.iter().find(|l| l.id == id))
            .or(locations.first()),
        Axis::Supervisor => None,
    };
    let layout = Layout {
        axis,
        location,
        can_plan,
    };
    let query = AgendaQuery {
        from: Some(asked.monday.to_string()),
        to: Some(asked.sunday.to_string()),
        supervisor: asked.chosen.clone(),
        location: location.map(|l| l.id.clone()),
        room: None,
    };
    let found = match ui.app.agenda(&actor, &query).await {
        Ok(found) => found,
        Err(AppError::Forbidden) => return ui.error(&page, StatusCode::FORBIDDEN),
        Err(_) => return ui.error(&page, StatusCode::INTERNAL_SERVER_ERROR),
    };
    let placed = place(&found, axis);
    let resources = resources(&ui, lang, &layout, &staff, asked.chosen.as_deref(), &placed);
    let days = asked.days();
    let (links, day_links) = links(&asked, &layout, &days);
    let conflicts = found
        .iter()
        .filter(|e| e.state != SessionStatus::Cancelled && e.conflict)
        .count();
    let today = asked.today;
    ui.render(
        &page,
        StatusCode::OK,
        "agenda.html",
        json!({
            "nav": "agenda",
            "view": match asked.view { View::Week => "week", View::Day => "dag", View::List => "lijst" },
            "axis": match axis { Axis::Supervisor => "begeleider", Axis::Room => "ruimte" },
            "days": list_days(&days, &placed, today),
            "day_links": day_links,
            "week_rows": week_rows(&resources, &days, &placed, today, &layout),
            "day_rows": day_rows(asked.day, &placed, &resources, &layout),
            "columns": resources.iter().map(|r| &r.label).collect::<Vec<_>>(),
            "day": asked.day.to_string(),
            "monday": asked.monday.to_string(),
            "sunday": asked.sunday.to_string(),
            "week_dates": days.iter().map(|d| json!({ "date": d.to_string(), "today": *d == today })).collect::<Vec<_>>(),
            "links": links,
            "staff": staff.iter().map(|u| json!({ "value": u.id, "label": u.name })).collect::<Vec<_>>(),
            "locations": locations.iter().map(|l| json!({ "value": l.id, "label": l.name })).collect::<Vec<_>>(),
            "location": location.map(|l| l.id.as_str()).unwrap_or_default(),
            "location_name": location.map(|l| l.name.clone()),
            "chosen": asked.chosen,
            "can_plan": can_plan,
            "count": placed.len(),
            "conflicts": conflicts,
        }),
    )
}

/// The sessions that take place (not the cancelled ones), each at its day, minutes and
/// resource (a supervisor, or "location|room").
fn place(found: &[AgendaEntry], axis: Axis) -> Vec<Placed> {
    found
        .iter()
        .filter(|e| e.state != SessionStatus::Cancelled)
        .filter_map(|e| {
            let (date, start) = fmt::parse(&e.starts_at)?;
            let (end_date, end) = fmt::parse(&e.ends_at)?;
            let start_min = start.map_or(0, minutes);
            // A session past midnight ends, for the grid, at the day's end.
            let end_min = if end_date > date {
                24 * 60
            } else {
                end.map_or(start_min + SLOT_MINUTES, minutes)
            };
            let resource = match axis {
                Axis::Supervisor => e.supervisor_id.clone().unwrap_or_default(),
                Axis::Room => match (&e.location_id, &e.room_id) {
                    (Some(l), Some(r)) => format!("{l}|{r}"),
                    _ => String::new(),
                },
            };
            Some(Placed {
                date,
                start: start_min,
                end: end_min.max(start_min),
                resource,
                json: entry_json(e, start, end),
            })
        })
        .collect()
}

/// The resources: every supervisor (or the chosen one), or every room of the location;
/// "no supervisor" / "no room" only when a session needs it.
fn resources(
    ui: &Ui,
    lang: omgang_domain::text::Lang,
    layout: &Layout<'_>,
    staff: &[UserView],
    chosen: Option<&str>,
    placed: &[Placed],
) -> Vec<Resource> {
    let axis = layout.axis;
    let mut resources: Vec<Resource> = match axis {
        Axis::Supervisor => staff
            .iter()
            .filter(|u| chosen.is_none_or(|c| c == u.id))
            .map(|u| Resource {
                key: u.id.clone(),
                label: u.name.clone(),
            })
            .collect(),
        Axis::Room => layout
            .location
            .map(|l| {
                l.rooms
                    .iter()
                    .map(|r| Resource {
                        key: format!("{}|{}", l.id, r.id),
                        label: format!(
                            "{} ({})",
                            r.name,
                            ui.i18n
                                .t(lang, &format!("bh-room-type-{}", r.room_type))
                                .to_lowercase()
                        ),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    };
    for p in placed {
        if !resources.iter().any(|r| r.key == p.resource) {
            let label = if p.resource.is_empty() {
                ui.i18n.t(
                    lang,
                    match axis {
                        Axis::Supervisor => "agenda-no-supervisor",
                        Axis::Room => "agenda-no-room",
                    },
                )
            } else {
                p.json["supervisor"]
                    .as_str()
                    .unwrap_or(&p.resource)
                    .to_owned()
            };
            resources.push(Resource {
                key: p.resource.clone(),
                label,
            });
        }
    }
    resources
}

/// The list view: each day's sessions in order.
fn list_days(days: &[Date], placed: &[Placed], today: Date) -> Vec<Json> {
    days.iter()
        .map(|d| {
            let mut items: Vec<&Placed> = placed.iter().filter(|p| p.date == *d).collect();
            items.sort_by_key(|p| p.start);
            let items: Vec<&Json> = items.iter().map(|p| &p.json).collect();
            json!({ "date": d.to_string(), "today": *d == today, "items": items })
        })
        .collect()
}

/// Week: a row per resource, a cell per day.
fn week_rows(
    resources: &[Resource],
    days: &[Date],
    placed: &[Placed],
    today: Date,
    layout: &Layout<'_>,
) -> Vec<Json> {
    resources
        .iter()
        .map(|r| {
            let cells: Vec<Json> = days
                .iter()
                .map(|d| {
                    let mut mine: Vec<&Placed> = placed
                        .iter()
                        .filter(|p| p.date == *d && p.resource == r.key)
                        .collect();
                    mine.sort_by_key(|p| p.start);
                    let free = first_free(&mine).filter(|_| layout.may_plan_on(r));
                    json!({
                        "date": d.to_string(),
                        "today": *d == today,
                        "items": mine.iter().map(|p| &p.json).collect::<Vec<_>>(),
                        "plan": free.map(|m| plan_href(*d, m, layout.axis, r)),
                        "plan_time": free.map(hm),
                    })
                })
                .collect();
            json!({ "label": r.label, "cells": cells })
        })
        .collect()
}

/// Per room of a location, the opening hours of a weekday in minutes (none: always open).
fn open_hours(location: Option<&LocationView>, day: Date) -> Option<Vec<(i32, i32)>> {
    let weekday = day.weekday().to_monday_one_offset();
    location.map(|l| {
        l.opening_hours
            .iter()
            .filter(|h| i8::try_from(h.weekday).is_ok_and(|w| w == weekday))
            .filter_map(|h| {
                let start = h.starts.parse::<Time>().ok()?;
                let end = h.ends.parse::<Time>().ok()?;
                Some((minutes(start), minutes(end)))
            })
            .collect()
    })
}

/// Day: a row per half hour, a column per resource.
fn day_rows(
    day: Date,
    placed: &[Placed],
    resources: &[Resource],
    layout: &Layout<'_>,
) -> Vec<Json> {
    let of_day: Vec<&Placed> = placed.iter().filter(|p| p.date == day).collect();
    let (from, to) = day_range(&of_day);
    let columns: Vec<Vec<DayCell>> = resources
        .iter()
        .map(|r| {
            let mine: Vec<usize> = (0..of_day.len())
                .filter(|&i| of_day[i].resource == r.key)
                .collect();
            day_column(&of_day, &mine, from, to)
        })
        .collect();
    // Per room of a location: a slot outside its opening hours is closed, not free.
    let open_hours = open_hours(layout.location, day);
    let is_open = |minute: i32| {
        open_hours.as_ref().is_none_or(|hours| {
            hours
                .iter()
                .any(|&(a, b)| a <= minute && minute + SLOT_MINUTES <= b)
        })
    };
    let slots = usize::try_from((to - from) / SLOT_MINUTES).unwrap_or(0);
    (0..slots)
        .map(|row| {
            let minute = from + i32::try_from(row).unwrap_or(0) * SLOT_MINUTES;
            let cells: Vec<Json> = resources
                .iter()
                .zip(&columns)
                .filter_map(|(r, column)| match column.get(row)? {
                    DayCell::Covered => None,
                    DayCell::Busy { rows, items } => Some(json!({
                        "busy": true,
                        "rows": rows,
                        "items": items.iter().map(|&i| &of_day[i].json).collect::<Vec<_>>(),
                        "conflict": items.len() > 1,
                    })),
                    DayCell::Free => Some(json!({
                        "busy": false,
                        "closed": !is_open(minute),
                        "resource": r.label,
                        "plan": (layout.may_plan_on(r) && is_open(minute)).then(|| plan_href(day, minute, layout.axis, r)),
                    })),
                })
                .collect();
            json!({ "time": hm(minute), "cells": cells })
        })
        .collect()
}

/// The navigation: the weeks before and after, the views, and each day of the week.
fn links(asked: &Asked, layout: &Layout<'_>, days: &[Date]) -> (Json, Vec<Json>) {
    let axis_key = match layout.axis {
        Axis::Supervisor => "",
        Axis::Room => "ruimte",
    };
    let loc_id = layout.location.map(|l| l.id.as_str()).unwrap_or_default();
    let chosen_id = asked.chosen.as_deref().unwrap_or_default();
    let view_key = match asked.view {
        View::Week => "",
        View::Day => "dag",
        View::List => "lijst",
    };
    let link = |week: &str, view: &str, dag: &str| {
        href(
            "/agenda",
            &[
                ("week", week),
                ("weergave", view),
                ("dag", dag),
                ("indeling", axis_key),
                ("locatie", loc_id),
                ("begeleider", chosen_id),
            ],
        )
    };
    let monday = asked.monday;
    let prev = monday.checked_sub(7.days()).unwrap_or(monday);
    let next = monday.checked_add(7.days()).unwrap_or(monday);
    let day_links: Vec<Json> = days
        .iter()
        .map(|d| {
            json!({
                "date": d.to_string(),
                "href": link(&monday.to_string(), "dag", &d.to_string()),
                "current": asked.view == View::Day && *d == asked.day,
                "today": *d == asked.today,
            })
        })
        .collect();
    let links = json!({
        "prev": link(&prev.to_string(), view_key, ""),
        "this": link("", view_key, ""),
        "next": link(&next.to_string(), view_key, ""),
        "week": link(&monday.to_string(), "", ""),
        "day": link(&monday.to_string(), "dag", &asked.day.to_string()),
        "list": link(&monday.to_string(), "lijst", ""),
    });
    (links, day_links)
}

/// "Plan hier": the slot the agenda offered (a time, and a supervisor or a room), and the
/// organisation's open cases to choose from. Choosing one opens that case's session form
/// with the slot filled in; nothing is planned on this page.
pub async fn plan_here(State(ui): State<Arc<Ui>>, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    if !ui.app.plan_week_allowed(&actor) {
        return ui.error(&page, StatusCode::FORBIDDEN);
    }
    let lang = page.lang;
    let q = Form::parse(raw.as_deref().unwrap_or("").as_bytes());
    let start_text = q.get("start").trim().to_owned();
    let start = start_text
        .parse::<DateTime>()
        .ok()
        .or_else(|| start_text.parse::<Date>().ok().map(|d| d.at(9, 0, 0, 0)));
    let supervisor = q.opt("begeleider");
    let room = q.opt("ruimte");
    let filter = q.get("zoek").trim().to_lowercase();

    let staff = ui.app.supervisors(&actor).await.unwrap_or_default();
    let rooms = crate::beheer::room_options(&ui, &actor).await;
    let supervisor_name = supervisor
        .as_ref()
        .and_then(|id| staff.iter().find(|u| &u.id == id))
        .map(|u| u.name.clone());
    let room_name = room
        .as_ref()
        .and_then(|key| rooms.iter().find(|r| r["value"] == json!(key)))
        .and_then(|r| r["label"].as_str().map(str::to_owned));

    let cases = match ui
        .app
        .list_cases(
            &actor,
            &CaseListQuery {
                sort: Some("reference".into()),
                ..CaseListQuery::default()
            },
        )
        .await
    {
        Ok(cases) => cases,
        Err(AppError::Forbidden) => return ui.error(&page, StatusCode::FORBIDDEN),
        Err(_) => return ui.error(&page, StatusCode::INTERNAL_SERVER_ERROR),
    };
    let start_value = start.map(|s| s.strftime("%Y-%m-%dT%H:%M").to_string());
    let rows: Vec<Json> = cases
        .iter()
        // Sessions are planned from the intake on, until the follow-up ends.
        .filter(|c| {
            matches!(
                c.status,
                CaseStatus::Intake | CaseStatus::Plan | CaseStatus::Running | CaseStatus::FollowUp
            )
        })
        .filter(|c| {
            filter.is_empty()
                || c.reference.to_lowercase().contains(&filter)
                || c.family.to_lowercase().contains(&filter)
        })
        .map(|c| {
            let target = href(
                &format!("/dossiers/{}", c.id),
                &[
                    ("plan_start", start_value.as_deref().unwrap_or_default()),
                    ("plan_begeleider", supervisor.as_deref().unwrap_or_default()),
                    ("plan_ruimte", room.as_deref().unwrap_or_default()),
                ],
            );
            json!({
                "reference": c.reference,
                "family": c.family,
                "programme": c.programme_name,
                "status": c.status_label,
                "href": format!("{target}#sessie-plannen"),
            })
        })
        .collect();
    let status = if start.is_some() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    ui.render(
        &page,
        status,
        "agenda_plan.html",
        json!({
            "nav": "agenda",
            "start": start_value,
            "start_text": start.map(|s| format!("{}, {}", fmt::date(s.date(), lang), fmt::time(s.time()))),
            "start_invalid": start.is_none(),
            "raw_start": start_text,
            "begeleider": supervisor,
            "ruimte": room,
            "supervisor_name": supervisor_name,
            "room_name": room_name,
            "zoek": q.get("zoek"),
            "cases": rows,
            "back": start.map_or_else(
                || "/agenda".to_owned(),
                |s| href("/agenda", &[("weergave", "dag"), ("dag", &s.date().to_string()), ("indeling", if room.is_some() { "ruimte" } else { "" })]),
            ),
        }),
    )
}

#[cfg(test)]
mod tests;
