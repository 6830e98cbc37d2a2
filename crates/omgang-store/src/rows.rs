//! Plain rows as stored. The application layer turns them into its own types.

use jiff::Timestamp;
use omgang_domain::case::{Case, CaseEvent};
use omgang_domain::ids::UserId;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{FromRow, Result};

pub(crate) const ORGANISATION_SELECT: &str = "SELECT id, name, kind, created_at FROM organisations";
pub(crate) const USER_SELECT: &str = "SELECT id, org_id, email, name, role, password_hash, is_volunteer, \
     vog_issued_on, training_completed_on, active, lang, created_at FROM users";
pub(crate) const APPOINTMENT_SELECT: &str = "SELECT session_id, case_id, org_id, kind, starts_at, ends_at, \
     supervisor_user_id, location_id, room_id, state FROM appointments";
pub(crate) const AUDIT_SELECT: &str =
    "SELECT id, at, user_id, role, org_id, action, case_id, detail, ip, allowed FROM audit_log";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrganisationRow {
    pub id: String,
    pub name: String,
    /// provider, partner, municipality, referrer, funder.
    pub kind: String,
    pub created_at: i64,
}

impl FromRow for OrganisationRow {
    fn from_row(r: &AnyRow) -> Result<Self> {
        Ok(OrganisationRow {
            id: r.try_get("id")?,
            name: r.try_get("name")?,
            kind: r.try_get("kind")?,
            created_at: r.try_get("created_at")?,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRow {
    pub id: String,
    pub org_id: String,
    pub email: String,
    pub name: String,
    pub role: String,
    pub password_hash: String,
    pub is_volunteer: bool,
    pub vog_issued_on: Option<String>,
    pub training_completed_on: Option<String>,
    pub active: bool,
    pub lang: String,
    pub created_at: i64,
}

impl FromRow for UserRow {
    fn from_row(r: &AnyRow) -> Result<Self> {
        Ok(UserRow {
            id: r.try_get("id")?,
            org_id: r.try_get("org_id")?,
            email: r.try_get("email")?,
            name: r.try_get("name")?,
            role: r.try_get("role")?,
            password_hash: r.try_get("password_hash")?,
            is_volunteer: r.try_get::<i64, _>("is_volunteer")? != 0,
            vog_issued_on: r.try_get("vog_issued_on")?,
            training_completed_on: r.try_get("training_completed_on")?,
            active: r.try_get::<i64, _>("active")? != 0,
            lang: r.try_get("lang")?,
            created_at: r.try_get("created_at")?,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenRow {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub token_hash: String,
    pub created_at: i64,
    pub expires_at: i64,
    /// read or full
    pub scope: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgrammeRow {
    pub id: String,
    /// None for the built-in programmes.
    pub org_id: Option<String>,
    pub source: String,
    pub created_at: i64,
}

impl FromRow for ProgrammeRow {
    fn from_row(r: &AnyRow) -> Result<Self> {
        Ok(ProgrammeRow {
            id: r.try_get("id")?,
            org_id: r.try_get("org_id")?,
            source: r.try_get("source")?,
            created_at: r.try_get("created_at")?,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomRow {
    pub id: String,
    pub name: String,
    /// homely, large (for ball games), office.
    pub room_type: String,
}

impl FromRow for RoomRow {
    fn from_row(r: &AnyRow) -> Result<Self> {
        Ok(RoomRow {
            id: r.try_get("id")?,
            name: r.try_get("name")?,
            room_type: r.try_get("room_type")?,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocationRow {
    pub id: String,
    pub org_id: String,
    pub name: String,
    pub address: String,
    /// Minutes between the resident parent's drop-off and the visiting parent's arrival.
    pub margin_minutes: i64,
    pub rooms: Vec<RoomRow>,
}

impl FromRow for LocationRow {
    fn from_row(r: &AnyRow) -> Result<Self> {
        Ok(LocationRow {
            id: r.try_get("id")?,
            org_id: r.try_get("org_id")?,
            name: r.try_get("name")?,
            address: r.try_get("address")?,
            margin_minutes: r.try_get("margin_minutes")?,
            rooms: Vec::new(),
        })
    }
}

/// The cases one actor is related to, as the store can select them. The policy decides which
/// scope an actor gets; the store only turns it into SQL. Each arm selects the cases of one
/// relation of `policy::relation` exactly (no more, no fewer), so a list never differs from
/// opening its cases one by one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseScope {
    /// Every case (the operator).
    All,
    /// The cases an organisation leads.
    Organisation(String),
    /// The cases whose supervisor a user is, or of one of whose sessions.
    Supervisor(String),
    /// The cases a partner organisation runs a part of.
    Partner(String),
    /// The cases a user is the casusregisseur of.
    CaseDirector(String),
    /// The cases a user referred, or is linked to as the referrer.
    Referrer(String),
    /// The cases a user's account is a person of (parents, guardians, foster carers).
    Linked(String),
}

#[derive(Clone, Debug, Default)]
pub struct CaseFilter {
    /// Whose cases: the policy's answer for the actor (`policy::case_scope`).
    pub scope: Option<CaseScope>,
    pub org_id: Option<String>,
    pub status: Option<String>,
    pub programme_id: Option<String>,
    pub supervisor_user_id: Option<String>,
    pub partner_org_id: Option<String>,
    pub case_director_user_id: Option<String>,
    pub referrer_user_id: Option<String>,
    pub open_only: bool,
    /// Only cases that may have a signal on this day, by the signals projection
    /// (`cases.signals_from`): the others are known to have none.
    pub may_signal_on: Option<jiff::civil::Date>,
    /// Only cases with a planned session starting in this range of local date-times
    /// (`from` inclusive, `to` inclusive), by the appointments projection.
    pub planned_between: Option<(jiff::civil::DateTime, jiff::civil::DateTime)>,
    pub limit: Option<u32>,
    /// Rows to skip (a page of a list), with `limit`.
    pub offset: Option<u32>,
    pub order: CaseOrder,
}

/// What one change of a case writes besides its new state ([`crate::Store::append`]).
#[derive(Clone, Copy, Debug)]
pub struct CaseChange<'a> {
    pub events: &'a [omgang_domain::case::CaseEvent],
    pub at: jiff::Timestamp,
    pub actor: &'a omgang_domain::ids::UserId,
    /// Mail the change causes: queued in the same transaction.
    pub mails: &'a [crate::OutboxMail],
    pub watch: SignalWatch,
}

/// When an organisation's signals must read a case: written with each change of the case.
/// The case has no signal on any day from `checked_on` up to (not including) `first_signal`;
/// `first_signal` is `None` for a closed case (never one again).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignalWatch {
    pub checked_on: jiff::civil::Date,
    pub first_signal: Option<jiff::civil::Date>,
}

/// The order of a list of cases.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CaseOrder {
    /// Newest registration first.
    #[default]
    RegisteredDesc,
    /// Longest waiting first.
    RegisteredAsc,
    ReferenceAsc,
    ReferenceDesc,
    StatusAsc,
    StatusDesc,
    ProgrammeAsc,
    ProgrammeDesc,
}

impl CaseOrder {
    /// The same order as [`CaseOrder::sql`], on cases in memory.
    pub fn compare(self, a: &Case, b: &Case) -> std::cmp::Ordering {
        let registered = |a: &Case, b: &Case| {
            a.registered_on
                .cmp(&b.registered_on)
                .then_with(|| a.reference.cmp(&b.reference))
        };
        let status = |c: &Case| crate::json_name(&c.status);
        match self {
            CaseOrder::RegisteredDesc => registered(b, a),
            CaseOrder::RegisteredAsc => registered(a, b),
            CaseOrder::ReferenceAsc => a.reference.cmp(&b.reference),
            CaseOrder::ReferenceDesc => b.reference.cmp(&a.reference),
            CaseOrder::StatusAsc => status(a).cmp(&status(b)).then_with(|| registered(b, a)),
            CaseOrder::StatusDesc => status(b).cmp(&status(a)).then_with(|| registered(b, a)),
            CaseOrder::ProgrammeAsc => a.programme.cmp(&b.programme).then_with(|| registered(b, a)),
            CaseOrder::ProgrammeDesc => {
                b.programme.cmp(&a.programme).then_with(|| registered(b, a))
            }
        }
    }

    /// The ORDER BY of this order (always ending in a unique key, so pages do not overlap).
    pub fn sql(self) -> &'static str {
        match self {
            CaseOrder::RegisteredDesc => "registered_on DESC, reference DESC",
            CaseOrder::RegisteredAsc => "registered_on ASC, reference ASC",
            CaseOrder::ReferenceAsc => "reference ASC",
            CaseOrder::ReferenceDesc => "reference DESC",
            CaseOrder::StatusAsc => "status ASC, registered_on DESC, reference DESC",
            CaseOrder::StatusDesc => "status DESC, registered_on DESC, reference DESC",
            CaseOrder::ProgrammeAsc => "programme_id ASC, registered_on DESC, reference DESC",
            CaseOrder::ProgrammeDesc => "programme_id DESC, registered_on DESC, reference DESC",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseSummaryRow {
    pub id: String,
    pub reference: String,
    pub org_id: String,
    pub programme_id: String,
    pub status: String,
    pub phase: Option<String>,
    pub registered_on: String,
    pub supervisor_user_id: Option<String>,
    pub partner_org_id: Option<String>,
    pub case_director_user_id: Option<String>,
    pub referrer_user_id: Option<String>,
    pub coordinator_user_id: Option<String>,
}

impl FromRow for CaseSummaryRow {
    fn from_row(r: &AnyRow) -> Result<Self> {
        Ok(CaseSummaryRow {
            id: r.try_get("id")?,
            reference: r.try_get("reference")?,
            org_id: r.try_get("org_id")?,
            programme_id: r.try_get("programme_id")?,
            status: r.try_get("status")?,
            phase: r.try_get("phase")?,
            registered_on: r.try_get("registered_on")?,
            supervisor_user_id: r.try_get("supervisor_user_id")?,
            partner_org_id: r.try_get("partner_org_id")?,
            case_director_user_id: r.try_get("case_director_user_id")?,
            referrer_user_id: r.try_get("referrer_user_id")?,
            coordinator_user_id: r.try_get("coordinator_user_id")?,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppointmentRow {
    pub session_id: String,
    pub case_id: String,
    pub org_id: String,
    pub kind: String,
    /// Local time, Europe/Amsterdam, `YYYY-MM-DDTHH:MM:SS`.
    pub starts_at: String,
    pub ends_at: String,
    pub supervisor_user_id: Option<String>,
    pub location_id: Option<String>,
    pub room_id: Option<String>,
    pub state: String,
}

impl FromRow for AppointmentRow {
    fn from_row(r: &AnyRow) -> Result<Self> {
        Ok(AppointmentRow {
            session_id: r.try_get("session_id")?,
            case_id: r.try_get("case_id")?,
            org_id: r.try_get("org_id")?,
            kind: r.try_get("kind")?,
            starts_at: r.try_get("starts_at")?,
            ends_at: r.try_get("ends_at")?,
            supervisor_user_id: r.try_get("supervisor_user_id")?,
            location_id: r.try_get("location_id")?,
            room_id: r.try_get("room_id")?,
            state: r.try_get("state")?,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditRow {
    pub id: String,
    pub at: i64,
    pub user_id: Option<String>,
    pub role: Option<String>,
    pub org_id: Option<String>,
    pub action: String,
    pub case_id: Option<String>,
    pub detail: String,
    pub ip: Option<String>,
    pub allowed: bool,
}

impl FromRow for AuditRow {
    fn from_row(r: &AnyRow) -> Result<Self> {
        Ok(AuditRow {
            id: r.try_get("id")?,
            at: r.try_get("at")?,
            user_id: r.try_get("user_id")?,
            role: r.try_get("role")?,
            org_id: r.try_get("org_id")?,
            action: r.try_get("action")?,
            case_id: r.try_get("case_id")?,
            detail: r.try_get("detail")?,
            ip: r.try_get("ip")?,
            allowed: r.try_get::<i64, _>("allowed")? != 0,
        })
    }
}

/// One recorded case event with its envelope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredEvent {
    pub seq: i64,
    pub at: Timestamp,
    pub actor: UserId,
    pub event: CaseEvent,
}

/// The figures kept of a case after its retention period; nothing that names a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnonymisedCase {
    pub id: String,
    pub org_id: String,
    pub programme_id: String,
    /// `YYYY-MM`
    pub registered_month: String,
    pub closed_on: String,
    pub outcome: String,
}
