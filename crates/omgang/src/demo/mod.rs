//! Demo data: a provider with its partner and municipality, a volunteer organisation, their
//! people, and about forty cases in every programme, phase and outcome.
//!
//! Every case is written through the application layer with the clock set back in time, so
//! the demo obeys exactly the rules a user does (and the audit log shows it).

mod case;
mod families;
mod foster;
mod locations;
mod people;
mod portal;
mod walk;

use anyhow::{Context, Result, anyhow};
use jiff::civil::Date;
use omgang_app::{Actor, App, AppError, Role, system_actor};
use omgang_domain::Programme;
use omgang_store::Table;

use families::{FAMILIES, MORE_FAMILIES, Stage};
use people::{DemoOrg, Orgs, Users};
use walk::Walk;

pub const DEMO_PASSWORD: &str = "omgang-demo-2026";

pub struct Login {
    pub email: String,
    pub role: String,
    pub name: String,
    pub organisation: String,
}

pub fn print_logins(logins: &[Login], url: Option<&str>) {
    println!();
    println!(
        "omgang demo — wachtwoord voor alle accounts / password for every account: {DEMO_PASSWORD}"
    );
    for l in logins {
        println!(
            "  {:<38} {:<15} {} ({})",
            l.email, l.role, l.name, l.organisation
        );
    }
    if let Some(url) = url {
        println!("Open {url} — sign in with POST {url}/api/v1/auth/login");
    }
    println!();
}

/// An application error as an error of the demo.
fn e(err: AppError) -> anyhow::Error {
    anyhow!("{err:?}")
}

/// Writes the demo data unless the database already has organisations; returns the logins.
pub async fn ensure(app: &App) -> Result<Vec<Login>> {
    if app.store.count(Table::Organisations).await? > 0 {
        return existing_logins(app).await;
    }
    let today = app.today();
    let mut logins = Vec::new();
    let orgs = Orgs::add(app).await?;
    let users = Users::add(app, &orgs, today, &mut logins).await?;
    locations::add_locations(app, orgs.kwadraad(), orgs.humanitas()).await?;
    let cast = Cast::new(app, today, &orgs, &users)?;
    // The municipality pays for its pilot: its figures dashboard counts those cases.
    app.set_funders(
        &cast.kw_admin,
        "de-ronde-venen",
        &omgang_app::figures::FundersInput {
            funders: vec![orgs.gemeente().id.clone()],
        },
    )
    .await
    .map_err(e)?;
    let n = cast.cases_in_every_stage().await?;
    portal::portal_accounts(app, &cast.kw_coord, &mut logins).await?;
    // Seed 004: "Aanmelden kan via de website" — Humanitas opens BOR for the public form
    // (as the operator would for the organisation, through the application layer).
    let operator_for_humanitas = Actor {
        org_id: omgang_domain::ids::OrgId(orgs.humanitas().id.clone()),
        ..system_actor()
    };
    app.set_public_programme(&operator_for_humanitas, "begeleide-omgangsregeling", true)
        .await
        .map_err(e)?;
    cast.foster_cases().await?;
    cast.more_families(n).await?;
    locations::planner_inputs(app, &orgs.kwadraad().id, &users).await?;
    app.clock.set(None);
    Ok(logins)
}

/// The logins of the accounts already in the database.
async fn existing_logins(app: &App) -> Result<Vec<Login>> {
    let mut logins = Vec::new();
    for u in app.store.all_users().await? {
        let org = app.store.organisation(&u.org_id).await?.name;
        logins.push(Login {
            email: u.email,
            role: u.role,
            name: u.name,
            organisation: org,
        });
    }
    Ok(logins)
}

/// The programmes of the demo cases (the first four at Kwadraad, the last at Humanitas).
const PROGRAMMES: [&str; 5] = [
    "de-ronde-venen",
    "intensieve-omgangsbegeleiding",
    "ouderschap-blijft",
    "omgangshuis",
    "begeleide-omgangsregeling",
];

/// The stages of the cases of each programme.
const STAGES: [Stage; 9] = [
    Stage::Registered,
    Stage::Intake,
    Stage::Plan,
    Stage::RunningEarly,
    Stage::RunningLate,
    Stage::Ended(families::EndKind::Agreement),
    Stage::Ended(families::EndKind::StoppedEarly),
    Stage::Ended(families::EndKind::Reported),
    Stage::NotEligible,
];

/// Who acts in the demo cases.
struct Cast<'a> {
    app: &'a App,
    today: Date,
    orgs: &'a Orgs,
    kw_coord: Actor,
    hu_coord: Actor,
    partner: Actor,
    kw_admin: Actor,
    director: String,
    /// Kwadraad's first two supervisors.
    supervisors_kw: [String; 2],
    /// All three of Kwadraad's supervisors.
    all_kw: [String; 3],
    /// Humanitas's trained volunteers.
    volunteers: [String; 2],
}

