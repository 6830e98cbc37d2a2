//! Invitations: a coordinator invites a person of a case (a parent, guardian or foster carer)
//! or a professional (a referrer, a partner organisation's staff member) by e-mail. The link
//! works once, for [`VALID_DAYS`] days; only the hash of its secret is stored. Accepting it
//! sets a password (the same rules as everywhere) and makes the account: role `parent`,
//! linked to that person of the case, or the professional's role, who must then set up the
//! second factor where it is required.

use omgang_domain::case::{Case, Person, PersonRole};
use omgang_domain::ids::OrgId;
use omgang_store::{CaseAccountRow, InvitationRow, OutboxMail, StoreError, UserRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{LoginInput, check_password, hash_password, new_secret, secret_hash};
use crate::input::Check;
use crate::policy::{self, Actor, CaseAction, OrgAction, Role};
use crate::two_factor::SignIn;
use crate::{App, AppError, Audit, Result};

/// Days an invitation link works.
pub const VALID_DAYS: i64 = 7;

/// Invite a person of a case.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteInput {
    /// The person of the case (a parent, guardian or foster carer).
    pub person_id: String,
    /// Where the link goes; default the person's e-mail address in the case.
    #[serde(default)]
    pub email: Option<String>,
    /// nl (default) or en: the language of the account.
    #[serde(default)]
    pub lang: Option<String>,
}

/// Invite a referrer or a partner organisation's staff member.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffInviteInput {
    pub email: String,
    pub name: String,
    /// referrer or partner_staff
    pub role: String,
    pub organisation_id: String,
    #[serde(default)]
    pub lang: Option<String>,
}

/// Accept an invitation: the secret from the link and a new password.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptInput {
    pub token: String,
    pub password: String,
    /// The password again (the pages ask for it; the API may leave it out).
    #[serde(default)]
    pub password_again: Option<String>,
}

/// An invitation as the coordinator sees it (never its secret).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct InvitationView {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: String,
    /// The organisation the account will belong to.
    pub organisation_id: String,
    pub case_id: Option<String>,
    pub person_id: Option<String>,
    pub created_at: String,
    pub expires_at: String,
    /// pending, accepted, expired; `linked` when an existing parent account was linked
    /// directly.
    pub status: String,
}

/// What the accept page shows before the password is set.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct InvitationInfo {
    pub name: String,
    pub email: String,
    pub role: String,
    pub role_label: String,
    /// A professional must set up two-factor sign-in after the password.
    pub second_factor_required: bool,
}

fn when(ms: i64) -> String {
    omgang_store::from_ms(ms).to_string()
}

fn view(row: &InvitationRow, now: i64) -> InvitationView {
    let status = if row.accepted_at.is_some() {
        if row.token_hash.starts_with("linked:") {
            "linked"
        } else {
            "accepted"
        }
    } else if row.expires_at <= now {
        "expired"
    } else {
        "pending"
    };
    InvitationView {
        id: row.id.clone(),
        email: row.email.clone(),
        name: row.name.clone(),
        role: row.role.clone(),
        organisation_id: row.org_id.clone(),
        case_id: row.case_id.clone(),
        person_id: row.person_id.clone(),
        created_at: when(row.created_at),
        expires_at: when(row.expires_at),
        status: status.into(),
    }
}

fn invitation_mail(
    to: &str,
    name: &str,
    link: &str,
    professional: bool,
    case_reference: Option<&str>,
) -> OutboxMail {
    let (nl_extra, en_extra) = if professional {
        (
            "Daarna stelt u de tweestapsverificatie in met een app op uw telefoon.",
            "Then you set up two-step verification with an app on your phone.",
        )
    } else {
        (
            "Daarna ziet u de afspraken, het plan om te ondertekenen en de verslagen.",
            "Then you see the appointments, the plan to sign and the reports.",
        )
    };
    let about = case_reference
        .map(|r| (format!(" (dossier {r})"), format!(" (case {r})")))
        .unwrap_or_default();
    OutboxMail {
        id: crate::new_id(),
        dedupe_key: format!("invitation:{}", crate::new_id()),
        to_address: to.to_owned(),
        subject: "Uitnodiging voor omgang / Invitation to omgang".into(),
        body: format!(
            "Beste {name},\n\nU bent uitgenodigd om een account te maken bij omgang{}. Open binnen {VALID_DAYS} dagen deze link en kies een wachtwoord:\n\n{link}\n\n{nl_extra}\n\nVerwachtte u deze uitnodiging niet? Dan hoeft u niets te doen.\n\n---\n\nDear {name},\n\nYou are invited to make an account at omgang{}. Open this link within {VALID_DAYS} days and choose a password:\n\n{link}\n\n{en_extra}\n\nIf you did not expect this invitation, you need not do anything.\n",
            about.0, about.1
        ),
        case_id: None,
    }
}

