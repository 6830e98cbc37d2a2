//! The harness shared by the integration tests: a real server on a real database.
//!
//! Every scenario runs twice, once on a fresh SQLite file and once on a fresh PostgreSQL
//! database ([`both_backends!`]). A [`TestApp`] spawns `omgang_web::serve` on an ephemeral
//! port and keeps the `Arc<App>` so a test can move the clock. Organisations and users are
//! bootstrapped through the application layer as the system actor (as the CLI does); every
//! user then signs in over HTTP with a cookie-keeping client of their own ([`User`]), and
//! everything else goes through the JSON API.

// Each test binary uses a part of this module; tests may stop at the first surprise.
#![allow(
    dead_code,
    unused_imports,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use jiff::Timestamp;
use jiff::civil::Date;
use omgang_app::admin::{OrganisationInput, UserInput};
use omgang_app::{App, Settings, system_actor};
use omgang_domain::case::{CaseEvent, amsterdam, apply_by, from_registration};
use omgang_domain::ids::CaseId;
pub use serde_json::{Value, json};

/// The password every test user gets (at least 12 characters, not a common one).
pub const PASSWORD: &str = "correct-horse-battery-staple";

/// The two databases the server runs on (the testkit's engines).
pub use omgang_testkit::Engine as Backend;
/// A fresh, empty database; removed (best effort) when dropped.
pub use omgang_testkit::{TestDb, postgres_base_url};

/// Generates, for each named scenario `async fn name(backend: Backend)`, the two tests
/// `sqlite::name` and `postgres::name` on a two-thread runtime. Attributes before a name
/// (e.g. `#[ignore = "bug: ..."]`) go on both tests.
#[macro_export]
macro_rules! both_backends {
    ($($scenarios:tt)*) => {
        omgang_testkit::both_engines!(multi_thread: $($scenarios)*);
    };
}

// ---- time --------------------------------------------------------------------------------

/// A local time in Europe/Amsterdam as a timestamp.
pub fn ts(d: Date, hour: i8, minute: i8) -> Timestamp {
    amsterdam()
        .to_timestamp(d.at(hour, minute, 0, 0))
        .expect("a valid local time")
}

/// `d` plus `n` days.
pub fn plus_days(d: Date, n: i64) -> Date {
    d.checked_add(jiff::Span::new().days(n))
        .expect("date in range")
}

/// `d` plus `n` calendar months.
pub fn plus_months(d: Date, n: i64) -> Date {
    d.checked_add(jiff::Span::new().months(n))
        .expect("date in range")
}

/// `YYYY-MM-DDTHH:MM` as the API wants a local start time.
pub fn local(d: Date, hour: i8, minute: i8) -> String {
    format!("{d}T{hour:02}:{minute:02}")
}

/// Monday 2 March 2026: where every scenario's clock starts.
pub fn day0() -> Date {
    jiff::civil::date(2026, 3, 2)
}

// ---- the server --------------------------------------------------------------------------

/// A running server on its own database.
pub struct TestApp {
    pub app: Arc<App>,
    pub base: String,
    pub backend: Backend,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
    users: AtomicUsize,
    // Last: the database goes after the server and the pool.
    db: TestDb,
}

