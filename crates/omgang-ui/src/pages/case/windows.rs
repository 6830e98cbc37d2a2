//! The family's windows and the children's school hours: the form's rows, what it sends,
//! and its messages put back at the row they came from (the case page and the portal).

use serde_json::{Value as Json, json};

use crate::Ui;
use crate::web::Form;

/// The rows of the family's windows form on the case page: the stored windows (or none, when
/// the planner's default applies), then empty rows up to [`WINDOW_ROWS`].
const WINDOW_ROWS: usize = 6;
/// Rows for the children's school hours: a school week.
const SCHOOL_ROWS: usize = 5;

/// The windows form's rows and a summary, for the case page and the portal.
pub(crate) fn window_rows_of(
    ui: &Ui,
    lang: omgang_domain::Lang,
    w: &omgang_app::planning::WindowsView,
) -> Json {
    // The form's rows: the stored slots, then empty ones up to `at_least`.
    let rows = |slots: &[omgang_app::beheer::SlotInput], at_least: usize| {
        let mut rows: Vec<Json> = slots
            .iter()
            .map(
                |s| json!({ "weekday": s.weekday.to_string(), "starts": s.starts, "ends": s.ends }),
            )
            .collect();
        while rows.len() < at_least.max(slots.len()) {
            rows.push(json!({ "weekday": "", "starts": "", "ends": "" }));
        }
        rows
    };
    let summary = |slots: &[omgang_app::beheer::SlotInput]| {
        slots
            .iter()
            .map(|s| {
                format!(
                    "{} {}–{}",
                    ui.i18n.t(lang, &format!("bh-weekday-{}", s.weekday)),
                    s.starts,
                    s.ends
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    json!({
        "default": w.default,
        // The default windows are shown in the summary, not as the family's own rows.
        "rows": rows(if w.default { &[] } else { &w.windows }, WINDOW_ROWS),
        "summary": summary(&w.windows),
        "school": rows(&w.school, SCHOOL_ROWS),
        "school_summary": summary(&w.school),
    })
}

/// The filled-in rows of the windows form, and the form row of each (to put a field's
/// message back at the row it came from).
pub(crate) fn windows_input(form: &Form) -> (omgang_app::planning::WindowsInput, SlotRows) {
    let (windows, window_rows) = slot_rows(form, "windows");
    let (school, school_rows) = slot_rows(form, "school");
    (
        omgang_app::planning::WindowsInput {
            windows,
            // The form always shows the school hours: what it sends replaces them.
            school: Some(school),
        },
        SlotRows {
            windows: window_rows,
            school: school_rows,
        },
    )
}

/// For each list of the windows form, the form row of each filled-in entry.
pub(crate) struct SlotRows {
    windows: Vec<usize>,
    school: Vec<usize>,
}

fn slot_rows(form: &Form, list: &str) -> (Vec<omgang_app::beheer::SlotInput>, Vec<usize>) {
    let mut rows = Vec::new();
    let slots = (0..WINDOW_ROWS.max(20))
        .filter_map(|i| {
            let day = form.get(&format!("{list}[{i}].weekday")).trim().to_owned();
            let starts = form.get(&format!("{list}[{i}].starts")).trim().to_owned();
            let ends = form.get(&format!("{list}[{i}].ends")).trim().to_owned();
            if day.is_empty() && starts.is_empty() && ends.is_empty() {
                return None;
            }
            rows.push(i);
            Some(omgang_app::beheer::SlotInput {
                weekday: day.parse().unwrap_or(0),
                starts,
                ends,
            })
        })
        .collect();
    (slots, rows)
}

pub(crate) fn window_errors(
    errors: Vec<omgang_app::FieldError>,
    rows: &SlotRows,
) -> Vec<omgang_app::FieldError> {
    errors
        .into_iter()
        .map(|mut e| {
            for (list, rows) in [("windows", &rows.windows), ("school", &rows.school)] {
                if let Some(rest) = e.field.strip_prefix(&format!("{list}["))
                    && let Some((k, tail)) = rest.split_once(']')
                    && let Some(row) = k.parse::<usize>().ok().and_then(|k| rows.get(k))
                {
                    e.field = format!("{list}[{row}]{tail}");
                    break;
                }
            }
            e
        })
        .collect()
}
