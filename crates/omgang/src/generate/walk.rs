//! One generated case, walked through the domain's rules step by step: registration,
//! intake, plan, sessions week by week, and the end.

use jiff::civil::{Date, DateTime};
use jiff::{Timestamp, ToSpan};
use omgang_domain::Programme;
use omgang_domain::case::{
    self, Case, CaseEvent, Child, Command, Contact, Ctx, EvaluationKind, NewSession, Outcome,
    Party, Person, PersonRole, Place, PlanContent, RegisteredBy, Registration, ReportContent,
    SessionOutcome, SignatureMethod, StaffFacts, amsterdam,
};
use omgang_domain::ids::{CaseId, OrgId, PersonId, ReportId, SessionId, UserId};
use omgang_domain::programme::{Lead, LocationKind, SessionKind, SessionKindRule};
use omgang_domain::signals;
use omgang_store::{GeneratedCase, SignalWatch};
use rand::Rng;
use rand::rngs::StdRng;

pub(super) const FIRST: [&str; 16] = [
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

/// An organisation and its staff.
pub(super) struct Staff {
    pub(super) org: OrgId,
    pub(super) coordinator: UserId,
    pub(super) supervisors: Vec<UserId>,
    pub(super) volunteers: Vec<UserId>,
}

/// A random first and last name.
fn name(rng: &mut StdRng) -> String {
    format!(
        "{} {}",
        FIRST[rng.random_range(0..FIRST.len())],
        LAST[rng.random_range(0..LAST.len())]
    )
}

/// `hour` o'clock on `date` in Amsterdam.
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

/// What the rules know of the supervisor `user` on `on`.
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
pub(super) fn walk_case(
    rng: &mut StdRng,
    n: usize,
    programme: &Programme,
    staff: &Staff,
    registered: Date,
    depth: u8,
    today: Date,
) -> Option<GeneratedCase> {
    let volunteer = programme.supervision.volunteers_allowed && !staff.volunteers.is_empty();
    let pool = if volunteer {
        &staff.volunteers
    } else {
        &staff.supervisors
    };
    let supervisor = pool[rng.random_range(0..pool.len())].clone();
    let crew = Crew {
        n,
        programme,
        staff,
        coordinator: &staff.coordinator,
        supervisor,
        volunteer,
        today,
    };
    let mut w = crew.register(rng, registered)?;
    if depth == 0 {
        return Some(w.finish(today));
    }
    w.advance_days(rng.random_range(2..20));
    w.step(crew.coordinator, Command::StartIntake, None);
    if depth == 1 {
        return Some(w.finish(today));
    }
    w.advance_days(7);
    crew.hold_intake_sessions(&mut w);
    if !crew.complete_intake_and_plan(&mut w)? || depth == 2 {
        return Some(w.finish(today));
    }
    w.advance_days(5);
    let parents = crew.sign_plan(&mut w);
    crew.sessions(&mut w, rng, depth, &parents);
    if depth < 6 || w.today() >= today {
        return Some(w.finish(today));
    }
    crew.end_case(&mut w, rng);
    Some(w.finish(today))
}

/// Who works on the case being walked (the `n`-th of the run), and the day the walk must
/// not pass.
struct Crew<'a> {
    n: usize,
    programme: &'a Programme,
    staff: &'a Staff,
    coordinator: &'a UserId,
    supervisor: UserId,
    volunteer: bool,
    today: Date,
}

impl<'a> Crew<'a> {
    /// The registered case: a child and both parents (the resident parent's address secret
    /// in some cases); `None` when the rules refuse the registration.
    fn register(&self, rng: &mut StdRng, registered: Date) -> Option<Walk<'a>> {
        let (n, programme) = (self.n, self.programme);
        let age_max = i16::from(programme.eligibility.child_age_max.min(11)).max(1);
        let birth = Date::new(
            registered.year() - 1 - rng.random_range(0..age_max),
            1 + rng.random_range(0..12),
            1 + rng.random_range(0..28),
        )
        .ok()?;
        let secret = rng.random_bool(0.15);
        let registration = Registration {
            id: CaseId(format!("gen-{n:07}")),
            reference: format!("{}-{n:06}", registered.year()),
            organisation: self.staff.org.clone(),
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
                person(rng, n, PersonRole::ResidentParent, secret),
                person(rng, n, PersonRole::NonResidentParent, false),
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
        w.events
            .push((first.clone(), w.now, self.coordinator.clone()));
        Some(w)
    }

