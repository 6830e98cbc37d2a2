//! The anytime optimiser: per independent group of organisations a greedy construction by
//! difficulty, then ruin-and-recreate (large-neighbourhood search) with late-acceptance
//! hill climbing, always keeping every hard rule.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::check::{Report, check};
use crate::model::{
    Assignment, DAY, Index, Instance, ReasonText, Solution, SupervisorKind, WEEK, inside_one,
    unary_violations,
};
use crate::reasons::{self, Reason};

/// Options of [`solve`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SolveOptions {
    /// Seed of the random choices (the same seed gives the same plan, see the crate docs).
    pub seed: u64,
    /// At most this many improvement iterations (ruin-and-recreate steps) per independent
    /// group of organisations; `Some(0)` returns the greedy construction. `None`: until
    /// `should_stop` says so (or nothing can improve any more).
    pub max_iterations: Option<u64>,
    /// Worker threads (at least 1). The plan does not depend on it.
    pub threads: usize,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            seed: 1,
            max_iterations: None,
            threads: 2,
        }
    }
}

/// What the solver reports at every poll (see [`solve_with_progress`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Score of the best plan so far.
    pub best_score: i64,
    /// Improvement iterations so far (all groups).
    pub iterations: u64,
    /// `should_stop` polls so far.
    pub polls: u64,
}

/// An unplaced request and why, in a coordinator's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    /// Request id.
    pub request: String,
    /// Machine-readable reason (`no_room_type`, `closed_in_windows`, `no_supervisor_at_location`,
    /// `no_supervisor_available`, `volunteer_not_allowed`, `not_trained`, `vog_invalid`,
    /// `case_same_day`, `rooms_occupied`, `supervisors_occupied`, `supervisors_max_minutes`,
    /// `no_common_time`, `fixed_invalid`, `fixed_conflict`).
    pub reason_code: String,
    /// The reason in Dutch.
    pub reason_nl: String,
    /// The reason in English.
    pub reason_en: String,
}

/// The result of [`solve`].
#[derive(Debug, Clone)]
pub struct Plan {
    /// The plan in the solution format (with `unplaced_reasons`).
    pub solution: Solution,
    /// The unplaced requests with their reasons, in instance order.
    pub unplaced: Vec<Unplaced>,
    /// The check of `solution` (score, breakdown, hard violations: always 0).
    pub report: Report,
    /// Improvement iterations done.
    pub iterations: u64,
    /// `should_stop` polls answered `false`.
    pub polls: u64,
}

