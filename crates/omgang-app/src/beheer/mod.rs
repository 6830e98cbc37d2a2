//! Administration (*beheer*) beyond `admin.rs`: changing a user's role or deactivating them,
//! the facts about supervisors and volunteers (VOG, training, weekly availability), locations
//! and rooms, which programmes an organisation opens for the public registration form, a
//! user's language, the names of referrers (for the waiting list's filter), and the warnings
//! from stored facts when a session is planned (a room already booked, outside the
//! supervisor's availability, parents who would meet at a location without a margin).
//!
//! Every method asks [`policy::may_org`] first and leaves an audit line for a change.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Time;
use omgang_domain::signals;
use omgang_domain::text::Lang;
use omgang_store::{AvailabilityRow, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::admin::UserView;
use crate::cases::staff_facts;
use crate::input::Check;
use crate::policy::{self, Actor, OrgAction, Role};
use crate::{App, AppError, Audit, Result};

mod locations;
mod warnings;
pub use locations::{LocationInput, LocationView, RoomInput, RoomView};
pub use warnings::PlannedSlot;

/// Room types: a homely room, a large room (for ball games), an office (conversations).
pub const ROOM_TYPES: &[&str] = &["homely", "large", "office"];

/// A change of a user by an administrator.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserChangeInput {
    pub name: String,
    /// coordinator, supervisor, volunteer, case_director, referrer, partner_staff, parent, funder, administrator
    pub role: String,
    pub active: bool,
}

/// One weekly slot: weekday 1 (Monday) to 7 (Sunday), `HH:MM` to `HH:MM`.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
pub struct SlotInput {
    pub weekday: u8,
    pub starts: String,
    pub ends: String,
}

/// The facts about a supervisor or volunteer.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffFactsInput {
    #[serde(default)]
    pub vog_issued_on: Option<String>,
    #[serde(default)]
    pub training_completed_on: Option<String>,
    /// Weekly availability; field errors name `availability[N].starts` by weekday N (1–7).
    #[serde(default)]
    pub availability: Vec<SlotInput>,
    /// Minutes a week the weekly planner may fill (1 to 10080); left out: the default
    /// (1800 for a professional, 600 for a volunteer).
    #[serde(default)]
    pub weekly_minutes: Option<u32>,
}

/// A supervisor or volunteer as administration sees them.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct StaffView {
    pub user: UserView,
    pub volunteer: bool,
    /// The VOG is valid until (under the strictest programme that requires one).
    pub vog_valid_until: Option<String>,
    /// What needs attention (no VOG, VOG or training running out).
    pub warnings: Vec<String>,
    pub availability: Vec<SlotInput>,
    /// Minutes a week the weekly planner may fill.
    pub weekly_minutes: i64,
    /// No minutes stored: `weekly_minutes` is the default.
    pub weekly_minutes_default: bool,
}

/// A programme and whether an organisation opens it for the public registration form.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PublicProgrammeSetting {
    pub programme_id: String,
    pub open: bool,
}

fn audit_line<'a>(actor: &'a Actor, action: &'a str, detail: String, allowed: bool) -> Audit<'a> {
    Audit {
        actor: Some(actor),
        action,
        case: None,
        detail,
        allowed,
    }
}

fn time_of(c: &mut Check, field: &str, value: &str) -> Option<Time> {
    match value.trim().parse::<Time>() {
        Ok(t) => Some(t),
        Err(_) => {
            c.push(
                field,
                format!(
                    "'{}' is geen tijd; gebruik UU:MM, bijvoorbeeld 09:30.",
                    value.trim()
                ),
                format!(
                    "'{}' is not a time; use HH:MM, for example 09:30.",
                    value.trim()
                ),
            );
            None
        }
    }
}

fn hhmm(t: Time) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

impl App {
    async fn refuse(&self, actor: &Actor, action: &str) -> AppError {
        if let Err(e) = self
            .audit(audit_line(actor, action, String::new(), false))
            .await
        {
            return e;
        }
        AppError::Forbidden
    }

    /// A user of the actor's own organisation (not found otherwise: nothing is revealed).
    async fn own_user(&self, actor: &Actor, user_id: &str) -> Result<omgang_store::UserRow> {
        match self.store.user(user_id).await {
            Ok(u) if u.org_id == actor.org_id.0 || actor.system => Ok(u),
            Ok(_) | Err(StoreError::NotFound) => Err(AppError::NotFound),
            Err(e) => Err(e.into()),
        }
    }

