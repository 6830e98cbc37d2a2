//! Test helpers: a random small-instance generator and the bridge to `check.py`.
// Each test binary uses a part of this module; tests may stop at the first surprise.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use omgang_planner::{
    Instance, Location, Organisation, Report, Request, Room, RoomType, Solution, Supervisor,
    SupervisorKind,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub fn shared_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/planner")
}

/// The public instance `name` (e.g. `S-seed1`), or `None` (with a message) when shared/ is absent.
pub fn public_instance(name: &str) -> Option<(PathBuf, Instance)> {
    let path = shared_dir().join("instances").join(format!("{name}.json"));
    match std::fs::read_to_string(&path) {
        Ok(text) => Some((path, Instance::from_json(&text).unwrap())),
        Err(e) => {
            eprintln!(
                "SKIPPED: public instance {} not available ({e})",
                path.display()
            );
            None
        }
    }
}

fn date(days_from_week_start: i64) -> String {
    // week_start is 2025-03-03; keep offsets within 2025-01-01 .. 2025-12-31
    let mut d = 31 + 28 + 3 + days_from_week_start; // day of year, 1-based
    let dim = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut m = 0;
    while d > dim[m] {
        d -= dim[m];
        m += 1;
    }
    format!("2025-{:02}-{:02}", m + 1, d)
}

fn interval(rng: &mut ChaCha8Rng, day: i64, min_len: i64, max_len: i64) -> [i64; 2] {
    let a = day * 1440
        + rng.random_range(7..19) * 60
        + rng.random_range(0..4) * 15
        + rng.random_range(0..2) * 5;
    let b = a + rng.random_range(min_len..=max_len);
    [a, b.min(day * 1440 + 1440)]
}

/// A random small instance: 1–2 organisations, a few locations, rooms, supervisors and
/// requests, with random windows, VOG dates, margins, travel times and shared cases.
#[allow(clippy::too_many_lines)] // one generator, read top to bottom
pub fn random_instance(seed: u64) -> Instance {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n_org = rng.random_range(1..=2);
    let mut inst = Instance {
        format: Some("omgang-weekplanner-instance/1".into()),
        name: format!("rand-{seed}"),
        generator: None,
        week_start: "2025-03-03".into(),
        grid_minutes: 15,
        default_travel_minutes: 30,
        organisations: vec![],
        locations: vec![],
        supervisors: vec![],
        requests: vec![],
    };
    let types = [RoomType::Homely, RoomType::Large, RoomType::Office];
    for o in 0..n_org {
        let oid = format!("O{}", o + 1);
        inst.organisations.push(Organisation {
            id: oid.clone(),
            name: String::new(),
        });
        let n_loc = rng.random_range(1..=3);
        let loc_ids: Vec<String> = (0..n_loc).map(|l| format!("{oid}-L{}", l + 1)).collect();
        for (l, lid) in loc_ids.iter().enumerate() {
            let mut hours = Vec::new();
            for d in 0..7 {
                if rng.random_bool(0.15) {
                    hours.push(vec![]);
                } else if rng.random_bool(0.2) {
                    hours.push(vec![[480, 720], [780, 1260]]);
                } else {
                    hours.push(vec![[rng.random_range(0..4) * 30 + 480, 1200 + d * 5]]);
                }
            }
            let mut travel = BTreeMap::new();
            for other in &loc_ids {
                if other != lid && rng.random_bool(0.7) {
                    travel.insert(other.clone(), rng.random_range(0..=60));
                }
            }
            inst.locations.push(Location {
                id: lid.clone(),
                organisation: oid.clone(),
                name: String::new(),
                margin_minutes: [0, 10, 15, 20][rng.random_range(0..4)],
                opening_hours: hours,
                rooms: (0..rng.random_range(1..=3))
                    .map(|k| Room {
                        id: format!("{lid}-R{}", k + 1),
                        room_type: types[rng.random_range(0..3)],
                    })
                    .collect(),
                travel_minutes: travel,
            });
            let _ = l;
        }
        let n_sup = rng.random_range(1..=6);
        for s in 0..n_sup {
            let vol = rng.random_bool(0.4);
            let mut avail = Vec::new();
            for day in 0..7 {
                if rng.random_bool(0.7) {
                    avail.push(interval(&mut rng, day, 120, 720));
                }
            }
            inst.supervisors.push(Supervisor {
                id: format!("{oid}-S{:02}", s + 1),
                organisation: oid.clone(),
                name: String::new(),
                kind: if vol {
                    SupervisorKind::Volunteer
                } else {
                    SupervisorKind::Professional
                },
                vog_valid_until: if rng.random_bool(0.1) {
                    None
                } else {
                    Some(date(rng.random_range(-5..30)))
                },
                trained: rng.random_bool(0.85),
                availability: avail,
                max_minutes_per_week: rng.random_range(2..=14) * 60,
                locations: loc_ids
                    .iter()
                    .filter(|_| rng.random_bool(0.75))
                    .cloned()
                    .collect(),
            });
        }
        let n_req = rng.random_range(2..=14);
        for _ in 0..n_req {
            let n = inst.requests.len();
            let mut windows = Vec::new();
            let mut day = rng.random_range(0..4);
            while day < 7 && windows.len() < 3 {
                windows.push(interval(&mut rng, day, 60, 360));
                day += rng.random_range(1..4);
            }
            let locs: Vec<String> = loc_ids
                .iter()
                .filter(|_| rng.random_bool(0.7))
                .cloned()
                .collect();
            let mut rts: Vec<RoomType> = types
                .iter()
                .copied()
                .filter(|_| rng.random_bool(0.6))
                .collect();
            if rts.is_empty() {
                rts.push(RoomType::Homely);
            }
            let sups: Vec<String> = inst.supervisors.iter().map(|s| s.id.clone()).collect();
            let start0 = windows[0][0];
            inst.requests.push(Request {
                id: format!("R{:04}", n + 1),
                case_id: format!("C{}", rng.random_range(0..6 + n / 2)),
                organisation: oid.clone(),
                kind: "supervised_visit".into(),
                duration_minutes: [30, 45, 50, 60, 90, 120][rng.random_range(0..6)],
                locations: locs,
                room_types: rts,
                staggered: rng.random_bool(0.6),
                volunteer_allowed: rng.random_bool(0.5),
                windows,
                previous_supervisor: if rng.random_bool(0.5) {
                    Some(sups[rng.random_range(0..sups.len())].clone())
                } else {
                    None
                },
                preferred_start: if rng.random_bool(0.4) {
                    Some(start0 + rng.random_range(0..20) * 15)
                } else {
                    None
                },
                fixed: None,
                // Sometimes a case that keeps one supervisor (the product's extension).
                only_supervisors: if rng.random_bool(0.15) {
                    Some(vec![sups[rng.random_range(0..sups.len())].clone()])
                } else {
                    None
                },
            });
        }
    }
    inst.validate().unwrap();
    inst
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn tmp(name: &str) -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    std::env::temp_dir().join(format!(
        "omgang-planner-test-{}-{n}-{name}",
        std::process::id()
    ))
}

