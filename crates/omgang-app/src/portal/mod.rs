//! The portal: what a parent (or guardian) whose account is linked to a person of a case sees
//! and does there — the sessions with *their own* times, the plan to read and sign, released
//! reports, cancelling a session, their own contact details — plus the reminders before a
//! session, the coordinators' daily digest and a parent's calendar feed.
//!
//! Access is decided by [`crate::policy`] (relation `Parent`/`Guardian`, scope `Parent`);
//! what is copied out comes from [`crate::views::case_view`] in that scope, so nobody's
//! contact details and no secret address reach this module's answers.

use std::collections::HashMap;

use jiff::ToSpan;
use jiff::civil::DateTime;
use omgang_domain::Programme;
use omgang_domain::case::{
    Case, Command, Party, PersonRole, SessionOutcome, SessionStatus, SignatureMethod,
};
use omgang_domain::ids::{CaseId, PersonId, SessionId};
use omgang_domain::programme::SessionKind;
use omgang_domain::text::Lang;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::input::Check;
use crate::policy::{self, Actor, CaseAction, Role, ViewScope};
use crate::views::{self, CaseView, ChildView, SessionView, SignatureView};
use crate::{App, AppError, Audit, Result};

mod feed;
mod reminders;

/// Minutes between the resident parent's drop-off and the visit when the location says none.
pub const DEFAULT_MARGIN_MINUTES: i64 = 15;
/// Hours before a session that the reminder goes out, unless the setting says otherwise.
pub const DEFAULT_REMINDER_HOURS: i64 = 24;

/// One session as a parent sees it, with their own times.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PortalSession {
    pub id: String,
    #[schema(value_type = String)]
    pub kind: SessionKind,
    pub kind_label: String,
    /// Local time, Europe/Amsterdam: `YYYY-MM-DDTHH:MM:SS`.
    pub starts_at: String,
    pub ends_at: String,
    pub minutes: u32,
    /// The kind of place ("omgangshuis").
    pub location_label: String,
    /// At one of the organisation's locations: its name and address (never a parent's
    /// home: a session at a home shows only the kind of place).
    pub place_name: Option<String>,
    pub place_address: Option<String>,
    /// My entrance, where the location has them.
    pub entrance: Option<String>,
    /// planned, held, cancelled, no_show
    #[schema(value_type = String)]
    pub state: SessionStatus,
    pub cancelled_by: Option<String>,
    pub late: Option<bool>,
    /// drop_off_pick_up (the resident parent brings and collects the child),
    /// arrive_leave (the visiting parent), or attend (a conversation).
    pub times_kind: String,
    /// When I come (drop the child off, or arrive).
    pub my_arrival: String,
    /// When I go (collect the child, or leave).
    pub my_departure: String,
    /// Planned, in the future, and mine: I may cancel it.
    pub may_cancel: bool,
    /// Cancelling now is later than the house rules' notice period.
    pub cancel_would_be_late: bool,
    /// The id of the released report of this session, if there is one.
    pub report_id: Option<String>,
}

/// A version of the plan, to read and sign.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PortalPlan {
    pub version: u32,
    pub created_at: String,
    pub content_hash: String,
    #[schema(value_type = Object)]
    pub content: serde_json::Value,
    pub current: bool,
    pub signed_by_all: bool,
    /// My signature of this version (who, when, how, and the content hash signed).
    pub my_signature: Option<SignatureView>,
    /// I am a parent, this is the current version and I have not signed it.
    pub may_sign: bool,
}

/// A released report.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PortalReport {
    pub id: String,
    pub session_id: String,
    pub session_label: String,
    pub session_starts_at: String,
    pub released_at: Option<String>,
    #[schema(value_type = Object)]
    pub content: serde_json::Value,
    #[schema(value_type = Vec<Object>)]
    pub amendments: Vec<serde_json::Value>,
}

