//! "Wat is er veranderd": what happened in the actor's cases since they last marked it seen —
//! new registrations, cancellations by a parent, plan signatures, reports ready for review —
//! newest first, and the count behind the badge in the navigation. Which cases is the one
//! policy's `case_scope`, applied in the store's statement; the actor's own steps are left
//! out (nobody needs to be told what they did).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use omgang_domain::case::{CaseEvent, Party, SignatureMethod};
use omgang_domain::text::Lang;
use omgang_store::{CaseFilter, ChangeRow};
use serde::Serialize;

use crate::policy::{self, Role};
use crate::{Actor, App, Result};

/// Without a mark, the changes of the last week; never more than a month back.
const DEFAULT_DAYS: i64 = 7;
const MAX_DAYS: i64 = 30;
/// At most this many changes on the page (the rest: "en meer").
const SHOWN: u32 = 50;
/// The badge counts at most this many ("99+").
pub const BADGE_CAP: usize = 99;
/// How long a badge count may be reused for the same user.
const BADGE_TTL: Duration = Duration::from_secs(60);

/// One change, in the actor's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ChangeView {
    pub case_id: String,
    pub case_reference: String,
    /// When it happened (UTC).
    pub at: String,
    /// registered, session_cancelled, plan_signed, parenting_plan_signed, report_submitted
    pub kind: String,
    pub text: String,
}

/// The changes since `since`, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Changes {
    /// From when (UTC): the actor's last "gezien", or a week ago.
    pub since: String,
    pub items: Vec<ChangeView>,
    /// More happened than is listed.
    pub more: bool,
}

/// Badge counts per user, reused for [`BADGE_TTL`]: the count is read on every page.
#[derive(Debug, Default)]
pub struct BadgeCache(Mutex<HashMap<String, (Instant, usize)>>);

impl BadgeCache {
    fn get(&self, user: &str) -> Option<usize> {
        let map = self.0.lock().ok()?;
        map.get(user)
            .filter(|(at, _)| at.elapsed() < BADGE_TTL)
            .map(|(_, n)| *n)
    }

    fn put(&self, user: &str, count: usize) {
        if let Ok(mut map) = self.0.lock() {
            if map.len() > 10_000 {
                map.retain(|_, (at, _)| at.elapsed() < BADGE_TTL);
            }
            map.insert(user.to_owned(), (Instant::now(), count));
        }
    }

    fn forget(&self, user: &str) {
        if let Ok(mut map) = self.0.lock() {
            map.remove(user);
        }
    }
}

/// Staff who follow cases; parents, referrers, funders and administrators have their own
/// pages.
fn follows_cases(actor: &Actor) -> bool {
    matches!(
        actor.role,
        Role::Coordinator
            | Role::Supervisor
            | Role::Volunteer
            | Role::PartnerStaff
            | Role::CaseDirector
    ) && !actor.system
}

/// The words for one stored event, or `None` when it is no change worth telling (a
/// cancellation by the organisation itself).
fn describe(row: &ChangeRow, lang: Lang) -> Option<String> {
    let event: CaseEvent = serde_json::from_str(&row.body).ok()?;
    let nl = lang == Lang::Nl;
    let text = match event {
        CaseEvent::Registered(_) => if nl {
            "Nieuwe aanmelding"
        } else {
            "New registration"
        }
        .to_owned(),
        CaseEvent::SessionCancelled {
            by: Party::Organisation,
            ..
        } => return None,
        CaseEvent::SessionCancelled { late, .. } => match (nl, late) {
            (true, true) => "Een ouder zegde een afspraak te laat af".into(),
            (true, false) => "Een ouder zegde een afspraak af".into(),
            (false, true) => "A parent cancelled a session late".into(),
            (false, false) => "A parent cancelled a session".into(),
        },
        CaseEvent::PlanSigned { version, signature } => {
            let portal = signature.method != SignatureMethod::Paper;
            match (nl, portal) {
                (true, true) => format!("Plan versie {version} ondertekend in het portaal"),
                (true, false) => {
                    format!("Handtekening op papier vastgelegd (plan versie {version})")
                }
                (false, true) => format!("Plan version {version} signed in the portal"),
                (false, false) => format!("Paper signature recorded (plan version {version})"),
            }
        }
        CaseEvent::ParentingPlanSigned { version, signature } => {
            let portal = signature.method != SignatureMethod::Paper;
            match (nl, portal) {
                (true, true) => {
                    format!("Ouderschapsplan versie {version} ondertekend in het portaal")
                }
                (true, false) => {
                    format!("Handtekening op papier vastgelegd (ouderschapsplan versie {version})")
                }
                (false, true) => format!("Parenting plan version {version} signed in the portal"),
                (false, false) => {
                    format!("Paper signature recorded (parenting plan version {version})")
                }
            }
        }
        CaseEvent::ReportSubmitted { .. } => if nl {
            "Verslag klaar voor beoordeling"
        } else {
            "Report ready for review"
        }
        .to_owned(),
        _ => return None,
    };
    Some(text)
}

