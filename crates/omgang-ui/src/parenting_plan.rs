//! The ouderschapsplan's pages: the builder (the coordinator writes a version from a form:
//! the pattern, the holidays and birthdays, parts b and c, the topics; with the month
//! calendar and the share of nights of the current version beside it), the paper signature,
//! the parents' signature in the portal, the PDF and each parent's calendar feed. The
//! application layer decides who may and checks every field.

use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use omgang_app::AppError;
use omgang_app::input::SignatureInput;
use omgang_app::parenting_plan::{OCCASIONS, OverrideInput, ParentingPlanInput};
use omgang_domain::case::PersonRole;
use omgang_domain::parenting_plan::TOPICS;
use omgang_domain::text::Lang;
use serde_json::{Value as Json, json};

use crate::Ui;
use crate::kit::{Posted, Ui_, done_message, read_error, show_again};
use crate::web::{Form, FormState, Page, see_other};

const FORM: &str = "ouderschapsplan";
/// Birthdays the form offers at once.
const BIRTHDAYS: usize = 2;

/// The form's field names of a plan's values (to fill the form in).
fn form_values(input: &ParentingPlanInput) -> Json {
    let mut v = serde_json::Map::new();
    let mut put = |k: String, val: String| {
        v.insert(k, Json::String(val));
    };
    put("parent_a".into(), input.parent_a.clone());
    put("parent_b".into(), input.parent_b.clone());
    put(
        "weeks".into(),
        if input.days.len() == 14 { "2" } else { "1" }.into(),
    );
    for (i, d) in input.days.iter().enumerate() {
        put(format!("day_{i}"), d.clone());
    }
    if input.days.len() == 7 {
        for (i, d) in input.days.iter().enumerate() {
            put(format!("day_{}", i + 7), d.clone());
        }
    }
    put("anchor".into(), input.anchor.clone().unwrap_or_default());
    put("handover_time".into(), input.handover_time.clone());
    put("handover_place".into(), input.handover_place.clone());
    put("region".into(), input.region.clone());
    let mut birthday = 0;
    for o in &input.overrides {
        if o.occasion == "birthday" {
            if birthday < BIRTHDAYS {
                put(
                    format!("bday_name_{birthday}"),
                    o.name.clone().unwrap_or_default(),
                );
                put(
                    format!("bday_month_{birthday}"),
                    o.month.map(|m| m.to_string()).unwrap_or_default(),
                );
                put(
                    format!("bday_day_{birthday}"),
                    o.day.map(|d| d.to_string()).unwrap_or_default(),
                );
                put(format!("bday_rule_{birthday}"), o.rule.clone());
                put(format!("bday_parent_{birthday}"), o.parent.clone());
                birthday += 1;
            }
        } else {
            put(format!("rule_{}", o.occasion), o.rule.clone());
            put(format!("parent_{}", o.occasion), o.parent.clone());
        }
    }
    put("care".into(), input.care.clone());
    put("information".into(), input.information.clone());
    put("costs".into(), input.costs.clone());
    put("child_involvement".into(), input.child_involvement.clone());
    for (key, text) in &input.topics {
        put(format!("topic_{key}"), text.clone());
    }
    Json::Object(v)
}

/// The plan the form describes, and for each override's index the form field it came from
/// (to put a message next to the right field).
fn from_form(form: &Form) -> (ParentingPlanInput, Vec<String>) {
    let weeks = if form.get("weeks") == "2" { 14 } else { 7 };
    let days = (0..weeks)
        .map(|i| form.get(&format!("day_{i}")).to_owned())
        .collect();
    let mut overrides = Vec::new();
    let mut fields = Vec::new();
    for key in OCCASIONS {
        let rule = form.get(&format!("rule_{key}"));
        if rule.is_empty() {
            continue;
        }
        overrides.push(OverrideInput {
            occasion: key.to_owned(),
            rule: rule.to_owned(),
            parent: form.get(&format!("parent_{key}")).to_owned(),
            ..OverrideInput::default()
        });
        fields.push(format!("rule_{key}"));
    }
    for i in 0..BIRTHDAYS {
        let rule = form.get(&format!("bday_rule_{i}"));
        if rule.is_empty() {
            continue;
        }
        overrides.push(OverrideInput {
            occasion: "birthday".into(),
            rule: rule.to_owned(),
            parent: form.get(&format!("bday_parent_{i}")).to_owned(),
            name: form.opt(&format!("bday_name_{i}")),
            month: form.get(&format!("bday_month_{i}")).trim().parse().ok(),
            day: form.get(&format!("bday_day_{i}")).trim().parse().ok(),
        });
        fields.push(format!("bday_name_{i}"));
    }
    let topics = TOPICS
        .iter()
        .filter_map(|(key, _, _)| {
            form.opt(&format!("topic_{key}"))
                .map(|t| ((*key).to_owned(), t))
        })
        .collect();
    (
        ParentingPlanInput {
            parent_a: form.get("parent_a").to_owned(),
            parent_b: form.get("parent_b").to_owned(),
            days,
            anchor: form.opt("anchor"),
            handover_time: form.get("handover_time").to_owned(),
            handover_place: form.get("handover_place").to_owned(),
            region: form.get("region").to_owned(),
            overrides,
            care: form.get("care").to_owned(),
            information: form.get("information").to_owned(),
            costs: form.get("costs").to_owned(),
            child_involvement: form.get("child_involvement").to_owned(),
            topics,
        },
        fields,
    )
}

