//! The compiled problem: the instance split into independent groups of organisations, and
//! per group every static option (start on the grid, room, supervisor) of every request that
//! passes all per-session rules, in group-local numbers.

use std::collections::{HashMap, HashSet};

use crate::model::{
    DAY, FixedSession, Index, Instance, Request, SupervisorKind, WEEK, inside_one, open_at,
    unary_violations,
};
use crate::reasons::{self, Reason};

use super::state::bucket_mask;

/// A placed session: start, occupation `[a, b)` (margins included), and where and with whom.
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

/// A start of a request at one location, with the ranges of its supervisors and rooms in
/// [`CReq::sups`] and [`CReq::rooms`].
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

impl Slot {
    /// The session at this slot with supervisor `sup` in room `room`.
    #[inline]
    pub(crate) fn placement(&self, sup: u16, room: u16, soft: i32) -> Asg {
        Asg {
            start: self.start,
            a: self.a,
            b: self.b,
            day: self.day,
            loc: self.loc,
            room,
            sup,
            soft,
        }
    }
}

/// The previous supervisor of a request: none, one of the group, or one outside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Prev {
    None,
    Local(u16),
    Foreign,
}

/// The continuity penalty of supervisor `sup` for a request with previous supervisor `prev`.
#[inline]
fn continuity(prev: Prev, sup: u16) -> i32 {
    match prev {
        Prev::None => 0,
        Prev::Local(p) if p == sup => 0,
        _ => 50,
    }
}

/// A request of a group, compiled.
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

/// A group of organisations, compiled.
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
    /// Travel between two local locations.
    #[inline]
    pub(crate) fn tr(&self, from: u16, to: u16) -> i32 {
        self.travel[from as usize * self.n_loc + to as usize]
    }

    /// The continuity penalty of supervisor `sup` for request `r`.
    #[inline]
    pub(crate) fn cont(&self, r: usize, sup: u16) -> i32 {
        continuity(self.reqs[r].prev, sup)
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
pub(super) fn groups(inst: &Instance, ix: &Index<'_>) -> Vec<Vec<usize>> {
    let org: HashMap<&str, usize> = inst
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
    let mut case_org: HashMap<&str, usize> = HashMap::new();
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

/// Group-local numbers of the locations, supervisors and rooms of a group (`u16::MAX`: not
/// in the group).
struct Local<'a> {
    /// Instance index per local location.
    loc_g: Vec<usize>,
    /// Local number per instance location.
    loc_l: Vec<u16>,
    /// Instance index per local supervisor.
    sup_g: Vec<usize>,
    /// Local number per instance supervisor.
    sup_l: Vec<u16>,
    /// (location, room within the location) per local room.
    room_g: Vec<(usize, usize)>,
    /// Local number per room id.
    room_l: HashMap<&'a str, u16>,
    /// Local supervisors per local location.
    sups_at: Vec<Vec<u16>>,
}

impl<'a> Local<'a> {
    fn new(inst: &'a Instance, ix: &Index<'_>, in_group: &HashSet<&str>) -> Local<'a> {
        let loc_g: Vec<usize> = (0..inst.locations.len())
            .filter(|&i| in_group.contains(inst.locations[i].organisation.as_str()))
            .collect();
        let mut loc_l = vec![u16::MAX; inst.locations.len()];
        for (k, &g) in loc_g.iter().enumerate() {
            loc_l[g] = k as u16;
        }
        let sup_g: Vec<usize> = (0..inst.supervisors.len())
            .filter(|&i| in_group.contains(inst.supervisors[i].organisation.as_str()))
            .collect();
        let mut sup_l = vec![u16::MAX; inst.supervisors.len()];
        for (k, &g) in sup_g.iter().enumerate() {
            sup_l[g] = k as u16;
        }
        let mut room_g = Vec::new();
        let mut room_l = HashMap::new();
        for &lg in &loc_g {
            for (k, rm) in inst.locations[lg].rooms.iter().enumerate() {
                room_l.insert(rm.id.as_str(), room_g.len() as u16);
                room_g.push((lg, k));
            }
        }
        let mut sups_at: Vec<Vec<u16>> = vec![Vec::new(); loc_g.len()];
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
        Local {
            loc_g,
            loc_l,
            sup_g,
            sup_l,
            room_g,
            room_l,
            sups_at,
        }
    }
}

