//! Realistic data at scale, for benchmarks: organisations with their staff, and cases over ten
//! years in every programme, phase and outcome. Cases are walked through the domain's own
//! rules (`decide` / `apply_by`), so every generated case is one the rules allow; they are then
//! written in bulk, many rows per statement and one transaction per batch.

mod walk;

use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Instant;

use anyhow::Result;
use jiff::ToSpan;
use jiff::civil::Date;
use omgang_app::App;
use omgang_domain::Programme;
use omgang_domain::ids::{OrgId, UserId};
use omgang_store::{ChainCursor, OrganisationRow, PreparedBatch, Store, UserRow};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tokio::sync::mpsc::{Receiver, Sender};

use walk::{Staff, walk_case};

pub const BENCH_PASSWORD: &str = "omgang-bench-2026";

#[derive(Clone, Copy, Debug)]
pub struct Scale {
    pub organisations: usize,
    pub cases: usize,
    /// Extra recent cases of the first organisation (a large provider).
    pub big_org_cases: usize,
}

/// Cases per transaction.
const BATCH: usize = 500;

impl Scale {
    pub fn named(name: &str) -> Option<Scale> {
        match name {
            "small" => Some(Scale {
                organisations: 5,
                cases: 2_000,
                big_org_cases: 100,
            }),
            "regional" => Some(Scale {
                organisations: 40,
                cases: 10_000,
                big_org_cases: 500,
            }),
            "national" => Some(Scale {
                organisations: 400,
                cases: 100_000,
                big_org_cases: 1_000,
            }),
            _ => None,
        }
    }
}

pub struct Report {
    pub cases: usize,
    pub rows: u64,
    pub seconds: f64,
    pub sessions: usize,
}