/// The app's field names ("overrides[2].rule", "topics.school") as the form's.
fn to_form_errors(e: AppError, override_fields: &[String]) -> AppError {
    match e {
        AppError::Invalid(errors) => AppError::Invalid(
            errors
                .into_iter()
                .map(|mut f| {
                    if let Some(rest) = f.field.strip_prefix("overrides[")
                        && let Some(i) =
                            rest.split(']').next().and_then(|n| n.parse::<usize>().ok())
                        && let Some(name) = override_fields.get(i)
                    {
                        f.field.clone_from(name);
                    } else if let Some(key) = f.field.strip_prefix("topics.") {
                        f.field = format!("topic_{key}");
                    }
                    f
                })
                .collect(),
        ),
        other => other,
    }
}

async fn render(
    ui: &Ui,
    page: &Page,
    id: &str,
    status: StatusCode,
    fs: FormState,
    done: Option<String>,
) -> Response {
    let Some(actor) = page.actor.as_ref() else {
        return page.to_login();
    };
    let view = match ui.app.case(actor, id).await {
        Ok(v) => v,
        Err(e) => return read_error(ui, page, e),
    };
    let current = match ui.app.parenting_plan(actor, id).await {
        Ok(p) => p,
        Err(e) => return read_error(ui, page, e),
    };
    let lang = page.lang;
    let parents: Vec<Json> = view
        .people
        .iter()
        .filter(|p| p.role.is_parent())
        .map(|p| json!({ "value": p.id, "label": format!("{} ({})", p.name, p.role_label) }))
        .collect();
    let defaults = match &current {
        Some(p) => form_values(&p.input),
        None => {
            let first = |role: PersonRole| {
                view.people
                    .iter()
                    .find(|p| p.role == role)
                    .map(|p| p.id.clone())
                    .unwrap_or_default()
            };
            json!({
                "parent_a": first(PersonRole::ResidentParent),
                "parent_b": first(PersonRole::NonResidentParent),
                "weeks": "2",
                "handover_time": "18:00",
                "region": "midden",
            })
        }
    };
    let pick = |nl: &str, en: &str| if lang == Lang::Nl { nl } else { en }.to_owned();
    let occasions: Vec<Json> = OCCASIONS
        .iter()
        .map(|key| {
            json!({
                "key": key,
                "label": occasion_label(key, lang),
            })
        })
        .collect();
    let weekdays: Vec<String> = (0..14)
        .map(|i| {
            let day = [
                pick("maandag", "Monday"),
                pick("dinsdag", "Tuesday"),
                pick("woensdag", "Wednesday"),
                pick("donderdag", "Thursday"),
                pick("vrijdag", "Friday"),
                pick("zaterdag", "Saturday"),
                pick("zondag", "Sunday"),
            ][i % 7]
                .clone();
            format!("{} {}, {day}", pick("week", "week"), i / 7 + 1)
        })
        .collect();
    let topics: Vec<Json> = TOPICS
        .iter()
        .map(|(key, nl, en)| json!({ "key": key, "label": if lang == Lang::Nl { nl } else { en } }))
        .collect();
    ui.render(
        page,
        status,
        "parenting_plan.html",
        json!({
            "nav": "cases",
            "case": view,
            "plan": current,
            "parents": parents,
            "defaults": defaults,
            "occasions": occasions,
            "weekdays": weekdays,
            "topics": topics,
            "birthdays": (0..BIRTHDAYS).collect::<Vec<_>>(),
            "fs": fs.to_json(lang),
            "done": done,
        }),
    )
}

