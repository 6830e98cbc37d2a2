//! Calendar feeds (RFC 5545): a secret, revocable address per person with the sessions that
//! concern them, in Europe/Amsterdam time, with stable UIDs; cancellations stay in the feed
//! as cancelled. What a feed shows comes from the same view as the case page, so nothing is
//! in it that the person may not see; places are kinds ("omgangshuis"), never an address.

use chrono::NaiveDateTime;
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, EventStatus};
use omgang_store::CaseFilter;
use serde::Serialize;
use utoipa::ToSchema;

use omgang_domain::case::SessionStatus;

use crate::auth::{actor_from, new_secret, secret_hash};
use crate::policy::{self, Actor, Role};
use crate::{App, AppError, Audit, Result, views};

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct NewFeed {
    pub id: String,
    /// The secret address to subscribe to (relative to the server); shown once.
    pub path: String,
}

pub(crate) const TZID: &str = "Europe/Amsterdam";
pub(crate) const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

pub(crate) fn local(s: &str) -> Option<CalendarDateTime> {
    let date_time = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok()?;
    Some(CalendarDateTime::WithTimezone {
        date_time,
        tzid: TZID.into(),
    })
}

impl App {
    pub async fn create_calendar_feed(&self, actor: &Actor) -> Result<NewFeed> {
        if !matches!(
            actor.role,
            Role::Coordinator
                | Role::Supervisor
                | Role::Volunteer
                | Role::PartnerStaff
                | Role::Parent
        ) {
            return Err(AppError::Forbidden);
        }
        let (secret, hash) = new_secret();
        let id = crate::new_id();
        self.store
            .insert_calendar_feed(
                &id,
                actor.user_id.as_str(),
                &hash,
                self.now().as_millisecond(),
            )
            .await?;
        self.audit(Audit {
            actor: Some(actor),
            action: "create_calendar_feed",
            case: None,
            detail: id.clone(),
            allowed: true,
        })
        .await?;
        Ok(NewFeed {
            id,
            path: format!("/calendar/{secret}.ics"),
        })
    }

    pub async fn revoke_calendar_feed(&self, actor: &Actor, id: &str) -> Result<()> {
        self.store
            .revoke_calendar_feed(id, actor.user_id.as_str(), self.now().as_millisecond())
            .await?;
        self.audit(Audit {
            actor: Some(actor),
            action: "revoke_calendar_feed",
            case: None,
            detail: id.to_owned(),
            allowed: true,
        })
        .await
    }

    /// The feed behind a secret address, as iCalendar text.
    pub async fn calendar_feed(&self, secret: &str) -> Result<String> {
        let user_id = self
            .store
            .calendar_feed_user(&secret_hash(secret))
            .await?
            .ok_or(AppError::NotFound)?;
        let user = self.store.user(&user_id).await?;
        let actor = actor_from(&user, None)
            .filter(|_| user.active)
            .ok_or(AppError::NotFound)?;
        let me = actor.user_id.as_str();
        let filter = match actor.role {
            Role::Coordinator | Role::Supervisor | Role::Volunteer | Role::PartnerStaff => {
                CaseFilter {
                    scope: policy::case_scope(&actor),
                    ..CaseFilter::default()
                }
            }
            // A parent's feed: their sessions with their own times (the portal's view).
            Role::Parent => return self.parent_feed(&actor).await,
            _ => return Err(AppError::NotFound),
        };
        let mut calendar = Calendar::new();
        calendar.name("omgang").timezone(TZID);
        let today = self.today();
        let mut events = 0;
        for case in self.store.cases(&filter).await? {
            // A coordinator's feed holds the cases they coordinate.
            if actor.role == Role::Coordinator
                && case.coordinator.as_ref().map(|u| u.as_str()) != Some(me)
            {
                continue;
            }
            let (Some(scope), Some(programme)) = (
                policy::view_scope(&actor, &case),
                self.programme(&case.programme),
            ) else {
                continue;
            };
            let view = views::case_view(&case, &programme, scope, today, actor.lang);
            for s in view
                .sessions
                .iter()
                .filter(|s| !actor.role.supervises() || s.supervisor_id.as_deref() == Some(me))
            {
                let (Some(start), Some(end)) = (local(&s.starts_at), local(&s.ends_at)) else {
                    continue;
                };
                let (status, sequence) = event_status(s.state);
                calendar.push(
                    Event::new()
                        .uid(&format!("{}@omgang", s.id))
                        .summary(&format!("{} ({})", s.kind_label, view.reference))
                        .starts(start)
                        .ends(end)
                        .location(&s.location_label)
                        .status(status)
                        .sequence(sequence)
                        .done(),
                );
                events += 1;
            }
        }
        self.audit(Audit {
            actor: Some(&actor),
            action: "calendar_feed",
            case: None,
            detail: format!("{events} events"),
            allowed: true,
        })
        .await?;
        let text = calendar.done().to_string();
        // The crate writes no VTIMEZONE; the TZID of every event refers to this one.
        Ok(match text.find("BEGIN:VEVENT") {
            Some(at) => format!("{}{VTIMEZONE}{}", &text[..at], &text[at..]),
            None => text.replace("END:VCALENDAR", &format!("{VTIMEZONE}END:VCALENDAR")),
        })
    }
}

/// A session's state as an iCalendar status and sequence: a calendar that holds the planned
/// event replaces it by the later one (a cancellation, a held session) of the same uid.
pub(crate) fn event_status(state: SessionStatus) -> (EventStatus, u32) {
    match state {
        SessionStatus::Cancelled => (EventStatus::Cancelled, 1),
        SessionStatus::Planned => (EventStatus::Confirmed, 0),
        SessionStatus::Held | SessionStatus::NoShow => (EventStatus::Confirmed, 1),
    }
}