    /// The intake sessions the programme names (one per parent, a child conversation or an
    /// interaction observation), planned and held a day apart.
    fn hold_intake_sessions(&self, w: &mut Walk<'_>) {
        let (n, programme) = (self.n, self.programme);
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
                supervisor: lead_sup.then(|| self.supervisor.clone()),
                partner: None,
                participants: need.parent.into_iter().collect(),
            };
            let sup_facts = lead_sup.then(|| self.supervisor_facts(date));
            if w.step(self.coordinator, Command::PlanSession(new), sup_facts) {
                w.now = at(date, 18);
                w.step(
                    self.coordinator,
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
    }

    /// Completes the intake (eligible), assigns the partner where the programme has one and
    /// writes the plan. `Some(false)` when the rules refuse to complete the intake.
    fn complete_intake_and_plan(&self, w: &mut Walk<'_>) -> Option<bool> {
        let programme = self.programme;
        if !w.step(
            self.coordinator,
            Command::CompleteIntake {
                eligible: true,
                notes: String::new(),
                reason: None,
            },
            None,
        ) {
            return Some(false);
        }
        if !programme.partners.is_empty() {
            w.step(
                self.coordinator,
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
        w.step(self.coordinator, Command::WritePlan { content }, None);
        Some(true)
    }

    /// Both parents sign the plan on paper; returns the parents.
    fn sign_plan(&self, w: &mut Walk<'_>) -> Vec<PersonId> {
        let parents: Vec<PersonId> = w.case.parents().map(|p| p.id.clone()).collect();
        for p in &parents {
            w.step(
                self.coordinator,
                Command::SignPlan {
                    version: 1,
                    parent: p.clone(),
                    method: SignatureMethod::Paper,
                    signed_on: None,
                },
                None,
            );
        }
        parents
    }

    /// Sessions week by week, through the phases, until today or the depth's end: visits
    /// (or handovers) alternating with conversations; the past ones get an outcome.
    fn sessions(&self, w: &mut Walk<'_>, rng: &mut StdRng, depth: u8, parents: &[PersonId]) {
        let (n, programme) = (self.n, self.programme);
        let visits = match depth {
            3 => rng.random_range(1..4),
            _ => rng.random_range(4..10),
        };
        let mut s = 0;
        let mut planned = 0;
        while planned < visits * 2 {
            w.advance_days(7);
            let date = w.today();
            let Some(kind) = self.next_kind(w, planned) else {
                break;
            };
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
                supervisor: lead_sup.then(|| self.supervisor.clone()),
                partner: None,
                participants: Vec::new(),
            };
            let sup_facts = lead_sup.then(|| self.supervisor_facts(date));
            if !w.step(self.coordinator, Command::PlanSession(new), sup_facts) {
                continue;
            }
            if date >= self.today {
                break;
            }
            w.now = at(date, 18);
            self.record_outcome(w, rng, rule, id, s, parents);
        }
    }

    /// The kind of the `planned`-th session: a visit (even) or a conversation (odd) of the
    /// current phase, or the conversation a visit still requires.
    fn next_kind(&self, w: &Walk<'_>, planned: i32) -> Option<SessionKind> {
        let programme = self.programme;
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
        kind
    }

    /// The outcome of session `id` (mostly held; sometimes cancelled or a no-show), and for a
    /// held session that needs one its report: saved, and approved and released unless it
    /// is recent.
    fn record_outcome(
        &self,
        w: &mut Walk<'_>,
        rng: &mut StdRng,
        rule: &SessionKindRule,
        id: SessionId,
        s: i32,
        parents: &[PersonId],
    ) {
        let n = self.n;
        let date = w.today();
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
            self.coordinator,
            Command::RecordOutcome {
                session: id.clone(),
                outcome,
            },
            None,
        );
        if !(held && rule.needs_report) {
            return;
        }
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
            &self.supervisor,
            Command::SaveReport {
                report: report.clone(),
                session: id,
                content,
            },
            None,
        );
        // Reports of the last three weeks of a running case are often still drafts.
        let recent = self.today.since(date).is_ok_and(|s| s.get_days() < 21);
        if recent && rng.random_bool(0.5) {
            return;
        }
        w.step(
            self.coordinator,
            Command::ApproveReport {
                report: report.clone(),
            },
            None,
        );
        w.step(self.coordinator, Command::ReleaseReport { report }, None);
    }

    /// The end two weeks after the last session: the final evaluation, the outcome, and for
    /// a case in follow-up its closing half a year later (if that is past).
    fn end_case(&self, w: &mut Walk<'_>, rng: &mut StdRng) {
        w.advance_days(14);
        let agreement = rng.random_bool(0.6);
        let evaluation = case::Evaluation {
            kind: EvaluationKind::End,
            on: w.today(),
            summary: "Eindevaluatie.".into(),
            agreement_reached: agreement,
            next_steps: String::new(),
        };
        w.step(
            self.coordinator,
            Command::RecordEvaluation(evaluation),
            None,
        );
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
            self.coordinator,
            Command::EndCase {
                outcome,
                summary: "Afgerond.".into(),
            },
            None,
        );
        if w.case.status == case::CaseStatus::FollowUp {
            w.advance_days(180);
            if w.today() < self.today {
                w.step(
                    self.coordinator,
                    Command::CloseFollowUp {
                        summary: String::new(),
                    },
                    None,
                );
            }
        }
    }

    /// What the rules know of the case's supervisor on `on`.
    fn supervisor_facts(&self, on: Date) -> StaffFacts {
        facts(&self.supervisor, self.staff, self.volunteer, on)
    }
}

/// A parent of the `n`-th case, with a random name and phone number.
fn person(rng: &mut StdRng, n: usize, role: PersonRole, secret: bool) -> Person {
    Person {
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
    }
}
