//! The Rust checker agrees with check.py, on valid plans and on deliberately broken ones.
#![allow(clippy::unwrap_used)]

mod common;

use omgang_planner::{Assignment, Instance, PlannerError, Solution, SolveOptions, check, solve};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Broken variants of a plan: shifted starts, swapped rooms and supervisors, everything in
/// one room, unplaced requests forced in, malformed ones.
fn variants(inst: &Instance, sol: &Solution, seed: u64) -> Vec<Solution> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let rooms: Vec<String> = inst
        .locations
        .iter()
        .flat_map(|l| l.rooms.iter().map(|r| r.id.clone()))
        .collect();
    let sups: Vec<String> = inst.supervisors.iter().map(|s| s.id.clone()).collect();
    let mut out = vec![sol.clone()];
    for k in 0..6 {
        let mut s = sol.clone();
        for a in &mut s.assignments {
            match (k, rng.random_range(0..4)) {
                (0, 0) => a.start += rng.random_range(-8..8) * 15,
                (1, 0) => a.start += rng.random_range(-3..3) * 7,
                (2, _) => a.room.clone_from(&rooms[0]),
                (3, 0) => a
                    .supervisor
                    .clone_from(&sups[rng.random_range(0..sups.len())]),
                (4, 0) => a.room.clone_from(&rooms[rng.random_range(0..rooms.len())]),
                _ => {}
            }
        }
        if k == 5 {
            // force every unplaced request in at a random time, room and supervisor
            for u in std::mem::take(&mut s.unplaced) {
                s.assignments.push(Assignment {
                    request: u,
                    start: rng.random_range(0..670) * 15,
                    room: rooms[rng.random_range(0..rooms.len())].clone(),
                    supervisor: sups[rng.random_range(0..sups.len())].clone(),
                });
            }
        }
        out.push(s);
    }
    // malformed: a request twice, a request missing, a wrong instance name
    let mut s = sol.clone();
    if let Some(a) = s.assignments.first().cloned() {
        s.assignments.push(a);
    }
    out.push(s);
    let mut s = sol.clone();
    s.assignments.pop();
    out.push(s);
    let mut s = sol.clone();
    s.instance.push('x');
    out.push(s);
    out
}

#[test]
fn rust_check_agrees_with_check_py() {
    let mut cases: Vec<Instance> = (1..=6).map(common::random_instance).collect();
    // check.py knows nothing of the product's extension (a case's own supervisor only).
    for inst in &mut cases {
        for r in &mut inst.requests {
            r.only_supervisors = None;
        }
    }
    if let Some((_, s)) = common::public_instance("S-seed1") {
        cases.push(s);
    }
    let mut rules = std::collections::BTreeSet::new();
    let mut placed = 0;
    for (i, inst) in cases.iter().enumerate() {
        let plan = solve(
            inst,
            &mut || false,
            &SolveOptions {
                seed: 1,
                max_iterations: Some(50),
                threads: 1,
            },
        );
        assert!(plan.report.is_valid());
        placed += plan.report.placed;
        for sol in variants(inst, &plan.solution, i as u64) {
            let rep = check(inst, &sol);
            rules.extend(rep.violations_by_rule.keys().cloned());
            let Some(py) = common::python_check(inst, &sol) else {
                return;
            };
            common::assert_agree(&rep, &py);
        }
    }
    eprintln!("placed {placed}; rules exercised: {rules:?}");
    assert!(
        placed >= 30,
        "the generated instances should place something"
    );
    assert!(rules.len() >= 12, "too few rules exercised: {rules:?}");
}

#[test]
fn unplaced_reasons_are_ignored_by_check_py() {
    let inst = common::random_instance(11);
    let plan = solve(
        &inst,
        &mut || false,
        &SolveOptions {
            seed: 1,
            max_iterations: Some(10),
            threads: 1,
        },
    );
    let json = plan.solution.to_json();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["unplaced"].is_array() && v["assignments"].is_array());
    if !plan.unplaced.is_empty() {
        assert!(v["unplaced_reasons"].is_object());
    }
    assert_eq!(Solution::from_json(&json).unwrap(), plan.solution);
    if let Some(py) = common::python_check(&inst, &plan.solution) {
        assert_eq!(py["hard_violations"], 0, "{py}");
        common::assert_agree(&plan.report, &py);
    }
}

