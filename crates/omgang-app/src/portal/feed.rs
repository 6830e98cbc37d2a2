//! A parent's calendar feed: their own sessions of every case, as iCalendar.

use crate::policy::Actor;
use crate::{App, Audit, Result};

impl App {
    /// A parent's calendar feed (iCalendar text): their sessions with their own times.
    pub(crate) async fn parent_feed(&self, actor: &Actor) -> Result<String> {
        use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
        let events = self.parent_calendar_events(actor).await?;
        let mut calendar = Calendar::new();
        calendar.name("omgang").timezone(crate::calendar::TZID);
        for (uid, summary, start, end, place, state) in &events {
            let (Some(start), Some(end)) =
                (crate::calendar::local(start), crate::calendar::local(end))
            else {
                continue;
            };
            let (status, sequence) = match state.as_str() {
                "cancelled" => (EventStatus::Cancelled, 1),
                "planned" => (EventStatus::Confirmed, 0),
                _ => (EventStatus::Confirmed, 1),
            };
            calendar.push(
                Event::new()
                    .uid(&format!("{uid}@omgang"))
                    .summary(summary)
                    .starts(start)
                    .ends(end)
                    .location(place)
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
    /// are kinds, never an address. (uid, summary, start, end, place, state)
    pub(crate) async fn parent_calendar_events(
        &self,
        actor: &Actor,
    ) -> Result<Vec<(String, String, String, String, String, String)>> {
        let mut out = Vec::new();
        for case in self.portal_home(actor).await?.cases {
            for s in case.sessions {
                out.push((
                    s.id.clone(),
                    format!("{} ({})", s.kind_label, case.reference),
                    s.my_arrival.clone(),
                    s.my_departure.clone(),
                    s.location_label.clone(),
                    s.state.clone(),
                ));
            }
        }
        Ok(out)
    }
}
