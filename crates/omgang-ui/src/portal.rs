//! The portal pages: "Mijn omgang" for parents (sessions with their own times, the plan to
//! read and sign, released reports, cancelling a session, their contact details), accepting
//! an invitation, the coordinator's invitation page of a case, and the referrer's
//! registrations. Every read and write goes through an `App` method (policy and audit there).

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use omgang_app::cases::CaseListQuery;
use omgang_app::invitations::{AcceptInput, InviteInput, StaffInviteInput};
use omgang_app::portal::{PortalCancelInput, PortalCase, PortalSignInput};
use omgang_app::two_factor::SignIn;
use omgang_app::{Actor, AppError, FieldError, Role};
use omgang_domain::CaseStatus;
use omgang_domain::case::{PersonRole, SessionStatus};
use serde_json::{Value as Json, json};

use crate::Ui;
use crate::kit::{Anyone, Posted, Poster, done_message as done, query, read_error, show_again};
use crate::web::{FormState, Page, SESSION_COOKIE, see_other};

type UiState = State<Arc<Ui>>;

/// The signed-in actor, with the request's address for the audit log.
fn actor_of(page: &Page) -> Option<Actor> {
    page.actor.clone().map(|mut a| {
        a.ip = page.ip.clone();
        a
    })
}

fn parent_of(page: &Page) -> Result<Actor, Box<Response>> {
    match actor_of(page) {
        None => Err(Box::new(page.to_login())),
        Some(a) if a.role == Role::Parent => Ok(a),
        Some(_) => Err(Box::new(see_other("/"))),
    }
}

/// A parent signed in, for the portal's own forms: anyone else goes to the sign-in page or
/// home.
pub(crate) struct Parent(Actor);

impl Poster for Parent {
    fn of(page: &Page) -> Result<Self, Box<Response>> {
        parent_of(page).map(Parent)
    }
}

/// Someone signed in, with the request's address (the invitation forms).
pub(crate) struct SignedIn(Actor);

impl Poster for SignedIn {
    fn of(page: &Page) -> Result<Self, Box<Response>> {
        actor_of(page)
            .map(SignedIn)
            .ok_or_else(|| Box::new(page.to_login()))
    }
}

fn with_session(ui: &Ui, to: &str, secret: &str) -> Response {
    let secure = if ui.app.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let mut r = see_other(to);
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Strict{secure}"
    )) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

/// A case as a parent knows it: the programme and the children ("Omgangshuis voor Noor en
/// Sem"), not a case number.
fn case_title(ui: &Ui, lang: omgang_domain::Lang, case: &PortalCase) -> String {
    let names: Vec<&str> = case.children.iter().map(|c| c.name.as_str()).collect();
    let and = ui.i18n.t(lang, "and");
    let children = match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    };
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("programme", case.programme_name.clone());
    args.set("children", children);
    ui.i18n.t_args(lang, "portal-case-name", Some(&args))
}

fn upcoming(ui: &Ui, lang: omgang_domain::Lang, case: &PortalCase) -> Vec<Json> {
    let now = ui.app.today().to_string();
    let title = case_title(ui, lang, case);
    case.sessions
        .iter()
        .filter(|s| s.state == SessionStatus::Planned && s.starts_at.as_str() >= now.as_str())
        .map(|s| json!({ "case_id": case.case_id, "title": title, "s": s }))
        .collect()
}

// ---- Mijn omgang -------------------------------------------------------------------------