/// What check.py --json says, or `None` when python3 or check.py is not available.
pub fn python_check(inst: &Instance, sol: &Solution) -> Option<serde_json::Value> {
    let check = shared_dir().join("check.py");
    if !check.exists() {
        eprintln!("SKIPPED: {} not available", check.display());
        return None;
    }
    let ip = tmp("instance.json");
    let sp = tmp("solution.json");
    std::fs::write(&ip, serde_json::to_string(inst).unwrap()).unwrap();
    std::fs::write(&sp, sol.to_json()).unwrap();
    let out = std::process::Command::new("python3")
        .arg(&check)
        .arg("--json")
        .arg(&ip)
        .arg(&sp)
        .output();
    let _ = std::fs::remove_file(&ip);
    let _ = std::fs::remove_file(&sp);
    match out {
        Ok(o) => Some(serde_json::from_slice(&o.stdout).unwrap()),
        Err(e) => {
            eprintln!("SKIPPED: python3 not available ({e})");
            None
        }
    }
}

/// Asserts that the Rust report and check.py agree.
pub fn assert_agree(rep: &Report, py: &serde_json::Value) {
    if let Some(m) = py.get("malformed") {
        assert!(
            !rep.malformed.is_empty(),
            "check.py: malformed {m}, Rust: well formed"
        );
        return;
    }
    assert!(
        rep.malformed.is_empty(),
        "Rust malformed {:?}, check.py well formed",
        rep.malformed
    );
    assert_eq!(
        py["hard_violations"].as_u64().unwrap() as usize,
        rep.hard_violations,
        "{py} vs {rep:?}"
    );
    let by: BTreeMap<String, usize> =
        serde_json::from_value(py["violations_by_rule"].clone()).unwrap();
    assert_eq!(by, rep.violations_by_rule);
    assert_eq!(py["score"].as_i64().unwrap(), rep.score);
    assert_eq!(
        py["score_breakdown"]["unplaced"].as_i64().unwrap(),
        rep.breakdown.unplaced
    );
    assert_eq!(
        py["score_breakdown"]["continuity"].as_i64().unwrap(),
        rep.breakdown.continuity
    );
    assert_eq!(
        py["score_breakdown"]["preference"].as_i64().unwrap(),
        rep.breakdown.preference
    );
    assert_eq!(
        py["score_breakdown"]["multi_location_days"]
            .as_i64()
            .unwrap(),
        rep.breakdown.multi_location_days
    );
    assert_eq!(py["placed"].as_u64().unwrap() as usize, rep.placed);
}
