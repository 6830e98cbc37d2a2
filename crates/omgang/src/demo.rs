//! Demo data: a provider with its partner and municipality, a volunteer organisation, their
//! people, and about forty cases in every programme, phase and outcome.
//!
//! Every case is written through the application layer with the clock set back in time, so
//! the demo obeys exactly the rules a user does (and the audit log shows it).

use anyhow::{Context, Result, anyhow};
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use omgang_app::admin::{OrganisationInput, UserInput};
use omgang_app::input::*;
use omgang_app::views::CaseView;
use omgang_app::{Actor, App, AppError, Role, system_actor};
use omgang_domain::Programme;
use omgang_domain::case::{PersonRole, amsterdam};
use omgang_domain::programme::{IntakeStyle, Lead, LocationKind, SessionKind};
use omgang_store::{LocationRow, RoomRow, Table};

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

struct DemoOrg {
    id: String,
    name: String,
}

fn e(err: AppError) -> anyhow::Error {
    anyhow!("{err:?}")
}

/// Writes the demo data unless the database already has organisations; returns the logins.
pub async fn ensure(app: &App) -> Result<Vec<Login>> {
    let sys = system_actor();
    let existing = app.store.count(Table::Organisations).await?;
    let mut logins = Vec::new();
    if existing > 0 {
        for u in app.store.all_users().await? {
            let org = app.store.organisation(&u.org_id).await?.name;
            logins.push(Login {
                email: u.email,
                role: u.role,
                name: u.name,
                organisation: org,
            });
        }
        return Ok(logins);
    }
    let today = app.today();
    let org = |name: &str, kind: &str| OrganisationInput {
        name: name.into(),
        kind: kind.into(),
    };
    let mut orgs = Vec::new();
    for (name, kind) in [
        ("Kwadraad", "provider"),
        ("Humanitas BOR", "provider"),
        ("Timon", "partner"),
        ("Sociaal Team De Ronde Venen", "municipality"),
        ("Gemeente De Ronde Venen", "funder"),
    ] {
        let view = app
            .add_organisation(&sys, &org(name, kind))
            .await
            .map_err(e)?;
        orgs.push(DemoOrg {
            id: view.id,
            name: view.name,
        });
    }
    let [kwadraad, humanitas, timon, sociaal_team, gemeente] = [0, 1, 2, 3, 4].map(|i| &orgs[i]);
    let years_ago = |y: i64, d: i64| {
        today
            .checked_sub(y.years())
            .and_then(|x| x.checked_sub(d.days()))
            .map(|d| d.to_string())
            .ok()
    };
    // (e-mail, name, role, organisation, VOG issued on, training completed on)
    type DemoUser<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a DemoOrg,
        Option<String>,
        Option<String>,
    );
    let people: Vec<DemoUser> = vec![
        (
            "coordinator@kwadraad.example",
            "Anouk de Vries",
            "coordinator",
            kwadraad,
            None,
            None,
        ),
        (
            "coordinator2@kwadraad.example",
            "Pieter van Dijk",
            "coordinator",
            kwadraad,
            None,
            None,
        ),
        (
            "begeleider@kwadraad.example",
            "Sanne Jansen",
            "supervisor",
            kwadraad,
            None,
            None,
        ),
        (
            "begeleider2@kwadraad.example",
            "Mohamed El Amrani",
            "supervisor",
            kwadraad,
            None,
            None,
        ),
        (
            "begeleider3@kwadraad.example",
            "Lotte Verbeek",
            "supervisor",
            kwadraad,
            None,
            None,
        ),
        (
            "beheer@kwadraad.example",
            "Bram Hendriks",
            "administrator",
            kwadraad,
            None,
            None,
        ),
        (
            "coordinator@humanitas.example",
            "Joost Bakker",
            "coordinator",
            humanitas,
            None,
            None,
        ),
        (
            "vrijwilliger@humanitas.example",
            "Els Visser",
            "volunteer",
            humanitas,
            years_ago(1, 0),
            years_ago(1, 0),
        ),
        (
            "vrijwilliger2@humanitas.example",
            "Henk de Boer",
            "volunteer",
            humanitas,
            years_ago(2, 350),
            years_ago(2, 340),
        ),
        (
            "vrijwilliger3@humanitas.example",
            "Fatima Yilmaz",
            "volunteer",
            humanitas,
            None,
            years_ago(0, 20),
        ),
        (
            "ons@timon.example",
            "Ruud Smit",
            "partner_staff",
            timon,
            None,
            None,
        ),
        (
            "regie@sociaalteam.example",
            "Lotte Mulder",
            "case_director",
            sociaal_team,
            None,
            None,
        ),
        (
            "verwijzer@sociaalteam.example",
            "Kees de Wit",
            "referrer",
            sociaal_team,
            None,
            None,
        ),
        (
            "gemeente@derondevenen.example",
            "Wim Kok",
            "funder",
            gemeente,
            None,
            None,
        ),
        // Each organisation makes its own accounts: these administrators invite their
        // referrers and partner staff.
        (
            "beheer@sociaalteam.example",
            "Sanne Verbeek",
            "administrator",
            sociaal_team,
            None,
            None,
        ),
        (
            "beheer@timon.example",
            "Joost van Dam",
            "administrator",
            timon,
            None,
            None,
        ),
    ];
    let mut user_ids = std::collections::HashMap::new();
    for (email, name, role, org, vog, training) in people {
        let input = UserInput {
            email: email.into(),
            name: name.into(),
            role: role.into(),
            password: DEMO_PASSWORD.into(),
            organisation_id: Some(org.id.clone()),
            vog_issued_on: vog,
            training_completed_on: training,
            lang: None,
        };
        let user = app.add_user(&sys, &input).await.map_err(e)?;
        user_ids.insert(email, user.id.clone());
        logins.push(Login {
            email: email.into(),
            role: role.into(),
            name: name.into(),
            organisation: org.name.clone(),
        });
    }
    for (org, name, address, rooms) in [
        (
            kwadraad,
            "De Boei",
            "Herenweg 1, Vinkeveen",
            vec![
                ("Huiskamer", "homely"),
                ("Speelzaal", "large"),
                ("Spreekkamer", "office"),
            ],
        ),
        (
            kwadraad,
            "Het Anker",
            "Dorpsstraat 8, Mijdrecht",
            vec![("Gezinskamer", "homely")],
        ),
        (
            humanitas,
            "Buurthuis De Linde",
            "Lindelaan 12, Utrecht",
            vec![("Kinderkamer", "homely")],
        ),
    ] {
        app.store
            .insert_location(&LocationRow {
                id: omgang_app::new_id(),
                org_id: org.id.clone(),
                name: name.into(),
                address: address.into(),
                margin_minutes: 15,
                rooms: rooms
                    .into_iter()
                    .map(|(n, t)| RoomRow {
                        id: omgang_app::new_id(),
                        name: n.into(),
                        room_type: t.into(),
                    })
                    .collect(),
            })
            .await?;
    }
    let actor_of = |email: &str, org: &DemoOrg, role: Role| -> Result<Actor> {
        Ok(Actor {
            user_id: omgang_domain::ids::UserId(user_ids.get(email).context("demo user")?.clone()),
            org_id: omgang_domain::ids::OrgId(org.id.clone()),
            role,
            name: email.into(),
            ip: None,
            lang: omgang_domain::Lang::Nl,
            system: false,
        })
    };
    let kw_coord = actor_of("coordinator@kwadraad.example", kwadraad, Role::Coordinator)?;
    let hu_coord = actor_of(
        "coordinator@humanitas.example",
        humanitas,
        Role::Coordinator,
    )?;
    let partner = actor_of("ons@timon.example", timon, Role::PartnerStaff)?;
    // The municipality pays for its pilot: its figures dashboard counts those cases.
    let kw_admin = actor_of("beheer@kwadraad.example", kwadraad, Role::Administrator)?;
    app.set_funders(
        &kw_admin,
        "de-ronde-venen",
        &omgang_app::figures::FundersInput {
            funders: vec![gemeente.id.clone()],
        },
    )
    .await
    .map_err(e)?;
    let director = user_ids
        .get("regie@sociaalteam.example")
        .context("director")?
        .clone();
    let supervisors_kw = [
        user_ids
            .get("begeleider@kwadraad.example")
            .context("sup")?
            .clone(),
        user_ids
            .get("begeleider2@kwadraad.example")
            .context("sup")?
            .clone(),
    ];
    let volunteers = [
        user_ids
            .get("vrijwilliger@humanitas.example")
            .context("vol")?
            .clone(),
        user_ids
            .get("vrijwilliger2@humanitas.example")
            .context("vol")?
            .clone(),
    ];

    let stages = [
        Stage::Registered,
        Stage::Intake,
        Stage::Plan,
        Stage::RunningEarly,
        Stage::RunningLate,
        Stage::Ended(EndKind::Agreement),
        Stage::Ended(EndKind::StoppedEarly),
        Stage::Ended(EndKind::Reported),
        Stage::NotEligible,
    ];
    let programmes = [
        "de-ronde-venen",
        "intensieve-omgangsbegeleiding",
        "ouderschap-blijft",
        "omgangshuis",
        "begeleide-omgangsregeling",
    ];
    let mut n = 0usize;
    for (pi, programme_id) in programmes.iter().enumerate() {
        let programme = app.programme(programme_id).context("programme")?;
        let (coord, org, sups): (&Actor, &DemoOrg, &[String]) =
            if *programme_id == "begeleide-omgangsregeling" {
                (&hu_coord, humanitas, &volunteers)
            } else {
                (&kw_coord, kwadraad, &supervisors_kw)
            };
        for (si, stage) in stages.iter().enumerate() {
            n += 1;
            let family = &FAMILIES[(pi * stages.len() + si) % FAMILIES.len()];
            let walk = Walk {
                app,
                programme: &programme,
                coord,
                partner: &partner,
                org_id: &org.id,
                partner_org: &timon.id,
                director: &director,
                supervisor: &sups[n % sups.len()],
                today,
                hour: 9 + i8::try_from(n % 7).unwrap_or(0),
            };
            walk.case(family, *stage, n)
                .await
                .with_context(|| format!("demo case {n} ({programme_id}, {stage:?})"))?;
        }
    }
    portal_accounts(app, &kw_coord, &mut logins).await?;
    // Seed 004: "Aanmelden kan via de website" — Humanitas opens BOR for the public form
    // (as the operator would for the organisation, through the application layer).
    let operator_for_humanitas = Actor {
        org_id: omgang_domain::ids::OrgId(humanitas.id.clone()),
        ..system_actor()
    };
    app.set_public_programme(&operator_for_humanitas, "begeleide-omgangsregeling", true)
        .await
        .map_err(e)?;
    // A child in a foster family (seed 003): two visiting parents kept apart (one's address
    // secret from the other), the foster carer brings the child, the guardian signs too.
    for programme_id in programmes {
        let programme = app.programme(programme_id).context("programme")?;
        if !programme.eligibility.child_with_carer {
            continue;
        }
        let walk = Walk {
            app,
            programme: &programme,
            coord: &kw_coord,
            partner: &partner,
            org_id: &kwadraad.id,
            partner_org: &timon.id,
            director: &director,
            supervisor: &supervisors_kw[0],
            today,
            hour: 10,
        };
        walk.foster_case()
            .await
            .with_context(|| format!("demo foster case ({programme_id})"))?;
    }
    // More families in the middle of their visits, so that next week has enough to plan
    // (issue 13: the weekly planner on the demo data is not a trivial puzzle).
    let all_kw = [
        supervisors_kw[0].clone(),
        supervisors_kw[1].clone(),
        user_ids
            .get("begeleider3@kwadraad.example")
            .context("sup")?
            .clone(),
    ];
    for (k, family) in MORE_FAMILIES.iter().enumerate() {
        let programme_id = programmes[k % 4];
        let programme = app.programme(programme_id).context("programme")?;
        n += 1;
        let walk = Walk {
            app,
            programme: &programme,
            coord: &kw_coord,
            partner: &partner,
            org_id: &kwadraad.id,
            partner_org: &timon.id,
            director: &director,
            supervisor: &all_kw[k % all_kw.len()],
            today,
            hour: 14 + i8::try_from(k % 4).unwrap_or(0),
        };
        walk.case(family, Stage::RunningMid, n)
            .await
            .with_context(|| format!("demo case {n} ({programme_id}, running)"))?;
    }
    planner_inputs(app, &kwadraad.id, &user_ids).await?;
    app.clock.set(None);
    Ok(logins)
}

