//! The checker of FORMAT.md in Rust: hard violations and score, as `check.py` computes them.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::model::{Assignment, DAY, Index, Instance, Solution, unary_violations};

/// One hard violation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    /// The rule name of FORMAT.md §5 (`room_overlap`, `vog_invalid`, …).
    pub rule: String,
    /// The request it is reported on (`None` for `supervisor_max_minutes`).
    pub request: Option<String>,
    /// Human-readable detail.
    pub detail: String,
}

/// The four terms of the score (FORMAT.md §6), already weighted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreBreakdown {
    /// 1000 × unplaced requests.
    pub unplaced: i64,
    /// 50 × continuity breaks.
    pub continuity: i64,
    /// Σ preference deviation.
    pub preference: i64,
    /// 10 × multi-location supervisor-days.
    pub multi_location_days: i64,
}

impl ScoreBreakdown {
    /// The score: the sum of the terms.
    pub fn total(&self) -> i64 {
        self.unplaced + self.continuity + self.preference + self.multi_location_days
    }
}

/// What [`check`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Why the solution is malformed (empty when well formed). A malformed solution has no
    /// score (`score` is 0 then).
    pub malformed: Vec<String>,
    /// Number of hard violations.
    pub hard_violations: usize,
    /// Count per rule.
    pub violations_by_rule: BTreeMap<String, usize>,
    /// Every violation.
    pub violations: Vec<Violation>,
    /// The score (lower is better).
    pub score: i64,
    /// The score terms.
    pub breakdown: ScoreBreakdown,
    /// Placed requests.
    pub placed: usize,
    /// Requests in the instance.
    pub requests: usize,
}

impl Report {
    /// Well formed and without hard violations.
    pub fn is_valid(&self) -> bool {
        self.malformed.is_empty() && self.hard_violations == 0
    }
}

/// The occupation `[a, b)` of an assignment (margins included), and where and with whom.
struct Occ<'a> {
    a: i64,
    b: i64,
    rid: &'a str,
    room: &'a str,
    sup: usize,
    loc: usize,
    day: i64,
}

/// Checks a solution against an instance exactly as FORMAT.md (and `check.py`) define it.
pub fn check(inst: &Instance, sol: &Solution) -> Report {
    let ix = Index::new(inst);
    let mut rep = Report {
        requests: inst.requests.len(),
        ..Report::default()
    };
    let good = well_formed(inst, &ix, sol, &mut rep.malformed);
    if !rep.malformed.is_empty() {
        return rep;
    }
    let mut viol: Vec<Violation> = Vec::new();
    let occ = occupations(inst, &ix, &good, &mut viol);
    let mut order: Vec<usize> = (0..occ.len()).collect();
    order.sort_by(|&x, &y| (occ[x].a, occ[x].b, occ[x].rid).cmp(&(occ[y].a, occ[y].b, occ[y].rid)));
    room_overlaps(&occ, &order, &mut viol);
    supervisor_conflicts(inst, &ix, &occ, &order, &mut viol);
    case_same_day(inst, &ix, &occ, &mut viol);
    rep.placed = good.len();
    rep.breakdown = score(inst, &ix, &occ, &good);
    rep.score = rep.breakdown.total();
    for v in &viol {
        *rep.violations_by_rule.entry(v.rule.clone()).or_default() += 1;
    }
    rep.hard_violations = viol.len();
    rep.violations = viol;
    rep
}

fn violation(viol: &mut Vec<Violation>, rule: &str, rid: Option<&str>, detail: String) {
    viol.push(Violation {
        rule: rule.to_string(),
        request: rid.map(str::to_string),
        detail,
    });
}

