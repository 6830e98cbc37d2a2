//! Weeks and minutes of the week: parsing a week, times as minutes from Monday 00:00,
//! intervals of minutes, and the planner's codes for kinds and room types.

use jiff::civil::{Date, DateTime, ISOWeekDate, Time, Weekday};
use omgang_domain::programme::{RoomType, SessionKind};
use omgang_planner as planner;

use crate::beheer::SlotInput;
use crate::{AppError, Result};

/// `date` moved by `days` (either way).
pub fn shift(date: Date, days: i64) -> Date {
    date.checked_add(jiff::Span::new().days(days))
        .unwrap_or(date)
}

/// `YYYY-Www` of the week of `date`.
pub fn week_label(date: Date) -> String {
    let iso = date.iso_week_date();
    format!("{:04}-W{:02}", iso.year(), iso.week())
}

/// The Monday of a week given as `YYYY-Www` (ISO week) or as a date in it (`YYYY-MM-DD`).
pub fn parse_week(text: &str) -> Option<Date> {
    let t = text.trim();
    let monday = if let Some((y, w)) = t.split_once("-W").or_else(|| t.split_once("-w")) {
        let year: i16 = y.parse().ok()?;
        let week: i8 = w.parse().ok()?;
        ISOWeekDate::new(year, week, Weekday::Monday).ok()?.date()
    } else {
        let d: Date = t.parse().ok()?;
        shift(d, -i64::from(d.weekday().to_monday_zero_offset()))
    };
    (2000..=2100).contains(&monday.year()).then_some(monday)
}

pub(super) fn week_of(text: &str) -> Result<(String, Date)> {
    parse_week(text)
        .map(|m| (week_label(m), m))
        .ok_or_else(|| {
            AppError::invalid(
                "week",
                "Geef de week als 2026-W11 (jaar en weeknummer) of als een datum in die week (2026-03-09).",
                "Give the week as 2026-W11 (year and week number) or as a date in it (2026-03-09).",
            )
        })
}

pub(super) fn minutes_of_time(t: Time) -> i64 {
    i64::from(t.hour()) * 60 + i64::from(t.minute())
}

pub(super) fn hhmm(minutes: i64) -> String {
    let m = minutes.rem_euclid(1440);
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Week minutes of a local date-time in the week of `monday` (may lie outside 0..10080).
pub(super) fn week_minute(monday: Date, at: DateTime) -> i64 {
    let days = at
        .date()
        .since(monday)
        .map(|s| i64::from(s.get_days()))
        .unwrap_or(0);
    days * 1440 + minutes_of_time(at.time())
}

pub(super) fn at_minute(monday: Date, minute: i64) -> DateTime {
    let day = shift(monday, minute.div_euclid(1440));
    let m = minute.rem_euclid(1440);
    let t = Time::new(
        i8::try_from(m / 60).unwrap_or(0),
        i8::try_from(m % 60).unwrap_or(0),
        0,
        0,
    )
    .unwrap_or(Time::midnight());
    day.to_datetime(t)
}

pub(super) fn local(at: DateTime) -> String {
    at.strftime("%Y-%m-%dT%H:%M").to_string()
}

/// Weekly slots as week minutes (a slot that does not parse is left out).
pub(super) fn slots_to_minutes(slots: &[SlotInput]) -> Vec<[i64; 2]> {
    let mut out: Vec<[i64; 2]> = slots
        .iter()
        .filter(|s| (1..=7).contains(&s.weekday))
        .filter_map(|s| {
            let a = s.starts.parse::<Time>().ok()?;
            let b = s.ends.parse::<Time>().ok()?;
            let day = (i64::from(s.weekday) - 1) * 1440;
            (b > a).then(|| [day + minutes_of_time(a), day + minutes_of_time(b)])
        })
        .collect();
    normalise(&mut out);
    out
}

/// Sorts and joins overlapping or touching intervals (the format never joins them itself).
pub(super) fn normalise(v: &mut Vec<[i64; 2]>) {
    v.retain(|i| i[1] > i[0]);
    v.sort_unstable();
    let mut out: Vec<[i64; 2]> = Vec::with_capacity(v.len());
    for i in v.drain(..) {
        match out.last_mut() {
            Some(last) if i[0] <= last[1] => last[1] = last[1].max(i[1]),
            _ => out.push(i),
        }
    }
    *v = out;
}

/// `v` without `[a, b)`.
pub(super) fn subtract(v: &[[i64; 2]], cut: [i64; 2]) -> Vec<[i64; 2]> {
    let mut out = Vec::new();
    for i in v {
        if cut[1] <= i[0] || cut[0] >= i[1] {
            out.push(*i);
            continue;
        }
        if i[0] < cut[0] {
            out.push([i[0], cut[0]]);
        }
        if cut[1] < i[1] {
            out.push([cut[1], i[1]]);
        }
    }
    out
}

pub(super) fn planner_room_type(t: RoomType) -> planner::RoomType {
    match t {
        RoomType::Homely => planner::RoomType::Homely,
        RoomType::Large => planner::RoomType::Large,
        RoomType::Office => planner::RoomType::Office,
    }
}

pub(super) fn kind_code(kind: SessionKind) -> String {
    omgang_store::json_name(&kind)
}

pub(super) fn kind_of(code: &str) -> Option<SessionKind> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_parse_as_iso_weeks_or_dates() {
        let monday = jiff::civil::date(2026, 3, 9);
        assert_eq!(parse_week("2026-W11"), Some(monday));
        assert_eq!(parse_week("2026-03-12"), Some(monday));
        assert_eq!(week_label(monday), "2026-W11");
        assert_eq!(parse_week("2026-W60"), None);
        assert_eq!(parse_week("morgen"), None);
        assert_eq!(parse_week("9999-W01"), None);
    }

    #[test]
    fn intervals_join_and_cut() {
        let mut v = vec![[10, 20], [20, 30], [40, 50], [5, 12]];
        normalise(&mut v);
        assert_eq!(v, vec![[5, 30], [40, 50]]);
        assert_eq!(subtract(&v, [10, 45]), vec![[5, 10], [45, 50]]);
        assert_eq!(subtract(&v, [0, 100]), Vec::<[i64; 2]>::new());
    }
}
