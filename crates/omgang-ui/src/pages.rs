//! The page handlers. Each one reads or writes through one or a few `App` methods; access is
//! decided there (a refusal comes back as an error and is shown, never bypassed).

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use omgang_app::auth::LoginInput;
use omgang_app::cases::{CaseListQuery, ReviewStep};
use omgang_app::input::{
    AmendInput, AssignOptionalInput, AssignUserInput, CloseFollowUpInput, CompleteIntakeInput,
    ConfirmInput, ConsentInput, PersonUpdateInput, SignatureInput,
};
use omgang_app::two_factor::SignIn;
use omgang_app::views::CaseView;
use omgang_app::{Actor, AppError, Role};
use omgang_domain::Refusal;
use omgang_domain::programme::SessionKind;
use omgang_domain::text::Lang;
use serde_json::{Value as Json, json};

use crate::Ui;
use crate::forms;
use crate::lists::{ListPage, PER_PAGE, asked_sort, list_href, sort_headers};
use crate::web::{Form, FormState, LANG_COOKIE, Page, SESSION_COOKIE, see_other};

pub(crate) type Ui_ = State<Arc<Ui>>;

pub(crate) fn query(raw: &Option<String>) -> Form {
    Form::parse(raw.as_deref().unwrap_or("").as_bytes())
}

/// Only a path of this site is a place to go back to: one leading `/`, then printable ASCII
/// without a backslash. Browsers drop tabs and newlines and read `\` as `/`, so
/// `/\t/evil.example` or `/\\evil.example` would be `//evil.example`, another host; and a
/// control character or non-ASCII byte cannot go into a `Location` header at all. Anything
/// else goes to the home page.
pub(crate) fn safe_next(next: &str) -> &str {
    let printable = next.bytes().all(|b| (0x21..=0x7e).contains(&b));
    let one_slash = next.starts_with('/') && !next.starts_with("//");
    if printable && one_slash && !next.contains('\\') && next.len() <= 2048 {
        next
    } else {
        "/"
    }
}

pub(crate) fn enum_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn is_staff_home(role: Role) -> bool {
    matches!(role, Role::Coordinator | Role::Supervisor | Role::Volunteer)
}

/// The result of a failed POST that is shown on a page again.
pub(crate) fn failed(
    ui: &Ui,
    page: &Page,
    form_name: &str,
    form: &Form,
    e: AppError,
) -> Result<(StatusCode, FormState), Box<Response>> {
    failed_values(ui, page, form_name, form.values(), e)
}

/// As [`failed`], with what was typed as JSON: the one mapping of an application error to
/// a page for the staff pages and the portal.
pub(crate) fn failed_values(
    ui: &Ui,
    page: &Page,
    form_name: &str,
    values: Json,
    e: AppError,
) -> Result<(StatusCode, FormState), Box<Response>> {
    let lang = page.lang;
    let state = |status, errors, alert: Option<String>| {
        Ok((
            status,
            FormState {
                form: form_name.to_owned(),
                values: values.clone(),
                errors,
                alert,
            },
        ))
    };
    match e {
        AppError::Unauthenticated => Err(Box::new(page.to_login())),
        AppError::NotFound => Err(Box::new(ui.error(page, StatusCode::NOT_FOUND))),
        AppError::Invalid(errors) => state(
            StatusCode::UNPROCESSABLE_ENTITY,
            errors
                .into_iter()
                .map(|e| {
                    // An empty date is "missing", not "'' is not a valid date".
                    let typed = values[e.field.as_str()].as_str().unwrap_or_default();
                    if typed.trim().is_empty() && e.message_nl.starts_with("''") {
                        forms::own_error(&ui.i18n, &e.field, "err-required")
                    } else {
                        e
                    }
                })
                .collect(),
            Some(ui.i18n.t(lang, "alert-invalid")),
        ),
        // Warnings to confirm: the form comes back with them, what was typed, and the
        // "Toch doorgaan" button with a reason field.
        AppError::Refused(
            ref refusal @ (Refusal::ConfirmationNeeded { ref warnings }
            | Refusal::ConfirmationReasonRequired { ref warnings }),
        ) => {
            let mut values = values.clone();
            if let Some(v) = values.as_object_mut() {
                let codes: Vec<&str> = warnings.iter().map(|w| w.code.as_str()).collect();
                v.insert(
                    "warnings".into(),
                    json!(
                        warnings
                            .iter()
                            .map(|w| json!({
                                "code": w.code.as_str(),
                                "text": w.text.get(lang),
                                "needs_reason": w.needs_reason,
                            }))
                            .collect::<Vec<_>>()
                    ),
                );
                v.insert("confirm_codes".into(), json!(codes.join(",")));
                v.insert(
                    "needs_reason".into(),
                    json!(warnings.iter().any(|w| w.needs_reason)),
                );
            }
            let alert = match refusal {
                Refusal::ConfirmationReasonRequired { .. } => refusal.message(lang),
                _ => ui.i18n.t(lang, "plan-warnings-alert"),
            };
            Ok((
                StatusCode::CONFLICT,
                FormState {
                    form: form_name.to_owned(),
                    values,
                    errors: Vec::new(),
                    alert: Some(alert),
                },
            ))
        }
        AppError::Refused(refusal) => state(
            StatusCode::CONFLICT,
            Vec::new(),
            Some(refusal.message(lang)),
        ),
        AppError::Forbidden => state(
            StatusCode::FORBIDDEN,
            Vec::new(),
            Some(ui.i18n.t(lang, "alert-forbidden")),
        ),
        AppError::Internal(detail) => {
            tracing::error!(%detail, "internal error");
            Err(Box::new(ui.error(page, StatusCode::INTERNAL_SERVER_ERROR)))
        }
        AppError::Unavailable(detail) => {
            tracing::warn!(%detail, "database unavailable");
            Err(Box::new(ui.error(page, StatusCode::SERVICE_UNAVAILABLE)))
        }
        AppError::Overloaded => Err(Box::new(ui.error(page, StatusCode::SERVICE_UNAVAILABLE))),
        other => state(
            StatusCode::CONFLICT,
            Vec::new(),
            Some(other.title().get(lang).to_owned()),
        ),
    }
}

