//! The steps posted from the case page (`/dossiers/{id}/{step}`) and a session's outcome.
//! Each step reads its form and calls one `App` method; a form that cannot be read comes
//! back with its own messages, like the application's.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use omgang_app::input::{
    AssignOptionalInput, AssignUserInput, CloseFollowUpInput, CompleteIntakeInput, ConfirmInput,
    ConsentInput, PersonUpdateInput, SignatureInput,
};
use omgang_app::views::CaseView;
use omgang_app::{Actor, App, AppError};

use super::render_case;
use super::windows::{window_errors, windows_input};
use crate::forms;
use crate::i18n::I18n;
use crate::kit::{Posted, Ui_, show_again};
use crate::web::{Form, see_other};

/// The anchor of a step's section on the case page.
fn anchor(step: &str) -> &'static str {
    match step {
        "intake-starten" | "intake-afronden" => "stappen",
        "plan" | "handtekening" => "plan",
        "sessie" => "sessies",
        "instemming" => "instemmingen",
        "evaluatie" | "melding" => "evaluaties",
        "meldcode" => "meldcode",
        "persoon" => "betrokkenen",
        "tijdvakken" => "tijdvakken",
        _ => "stappen",
    }
}

pub async fn case_step(
    State(ui): Ui_,
    Path((id, step)): Path<(String, String)>,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
    let Some(result) = take_step(&ui.app, &ui.i18n, &actor, &id, &step, &form).await else {
        return ui.error(&page, StatusCode::NOT_FOUND);
    };
    // One form per person: the one that was sent opens again with its messages.
    let form_name = if step == "persoon" {
        format!("persoon-{}", form.get("person_id"))
    } else {
        step.clone()
    };
    match result {
        Ok(view) => see_other(&format!(
            "/dossiers/{}?klaar={step}#{}",
            view.id,
            anchor(&step)
        )),
        Err(e) => {
            show_again(&ui, &page, &form_name, form.values(), e, |status, fs| {
                render_case(&ui, &page, &actor, &id, status, fs, None)
            })
            .await
        }
    }
}

/// The step named in the path, taken with what the form says; none for a step the case page
/// does not have.
async fn take_step(
    app: &App,
    i18n: &I18n,
    actor: &Actor,
    id: &str,
    step: &str,
    form: &Form,
) -> Option<Result<CaseView, AppError>> {
    Some(match step {
        "intake-starten" => app.start_intake(actor, id).await,
        "intake-afronden" => complete_intake(app, i18n, actor, id, form).await,
        "plan" => write_plan(app, i18n, actor, id, form).await,
        "handtekening" => sign_plan(app, i18n, actor, id, form).await,
        "tijdvakken" => set_windows(app, actor, id, form).await,
        // Warnings (past a limit, off the rhythm, a room booked) come back as a
        // refusal to confirm; the form shows them with "Toch plannen".
        "sessie" => match forms::session(form, i18n) {
            Ok(input) => app.plan_session(actor, id, &input).await,
            Err(errors) => Err(AppError::Invalid(errors)),
        },
        "instemming" => record_consent(app, i18n, actor, id, form).await,
        "evaluatie" => {
            app.record_evaluation(actor, id, &forms::evaluation(form))
                .await
        }
        "melding" => {
            app.record_escalation(actor, id, &forms::escalation(form))
                .await
        }
        "meldcode" => match forms::meldcode(form, i18n) {
            Ok(input) => app.record_meldcode_step(actor, id, &input).await,
            Err(errors) => Err(AppError::Invalid(errors)),
        },
        "fase" => {
            let (confirm, reason) = forms::confirmation(form);
            app.advance_phase(actor, id, &ConfirmInput { confirm, reason })
                .await
        }
        "afsluiten" => app.end_case(actor, id, &forms::end(form)).await,
        "nazorg-afsluiten" => {
            let summary = form.get("summary").to_owned();
            app.close_follow_up(actor, id, &CloseFollowUpInput { summary })
                .await
        }
        "begeleider" => {
            let input = AssignUserInput {
                user_id: form.get("user_id").to_owned(),
                reason: form.opt("reason"),
            };
            app.assign_supervisor(actor, id, &input).await
        }
        "partner" => {
            app.assign_partner(actor, id, &AssignOptionalInput { id: form.opt("id") })
                .await
        }
        "persoon" => update_person(app, actor, id, form).await,
        _ => return None,
    })
}

