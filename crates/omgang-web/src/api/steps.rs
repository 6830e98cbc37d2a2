//! The steps of a case: each a call of one `App` method with the case and a body.

use axum::Json;
use axum::extract::{Path, State};
use omgang_app::input::*;
use omgang_app::views::CaseView;

use crate::extract::{Authed, Body, OptionalBody};
use crate::problem::Problem;

use super::{ApiResult, AppState};

macro_rules! case_step {
    ($(#[$doc:meta])* $name:ident, $path:literal, $method:ident) => {
        $(#[$doc])*
        #[utoipa::path(post, path = $path, tag = "case steps", params(("id" = String, Path)),
            responses((status = 200, body = CaseView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json")))]
        pub async fn $name(State(app): AppState, auth: Authed, Path(id): Path<String>) -> ApiResult<CaseView> {
            app.$method(&auth.actor, &id).await.map(Json).map_err(|e| auth.err(e))
        }
    };
    ($(#[$doc:meta])* $name:ident, $path:literal, $method:ident, $input:ty) => {
        $(#[$doc])*
        #[utoipa::path(post, path = $path, tag = "case steps", params(("id" = String, Path)), request_body = $input,
            responses((status = 200, body = CaseView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
        pub async fn $name(State(app): AppState, auth: Authed, Path(id): Path<String>, Body(input): Body<$input>) -> ApiResult<CaseView> {
            app.$method(&auth.actor, &id, &input).await.map(Json).map_err(|e| auth.err(e))
        }
    };
}

case_step!(
    /// Takes a registration into intake (the actor becomes its coordinator).
    start_intake, "/api/v1/cases/{id}/intake/start", start_intake);
case_step!(
    /// Records the end of the intake: eligible (on to the plan) or not (the case closes).
    complete_intake, "/api/v1/cases/{id}/intake/complete", complete_intake, CompleteIntakeInput);
case_step!(
    /// Assigns the case's supervisor (volunteers need a valid VOG and training).
    assign_supervisor, "/api/v1/cases/{id}/supervisor", assign_supervisor, AssignUserInput);
case_step!(
    /// Assigns the case's coordinator.
    assign_coordinator, "/api/v1/cases/{id}/coordinator", assign_coordinator, AssignUserInput);
case_step!(
    /// Links (or unlinks) the partner organisation that runs its part of the case.
    assign_partner, "/api/v1/cases/{id}/partner", assign_partner, AssignOptionalInput);
case_step!(
    /// Links (or unlinks) the casusregisseur.
    assign_case_director, "/api/v1/cases/{id}/case-director", assign_case_director, AssignOptionalInput);
case_step!(
    /// Writes a new version of the plan of approach / cooperation contract.
    write_plan, "/api/v1/cases/{id}/plans", write_plan, PlanInput);
case_step!(
    /// Records a parent's signature of a plan version (on paper, or in the portal).
    sign_plan, "/api/v1/cases/{id}/plans/signatures", sign_plan, SignatureInput);
case_step!(
    /// Plans a session; the programme's rules decide whether it may be planned.
    plan_session, "/api/v1/cases/{id}/sessions", plan_session, SessionInput);
case_step!(
    /// Records a parent's consent (e.g. to visits outside the omgangshuis).
    record_consent, "/api/v1/cases/{id}/consents", record_consent, ConsentInput);
/// Moves the case to the programme's next phase. The body may be left out; skipping the
/// phase's required sessions is refused with `confirmation_needed` until the body confirms
/// it: `{"confirm": ["phase_sessions_missing"], "reason": "..."}` (recorded).
#[utoipa::path(post, path = "/api/v1/cases/{id}/phase/advance", tag = "case steps",
    params(("id" = String, Path)), request_body(content = ConfirmInput, description = "optional"),
    responses((status = 200, body = CaseView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn advance_phase(
    State(app): AppState,
    auth: Authed,
    Path(id): Path<String>,
    OptionalBody(input): OptionalBody<ConfirmInput>,
) -> ApiResult<CaseView> {
    app.advance_phase(&auth.actor, &id, &input)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}
case_step!(
    /// Records an evaluation.
    record_evaluation, "/api/v1/cases/{id}/evaluations", record_evaluation, EvaluationInput);
case_step!(
    /// Records a report to the Jeugdteam, Veilig Thuis or another body.
    record_escalation, "/api/v1/cases/{id}/escalations", record_escalation, EscalationInput);
case_step!(
    /// Records one step of the Meldcode huiselijk geweld en kindermishandeling, in order:
    /// signals, consultation, conversation, weighing (the five questions of the
    /// afwegingskader), decision (report and/or help; a report is also recorded as such).
    record_meldcode_step, "/api/v1/cases/{id}/meldcode", record_meldcode_step, MeldcodeInput);
case_step!(
    /// Ends the programme with an outcome (follow-up starts where the programme has it).
    end_case, "/api/v1/cases/{id}/end", end_case, EndInput);
case_step!(
    /// Closes the follow-up period.
    close_follow_up, "/api/v1/cases/{id}/follow-up/close", close_follow_up, CloseFollowUpInput);

/// Records how a session went: held, cancelled (by whom, why) or no-show (who).
#[utoipa::path(post, path = "/api/v1/cases/{id}/sessions/{session}/outcome", tag = "case steps",
    params(("id" = String, Path), ("session" = String, Path)), request_body = OutcomeInput,
    responses((status = 200, body = CaseView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn record_outcome(
    State(app): AppState,
    auth: Authed,
    Path((id, session)): Path<(String, String)>,
    Body(input): Body<OutcomeInput>,
) -> ApiResult<CaseView> {
    app.record_outcome(&auth.actor, &id, &session, &input)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}

/// Changes a person's contact details, or makes their address secret from the other parent
/// (coordinators). Sessions planned at a home that became secret are signalled.
#[utoipa::path(put, path = "/api/v1/cases/{id}/people/{person}", tag = "case steps",
    params(("id" = String, Path), ("person" = String, Path)), request_body = PersonUpdateInput,
    responses((status = 200, body = CaseView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn update_person(
    State(app): AppState,
    auth: Authed,
    Path((id, person)): Path<(String, String)>,
    Body(input): Body<PersonUpdateInput>,
) -> ApiResult<CaseView> {
    app.update_person(&auth.actor, &id, &person, &input)
        .await
        .map(Json)
        .map_err(|e| auth.err(e))
}