pub async fn home(State(ui): UiState, page: Page, RawQuery(raw): RawQuery) -> Response {
    let actor = match parent_of(&page) {
        Ok(a) => a,
        Err(r) => return *r,
    };
    let home = match ui.app.portal_home(&actor).await {
        Ok(h) => h,
        Err(e) => return read_error(&ui, &page, e),
    };
    let mut sessions: Vec<Json> = home
        .cases
        .iter()
        .flat_map(|c| upcoming(&ui, page.lang, c))
        .collect();
    sessions.sort_by(|a, b| {
        a["s"]["starts_at"]
            .as_str()
            .cmp(&b["s"]["starts_at"].as_str())
    });
    let to_sign: Vec<Json> = home
        .cases
        .iter()
        .filter(|c| c.plans.iter().any(|p| p.may_sign))
        .map(|c| json!({ "case_id": c.case_id, "title": case_title(&ui, page.lang, c) }))
        .collect();
    let cases: Vec<Json> = home
        .cases
        .iter()
        .map(|c| {
            json!({ "case_id": c.case_id, "title": case_title(&ui, page.lang, c),
                    "status_label": c.status_label })
        })
        .collect();
    ui.render(
        &page,
        StatusCode::OK,
        "portal_home.html",
        json!({
            "nav": "portal",
            "cases": cases,
            "upcoming": sessions,
            "to_sign": to_sign,
            "done": done(&ui, &page, &raw),
        }),
    )
}

/// The portal's case page again, with a form's state (another module's form).
pub(crate) async fn render_for(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    id: &str,
    status: StatusCode,
    fs: FormState,
) -> Response {
    render_case(ui, page, actor, id, status, fs, None).await
}

async fn render_case(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    id: &str,
    status: StatusCode,
    fs: FormState,
    done_text: Option<String>,
) -> Response {
    let case = match ui.app.portal_case_for(actor, id).await {
        Ok(c) => c,
        Err(e) => return read_error(ui, page, e),
    };
    let upcoming = upcoming(ui, page.lang, &case);
    let title = case_title(ui, page.lang, &case);
    // The ouderschapsplan, when there is one (the app decides what a parent may see).
    let parenting_plan = ui.app.parenting_plan(actor, id).await.ok().flatten();
    let past: Vec<&omgang_app::portal::PortalSession> = case
        .sessions
        .iter()
        .filter(|s| s.state != SessionStatus::Planned)
        .collect();
    // When the family can come, for the weekly planner (open cases only).
    let windows = if case.status == CaseStatus::Closed {
        None
    } else {
        match ui.app.case_windows(actor, id).await {
            Ok(w) => Some(crate::pages::window_rows_of(ui, page.lang, &w)),
            Err(AppError::Forbidden | AppError::NotFound) => None,
            Err(e) => return read_error(ui, page, e),
        }
    };
    ui.render(
        page,
        status,
        "portal_case.html",
        json!({
            "nav": "portal",
            "case": case,
            "title": title,
            "upcoming": upcoming,
            "past": past,
            "current_plan": case.plans.iter().find(|p| p.current),
            "parenting_plan": parenting_plan,
            "windows": windows,
            "weekdays": (1..=7u8).map(|n| json!({ "value": n.to_string(), "label": ui.i18n.t(page.lang, &format!("bh-weekday-{n}")) })).collect::<Vec<_>>(),
            "fs": fs.to_json(page.lang),
            "done": done_text,
        }),
    )
}

pub async fn case_page(
    State(ui): UiState,
    page: Page,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let actor = match parent_of(&page) {
        Ok(a) => a,
        Err(r) => return *r,
    };
    let d = done(&ui, &page, &raw);
    render_case(
        &ui,
        &page,
        &actor,
        &id,
        StatusCode::OK,
        FormState::default(),
        d,
    )
    .await
}

/// `POST /mijn-omgang/{id}/tijden`: the family's time windows, given by a parent.
pub async fn windows(
    State(ui): UiState,
    Path(id): Path<String>,
    Posted {
        page,
        who: Parent(actor),
        form,
    }: Posted<Parent>,
) -> Response {
    let (input, rows) = crate::pages::windows_input(&form);
    let result = ui
        .app
        .set_case_windows(&actor, &id, &input)
        .await
        .map_err(|e| match e {
            AppError::Invalid(errors) => {
                AppError::Invalid(crate::pages::window_errors(errors, &rows))
            }
            other => other,
        });
    match result {
        Ok(_) => see_other(&format!("/mijn-omgang/{id}?klaar=tijden#tijden")),
        Err(e) => {
            show_again(&ui, &page, "tijdvakken", form.values(), e, |status, fs| {
                render_case(&ui, &page, &actor, &id, status, fs, None)
            })
            .await
        }
    }
}

