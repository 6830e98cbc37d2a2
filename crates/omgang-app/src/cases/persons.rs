//! The persons of a case: consent and contact details.

use omgang_domain::case::{self as dcase, Command, ConsentSubject};
use omgang_domain::ids::PersonId;

use crate::input::*;
use crate::policy::{Actor, CaseAction};
use crate::views::CaseView;
use crate::{App, Result};

impl App {
    pub async fn record_consent(
        &self,
        actor: &Actor,
        id: &str,
        input: &ConsentInput,
    ) -> Result<CaseView> {
        let today = self.today();
        self.run(actor, id, "record_consent", |_, _| {
            let mut c = Check::default();
            let parent = c.id("parent_id", &input.parent_id);
            let subject: Option<ConsentSubject> = c.choice("subject", &input.subject);
            let on = c.opt_date("on", &input.on).unwrap_or(today);
            let note = c.text("note", &input.note);
            c.finish()?;
            let subject = subject.unwrap_or(ConsentSubject::VisitOutsideHouse);
            Ok((
                CaseAction::RecordConsent,
                Command::RecordConsent {
                    parent: PersonId(parent),
                    subject,
                    given: input.given,
                    on,
                    note,
                },
            ))
        })
        .await
    }

    /// Changes a person's contact details, or makes their address secret from the other
    /// parent (sealed before it is stored, like at registration).
    pub async fn update_person(
        &self,
        actor: &Actor,
        id: &str,
        person_id: &str,
        input: &PersonUpdateInput,
    ) -> Result<CaseView> {
        self.run(actor, id, "update_person", |_, _| {
            let mut c = Check::default();
            let email = c.email("email", &input.email);
            let phone = c.phone("phone", &input.phone);
            let address = c.opt_line("address", &input.address);
            c.finish()?;
            let address = match address {
                Some(a) if input.secret_address => Some(self.keyring.seal(&a)?),
                other => other,
            };
            Ok((
                CaseAction::UpdatePerson,
                Command::UpdatePerson {
                    person: PersonId(person_id.to_owned()),
                    contact: dcase::Contact {
                        email,
                        phone,
                        address,
                    },
                    secret_address: input.secret_address,
                },
            ))
        })
        .await
    }
}
