//! Sign-in: passwords (argon2id), server-side sessions, personal API tokens.
//!
//! Session ids and tokens are random 256-bit values; only their SHA-256 is stored, so a
//! copy of the database does not let anyone sign in.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use omgang_domain::ids::{OrgId, UserId};
use omgang_domain::text::Lang;
use omgang_store::{TokenRow, UserRow};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::policy::{Actor, Role};
use crate::{App, AppError, Audit, Result};

pub fn hash_password(password: &str) -> Result<String> {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| AppError::Internal(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(e.to_string()))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Failed sign-ins within [`LOCKOUT_MINUTES`] that lock an account for the rest of that time.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// Failed sign-ins from one address within [`LOCKOUT_MINUTES`] that lock the address.
pub const MAX_FAILURES_PER_ADDRESS: i64 = 30;
pub const LOCKOUT_MINUTES: i64 = 15;

/// A hash that takes as long to check as a real one, for unknown accounts.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("no account has this password").unwrap_or_default())
}

/// A new random secret (hex) and its stored hash.
pub fn new_secret() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let secret = hex::encode(bytes);
    let hash = secret_hash(&secret);
    (secret, hash)
}

pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Dutch words (and places, clubs, months, days) that people build passwords from. The
/// estimator's own lists (zxcvbn: the most common passwords, names and English words) do not
/// know them, so they are passed as extra words that count as easy to guess.
const DUTCH_WORDS: &[&str] = &[
    "wachtwoord",
    "welkom",
    "geheim",
    "hallo",
    "liefde",
    "schat",
    "schatje",
    "prinses",
    "voetbal",
    "ajax",
    "feyenoord",
    "psv",
    "oranje",
    "nederland",
    "holland",
    "amsterdam",
    "rotterdam",
    "utrecht",
    "denhaag",
    "eindhoven",
    "zomer",
    "winter",
    "lente",
    "herfst",
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "begeleiding",
    "omgangshuis",
    "kinderen",
    "gezin",
    "familie",
    "mama",
    "papa",
    "oma",
    "opa",
    "poes",
    "hond",
    "konijn",
    "fiets",
    "wachtwoord01",
    "welkom01",
    "welkom123",
    "geheim123",
    "qwerty",
    "azerty",
];

/// The password rules, with a message (Dutch, English) when a password breaks them.
pub fn check_password(password: &str) -> Option<(String, String)> {
    check_password_for(password, &[])
}

/// The words of a user's name and of their e-mail address before the `@` (the part after
/// it is the organisation's, shared by colleagues), for [`check_password_for`]. Words
/// shorter than four characters are left out.
pub fn personal_words(name: &str, email: &str) -> Vec<String> {
    let local = email.split('@').next().unwrap_or_default();
    let mut words: Vec<String> = vec![name.to_lowercase(), local.to_lowercase()];
    words.extend(
        name.split(|c: char| !c.is_alphanumeric())
            .chain(local.split(|c: char| !c.is_alphanumeric()))
            .map(str::to_lowercase),
    );
    words.retain(|w| w.chars().count() >= 4);
    words.sort();
    words.dedup();
    words
}

/// The password rules: at least [`MIN_PASSWORD_CHARS`] characters and hard to guess — the
/// zxcvbn estimate must reach score 3 (about 10^8 guesses or more), counting the most common
/// passwords, names and words, Dutch words, and the user's own name and e-mail address
/// (`personal`, see [`personal_words`]) as easy. Returns the message (Dutch, English) that
/// says what to do instead.
pub fn check_password_for(password: &str, personal: &[String]) -> Option<(String, String)> {
    const COMMON_PREFIXES: &[&str] = &[
        "wachtwoord",
        "password",
        "welkom",
        "qwerty",
        "123456",
        "letmein",
        "omgang",
    ];
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Some((
            format!(
                "Kies een wachtwoord van minstens {MIN_PASSWORD_CHARS} tekens, bijvoorbeeld vier losse woorden met spaties ertussen."
            ),
            format!(
                "Choose a password of at least {MIN_PASSWORD_CHARS} characters, for example four unrelated words with spaces between them."
            ),
        ));
    }
    let lower = password.to_lowercase();
    if personal.iter().any(|w| lower.contains(w.as_str())) {
        return Some((
            "Gebruik uw naam of e-mailadres niet in uw wachtwoord; kies vier of meer losse woorden die niets met u te maken hebben.".into(),
            "Do not use your name or e-mail address in your password; choose four or more unrelated words that have nothing to do with you.".into(),
        ));
    }
    // The estimate's time grows with the length; the first 100 characters decide.
    let head: String = password.chars().take(100).collect();
    let mut inputs: Vec<&str> = DUTCH_WORDS.to_vec();
    inputs.extend(personal.iter().map(String::as_str));
    let score = zxcvbn::zxcvbn(&head, &inputs).score();
    let prefix_only = COMMON_PREFIXES
        .iter()
        .any(|c| lower.starts_with(c) && lower.len() < c.len() + 6);
    if score < zxcvbn::Score::Three || prefix_only {
        return Some((
            "Dit wachtwoord komt te vaak voor of is te makkelijk te raden (een bekend woord met cijfers of tekens erachter, een reeks op het toetsenbord, een jaartal). Kies een zin van vier of meer losse woorden die niet bij elkaar horen, bijvoorbeeld ‘fiets lamp wolk zeven’ (niet dit voorbeeld).".into(),
            "This password is too common or too easy to guess (a known word with digits or symbols after it, a keyboard pattern, a year). Choose a phrase of four or more unrelated words, for example ‘bicycle lamp cloud seven’ (not this example).".into(),
        ));
    }
    None
}