/// Municipalities that fund the programmes: one per ten providers (at least one), each with
/// a funder's account (`gen-gem-NNN`) and every programme of its providers — so the
/// funder's dashboard reads the cases of ten organisations, the large first one included.
async fn fund_programmes(
    store: &Store,
    staff: &[Staff],
    programmes: &[Arc<Programme>],
    created: i64,
    user: &impl Fn(String, &str, &str, bool) -> UserRow,
) -> Result<()> {
    let funders = (staff.len() / 10).max(1);
    for f in 0..funders {
        let org = format!("gen-fund-{f:03}");
        store
            .insert_organisation(&OrganisationRow {
                id: org.clone(),
                name: format!("Gemeente {f}"),
                kind: "funder".into(),
                created_at: created,
            })
            .await?;
        store
            .insert_user(&user(format!("gen-gem-{f:03}"), &org, "funder", false))
            .await?;
    }
    let mut tx = store.pool().begin().await?;
    for (o, s) in staff.iter().enumerate() {
        for p in programmes {
            sqlx::query(
                "INSERT INTO programme_funders (org_id, programme_id, funder_org_id) VALUES ($1, $2, $3)",
            )
            .bind(s.org.as_str())
            .bind(&p.id)
            .bind(format!("gen-fund-{:03}", o % funders))
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// A batch of walked cases turned into rows, the audit chain after it, and its sessions.
type Prepared = anyhow::Result<(PreparedBatch, ChainCursor, usize)>;

/// Writes `scale` into an empty database. Returns what was written and how fast.
pub async fn generate(app: &App, scale: Scale) -> Result<Report> {
    let started = Instant::now();
    let rng = StdRng::seed_from_u64(20_261_128);
    let today = app.today();
    let store = &app.store;
    let created = app.now().as_millisecond();
    let hash =
        omgang_app::auth::hash_password(BENCH_PASSWORD).map_err(|e| anyhow::anyhow!("{e}"))?;
    let user = |id: String, org: &str, role: &str, volunteer: bool| UserRow {
        email: format!("{id}@bench.example"),
        id,
        org_id: org.to_owned(),
        name: "Medewerker".into(),
        role: role.into(),
        password_hash: hash.clone(),
        is_volunteer: volunteer,
        vog_issued_on: volunteer.then(|| {
            today
                .checked_sub(200.days())
                .map(|d| d.to_string())
                .unwrap_or_default()
        }),
        training_completed_on: volunteer.then(|| {
            today
                .checked_sub(200.days())
                .map(|d| d.to_string())
                .unwrap_or_default()
        }),
        active: true,
        lang: "nl".into(),
        created_at: created,
    };
    let staff = organisations(store, scale.organisations, created, &user).await?;
    let programmes = app.all_programmes();
    fund_programmes(store, &staff, &programmes, created, &user).await?;
    // Every organisation opens one programme for the public registration form.
    for (o, s) in staff.iter().enumerate() {
        let programme = &programmes[o % programmes.len()];
        store
            .set_public_programme(s.org.as_str(), &programme.id, true)
            .await?;
    }
    // Walking the cases and turning them into rows (CPU) runs on its own thread, a batch
    // ahead of the database writing the previous one.
    let (sender, receiver) = tokio::sync::mpsc::channel::<Prepared>(2);
    let chain = store.audit_head().await?;
    let walker = spawn_walker(rng, staff, programmes, scale, today, chain, sender);
    // The secondary indexes are built once at the end: much faster than row by row. If the
    // load fails they are made again all the same, so the database stays usable.
    let indexes = store.drop_bulk_indexes().await?;
    let (rows, sessions, loaded) = write_batches(store, receiver).await;
    store.create_indexes(&indexes).await?;
    loaded?;
    walker
        .join()
        .map_err(|_| anyhow::anyhow!("the case walker stopped"))?;
    Ok(Report {
        cases: scale.cases + scale.big_org_cases,
        rows,
        seconds: started.elapsed().as_secs_f64(),
        sessions,
    })
}

/// The partner organisation, then `count` providers, each with a coordinator, three
/// supervisors and two volunteers.
async fn organisations(
    store: &Store,
    count: usize,
    created: i64,
    user: &impl Fn(String, &str, &str, bool) -> UserRow,
) -> Result<Vec<Staff>> {
    store
        .insert_organisation(&OrganisationRow {
            id: "gen-partner".into(),
            name: "Partner (ONS)".into(),
            kind: "partner".into(),
            created_at: created,
        })
        .await?;
    let mut staff = Vec::new();
    for o in 0..count {
        let org = format!("gen-org-{o:03}");
        store
            .insert_organisation(&OrganisationRow {
                id: org.clone(),
                name: format!("Aanbieder {o}"),
                kind: "provider".into(),
                created_at: created,
            })
            .await?;
        let coordinator = format!("gen-co-{o:03}");
        store
            .insert_user(&user(coordinator.clone(), &org, "coordinator", false))
            .await?;
        let mut supervisors = Vec::new();
        let mut volunteers = Vec::new();
        for s in 0..3 {
            let id = format!("gen-sup-{o:03}-{s}");
            store
                .insert_user(&user(id.clone(), &org, "supervisor", false))
                .await?;
            supervisors.push(UserId(id));
        }
        for v in 0..2 {
            let id = format!("gen-vol-{o:03}-{v}");
            store
                .insert_user(&user(id.clone(), &org, "volunteer", true))
                .await?;
            volunteers.push(UserId(id));
        }
        staff.push(Staff {
            org: OrgId(org),
            coordinator: UserId(coordinator),
            supervisors,
            volunteers,
        });
    }
    Ok(staff)
}

/// The thread that walks the cases and prepares their rows, a batch of [`BATCH`] at a time,
/// into `sender` (it stops when the receiver is gone).
fn spawn_walker(
    mut rng: StdRng,
    staff: Vec<Staff>,
    programmes: Vec<Arc<Programme>>,
    scale: Scale,
    today: Date,
    mut chain: ChainCursor,
    sender: Sender<Prepared>,
) -> JoinHandle<()> {
    let cases = scale.cases;
    let big_org_cases = scale.big_org_cases;
    std::thread::spawn(move || {
        let mut batch = Vec::with_capacity(BATCH);
        for n in 0..cases + big_org_cases {
            let programme = &programmes[n % programmes.len()];
            // The first organisation is a large one: besides its share it gets cases
            // registered within the last year, so it has hundreds of open cases.
            let (org, days_ago) = if n >= cases {
                (&staff[0], rng.random_range(0..365))
            } else {
                (&staff[n % staff.len()], rng.random_range(0..3650))
            };
            let registered = match today.checked_sub(i64::from(days_ago).days()) {
                Ok(d) => d,
                Err(e) => {
                    let _ = sender.blocking_send(Err(e.into()));
                    return;
                }
            };
            // Older cases are further along: most cases older than a year are closed.
            let depth = match days_ago {
                0..=20 => rng.random_range(0..3),
                21..=200 => rng.random_range(2..6),
                _ => 6,
            };
            if let Some(g) = walk_case(&mut rng, n, programme, org, registered, depth, today) {
                batch.push(g);
            }
            if batch.len() == BATCH || (n + 1 == cases + big_org_cases && !batch.is_empty()) {
                let sessions = batch.iter().map(|g| g.case.sessions.len()).sum();
                let prepared = PreparedBatch::prepare(&batch, &mut chain)
                    .map(|p| (p, chain.clone(), sessions))
                    .map_err(anyhow::Error::from);
                batch.clear();
                if sender.blocking_send(prepared).is_err() {
                    return;
                }
            }
        }
    })
}

/// Writes the prepared batches as they come: (rows, sessions, the first error if any). The
/// receiver is dropped at the end, which stops the walker after an error.
async fn write_batches(
    store: &Store,
    mut receiver: Receiver<Prepared>,
) -> (u64, usize, Result<()>) {
    let mut rows = 0;
    let mut sessions = 0;
    let mut loaded = Ok(());
    while let Some(prepared) = receiver.recv().await {
        let written = match prepared {
            Ok((batch, head, batch_sessions)) => {
                sessions += batch_sessions;
                store
                    .insert_prepared(batch, &head)
                    .await
                    .map_err(Into::into)
            }
            Err(e) => Err(e),
        };
        match written {
            Ok(n) => rows += n,
            Err(e) => {
                loaded = Err(e);
                break;
            }
        }
    }
    (rows, sessions, loaded)
}
