//! The route table, by area: each area's paths in one sub-router, merged into the pages'
//! router by [`crate::router`]. Every path is in exactly one area.

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};

use crate::{
    Ui, aanmelden, agenda, attachments, beheer, figures, letterhead, pages, parenting_plan,
    password, planning, portal, print, privacy, report_list, upload,
};

type Routes = Router<Arc<Ui>>;

/// All the areas' routes (without state and layers).
pub(crate) fn all() -> Routes {
    Router::new()
        .merge(sign_in())
        .merge(work())
        .merge(case())
        .merge(documents())
        .merge(planning())
        .merge(beheer())
        .merge(portal())
        .merge(assets())
}

/// Signing in and out, the second factor, the language, the password reset.
fn sign_in() -> Routes {
    Router::new()
        .route("/inloggen", get(pages::login_page).post(pages::login))
        .route("/uitloggen", post(pages::logout))
        .route(
            "/tweestap",
            get(pages::two_factor_page).post(pages::two_factor_confirm),
        )
        .route("/taal", post(pages::set_lang))
        .route(
            "/wachtwoord/vergeten",
            get(password::forgot_page).post(password::forgot),
        )
        .route(
            "/wachtwoord/nieuw",
            get(password::new_page).post(password::set_new),
        )
}

/// Mijn werk, the lists, the search, the figures, privacy, and registering a case.
fn work() -> Routes {
    Router::new()
        .route("/", get(pages::home))
        .route("/mijn-werk/gezien", post(pages::changes_seen))
        .route("/privacy", get(privacy::search))
        .route("/privacy/dossiers/{id}", get(privacy::case))
        .route("/privacy/inzage", get(privacy::access_request))
        .route("/aanmeldingen", get(pages::waiting_list))
        .route(
            "/aanmeldingen/nieuw",
            get(pages::registration_page).post(pages::register),
        )
        .route("/dossiers", get(pages::case_list))
        .route("/signalen", get(pages::signals_page))
        .route("/verslagen", get(report_list::page))
        .route("/zoeken", get(pages::search))
        .route("/cijfers", get(figures::page))
        .route("/cijfers.csv", get(figures::csv))
        .route("/aanmelden", get(aanmelden::page).post(aanmelden::submit))
        .route("/aanmelden/ontvangen", get(aanmelden::received))
}

/// The case page, its steps, the parenting plan, attachments, outcomes and visit reports.
fn case() -> Routes {
    Router::new()
        .route("/dossiers/{id}", get(pages::case_page))
        .route(
            "/dossiers/{id}/{step}",
            post(pages::case_step).get(pages::not_found),
        )
        .route(
            "/dossiers/{id}/ouderschapsplan",
            get(parenting_plan::page).post(parenting_plan::save),
        )
        .route(
            "/dossiers/{id}/ouderschapsplan/handtekening",
            post(parenting_plan::paper_sign),
        )
        .route(
            "/dossiers/{id}/ouderschapsplan.pdf",
            get(parenting_plan::pdf),
        )
        .route(
            "/dossiers/{id}/bijlagen",
            post(attachments::add).layer(DefaultBodyLimit::max(upload::UPLOAD_BODY_LIMIT)),
        )
        .route("/dossiers/{id}/bijlagen/{file}", get(attachments::download))
        .route(
            "/dossiers/{id}/bijlagen/{file}/verwijderen",
            post(attachments::remove),
        )
        .route(
            "/dossiers/{id}/sessies/{session}/uitkomst",
            post(pages::record_outcome),
        )
        .route(
            "/dossiers/{id}/sessies/{session}/verslag",
            get(pages::report_page).post(pages::save_report),
        )
        .route(
            "/dossiers/{id}/verslagen/{report}/{step}",
            post(pages::review_report),
        )
}

/// The printable pages and PDFs of plans and reports (staff and portal).
fn documents() -> Routes {
    Router::new()
        .route("/dossiers/{id}/plan/afdrukken", get(print::plan))
        .route("/dossiers/{id}/plan/{file}", get(print::plan_pdf))
        .route("/dossiers/{id}/verslagen/{file}", get(print::report_pdf))
        .route("/dossiers/{id}/eindverslag.pdf", get(print::end_report_pdf))
        .route("/mijn-omgang/{id}/plan.pdf", get(print::current_plan_pdf))
        .route("/mijn-omgang/{id}/plan/{file}", get(print::plan_pdf))
        .route("/mijn-omgang/{id}/verslagen/{file}", get(print::report_pdf))
        .route(
            "/dossiers/{id}/verslagen/{report}/afdrukken",
            get(print::report),
        )
}

