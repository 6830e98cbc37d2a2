//! The HTTP shell: the JSON API under `/api/v1`, its OpenAPI 3.1 document at
//! `/api/v1/openapi.json`, and health (`/health`) and readiness (`/ready`) endpoints.

pub mod api;
pub mod extract;
pub mod portal_api;
pub mod problem;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit};
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use omgang_app::{App, AppError};
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::problem::{ApiError, lang_of};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "omgang API",
        version = "1",
        description = "Supervised visitation (begeleide omgang): registrations, programmes, the case life, signals. \
                       Errors are RFC 9457 problem details with field-level messages in Dutch and English."
    ),
    modifiers(&Security),
    security(("session" = []), ("token" = []))
)]
struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(extract::SESSION_COOKIE))),
        );
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Every API route, documented: the OpenAPI document is generated from these handlers.
fn api_routes() -> OpenApiRouter<Arc<App>> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(api::health))
        .routes(routes!(api::ready))
        .routes(routes!(api::login))
        .routes(routes!(api::logout))
        .routes(routes!(api::logout_everywhere))
        .routes(routes!(api::enrol_two_factor))
        .routes(routes!(api::confirm_two_factor))
        .routes(routes!(api::me))
        .routes(routes!(api::request_password_reset))
        .routes(routes!(api::confirm_password_reset))
        .routes(routes!(api::create_calendar_feed))
        .routes(routes!(api::revoke_calendar_feed))
        .routes(routes!(api::calendar_feed))
        .routes(routes!(api::create_token))
        .routes(routes!(api::revoke_token))
        .routes(routes!(api::programmes, api::add_programme))
        .routes(routes!(api::check_programme))
        .routes(routes!(api::organisations))
        .routes(routes!(api::users, api::add_user))
        .routes(routes!(api::supervisors))
        .routes(routes!(api::locations))
        .routes(routes!(api::statistics))
        .routes(routes!(api::figures))
        .routes(routes!(api::figures_csv))
        .routes(routes!(api::set_funders))
        .routes(routes!(api::register))
        .routes(routes!(api::public_programmes))
        .routes(routes!(api::set_public_programme))
        .routes(routes!(api::public_register))
        .routes(routes!(api::cases))
        .routes(routes!(api::case))
        .routes(routes!(api::timeline))
        .routes(routes!(api::case_audit))
        .routes(routes!(api::case_signals))
        .routes(routes!(api::signals))
        .routes(routes!(api::agenda))
        .routes(routes!(api::reports_to_write))
        .routes(routes!(api::reports_to_review))
        .routes(routes!(api::reports))
        .routes(routes!(api::changes))
        .routes(routes!(api::changes_seen))
        .routes(routes!(api::start_intake))
        .routes(routes!(api::complete_intake))
        .routes(routes!(api::assign_supervisor))
        .routes(routes!(api::assign_coordinator))
        .routes(routes!(api::assign_partner))
        .routes(routes!(api::assign_case_director))
        .routes(routes!(api::write_plan))
        .routes(routes!(api::sign_plan))
        .routes(routes!(api::plan_session))
        .routes(routes!(api::record_outcome))
        .routes(routes!(api::update_person))
        .routes(routes!(api::search))
        .routes(routes!(api::record_consent))
        .routes(routes!(api::advance_phase))
        .routes(routes!(api::save_report))
        .routes(routes!(api::approve_report))
        .routes(routes!(api::return_report))
        .routes(routes!(api::submit_report))
        .routes(routes!(api::release_report))
        .routes(routes!(api::amend_report))
        .routes(routes!(api::record_evaluation))
        .routes(routes!(api::record_escalation))
        .routes(routes!(api::record_meldcode_step))
        .routes(routes!(api::end_case))
        .routes(routes!(api::close_follow_up))
        .routes(routes!(api::plan_document))
        .routes(routes!(api::plan_version_document))
        .routes(routes!(api::report_document))
        .routes(routes!(api::end_report_document))
        .routes(routes!(api::attachments))
        .routes(routes!(api::parenting_plan, api::write_parenting_plan))
        .routes(routes!(api::sign_parenting_plan))
        .routes(routes!(api::parenting_plan_document))
        .routes(routes!(api::portal_sign_parenting_plan))
        .routes(routes!(api::parenting_plan_calendar))
        .routes(routes!(api::attachment, api::remove_attachment))
        // An upload may be larger than the 1 MB every other request is held to.
        .merge(
            OpenApiRouter::new()
                .routes(routes!(api::add_attachment))
                .layer(DefaultBodyLimit::max(omgang_ui::upload::UPLOAD_BODY_LIMIT)),
        )
        .routes(routes!(api::planning_requests, api::add_planning_request))
        .routes(routes!(api::drop_planning_request))
        .routes(routes!(api::run_planner))
        .routes(routes!(api::planning_run))
        .routes(routes!(api::planning_progress))
        .routes(routes!(api::accept_planning_run))
        .routes(routes!(api::case_windows, api::set_case_windows))
        .routes(routes!(api::set_location_hours))
        .routes(routes!(portal_api::portal_home))
        .routes(routes!(portal_api::portal_case))
        .routes(routes!(portal_api::portal_sign))
        .routes(routes!(portal_api::portal_cancel))
        .routes(routes!(
            portal_api::case_invitations,
            portal_api::invite_person
        ))
        .routes(routes!(portal_api::invite_staff))
        .routes(routes!(portal_api::accept_invitation))
}

