//! Builders and a small harness shared by the domain tests.
//!
//! A [`World`] holds one case, its programme, a clock and the log of recorded events. It
//! drives the case only through the public rules: `register`, then `decide` + `apply_by`
//! for each command, exactly as the shell does.

// Each test binary uses a part of this module; tests may stop at the first surprise.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

use jiff::civil::{Date, DateTime, date};
use jiff::{SignedDuration, Timestamp};
use omgang_domain::case::{
    Case, CaseEvent, CaseStatus, Child, Command, Contact, Ctx, NewSession, Person, PersonRole,
    Place, PlanContent, RegisteredBy, Registration, ReportContent, SessionOutcome, SignatureMethod,
    StaffFacts, amsterdam, apply_by, decide, from_registration, intake_sessions_needed, register,
};
use omgang_domain::ids::{CaseId, OrgId, PersonId, ReportId, SessionId, UserId};
use omgang_domain::programme::{Lead, LocationKind, Programme, SessionKind, built_in};
use omgang_domain::refusal::Refusal;
use omgang_domain::text::Lang;
use omgang_domain::warning::{Confirmation, WarningCode};

pub const DRV: &str = "de-ronde-venen";
pub const IOB: &str = "intensieve-omgangsbegeleiding";
pub const OB: &str = "ouderschap-blijft";
pub const OH: &str = "omgangshuis";
pub const BOR: &str = "begeleide-omgangsregeling";
pub const ALL: [&str; 5] = [DRV, IOB, OB, OH, BOR];

pub const RESIDENT: &str = "p-resident";
pub const RESIDENT_NAME: &str = "Anna de Vries";
pub const VISITING: &str = "p-visiting";
pub const VISITING_NAME: &str = "Bram Jansen";
pub const GUARDIAN: &str = "p-guardian";
pub const CHILD: &str = "c-sam";
pub const CHILD_NAME: &str = "Sam";

pub const COORDINATOR: &str = "u-coordinator";
pub const SUPERVISOR: &str = "u-supervisor";
pub const OTHER_SUPERVISOR: &str = "u-other-supervisor";
pub const PARTNER: &str = "org-timon";

/// Monday 2 March 2026, where every default case starts.
pub fn start_date() -> Date {
    date(2026, 3, 2)
}

/// A local (Europe/Amsterdam) time as a timestamp.
pub fn ts(d: Date, hour: i8, minute: i8) -> Timestamp {
    amsterdam()
        .to_timestamp(d.at(hour, minute, 0, 0))
        .expect("a valid local time")
}

pub fn local(t: Timestamp) -> DateTime {
    amsterdam().to_datetime(t)
}

pub fn programme(id: &str) -> Programme {
    built_in()
        .expect("the built-in programmes are valid")
        .into_iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no built-in programme {id}"))
}

pub fn programmes() -> Vec<Programme> {
    built_in().expect("the built-in programmes are valid")
}

pub fn professional(id: &str, name: &str) -> StaffFacts {
    StaffFacts {
        id: UserId::from(id),
        name: name.to_owned(),
        organisation: OrgId::from("org-house"),
        is_volunteer: false,
        vog_issued_on: None,
        training_completed_on: None,
        busy: Vec::new(),
    }
}

pub fn volunteer(id: &str, vog: Option<Date>, training: Option<Date>) -> StaffFacts {
    StaffFacts {
        id: UserId::from(id),
        name: "Vera Vrijwilliger".to_owned(),
        organisation: OrgId::from("org-humanitas"),
        is_volunteer: true,
        vog_issued_on: vog,
        training_completed_on: training,
        busy: Vec::new(),
    }
}

/// A volunteer with a VOG of a year ago and completed training.
pub fn good_volunteer(id: &str) -> StaffFacts {
    volunteer(id, Some(date(2025, 3, 1)), Some(date(2025, 4, 1)))
}

/// The supervisor a programme's default case works with.
pub fn default_supervisor(programme: &Programme) -> StaffFacts {
    if programme.supervision.volunteers_allowed {
        good_volunteer(SUPERVISOR)
    } else {
        professional(SUPERVISOR, "Olga Omgangsbegeleider")
    }
}

