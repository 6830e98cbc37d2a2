//! Beheer's programme definitions: uploading one, reading its problems, opening it to the public.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use omgang_app::AppError;
use omgang_app::policy::{Actor, OrgAction};
use omgang_domain::text::Lang;
use serde_json::{Value as Json, json};

use crate::Ui;
use crate::forms::own_error;
use crate::kit::{Posted, Ui_, done_message, enum_name, show_again};
use crate::web::{FormState, Page, see_other};

use super::may;

/// A problem of an uploaded definition: file, field, reason.
fn problems(errors: &[omgang_app::FieldError], file: &str, lang: Lang) -> Vec<Json> {
    errors
        .iter()
        .map(|e| json!({ "file": file, "field": e.field, "reason": e.message(lang) }))
        .collect()
}

async fn render_programmes(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    status: StatusCode,
    fs: FormState,
    extra: Json,
) -> Response {
    let lang = page.lang;
    let settings = ui
        .app
        .public_programme_settings(actor)
        .await
        .unwrap_or_default();
    let list: Vec<Json> = ui
        .app
        .programmes_view(actor)
        .await
        .iter()
        .map(|p| {
            let open = settings.iter().find(|s| s.programme_id == p.id).map(|s| s.open);
            json!({ "id": p.id, "name": p.name, "summary": p.summary, "built_in": p.built_in, "open": open })
        })
        .collect();
    let mut ctx = json!({
        "nav": "beheer",
        "programmes": list,
        "may_manage": may(actor, OrgAction::ManageProgrammes),
        "fs": fs.to_json(lang),
    });
    if let (Some(c), Json::Object(e)) = (ctx.as_object_mut(), extra) {
        c.extend(e);
    }
    ui.render(page, status, "beheer_programmes.html", ctx)
}

pub async fn programmes_page(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    if !may(&actor, OrgAction::ReadUsers) {
        return ui.error(&page, StatusCode::FORBIDDEN);
    }
    let done = done_message(&ui, &page, &raw);
    render_programmes(
        &ui,
        &page,
        &actor,
        StatusCode::OK,
        FormState::default(),
        json!({ "done": done }),
    )
    .await
}

pub async fn upload_programme(
    State(ui): Ui_,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
    let source = form.get("source").to_owned();
    let file = form.opt("filename").unwrap_or_else(|| "definitie".into());
    let only_check = form.get("action") == "check";
    if source.trim().is_empty() {
        let fs = FormState {
            form: "traject".into(),
            values: form.values(),
            errors: vec![own_error(&ui.i18n, "source", "bh-programme-empty")],
            alert: Some(ui.i18n.t(page.lang, "alert-invalid")),
        };
        return render_programmes(
            &ui,
            &page,
            &actor,
            StatusCode::UNPROCESSABLE_ENTITY,
            fs,
            json!({}),
        )
        .await;
    }
    let result = if only_check {
        if !may(&actor, OrgAction::ManageProgrammes) {
            Err(AppError::Forbidden)
        } else {
            ui.app.check_programme(&source).map(|p| p.id)
        }
    } else {
        ui.app
            .add_programme(
                &actor,
                &omgang_app::admin::ProgrammeInput {
                    source: source.clone(),
                },
            )
            .await
            .map(|p| p.id)
    };
    match result {
        Ok(id) if only_check => {
            let fs = FormState {
                form: "traject".into(),
                values: form.values(),
                ..FormState::default()
            };
            let ok = ui.i18n.t_args(
                page.lang,
                "bh-programme-check-ok",
                Some(&fluent_args(&[("id", &id)])),
            );
            render_programmes(
                &ui,
                &page,
                &actor,
                StatusCode::OK,
                fs,
                json!({ "done": ok }),
            )
            .await
        }
        Ok(id) => see_other(&format!("/beheer/trajecten/{id}?klaar=traject")),
        Err(AppError::Invalid(errors)) => {
            let list = problems(&errors, &file, page.lang);
            let fs = FormState {
                form: "traject".into(),
                values: form.values(),
                errors: vec![omgang_app::FieldError::new(
                    "source",
                    ui.i18n.t_args(
                        Lang::Nl,
                        "bh-programme-problems",
                        Some(&fluent_args(&[("count", &errors.len().to_string())])),
                    ),
                    ui.i18n.t_args(
                        Lang::En,
                        "bh-programme-problems",
                        Some(&fluent_args(&[("count", &errors.len().to_string())])),
                    ),
                )],
                alert: Some(ui.i18n.t(page.lang, "bh-programme-invalid")),
            };
            render_programmes(
                &ui,
                &page,
                &actor,
                StatusCode::UNPROCESSABLE_ENTITY,
                fs,
                json!({ "problems": list }),
            )
            .await
        }
        Err(e) => {
            show_again(&ui, &page, "traject", form.values(), e, |status, fs| {
                render_programmes(&ui, &page, &actor, status, fs, json!({}))
            })
            .await
        }
    }
}