impl App {
    fn link_for(&self, secret: &str) -> String {
        format!(
            "{}/uitnodiging?token={secret}",
            self.settings.public_url.trim_end_matches('/')
        )
    }

    fn lang_code(c: &mut Check, lang: &Option<String>) -> String {
        match lang.as_deref().map(str::trim) {
            None | Some("") | Some("nl") => "nl".into(),
            Some("en") => "en".into(),
            Some(other) => {
                c.push(
                    "lang",
                    format!("Onbekende taal '{other}'; kies nl of en."),
                    format!("Unknown language '{other}'; choose nl or en."),
                );
                "nl".into()
            }
        }
    }

    /// Invites a person of a case (lead coordinators only, by the policy). When the address
    /// already belongs to a parent account, that account is linked at once.
    pub async fn invite_person(
        &self,
        actor: &Actor,
        id: &str,
        input: &InviteInput,
    ) -> Result<InvitationView> {
        let (case, _, _) = self.load_for(actor, id, CaseAction::Invite).await?;
        let mut c = Check::default();
        let person_id = if input.person_id.trim().is_empty() {
            c.push(
                "person_id",
                "Kies de persoon die u uitnodigt.",
                "Choose the person you invite.",
            );
            String::new()
        } else {
            c.id("person_id", &input.person_id)
        };
        let lang = Self::lang_code(&mut c, &input.lang);
        let typed = c.email("email", &input.email);
        c.finish()?;
        let person = invitee(&case, &person_id)?;
        let Some(email) = typed.or_else(|| person.contact.email.clone().map(|e| e.to_lowercase()))
        else {
            return Err(AppError::invalid(
                "email",
                "Vul het e-mailadres in waar de uitnodiging heen moet.",
                "Fill in the e-mail address the invitation goes to.",
            ));
        };
        if self
            .store
            .case_accounts(id)
            .await?
            .iter()
            .any(|l| l.person_id == person.id.0)
        {
            return Err(AppError::invalid(
                "person_id",
                "Deze persoon heeft al een account.",
                "This person has an account already.",
            ));
        }
        let now = self.now().as_millisecond();
        let mut row = InvitationRow {
            id: crate::new_id(),
            token_hash: String::new(),
            email: email.clone(),
            name: person.name.clone(),
            role: Role::Parent.as_str().into(),
            org_id: case.organisation.0.clone(),
            case_id: Some(case.id.0.clone()),
            person_id: Some(person.id.0.clone()),
            lang,
            invited_by: actor.user_id.0.clone(),
            created_at: now,
            expires_at: now + VALID_DAYS * 24 * 3600 * 1000,
            accepted_at: None,
            user_id: None,
        };
        if let Some(existing) = self.store.user_by_email(&email).await? {
            if existing.role != Role::Parent.as_str() || !existing.active {
                return Err(AppError::invalid(
                    "email",
                    "Dit adres hoort bij een ander soort account; kies een ander adres.",
                    "This address belongs to another kind of account; choose another address.",
                ));
            }
            // A parent who has an account already (another case): link it, and tell them.
            self.link_existing_parent(&case, person, &existing, &mut row)
                .await?;
        } else {
            let (secret, hash) = new_secret();
            row.token_hash = hash;
            let mail = invitation_mail(
                &email,
                &person.name,
                &self.link_for(&secret),
                false,
                Some(&case.reference),
            );
            self.store.insert_invitation(&row, &mail).await?;
        }
        self.audit(Audit {
            actor: Some(actor),
            action: "invite",
            case: Some(id),
            detail: format!("person {} ({})", person.id, row.id),
            allowed: true,
        })
        .await?;
        Ok(view(&row, now))
    }