/// The agenda and the weekly planning.
fn planning() -> Routes {
    Router::new()
        .route("/agenda", get(agenda::agenda))
        .route("/agenda/plannen", get(agenda::plan_here))
        .route("/weekplanning", get(planning::page))
        .route("/weekplanning/voortgang/{ticket}", get(planning::progress))
        .route(
            "/weekplanning/{week}/verzoeken/{request}",
            post(planning::drop_request),
        )
        .route(
            "/weekplanning/{week}/verzoeken",
            post(planning::add_request),
        )
        .route("/weekplanning/{week}/runs", post(planning::run))
        .route(
            "/weekplanning/{week}/runs/{run}/accepteren",
            post(planning::accept),
        )
}

/// Beheer: the logo, users, supervisors, locations, programmes.
fn beheer() -> Routes {
    Router::new()
        .route("/beheer", get(beheer::overview))
        .route(
            "/beheer/logo",
            get(letterhead::image)
                .post(letterhead::upload)
                .layer(DefaultBodyLimit::max(upload::UPLOAD_BODY_LIMIT)),
        )
        .route("/beheer/logo/verwijderen", post(letterhead::remove))
        .route(
            "/beheer/gebruikers",
            get(beheer::users_page).post(beheer::add_user),
        )
        .route(
            "/beheer/gebruikers/{id}",
            get(beheer::user_page).post(beheer::change_user),
        )
        .route("/beheer/begeleiders", get(beheer::staff_page))
        .route(
            "/beheer/begeleiders/{id}",
            get(beheer::staff_member_page).post(beheer::save_staff_member),
        )
        .route(
            "/beheer/locaties",
            get(beheer::locations_page).post(beheer::add_location),
        )
        .route(
            "/beheer/locaties/{id}",
            get(beheer::location_page).post(beheer::save_location),
        )
        .route("/beheer/locaties/{id}/ruimtes", post(beheer::add_room))
        .route(
            "/beheer/locaties/{id}/openingstijden",
            post(beheer::save_opening_hours),
        )
        .route(
            "/beheer/trajecten",
            get(beheer::programmes_page).post(beheer::upload_programme),
        )
        .route("/beheer/trajecten/{id}", get(beheer::programme_page))
        .route("/beheer/trajecten/{id}/openbaar", post(beheer::set_public))
}

/// The portal (Mijn omgang), invitations, and the referrer's registrations.
fn portal() -> Routes {
    Router::new()
        .route("/mijn-omgang", get(portal::home))
        .route("/mijn-omgang/{id}", get(portal::case_page))
        .route("/mijn-omgang/{id}/ondertekenen", post(portal::sign))
        .route("/mijn-omgang/{id}/tijden", post(portal::windows))
        .route(
            "/mijn-omgang/{id}/afzeggen/{session}",
            get(portal::cancel_page).post(portal::cancel),
        )
        .route(
            "/mijn-omgang/{id}/ouderschapsplan.pdf",
            get(parenting_plan::pdf),
        )
        .route(
            "/mijn-omgang/{id}/ouderschapsplan.ics",
            get(parenting_plan::portal_ics),
        )
        .route(
            "/mijn-omgang/{id}/ouderschapsplan/ondertekenen",
            post(parenting_plan::portal_sign),
        )
        .route(
            "/uitnodiging",
            get(portal::accept_page).post(portal::accept),
        )
        .route(
            "/dossiers/{id}/uitnodigingen",
            get(portal::invitations_page).post(portal::invite),
        )
        .route("/mijn-aanmeldingen", get(portal::referrals))
        .route(
            "/uitnodigingen",
            get(portal::staff_invite_page).post(portal::staff_invite),
        )
}

/// The stylesheet, the script, the favicon.
fn assets() -> Routes {
    Router::new()
        .route("/ui/app.css", get(crate::css))
        .route("/ui/app.js", get(crate::js))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
}