/// The router with every route, and the OpenAPI document generated from it.
pub fn router(app: Arc<App>) -> Router {
    let ui = omgang_ui::router(app.clone());
    let secure = app.settings.secure_cookies;
    let app_proxies = app.settings.trusted_proxies.clone();
    let (router, openapi) = api_routes().split_for_parts();
    let router = router.with_state(app);
    // HSTS only makes sense when served over TLS (then cookies are Secure too).
    let hsts = if secure {
        Some(HeaderValue::from_static(
            "max-age=31536000; includeSubDomains",
        ))
    } else {
        None
    };
    let proxies = Arc::new(app_proxies);
    let openapi_json = openapi.to_pretty_json().unwrap_or_else(|_| "{}".into());
    router
        .route(
            "/api/v1/openapi.json",
            axum::routing::get(move || async move {
                (
                    [(header::CONTENT_TYPE, "application/json")],
                    openapi_json.clone(),
                )
            }),
        )
        .merge(ui)
        .method_not_allowed_fallback(|headers: axum::http::HeaderMap| async move {
            problem::method_not_allowed(lang_of(&headers))
        })
        .fallback(|headers: axum::http::HeaderMap| async move {
            ApiError::new(AppError::NotFound, lang_of(&headers)).into_response()
        })
        .layer(DefaultBodyLimit::max(1024 * 1024))
        // Past its capacity the server sheds load at once (503 with Retry-After) instead of
        // queueing requests without bound in memory.
        .layer(
            tower::ServiceBuilder::new()
                .layer(axum::error_handling::HandleErrorLayer::new(overloaded))
                .layer(tower::load_shed::LoadShedLayer::new())
                .layer(tower::limit::ConcurrencyLimitLayer::new(MAX_IN_FLIGHT)),
        )
        .layer(axum::middleware::from_fn(move |req, next| {
            resolve_client(proxies.clone(), req, next)
        }))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            hsts,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

/// Requests handled at once; one more is answered 503 straight away. Each waits for one of
/// the database pool's 8–16 connections or the audit writer, so a few hundred keep both
/// cores busy while a burst cannot pile up in memory.
pub const MAX_IN_FLIGHT: usize = 512;

/// The answer when the server is past its capacity.
async fn overloaded(_: tower::BoxError) -> axum::response::Response {
    let mut r = ApiError::new(AppError::Overloaded, omgang_domain::text::Lang::Nl).into_response();
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    r
}

/// Behind a trusted reverse proxy the client's address comes from its forwarding headers;
/// it replaces the socket address for everything after (throttling, the audit log), so no
/// handler reads a header it should not believe.
async fn resolve_client(
    proxies: Arc<omgang_app::client_address::TrustedProxies>,
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if !proxies.is_empty()
        && let Some(ConnectInfo(peer)) = req.extensions().get::<ConnectInfo<SocketAddr>>().copied()
    {
        let values = |name: &str| -> Vec<String> {
            req.headers()
                .get_all(name)
                .iter()
                .filter_map(|v| v.to_str().ok().map(str::to_owned))
                .collect()
        };
        let xff = values("x-forwarded-for");
        let fwd = values("forwarded");
        let xff: Vec<&str> = xff.iter().map(String::as_str).collect();
        let fwd: Vec<&str> = fwd.iter().map(String::as_str).collect();
        let client = proxies.client(peer.ip(), &xff, &fwd);
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(client, peer.port())));
    }
    next.run(req).await
}

/// The OpenAPI document as JSON (for `omgang openapi` and tests).
pub fn openapi_json() -> String {
    api_routes()
        .split_for_parts()
        .1
        .to_pretty_json()
        .unwrap_or_default()
}

/// Serves until the process is asked to stop (Ctrl-C / SIGTERM).
pub async fn serve(app: Arc<App>, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    let router = router(app);
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