/// The assignments that refer to known ids (in order); every reason why the solution is
/// malformed goes to `malformed`.
fn well_formed<'s>(
    inst: &Instance,
    ix: &Index<'_>,
    sol: &'s Solution,
    malformed: &mut Vec<String>,
) -> Vec<&'s Assignment> {
    if sol.instance != inst.name {
        malformed.push(format!(
            "instance name {:?} does not match {:?}",
            sol.instance, inst.name
        ));
    }
    let mut seen: HashSet<&str> = HashSet::new();
    let mut good = Vec::new();
    for (i, a) in sol.assignments.iter().enumerate() {
        let mut bad = false;
        if !ix.req.contains_key(a.request.as_str()) {
            malformed.push(format!("assignment #{i}: unknown request {:?}", a.request));
            bad = true;
        } else if seen.contains(a.request.as_str()) {
            malformed.push(format!("request {} appears more than once", a.request));
            bad = true;
        }
        if !ix.room.contains_key(a.room.as_str()) {
            malformed.push(format!("assignment #{i}: unknown room {:?}", a.room));
            bad = true;
        }
        if !ix.sup.contains_key(a.supervisor.as_str()) {
            malformed.push(format!(
                "assignment #{i}: unknown supervisor {:?}",
                a.supervisor
            ));
            bad = true;
        }
        if ix.req.contains_key(a.request.as_str()) {
            seen.insert(a.request.as_str());
        }
        if !bad {
            good.push(a);
        }
    }
    for u in &sol.unplaced {
        if !ix.req.contains_key(u.as_str()) {
            malformed.push(format!("unplaced: unknown request {u:?}"));
        } else if !seen.insert(u.as_str()) {
            malformed.push(format!("request {u} appears more than once"));
        }
    }
    for r in &inst.requests {
        if !seen.contains(r.id.as_str()) {
            malformed.push(format!("request {} is neither assigned nor unplaced", r.id));
        }
    }
    good
}

/// The occupation of every assignment; its per-session (unary) violations go to `viol`.
fn occupations<'a>(
    inst: &'a Instance,
    ix: &Index<'_>,
    good: &[&'a Assignment],
    viol: &mut Vec<Violation>,
) -> Vec<Occ<'a>> {
    let mut occ: Vec<Occ<'a>> = Vec::new();
    for a in good {
        let (Some(&ri), Some(&(li, ki)), Some(&si)) = (
            ix.req.get(a.request.as_str()),
            ix.room.get(a.room.as_str()),
            ix.sup.get(a.supervisor.as_str()),
        ) else {
            continue;
        };
        let r = &inst.requests[ri];
        let l = &inst.locations[li];
        let m = if r.staggered { l.margin_minutes } else { 0 };
        let (oa, ob) = (a.start - m, a.start + r.duration_minutes + m);
        for rule in unary_violations(inst, ix, r, a.start, li, l.rooms[ki].room_type, si) {
            violation(
                viol,
                rule,
                Some(&r.id),
                format!(
                    "start {} room {} supervisor {}",
                    a.start, a.room, a.supervisor
                ),
            );
        }
        occ.push(Occ {
            a: oa,
            b: ob,
            rid: &r.id,
            room: &a.room,
            sup: si,
            loc: li,
            day: a.start.div_euclid(DAY),
        });
    }
    occ
}

