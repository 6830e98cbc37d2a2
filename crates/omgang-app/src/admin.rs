//! Administration: organisations, users, programme definitions, anonymised figures.

use std::collections::BTreeMap;

use omgang_domain::ids::OrgId;
use omgang_domain::{Programme, Vocabulary};
use omgang_store::{OrganisationRow, ProgrammeRow, UserRow, json_name};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{check_password_for, hash_password};
use crate::input::Check;
use crate::policy::{self, Actor, OrgAction, Role};
use crate::{App, AppError, Audit, Result};

pub const ORG_KINDS: &[&str] = &["provider", "partner", "municipality", "referrer", "funder"];

impl From<OrganisationRow> for OrganisationView {
    fn from(o: OrganisationRow) -> OrganisationView {
        OrganisationView {
            id: o.id,
            name: o.name,
            kind: o.kind,
        }
    }
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationInput {
    pub name: String,
    /// provider, partner, municipality, referrer, funder
    pub kind: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct OrganisationView {
    pub id: String,
    pub name: String,
    pub kind: String,
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserInput {
    pub email: String,
    pub name: String,
    /// coordinator, supervisor, volunteer, case_director, referrer, partner_staff, parent, funder, administrator
    pub role: String,
    pub password: String,
    /// Defaults to the administrator's own organisation.
    #[serde(default)]
    pub organisation_id: Option<String>,
    /// Volunteers: date of issue of the VOG, `YYYY-MM-DD`.
    #[serde(default)]
    pub vog_issued_on: Option<String>,
    /// Volunteers: date the training was completed.
    #[serde(default)]
    pub training_completed_on: Option<String>,
    /// nl or en
    #[serde(default)]
    pub lang: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct UserView {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: String,
    pub organisation_id: String,
    pub vog_issued_on: Option<String>,
    pub training_completed_on: Option<String>,
    pub active: bool,
}

impl From<&UserRow> for UserView {
    fn from(u: &UserRow) -> Self {
        UserView {
            id: u.id.clone(),
            email: u.email.clone(),
            name: u.name.clone(),
            role: u.role.clone(),
            organisation_id: u.org_id.clone(),
            vog_issued_on: u.vog_issued_on.clone(),
            training_completed_on: u.training_completed_on.clone(),
            active: u.active,
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ProgrammeView {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub built_in: bool,
    /// The whole definition (TOML fields as JSON).
    #[schema(value_type = Object)]
    pub definition: serde_json::Value,
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeInput {
    /// The definition in TOML (see the built-in ones for the fields).
    pub source: String,
}

/// Anonymised figures: counts only, never a name.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Statistics {
    pub cases_total: u64,
    pub by_status: BTreeMap<String, u64>,
    pub by_programme: BTreeMap<String, u64>,
    pub by_outcome: BTreeMap<String, u64>,
    /// Average days from registration to intake, over cases that started.
    pub average_waiting_days: Option<f64>,
}

impl App {
    pub async fn programmes_view(&self, actor: &Actor) -> Vec<ProgrammeView> {
        self.all_programmes()
            .iter()
            .map(|p| programme_view(p, actor))
            .collect()
    }

    /// Checks a definition without storing it.
    pub fn check_programme(&self, source: &str) -> Result<Programme> {
        Programme::parse("definitie", source).map_err(|e| {
            AppError::Invalid(
                e.problems
                    .iter()
                    .map(|p| {
                        crate::FieldError::new(p.field.clone(), p.reason.clone(), p.reason.clone())
                    })
                    .collect(),
            )
        })
    }

    /// Adds an organisation's own programme definition.
    pub async fn add_programme(
        &self,
        actor: &Actor,
        input: &ProgrammeInput,
    ) -> Result<ProgrammeView> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::ManageProgrammes) {
            return Err(AppError::Forbidden);
        }
        let programme = self.check_programme(&input.source)?;
        if self.programme(&programme.id).is_some() {
            return Err(AppError::invalid(
                "id",
                &format!("Er is al een traject met id '{}'.", programme.id),
                &format!("A programme with id '{}' already exists.", programme.id),
            ));
        }
        self.store
            .insert_programme(&ProgrammeRow {
                id: programme.id.clone(),
                org_id: Some(actor.org_id.0.clone()).filter(|_| !actor.system),
                source: input.source.clone(),
                created_at: self.now().as_millisecond(),
            })
            .await?;
        self.reload_programmes().await?;
        self.audit(Audit {
            actor: Some(actor),
            action: "add_programme",
            case: None,
            detail: programme.id.clone(),
            allowed: true,
        })
        .await?;
        Ok(programme_view(&programme, actor))
    }

    pub async fn add_organisation(
        &self,
        actor: &Actor,
        input: &OrganisationInput,
    ) -> Result<OrganisationView> {
        if !actor.system {
            return Err(AppError::Forbidden);
        }
        let mut c = Check::default();
        let name = c.line("name", &input.name);
        if !ORG_KINDS.contains(&input.kind.as_str()) {
            c.push(
                "kind",
                format!("Kies uit: {}.", ORG_KINDS.join(", ")),
                format!("Choose from: {}.", ORG_KINDS.join(", ")),
            );
        }
        c.finish()?;
        let row = OrganisationRow {
            id: crate::new_id(),
            name,
            kind: input.kind.clone(),
            created_at: self.now().as_millisecond(),
        };
        self.store.insert_organisation(&row).await?;
        Ok(OrganisationView {
            id: row.id,
            name: row.name,
            kind: row.kind,
        })
    }

    pub async fn organisations(&self) -> Result<Vec<OrganisationView>> {
        Ok(self
            .store
            .organisations()
            .await?
            .into_iter()
            .map(OrganisationView::from)
            .collect())
    }

    /// The organisations of one kind (`provider`, `partner`, …): what a form offers.
    pub async fn organisations_of_kind(&self, kind: &str) -> Result<Vec<OrganisationView>> {
        Ok(self
            .store
            .organisations_of_kind(kind)
            .await?
            .into_iter()
            .map(OrganisationView::from)
            .collect())
    }

    pub async fn add_user(&self, actor: &Actor, input: &UserInput) -> Result<UserView> {
        let org = OrgId(
            input
                .organisation_id
                .clone()
                .filter(|o| !o.trim().is_empty())
                .unwrap_or_else(|| actor.org_id.0.clone()),
        );
        if !policy::may_org(actor, &org, OrgAction::ManageUsers) {
            self.audit(Audit {
                actor: Some(actor),
                action: "add_user",
                case: None,
                detail: String::new(),
                allowed: false,
            })
            .await?;
            return Err(AppError::Forbidden);
        }
        let mut c = Check::default();
        let email = c.email("email", &Some(input.email.clone()));
        if email.is_none() {
            c.push(
                "email",
                "Vul een e-mailadres in.",
                "Enter an e-mail address.",
            );
        }
        let name = c.line("name", &input.name);
        let role = Role::parse(input.role.trim());
        if role.is_none() {
            let all: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
            c.push(
                "role",
                format!("Kies uit: {}.", all.join(", ")),
                format!("Choose from: {}.", all.join(", ")),
            );
        }
        let personal = crate::auth::personal_words(&input.name, &input.email);
        if let Some((nl, en)) = check_password_for(&input.password, &personal) {
            c.push("password", nl, en);
        }
        let vog = c.opt_date("vog_issued_on", &input.vog_issued_on);
        let training = c.opt_date("training_completed_on", &input.training_completed_on);
        let lang = input.lang.clone().unwrap_or_else(|| "nl".into());
        if lang != "nl" && lang != "en" {
            c.push("lang", "Kies nl of en.", "Choose nl or en.");
        }
        if !self.store.organisation_exists(&org).await? {
            c.push(
                "organisation_id",
                "Onbekende organisatie.",
                "Unknown organisation.",
            );
        }
        c.finish()?;
        let role = role.unwrap_or(Role::Coordinator);
        let row = UserRow {
            id: crate::new_id(),
            org_id: org.0.clone(),
            email: email.unwrap_or_default(),
            name,
            role: role.as_str().to_owned(),
            password_hash: hash_password(&input.password)?,
            is_volunteer: role == Role::Volunteer,
            vog_issued_on: vog.map(|d| d.to_string()),
            training_completed_on: training.map(|d| d.to_string()),
            active: true,
            lang,
            created_at: self.now().as_millisecond(),
        };
        self.store.insert_user(&row).await.map_err(|e| match e {
            omgang_store::StoreError::Duplicate(_) => AppError::invalid(
                "email",
                "Er is al een gebruiker met dit e-mailadres.",
                "A user with this e-mail address already exists.",
            ),
            other => other.into(),
        })?;
        self.audit(Audit {
            actor: Some(actor),
            action: "add_user",
            case: None,
            detail: row.id.clone(),
            allowed: true,
        })
        .await?;
        Ok(UserView::from(&row))
    }

    pub async fn users(&self, actor: &Actor) -> Result<Vec<UserView>> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::ReadUsers) {
            return Err(AppError::Forbidden);
        }
        let rows = self.org_users(actor, actor.org_id.as_str()).await?;
        Ok(rows.iter().map(UserView::from).collect())
    }

    /// Supervisors of the actor's organisation (for planning), for coordinators.
    pub async fn supervisors(&self, actor: &Actor) -> Result<Vec<UserView>> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::ListCases) {
            return Err(AppError::Forbidden);
        }
        let rows = self.org_users(actor, actor.org_id.as_str()).await?;
        Ok(rows
            .iter()
            .filter(|u| Role::parse(&u.role).is_some_and(Role::supervises) && u.active)
            .map(UserView::from)
            .collect())
    }

    pub async fn statistics(&self, actor: &Actor) -> Result<Statistics> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::ReadStatistics) {
            return Err(AppError::Forbidden);
        }
        // A funder counts the cases it pays for or referred (as on its figures page), a
        // provider its own. Every year of them: a wide read, at most a few at once.
        let _permit = self
            .wide_reads
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let cases = self
            .store
            .cases_for_figures_between(
                actor.org_id.as_str(),
                actor.role == Role::Funder,
                "0000-01-01",
                "9999-12-31",
            )
            .await?;
        let mut stats = Statistics {
            cases_total: cases.len() as u64,
            by_status: BTreeMap::new(),
            by_programme: BTreeMap::new(),
            by_outcome: BTreeMap::new(),
            average_waiting_days: None,
        };
        let mut waits = Vec::new();
        for case in &cases {
            *stats.by_status.entry(json_name(&case.status)).or_default() += 1;
            *stats
                .by_programme
                .entry(case.programme.clone())
                .or_default() += 1;
            if let Some(o) = &case.outcome {
                let v = crate::views::outcome_view(o, "", actor.lang);
                *stats.by_outcome.entry(v.kind.key().to_owned()).or_default() += 1;
            }
            if case.intake_started_on.is_some() {
                waits.push(crate::views::waiting_days(case, self.today()) as f64);
            }
        }
        if !waits.is_empty() {
            stats.average_waiting_days = Some(waits.iter().sum::<f64>() / waits.len() as f64);
        }
        self.audit(Audit {
            actor: Some(actor),
            action: "read_statistics",
            case: None,
            detail: String::new(),
            allowed: true,
        })
        .await?;
        Ok(stats)
    }
}

fn programme_view(p: &Programme, actor: &Actor) -> ProgrammeView {
    let built_in = omgang_domain::programme::BUILT_IN
        .iter()
        .any(|(_, src)| src.contains(&format!("id = \"{}\"", p.id)));
    ProgrammeView {
        id: p.id.clone(),
        name: p.name.get(actor.lang).to_owned(),
        summary: p.summary.get(actor.lang).to_owned(),
        built_in,
        definition: serde_json::to_value(p).unwrap_or_default(),
    }
}
