//! The load generator: a scenario at a fixed rate (open loop) and at full speed over a
//! fixed number of connections (closed loop), and what they measured.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::Client;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// What one scenario measured.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub name: String,
    pub rate: f64,
    pub sent: usize,
    pub errors: usize,
    /// Answered 503 by the server's load shedding (or an unreachable database): refused
    /// quickly on purpose, counted apart from errors.
    pub shed: usize,
    pub throughput: f64,
    pub p50: Duration,
    pub p99: Duration,
    pub max: Duration,
    pub ceiling: f64,
}

impl Stats {
    pub(super) fn from_samples(
        name: &str,
        rate: f64,
        samples: &mut [(Duration, Answer)],
        elapsed: f64,
    ) -> Stats {
        samples.sort_by_key(|(d, _)| *d);
        let at = |q: f64| {
            if samples.is_empty() {
                Duration::ZERO
            } else {
                let i = ((samples.len() as f64 * q).ceil() as usize).clamp(1, samples.len()) - 1;
                samples[i].0
            }
        };
        Stats {
            name: name.to_owned(),
            rate,
            sent: samples.len(),
            errors: samples.iter().filter(|(_, a)| *a == Answer::Failed).count(),
            shed: samples.iter().filter(|(_, a)| *a == Answer::Shed).count(),
            throughput: samples.iter().filter(|(_, a)| *a == Answer::Ok).count() as f64
                / elapsed.max(1e-9),
            p50: at(0.50),
            p99: at(0.99),
            max: samples.last().map_or(Duration::ZERO, |s| s.0),
            ceiling: 0.0,
        }
    }
}

/// Makes the `i`-th request of a scenario.
pub(super) type MakeRequest = Arc<dyn Fn(&Client, usize) -> reqwest::RequestBuilder + Send + Sync>;

/// A scenario: its name, its rate and how to make its requests.
pub(super) struct Scenario {
    pub(super) name: &'static str,
    pub(super) rate: f64,
    pub(super) client: Client,
    pub(super) make: MakeRequest,
}

/// Sends `rate` requests per second for `seconds`, each at its scheduled time.
pub(super) async fn fixed_rate(s: &Scenario, seconds: f64) -> Stats {
    let total = (s.rate * seconds).round().max(1.0) as usize;
    let interval = Duration::from_secs_f64(1.0 / s.rate);
    // A stalled server must not make the benchmark itself run out of memory.
    let in_flight = Arc::new(Semaphore::new(4096));
    let start = tokio::time::Instant::now() + Duration::from_millis(20);
    let mut tasks = JoinSet::new();
    for i in 0..total {
        let due = start + interval.mul_f64(i as f64);
        tokio::time::sleep_until(due).await;
        let request = (s.make)(&s.client, i);
        let Ok(permit) = in_flight.clone().try_acquire_owned() else {
            tasks.spawn(async move { (due.elapsed(), Answer::Failed) });
            continue;
        };
        tasks.spawn(async move {
            let ok = send(request).await;
            drop(permit);
            (due.elapsed(), ok)
        });
    }
    let mut samples = Vec::with_capacity(total);
    while let Some(done) = tasks.join_next().await {
        samples.push(done.unwrap_or((Duration::MAX, Answer::Failed)));
    }
    let elapsed = start.elapsed().as_secs_f64();
    Stats::from_samples(s.name, s.rate, &mut samples, elapsed)
}

/// Requests per second at full speed over `connections` connections.
pub(super) async fn ceiling(s: &Scenario, seconds: f64, connections: usize) -> f64 {
    let until = Instant::now() + Duration::from_secs_f64(seconds);
    let counter = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = JoinSet::new();
    for worker in 0..connections {
        let client = s.client.clone();
        let make = s.make.clone();
        let counter = counter.clone();
        tasks.spawn(async move {
            let mut ok = 0usize;
            let mut i = worker * 1_000_000;
            while Instant::now() < until {
                let n = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if send(make(&client, n + i)).await == Answer::Ok {
                    ok += 1;
                }
                i += 1;
            }
            ok
        });
    }
    let mut ok = 0;
    while let Some(n) = tasks.join_next().await {
        ok += n.unwrap_or(0);
    }
    ok as f64 / started.elapsed().as_secs_f64()
}

/// How one request ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Answer {
    Ok,
    /// 503: shed by the server on purpose.
    Shed,
    Failed,
}

/// Sends one request; reads the whole answer.
pub(super) async fn send(request: reqwest::RequestBuilder) -> Answer {
    match request.send().await {
        Ok(response) => {
            let status = response.status();
            let read = response.bytes().await.is_ok();
            match (status.is_success(), status.as_u16(), read) {
                (true, _, true) => Answer::Ok,
                (_, 503, _) => Answer::Shed,
                _ => Answer::Failed,
            }
        }
        Err(_) => Answer::Failed,
    }
}

/// A duration in milliseconds, one decimal.
pub(super) fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}