pub async fn sign(
    State(ui): UiState,
    Path(id): Path<String>,
    Posted {
        page,
        who: Parent(actor),
        form,
    }: Posted<Parent>,
) -> Response {
    let result = if form.checked("agree") {
        let version = form.get("version").trim().parse::<u32>().unwrap_or(0);
        let input = PortalSignInput {
            version,
            content_hash: form.get("content_hash").to_owned(),
        };
        ui.app.portal_sign(&actor, &id, &input).await.map(|_| ())
    } else {
        Err(AppError::Invalid(vec![FieldError::new(
            "agree",
            ui.i18n
                .t(omgang_domain::text::Lang::Nl, "portal-sign-agree-required"),
            ui.i18n
                .t(omgang_domain::text::Lang::En, "portal-sign-agree-required"),
        )]))
    };
    match result {
        Ok(()) => see_other(&format!("/mijn-omgang/{id}?klaar=ondertekend#plan")),
        Err(e) => {
            show_again(&ui, &page, "sign", form.values(), e, |status, fs| {
                render_case(&ui, &page, &actor, &id, status, fs, None)
            })
            .await
        }
    }
}

async fn render_cancel(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    id: &str,
    session: &str,
    status: StatusCode,
    fs: FormState,
) -> Response {
    let case = match ui.app.portal_case_for(actor, id).await {
        Ok(c) => c,
        Err(e) => return read_error(ui, page, e),
    };
    let Some(s) = case.sessions.iter().find(|s| s.id == session) else {
        return ui.error(page, StatusCode::NOT_FOUND);
    };
    ui.render(
        page,
        status,
        "portal_cancel.html",
        json!({
            "nav": "portal",
            "case": case,
            "s": s,
            "fs": fs.to_json(page.lang),
        }),
    )
}

pub async fn cancel_page(
    State(ui): UiState,
    page: Page,
    Path((id, session)): Path<(String, String)>,
) -> Response {
    let actor = match parent_of(&page) {
        Ok(a) => a,
        Err(r) => return *r,
    };
    render_cancel(
        &ui,
        &page,
        &actor,
        &id,
        &session,
        StatusCode::OK,
        FormState::default(),
    )
    .await
}

pub async fn cancel(
    State(ui): UiState,
    Path((id, session)): Path<(String, String)>,
    Posted {
        page,
        who: Parent(actor),
        form,
    }: Posted<Parent>,
) -> Response {
    let input = PortalCancelInput {
        reason: form.get("reason").to_owned(),
    };
    match ui.app.portal_cancel(&actor, &id, &session, &input).await {
        Ok(_) => see_other(&format!("/mijn-omgang/{id}?klaar=afgezegd")),
        Err(e) => {
            show_again(&ui, &page, "cancel", form.values(), e, |status, fs| {
                render_cancel(&ui, &page, &actor, &id, &session, status, fs)
            })
            .await
        }
    }
}

// ---- accepting an invitation ---------------------------------------------------------------

async fn render_accept(
    ui: &Ui,
    page: &Page,
    token: &str,
    status: StatusCode,
    fs: FormState,
) -> Response {
    let info = match ui.app.invitation_info(token, page.lang).await {
        Ok(i) => i,
        Err(e) => return read_error(ui, page, e),
    };
    ui.render(
        page,
        status,
        "portal_accept.html",
        json!({ "info": info, "token": token, "fs": fs.to_json(page.lang) }),
    )
}

pub async fn accept_page(State(ui): UiState, page: Page, RawQuery(raw): RawQuery) -> Response {
    let token = query(&raw).get("token").trim().to_owned();
    render_accept(&ui, &page, &token, StatusCode::OK, FormState::default()).await
}