    /// Links a parent's existing account to the case (the invitation stored as accepted) and
    /// tells them by mail that they see the case now too.
    async fn link_existing_parent(
        &self,
        case: &Case,
        person: &Person,
        existing: &UserRow,
        row: &mut InvitationRow,
    ) -> Result<()> {
        let now = row.created_at;
        let email = row.email.clone();
        self.store
            .link_case_account(&CaseAccountRow {
                case_id: case.id.0.clone(),
                person_id: person.id.0.clone(),
                user_id: existing.id.clone(),
                created_at: now,
            })
            .await
            .map_err(|e| match e {
                StoreError::Duplicate(_) => AppError::invalid(
                    "person_id",
                    "Deze persoon heeft al een account.",
                    "This person has an account already.",
                ),
                e => e.into(),
            })?;
        let (_, hash) = new_secret();
        row.token_hash = format!("linked:{hash}");
        row.accepted_at = Some(now);
        row.user_id = Some(existing.id.clone());
        let link = format!(
            "{}/mijn-omgang",
            self.settings.public_url.trim_end_matches('/')
        );
        let mail = OutboxMail {
            id: crate::new_id(),
            dedupe_key: format!("linked:{}:{}", case.id, person.id),
            to_address: email,
            subject: format!(
                "Nieuw dossier in omgang / New case in omgang ({})",
                case.reference
            ),
            body: format!(
                "Beste {0},\n\nU ziet dossier {1} nu ook in omgang, met uw bestaande account:\n\n{link}\n\n---\n\nDear {0},\n\nYou now see case {1} in omgang too, with your existing account:\n\n{link}\n",
                person.name, case.reference
            ),
            case_id: Some(case.id.0.clone()),
        };
        self.store.insert_invitation(row, &mail).await?;
        Ok(())
    }

    /// The invitations of a case (lead coordinators).
    pub async fn case_invitations(&self, actor: &Actor, id: &str) -> Result<Vec<InvitationView>> {
        let _ = self.load_for(actor, id, CaseAction::Invite).await?;
        let now = self.now().as_millisecond();
        let rows = self.store.invitations_of_case(id).await?;
        self.audit(Audit {
            actor: Some(actor),
            action: "read_invitations",
            case: Some(id),
            detail: format!("{} invitation(s)", rows.len()),
            allowed: true,
        })
        .await?;
        Ok(rows.iter().map(|r| view(r, now)).collect())
    }