#[test]
fn instance_errors_name_the_field() {
    let inst = common::random_instance(3);
    let mut bad = inst.clone();
    bad.requests[0].locations.push("NOPE".into());
    let e = Instance::from_json(&serde_json::to_string(&bad).unwrap()).unwrap_err();
    assert!(
        matches!(&e, PlannerError::UnknownReference { kind: "location", id, .. } if id == "NOPE"),
        "{e}"
    );
    assert!(e.to_string().starts_with("requests[0].locations["), "{e}");
    let mut bad = inst.clone();
    bad.supervisors[0].locations.push("L-X".into());
    let e = Instance::from_json(&serde_json::to_string(&bad).unwrap()).unwrap_err();
    assert!(e.to_string().contains("supervisors[0].locations"), "{e}");
    let mut bad = inst.clone();
    bad.requests[0].fixed = Some(omgang_planner::FixedSession {
        start: 0,
        room: "R-X".into(),
        supervisor: inst.supervisors[0].id.clone(),
    });
    let e = Instance::from_json(&serde_json::to_string(&bad).unwrap()).unwrap_err();
    assert!(
        matches!(&e, PlannerError::UnknownReference { kind: "room", .. }),
        "{e}"
    );
    assert!(e.to_string().contains("requests[0].fixed.room"), "{e}");
    let mut bad = inst.clone();
    bad.requests[0].previous_supervisor = Some("S-X".into());
    let e = Instance::from_json(&serde_json::to_string(&bad).unwrap()).unwrap_err();
    assert!(
        e.to_string().contains("requests[0].previous_supervisor"),
        "{e}"
    );
    let mut bad = inst.clone();
    bad.week_start = "2025-02-30".into();
    assert!(
        Instance::from_json(&serde_json::to_string(&bad).unwrap())
            .unwrap_err()
            .to_string()
            .contains("week_start")
    );
    let mut bad = inst;
    bad.requests[1].id = bad.requests[0].id.clone();
    assert!(matches!(
        Instance::from_json(&serde_json::to_string(&bad).unwrap()).unwrap_err(),
        PlannerError::DuplicateId { .. }
    ));
    assert!(matches!(
        Instance::from_json("{").unwrap_err(),
        PlannerError::Json(_)
    ));
}

#[test]
fn reasons_in_words() {
    // a volunteer-only organisation whose VOG expired before Saturday
    let mut inst = common::random_instance(5);
    inst.requests.truncate(1);
    inst.organisations.truncate(1);
    let org = inst.organisations[0].id.clone();
    inst.locations.retain(|l| l.organisation == org);
    for l in &mut inst.locations {
        l.travel_minutes.retain(|_, _| false);
        l.opening_hours = vec![vec![[0, 1440]]; 7];
    }
    inst.supervisors.retain(|s| s.organisation == org);
    inst.supervisors.truncate(1);
    let s = &mut inst.supervisors[0];
    s.kind = omgang_planner::SupervisorKind::Volunteer;
    s.trained = true;
    s.vog_valid_until = Some("2025-03-07".into()); // Friday
    s.availability = vec![[5 * 1440, 6 * 1440]];
    s.locations = inst.locations.iter().map(|l| l.id.clone()).collect();
    s.max_minutes_per_week = 10_000;
    let r = &mut inst.requests[0];
    r.organisation = org;
    r.windows = vec![[5 * 1440 + 600, 5 * 1440 + 900]];
    r.locations = inst.locations.iter().map(|l| l.id.clone()).collect();
    r.room_types = vec![
        omgang_planner::RoomType::Homely,
        omgang_planner::RoomType::Large,
        omgang_planner::RoomType::Office,
    ];
    r.volunteer_allowed = true;
    r.previous_supervisor = None;
    inst.validate().unwrap();
    let plan = solve(&inst, &mut || false, &SolveOptions::default());
    assert_eq!(plan.unplaced.len(), 1);
    let u = &plan.unplaced[0];
    assert_eq!(u.reason_code, "vog_invalid");
    assert_eq!(
        u.reason_nl,
        "geen begeleider met geldige VOG beschikbaar op zaterdag"
    );
    assert!(u.reason_en.contains("VOG") && u.reason_en.contains("Saturday"));
    // volunteers not allowed
    inst.requests[0].volunteer_allowed = false;
    let plan = solve(&inst, &mut || false, &SolveOptions::default());
    assert_eq!(plan.unplaced[0].reason_code, "volunteer_not_allowed");
    // VOG valid: placed
    inst.requests[0].volunteer_allowed = true;
    inst.supervisors[0].vog_valid_until = Some("2025-03-08".into());
    let plan = solve(&inst, &mut || false, &SolveOptions::default());
    assert!(plan.unplaced.is_empty(), "{:?}", plan.unplaced);
}