/// What the weekly planner reads besides the cases (issue 13): the locations' opening hours
/// and the travel time between them, the children's school hours, the weekly hours of one
/// supervisor, and the time windows some families gave ("woensdagmiddag,
/// zaterdagochtend"); the other families keep the default windows.
async fn planner_inputs(
    app: &App,
    org_id: &str,
    user_ids: &std::collections::HashMap<&str, String>,
) -> Result<()> {
    use omgang_store::HoursRow;
    let slot = |owner: &str, weekday: i64, starts: &str, ends: &str| HoursRow {
        owner_id: owner.to_owned(),
        weekday,
        starts: starts.to_owned(),
        ends: ends.to_owned(),
    };
    // De Boei and Het Anker are twenty minutes apart.
    let locations = app.store.locations_of(org_id).await?;
    for l in &locations {
        let others: Vec<(String, i64)> = locations
            .iter()
            .filter(|o| o.id != l.id)
            .map(|o| (o.id.clone(), 20))
            .collect();
        app.store
            .replace_travel_from(org_id, &l.id, &others)
            .await?;
    }
    for l in app.store.locations_of(org_id).await? {
        let mut hours: Vec<HoursRow> = (1..=4).map(|d| slot(&l.id, d, "09:00", "20:00")).collect();
        hours.push(slot(&l.id, 5, "09:00", "18:00"));
        hours.push(slot(&l.id, 6, "09:00", "13:00"));
        app.store
            .replace_location_hours(org_id, &l.id, &hours)
            .await?;
    }
    if let Some(id) = user_ids.get("begeleider2@kwadraad.example") {
        app.store.set_staff_hours(id, Some(16 * 60)).await?;
    }
    let running = app
        .store
        .cases(&omgang_store::CaseFilter {
            org_id: Some(org_id.to_owned()),
            status: Some("running".into()),
            ..omgang_store::CaseFilter::default()
        })
        .await?;
    for (i, case) in running.iter().enumerate() {
        let id = case.id.as_str();
        // Half the children go to school: a school week, Wednesday afternoons free.
        if i % 2 == 0 {
            let mut school: Vec<HoursRow> = [1, 2, 4, 5]
                .into_iter()
                .map(|d| slot(id, d, "08:30", "15:00"))
                .collect();
            school.push(slot(id, 3, "08:30", "12:30"));
            app.store.replace_school_hours(id, &school).await?;
        }
        let windows = match i % 3 {
            0 => vec![slot(id, 3, "12:30", "18:00"), slot(id, 6, "09:00", "12:30")],
            1 => vec![slot(id, 1, "15:30", "19:00"), slot(id, 4, "15:30", "19:00")],
            _ => continue,
        };
        app.store.replace_case_windows(id, &windows).await?;
    }
    Ok(())
}

