//! The plan as PDF, made from the reader's own view.

use omgang_domain::case::{Case, SignatureMethod};
use omgang_domain::ids::PersonId;
use omgang_domain::parenting_plan::ParentingPlanVersion;
use omgang_domain::text::Lang;

use omgang_docs::{Pair, ShareLine, SignatureLine};

use super::view::{ParentingPlanView, view_of};
use crate::documents::{l, time_text};
use crate::policy::{self, Actor, CaseAction, ViewScope};
use crate::{App, AppError, Result};

pub(super) const WEEKDAYS_NL: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];

pub(super) const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

impl App {
    /// The current ouderschapsplan as PDF (tagged, archivable), made from the reader's own
    /// view: the coordinators, and the parents of the case in the portal. Audited.
    pub async fn parenting_plan_pdf(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<crate::documents::Pdf> {
        use omgang_docs::{Document, ParentingPlanDoc};
        let (case, _, programme) = self
            .load_for(
                actor,
                id,
                CaseAction::DownloadDocument(policy::DocumentKind::ParentingPlan),
            )
            .await?;
        let plan = case.parenting_plans.last().ok_or(AppError::NotFound)?;
        let view = self.document_view(actor, &case, &programme).await?;
        let lang = actor.lang;
        let pv = view_of(&case, plan, self.today(), lang);
        let pattern = pattern_lines(&pv, lang);
        let signatures = signature_lines(&case, plan, &pv, lang);
        let organisation = self.organisation_name(&case).await?;
        let made_for = (view.scope == ViewScope::Parent).then(|| l(lang, "ouder", "parent"));
        let doc = ParentingPlanDoc {
            header: self.header(&view, &organisation, lang, made_for),
            version: pv.version,
            versions: pv.versions,
            created_at: time_text(&pv.created_at, lang),
            content_hash: pv.content_hash.clone(),
            parent_a: pv.parent_a.name.clone(),
            parent_b: pv.parent_b.name.clone(),
            pattern,
            handover: format!(
                "{} {}, {}",
                l(lang, "om", "at"),
                pv.handover_time,
                pv.handover_place
            ),
            region: pv.region.clone(),
            overrides: pv
                .overrides
                .iter()
                .map(|o| Pair {
                    label: o.occasion.clone(),
                    text: o.rule.clone(),
                })
                .collect(),
            shares: share_lines(&pv, lang),
            care: pv.care.clone(),
            information: pv.information.clone(),
            costs: pv.costs.clone(),
            child_involvement: pv.child_involvement.clone(),
            topics: pv
                .topics
                .iter()
                .map(|t| Pair {
                    label: t.label.clone(),
                    text: t.text.clone(),
                })
                .collect(),
            signatures,
            signed_by_both: pv.signed_by_both,
        };
        let scope = view.scope;
        self.render_audited(
            actor,
            (id, &view.organisation_id),
            Document::ParentingPlan(doc),
            format!("parenting_plan v{}", pv.version),
            scope,
        )
        .await
    }
}

/// Who has the child each day of the pattern ("week 2, Tuesday" in a two-week pattern).
fn pattern_lines(pv: &ParentingPlanView, lang: Lang) -> Vec<Pair> {
    let name = |letter: &str| {
        if letter == "a" {
            pv.parent_a.name.clone()
        } else {
            pv.parent_b.name.clone()
        }
    };
    let weekdays = if lang == Lang::Nl {
        WEEKDAYS_NL
    } else {
        WEEKDAYS_EN
    };
    pv.days
        .iter()
        .enumerate()
        .map(|(i, letter)| Pair {
            label: if pv.days.len() == 7 {
                weekdays[i % 7].to_owned()
            } else {
                format!(
                    "{} {}, {}",
                    l(lang, "week", "week"),
                    i / 7 + 1,
                    weekdays[i % 7]
                )
            },
            text: name(letter),
        })
        .collect()
}

/// Each parent's signature of the version, or an empty line to sign.
fn signature_lines(
    case: &Case,
    plan: &ParentingPlanVersion,
    pv: &ParentingPlanView,
    lang: Lang,
) -> Vec<SignatureLine> {
    [&pv.parent_a, &pv.parent_b]
        .iter()
        .map(|p| {
            let sig = plan.signatures.iter().find(|s| s.parent.0 == p.id);
            SignatureLine {
                name: p.name.clone(),
                role: case
                    .person(&PersonId(p.id.clone()))
                    .map(|x| x.role.label().get(lang).to_owned())
                    .unwrap_or_default(),
                signed_at: sig.map(|s| time_text(&s.signed_at.to_string(), lang)),
                method: sig.map(|s| match s.method {
                    SignatureMethod::Portal => l(lang, "in het portaal", "in the portal"),
                    SignatureMethod::Paper => l(lang, "op papier", "on paper"),
                }),
                content_hash: sig.map(|s| s.content_hash.clone()),
            }
        })
        .collect()
}

/// The year's share of nights per parent, percentages written the reader's way.
fn share_lines(pv: &ParentingPlanView, lang: Lang) -> Vec<ShareLine> {
    let percent = |p: f64| {
        let text = format!("{p:.1}%");
        if lang == Lang::Nl {
            text.replace('.', ",")
        } else {
            text
        }
    };
    pv.shares
        .iter()
        .map(|s| ShareLine {
            year: s.year,
            nights_a: s.nights_a,
            nights_b: s.nights_b,
            percent_a: percent(s.percent_a),
            percent_b: percent(s.percent_b),
        })
        .collect()
}