/// The occasion's name in the form ("zomervakantie", "Moederdag"): the plan view's own
/// words (one vocabulary).
fn occasion_label(key: &str, lang: Lang) -> String {
    let input = OverrideInput {
        occasion: key.to_owned(),
        ..OverrideInput::default()
    };
    omgang_app::parenting_plan::occasion_of_input(&input)
        .map(|o| omgang_app::parenting_plan::occasion_label(&o, lang))
        .unwrap_or_else(|| key.to_owned())
}

pub async fn page(
    State(ui): Ui_,
    page: Page,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    if page.actor.is_none() {
        return page.to_login();
    }
    let done = done_message(&ui, &page, &raw);
    render(&ui, &page, &id, StatusCode::OK, FormState::default(), done).await
}

pub async fn save(
    State(ui): Ui_,
    Path(id): Path<String>,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
    let (input, fields) = from_form(&form);
    match ui.app.write_parenting_plan(&actor, &id, &input).await {
        Ok(_) => see_other(&format!(
            "/dossiers/{id}/ouderschapsplan?klaar=ouderschapsplan#voorbeeld"
        )),
        Err(e) => {
            show_again(
                &ui,
                &page,
                FORM,
                form.values(),
                to_form_errors(e, &fields),
                |status, fs| render(&ui, &page, &id, status, fs, None),
            )
            .await
        }
    }
}

/// A paper signature of the current version (staff), from the case page.
pub async fn paper_sign(
    State(ui): Ui_,
    Path(id): Path<String>,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
    let input = SignatureInput {
        version: form.get("version").trim().parse().unwrap_or(0),
        parent_id: form.get("parent_id").to_owned(),
        method: "paper".into(),
        signed_on: form.opt("signed_on"),
    };
    match ui.app.sign_parenting_plan(&actor, &id, &input).await {
        Ok(_) => see_other(&format!(
            "/dossiers/{id}/ouderschapsplan?klaar=ouderschapsplan-getekend#ondertekening"
        )),
        Err(e) => {
            show_again(
                &ui,
                &page,
                "pp-handtekening",
                form.values(),
                e,
                |status, fs| render(&ui, &page, &id, status, fs, None),
            )
            .await
        }
    }
}

/// The PDF, for the coordinators (case page) and the parents (portal): the app decides.
pub async fn pdf(State(ui): Ui_, page: Page, Path(id): Path<String>) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let made = ui.app.parenting_plan_pdf(&actor, &id).await;
    crate::print::pdf_response(&ui, &page, made)
}

/// A parent signs the current version in the portal.
pub async fn portal_sign(
    State(ui): Ui_,
    Path(id): Path<String>,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
    if !form.checked("agree") {
        return crate::portal::render_for(
            &ui,
            &page,
            &actor,
            &id,
            StatusCode::UNPROCESSABLE_ENTITY,
            FormState {
                form: "pp-sign".into(),
                values: form.values(),
                errors: vec![omgang_app::error::FieldError::new(
                    "agree",
                    ui.i18n.t(Lang::Nl, "portal-sign-agree-required"),
                    ui.i18n.t(Lang::En, "portal-sign-agree-required"),
                )],
                alert: None,
            },
        )
        .await;
    }
    let version = form.get("version").trim().parse().unwrap_or(0);
    match ui
        .app
        .portal_sign_parenting_plan(&actor, &id, version, form.get("content_hash"))
        .await
    {
        Ok(()) => see_other(&format!(
            "/mijn-omgang/{id}?klaar=ouderschapsplan-getekend#ouderschapsplan"
        )),
        Err(e) => {
            show_again(&ui, &page, "pp-sign", form.values(), e, |status, fs| {
                crate::portal::render_for(&ui, &page, &actor, &id, status, fs)
            })
            .await
        }
    }
}

/// A parent's own days as iCalendar.
pub async fn portal_ics(State(ui): Ui_, page: Page, Path(id): Path<String>) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    match ui.app.parenting_plan_ics(&actor, &id).await {
        Ok(ics) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"ouderschapsplan.ics\"",
                ),
            ],
            ics,
        )
            .into_response(),
        Err(e) => read_error(&ui, &page, e),
    }
}
