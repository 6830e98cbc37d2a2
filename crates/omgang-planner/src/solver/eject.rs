//! Ejection: where an unplaced request could go if the sessions in its way were removed,
//! and which sessions those are.

use rand::Rng;

use super::compile::Slot;
use super::search::Search;
use super::state::sup_conflict;

/// An option of a request (slot, supervisor, room) and the sessions in its way.
pub(super) type Ejection = (Slot, u16, u16, Vec<u32>);

impl Search<'_> {
    /// Conflicts of placing `r` at (slot, sup, room): the requests to remove (in `out`);
    /// `false` when a fixed session is in the way or the weekly minutes cannot be freed.
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
    pub(super) fn sampled_ejection(&mut self, u: usize) -> Option<Ejection> {
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
    pub(super) fn cheapest_ejection(&mut self, u: usize) -> Option<Ejection> {
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
}
