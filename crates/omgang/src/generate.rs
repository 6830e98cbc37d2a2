//! Realistic data at scale, for benchmarks: organisations with their staff, and cases over ten
//! years in every programme, phase and outcome. Cases are walked through the domain's own
//! rules (`decide` / `apply_by`), so every generated case is one the rules allow; they are then
//! written in bulk, many rows per statement and one transaction per batch.

use std::time::Instant;

use anyhow::Result;
use jiff::civil::{Date, DateTime};
use jiff::{Timestamp, ToSpan};
use omgang_app::App;
use omgang_domain::Programme;
use omgang_domain::case::{
    self, Case, CaseEvent, Child, Command, Contact, Ctx, EvaluationKind, NewSession, Outcome,
    Party, Person, PersonRole, Place, PlanContent, RegisteredBy, Registration, ReportContent,
    SessionOutcome, SignatureMethod, StaffFacts, amsterdam,
};
use omgang_domain::ids::{CaseId, OrgId, PersonId, ReportId, SessionId, UserId};
use omgang_domain::programme::{Lead, LocationKind, SessionKind};
use omgang_domain::signals;
use omgang_store::{
    ChainCursor, GeneratedCase, OrganisationRow, PreparedBatch, SignalWatch, UserRow,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

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

const FIRST: [&str; 16] = [
    "Anna", "Daan", "Emma", "Sem", "Julia", "Noah", "Tess", "Liam", "Sara", "Finn", "Noor", "Levi",
    "Yara", "Milan", "Fenna", "Mohamed",
];
const LAST: [&str; 16] = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Bos",
    "Yilmaz",
    "El Amrani",
    "Peters",
    "Hendriks",
    "Dekker",
];
const PLACES: [&str; 8] = [
    "Utrecht",
    "Mijdrecht",
    "Vinkeveen",
    "Amersfoort",
    "Zwolle",
    "Tilburg",
    "Leiden",
    "Arnhem",
];

struct Staff {
    org: OrgId,
    coordinator: UserId,
    supervisors: Vec<UserId>,
    volunteers: Vec<UserId>,
}

fn name(rng: &mut StdRng) -> String {
    format!(
        "{} {}",
        FIRST[rng.random_range(0..FIRST.len())],
        LAST[rng.random_range(0..LAST.len())]
    )
}

fn at(date: Date, hour: i8) -> Timestamp {
    date.at(hour, 0, 0, 0)
        .to_zoned_datetime(amsterdam())
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

/// A case being walked: the state, its events, and the clock.
struct Walk<'a> {
    case: Case,
    programme: &'a Programme,
    events: Vec<(CaseEvent, Timestamp, UserId)>,
    now: Timestamp,
}

impl Walk<'_> {
    /// Decides and applies; false when the rules refuse (the walk then ends there).
    fn step(&mut self, actor: &UserId, command: Command, supervisor: Option<StaffFacts>) -> bool {
        let ctx = Ctx::new(self.now, actor.clone(), supervisor);
        match case::decide(&self.case, self.programme, &ctx, command) {
            Ok(events) => {
                for e in events {
                    case::apply_by(&mut self.case, &e, self.now, actor);
                    self.events.push((e, self.now, actor.clone()));
                }
                true
            }
            Err(_) => false,
        }
    }

    fn advance_days(&mut self, days: i64) {
        self.now = self
            .now
            .checked_add((days * 24).hours())
            .unwrap_or(self.now);
    }

    fn today(&self) -> Date {
        amsterdam().to_datetime(self.now).date()
    }

    /// The walked case with its events and its signals projection as of `today`, as the
    /// application writes it with every change.
    fn finish(self, today: Date) -> GeneratedCase {
        let watch = SignalWatch {
            checked_on: today,
            first_signal: signals::first_signal_day(&self.case, self.programme, today),
        };
        GeneratedCase {
            case: self.case,
            events: self.events,
            watch,
        }
    }
}

/// The omgangshuis where the programme allows it for `kind`, else the kind's first place.
fn place_for(programme: &Programme, kind: SessionKind) -> Place {
    let allowed = programme.locations_for(kind);
    let kind = if allowed.contains(&LocationKind::Omgangshuis) {
        LocationKind::Omgangshuis
    } else {
        allowed
            .first()
            .copied()
            .unwrap_or(LocationKind::Omgangshuis)
    };
    Place {
        kind,
        location_id: None,
        room_id: None,
        description: None,
        home_of: None,
    }
}

