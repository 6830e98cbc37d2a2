//! Documents that leave the house, as PDF: a plan version, a released visit report, the end
//! report. Made anew from the case at every download (never stored text that can drift),
//! from the **reader's own view**: staff from [`views::case_view`] in the scope the policy
//! gives them, a parent from the portal's parent view (the same one
//! [`App::parent_picture`] builds on). Who may download what is the policy's
//! [`CaseAction::DownloadDocument`]; every download, and every refusal, is audited.
//!
//! The documents name people, never where they live or how to reach them: no field of
//! [`omgang_docs::model`] holds an address, a phone number or an e-mail address.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use omgang_docs::{
    AmendmentLine, ByWhom, ChildLine, Document, EndReportDoc, EvaluationLine, Header, PlanDoc,
    ReportDoc, ReportSummary, SessionCount, SignatureLine,
};
use omgang_domain::Programme;
use omgang_domain::Vocabulary;
use omgang_domain::case::{Case, OutcomeKind, PersonRole, ReportState, amsterdam};
use omgang_domain::text::{Lang, long_date};
use omgang_store::json_name;

use crate::policy::{self, Actor, CaseAction, DocumentKind, ViewScope};
use crate::views::{self, CaseView};
use crate::{App, AppError, Audit, Result};

/// A made PDF, with the file name to offer.
#[derive(Clone, Debug)]
pub struct Pdf {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

fn long_datetime(t: DateTime, lang: Lang) -> String {
    format!("{} {}", long_date(t.date(), lang), t.strftime("%H:%M"))
}

/// A view's date text (`YYYY-MM-DD`) in words; unchanged if it is not a date.
fn date_text(s: &str, lang: Lang) -> String {
    s.parse::<Date>()
        .map(|d| long_date(d, lang))
        .unwrap_or_else(|_| s.to_owned())
}

/// A view's local time (`YYYY-MM-DDTHH:MM:SS`) or instant (`…Z`) in words, Amsterdam time.
pub(crate) fn time_text(s: &str, lang: Lang) -> String {
    if let Ok(ts) = s.parse::<Timestamp>() {
        return long_datetime(amsterdam().to_datetime(ts), lang);
    }
    s.parse::<DateTime>()
        .map(|t| long_datetime(t, lang))
        .unwrap_or_else(|_| s.to_owned())
}

fn doc_lang(lang: Lang) -> omgang_docs::Lang {
    match lang {
        Lang::Nl => omgang_docs::Lang::Nl,
        Lang::En => omgang_docs::Lang::En,
    }
}

pub(crate) fn l(lang: Lang, nl: &str, en: &str) -> String {
    if lang == Lang::Nl { nl } else { en }.to_owned()
}

fn str_field(v: &serde_json::Value, key: &str) -> String {
    v.get(key)
        .and_then(|x| x.as_str())
        .unwrap_or_default()
        .to_owned()
}

fn list_field(v: &serde_json::Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(|x| x.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

impl App {
    pub(crate) fn header(
        &self,
        view: &CaseView,
        organisation: &str,
        lang: Lang,
        made_for: Option<String>,
    ) -> Header {
        let today = self.today();
        Header {
            lang: doc_lang(lang),
            organisation: organisation.to_owned(),
            case_reference: view.reference.clone(),
            programme: view.programme_name.clone(),
            made_on: long_date(today, lang),
            made_on_iso: today.to_string(),
            children: view
                .children
                .iter()
                .map(|c| ChildLine {
                    name: c.name.clone(),
                    birth_date: c.birth_date.as_deref().map(|d| date_text(d, lang)),
                })
                .collect(),
            made_for,
        }
    }

    pub(crate) async fn organisation_name(&self, case: &Case) -> Result<String> {
        Ok(self
            .store
            .organisation(case.organisation.as_str())
            .await
            .map(|o| o.name)
            .unwrap_or_default())
    }

    /// The view a document is made from: the portal's parent view for a parent or guardian,
    /// the actor's own scope otherwise (the policy's answer in both cases).
    pub(crate) async fn document_view(
        &self,
        actor: &Actor,
        case: &Case,
        programme: &Programme,
    ) -> Result<CaseView> {
        let linked = self.linked(actor, &case.id).await?;
        let scope = policy::view_scope_with(actor, case, &linked).ok_or(AppError::NotFound)?;
        if scope == ViewScope::Parent {
            // The parent's picture decides what of the case is theirs (their sessions, the
            // plans, released reports); the document is made from the view it is made from.
            let me = linked.first().ok_or(AppError::NotFound)?;
            let places = self.places(None, case.organisation.as_str()).await?;
            self.parent_picture(case, programme, me, actor.lang, &places)?;
            return Ok(views::case_view(
                case,
                programme,
                ViewScope::Parent,
                self.today(),
                actor.lang,
            ));
        }
        self.view(actor, case, programme).await
    }

    pub(crate) async fn render_audited(
        &self,
        actor: &Actor,
        (case_id, org): (&str, &str),
        doc: Document,
        what: String,
        scope: ViewScope,
    ) -> Result<Pdf> {
        let file_name = doc.file_name();
        // The organisation's logo on the letterhead, when it has one (an unreadable one is
        // left out by the renderer rather than failing the document).
        let logo = self
            .store
            .logo(org)
            .await?
            .map(|(_, bytes)| omgang_docs::Logo { bytes });
        let bytes = omgang_docs::render(&doc, logo.as_ref())
            .map_err(|e| AppError::Internal(format!("document {what}: {e}")))?;
        self.audit(Audit {
            actor: Some(actor),
            action: "download_document",
            case: Some(case_id),
            detail: format!("{what} view {}", json_name(&scope)),
            allowed: true,
        })
        .await?;
        Ok(Pdf { file_name, bytes })
    }

    /// A version of the plan of approach as PDF (`version` None: the current one).
    pub async fn plan_pdf(&self, actor: &Actor, id: &str, version: Option<u32>) -> Result<Pdf> {
        let (case, _, programme) = self
            .load_for(actor, id, CaseAction::DownloadDocument(DocumentKind::Plan))
            .await?;
        let view = self.document_view(actor, &case, &programme).await?;
        let lang = actor.lang;
        let versions = u32::try_from(view.plans.len()).unwrap_or(u32::MAX);
        let plan = match version {
            Some(v) => view.plans.iter().find(|p| p.version == v),
            None => view.plans.last(),
        }
        .ok_or(AppError::NotFound)?;
        let content = plan.content.clone().ok_or(AppError::NotFound)?;
        let current = case.current_plan().map(|p| p.version) == Some(plan.version);
        let parents: Vec<&views::PersonView> =
            view.people.iter().filter(|p| p.role.is_parent()).collect();
        let signatures = parents
            .iter()
            .map(|p| {
                let sig = plan.signatures.iter().find(|s| s.parent_id == p.id);
                SignatureLine {
                    name: p.name.clone(),
                    role: p.role_label.clone(),
                    signed_at: sig.map(|s| time_text(&s.signed_at, lang)),
                    method: sig.map(|s| s.method.label().get(lang).to_owned()),
                    content_hash: sig.map(|s| s.content_hash.clone()),
                }
            })
            .collect();
        let organisation = self.organisation_name(&case).await?;
        let made_for = (view.scope == ViewScope::Parent).then(|| l(lang, "ouder", "parent"));
        let doc = PlanDoc {
            header: self.header(&view, &organisation, lang, made_for),
            document: programme.plan.document.label().get(lang).to_owned(),
            version: plan.version,
            versions,
            current,
            created_at: time_text(&plan.created_at, lang),
            content_hash: plan.content_hash.clone(),
            goals: list_field(&content, "goals"),
            house_rules: list_field(&content, "house_rules"),
            visit_agreements: str_field(&content, "visit_agreements"),
            handover_agreements: str_field(&content, "handover_agreements"),
            parent_conversations: str_field(&content, "parent_conversations"),
            child_guidance: str_field(&content, "child_guidance"),
            work_agreements: str_field(&content, "work_agreements"),
            evaluation_moments: list_field(&content, "evaluation_moments")
                .iter()
                .map(|d| date_text(d, lang))
                .collect(),
            max_duration_months: content
                .get("max_duration_months")
                .and_then(|v| v.as_u64())
                .and_then(|v| u32::try_from(v).ok()),
            parents_must_not_meet: content
                .get("parents_must_not_meet")
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            signatures,
            signed_by_all: plan.signed_by_all,
        };
        let scope = view.scope;
        self.render_audited(
            actor,
            (id, &view.organisation_id),
            Document::Plan(doc),
            format!("plan v{}", plan.version),
            scope,
        )
        .await
    }

    /// A released visit report (with its amendments) as PDF.
    pub async fn report_pdf(&self, actor: &Actor, id: &str, report: &str) -> Result<Pdf> {
        let (case, _, programme) = self
            .load_for(
                actor,
                id,
                CaseAction::DownloadDocument(DocumentKind::Report),
            )
            .await?;
        let view = self.document_view(actor, &case, &programme).await?;
        let lang = actor.lang;
        // Only a released report is a document; a draft is not shared.
        let r = view
            .reports
            .iter()
            .find(|r| r.id == report && r.state == ReportState::Released)
            .ok_or(AppError::NotFound)?;
        let session = view.sessions.iter().find(|s| s.id == r.session_id);
        let name_of_role = |role: PersonRole| {
            view.people
                .iter()
                .find(|p| p.role == role)
                .map(|p| p.name.clone())
        };
        let organisation = self.organisation_name(&case).await?;
        let made_for = (view.scope == ViewScope::Parent).then(|| l(lang, "ouder", "parent"));
        let doc = ReportDoc {
            header: self.header(&view, &organisation, lang, made_for),
            session: session.map(|s| s.kind_label.clone()).unwrap_or_default(),
            session_at: session
                .map(|s| time_text(&s.starts_at, lang))
                .unwrap_or_default(),
            place: session
                .map(|s| s.location_label.clone())
                .unwrap_or_default(),
            released_at: r
                .released_at
                .as_deref()
                .map(|t| time_text(t, lang))
                .unwrap_or_default(),
            resident_parent: name_of_role(PersonRole::ResidentParent),
            visiting_parent: name_of_role(PersonRole::NonResidentParent),
            course: str_field(&r.content, "course"),
            child_reactions: str_field(&r.content, "child_reactions"),
            interaction: str_field(&r.content, "interaction"),
            agreements_kept: str_field(&r.content, "agreements_kept"),
            punctuality_resident_parent: str_field(&r.content, "punctuality_resident_parent"),
            punctuality_visiting_parent: str_field(&r.content, "punctuality_visiting_parent"),
            incidents: str_field(&r.content, "incidents"),
            amendments: r
                .amendments
                .iter()
                .map(|a| AmendmentLine {
                    at: time_text(&str_field(a, "at"), lang),
                    text: str_field(a, "text"),
                })
                .collect(),
        };
        let scope = view.scope;
        self.render_audited(
            actor,
            (id, &view.organisation_id),
            Document::Report(doc),
            format!("report {report}"),
            scope,
        )
        .await
    }

    /// The end report as PDF: programme, dates, sessions held / cancelled / no-show by whom,
    /// the reports' course where the programme includes them and the reader may see them,
    /// evaluations, outcome and follow-up. Made at any time after registration (a draft of
    /// the end report while the case runs).
    pub async fn end_report_pdf(&self, actor: &Actor, id: &str) -> Result<Pdf> {
        let (case, _, programme) = self
            .load_for(
                actor,
                id,
                CaseAction::DownloadDocument(DocumentKind::EndReport),
            )
            .await?;
        let view = self.document_view(actor, &case, &programme).await?;
        let lang = actor.lang;
        let (counts, by_whom) = views::session_counts(&case, &programme, view.scope, lang);
        let (report_summaries, report_summaries_note) = report_summaries(&view, &programme, lang);
        let evaluations = evaluation_lines(&view, lang);
        let follow_up = follow_up_text(&view, &programme, lang);
        let entry_route = view.entry_route.label().get(lang).to_owned();
        let organisation = self.organisation_name(&case).await?;
        let signed_by_all = view.plans.last().is_some_and(|p| p.signed_by_all);
        let doc = EndReportDoc {
            header: self.header(&view, &organisation, lang, None),
            status: view.status_label.clone(),
            registered_on: date_text(&view.registered_on, lang),
            intake_completed_on: view
                .intake_completed_on
                .as_deref()
                .map(|d| date_text(d, lang)),
            running_since: view.running_since.as_deref().map(|d| date_text(d, lang)),
            follow_up_since: view.follow_up_since.as_deref().map(|d| date_text(d, lang)),
            closed_on: view.closed_on.as_deref().map(|d| date_text(d, lang)),
            entry_route,
            plan_versions: u32::try_from(view.plans.len()).unwrap_or(u32::MAX),
            plan_signed_by_all: signed_by_all,
            sessions: counts
                .into_iter()
                .map(|c| SessionCount {
                    kind: c.kind_label,
                    held: c.held,
                    cancelled: c.cancelled,
                    no_show: c.no_show,
                    planned: c.planned,
                })
                .collect(),
            by_whom: by_whom
                .into_iter()
                .map(|b| ByWhom {
                    who: b.who,
                    cancelled: b.cancelled,
                    late: b.late,
                    no_show: b.no_show,
                })
                .collect(),
            report_summaries,
            report_summaries_note,
            evaluations,
            outcome: view.outcome.as_ref().map(|o| o.label.clone()),
            outcome_detail: view.outcome.as_ref().and_then(|o| o.detail.clone()),
            outcome_summary: view.outcome.as_ref().map(|o| o.summary.clone()),
            follow_up,
        };
        let scope = view.scope;
        self.render_audited(
            actor,
            (id, &view.organisation_id),
            Document::EndReport(doc),
            "end_report".into(),
            scope,
        )
        .await
    }
}

/// The released reports' course for the end report, where the programme includes them and
/// the reader may see them; otherwise a note saying why they are not there.
fn report_summaries(
    view: &CaseView,
    programme: &Programme,
    lang: Lang,
) -> (Vec<ReportSummary>, Option<String>) {
    let sees_reports = matches!(view.scope, ViewScope::Full | ViewScope::Supervisor);
    let include = programme.plan.end_report_includes_reports && sees_reports;
    let report_summaries = if include {
        view.reports
            .iter()
            .filter(|r| r.state == ReportState::Released)
            .map(|r| {
                let s = view.sessions.iter().find(|s| s.id == r.session_id);
                ReportSummary {
                    session: s.map(|s| s.kind_label.clone()).unwrap_or_default(),
                    at: s.map(|s| time_text(&s.starts_at, lang)).unwrap_or_default(),
                    summary: str_field(&r.content, "course"),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let report_summaries_note = (!include).then(|| {
        if programme.plan.end_report_includes_reports {
            l(
                lang,
                "De verslagen zijn niet opgenomen in deze weergave.",
                "The reports are not included in this view.",
            )
        } else {
            l(
                lang,
                "Dit traject neemt de verslagen niet op in het eindverslag.",
                "This programme does not include the reports in the end report.",
            )
        }
    });
    (report_summaries, report_summaries_note)
}

/// The evaluations as lines of the end report.
fn evaluation_lines(view: &CaseView, lang: Lang) -> Vec<EvaluationLine> {
    view.evaluations
        .iter()
        .map(|e| EvaluationLine {
            kind: match str_field(e, "kind").as_str() {
                "final" | "end" => l(lang, "eindevaluatie", "end evaluation"),
                _ => l(lang, "evaluatie", "evaluation"),
            },
            on: date_text(&str_field(e, "on"), lang),
            summary: str_field(e, "summary"),
            agreement_reached: e
                .get("agreement_reached")
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            next_steps: str_field(e, "next_steps"),
        })
        .collect()
}

/// The follow-up: since when and how long, what the programme has, or to whom follow-up
/// help was handed.
fn follow_up_text(view: &CaseView, programme: &Programme, lang: Lang) -> Option<String> {
    match (&programme.follow_up, view.follow_up_since.as_deref()) {
        (Some(f), Some(since)) => Some(l(
            lang,
            &format!(
                "Nazorg sinds {}: {} maanden met ongeveer {} terugkomafspraken.",
                date_text(since, Lang::Nl),
                f.months,
                f.return_appointments
            ),
            &format!(
                "Follow-up since {}: {} months with about {} return appointments.",
                date_text(since, Lang::En),
                f.months,
                f.return_appointments
            ),
        )),
        (Some(f), None) => Some(l(
            lang,
            &format!(
                "Het traject kent een nazorgperiode van {} maanden met ongeveer {} terugkomafspraken.",
                f.months, f.return_appointments
            ),
            &format!(
                "The programme has a follow-up period of {} months with about {} return appointments.",
                f.months, f.return_appointments
            ),
        )),
        (None, _) => view
            .outcome
            .as_ref()
            .and_then(|o| {
                (o.kind == OutcomeKind::FollowUpHelp)
                    .then(|| o.detail.clone())
                    .flatten()
            })
            .map(|to| {
                l(
                    lang,
                    &format!("Vervolghulp overgedragen aan {to}."),
                    &format!("Follow-up help handed to {to}."),
                )
            }),
    }
}
