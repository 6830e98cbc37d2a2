//! The public registration form: parents and professionals register a family without
//! signing in, at an organisation for one of the programmes it opened for this form
//! (`App::set_public_programme`).
//!
//! Abuse: at most [`PUBLIC_LIMIT`] submissions an hour per address (a setting:
//! `Settings::public_limit_per_hour`) (counted in the database,
//! so across instances), and a honeypot field that people never fill in (the submission is
//! then dropped with the same answer as a real one). A valid registration gets the same
//! receipt whatever happens to it; nothing about the case is answered.
//!
//! The registration is written by a system-like actor, [`PUBLIC_ACTOR_ID`], recorded as the
//! case's referrer (so the waiting list can filter on "came in through the public form") and
//! named in the audit log with the sender's address.

use omgang_domain::ids::{OrgId, UserId};
use omgang_domain::text::Lang;
use serde::Serialize;
use utoipa::ToSchema;

use crate::input::RegistrationInput;
use crate::policy::{Actor, Role};
use crate::{App, AppError, Audit, Result};

/// Submissions per address per hour, unless configured otherwise.
pub const PUBLIC_LIMIT: i64 = 5;
/// The actor that writes public registrations (never a user that can sign in).
pub const PUBLIC_ACTOR_ID: &str = "publieke-aanmelding";

/// A programme an organisation opened for public registration.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PublicOption {
    pub organisation_id: String,
    pub organisation_name: String,
    pub programme_id: String,
    pub programme_name: String,
}

/// The answer to a public registration: received, nothing more.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PublicReceipt {
    pub received: bool,
    pub message_nl: String,
    pub message_en: String,
}

impl PublicReceipt {
    pub fn new() -> PublicReceipt {
        PublicReceipt {
            received: true,
            message_nl:
                "Dank u. Uw aanmelding is ontvangen; de organisatie neemt contact met u op.".into(),
            message_en:
                "Thank you. Your registration has been received; the organisation will contact you."
                    .into(),
        }
    }
}

impl Default for PublicReceipt {
    fn default() -> Self {
        PublicReceipt::new()
    }
}

/// The actor of a public registration at organisation `org`.
pub fn public_actor(org: &str, ip: Option<String>, lang: Lang) -> Actor {
    Actor {
        user_id: UserId::from(PUBLIC_ACTOR_ID),
        org_id: OrgId(org.to_owned()),
        role: Role::Referrer,
        name: "publieke aanmelding".into(),
        ip,
        lang,
        system: true,
        directory_version: None,
    }
}

impl App {
    /// The programmes open for public registration, per provider, in name order.
    pub async fn public_options(&self, lang: Lang) -> Result<Vec<PublicOption>> {
        let open = self.store.public_programmes().await?;
        let mut out = Vec::new();
        for org in self.store.organisations_of_kind("provider").await? {
            for (_, pid) in open.iter().filter(|(o, _)| *o == org.id) {
                if let Some(p) = self.programme(pid) {
                    out.push(PublicOption {
                        organisation_id: org.id.clone(),
                        organisation_name: org.name.clone(),
                        programme_id: p.id.clone(),
                        programme_name: p.name.get(lang).to_owned(),
                    });
                }
            }
        }
        out.sort_by(|a, b| {
            (&a.organisation_name, &a.programme_name)
                .cmp(&(&b.organisation_name, &b.programme_name))
        });
        Ok(out)
    }

    /// A registration from the public form. `trap` is true when the honeypot field was
    /// filled in: counted and audited, then dropped with the same answer as a real one.
    /// Errors: `Throttled` past the limit, `Invalid` with field messages for what was typed.
    pub async fn register_public(
        &self,
        input: &RegistrationInput,
        ip: Option<String>,
        trap: bool,
        lang: Lang,
    ) -> Result<PublicReceipt> {
        let org = input
            .organisation_id
            .clone()
            .filter(|o| !o.trim().is_empty())
            .unwrap_or_default();
        let actor = public_actor(&org, ip.clone(), lang);
        let address = ip.unwrap_or_else(|| "unknown".into());
        let now = self.now().as_millisecond();
        let recent = self
            .store
            .public_submissions_since(&address, now - 3_600_000)
            .await?;
        let refuse = |detail: &str| Audit {
            actor: Some(&actor),
            action: "register_public",
            case: None,
            detail: detail.to_owned(),
            allowed: false,
        };
        if recent >= self.settings.public_limit_per_hour {
            self.audit(refuse("throttled")).await?;
            return Err(AppError::Throttled);
        }
        self.store
            .record_public_submission(&crate::new_id(), &address, now)
            .await?;
        if trap {
            self.audit(refuse("honeypot")).await?;
            return Ok(PublicReceipt::new());
        }
        let open = self.public_options(lang).await?;
        if !open
            .iter()
            .any(|o| o.organisation_id == org && o.programme_id == input.programme_id)
        {
            self.audit(refuse("programme not open")).await?;
            return Err(AppError::invalid(
                "programme_id",
                "Kies een organisatie en traject uit de lijst.",
                "Choose an organisation and programme from the list.",
            ));
        }
        self.register(&actor, input).await?;
        Ok(PublicReceipt::new())
    }
}
