//! The state of a plan under construction: who is where, and its cost, updated
//! incrementally as sessions are placed and removed.

use super::compile::{Asg, Comp};

/// The sessions placed so far, the occupation of rooms and supervisors, and the cost.
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
    pub(super) fn new(p: &Comp) -> State {
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
    pub(super) fn ml_peek(&self, sup: u16, day: u8, loc: u16) -> i32 {
        let v = &self.sdl[sup as usize * 7 + day as usize];
        if v.len() == 1 && v[0].0 != loc { 10 } else { 0 }
    }

    pub(super) fn place(&mut self, p: &Comp, r: usize, x: Asg) {
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

    pub(super) fn unplace(&mut self, p: &Comp, r: usize) {
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
    pub(super) fn room_fit(&self, room: u16, a: i32, b: i32) -> Option<i64> {
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
pub(super) fn bucket_mask(a: i32, b: i32, widen: i32) -> u128 {
    let lo = (a.div_euclid(120) - widen).clamp(0, 83);
    let hi = ((b - 1).div_euclid(120) + widen).clamp(0, 83);
    let mut m = 0u128;
    for i in lo..=hi {
        m |= 1 << i;
    }
    m
}

/// Weight of one point of score against the packing penalty of [`State::room_fit`].
pub(super) const FRAG_WEIGHT: i64 = 4;

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