fn fluent_args<'a>(pairs: &[(&'a str, &'a str)]) -> fluent_bundle::FluentArgs<'a> {
    let mut args = fluent_bundle::FluentArgs::new();
    for (k, v) in pairs {
        match v.parse::<i64>() {
            Ok(n) => args.set(*k, n),
            Err(_) => args.set(*k, v.to_string()),
        }
    }
    args
}

pub async fn programme_page(
    State(ui): Ui_,
    page: Page,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    if !may(&actor, OrgAction::ReadUsers) {
        return ui.error(&page, StatusCode::FORBIDDEN);
    }
    let Some(p) = ui.app.programme(&id) else {
        return ui.error(&page, StatusCode::NOT_FOUND);
    };
    let lang = page.lang;
    let kinds: Vec<Json> = p
        .session_kinds
        .iter()
        .map(|k| {
            json!({
                "label": k.kind.label().get(lang), "max_minutes": k.max_minutes,
                "max_count": k.max_count, "target_count": k.target_count,
                "lead": enum_name(&k.led_by),
                "requires_signed_plan": k.requires_signed_plan, "needs_report": k.needs_report,
            })
        })
        .collect();
    let phases: Vec<Json> = p
        .phases
        .iter()
        .map(|ph| {
            json!({
                "name": ph.name.get(lang),
                "kinds": ph.session_kinds.iter().map(|k| k.label().get(lang).to_owned()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let built_in = ui
        .app
        .programmes_view(&actor)
        .await
        .iter()
        .any(|v| v.id == p.id && v.built_in);
    ui.render(
        &page,
        StatusCode::OK,
        "beheer_programme.html",
        json!({
            "nav": "beheer",
            "p": {
                "id": p.id, "name": p.name.get(lang), "summary": p.summary.get(lang), "provider": p.provider,
                "ages": format!("{}–{}", p.eligibility.child_age_min, p.eligibility.child_age_max),
                "entry_routes": p.eligibility.entry_routes.iter().map(|r| r.label().get(lang).to_owned()).collect::<Vec<_>>(),
                "document": p.plan.document.label().get(lang),
                "max_months": p.duration.max_months, "target_months": p.duration.target_months,
                "locations": p.locations.allowed.iter().map(|l| l.label().get(lang).to_owned()).collect::<Vec<_>>(),
                "volunteers": p.supervision.volunteers_allowed,
                "vog_months": p.supervision.vog_valid_months,
                "same_supervisor": p.supervision.same_supervisor,
            },
            "built_in": built_in,
            "kinds": kinds,
            "phases": phases,
            "done": done_message(&ui, &page, &raw),
        }),
    )
}

pub async fn set_public(
    State(ui): Ui_,
    Path(id): Path<String>,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
    let open = form.get("open") == "yes";
    match ui.app.set_public_programme(&actor, &id, open).await {
        Ok(()) => see_other(&format!(
            "/beheer/trajecten?klaar={}",
            if open {
                "traject-open"
            } else {
                "traject-dicht"
            }
        )),
        Err(e) => {
            show_again(&ui, &page, "openbaar", form.values(), e, |status, fs| {
                render_programmes(&ui, &page, &actor, status, fs, json!({}))
            })
            .await
        }
    }
}