/// Two parent accounts, made the way parents get them: the coordinator invites both parents
/// of a running case with a secret address, and each accepts the e-mailed link.
async fn portal_accounts(app: &App, coord: &Actor, logins: &mut Vec<Login>) -> Result<()> {
    let filter = omgang_store::CaseFilter {
        org_id: Some(coord.org_id.0.clone()),
        status: Some("running".into()),
        open_only: true,
        ..omgang_store::CaseFilter::default()
    };
    let cases = app.store.cases(&filter).await?;
    let Some(case) = cases
        .iter()
        .find(|c| c.parents().any(|p| p.secret_address) && c.plan_signed_by_all())
    else {
        return Ok(());
    };
    let org = app.store.organisation(coord.org_id.as_str()).await?.name;
    // The visiting parent is the "other parent" who must never see the secret address.
    for (role, email) in [
        (PersonRole::NonResidentParent, "ouder@voorbeeld.example"),
        (PersonRole::ResidentParent, "ouder2@voorbeeld.example"),
    ] {
        let Some(person) = case.parents().find(|p| p.role == role) else {
            continue;
        };
        app.invite_person(
            coord,
            case.id.as_str(),
            &omgang_app::invitations::InviteInput {
                person_id: person.id.0.clone(),
                email: Some(email.into()),
                lang: None,
            },
        )
        .await
        .map_err(e)?;
        let outbox = app.store.outbox().await?;
        let body = outbox
            .iter()
            .rev()
            .find(|m| m.mail.to_address == email)
            .map(|m| m.mail.body.clone())
            .context("the invitation mail")?;
        let token: String = body
            .split("/uitnodiging?token=")
            .nth(1)
            .context("the invitation link")?
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .collect();
        app.accept_invitation(
            &omgang_app::invitations::AcceptInput {
                token,
                password: DEMO_PASSWORD.into(),
                password_again: None,
            },
            None,
        )
        .await
        .map_err(e)?;
        logins.push(Login {
            email: email.into(),
            role: "parent".into(),
            name: person.name.clone(),
            organisation: org.clone(),
        });
    }
    // An ouderschapsplan for both parents to read and sign: every other weekend and a
    // midweek afternoon with the visiting parent, the holidays shared.
    let resident = case
        .parents()
        .find(|p| p.role == PersonRole::ResidentParent);
    let visiting = case
        .parents()
        .find(|p| p.role == PersonRole::NonResidentParent);
    if let (Some(a), Some(b)) = (resident, visiting) {
        let rule =
            |occasion: &str, rule: &str, parent: &str| omgang_app::parenting_plan::OverrideInput {
                occasion: occasion.into(),
                rule: rule.into(),
                parent: parent.into(),
                ..Default::default()
            };
        app.write_parenting_plan(
            coord,
            case.id.as_str(),
            &omgang_app::parenting_plan::ParentingPlanInput {
                parent_a: a.id.0.clone(),
                parent_b: b.id.0.clone(),
                days: ["a", "a", "b", "a", "a", "b", "b", "a", "a", "b", "a", "a", "a", "a"]
                    .map(String::from)
                    .to_vec(),
                handover_time: "18:00".into(),
                handover_place: "school, of bij de voordeur van het omgangshuis".into(),
                region: "midden".into(),
                overrides: vec![
                    rule("school_zomer", "split_halves", "a"),
                    rule("school_kerst", "alternate_years", "b"),
                    rule("mothers_day", "fixed", "a"),
                    rule("fathers_day", "fixed", "b"),
                ],
                care: "Beslissingen over school, zorg en geloof nemen de ouders samen.".into(),
                information: "De ouders mailen elkaar elke eerste zondag van de maand over school en gezondheid; bij iets dringends bellen ze.".into(),
                costs: "Naar draagkracht volgens de berekening van de mediator; de vader betaalt 250 euro per maand.".into(),
                child_involvement: "Het kind heeft met de begeleider over de regeling gepraat; zijn wensen staan in het verslag van het kindgesprek.".into(),
                topics: [(
                    "passport_travel".to_owned(),
                    "Reizen buiten Europa alleen met schriftelijke toestemming van de ander.".to_owned(),
                )]
                .into(),
                ..Default::default()
            },
        )
        .await
        .map_err(e)?;
    }
    Ok(())
}

