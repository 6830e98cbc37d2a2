//! The `omgang` binary: help for every command, checking programme definitions, printing
//! the OpenAPI document, and the operator's commands on both databases.

// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

both_backends!(operator_commands, programmes_list_on_a_keyed_database,);

/// A fixed key for sealing secret addresses, so no key file is written anywhere.
const DATA_KEYS: &str = "test:abababababababababababababababababababababababababababababababab";

fn programmes_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../programmes")
}

fn programme_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(programmes_dir())
        .expect("programmes directory")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn omgang() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_omgang"));
    c.env_remove("OMGANG_DATABASE_URL")
        .env_remove("OMGANG_PASSWORD")
        .env_remove("OMGANG_DATA_KEY_FILE")
        .env("OMGANG_DATA_KEYS", DATA_KEYS)
        .env("RUST_LOG", "warn")
        .current_dir(std::env::temp_dir());
    c
}

/// Runs the binary; returns success, stdout and stderr.
fn run(c: &mut Command) -> (bool, String, String) {
    let out = c.output().expect("the omgang binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The subcommands listed under "Commands:" in a help text.
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|c| c != "help")
        .collect()
}

#[test]
fn help_for_every_command() {
    let (ok, out, err) = run(omgang().arg("--help"));
    assert!(ok, "omgang --help failed: {err}");
    assert!(out.contains("Usage: omgang"), "{out}");
    let top = subcommands(&out);
    for expected in [
        "serve",
        "demo",
        "migrate",
        "user",
        "organisation",
        "programmes",
        "openapi",
    ] {
        assert!(
            top.iter().any(|c| c == expected),
            "no {expected} in {top:?}"
        );
    }
    let (ok, out, _) = run(omgang().arg("--version"));
    assert!(ok && out.starts_with("omgang "), "{out}");
    // Every subcommand, and theirs in turn.
    let mut todo: Vec<Vec<String>> = top.into_iter().map(|c| vec![c]).collect();
    let mut seen = 0;
    while let Some(path) = todo.pop() {
        let (ok, out, err) = run(omgang().args(&path).arg("--help"));
        assert!(ok, "omgang {} --help failed: {err}", path.join(" "));
        assert!(
            out.contains(&format!("Usage: omgang {}", path.join(" "))),
            "omgang {} --help: {out}",
            path.join(" ")
        );
        seen += 1;
        for sub in subcommands(&out) {
            let mut deeper = path.clone();
            deeper.push(sub);
            todo.push(deeper);
        }
    }
    assert!(seen >= 12, "only {seen} commands have help");
    // A wrong command fails with a usage message.
    let (ok, _, err) = run(omgang().arg("frobnicate"));
    assert!(!ok);
    assert!(err.contains("frobnicate"), "{err}");
}

#[test]
fn programmes_check_accepts_the_five() {
    let files = programme_files();
    assert_eq!(files.len(), 5, "{files:?}");
    let (ok, out, err) = run(omgang().args(["programmes", "check"]).args(&files));
    assert!(ok, "programmes check failed:\n{out}\n{err}");
    for id in [
        "de-ronde-venen",
        "intensieve-omgangsbegeleiding",
        "ouderschap-blijft",
        "omgangshuis",
        "begeleide-omgangsregeling",
    ] {
        assert!(out.contains(&format!(": ok ({id})")), "{id} not ok: {out}");
    }
}