    /// Changes a user's name and role, or deactivates them (which ends their sessions).
    pub async fn change_user(
        &self,
        actor: &Actor,
        user_id: &str,
        input: &UserChangeInput,
    ) -> Result<UserView> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::ManageUsers) {
            return Err(self.refuse(actor, "change_user").await);
        }
        let mut user = self.own_user(actor, user_id).await?;
        let mut c = Check::default();
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
        if user.id == actor.user_id.0 && (!input.active || role != Role::parse(&user.role)) {
            c.push(
                "role",
                "U kunt uw eigen rol niet wijzigen en uzelf niet uitschakelen; vraag een andere beheerder.",
                "You cannot change your own role or deactivate yourself; ask another administrator.",
            );
        }
        c.finish()?;
        let role = role.unwrap_or(Role::Coordinator);
        let was_active = user.active;
        user.name = name;
        user.role = role.as_str().to_owned();
        user.is_volunteer = role == Role::Volunteer;
        user.active = input.active;
        self.store.update_user(&user).await?;
        if was_active && !user.active {
            self.store.delete_user_sessions(&user.id).await?;
        }
        self.audit(audit_line(
            actor,
            "change_user",
            format!("{} role {} active {}", user.id, user.role, user.active),
            true,
        ))
        .await?;
        Ok(UserView::from(&user))
    }

    pub(crate) fn vog_months(&self) -> u32 {
        self.all_programmes()
            .iter()
            .filter(|p| p.supervision.volunteer_requires_vog)
            .map(|p| p.supervision.vog_valid_months)
            .min()
            .unwrap_or(36)
    }

    /// Supervisors and volunteers of the actor's organisation, with VOG, training and
    /// availability.
    pub async fn staff(&self, actor: &Actor) -> Result<Vec<StaffView>> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::ReadUsers) {
            return Err(self.refuse(actor, "read_staff").await);
        }
        let users = self.org_users(actor, actor.org_id.as_str()).await?;
        let mut slots: HashMap<String, Vec<SlotInput>> = HashMap::new();
        for a in self
            .store
            .availability_of_org(actor.org_id.as_str())
            .await?
        {
            slots.entry(a.user_id.clone()).or_default().push(SlotInput {
                weekday: u8::try_from(a.weekday).unwrap_or(1),
                starts: a.starts,
                ends: a.ends,
            });
        }
        let months = self.vog_months();
        let today = self.today();
        let hours: HashMap<String, i64> = self
            .store
            .staff_hours_of_org(actor.org_id.as_str())
            .await?
            .into_iter()
            .collect();
        Ok(users
            .iter()
            .filter(|u| Role::parse(&u.role).is_some_and(Role::supervises))
            .map(|u| {
                let facts = staff_facts(u);
                let warnings = if u.active {
                    signals::staff_signals(&facts, months, 30, today)
                        .into_iter()
                        .map(|s| s.text.get(actor.lang).to_owned())
                        .collect()
                } else {
                    Vec::new()
                };
                StaffView {
                    user: UserView::from(u),
                    volunteer: facts.is_volunteer,
                    vog_valid_until: facts
                        .vog_issued_on
                        .map(|d| omgang_domain::case::add_months(d, months).to_string()),
                    warnings,
                    availability: slots.remove(&u.id).unwrap_or_default(),
                    weekly_minutes: hours.get(&u.id).copied().unwrap_or(if facts.is_volunteer {
                        crate::planning::DEFAULT_VOLUNTEER_MINUTES
                    } else {
                        crate::planning::DEFAULT_PROFESSIONAL_MINUTES
                    }),
                    weekly_minutes_default: !hours.contains_key(&u.id),
                }
            })
            .collect())
    }

    /// Records a supervisor's or volunteer's VOG and training dates and weekly availability.
    pub async fn set_staff_facts(
        &self,
        actor: &Actor,
        user_id: &str,
        input: &StaffFactsInput,
    ) -> Result<StaffView> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::ManageStaff) {
            return Err(self.refuse(actor, "set_staff_facts").await);
        }
        let mut user = self.own_user(actor, user_id).await?;
        if !Role::parse(&user.role).is_some_and(Role::supervises) {
            return Err(AppError::NotFound);
        }
        let mut c = Check::default();
        let vog = c.opt_date("vog_issued_on", &input.vog_issued_on);
        let training = c.opt_date("training_completed_on", &input.training_completed_on);
        let today = self.today();
        for (field, date) in [("vog_issued_on", vog), ("training_completed_on", training)] {
            if date.is_some_and(|d| d > today) {
                c.push(
                    field,
                    "Deze datum ligt in de toekomst.",
                    "This date is in the future.",
                );
            }
        }
        let mut rows = Vec::new();
        let mut seen = Vec::new();
        for slot in &input.availability {
            let n = slot.weekday;
            let field = |f: &str| format!("availability[{n}].{f}");
            if !(1..=7).contains(&n) || seen.contains(&n) {
                c.push(
                    &field("starts"),
                    "Eén tijdvak per dag, maandag (1) tot en met zondag (7).",
                    "One slot a day, Monday (1) to Sunday (7).",
                );
                continue;
            }
            seen.push(n);
            let starts = time_of(&mut c, &field("starts"), &slot.starts);
            let ends = time_of(&mut c, &field("ends"), &slot.ends);
            if let (Some(s), Some(e)) = (starts, ends) {
                if e <= s {
                    c.push(
                        &field("ends"),
                        "De eindtijd ligt na de begintijd.",
                        "The end time comes after the start time.",
                    );
                } else {
                    rows.push(AvailabilityRow {
                        id: crate::new_id(),
                        user_id: user.id.clone(),
                        weekday: i64::from(n),
                        starts: hhmm(s),
                        ends: hhmm(e),
                    });
                }
            }
        }
        if input
            .weekly_minutes
            .is_some_and(|m| !(1..=10080).contains(&m))
        {
            c.push(
                "weekly_minutes",
                "Geef de minuten per week (1 tot 10080), bijvoorbeeld 960 voor 16 uur.",
                "Give the minutes a week (1 to 10080), for example 960 for 16 hours.",
            );
        }
        c.finish()?;
        user.vog_issued_on = vog.map(|d| d.to_string());
        user.training_completed_on = training.map(|d| d.to_string());
        self.store.update_user(&user).await?;
        self.store.replace_availability(&user.id, &rows).await?;
        self.store
            .set_staff_hours(&user.id, input.weekly_minutes.map(i64::from))
            .await?;
        self.audit(audit_line(actor, "set_staff_facts", user.id.clone(), true))
            .await?;
        self.staff(actor)
            .await?
            .into_iter()
            .find(|s| s.user.id == user.id)
            .ok_or(AppError::NotFound)
    }

    /// Every programme the organisation may run, and whether it is open for the public form.
    pub async fn public_programme_settings(
        &self,
        actor: &Actor,
    ) -> Result<Vec<PublicProgrammeSetting>> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::ManageProgrammes) {
            return Err(self.refuse(actor, "read_public_programmes").await);
        }
        let open: Vec<String> = self
            .store
            .public_programmes()
            .await?
            .into_iter()
            .filter(|(org, _)| org == actor.org_id.as_str())
            .map(|(_, p)| p)
            .collect();
        let owners = self.programme_owners().await?;
        Ok(self
            .all_programmes()
            .iter()
            .filter(|p| {
                owners
                    .get(&p.id)
                    .is_none_or(|o| o.as_deref().is_none_or(|o| o == actor.org_id.as_str()))
            })
            .map(|p| PublicProgrammeSetting {
                programme_id: p.id.clone(),
                open: open.contains(&p.id),
            })
            .collect())
    }

    /// Programme id → the organisation that added it (None: built in, for every provider).
    pub(crate) async fn programme_owners(&self) -> Result<HashMap<String, Option<String>>> {
        Ok(self
            .store
            .programmes()
            .await?
            .into_iter()
            .map(|r| (r.id, r.org_id))
            .collect())
    }

    /// Opens or closes a programme of the actor's organisation for the public form.
    pub async fn set_public_programme(
        &self,
        actor: &Actor,
        programme_id: &str,
        open: bool,
    ) -> Result<()> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::ManageProgrammes) {
            return Err(self.refuse(actor, "set_public_programme").await);
        }
        let owners = self.programme_owners().await?;
        let mine = owners
            .get(programme_id)
            .is_some_and(|o| o.as_deref().is_none_or(|o| o == actor.org_id.as_str()));
        if !mine || self.programme(programme_id).is_none() {
            return Err(AppError::NotFound);
        }
        self.store
            .set_public_programme(actor.org_id.as_str(), programme_id, open)
            .await?;
        self.audit(audit_line(
            actor,
            "set_public_programme",
            format!("{programme_id} open {open}"),
            true,
        ))
        .await
    }

    /// Remembers the language a user chose (nl or en).
    pub async fn set_language(&self, actor: &Actor, lang: Lang) -> Result<()> {
        if actor.system {
            return Ok(());
        }
        let code = match lang {
            Lang::Nl => "nl",
            Lang::En => "en",
        };
        self.store
            .set_user_lang(actor.user_id.as_str(), code)
            .await?;
        Ok(())
    }

    /// The names of referrers (user ids) of cases the actor may list, for a filter.
    pub async fn referrer_names(
        &self,
        actor: &Actor,
        ids: &[String],
    ) -> Result<BTreeMap<String, String>> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::ListCases) {
            return Ok(BTreeMap::new());
        }
        let mut out = BTreeMap::new();
        for id in ids {
            if out.contains_key(id) {
                continue;
            }
            match self.store.user(id).await {
                Ok(u) => {
                    let org = self
                        .store
                        .organisation(&u.org_id)
                        .await
                        .map(|o| o.name)
                        .unwrap_or_default();
                    out.insert(id.clone(), format!("{} ({org})", u.name));
                }
                Err(StoreError::NotFound) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(out)
    }
}
