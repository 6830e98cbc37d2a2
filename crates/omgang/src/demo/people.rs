//! The demo's organisations and their people, and the actors the demo acts as.

use std::collections::HashMap;

use anyhow::{Context, Result};
use jiff::ToSpan;
use jiff::civil::Date;
use omgang_app::admin::{OrganisationInput, UserInput};
use omgang_app::{Actor, App, Role, system_actor};

use super::{DEMO_PASSWORD, Login, e};

/// An organisation of the demo.
pub(super) struct DemoOrg {
    pub(super) id: String,
    pub(super) name: String,
}

/// The organisations, in the order they are made (the indexes of [`DemoUser::org`]).
const ORGANISATIONS: [(&str, &str); 5] = [
    ("Kwadraad", "provider"),
    ("Humanitas BOR", "provider"),
    ("Timon", "partner"),
    ("Sociaal Team De Ronde Venen", "municipality"),
    ("Gemeente De Ronde Venen", "funder"),
];
const KWADRAAD: usize = 0;
const HUMANITAS: usize = 1;
const TIMON: usize = 2;
const SOCIAAL_TEAM: usize = 3;
const GEMEENTE: usize = 4;

/// (years, days) before today.
type Ago = (i64, i64);

/// A demo account.
struct DemoUser {
    email: &'static str,
    name: &'static str,
    role: &'static str,
    /// Index in [`ORGANISATIONS`].
    org: usize,
    /// Volunteers: when the VOG was issued.
    vog: Option<Ago>,
    /// Volunteers: when the training was completed.
    training: Option<Ago>,
}

const fn staff(
    email: &'static str,
    name: &'static str,
    role: &'static str,
    org: usize,
) -> DemoUser {
    DemoUser {
        email,
        name,
        role,
        org,
        vog: None,
        training: None,
    }
}

/// The accounts, in the order they are made.
const PEOPLE: [DemoUser; 16] = [
    staff(
        "coordinator@kwadraad.example",
        "Anouk de Vries",
        "coordinator",
        KWADRAAD,
    ),
    staff(
        "coordinator2@kwadraad.example",
        "Pieter van Dijk",
        "coordinator",
        KWADRAAD,
    ),
    staff(
        "begeleider@kwadraad.example",
        "Sanne Jansen",
        "supervisor",
        KWADRAAD,
    ),
    staff(
        "begeleider2@kwadraad.example",
        "Mohamed El Amrani",
        "supervisor",
        KWADRAAD,
    ),
    staff(
        "begeleider3@kwadraad.example",
        "Lotte Verbeek",
        "supervisor",
        KWADRAAD,
    ),
    staff(
        "beheer@kwadraad.example",
        "Bram Hendriks",
        "administrator",
        KWADRAAD,
    ),
    staff(
        "coordinator@humanitas.example",
        "Joost Bakker",
        "coordinator",
        HUMANITAS,
    ),
    DemoUser {
        vog: Some((1, 0)),
        training: Some((1, 0)),
        ..staff(
            "vrijwilliger@humanitas.example",
            "Els Visser",
            "volunteer",
            HUMANITAS,
        )
    },
    DemoUser {
        vog: Some((2, 350)),
        training: Some((2, 340)),
        ..staff(
            "vrijwilliger2@humanitas.example",
            "Henk de Boer",
            "volunteer",
            HUMANITAS,
        )
    },
    DemoUser {
        training: Some((0, 20)),
        ..staff(
            "vrijwilliger3@humanitas.example",
            "Fatima Yilmaz",
            "volunteer",
            HUMANITAS,
        )
    },
    staff("ons@timon.example", "Ruud Smit", "partner_staff", TIMON),
    staff(
        "regie@sociaalteam.example",
        "Lotte Mulder",
        "case_director",
        SOCIAAL_TEAM,
    ),
    staff(
        "verwijzer@sociaalteam.example",
        "Kees de Wit",
        "referrer",
        SOCIAAL_TEAM,
    ),
    staff(
        "gemeente@derondevenen.example",
        "Wim Kok",
        "funder",
        GEMEENTE,
    ),
    // Each organisation makes its own accounts: these administrators invite their
    // referrers and partner staff.
    staff(
        "beheer@sociaalteam.example",
        "Sanne Verbeek",
        "administrator",
        SOCIAAL_TEAM,
    ),
    staff(
        "beheer@timon.example",
        "Joost van Dam",
        "administrator",
        TIMON,
    ),
];

