//! Registration and intake: a new case, the intake and the people assigned to a case.

use omgang_domain::case::{self as dcase, CaseEvent, Command, Registration};
use omgang_domain::ids::{CaseId, OrgId, UserId};
use omgang_store::StoreError;

use super::{confirmation, field_names};
use crate::input::*;
use crate::policy::{self, Actor, CaseAction, OrgAction, Role};
use crate::views::{self, CaseView};
use crate::{App, AppError, Audit, Result};

impl App {
    pub async fn register(&self, actor: &Actor, input: &RegistrationInput) -> Result<CaseView> {
        let valid = input.validate()?;
        let programme = self.programme(&valid.programme_id).ok_or_else(|| {
            AppError::invalid(
                "programme_id",
                &format!("Onbekend traject '{}'.", valid.programme_id),
                &format!("Unknown programme '{}'.", valid.programme_id),
            )
        })?;
        let org = OrgId(
            valid
                .organisation_id
                .clone()
                .unwrap_or_else(|| actor.org_id.0.clone()),
        );
        let org_row = match self.store.organisation(org.as_str()).await {
            Ok(row) => row,
            Err(StoreError::NotFound) => {
                return Err(AppError::invalid(
                    "organisation_id",
                    "Onbekende organisatie.",
                    "Unknown organisation.",
                ));
            }
            Err(e) => return Err(e.into()),
        };
        if org_row.kind != "provider" {
            return Err(AppError::invalid(
                "organisation_id",
                "Kies de aanbieder die het traject uitvoert.",
                "Choose the provider that runs the programme.",
            ));
        }
        if !policy::may_org(actor, &org, OrgAction::Register) {
            self.audit(Audit {
                actor: Some(actor),
                action: "register",
                case: None,
                detail: format!("org {org}"),
                allowed: false,
            })
            .await?;
            return Err(AppError::Forbidden);
        }
        // A secret address is sealed before it is ever stored.
        let mut people = valid.people;
        for person in people.iter_mut().filter(|p| p.secret_address) {
            if let Some(address) = &person.contact.address {
                person.contact.address = Some(self.keyring.seal(address)?);
            }
        }
        let registration = Registration {
            id: CaseId(crate::new_id()),
            reference: String::new(),
            organisation: org,
            programme: programme.id.clone(),
            registered_on: self.today(),
            registered_by: valid.registered_by,
            entry_route: valid.entry_route,
            children: valid.children,
            people,
            safety_concerns: valid.safety_concerns,
            request: valid.request,
            referrer_user: matches!(actor.role, Role::Referrer | Role::CaseDirector)
                .then(|| actor.user_id.clone()),
        };
        let event = dcase::register(&programme, registration).map_err(AppError::Refused)?;
        let CaseEvent::Registered(reg) = &event else {
            return Err(AppError::Internal(
                "registration made no registration".into(),
            ));
        };
        let mut case = dcase::from_registration(reg);
        let year = self.today().year();
        let watch = self.signal_watch(&case, &programme);
        let reference = self
            .store
            .create_case(&mut case, &event, year, self.now(), &actor.user_id, watch)
            .await?;
        case.reference = reference;
        self.audit(Audit {
            actor: Some(actor),
            action: "register",
            case: Some(case.id.as_str()),
            detail: format!("registered; fields: {}", field_names(reg).join(",")),
            allowed: true,
        })
        .await?;
        // The referrer sees their own registration through the referrer view.
        self.reveal(views::case_view(
            &case,
            &programme,
            policy::view_scope(actor, &case).unwrap_or(policy::ViewScope::Referrer),
            self.today(),
            actor.lang,
        ))
    }

    pub async fn start_intake(&self, actor: &Actor, id: &str) -> Result<CaseView> {
        self.run(actor, id, "start_intake", |_, _| {
            Ok((CaseAction::StartIntake, Command::StartIntake))
        })
        .await
    }