impl TestApp {
    /// A fresh database, migrated, and the server listening on an ephemeral port. The clock
    /// stands at 09:00 on [`day0`].
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, |_| {}).await
    }

    /// As [`TestApp::spawn`], with settings changed by `change`.
    pub async fn spawn_with(backend: Backend, change: impl FnOnce(&mut Settings)) -> TestApp {
        let db = TestDb::create(backend).await;
        let store = db.open().await;
        // Scenarios travel months ahead in time with the same sign-in; the default session
        // lifetimes (2 h idle, 12 h absolute) would end it on the first jump.
        let settings = Settings {
            session_idle_minutes: 60 * 24 * 366 * 3,
            session_absolute_hours: 24 * 366 * 3,
            ..Settings::default()
        };
        let mut settings = settings;
        change(&mut settings);
        let app = App::new(store, settings).await.expect("App::new");
        app.clock.set(Some(ts(day0(), 9, 0)));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let server = tokio::spawn(omgang_web::serve(app.clone(), listener));
        TestApp {
            app,
            base: format!("http://{addr}"),
            backend,
            server,
            users: AtomicUsize::new(0),
            db,
        }
    }

    /// A fresh database filled by `omgang demo --no-serve` (the demo data, relative to
    /// today), and the server on it with the system clock.
    pub async fn spawn_demo(backend: Backend) -> TestApp {
        let db = TestDb::create(backend).await;
        let keys = format!("k1:{}", "cd".repeat(32));
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_omgang"))
            .env("OMGANG_DATABASE_URL", &db.url)
            .env("OMGANG_DATA_KEYS", &keys)
            .args(["demo", "--no-serve"])
            .stdout(std::process::Stdio::null())
            .status()
            .expect("omgang demo runs");
        assert!(status.success(), "omgang demo --no-serve");
        let store = db.open().await;
        let settings = Settings {
            two_factor_required: false,
            data_keys: Some(omgang_app::crypto::Keyring::parse(&keys).expect("keys")),
            ..Settings::default()
        };
        let app = App::new(store, settings).await.expect("App::new");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let server = tokio::spawn(omgang_web::serve(app.clone(), listener));
        TestApp {
            app,
            base: format!("http://{addr}"),
            backend,
            server,
            users: AtomicUsize::new(0),
            db,
        }
    }

    /// Signs in a user of the demo data (`omgang demo`'s password) over HTTP.
    pub async fn demo_user(&self, email: &str) -> User {
        let row = self
            .app
            .store
            .all_users()
            .await
            .expect("users")
            .into_iter()
            .find(|u| u.email == email)
            .unwrap_or_else(|| panic!("demo user {email}"));
        let user = User {
            id: row.id.clone(),
            email: email.to_owned(),
            org: row.org_id.clone(),
            base: self.base.clone(),
            client: client(true),
            token: None,
        };
        let me = user
            .post(
                "/api/v1/auth/login",
                json!({ "email": email, "password": "omgang-demo-2026" }),
            )
            .await
            .ok();
        assert_eq!(me["user_id"], json!(user.id), "login answers with the user");
        user
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sets the server's clock to a local time.
    pub fn at(&self, d: Date, hour: i8, minute: i8) {
        self.app.clock.set(Some(ts(d, hour, minute)));
    }

    pub fn today(&self) -> Date {
        self.app.today()
    }

    /// Adds an organisation (as the system, like `omgang organisation add`); returns its id.
    pub async fn org(&self, name: &str, kind: &str) -> String {
        self.app
            .add_organisation(
                &system_actor(),
                &OrganisationInput {
                    name: name.into(),
                    kind: kind.into(),
                },
            )
            .await
            .unwrap_or_else(|e| panic!("add_organisation {name}: {e:?}"))
            .id
    }

    /// Adds a user of `org` with `role` and signs them in over HTTP.
    pub async fn user(&self, org: &str, role: &str, name: &str) -> User {
        self.user_with(org, role, name, None, None).await
    }

    /// Adds a volunteer (with VOG and training dates, `YYYY-MM-DD`) and signs them in.
    pub async fn volunteer(
        &self,
        org: &str,
        name: &str,
        vog: Option<&str>,
        training: Option<&str>,
    ) -> User {
        self.user_with(org, "volunteer", name, vog, training).await
    }

    async fn user_with(
        &self,
        org: &str,
        role: &str,
        name: &str,
        vog: Option<&str>,
        training: Option<&str>,
    ) -> User {
        let n = self.users.fetch_add(1, Ordering::SeqCst);
        let email = format!("{role}{n}@test.example");
        let view = self
            .app
            .add_user(
                &system_actor(),
                &UserInput {
                    email: email.clone(),
                    name: name.into(),
                    role: role.into(),
                    password: PASSWORD.into(),
                    organisation_id: Some(org.into()),
                    vog_issued_on: vog.map(str::to_owned),
                    training_completed_on: training.map(str::to_owned),
                    lang: None,
                },
            )
            .await
            .unwrap_or_else(|e| panic!("add_user {email}: {e:?}"));
        let user = User {
            id: view.id,
            email: email.clone(),
            org: org.to_owned(),
            base: self.base.clone(),
            client: client(true),
            token: None,
        };
        let me = user
            .post(
                "/api/v1/auth/login",
                json!({ "email": email, "password": PASSWORD }),
            )
            .await
            .ok();
        assert_eq!(me["user_id"], json!(user.id), "login answers with the user");
        user
    }

    /// A client that is not signed in.
    pub fn anonymous(&self) -> User {
        User {
            id: String::new(),
            email: String::new(),
            org: String::new(),
            base: self.base.clone(),
            client: client(false),
            token: None,
        }
    }

    /// The stored snapshot of a case equals the fold of its stored events.
    pub async fn assert_snapshot_is_fold(&self, case_id: &str) {
        let id = CaseId(case_id.to_owned());
        let (snapshot, version) = self.app.store.case(&id).await.expect("stored case");
        let events = self.app.store.events(&id).await.expect("stored events");
        assert_eq!(
            i64::try_from(events.len()).expect("count"),
            version,
            "the case version counts its events"
        );
        let first = events.first().expect("a first event");
        let CaseEvent::Registered(reg) = &first.event else {
            panic!("the first event is not a registration: {:?}", first.event)
        };
        let mut folded = from_registration(reg);
        for e in &events[1..] {
            apply_by(&mut folded, &e.event, e.at, &e.actor);
        }
        if folded != snapshot {
            let a = serde_json::to_value(&folded).expect("json");
            let b = serde_json::to_value(&snapshot).expect("json");
            let mut diffs = Vec::new();
            json_diff("", &a, &b, &mut diffs);
            panic!(
                "the snapshot differs from the fold of its {} events at:\n{}",
                events.len(),
                diffs.join("\n")
            );
        }
    }
}

