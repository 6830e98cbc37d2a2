//! The staff web interface of omgang: server-rendered HTML pages, Dutch first, on top of the
//! same application layer as the JSON API (every read and write goes through an `App`
//! method, so the one policy and the audit log apply).
//!
//! Mount it in the web router with `.merge(omgang_ui::router(app.clone()))`.
//!
//! - templates: minijinja, embedded (`templates/`);
//! - text: Fluent, embedded (`locales/nl.ftl`, `locales/en.ftl`), Dutch by default, English
//!   by a switch remembered in a cookie;
//! - sign-in: the API's `omgang_session` cookie;
//! - CSRF: every POST carries an HMAC-SHA256 of the session (or pre-session) cookie with a
//!   secret made at start;
//! - no inline script or style: a strict Content-Security-Policy.

mod aanmelden;
mod agenda;
mod attachments;
mod beheer;
mod figures;
pub mod fmt;
mod forms;
pub mod i18n;
mod kit;
mod letterhead;
mod lists;
mod pages;
mod parenting_plan;
mod password;
mod planning;
mod portal;
mod print;
mod privacy;
mod report_list;
mod routes;
pub mod upload;
pub mod web;
mod words;

use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use minijinja::value::{Kwargs, Value};
use minijinja::{Environment, State};
use omgang_app::App;
use omgang_domain::text::Lang;
use serde_json::{Value as Json, json};
use tower_http::catch_panic::CatchPanicLayer;

use crate::i18n::I18n;
use crate::web::{Page, html};

