//! The plan from the best state of each group: assignments in instance order, and the
//! reason of every unplaced request.

use crate::check::check;
use crate::model::{Assignment, Index, Instance, ReasonText, Solution};
use crate::reasons::{self, Reason};

use super::search::Search;
use super::{Plan, Unplaced};

/// The plan of the best states of `searches`, checked.
pub(super) fn plan(inst: &Instance, ix: &Index<'_>, searches: &[Search<'_>], polls: u64) -> Plan {
    let iterations = searches.iter().map(|s| s.iter).sum();
    let mut placed: Vec<Option<Assignment>> = vec![None; inst.requests.len()];
    let mut why: Vec<Option<Reason>> = vec![None; inst.requests.len()];
    for s in searches {
        let p = s.p;
        let st = s.best_state();
        for (r, q) in p.reqs.iter().enumerate() {
            if let Some(x) = st.asg[r] {
                let (lg, k) = p.room_g[x.room as usize];
                placed[q.g] = Some(Assignment {
                    request: inst.requests[q.g].id.clone(),
                    start: i64::from(x.start),
                    room: inst.locations[lg].rooms[k].id.clone(),
                    supervisor: inst.supervisors[p.sup_g[x.sup as usize]].id.clone(),
                });
            } else {
                why[q.g] = Some(reasons::explain(inst, ix, p, &st, r));
            }
        }
    }
    let mut solution = Solution {
        instance: inst.name.clone(),
        assignments: placed.into_iter().flatten().collect(),
        unplaced: Vec::new(),
        unplaced_reasons: Default::default(),
    };
    let mut unplaced = Vec::new();
    for (g, w) in why.into_iter().enumerate() {
        if let Some(w) = w {
            let id = inst.requests[g].id.clone();
            solution.unplaced.push(id.clone());
            solution.unplaced_reasons.insert(
                id.clone(),
                ReasonText {
                    code: w.code.to_string(),
                    nl: w.nl.clone(),
                    en: w.en.clone(),
                },
            );
            unplaced.push(Unplaced {
                request: id,
                reason_code: w.code.to_string(),
                reason_nl: w.nl,
                reason_en: w.en,
            });
        }
    }
    let report = check(inst, &solution);
    Plan {
        solution,
        unplaced,
        report,
        iterations,
        polls,
    }
}
