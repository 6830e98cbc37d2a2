//! E-mail: which changes cause mail (decided from the events, queued in the same transaction),
//! and the worker that delivers queued mail over SMTP with retries and backoff.
//!
//! Mail says *that* something happened and where to look, never the details: no report text,
//! no reason for a cancellation, and never an address.

use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use omgang_domain::Programme;
use omgang_domain::case::{Case, CaseEvent, Party};
use omgang_domain::refusal::{dutch_date, english_date};
use omgang_store::{OutboxMail, OutboxRow};

use crate::{App, Result};

/// Attempts before a message is marked failed, and the wait after each failed attempt.
pub const BACKOFF_MINUTES: [i64; 5] = [1, 5, 30, 120, 360];

/// Where mail goes out.
#[derive(Clone, Debug)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub from: String,
}

impl SmtpSettings {
    /// Parses `smtp://host:port`.
    pub fn parse(url: &str, from: &str) -> std::result::Result<SmtpSettings, String> {
        let rest = url
            .strip_prefix("smtp://")
            .ok_or("the SMTP address is written smtp://host:port")?;
        let (host, port) = rest.rsplit_once(':').unwrap_or((rest, "25"));
        let port = port
            .trim_end_matches('/')
            .parse()
            .map_err(|_| format!("'{port}' is not a port"))?;
        if from.parse::<lettre::Address>().is_err() {
            return Err(format!("'{from}' is not an e-mail address"));
        }
        Ok(SmtpSettings {
            host: host.to_owned(),
            port,
            from: from.to_owned(),
        })
    }
}

/// What a delivery round did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Delivery {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

fn mail(
    key: String,
    to: &str,
    case: &Case,
    subject: (&str, &str),
    body: (String, String),
) -> OutboxMail {
    OutboxMail {
        id: crate::new_id(),
        dedupe_key: key,
        to_address: to.to_owned(),
        subject: format!("{} / {} ({})", subject.0, subject.1, case.reference),
        body: format!(
            "{}\n\nMeld u aan bij omgang om het te bekijken. Dossier {}.\n\n---\n\n{}\n\nSign in to omgang to see it. Case {}.\n",
            body.0, case.reference, body.1, case.reference
        ),
        case_id: Some(case.id.0.clone()),
    }
}