    pub async fn complete_intake(
        &self,
        actor: &Actor,
        id: &str,
        input: &CompleteIntakeInput,
    ) -> Result<CaseView> {
        let confirm = confirmation(&input.confirm, input.reason.as_deref())?;
        self.run_confirmed(actor, id, "complete_intake", confirm, Vec::new(), |_, _| {
            let mut c = Check::default();
            let notes = c.text("notes", &input.notes);
            let reason = c.opt_text("reason", &input.reason);
            if !input.eligible && reason.is_none() {
                c.push(
                    "reason",
                    "Geef aan waarom het traject niet passend is.",
                    "Say why the programme does not fit.",
                );
            }
            c.finish()?;
            Ok((
                CaseAction::CompleteIntake,
                Command::CompleteIntake {
                    eligible: input.eligible,
                    notes,
                    reason,
                },
            ))
        })
        .await
    }

    pub async fn assign_supervisor(
        &self,
        actor: &Actor,
        id: &str,
        input: &AssignUserInput,
    ) -> Result<CaseView> {
        self.run(actor, id, "assign_supervisor", |_, _| {
            let mut c = Check::default();
            let user = c.id("user_id", &input.user_id);
            let reason = c.opt_text("reason", &input.reason);
            c.finish()?;
            Ok((
                CaseAction::Assign,
                Command::AssignSupervisor {
                    user: UserId(user),
                    reason,
                },
            ))
        })
        .await
    }

    pub async fn assign_coordinator(
        &self,
        actor: &Actor,
        id: &str,
        input: &AssignUserInput,
    ) -> Result<CaseView> {
        // Authorization first: an answer about the user or organisation named would tell
        // whoever asks whether it exists.
        self.load_for_intent(actor, id, CaseAction::Assign, "assign_coordinator")
            .await?;
        let user = self.store.user(input.user_id.trim()).await.map_err(|_| {
            AppError::invalid("user_id", "Onbekende medewerker.", "Unknown staff member.")
        })?;
        if user.role != Role::Coordinator.as_str() {
            return Err(AppError::invalid(
                "user_id",
                "Kies een coördinator.",
                "Choose a coordinator.",
            ));
        }
        self.run(actor, id, "assign_coordinator", |case, _| {
            if user.org_id != case.organisation.0 {
                return Err(AppError::invalid(
                    "user_id",
                    "Kies een coördinator van deze organisatie.",
                    "Choose a coordinator of this organisation.",
                ));
            }
            Ok((
                CaseAction::Assign,
                Command::AssignCoordinator {
                    user: UserId(user.id.clone()),
                },
            ))
        })
        .await
    }

    pub async fn assign_partner(
        &self,
        actor: &Actor,
        id: &str,
        input: &AssignOptionalInput,
    ) -> Result<CaseView> {
        // Authorization first: an answer about the user or organisation named would tell
        // whoever asks whether it exists.
        self.load_for_intent(actor, id, CaseAction::Assign, "assign_partner")
            .await?;
        let org = input
            .id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        if let Some(o) = &org {
            let row = self.store.organisation(o).await.map_err(|_| {
                AppError::invalid("id", "Onbekende organisatie.", "Unknown organisation.")
            })?;
            if row.kind != "partner" {
                return Err(AppError::invalid(
                    "id",
                    "Kies een partnerorganisatie.",
                    "Choose a partner organisation.",
                ));
            }
        }
        self.run(actor, id, "assign_partner", |_, _| {
            Ok((
                CaseAction::Assign,
                Command::AssignPartner {
                    organisation: org.clone().map(OrgId),
                },
            ))
        })
        .await
    }

    pub async fn assign_case_director(
        &self,
        actor: &Actor,
        id: &str,
        input: &AssignOptionalInput,
    ) -> Result<CaseView> {
        // Authorization first: an answer about the user or organisation named would tell
        // whoever asks whether it exists.
        self.load_for_intent(actor, id, CaseAction::Assign, "assign_case_director")
            .await?;
        let user = input
            .id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        if let Some(u) = &user {
            let row =
                self.store.user(u).await.map_err(|_| {
                    AppError::invalid("id", "Onbekende gebruiker.", "Unknown user.")
                })?;
            if row.role != Role::CaseDirector.as_str() {
                return Err(AppError::invalid(
                    "id",
                    "Kies een casusregisseur.",
                    "Choose a case director.",
                ));
            }
        }
        self.run(actor, id, "assign_case_director", |_, _| {
            Ok((
                CaseAction::Assign,
                Command::AssignCaseDirector {
                    user: user.clone().map(UserId),
                },
            ))
        })
        .await
    }
}
