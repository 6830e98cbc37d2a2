//! The signals of cases (overdue steps, missing reports) and the signal watch the reminders read.

use jiff::civil::Date;
use omgang_domain::Programme;
use omgang_domain::case::Case;
use omgang_domain::signals::{self, Signal, SignalKind, Urgency};
use omgang_store::{CaseFilter, SignalWatch};

use super::staff_facts;
use crate::policy::{self, Actor, CaseAction, OrgAction, Role};
use crate::views::{self, SignalView};
use crate::{App, AppError, Audit, Result};

impl App {
    pub async fn case_signals(
        &self,
        actor: &Actor,
        id: &str,
        on: Option<Date>,
    ) -> Result<Vec<SignalView>> {
        let (case, _, programme) = self.load_for(actor, id, CaseAction::Read).await?;
        let linked = self.linked(actor, &case.id).await?;
        if matches!(
            policy::view_scope_with(actor, &case, &linked),
            Some(
                policy::ViewScope::Referrer
                    | policy::ViewScope::Partner
                    | policy::ViewScope::Parent
            )
        ) {
            return Err(AppError::Forbidden);
        }
        let date = on.unwrap_or_else(|| self.today());
        self.audit(Audit {
            actor: Some(actor),
            action: "read_signals",
            case: Some(id),
            detail: date.to_string(),
            allowed: true,
        })
        .await?;
        Ok(signals::case_signals(&case, &programme, date)
            .iter()
            .map(|s| SignalView::from(s, actor.lang))
            .collect())
    }

    /// Everything late or due on `on` for the actor's organisation (coordinators) or own
    /// cases (supervisors), most urgent first. Every case with a signal is audited as read:
    /// for a list that shows a part, [`App::signal_list`] audits only that part.
    pub async fn signals(&self, actor: &Actor, on: Option<Date>) -> Result<Vec<SignalView>> {
        let query = SignalQuery {
            on,
            ..SignalQuery::default()
        };
        Ok(self.signal_list(actor, &query).await?.shown)
    }

    /// The actor's signals filtered, sorted and cut to one page. All open cases that may
    /// have a signal are read and worked out; the audit log records as read the cases whose
    /// signals are shown (each case once), and the count of the rest in its detail.
    pub async fn signal_list(&self, actor: &Actor, query: &SignalQuery) -> Result<SignalList> {
        let date = query.on.unwrap_or_else(|| self.today());
        let (cases, mut all) = self.all_signals(actor, date).await?;
        signals::sort(&mut all);
        let mut kinds: Vec<SignalKind> = all.iter().map(|s| s.kind).collect();
        kinds.sort();
        kinds.dedup();
        let mut matching: Vec<&Signal> = all
            .iter()
            .filter(|s| query.urgency.is_none_or(|u| s.urgency == u))
            .filter(|s| query.kind.is_none_or(|k| s.kind == k))
            .collect();
        match query.sort {
            SignalSort::Urgency => {} // the domain's order: the most urgent first
            SignalSort::Reference => {
                matching.sort_by(|a, b| a.case_reference.cmp(&b.case_reference))
            }
            SignalSort::Due => matching.sort_by_key(|s| s.due_on),
        }
        if query.descending {
            matching.reverse();
        }
        let per = query.per_page.unwrap_or(matching.len()).max(1);
        let pages = matching.len().div_ceil(per).max(1);
        let page = if query.empty_past_the_end {
            query.page.max(1)
        } else {
            query.page.clamp(1, pages)
        };
        let shown: Vec<&Signal> = matching
            .iter()
            .skip((page - 1) * per)
            .take(per)
            .copied()
            .collect();
        // Each case whose signal is shown was read (its reference and what is late).
        self.audit_cases_shown(
            actor,
            "read_signals",
            &format!(
                "{} cases read, {} signals, {} shown",
                cases.len(),
                all.len(),
                shown.len()
            ),
            shown
                .iter()
                .filter_map(|s| s.case.as_ref().map(|c| c.as_str())),
        )
        .await?;
        // The family beside each case number: coordinators and supervisors see the people.
        let today = self.today();
        let by_id: std::collections::HashMap<&str, &Case> =
            cases.iter().map(|c| (c.id.as_str(), c.as_ref())).collect();
        let shown = shown
            .iter()
            .map(|s| SignalView {
                family: s
                    .case
                    .as_ref()
                    .and_then(|c| by_id.get(c.as_str()))
                    .map(|c| views::family_label(c, today)),
                ..SignalView::from(s, actor.lang)
            })
            .collect();
        Ok(SignalList {
            shown,
            matching: matching.len(),
            all: all.len(),
            page,
            pages,
            kinds: {
                let mut worded: Vec<(SignalKind, String)> = kinds
                    .into_iter()
                    .map(|k| (k, k.label().get(actor.lang).to_owned()))
                    .collect();
                worded.sort_by(|a, b| a.1.cmp(&b.1));
                worded
            },
        })
    }

