//! The public registration page (`/aanmelden`): no sign-in, for parents and professionals.
//! Through `App::register_public`: a limit per address, a honeypot field (`website`), and
//! the same receipt whatever happens to a valid registration.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use omgang_app::AppError;
use serde_json::{Value as Json, json};

use crate::Ui;
use crate::forms;
use crate::kit::{Anyone, PERSON_ROLES_PUBLIC, Posted, Ui_, choices, failed};
use crate::web::{FormState, Page, see_other};
use omgang_domain::case::RegisteredBy;

/// The honeypot: a field people do not see and never fill in.
pub const HONEYPOT: &str = "website";

async fn render(ui: &Ui, page: &Page, status: StatusCode, fs: FormState) -> Response {
    let lang = page.lang;
    let open = ui.app.public_options(lang).await.unwrap_or_default();
    // One select, grouped by organisation: "organisation|programme".
    let mut groups: Vec<Json> = Vec::new();
    for o in &open {
        let option = json!({ "value": format!("{}|{}", o.organisation_id, o.programme_id), "label": o.programme_name });
        match groups.last_mut() {
            Some(g) if g["name"] == json!(o.organisation_name) => {
                if let Some(list) = g["options"].as_array_mut() {
                    list.push(option);
                }
            }
            _ => groups.push(json!({ "name": o.organisation_name, "options": [option] })),
        }
    }
    let entry_routes: Vec<Json> = ["voluntary", "referral", "court_order"]
        .iter()
        .map(|r| {
            let label = serde_json::from_value::<omgang_domain::programme::EntryRoute>(
                Json::String((*r).into()),
            )
            .map(|e| e.label().get(lang).to_owned())
            .unwrap_or_else(|_| (*r).to_owned());
            json!({ "value": r, "label": label })
        })
        .collect();
    ui.render(
        page,
        status,
        "public_register.html",
        json!({
            "groups": groups,
            "fs": fs.to_json(lang),
            "defaults": {
                "people[0].role": "resident_parent",
                "people[1].role": "non_resident_parent",
                "people[2].role": "referrer",
                "registered_by": "one_parent",
                "entry_route": "voluntary",
            },
            "entry_routes": entry_routes,
            "registered_by": choices(lang, &RegisteredBy::ALL),
            "person_roles": choices(lang, &PERSON_ROLES_PUBLIC),
            "child_rows": (0..forms::CHILD_ROWS).collect::<Vec<_>>(),
            "person_rows": (0..forms::PERSON_ROWS).collect::<Vec<_>>(),
            "honeypot": HONEYPOT,
        }),
    )
}

pub async fn page(State(ui): Ui_, page: Page) -> Response {
    render(&ui, &page, StatusCode::OK, FormState::default()).await
}

pub async fn received(State(ui): Ui_, page: Page) -> Response {
    ui.render(&page, StatusCode::OK, "public_received.html", json!({}))
}

pub async fn submit(State(ui): Ui_, Posted { page, form, .. }: Posted<Anyone>) -> Response {
    let mut reg = forms::registration(&form);
    let (org, programme) = form.get("keuze").split_once('|').unwrap_or(("", ""));
    reg.input.organisation_id = Some(org.to_owned()).filter(|o| !o.is_empty());
    reg.input.programme_id = programme.to_owned();
    let trap = !form.get(HONEYPOT).trim().is_empty();
    match ui
        .app
        .register_public(&reg.input, page.ip.clone(), trap, page.lang)
        .await
    {
        Ok(_) => see_other("/aanmelden/ontvangen"),
        Err(AppError::Throttled) => {
            let fs = FormState {
                form: "publiek".into(),
                values: form.values(),
                errors: Vec::new(),
                alert: Some(ui.i18n.t(page.lang, "pub-throttled")),
            };
            render(&ui, &page, StatusCode::TOO_MANY_REQUESTS, fs).await
        }
        Err(e) => {
            let e = match e {
                AppError::Invalid(errors) => AppError::Invalid(
                    forms::remap_rows(errors, &reg)
                        .into_iter()
                        .map(|mut e| {
                            if e.field == "programme_id" || e.field == "organisation_id" {
                                e.field = "keuze".into();
                            }
                            e
                        })
                        .collect(),
                ),
                other => other,
            };
            match failed(&ui, &page, "publiek", &form, e) {
                Ok((status, mut fs)) => {
                    if let Some(v) = fs.values.as_object_mut() {
                        v.remove(HONEYPOT);
                    }
                    render(&ui, &page, status, fs).await
                }
                Err(r) => *r,
            }
        }
    }
}