// ------------------------------------------------------------------ compiled problem

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Asg {
    pub start: i32,
    pub a: i32,
    pub b: i32,
    pub day: u8,
    pub loc: u16,
    pub room: u16,
    pub sup: u16,
    pub soft: i32,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Slot {
    pub start: i32,
    pub a: i32,
    pub b: i32,
    pub day: u8,
    pub loc: u16,
    pub pref: i32,
    pub sup_lo: u32,
    pub sup_hi: u32,
    pub room_lo: u32,
    pub room_hi: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Prev {
    None,
    Local(u16),
    Foreign,
}

pub(crate) struct CReq {
    pub g: usize,
    pub case: u32,
    pub prev: Prev,
    pub slots: Vec<Slot>,
    pub sups: Vec<u16>,
    pub rooms: Vec<u16>,
    pub n_opts: u64,
    pub day_mask: u8,
    /// 2-hour buckets of the week that some option occupies.
    pub time_mask: u128,
    pub fixed: Option<Asg>,
    /// Set when the request is fixed but its fixed session cannot be kept.
    pub fixed_reason: Option<Reason>,
    pub min_soft: i32,
}

pub(crate) struct Comp {
    pub reqs: Vec<CReq>,
    pub sup_g: Vec<usize>,
    pub sup_max: Vec<i32>,
    pub room_g: Vec<(usize, usize)>,
    pub travel: Vec<i32>,
    pub n_loc: usize,
    pub case_reqs: Vec<Vec<u32>>,
}

impl Comp {
    #[inline]
    fn tr(&self, from: u16, to: u16) -> i32 {
        self.travel[from as usize * self.n_loc + to as usize]
    }

    #[inline]
    fn cont(&self, r: usize, sup: u16) -> i32 {
        match self.reqs[r].prev {
            Prev::None => 0,
            Prev::Local(p) if p == sup => 0,
            _ => 50,
        }
    }
}

struct Uf(Vec<usize>);
impl Uf {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// Groups of organisations that share nothing (no room, supervisor location or case).
fn groups(inst: &Instance, ix: &Index<'_>) -> Vec<Vec<usize>> {
    let org: std::collections::HashMap<&str, usize> = inst
        .organisations
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.as_str(), i))
        .collect();
    let n = inst.organisations.len();
    let mut uf = Uf((0..n).collect());
    let o = |s: &str| org.get(s).copied().unwrap_or(0);
    for s in &inst.supervisors {
        for l in &s.locations {
            if let Some(&li) = ix.loc.get(l.as_str()) {
                uf.union(o(&s.organisation), o(&inst.locations[li].organisation));
            }
        }
    }
    let mut case_org: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for r in &inst.requests {
        let ro = o(&r.organisation);
        for l in &r.locations {
            if let Some(&li) = ix.loc.get(l.as_str()) {
                uf.union(ro, o(&inst.locations[li].organisation));
            }
        }
        let co = *case_org.entry(r.case_id.as_str()).or_insert(ro);
        uf.union(ro, co);
    }
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut root_group = vec![usize::MAX; n];
    for i in 0..n {
        let r = uf.find(i);
        if root_group[r] == usize::MAX {
            root_group[r] = out.len();
            out.push(Vec::new());
        }
        out[root_group[r]].push(i);
    }
    out
}

fn compile(inst: &Instance, ix: &Index<'_>, orgs: &[usize]) -> Comp {
    let in_group: std::collections::HashSet<&str> = orgs
        .iter()
        .map(|&i| inst.organisations[i].id.as_str())
        .collect();
    let loc_g: Vec<usize> = (0..inst.locations.len())
        .filter(|&i| in_group.contains(inst.locations[i].organisation.as_str()))
        .collect();
    let mut loc_l = vec![u16::MAX; inst.locations.len()];
    for (k, &g) in loc_g.iter().enumerate() {
        loc_l[g] = k as u16;
    }
    let n_loc = loc_g.len();
    let mut travel = vec![0; n_loc * n_loc];
    for i in 0..n_loc {
        for j in 0..n_loc {
            travel[i * n_loc + j] = ix.travel(inst, loc_g[i], loc_g[j]) as i32;
        }
    }
    let sup_g: Vec<usize> = (0..inst.supervisors.len())
        .filter(|&i| in_group.contains(inst.supervisors[i].organisation.as_str()))
        .collect();
    let mut sup_l = vec![u16::MAX; inst.supervisors.len()];
    for (k, &g) in sup_g.iter().enumerate() {
        sup_l[g] = k as u16;
    }
    let sup_max: Vec<i32> = sup_g
        .iter()
        .map(|&g| {
            inst.supervisors[g]
                .max_minutes_per_week
                .clamp(-1, i32::MAX as i64) as i32
        })
        .collect();
    let mut room_g = Vec::new();
    let mut room_l = std::collections::HashMap::new();
    for &lg in &loc_g {
        for (k, rm) in inst.locations[lg].rooms.iter().enumerate() {
            room_l.insert(rm.id.as_str(), room_g.len() as u16);
            room_g.push((lg, k));
        }
    }
    // supervisors (local) per local location
    let mut sups_at: Vec<Vec<u16>> = vec![Vec::new(); n_loc];
    for (k, &g) in sup_g.iter().enumerate() {
        for l in &inst.supervisors[g].locations {
            if let Some(&li) = ix.loc.get(l.as_str())
                && loc_l[li] != u16::MAX
                && !sups_at[loc_l[li] as usize].contains(&(k as u16))
            {
                sups_at[loc_l[li] as usize].push(k as u16);
            }
        }
    }
    let mut case_ids: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    let mut case_reqs: Vec<Vec<u32>> = Vec::new();
    let mut reqs = Vec::new();
    let grid = inst.grid_minutes;
    for (g, r) in inst.requests.iter().enumerate() {
        if !in_group.contains(r.organisation.as_str()) {
            continue;
        }
        let n_case = case_ids.len() as u32;
        let case = *case_ids.entry(r.case_id.as_str()).or_insert(n_case);
        if case as usize == case_reqs.len() {
            case_reqs.push(Vec::new());
        }
        case_reqs[case as usize].push(reqs.len() as u32);
        let prev = match &r.previous_supervisor {
            None => Prev::None,
            Some(p) => match ix.sup.get(p.as_str()) {
                Some(&sg) if sup_l[sg] != u16::MAX => Prev::Local(sup_l[sg]),
                _ => Prev::Foreign,
            },
        };
        let cont = |s: u16| match prev {
            Prev::None => 0,
            Prev::Local(p) if p == s => 0,
            _ => 50,
        };
        let mut q = CReq {
            g,
            case,
            prev,
            slots: Vec::new(),
            sups: Vec::new(),
            rooms: Vec::new(),
            n_opts: 0,
            day_mask: 0,
            time_mask: 0,
            fixed: None,
            fixed_reason: None,
            min_soft: i32::MAX,
        };
        if let Some(f) = &r.fixed {
            let (Some(&(lg, k)), Some(&sg)) = (
                ix.room.get(f.room.as_str()),
                ix.sup.get(f.supervisor.as_str()),
            ) else {
                q.fixed_reason = Some(reasons::fixed_invalid(&["unknown id"]));
                reqs.push(q);
                continue;
            };
            let v = unary_violations(
                inst,
                ix,
                r,
                f.start,
                lg,
                inst.locations[lg].rooms[k].room_type,
                sg,
            );
            let in_range =
                (0..WEEK).contains(&f.start) && loc_l[lg] != u16::MAX && sup_l[sg] != u16::MAX;
            if !v.is_empty() || !in_range {
                q.fixed_reason = Some(reasons::fixed_invalid(&v));
            } else {
                let l = &inst.locations[lg];
                let m = if r.staggered { l.margin_minutes } else { 0 };
                let sup = sup_l[sg];
                let pref = r
                    .preferred_start
                    .map_or(0, |p| ((f.start - p).abs() / 15).min(16))
                    as i32;
                let soft = pref + cont(sup);
                q.fixed = Some(Asg {
                    start: f.start as i32,
                    a: (f.start - m) as i32,
                    b: (f.start + r.duration_minutes + m) as i32,
                    day: (f.start / DAY) as u8,
                    loc: loc_l[lg],
                    room: room_l.get(f.room.as_str()).copied().unwrap_or(0),
                    sup,
                    soft,
                });
                q.min_soft = soft;
            }
            reqs.push(q);
            continue;
        }
        for lid in &r.locations {
            let Some(&lg) = ix.loc.get(lid.as_str()) else {
                continue;
            };
            let ll = loc_l[lg];
            if ll == u16::MAX {
                continue;
            }
            let l = &inst.locations[lg];
            let room_lo = q.rooms.len() as u32;
            for rm in &l.rooms {
                if r.room_types.contains(&rm.room_type)
                    && let Some(&k) = room_l.get(rm.id.as_str())
                {
                    q.rooms.push(k);
                }
            }
            let room_hi = q.rooms.len() as u32;
            if room_lo == room_hi {
                continue;
            }
            let m = if r.staggered { l.margin_minutes } else { 0 };
            for &[ws, we] in &r.windows {
                let mut s = (ws + m).div_euclid(grid) * grid;
                if s < ws + m {
                    s += grid;
                }
                while s + r.duration_minutes + m <= we {
                    let (a, b) = (s - m, s + r.duration_minutes + m);
                    let day = s.div_euclid(DAY);
                    if (0..7).contains(&day)
                        && l.opening_hours[day as usize]
                            .iter()
                            .any(|&[o, c]| day * DAY + o <= a && b <= day * DAY + c)
                    {
                        let sup_lo = q.sups.len() as u32;
                        let pref = r
                            .preferred_start
                            .map_or(0, |p| ((s - p).abs() / 15).min(16))
                            as i32;
                        for &k in &sups_at[ll as usize] {
                            let sv = &inst.supervisors[sup_g[k as usize]];
                            if sv.organisation != r.organisation
                                || !inside_one(&sv.availability, a, b)
                                || r.only_supervisors
                                    .as_ref()
                                    .is_some_and(|o| !o.contains(&sv.id))
                            {
                                continue;
                            }
                            if sv.kind == SupervisorKind::Volunteer {
                                let vog_ok = ix.vog[sup_g[k as usize]]
                                    .is_some_and(|x| x >= ix.dates[day as usize]);
                                if !r.volunteer_allowed || !sv.trained || !vog_ok {
                                    continue;
                                }
                            }
                            q.sups.push(k);
                            q.min_soft = q.min_soft.min(pref + cont(k));
                        }
                        let sup_hi = q.sups.len() as u32;
                        if sup_hi > sup_lo {
                            q.n_opts += u64::from(sup_hi - sup_lo) * u64::from(room_hi - room_lo);
                            q.day_mask |= 1 << day;
                            q.time_mask |= bucket_mask(a as i32, b as i32, 0);
                            q.slots.push(Slot {
                                start: s as i32,
                                a: a as i32,
                                b: b as i32,
                                day: day as u8,
                                loc: ll,
                                pref,
                                sup_lo,
                                sup_hi,
                                room_lo,
                                room_hi,
                            });
                        }
                    }
                    s += grid;
                }
            }
        }
        reqs.push(q);
    }
    Comp {
        reqs,
        sup_g,
        sup_max,
        room_g,
        travel,
        n_loc,
        case_reqs,
    }
}

// ------------------------------------------------------------------ state

#[derive(Clone)]
pub(crate) struct State {
    pub asg: Vec<Option<Asg>>,
    pub room_occ: Vec<Vec<(i32, i32, u32)>>,
    pub sup_occ: Vec<Vec<(i32, i32, u16, u32)>>,
    pub sup_used: Vec<i32>,
    pub case_days: Vec<u8>,
    sdl: Vec<Vec<(u16, u16)>>,
    pub cost: i64,
}

impl State {
    fn new(p: &Comp) -> State {
        State {
            asg: vec![None; p.reqs.len()],
            room_occ: vec![Vec::new(); p.room_g.len()],
            sup_occ: vec![Vec::new(); p.sup_g.len()],
            sup_used: vec![0; p.sup_g.len()],
            case_days: vec![0; p.case_reqs.len()],
            sdl: vec![Vec::new(); p.sup_g.len() * 7],
            cost: 1000 * p.reqs.len() as i64,
        }
    }

    #[inline]
    fn ml_peek(&self, sup: u16, day: u8, loc: u16) -> i32 {
        let v = &self.sdl[sup as usize * 7 + day as usize];
        if v.len() == 1 && v[0].0 != loc { 10 } else { 0 }
    }

    fn place(&mut self, p: &Comp, r: usize, x: Asg) {
        self.room_occ[x.room as usize].push((x.a, x.b, r as u32));
        self.sup_occ[x.sup as usize].push((x.a, x.b, x.loc, r as u32));
        self.sup_used[x.sup as usize] += x.b - x.a;
        self.case_days[p.reqs[r].case as usize] |= 1 << x.day;
        let v = &mut self.sdl[x.sup as usize * 7 + x.day as usize];
        let mut ml = 0;
        if let Some(e) = v.iter_mut().find(|e| e.0 == x.loc) {
            e.1 += 1;
        } else {
            v.push((x.loc, 1));
            if v.len() == 2 {
                ml = 10;
            }
        }
        self.cost += i64::from(x.soft + ml) - 1000;
        self.asg[r] = Some(x);
    }

    fn unplace(&mut self, p: &Comp, r: usize) {
        let Some(x) = self.asg[r].take() else { return };
        let ro = &mut self.room_occ[x.room as usize];
        if let Some(i) = ro.iter().position(|e| e.2 == r as u32) {
            ro.swap_remove(i);
        }
        let so = &mut self.sup_occ[x.sup as usize];
        if let Some(i) = so.iter().position(|e| e.3 == r as u32) {
            so.swap_remove(i);
        }
        self.sup_used[x.sup as usize] -= x.b - x.a;
        self.case_days[p.reqs[r].case as usize] &= !(1 << x.day);
        let v = &mut self.sdl[x.sup as usize * 7 + x.day as usize];
        let mut ml = 0;
        if let Some(i) = v.iter().position(|e| e.0 == x.loc) {
            v[i].1 -= 1;
            if v[i].1 == 0 {
                v.swap_remove(i);
                if v.len() == 1 {
                    ml = 10;
                }
            }
        }
        self.cost += 1000 - i64::from(x.soft + ml);
    }

    /// Whether supervisor `sup` can take the occupation `[a, b)` at `loc` (overlap, travel
    /// both ways, weekly minutes).
    #[inline]
    pub(crate) fn sup_ok(&self, p: &Comp, sup: u16, a: i32, b: i32, loc: u16) -> bool {
        self.sup_used[sup as usize] + (b - a) <= p.sup_max[sup as usize]
            && self.sup_occ[sup as usize]
                .iter()
                .all(|&(x, y, l, _)| !sup_conflict(p, x, y, l, a, b, loc))
    }

    /// `None` when the room is taken during `[a, b)`, else how badly the session fits
    /// between its neighbours (0: touching both, more for short unusable gaps).
    #[inline]
    fn room_fit(&self, room: u16, a: i32, b: i32) -> Option<i64> {
        let (mut before, mut after) = (i32::MAX, i32::MAX);
        for &(x, y, _) in &self.room_occ[room as usize] {
            if x < b && a < y {
                return None;
            }
            if y <= a {
                before = before.min(a - y);
            } else {
                after = after.min(x - b);
            }
        }
        Some(gap_penalty(before) + gap_penalty(after))
    }

    #[inline]
    pub(crate) fn room_ok(&self, room: u16, a: i32, b: i32) -> bool {
        self.room_occ[room as usize]
            .iter()
            .all(|&(x, y, _)| !(x < b && a < y))
    }
}

/// The 2-hour buckets of the week (84, bit per bucket) that `[a, b)` touches, widened by
/// `widen` buckets on each side.
fn bucket_mask(a: i32, b: i32, widen: i32) -> u128 {
    let lo = (a.div_euclid(120) - widen).clamp(0, 83);
    let hi = ((b - 1).div_euclid(120) + widen).clamp(0, 83);
    let mut m = 0u128;
    for i in lo..=hi {
        m |= 1 << i;
    }
    m
}

/// Weight of one point of score against the packing penalty of [`State::room_fit`].
const FRAG_WEIGHT: i64 = 4;

#[inline]
fn gap_penalty(gap: i32) -> i64 {
    match gap {
        0 => 0,
        1..30 => 3,
        30..60 => 2,
        _ => 1,
    }
}

/// Same rule as check.py: ordered by occupation, the first end plus the travel must not pass
/// the second start (overlap included, since travel ≥ 0). Equal occupations always conflict.
#[inline]
pub(crate) fn sup_conflict(p: &Comp, x: i32, y: i32, lx: u16, a: i32, b: i32, l: u16) -> bool {
    if (x, y) < (a, b) {
        y + p.tr(lx, l) > a
    } else if (a, b) < (x, y) {
        b + p.tr(l, lx) > x
    } else {
        true
    }
}

// ------------------------------------------------------------------ search

/// Share (percent) of iterations that force an unplaced request in (ejection moves).
const EJECT_PCT: u32 = 70;
/// Share of ejection moves that scan all options for the cheapest eviction (the others
/// sample a few options at random, for diversity).
const EJECT_CHEAPEST: f64 = 0.8;
/// Late-acceptance history: starts at this length …
const LAHC_START: usize = 100;
/// … grows by one every this many iterations …
const LAHC_GROW_EVERY: u64 = 400;
/// … up to this length (short early: fast descent; longer later: more exploration).
const LAHC_MAX: usize = 400;
/// At most this many unplaced requests are retried after a ruin.
const MAX_RETRY: usize = 30;
/// Largest related-removal ruin (sessions removed: 2 ..= 1 + this).
const MAX_RUIN: usize = 12;
/// Turn weight: one extra unit per this much score between a group's best and its lower
/// bound (groups with more to gain get more turns).
const GAP_PER_WEIGHT: u64 = 50;
/// Iterations without a new best before a kick …
const STAGNATION: u64 = 20_000;
/// … that lets the search accept plans this much worse (one or two placements).
const KICK: i64 = 1_500;
/// Probability that an evictee without a free option starts a second ejection.
const CHAIN_PROB: f64 = 1.0;

struct Search<'p> {
    p: &'p Comp,
    st: State,
    rng: ChaCha8Rng,
    cur: i64,
    best: i64,
    best_asg: Vec<Option<Asg>>,
    lb: i64,
    hist: Vec<i64>,
    iter: u64,
    max_iter: Option<u64>,
    work: u64,
    touched: Vec<(u32, Option<Asg>)>,
    mark: Vec<u64>,
    epoch: u64,
    pass: u64,
    last_best: u64,
    order_key: Vec<u64>,
    buf: Vec<u32>,
}