#[derive(Clone, Copy, Debug)]
enum EndKind {
    Agreement,
    StoppedEarly,
    Reported,
}

#[derive(Clone, Copy, Debug)]
enum Stage {
    Registered,
    Intake,
    Plan,
    RunningEarly,
    /// Two visits held, the next one still to plan.
    RunningMid,
    RunningLate,
    Ended(EndKind),
    NotEligible,
}

struct Family {
    child: &'static str,
    resident: &'static str,
    visiting: &'static str,
    place: &'static str,
    secret: bool,
}

/// The families of [`Stage::RunningMid`], all at Kwadraad.
const MORE_FAMILIES: &[Family] = &[
    Family {
        child: "Sofie",
        resident: "Ilse van Leeuwen",
        visiting: "Ruben van Leeuwen",
        place: "Wilnis",
        secret: false,
    },
    Family {
        child: "Daan",
        resident: "Naima Amrani",
        visiting: "Youssef Amrani",
        place: "Mijdrecht",
        secret: false,
    },
    Family {
        child: "Mila",
        resident: "Kim Dekker",
        visiting: "Jeroen Vos",
        place: "Vinkeveen",
        secret: true,
    },
    Family {
        child: "Sem",
        resident: "Anna Kuiper",
        visiting: "Bas Kuiper",
        place: "Abcoude",
        secret: false,
    },
    Family {
        child: "Zoë",
        resident: "Priya Ramdin",
        visiting: "Sunil Ramdin",
        place: "Uithoorn",
        secret: false,
    },
    Family {
        child: "Finn",
        resident: "Eva Brouwer",
        visiting: "Dirk Brouwer",
        place: "Wilnis",
        secret: false,
    },
    Family {
        child: "Lina",
        resident: "Sara Koç",
        visiting: "Emre Koç",
        place: "Mijdrecht",
        secret: false,
    },
    Family {
        child: "Thijs",
        resident: "Marloes Wit",
        visiting: "Koen Wit",
        place: "Vinkeveen",
        secret: false,
    },
    Family {
        child: "Nora",
        resident: "Lisa Hoekstra",
        visiting: "Wouter Hoekstra",
        place: "Uithoorn",
        secret: false,
    },
    Family {
        child: "Adam",
        resident: "Samira Bouzid",
        visiting: "Hamid Bouzid",
        place: "Abcoude",
        secret: false,
    },
    Family {
        child: "Isa",
        resident: "Joyce Pauw",
        visiting: "Mike Pauw",
        place: "Wilnis",
        secret: false,
    },
    Family {
        child: "Jesse",
        resident: "Carmen Smits",
        visiting: "Rick Smits",
        place: "Mijdrecht",
        secret: false,
    },
];

