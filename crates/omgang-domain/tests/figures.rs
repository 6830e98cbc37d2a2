//! Anonymised figures: counts and medians per programme and quarter, small cells suppressed.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use omgang_domain::case::Case;
use omgang_domain::figures::{Cell, Group, MIN_CASES, figures, quarter};
use omgang_domain::programme::SessionKind;

fn find<'a>(groups: &'a [Group], programme: Option<&str>, q: Option<u8>) -> &'a Group {
    groups
        .iter()
        .find(|g| g.programme.as_deref() == programme && g.quarter == q)
        .unwrap()
}

/// A case of `programme` in intake since a week after registration, with one visit held
/// `visit_after` days later.
fn running_case(programme: &str, visit_after: i64) -> Case {
    let mut w = World::new(programme);
    w.advance_days(7);
    w.walk_to_running();
    w.advance_days(visit_after);
    w.plan_tomorrow("v1", SessionKind::SupervisedVisit);
    w.advance_days(1);
    w.hold("v1");
    w.case
}

#[test]
fn figures_count_per_programme_and_quarter_and_suppress_small_cells() {
    let mut cases: Vec<Case> = (0..6).map(|i| running_case(OH, i)).collect();
    cases.extend((0..2).map(|i| running_case(BOR, i)));
    let year = start_date().year();
    let groups = figures(&cases, year);
    let q = quarter(start_date());
    assert_eq!(q, 1);

    let oh = find(&groups, Some(OH), Some(1));
    assert_eq!(oh.registrations, Cell::Shown(6));
    assert_eq!(oh.sessions_held.value(), Some(6));
    // Every case waited 7 days for its intake (and a day more to complete it).
    assert_eq!(oh.days_to_intake, Some(Cell::Shown(7)));
    assert!(oh.days_to_first_visit.unwrap().value().unwrap() >= 2);
    assert_eq!(oh.duration_days, None, "none is closed");
    // Two BOR cases: suppressed, never shown as a number.
    let bor = find(&groups, Some(BOR), Some(1));
    assert_eq!(bor.registrations, Cell::Suppressed);
    assert_eq!(bor.sessions_held, Cell::Suppressed);
    assert_eq!(bor.days_to_intake, Some(Cell::Suppressed));
    // An empty quarter is a plain zero.
    assert_eq!(
        find(&groups, Some(OH), Some(2)).registrations,
        Cell::Shown(0)
    );
    assert_eq!(find(&groups, Some(OH), Some(2)).days_to_intake, None);
    // Every programme together.
    assert_eq!(find(&groups, None, None).registrations, Cell::Shown(8));
    assert_eq!(find(&groups, None, Some(1)).sessions_held, Cell::Shown(8));
    // Another year: nothing.
    assert!(
        figures(&cases, year - 1)
            .iter()
            .all(|g| g.registrations == Cell::Shown(0))
    );
    // No cell below the threshold is ever shown.
    for g in &groups {
        if let Cell::Shown(n) = g.registrations {
            assert!(n == 0 || n >= MIN_CASES, "{g:?}");
        }
        for cell in g.outcomes.values() {
            if let Cell::Shown(n) = cell {
                assert!(*n >= MIN_CASES);
            }
        }
    }
}