/// Compiles the group of organisations `orgs`.
pub(super) fn compile(inst: &Instance, ix: &Index<'_>, orgs: &[usize]) -> Comp {
    let in_group: HashSet<&str> = orgs
        .iter()
        .map(|&i| inst.organisations[i].id.as_str())
        .collect();
    let local = Local::new(inst, ix, &in_group);
    let n_loc = local.loc_g.len();
    let mut travel = vec![0; n_loc * n_loc];
    for i in 0..n_loc {
        for j in 0..n_loc {
            travel[i * n_loc + j] = ix.travel(inst, local.loc_g[i], local.loc_g[j]) as i32;
        }
    }
    let sup_max: Vec<i32> = local
        .sup_g
        .iter()
        .map(|&g| {
            inst.supervisors[g]
                .max_minutes_per_week
                .clamp(-1, i32::MAX as i64) as i32
        })
        .collect();
    let mut case_ids: HashMap<&str, u32> = HashMap::new();
    let mut case_reqs: Vec<Vec<u32>> = Vec::new();
    let mut reqs = Vec::new();
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
        reqs.push(compile_request(inst, ix, &local, g, r, case));
    }
    Comp {
        reqs,
        sup_g: local.sup_g,
        sup_max,
        room_g: local.room_g,
        travel,
        n_loc,
        case_reqs,
    }
}

/// Request `r` (instance index `g`) of case `case`: its fixed session, or all its options.
fn compile_request(
    inst: &Instance,
    ix: &Index<'_>,
    local: &Local<'_>,
    g: usize,
    r: &Request,
    case: u32,
) -> CReq {
    let prev = match &r.previous_supervisor {
        None => Prev::None,
        Some(p) => match ix.sup.get(p.as_str()) {
            Some(&sg) if local.sup_l[sg] != u16::MAX => Prev::Local(local.sup_l[sg]),
            _ => Prev::Foreign,
        },
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
        compile_fixed(inst, ix, local, r, f, &mut q);
        return q;
    }
    for lid in &r.locations {
        let Some(&lg) = ix.loc.get(lid.as_str()) else {
            continue;
        };
        if local.loc_l[lg] != u16::MAX {
            add_location_options(inst, ix, local, r, lg, &mut q);
        }
    }
    q
}

