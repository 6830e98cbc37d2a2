//! Forgotten passwords: a link by e-mail that works once, for an hour. Asking never tells
//! whether an account exists; using it ends every session of the account.

use omgang_store::OutboxMail;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::{
    check_password, check_password_for, hash_password, new_secret, personal_words, secret_hash,
};
use crate::{App, AppError, Audit, Result};

const VALID_MINUTES: i64 = 60;

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    pub email: String,
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetConfirm {
    /// The secret from the link in the e-mail.
    pub token: String,
    pub password: String,
}

impl App {
    /// Queues a reset link for the account with this address, if there is one. `base_url` is
    /// where the link points (e.g. `https://omgang.example`).
    pub async fn request_password_reset(
        &self,
        input: &ResetRequest,
        base_url: &str,
        ip: Option<String>,
    ) -> Result<()> {
        let email = input.email.trim().to_lowercase();
        let Some(user) = self.store.user_by_email(&email).await?.filter(|u| u.active) else {
            self.audit(Audit {
                actor: None,
                action: "password_reset_requested",
                case: None,
                detail: format!("no account, from {}", ip.unwrap_or_default()),
                allowed: false,
            })
            .await?;
            return Ok(());
        };
        let (secret, hash) = new_secret();
        let now = self.now().as_millisecond();
        let link = format!(
            "{}/wachtwoord/nieuw?token={secret}",
            base_url.trim_end_matches('/')
        );
        let mail = OutboxMail {
            id: crate::new_id(),
            dedupe_key: format!("password-reset:{hash}"),
            to_address: user.email.clone(),
            subject: "Nieuw wachtwoord instellen / Set a new password".into(),
            body: format!(
                "Iemand vroeg een nieuw wachtwoord aan voor uw account bij omgang. Was u dat, open dan binnen een uur deze link:\n\n{link}\n\nWas u het niet? Dan hoeft u niets te doen.\n\n---\n\nSomeone asked for a new password for your omgang account. If that was you, open this link within an hour:\n\n{link}\n\nIf it was not you, you need not do anything.\n"
            ),
            case_id: None,
        };
        self.store
            .insert_password_reset(&hash, &user.id, now, now + VALID_MINUTES * 60_000, &mail)
            .await?;
        self.audit(Audit {
            actor: None,
            action: "password_reset_requested",
            case: None,
            detail: user.id.clone(),
            allowed: true,
        })
        .await
    }

    /// Whether a reset link's secret still works (unused, not expired); it is not used up.
    pub async fn password_reset_valid(&self, token: &str) -> Result<bool> {
        let now = self.now().as_millisecond();
        Ok(self
            .store
            .password_reset_user(&secret_hash(token.trim()), now)
            .await?
            .is_some())
    }

    /// Sets a new password with a reset link's secret; ends every session of the account.
    /// A refused password leaves the link usable.
    pub async fn reset_password(&self, input: &ResetConfirm) -> Result<()> {
        if let Some((nl, en)) = check_password(&input.password) {
            return Err(AppError::Invalid(vec![crate::FieldError::new(
                "password", nl, en,
            )]));
        }
        let now = self.now().as_millisecond();
        let hash = secret_hash(input.token.trim());
        let expired = || {
            AppError::invalid(
                "token",
                "Deze link is verlopen of al gebruikt; vraag een nieuwe aan.",
                "This link has expired or was used already; ask for a new one.",
            )
        };
        // Not the account's own name or address: checked before the link is used up.
        let owner = self
            .store
            .password_reset_user(&hash, now)
            .await?
            .ok_or_else(expired)?;
        let owner = self.store.user(&owner).await?;
        let personal = personal_words(&owner.name, &owner.email);
        if let Some((nl, en)) = check_password_for(&input.password, &personal) {
            return Err(AppError::Invalid(vec![crate::FieldError::new(
                "password", nl, en,
            )]));
        }
        let user_id = self
            .store
            .use_password_reset(&hash, now)
            .await?
            .ok_or_else(expired)?;
        let mut user = self.store.user(&user_id).await?;
        user.password_hash = hash_password(&input.password)?;
        self.store.update_user(&user).await?;
        self.store.delete_user_sessions(&user.id).await?;
        self.audit(Audit {
            actor: None,
            action: "password_reset",
            case: None,
            detail: user.id,
            allowed: true,
        })
        .await
    }
}