/// `room_overlap`: two sessions in one room at the same time (`order`: by occupation).
fn room_overlaps(occ: &[Occ<'_>], order: &[usize], viol: &mut Vec<Violation>) {
    let mut by_room: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &i in order {
        by_room.entry(occ[i].room).or_default().push(i);
    }
    for (room, lst) in &by_room {
        let mut active: Vec<usize> = Vec::new();
        for &o in lst {
            active.retain(|&p| occ[p].b > occ[o].a);
            for &p in &active {
                violation(
                    viol,
                    "room_overlap",
                    Some(occ[o].rid),
                    format!(
                        "room {room} also used by {}: [{},{}) and [{},{})",
                        occ[p].rid, occ[p].a, occ[p].b, occ[o].a, occ[o].b
                    ),
                );
            }
            active.push(o);
        }
    }
}

/// `supervisor_overlap`, `supervisor_travel` and `supervisor_max_minutes`, per supervisor
/// (`order`: by occupation).
fn supervisor_conflicts(
    inst: &Instance,
    ix: &Index<'_>,
    occ: &[Occ<'_>],
    order: &[usize],
    viol: &mut Vec<Violation>,
) {
    let max_travel = inst
        .locations
        .iter()
        .flat_map(|l| l.travel_minutes.values().copied())
        .fold(inst.default_travel_minutes, i64::max);
    let mut by_sup: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in order {
        by_sup.entry(occ[i].sup).or_default().push(i);
    }
    for (&si, lst) in &by_sup {
        let s = &inst.supervisors[si];
        let mut active: Vec<usize> = Vec::new();
        let mut total = 0;
        for &o in lst {
            total += occ[o].b - occ[o].a;
            active.retain(|&p| occ[p].b + max_travel > occ[o].a);
            for &p in &active {
                if occ[p].b > occ[o].a {
                    violation(
                        viol,
                        "supervisor_overlap",
                        Some(occ[o].rid),
                        format!("supervisor {} also supervises {}", s.id, occ[p].rid),
                    );
                } else {
                    let t = ix.travel(inst, occ[p].loc, occ[o].loc);
                    if occ[p].b + t > occ[o].a {
                        violation(
                            viol,
                            "supervisor_travel",
                            Some(occ[o].rid),
                            format!(
                                "supervisor {}: {} then {}, travel {t}",
                                s.id, occ[p].rid, occ[o].rid
                            ),
                        );
                    }
                }
            }
            active.push(o);
        }
        if total > s.max_minutes_per_week {
            violation(
                viol,
                "supervisor_max_minutes",
                None,
                format!(
                    "supervisor {} occupied {total} > {} minutes",
                    s.id, s.max_minutes_per_week
                ),
            );
        }
    }
}

/// `case_same_day`: two sessions of one case on one day.
fn case_same_day(inst: &Instance, ix: &Index<'_>, occ: &[Occ<'_>], viol: &mut Vec<Violation>) {
    let mut by_case_day: BTreeMap<(&str, i64), Vec<&str>> = BTreeMap::new();
    for o in occ {
        let r = &inst.requests[ix.req[o.rid]];
        by_case_day
            .entry((r.case_id.as_str(), o.day))
            .or_default()
            .push(o.rid);
    }
    for ((cid, day), mut lst) in by_case_day {
        lst.sort_unstable();
        for i in 0..lst.len() {
            for j in i + 1..lst.len() {
                violation(
                    viol,
                    "case_same_day",
                    Some(lst[j]),
                    format!("case {cid} has {} and {} on day {day}", lst[i], lst[j]),
                );
            }
        }
    }
}

/// The score terms of FORMAT.md §6.
fn score(inst: &Instance, ix: &Index<'_>, occ: &[Occ<'_>], good: &[&Assignment]) -> ScoreBreakdown {
    let mut cont = 0;
    let mut pref = 0;
    let mut sup_day_locs: HashMap<(usize, i64), HashSet<usize>> = HashMap::new();
    for (o, a) in occ.iter().zip(good) {
        let r = &inst.requests[ix.req[o.rid]];
        if r.previous_supervisor
            .as_ref()
            .is_some_and(|p| *p != a.supervisor)
        {
            cont += 1;
        }
        if let Some(p) = r.preferred_start {
            pref += ((a.start - p).abs() / 15).min(16);
        }
        sup_day_locs
            .entry((o.sup, o.day))
            .or_default()
            .insert(o.loc);
    }
    let multi = sup_day_locs.values().filter(|v| v.len() > 1).count() as i64;
    ScoreBreakdown {
        unplaced: 1000 * (inst.requests.len() - good.len()) as i64,
        continuity: 50 * cont,
        preference: pref,
        multi_location_days: 10 * multi,
    }
}
