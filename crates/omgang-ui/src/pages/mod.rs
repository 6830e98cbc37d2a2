//! The page handlers. Each one reads or writes through one or a few `App` methods; access is
//! decided there (a refusal comes back as an error and is shown, never bypassed).

mod case;
mod home;
mod lists;
mod registration;
mod report;
mod sign_in;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

pub use case::{case_page, case_step, record_outcome};
pub(crate) use case::{render_case, window_errors, window_rows_of, windows_input};
pub use home::{changes_seen, home};
pub use lists::{case_list, search, signals_page, waiting_list};
pub use registration::{register, registration_page};
pub use report::{report_page, review_report, save_report};
pub use sign_in::{login, login_page, logout, set_lang, two_factor_confirm, two_factor_page};

use crate::kit::Ui_;
use crate::web::Page;

pub async fn not_found(State(ui): Ui_, page: Page) -> Response {
    if page.actor.is_none() {
        return page.to_login();
    }
    ui.error(&page, StatusCode::NOT_FOUND)
}