#[test]
fn programmes_check_names_file_field_and_reason() {
    let dir = std::env::temp_dir().join(format!("omgang-cli-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let source =
        std::fs::read_to_string(programmes_dir().join("ouderschap-blijft.toml")).expect("source");
    let cases = [
        (
            "zero-minutes.toml",
            source.replacen("max_minutes = 90", "max_minutes = 0", 1),
            "session_kinds[0].max_minutes",
            "must be between 1 and 480 minutes, not 0",
        ),
        (
            "bad-phase.toml",
            source.replacen(
                "advance_after = { kind = \"supervised_visit\", count = 4 }",
                "advance_after = { kind = \"supervised_visit\", count = 0 }",
                1,
            ),
            "phases[0].advance_after",
            "",
        ),
        (
            "unknown-kind.toml",
            source.replacen("kind = \"intake\"", "kind = \"picnic\"", 1),
            "kind",
            "unknown variant `picnic`",
        ),
        (
            "syntax.toml",
            format!("{source}\n[eligibility\n"),
            "eligibility",
            "",
        ),
        (
            "duplicate.toml",
            source.replacen("kind = \"child_conversation\"", "kind = \"intake\"", 1),
            "session_kinds[1].kind",
            "defined twice",
        ),
    ];
    for (name, text, field, reason) in &cases {
        let file = dir.join(name);
        std::fs::write(&file, text).expect("write broken copy");
        let (ok, out, err) = run(omgang().args(["programmes", "check"]).arg(&file));
        let all = format!("{out}{err}");
        assert!(!ok, "{name} was accepted: {all}");
        let line = all
            .lines()
            .find(|l| l.contains(&file.display().to_string()) && l.contains(field))
            .unwrap_or_else(|| panic!("{name}: no line naming the file and '{field}':\n{all}"));
        assert!(
            line.contains(reason),
            "{name}: reason '{reason}' missing: {line}"
        );
        assert!(
            line.split(field).nth(1).is_some_and(|r| r.trim().len() > 2),
            "{name}: no reason after the field: {line}"
        );
    }
    // A good file and a broken one: the good one is ok, the run fails, counting the refusal.
    let good = programmes_dir().join("omgangshuis.toml");
    let (ok, out, err) = run(omgang()
        .args(["programmes", "check"])
        .arg(&good)
        .arg(dir.join("zero-minutes.toml")));
    assert!(!ok);
    assert!(out.contains(": ok (omgangshuis)"), "{out}");
    assert!(err.contains("1 of 2 definition(s) refused"), "{err}");
    // A file that is not there.
    let (ok, _, err) = run(omgang()
        .args(["programmes", "check"])
        .arg(dir.join("missing.toml")));
    assert!(!ok);
    assert!(err.contains("missing.toml"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn openapi_command_prints_json() {
    let (ok, out, err) = run(omgang().arg("openapi"));
    assert!(ok, "omgang openapi failed: {err}");
    assert!(out.contains("\"openapi\""), "{out}");
    let doc: Value = serde_json::from_str(&out).expect("omgang openapi prints JSON only");
    assert!(
        doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1.")),
        "{}",
        doc["openapi"]
    );
    assert_eq!(doc["info"]["title"], "omgang API");
}

#[test]
fn openapi_command_prints_the_served_paths() {
    let (ok, out, err) = run(omgang().arg("openapi"));
    assert!(ok, "omgang openapi failed: {err}");
    let doc: Value = serde_json::from_str(&out).expect("JSON");
    let paths = doc["paths"].as_object().expect("paths");
    for path in [
        "/api/v1/registrations",
        "/api/v1/cases/{id}",
        "/api/v1/cases/{id}/sessions",
        "/health",
    ] {
        assert!(
            paths.contains_key(path),
            "{path} missing from `omgang openapi`"
        );
    }
}

/// migrate, organisation add/list, user add/list and programmes list against a database.
async fn operator_commands(backend: Backend) {
    let db = TestDb::create(backend).await;
    let url = db.url.clone();
    let result = tokio::task::spawn_blocking(move || {
        let db_cmd = || {
            let mut c = omgang();
            c.args(["--database-url", &url]);
            c
        };
        let (ok, out, err) = run(db_cmd().arg("migrate"));
        assert!(ok, "migrate: {err}");
        assert!(out.contains("migration(s) applied"), "{out}");
        let (ok, out, _) = run(db_cmd().arg("migrate"));
        assert!(
            ok && out.starts_with("0 migration(s) applied"),
            "second migrate: {out}"
        );
        let (ok, out, err) = run(db_cmd().args([
            "organisation",
            "add",
            "--name",
            "Kwadraad",
            "--kind",
            "provider",
        ]));
        assert!(ok, "organisation add: {err}");
        assert!(out.contains("Kwadraad (provider)"), "{out}");
        let (ok, _, err) = run(db_cmd().args([
            "organisation",
            "add",
            "--name",
            "Nergens",
            "--kind",
            "castle",
        ]));
        assert!(!ok);
        assert!(err.contains("kind"), "{err}");
        let (ok, out, _) = run(db_cmd().args(["organisation", "list"]));
        assert!(
            ok && out.contains("Kwadraad") && !out.contains("Nergens"),
            "{out}"
        );
        // A password that is too short is refused, naming the field.
        let (ok, _, err) = run(db_cmd()
            .args([
                "user",
                "add",
                "--email",
                "anouk@kwadraad.example",
                "--name",
                "Anouk de Vries",
            ])
            .args(["--role", "coordinator", "--organisation", "Kwadraad"])
            .env("OMGANG_PASSWORD", "kort"));
        assert!(!ok);
        assert!(err.contains("password"), "{err}");
        let (ok, out, err) = run(db_cmd()
            .args([
                "user",
                "add",
                "--email",
                "anouk@kwadraad.example",
                "--name",
                "Anouk de Vries",
            ])
            .args(["--role", "coordinator", "--organisation", "Kwadraad"])
            .env("OMGANG_PASSWORD", PASSWORD));
        assert!(ok, "user add: {err}");
        assert!(
            out.contains("anouk@kwadraad.example (coordinator)"),
            "{out}"
        );
        let (ok, _, err) = run(db_cmd()
            .args([
                "user",
                "add",
                "--email",
                "x@kwadraad.example",
                "--name",
                "X",
            ])
            .args(["--role", "coordinator", "--organisation", "Nergens"])
            .env("OMGANG_PASSWORD", PASSWORD));
        assert!(!ok);
        assert!(err.contains("Nergens"), "{err}");
        let (ok, out, err) = run(db_cmd().args(["user", "list"]));
        assert!(ok && out.contains("anouk@kwadraad.example"), "{out}{err}");
    })
    .await;
    drop(db);
    if let Err(e) = result {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// `programmes list` on a database that has its data keys (made by `organisation add`).
async fn programmes_list_on_a_keyed_database(backend: Backend) {
    let db = TestDb::create(backend).await;
    let url = db.url.clone();
    let result = tokio::task::spawn_blocking(move || {
        let db_cmd = || {
            let mut c = omgang();
            c.args(["--database-url", &url]);
            c
        };
        let (ok, _, err) = run(db_cmd().args([
            "organisation",
            "add",
            "--name",
            "Kwadraad",
            "--kind",
            "provider",
        ]));
        assert!(ok, "organisation add: {err}");
        let (ok, out, err) = run(db_cmd().args(["programmes", "list"]));
        assert!(ok, "programmes list: {out}{err}");
        assert_eq!(out.lines().count(), 5, "{out}");
        assert!(out.contains("ouderschap-blijft"), "{out}");
    })
    .await;
    drop(db);
    if let Err(e) = result {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// `omgang plan` reads an instance of the planner's contract and writes a plan that the
/// contract's own checker (`shared/planner/check.py`) accepts; a broken instance is named.
#[test]
fn plan_writes_a_plan_the_checker_accepts() {
    let planner = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/planner");
    if !planner.join("check.py").exists() {
        eprintln!("skipped: no shared/planner beside the repository");
        return;
    }
    let dir = std::env::temp_dir().join(format!("omgang-plan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let instance = dir.join("instance.json");
    let plan = dir.join("plan.json");
    let generated = Command::new("python3")
        .arg(planner.join("gen.py"))
        .args(["--seed", "7", "--size", "S", "--out"])
        .arg(&instance)
        .output()
        .unwrap();
    assert!(generated.status.success(), "{generated:?}");
    let (ok, _, err) = run(omgang()
        .arg("plan")
        .arg("--instance")
        .arg(&instance)
        .arg("--out")
        .arg(&plan)
        .args(["--iterations", "300"]));
    assert!(ok, "{err}");
    assert!(err.contains("0 hard violations"), "{err}");
    let checked = Command::new("python3")
        .arg(planner.join("check.py"))
        .arg(&instance)
        .arg(&plan)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&checked.stdout);
    assert!(checked.status.success(), "{report}");
    assert!(report.contains("hard_violations: 0"), "{report}");
    // A broken instance: the field is named, nothing is written.
    let broken = dir.join("broken.json");
    let text = std::fs::read_to_string(&instance).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["requests"][0]["locations"] = serde_json::json!(["nergens"]);
    std::fs::write(&broken, json.to_string()).unwrap();
    let (ok, _, err) = run(omgang()
        .arg("plan")
        .arg("--instance")
        .arg(&broken)
        .arg("--out")
        .arg(dir.join("none.json")));
    assert!(!ok);
    assert!(err.contains("requests[0].locations"), "{err}");
    assert!(!dir.join("none.json").exists());
    let _ = std::fs::remove_dir_all(&dir);
}