pub async fn accept(State(ui): UiState, Posted { page, form, .. }: Posted<Anyone>) -> Response {
    let token = form.get("token").trim().to_owned();
    let input = AcceptInput {
        token: token.clone(),
        password: form.get("password").to_owned(),
        password_again: Some(form.get("password_again").to_owned()),
    };
    match ui.app.accept_invitation(&input, page.ip.clone()).await {
        Ok(SignIn::Session(secret, actor)) => {
            let to = if actor.role == Role::Parent {
                "/mijn-omgang?klaar=welkom"
            } else {
                "/"
            };
            with_session(&ui, to, &secret)
        }
        Ok(SignIn::Enrol(secret, _)) => with_session(&ui, "/tweestap", &secret),
        Err(e) => {
            // Passwords never come back into the page.
            let mut values = form.values();
            if let Some(v) = values.as_object_mut() {
                v.remove("password");
                v.remove("password_again");
            }
            show_again(&ui, &page, "accept", values, e, |status, fs| {
                render_accept(&ui, &page, &token, status, fs)
            })
            .await
        }
    }
}

// ---- the coordinator's invitations of a case -------------------------------------------------

async fn render_invitations(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    id: &str,
    status: StatusCode,
    fs: FormState,
    done_text: Option<String>,
) -> Response {
    let invitations = match ui.app.case_invitations(actor, id).await {
        Ok(i) => i,
        Err(e) => return read_error(ui, page, e),
    };
    let view = match ui.app.case(actor, id).await {
        Ok(v) => v,
        Err(e) => return read_error(ui, page, e),
    };
    let people: Vec<Json> = view
        .people
        .iter()
        .filter(|p| {
            matches!(
                p.role,
                PersonRole::ResidentParent
                    | PersonRole::NonResidentParent
                    | PersonRole::Guardian
                    | PersonRole::FosterCarer
            )
        })
        .map(|p| {
            let label = match &p.email {
                Some(e) => format!("{} ({}, {e})", p.name, p.role_label),
                None => format!("{} ({})", p.name, p.role_label),
            };
            json!({ "value": p.id, "label": label })
        })
        .collect();
    let names: std::collections::HashMap<&str, &str> = view
        .people
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    let rows: Vec<Json> = invitations
        .iter()
        .map(|i| {
            json!({
                "i": i,
                "person": i.person_id.as_deref().and_then(|p| names.get(p)).copied().unwrap_or(""),
            })
        })
        .collect();
    ui.render(
        page,
        status,
        "portal_invite.html",
        json!({
            "nav": "cases",
            "case": { "id": view.id, "reference": view.reference },
            "people": people,
            "invitations": rows,
            "langs": [{"value": "nl", "label": "Nederlands"}, {"value": "en", "label": "English"}],
            "fs": fs.to_json(page.lang),
            "done": done_text,
        }),
    )
}

pub async fn invitations_page(
    State(ui): UiState,
    page: Page,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let Some(actor) = actor_of(&page) else {
        return page.to_login();
    };
    let d = done(&ui, &page, &raw);
    render_invitations(
        &ui,
        &page,
        &actor,
        &id,
        StatusCode::OK,
        FormState::default(),
        d,
    )
    .await
}

pub async fn invite(
    State(ui): UiState,
    Path(id): Path<String>,
    Posted {
        page,
        who: SignedIn(actor),
        form,
    }: Posted<SignedIn>,
) -> Response {
    let input = InviteInput {
        person_id: form.get("person_id").to_owned(),
        email: form.opt("email"),
        lang: form.opt("lang"),
    };
    match ui.app.invite_person(&actor, &id, &input).await {
        Ok(_) => see_other(&format!("/dossiers/{id}/uitnodigingen?klaar=uitgenodigd")),
        Err(e) => {
            show_again(&ui, &page, "invite", form.values(), e, |status, fs| {
                render_invitations(&ui, &page, &actor, &id, status, fs, None)
            })
            .await
        }
    }
}

// ---- the coordinator's invitations of referrers and partner staff ----------------------------

/// The roles a professional can be invited as.
const STAFF_ROLES: [Role; 2] = [Role::Referrer, Role::PartnerStaff];