/// The paths where two JSON values differ, with both values.
pub fn json_diff(path: &str, a: &Value, b: &Value, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                json_diff(
                    &format!("{path}.{k}"),
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                json_diff(&format!("{path}[{i}]"), p, q, out);
            }
        }
        _ if a != b => out.push(format!("  {path}: fold {a} / snapshot {b}")),
        _ => {}
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn client(cookies: bool) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(cookies)
        .no_proxy()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("reqwest client")
}

// ---- users and responses -----------------------------------------------------------------

/// A signed-in user (or an anonymous client) talking to the server.
#[derive(Clone)]
pub struct User {
    pub id: String,
    pub email: String,
    pub org: String,
    pub base: String,
    pub client: reqwest::Client,
    /// Sent as `Authorization: Bearer` when set.
    pub token: Option<String>,
}

impl User {
    /// The same user, authenticating with a bearer token on a client without cookies.
    pub fn with_token(&self, token: &str) -> User {
        User {
            client: client(false),
            token: Some(token.to_owned()),
            ..self.clone()
        }
    }

    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let rb = self.client.request(method, format!("{}{path}", self.base));
        match &self.token {
            Some(t) => rb.bearer_auth(t),
            None => rb,
        }
    }

    pub async fn send(&self, rb: reqwest::RequestBuilder) -> Resp {
        let response = rb.send().await.expect("the server answers");
        Resp::read(response).await
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(self.request(reqwest::Method::GET, path)).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Resp {
        self.send(self.request(reqwest::Method::POST, path).json(&body))
            .await
    }

    /// A POST without a body (steps that take none).
    pub async fn post_empty(&self, path: &str) -> Resp {
        self.send(self.request(reqwest::Method::POST, path)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Resp {
        self.send(self.request(reqwest::Method::PUT, path).json(&body))
            .await
    }

    pub async fn delete(&self, path: &str) -> Resp {
        self.send(self.request(reqwest::Method::DELETE, path)).await
    }

    /// A raw body with a content type of our choosing.
    pub async fn post_raw(&self, path: &str, content_type: &str, body: Vec<u8>) -> Resp {
        self.send(
            self.request(reqwest::Method::POST, path)
                .header(reqwest::header::CONTENT_TYPE, content_type)
                .body(body),
        )
        .await
    }

    pub async fn put_raw(&self, path: &str, content_type: &str, body: Vec<u8>) -> Resp {
        self.send(
            self.request(reqwest::Method::PUT, path)
                .header(reqwest::header::CONTENT_TYPE, content_type)
                .body(body),
        )
        .await
    }

    // ---- case helpers ----

    pub async fn case(&self, id: &str) -> Value {
        self.get(&format!("/api/v1/cases/{id}")).await.ok()
    }

    pub async fn timeline_len(&self, id: &str) -> usize {
        self.get(&format!("/api/v1/cases/{id}/timeline"))
            .await
            .ok()
            .as_array()
            .expect("timeline is a list")
            .len()
    }

    pub async fn case_count(&self) -> usize {
        self.get("/api/v1/cases?include_closed=true")
            .await
            .ok()
            .as_array()
            .expect("case list is a list")
            .len()
    }

    pub async fn step(&self, case: &str, step: &str, body: Value) -> Resp {
        self.post(&format!("/api/v1/cases/{case}/{step}"), body)
            .await
    }

    pub async fn signals(&self, case: &str, on: Date) -> Vec<Value> {
        self.get(&format!("/api/v1/cases/{case}/signals?date={on}"))
            .await
            .ok()
            .as_array()
            .expect("signals are a list")
            .clone()
    }

    pub async fn all_signals(&self, on: Date) -> Vec<Value> {
        self.get(&format!("/api/v1/signals?date={on}"))
            .await
            .ok()
            .as_array()
            .expect("signals are a list")
            .clone()
    }
}

/// A response, read completely.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub content_type: String,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
    pub body: Value,
}

impl Resp {
    pub async fn read(response: reqwest::Response) -> Resp {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let content_type = headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let text = response.text().await.expect("a readable body");
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Resp {
            status,
            content_type,
            headers,
            text,
            body,
        }
    }

    /// Asserts a 2xx answer and returns its JSON.
    #[track_caller]
    pub fn ok(self) -> Value {
        assert!(
            (200..300).contains(&self.status),
            "expected success, got {}: {}",
            self.status,
            self.text
        );
        self.body
    }

    /// Asserts a problem document (`application/problem+json`) with this status.
    #[track_caller]
    pub fn problem(&self, status: u16) -> &Value {
        assert_eq!(
            self.status, status,
            "expected {status}, got {}: {}",
            self.status, self.text
        );
        self.assert_problem_document();
        &self.body
    }

    /// Asserts any 4xx problem document (never a 500).
    #[track_caller]
    pub fn client_error(&self) -> &Value {
        assert!(
            (400..500).contains(&self.status),
            "expected a 4xx problem, got {}: {}",
            self.status,
            self.text
        );
        self.assert_problem_document();
        &self.body
    }

    #[track_caller]
    fn assert_problem_document(&self) {
        assert!(
            self.content_type.starts_with("application/problem+json"),
            "expected application/problem+json, got '{}' ({}): {}",
            self.content_type,
            self.status,
            self.text
        );
        let b = &self.body;
        assert_eq!(
            b["status"],
            json!(self.status),
            "problem status field: {}",
            self.text
        );
        for key in ["type", "title", "detail", "code", "detail_nl", "detail_en"] {
            assert!(
                b[key].as_str().is_some_and(|s| !s.is_empty()),
                "problem without '{key}': {}",
                self.text
            );
        }
    }

    /// Asserts a refusal by the programme's rules: 409 with this code.
    #[track_caller]
    pub fn refused(&self, code: &str) -> &Value {
        let b = self.problem(409);
        assert_eq!(b["code"], json!(code), "refusal code: {}", self.text);
        b
    }

    /// Asserts invalid input (422) naming `field` in `errors[].field`.
    #[track_caller]
    pub fn invalid(&self, field: &str) -> &Value {
        let b = self.problem(422);
        assert_eq!(b["code"], json!("invalid_input"), "{}", self.text);
        let fields = self.fields();
        assert!(
            fields.iter().any(|f| f == field),
            "expected a problem with field '{field}', got fields {fields:?}: {}",
            self.text
        );
        for e in b["errors"].as_array().expect("errors") {
            for key in ["message", "message_nl", "message_en"] {
                assert!(
                    e[key].as_str().is_some_and(|s| !s.is_empty()),
                    "field problem without {key}: {}",
                    self.text
                );
            }
        }
        b
    }

    /// The fields named in `errors[]`.
    pub fn fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e["field"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Dutch explanation of a problem.
    pub fn nl(&self) -> &str {
        self.body["detail_nl"].as_str().unwrap_or("")
    }

    pub fn en(&self) -> &str {
        self.body["detail_en"].as_str().unwrap_or("")
    }
}

// ---- case data ---------------------------------------------------------------------------

pub const RESIDENT: &str = "Anna de Vries";
pub const VISITING: &str = "Bram Jansen";
pub const CHILD: &str = "Sam";
pub const SECRET_ADDRESS: &str = "Geheimweg 7, Mijdrecht";
pub const VISITING_ADDRESS: &str = "Kerkweg 5, Utrecht";

/// A registration of one child (born on `birth`) with a resident parent whose address is
/// secret and a visiting parent.
pub fn registration(programme: &str, org: &str, entry_route: &str, birth: Date) -> Value {
    json!({
        "programme_id": programme,
        "organisation_id": org,
        "registered_by": "both_parents",
        "entry_route": entry_route,
        "children": [{ "name": CHILD, "birth_date": birth.to_string() }],
        "people": [
            {
                "name": RESIDENT,
                "role": "resident_parent",
                "email": "anna@ouder.example",
                "phone": "06-12345678",
                "address": SECRET_ADDRESS,
                "secret_address": true
            },
            {
                "name": VISITING,
                "role": "non_resident_parent",
                "email": "bram@ouder.example",
                "phone": "06-87654321",
                "address": VISITING_ADDRESS
            }
        ],
        "safety_concerns": "Huiselijk geweld in het verleden; adres moeder geheim.",
        "request": "Weer contact tussen Sam en vader."
    })
}

/// A child's birth date for an age on [`day0`] (born on 14 January).
pub fn born_aged(years: i16) -> Date {
    jiff::civil::date(day0().year() - years, 1, 14)
}

/// The id of the person with this role in a case view.
#[track_caller]
pub fn person(view: &Value, role: &str) -> String {
    view["people"]
        .as_array()
        .expect("people")
        .iter()
        .find(|p| p["role"] == json!(role))
        .and_then(|p| p["id"].as_str())
        .unwrap_or_else(|| panic!("no {role} in {view}"))
        .to_owned()
}

/// The progress line of a session kind (e.g. "begeleide omgang 3 van max. 4").
#[track_caller]
pub fn progress(view: &Value, kind: &str) -> String {
    view["progress"]
        .as_array()
        .expect("progress")
        .iter()
        .find(|p| p["kind"] == json!(kind))
        .and_then(|p| p["text"].as_str())
        .unwrap_or_else(|| panic!("no progress of {kind} in {}", view["progress"]))
        .to_owned()
}

/// The kinds of a list of signals.
pub fn kinds(signals: &[Value]) -> Vec<String> {
    signals
        .iter()
        .filter_map(|s| s["kind"].as_str().map(str::to_owned))
        .collect()
}

/// The signal of `kind` about `case`, if any.
pub fn signal<'a>(signals: &'a [Value], kind: &str, case: &str) -> Option<&'a Value> {
    signals
        .iter()
        .find(|s| s["kind"] == json!(kind) && s["case_id"] == json!(case))
}