pub fn person(id: &str, name: &str, role: PersonRole) -> Person {
    Person {
        id: PersonId::from(id),
        name: name.to_owned(),
        role,
        contact: Contact {
            email: Some(format!("{id}@example.org")),
            phone: None,
            address: None,
        },
        secret_address: false,
        organisation: None,
        holds_authority: false,
    }
}

pub fn child(id: &str, name: &str, birth: Date) -> Child {
    Child {
        id: PersonId::from(id),
        name: name.to_owned(),
        birth_date: birth,
    }
}

/// A registration with one six-year-old child, both parents and a guardian, by the
/// programme's first accepted entry route.
pub fn registration(programme: &Programme, on: Date) -> Registration {
    Registration {
        id: CaseId::from("case-1"),
        reference: "2026-0001".to_owned(),
        organisation: OrgId::from("org-house"),
        programme: programme.id.clone(),
        registered_on: on,
        registered_by: RegisteredBy::BothParents,
        entry_route: programme.eligibility.entry_routes[0],
        children: vec![child(CHILD, CHILD_NAME, date(2019, 5, 10))],
        people: vec![
            person(RESIDENT, RESIDENT_NAME, PersonRole::ResidentParent),
            person(VISITING, VISITING_NAME, PersonRole::NonResidentParent),
            person(GUARDIAN, "Gerda Voogd", PersonRole::Guardian),
        ],
        safety_concerns: None,
        request: Some("Omgang herstellen".to_owned()),
        referrer_user: None,
    }
}

pub fn plan_content() -> PlanContent {
    PlanContent {
        goals: vec!["Sam ziet zijn vader weer regelmatig.".to_owned()],
        house_rules: vec!["Afzeggen minstens 24 uur van tevoren.".to_owned()],
        visit_agreements: "Om de week twee uur in het omgangshuis.".to_owned(),
        handover_agreements: "Gescheiden komen en gaan.".to_owned(),
        parent_conversations: "Om de week een oudergesprek.".to_owned(),
        child_guidance: String::new(),
        work_agreements: "Verslagen worden met beide ouders gedeeld.".to_owned(),
        evaluation_moments: Vec::new(),
        max_duration_months: None,
        parents_must_not_meet: true,
    }
}

pub fn report_content(course: &str) -> ReportContent {
    ReportContent {
        course: course.to_owned(),
        child_reactions: "Sam was blij.".to_owned(),
        interaction: "Vader en Sam speelden samen.".to_owned(),
        agreements_kept: "Ja.".to_owned(),
        punctuality_resident_parent: "Op tijd.".to_owned(),
        punctuality_visiting_parent: "Op tijd.".to_owned(),
        incidents: String::new(),
    }
}

/// Both messages are there, differ, and have no unfilled placeholder.
pub fn assert_sensible(refusal: &Refusal) {
    let nl = refusal.message(Lang::Nl);
    let en = refusal.message(Lang::En);
    assert!(!nl.trim().is_empty(), "empty Dutch message for {refusal:?}");
    assert!(
        !en.trim().is_empty(),
        "empty English message for {refusal:?}"
    );
    assert_ne!(nl, en, "Dutch and English are the same for {refusal:?}");
    for m in [&nl, &en] {
        assert!(
            !m.contains('{') && !m.contains('}'),
            "placeholder left in {m:?}"
        );
        assert!(
            m.ends_with('.') || m.ends_with(')'),
            "message is not a sentence: {m:?}"
        );
    }
    assert!(!refusal.code().is_empty(), "no code for {refusal:?}");
    assert_eq!(refusal.to_string(), nl, "Display is the Dutch message");
}

/// One recorded event, as the shell stores it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub event: CaseEvent,
    pub at: Timestamp,
    pub actor: UserId,
}

/// One case, its programme, a clock and its event log.
#[derive(Clone, Debug)]
pub struct World {
    pub programme: Programme,
    pub case: Case,
    pub log: Vec<Recorded>,
    pub now: Timestamp,
    pub actor: UserId,
    /// The staff facts handed to `decide` as `ctx.supervisor`.
    pub staff: Option<StaffFacts>,
    /// The warnings confirmed with every command (see [`World::confirming`]).
    pub confirm: Confirmation,
}