    /// The open cases that may have a signal on `date` and every signal of them and of the
    /// organisation's volunteers, unsorted and not yet audited.
    async fn all_signals(
        &self,
        actor: &Actor,
        date: Date,
    ) -> Result<(Vec<std::sync::Arc<Case>>, Vec<Signal>)> {
        let mut staff = Vec::new();
        match actor.role {
            Role::Coordinator if policy::may_org(actor, &actor.org_id, OrgAction::ReadSignals) => {
                staff = self.org_users(actor, actor.org_id.as_str()).await?;
            }
            Role::Supervisor | Role::Volunteer => {}
            _ => return Err(AppError::Forbidden),
        }
        let filter = CaseFilter {
            scope: policy::case_scope(actor),
            open_only: true,
            may_signal_on: Some(date),
            ..CaseFilter::default()
        };
        let _permit = self
            .wide_reads
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let cases = self.store.cases(&filter).await?;
        let mut all: Vec<Signal> = Vec::new();
        for case in &cases {
            if let Some(p) = self.programme(&case.programme) {
                all.extend(signals::case_signals(case, &p, date));
            }
        }
        let vog_months = self
            .all_programmes()
            .iter()
            .filter(|p| p.supervision.volunteer_requires_vog)
            .map(|p| p.supervision.vog_valid_months)
            .min()
            .unwrap_or(36);
        for user in staff
            .iter()
            .filter(|u| u.active && u.role == Role::Volunteer.as_str())
        {
            all.extend(signals::staff_signals(
                &staff_facts(user),
                vog_months,
                30,
                date,
            ));
        }
        Ok((cases, all))
    }

    /// The signals projection of a case as it is now (written with each change): the day from
    /// which an organisation's signals must read it.
    pub(crate) fn signal_watch(&self, case: &Case, programme: &Programme) -> SignalWatch {
        let today = self.today();
        SignalWatch {
            checked_on: today,
            first_signal: signals::first_signal_day(case, programme, today),
        }
    }

    /// Works out the signals projection where it is missing (a database from before it, a
    /// programme whose rules changed). Safe beside other instances doing the same: a case
    /// changed meanwhile keeps what its change wrote. Returns how many cases were written.
    pub async fn fill_signal_watch(&self) -> Result<u64> {
        let mut written = 0;
        loop {
            let batch = self
                .store
                .cases_without_signal_watch(omgang_store::FILL_BATCH)
                .await?;
            let rows: Vec<(&Case, i64, SignalWatch)> = batch
                .iter()
                .filter_map(|(case, version)| {
                    let programme = self.programme(&case.programme)?;
                    Some((case, *version, self.signal_watch(case, &programme)))
                })
                .collect();
            let done = self.store.set_signal_watch(&rows).await?;
            written += done;
            // A short batch was the last; none written means the rest changed under us or
            // has no programme (left to be read, as before the projection).
            if batch.len() < omgang_store::FILL_BATCH as usize || done == 0 {
                return Ok(written);
            }
        }
    }
}

/// How a list of signals is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SignalSort {
    /// The domain's order: late before due, the earliest deadline first.
    #[default]
    Urgency,
    /// By case number.
    Reference,
    /// By deadline.
    Due,
}

/// Which signals a list shows: filtered, sorted, one page of them.
#[derive(Clone, Debug)]
pub struct SignalQuery {
    /// The day (default today).
    pub on: Option<Date>,
    pub urgency: Option<Urgency>,
    pub kind: Option<SignalKind>,
    pub sort: SignalSort,
    pub descending: bool,
    /// 1 for the first page; past the last page, the last page.
    pub page: usize,
    /// `None`: everything on one page.
    pub per_page: Option<usize>,
    /// A page past the last is empty (an API client paging on); otherwise the last page
    /// is shown (a link from a list that has since shrunk).
    pub empty_past_the_end: bool,
}

impl Default for SignalQuery {
    fn default() -> SignalQuery {
        SignalQuery {
            on: None,
            urgency: None,
            kind: None,
            sort: SignalSort::default(),
            descending: false,
            page: 1,
            per_page: None,
            empty_past_the_end: false,
        }
    }
}

/// One page of signals and what a list says around it.
#[derive(Clone, Debug)]
pub struct SignalList {
    /// The page's signals, in order.
    pub shown: Vec<SignalView>,
    /// How many match the filter.
    pub matching: usize,
    /// How many signals there are in all.
    pub all: usize,
    /// The page shown (1-based) and how many pages there are.
    pub page: usize,
    pub pages: usize,
    /// The kinds among all signals, with their words, for a filter.
    pub kinds: Vec<(SignalKind, String)>,
}
