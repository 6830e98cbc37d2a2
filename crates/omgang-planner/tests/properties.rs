//! Properties on generated small instances: valid plans, kept fixed sessions, tiny budgets,
//! determinism.
#![allow(clippy::unwrap_used)]

mod common;

use omgang_planner::{FixedSession, SolveOptions, check, solve};
use proptest::prelude::*;

fn opts(seed: u64, iters: u64, threads: usize) -> SolveOptions {
    SolveOptions {
        seed,
        max_iterations: Some(iters),
        threads,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn plans_are_valid_and_keep_fixed_sessions(seed in any::<u64>(), iters in prop_oneof![Just(0u64), 1u64..300]) {
        let inst = common::random_instance(seed);
        let plan = solve(&inst, &mut || false, &opts(seed, iters, 1));
        let rep = check(&inst, &plan.solution);
        prop_assert!(rep.is_valid(), "{:?}", rep.violations);
        prop_assert_eq!(plan.unplaced.len(), plan.solution.unplaced.len());
        prop_assert_eq!(rep.placed + plan.unplaced.len(), inst.requests.len());

        // fix about half of the placed sessions, and one random (probably invalid) session
        let mut inst2 = inst.clone();
        let mut fixed = Vec::new();
        for (k, a) in plan.solution.assignments.iter().enumerate() {
            if k % 2 == 0 {
                let r = inst2.requests.iter_mut().find(|r| r.id == a.request).unwrap();
                r.fixed = Some(FixedSession { start: a.start, room: a.room.clone(), supervisor: a.supervisor.clone() });
                fixed.push(a.clone());
            }
        }
        let garbage = plan.solution.unplaced.first().cloned();
        if let Some(g) = &garbage {
            let room = inst2.locations[0].rooms[0].id.clone();
            let sup = inst2.supervisors[0].id.clone();
            let r = inst2.requests.iter_mut().find(|r| r.id == *g).unwrap();
            r.fixed = Some(FixedSession { start: (seed % 600) as i64 * 15, room, supervisor: sup });
        }
        let plan2 = solve(&inst2, &mut || false, &opts(seed ^ 7, iters, 2));
        let rep2 = check(&inst2, &plan2.solution);
        prop_assert!(rep2.is_valid(), "{:?}", rep2.violations);
        for r in &inst2.requests {
            let Some(f) = &r.fixed else { continue };
            match plan2.solution.assignments.iter().find(|a| a.request == r.id) {
                Some(a) => {
                    prop_assert_eq!(a.start, f.start);
                    prop_assert_eq!(&a.room, &f.room);
                    prop_assert_eq!(&a.supervisor, &f.supervisor);
                }
                None => {
                    let u = plan2.unplaced.iter().find(|u| u.request == r.id).unwrap();
                    prop_assert!(u.reason_code.starts_with("fixed_"), "{:?}", u);
                    // a session fixed from a valid plan is lost only if the garbage one blocks it
                    prop_assert!(garbage.is_some());
                }
            }
        }
        if garbage.is_none() {
            for a in &fixed {
                prop_assert!(plan2.solution.assignments.contains(a));
            }
        }
    }

    #[test]
    fn deterministic_by_iterations_and_polls(seed in any::<u64>()) {
        let inst = common::random_instance(seed);
        let a = solve(&inst, &mut || false, &opts(seed, 200, 1));
        let b = solve(&inst, &mut || false, &opts(seed, 200, 2));
        prop_assert_eq!(&a.solution, &b.solution);
        // same number of polls answering false -> same plan
        let stop_after = |n: u32| { let mut k = 0; move || { k += 1; k > n } };
        let c = solve(&inst, &mut stop_after(3), &SolveOptions { seed, max_iterations: None, threads: 2 });
        let d = solve(&inst, &mut stop_after(3), &SolveOptions { seed, max_iterations: None, threads: 1 });
        prop_assert_eq!(&c.solution, &d.solution);
        prop_assert!(c.report.is_valid());
    }
}