fn facts(user: &UserId, staff: &Staff, volunteer: bool, on: Date) -> StaffFacts {
    StaffFacts {
        id: user.clone(),
        name: "begeleider".into(),
        organisation: staff.org.clone(),
        is_volunteer: volunteer,
        vog_issued_on: on.checked_sub(200.days()).ok(),
        training_completed_on: on.checked_sub(200.days()).ok(),
        busy: Vec::new(),
    }
}

/// Walks one case as far as `depth` (0 registered … 6 closed) allows, from `registered`.
fn walk_case(
    rng: &mut StdRng,
    n: usize,
    programme: &Programme,
    staff: &Staff,
    registered: Date,
    depth: u8,
    today: Date,
) -> Option<GeneratedCase> {
    let coordinator = &staff.coordinator;
    let volunteer = programme.supervision.volunteers_allowed && !staff.volunteers.is_empty();
    let pool = if volunteer {
        &staff.volunteers
    } else {
        &staff.supervisors
    };
    let supervisor = pool[rng.random_range(0..pool.len())].clone();
    let age_max = i16::from(programme.eligibility.child_age_max.min(11)).max(1);
    let birth = Date::new(
        registered.year() - 1 - rng.random_range(0..age_max),
        1 + rng.random_range(0..12),
        1 + rng.random_range(0..28),
    )
    .ok()?;
    let secret = rng.random_bool(0.15);
    let person = |rng: &mut StdRng, role: PersonRole, secret: bool| Person {
        id: PersonId(format!(
            "p{n}-{}",
            if role == PersonRole::ResidentParent {
                "r"
            } else {
                "v"
            }
        )),
        name: name(rng),
        role,
        contact: Contact {
            email: Some(format!(
                "ouder{n}{}@ouder.example",
                if role == PersonRole::ResidentParent {
                    "a"
                } else {
                    "b"
                }
            )),
            phone: Some(format!(
                "06-{:08}",
                rng.random_range(10_000_000..99_999_999)
            )),
            // Generated secret addresses are not real ones; they are marked, not sealed.
            address: Some(format!(
                "{} {}, {}",
                ["Dorpsstraat", "Kerkweg", "Molenlaan"][n % 3],
                n % 200 + 1,
                PLACES[n % PLACES.len()]
            )),
        },
        secret_address: secret,
        organisation: None,
        holds_authority: false,
    };
    let registration = Registration {
        id: CaseId(format!("gen-{n:07}")),
        reference: format!("{}-{n:06}", registered.year()),
        organisation: staff.org.clone(),
        programme: programme.id.clone(),
        registered_on: registered,
        registered_by: RegisteredBy::BothParents,
        entry_route: programme.eligibility.entry_routes[0],
        children: vec![Child {
            id: PersonId(format!("c{n}")),
            name: FIRST[n % FIRST.len()].into(),
            birth_date: birth,
        }],
        people: vec![
            person(rng, PersonRole::ResidentParent, secret),
            person(rng, PersonRole::NonResidentParent, false),
        ],
        safety_concerns: None,
        request: None,
        referrer_user: None,
    };
    let first = case::register(programme, registration).ok()?;
    let CaseEvent::Registered(r) = &first else {
        return None;
    };
    let mut w = Walk {
        case: case::from_registration(r),
        programme,
        events: Vec::new(),
        now: at(registered, 9),
    };
    w.events.push((first.clone(), w.now, coordinator.clone()));
    if depth == 0 {
        return Some(w.finish(today));
    }
    w.advance_days(rng.random_range(2..20));
    w.step(coordinator, Command::StartIntake, None);
    if depth == 1 {
        return Some(w.finish(today));
    }
    w.advance_days(7);
    // The intake sessions the programme names (one per parent, a child conversation or an
    // interaction observation), held before the intake is complete.
    for (i, need) in case::intake_sessions_needed(&w.case, programme, w.today())
        .into_iter()
        .enumerate()
    {
        let Some(rule) = programme.kind(need.kind) else {
            continue;
        };
        let lead_sup = rule.led_by == Lead::Supervisor;
        let id = SessionId(format!("s{n}-i{i}"));
        let date = w.today();
        let new = NewSession {
            id: id.clone(),
            kind: need.kind,
            starts_at: DateTime::from_parts(date, jiff::civil::time(9 + i as i8, 0, 0, 0)),
            minutes: rule.max_minutes.min(60),
            place: place_for(programme, need.kind),
            supervisor: lead_sup.then(|| supervisor.clone()),
            partner: None,
            participants: need.parent.into_iter().collect(),
        };
        let sup_facts = lead_sup.then(|| facts(&supervisor, staff, volunteer, date));
        if w.step(coordinator, Command::PlanSession(new), sup_facts) {
            w.now = at(date, 18);
            w.step(
                coordinator,
                Command::RecordOutcome {
                    session: id,
                    outcome: SessionOutcome::Held {
                        notes: String::new(),
                        attended: Vec::new(),
                    },
                },
                None,
            );
        }
        w.advance_days(1);
    }
    if !w.step(
        coordinator,
        Command::CompleteIntake {
            eligible: true,
            notes: String::new(),
            reason: None,
        },
        None,
    ) {
        return Some(w.finish(today));
    }
    if !programme.partners.is_empty() {
        w.step(
            coordinator,
            Command::AssignPartner {
                organisation: Some(OrgId("gen-partner".into())),
            },
            None,
        );
    }
    let content = PlanContent {
        goals: vec!["Ontspannen contact tussen kind en uitwonende ouder.".into()],
        house_rules: programme
            .plan
            .house_rules
            .iter()
            .map(|r| r.nl.clone())
            .collect(),
        visit_agreements: "Eens per twee weken in het omgangshuis.".into(),
        evaluation_moments: vec![w.today().checked_add(3.months()).ok()?],
        parents_must_not_meet: true,
        ..PlanContent::default()
    };
    w.step(coordinator, Command::WritePlan { content }, None);
    if depth == 2 {
        return Some(w.finish(today));
    }
    w.advance_days(5);
    let parents: Vec<PersonId> = w.case.parents().map(|p| p.id.clone()).collect();
    for p in &parents {
        w.step(
            coordinator,
            Command::SignPlan {
                version: 1,
                parent: p.clone(),
                method: SignatureMethod::Paper,
                signed_on: None,
            },
            None,
        );
    }
    // Sessions week by week, through the phases, until today or the depth's end.
    let visits = match depth {
        3 => rng.random_range(1..4),
        _ => rng.random_range(4..10),
    };
    let mut s = 0;
    let mut planned = 0;
    while planned < visits * 2 {
        w.advance_days(7);
        let date = w.today();
        let kinds: Vec<SessionKind> = w
            .case
            .phase
            .as_deref()
            .and_then(|p| programme.phase(p))
            .map(|p| p.session_kinds.clone())
            .unwrap_or_default();
        let mut kind = if planned % 2 == 0 {
            [
                SessionKind::SupervisedVisit,
                SessionKind::SupervisedHandover,
                SessionKind::UnsupervisedVisit,
            ]
            .into_iter()
            .find(|k| kinds.contains(k))
        } else {
            [
                SessionKind::OnsConversation,
                SessionKind::ParentConversation,
            ]
            .into_iter()
            .find(|k| kinds.contains(k))
        };
        if let Some(rule) = kind.and_then(|k| programme.kind(k))
            && rule
                .requires_held
                .iter()
                .any(|req| w.case.held(req.kind) < req.count)
        {
            kind = Some(SessionKind::OnsConversation);
        }
        let Some(kind) = kind else { break };
        let Some(rule) = programme.kind(kind) else {
            break;
        };
        planned += 1;
        s += 1;
        let id = SessionId(format!("s{n}-{s}"));
        let starts = DateTime::from_parts(date, jiff::civil::time(9 + (n % 8) as i8, 0, 0, 0));
        let lead_sup = rule.led_by == Lead::Supervisor;
        let new = NewSession {
            id: id.clone(),
            kind,
            starts_at: starts,
            minutes: rule.max_minutes.min(90),
            place: place_for(programme, kind),
            supervisor: lead_sup.then(|| supervisor.clone()),
            partner: None,
            participants: Vec::new(),
        };
        let sup_facts = lead_sup.then(|| facts(&supervisor, staff, volunteer, date));
        if !w.step(coordinator, Command::PlanSession(new), sup_facts) {
            continue;
        }
        if date >= today {
            break;
        }
        w.now = at(date, 18);
        let outcome = match rng.random_range(0..20) {
            0 => SessionOutcome::Cancelled {
                by: Party::Person(parents[rng.random_range(0..parents.len())].clone()),
                reason: "Ziek.".into(),
            },
            1 => SessionOutcome::NoShow {
                who: Party::Person(parents[parents.len() - 1].clone()),
                notes: String::new(),
            },
            _ => SessionOutcome::Held {
                notes: String::new(),
                attended: Vec::new(),
            },
        };
        let held = matches!(outcome, SessionOutcome::Held { .. });
        w.step(
            coordinator,
            Command::RecordOutcome {
                session: id.clone(),
                outcome,
            },
            None,
        );
        if held && rule.needs_report {
            let report = ReportId(format!("r{n}-{s}"));
            let content = ReportContent {
                course: "Het bezoek verliep rustig; samen gespeeld.".into(),
                child_reactions: "Het kind was blij.".into(),
                interaction: "Warm contact.".into(),
                agreements_kept: "Ja.".into(),
                punctuality_resident_parent: "Op tijd.".into(),
                punctuality_visiting_parent: "Op tijd.".into(),
                incidents: String::new(),
            };
            w.step(
                &supervisor,
                Command::SaveReport {
                    report: report.clone(),
                    session: id,
                    content,
                },
                None,
            );
            // Reports of the last three weeks of a running case are often still drafts.
            let recent = today.since(date).is_ok_and(|s| s.get_days() < 21);
            if recent && rng.random_bool(0.5) {
                continue;
            }
            w.step(
                coordinator,
                Command::ApproveReport {
                    report: report.clone(),
                },
                None,
            );
            w.step(coordinator, Command::ReleaseReport { report }, None);
        }
    }
    if depth < 6 || w.today() >= today {
        return Some(w.finish(today));
    }
    w.advance_days(14);
    let agreement = rng.random_bool(0.6);
    let evaluation = case::Evaluation {
        kind: EvaluationKind::End,
        on: w.today(),
        summary: "Eindevaluatie.".into(),
        agreement_reached: agreement,
        next_steps: String::new(),
    };
    w.step(coordinator, Command::RecordEvaluation(evaluation), None);
    let outcome = match (agreement, rng.random_range(0..4)) {
        (true, 0) => Outcome::UnsupervisedContact,
        (true, _) => Outcome::Ouderschapsplan,
        (false, 0) => Outcome::Reported {
            to: omgang_domain::programme::EscalationTarget::VeiligThuis,
        },
        (false, 1) => Outcome::FollowUpHelp {
            handed_to: "Sociaal Team".into(),
        },
        (false, _) => Outcome::StoppedEarly {
            reason: "Ouders stoppen.".into(),
        },
    };
    w.step(
        coordinator,
        Command::EndCase {
            outcome,
            summary: "Afgerond.".into(),
        },
        None,
    );
    if w.case.status == case::CaseStatus::FollowUp {
        w.advance_days(180);
        if w.today() < today {
            w.step(
                coordinator,
                Command::CloseFollowUp {
                    summary: String::new(),
                },
                None,
            );
        }
    }
    Some(w.finish(today))
}