const FAMILIES: &[Family] = &[
    Family {
        child: "Noah",
        resident: "Sanne Bos",
        visiting: "Mark Bos",
        place: "Mijdrecht",
        secret: false,
    },
    Family {
        child: "Emma",
        resident: "Fleur Meijer",
        visiting: "Tim de Graaf",
        place: "Vinkeveen",
        secret: true,
    },
    Family {
        child: "Liam",
        resident: "Yasmina Haddou",
        visiting: "Karim Haddou",
        place: "Abcoude",
        secret: false,
    },
    Family {
        child: "Julia",
        resident: "Inge Peters",
        visiting: "Rob Peters",
        place: "Wilnis",
        secret: false,
    },
    Family {
        child: "Sem",
        resident: "Naomi Koster",
        visiting: "Dennis Koster",
        place: "Utrecht",
        secret: true,
    },
    Family {
        child: "Mila",
        resident: "Linda Vermeulen",
        visiting: "Erik Vermeulen",
        place: "Breukelen",
        secret: false,
    },
    Family {
        child: "Daan",
        resident: "Priya Ramdin",
        visiting: "Sunil Ramdin",
        place: "Maarssen",
        secret: false,
    },
    Family {
        child: "Tess",
        resident: "Marloes Smits",
        visiting: "Jeroen Smits",
        place: "Mijdrecht",
        secret: true,
    },
    Family {
        child: "Levi",
        resident: "Aylin Demir",
        visiting: "Murat Demir",
        place: "Uithoorn",
        secret: false,
    },
    Family {
        child: "Sara",
        resident: "Kim de Jong",
        visiting: "Thomas de Jong",
        place: "Vinkeveen",
        secret: false,
    },
    Family {
        child: "Finn",
        resident: "Esther Willems",
        visiting: "Bas Willems",
        place: "Amstelveen",
        secret: true,
    },
];

