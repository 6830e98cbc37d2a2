//! The agenda's grid: days, columns, free slots.

use super::*;

fn placed(start: i32, end: i32, resource: &str) -> Placed {
    Placed {
        date: jiff::civil::date(2026, 12, 2),
        start,
        end,
        resource: resource.into(),
        json: Json::Null,
    }
}

#[test]
fn a_day_column_has_one_cell_per_half_hour_under_blocks() {
    let items = [
        placed(10 * 60, 11 * 60 + 30, "a"),
        placed(14 * 60 + 15, 15 * 60, "a"),
        placed(14 * 60 + 30, 16 * 60, "a"),
        placed(9 * 60, 10 * 60, "b"),
    ];
    let refs: Vec<&Placed> = items.iter().collect();
    let (from, to) = day_range(&refs);
    assert_eq!((from, to), (8 * 60, 21 * 60));
    let col = day_column(&refs, &[0, 1, 2], from, to);
    // Every half hour accounted for: blocks' rows plus free cells.
    let rows: usize = col
        .iter()
        .map(|c| match c {
            DayCell::Busy { .. } | DayCell::Free | DayCell::Covered => 1,
        })
        .sum();
    assert_eq!(rows, 26);
    // 10:00–11:30 is three rows from 10:00 (row 4).
    assert_eq!(
        col[4],
        DayCell::Busy {
            rows: 3,
            items: vec![0]
        }
    );
    assert_eq!(col[5], DayCell::Covered);
    assert_eq!(col[7], DayCell::Free);
    // 14:15 and 14:30 overlap: one block from 14:00 to 16:00 with both (a double booking).
    assert_eq!(
        col[12],
        DayCell::Busy {
            rows: 4,
            items: vec![1, 2]
        }
    );
    assert!(col[13..16].iter().all(|c| *c == DayCell::Covered));
    assert_eq!(col[16], DayCell::Free);
}

#[test]
fn the_day_widens_to_sessions_outside_the_usual_hours() {
    let items = [
        placed(7 * 60 + 45, 8 * 60 + 30, "a"),
        placed(21 * 60, 22 * 60 + 10, "a"),
    ];
    let refs: Vec<&Placed> = items.iter().collect();
    assert_eq!(day_range(&refs), (7 * 60 + 30, 22 * 60 + 30));
    let col = day_column(&refs, &[0, 1], 7 * 60 + 30, 22 * 60 + 30);
    assert_eq!(col.len(), 30);
    assert_eq!(
        col[0],
        DayCell::Busy {
            rows: 2,
            items: vec![0]
        }
    );
    assert_eq!(
        col[27],
        DayCell::Busy {
            rows: 3,
            items: vec![1]
        }
    );
}

#[test]
fn plan_here_offers_the_first_free_hour_after_nine() {
    assert_eq!(first_free(&[]), Some(9 * 60));
    let a = placed(9 * 60, 10 * 60 + 20, "a");
    let b = placed(10 * 60 + 45, 12 * 60, "a");
    // 10:30–10:45 is too short for an hour: after 12:00.
    assert_eq!(first_free(&[&a, &b]), Some(12 * 60));
    let late = placed(12 * 60 + 30, 21 * 60, "a");
    assert_eq!(first_free(&[&a, &b, &late]), None);
}