/// The templates, embedded in the binary.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("macros.html", include_str!("../templates/macros.html")),
    ("login.html", include_str!("../templates/login.html")),
    ("home.html", include_str!("../templates/home.html")),
    ("waiting.html", include_str!("../templates/waiting.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("signals.html", include_str!("../templates/signals.html")),
    ("reports.html", include_str!("../templates/reports.html")),
    (
        "parenting_plan.html",
        include_str!("../templates/parenting_plan.html"),
    ),
    ("figures.html", include_str!("../templates/figures.html")),
    (
        "figures_table.html",
        include_str!("../templates/figures_table.html"),
    ),
    ("cases.html", include_str!("../templates/cases.html")),
    ("register.html", include_str!("../templates/register.html")),
    ("case.html", include_str!("../templates/case.html")),
    ("report.html", include_str!("../templates/report.html")),
    ("error.html", include_str!("../templates/error.html")),
    ("agenda.html", include_str!("../templates/agenda.html")),
    (
        "agenda_plan.html",
        include_str!("../templates/agenda_plan.html"),
    ),
    ("planning.html", include_str!("../templates/planning.html")),
    (
        "two_factor.html",
        include_str!("../templates/two_factor.html"),
    ),
    ("beheer.html", include_str!("../templates/beheer.html")),
    (
        "beheer_users.html",
        include_str!("../templates/beheer_users.html"),
    ),
    (
        "beheer_user.html",
        include_str!("../templates/beheer_user.html"),
    ),
    (
        "beheer_staff.html",
        include_str!("../templates/beheer_staff.html"),
    ),
    (
        "beheer_staff_member.html",
        include_str!("../templates/beheer_staff_member.html"),
    ),
    (
        "beheer_locations.html",
        include_str!("../templates/beheer_locations.html"),
    ),
    (
        "beheer_location.html",
        include_str!("../templates/beheer_location.html"),
    ),
    (
        "beheer_programmes.html",
        include_str!("../templates/beheer_programmes.html"),
    ),
    (
        "beheer_programme.html",
        include_str!("../templates/beheer_programme.html"),
    ),
    (
        "public_register.html",
        include_str!("../templates/public_register.html"),
    ),
    (
        "public_received.html",
        include_str!("../templates/public_received.html"),
    ),
    (
        "print_plan.html",
        include_str!("../templates/print_plan.html"),
    ),
    (
        "print_report.html",
        include_str!("../templates/print_report.html"),
    ),
    (
        "portal_home.html",
        include_str!("../templates/portal_home.html"),
    ),
    (
        "portal_case.html",
        include_str!("../templates/portal_case.html"),
    ),
    (
        "portal_cancel.html",
        include_str!("../templates/portal_cancel.html"),
    ),
    (
        "portal_accept.html",
        include_str!("../templates/portal_accept.html"),
    ),
    (
        "portal_invite.html",
        include_str!("../templates/portal_invite.html"),
    ),
    (
        "portal_referrals.html",
        include_str!("../templates/portal_referrals.html"),
    ),
    (
        "password_forgot.html",
        include_str!("../templates/password_forgot.html"),
    ),
    (
        "password_new.html",
        include_str!("../templates/password_new.html"),
    ),
    ("privacy.html", include_str!("../templates/privacy.html")),
    (
        "portal_invite_staff.html",
        include_str!("../templates/portal_invite_staff.html"),
    ),
];

const CSS: &str = include_str!("../assets/app.css");
const JS: &str = include_str!("../assets/app.js");

/// The interface: the application, the templates, the texts and the CSRF secret.
pub struct Ui {
    pub app: Arc<App>,
    env: Environment<'static>,
    pub i18n: Arc<I18n>,
    secret: [u8; 32],
}

fn lang_of(state: &State) -> Lang {
    match state.lookup("lang").as_ref().and_then(Value::as_str) {
        Some("en") => Lang::En,
        _ => Lang::Nl,
    }
}

impl Ui {
    pub fn new(app: Arc<App>) -> Result<Ui, String> {
        let i18n = Arc::new(I18n::load()?);
        let mut env = Environment::new();
        for (name, source) in TEMPLATES {
            env.add_template(name, source)
                .map_err(|e| format!("template {name}: {e}"))?;
        }
        let texts = Arc::clone(&i18n);
        env.add_function(
            "t",
            move |state: &State, key: &str, kwargs: Kwargs| -> Result<String, minijinja::Error> {
                let mut args = fluent_bundle::FluentArgs::new();
                let names: Vec<String> = kwargs.args().map(str::to_owned).collect();
                for name in names {
                    let v: Value = kwargs.get(&name)?;
                    let fv = match v.as_i64() {
                        Some(n) => fluent_bundle::FluentValue::from(n),
                        None => fluent_bundle::FluentValue::from(v.to_string()),
                    };
                    args.set(name, fv);
                }
                Ok(texts.t_args(lang_of(state), key, Some(&args)))
            },
        );
        env.add_filter("d", |state: &State, v: Value| -> String {
            v.as_str()
                .map_or_else(String::new, |s| fmt::date_only(s, lang_of(state)))
        });
        env.add_filter("birth", |state: &State, v: Value| -> String {
            v.as_str()
                .map_or_else(String::new, |s| fmt::birth_date(s, lang_of(state)))
        });
        env.add_filter("dt", |state: &State, v: Value| -> String {
            v.as_str()
                .map_or_else(String::new, |s| fmt::any(s, lang_of(state)))
        });
        env.add_filter("hm", |v: Value| -> String {
            v.as_str()
                .and_then(fmt::parse)
                .and_then(|(_, t)| t)
                .map(fmt::time)
                .unwrap_or_default()
        });
        // "begeleide omgang" → "Begeleide omgang" (and "ONS-gesprek" stays as it is).
        env.add_filter("ucfirst", |v: Value| -> String {
            words::upper_first(&v.as_str().map_or_else(|| v.to_string(), str::to_owned))
        });
        // The domain's words for its values (see `words`): never a Fluent message of their own.
        env.add_function(
            "word",
            |state: &State, list: &str, key: &str| -> Result<String, minijinja::Error> {
                words::word(list, key, lang_of(state))
            },
        );
        env.add_function(
            "words",
            |state: &State,
             list: &str,
             leave_out: minijinja::value::Rest<String>|
             -> Result<Value, minijinja::Error> {
                let options = words::words(list, &leave_out, lang_of(state))?;
                Ok(Value::from(minijinja::value::Serde(options)))
            },
        );
        env.add_function("fid", |form: &str, field: &str| web::field_id(form, field));
        Ok(Ui {
            app,
            env,
            i18n,
            secret: rand::random::<[u8; 32]>(),
        })
    }

    /// Renders a template with the page's common context (language, user, CSRF token).
    pub fn render(&self, page: &Page, status: StatusCode, template: &str, ctx: Json) -> Response {
        let user = page.actor.as_ref().map(|a| {
            json!({
                "name": a.name,
                "role": a.role.as_str(),
                "role_label": a.role.label(page.lang),
                "id": a.user_id.0,
            })
        });
        let mut full = json!({
            "lang": page.lang_code(),
            "csrf": page.csrf,
            "user": user,
            "path": page.path,
            "badge": page.badge.and_then(badge_text),
        });
        if let (Some(full), Json::Object(extra)) = (full.as_object_mut(), ctx) {
            full.extend(extra);
        }
        let rendered = self
            .env
            .get_template(template)
            .and_then(|t| t.render(Value::from(minijinja::value::Serde(&full))));
        match rendered {
            Ok(body) => html(page, status, body),
            Err(e) => {
                tracing::error!(template, error = %e, "rendering failed");
                html(page, StatusCode::INTERNAL_SERVER_ERROR, fallback_500())
            }
        }
    }

    /// A friendly error page.
    pub fn error(&self, page: &Page, status: StatusCode) -> Response {
        let kind = match status {
            StatusCode::NOT_FOUND => "notfound",
            StatusCode::FORBIDDEN => "forbidden",
            StatusCode::BAD_REQUEST => "csrf",
            StatusCode::SERVICE_UNAVAILABLE => "unavailable",
            _ => "internal",
        };
        let mut r = self.render(page, status, "error.html", json!({ "kind": kind }));
        if status == StatusCode::SERVICE_UNAVAILABLE {
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
        r
    }
}

/// The 500 page when even rendering fails (and after a panic): both languages, no template.
fn fallback_500() -> String {
    "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\">\
     <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
     <title>Er ging iets mis — omgang</title><link rel=\"stylesheet\" href=\"/ui/app.css\"></head>\
     <body><main id=\"inhoud\" class=\"container\"><h1>Er ging iets mis bij ons</h1>\
     <p>Probeer het straks opnieuw. Blijft het misgaan, neem dan contact op met de beheerder.</p>\
     <p lang=\"en\">Something went wrong on our side. Please try again later.</p>\
     <p><a href=\"/\">Naar Mijn werk</a></p></main></body></html>"
        .to_owned()
}

async fn css() -> Response {
    asset(CSS, "text/css; charset=utf-8")
}

async fn js() -> Response {
    asset(JS, "text/javascript; charset=utf-8")
}

fn asset(body: &'static str, content_type: &'static str) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

fn panic_page(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a page handler panicked");
    let mut r = (StatusCode::INTERNAL_SERVER_ERROR, fallback_500()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    web::security_headers(r.headers_mut());
    r
}

/// The pages, ready to merge into the web router (before its fallback).
pub fn router(app: Arc<App>) -> Router {
    let ui = match Ui::new(app) {
        Ok(ui) => Arc::new(ui),
        Err(e) => {
            tracing::error!(error = %e, "the web interface could not start");
            return Router::new();
        }
    };
    routes::all()
        .with_state(ui)
        .layer(CatchPanicLayer::custom(panic_page))
}

/// The navigation's count of changes ("99+" above the cap), none at zero.
pub(crate) fn badge_text(n: usize) -> Option<String> {
    use omgang_app::changes::BADGE_CAP;
    match n {
        0 => None,
        n if n > BADGE_CAP => Some(format!("{BADGE_CAP}+")),
        n => Some(n.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words docs/woordenlijst.md says not to use for a concept ("onbegeleide omgang",
    /// "bezoekende ouder", "sessie", …): from its table's last column.
    fn avoided_words() -> Vec<String> {
        let glossary = include_str!("../../../docs/woordenlijst.md");
        glossary
            .lines()
            .filter(|l| l.starts_with('|') && !l.starts_with("|---"))
            .skip(1) // the header row
            .filter_map(|l| l.trim_matches('|').split('|').nth(3).map(str::to_owned))
            .flat_map(|cell| {
                cell.split(';')
                    .map(|w| w.trim().to_lowercase())
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// `word` as a whole word (not inside "Casusregisseur") in `text`, lower case.
    fn has_word(text: &str, word: &str) -> bool {
        let text = text.to_lowercase();
        text.match_indices(word).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
        })
    }

    /// One word per concept: no Dutch text a user reads — the messages, the built-in
    /// programmes, the domain's and the application's texts, the documents — uses a word the
    /// glossary rules out.
    #[test]
    fn words_follow_the_glossary() {
        let avoided = avoided_words();
        assert!(
            avoided.len() >= 10,
            "the glossary's table was not read: {avoided:?}"
        );
        let messages: Vec<String> = i18n::NL_FTL
            .lines()
            .filter_map(|l| l.split_once(" = ").map(|(_, v)| v.to_owned()))
            .collect();
        let mut sources: Vec<(String, String)> = messages
            .into_iter()
            .enumerate()
            .map(|(i, m)| (format!("nl.ftl message {i}"), m))
            .collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        for dir in [
            "programmes",
            "crates/omgang-domain/src",
            "crates/omgang-app/src",
            "crates/omgang-docs/src",
        ] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap_or_else(|e| panic!("{dir}: {e}"))
            {
                let path = entry.map(|e| e.path()).unwrap_or_default();
                if path.extension().is_some_and(|x| x == "rs" || x == "toml") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    // Only what is quoted: the texts, not the code around them.
                    for (i, quoted) in text.split('"').enumerate().filter(|(i, _)| i % 2 == 1) {
                        sources.push((
                            format!("{} (string {i})", path.display()),
                            quoted.to_owned(),
                        ));
                    }
                }
            }
        }
        let mut found = Vec::new();
        for (place, text) in &sources {
            for word in &avoided {
                if has_word(text, word) {
                    found.push(format!("{place}: \"{word}\" in \"{text}\""));
                }
            }
        }
        assert!(
            found.is_empty(),
            "words the glossary rules out:\n{}",
            found.join("\n")
        );
    }

    /// Every message exists in both languages, and every message a template names exists.
    #[test]
    fn translations_are_complete() {
        let nl = I18n::ids(i18n::NL_FTL);
        let en = I18n::ids(i18n::EN_FTL);
        let missing_en: Vec<_> = nl.iter().filter(|k| !en.contains(k)).collect();
        let missing_nl: Vec<_> = en.iter().filter(|k| !nl.contains(k)).collect();
        assert!(missing_en.is_empty(), "missing in en.ftl: {missing_en:?}");
        assert!(missing_nl.is_empty(), "missing in nl.ftl: {missing_nl:?}");
        let texts = I18n::load().unwrap_or_else(|e| panic!("{e}"));
        for (name, source) in TEMPLATES {
            for part in source.split("t(\"").skip(1) {
                let key = part.split('"').next().unwrap_or("");
                if key.ends_with('-') {
                    continue; // built from a value: checked below
                }
                assert!(texts.has(Lang::Nl, key), "{name}: missing message {key}");
            }
        }
        // A domain value is worded by the domain (`word`, `words`), not by a message: no
        // message repeats a list's values under a prefix of its own.
        for retired in [
            "status-running",
            "entry-court_order",
            "method-paper",
            "signature-method-paper",
            "evaluation-kind-interim",
            "registered-by-one_parent",
            "role-resident_parent",
            "session-state-held",
            "report-state-draft",
            "meldcode-decision-report",
            "outcome-ouderschapsplan",
            "urgency-late",
        ] {
            assert!(
                !texts.has(Lang::Nl, retired),
                "{retired}: the domain words this value"
            );
        }
        // Every list a template asks for exists.
        for (name, source) in TEMPLATES {
            for call in ["word(\"", "words(\""] {
                for part in source.split(call).skip(1) {
                    let list = part.split('"').next().unwrap_or("");
                    assert!(
                        words::word(list, "", Lang::Nl).is_ok(),
                        "{name}: no list called {list}"
                    );
                }
            }
        }
        for prefix_values in [
            ("report-state-", &["none"][..]),
            (
                "error-",
                &[
                    "notfound-title",
                    "forbidden-title",
                    "csrf-title",
                    "internal-title",
                ][..],
            ),
        ] {
            for v in prefix_values.1 {
                let key = format!("{}{v}", prefix_values.0);
                assert!(texts.has(Lang::Nl, &key), "missing message {key}");
            }
        }
        for step in [
            "aanmelding",
            "intake-starten",
            "intake-afronden",
            "plan",
            "handtekening",
            "sessie",
            "uitkomst",
            "instemming",
            "persoon",
            "evaluatie",
            "melding",
            "meldcode",
            "fase",
            "afsluiten",
            "nazorg-afsluiten",
            "begeleider",
            "partner",
            "verslag",
            "goedkeuren",
            "teruggeven",
            "klaar",
            "delen",
            "aanvullen",
            "uitgelogd",
        ] {
            assert!(
                texts.has(Lang::Nl, &format!("done-{step}")),
                "missing done-{step}"
            );
        }
    }
}

#[cfg(test)]
mod template_tests {
    use super::*;

    /// Every template file in `templates/` is embedded, and the embedded ones parse.
    #[test]
    fn every_template_is_embedded_and_parses() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        let mut embedded: Vec<String> = TEMPLATES.iter().map(|(n, _)| (*n).to_owned()).collect();
        embedded.sort();
        assert_eq!(files, embedded);
        let mut env = Environment::new();
        for (name, source) in TEMPLATES {
            assert!(
                env.add_template(name, source).is_ok(),
                "{name} does not parse"
            );
        }
    }
}
