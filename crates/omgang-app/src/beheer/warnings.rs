//! The warnings from stored facts before a session is planned: a room already booked, outside
//! the supervisor's availability, during school hours, parents who would meet.

use jiff::civil::{DateTime, Time};
use omgang_domain::case::{Case, add_days};
use omgang_domain::ids::CaseId;
use omgang_domain::text::Text;
use omgang_domain::warning::{Warning, WarningCode};
use omgang_store::{AgendaFilter, AvailabilityRow, StoreError};

use super::hhmm;
use crate::policy::{self, Actor, OrgAction};
use crate::{App, Result};

/// A session about to be planned, to warn about before it is.
#[derive(Clone, Debug, Default)]
pub struct PlannedSlot {
    pub kind: String,
    pub starts_at: String,
    pub minutes: u32,
    pub supervisor_id: Option<String>,
    pub room_id: Option<String>,
}

/// A warning from stored facts: no reason needed to confirm it.
pub(super) fn warning(code: WarningCode, nl: String, en: String) -> Warning {
    Warning::new(code, Text::new(nl, en), false)
}

pub(super) fn short_time(at: &str) -> String {
    at.parse::<DateTime>()
        .map(|d| hhmm(d.time()))
        .unwrap_or_else(|_| at.to_owned())
}

impl App {
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
        let Ok(start) = slot.starts_at.trim().parse::<DateTime>() else {
            return Ok(Vec::new());
        };
        let Ok(end) = start.checked_add(jiff::SignedDuration::from_mins(i64::from(slot.minutes)))
        else {
            return Ok(Vec::new());
        };
        let is_visit = serde_json::from_value::<omgang_domain::programme::SessionKind>(
            serde_json::Value::String(slot.kind.clone()),
        )
        .is_ok_and(|k| k.is_visit());
        let mut out = Vec::new();
        if is_visit {
            out.extend(self.parents_would_meet(&case, slot).await?);
            out.extend(self.during_school_hours(&case, slot, start).await?);
        }
        out.extend(self.room_booked(slot, start, end).await?);
        out.extend(self.outside_availability(actor, slot, start, end).await?);
        Ok(out)
    }

    /// Parents who must not meet arrive and leave at staggered times: with no margin at the
    /// location, the resident parent's drop-off is the visiting parent's arrival.
    pub(super) async fn parents_would_meet(
        &self,
        case: &Case,
        slot: &PlannedSlot,
    ) -> Result<Option<Warning>> {
        let must_not_meet = case
            .current_plan()
            .is_some_and(|p| p.content.parents_must_not_meet);
        let Some(room) = slot.room_id.as_deref().filter(|r| !r.is_empty()) else {
            return Ok(None);
        };
        if !must_not_meet {
            return Ok(None);
        }
        let locations = self.store.locations_of(case.organisation.as_str()).await?;
        Ok(locations
            .iter()
            .find(|l| l.rooms.iter().any(|r| r.id == room))
            .filter(|location| location.margin_minutes <= 0)
            .map(|location| {
                warning(
                    WarningCode::ParentsWouldMeet,
                    format!(
                        "De ouders mogen elkaar niet tegenkomen, maar {} heeft geen tussentijd tussen brengen en komen: ze zouden elkaar bij aankomst en vertrek zien.",
                        location.name
                    ),
                    format!(
                        "The parents must not meet, but {} has no margin between drop-off and arrival: they would see each other arriving and leaving.",
                        location.name
                    ),
                )
            }))
    }

    /// The child is at school then (the school hours the family or coordinator gave).
    pub(super) async fn during_school_hours(
        &self,
        case: &Case,
        slot: &PlannedSlot,
        start: DateTime,
    ) -> Result<Option<Warning>> {
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
        Ok(school
            .iter()
            .find(|h| {
                h.weekday == weekday
                    && minutes_of(&h.starts).is_some_and(|s| s < to)
                    && minutes_of(&h.ends).is_some_and(|e| e > from)
            })
            .map(|hours| {
                warning(
                    WarningCode::DuringSchoolHours,
                    format!(
                        "Het kind is dan op school ({} tot {}).",
                        hours.starts, hours.ends
                    ),
                    format!(
                        "The child is at school then ({} to {}).",
                        hours.starts, hours.ends
                    ),
                )
            }))
    }

    /// The room is already booked then: the day of the slot, from the same agenda query the
    /// agenda pages use.
    pub(super) async fn room_booked(
        &self,
        slot: &PlannedSlot,
        start: DateTime,
        end: DateTime,
    ) -> Result<Option<Warning>> {
        let Some(room) = slot.room_id.as_deref().filter(|r| !r.is_empty()) else {
            return Ok(None);
        };
        let from = format!("{}T00:00:00", start.date());
        let to = format!("{}T00:00:00", add_days(start.date(), 1));
        let overlaps = |a: &omgang_store::AgendaRow| {
            a.state == omgang_domain::case::SessionStatus::Planned
                && a.starts_at.parse::<DateTime>().is_ok_and(|s| s < end)
                && a.ends_at.parse::<DateTime>().is_ok_and(|e| e > start)
        };
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
        Ok(taken.iter().find(|a| overlaps(a)).map(|a| {
            warning(
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
            )
        }))
    }

    /// The slot is outside the supervisor's stored availability (one of the actor's
    /// organisation; a supervisor booked then is refused by the rules, one rule per check).
    pub(super) async fn outside_availability(
        &self,
        actor: &Actor,
        slot: &PlannedSlot,
        start: DateTime,
        end: DateTime,
    ) -> Result<Option<Warning>> {
        let Some(sup) = slot.supervisor_id.as_deref().filter(|s| !s.is_empty()) else {
            return Ok(None);
        };
        let user = match self.store.user(sup).await {
            Ok(u) if u.org_id == actor.org_id.0 => u,
            Ok(_) | Err(StoreError::NotFound) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
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
        Ok((!slots.is_empty() && !fits).then(|| {
            warning(
                WarningCode::OutsideAvailability,
                format!("Dit valt buiten de beschikbaarheid van {}.", user.name),
                format!("This is outside {}'s availability.", user.name),
            )
        }))
    }
}
