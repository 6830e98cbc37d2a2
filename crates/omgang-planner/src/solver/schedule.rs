//! The turns of the groups: work in fixed amounts of counted work, side by side on the
//! threads, `should_stop` polled between turns (which makes the plan independent of the
//! number of threads).

use super::Progress;
use super::search::Search;

/// Work units per turn (≈ 2 ms on one core; `should_stop` is polled between turns).
const TURN_WORK: u64 = 60_000;
/// Turn weight: one extra unit per this much score between a group's best and its lower
/// bound (groups with more to gain get more turns).
const GAP_PER_WEIGHT: u64 = 50;

/// Runs `f` on every item, on up to `threads` threads (the last item on this one).
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

/// `[f(0), …, f(n - 1)]`, computed on up to `threads` threads (item `i` on chunk
/// `i % threads`).
pub(super) fn build_each<R: Send>(
    n: usize,
    threads: usize,
    f: impl Fn(usize) -> R + Sync,
) -> Vec<R> {
    let mut slots: Vec<Option<R>> = (0..n).map(|_| None).collect();
    {
        let mut chunks: Vec<Vec<(usize, &mut Option<R>)>> =
            (0..threads).map(|_| Vec::new()).collect();
        for (i, s) in slots.iter_mut().enumerate() {
            chunks[i % threads].push((i, s));
        }
        run_parallel(chunks, threads, |chunk| {
            for (i, s) in chunk {
                *s = Some(f(i));
            }
        });
    }
    slots.into_iter().flatten().collect()
}

/// Gives the searches turns until all are done or `should_stop` says so; `progress` before
/// every poll. Returns the polls answered `false`.
pub(super) fn run_turns(
    searches: &mut [Search<'_>],
    threads: usize,
    should_stop: &mut dyn FnMut() -> bool,
    progress: &mut dyn FnMut(&Progress),
) -> u64 {
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
            return polls;
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
}
