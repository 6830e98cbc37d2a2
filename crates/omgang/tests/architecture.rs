//! The invariants of ARCHITECTURE.md that a reader cannot see in one file, checked:
//! the functional core (the domain and the planner) does no IO, and the programmes are data.
// A test stops at the first surprise.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Crates that exist to do IO (files, network, databases, processes, the operating system's
/// randomness). None of them may be compiled into the pure crates.
const IO_CRATES: &[&str] = &[
    "tokio",
    "mio",
    "socket2",
    "async-std",
    "futures-io",
    "hyper",
    "reqwest",
    "axum",
    "tower",
    "lettre",
    "sqlx",
    "sqlx-core",
    "libsqlite3-sys",
    "rustls",
    "native-tls",
    "openssl",
    "getrandom",
    "tempfile",
    "walkdir",
    "notify",
    "typst",
];

/// The packages `cargo build -p <package>` compiles, as `cargo tree` resolves them (features
/// unified for that package alone, as a user of the crate would get them).
fn dependencies_of(package: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .current_dir(workspace())
        .args([
            "tree",
            "--offline",
            "--locked",
            "-p",
            package,
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn the_domain_and_the_planner_depend_on_no_crate_that_does_io() {
    for package in ["omgang-domain", "omgang-planner"] {
        let deps = dependencies_of(package);
        assert!(
            deps.iter().any(|d| d == package),
            "cargo tree did not list {package} itself: {deps:?}"
        );
        let io: Vec<&String> = deps
            .iter()
            .filter(|d| IO_CRATES.contains(&d.as_str()))
            .collect();
        assert!(io.is_empty(), "{package} depends on {io:?}, which do IO");
        let ours: Vec<&String> = deps
            .iter()
            .filter(|d| d.starts_with("omgang") && *d != package)
            .collect();
        assert!(
            ours.is_empty(),
            "{package} depends on {ours:?}: the pure crates depend on no other crate of ours"
        );
    }
}

/// Calls that reach the clock, the file system, the network, the environment, other processes
/// or the operating system's randomness. Time and identifiers come into the core from the shell.
const IO_CALLS: &[&str] = &[
    "std::fs",
    "std::net",
    "std::env",
    "std::process",
    "std::io::stdin",
    "std::io::stdout",
    "SystemTime",
    "Instant::now",
    "Timestamp::now",
    "Zoned::now",
    "Date::today",
    "thread_rng",
    "rand::rng()",
    "from_os_rng",
    "OsRng",
    "println!",
    "eprintln!",
];

#[test]
fn the_pure_crates_call_no_clock_file_network_or_os_randomness() {
    let root = workspace();
    let mut found = Vec::new();
    for krate in ["omgang-domain", "omgang-planner"] {
        for file in rust_files(&root.join("crates").join(krate).join("src")) {
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for call in IO_CALLS {
                    if code.contains(call) {
                        found.push(format!("{}:{}: {call}", file.display(), n + 1));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "IO in the functional core:\n{}",
        found.join("\n")
    );
}

/// The ids of the built-in programmes, read from their definitions.
fn programme_ids(root: &Path) -> Vec<String> {
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(root.join("programmes")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            // The programme's own id is the first top-level `id = "…"` (phases come later, in
            // tables of their own).
            let id = text
                .lines()
                .take_while(|l| !l.trim_start().starts_with('['))
                .find_map(|l| {
                    let (key, value) = l.split_once('=')?;
                    (key.trim() == "id").then(|| value.trim().trim_matches('"'))
                })
                .unwrap_or_else(|| panic!("{} has no id", path.display()));
            ids.push(id.to_owned());
        }
    }
    ids.sort();
    ids
}

#[test]
fn no_code_branches_on_a_programme_id() {
    let root = workspace();
    let ids = programme_ids(&root);
    assert_eq!(ids.len(), 5, "the five programmes of the seeds: {ids:?}");
    // Where an id may be written: the list of built-in definitions, and the demo data that
    // registers families in them.
    let allowed = [
        root.join("crates/omgang-domain/src/programme"),
        root.join("crates/omgang/src/demo"),
    ];
    // "omgangshuis" is a programme's id and also a kind of location (a word of the domain's
    // vocabulary): for such an id only a line that speaks of a programme is suspect.
    let location_kinds: Vec<String> = [omgang_domain::programme::LocationKind::Omgangshuis]
        .iter()
        .map(|k| {
            serde_json::to_value(k)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let mut found = Vec::new();
    for file in rust_files(&root.join("crates")) {
        let in_src = file.components().any(|c| c.as_os_str() == "src");
        let allowed_here = allowed
            .iter()
            .any(|a| file.to_string_lossy().starts_with(&*a.to_string_lossy()));
        if !in_src || allowed_here {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        // Test modules may name a programme: they check the definitions.
        let production = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in production.lines().enumerate() {
            for id in &ids {
                let also_a_word = location_kinds.contains(id);
                if line.contains(&format!("\"{id}\""))
                    && (!also_a_word || line.to_lowercase().contains("programme"))
                {
                    found.push(format!("{}:{}: {id}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "programme ids in code (rules are data: put the rule in programmes/*.toml):\n{}",
        found.join("\n")
    );
}