/// An error while only reading: a friendly error page with the status of
/// [`crate::web::status_of`] (a form's problems cannot arise here: a 500).
pub(crate) fn read_error(ui: &Ui, page: &Page, e: AppError) -> Response {
    match e {
        AppError::Unauthenticated => page.to_login(),
        AppError::NotFound | AppError::Forbidden | AppError::Overloaded => {
            ui.error(page, crate::web::status_of(&e))
        }
        AppError::Unavailable(detail) => {
            tracing::warn!(%detail, "database unavailable");
            ui.error(page, StatusCode::SERVICE_UNAVAILABLE)
        }
        other => {
            tracing::error!(error = %other, "reading failed");
            ui.error(page, StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

pub(crate) fn csrf_refused(ui: &Ui, page: &Page) -> Response {
    ui.error(page, StatusCode::BAD_REQUEST)
}

/// "done" banner after a successful step (`?klaar=step`).
pub(crate) fn done_message(ui: &Ui, page: &Page, raw: &Option<String>) -> Option<String> {
    let q = query(raw);
    let step = q.get("klaar");
    let key = format!("done-{step}");
    (!step.is_empty() && ui.i18n.has(page.lang, &key)).then(|| ui.i18n.t(page.lang, &key))
}

// ---- sign-in, sign-out, language ----------------------------------------------------------

pub async fn login_page(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    if page.actor.is_some() {
        return see_other("/");
    }
    let q = query(&raw);
    let done = done_message(&ui, &page, &raw);
    ui.render(
        &page,
        StatusCode::OK,
        "login.html",
        json!({ "next": safe_next(q.get("next")), "fs": FormState::default().to_json(page.lang), "done": done }),
    )
}

pub async fn login(State(ui): Ui_, page: Page, body: Bytes) -> Response {
    let form = Form::parse(&body);
    if !page.csrf_ok(&form) {
        return csrf_refused(&ui, &page);
    }
    let next = safe_next(form.get("next")).to_owned();
    let input = LoginInput {
        email: form.get("email").trim().to_owned(),
        password: form.get("password").to_owned(),
    };
    let code = form.opt("code");
    let secure = if ui.app.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let with_session = |to: &str, secret: &str| {
        let mut r = see_other(to);
        if let Ok(v) = HeaderValue::from_str(&format!(
            "{SESSION_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Strict{secure}"
        )) {
            r.headers_mut().append(header::SET_COOKIE, v);
        }
        r
    };
    match ui
        .app
        .login_with_code(&input, code.as_deref(), page.ip.clone())
        .await
    {
        Ok(SignIn::Session(secret, actor)) => {
            // The language remembered for this user applies from sign-in on.
            let mut r = with_session(&next, &secret);
            if let Ok(v) = HeaderValue::from_str(&lang_cookie(actor.lang)) {
                r.headers_mut().append(header::SET_COOKIE, v);
            }
            r
        }
        // Password right, but the second factor must be set up first.
        Ok(SignIn::Enrol(secret, _)) => with_session("/tweestap", &secret),
        Err(e) => {
            let (status, alert) = match e {
                AppError::Unauthenticated => (
                    StatusCode::UNAUTHORIZED,
                    ui.i18n.t(page.lang, "login-failed"),
                ),
                AppError::SecondFactorRequired => (
                    StatusCode::UNAUTHORIZED,
                    ui.i18n.t(page.lang, "login-code-needed"),
                ),
                AppError::Throttled => (
                    StatusCode::TOO_MANY_REQUESTS,
                    e.title().get(page.lang).to_owned(),
                ),
                other => {
                    tracing::error!(error = %other, "sign-in failed");
                    return ui.error(&page, StatusCode::INTERNAL_SERVER_ERROR);
                }
            };
            let mut values = form.values();
            if let Some(v) = values.as_object_mut() {
                v.remove("password");
                v.remove("code");
            }
            let fs = FormState {
                form: "login".into(),
                values,
                errors: Vec::new(),
                alert: Some(alert),
            };
            ui.render(
                &page,
                status,
                "login.html",
                json!({ "next": next, "fs": fs.to_json(page.lang) }),
            )
        }
    }
}

// ---- two-factor enrolment -----------------------------------------------------------------

/// The person setting up the second factor: signed in fully, or with a session that waits
/// for enrolment. The second value is that waiting session's secret.
async fn enrolling(ui: &Ui, page: &Page) -> Result<(Actor, Option<String>), Response> {
    if let Some(actor) = &page.actor {
        return Ok((actor.clone(), None));
    }
    let Some(secret) = &page.session else {
        return Err(page.to_login());
    };
    match ui
        .app
        .actor_from_pending_session(secret, page.ip.clone())
        .await
    {
        Ok(Some(actor)) => Ok((actor, Some(secret.clone()))),
        Ok(None) => Err(page.to_login()),
        Err(e) => Err(read_error(ui, page, e)),
    }
}

pub async fn two_factor_page(State(ui): Ui_, page: Page) -> Response {
    let (actor, _) = match enrolling(&ui, &page).await {
        Ok(found) => found,
        Err(r) => return r,
    };
    let enrolment = match ui.app.enrol_totp(&actor).await {
        Ok(e) => e,
        Err(e) => return read_error(&ui, &page, e),
    };
    // The QR code is an SVG drawing (no script, no style); the XML prologue is dropped.
    let svg = enrolment
        .qr_svg
        .find("<svg")
        .map_or("", |i| &enrolment.qr_svg[i..])
        .to_owned();
    ui.render(
        &page,
        StatusCode::OK,
        "two_factor.html",
        json!({
            "qr_svg": svg,
            "otpauth_url": enrolment.otpauth_url,
            "fs": FormState::default().to_json(page.lang),
        }),
    )
}

pub async fn two_factor_confirm(State(ui): Ui_, page: Page, body: Bytes) -> Response {
    let form = Form::parse(&body);
    if !page.csrf_ok(&form) {
        return csrf_refused(&ui, &page);
    }
    let (actor, pending) = match enrolling(&ui, &page).await {
        Ok(found) => found,
        Err(r) => return r,
    };
    let input = omgang_app::two_factor::CodeInput {
        code: form.get("code").to_owned(),
    };
    match ui
        .app
        .confirm_totp(&actor, &input, pending.as_deref())
        .await
    {
        Ok((codes, session)) => {
            let mut r = ui.render(
                &page,
                StatusCode::OK,
                "two_factor.html",
                json!({ "recovery_codes": codes.recovery_codes, "fs": FormState::default().to_json(page.lang) }),
            );
            if let Some(secret) = session {
                let secure = if ui.app.settings.secure_cookies {
                    "; Secure"
                } else {
                    ""
                };
                if let Ok(v) = HeaderValue::from_str(&format!(
                    "{SESSION_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Strict{secure}"
                )) {
                    r.headers_mut().append(header::SET_COOKIE, v);
                }
            }
            r
        }
        Err(e) => match failed(&ui, &page, "tweestap", &form, e) {
            // The code was wrong: no new QR code (the app already holds this one).
            Ok((status, fs)) => ui.render(
                &page,
                status,
                "two_factor.html",
                json!({ "retry": true, "fs": fs.to_json(page.lang) }),
            ),
            Err(r) => *r,
        },
    }
}

pub async fn logout(State(ui): Ui_, page: Page, body: Bytes) -> Response {
    let form = Form::parse(&body);
    if !page.csrf_ok(&form) {
        return csrf_refused(&ui, &page);
    }
    if let Some(secret) = &page.session
        && let Err(e) = ui.app.logout(secret).await
    {
        tracing::error!(error = %e, "sign-out failed");
    }
    let mut r = see_other("/inloggen?klaar=uitgelogd");
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
    )) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

pub async fn set_lang(State(ui): Ui_, page: Page, body: Bytes) -> Response {
    let form = Form::parse(&body);
    if !page.csrf_ok(&form) {
        return csrf_refused(&ui, &page);
    }
    let lang = if form.get("lang") == "en" {
        Lang::En
    } else {
        Lang::Nl
    };
    // Signed in: remembered for the user (used again after the next sign-in).
    if let Some(actor) = &page.actor
        && let Err(e) = ui.app.set_language(actor, lang).await
    {
        tracing::error!(error = %e, "remembering the language failed");
    }
    let mut r = see_other(safe_next(form.get("next")));
    if let Ok(v) = HeaderValue::from_str(&lang_cookie(lang)) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

fn lang_cookie(lang: Lang) -> String {
    let code = match lang {
        Lang::En => "en",
        Lang::Nl => "nl",
    };
    format!("{LANG_COOKIE}={code}; Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000")
}

pub async fn not_found(State(ui): Ui_, page: Page) -> Response {
    if page.actor.is_none() {
        return page.to_login();
    }
    ui.error(&page, StatusCode::NOT_FOUND)
}

// ---- Mijn werk ---------------------------------------------------------------------------

fn kind_of(name: &str) -> Option<SessionKind> {
    serde_json::from_value(Json::String(name.to_owned())).ok()
}

pub async fn home(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    if actor.role == Role::Parent {
        return see_other("/mijn-omgang");
    }
    let lang = page.lang;
    let mut signals = Vec::new();
    let mut signals_note = None;
    if is_staff_home(actor.role) {
        match ui.app.signals(&actor, None).await {
            Ok(list) => signals = list,
            Err(AppError::Forbidden) => {
                signals_note = Some(ui.i18n.t(lang, "home-no-signals-role"))
            }
            Err(e) => return read_error(&ui, &page, e),
        }
    } else {
        signals_note = Some(ui.i18n.t(lang, "home-no-signals-role"));
    }
    let signals: Vec<Json> = signals
        .iter()
        .map(|s| {
            json!({
                "late": s.urgency == "late",
                "urgency": s.urgency,
                "text": s.text,
                "due_on": s.due_on,
                "case_id": s.case_id,
                "case_reference": s.case_reference,
            })
        })
        .collect();

    // Upcoming sessions (two weeks, from the agenda) and reports to write.
    let today = ui.app.today();
    let query = omgang_app::agenda::AgendaQuery {
        from: Some(today.to_string()),
        to: Some(omgang_domain::case::add_days(today, 14).to_string()),
        ..Default::default()
    };
    let mut upcoming: Vec<Json> = Vec::new();
    if omgang_app::policy::agenda_scope(&actor).is_some() {
        match ui.app.agenda(&actor, &query).await {
            Ok(entries) => {
                upcoming = entries
                    .iter()
                    .filter(|e| e.state == "planned")
                    .map(|e| {
                        json!({
                            "case_id": e.case_id, "reference": e.case_reference,
                            "kind_label": e.kind_label, "starts_at": e.starts_at,
                            "ends_at": e.ends_at, "location_label": e.place_label,
                            "supervisor": e.supervisor_name,
                            "conflict": e.conflict,
                        })
                    })
                    .collect();
            }
            Err(e) => return read_error(&ui, &page, e),
        }
    }
    // What changed in one's cases since the last "Alles gezien".
    let changes = match ui.app.changes(&actor).await {
        Ok(c) => c,
        Err(e) => return read_error(&ui, &page, e),
    };
    // Reports waiting for review (coordinators), the longest waiting first.
    let to_review: Vec<Json> = match ui.app.reports_to_review(&actor).await {
        Ok(list) => list
            .iter()
            .map(|r| {
                json!({
                    "case_id": r.case_id, "reference": r.case_reference, "family": r.family,
                    "session_id": r.session_id, "kind_label": r.kind_label,
                    "starts_at": r.starts_at, "author": r.author_name, "waiting": r.waiting,
                    "late": r.waiting_hours >= 72,
                })
            })
            .collect(),
        Err(e) => return read_error(&ui, &page, e),
    };
    let to_report: Vec<Json> = match ui.app.reports_to_write(&actor).await {
        Ok(list) => list
            .iter()
            .map(|r| {
                json!({
                    "case_id": r.case_id, "reference": r.case_reference, "session_id": r.session_id,
                    "kind_label": r.kind_label, "starts_at": r.starts_at, "draft": r.draft,
                })
            })
            .collect(),
        Err(e) => return read_error(&ui, &page, e),
    };
    ui.render(
        &page,
        StatusCode::OK,
        "home.html",
        json!({
            "nav": "home",
            "signals": signals,
            "signals_note": signals_note,
            "upcoming": upcoming,
            "to_report": to_report,
            "to_review": to_review,
            // Counted just now, not the minute-old count of the navigation.
            "badge": crate::badge_text(changes.items.len() + usize::from(changes.more)),
            "changes": changes,
            "today": today.to_string(),
            "done": done_message(&ui, &page, &raw),
        }),
    )
}

/// "Alles gezien": the changes listed so far no longer count (nor in the badge).
pub async fn changes_seen(State(ui): Ui_, page: Page, body: Bytes) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let form = Form::parse(&body);
    if !page.csrf_ok(&form) {
        return csrf_refused(&ui, &page);
    }
    match ui.app.mark_changes_seen(&actor).await {
        Ok(()) => see_other("/?klaar=gezien#veranderd"),
        Err(e) => read_error(&ui, &page, e),
    }
}

// ---- lists -------------------------------------------------------------------------------

pub(crate) fn programme_options(ui: &Ui, lang: Lang) -> Vec<Json> {
    ui.app
        .all_programmes()
        .iter()
        .map(|p| {
            let name = p.name.get(lang);
            json!({ "id": p.id, "name": name, "value": p.id, "label": name })
        })
        .collect()
}

pub async fn waiting_list(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let q = query(&raw);
    let programme = q.opt("programma");
    let referrer = q.opt("verwijzer");
    let list = match ui
        .app
        .list_cases(
            &actor,
            &CaseListQuery {
                status: Some("registered".into()),
                programme_id: programme.clone(),
                ..CaseListQuery::default()
            },
        )
        .await
    {
        Ok(list) => list,
        Err(e) => return read_error(&ui, &page, e),
    };
    let referrers = referrer_options(&ui, &page, &actor, &list).await;
    let mut list: Vec<_> = list
        .into_iter()
        .filter(|c| match referrer.as_deref() {
            None => true,
            Some(REFERRER_NONE) => c.referrer_user_id.is_none(),
            Some(r) => c.referrer_user_id.as_deref() == Some(r),
        })
        .collect();
    let (sort, desc) = asked_sort(&q, WAITING_COLUMNS, "waiting");
    match sort {
        "reference" => list.sort_by(|a, b| a.reference.cmp(&b.reference)),
        "programme" => list.sort_by(|a, b| a.programme_name.cmp(&b.programme_name)),
        "registered_on" => list.sort_by(|a, b| a.registered_on.cmp(&b.registered_on)),
        _ => list.sort_by_key(|c| c.waiting_days),
    }
    if desc {
        list.reverse();
    }
    let list = ListPage::of(
        (&ui, page.lang, "/aanmeldingen"),
        &[
            ("programma", programme.clone()),
            ("verwijzer", referrer.clone()),
        ],
        (WAITING_COLUMNS, sort, desc),
        list,
        q.get("pagina"),
    );
    ui.render(
        &page,
        StatusCode::OK,
        "waiting.html",
        json!({
            "nav": "waiting",
            "total": list.total,
            "pager": list.pager,
            "headers": list.headers,
            "cases": list.rows,
            "programmes": programme_options(&ui, page.lang),
            "programme": programme,
            "referrers": referrers,
            "referrer": referrer,
            "may_take": actor.role == Role::Coordinator,
        }),
    )
}

/// "Signalen": every signal of the actor's cases, the most urgent first, filtered by urgency
/// and kind (in the URL), a page at a time. Mijn werk shows the first 30.
pub async fn signals_page(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let q = query(&raw);
    let urgency = q.opt("urgentie").filter(|u| u == "late" || u == "due");
    let kind = q.opt("soort");
    let all = match ui.app.signals(&actor, None).await {
        Ok(list) => list,
        Err(e) => return read_error(&ui, &page, e),
    };
    let mut kinds: Vec<(String, String)> = all
        .iter()
        .map(|s| (s.kind_label.clone(), s.kind.clone()))
        .collect();
    kinds.sort();
    kinds.dedup();
    let kind_options: Vec<Json> = kinds
        .iter()
        .map(|(label, value)| json!({ "value": value, "label": label }))
        .collect();
    let mut shown: Vec<_> = all
        .iter()
        .filter(|s| urgency.as_deref().is_none_or(|u| s.urgency == u))
        .filter(|s| kind.as_deref().is_none_or(|k| s.kind == k))
        .collect();
    let (sort, desc) = asked_sort(&q, SIGNAL_COLUMNS, "urgency");
    match sort {
        "reference" => shown.sort_by(|a, b| a.case_reference.cmp(&b.case_reference)),
        "due" => shown.sort_by(|a, b| a.due_on.cmp(&b.due_on)),
        _ => {} // the domain's order: the most urgent first
    }
    if desc {
        shown.reverse();
    }
    let list = ListPage::of(
        (&ui, page.lang, "/signalen"),
        &[("urgentie", urgency.clone()), ("soort", kind.clone())],
        (SIGNAL_COLUMNS, sort, desc),
        shown,
        q.get("pagina"),
    );
    ui.render(
        &page,
        StatusCode::OK,
        "signals.html",
        json!({
            "nav": "home",
            "signals": list.rows,
            "total": list.total,
            "all": all.len(),
            "pager": list.pager,
            "headers": list.headers,
            "urgency": urgency,
            "kind": kind,
            "kinds": kind_options,
        }),
    )
}

/// The waiting list's sortable columns: the longest waiting first by default.
const WAITING_COLUMNS: &[(&str, &str, bool)] = &[
    ("reference", "col-reference", false),
    ("programme", "col-programme", false),
    ("registered_on", "col-registered-on", false),
    ("waiting", "col-waiting", true),
];

/// The signals page's sortable columns: the most urgent first by default (the domain's order).
const SIGNAL_COLUMNS: &[(&str, &str, bool)] = &[
    ("urgency", "signals-col-urgency", false),
    ("reference", "col-reference", false),
    ("due", "signals-col-due", false),
];

/// The waiting list's "no referrer" filter value.
const REFERRER_NONE: &str = "geen";

/// The referrers of the listed cases (the public form first), for the filter.
async fn referrer_options(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    list: &[omgang_app::views::CaseSummary],
) -> Vec<Json> {
    let mut ids: Vec<String> = list
        .iter()
        .filter_map(|c| c.referrer_user_id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    let public = omgang_app::public::PUBLIC_ACTOR_ID;
    let names = ui.app.referrer_names(actor, &ids).await.unwrap_or_default();
    let mut out = Vec::new();
    if ids.iter().any(|i| i == public) {
        out.push(json!({ "value": public, "label": ui.i18n.t(page.lang, "referrer-public") }));
    }
    for (id, name) in names {
        out.push(json!({ "value": id, "label": name }));
    }
    out.push(json!({ "value": REFERRER_NONE, "label": ui.i18n.t(page.lang, "referrer-none") }));
    out
}

/// Sortable column headers and the pager of a case list, all in the URL.
/// Where a list stands: its order and page, and how many rows there are in all.
struct ListState<'a> {
    sort: &'a str,
    desc: bool,
    page: u32,
    total: i64,
}

fn list_controls(
    ui: &Ui,
    lang: Lang,
    path: &str,
    filters: &[(&str, Option<String>)],
    state: &ListState<'_>,
) -> Json {
    let ListState {
        sort,
        desc,
        page,
        total,
    } = *state;
    let with = |extra: &[(&str, Option<String>)]| {
        let mut all: Vec<(&str, Option<String>)> = filters.to_vec();
        all.extend_from_slice(extra);
        list_href(path, &all)
    };
    let columns = sort_headers(
        ui,
        lang,
        path,
        filters,
        &[
            ("reference", "col-reference", false),
            ("programme", "col-programme", false),
            ("status", "col-status", false),
            ("registered_on", "col-registered-on", true),
        ],
        (sort, desc),
    );
    let pages = u32::try_from((total + i64::from(PER_PAGE) - 1) / i64::from(PER_PAGE))
        .unwrap_or(1)
        .max(1);
    let keep = |p: u32| {
        with(&[
            ("sorteer", Some(sort.to_owned())),
            (
                "volgorde",
                Some(if desc { "desc" } else { "asc" }.to_owned()),
            ),
            ("pagina", Some(p.to_string())),
        ])
    };
    json!({
        "columns": columns,
        "page": page,
        "pages": pages,
        "total": total,
        "prev": (page > 1).then(|| keep(page - 1)),
        "next": (page < pages).then(|| keep(page + 1)),
    })
}

pub async fn case_list(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let q = query(&raw);
    let status = q.opt("status");
    let programme = q.opt("programma");
    let sort = q.opt("sorteer").unwrap_or_else(|| "registered_on".into());
    let desc = q
        .opt("volgorde")
        .map_or(sort == "registered_on", |o| o == "desc");
    let page_no = q.get("pagina").parse::<u32>().unwrap_or(1).max(1);
    let list = match ui
        .app
        .list_cases_page(
            &actor,
            &CaseListQuery {
                status: status.clone(),
                programme_id: programme.clone(),
                include_closed: Some(status.as_deref() == Some("closed")),
                sort: Some(sort.clone()),
                order: Some(if desc { "desc" } else { "asc" }.into()),
                page: Some(page_no),
                per_page: Some(PER_PAGE),
                ..CaseListQuery::default()
            },
        )
        .await
    {
        Ok(list) => list,
        Err(AppError::Invalid(_)) => omgang_app::cases::CasePage {
            cases: Vec::new(),
            total: 0,
            page: 1,
            per_page: Some(PER_PAGE),
        },
        Err(e) => return read_error(&ui, &page, e),
    };
    let controls = list_controls(
        &ui,
        page.lang,
        "/dossiers",
        &[("status", status.clone()), ("programma", programme.clone())],
        &ListState {
            sort: &sort,
            desc,
            page: list.page,
            total: list.total,
        },
    );
    ui.render(
        &page,
        StatusCode::OK,
        "cases.html",
        json!({
            "nav": "cases",
            "cases": list.cases,
            "list": controls,
            "programmes": programme_options(&ui, page.lang),
            "programme": programme,
            "status": status,
            "statuses": ["registered", "intake", "plan", "running", "follow_up", "closed"],
        }),
    )
}

/// "Zoeken": find a family by part of a name, a case number or an organisation.
pub async fn search(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let q = query(&raw);
    let text = q.get("q").trim().to_owned();
    if text.is_empty() && q.opt("q").is_none() {
        return ui.render(
            &page,
            StatusCode::OK,
            "search.html",
            json!({ "nav": "search", "searched": false }),
        );
    }
    let input = omgang_app::search::SearchQuery {
        q: Some(text.clone()),
        include_closed: Some(true),
    };
    match ui.app.search(&actor, &input).await {
        Ok(cases) => ui.render(
            &page,
            StatusCode::OK,
            "search.html",
            json!({ "nav": "search", "searched": true, "cases": cases, "search_q": text,
                    "limit": omgang_app::search::SEARCH_LIMIT }),
        ),
        Err(AppError::Invalid(errors)) => {
            let error = errors
                .first()
                .map(|e| match page.lang {
                    Lang::Nl => e.message_nl.clone(),
                    Lang::En => e.message_en.clone(),
                })
                .unwrap_or_default();
            ui.render(
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                "search.html",
                json!({ "nav": "search", "searched": false, "search_q": text, "error": error }),
            )
        }
        Err(e) => read_error(&ui, &page, e),
    }
}

/// Options of a select or radio group whose labels are translated messages `prefix` + value.
pub(crate) fn options(ui: &Ui, lang: Lang, prefix: &str, values: &[&str]) -> Vec<Json> {
    values
        .iter()
        .map(|v| json!({ "value": v, "label": ui.i18n.t(lang, &format!("{prefix}{v}")) }))
        .collect()
}

// ---- registration ------------------------------------------------------------------------

async fn registration_form(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    status: StatusCode,
    fs: FormState,
) -> Response {
    let providers: Vec<Json> = if matches!(actor.role, Role::Referrer | Role::CaseDirector) {
        ui.app
            .organisations()
            .await
            .unwrap_or_default()
            .into_iter()
            .filter(|o| o.kind == "provider")
            .map(|o| json!({ "value": o.id, "label": o.name }))
            .collect()
    } else {
        Vec::new()
    };
    let defaults = json!({
        "people[0].role": "resident_parent",
        "people[1].role": "non_resident_parent",
        "people[2].role": "guardian",
        "people[3].role": "foster_carer",
        "registered_by": "both_parents",
        "entry_route": "voluntary",
    });
    let entry_routes: Vec<Json> = omgang_app::input::ENTRY_ROUTES
        .iter()
        .map(|r| {
            let label = serde_json::from_value::<omgang_domain::programme::EntryRoute>(
                Json::String((*r).into()),
            )
            .map(|e| e.label().get(page.lang).to_owned())
            .unwrap_or_else(|_| (*r).to_owned());
            json!({ "value": r, "label": label })
        })
        .collect();
    ui.render(
        page,
        status,
        "register.html",
        json!({
            "nav": "register",
            "fs": fs.to_json(page.lang),
            "defaults": defaults,
            "programmes": programme_options(ui, page.lang),
            "providers": providers,
            "entry_routes": entry_routes,
            "registered_by": options(ui, page.lang, "registered-by-", omgang_app::input::REGISTERED_BY),
            "person_roles": options(ui, page.lang, "role-", &["resident_parent", "non_resident_parent", "guardian", "foster_carer", "residential_group", "referrer", "other"]),
            "child_rows": (0..forms::CHILD_ROWS).collect::<Vec<_>>(),
            "person_rows": (0..forms::PERSON_ROWS).collect::<Vec<_>>(),
        }),
    )
}

pub async fn registration_page(State(ui): Ui_, page: Page) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    registration_form(&ui, &page, &actor, StatusCode::OK, FormState::default()).await
}

pub async fn register(State(ui): Ui_, page: Page, body: Bytes) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let form = Form::parse(&body);
    if !page.csrf_ok(&form) {
        return csrf_refused(&ui, &page);
    }
    let reg = forms::registration(&form);
    match ui.app.register(&actor, &reg.input).await {
        Ok(view) => see_other(&format!("/dossiers/{}?klaar=aanmelding", view.id)),
        Err(e) => {
            let e = match e {
                AppError::Invalid(errors) => AppError::Invalid(forms::remap_rows(errors, &reg)),
                other => other,
            };
            match failed(&ui, &page, "aanmelding", &form, e) {
                Ok((status, fs)) => registration_form(&ui, &page, &actor, status, fs).await,
                Err(r) => *r,
            }
        }
    }
}

// ---- the case page -----------------------------------------------------------------------

pub(crate) fn person_name(view: &CaseView, id: &str) -> String {
    view.people
        .iter()
        .find(|p| p.id == id)
        .map(|p| p.name.clone())
        .unwrap_or_default()
}

async fn case_context(ui: &Ui, page: &Page, actor: &Actor, id: &str) -> Result<Json, AppError> {
    let lang = page.lang;
    let omgang_app::cases::CasePageData {
        view,
        timeline,
        windows,
    } = ui.app.case_page(actor, id).await?;
    let timeline = timeline.unwrap_or_default();
    let programme = ui
        .app
        .programme(&view.programme_id)
        .ok_or_else(|| AppError::Internal(format!("programme {} missing", view.programme_id)))?;
    let full = view.scope == omgang_app::policy::ViewScope::Full;
    let status = view.status.as_str();
    let open = status != "closed";
    let windows = windows.map_or(Json::Null, |w| window_rows_of(ui, lang, &w));

    let staff: Vec<Json> = if full {
        ui.app
            .supervisors(actor)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|u| json!({ "id": u.id, "name": u.name, "volunteer": u.role == "volunteer" }))
            .collect()
    } else {
        Vec::new()
    };
    let staff_name: HashMap<String, String> = staff
        .iter()
        .filter_map(|s| Some((s["id"].as_str()?.to_owned(), s["name"].as_str()?.to_owned())))
        .collect();
    let name_of = |uid: &Option<String>| -> Option<String> {
        let uid = uid.as_deref()?;
        if uid == actor.user_id.as_str() {
            return Some(actor.name.clone());
        }
        staff_name.get(uid).cloned()
    };
    let partners: Vec<Json> = if full && !programme.partners.is_empty() {
        ui.app
            .organisations()
            .await
            .unwrap_or_default()
            .into_iter()
            .filter(|o| o.kind == "partner")
            .map(|o| json!({ "id": o.id, "name": o.name }))
            .collect()
    } else {
        Vec::new()
    };
    let parents: Vec<Json> = view
        .people
        .iter()
        .filter(|p| p.role == "resident_parent" || p.role == "non_resident_parent")
        .map(|p| json!({ "id": p.id, "name": p.name, "role_label": p.role_label }))
        .collect();
    let latest = view.plans.last();
    // Who signs: the parents, and a guardian who holds authority.
    let signers: Vec<Json> = view
        .people
        .iter()
        .filter(|p| p.signs_plan)
        .map(|p| json!({ "id": p.id, "name": p.name, "role_label": p.role_label }))
        .collect();
    let signatures: Vec<Json> = match latest {
        Some(plan) => signers
            .iter()
            .map(|p| {
                let pid = p["id"].as_str().unwrap_or("");
                let sig = plan.signatures.iter().find(|s| s.parent_id == pid);
                json!({
                    "parent_id": pid, "name": p["name"], "role_label": p["role_label"],
                    "signed": sig.is_some(),
                    "signed_at": sig.map(|s| s.signed_at.clone()),
                    "signed_on": sig.map(|s| s.signed_on.clone()),
                    "method": sig.map(|s| s.method.clone()),
                })
            })
            .collect(),
        None => Vec::new(),
    };
    // Only what the programme, the phase and the children's ages allow now.
    let kinds: Vec<Json> = view
        .plannable_kinds
        .iter()
        .filter_map(|k| {
            let rule = programme
                .session_kinds
                .iter()
                .find(|r| enum_name(&r.kind) == k.kind)?;
            Some(json!({
                "value": k.kind,
                "label": k.label,
                "max_minutes": rule.max_minutes,
            }))
        })
        .collect();
    // Every place of the programme: the visits' and each kind's own.
    let mut places = programme.locations.allowed.clone();
    for rule in &programme.session_kinds {
        for place in &rule.locations {
            if !places.contains(place) {
                places.push(*place);
            }
        }
    }
    let locations: Vec<Json> = places
        .iter()
        .map(|k| json!({ "value": enum_name(k), "label": k.label().get(lang) }))
        .collect();
    let template_rules: Vec<String> = programme
        .plan
        .house_rules
        .iter()
        .map(|r| r.get(lang).to_owned())
        .collect();
    // The plan form starts from the latest version, or from the programme's templates.
    let plan_defaults = match latest.and_then(|p| p.content.as_ref()) {
        Some(c) => {
            let join = |k: &str| {
                c[k].as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str())
                            .collect::<Vec<_>>()
                            .join("\n")
                    })
                    .unwrap_or_default()
            };
            let moments: Vec<String> = c["evaluation_moments"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let mut d = json!({
                "goals": join("goals"),
                "house_rules": join("house_rules"),
                "visit_agreements": c["visit_agreements"],
                "handover_agreements": c["handover_agreements"],
                "parent_conversations": c["parent_conversations"],
                "child_guidance": c["child_guidance"],
                "work_agreements": c["work_agreements"],
                "max_duration_months": c["max_duration_months"].as_u64().map(|n| n.to_string()).unwrap_or_default(),
                "parents_must_not_meet": if c["parents_must_not_meet"].as_bool().unwrap_or(true) { "on" } else { "" },
            });
            for (i, m) in moments.iter().enumerate() {
                d[format!("evaluation_moments[{i}]")] = Json::String(m.clone());
            }
            d
        }
        None => json!({
            "house_rules": template_rules.join("\n"),
            "max_duration_months": programme.duration.max_months.map(|n| n.to_string()).unwrap_or_default(),
            "parents_must_not_meet": "on",
        }),
    };
    let me = actor.user_id.as_str();
    let reports_by_id: HashMap<&str, &omgang_app::views::ReportView> =
        view.reports.iter().map(|r| (r.id.as_str(), r)).collect();
    let sessions: Vec<Json> = view
        .sessions
        .iter()
        .map(|s| {
            let mine = s.supervisor_id.as_deref() == Some(me);
            let needs_report = kind_of(&s.kind)
                .and_then(|k| programme.kind(k))
                .is_some_and(|r| r.needs_report);
            let report = s.report_id.as_deref().and_then(|r| reports_by_id.get(r));
            json!({
                "id": s.id, "kind_label": s.kind_label, "starts_at": s.starts_at, "ends_at": s.ends_at,
                "minutes": s.minutes, "location_label": s.location_label, "description": s.description,
                "supervisor": name_of(&s.supervisor_id),
                "state": s.state, "notes": s.notes, "cancelled_by": s.cancelled_by, "reason": s.reason,
                "late": s.late, "attended": s.attended,
                "drop_off_at": s.drop_off_at, "pick_up_at": s.pick_up_at, "brought_by": s.brought_by,
                "needs_report": needs_report,
                "report_state": report.map(|r| r.state.clone()),
                "may_outcome": open && s.state == "planned" && (full || mine),
                "may_report": s.state == "held" && needs_report && (full || mine),
            })
        })
        .collect();
    let reports: Vec<Json> = view
        .reports
        .iter()
        .map(|r| {
            let s = view.sessions.iter().find(|s| s.id == r.session_id);
            json!({
                "id": r.id, "session_id": r.session_id, "state": r.state,
                "session_label": s.map(|s| s.kind_label.clone()),
                "starts_at": s.map(|s| s.starts_at.clone()),
                "updated_at": r.updated_at, "released_at": r.released_at,
                "author": name_of(&Some(r.author_id.clone())),
                "amendments": r.amendments.len(),
            })
        })
        .collect();
    let consents: Vec<Json> = view
        .consents
        .iter()
        .map(|c| {
            json!({
                "parent": person_name(&view, c["parent"].as_str().unwrap_or("")),
                "given": c["given"], "on": c["on"], "note": c["note"],
            })
        })
        .collect();
    let phase_index = view
        .phase
        .as_deref()
        .and_then(|p| programme.phases.iter().position(|ph| ph.id == p));
    let phases: Vec<Json> = programme
        .phases
        .iter()
        .enumerate()
        .map(|(i, p)| {
            json!({
                "name": p.name.get(lang),
                "current": Some(i) == phase_index,
                "done": phase_index.is_some_and(|c| i < c),
            })
        })
        .collect();
    let supervisor_name = name_of(&view.supervisor_id);
    // Seed 003's continuity: every change of supervisor with its reason.
    let supervisor_history: Vec<Json> = view
        .supervisor_history
        .iter()
        .map(|c| {
            json!({
                "on": c.on,
                "name": name_of(&Some(c.user_id.clone())).unwrap_or_else(|| c.user_id.clone()),
                "previous": c.previous_id.as_ref().map(|p| name_of(&Some(p.clone())).unwrap_or_else(|| p.clone())),
                "reason": c.reason,
            })
        })
        .collect();
    // The last step moved the case on by itself: say so ("De 4e begeleide omgang is
    // gehouden: het traject gaat naar Overdrachtsbegeleiding.").
    let phase_moved = match timeline.as_slice() {
        [.., held, moved]
            if held.event == "session_held"
                && moved.event == "phase_advanced"
                && held.at == moved.at =>
        {
            Some(moved.text.clone())
        }
        _ => None,
    };
    let timeline: Vec<Json> = timeline
        .iter()
        .rev()
        .map(|t| json!({ "at": t.at, "text": t.text }))
        .collect();
    let escalation_targets: Vec<Json> = omgang_app::input::ESCALATION_TARGETS
        .iter()
        .map(|t| {
            let label = serde_json::from_value::<omgang_domain::programme::EscalationTarget>(
                Json::String((*t).into()),
            )
            .map(|e| e.label().get(lang).to_owned())
            .unwrap_or_else(|_| (*t).to_owned());
            json!({ "value": t, "label": label })
        })
        .collect();
    let escalations: Vec<Json> = view
        .escalations
        .iter()
        .map(|e| {
            let label = serde_json::from_value::<omgang_domain::programme::EscalationTarget>(
                e["to"].clone(),
            )
            .map(|t| t.label().get(lang).to_owned())
            .unwrap_or_default();
            json!({ "to": label, "on": e["on"], "reason": e["reason"] })
        })
        .collect();
    // The meldcode: the steps taken, with who took them, and the next one to record.
    let meldcode: Vec<Json> = view
        .meldcode
        .iter()
        .map(|m| {
            let report_to = m.report_to.as_deref().and_then(|t| {
                serde_json::from_value::<omgang_domain::programme::EscalationTarget>(Json::String(
                    t.to_owned(),
                ))
                .ok()
                .map(|e| e.label().get(lang).to_owned())
            });
            json!({
                "number": m.number,
                "label": m.label,
                "on": m.on,
                "by": name_of(&m.by),
                "note": m.note,
                "answers": m.answers,
                "decision": m.decision,
                "report_to": report_to,
            })
        })
        .collect();
    let meldcode_next = omgang_domain::case::MeldcodeStep::ALL
        .get(view.meldcode.len())
        .map(|step| {
            json!({
                "step": omgang_app::input::MELDCODE_STEPS[step.number() - 1],
                "number": step.number(),
                "label": step.label().get(lang),
            })
        });
    let afwegingskader: Vec<&str> = omgang_domain::case::AFWEGINGSKADER
        .iter()
        .map(|(nl, en)| if lang == Lang::Nl { *nl } else { *en })
        .collect();
    Ok(json!({
        "nav": "cases",
        "case": view,
        "meldcode": meldcode,
        "meldcode_next": meldcode_next,
        "afwegingskader": afwegingskader,
        "full": full,
        "programme": {
            "name": programme.name.get(lang),
            "summary": programme.summary.get(lang),
            "document": programme.plan.document.label().get(lang),
            "max_months": programme.duration.max_months,
        },
        "phases": phases,
        "parents": parents,
        "latest_plan": latest,
        "signatures": signatures,
        "kinds": kinds,
        "locations": locations,
        "staff": staff,
        "partners": partners,
        "supervisor_name": supervisor_name,
        "plan_defaults": plan_defaults,
        "sessions": sessions,
        "reports": reports,
        "consents": consents,
        "escalations": escalations,
        "escalation_targets": escalation_targets,
        "timeline": timeline,
        "phase_moved": phase_moved,
        "supervisor_history": supervisor_history,
        "may": view.may,
        "attachments": ui.app.attachments_for_page(actor, &view).await?,
        "evaluation_rows": (0..forms::EVALUATION_ROWS).collect::<Vec<_>>(),
        "rooms": if full { crate::beheer::room_options(ui, actor).await } else { Vec::new() },
        "today": ui.app.today().to_string(),
        "windows": windows,
        "weekdays": (1..=7u8).map(|n| json!({ "value": n.to_string(), "label": ui.i18n.t(lang, &format!("bh-weekday-{n}")) })).collect::<Vec<_>>(),
    }))
}