/// Municipalities that fund the programmes: one per ten providers (at least one), each with
/// a funder's account (`gen-gem-NNN`) and every programme of its providers — so the
/// funder's dashboard reads the cases of ten organisations, the large first one included.
async fn fund_programmes(
    store: &omgang_store::Store,
    staff: &[Staff],
    programmes: &[std::sync::Arc<Programme>],
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

/// Writes `scale` into an empty database. Returns what was written and how fast.
pub async fn generate(app: &App, scale: Scale) -> Result<Report> {
    let started = Instant::now();
    let mut rng = StdRng::seed_from_u64(20_261_128);
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
    store
        .insert_organisation(&OrganisationRow {
            id: "gen-partner".into(),
            name: "Partner (ONS)".into(),
            kind: "partner".into(),
            created_at: created,
        })
        .await?;
    let mut staff = Vec::new();
    for o in 0..scale.organisations {
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
    let (sender, mut receiver) =
        tokio::sync::mpsc::channel::<anyhow::Result<(PreparedBatch, ChainCursor, usize)>>(2);
    let mut chain = store.audit_head().await?;
    let cases = scale.cases;
    let big_org_cases = scale.big_org_cases;
    let walker = std::thread::spawn(move || {
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
    });
    // The secondary indexes are built once at the end: much faster than row by row. If the
    // load fails they are made again all the same, so the database stays usable.
    let indexes = store.drop_bulk_indexes().await?;
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
    drop(receiver);
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
