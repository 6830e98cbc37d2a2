//! The signals of cases (overdue steps, missing reports) and the signal watch the reminders read.

use jiff::civil::Date;
use omgang_domain::Programme;
use omgang_domain::case::Case;
use omgang_domain::signals::{self, Signal};
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
    /// cases (supervisors), most urgent first.
    pub async fn signals(&self, actor: &Actor, on: Option<Date>) -> Result<Vec<SignalView>> {
        let date = on.unwrap_or_else(|| self.today());
        let mut staff = Vec::new();
        match actor.role {
            Role::Coordinator if policy::may_org(actor, &actor.org_id, OrgAction::ReadSignals) => {
                staff = self.store.users_of(actor.org_id.as_str()).await?;
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
        signals::sort(&mut all);
        // Each case whose signal is shown was read (its reference and what is late).
        self.audit_cases_shown(
            actor,
            "read_signals",
            &format!("{} cases read, {} signals", cases.len(), all.len()),
            all.iter()
                .filter_map(|s| s.case.as_ref().map(|c| c.as_str())),
        )
        .await?;
        // The family beside each case number: coordinators and supervisors see the people.
        let today = self.today();
        let families: std::collections::HashMap<&str, String> = cases
            .iter()
            .map(|c| (c.id.as_str(), views::family_label(c, today)))
            .collect();
        Ok(all
            .iter()
            .map(|s| SignalView {
                family: s
                    .case
                    .as_ref()
                    .and_then(|c| families.get(c.as_str()).cloned()),
                ..SignalView::from(s, actor.lang)
            })
            .collect())
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