impl<'p> Search<'p> {
    fn new(p: &'p Comp, seed: u64, idx: usize, max_iter: Option<u64>) -> Search<'p> {
        let mut st = State::new(p);
        let mut rng =
            ChaCha8Rng::seed_from_u64(seed ^ (idx as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut lb = 0;
        // fixed sessions first, in request order; a fixed session that conflicts with an
        // earlier one cannot be kept.
        for (r, q) in p.reqs.iter().enumerate() {
            if let Some(f) = q.fixed {
                let case_free = st.case_days[q.case as usize] & (1 << f.day) == 0;
                if case_free && st.room_ok(f.room, f.a, f.b) && st.sup_ok(p, f.sup, f.a, f.b, f.loc)
                {
                    st.place(p, r, f);
                    lb += i64::from(f.soft);
                } else {
                    lb += 1000;
                }
            } else if q.fixed_reason.is_some() || q.slots.is_empty() {
                lb += 1000;
            } else {
                lb += i64::from(q.min_soft);
            }
        }
        let mut s = Search {
            p,
            st,
            rng: ChaCha8Rng::seed_from_u64(0),
            cur: 0,
            best: 0,
            best_asg: Vec::new(),
            lb,
            hist: Vec::new(),
            iter: 0,
            max_iter,
            work: 0,
            touched: Vec::new(),
            mark: vec![0; p.reqs.len()],
            epoch: 0,
            pass: 0,
            last_best: 0,
            order_key: vec![0; p.reqs.len()],
            buf: Vec::new(),
        };
        // greedy construction: fewest options first
        let mut order: Vec<usize> = (0..p.reqs.len()).filter(|&r| s.movable(r)).collect();
        order.sort_by_key(|&r| (p.reqs[r].n_opts, r));
        for r in order {
            if let Some(x) = s.best_insert(r, &mut rng) {
                s.st.place(p, r, x);
            }
        }
        s.rng = rng;
        s.cur = s.st.cost;
        s.best = s.cur;
        s.best_asg = s.st.asg.clone();
        s.hist = vec![s.cur; LAHC_START];
        s
    }

    #[inline]
    fn movable(&self, r: usize) -> bool {
        let q = &self.p.reqs[r];
        q.fixed.is_none() && q.fixed_reason.is_none() && !q.slots.is_empty()
    }

    fn done(&self) -> bool {
        self.best <= self.lb || self.max_iter.is_some_and(|m| self.iter >= m)
    }

    /// The cheapest feasible placement of `r` in the current state (random tie-breaks).
    fn best_insert(&mut self, r: usize, rng: &mut ChaCha8Rng) -> Option<Asg> {
        let p = self.p;
        let q = &p.reqs[r];
        let st = &self.st;
        let case_days = st.case_days[q.case as usize];
        let mut best_key = i64::MAX;
        let mut best = None;
        let mut work = 0u64;
        for sl in &q.slots {
            if case_days & (1 << sl.day) != 0 {
                continue;
            }
            for &sup in &q.sups[sl.sup_lo as usize..sl.sup_hi as usize] {
                work += 1;
                let soft = sl.pref + p.cont(r, sup);
                let cost = soft + st.ml_peek(sup, sl.day, sl.loc);
                let base = i64::from(cost) * FRAG_WEIGHT;
                if (base << 8) >= best_key || !st.sup_ok(p, sup, sl.a, sl.b, sl.loc) {
                    continue;
                }
                for &room in &q.rooms[sl.room_lo as usize..sl.room_hi as usize] {
                    let Some(frag) = st.room_fit(room, sl.a, sl.b) else {
                        continue;
                    };
                    work += 1;
                    let key = ((base + frag) << 8) + i64::from(rng.random::<u8>());
                    if key < best_key {
                        best_key = key;
                        best = Some(Asg {
                            start: sl.start,
                            a: sl.a,
                            b: sl.b,
                            day: sl.day,
                            loc: sl.loc,
                            room,
                            sup,
                            soft,
                        });
                    }
                }
            }
        }
        self.work += work + 1;
        best
    }

    fn touch(&mut self, r: usize) {
        if self.mark[r] != self.epoch {
            self.mark[r] = self.epoch;
            self.touched.push((r as u32, self.st.asg[r]));
        }
    }

    fn remove(&mut self, r: usize) {
        self.touch(r);
        self.st.unplace(self.p, r);
    }

    fn undo(&mut self) {
        let touched = std::mem::take(&mut self.touched);
        for &(r, _) in &touched {
            self.st.unplace(self.p, r as usize);
        }
        for &(r, old) in &touched {
            if let Some(x) = old {
                self.st.place(self.p, r as usize, x);
            }
        }
        self.touched = touched;
    }

    /// Conflicts of placing `r` at (slot, sup, room): the requests to remove, or `None`
    /// when a fixed session is in the way.
    fn conflicts(&mut self, r: usize, sl: &Slot, sup: u16, room: u16, out: &mut Vec<u32>) -> bool {
        let p = self.p;
        let st = &self.st;
        out.clear();
        let q = &p.reqs[r];
        if st.case_days[q.case as usize] & (1 << sl.day) != 0 {
            for &o in &p.case_reqs[q.case as usize] {
                if st.asg[o as usize].is_some_and(|x| x.day == sl.day) {
                    out.push(o);
                }
            }
        }
        for &(x, y, o) in &st.room_occ[room as usize] {
            if x < sl.b && sl.a < y && !out.contains(&o) {
                out.push(o);
            }
        }
        let mut freed = 0;
        for &(x, y, l, o) in &st.sup_occ[sup as usize] {
            if sup_conflict(p, x, y, l, sl.a, sl.b, sl.loc) {
                if !out.contains(&o) {
                    out.push(o);
                }
                freed += y - x;
            }
        }
        let need = st.sup_used[sup as usize] - freed + (sl.b - sl.a) - p.sup_max[sup as usize];
        if need > 0 {
            let mut cand: Vec<(i32, u32)> = st.sup_occ[sup as usize]
                .iter()
                .filter(|e| !out.contains(&e.3))
                .map(|e| (e.1 - e.0, e.3))
                .collect();
            let mut got = 0;
            while got < need && !cand.is_empty() {
                let i = self.rng.random_range(0..cand.len());
                let (d, o) = cand.swap_remove(i);
                got += d;
                out.push(o);
            }
            if got < need {
                return false;
            }
        }
        self.work += 4;
        out.iter().all(|&o| p.reqs[o as usize].fixed.is_none())
    }

    /// A few random options of `u`; the one with the fewest sessions in the way.
    fn sampled_ejection(&mut self, u: usize) -> Option<(Slot, u16, u16, Vec<u32>)> {
        let p = self.p;
        let q = &p.reqs[u];
        let mut best: Option<(i64, Slot, u16, u16, Vec<u32>)> = None;
        let mut buf = std::mem::take(&mut self.buf);
        let samples = 6 + self.rng.random_range(0..12);
        for _ in 0..samples {
            let sl = q.slots[self.rng.random_range(0..q.slots.len())];
            let sup = q.sups[self
                .rng
                .random_range(sl.sup_lo as usize..sl.sup_hi as usize)];
            let room = q.rooms[self
                .rng
                .random_range(sl.room_lo as usize..sl.room_hi as usize)];
            if !self.conflicts(u, &sl, sup, room, &mut buf) {
                continue;
            }
            let key = buf.len() as i64 * 1000
                + i64::from(sl.pref + p.cont(u, sup))
                + i64::from(self.rng.random_range(0..40u16));
            if best.as_ref().is_none_or(|b| key < b.0) {
                best = Some((key, sl, sup, room, buf.clone()));
            }
        }
        self.buf = buf;
        best.map(|(_, sl, sup, room, c)| (sl, sup, room, c))
    }

    /// The option of unplaced request `u` whose eviction set is cheapest: a free supervisor
    /// and room if possible, else as few (and as easily re-placed) sessions as possible.
    /// Never evicts a fixed session; skips options that would need evictions for the weekly
    /// minutes.
    fn cheapest_ejection(&mut self, u: usize) -> Option<(Slot, u16, u16, Vec<u32>)> {
        let p = self.p;
        let q = &p.reqs[u];
        let w = |o: u32| -> i64 {
            let oq = &p.reqs[o as usize];
            if oq.fixed.is_some() {
                i64::MAX / 64
            } else {
                1000 + 4000 / (1 + oq.n_opts.min(4000) as i64)
            }
        };
        let mut best_key = i64::MAX;
        let mut best: Option<(Slot, u16, u16)> = None;
        let mut work = 0u64;
        for sl in &q.slots {
            let st = &self.st;
            let mut case_c: Option<u32> = None;
            let mut case_w = 0;
            if st.case_days[q.case as usize] & (1 << sl.day) != 0 {
                for &o in &p.case_reqs[q.case as usize] {
                    if st.asg[o as usize].is_some_and(|x| x.day == sl.day) {
                        case_c = Some(o);
                        case_w = w(o);
                    }
                }
            }
            // the best supervisor for this slot
            let mut bs: Option<(i64, u16)> = None;
            for &sup in &q.sups[sl.sup_lo as usize..sl.sup_hi as usize] {
                work += 1;
                let mut k = i64::from(sl.pref + p.cont(u, sup) + st.ml_peek(sup, sl.day, sl.loc));
                let mut freed = 0;
                for &(x, y, l, o) in &st.sup_occ[sup as usize] {
                    if sup_conflict(p, x, y, l, sl.a, sl.b, sl.loc) {
                        freed += y - x;
                        if Some(o) != case_c {
                            k += w(o);
                        }
                    }
                }
                if st.sup_used[sup as usize] - freed + (sl.b - sl.a) > p.sup_max[sup as usize] {
                    continue;
                }
                k += i64::from(self.rng.random_range(0..64u16));
                if bs.is_none_or(|b| k < b.0) {
                    bs = Some((k, sup));
                }
            }
            let Some((sk, sup)) = bs else { continue };
            if sk + case_w >= best_key {
                continue;
            }
            let st = &self.st;
            for &room in &q.rooms[sl.room_lo as usize..sl.room_hi as usize] {
                work += 1;
                let mut k = sk + case_w;
                for &(x, y, o) in &st.room_occ[room as usize] {
                    // sessions already counted (same case, or in the supervisor's way)
                    if x < sl.b && sl.a < y && Some(o) != case_c {
                        let counted = st.asg[o as usize].is_some_and(|ox| {
                            ox.sup == sup && sup_conflict(p, ox.a, ox.b, ox.loc, sl.a, sl.b, sl.loc)
                        });
                        if !counted {
                            k += w(o);
                        }
                    }
                }
                if k < best_key {
                    best_key = k;
                    best = Some((*sl, sup, room));
                }
            }
        }
        self.work += work;
        let (sl, sup, room) = best?;
        if best_key >= i64::MAX / 128 {
            return None;
        }
        let mut buf = std::mem::take(&mut self.buf);
        let ok = self.conflicts(u, &sl, sup, room, &mut buf);
        let out = ok.then(|| (sl, sup, room, buf.clone()));
        self.buf = buf;
        out
    }

    fn iterate(&mut self) {
        let p = self.p;
        self.epoch += 1;
        self.touched.clear();
        self.iter += 1;
        let n = p.reqs.len();
        let mut to_insert: Vec<u32> = Vec::new();
        let mut evicted: Vec<u32> = Vec::new();
        let mut target = usize::MAX;
        let mut days: u128 = 0;
        let unplaced: Vec<u32> = (0..n)
            .filter(|&r| self.st.asg[r].is_none() && self.movable(r))
            .map(|r| r as u32)
            .collect();
        self.work += n as u64 / 8;
        let mv = self.rng.random_range(0..100);
        if !unplaced.is_empty() && mv < EJECT_PCT {
            // targeted: place an unplaced request by removing what is in its way
            let u = unplaced[self.rng.random_range(0..unplaced.len())] as usize;
            let picked = if self.rng.random_bool(EJECT_CHEAPEST) {
                self.cheapest_ejection(u)
            } else {
                self.sampled_ejection(u)
            };
            let Some((sl, sup, room, confl)) = picked else {
                return;
            };
            for &o in &confl {
                let o = o as usize;
                if let Some(x) = self.st.asg[o] {
                    days |= bucket_mask(x.a, x.b, 1);
                }
                self.remove(o);
            }
            self.touch(u);
            let soft = sl.pref + p.cont(u, sup);
            self.st.place(
                p,
                u,
                Asg {
                    start: sl.start,
                    a: sl.a,
                    b: sl.b,
                    day: sl.day,
                    loc: sl.loc,
                    room,
                    sup,
                    soft,
                },
            );
            days |= bucket_mask(sl.a, sl.b, 1);
            evicted.extend_from_slice(&confl);
            target = u;
            to_insert.extend(confl);
        } else {
            // related removal around a random placed session
            let placed: Vec<u32> = (0..n)
                .filter(|&r| self.st.asg[r].is_some() && p.reqs[r].fixed.is_none())
                .map(|r| r as u32)
                .collect();
            if placed.is_empty() {
                return;
            }
            let seed = placed[self.rng.random_range(0..placed.len())] as usize;
            let Some(sx) = self.st.asg[seed] else { return };
            let k = 2 + self.rng.random_range(0..MAX_RUIN.min(placed.len()));
            let mode = self.rng.random_range(0..3);
            let mut rel: Vec<(i64, u32)> = placed
                .iter()
                .filter_map(|&o| {
                    let x = self.st.asg[o as usize]?;
                    let mut d = i64::from((x.a - sx.a).abs());
                    if x.day != sx.day {
                        d += if mode == 2 { 600 } else { 3000 };
                    }
                    if x.sup == sx.sup {
                        d -= if mode == 0 { 600 } else { 200 };
                    }
                    if x.loc == sx.loc {
                        d -= if mode == 1 { 300 } else { 100 };
                    }
                    Some((d + i64::from(self.rng.random_range(0..240u16)), o))
                })
                .collect();
            self.work += rel.len() as u64 / 4;
            let k = k.min(rel.len());
            rel.select_nth_unstable(k.saturating_sub(1));
            for &(_, o) in rel.iter().take(k) {
                let o = o as usize;
                if let Some(x) = self.st.asg[o] {
                    days |= bucket_mask(x.a, x.b, 1);
                }
                self.remove(o);
                to_insert.push(o as u32);
            }
        }
        // unplaced requests that might now fit
        let mut extra: Vec<u32> = unplaced
            .iter()
            .copied()
            .filter(|&r| {
                self.st.asg[r as usize].is_none() && p.reqs[r as usize].time_mask & days != 0
            })
            .collect();
        while extra.len() > MAX_RETRY {
            let i = self.rng.random_range(0..extra.len());
            extra.swap_remove(i);
        }
        to_insert.extend(extra);
        // recreate: by difficulty with noise, or random
        if self.rng.random_range(0..4) == 0 {
            for i in (1..to_insert.len()).rev() {
                let j = self.rng.random_range(0..=i);
                to_insert.swap(i, j);
            }
        } else {
            for &r in &to_insert {
                let noise = self.rng.random_range(70..130u64);
                self.order_key[r as usize] = p.reqs[r as usize].n_opts * noise;
            }
            let keys = &self.order_key;
            to_insert.sort_by_key(|&r| (keys[r as usize], r));
        }
        let mut rng = std::mem::replace(&mut self.rng, ChaCha8Rng::seed_from_u64(0));
        for &r in &to_insert {
            let r = r as usize;
            if self.st.asg[r].is_some() {
                continue;
            }
            self.touch(r);
            if let Some(x) = self.best_insert(r, &mut rng) {
                self.st.place(p, r, x);
            }
        }
        self.rng = rng;
        // ejection chain, one level deeper: an evictee without a free option may in turn
        // push out one other session, which is then re-inserted greedily
        for &e in &evicted {
            let e = e as usize;
            if self.st.asg[e].is_some() || !self.rng.random_bool(CHAIN_PROB) {
                continue;
            }
            let Some((sl, sup, room, c)) = self.cheapest_ejection(e) else {
                continue;
            };
            if c.len() != 1 || c[0] as usize == target {
                continue;
            }
            let o = c[0] as usize;
            self.remove(o);
            self.touch(e);
            let soft = sl.pref + p.cont(e, sup);
            self.st.place(
                p,
                e,
                Asg {
                    start: sl.start,
                    a: sl.a,
                    b: sl.b,
                    day: sl.day,
                    loc: sl.loc,
                    room,
                    sup,
                    soft,
                },
            );
            let mut rng = std::mem::replace(&mut self.rng, ChaCha8Rng::seed_from_u64(0));
            if let Some(x) = self.best_insert(o, &mut rng) {
                self.st.place(p, o, x);
            }
            self.rng = rng;
        }
        // late-acceptance hill climbing
        let new = self.st.cost;
        let target = (LAHC_START + (self.iter / LAHC_GROW_EVERY) as usize).min(LAHC_MAX);
        while self.hist.len() < target {
            self.hist.push(self.cur);
        }
        let v = (self.iter as usize) % self.hist.len();
        if new <= self.cur || new <= self.hist[v] {
            self.cur = new;
        } else {
            self.undo();
        }
        self.hist[v] = self.cur;
        if self.cur < self.best {
            self.best = self.cur;
            self.best_asg.clone_from(&self.st.asg);
            self.last_best = self.iter;
        } else if self.iter - self.last_best >= STAGNATION {
            // stuck: allow a worse plan for a while (the best one is kept)
            self.last_best = self.iter;
            let kick = self.cur + KICK;
            self.hist.iter_mut().for_each(|h| *h = kick);
        }
    }

    fn turn(&mut self, budget: u64) {
        let start = self.work;
        while self.work - start < budget && !self.done() {
            let before = self.work;
            self.iterate();
            if self.work == before {
                self.work += 1;
            }
        }
    }

    fn best_state(&self) -> State {
        let mut st = State::new(self.p);
        for (r, x) in self.best_asg.iter().enumerate() {
            if let Some(x) = x {
                st.place(self.p, r, *x);
            }
        }
        st
    }
}

// ------------------------------------------------------------------ driver

/// Work units per turn (≈ 2 ms on one core; `should_stop` is polled between turns).
const TURN_WORK: u64 = 60_000;

/// Plans the week. See [`solve_with_progress`].
pub fn solve(
    inst: &Instance,
    should_stop: &mut dyn FnMut() -> bool,
    options: &SolveOptions,
) -> Plan {
    solve_with_progress(inst, should_stop, options, &mut |_| {})
}

fn run_parallel<T: Send>(items: Vec<T>, threads: usize, f: impl Fn(T) + Sync) {
    if threads <= 1 || items.len() <= 1 {
        items.into_iter().for_each(f);
        return;
    }
    let f = &f;
    std::thread::scope(|sc| {
        let mut items = items;
        let last = items.pop();
        for it in items {
            sc.spawn(move || f(it));
        }
        if let Some(it) = last {
            f(it);
        }
    });
}

/// Plans the week: greedy construction, then improvement until `should_stop()` returns
/// `true` (polled about every millisecond of work) or `options.max_iterations` is reached.
/// `progress` is called before every poll with the best score so far.
pub fn solve_with_progress(
    inst: &Instance,
    should_stop: &mut dyn FnMut() -> bool,
    options: &SolveOptions,
    progress: &mut dyn FnMut(&Progress),
) -> Plan {
    let ix = Index::new(inst);
    let threads = options.threads.max(1);
    let groups = groups(inst, &ix);
    // compile and construct (in parallel, chunked; each group independent)
    let mut slots: Vec<Option<Comp>> = (0..groups.len()).map(|_| None).collect();
    {
        let chunks: Vec<Vec<(usize, &mut Option<Comp>)>> = {
            let mut c: Vec<Vec<(usize, &mut Option<Comp>)>> =
                (0..threads).map(|_| Vec::new()).collect();
            for (i, s) in slots.iter_mut().enumerate() {
                c[i % threads].push((i, s));
            }
            c
        };
        let (inst_r, ix_r, groups_r) = (inst, &ix, &groups);
        run_parallel(chunks, threads, |chunk| {
            for (i, s) in chunk {
                *s = Some(compile(inst_r, ix_r, &groups_r[i]));
            }
        });
    }
    let comps: Vec<Comp> = slots.into_iter().flatten().collect();
    let mut searches: Vec<Option<Search<'_>>> = (0..comps.len()).map(|_| None).collect();
    {
        let mut c: Vec<Vec<(usize, &mut Option<Search<'_>>)>> =
            (0..threads).map(|_| Vec::new()).collect();
        for (i, s) in searches.iter_mut().enumerate() {
            c[i % threads].push((i, s));
        }
        let comps_r = &comps;
        run_parallel(c, threads, |chunk| {
            for (i, s) in chunk {
                *s = Some(Search::new(
                    &comps_r[i],
                    options.seed,
                    i,
                    options.max_iterations,
                ));
            }
        });
    }
    let mut searches: Vec<Search<'_>> = searches.into_iter().flatten().collect();
    let weight: Vec<u64> = searches.iter().map(|s| 1 + s.p.reqs.len() as u64).collect();
    let mut polls = 0u64;
    loop {
        let best_score: i64 = searches.iter().map(|s| s.best).sum();
        let iterations = searches.iter().map(|s| s.iter).sum();
        progress(&Progress {
            best_score,
            iterations,
            polls,
        });
        let mut live: Vec<usize> = (0..searches.len())
            .filter(|&i| !searches[i].done())
            .collect();
        if live.is_empty() || should_stop() {
            break;
        }
        polls += 1;
        live.sort_by_key(|&i| (searches[i].pass, i));
        live.truncate(threads);
        for &i in &live {
            // turns in proportion to size and to what is left to gain
            let gap = (searches[i].best - searches[i].lb).max(0) as u64;
            let w = weight[i] + gap / GAP_PER_WEIGHT;
            searches[i].pass += (1u64 << 40) / w.max(1);
        }
        let chosen: Vec<&mut Search<'_>> = searches
            .iter_mut()
            .enumerate()
            .filter(|(i, _)| live.contains(i))
            .map(|(_, s)| s)
            .collect();
        run_parallel(chosen, threads, |s| s.turn(TURN_WORK));
    }
    // assemble the plan
    let iterations = searches.iter().map(|s| s.iter).sum();
    let mut placed: Vec<Option<Assignment>> = vec![None; inst.requests.len()];
    let mut why: Vec<Option<Reason>> = vec![None; inst.requests.len()];
    for s in &searches {
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
                why[q.g] = Some(reasons::explain(inst, &ix, p, &st, r));
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