/// The rows of the family's windows form on the case page: the stored windows (or none, when
/// the planner's default applies), then empty rows up to [`WINDOW_ROWS`].
const WINDOW_ROWS: usize = 6;
/// Rows for the children's school hours: a school week.
const SCHOOL_ROWS: usize = 5;

/// The windows form's rows and a summary, for the case page and the portal.
pub(crate) fn window_rows_of(
    ui: &Ui,
    lang: omgang_domain::Lang,
    w: &omgang_app::planning::WindowsView,
) -> Json {
    // The form's rows: the stored slots, then empty ones up to `at_least`.
    let rows = |slots: &[omgang_app::beheer::SlotInput], at_least: usize| {
        let mut rows: Vec<Json> = slots
            .iter()
            .map(
                |s| json!({ "weekday": s.weekday.to_string(), "starts": s.starts, "ends": s.ends }),
            )
            .collect();
        while rows.len() < at_least.max(slots.len()) {
            rows.push(json!({ "weekday": "", "starts": "", "ends": "" }));
        }
        rows
    };
    let summary = |slots: &[omgang_app::beheer::SlotInput]| {
        slots
            .iter()
            .map(|s| {
                format!(
                    "{} {}–{}",
                    ui.i18n.t(lang, &format!("bh-weekday-{}", s.weekday)),
                    s.starts,
                    s.ends
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    json!({
        "default": w.default,
        // The default windows are shown in the summary, not as the family's own rows.
        "rows": rows(if w.default { &[] } else { &w.windows }, WINDOW_ROWS),
        "summary": summary(&w.windows),
        "school": rows(&w.school, SCHOOL_ROWS),
        "school_summary": summary(&w.school),
    })
}

/// The filled-in rows of the windows form, and the form row of each (to put a field's
/// message back at the row it came from).
pub(crate) fn windows_input(form: &Form) -> (omgang_app::planning::WindowsInput, SlotRows) {
    let (windows, window_rows) = slot_rows(form, "windows");
    let (school, school_rows) = slot_rows(form, "school");
    (
        omgang_app::planning::WindowsInput {
            windows,
            // The form always shows the school hours: what it sends replaces them.
            school: Some(school),
        },
        SlotRows {
            windows: window_rows,
            school: school_rows,
        },
    )
}

/// For each list of the windows form, the form row of each filled-in entry.
pub(crate) struct SlotRows {
    windows: Vec<usize>,
    school: Vec<usize>,
}

fn slot_rows(form: &Form, list: &str) -> (Vec<omgang_app::beheer::SlotInput>, Vec<usize>) {
    let mut rows = Vec::new();
    let slots = (0..WINDOW_ROWS.max(20))
        .filter_map(|i| {
            let day = form.get(&format!("{list}[{i}].weekday")).trim().to_owned();
            let starts = form.get(&format!("{list}[{i}].starts")).trim().to_owned();
            let ends = form.get(&format!("{list}[{i}].ends")).trim().to_owned();
            if day.is_empty() && starts.is_empty() && ends.is_empty() {
                return None;
            }
            rows.push(i);
            Some(omgang_app::beheer::SlotInput {
                weekday: day.parse().unwrap_or(0),
                starts,
                ends,
            })
        })
        .collect();
    (slots, rows)
}

pub(crate) fn window_errors(
    errors: Vec<omgang_app::FieldError>,
    rows: &SlotRows,
) -> Vec<omgang_app::FieldError> {
    errors
        .into_iter()
        .map(|mut e| {
            for (list, rows) in [("windows", &rows.windows), ("school", &rows.school)] {
                if let Some(rest) = e.field.strip_prefix(&format!("{list}["))
                    && let Some((k, tail)) = rest.split_once(']')
                    && let Some(row) = k.parse::<usize>().ok().and_then(|k| rows.get(k))
                {
                    e.field = format!("{list}[{row}]{tail}");
                    break;
                }
            }
            e
        })
        .collect()
}

pub(crate) async fn render_case(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    id: &str,
    status: StatusCode,
    fs: FormState,
    done: Option<String>,
) -> Response {
    match case_context(ui, page, actor, id).await {
        Ok(mut ctx) => {
            ctx["fs"] = fs.to_json(page.lang);
            ctx["done"] = json!(done);
            ui.render(page, status, "case.html", ctx)
        }
        Err(e) => read_error(ui, page, e),
    }
}

pub async fn case_page(
    State(ui): Ui_,
    page: Page,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let done = done_message(&ui, &page, &raw);
    let announce = query(&raw).get("klaar") == "uitkomst";
    match case_context(&ui, &page, &actor, &id).await {
        Ok(mut ctx) => {
            // After a held session that completed its phase, the page announces the move
            // ("De 4e begeleide omgang is gehouden: het traject gaat naar …").
            let moved = ctx["phase_moved"].as_str();
            let done = match moved {
                Some(text) if announce => Some(text.to_owned()),
                _ => done,
            };
            ctx["fs"] = plan_here_prefill(&raw, &ctx).to_json(page.lang);
            ctx["done"] = json!(done);
            ui.render(&page, StatusCode::OK, "case.html", ctx)
        }
        Err(e) => read_error(&ui, &page, e),
    }
}

/// The agenda's "Plan hier" (`?plan_start=…&plan_ruimte=…&plan_begeleider=…`): the session
/// form opens with the slot filled in — the case's own supervisor when the slot named none,
/// an hour by default. Only values: the form is sent and checked like any other.
fn plan_here_prefill(raw: &Option<String>, ctx: &Json) -> FormState {
    let q = query(raw);
    let Some(start) = q.opt("plan_start") else {
        return FormState::default();
    };
    let supervisor = q
        .opt("plan_begeleider")
        .or_else(|| ctx["case"]["supervisor_id"].as_str().map(str::to_owned))
        .unwrap_or_default();
    FormState {
        form: "sessie".into(),
        values: json!({
            "starts_at": start,
            "minutes": "60",
            "room": q.opt("plan_ruimte").unwrap_or_default(),
            "supervisor_id": supervisor,
            "location_kind": "omgangshuis",
        }),
        errors: Vec::new(),
        alert: None,
    }
}

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
    page: Page,
    Path((id, step)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let form = Form::parse(&body);
    if !page.csrf_ok(&form) {
        return csrf_refused(&ui, &page);
    }
    let app = &ui.app;
    let i18n = &ui.i18n;
    let result = match step.as_str() {
        "intake-starten" => app.start_intake(&actor, &id).await,
        "intake-afronden" => match forms::yes_no(&form, "eligible") {
            Some(eligible) => {
                app.complete_intake(
                    &actor,
                    &id,
                    &CompleteIntakeInput {
                        eligible,
                        notes: form.get("notes").to_owned(),
                        reason: form.opt("reason").or_else(|| forms::confirmation(&form).1),
                        confirm: forms::confirmation(&form).0,
                    },
                )
                .await
            }
            None => Err(AppError::Invalid(vec![forms::own_error(
                i18n,
                "eligible",
                "err-choose",
            )])),
        },
        "plan" => match forms::plan(&form, i18n) {
            Ok(input) => app
                .write_plan(&actor, &id, &input)
                .await
                .map_err(|e| match e {
                    AppError::Invalid(errors) => {
                        AppError::Invalid(forms::collapse_list_fields(errors))
                    }
                    other => other,
                }),
            Err(errors) => Err(AppError::Invalid(errors)),
        },
        "handtekening" => match form.get("version").parse::<u32>() {
            Ok(version) => {
                app.sign_plan(
                    &actor,
                    &id,
                    &SignatureInput {
                        version,
                        parent_id: form.get("parent_id").to_owned(),
                        method: "paper".into(),
                        signed_on: form.opt("signed_on"),
                    },
                )
                .await
            }
            Err(_) => Err(AppError::Invalid(vec![forms::own_error(
                i18n,
                "version",
                "err-choose",
            )])),
        },
        // Warnings (past a limit, off the rhythm, a room booked) come back as a
        // refusal to confirm; the form shows them with "Toch plannen".
        "tijdvakken" => {
            let (input, rows) = windows_input(&form);
            match app.set_case_windows(&actor, &id, &input).await {
                Ok(_) => app.case(&actor, &id).await,
                Err(AppError::Invalid(errors)) => {
                    Err(AppError::Invalid(window_errors(errors, &rows)))
                }
                Err(e) => Err(e),
            }
        }
        "sessie" => match forms::session(&form, i18n) {
            Ok(input) => app.plan_session(&actor, &id, &input).await,
            Err(errors) => Err(AppError::Invalid(errors)),
        },
        "instemming" => match forms::yes_no(&form, "given") {
            Some(given) => {
                app.record_consent(
                    &actor,
                    &id,
                    &ConsentInput {
                        parent_id: form.get("parent_id").to_owned(),
                        subject: "visit_outside_house".into(),
                        given,
                        on: form.opt("on"),
                        note: form.get("note").to_owned(),
                    },
                )
                .await
            }
            None => Err(AppError::Invalid(vec![forms::own_error(
                i18n,
                "given",
                "err-choose",
            )])),
        },
        "evaluatie" => {
            app.record_evaluation(&actor, &id, &forms::evaluation(&form))
                .await
        }
        "melding" => {
            app.record_escalation(&actor, &id, &forms::escalation(&form))
                .await
        }
        "meldcode" => match forms::meldcode(&form, i18n) {
            Ok(input) => app.record_meldcode_step(&actor, &id, &input).await,
            Err(errors) => Err(AppError::Invalid(errors)),
        },
        "fase" => {
            let (confirm, reason) = forms::confirmation(&form);
            app.advance_phase(&actor, &id, &ConfirmInput { confirm, reason })
                .await
        }
        "afsluiten" => app.end_case(&actor, &id, &forms::end(&form)).await,
        "nazorg-afsluiten" => {
            app.close_follow_up(
                &actor,
                &id,
                &CloseFollowUpInput {
                    summary: form.get("summary").to_owned(),
                },
            )
            .await
        }
        "begeleider" => {
            app.assign_supervisor(
                &actor,
                &id,
                &AssignUserInput {
                    user_id: form.get("user_id").to_owned(),
                    reason: form.opt("reason"),
                },
            )
            .await
        }
        "partner" => {
            app.assign_partner(&actor, &id, &AssignOptionalInput { id: form.opt("id") })
                .await
        }
        "persoon" => {
            app.update_person(
                &actor,
                &id,
                form.get("person_id"),
                &PersonUpdateInput {
                    email: form.opt("email"),
                    phone: form.opt("phone"),
                    address: form.opt("address"),
                    secret_address: !form.get("secret_address").is_empty(),
                },
            )
            .await
        }
        _ => return ui.error(&page, StatusCode::NOT_FOUND),
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
        Err(e) => match failed(&ui, &page, &form_name, &form, e) {
            Ok((status, fs)) => render_case(&ui, &page, &actor, &id, status, fs, None).await,
            Err(r) => *r,
        },
    }
}

pub async fn record_outcome(
    State(ui): Ui_,
    page: Page,
    Path((id, session)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let form = Form::parse(&body);
    if !page.csrf_ok(&form) {
        return csrf_refused(&ui, &page);
    }
    match ui
        .app
        .record_outcome(&actor, &id, &session, &forms::outcome(&form))
        .await
    {
        Ok(_) => see_other(&format!("/dossiers/{id}?klaar=uitkomst#sessies")),
        Err(e) => match failed(&ui, &page, &format!("uitkomst-{session}"), &form, e) {
            Ok((status, fs)) => render_case(&ui, &page, &actor, &id, status, fs, None).await,
            Err(r) => *r,
        },
    }
}

// ---- the visit report --------------------------------------------------------------------

async fn render_report(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    (id, session): (&str, &str),
    status: StatusCode,
    fs: FormState,
    done: Option<String>,
) -> Response {
    let view = match ui.app.case(actor, id).await {
        Ok(v) => v,
        Err(e) => return read_error(ui, page, e),
    };
    let Some(s) = view.sessions.iter().find(|s| s.id == session) else {
        return ui.error(page, StatusCode::NOT_FOUND);
    };
    let report = view.reports.iter().find(|r| r.session_id == session);
    let full = view.scope == omgang_app::policy::ViewScope::Full;
    let mine = s.supervisor_id.as_deref() == Some(actor.user_id.as_str());
    let state = report.map(|r| r.state.as_str());
    let editable = (full || mine) && state.is_none_or(|st| st == "draft") && s.state == "held";
    let content = report
        .map(|r| r.content.clone())
        .unwrap_or_else(|| json!({}));
    let amendments: Vec<Json> = report
        .map(|r| {
            r.amendments
                .iter()
                .map(|a| json!({ "text": a["text"], "at": a["at"] }))
                .collect()
        })
        .unwrap_or_default();
    let resident = view
        .people
        .iter()
        .find(|p| p.role == "resident_parent")
        .map(|p| p.name.clone());
    let visiting = view
        .people
        .iter()
        .find(|p| p.role == "non_resident_parent")
        .map(|p| p.name.clone());
    ui.render(
        page,
        status,
        "report.html",
        json!({
            "nav": "cases",
            "case": { "id": view.id, "reference": view.reference, "programme_name": view.programme_name,
                      "children": view.children.iter().map(|c| c.name.clone()).collect::<Vec<_>>() },
            "session": s,
            "report": report,
            "content": content,
            "amendments": amendments,
            "editable": editable,
            "full": full,
            "resident": resident,
            "visiting": visiting,
            "fs": fs.to_json(page.lang),
            "done": done,
        }),
    )
}

pub async fn report_page(
    State(ui): Ui_,
    page: Page,
    Path((id, session)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let done = done_message(&ui, &page, &raw);
    render_report(
        &ui,
        &page,
        &actor,
        (&id, &session),
        StatusCode::OK,
        FormState::default(),
        done,
    )
    .await
}

pub async fn save_report(
    State(ui): Ui_,
    page: Page,
    Path((id, session)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let form = Form::parse(&body);
    if !page.csrf_ok(&form) {
        return csrf_refused(&ui, &page);
    }
    match ui
        .app
        .save_report(&actor, &id, &session, &forms::report(&form))
        .await
    {
        Ok(_) => see_other(&format!(
            "/dossiers/{id}/sessies/{session}/verslag?klaar=verslag"
        )),
        Err(e) => match failed(&ui, &page, "verslag", &form, e) {
            Ok((status, fs)) => {
                render_report(&ui, &page, &actor, (&id, &session), status, fs, None).await
            }
            Err(r) => *r,
        },
    }
}

pub async fn review_report(
    State(ui): Ui_,
    page: Page,
    Path((id, report, step)): Path<(String, String, String)>,
    body: Bytes,
) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let form = Form::parse(&body);
    if !page.csrf_ok(&form) {
        return csrf_refused(&ui, &page);
    }
    let session = form.get("session").to_owned();
    let result = match step.as_str() {
        "goedkeuren" => {
            ui.app
                .review_report(&actor, &id, &report, ReviewStep::Approve)
                .await
        }
        "teruggeven" => {
            ui.app
                .review_report(
                    &actor,
                    &id,
                    &report,
                    ReviewStep::Return {
                        reason: form.get("reason").to_owned(),
                    },
                )
                .await
        }
        "klaar" => ui.app.submit_report(&actor, &id, &report).await,
        "delen" => {
            ui.app
                .review_report(&actor, &id, &report, ReviewStep::Release)
                .await
        }
        "aanvullen" => {
            ui.app
                .amend_report(
                    &actor,
                    &id,
                    &report,
                    &AmendInput {
                        text: form.get("text").to_owned(),
                    },
                )
                .await
        }
        _ => return ui.error(&page, StatusCode::NOT_FOUND),
    };
    match result {
        Ok(_) => see_other(&format!(
            "/dossiers/{id}/sessies/{session}/verslag?klaar={step}"
        )),
        Err(e) => match failed(&ui, &page, &step, &form, e) {
            Ok((status, fs)) => {
                render_report(&ui, &page, &actor, (&id, &session), status, fs, None).await
            }
            Err(r) => *r,
        },
    }
}
