//! Reminders to parents before their sessions, and the coordinators' daily digest of signals.

use std::collections::HashMap;

use jiff::ToSpan;
use jiff::civil::DateTime;
use omgang_domain::refusal::{dutch_date, english_date};
use omgang_domain::signals::Urgency;
use omgang_store::{CaseFilter, OutboxMail};

use super::{DEFAULT_MARGIN_MINUTES, DEFAULT_REMINDER_HOURS, Places, my_times};
use crate::auth::actor_from;
use crate::policy::Role;
use crate::{App, Audit, Result};

impl App {
    /// Hours before a session that its reminder goes out (installation setting
    /// `reminder_hours`, default 24).
    pub async fn reminder_hours(&self) -> Result<i64> {
        Ok(self
            .store
            .setting("reminder_hours")
            .await?
            .and_then(|v| v.trim().parse().ok())
            .filter(|h: &i64| (1..=24 * 14).contains(h))
            .unwrap_or(DEFAULT_REMINDER_HOURS))
    }

    /// Queues a reminder for every parent (with an e-mail address) of every planned session
    /// that starts within the reminder period. Each reminder is queued once (its dedupe key);
    /// run it as often as you like. Returns how many were new to the queue at most.
    pub async fn send_reminders(&self) -> Result<usize> {
        let hours = self.reminder_hours().await?;
        self.send_reminders_within(hours).await
    }

    /// As [`App::send_reminders`], `hours` before each session (the serve flag).
    pub async fn send_reminders_within(&self, hours: i64) -> Result<usize> {
        let hours = hours.clamp(1, 24 * 14);
        let tz = omgang_domain::case::amsterdam();
        let now = tz.to_datetime(self.now());
        let until = now.checked_add(hours.hours()).unwrap_or(now);
        let mut mails = Vec::new();
        // Only the cases with a session in the window (the appointments projection), not
        // every open case of every organisation: at national scale that read was 13,000
        // snapshots and a quarter of a gigabyte of memory once an hour.
        let filter = CaseFilter {
            open_only: true,
            planned_between: Some((now, until)),
            ..CaseFilter::default()
        };
        let mut places_by_org: HashMap<String, Places> = HashMap::new();
        for case in self.store.cases(&filter).await? {
            let upcoming: Vec<_> = case
                .sessions
                .iter()
                .filter(|s| {
                    matches!(s.state, omgang_domain::case::SessionState::Planned)
                        && s.starts_at > now
                        && s.starts_at <= until
                })
                .collect();
            if upcoming.is_empty() {
                continue;
            }
            if !places_by_org.contains_key(case.organisation.as_str()) {
                let m = self.places(None, case.organisation.as_str()).await?;
                places_by_org.insert(case.organisation.0.clone(), m);
            }
            let places = &places_by_org[case.organisation.as_str()];
            for s in upcoming {
                for p in case
                    .parents()
                    .filter(|p| s.participants.is_empty() || s.participants.contains(&p.id))
                {
                    let Some(email) = p.contact.email.as_deref() else {
                        continue;
                    };
                    let margin = s
                        .place
                        .location_id
                        .as_ref()
                        .and_then(|l| places.get(l).map(|p| p.margin_minutes))
                        .unwrap_or(DEFAULT_MARGIN_MINUTES);
                    let (kind, arrive, depart) =
                        my_times(p.role, s.kind.is_visit(), s.starts_at, s.ends_at(), margin);
                    let hm = |t: DateTime| t.strftime("%H:%M").to_string();
                    let (nl_times, en_times) = match kind {
                        "drop_off_pick_up" => (
                            format!(
                                "U brengt het kind om {} en haalt het op om {}.",
                                hm(arrive),
                                hm(depart)
                            ),
                            format!(
                                "You bring the child at {} and collect it at {}.",
                                hm(arrive),
                                hm(depart)
                            ),
                        ),
                        _ => (
                            format!("U komt om {} en gaat om {}.", hm(arrive), hm(depart)),
                            format!("You arrive at {} and leave at {}.", hm(arrive), hm(depart)),
                        ),
                    };
                    let place = s.place.kind.label();
                    mails.push(OutboxMail {
                        id: crate::new_id(),
                        dedupe_key: format!("reminder:{}:{}", s.id, p.id),
                        to_address: email.to_owned(),
                        subject: format!(
                            "Herinnering: afspraak op {} / Reminder: appointment on {} ({})",
                            dutch_date(s.date()),
                            english_date(s.date()),
                            case.reference
                        ),
                        body: format!(
                            "Herinnering: {} op {} ({}). {}\n\nMeld u aan bij omgang voor de details of om af te zeggen. Dossier {}.\n\n---\n\nReminder: {} on {} ({}). {}\n\nSign in to omgang for the details or to cancel. Case {}.\n",
                            s.kind.label().nl,
                            dutch_date(s.date()),
                            place.nl,
                            nl_times,
                            case.reference,
                            s.kind.label().en,
                            english_date(s.date()),
                            place.en,
                            en_times,
                            case.reference
                        ),
                        case_id: Some(case.id.0.clone()),
                    });
                }
            }
        }
        let n = mails.len();
        if n > 0 {
            self.store
                .enqueue_mail(&mails, self.now().as_millisecond())
                .await?;
        }
        self.audit(Audit {
            actor: None,
            action: "reminders",
            case: None,
            detail: format!("{n} reminder(s) within {hours} h"),
            allowed: true,
        })
        .await?;
        Ok(n)
    }

    /// Once a day: every active coordinator with signals gets one e-mail with how many there
    /// are (late and due), never which case or what about.
    pub async fn send_signals_digest(&self) -> Result<usize> {
        let day = self.today();
        let mut mails = Vec::new();
        for user in self
            .store
            .active_users_with_role(Role::Coordinator.as_str())
            .await?
        {
            let Some(actor) = actor_from(&user, None) else {
                continue;
            };
            let signals = self.signals(&actor, Some(day)).await?;
            if signals.is_empty() {
                continue;
            }
            let late = signals
                .iter()
                .filter(|s| s.urgency == Urgency::Late)
                .count();
            let total = signals.len();
            mails.push(OutboxMail {
                id: crate::new_id(),
                dedupe_key: format!("digest:{}:{day}", user.id),
                to_address: user.email.clone(),
                subject: format!(
                    "Signalen van {} / Signals of {}",
                    dutch_date(day),
                    english_date(day)
                ),
                body: format!(
                    "Er staan vandaag {total} signalen voor u klaar, waarvan {late} te laat.\n\nMeld u aan bij omgang om ze te bekijken.\n\n---\n\nThere are {total} signals for you today, {late} of them late.\n\nSign in to omgang to see them.\n"
                ),
                case_id: None,
            });
        }
        let n = mails.len();
        if n > 0 {
            self.store
                .enqueue_mail(&mails, self.now().as_millisecond())
                .await?;
        }
        Ok(n)
    }
}
