//! The application layer: every use case of omgang, each going through the one
//! authorization policy ([`policy`]) and leaving a line in the audit log.
//!
//! The HTTP layer (and later the HTML pages and the CLI) call only the methods of [`App`];
//! none of them decides access itself. A use case:
//! 1. loads what it needs from the [`Store`],
//! 2. asks [`policy`] whether the [`Actor`] may do this to this case (and which view it gets),
//! 3. validates the input into a domain command ([`input`]), with field-level messages,
//! 4. lets the domain `decide`, folds the events and writes them in one transaction,
//! 5. writes the audit line (also for refusals), and returns a view filtered for the actor.

pub mod access_log;
pub mod admin;
pub mod agenda;
pub mod attachments;
pub mod auth;
pub mod beheer;
pub mod calendar;
pub mod cases;
pub mod changes;
pub mod client_address;
pub mod crypto;
pub mod documents;
pub mod error;
pub mod figures;
pub mod input;
pub mod invitations;
pub mod mail;
pub mod parenting_plan;
pub mod password_reset;
pub mod planning;
pub mod policy;
pub mod portal;
pub mod privacy;
pub mod public;
pub mod reports;
pub mod search;
pub mod two_factor;
pub mod views;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use jiff::Timestamp;
use omgang_domain::Programme;
use omgang_domain::ids::{OrgId, UserId};
use omgang_domain::text::Lang;
use omgang_store::{AuditRow, ProgrammeRow, Store};

pub use error::{AppError, FieldError};
pub use policy::{Actor, Role};

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// The time, from the system clock or set (tests, demo data written in the past).
#[derive(Debug, Default)]
pub struct Clock {
    fixed: Mutex<Option<Timestamp>>,
}

impl Clock {
    /// Now, to the millisecond: the precision the database keeps, so a case folded from its
    /// stored events equals the snapshot written with it.
    pub fn now(&self) -> Timestamp {
        let now = self
            .fixed
            .lock()
            .map(|f| *f)
            .ok()
            .flatten()
            .unwrap_or_else(Timestamp::now);
        Timestamp::from_millisecond(now.as_millisecond()).unwrap_or(now)
    }

    /// Fixes the time (None: back to the system clock).
    pub fn set(&self, at: Option<Timestamp>) {
        if let Ok(mut f) = self.fixed.lock() {
            *f = at;
        }
    }
}

/// Settings of the application layer.
#[derive(Clone, Debug)]
pub struct Settings {
    /// A sign-in session ends after this long without use.
    pub session_idle_minutes: i64,
    /// A sign-in session ends this long after sign-in, used or not.
    pub session_absolute_hours: i64,
    /// Mark cookies `Secure` (served over TLS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// Staff must sign in with a second factor (TOTP); parents may.
    pub two_factor_required: bool,
    /// Where links in e-mail point (e.g. `https://omgang.example`).
    pub public_url: String,
    /// Keys that seal secret addresses; a random throw-away key when absent.
    pub data_keys: Option<crypto::Keyring>,
    /// Submissions of the public registration form per address per hour.
    pub public_limit_per_hour: i64,
    /// Reverse proxies whose `X-Forwarded-For` / `Forwarded` headers name the client.
    pub trusted_proxies: client_address::TrustedProxies,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            session_idle_minutes: 120,
            session_absolute_hours: 12,
            secure_cookies: false,
            two_factor_required: false,
            public_url: "http://127.0.0.1:8080".into(),
            data_keys: None,
            public_limit_per_hour: public::PUBLIC_LIMIT,
            trusted_proxies: client_address::TrustedProxies::default(),
        }
    }
}

/// The application: storage, the programme definitions, the clock.
#[derive(Debug)]
pub struct App {
    pub store: Store,
    pub clock: Clock,
    pub settings: Settings,
    pub keyring: crypto::Keyring,
    programmes: RwLock<HashMap<String, Arc<Programme>>>,
    /// Reads of a whole organisation's open cases (its signals) at once: each holds hundreds
    /// of cases in memory, so a burst waits here instead of growing the process.
    pub(crate) wide_reads: tokio::sync::Semaphore,
    /// The navigation's badge counts, reused for a minute (see `changes`).
    pub(crate) badge_cache: changes::BadgeCache,
}

