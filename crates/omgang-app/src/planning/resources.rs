//! The week's resources: the organisation's houses (rooms, opening hours, margins, travel
//! times) and its supervisors and coordinators, as the planner sees them.

use std::collections::HashMap;

use omgang_domain::case::add_months;
use omgang_domain::programme::RoomType;
use omgang_planner as planner;
use omgang_store::UserRow;

use super::minutes::{planner_room_type, shift, slots_to_minutes};
use super::windows::{default_opening_hours, hours_to_slots};
use super::{DEFAULT_PROFESSIONAL_MINUTES, DEFAULT_VOLUNTEER_MINUTES};
use crate::beheer::SlotInput;
use crate::policy::Role;
use crate::{App, Result};

/// The organisation's houses as the planner sees them, and what the requests need of them.
pub(super) struct Houses {
    pub(super) locations: Vec<planner::Location>,
    pub(super) ids: Vec<String>,
    /// The location of each room.
    pub(super) room_location: HashMap<String, String>,
    /// Each location's margin: the minutes before and after a staggered visit.
    pub(super) margin_of: HashMap<String, i64>,
}

/// The organisation's supervisors and coordinators as the planner sees them.
pub(super) struct Staff {
    pub(super) supervisors: Vec<planner::Supervisor>,
    /// The name of each supervisor (and of each coordinator's lead resource, once made).
    pub(super) names: HashMap<String, String>,
    /// The active coordinators' names by id.
    pub(super) coordinators: HashMap<String, String>,
}

impl App {
    /// The organisation's locations, their rooms and opening hours.
    pub(super) async fn week_houses(&self, org: &str) -> Result<Houses> {
        let locations = self.store.locations_of(org).await?;
        let hours = self.store.location_hours_of_org(org).await?;
        let travel = self.store.travel_of_org(org).await?;
        let mut houses = Houses {
            locations: Vec::new(),
            ids: locations.iter().map(|l| l.id.clone()).collect(),
            room_location: HashMap::new(),
            margin_of: HashMap::new(),
        };
        for l in &locations {
            let stored = hours_to_slots(&hours, &l.id);
            let slots = if stored.is_empty() {
                default_opening_hours()
            } else {
                stored
            };
            let mut days: Vec<Vec<[i64; 2]>> = vec![Vec::new(); 7];
            for [a, b] in slots_to_minutes(&slots) {
                let d = usize::try_from(a / 1440).unwrap_or(0).min(6);
                let base = i64::try_from(d).unwrap_or(0) * 1440;
                days[d].push([a - base, b - base]);
            }
            let rooms: Vec<planner::Room> = l
                .rooms
                .iter()
                .filter_map(|r| {
                    let t = RoomType::parse(&r.room_type)?;
                    houses.room_location.insert(r.id.clone(), l.id.clone());
                    Some(planner::Room {
                        id: r.id.clone(),
                        room_type: planner_room_type(t),
                    })
                })
                .collect();
            houses
                .margin_of
                .insert(l.id.clone(), l.margin_minutes.max(0));
            houses.locations.push(planner::Location {
                id: l.id.clone(),
                organisation: org.to_owned(),
                name: l.name.clone(),
                margin_minutes: l.margin_minutes.max(0),
                opening_hours: days,
                rooms,
                travel_minutes: travel
                    .iter()
                    .filter(|(from, _, _)| *from == l.id)
                    .map(|(_, to, m)| (to.clone(), *m))
                    .collect(),
            });
        }
        Ok(houses)
    }

    /// Supervisors (availability, weekly hours, VOG and training) and coordinators.
    pub(super) async fn week_staff(&self, org: &str, location_ids: &[String]) -> Result<Staff> {
        let users = self.store.users_of(org).await?;
        let availability = self.store.availability_of_org(org).await?;
        let weekly: HashMap<String, i64> = self
            .store
            .staff_hours_of_org(org)
            .await?
            .into_iter()
            .collect();
        let months = self.vog_months();
        let mut supervisors: Vec<planner::Supervisor> = Vec::new();
        let mut names: HashMap<String, String> = HashMap::new();
        for u in users
            .iter()
            .filter(|u| u.active && Role::parse(&u.role).is_some_and(Role::supervises))
        {
            let slots: Vec<SlotInput> = availability
                .iter()
                .filter(|a| a.user_id == u.id)
                .map(|a| SlotInput {
                    weekday: u8::try_from(a.weekday).unwrap_or(1),
                    starts: a.starts.clone(),
                    ends: a.ends.clone(),
                })
                .collect();
            let slots = if slots.is_empty() {
                default_opening_hours()
            } else {
                slots
            };
            names.insert(u.id.clone(), u.name.clone());
            let weekly = weekly.get(&u.id).copied();
            supervisors.push(supervisor(org, u, &slots, weekly, months, location_ids));
        }
        let coordinators: HashMap<String, String> = users
            .iter()
            .filter(|u| u.active && Role::parse(&u.role) == Some(Role::Coordinator))
            .map(|u| (u.id.clone(), u.name.clone()))
            .collect();
        Ok(Staff {
            supervisors,
            names,
            coordinators,
        })
    }
}

/// One supervisor as the planner sees them; `weekly`: their stored weekly minutes.
fn supervisor(
    org: &str,
    u: &UserRow,
    slots: &[SlotInput],
    weekly: Option<i64>,
    vog_months: u32,
    location_ids: &[String],
) -> planner::Supervisor {
    let facts = crate::cases::staff_facts(u);
    planner::Supervisor {
        id: u.id.clone(),
        organisation: org.to_owned(),
        name: u.name.clone(),
        kind: if facts.is_volunteer {
            planner::SupervisorKind::Volunteer
        } else {
            planner::SupervisorKind::Professional
        },
        vog_valid_until: facts
            .vog_issued_on
            .map(|d| shift(add_months(d, vog_months), -1).to_string()),
        trained: facts.training_completed_on.is_some(),
        availability: slots_to_minutes(slots),
        max_minutes_per_week: weekly.unwrap_or(if facts.is_volunteer {
            DEFAULT_VOLUNTEER_MINUTES
        } else {
            DEFAULT_PROFESSIONAL_MINUTES
        }),
        locations: location_ids.to_vec(),
    }
}
