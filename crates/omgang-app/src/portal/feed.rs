//! A parent's calendar feed: their own sessions of every case, as iCalendar.

use omgang_domain::case::SessionStatus;

use crate::policy::Actor;
use crate::{App, Audit, Result};

/// One session in a parent's feed, with the parent's own times.
pub(crate) struct FeedEvent {
    pub uid: String,
    pub summary: String,
    pub arrival: String,
    pub departure: String,
    /// The kind of place, never an address.
    pub place: String,
    pub state: SessionStatus,
}

impl App {
    /// A parent's calendar feed (iCalendar text): their sessions with their own times.
    pub(crate) async fn parent_feed(&self, actor: &Actor) -> Result<String> {
        use icalendar::{Calendar, Component, Event, EventLike};
        let events = self.parent_calendar_events(actor).await?;
        let mut calendar = Calendar::new();
        calendar.name("omgang").timezone(crate::calendar::TZID);
        for e in &events {
            let (Some(start), Some(end)) = (
                crate::calendar::local(&e.arrival),
                crate::calendar::local(&e.departure),
            ) else {
                continue;
            };
            let (status, sequence) = crate::calendar::event_status(e.state);
            calendar.push(
                Event::new()
                    .uid(&format!("{}@omgang", e.uid))
                    .summary(&e.summary)
                    .starts(start)
                    .ends(end)
                    .location(&e.place)
                    .status(status)
                    .sequence(sequence)
                    .done(),
            );
        }
        self.audit(Audit {
            actor: Some(actor),
            action: "calendar_feed",
            case: None,
            detail: format!("{} events", events.len()),
            allowed: true,
        })
        .await?;
        let text = calendar.done().to_string();
        let tz = crate::calendar::VTIMEZONE;
        Ok(match text.find("BEGIN:VEVENT") {
            Some(at) => format!("{}{tz}{}", &text[..at], &text[at..]),
            None => text.replace("END:VCALENDAR", &format!("{tz}END:VCALENDAR")),
        })
    }

    /// The events of a parent's calendar feed: their sessions with their own times; places
    /// are kinds, never an address.
    pub(crate) async fn parent_calendar_events(&self, actor: &Actor) -> Result<Vec<FeedEvent>> {
        let mut out = Vec::new();
        for case in self.portal_home(actor).await?.cases {
            for s in case.sessions {
                out.push(FeedEvent {
                    uid: s.id.clone(),
                    summary: format!("{} ({})", s.kind_label, case.reference),
                    arrival: s.my_arrival.clone(),
                    departure: s.my_departure.clone(),
                    place: s.location_label.clone(),
                    state: s.state,
                });
            }
        }
        Ok(out)
    }
}
