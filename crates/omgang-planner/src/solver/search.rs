//! The search of one group: its state, the greedy construction, the cheapest insertion of a
//! request, and the bookkeeping that lets an iteration be undone.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::compile::{Asg, Comp};
use super::state::{FRAG_WEIGHT, State};

/// Late-acceptance history: starts at this length …
pub(super) const LAHC_START: usize = 100;

/// The anytime search of one group of organisations.
pub(super) struct Search<'p> {
    pub(super) p: &'p Comp,
    pub(super) st: State,
    pub(super) rng: ChaCha8Rng,
    /// Cost of the current plan (accepted by late acceptance).
    pub(super) cur: i64,
    /// Cost of the best plan so far, and its sessions.
    pub(super) best: i64,
    pub(super) best_asg: Vec<Option<Asg>>,
    /// A lower bound of the cost: the search stops when it reaches it.
    pub(super) lb: i64,
    /// Late-acceptance history.
    pub(super) hist: Vec<i64>,
    pub(super) iter: u64,
    pub(super) max_iter: Option<u64>,
    /// Counted work (the unit of a turn).
    pub(super) work: u64,
    /// Requests changed in this iteration with their sessions before it (for the undo).
    pub(super) touched: Vec<(u32, Option<Asg>)>,
    pub(super) mark: Vec<u64>,
    pub(super) epoch: u64,
    /// Stride scheduling: the group with the lowest pass gets the next turn.
    pub(super) pass: u64,
    pub(super) last_best: u64,
    pub(super) order_key: Vec<u64>,
    pub(super) buf: Vec<u32>,
}

impl<'p> Search<'p> {
    /// Places the fixed sessions, then every other request greedily (fewest options first).
    pub(super) fn new(p: &'p Comp, seed: u64, idx: usize, max_iter: Option<u64>) -> Search<'p> {
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
    /// Whether the solver may place `r` (not fixed, and with an option).
    pub(super) fn movable(&self, r: usize) -> bool {
        let q = &self.p.reqs[r];
        q.fixed.is_none() && q.fixed_reason.is_none() && !q.slots.is_empty()
    }

    /// Whether the lower bound or the iteration limit is reached.
    pub(super) fn done(&self) -> bool {
        self.best <= self.lb || self.max_iter.is_some_and(|m| self.iter >= m)
    }

    /// The cheapest feasible placement of `r` in the current state (random tie-breaks).
    pub(super) fn best_insert(&mut self, r: usize, rng: &mut ChaCha8Rng) -> Option<Asg> {
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
                        best = Some(sl.placement(sup, room, soft));
                    }
                }
            }
        }
        self.work += work + 1;
        best
    }

    /// Remembers the session of `r` before its first change in this iteration.
    pub(super) fn touch(&mut self, r: usize) {
        if self.mark[r] != self.epoch {
            self.mark[r] = self.epoch;
            self.touched.push((r as u32, self.st.asg[r]));
        }
    }

    /// Removes the session of `r` (undoably).
    pub(super) fn remove(&mut self, r: usize) {
        self.touch(r);
        self.st.unplace(self.p, r);
    }

    /// Restores every session changed in this iteration.
    pub(super) fn undo(&mut self) {
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

    /// The best plan so far as a state.
    pub(super) fn best_state(&self) -> State {
        let mut st = State::new(self.p);
        for (r, x) in self.best_asg.iter().enumerate() {
            if let Some(x) = x {
                st.place(self.p, r, *x);
            }
        }
        st
    }
}