/// Organisation-wide reads at the same time (two cores: more would only queue for CPU).
const WIDE_READS: usize = 2;

impl App {
    /// Opens the application on a migrated store, installing the built-in programmes.
    pub async fn new(store: Store, settings: Settings) -> Result<Arc<App>> {
        let keyring = settings
            .data_keys
            .clone()
            .unwrap_or_else(crypto::Keyring::ephemeral);
        let app = App {
            store,
            clock: Clock::default(),
            settings,
            keyring,
            programmes: RwLock::new(HashMap::new()),
            wide_reads: tokio::sync::Semaphore::new(WIDE_READS),
            badge_cache: changes::BadgeCache::default(),
        };
        // The data keys must open what this database holds: a sealed check value, made with
        // the first key ever used, tells at start instead of at the first secret address.
        let check = app
            .store
            .init_setting("key_check", &app.keyring.seal("omgang")?)
            .await?;
        if app.keyring.open(&check).is_err() {
            return Err(AppError::Internal(
                "the data keys do not fit this database: secret addresses could not be opened. \
                 Configure the keys this database was made with (OMGANG_DATA_KEYS or the key file)."
                    .into(),
            ));
        }
        for (file, source) in omgang_domain::programme::BUILT_IN {
            let programme =
                Programme::parse(file, source).map_err(|e| AppError::Internal(e.to_string()))?;
            let changed = app
                .store
                .upsert_programme(&ProgrammeRow {
                    id: programme.id.clone(),
                    org_id: None,
                    source: source.to_owned(),
                    created_at: app.clock.now().as_millisecond(),
                })
                .await?;
            // Other rules, other signal days: worked out again by `fill_signal_watch`.
            if changed {
                app.store.forget_signal_watch(&programme.id).await?;
            }
        }
        app.reload_programmes().await?;
        Ok(Arc::new(app))
    }

    /// Reads every stored programme definition into memory.
    pub async fn reload_programmes(&self) -> Result<()> {
        let mut map = HashMap::new();
        for row in self.store.programmes().await? {
            match Programme::parse(&row.id, &row.source) {
                Ok(p) => {
                    map.insert(p.id.clone(), Arc::new(p));
                }
                Err(e) => {
                    tracing::error!(programme = row.id, error = %e, "stored programme is invalid; skipped")
                }
            }
        }
        if let Ok(mut programmes) = self.programmes.write() {
            *programmes = map;
        }
        Ok(())
    }

    pub fn programme(&self, id: &str) -> Option<Arc<Programme>> {
        self.programmes.read().ok().and_then(|m| m.get(id).cloned())
    }