struct Walk<'a> {
    app: &'a App,
    programme: &'a Programme,
    coord: &'a Actor,
    partner: &'a Actor,
    org_id: &'a str,
    partner_org: &'a str,
    director: &'a str,
    supervisor: &'a str,
    today: Date,
    /// Each case has its own hour of the day, so supervisors are not double-booked.
    hour: i8,
}

impl Walk<'_> {
    fn at(&self, date: Date, hour: i8) -> Result<Timestamp> {
        Ok(date
            .at(hour, 0, 0, 0)
            .to_zoned_datetime(amsterdam())?
            .timestamp())
    }

    fn set(&self, date: Date, hour: i8) -> Result<()> {
        self.app.clock.set(Some(self.at(date, hour)?));
        Ok(())
    }

    async fn session(
        &self,
        id: &str,
        kind: SessionKind,
        date: Date,
        hold: bool,
    ) -> Result<CaseView> {
        self.session_with(id, kind, date, hold, Vec::new()).await
    }

    /// A session with these people (person ids), at the omgangshuis where the programme
    /// allows it for `kind`, else at the kind's first place.
    async fn session_with(
        &self,
        id: &str,
        kind: SessionKind,
        date: Date,
        hold: bool,
        participants: Vec<String>,
    ) -> Result<CaseView> {
        let allowed = self.programme.locations_for(kind);
        let location = if allowed.contains(&LocationKind::Omgangshuis) {
            LocationKind::Omgangshuis
        } else {
            allowed
                .first()
                .copied()
                .unwrap_or(LocationKind::Omgangshuis)
        };
        let rule = self.programme.kind(kind).context("kind")?;
        let minutes = rule.max_minutes.min(90);
        let (actor, supervisor) = match rule.led_by {
            Lead::Partner => (self.partner, None),
            Lead::Supervisor => (self.coord, Some(self.supervisor.to_owned())),
            _ => (self.coord, None),
        };
        let input = SessionInput {
            kind: omgang_store::json_name(&kind),
            starts_at: format!("{date}T{:02}:00", self.hour),
            minutes,
            location_kind: omgang_store::json_name(&location),
            location_id: None,
            room_id: None,
            description: None,
            home_of: None,
            supervisor_id: supervisor,
            participants,
            confirm: Vec::new(),
            reason: None,
        };
        // A coordinator who plans a visit beyond "about N" or off the rhythm presses "Toch
        // plannen" (recorded on the timeline); warnings that ask for a reason stay refusals.
        let view = match self.app.plan_session(actor, id, &input).await {
            Err(AppError::Refused(omgang_domain::Refusal::ConfirmationNeeded { warnings }))
                if warnings.iter().all(|w| !w.needs_reason) =>
            {
                let confirmed = SessionInput {
                    confirm: warnings
                        .iter()
                        .map(|w| w.code.as_str().to_owned())
                        .collect(),
                    ..input
                };
                self.app
                    .plan_session(actor, id, &confirmed)
                    .await
                    .map_err(e)?
            }
            other => other.map_err(e)?,
        };
        if !hold {
            return Ok(view);
        }
        let session = view.sessions.last().context("planned session")?.id.clone();
        self.set(date, 17)?;
        // Who came: the children and the visiting parent(s), as a supervisor ticks them.
        let attended = view
            .children
            .iter()
            .map(|c| c.id.clone())
            .chain(
                view.people
                    .iter()
                    .filter(|p| p.role == "non_resident_parent")
                    .map(|p| p.id.clone()),
            )
            .collect();
        let held = OutcomeInput {
            outcome: "held".into(),
            notes: "Verliep rustig.".into(),
            by: None,
            reason: None,
            attended,
        };
        let view = self
            .app
            .record_outcome(actor, id, &session, &held)
            .await
            .map_err(e)?;
        if rule.needs_report {
            let sup = supervisor_actor(self.coord, self.supervisor);
            let report = ReportInput {
                course: "Vader kwam op tijd; het kind werd door moeder gebracht. Samen gespeeld en getekend.".into(),
                child_reactions: "Het kind was eerst stil en werd na tien minuten vrolijk.".into(),
                interaction: "Warm contact; vader volgde het spel van het kind.".into(),
                agreements_kept: "Afspraken nagekomen.".into(),
                punctuality_resident_parent: "Op tijd.".into(),
                punctuality_visiting_parent: "Op tijd.".into(),
                incidents: String::new(),
            };
            let view = self
                .app
                .save_report(&sup, id, &session, &report)
                .await
                .map_err(e)?;
            let report_id = view.reports.last().context("report")?.id.clone();
            self.app
                .review_report(
                    self.coord,
                    id,
                    &report_id,
                    omgang_app::cases::ReviewStep::Approve,
                )
                .await
                .map_err(e)?;
            return self
                .app
                .review_report(
                    self.coord,
                    id,
                    &report_id,
                    omgang_app::cases::ReviewStep::Release,
                )
                .await
                .map_err(e);
        }
        Ok(view)
    }

    /// A running case of a foster child with two visiting parents, each with their own
    /// visits, a foster carer who brings the child and a guardian with authority.
    async fn foster_case(&self) -> Result<()> {
        let p = self.programme;
        let mut day = self.today.checked_sub(50.days())?;
        self.set(day, 10)?;
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
        let view = self
            .app
            .register(&system_actor(), &input)
            .await
            .map_err(e)?;
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
        let intake_kind = if p.kind(SessionKind::InformativeConversation).is_some() {
            SessionKind::InformativeConversation
        } else {
            SessionKind::Intake
        };
        self.session_with(&id, intake_kind, day, true, vec![guardian.clone()])
            .await?;
        self.app
            .complete_intake(
                self.coord,
                &id,
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
            .write_plan(self.coord, &id, &plan)
            .await
            .map_err(e)?;
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

    async fn case(&self, family: &Family, stage: Stage, n: usize) -> Result<()> {
        let p = self.programme;
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
        let id = view.id.clone();
        if matches!(stage, Stage::Registered) {
            return Ok(());
        }
        day = day.checked_add(5.days())?;
        self.set(day, 10)?;
        self.app.start_intake(self.coord, &id).await.map_err(e)?;
        if p.partners.iter().len() > 0 {
            self.app
                .assign_partner(
                    self.coord,
                    &id,
                    &AssignOptionalInput {
                        id: Some(self.partner_org.into()),
                    },
                )
                .await
                .map_err(e)?;
            self.app
                .assign_case_director(
                    self.coord,
                    &id,
                    &AssignOptionalInput {
                        id: Some(self.director.into()),
                    },
                )
                .await
                .map_err(e)?;
        }
        let intake_kind = if p.kind(SessionKind::Intake).is_some() {
            SessionKind::Intake
        } else {
            SessionKind::InformativeConversation
        };
        day = day.checked_add(2.days())?;
        if p.intake.style == IntakeStyle::Separate {
            // An intake with each parent apart, then the child conversation (or, for a
            // young child, the interaction observation), as the programme names them.
            for parent in view.people.iter().filter(|x| x.role.ends_with("parent")) {
                self.session_with(&id, SessionKind::Intake, day, true, vec![parent.id.clone()])
                    .await?;
                day = day.checked_add(1.days())?;
            }
        } else {
            self.session(&id, intake_kind, day, true).await?;
        }
        if p.intake.child_conversation {
            let age = omgang_domain::case::age_on(birth, day);
            let kind = match p.intake.interaction_observation_below_age {
                Some(below) if age < i32::from(below) => SessionKind::InteractionObservation,
                _ => SessionKind::ChildConversation,
            };
            day = day.checked_add(1.days())?;
            self.session(&id, kind, day, true).await?;
        }
        if matches!(stage, Stage::Intake) {
            return Ok(());
        }
        if matches!(stage, Stage::NotEligible) {
            let input = CompleteIntakeInput {
                eligible: false,
                notes: String::new(),
                reason: Some("Ouders willen geen gezamenlijke gesprekken.".into()),
                confirm: Vec::new(),
            };
            self.app
                .complete_intake(self.coord, &id, &input)
                .await
                .map_err(e)?;
            return Ok(());
        }
        self.app
            .complete_intake(
                self.coord,
                &id,
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
        let view = self
            .app
            .write_plan(self.coord, &id, &plan)
            .await
            .map_err(e)?;
        if matches!(stage, Stage::Plan) {
            // One parent signed, the other not yet.
            let parent = view
                .people
                .iter()
                .find(|p| p.role == "resident_parent")
                .context("parent")?
                .id
                .clone();
            self.app
                .sign_plan(
                    self.coord,
                    &id,
                    &SignatureInput {
                        version: 1,
                        parent_id: parent,
                        method: "paper".into(),
                        signed_on: None,
                    },
                )
                .await
                .map_err(e)?;
            return Ok(());
        }
        day = day.checked_add(3.days())?;
        self.set(day, 10)?;
        for parent in view.people.iter().filter(|p| p.role.ends_with("parent")) {
            self.app
                .sign_plan(
                    self.coord,
                    &id,
                    &SignatureInput {
                        version: 1,
                        parent_id: parent.id.clone(),
                        method: "paper".into(),
                        signed_on: None,
                    },
                )
                .await
                .map_err(e)?;
        }
        // Prerequisites (e.g. ONS before visits), then visits week by week, in the
        // programme's rhythm where it has one (the other kind in the weeks between).
        let visit = p.kind(SessionKind::SupervisedVisit).context("visits")?;
        let mut last = None;
        for req in &visit.requires_held {
            for _ in 0..req.count {
                day = day.checked_add(7.days())?;
                self.session(&id, req.kind, day, true).await?;
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
                self.session(&id, other, day, true).await?;
            }
            day = day.checked_add(7.days())?;
            self.session(&id, SessionKind::SupervisedVisit, day, true)
                .await?;
            last = Some(SessionKind::SupervisedVisit);
        }
        if matches!(stage, Stage::RunningMid) {
            return Ok(());
        }
        if matches!(stage, Stage::RunningEarly) {
            day = day.checked_add(7.days())?;
            self.session(
                &id,
                SessionKind::SupervisedVisit,
                self.today.checked_add(3.days())?.max(day),
                false,
            )
            .await?;
            return Ok(());
        }
        if matches!(stage, Stage::RunningLate) {
            // A cancellation by the visiting parent, and a visit awaiting its report.
            let view = self.app.case(self.coord, &id).await.map_err(e)?;
            let visiting = view
                .people
                .iter()
                .find(|p| p.role == "non_resident_parent")
                .context("parent")?
                .id
                .clone();
            day = day.checked_add(7.days())?;
            let view = self
                .session(&id, SessionKind::SupervisedVisit, day, false)
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
                .record_outcome(self.coord, &id, &s, &cancel)
                .await
                .map_err(e)?;
            return Ok(());
        }
        day = day.checked_add(14.days())?;
        self.set(day, 10)?;
        let Stage::Ended(kind) = stage else {
            return Ok(());
        };
        let end = match kind {
            EndKind::Agreement => {
                let eval = EvaluationInput {
                    kind: "end".into(),
                    on: None,
                    summary: "Ouders hebben afspraken gemaakt.".into(),
                    agreement_reached: true,
                    next_steps: "Ouderschapsplan.".into(),
                };
                self.app
                    .record_evaluation(self.coord, &id, &eval)
                    .await
                    .map_err(e)?;
                EndInput {
                    outcome: "ouderschapsplan".into(),
                    summary: "Afspraken vastgelegd in een ouderschapsplan.".into(),
                    handed_to: None,
                    reason: None,
                    to: None,
                    confirm: Vec::new(),
                    confirm_reason: None,
                }
            }
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
        };
        let view = self.app.end_case(self.coord, &id, &end).await.map_err(e)?;
        if view.status == "follow_up" {
            // Follow-up appointments, then close.
            let rule = p.follow_up.as_ref().context("follow-up")?;
            for _ in 0..rule.return_appointments {
                day = day.checked_add(30.days())?;
                self.session(&id, SessionKind::FollowUpAppointment, day, true)
                    .await?;
            }
            self.set(day.checked_add(7.days())?, 10)?;
            self.app
                .close_follow_up(
                    self.coord,
                    &id,
                    &CloseFollowUpInput {
                        summary: "Nazorg afgerond.".into(),
                    },
                )
                .await
                .map_err(e)?;
        }
        Ok(())
    }
}

fn supervisor_actor(coord: &Actor, supervisor: &str) -> Actor {
    Actor {
        user_id: omgang_domain::ids::UserId(supervisor.to_owned()),
        org_id: coord.org_id.clone(),
        role: Role::Supervisor,
        name: "begeleider".into(),
        ip: None,
        lang: omgang_domain::Lang::Nl,
        system: false,
    }
}