async fn complete_intake(
    app: &App,
    i18n: &I18n,
    actor: &Actor,
    id: &str,
    form: &Form,
) -> Result<CaseView, AppError> {
    let Some(eligible) = forms::yes_no(form, "eligible") else {
        return Err(AppError::Invalid(vec![forms::own_error(
            i18n,
            "eligible",
            "err-choose",
        )]));
    };
    let input = CompleteIntakeInput {
        eligible,
        notes: form.get("notes").to_owned(),
        reason: form.opt("reason").or_else(|| forms::confirmation(form).1),
        confirm: forms::confirmation(form).0,
    };
    app.complete_intake(actor, id, &input).await
}

async fn write_plan(
    app: &App,
    i18n: &I18n,
    actor: &Actor,
    id: &str,
    form: &Form,
) -> Result<CaseView, AppError> {
    let input = forms::plan(form, i18n).map_err(AppError::Invalid)?;
    app.write_plan(actor, id, &input)
        .await
        .map_err(|e| match e {
            AppError::Invalid(errors) => AppError::Invalid(forms::collapse_list_fields(errors)),
            other => other,
        })
}

async fn sign_plan(
    app: &App,
    i18n: &I18n,
    actor: &Actor,
    id: &str,
    form: &Form,
) -> Result<CaseView, AppError> {
    let Ok(version) = form.get("version").parse::<u32>() else {
        return Err(AppError::Invalid(vec![forms::own_error(
            i18n,
            "version",
            "err-choose",
        )]));
    };
    let input = SignatureInput {
        version,
        parent_id: form.get("parent_id").to_owned(),
        method: "paper".into(),
        signed_on: form.opt("signed_on"),
    };
    app.sign_plan(actor, id, &input).await
}

/// The family's windows and school hours; a message goes back to the row it came from.
async fn set_windows(
    app: &App,
    actor: &Actor,
    id: &str,
    form: &Form,
) -> Result<CaseView, AppError> {
    let (input, rows) = windows_input(form);
    match app.set_case_windows(actor, id, &input).await {
        Ok(_) => app.case(actor, id).await,
        Err(AppError::Invalid(errors)) => Err(AppError::Invalid(window_errors(errors, &rows))),
        Err(e) => Err(e),
    }
}

async fn record_consent(
    app: &App,
    i18n: &I18n,
    actor: &Actor,
    id: &str,
    form: &Form,
) -> Result<CaseView, AppError> {
    let Some(given) = forms::yes_no(form, "given") else {
        return Err(AppError::Invalid(vec![forms::own_error(
            i18n,
            "given",
            "err-choose",
        )]));
    };
    let input = ConsentInput {
        parent_id: form.get("parent_id").to_owned(),
        subject: "visit_outside_house".into(),
        given,
        on: form.opt("on"),
        note: form.get("note").to_owned(),
    };
    app.record_consent(actor, id, &input).await
}

async fn update_person(
    app: &App,
    actor: &Actor,
    id: &str,
    form: &Form,
) -> Result<CaseView, AppError> {
    let input = PersonUpdateInput {
        email: form.opt("email"),
        phone: form.opt("phone"),
        address: form.opt("address"),
        secret_address: !form.get("secret_address").is_empty(),
    };
    app.update_person(actor, id, form.get("person_id"), &input)
        .await
}

pub async fn record_outcome(
    State(ui): Ui_,
    Path((id, session)): Path<(String, String)>,
    Posted {
        page,
        who: actor,
        form,
    }: Posted,
) -> Response {
    match ui
        .app
        .record_outcome(&actor, &id, &session, &forms::outcome(&form))
        .await
    {
        Ok(_) => see_other(&format!("/dossiers/{id}?klaar=uitkomst#sessies")),
        Err(e) => {
            show_again(
                &ui,
                &page,
                &format!("uitkomst-{session}"),
                form.values(),
                e,
                |status, fs| render_case(&ui, &page, &actor, &id, status, fs, None),
            )
            .await
        }
    }
}