impl World {
    /// Registers `registration` at `now`.
    pub fn register(
        programme: Programme,
        registration: Registration,
        now: Timestamp,
    ) -> Result<World, Refusal> {
        let event = register(&programme, registration)?;
        let actor = UserId::from(COORDINATOR);
        let CaseEvent::Registered(r) = &event else {
            panic!("register made {event:?}");
        };
        let mut case = from_registration(r);
        apply_by(&mut case, &event, now, &actor);
        let staff = Some(default_supervisor(&programme));
        Ok(World {
            programme,
            case,
            log: vec![Recorded {
                event,
                at: now,
                actor: actor.clone(),
            }],
            now,
            actor,
            staff,
            confirm: Confirmation::default(),
        })
    }

    /// The default case of a programme, registered on [`start_date`] at 09:00.
    pub fn new(programme_id: &str) -> World {
        let p = programme(programme_id);
        let r = registration(&p, start_date());
        World::register(p, r, ts(start_date(), 9, 0)).expect("the default registration is accepted")
    }

    pub fn ctx(&self) -> Ctx {
        let mut ctx = Ctx::new(self.now, self.actor.clone(), self.staff.clone());
        ctx.confirm = self.confirm.clone();
        ctx
    }

    /// Confirms these warnings (with this reason) for the next commands, until cleared.
    pub fn confirming(&mut self, codes: &[WarningCode], reason: Option<&str>) {
        self.confirm = Confirmation {
            codes: codes.to_vec(),
            reason: reason.map(str::to_owned),
        };
    }

    pub fn clear_confirmation(&mut self) {
        self.confirm = Confirmation::default();
    }

    pub fn today(&self) -> Date {
        local(self.now).date()
    }

    /// Decides `command`; when accepted, applies and records its events.
    pub fn run(&mut self, command: Command) -> Result<Vec<CaseEvent>, Refusal> {
        let events = decide(&self.case, &self.programme, &self.ctx(), command)?;
        for event in &events {
            apply_by(&mut self.case, event, self.now, &self.actor);
            self.log.push(Recorded {
                event: event.clone(),
                at: self.now,
                actor: self.actor.clone(),
            });
        }
        Ok(events)
    }

    /// Runs a command that must be accepted.
    #[track_caller]
    pub fn ok(&mut self, command: Command) -> Vec<CaseEvent> {
        let shown = format!("{command:?}");
        match self.run(command) {
            Ok(events) => events,
            Err(r) => panic!(
                "{}: {shown} refused in {:?}/{:?}: {r:?} ({})",
                self.programme.id,
                self.case.status,
                self.case.phase,
                r.message(Lang::En)
            ),
        }
    }

    /// Runs a command that must be refused, checks the case did not change, and returns
    /// the refusal after checking its messages.
    #[track_caller]
    pub fn refused(&mut self, command: Command) -> Refusal {
        let before = self.case.clone();
        let shown = format!("{command:?}");
        match self.run(command) {
            Ok(events) => panic!(
                "{}: {shown} was accepted with {events:?}",
                self.programme.id
            ),
            Err(r) => {
                assert_eq!(self.case, before, "a refused command changed the case");
                assert_sensible(&r);
                r
            }
        }
    }

    pub fn set_now(&mut self, t: Timestamp) {
        assert!(t >= self.now, "the clock only moves forward");
        self.now = t;
    }

    pub fn advance_hours(&mut self, hours: i64) {
        self.now = self
            .now
            .checked_add(SignedDuration::from_hours(hours))
            .expect("in range");
    }

    pub fn advance_days(&mut self, days: i64) {
        self.advance_hours(days * 24);
    }

    /// The case rebuilt from its log: register, then `apply_by` each event.
    pub fn rebuild(&self) -> Case {
        let first = &self.log[0];
        let CaseEvent::Registered(r) = &first.event else {
            panic!("the first event is a registration");
        };
        let mut case = from_registration(r);
        for rec in &self.log {
            apply_by(&mut case, &rec.event, rec.at, &rec.actor);
        }
        case
    }

    #[track_caller]
    pub fn assert_rebuilds(&self) {
        assert_eq!(
            self.rebuild(),
            self.case,
            "folding the log differs from the incremental state"
        );
    }

