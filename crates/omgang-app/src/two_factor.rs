//! Two-factor sign-in with TOTP (RFC 6238): enrolment with a QR code, one-time recovery codes,
//! and a sign-in that asks for the code. Staff must enrol when the setting requires it: their
//! password alone gives only a session that can enrol, nothing else.

use rand::RngCore;
use serde::{Deserialize, Serialize};
use totp_rs::{Builder, Totp};
use utoipa::ToSchema;

use crate::auth::{LoginInput, actor_from, new_secret, secret_hash};
use crate::policy::{Actor, Role};
use crate::{App, AppError, Audit, Result};

/// How a sign-in ended.
#[derive(Clone, Debug)]
pub enum SignIn {
    /// A full session (its secret, for the cookie).
    Session(String, Actor),
    /// Password right, but two-factor sign-in must be set up first: a session that can only
    /// enrol (its secret, for the cookie).
    Enrol(String, Actor),
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Enrolment {
    /// For an authenticator app: `otpauth://totp/...`.
    pub otpauth_url: String,
    /// The same, as an SVG QR code to scan.
    pub qr_svg: String,
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeInput {
    /// The 6-digit code from the authenticator app.
    pub code: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RecoveryCodes {
    /// Shown once. Each works once instead of a code, when the phone is lost.
    pub recovery_codes: Vec<String>,
}

const RECOVERY_CODES: usize = 10;

fn totp(secret: Vec<u8>, account: &str) -> Result<Totp> {
    Builder::new()
        .with_secret(secret)
        .with_account_name(account)
        .with_issuer(Some("omgang"))
        .build()
        .map_err(|e| AppError::Internal(format!("totp: {e}")))
}

fn recovery_code() -> String {
    let mut bytes = [0u8; 5];
    rand::rng().fill_bytes(&mut bytes);
    let hex = hex::encode(bytes);
    format!("{}-{}", &hex[..5], &hex[5..])
}

fn normalise(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

impl App {
    fn now_secs(&self) -> u64 {
        u64::try_from(self.now().as_second()).unwrap_or(0)
    }

    fn secret_bytes(&self, sealed: &str) -> Result<Vec<u8>> {
        hex::decode(self.keyring.open(sealed)?)
            .map_err(|_| AppError::Internal("damaged TOTP secret".into()))
    }

    /// Signs in with password and, where set up, the second factor.
    pub async fn login_with_code(
        &self,
        input: &LoginInput,
        code: Option<&str>,
        ip: Option<String>,
    ) -> Result<SignIn> {
        let user = self.check_password_for_login(input, ip.clone()).await?;
        let actor = actor_from(&user, ip.clone()).ok_or(AppError::Unauthenticated)?;
        let state = self.store.totp_state(&user.id).await?;
        if let Some(sealed) = &state.secret {
            let Some(code) = code.map(normalise).filter(|c| !c.is_empty()) else {
                return Err(AppError::SecondFactorRequired);
            };
            let totp = totp(self.secret_bytes(sealed)?, &user.email)?;
            let accepted = match totp.check(&code, self.now_secs()) {
                Some(step) => {
                    self.store
                        .use_totp_step(&user.id, i64::try_from(step).unwrap_or(i64::MAX))
                        .await?
                }
                None => {
                    self.store
                        .use_recovery_code(
                            &user.id,
                            &secret_hash(&code),
                            self.now().as_millisecond(),
                        )
                        .await?
                }
            };
            if !accepted {
                self.login_failed(&user.email, ip, "wrong second factor")
                    .await?;
                return Err(AppError::Unauthenticated);
            }
            return Ok(SignIn::Session(
                self.open_session(&user.id, &actor).await?,
                actor,
            ));
        }
        if self.settings.two_factor_required && actor.role != Role::Parent {
            let (secret, hash) = new_secret();
            let now = self.now().as_millisecond();
            self.store
                .insert_pending_session(&hash, &user.id, now, now + 30 * 60_000)
                .await?;
            self.audit(Audit {
                actor: Some(&actor),
                action: "login",
                case: None,
                detail: "two-factor enrolment required".into(),
                allowed: true,
            })
            .await?;
            return Ok(SignIn::Enrol(secret, actor));
        }
        Ok(SignIn::Session(
            self.open_session(&user.id, &actor).await?,
            actor,
        ))
    }

    /// The actor of a session that waits for two-factor enrolment.
    pub async fn actor_from_pending_session(
        &self,
        secret: &str,
        ip: Option<String>,
    ) -> Result<Option<Actor>> {
        let Some(user_id) = self
            .store
            .pending_session_user(&secret_hash(secret), self.now().as_millisecond())
            .await?
        else {
            return Ok(None);
        };
        let user = self.store.user(&user_id).await?;
        Ok(actor_from(&user, ip).filter(|_| user.active))
    }

    /// Starts enrolment: a new secret, shown as a QR code, active once confirmed.
    pub async fn enrol_totp(&self, actor: &Actor) -> Result<Enrolment> {
        let user = self.store.user(actor.user_id.as_str()).await?;
        let mut secret = vec![0u8; 20];
        rand::rng().fill_bytes(&mut secret);
        let totp = totp(secret.clone(), &user.email)?;
        self.store
            .set_totp_pending(&user.id, &self.keyring.seal(&hex::encode(&secret))?)
            .await?;
        let otpauth_url = totp
            .to_url()
            .map_err(|e| AppError::Internal(format!("totp url: {e}")))?;
        let qr = qrcode::QrCode::new(otpauth_url.as_bytes())
            .map_err(|e| AppError::Internal(format!("qr: {e}")))?;
        let qr_svg = qr
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(200, 200)
            .build();
        self.audit(Audit {
            actor: Some(actor),
            action: "enrol_two_factor",
            case: None,
            detail: String::new(),
            allowed: true,
        })
        .await?;
        Ok(Enrolment {
            otpauth_url,
            qr_svg,
        })
    }

    /// Confirms enrolment with a first code. Returns the recovery codes and, for a session that
    /// waited for this, the secret of the new full session (the old one ends: a new id at
    /// every change of privilege).
    pub async fn confirm_totp(
        &self,
        actor: &Actor,
        input: &CodeInput,
        pending: Option<&str>,
    ) -> Result<(RecoveryCodes, Option<String>)> {
        let user = self.store.user(actor.user_id.as_str()).await?;
        let state = self.store.totp_state(&user.id).await?;
        let sealed = state.pending.ok_or_else(|| {
            AppError::invalid(
                "code",
                "Start eerst het instellen van de tweede stap.",
                "Start setting up the second factor first.",
            )
        })?;
        let totp = totp(self.secret_bytes(&sealed)?, &user.email)?;
        let step = totp
            .check(&normalise(&input.code), self.now_secs())
            .ok_or_else(|| {
                AppError::invalid(
                    "code",
                    "Deze code klopt niet; probeer de nieuwste code.",
                    "This code is not right; try the newest code.",
                )
            })?;
        let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| recovery_code()).collect();
        let hashes: Vec<String> = codes.iter().map(|c| secret_hash(c)).collect();
        self.store
            .enable_totp(
                &user.id,
                &sealed,
                i64::try_from(step).unwrap_or(i64::MAX),
                &hashes,
            )
            .await?;
        let session = match pending {
            Some(old) => {
                self.store.delete_auth_session(&secret_hash(old)).await?;
                Some(self.open_session(&user.id, actor).await?)
            }
            None => None,
        };
        self.audit(Audit {
            actor: Some(actor),
            action: "confirm_two_factor",
            case: None,
            detail: String::new(),
            allowed: true,
        })
        .await?;
        Ok((
            RecoveryCodes {
                recovery_codes: codes,
            },
            session,
        ))
    }

    /// The current code for a user (tests and the operator's own checks only).
    pub async fn current_totp_code(&self, user_id: &str, pending: bool) -> Result<String> {
        let user = self.store.user(user_id).await?;
        let state = self.store.totp_state(user_id).await?;
        let sealed =
            if pending { state.pending } else { state.secret }.ok_or(AppError::NotFound)?;
        Ok(totp(self.secret_bytes(&sealed)?, &user.email)?
            .generate(self.now_secs())
            .to_string())
    }
}