/// The mail that recorded `events` cause (pure: computed from the case after the change).
pub fn mails_for(case: &Case, programme: &Programme, events: &[CaseEvent]) -> Vec<OutboxMail> {
    let parents: Vec<(&str, &str)> = case
        .parents()
        .filter_map(|p| p.contact.email.as_deref().map(|e| (p.id.as_str(), e)))
        .collect();
    let mut out = Vec::new();
    for event in events {
        match event {
            CaseEvent::PlanWritten { version, .. } => {
                let doc = programme.plan.document.label();
                for (id, email) in &parents {
                    out.push(mail(
                        format!("plan:{}:{version}:{id}", case.id),
                        email,
                        case,
                        ("Nieuw plan om te ondertekenen", "New plan to sign"),
                        (
                            format!("Versie {version} van het {} staat klaar om te lezen en te ondertekenen.", doc.nl),
                            format!("Version {version} of the {} is ready to read and sign.", doc.en),
                        ),
                    ));
                }
            }
            CaseEvent::ParentingPlanWritten {
                version, content, ..
            } => {
                // Only the two parents of the plan are asked to sign it.
                for (id, email) in parents.iter().filter(|(id, _)| {
                    [&content.parent_a, &content.parent_b]
                        .iter()
                        .any(|p| p.as_str() == *id)
                }) {
                    out.push(mail(
                        format!("parenting-plan:{}:{version}:{id}", case.id),
                        email,
                        case,
                        ("Ouderschapsplan om te ondertekenen", "Parenting plan to sign"),
                        (
                            format!("Versie {version} van het ouderschapsplan staat klaar om te lezen en te ondertekenen."),
                            format!("Version {version} of the parenting plan is ready to read and sign."),
                        ),
                    ));
                }
            }
            CaseEvent::ReportReleased { report } => {
                let Some(session) = case.report(report).and_then(|r| case.session(&r.session))
                else {
                    continue;
                };
                for (id, email) in &parents {
                    out.push(mail(
                        format!("report:{report}:{id}"),
                        email,
                        case,
                        ("Nieuw verslag", "New report"),
                        (
                            format!(
                                "Het verslag van de {} van {} is klaar.",
                                session.kind.label().nl,
                                dutch_date(session.date())
                            ),
                            format!(
                                "The report of the {} on {} is ready.",
                                session.kind.label().en,
                                english_date(session.date())
                            ),
                        ),
                    ));
                }
            }
            CaseEvent::SessionCancelled {
                session,
                by: Party::Person(by),
                ..
            } => {
                let Some(s) = case.session(session) else {
                    continue;
                };
                // The other side hears that it is off; not who said so or why.
                for (id, email) in parents.iter().filter(|(id, _)| *id != by.as_str()) {
                    out.push(mail(
                        format!("cancelled:{session}:{id}"),
                        email,
                        case,
                        ("Afspraak gaat niet door", "Session cancelled"),
                        (
                            format!(
                                "De {} van {} om {} gaat niet door.",
                                s.kind.label().nl,
                                dutch_date(s.date()),
                                s.starts_at.time().strftime("%H:%M")
                            ),
                            format!(
                                "The {} on {} at {} is cancelled.",
                                s.kind.label().en,
                                english_date(s.date()),
                                s.starts_at.time().strftime("%H:%M")
                            ),
                        ),
                    ));
                }
            }
            _ => {}
        }
    }
    out
}

impl App {
    /// Delivers due mail once: claims a batch for `worker`, sends each over SMTP, and records
    /// sent, retry (with backoff) or failed. Safe to run on several instances at once.
    pub async fn deliver_mail(&self, worker: &str, smtp: &SmtpSettings) -> Result<Delivery> {
        let now = self.now().as_millisecond();
        let due = self.store.claim_mail(worker, now, 50, 10 * 60_000).await?;
        let transport: AsyncSmtpTransport<Tokio1Executor> =
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host)
                .port(smtp.port)
                .timeout(Some(std::time::Duration::from_secs(10)))
                .build();
        let mut delivery = Delivery::default();
        for row in due {
            match send(&transport, smtp, &row).await {
                Ok(()) => {
                    self.store
                        .mail_sent(&row.mail.id, worker, self.now().as_millisecond())
                        .await?;
                    delivery.sent += 1;
                }
                Err(error) => {
                    let attempt = usize::try_from(row.attempts).unwrap_or(usize::MAX);
                    let last = attempt >= BACKOFF_MINUTES.len();
                    let wait = BACKOFF_MINUTES.get(attempt).copied().unwrap_or(0);
                    let next = self.now().as_millisecond() + wait * 60_000;
                    self.store
                        .mail_attempt_failed(&row.mail.id, &error, next, last)
                        .await?;
                    tracing::warn!(
                        mail = row.mail.id,
                        attempt = attempt + 1,
                        error,
                        "mail not delivered"
                    );
                    if last {
                        delivery.failed += 1;
                    } else {
                        delivery.retried += 1;
                    }
                }
            }
        }
        Ok(delivery)
    }
}

async fn send(
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    smtp: &SmtpSettings,
    row: &OutboxRow,
) -> std::result::Result<(), String> {
    let message = Message::builder()
        .from(smtp.from.parse().map_err(|e| format!("from: {e}"))?)
        .to(row
            .mail
            .to_address
            .parse()
            .map_err(|e| format!("to: {e}"))?)
        .subject(row.mail.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .message_id(Some(format!("<{}@omgang>", row.mail.id)))
        .body(row.mail.body.clone())
        .map_err(|e| format!("message: {e}"))?;
    transport
        .send(message)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}