    // ---- the steps of a case -------------------------------------------------------

    pub fn start_intake(&mut self) {
        self.ok(Command::StartIntake);
        assert_eq!(self.case.status, CaseStatus::Intake);
    }

    pub fn complete_intake(&mut self) {
        self.hold_intake_sessions();
        self.ok(Command::CompleteIntake {
            eligible: true,
            notes: "Beide ouders willen meewerken.".to_owned(),
            reason: None,
        });
        assert_eq!(self.case.status, CaseStatus::Plan);
    }

    /// Plans and holds the intake sessions the programme names (none for most).
    pub fn hold_intake_sessions(&mut self) {
        let needs = intake_sessions_needed(&self.case, &self.programme, self.today());
        for (i, need) in needs.into_iter().enumerate() {
            let id = format!("intake-{i}");
            let mut new = self.session(&id, need.kind, self.slot(1));
            if let Some(parent) = need.parent {
                new.participants = vec![parent];
            }
            self.plan(new);
            self.hold(&id);
        }
    }

    /// Writes a plan version and returns its number.
    pub fn write_plan_with(&mut self, content: PlanContent) -> u32 {
        let events = self.ok(Command::WritePlan { content });
        match events.as_slice() {
            [CaseEvent::PlanWritten { version, .. }] => *version,
            other => panic!("WritePlan made {other:?}"),
        }
    }

    pub fn write_plan(&mut self) -> u32 {
        self.write_plan_with(plan_content())
    }

    pub fn sign(&mut self, version: u32, parent: &str) -> Vec<CaseEvent> {
        self.ok(Command::SignPlan {
            version,
            parent: PersonId::from(parent),
            method: SignatureMethod::Paper,
            signed_on: None,
        })
    }

    /// Registration → intake → plan → both signatures: the case is running.
    pub fn walk_to_running(&mut self) {
        self.start_intake();
        self.advance_days(1);
        self.complete_intake();
        self.advance_days(1);
        let v = self.write_plan();
        self.advance_hours(2);
        self.sign(v, RESIDENT);
        self.advance_hours(2);
        let events = self.sign(v, VISITING);
        assert!(
            events
                .iter()
                .any(|e| matches!(e, CaseEvent::RunningStarted { .. })),
            "the second signature starts the case: {events:?}"
        );
        assert_eq!(self.case.status, CaseStatus::Running);
        if !self.programme.partners.is_empty() {
            self.ok(Command::AssignPartner {
                organisation: Some(OrgId::from(PARTNER)),
            });
        }
    }

    // ---- sessions --------------------------------------------------------------------

    /// 10:00 local time `days` days after today.
    pub fn slot(&self, days: i64) -> DateTime {
        self.today()
            .checked_add(jiff::Span::new().days(days))
            .expect("in range")
            .at(10, 0, 0, 0)
    }

    /// A session of `kind` in the omgangshuis (or, for a kind with places of its own such
    /// as de Ronde Venen's ONS conversations, its first place), with the people it usually
    /// has (a separate intake: one parent).
    pub fn session(&self, id: &str, kind: SessionKind, starts_at: DateTime) -> NewSession {
        let rule = self.programme.kind(kind);
        let minutes = rule.map_or(60, |r| r.max_minutes.min(60));
        let led_by_supervisor = rule.is_some_and(|r| r.led_by == Lead::Supervisor);
        let participants = if kind.is_visit()
            || matches!(
                kind,
                SessionKind::InteractionObservation | SessionKind::ChildConversation
            ) {
            vec![PersonId::from(CHILD), PersonId::from(VISITING)]
        } else if kind == SessionKind::Intake
            && self.programme.intake.style == omgang_domain::programme::IntakeStyle::Separate
        {
            vec![PersonId::from(RESIDENT)]
        } else {
            vec![PersonId::from(RESIDENT), PersonId::from(VISITING)]
        };
        let places = self.programme.locations_for(kind);
        let place = if places.contains(&LocationKind::Omgangshuis) {
            omgangshuis()
        } else {
            Place {
                kind: places.first().copied().unwrap_or(LocationKind::Omgangshuis),
                location_id: None,
                room_id: None,
                description: Some("Kantoor".to_owned()),
                home_of: None,
            }
        };
        NewSession {
            id: SessionId::from(id),
            kind,
            starts_at,
            minutes,
            place,
            supervisor: led_by_supervisor.then(|| UserId::from(SUPERVISOR)),
            partner: None,
            participants,
        }
    }

