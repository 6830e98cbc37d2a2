//! A client for the server-rendered pages, in process over an `axum::Router`: requests with
//! cookies, form posts, the CSRF token of a page, signing in, and reading replies.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use tower::ServiceExt;

/// A response, read completely.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The body as text (lossy UTF-8).
    pub body: String,
}

/// Sends `req` through (a clone of) `router` and reads the whole reply (at most 10 MB).
pub async fn send(router: &Router, req: Request<Body>) -> Reply {
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = axum::body::to_bytes(res.into_body(), 10 << 20)
        .await
        .unwrap();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// A GET of `path` with a `Cookie` header (`""` for none).
pub fn get(path: &str, cookies: &str) -> Request<Body> {
    Request::get(path)
        .header(header::COOKIE, cookies)
        .body(Body::empty())
        .unwrap()
}

/// A form POST (`application/x-www-form-urlencoded`) of `form` to `path` with cookies.
pub fn post(path: &str, cookies: &str, form: &[(&str, &str)]) -> Request<Body> {
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form)
        .finish();
    Request::post(path)
        .header(header::COOKIE, cookies)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap()
}

/// The whole `Set-Cookie` header (with its attributes) that sets cookie `name`.
pub fn set_cookie_header(reply: &Reply, name: &str) -> Option<String> {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

/// `name=value` of the `Set-Cookie` header that sets cookie `name`: ready for a `Cookie`
/// header.
pub fn set_cookie(reply: &Reply, name: &str) -> Option<String> {
    set_cookie_header(reply, name).map(|v| v.split(';').next().unwrap_or("").to_owned())
}

/// The CSRF token of the first form of a page (its hidden `csrf` field).
pub fn csrf(body: &str) -> String {
    body.split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("no CSRF token in {body}"))
        .to_owned()
}

/// The `Location` header of a redirect.
pub fn location(reply: &Reply) -> &str {
    reply.headers[header::LOCATION].to_str().unwrap()
}

/// A visitor's first look at `path`: the pre-session cookie (`omgang_pre`), the page's CSRF
/// token, and the page.
pub async fn visit(router: &Router, path: &str) -> (String, String, Reply) {
    let page = send(router, get(path, "")).await;
    let pre = set_cookie(&page, "omgang_pre").unwrap();
    let token = csrf(&page.body);
    (pre, token, page)
}

/// Fills in the sign-in form (`/inloggen`, then to `/`) and returns the reply, whatever it is.
pub async fn sign_in(router: &Router, email: &str, password: &str) -> Reply {
    let (pre, token, _) = visit(router, "/inloggen").await;
    send(
        router,
        post(
            "/inloggen",
            &pre,
            &[
                ("csrf", &token),
                ("email", email),
                ("password", password),
                ("next", "/"),
            ],
        ),
    )
    .await
}

/// Signs in, which must succeed: a redirect with a session cookie that is `HttpOnly`,
/// `SameSite=Strict` and for the whole site. Returns the cookie (`name=value`) and the reply.
pub async fn sign_in_ok(router: &Router, email: &str, password: &str) -> (String, Reply) {
    let reply = sign_in(router, email, password).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let session = set_cookie_header(&reply, "omgang_session").unwrap();
    assert!(session.contains("HttpOnly"), "{session}");
    assert!(session.contains("SameSite=Strict"), "{session}");
    assert!(session.contains("Path=/"), "{session}");
    (set_cookie(&reply, "omgang_session").unwrap(), reply)
}

/// Signs in (see [`sign_in_ok`]) and returns the session cookie (`name=value`).
pub async fn signed_in(router: &Router, email: &str, password: &str) -> String {
    sign_in_ok(router, email, password).await.0
}

/// A page that must answer 200, and its CSRF token.
pub async fn open(router: &Router, path: &str, cookies: &str) -> (Reply, String) {
    let page = send(router, get(path, cookies)).await;
    assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
    let token = csrf(&page.body);
    (page, token)
}

/// The text of the message tied to `field` of form `form` (its `f-{form}-{field}-err`
/// element), without tags or surrounding space; panics when there is none.
pub fn field_error(body: &str, form: &str, field: &str) -> String {
    let id = format!("f-{form}-{field}-err");
    let Some(rest) = body.split(&format!("id=\"{id}\"")).nth(1) else {
        panic!("no error for {field} ({id}) in {body}");
    };
    let text = rest.split("</p>").next().unwrap();
    // Drop the visually hidden prefix and tags.
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_owned()
}

/// The `<input>` or `<select>` element of the field named `field`.
pub fn control<'a>(body: &'a str, field: &str) -> &'a str {
    let marker = format!("name=\"{field}\"");
    let at = body
        .find(&marker)
        .unwrap_or_else(|| panic!("{field} in {body}"));
    let start = body[..at].rfind('<').unwrap();
    let end = match body[start..].find("</select>") {
        Some(e) if body[start..].starts_with("<select") => start + e,
        _ => at + body[at..].find('>').unwrap(),
    };
    &body[start..end]
}
