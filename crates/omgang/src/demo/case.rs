//! A demo case walked to its stage: registration, intake, plan, signatures, visits, and the
//! end.

use anyhow::{Context, Result};
use jiff::ToSpan;
use jiff::civil::Date;
use omgang_app::input::{
    AssignOptionalInput, ChildInput, CloseFollowUpInput, CompleteIntakeInput, EndInput,
    EvaluationInput, OutcomeInput, PersonInput, PlanInput, RegistrationInput, SignatureInput,
};
use omgang_app::system_actor;
use omgang_app::views::CaseView;
use omgang_domain::CaseStatus;
use omgang_domain::case::PersonRole;
use omgang_domain::programme::{IntakeStyle, SessionKind};

use super::e;
use super::families::{EndKind, Family, Stage};
use super::walk::Walk;

impl Walk<'_> {
    /// The `n`-th demo case: `family`'s, walked as far as `stage`.
    pub(super) async fn case(&self, family: &Family, stage: Stage, n: usize) -> Result<()> {
        let days_back: i64 = match stage {
            Stage::Registered => 3 + (n as i64 % 12),
            Stage::Intake => 20,
            Stage::Plan => 35,
            Stage::RunningEarly => 60,
            Stage::RunningMid => 45,
            Stage::RunningLate => 150,
            Stage::Ended(_) => 330,
            Stage::NotEligible => 90,
        };
        let mut day = self.today.checked_sub(days_back.days())?;
        self.set(day, 10)?;
        let (view, birth) = self.register_family(family, n).await?;
        let id = view.id.clone();
        if matches!(stage, Stage::Registered) {
            return Ok(());
        }
        day = day.checked_add(5.days())?;
        self.set(day, 10)?;
        self.app.start_intake(self.coord, &id).await.map_err(e)?;
        if self.programme.partners.iter().len() > 0 {
            self.assign_partner_and_director(&id).await?;
        }
        day = self.intake_sessions(&id, &view, birth, day).await?;
        match stage {
            Stage::Intake => return Ok(()),
            Stage::NotEligible => return self.not_eligible(&id).await,
            _ => {}
        }
        let view = self.complete_intake_and_write_plan(&id, day).await?;
        if matches!(stage, Stage::Plan) {
            // One parent signed, the other not yet.
            let parent = view
                .people
                .iter()
                .find(|p| p.role == PersonRole::ResidentParent)
                .context("parent")?
                .id
                .clone();
            return self.sign(&id, parent).await;
        }
        day = day.checked_add(3.days())?;
        self.set(day, 10)?;
        for parent in view.people.iter().filter(|p| p.role.is_parent()) {
            self.sign(&id, parent.id.clone()).await?;
        }
        day = self.visits(&id, stage, day).await?;
        match stage {
            Stage::RunningMid => Ok(()),
            Stage::RunningEarly => {
                day = day.checked_add(7.days())?;
                self.session(
                    &id,
                    SessionKind::SupervisedVisit,
                    self.today.checked_add(3.days())?.max(day),
                    false,
                )
                .await?;
                Ok(())
            }
            Stage::RunningLate => self.cancelled_visit(&id, day).await,
            _ => {
                day = day.checked_add(14.days())?;
                self.set(day, 10)?;
                let Stage::Ended(kind) = stage else {
                    return Ok(());
                };
                self.end(&id, kind, day).await
            }
        }
    }

    /// Both parents register the `n`-th case for `family`'s child; returns the case and
    /// the child's birth date.
    async fn register_family(&self, family: &Family, n: usize) -> Result<(CaseView, Date)> {
        let p = self.programme;
        let age_max = i16::from(p.eligibility.child_age_max.min(11));
        let birth = Date::new(self.today.year() - (2 + (n as i16 % age_max.max(3))), 3, 14)?;
        let route = p.eligibility.entry_routes[0];
        let people = vec![
            PersonInput {
                name: family.resident.into(),
                role: "resident_parent".into(),
                email: Some(format!(
                    "{}@ouder.example",
                    family.resident.to_lowercase().replace(' ', ".")
                )),
                phone: Some(format!("06-1234{:04}", n)),
                address: Some(format!("Dorpsstraat {n}, {}", family.place)),
                secret_address: family.secret,
                organisation: None,
                holds_authority: false,
            },
            PersonInput {
                name: family.visiting.into(),
                role: "non_resident_parent".into(),
                email: Some(format!(
                    "{}@ouder.example",
                    family.visiting.to_lowercase().replace(' ', ".")
                )),
                phone: Some(format!("06-5678{:04}", n)),
                address: Some(format!("Kerkweg {n}, Utrecht")),
                secret_address: false,
                organisation: None,
                holds_authority: false,
            },
        ];
        let input = RegistrationInput {
            programme_id: p.id.clone(),
            organisation_id: Some(self.org_id.into()),
            registered_by: "both_parents".into(),
            entry_route: omgang_store::json_name(&route),
            children: vec![ChildInput {
                name: family.child.into(),
                birth_date: birth.to_string(),
            }],
            people,
            safety_concerns: family
                .secret
                .then(|| "Huiselijk geweld in het verleden; adres moeder geheim.".into()),
            request: Some("Weer contact tussen het kind en de uitwonende ouder.".into()),
        };
        let view = self
            .app
            .register(&system_actor(), &input)
            .await
            .map_err(e)?;
        Ok((view, birth))
    }

    /// The partner organisation and the case director join the case.
    async fn assign_partner_and_director(&self, id: &str) -> Result<()> {
        self.app
            .assign_partner(
                self.coord,
                id,
                &AssignOptionalInput {
                    id: Some(self.partner_org.into()),
                },
            )
            .await
            .map_err(e)?;
        self.app
            .assign_case_director(
                self.coord,
                id,
                &AssignOptionalInput {
                    id: Some(self.director.into()),
                },
            )
            .await
            .map_err(e)?;
        Ok(())
    }

    /// The intake sessions from two days after `day`: with each parent apart or together,
    /// then the child conversation (or, for a young child, the interaction observation), as
    /// the programme names them. Returns the day of the last one.
    async fn intake_sessions(
        &self,
        id: &str,
        view: &CaseView,
        birth: Date,
        mut day: Date,
    ) -> Result<Date> {
        let p = self.programme;
        let intake_kind = if p.kind(SessionKind::Intake).is_some() {
            SessionKind::Intake
        } else {
            SessionKind::InformativeConversation
        };
        day = day.checked_add(2.days())?;
        if p.intake.style == IntakeStyle::Separate {
            // An intake with each parent apart, then the child conversation (or, for a
            // young child, the interaction observation), as the programme names them.
            for parent in view.people.iter().filter(|x| x.role.is_parent()) {
                self.session_with(id, SessionKind::Intake, day, true, vec![parent.id.clone()])
                    .await?;
                day = day.checked_add(1.days())?;
            }
        } else {
            self.session(id, intake_kind, day, true).await?;
        }
        if p.intake.child_conversation {
            let age = omgang_domain::case::age_on(birth, day);
            let kind = match p.intake.interaction_observation_below_age {
                Some(below) if age < i32::from(below) => SessionKind::InteractionObservation,
                _ => SessionKind::ChildConversation,
            };
            day = day.checked_add(1.days())?;
            self.session(id, kind, day, true).await?;
        }
        Ok(day)
    }

    /// The intake ends: not eligible.
    async fn not_eligible(&self, id: &str) -> Result<()> {
        let input = CompleteIntakeInput {
            eligible: false,
            notes: String::new(),
            reason: Some("Ouders willen geen gezamenlijke gesprekken.".into()),
            confirm: Vec::new(),
        };
        self.app
            .complete_intake(self.coord, id, &input)
            .await
            .map_err(e)?;
        Ok(())
    }

    /// The intake ends eligible, and the plan is written (evaluated eight weeks after `day`).
    async fn complete_intake_and_write_plan(&self, id: &str, day: Date) -> Result<CaseView> {
        self.app
            .complete_intake(
                self.coord,
                id,
                &CompleteIntakeInput {
                    eligible: true,
                    notes: "Passend.".into(),
                    reason: None,
                    confirm: Vec::new(),
                },
            )
            .await
            .map_err(e)?;
        let plan = PlanInput {
            goals: vec!["Ontspannen en veilig contact tussen kind en uitwonende ouder.".into(), "Werkbare afspraken in een ouderschapsplan.".into()],
            visit_agreements: "Eens per twee weken, zaterdag 14:00–15:30, in het omgangshuis.".into(),
            handover_agreements: "Moeder brengt het kind om 13:45 en haalt het om 15:45; vader komt om 14:00 en vertrekt om 15:30.".into(),
            evaluation_moments: vec![day.checked_add(8.weeks())?.to_string()],
            ..PlanInput::default()
        };
        self.app.write_plan(self.coord, id, &plan).await.map_err(e)
    }

    /// `parent` signs the first version of the plan on paper.
    async fn sign(&self, id: &str, parent: String) -> Result<()> {
        self.app
            .sign_plan(
                self.coord,
                id,
                &SignatureInput {
                    version: 1,
                    parent_id: parent,
                    method: "paper".into(),
                    signed_on: None,
                },
            )
            .await
            .map_err(e)?;
        Ok(())
    }

    /// Prerequisites (e.g. ONS before visits), then visits week by week after `day`, in the
    /// programme's rhythm where it has one (the other kind in the weeks between), as many as
    /// `stage` has had. Returns the day of the last one.
    async fn visits(&self, id: &str, stage: Stage, mut day: Date) -> Result<Date> {
        let p = self.programme;
        let visit = p.kind(SessionKind::SupervisedVisit).context("visits")?;
        let mut last = None;
        for req in &visit.requires_held {
            for _ in 0..req.count {
                day = day.checked_add(7.days())?;
                self.session(id, req.kind, day, true).await?;
                last = Some(req.kind);
            }
        }
        let between = p.cadence.as_ref().and_then(|c| {
            c.alternate
                .iter()
                .copied()
                .find(|k| *k != SessionKind::SupervisedVisit)
        });
        let visits = match stage {
            Stage::RunningEarly => 1,
            Stage::RunningMid => 2,
            _ => visit.max_count.unwrap_or(3).min(3),
        };
        for _ in 0..visits {
            if let Some(other) = between
                && last == Some(SessionKind::SupervisedVisit)
            {
                day = day.checked_add(7.days())?;
                self.session(id, other, day, true).await?;
            }
            day = day.checked_add(7.days())?;
            self.session(id, SessionKind::SupervisedVisit, day, true)
                .await?;
            last = Some(SessionKind::SupervisedVisit);
        }
        Ok(day)
    }

    /// A visit a week after `day`, cancelled the evening before by the visiting parent (an
    /// earlier visit still awaits its report).
    async fn cancelled_visit(&self, id: &str, mut day: Date) -> Result<()> {
        let view = self.app.case(self.coord, id).await.map_err(e)?;
        let visiting = view
            .people
            .iter()
            .find(|p| p.role == PersonRole::NonResidentParent)
            .context("parent")?
            .id
            .clone();
        day = day.checked_add(7.days())?;
        let view = self
            .session(id, SessionKind::SupervisedVisit, day, false)
            .await?;
        let s = view.sessions.last().context("session")?.id.clone();
        self.set(day.checked_sub(1.days())?, 20)?;
        let cancel = OutcomeInput {
            outcome: "cancelled".into(),
            notes: String::new(),
            by: Some(visiting),
            reason: Some("Ziek.".into()),
            attended: Vec::new(),
        };
        self.app
            .record_outcome(self.coord, id, &s, &cancel)
            .await
            .map_err(e)?;
        Ok(())
    }

    /// The case ends on `day` as `kind` says; a case in follow-up gets its return
    /// appointments and is then closed.
    async fn end(&self, id: &str, kind: EndKind, mut day: Date) -> Result<()> {
        if matches!(kind, EndKind::Agreement) {
            let eval = EvaluationInput {
                kind: "end".into(),
                on: None,
                summary: "Ouders hebben afspraken gemaakt.".into(),
                agreement_reached: true,
                next_steps: "Ouderschapsplan.".into(),
            };
            self.app
                .record_evaluation(self.coord, id, &eval)
                .await
                .map_err(e)?;
        }
        let view = self
            .app
            .end_case(self.coord, id, &end_input(kind))
            .await
            .map_err(e)?;
        if view.status != CaseStatus::FollowUp {
            return Ok(());
        }
        // Follow-up appointments, then close.
        let rule = self.programme.follow_up.as_ref().context("follow-up")?;
        for _ in 0..rule.return_appointments {
            day = day.checked_add(30.days())?;
            self.session(id, SessionKind::FollowUpAppointment, day, true)
                .await?;
        }
        self.set(day.checked_add(7.days())?, 10)?;
        self.app
            .close_follow_up(
                self.coord,
                id,
                &CloseFollowUpInput {
                    summary: "Nazorg afgerond.".into(),
                },
            )
            .await
            .map_err(e)?;
        Ok(())
    }
}

/// How the case ends: with an ouderschapsplan, stopped early, or reported to Veilig Thuis.
fn end_input(kind: EndKind) -> EndInput {
    match kind {
        EndKind::Agreement => EndInput {
            outcome: "ouderschapsplan".into(),
            summary: "Afspraken vastgelegd in een ouderschapsplan.".into(),
            handed_to: None,
            reason: None,
            to: None,
            confirm: Vec::new(),
            confirm_reason: None,
        },
        EndKind::StoppedEarly => EndInput {
            outcome: "stopped_early".into(),
            summary: String::new(),
            handed_to: None,
            reason: Some("Ouders verhuisd.".into()),
            to: None,
            confirm: Vec::new(),
            confirm_reason: None,
        },
        EndKind::Reported => EndInput {
            outcome: "reported".into(),
            summary: "Geen overeenstemming bereikt.".into(),
            handed_to: None,
            reason: None,
            to: Some("veilig_thuis".into()),
            confirm: Vec::new(),
            confirm_reason: None,
        },
    }
}