    /// Plans a session; warnings that ask no reason (beyond "about N", off the rhythm) are
    /// confirmed as a coordinator's "Toch plannen" would. Tests of the warnings themselves
    /// use [`World::refused`] and [`World::confirming`].
    pub fn plan(&mut self, new: NewSession) -> Vec<CaseEvent> {
        match self.run(Command::PlanSession(new.clone())) {
            Ok(events) => events,
            Err(Refusal::ConfirmationNeeded { warnings })
                if warnings.iter().all(|w| !w.needs_reason) =>
            {
                let before = self.confirm.clone();
                self.confirm.codes.extend(warnings.iter().map(|w| w.code));
                let events = self.ok(Command::PlanSession(new));
                self.confirm = before;
                events
            }
            Err(_) => self.ok(Command::PlanSession(new)),
        }
    }

    /// Plans a session of `kind` tomorrow at 10:00.
    pub fn plan_tomorrow(&mut self, id: &str, kind: SessionKind) -> Vec<CaseEvent> {
        let new = self.session(id, kind, self.slot(1));
        self.plan(new)
    }

    /// Moves the clock to the end of the session and records it as held.
    pub fn hold(&mut self, id: &str) -> Vec<CaseEvent> {
        let session = self
            .case
            .session(&SessionId::from(id))
            .unwrap_or_else(|| panic!("no session {id}"))
            .clone();
        let end = amsterdam()
            .to_timestamp(session.ends_at())
            .expect("valid local time");
        if end > self.now {
            self.set_now(end);
        }
        self.ok(Command::RecordOutcome {
            session: SessionId::from(id),
            outcome: SessionOutcome::Held {
                notes: "Verliep rustig.".to_owned(),
                attended: Vec::new(),
            },
        })
    }

    /// Plans a session of `kind` tomorrow and records it as held; returns the events of
    /// recording it as held.
    pub fn plan_and_hold(&mut self, id: &str, kind: SessionKind) -> Vec<CaseEvent> {
        self.plan_tomorrow(id, kind);
        self.hold(id)
    }

    /// Draft → approved → released → amended.
    pub fn report_walk(&mut self, session: &str, report: &str) {
        let rid = ReportId::from(report);
        self.ok(Command::SaveReport {
            report: rid.clone(),
            session: SessionId::from(session),
            content: report_content("Eerste versie."),
        });
        self.ok(Command::SaveReport {
            report: rid.clone(),
            session: SessionId::from(session),
            content: report_content("Verbeterde versie."),
        });
        self.ok(Command::ApproveReport {
            report: rid.clone(),
        });
        self.ok(Command::ReleaseReport {
            report: rid.clone(),
        });
        self.ok(Command::AmendReport {
            report: rid.clone(),
            text: "Aanvulling: vader was vijf minuten te laat.".to_owned(),
        });
        let r = self.case.report(&rid).expect("report exists");
        assert_eq!(r.content.course, "Verbeterde versie.");
        assert_eq!(r.amendments.len(), 1);
        assert_eq!(r.amendments[0].by, self.actor);
        assert_eq!(r.approved_by.as_ref(), Some(&self.actor));
        assert!(r.released_at.is_some());
    }
}

pub fn omgangshuis() -> Place {
    Place {
        kind: LocationKind::Omgangshuis,
        location_id: Some("loc-huis".to_owned()),
        room_id: Some("kamer-1".to_owned()),
        description: None,
        home_of: None,
    }
}

pub fn playground() -> Place {
    Place {
        kind: LocationKind::Playground,
        location_id: None,
        room_id: None,
        description: Some("Speeltuin De Eekhoorn".to_owned()),
        home_of: None,
    }
}

pub fn parent_home(of: Option<&str>) -> Place {
    Place {
        kind: LocationKind::ParentHome,
        location_id: None,
        room_id: None,
        description: None,
        home_of: of.map(PersonId::from),
    }
}
