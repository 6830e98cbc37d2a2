//! The foster case of the demo (seed 003): a child in a foster family with two visiting
//! parents kept apart, a foster carer who brings the child, and a guardian who signs too.

use anyhow::{Context, Result};
use jiff::ToSpan;
use jiff::civil::Date;
use omgang_app::input::{
    ChildInput, CompleteIntakeInput, PersonInput, PlanInput, RegistrationInput, SignatureInput,
};
use omgang_app::system_actor;
use omgang_app::views::CaseView;
use omgang_domain::programme::SessionKind;

use super::e;
use super::walk::Walk;

impl Walk<'_> {
    /// A running case of a foster child with two visiting parents, each with their own
    /// visits, a foster carer who brings the child and a guardian with authority.
    pub(super) async fn foster_case(&self) -> Result<()> {
        let mut day = self.today.checked_sub(50.days())?;
        self.set(day, 10)?;
        let view = self.register_foster_child().await?;
        let id = view.id.clone();
        let id_of = |name: &str| {
            view.people
                .iter()
                .find(|x| x.name == name)
                .map(|x| x.id.clone())
                .context("person")
        };
        let (mother, father, guardian) = (
            id_of("Ilse Kramer")?,
            id_of("Dennis Kramer")?,
            id_of("Karin Smit")?,
        );
        day = day.checked_add(3.days())?;
        self.set(day, 10)?;
        self.app.start_intake(self.coord, &id).await.map_err(e)?;
        day = day.checked_add(2.days())?;
        self.foster_intake_and_plan(&id, &guardian, day).await?;
        day = day.checked_add(3.days())?;
        self.set(day, 10)?;
        for signer in [&mother, &father, &guardian] {
            self.app
                .sign_plan(
                    self.coord,
                    &id,
                    &SignatureInput {
                        version: 1,
                        parent_id: signer.clone(),
                        method: "paper".into(),
                        signed_on: None,
                    },
                )
                .await
                .map_err(e)?;
        }
        let child = view.children.first().context("child")?.id.clone();
        for parent in [&mother, &father] {
            day = day.checked_add(7.days())?;
            self.session_with(
                &id,
                SessionKind::SupervisedVisit,
                day,
                true,
                vec![child.clone(), parent.clone()],
            )
            .await?;
        }
        self.session_with(
            &id,
            SessionKind::SupervisedVisit,
            self.today.checked_add(4.days())?,
            false,
            vec![child, mother],
        )
        .await?;
        Ok(())
    }

    /// Lotte, seven, registered by a professional: both parents (the mother's address secret),
    /// the foster family and the guardian.
    async fn register_foster_child(&self) -> Result<CaseView> {
        let p = self.programme;
        let person = |name: &str, role: &str, address: Option<&str>, secret: bool| PersonInput {
            name: name.into(),
            role: role.into(),
            email: Some(format!(
                "{}@ouder.example",
                name.to_lowercase().replace(' ', ".")
            )),
            phone: None,
            address: address.map(str::to_owned),
            secret_address: secret,
            organisation: None,
            holds_authority: false,
        };
        let input = RegistrationInput {
            programme_id: p.id.clone(),
            organisation_id: Some(self.org_id.into()),
            registered_by: "professional".into(),
            entry_route: omgang_store::json_name(&p.eligibility.entry_routes[0]),
            children: vec![ChildInput {
                name: "Lotte".into(),
                birth_date: self.today.checked_sub(7.years())?.to_string(),
            }],
            people: vec![
                person(
                    "Ilse Kramer",
                    "non_resident_parent",
                    Some("Lijsterbeslaan 4, Amersfoort"),
                    true,
                ),
                person(
                    "Dennis Kramer",
                    "non_resident_parent",
                    Some("Stationsweg 80, Utrecht"),
                    false,
                ),
                person("Familie Bakker (pleeggezin)", "foster_carer", None, false),
                PersonInput {
                    organisation: Some("Gecertificeerde instelling Utrecht".into()),
                    holds_authority: true,
                    ..person("Karin Smit", "guardian", None, false)
                },
            ],
            safety_concerns: Some(
                "Ouders mogen elkaar niet tegenkomen; adres moeder geheim voor vader.".into(),
            ),
            request: Some("Omgang van Lotte met elk van haar ouders.".into()),
        };
        self.app.register(&system_actor(), &input).await.map_err(e)
    }

    /// The intake conversation on `day` with the guardian, the intake completed, the plan
    /// written (the parents must not meet).
    async fn foster_intake_and_plan(&self, id: &str, guardian: &str, day: Date) -> Result<()> {
        let intake_kind = if self
            .programme
            .kind(SessionKind::InformativeConversation)
            .is_some()
        {
            SessionKind::InformativeConversation
        } else {
            SessionKind::Intake
        };
        self.session_with(id, intake_kind, day, true, vec![guardian.to_owned()])
            .await?;
        self.app
            .complete_intake(
                self.coord,
                id,
                &CompleteIntakeInput {
                    eligible: true,
                    notes: "Beide ouders willen meewerken; de voogd was bij het gesprek.".into(),
                    reason: None,
                    confirm: Vec::new(),
                },
            )
            .await
            .map_err(e)?;
        let plan = PlanInput {
            goals: vec![
                "Lotte ziet elk van haar ouders om de week, in een veilige omgeving.".into(),
            ],
            visit_agreements:
                "Moeder en vader elk om de week op zaterdag, 14:00–15:30, in het omgangshuis."
                    .into(),
            handover_agreements: "Het pleeggezin brengt Lotte om 13:45 en haalt haar om 15:45."
                .into(),
            parents_must_not_meet: true,
            ..PlanInput::default()
        };
        self.app
            .write_plan(self.coord, id, &plan)
            .await
            .map_err(e)?;
        Ok(())
    }
}