#[cfg(test)]
mod password_tests {
    use super::*;

    #[test]
    fn common_passwords_are_refused() {
        for p in [
            "Welkom01!",
            "password123",
            "omgang2026",
            "Wachtwoord2026!",
            "welkom01welkom01",
            "Password123456",
            "qwertyuiop123",
            "123456789012",
            "Feyenoord2026!",
            "aaaaaaaaaaaaaaaa",
        ] {
            assert!(check_password(p).is_some(), "{p} was accepted");
        }
    }

    #[test]
    fn a_long_random_passphrase_is_accepted() {
        for p in [
            "fiets lamp wolk zeven tegel",
            "Kw9!vQz3-mLp7#xR",
            "een lang genoeg wachtwoord",
            // used by the demo and the other test suites
            "omgang-demo-2026",
            "omgang-bench-2026",
            "lange-test-zin-2026",
            "a long enough password",
            "correct horse battery",
            "correct-horse-battery-staple",
        ] {
            assert_eq!(check_password(p), None, "{p} was refused");
        }
    }

    #[test]
    fn the_users_own_name_and_address_are_refused() {
        let me = personal_words("Fatima de Vries", "f.devries@kwadraad.example");
        assert!(check_password_for("fatima de vries 1988!", &me).is_some());
        assert!(check_password_for("devries-balkon-paraplu", &me).is_some());
        // The organisation's domain is not personal.
        assert_eq!(
            check_password_for("kwadraad balkon paraplu tegel", &me),
            None
        );
        assert_eq!(check_password_for("fiets lamp wolk zeven tegel", &me), None);
    }

    #[test]
    fn messages_say_what_to_do_in_both_languages() {
        let (nl, en) = check_password("password123456").unwrap_or_default();
        assert!(nl.contains("vier of meer losse woorden"), "{nl}");
        assert!(en.contains("four or more unrelated words"), "{en}");
        let (nl, en) = check_password("kort").unwrap_or_default();
        assert!(nl.contains("minstens 12 tekens"), "{nl}");
        assert!(en.contains("at least 12 characters"), "{en}");
    }
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginInput {
    pub email: String,
    pub password: String,
}

/// Sign-in over the API: e-mail, password and, once set up, the code of the second factor.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
    /// The 6-digit code from the authenticator app, or a recovery code.
    #[serde(default)]
    pub code: Option<String>,
}

/// Who is signed in.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Me {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub role_label: String,
    pub organisation_id: String,
    pub organisation_name: String,
    /// nl or en
    pub lang: String,
    /// on, off, or enrolment_required (this session can only set it up)
    pub second_factor: String,
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenInput {
    pub name: String,
    /// Days until it expires (1 to 365).
    #[serde(default = "thirty")]
    pub days: u32,
    /// `read` (only GET requests) or `full` (default: everything you may do).
    #[serde(default)]
    pub scope: Option<String>,
}

/// A token that may only read.
pub const TOKEN_READ: &str = "read";
/// A token that may do everything its user may.
pub const TOKEN_FULL: &str = "full";