impl App {
    /// From when the actor's changes count, in milliseconds.
    async fn changes_since_ms(&self, actor: &Actor) -> Result<i64> {
        let now = self.now().as_millisecond();
        let day = 24 * 3600 * 1000;
        let seen = self.store.changes_seen_at(actor.user_id.as_str()).await?;
        Ok(seen
            .unwrap_or(now - DEFAULT_DAYS * day)
            .max(now - MAX_DAYS * day))
    }

    async fn change_rows(&self, actor: &Actor, limit: u32) -> Result<(i64, Vec<ChangeRow>)> {
        let since = self.changes_since_ms(actor).await?;
        let filter = CaseFilter {
            scope: policy::case_scope(actor),
            ..CaseFilter::default()
        };
        let rows = self
            .store
            .changes_since(&filter, since, actor.user_id.as_str(), limit)
            .await?;
        Ok((since, rows))
    }

    /// What changed in the actor's cases since they last marked it seen, newest first; each
    /// case shown is audited.
    pub async fn changes(&self, actor: &Actor) -> Result<Changes> {
        if !follows_cases(actor) {
            return Ok(Changes {
                since: self.now().to_string(),
                items: Vec::new(),
                more: false,
            });
        }
        // One more than shown, and room for cancellations by the organisation (left out).
        let (since, rows) = self.change_rows(actor, SHOWN * 2).await?;
        let mut items: Vec<ChangeView> = rows
            .iter()
            .filter_map(|r| {
                describe(r, actor.lang).map(|text| ChangeView {
                    case_id: r.case_id.clone(),
                    case_reference: r.reference.clone(),
                    at: Timestamp::from_millisecond(r.at)
                        .map(|t| t.to_string())
                        .unwrap_or_default(),
                    kind: r.kind.clone(),
                    text,
                })
            })
            .collect();
        let more = items.len() > SHOWN as usize;
        // The page that lists them also sets the badge straight.
        self.badge_cache
            .put(actor.user_id.as_str(), items.len().min(BADGE_CAP + 1));
        items.truncate(SHOWN as usize);
        self.audit_cases_shown(
            actor,
            "read_changes",
            "what changed",
            items.iter().map(|c| c.case_id.as_str()),
        )
        .await?;
        Ok(Changes {
            since: Timestamp::from_millisecond(since)
                .map(|t| t.to_string())
                .unwrap_or_default(),
            items,
            more,
        })
    }

    /// How many changes wait, at most [`BADGE_CAP`] + 1 (shown as "99+"); reused for a minute.
    /// No case is shown, so nothing is audited.
    pub async fn changes_count(&self, actor: &Actor) -> Result<usize> {
        if !follows_cases(actor) {
            return Ok(0);
        }
        if let Some(n) = self.badge_cache.get(actor.user_id.as_str()) {
            return Ok(n);
        }
        let cap = u32::try_from(BADGE_CAP).unwrap_or(99) * 2;
        let (_, rows) = self.change_rows(actor, cap).await?;
        let count = rows
            .iter()
            .filter(|r| describe(r, Lang::Nl).is_some())
            .count()
            .min(BADGE_CAP + 1);
        self.badge_cache.put(actor.user_id.as_str(), count);
        Ok(count)
    }

    /// "Alles gezien": the changes so far no longer count.
    pub async fn mark_changes_seen(&self, actor: &Actor) -> Result<()> {
        self.store
            .mark_changes_seen(actor.user_id.as_str(), self.now().as_millisecond())
            .await?;
        self.badge_cache.forget(actor.user_id.as_str());
        Ok(())
    }
}
