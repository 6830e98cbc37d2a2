//! Administration (*beheer*) beyond `admin.rs`: changing a user's role or deactivating them,
//! the facts about supervisors and volunteers (VOG, training, weekly availability), locations
//! and rooms, which programmes an organisation opens for the public registration form, a
//! user's language, the names of referrers (for the waiting list's filter), and the warnings
//! from stored facts when a session is planned (a room already booked, outside the
//! supervisor's availability, parents who would meet at a location without a margin).
//!
//! Every method asks [`policy::may_org`] first and leaves an audit line for a change.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::{DateTime, Time};
use omgang_domain::case::add_days;
use omgang_domain::ids::CaseId;
use omgang_domain::signals;
use omgang_domain::text::{Lang, Text};
use omgang_domain::warning::{Warning, WarningCode};
use omgang_store::{AgendaFilter, AvailabilityRow, LocationRow, RoomRow, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::admin::UserView;
use crate::cases::staff_facts;
use crate::input::Check;
use crate::policy::{self, Actor, OrgAction, Role};
use crate::{App, AppError, Audit, Result};

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

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LocationInput {
    pub name: String,
    pub address: String,
    /// Minutes between the resident parent's drop-off and the visiting parent's arrival.
    pub margin_minutes: i64,
    /// One entrance a line (e.g. "Voordeur", "Tuindeur (achterom)").
    #[serde(default)]
    pub entrances: String,
    /// Minutes to travel from this location to another of the organisation's (by its id; 0
    /// to 600), for the weekly planner: a supervisor is not planned at two locations closer
    /// in time than this. Replaced when given; a location without an entry: 30 minutes.
    #[serde(default)]
    pub travel_minutes: Option<BTreeMap<String, i64>>,
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoomInput {
    pub name: String,
    /// homely, large, office
    pub room_type: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RoomView {
    pub id: String,
    pub name: String,
    pub room_type: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct LocationView {
    pub id: String,
    pub name: String,
    pub address: String,
    pub margin_minutes: i64,
    pub entrances: Vec<String>,
    pub rooms: Vec<RoomView>,
    /// When it is open (weekday 1–7), for the weekly planner.
    pub opening_hours: Vec<SlotInput>,
    /// No hours stored: `opening_hours` are the default ones.
    pub opening_hours_default: bool,
    /// Minutes to travel from here to the organisation's other locations (by id; those
    /// left out: 30).
    pub travel_minutes: BTreeMap<String, i64>,
}

/// A programme and whether an organisation opens it for the public registration form.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PublicProgrammeSetting {
    pub programme_id: String,
    pub open: bool,
}

/// A session about to be planned, to warn about before it is.
#[derive(Clone, Debug, Default)]
pub struct PlannedSlot {
    pub kind: String,
    pub starts_at: String,
    pub minutes: u32,
    pub supervisor_id: Option<String>,
    pub room_id: Option<String>,
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
        let users = self.store.users_of(actor.org_id.as_str()).await?;
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

    // ---- locations and rooms -------------------------------------------------------------

    /// The rooms of the actor's organisation by location, for the planning form: what
    /// [`App::locations`] says of them without the opening hours, entrances and travel times.
    pub async fn rooms_by_location(&self, actor: &Actor) -> Result<Vec<LocationRow>> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::ManageLocations)
            && !policy::may_org(actor, &actor.org_id, OrgAction::ListCases)
        {
            return Err(self.refuse(actor, "read_locations").await);
        }
        Ok(self.store.locations_of(actor.org_id.as_str()).await?)
    }

    /// The locations of the actor's organisation with their rooms and entrances (for
    /// administrators and for coordinators, who plan in them).
    pub async fn locations(&self, actor: &Actor) -> Result<Vec<LocationView>> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::ManageLocations)
            && !policy::may_org(actor, &actor.org_id, OrgAction::ListCases)
        {
            return Err(self.refuse(actor, "read_locations").await);
        }
        let entrances: HashMap<String, String> = self
            .store
            .location_entrances(actor.org_id.as_str())
            .await?
            .into_iter()
            .collect();
        let hours = self
            .store
            .location_hours_of_org(actor.org_id.as_str())
            .await?;
        let travel = self.store.travel_of_org(actor.org_id.as_str()).await?;
        Ok(self
            .store
            .locations_of(actor.org_id.as_str())
            .await?
            .into_iter()
            .map(|l| LocationView {
                opening_hours_default: !hours.iter().any(|h| h.owner_id == l.id),
                opening_hours: {
                    let own: Vec<SlotInput> = hours
                        .iter()
                        .filter(|h| h.owner_id == l.id)
                        .map(|h| SlotInput {
                            weekday: u8::try_from(h.weekday).unwrap_or(1),
                            starts: h.starts.clone(),
                            ends: h.ends.clone(),
                        })
                        .collect();
                    if own.is_empty() {
                        crate::planning::default_opening_hours()
                    } else {
                        own
                    }
                },
                entrances: entrances
                    .get(&l.id)
                    .map(|e| {
                        e.lines()
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default(),
                travel_minutes: travel
                    .iter()
                    .filter(|(from, _, _)| *from == l.id)
                    .map(|(_, to, m)| (to.clone(), *m))
                    .collect(),
                id: l.id,
                name: l.name,
                address: l.address,
                margin_minutes: l.margin_minutes,
                rooms: l
                    .rooms
                    .into_iter()
                    .map(|r| RoomView {
                        id: r.id,
                        name: r.name,
                        room_type: r.room_type,
                    })
                    .collect(),
            })
            .collect())
    }

    /// Travel times from `from` to other locations of the organisation, checked: each to
    /// another of the actor's organisation's locations, 0 to 600 minutes.
    async fn check_travel(
        &self,
        actor: &Actor,
        from: &str,
        travel: &BTreeMap<String, i64>,
    ) -> Result<Vec<(String, i64)>> {
        let ours: Vec<String> = self
            .store
            .locations_of(actor.org_id.as_str())
            .await?
            .into_iter()
            .map(|l| l.id)
            .collect();
        let mut c = Check::default();
        let mut out = Vec::new();
        for (to, minutes) in travel {
            let field = format!("travel_minutes.{to}");
            if to == from || !ours.contains(to) {
                c.push(
                    &field,
                    "Kies een andere locatie van uw organisatie.",
                    "Choose another location of your organisation.",
                );
            } else if !(0..=600).contains(minutes) {
                c.push(
                    &field,
                    "Geef de reistijd in minuten (0 tot 600).",
                    "Give the travel time in minutes (0 to 600).",
                );
            } else {
                out.push((to.clone(), *minutes));
            }
        }
        c.finish()?;
        Ok(out)
    }

    fn check_location(input: &LocationInput) -> Result<(String, String, String)> {
        let mut c = Check::default();
        let name = c.line("name", &input.name);
        let address = c.line("address", &input.address);
        if !(0..=120).contains(&input.margin_minutes) {
            c.push(
                "margin_minutes",
                "Geef de tussentijd in minuten (0 tot 120).",
                "Give the margin in minutes (0 to 120).",
            );
        }
        let entrances: Vec<&str> = input
            .entrances
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if entrances.iter().any(|e| e.chars().count() > 200) {
            c.push(
                "entrances",
                "Eén ingang per regel, hoogstens 200 tekens.",
                "One entrance a line, at most 200 characters.",
            );
        }
        c.finish()?;
        Ok((name, address, entrances.join("\n")))
    }

    pub async fn add_location(&self, actor: &Actor, input: &LocationInput) -> Result<LocationView> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::ManageLocations) {
            return Err(self.refuse(actor, "add_location").await);
        }
        let (name, address, entrances) = Self::check_location(input)?;
        let id = crate::new_id();
        let travel = match &input.travel_minutes {
            Some(t) => Some(self.check_travel(actor, &id, t).await?),
            None => None,
        };
        self.store
            .insert_location(&LocationRow {
                id: id.clone(),
                org_id: actor.org_id.0.clone(),
                name: name.clone(),
                address: address.clone(),
                margin_minutes: input.margin_minutes,
                rooms: Vec::new(),
            })
            .await?;
        self.store
            .update_location(
                actor.org_id.as_str(),
                &id,
                &name,
                &address,
                input.margin_minutes,
                &entrances,
            )
            .await?;
        if let Some(travel) = travel {
            self.store
                .replace_travel_from(actor.org_id.as_str(), &id, &travel)
                .await?;
        }
        self.audit(audit_line(actor, "add_location", id.clone(), true))
            .await?;
        self.location(actor, &id).await
    }

    async fn location(&self, actor: &Actor, id: &str) -> Result<LocationView> {
        self.locations(actor)
            .await?
            .into_iter()
            .find(|l| l.id == id)
            .ok_or(AppError::NotFound)
    }

    pub async fn update_location(
        &self,
        actor: &Actor,
        id: &str,
        input: &LocationInput,
    ) -> Result<LocationView> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::ManageLocations) {
            return Err(self.refuse(actor, "update_location").await);
        }
        let (name, address, entrances) = Self::check_location(input)?;
        // Checked before anything is written: a refused travel time changes nothing.
        let travel = match &input.travel_minutes {
            Some(t) => Some(self.check_travel(actor, id, t).await?),
            None => None,
        };
        match self
            .store
            .update_location(
                actor.org_id.as_str(),
                id,
                &name,
                &address,
                input.margin_minutes,
                &entrances,
            )
            .await
        {
            Ok(()) => {}
            Err(StoreError::NotFound) => return Err(AppError::NotFound),
            Err(e) => return Err(e.into()),
        }
        if let Some(travel) = travel {
            self.store
                .replace_travel_from(actor.org_id.as_str(), id, &travel)
                .await?;
        }
        self.audit(audit_line(actor, "update_location", id.to_owned(), true))
            .await?;
        self.location(actor, id).await
    }

    pub async fn add_room(
        &self,
        actor: &Actor,
        location_id: &str,
        input: &RoomInput,
    ) -> Result<LocationView> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::ManageLocations) {
            return Err(self.refuse(actor, "add_room").await);
        }
        let mut c = Check::default();
        let name = c.line("name", &input.name);
        if !ROOM_TYPES.contains(&input.room_type.trim()) {
            c.push(
                "room_type",
                "Kies huiselijke kamer, grote ruimte of spreekkamer.",
                "Choose homely room, large room or office.",
            );
        }
        c.finish()?;
        let room = RoomRow {
            id: crate::new_id(),
            name,
            room_type: input.room_type.trim().to_owned(),
        };
        match self
            .store
            .insert_room(actor.org_id.as_str(), location_id, &room)
            .await
        {
            Ok(()) => {}
            Err(StoreError::NotFound) => return Err(AppError::NotFound),
            Err(e) => return Err(e.into()),
        }
        self.audit(audit_line(actor, "add_room", room.id.clone(), true))
            .await?;
        self.location(actor, location_id).await
    }

    // ---- public registration settings ---------------------------------------------------

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

    // ---- language, names ------------------------------------------------------------------

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

    // ---- warnings when planning ------------------------------------------------------------

    /// Every warning before a session is planned in a case of the actor's organisation, in
    /// the actor's language: the programme's own (past the maximum duration, beyond "about
    /// N", off the week rhythm) and those from stored facts ([`App::shell_planning_warnings`]).
    /// Planning asks to confirm exactly these.
    pub async fn planning_warnings(
        &self,
        actor: &Actor,
        case_id: &str,
        slot: &PlannedSlot,
    ) -> Result<Vec<String>> {
        let lang = actor.lang;
        Ok(self
            .planning_warning_list(actor, case_id, slot)
            .await?
            .iter()
            .map(|w| w.text.get(lang).to_owned())
            .collect())
    }

    /// As [`App::planning_warnings`], with codes.
    pub async fn planning_warning_list(
        &self,
        actor: &Actor,
        case_id: &str,
        slot: &PlannedSlot,
    ) -> Result<Vec<Warning>> {
        let mut out = Vec::new();
        if let Ok((case, _)) = self.store.case(&CaseId(case_id.to_owned())).await
            && (case.organisation == actor.org_id || actor.system)
            && policy::may_org(actor, &actor.org_id, OrgAction::ListCases)
            && let Some(programme) = self.programme(&case.programme)
            && let Ok(kind) = serde_json::from_value::<omgang_domain::programme::SessionKind>(
                serde_json::Value::String(slot.kind.clone()),
            )
            && let Ok(start) = slot.starts_at.trim().parse::<DateTime>()
        {
            out.extend(omgang_domain::warning::plan_warnings(
                &case, &programme, kind, start,
            ));
        }
        out.extend(self.shell_planning_warnings(actor, case_id, slot).await?);
        Ok(out)
    }

    /// What to warn about before a session is planned in a case of the actor's organisation,
    /// from stored facts: the room already booked then, a time outside the supervisor's
    /// availability, parents who must not meet at a location without a margin. Warnings, not
    /// refusals: the domain still decides (and refuses a double-booked supervisor, or a
    /// session longer than the programme allows, before any warning is asked about).
    pub async fn shell_planning_warnings(
        &self,
        actor: &Actor,
        case_id: &str,
        slot: &PlannedSlot,
    ) -> Result<Vec<Warning>> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::ListCases) {
            return Ok(Vec::new());
        }
        // Only for a case of the actor's own organisation; planning itself decides the rest.
        let case = match self.store.case(&CaseId(case_id.to_owned())).await {
            Ok((case, _)) if case.organisation == actor.org_id || actor.system => case,
            Ok(_) | Err(StoreError::NotFound) => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        let say = |code: WarningCode, nl: String, en: String| {
            Warning::new(code, Text::new(nl, en), false)
        };
        let mut out = Vec::new();
        let Ok(start) = slot.starts_at.trim().parse::<DateTime>() else {
            return Ok(out);
        };
        let Ok(end) = start.checked_add(jiff::SignedDuration::from_mins(i64::from(slot.minutes)))
        else {
            return Ok(out);
        };
        // Parents who must not meet arrive and leave at staggered times: with no margin at the
        // location, the resident parent's drop-off is the visiting parent's arrival.
        let must_not_meet = case
            .current_plan()
            .is_some_and(|p| p.content.parents_must_not_meet);
        let is_visit = serde_json::from_value::<omgang_domain::programme::SessionKind>(
            serde_json::Value::String(slot.kind.clone()),
        )
        .is_ok_and(|k| k.is_visit());
        if must_not_meet
            && is_visit
            && let Some(room) = slot.room_id.as_deref().filter(|r| !r.is_empty())
        {
            let locations = self.store.locations_of(case.organisation.as_str()).await?;
            if let Some(location) = locations
                .iter()
                .find(|l| l.rooms.iter().any(|r| r.id == room))
                && location.margin_minutes <= 0
            {
                out.push(say(
                    WarningCode::ParentsWouldMeet,
                    format!(
                        "De ouders mogen elkaar niet tegenkomen, maar {} heeft geen tussentijd tussen brengen en komen: ze zouden elkaar bij aankomst en vertrek zien.",
                        location.name
                    ),
                    format!(
                        "The parents must not meet, but {} has no margin between drop-off and arrival: they would see each other arriving and leaving.",
                        location.name
                    ),
                ));
            }
        }
        // The child is at school then (the school hours the family or coordinator gave).
        if is_visit {
            let weekday = i64::from(start.date().weekday().to_monday_one_offset());
            let minutes_of = |t: &str| {
                t.parse::<jiff::civil::Time>()
                    .ok()
                    .map(|t| i64::from(t.hour()) * 60 + i64::from(t.minute()))
            };
            let (from, to) = (
                i64::from(start.hour()) * 60 + i64::from(start.minute()),
                i64::from(start.hour()) * 60 + i64::from(start.minute()) + i64::from(slot.minutes),
            );
            let school = self.store.school_hours(case.id.as_str()).await?;
            if let Some(hours) = school.iter().find(|h| {
                h.weekday == weekday
                    && minutes_of(&h.starts).is_some_and(|s| s < to)
                    && minutes_of(&h.ends).is_some_and(|e| e > from)
            }) {
                out.push(say(
                    WarningCode::DuringSchoolHours,
                    format!(
                        "Het kind is dan op school ({} tot {}).",
                        hours.starts, hours.ends
                    ),
                    format!(
                        "The child is at school then ({} to {}).",
                        hours.starts, hours.ends
                    ),
                ));
            }
        }
        // The day of the slot, from the same agenda query the agenda pages use.
        let from = format!("{}T00:00:00", start.date());
        let to = format!("{}T00:00:00", add_days(start.date(), 1));
        let overlaps = |a: &omgang_store::AgendaRow| {
            a.state == "planned"
                && a.starts_at.parse::<DateTime>().is_ok_and(|s| s < end)
                && a.ends_at.parse::<DateTime>().is_ok_and(|e| e > start)
        };
        if let Some(room) = slot.room_id.as_deref().filter(|r| !r.is_empty()) {
            let taken = self
                .store
                .agenda(
                    &AgendaFilter {
                        room_id: Some(room.to_owned()),
                        ..AgendaFilter::default()
                    },
                    &from,
                    &to,
                )
                .await?;
            if let Some(a) = taken.iter().find(|a| overlaps(a)) {
                out.push(say(
                    WarningCode::RoomBooked,
                    format!(
                        "De ruimte is dan al bezet ({} tot {}).",
                        short_time(&a.starts_at),
                        short_time(&a.ends_at)
                    ),
                    format!(
                        "The room is already booked then ({} to {}).",
                        short_time(&a.starts_at),
                        short_time(&a.ends_at)
                    ),
                ));
            }
        }
        if let Some(sup) = slot.supervisor_id.as_deref().filter(|s| !s.is_empty()) {
            let user = match self.store.user(sup).await {
                Ok(u) if u.org_id == actor.org_id.0 => Some(u),
                Ok(_) | Err(StoreError::NotFound) => None,
                Err(e) => return Err(e.into()),
            };
            if let Some(user) = user {
                // A supervisor booked then is refused by the rules (one rule per check).
                let slots: Vec<AvailabilityRow> = self
                    .store
                    .availability_of_org(actor.org_id.as_str())
                    .await?
                    .into_iter()
                    .filter(|a| a.user_id == user.id)
                    .collect();
                let weekday = i64::from(start.date().weekday().to_monday_one_offset());
                let fits = slots.iter().any(|a| {
                    a.weekday == weekday
                        && a.starts.parse::<Time>().is_ok_and(|s| s <= start.time())
                        && a.ends
                            .parse::<Time>()
                            .is_ok_and(|e| end.date() == start.date() && e >= end.time())
                });
                if !slots.is_empty() && !fits {
                    out.push(say(
                        WarningCode::OutsideAvailability,
                        format!("Dit valt buiten de beschikbaarheid van {}.", user.name),
                        format!("This is outside {}'s availability.", user.name),
                    ));
                }
            }
        }
        Ok(out)
    }
}

fn short_time(at: &str) -> String {
    at.parse::<DateTime>()
        .map(|d| hhmm(d.time()))
        .unwrap_or_else(|_| at.to_owned())
}