/// The last session of a view (the one just planned).
#[track_caller]
pub fn last_session(view: &Value) -> String {
    view["sessions"]
        .as_array()
        .expect("sessions")
        .last()
        .and_then(|s| s["id"].as_str())
        .unwrap_or_else(|| panic!("no session in {}", view["sessions"]))
        .to_owned()
}

/// The session with this id in a view.
#[track_caller]
pub fn session<'a>(view: &'a Value, id: &str) -> &'a Value {
    view["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .find(|s| s["id"] == json!(id))
        .unwrap_or_else(|| panic!("no session {id} in {}", view["sessions"]))
}

/// A visit report's content.
pub fn report_body() -> Value {
    json!({
        "course": "Vader kwam op tijd; moeder bracht Sam om 13:45. Samen gespeeld en getekend.",
        "child_reactions": "Sam was eerst stil en na tien minuten vrolijk.",
        "interaction": "Warm contact; vader volgde het spel van Sam.",
        "agreements_kept": "Afspraken nagekomen.",
        "punctuality_resident_parent": "Op tijd.",
        "punctuality_visiting_parent": "Op tijd.",
        "incidents": ""
    })
}

/// A plan of approach with one evaluation moment.
pub fn plan_body(evaluation: Date) -> Value {
    json!({
        "goals": ["Ontspannen en veilig contact tussen Sam en vader.", "Werkbare afspraken in een ouderschapsplan."],
        "visit_agreements": "Eens per week, zaterdag 14:00-15:30, in het omgangshuis.",
        "handover_agreements": "Moeder brengt Sam om 13:45 en haalt hem om 15:45; vader komt om 14:00.",
        "evaluation_moments": [evaluation.to_string()]
    })
}