/// My own contact details as the organisation has them.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct MyContact {
    pub person_id: String,
    pub name: String,
    #[schema(value_type = String)]
    pub role: PersonRole,
    pub role_label: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Absent when my address is kept secret (it is then shown to nobody outside the lead
    /// coordinators, here neither).
    pub address: Option<String>,
    pub secret_address: bool,
}

/// Another person of the case: a name and a role, nothing else.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct OtherPerson {
    pub name: String,
    pub role_label: String,
}

/// My case in the portal.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PortalCase {
    pub case_id: String,
    pub reference: String,
    pub programme_name: String,
    #[schema(value_type = String)]
    pub status: omgang_domain::CaseStatus,
    pub status_label: String,
    pub children: Vec<ChildView>,
    pub me: MyContact,
    pub others: Vec<OtherPerson>,
    /// Sessions that concern me, in time order.
    pub sessions: Vec<PortalSession>,
    pub plans: Vec<PortalPlan>,
    pub reports: Vec<PortalReport>,
    /// The house rules' notice period for cancelling.
    pub cancellation_notice_hours: u32,
    /// The plan says the parents must not meet (staggered arrival and departure).
    pub parents_must_not_meet: bool,
}

/// Everything of mine: each case I am a person of.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PortalHome {
    pub cases: Vec<PortalCase>,
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PortalSignInput {
    /// The version read.
    pub version: u32,
    /// The content hash of the version read (the signature is of this content).
    pub content_hash: String,
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PortalCancelInput {
    pub reason: String,
}

/// What a parent may know of one of the organisation's locations.
#[derive(Clone, Debug, Default)]
pub struct LocationFacts {
    pub margin_minutes: i64,
    pub name: String,
    pub address: String,
    /// With two or more, the first is for who brings the child (and for conversations),
    /// the second for the visiting parent: the parents need not meet at the door.
    pub entrances: Vec<String>,
}

/// The locations of an organisation by id.
pub(crate) type Places = HashMap<String, LocationFacts>;

fn fmt_local(t: DateTime) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%S").to_string()
}

/// My times for a session: the resident parent brings the child `margin` minutes before a
/// visit and collects it `margin` minutes after it, so the parents do not meet; the visiting
/// parent comes for the visit itself; a conversation is attended from start to end.
pub fn my_times(
    role: PersonRole,
    is_visit: bool,
    starts: DateTime,
    ends: DateTime,
    margin: i64,
) -> (&'static str, DateTime, DateTime) {
    match (is_visit, role) {
        (
            true,
            PersonRole::ResidentParent
            | PersonRole::FosterCarer
            | PersonRole::ResidentialGroup
            | PersonRole::Guardian,
        ) => (
            "drop_off_pick_up",
            starts.checked_sub(margin.minutes()).unwrap_or(starts),
            ends.checked_add(margin.minutes()).unwrap_or(ends),
        ),
        (true, _) => ("arrive_leave", starts, ends),
        (false, _) => ("attend", starts, ends),
    }
}

impl App {
    /// What a parent may know of each location of an organisation: its name and address
    /// (never a parent's), its entrances, and the margin between the parents' times.
    pub(crate) async fn places(&self, actor: Option<&Actor>, org: &str) -> Result<Places> {
        let (locations, entrances) = self.org_places(actor, org).await?;
        let entrances: HashMap<String, String> = entrances.into_iter().collect();
        Ok(locations
            .into_iter()
            .map(|l| {
                let facts = LocationFacts {
                    margin_minutes: l.margin_minutes,
                    entrances: entrances
                        .get(&l.id)
                        .map(|e| {
                            e.lines()
                                .map(str::trim)
                                .filter(|x| !x.is_empty())
                                .map(str::to_owned)
                                .collect()
                        })
                        .unwrap_or_default(),
                    name: l.name,
                    address: l.address,
                };
                (l.id, facts)
            })
            .collect())
    }