fn thirty() -> u32 {
    30
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct NewToken {
    pub id: String,
    /// Shown once; send it as `Authorization: Bearer <token>`.
    pub token: String,
    pub expires_at: String,
}

pub fn actor_from(user: &UserRow, ip: Option<String>) -> Option<Actor> {
    Some(Actor {
        user_id: UserId(user.id.clone()),
        org_id: OrgId(user.org_id.clone()),
        role: Role::parse(&user.role)?,
        name: user.name.clone(),
        ip,
        lang: if user.lang == "en" {
            Lang::En
        } else {
            Lang::Nl
        },
        system: false,
        directory_version: None,
    })
}

impl App {
    /// Checks the password and opens a session. Returns the session secret (for the cookie).
    /// Unknown e-mail and wrong password give the same answer in the same time.
    /// Signs in with e-mail and password, for users without a second factor. Users with one
    /// sign in through [`App::login_with_code`].
    pub async fn login(&self, input: &LoginInput, ip: Option<String>) -> Result<(String, Actor)> {
        match self.login_with_code(input, None, ip).await? {
            crate::two_factor::SignIn::Session(secret, actor) => Ok((secret, actor)),
            crate::two_factor::SignIn::Enrol(..) => Err(AppError::EnrolmentRequired),
        }
    }

    /// Throttling, the password check and its audit. Unknown e-mail and wrong password give
    /// the same answer in the same time.
    pub(crate) async fn check_password_for_login(
        &self,
        input: &LoginInput,
        ip: Option<String>,
    ) -> Result<UserRow> {
        let email = input.email.trim().to_lowercase();
        let address = ip.clone().unwrap_or_default();
        let now = self.now().as_millisecond();
        // Throttle per account and per address, the same for unknown accounts, so the answer
        // never tells whether an account exists.
        let window = now - LOCKOUT_MINUTES * 60_000;
        let (by_email, by_ip) = self
            .store
            .failed_logins_since(&email, &address, window)
            .await?;
        if by_email >= MAX_FAILURES_PER_ACCOUNT || by_ip >= MAX_FAILURES_PER_ADDRESS {
            self.audit(Audit {
                actor: None,
                action: "login",
                case: None,
                detail: format!("throttled from {address}"),
                allowed: false,
            })
            .await?;
            return Err(AppError::Throttled);
        }
        let user = self.store.user_by_email(&email).await?;
        let ok = match &user {
            Some(u) => verify_password(&input.password, &u.password_hash) && u.active,
            None => {
                verify_password(&input.password, dummy_hash());
                false
            }
        };
        match user {
            Some(user) if ok && actor_from(&user, None).is_some() => {
                self.store
                    .record_login_attempt(&crate::new_id(), &email, &address, now, true)
                    .await?;
                Ok(user)
            }
            _ => {
                self.login_failed(&email, ip, "wrong e-mail or password")
                    .await?;
                Err(AppError::Unauthenticated)
            }
        }
    }

    /// Records a failed sign-in (it counts towards the lockout).
    pub(crate) async fn login_failed(
        &self,
        email: &str,
        ip: Option<String>,
        why: &str,
    ) -> Result<()> {
        let address = ip.unwrap_or_default();
        let now = self.now().as_millisecond();
        self.store
            .record_login_attempt(
                &crate::new_id(),
                &email.trim().to_lowercase(),
                &address,
                now,
                false,
            )
            .await?;
        self.audit(Audit {
            actor: None,
            action: "login",
            case: None,
            detail: format!("failed from {address}: {why}"),
            allowed: false,
        })
        .await
    }

    /// A new full session (a new id at every sign-in). Returns its secret.
    pub(crate) async fn open_session(&self, user_id: &str, actor: &Actor) -> Result<String> {
        let (secret, hash) = new_secret();
        let now = self.now().as_millisecond();
        let expires = now + self.settings.session_absolute_hours * 3_600_000;
        self.store
            .insert_auth_session(&hash, user_id, now, expires)
            .await?;
        self.audit(Audit {
            actor: Some(actor),
            action: "login",
            case: None,
            detail: String::new(),
            allowed: true,
        })
        .await?;
        Ok(secret)
    }

    /// Ends every session of the actor (sign out everywhere).
    pub async fn logout_everywhere(&self, actor: &Actor) -> Result<u64> {
        let n = self
            .store
            .delete_user_sessions(actor.user_id.as_str())
            .await?;
        self.audit(Audit {
            actor: Some(actor),
            action: "logout_everywhere",
            case: None,
            detail: format!("{n} sessions"),
            allowed: true,
        })
        .await?;
        Ok(n)
    }

    pub async fn logout(&self, session_secret: &str) -> Result<()> {
        self.store
            .delete_auth_session(&secret_hash(session_secret))
            .await?;
        Ok(())
    }

    async fn active_actor(
        &self,
        user_id: Option<String>,
        ip: Option<String>,
    ) -> Result<Option<Actor>> {
        let Some(user_id) = user_id else {
            return Ok(None);
        };
        let user = match self.store.user(&user_id).await {
            Ok(u) if u.active => u,
            Ok(_) | Err(omgang_store::StoreError::NotFound) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        Ok(actor_from(&user, ip))
    }

    /// The actor behind a session cookie, if the session is alive.
    pub async fn actor_from_session(
        &self,
        session_secret: &str,
        ip: Option<String>,
    ) -> Result<Option<Actor>> {
        let now = self.now().as_millisecond();
        let idle = self.settings.session_idle_minutes * 60_000;
        let found = self
            .store
            .auth_session_user(&secret_hash(session_secret), now, idle)
            .await?;
        Ok(found.filter(|(u, _)| u.active).and_then(|(u, version)| {
            actor_from(&u, ip).map(|actor| Actor {
                directory_version: Some(version),
                ..actor
            })
        }))
    }

    /// The actor behind a personal API token, if valid, for a request that only reads
    /// (`reads`) or also changes. A read-only token that tries a change is refused.
    pub async fn actor_from_token(
        &self,
        token: &str,
        ip: Option<String>,
        reads: bool,
    ) -> Result<Option<Actor>> {
        let Some((user, scope)) = self
            .store
            .token_user(&secret_hash(token), self.now().as_millisecond())
            .await?
        else {
            return Ok(None);
        };
        let Some(actor) = self.active_actor(Some(user), ip).await? else {
            return Ok(None);
        };
        if scope == TOKEN_READ && !reads {
            self.audit(Audit {
                actor: Some(&actor),
                action: "token_write",
                case: None,
                detail: "read-only token".into(),
                allowed: false,
            })
            .await?;
            return Err(AppError::Forbidden);
        }
        Ok(Some(actor))
    }

    pub async fn me(&self, actor: &Actor) -> Result<Me> {
        let user = self.store.user(actor.user_id.as_str()).await?;
        let two_factor = self.store.totp_state(&user.id).await?.secret.is_some();
        let org = self.store.organisation(&user.org_id).await?;
        Ok(Me {
            user_id: user.id,
            name: user.name,
            email: user.email,
            role: actor.role,
            role_label: actor.role.label(actor.lang).to_owned(),
            organisation_id: org.id,
            organisation_name: org.name,
            second_factor: if two_factor { "on" } else { "off" }.into(),
            lang: user.lang,
        })
    }

    /// Creates a personal API token for the actor.
    pub async fn create_token(&self, actor: &Actor, input: &TokenInput) -> Result<NewToken> {
        let mut c = crate::input::Check::default();
        let name = c.line("name", &input.name);
        if !(1..=365).contains(&input.days) {
            c.push("days", "Tussen 1 en 365 dagen.", "Between 1 and 365 days.");
        }
        let scope = input.scope.clone().unwrap_or_else(|| TOKEN_FULL.to_owned());
        if scope != TOKEN_READ && scope != TOKEN_FULL {
            c.push("scope", "Kies read of full.", "Choose read or full.");
        }
        c.finish()?;
        let (secret, hash) = new_secret();
        let now = self.now();
        let expires = now.as_millisecond() + i64::from(input.days) * 86_400_000;
        let row = TokenRow {
            id: crate::new_id(),
            user_id: actor.user_id.0.clone(),
            name,
            token_hash: hash,
            created_at: now.as_millisecond(),
            expires_at: expires,
            scope,
        };
        self.store.insert_token(&row).await?;
        self.audit(Audit {
            actor: Some(actor),
            action: "create_token",
            case: None,
            detail: row.id.clone(),
            allowed: true,
        })
        .await?;
        Ok(NewToken {
            id: row.id,
            token: secret,
            expires_at: omgang_store::from_ms(expires).to_string(),
        })
    }

    pub async fn revoke_token(&self, actor: &Actor, id: &str) -> Result<()> {
        self.store
            .revoke_token(id, actor.user_id.as_str(), self.now().as_millisecond())
            .await?;
        self.audit(Audit {
            actor: Some(actor),
            action: "revoke_token",
            case: None,
            detail: id.to_owned(),
            allowed: true,
        })
        .await?;
        Ok(())
    }
}
