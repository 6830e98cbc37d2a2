//! The JSON API (`/api/v1`) over an `axum::Router`, in process: sign-in, JSON bodies and the
//! session cookie.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::Response;
use tower::ServiceExt;

/// Sends `req` through (a clone of) `router`; the response is not read yet.
pub async fn call(router: &Router, req: Request<Body>) -> Response {
    router.clone().oneshot(req).await.unwrap()
}

/// `name=value` of the first `Set-Cookie` header of a response.
pub fn session_cookie(res: &Response) -> Option<String> {
    res.headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").to_owned())
}

/// The body as JSON (at most 1 MB), or `null` when it is not JSON.
pub async fn json(res: Response) -> serde_json::Value {
    let body = axum::body::to_bytes(res.into_body(), 1 << 20)
        .await
        .unwrap();
    serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null)
}

/// `POST /api/v1/auth/login` with `body` as JSON.
pub async fn login_with(router: &Router, body: serde_json::Value) -> Response {
    let req = Request::post("/api/v1/auth/login")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    call(router, req).await
}

/// Signs in with e-mail and password: the status and the session cookie, if any.
pub async fn login(router: &Router, email: &str, password: &str) -> (StatusCode, Option<String>) {
    let res = login_with(
        router,
        serde_json::json!({ "email": email, "password": password }),
    )
    .await;
    (res.status(), session_cookie(&res))
}

/// The status of `GET /api/v1/me` with `cookie`: 200 while the session lives.
pub async fn me(router: &Router, cookie: &str) -> StatusCode {
    let req = Request::get("/api/v1/me")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    call(router, req).await.status()
}
