//! The administration pages (*Beheer*): users and roles, supervisors and volunteers (VOG,
//! training, weekly availability), locations and rooms, programme definitions. Every page
//! reads and writes through `App` methods (`admin.rs`, `beheer.rs` of omgang-app), which ask
//! the policy; a page only asks the policy what to offer (never what to allow).

mod locations;
mod programmes;
mod staff;
mod users;

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use omgang_app::policy::{self, Actor, OrgAction};
use omgang_app::{AppError, Role};
use omgang_domain::text::Lang;
use serde_json::{Value as Json, json};

use crate::Ui;
use crate::kit::{Ui_, done_message, finish, read_error};
use crate::web::{Form, FormState, Page};

const WEEKDAYS: [u8; 7] = [1, 2, 3, 4, 5, 6, 7];

fn may(actor: &Actor, action: OrgAction) -> bool {
    policy::may_org(actor, &actor.org_id, action)
}

fn role_options(lang: Lang) -> Vec<Json> {
    Role::ALL
        .iter()
        .map(|r| json!({ "value": r.as_str(), "label": r.label(lang) }))
        .collect()
}

fn room_types(ui: &Ui, lang: Lang) -> Vec<Json> {
    omgang_app::beheer::ROOM_TYPES
        .iter()
        .map(|t| json!({ "value": t, "label": ui.i18n.t(lang, &format!("bh-room-type-{t}")) }))
        .collect()
}

fn weekday_label(ui: &Ui, lang: Lang, n: u8) -> String {
    ui.i18n.t(lang, &format!("bh-weekday-{n}"))
}

/// The result of a POST: on success a redirect with a "done" banner, else the page again
/// (without a typed password).
async fn after<T, F, Fut>(
    ui: &Ui,
    page: &Page,
    form_name: &str,
    form: &Form,
    result: Result<T, AppError>,
    to: &str,
    again: F,
) -> Response
where
    F: FnOnce(StatusCode, FormState) -> Fut,
    Fut: std::future::Future<Output = Response>,
{
    finish(ui, page, form_name, form, result, to, |status, mut fs| {
        if let Some(v) = fs.values.as_object_mut() {
            v.remove("password");
        }
        again(status, fs)
    })
    .await
}

// ---- overview ------------------------------------------------------------------------------

pub async fn overview(State(ui): Ui_, page: Page, RawQuery(raw): RawQuery) -> Response {
    let Some(actor) = page.actor.clone() else {
        return page.to_login();
    };
    let done = done_message(&ui, &page, &raw);
    render_overview(
        &ui,
        &page,
        &actor,
        StatusCode::OK,
        FormState::default(),
        done,
    )
    .await
}

/// Beheer's start page: the parts with their counts, and the logo on the documents.
pub(crate) async fn render_overview(
    ui: &Ui,
    page: &Page,
    actor: &Actor,
    status: StatusCode,
    fs: FormState,
    done: Option<String>,
) -> Response {
    // Reading the users is what every part of Beheer needs: the policy answers here.
    let users = match ui.app.users(actor).await {
        Ok(u) => u,
        Err(e) => return read_error(ui, page, e),
    };
    let staff = ui.app.staff(actor).await.unwrap_or_default();
    let locations = ui.app.locations(actor).await.unwrap_or_default();
    let warnings: usize = staff.iter().map(|s| s.warnings.len()).sum();
    let may_letterhead = may(actor, OrgAction::ManageLetterhead);
    let has_logo = may_letterhead
        && ui
            .app
            .logo(actor.org_id.as_str())
            .await
            .ok()
            .flatten()
            .is_some();
    ui.render(
        page,
        status,
        "beheer.html",
        json!({
            "nav": "beheer",
            "counts": {
                "users": users.len(),
                "staff": staff.len(),
                "warnings": warnings,
                "locations": locations.len(),
                "programmes": ui.app.all_programmes().len(),
            },
            "may_users": may(actor, OrgAction::ManageUsers),
            "may_programmes": may(actor, OrgAction::ManageProgrammes),
            "may_letterhead": may_letterhead,
            "has_logo": has_logo,
            "fs": fs.to_json(page.lang),
            "done": done,
        }),
    )
}

pub use locations::{
    add_location, add_room, location_page, locations_page, save_location, save_opening_hours,
};
pub use programmes::{programme_page, programmes_page, set_public, upload_programme};
pub use staff::{save_staff_member, staff_member_page, staff_page};
pub use users::{add_user, change_user, user_page, users_page};

// ---- warnings on the planning form ---------------------------------------------------------

/// The rooms of the organisation's locations, for the planning form ("location|room").
pub async fn room_options(ui: &Ui, actor: &Actor) -> Vec<Json> {
    let lang = actor.lang;
    ui.app
        .rooms_by_location(actor)
        .await
        .unwrap_or_default()
        .iter()
        .flat_map(|l| {
            l.rooms.iter().map(move |r| {
                json!({
                    "value": format!("{}|{}", l.id, r.id),
                    "label": format!("{} — {} ({})", l.name, r.name, ui.i18n.t(lang, &format!("bh-room-type-{}", r.room_type))),
                })
            })
        })
        .collect()
}