    pub fn all_programmes(&self) -> Vec<Arc<Programme>> {
        let mut all: Vec<_> = self
            .programmes
            .read()
            .map(|m| m.values().cloned().collect())
            .unwrap_or_default();
        all.sort_by(|a, b| a.name.nl.cmp(&b.name.nl));
        all
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    pub fn today(&self) -> jiff::civil::Date {
        omgang_domain::case::amsterdam()
            .to_datetime(self.now())
            .date()
    }

    /// Writes one audit line. Failing to audit fails the request: no unlogged access.
    pub(crate) async fn audit(&self, entry: Audit<'_>) -> Result<()> {
        let row = AuditRow {
            id: uuid::Uuid::now_v7().to_string(),
            at: self.now().as_millisecond(),
            user_id: entry.actor.map(|a| a.user_id.0.clone()),
            role: entry.actor.map(|a| a.role.as_str().to_owned()),
            org_id: entry.actor.map(|a| a.org_id.0.clone()),
            action: entry.action.to_owned(),
            case_id: entry.case.map(str::to_owned),
            detail: entry.detail,
            ip: entry.actor.and_then(|a| a.ip.clone()),
            allowed: entry.allowed,
        };
        self.store.append_audit(&row).await?;
        Ok(())
    }
}

impl App {
    /// One audit line per case shown in a list (agenda, signals), written in one commit; a
    /// single line without a case when the list is empty.
    pub(crate) async fn audit_cases_shown<'a>(
        &self,
        actor: &Actor,
        action: &str,
        detail: &str,
        case_ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<()> {
        let mut seen = std::collections::HashSet::new();
        let at = self.now().as_millisecond();
        let lines: Vec<AuditRow> = case_ids
            .into_iter()
            .filter(|id| seen.insert(*id))
            .map(|id| AuditRow {
                id: uuid::Uuid::now_v7().to_string(),
                at,
                user_id: Some(actor.user_id.0.clone()),
                role: Some(actor.role.as_str().to_owned()),
                org_id: Some(actor.org_id.0.clone()),
                action: action.to_owned(),
                case_id: Some(id.to_owned()),
                detail: detail.to_owned(),
                ip: actor.ip.clone(),
                allowed: true,
            })
            .collect();
        if lines.is_empty() {
            return self
                .audit(Audit {
                    actor: Some(actor),
                    action,
                    case: None,
                    detail: format!("{detail}: none"),
                    allowed: true,
                })
                .await;
        }
        self.store.append_audit_many(&lines).await?;
        Ok(())
    }
}

/// One line for the audit log.
pub(crate) struct Audit<'a> {
    pub actor: Option<&'a Actor>,
    pub action: &'a str,
    pub case: Option<&'a str>,
    pub detail: String,
    pub allowed: bool,
}

/// A new random identifier.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The system itself (CLI commands run by the operator, demo data).
pub fn system_actor() -> Actor {
    Actor {
        user_id: UserId::from("system"),
        org_id: OrgId::from("system"),
        role: Role::Administrator,
        name: "systeem".into(),
        ip: None,
        lang: Lang::Nl,
        system: true,
        directory_version: None,
    }
}

/// An organisation's staff and places, from the directory held in memory where the request's
/// sign-in read its version (`omgang_store::Directory`), else from the database.
impl App {
    async fn held_directory(
        &self,
        actor: &Actor,
        org_id: &str,
    ) -> Result<Option<Arc<omgang_store::Directory>>> {
        match actor.directory_version {
            Some(version) if actor.org_id.as_str() == org_id => {
                Ok(Some(self.store.directory(org_id, version).await?))
            }
            _ => Ok(None),
        }
    }

    /// Everyone with an account in the organisation, by name.
    pub(crate) async fn org_users(
        &self,
        actor: &Actor,
        org_id: &str,
    ) -> Result<Vec<omgang_store::UserRow>> {
        match self.held_directory(actor, org_id).await? {
            Some(d) => Ok(d.users.clone()),
            None => Ok(self.store.users_of(org_id).await?),
        }
    }

    /// The organisation's locations with their rooms.
    pub(crate) async fn org_locations(
        &self,
        actor: &Actor,
        org_id: &str,
    ) -> Result<Vec<omgang_store::LocationRow>> {
        match self.held_directory(actor, org_id).await? {
            Some(d) => Ok(d.locations.clone()),
            None => Ok(self.store.locations_of(org_id).await?),
        }
    }

    /// The organisation's locations with their rooms, and each location's entrances.
    pub(crate) async fn org_places(
        &self,
        actor: Option<&Actor>,
        org_id: &str,
    ) -> Result<(Vec<omgang_store::LocationRow>, Vec<(String, String)>)> {
        let held = match actor {
            Some(actor) => self.held_directory(actor, org_id).await?,
            None => None,
        };
        match held {
            Some(d) => Ok((d.locations.clone(), d.entrances.clone())),
            None => Ok((
                self.store.locations_of(org_id).await?,
                self.store.location_entrances(org_id).await?,
            )),
        }
    }
}