    /// The cases the actor is a person of, with which person.
    pub(crate) async fn my_links(&self, actor: &Actor) -> Result<Vec<(String, PersonId)>> {
        if !matches!(actor.role, Role::Parent) {
            return Err(AppError::Forbidden);
        }
        Ok(self
            .store
            .case_accounts_of(actor.user_id.as_str())
            .await?
            .into_iter()
            .map(|l| (l.case_id, PersonId(l.person_id)))
            .collect())
    }

    /// Builds the portal's picture of one case from the parent-scope view.
    fn portal_case(
        &self,
        actor: &Actor,
        case: &Case,
        programme: &Programme,
        me: &PersonId,
        places: &Places,
    ) -> Result<PortalCase> {
        let linked = std::slice::from_ref(me);
        let scope = policy::view_scope_with(actor, case, linked).ok_or(AppError::NotFound)?;
        if scope != ViewScope::Parent {
            return Err(AppError::NotFound);
        }
        self.parent_picture(case, programme, me, actor.lang, places)
    }

    /// The case as person `me` of it may see it (the parent view: their own details, the
    /// sessions that concern them with their own times, the plans, the released reports,
    /// the others' names only). The caller has decided that `me` may see it: the portal by
    /// the policy, the access-request export because `me` asked for their own data.
    pub(crate) fn parent_picture(
        &self,
        case: &Case,
        programme: &Programme,
        me: &PersonId,
        lang: Lang,
        places: &Places,
    ) -> Result<PortalCase> {
        let view: CaseView =
            views::case_view(case, programme, ViewScope::Parent, self.today(), lang);
        let person = case.person(me).ok_or(AppError::NotFound)?;
        let is_parent = person.role.is_parent();
        let now = omgang_domain::case::amsterdam().to_datetime(self.now());
        let notice = i64::from(programme.plan.cancellation_notice_hours);
        let sessions = view
            .sessions
            .iter()
            .filter_map(|s| {
                let session = case.session(&SessionId(s.id.clone()))?;
                let mine = session.participants.is_empty() || session.participants.contains(me);
                mine.then(|| {
                    self.portal_session(s, session, person.role, is_parent, now, notice, places)
                })
            })
            .collect();
        let current = case.current_plan().map(|p| p.version);
        let plans = view
            .plans
            .iter()
            .map(|p| {
                let my_signature = p.signatures.iter().find(|s| s.parent_id == me.0).cloned();
                PortalPlan {
                    version: p.version,
                    created_at: p.created_at.clone(),
                    content_hash: p.content_hash.clone(),
                    content: p.content.clone().unwrap_or_default(),
                    current: Some(p.version) == current,
                    signed_by_all: p.signed_by_all,
                    may_sign: is_parent
                        && Some(p.version) == current
                        && my_signature.is_none()
                        && case.is_open(),
                    my_signature,
                }
            })
            .collect();
        let reports = view
            .reports
            .iter()
            .map(|r| {
                let s = view.sessions.iter().find(|s| s.id == r.session_id);
                PortalReport {
                    id: r.id.clone(),
                    session_id: r.session_id.clone(),
                    session_label: s.map(|s| s.kind_label.clone()).unwrap_or_default(),
                    session_starts_at: s.map(|s| s.starts_at.clone()).unwrap_or_default(),
                    released_at: r.released_at.clone(),
                    content: r.content.clone(),
                    amendments: r.amendments.clone(),
                }
            })
            .collect();
        let role_label = view
            .people
            .iter()
            .find(|p| p.id == me.0)
            .map(|p| p.role_label.clone())
            .unwrap_or_default();
        Ok(PortalCase {
            case_id: view.id.clone(),
            reference: view.reference.clone(),
            programme_name: view.programme_name.clone(),
            status: view.status,
            status_label: view.status_label.clone(),
            children: view.children.clone(),
            me: MyContact {
                person_id: me.0.clone(),
                name: person.name.clone(),
                role: person.role,
                role_label,
                email: person.contact.email.clone(),
                phone: person.contact.phone.clone(),
                // A secret address is only ever opened for the lead coordinators' full view.
                address: person
                    .contact
                    .address
                    .clone()
                    .filter(|_| !person.secret_address),
                secret_address: person.secret_address,
            },
            others: view
                .people
                .iter()
                .filter(|p| p.id != me.0)
                .map(|p| OtherPerson {
                    name: p.name.clone(),
                    role_label: p.role_label.clone(),
                })
                .collect(),
            sessions,
            plans,
            reports,
            cancellation_notice_hours: programme.plan.cancellation_notice_hours,
            parents_must_not_meet: case
                .current_plan()
                .is_some_and(|p| p.content.parents_must_not_meet),
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn portal_session(
        &self,
        s: &SessionView,
        session: &omgang_domain::case::Session,
        role: PersonRole,
        is_parent: bool,
        now: DateTime,
        notice_hours: i64,
        places: &Places,
    ) -> PortalSession {
        let margin = session
            .place
            .location_id
            .as_ref()
            .and_then(|l| places.get(l).map(|p| p.margin_minutes))
            .unwrap_or(DEFAULT_MARGIN_MINUTES);
        let (times_kind, arrive, depart) = my_times(
            role,
            session.kind.is_visit(),
            session.starts_at,
            session.ends_at(),
            margin,
        );
        // An organisation's location only; a parent's home is never named or addressed.
        let facts = match session.place.kind {
            omgang_domain::programme::LocationKind::ParentHome => None,
            _ => session
                .place
                .location_id
                .as_ref()
                .and_then(|l| places.get(l)),
        };
        let entrance = facts.and_then(|f| match f.entrances.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            [first, second, ..] => Some(
                if times_kind == "arrive_leave" {
                    second
                } else {
                    first
                }
                .clone(),
            ),
        });
        let planned = s.state == SessionStatus::Planned;
        let future = session.starts_at > now;
        let late = now
            .checked_add(notice_hours.hours())
            .is_ok_and(|limit| session.starts_at < limit);
        PortalSession {
            id: s.id.clone(),
            kind: s.kind,
            kind_label: s.kind_label.clone(),
            starts_at: s.starts_at.clone(),
            ends_at: s.ends_at.clone(),
            minutes: s.minutes,
            location_label: s.location_label.clone(),
            place_name: facts.map(|f| f.name.clone()),
            place_address: facts.map(|f| f.address.clone()).filter(|a| !a.is_empty()),
            entrance,
            state: s.state,
            cancelled_by: s.cancelled_by.clone(),
            late: s.late,
            times_kind: times_kind.into(),
            my_arrival: fmt_local(arrive),
            my_departure: fmt_local(depart),
            may_cancel: is_parent && planned && future,
            cancel_would_be_late: late,
            report_id: s.report_id.clone(),
        }
    }

    /// Loads one of my cases (policy and audit through [`App::load_for`]) as the portal shows it.
    async fn load_portal_case(&self, actor: &Actor, id: &str) -> Result<PortalCase> {
        let links = self.my_links(actor).await?;
        let (case, _, programme) = self.load_for(actor, id, CaseAction::Read).await?;
        let me = links
            .iter()
            .find(|(c, _)| c == id)
            .map(|(_, p)| p.clone())
            .ok_or(AppError::NotFound)?;
        let places = self.places(Some(actor), case.organisation.as_str()).await?;
        let out = self.portal_case(actor, &case, &programme, &me, &places)?;
        self.audit(Audit {
            actor: Some(actor),
            action: "portal_read",
            case: Some(id),
            detail: format!("person {me}"),
            allowed: true,
        })
        .await?;
        Ok(out)
    }

    /// "Mijn omgang": every case the parent is a person of.
    pub async fn portal_home(&self, actor: &Actor) -> Result<PortalHome> {
        let links = self.my_links(actor).await?;
        let mut cases = Vec::new();
        for (case_id, _) in links {
            match self.load_portal_case(actor, &case_id).await {
                Ok(c) => cases.push(c),
                // Anonymised after the retention period, or no longer related.
                Err(AppError::NotFound) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(PortalHome { cases })
    }

    pub async fn portal_case_for(&self, actor: &Actor, id: &str) -> Result<PortalCase> {
        self.load_portal_case(actor, id).await
    }

    /// The person of case `id` the actor is, if any (for the write commands).
    pub(crate) async fn me_in(&self, actor: &Actor, id: &str) -> Result<Option<PersonId>> {
        Ok(self
            .linked(actor, &CaseId(id.to_owned()))
            .await?
            .into_iter()
            .next())
    }

    /// A parent signs the current plan in the portal, as themselves. The signature records
    /// the parent, the version, the content hash signed and the time (the domain event); the
    /// audit line adds the address it came from.
    pub async fn portal_sign(
        &self,
        actor: &Actor,
        id: &str,
        input: &PortalSignInput,
    ) -> Result<PortalCase> {
        self.my_links(actor).await?;
        let me = self.me_in(actor, id).await?;
        self.run(actor, id, "sign_own_plan", |case, programme| {
            let plan =
                case.current_plan()
                    .ok_or(AppError::Refused(omgang_domain::Refusal::NoPlan {
                        document: programme.plan.document,
                    }))?;
            if plan.version == input.version && plan.content_hash != input.content_hash.trim() {
                return Err(AppError::invalid(
                    "content_hash",
                    "Het plan is intussen gewijzigd; lees de nieuwe versie en onderteken opnieuw.",
                    "The plan has changed since; read the new version and sign again.",
                ));
            }
            let own = me
                .as_ref()
                .and_then(|p| case.person(p))
                .is_some_and(|p| p.role.is_parent());
            Ok((
                CaseAction::SignOwnPlan { own },
                Command::SignPlan {
                    version: input.version,
                    parent: me.clone().unwrap_or_else(|| PersonId(String::new())),
                    method: SignatureMethod::Portal,
                    signed_on: None,
                },
            ))
        })
        .await?;
        self.audit(Audit {
            actor: Some(actor),
            action: "portal_signature",
            case: Some(id),
            detail: format!(
                "person {} version {} content {} from {}",
                me.as_ref().map(|p| p.0.as_str()).unwrap_or(""),
                input.version,
                input.content_hash.trim(),
                actor.ip.as_deref().unwrap_or("unknown address")
            ),
            allowed: true,
        })
        .await?;
        self.load_portal_case(actor, id).await
    }

    /// A parent cancels a planned session with a reason. Later than the house rules' notice
    /// period it is recorded as late (the domain decides).
    pub async fn portal_cancel(
        &self,
        actor: &Actor,
        id: &str,
        session: &str,
        input: &PortalCancelInput,
    ) -> Result<PortalCase> {
        self.my_links(actor).await?;
        let me = self.me_in(actor, id).await?;
        self.run(actor, id, "cancel_session", |case, _| {
            let s = case
                .session(&SessionId(session.to_owned()))
                .ok_or(AppError::NotFound)?;
            let mut c = Check::default();
            let reason = c.text("reason", &input.reason);
            if reason.is_empty() {
                c.push(
                    "reason",
                    "Geef de reden van afzeggen.",
                    "Give the reason for cancelling.",
                );
            }
            c.finish()?;
            let own = me.as_ref().is_some_and(|p| {
                case.person(p).is_some_and(|p| p.role.is_parent())
                    && (s.participants.is_empty() || s.participants.contains(p))
            });
            Ok((
                CaseAction::CancelSession { own },
                Command::RecordOutcome {
                    session: s.id.clone(),
                    outcome: SessionOutcome::Cancelled {
                        by: Party::Person(me.clone().unwrap_or_else(|| PersonId(String::new()))),
                        reason,
                    },
                },
            ))
        })
        .await?;
        self.load_portal_case(actor, id).await
    }
}

/// The language of a stored language code.
pub fn lang_of(code: &str) -> Lang {
    if code == "en" { Lang::En } else { Lang::Nl }
}
