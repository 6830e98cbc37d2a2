//! Locations and rooms: the houses of an organisation, their rooms, opening margins and travel
//! times between them.

use std::collections::{BTreeMap, HashMap};

use omgang_store::{LocationRow, RoomRow, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ROOM_TYPES, SlotInput, audit_line};
use crate::input::Check;
use crate::policy::{self, Actor, OrgAction};
use crate::{App, AppError, Result};

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

impl App {
    /// The rooms of the actor's organisation by location, for the planning form: what
    /// [`App::locations`] says of them without the opening hours, entrances and travel times.
    pub async fn rooms_by_location(&self, actor: &Actor) -> Result<Vec<LocationRow>> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::ManageLocations)
            && !policy::may_org(actor, &actor.org_id, OrgAction::ListCases)
        {
            return Err(self.refuse(actor, "read_locations").await);
        }
        self.org_locations(actor, actor.org_id.as_str()).await
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
    pub(super) async fn check_travel(
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

    pub(super) fn check_location(input: &LocationInput) -> Result<(String, String, String)> {
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

    pub(super) async fn location(&self, actor: &Actor, id: &str) -> Result<LocationView> {
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
}
