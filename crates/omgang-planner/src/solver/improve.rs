//! One improvement iteration (ruin and recreate with late-acceptance hill climbing), and a
//! turn of iterations.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::compile::Slot;
use super::search::{LAHC_START, Search};
use super::state::bucket_mask;

/// Share (percent) of iterations that force an unplaced request in (ejection moves).
const EJECT_PCT: u32 = 70;
/// Share of ejection moves that scan all options for the cheapest eviction (the others
/// sample a few options at random, for diversity).
const EJECT_CHEAPEST: f64 = 0.8;
/// … grows by one every this many iterations (the history starts at [`LAHC_START`]) …
const LAHC_GROW_EVERY: u64 = 400;
/// … up to this length (short early: fast descent; longer later: more exploration).
const LAHC_MAX: usize = 400;
/// At most this many unplaced requests are retried after a ruin.
const MAX_RETRY: usize = 30;
/// Largest related-removal ruin (sessions removed: 2 ..= 1 + this).
const MAX_RUIN: usize = 12;
/// Iterations without a new best before a kick …
const STAGNATION: u64 = 20_000;
/// … that lets the search accept plans this much worse (one or two placements).
const KICK: i64 = 1_500;
/// Probability that an evictee without a free option starts a second ejection.
const CHAIN_PROB: f64 = 1.0;

/// What the ruin step did.
#[derive(Default)]
struct Ruin {
    /// The removed sessions, to re-insert.
    to_insert: Vec<u32>,
    /// The sessions an ejection evicted (empty after a related removal).
    evicted: Vec<u32>,
    /// The request an ejection placed (`usize::MAX` after a related removal).
    target: usize,
    /// The 2-hour buckets (widened by one) of the removed and placed sessions: unplaced
    /// requests that touch them might fit now.
    freed: u128,
}

impl Search<'_> {
    /// Improvement iterations until `budget` work is done (or the search is done).
    pub(super) fn turn(&mut self, budget: u64) {
        let start = self.work;
        while self.work - start < budget && !self.done() {
            let before = self.work;
            self.iterate();
            if self.work == before {
                self.work += 1;
            }
        }
    }

    /// One ruin-and-recreate step, accepted or undone by late acceptance.
    fn iterate(&mut self) {
        self.epoch += 1;
        self.touched.clear();
        self.iter += 1;
        let n = self.p.reqs.len();
        let unplaced: Vec<u32> = (0..n)
            .filter(|&r| self.st.asg[r].is_none() && self.movable(r))
            .map(|r| r as u32)
            .collect();
        self.work += n as u64 / 8;
        let mv = self.rng.random_range(0..100);
        let ruin = if !unplaced.is_empty() && mv < EJECT_PCT {
            self.eject_for_unplaced(&unplaced)
        } else {
            self.remove_related()
        };
        let Some(mut ruin) = ruin else { return };
        let retry = self.retry_candidates(&unplaced, ruin.freed);
        ruin.to_insert.extend(retry);
        self.recreate(ruin.to_insert);
        self.chain_ejections(&ruin.evicted, ruin.target);
        self.accept_or_undo();
    }

    /// Targeted ruin: places a random unplaced request by removing what is in its way.
    fn eject_for_unplaced(&mut self, unplaced: &[u32]) -> Option<Ruin> {
        let u = unplaced[self.rng.random_range(0..unplaced.len())] as usize;
        let picked = if self.rng.random_bool(EJECT_CHEAPEST) {
            self.cheapest_ejection(u)
        } else {
            self.sampled_ejection(u)
        };
        let (sl, sup, room, confl) = picked?;
        let mut freed = 0;
        for &o in &confl {
            let o = o as usize;
            if let Some(x) = self.st.asg[o] {
                freed |= bucket_mask(x.a, x.b, 1);
            }
            self.remove(o);
        }
        self.force(u, &sl, sup, room);
        freed |= bucket_mask(sl.a, sl.b, 1);
        Some(Ruin {
            evicted: confl.clone(),
            to_insert: confl,
            target: u,
            freed,
        })
    }

    /// Places `r` at (slot, supervisor, room) (undoably); what was in the way must be removed.
    fn force(&mut self, r: usize, sl: &Slot, sup: u16, room: u16) {
        self.touch(r);
        let soft = sl.pref + self.p.cont(r, sup);
        self.st.place(self.p, r, sl.placement(sup, room, soft));
    }

    /// Related removal: a random placed session and the sessions nearest to it (same day,
    /// supervisor or location, close in time; the emphasis varies at random).
    fn remove_related(&mut self) -> Option<Ruin> {
        let p = self.p;
        let placed: Vec<u32> = (0..p.reqs.len())
            .filter(|&r| self.st.asg[r].is_some() && p.reqs[r].fixed.is_none())
            .map(|r| r as u32)
            .collect();
        if placed.is_empty() {
            return None;
        }
        let seed = placed[self.rng.random_range(0..placed.len())] as usize;
        let sx = self.st.asg[seed]?;
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
        let mut ruin = Ruin {
            target: usize::MAX,
            ..Ruin::default()
        };
        for &(_, o) in rel.iter().take(k) {
            let o = o as usize;
            if let Some(x) = self.st.asg[o] {
                ruin.freed |= bucket_mask(x.a, x.b, 1);
            }
            self.remove(o);
            ruin.to_insert.push(o as u32);
        }
        Some(ruin)
    }

    /// The requests unplaced before the ruin that might use the freed time (at most
    /// [`MAX_RETRY`], chosen at random).
    fn retry_candidates(&mut self, unplaced: &[u32], freed: u128) -> Vec<u32> {
        let p = self.p;
        let mut extra: Vec<u32> = unplaced
            .iter()
            .copied()
            .filter(|&r| {
                self.st.asg[r as usize].is_none() && p.reqs[r as usize].time_mask & freed != 0
            })
            .collect();
        while extra.len() > MAX_RETRY {
            let i = self.rng.random_range(0..extra.len());
            extra.swap_remove(i);
        }
        extra
    }

    /// Re-inserts `to_insert` greedily: by difficulty with noise, or in random order.
    fn recreate(&mut self, mut to_insert: Vec<u32>) {
        let p = self.p;
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
    }

    /// The ejection chain, one level deeper: an evictee without a free option may in turn
    /// push out one other session (not `target`), which is then re-inserted greedily.
    fn chain_ejections(&mut self, evicted: &[u32], target: usize) {
        let p = self.p;
        for &e in evicted {
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
            self.force(e, &sl, sup, room);
            let mut rng = std::mem::replace(&mut self.rng, ChaCha8Rng::seed_from_u64(0));
            if let Some(x) = self.best_insert(o, &mut rng) {
                self.st.place(p, o, x);
            }
            self.rng = rng;
        }
    }

    /// Late-acceptance hill climbing: keeps the new plan if it is no worse than the current
    /// one or than the one of some iterations ago, else undoes the iteration; keeps the best
    /// plan; kicks the search out of a long stagnation.
    fn accept_or_undo(&mut self) {
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
}