/// Everything a case walk needs: the server, the coordinator and the case.
pub struct Walk<'a> {
    pub t: &'a TestApp,
    pub coord: &'a User,
    pub case: String,
}

impl<'a> Walk<'a> {
    pub fn path(&self, step: &str) -> String {
        format!("/api/v1/cases/{}/{step}", self.case)
    }

    pub async fn view(&self) -> Value {
        self.coord.case(&self.case).await
    }

    /// Registers a family (`registration`: a programme without separate intake sessions) and
    /// walks it to running: intake started and completed, a plan, both parents' signatures.
    pub async fn running(t: &'a TestApp, coord: &'a User, registration: Value) -> Walk<'a> {
        let view = coord.post("/api/v1/registrations", registration).await.ok();
        let w = Walk {
            t,
            coord,
            case: view["id"].as_str().expect("a case id").to_owned(),
        };
        coord.post_empty(&w.path("intake/start")).await.ok();
        coord
            .post(&w.path("intake/complete"), json!({ "eligible": true }))
            .await
            .ok();
        coord
            .post(&w.path("plans"), plan_body(jiff::civil::date(2026, 5, 1)))
            .await
            .ok();
        w.sign_both(1).await;
        w
    }

    /// Writes an ouderschapsplan between the case's two parents (a two-weekly pattern, the
    /// summer split per region, Christmas alternating, a birthday) and records both
    /// parents' paper signatures; returns the plan's view. The case must be running or in
    /// follow-up.
    pub async fn write_parenting_plan(&self, region: &str) -> Value {
        let view = self.view().await;
        let (a, b) = (
            person(&view, "resident_parent"),
            person(&view, "non_resident_parent"),
        );
        let plan = json!({
            "parent_a": a, "parent_b": b,
            "days": ["a","a","a","a","a","b","b", "a","a","a","a","b","b","b"],
            "handover_time": "17:30", "handover_place": "bij school",
            "region": region,
            "overrides": [
                { "occasion": "school_zomer", "rule": "split_halves", "parent": "a" },
                { "occasion": "kerst", "rule": "alternate_years", "parent": "b" },
                { "occasion": "birthday", "name": "Noor", "month": 3, "day": 14, "rule": "alternate_years", "parent": "b" }
            ],
            "care": "Het kind woont bij de ene ouder en is om het weekend bij de andere.",
            "information": "Elke maand een bericht over school en gezondheid.",
            "costs": "Naar draagkracht, zoals in de berekening van de mediator.",
            "child_involvement": "Het kind heeft met de begeleider over de regeling gepraat.",
            "topics": { "school": "Oudergesprekken op school voeren de ouders samen." }
        });
        let written = self
            .coord
            .post(&self.path("parenting-plan"), plan)
            .await
            .ok();
        let version = written["parenting_plan_version"]
            .as_u64()
            .expect("parenting_plan_version");
        for parent in [&a, &b] {
            self.coord
                .post(
                    &self.path("parenting-plan/signatures"),
                    json!({ "version": version, "parent_id": parent, "method": "paper" }),
                )
                .await
                .ok();
        }
        self.coord.get(&self.path("parenting-plan")).await.ok()
    }

    /// Records both parents' signatures of `version` (paper); returns the last view.
    pub async fn sign_both(&self, version: u32) -> Value {
        let view = self.view().await;
        let mut last = Value::Null;
        for role in ["resident_parent", "non_resident_parent"] {
            last = self
                .coord
                .post(
                    &self.path("plans/signatures"),
                    json!({ "version": version, "parent_id": person(&view, role), "method": "paper" }),
                )
                .await
                .ok();
        }
        last
    }

    /// Plans a session as `by`; returns the view and the new session's id.
    /// Plans a session. Warnings that ask no reason (issue 12: beyond "about N", off the
    /// week rhythm) are confirmed as the coordinator's "Toch plannen" would; the walks test
    /// the warnings themselves with plain requests.
    pub async fn plan(&self, by: &User, body: Value) -> (Value, String) {
        let first = by.post(&self.path("sessions"), body.clone()).await;
        let view = if first.status == 409 && first.body["code"] == "confirmation_needed" {
            let warnings = first.body["warnings"].as_array().expect("warnings").clone();
            assert!(
                warnings.iter().all(|w| w["needs_reason"] == false),
                "{}",
                first.text
            );
            let mut body = body;
            body["confirm"] = json!(
                warnings
                    .iter()
                    .map(|w| w["code"].clone())
                    .collect::<Vec<_>>()
            );
            by.post(&self.path("sessions"), body).await.ok()
        } else {
            first.ok()
        };
        let id = last_session(&view);
        (view, id)
    }

    /// Plans a session of `kind` (led as the programme says) at `d` `hour`:00 for 60 minutes.
    pub async fn plan_at(
        &self,
        by: &User,
        kind: &str,
        d: Date,
        hour: i8,
        supervisor: Option<&User>,
    ) -> (Value, String) {
        let mut body = json!({
            "kind": kind,
            "starts_at": local(d, hour, 0),
            "minutes": if kind == "supervised_handover" { 30 } else { 60 },
        });
        // De Ronde Venen's ONS conversations are held at an office (issue 12).
        if kind == "ons_conversation" {
            body["location_kind"] = json!("office");
        }
        if let Some(s) = supervisor {
            body["supervisor_id"] = json!(s.id);
        }
        let (view, id) = self.plan(by, body).await;
        if kind == "supervised_visit" && view["scope"] == "full" {
            // No location: the default margin of 15 minutes staggers the parents.
            let shown = session(&view, &id);
            assert_eq!(
                shown["drop_off_at"],
                json!(format!("{}:00", local(d, hour - 1, 45))),
                "{shown}"
            );
            assert_eq!(
                shown["pick_up_at"],
                json!(format!("{}:00", local(d, hour + 1, 15))),
                "{shown}"
            );
        }
        (view, id)
    }

    /// Moves the clock to after `d` `hour`:00 and records the session as held by `by`.
    pub async fn hold(&self, by: &User, session: &str, d: Date, hour: i8) -> Value {
        self.t.at(d, hour + 2, 0);
        by.post(
            &self.path(&format!("sessions/{session}/outcome")),
            json!({ "outcome": "held", "notes": "Verliep rustig." }),
        )
        .await
        .ok()
    }

    /// The supervisor writes the report, the coordinator approves and releases it.
    pub async fn report(&self, supervisor: &User, session: &str) -> (Value, String) {
        let to_write = |list: Value| {
            list.as_array()
                .expect("a list")
                .iter()
                .find(|r| r["session_id"] == session)
                .map(|r| r["draft"].as_bool() == Some(true))
        };
        // Held and not written: on the supervisor's list, without a draft.
        let listed = supervisor.get("/api/v1/reports/to-write").await.ok();
        assert_eq!(to_write(listed.clone()), Some(false), "{listed}");
        let view = supervisor
            .put(
                &self.path(&format!("sessions/{session}/report")),
                report_body(),
            )
            .await
            .ok();
        let report = session_report(&view, session);
        let listed = supervisor.get("/api/v1/reports/to-write").await.ok();
        assert_eq!(to_write(listed.clone()), Some(true), "{listed}");
        // Issue 15's hand-off: the author marks it ready; it waits in the coordinator's
        // "Te beoordelen"; returned with a reason the author sees; ready again, approved.
        let to_review = |list: Value| {
            list.as_array()
                .expect("a list")
                .iter()
                .find(|r| r["report_id"] == report.as_str())
                .cloned()
        };
        let ready = self.path(&format!("reports/{report}/ready"));
        supervisor.post_empty(&ready).await.ok();
        supervisor
            .post_empty(&ready)
            .await
            .refused("report_already_ready");
        let waiting = to_review(self.coord.get("/api/v1/reports/to-review").await.ok())
            .expect("the report waits for review");
        assert_eq!(waiting["waiting_hours"], json!(0), "{waiting}");
        assert!(waiting["family"].as_str().is_some_and(|f| !f.is_empty()));
        assert_eq!(
            supervisor.get("/api/v1/reports/to-review").await.ok(),
            json!([]),
            "supervisors do not review"
        );
        let give_back = self.path(&format!("reports/{report}/return"));
        self.coord
            .post(&give_back, json!({ "reason": "" }))
            .await
            .refused("reason_required");
        let view = self
            .coord
            .post(
                &give_back,
                json!({ "reason": "Graag de aankomsttijden aanvullen." }),
            )
            .await
            .ok();
        let returned = view["reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == report.as_str())
            .unwrap();
        assert_eq!(
            returned["returned_reason"],
            "Graag de aankomsttijden aanvullen."
        );
        assert_eq!(returned["ready_at"], Value::Null);
        assert!(to_review(self.coord.get("/api/v1/reports/to-review").await.ok()).is_none());
        supervisor.post_empty(&ready).await.ok();
        let view = self
            .coord
            .post_empty(&self.path(&format!("reports/{report}/approve")))
            .await
            .ok();
        assert_eq!(report_state(&view, &report), "approved");
        let view = self
            .coord
            .post_empty(&self.path(&format!("reports/{report}/release")))
            .await
            .ok();
        assert_eq!(report_state(&view, &report), "released");
        let listed = supervisor.get("/api/v1/reports/to-write").await.ok();
        assert_eq!(to_write(listed.clone()), None, "{listed}");
        (view, report)
    }

    /// A supervised visit (or handover) from planning to a released report.
    pub async fn visit(&self, kind: &str, supervisor: &User, d: Date, hour: i8) -> Value {
        let (_, s) = self
            .plan_at(self.coord, kind, d, hour, Some(supervisor))
            .await;
        self.hold(supervisor, &s, d, hour).await;
        self.report(supervisor, &s).await.0
    }
}