/// The fixed session `f` of `r`: kept as it is, or the reason why it breaks a rule.
fn compile_fixed(
    inst: &Instance,
    ix: &Index<'_>,
    local: &Local<'_>,
    r: &Request,
    f: &FixedSession,
    q: &mut CReq,
) {
    let (Some(&(lg, k)), Some(&sg)) = (
        ix.room.get(f.room.as_str()),
        ix.sup.get(f.supervisor.as_str()),
    ) else {
        q.fixed_reason = Some(reasons::fixed_invalid(&["unknown id"]));
        return;
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
        (0..WEEK).contains(&f.start) && local.loc_l[lg] != u16::MAX && local.sup_l[sg] != u16::MAX;
    if !v.is_empty() || !in_range {
        q.fixed_reason = Some(reasons::fixed_invalid(&v));
        return;
    }
    let l = &inst.locations[lg];
    let m = if r.staggered { l.margin_minutes } else { 0 };
    let sup = local.sup_l[sg];
    let pref = r
        .preferred_start
        .map_or(0, |p| ((f.start - p).abs() / 15).min(16)) as i32;
    let soft = pref + continuity(q.prev, sup);
    q.fixed = Some(Asg {
        start: f.start as i32,
        a: (f.start - m) as i32,
        b: (f.start + r.duration_minutes + m) as i32,
        day: (f.start / DAY) as u8,
        loc: local.loc_l[lg],
        room: local.room_l.get(f.room.as_str()).copied().unwrap_or(0),
        sup,
        soft,
    });
    q.min_soft = soft;
}

/// The options of `r` at location `lg` (in the group): its rooms of an allowed type, and
/// every grid start within the family's windows and the opening hours that has a supervisor.
fn add_location_options(
    inst: &Instance,
    ix: &Index<'_>,
    local: &Local<'_>,
    r: &Request,
    lg: usize,
    q: &mut CReq,
) {
    let l = &inst.locations[lg];
    let room_lo = q.rooms.len() as u32;
    for rm in &l.rooms {
        if r.room_types.contains(&rm.room_type)
            && let Some(&k) = local.room_l.get(rm.id.as_str())
        {
            q.rooms.push(k);
        }
    }
    let room_hi = q.rooms.len() as u32;
    if room_lo == room_hi {
        return;
    }
    let grid = inst.grid_minutes;
    let m = if r.staggered { l.margin_minutes } else { 0 };
    for &[ws, we] in &r.windows {
        let mut s = (ws + m).div_euclid(grid) * grid;
        if s < ws + m {
            s += grid;
        }
        while s + r.duration_minutes + m <= we {
            let (a, b) = (s - m, s + r.duration_minutes + m);
            let day = s.div_euclid(DAY);
            if open_at(l, day, a, b) {
                let slot = Slot {
                    start: s as i32,
                    a: a as i32,
                    b: b as i32,
                    day: day as u8,
                    loc: local.loc_l[lg],
                    pref: r
                        .preferred_start
                        .map_or(0, |p| ((s - p).abs() / 15).min(16))
                        as i32,
                    sup_lo: 0,
                    sup_hi: 0,
                    room_lo,
                    room_hi,
                };
                add_slot(inst, ix, local, r, (a, b), slot, q);
            }
            s += grid;
        }
    }
}

/// Adds `slot` (occupying `span`) with the supervisors of its location who may take it;
/// nothing when none may.
fn add_slot(
    inst: &Instance,
    ix: &Index<'_>,
    local: &Local<'_>,
    r: &Request,
    span: (i64, i64),
    mut slot: Slot,
    q: &mut CReq,
) {
    slot.sup_lo = q.sups.len() as u32;
    for &k in &local.sups_at[slot.loc as usize] {
        if supervisor_may_take(inst, ix, local.sup_g[k as usize], r, span, slot.day) {
            q.sups.push(k);
            q.min_soft = q.min_soft.min(slot.pref + continuity(q.prev, k));
        }
    }
    slot.sup_hi = q.sups.len() as u32;
    if slot.sup_hi > slot.sup_lo {
        q.n_opts += u64::from(slot.sup_hi - slot.sup_lo) * u64::from(slot.room_hi - slot.room_lo);
        q.day_mask |= 1 << slot.day;
        q.time_mask |= bucket_mask(slot.a, slot.b, 0);
        q.slots.push(slot);
    }
}

/// Whether supervisor `sg` (instance index) may take request `r` occupying `[a, b)` on
/// `day`: same organisation, available, allowed by the request, and for a volunteer: allowed,
/// trained and a VOG valid on the day.
fn supervisor_may_take(
    inst: &Instance,
    ix: &Index<'_>,
    sg: usize,
    r: &Request,
    (a, b): (i64, i64),
    day: u8,
) -> bool {
    let sv = &inst.supervisors[sg];
    if sv.organisation != r.organisation
        || !inside_one(&sv.availability, a, b)
        || r.only_supervisors
            .as_ref()
            .is_some_and(|o| !o.contains(&sv.id))
    {
        return false;
    }
    if sv.kind == SupervisorKind::Volunteer {
        let vog_ok = ix.vog[sg].is_some_and(|x| x >= ix.dates[day as usize]);
        if !r.volunteer_allowed || !sv.trained || !vog_ok {
            return false;
        }
    }
    true
}
