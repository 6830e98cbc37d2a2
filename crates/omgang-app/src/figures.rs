//! The figures dashboard: anonymised counts and medians per programme and quarter — for a
//! funder, of the cases it pays for or referred; for a provider's coordinators and
//! administrators, of their own organisation. Never a person: small cells are suppressed by
//! the domain (`omgang_domain::figures`). Also as CSV.

use std::collections::BTreeMap;

use omgang_domain::Vocabulary;
use omgang_domain::case::OutcomeKind;
use omgang_domain::figures::{Cell, Group};
use omgang_domain::text::Lang;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::input::Check;
use crate::policy::{self, Actor, OrgAction, Role};
use crate::{App, AppError, Audit, Result};

#[derive(Clone, Debug, Default, Deserialize, ToSchema, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FiguresQuery {
    /// The year of registration (default: this year).
    pub year: Option<String>,
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FundersInput {
    /// The organisations (funders, municipalities) that pay for this programme here.
    pub funders: Vec<String>,
}

/// The dashboard of one year.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Figures {
    pub year: i16,
    /// `funder`: the cases this funder pays for or referred; `organisation`: the
    /// organisation's own cases.
    pub scope: String,
    /// Cells resting on fewer cases than this are suppressed.
    pub min_cases: u32,
    /// Programme id → name.
    pub programmes: BTreeMap<String, String>,
    /// Outcome kind → label.
    pub outcome_labels: BTreeMap<String, String>,
    /// Per programme per quarter, per programme for the year, and all programmes together
    /// (`programme: null`); `quarter: null` is the whole year. A cell is
    /// `{"state": "shown", "value": n}` or `{"state": "suppressed"}`; a median is null where
    /// there is nothing to measure.
    #[schema(value_type = Vec<Object>)]
    pub groups: Vec<Group>,
}

fn cell_text(cell: Option<Cell>) -> String {
    match cell {
        Some(Cell::Shown(v)) => v.to_string(),
        Some(Cell::Suppressed) => format!("<{}", omgang_domain::figures::MIN_CASES),
        None => String::new(),
    }
}

impl App {
    pub async fn figures(&self, actor: &Actor, query: &FiguresQuery) -> Result<Figures> {
        let mut c = Check::default();
        let this_year = self.today().year();
        let year = match query
            .year
            .as_deref()
            .map(str::trim)
            .filter(|y| !y.is_empty())
        {
            None => this_year,
            Some(y) => match y.parse::<i16>() {
                Ok(y) if (2000..=this_year + 1).contains(&y) => y,
                _ => {
                    c.push(
                        "year",
                        format!("Kies een jaar tussen 2000 en {}.", this_year + 1),
                        format!("Choose a year between 2000 and {}.", this_year + 1),
                    );
                    this_year
                }
            },
        };
        c.finish()?;
        let funder = actor.role == Role::Funder;
        let allowed = !actor.system
            && policy::may_org(actor, &actor.org_id, OrgAction::ReadStatistics)
            && matches!(
                actor.role,
                Role::Funder | Role::Coordinator | Role::Administrator
            );
        self.audit(Audit {
            actor: Some(actor),
            action: "read_figures",
            case: None,
            detail: format!("{year}"),
            allowed,
        })
        .await?;
        if !allowed {
            return Err(AppError::Forbidden);
        }
        // A year of cases is a wide read: at most a few at once, so memory stays bounded.
        let _permit = self
            .wide_reads
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let cases = self
            .store
            .cases_for_figures(actor.org_id.as_str(), funder, year)
            .await?;
        let groups = omgang_domain::figures::figures(&cases, year);
        let programmes = self
            .all_programmes()
            .iter()
            .map(|p| (p.id.clone(), p.name.get(actor.lang).to_owned()))
            .collect();
        let outcome_labels = OutcomeKind::ALL
            .iter()
            .map(|k| (k.key().to_owned(), k.label().get(actor.lang).to_owned()))
            .collect();
        Ok(Figures {
            year,
            scope: if funder { "funder" } else { "organisation" }.into(),
            min_cases: omgang_domain::figures::MIN_CASES,
            programmes,
            outcome_labels,
            groups,
        })
    }