/// The organisations of the demo.
pub(super) struct Orgs {
    all: Vec<DemoOrg>,
}

impl Orgs {
    /// Makes the organisations.
    pub(super) async fn add(app: &App) -> Result<Orgs> {
        let sys = system_actor();
        let mut all = Vec::new();
        for (name, kind) in ORGANISATIONS {
            let input = OrganisationInput {
                name: name.into(),
                kind: kind.into(),
            };
            let view = app.add_organisation(&sys, &input).await.map_err(e)?;
            all.push(DemoOrg {
                id: view.id,
                name: view.name,
            });
        }
        Ok(Orgs { all })
    }

    pub(super) fn kwadraad(&self) -> &DemoOrg {
        &self.all[KWADRAAD]
    }
    pub(super) fn humanitas(&self) -> &DemoOrg {
        &self.all[HUMANITAS]
    }
    pub(super) fn timon(&self) -> &DemoOrg {
        &self.all[TIMON]
    }
    pub(super) fn gemeente(&self) -> &DemoOrg {
        &self.all[GEMEENTE]
    }
}

/// The user ids of the demo accounts, by e-mail address.
pub(super) struct Users(HashMap<&'static str, String>);

impl Users {
    /// Makes the accounts (all with [`DEMO_PASSWORD`]); their logins go to `logins`.
    pub(super) async fn add(
        app: &App,
        orgs: &Orgs,
        today: Date,
        logins: &mut Vec<Login>,
    ) -> Result<Users> {
        let sys = system_actor();
        let ago = |(y, d): Ago| {
            today
                .checked_sub(y.years())
                .and_then(|x| x.checked_sub(d.days()))
                .map(|d| d.to_string())
                .ok()
        };
        let mut ids = HashMap::new();
        for person in &PEOPLE {
            let org = &orgs.all[person.org];
            let input = UserInput {
                email: person.email.into(),
                name: person.name.into(),
                role: person.role.into(),
                password: DEMO_PASSWORD.into(),
                organisation_id: Some(org.id.clone()),
                vog_issued_on: person.vog.and_then(ago),
                training_completed_on: person.training.and_then(ago),
                lang: None,
            };
            let user = app.add_user(&sys, &input).await.map_err(e)?;
            ids.insert(person.email, user.id.clone());
            logins.push(Login {
                email: person.email.into(),
                role: person.role.into(),
                name: person.name.into(),
                organisation: org.name.clone(),
            });
        }
        Ok(Users(ids))
    }

    /// The user id of `email`.
    pub(super) fn id(&self, email: &str) -> Result<String> {
        self.0
            .get(email)
            .cloned()
            .with_context(|| format!("demo user {email}"))
    }

    /// The user id of `email`, if it is a demo account.
    pub(super) fn get(&self, email: &str) -> Option<&String> {
        self.0.get(email)
    }

    /// `email` acting for `org` in `role`.
    pub(super) fn actor(&self, email: &str, org: &DemoOrg, role: Role) -> Result<Actor> {
        Ok(Actor {
            user_id: omgang_domain::ids::UserId(self.id(email)?),
            org_id: omgang_domain::ids::OrgId(org.id.clone()),
            role,
            name: email.into(),
            ip: None,
            lang: omgang_domain::Lang::Nl,
            system: false,
            directory_version: None,
        })
    }
}