async fn render_staff_invite(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    status: StatusCode,
    fs: FormState,
    done_text: Option<String>,
) -> Response {
    let lang = page.lang;
    let invitations = match ui.app.staff_invitations(actor).await {
        Ok(i) => i,
        Err(e) => return read_error(ui, page, e),
    };
    let orgs = match ui.app.staff_invitation_organisations(actor).await {
        Ok(o) => o,
        Err(e) => return read_error(ui, page, e),
    };
    let organisations: Vec<Json> = orgs
        .iter()
        .map(|(id, name, kind)| {
            let kind = ui.i18n.t(lang, &format!("staff-invite-org-kind-{kind}"));
            json!({ "value": id, "label": format!("{name} ({kind})") })
        })
        .collect();
    let roles: Vec<Json> = STAFF_ROLES
        .iter()
        .map(|r| json!({ "value": r.as_str(), "label": ui.i18n.t(lang, &format!("staff-invite-role-{}", r.as_str())) }))
        .collect();
    let rows: Vec<Json> = invitations
        .iter()
        .map(|i| {
            let organisation = orgs
                .iter()
                .find(|(id, _, _)| *id == i.organisation_id)
                .map(|(_, name, _)| name.clone())
                .unwrap_or_default();
            let role = Role::parse(&i.role).map(|r| r.label(lang)).unwrap_or("");
            json!({ "i": i, "organisation": organisation, "role_label": role })
        })
        .collect();
    ui.render(
        page,
        status,
        "portal_invite_staff.html",
        json!({
            "nav": "invite-staff",
            "organisations": organisations,
            "roles": roles,
            "invitations": rows,
            "langs": [{"value": "nl", "label": "Nederlands"}, {"value": "en", "label": "English"}],
            "fs": fs.to_json(lang),
            "done": done_text,
        }),
    )
}

pub async fn staff_invite_page(
    State(ui): UiState,
    page: Page,
    RawQuery(raw): RawQuery,
) -> Response {
    let Some(actor) = actor_of(&page) else {
        return page.to_login();
    };
    let d = done(&ui, &page, &raw);
    render_staff_invite(&ui, &page, &actor, StatusCode::OK, FormState::default(), d).await
}

pub async fn staff_invite(
    State(ui): UiState,
    Posted {
        page,
        who: SignedIn(actor),
        form,
    }: Posted<SignedIn>,
) -> Response {
    let input = StaffInviteInput {
        email: form.get("email").to_owned(),
        name: form.get("name").to_owned(),
        role: form.get("role").to_owned(),
        organisation_id: form.get("organisation_id").to_owned(),
        lang: form.opt("lang"),
    };
    match ui.app.invite_staff(&actor, &input).await {
        Ok(_) => see_other("/uitnodigingen?klaar=uitgenodigd-professional"),
        Err(e) => {
            show_again(
                &ui,
                &page,
                "staff-invite",
                form.values(),
                e,
                |status, fs| render_staff_invite(&ui, &page, &actor, status, fs, None),
            )
            .await
        }
    }
}

// ---- the referrer's registrations -----------------------------------------------------------

pub async fn referrals(State(ui): UiState, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = actor_of(&page) else {
        return page.to_login();
    };
    if actor.role != Role::Referrer {
        return ui.error(&page, StatusCode::FORBIDDEN);
    }
    let list = match ui
        .app
        .list_cases(
            &actor,
            &CaseListQuery {
                include_closed: Some(true),
                ..CaseListQuery::default()
            },
        )
        .await
    {
        Ok(l) => l,
        Err(e) => return read_error(&ui, &page, e),
    };
    let mut rows = Vec::new();
    for summary in list {
        // The outcome (the end report's conclusion) once the case has ended.
        let outcome = if matches!(summary.status, CaseStatus::Closed | CaseStatus::FollowUp) {
            match ui.app.case(&actor, &summary.id).await {
                Ok(v) => v.outcome,
                Err(e) => return read_error(&ui, &page, e),
            }
        } else {
            None
        };
        rows.push(json!({ "c": summary, "outcome": outcome }));
    }
    ui.render(
        &page,
        StatusCode::OK,
        "portal_referrals.html",
        json!({ "nav": "referrals", "cases": rows, "done": done(&ui, &page, &raw) }),
    )
}