    /// The dashboard as CSV (one line per group; suppressed cells as `<5`).
    pub async fn figures_csv(&self, actor: &Actor, query: &FiguresQuery) -> Result<String> {
        let f = self.figures(actor, query).await?;
        let nl = actor.lang == Lang::Nl;
        let mut header: Vec<String> = if nl {
            [
                "jaar",
                "kwartaal",
                "traject",
                "aanmeldingen",
                "dagen tot intake (mediaan)",
                "dagen intake tot eerste omgang (mediaan)",
                "duur in dagen (mediaan)",
                "gehouden afspraken",
                "afgezegd door ouder",
                "afgezegd door organisatie",
                "niet verschenen",
            ]
            .map(str::to_owned)
            .to_vec()
        } else {
            [
                "year",
                "quarter",
                "programme",
                "registrations",
                "days to intake (median)",
                "days intake to first visit (median)",
                "duration in days (median)",
                "sessions held",
                "cancelled by a parent",
                "cancelled by the organisation",
                "no-shows",
            ]
            .map(str::to_owned)
            .to_vec()
        };
        header.extend(
            OutcomeKind::ALL
                .iter()
                .map(|k| f.outcome_labels[k.key()].clone()),
        );
        let mut out = csv_line(&header);
        for g in &f.groups {
            let programme = match &g.programme {
                Some(p) => f.programmes.get(p).cloned().unwrap_or_else(|| p.clone()),
                None => (if nl {
                    "alle trajecten"
                } else {
                    "all programmes"
                })
                .to_owned(),
            };
            let quarter = g.quarter.map_or_else(
                || (if nl { "jaar" } else { "year" }).to_owned(),
                |q| format!("Q{q}"),
            );
            let mut line = vec![
                f.year.to_string(),
                quarter,
                programme,
                cell_text(Some(g.registrations)),
                cell_text(g.days_to_intake),
                cell_text(g.days_to_first_visit),
                cell_text(g.duration_days),
                cell_text(Some(g.sessions_held)),
                cell_text(Some(g.cancelled_by_parent)),
                cell_text(Some(g.cancelled_by_organisation)),
                cell_text(Some(g.no_shows)),
            ];
            line.extend(OutcomeKind::ALL.iter().map(|k| {
                cell_text(Some(
                    g.outcomes.get(k.key()).copied().unwrap_or(Cell::Shown(0)),
                ))
            }));
            out.push_str(&csv_line(&line));
        }
        Ok(out)
    }

    /// Sets which funders pay for one of the organisation's programmes (administrators).
    pub async fn set_funders(
        &self,
        actor: &Actor,
        programme_id: &str,
        input: &FundersInput,
    ) -> Result<Vec<String>> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::ManageProgrammes) {
            return Err(AppError::Forbidden);
        }
        if self.programme(programme_id).is_none() {
            return Err(AppError::NotFound);
        }
        let mut c = Check::default();
        let mut funders = Vec::new();
        for (i, id) in input.funders.iter().enumerate() {
            match self.store.organisation(id.trim()).await {
                Ok(o) if matches!(o.kind.as_str(), "funder" | "municipality") => funders.push(o.id),
                _ => c.push(
                    &format!("funders[{i}]"),
                    "Kies een financier of gemeente.",
                    "Choose a funder or municipality.",
                ),
            }
        }
        c.finish()?;
        funders.sort();
        funders.dedup();
        self.store
            .set_programme_funders(actor.org_id.as_str(), programme_id, &funders)
            .await?;
        self.audit(Audit {
            actor: Some(actor),
            action: "set_funders",
            case: None,
            detail: format!("{programme_id}: {}", funders.join(",")),
            allowed: true,
        })
        .await?;
        Ok(funders)
    }
}

fn csv_line(fields: &[String]) -> String {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| {
            if f.contains([',', '"', '\n', ';']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect();
    quoted.join(",") + "\r\n"
}