    /// Invites a referrer or a partner organisation's staff member (coordinators).
    pub async fn invite_staff(
        &self,
        actor: &Actor,
        input: &StaffInviteInput,
    ) -> Result<InvitationView> {
        let mut c = Check::default();
        let name = c.line("name", &input.name);
        if input.email.trim().is_empty() {
            c.push(
                "email",
                "Vul het e-mailadres in.",
                "Fill in the e-mail address.",
            );
        }
        let email = c.email("email", &Some(input.email.clone()));
        let role = match input.role.trim() {
            "referrer" => Some(Role::Referrer),
            "partner_staff" => Some(Role::PartnerStaff),
            "" => {
                c.push(
                    "role",
                    "Kies de rol: verwijzer of medewerker van een partnerorganisatie.",
                    "Choose the role: referrer or partner organisation staff.",
                );
                None
            }
            other => {
                c.push(
                    "role",
                    format!("Onbekende rol '{other}'; kies referrer of partner_staff."),
                    format!("Unknown role '{other}'; choose referrer or partner_staff."),
                );
                None
            }
        };
        let org_id = if input.organisation_id.trim().is_empty() {
            c.push(
                "organisation_id",
                "Kies de organisatie waar de persoon werkt.",
                "Choose the organisation the person works at.",
            );
            String::new()
        } else {
            c.id("organisation_id", &input.organisation_id)
        };
        let lang = Self::lang_code(&mut c, &input.lang);
        c.finish()?;
        let (Some(email), Some(role)) = (email, role) else {
            return Err(AppError::Internal("validated fields missing".into()));
        };
        if !policy::may_org(actor, &OrgId(org_id.clone()), OrgAction::InviteStaff) {
            self.audit(Audit {
                actor: Some(actor),
                action: "invite_staff",
                case: None,
                detail: format!("org {org_id}"),
                allowed: false,
            })
            .await?;
            return Err(AppError::Forbidden);
        }
        let org = match self.store.organisation(&org_id).await {
            Ok(o) => o,
            Err(StoreError::NotFound) => {
                return Err(AppError::invalid(
                    "organisation_id",
                    "Onbekende organisatie.",
                    "Unknown organisation.",
                ));
            }
            Err(e) => return Err(e.into()),
        };
        let fits = match role {
            Role::Referrer => matches!(org.kind.as_str(), "referrer" | "municipality"),
            _ => org.kind == "partner",
        };
        if !fits {
            return Err(AppError::invalid(
                "organisation_id",
                "Deze organisatie past niet bij de rol: een verwijzer werkt bij een verwijzer of gemeente, partnerpersoneel bij een partnerorganisatie.",
                "This organisation does not fit the role: a referrer works at a referrer or municipality, partner staff at a partner organisation.",
            ));
        }
        if self.store.user_by_email(&email).await?.is_some() {
            return Err(AppError::invalid(
                "email",
                "Er is al een account met dit e-mailadres.",
                "There is an account with this e-mail address already.",
            ));
        }
        let (secret, hash) = new_secret();
        let now = self.now().as_millisecond();
        let row = InvitationRow {
            id: crate::new_id(),
            token_hash: hash,
            email: email.clone(),
            name: name.clone(),
            role: role.as_str().into(),
            org_id: org.id.clone(),
            case_id: None,
            person_id: None,
            lang,
            invited_by: actor.user_id.0.clone(),
            created_at: now,
            expires_at: now + VALID_DAYS * 24 * 3600 * 1000,
            accepted_at: None,
            user_id: None,
        };
        let mail = invitation_mail(&email, &name, &self.link_for(&secret), true, None);
        self.store.insert_invitation(&row, &mail).await?;
        self.audit(Audit {
            actor: Some(actor),
            action: "invite_staff",
            case: None,
            detail: format!("{} at {} ({})", role.as_str(), org.id, row.id),
            allowed: true,
        })
        .await?;
        Ok(view(&row, now))
    }