/// The report id of a session in a view.
#[track_caller]
pub fn session_report(view: &Value, session: &str) -> String {
    view["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .find(|r| r["session_id"] == json!(session))
        .and_then(|r| r["id"].as_str())
        .unwrap_or_else(|| panic!("no report of {session} in {}", view["reports"]))
        .to_owned()
}

#[track_caller]
pub fn report_state(view: &Value, report: &str) -> String {
    view["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .find(|r| r["id"] == json!(report))
        .and_then(|r| r["state"].as_str())
        .unwrap_or_else(|| panic!("no report {report} in {}", view["reports"]))
        .to_owned()
}

// ---- PDF documents -------------------------------------------------------------------------

impl User {
    /// A GET whose answer is bytes (a PDF): status, content type, body.
    pub async fn get_bytes(&self, path: &str) -> (u16, String, Vec<u8>) {
        let response = self
            .request(reqwest::Method::GET, path)
            .send()
            .await
            .expect("the server answers");
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let bytes = response.bytes().await.expect("a body").to_vec();
        (status, content_type, bytes)
    }
}

fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    let path = std::env::temp_dir().join(format!(
        "omgang-pdf-{}-{}.pdf",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::write(&path, pdf).unwrap();
    let mut cmd = std::process::Command::new(tool);
    cmd.args(args).arg(&path);
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{tool} (Debian's poppler-utils) runs: {e}"));
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of a PDF (poppler's `pdftotext`), whitespace collapsed to single spaces.
pub fn pdf_text(pdf: &[u8]) -> String {
    poppler("pdftotext", &["-enc", "UTF-8"], pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `pdfinfo` with the XMP metadata.
pub fn pdf_info(pdf: &[u8]) -> String {
    poppler("pdfinfo", &[], pdf) + &poppler("pdfinfo", &["-meta"], pdf)
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Downloads every document of the walk's case as its coordinator (each plan version, each
/// released report, the end report) and checks each through `pdftotext` and `pdfinfo`: the
/// case number, the programme, the organisation's letterhead, the content, the signatures,
/// tagged PDF/A-2 and PDF/UA-1. Returns how many documents it checked.
pub async fn check_documents(w: &Walk<'_>, organisation: &str) -> usize {
    let view = w.view().await;
    let id = &w.case;
    let reference = view["reference"].as_str().unwrap();
    let programme = view["programme_name"].as_str().unwrap();
    let mut checked = 0;
    let fetch = |path: String| async move {
        let (status, content_type, bytes) = w.coord.get_bytes(&path).await;
        assert_eq!(status, 200, "{path}: {}", String::from_utf8_lossy(&bytes));
        assert_eq!(content_type, "application/pdf", "{path}");
        let text = pdf_text(&bytes);
        let info = pdf_info(&bytes);
        assert!(info.contains("Tagged:          yes"), "{path}: {info}");
        assert!(info.contains("pdfaid:part"), "{path}: PDF/A {info}");
        assert!(info.contains("pdfuaid:part"), "{path}: PDF/UA {info}");
        (text, info)
    };
    let common = |path: &str, text: &str, info: &str| {
        for s in [reference, programme, organisation] {
            assert!(text.contains(s), "{path}: {s:?} in {text}");
        }
        assert!(
            text.contains(&format!("Dossier {reference} · gemaakt op")),
            "{path}: footer in {text}"
        );
        assert!(text.contains("pagina 1 van"), "{path}: {text}");
        assert!(info.contains(reference), "{path}: title {info}");
    };
    for plan in view["plans"].as_array().unwrap() {
        let v = plan["version"].as_u64().unwrap();
        let path = format!("/api/v1/cases/{id}/documents/plan/{v}");
        let (text, info) = fetch(path.clone()).await;
        common(&path, &text, &info);
        assert!(text.contains(&format!("versie {v}")), "{path}: {text}");
        // The content hash, and every signature's time and hash.
        assert!(
            text.contains(plan["content_hash"].as_str().unwrap()),
            "{path}: {text}"
        );
        for goal in plan["content"]["goals"].as_array().unwrap() {
            assert!(
                text.contains(&squash(goal.as_str().unwrap())),
                "{path}: {goal} in {text}"
            );
        }
        for s in plan["signatures"].as_array().unwrap() {
            assert!(
                text.contains(s["parent_name"].as_str().unwrap()),
                "{path}: {text}"
            );
        }
        checked += 1;
    }
    for report in view["reports"].as_array().unwrap() {
        let rid = report["id"].as_str().unwrap();
        let path = format!("/api/v1/cases/{id}/documents/reports/{rid}");
        if report["state"] != "released" {
            let (status, _, _) = w.coord.get_bytes(&path).await;
            assert_eq!(status, 404, "{path}: a draft is not a document");
            continue;
        }
        let (text, info) = fetch(path.clone()).await;
        common(&path, &text, &info);
        let course = squash(report["content"]["course"].as_str().unwrap());
        assert!(text.contains(&course), "{path}: {course:?} in {text}");
        for a in report["amendments"].as_array().unwrap() {
            assert!(
                text.contains(&squash(a["text"].as_str().unwrap())),
                "{path}: {text}"
            );
        }
        checked += 1;
    }
    if view["parenting_plan_version"].is_u64() {
        let pp = w.coord.get(&w.path("parenting-plan")).await.ok();
        let path = format!("/api/v1/cases/{id}/documents/parenting-plan");
        let (text, info) = fetch(path.clone()).await;
        common(&path, &text, &info);
        assert!(text.contains("Ouderschapsplan"), "{path}: {text}");
        for key in ["care", "information", "costs", "child_involvement"] {
            let words = squash(pp[key].as_str().unwrap_or_default());
            assert!(text.contains(&words), "{path}: {key} {words:?} in {text}");
        }
        assert!(
            text.contains(pp["content_hash"].as_str().expect("content_hash")),
            "{path}: the content hash in {text}"
        );
        checked += 1;
    }
    let path = format!("/api/v1/cases/{id}/documents/end-report");
    let (text, info) = fetch(path.clone()).await;
    common(&path, &text, &info);
    assert!(text.contains("Eindverslag"), "{path}: {text}");
    if let Some(outcome) = view["outcome"]["label"].as_str() {
        assert!(text.contains(outcome), "{path}: {outcome} in {text}");
    }
    assert!(
        text.contains("Gehouden"),
        "{path}: the sessions table in {text}"
    );
    checked += 1;
    checked
}

// ---- the command line --------------------------------------------------------------------

/// The data keys the command-line tests give `omgang` (no key file is written anywhere).
pub const CLI_DATA_KEYS: &str =
    "test:abababababababababababababababababababababababababababababababab";

/// `omgang --database-url <database>`, with fixed data keys, quiet, run from the temp dir.
pub fn omgang_cli(database: &str) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_omgang"));
    c.env_remove("OMGANG_DATABASE_URL")
        .env_remove("OMGANG_DATA_KEY_FILE")
        .env("OMGANG_DATA_KEYS", CLI_DATA_KEYS)
        .env("RUST_LOG", "warn")
        .args(["--database-url", database])
        .current_dir(std::env::temp_dir());
    c
}

/// `omgang generate --scale small --cases <cases>` into `database`; panics with its errors.
pub fn generate_small(database: &str, cases: u32) {
    let generated = omgang_cli(database)
        .args([
            "generate",
            "--scale",
            "small",
            "--cases",
            &cases.to_string(),
        ])
        .output()
        .expect("omgang generate runs");
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
}