impl<'a> Cast<'a> {
    fn new(app: &'a App, today: Date, orgs: &'a Orgs, users: &Users) -> Result<Cast<'a>> {
        let kwadraad = orgs.kwadraad();
        let supervisors_kw = [
            users.id("begeleider@kwadraad.example")?,
            users.id("begeleider2@kwadraad.example")?,
        ];
        Ok(Cast {
            app,
            today,
            orgs,
            kw_coord: users.actor("coordinator@kwadraad.example", kwadraad, Role::Coordinator)?,
            hu_coord: users.actor(
                "coordinator@humanitas.example",
                orgs.humanitas(),
                Role::Coordinator,
            )?,
            partner: users.actor("ons@timon.example", orgs.timon(), Role::PartnerStaff)?,
            kw_admin: users.actor("beheer@kwadraad.example", kwadraad, Role::Administrator)?,
            director: users.id("regie@sociaalteam.example")?,
            all_kw: [
                supervisors_kw[0].clone(),
                supervisors_kw[1].clone(),
                users.id("begeleider3@kwadraad.example")?,
            ],
            supervisors_kw,
            volunteers: [
                users.id("vrijwilliger@humanitas.example")?,
                users.id("vrijwilliger2@humanitas.example")?,
            ],
        })
    }

    /// A case of `programme` at `org`, coordinated by `coord`, with `supervisor`, its
    /// sessions at `hour`.
    fn walk<'w>(
        &'w self,
        programme: &'w Programme,
        coord: &'w Actor,
        org: &'w DemoOrg,
        supervisor: &'w str,
        hour: i8,
    ) -> Walk<'w> {
        Walk {
            app: self.app,
            programme,
            coord,
            partner: &self.partner,
            org_id: &org.id,
            partner_org: &self.orgs.timon().id,
            director: &self.director,
            supervisor,
            today: self.today,
            hour,
        }
    }

    /// A case in every stage of every programme, the families in turn; returns how many.
    async fn cases_in_every_stage(&self) -> Result<usize> {
        let mut n = 0usize;
        for (pi, programme_id) in PROGRAMMES.iter().enumerate() {
            let programme = self.app.programme(programme_id).context("programme")?;
            let (coord, org, sups): (&Actor, &DemoOrg, &[String]) =
                if *programme_id == "begeleide-omgangsregeling" {
                    (&self.hu_coord, self.orgs.humanitas(), &self.volunteers)
                } else {
                    (&self.kw_coord, self.orgs.kwadraad(), &self.supervisors_kw)
                };
            for (si, stage) in STAGES.iter().enumerate() {
                n += 1;
                let family = &FAMILIES[(pi * STAGES.len() + si) % FAMILIES.len()];
                let hour = 9 + i8::try_from(n % 7).unwrap_or(0);
                self.walk(&programme, coord, org, &sups[n % sups.len()], hour)
                    .case(family, *stage, n)
                    .await
                    .with_context(|| format!("demo case {n} ({programme_id}, {stage:?})"))?;
            }
        }
        Ok(n)
    }

    /// A child in a foster family (seed 003), in each programme that allows it: two visiting
    /// parents kept apart (one's address secret from the other), the foster carer brings the
    /// child, the guardian signs too.
    async fn foster_cases(&self) -> Result<()> {
        for programme_id in PROGRAMMES {
            let programme = self.app.programme(programme_id).context("programme")?;
            if !programme.eligibility.child_with_carer {
                continue;
            }
            self.walk(
                &programme,
                &self.kw_coord,
                self.orgs.kwadraad(),
                &self.supervisors_kw[0],
                10,
            )
            .foster_case()
            .await
            .with_context(|| format!("demo foster case ({programme_id})"))?;
        }
        Ok(())
    }

    /// More families in the middle of their visits (numbered on from `n`), so that next week
    /// has enough to plan (issue 13: the weekly planner on the demo data is not a trivial
    /// puzzle).
    async fn more_families(&self, mut n: usize) -> Result<()> {
        for (k, family) in MORE_FAMILIES.iter().enumerate() {
            let programme_id = PROGRAMMES[k % 4];
            let programme = self.app.programme(programme_id).context("programme")?;
            n += 1;
            let hour = 14 + i8::try_from(k % 4).unwrap_or(0);
            self.walk(
                &programme,
                &self.kw_coord,
                self.orgs.kwadraad(),
                &self.all_kw[k % self.all_kw.len()],
                hour,
            )
            .case(family, Stage::RunningMid, n)
            .await
            .with_context(|| format!("demo case {n} ({programme_id}, running)"))?;
        }
        Ok(())
    }
}