    /// The invitations of referrers and partner staff this coordinator sent, newest first.
    pub async fn staff_invitations(&self, actor: &Actor) -> Result<Vec<InvitationView>> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::InviteStaff) {
            return Err(AppError::Forbidden);
        }
        let now = self.now().as_millisecond();
        let rows = self.store.staff_invitations_by(&actor.user_id.0).await?;
        Ok(rows.iter().map(|r| view(r, now)).collect())
    }

    /// The organisations a referrer (referrer, municipality) or a partner organisation's staff
    /// member (partner) can be invited to, for the invitation form: `(id, name, kind)`.
    pub async fn staff_invitation_organisations(
        &self,
        actor: &Actor,
    ) -> Result<Vec<(String, String, String)>> {
        let mut out = Vec::new();
        for o in self.store.organisations().await? {
            if matches!(o.kind.as_str(), "referrer" | "municipality" | "partner")
                && policy::may_org(actor, &OrgId(o.id.clone()), OrgAction::InviteStaff)
            {
                out.push((o.id, o.name, o.kind));
            }
        }
        Ok(out)
    }

    /// What the accept page shows: None when the link is unknown, used or expired.
    pub async fn invitation_info(
        &self,
        token: &str,
        lang: omgang_domain::text::Lang,
    ) -> Result<Option<InvitationInfo>> {
        let now = self.now().as_millisecond();
        let Some(row) = self
            .store
            .invitation_by_hash(&secret_hash(token.trim()))
            .await?
            .filter(|r| r.accepted_at.is_none() && r.expires_at > now)
        else {
            return Ok(None);
        };
        let role = Role::parse(&row.role).unwrap_or(Role::Parent);
        Ok(Some(InvitationInfo {
            name: row.name,
            email: row.email,
            role: role.as_str().into(),
            role_label: role.label(lang).into(),
            second_factor_required: self.settings.two_factor_required && role != Role::Parent,
        }))
    }

    /// Accepts an invitation: checks the password, makes the account (linked to the person of
    /// the case), and signs in — a full session for a parent, a session that can only set up
    /// the second factor for a professional where that is required.
    pub async fn accept_invitation(
        &self,
        input: &AcceptInput,
        ip: Option<String>,
    ) -> Result<SignIn> {
        let mut c = Check::default();
        if input.token.trim().is_empty() {
            c.push(
                "token",
                "De link is niet compleet; open de link uit de e-mail opnieuw.",
                "The link is incomplete; open the link from the e-mail again.",
            );
        }
        if let Some((nl, en)) = check_password(&input.password) {
            c.push("password", nl, en);
        } else if input
            .password_again
            .as_deref()
            .is_some_and(|again| again != input.password)
        {
            c.push(
                "password_again",
                "De twee wachtwoorden zijn niet gelijk.",
                "The two passwords differ.",
            );
        }
        c.finish()?;
        let hash = secret_hash(input.token.trim());
        let expired = || {
            AppError::invalid(
                "token",
                "Deze uitnodiging is verlopen of al gebruikt; vraag de coördinator om een nieuwe.",
                "This invitation has expired or was used already; ask the coordinator for a new one.",
            )
        };
        let row = self
            .store
            .invitation_by_hash(&hash)
            .await?
            .ok_or_else(expired)?;
        // Now that it is known whose account this is: not their own name or address.
        let personal = crate::auth::personal_words(&row.name, &row.email);
        if let Some((nl, en)) = crate::auth::check_password_for(&input.password, &personal) {
            return Err(AppError::Invalid(vec![crate::FieldError::new(
                "password", nl, en,
            )]));
        }
        let now = self.now().as_millisecond();
        let user = UserRow {
            id: crate::new_id(),
            org_id: row.org_id.clone(),
            email: row.email.clone(),
            name: row.name.clone(),
            role: row.role.clone(),
            password_hash: hash_password(&input.password)?,
            is_volunteer: false,
            vog_issued_on: None,
            training_completed_on: None,
            active: true,
            lang: if row.lang == "en" { "en" } else { "nl" }.into(),
            created_at: now,
        };
        let accepted = match self.store.accept_invitation(&hash, &user, now).await {
            Ok(r) => r,
            Err(StoreError::NotFound) => return Err(expired()),
            Err(StoreError::Duplicate(_)) => {
                return Err(AppError::invalid(
                    "token",
                    "Er is al een account met dit e-mailadres; meld u daarmee aan.",
                    "There is an account with this e-mail address already; sign in with it.",
                ));
            }
            Err(e) => return Err(e.into()),
        };
        self.audit(Audit {
            actor: None,
            action: "invitation_accepted",
            case: accepted.case_id.as_deref(),
            detail: format!(
                "{} as {} from {}",
                user.id,
                user.role,
                ip.clone().unwrap_or_default()
            ),
            allowed: true,
        })
        .await?;
        self.login_with_code(
            &LoginInput {
                email: user.email.clone(),
                password: input.password.clone(),
            },
            None,
            ip,
        )
        .await
    }
}

/// The person of the case invited (by id): a parent, guardian or foster carer.
fn invitee<'a>(case: &'a Case, person_id: &str) -> Result<&'a Person> {
    let person = case
        .people
        .iter()
        .find(|p| p.id.0 == person_id)
        .ok_or_else(|| {
            AppError::invalid(
                "person_id",
                "Deze persoon hoort niet bij dit dossier.",
                "This person is not part of this case.",
            )
        })?;
    if !(person.role.is_parent()
        || matches!(
            person.role,
            PersonRole::Guardian | PersonRole::FosterCarer | PersonRole::ResidentialGroup
        ))
    {
        return Err(AppError::invalid(
            "person_id",
            "Alleen ouders, voogden en pleegouders krijgen een account in het ouderportaal.",
            "Only parents, guardians and foster carers get an account in the parent portal.",
        ));
    }
    Ok(person)
}
