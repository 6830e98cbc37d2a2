//! What a document holds: plain data, already in the reader's language and already cut to
//! what the reader may see. The application layer fills these from the same views its
//! pages and the portal use (`views::case_view` in the actor's scope, `App::parent_picture`
//! for a parent); this crate only typesets them. No field holds an address, a phone number
//! or an e-mail address: a document that leaves the house names people, never where they
//! live.

use serde::{Deserialize, Serialize};

/// The language of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

/// A logo for the letterhead (uploaded by the organisation's administrator).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logo {
    /// PNG, JPEG or SVG bytes.
    pub bytes: Vec<u8>,
}

/// What every document has: who made it, about which case, when.
#[derive(Clone, Debug, Serialize)]
pub struct Header {
    pub lang: Lang,
    /// The organisation that made the document (the letterhead).
    pub organisation: String,
    /// The case number (footer of every page).
    pub case_reference: String,
    pub programme: String,
    /// The date the document was made, in the reader's language ("2 maart 2026").
    pub made_on: String,
    /// The same date as `YYYY-MM-DD` (the PDF's metadata).
    pub made_on_iso: String,
    /// The children's names (and, where the reader may see them, birth dates).
    pub children: Vec<ChildLine>,
    /// The role in which the reader got it, e.g. "ouder" (for the colophon), if any.
    pub made_for: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChildLine {
    pub name: String,
    /// In the reader's language; absent where the reader may not see it.
    pub birth_date: Option<String>,
}

/// A parent's signature line under a plan version.
#[derive(Clone, Debug, Serialize)]
pub struct SignatureLine {
    pub name: String,
    pub role: String,
    /// When they signed (local time, in the reader's language), if they did.
    pub signed_at: Option<String>,
    /// "op papier" / "in het portaal".
    pub method: Option<String>,
    /// The content hash they signed.
    pub content_hash: Option<String>,
}

/// One version of the plan of approach (Plan van Aanpak / samenwerkingscontract).
#[derive(Clone, Debug, Serialize)]
pub struct PlanDoc {
    pub header: Header,
    /// "Plan van Aanpak", "Samenwerkingscontract".
    pub document: String,
    pub version: u32,
    /// How many versions there are (to say "version 2 of 3").
    pub versions: u32,
    pub current: bool,
    pub created_at: String,
    pub content_hash: String,
    pub goals: Vec<String>,
    pub house_rules: Vec<String>,
    pub visit_agreements: String,
    pub handover_agreements: String,
    pub parent_conversations: String,
    pub child_guidance: String,
    pub work_agreements: String,
    pub evaluation_moments: Vec<String>,
    pub max_duration_months: Option<u32>,
    pub parents_must_not_meet: bool,
    pub signatures: Vec<SignatureLine>,
    pub signed_by_all: bool,
}

/// An amendment to a released report.
#[derive(Clone, Debug, Serialize)]
pub struct AmendmentLine {
    pub at: String,
    pub text: String,
}

/// A released (neutral) visit report, with its amendments.
#[derive(Clone, Debug, Serialize)]
pub struct ReportDoc {
    pub header: Header,
    /// "begeleide omgang", with the date and time.
    pub session: String,
    pub session_at: String,
    pub place: String,
    pub released_at: String,
    pub resident_parent: Option<String>,
    pub visiting_parent: Option<String>,
    pub course: String,
    pub child_reactions: String,
    pub interaction: String,
    pub agreements_kept: String,
    pub punctuality_resident_parent: String,
    pub punctuality_visiting_parent: String,
    pub incidents: String,
    pub amendments: Vec<AmendmentLine>,
}

/// A count of sessions of one kind.
#[derive(Clone, Debug, Serialize)]
pub struct SessionCount {
    pub kind: String,
    pub held: u32,
    pub cancelled: u32,
    pub no_show: u32,
    pub planned: u32,
}

/// Who cancelled or did not come, how often.
#[derive(Clone, Debug, Serialize)]
pub struct ByWhom {
    /// A name or "de organisatie".
    pub who: String,
    pub cancelled: u32,
    pub late: u32,
    pub no_show: u32,
}

/// The summary of one released report, for the end report.
#[derive(Clone, Debug, Serialize)]
pub struct ReportSummary {
    pub session: String,
    pub at: String,
    pub summary: String,
}

/// An evaluation moment in the end report.
#[derive(Clone, Debug, Serialize)]
pub struct EvaluationLine {
    pub kind: String,
    pub on: String,
    pub summary: String,
    pub agreement_reached: bool,
    pub next_steps: String,
}

/// The end report for the referrer, the case director or the court.
#[derive(Clone, Debug, Serialize)]
pub struct EndReportDoc {
    pub header: Header,
    pub status: String,
    pub registered_on: String,
    pub intake_completed_on: Option<String>,
    pub running_since: Option<String>,
    pub follow_up_since: Option<String>,
    pub closed_on: Option<String>,
    pub entry_route: String,
    pub plan_versions: u32,
    pub plan_signed_by_all: bool,
    pub sessions: Vec<SessionCount>,
    pub by_whom: Vec<ByWhom>,
    /// Empty where the programme (or the reader) does not include report summaries.
    pub report_summaries: Vec<ReportSummary>,
    /// Why summaries are absent, if they are ("the programme shares no reports").
    pub report_summaries_note: Option<String>,
    pub evaluations: Vec<EvaluationLine>,
    pub outcome: Option<String>,
    pub outcome_detail: Option<String>,
    pub outcome_summary: Option<String>,
    /// Follow-up: the half year after, return appointments, who picks it up.
    pub follow_up: Option<String>,
}

/// One of the documents omgang makes.
#[derive(Clone, Debug)]
pub enum Document {
    Plan(PlanDoc),
    Report(ReportDoc),
    EndReport(EndReportDoc),
    ParentingPlan(ParentingPlanDoc),
}

/// A line of two texts (a label and what it says).
#[derive(Clone, Debug, Serialize)]
pub struct Pair {
    pub label: String,
    pub text: String,
}

/// A year's nights with each parent.
#[derive(Clone, Debug, Serialize)]
pub struct ShareLine {
    pub year: i16,
    pub nights_a: u32,
    pub nights_b: u32,
    /// "52,1%" / "52.1%".
    pub percent_a: String,
    pub percent_b: String,
}

/// One version of the ouderschapsplan (art. 815 Rv): the schedule and parts a–c.
#[derive(Clone, Debug, Serialize)]
pub struct ParentingPlanDoc {
    pub header: Header,
    pub version: u32,
    pub versions: u32,
    pub created_at: String,
    pub content_hash: String,
    pub parent_a: String,
    pub parent_b: String,
    /// The base pattern, one line per day: "week 1, maandag" → a parent's name.
    pub pattern: Vec<Pair>,
    /// "om 18:00, school".
    pub handover: String,
    /// "midden".
    pub region: String,
    /// What overrides the pattern, and the rule.
    pub overrides: Vec<Pair>,
    pub shares: Vec<ShareLine>,
    pub care: String,
    pub information: String,
    pub costs: String,
    pub child_involvement: String,
    pub topics: Vec<Pair>,
    pub signatures: Vec<SignatureLine>,
    pub signed_by_both: bool,
}

impl Document {
    pub fn header(&self) -> &Header {
        match self {
            Document::Plan(d) => &d.header,
            Document::Report(d) => &d.header,
            Document::EndReport(d) => &d.header,
            Document::ParentingPlan(d) => &d.header,
        }
    }

    /// A file name for the download: `plan-van-aanpak-OB-2026-0001-v2.pdf`.
    pub fn file_name(&self) -> String {
        let reference = safe_name(&self.header().case_reference);
        let nl = self.header().lang == Lang::Nl;
        match self {
            Document::Plan(d) => {
                format!("{}-{reference}-v{}.pdf", safe_name(&d.document), d.version)
            }
            Document::Report(_) => {
                format!("{}-{reference}.pdf", if nl { "verslag" } else { "report" })
            }
            Document::EndReport(_) => {
                format!(
                    "{}-{reference}.pdf",
                    if nl { "eindverslag" } else { "end-report" }
                )
            }
            Document::ParentingPlan(d) => format!(
                "{}-{reference}-v{}.pdf",
                if nl {
                    "ouderschapsplan"
                } else {
                    "parenting-plan"
                },
                d.version
            ),
        }
    }
}

fn safe_name(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}
