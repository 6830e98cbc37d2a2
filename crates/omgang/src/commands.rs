//! One function per subcommand (except `serve`, `openapi` and `plan`): open what it needs,
//! do it, print what happened.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use omgang_app::admin::{OrganisationInput, UserInput};
use omgang_app::crypto::Keyring;
use omgang_app::{App, Settings, system_actor};
use omgang_store::Store;

use crate::{
    OrganisationCommand, ServeArgs, UserCommand, bench, demo, explain, generate, open_app, serve,
    settings, sqlite_path,
};

/// `demo`: writes the demo data (unless there is data), then serves it unless `no_serve`.
pub async fn demo(url: &str, args: &ServeArgs, no_serve: bool, keys: &Keyring) -> Result<()> {
    // The demo is for trying things out: a second factor is optional there.
    let demo = Settings {
        two_factor_required: false,
        ..settings(args, keys)
    };
    let app = open_app(url, demo).await?;
    let logins = demo::ensure(&app).await?;
    if no_serve {
        demo::print_logins(&logins, None);
        return Ok(());
    }
    serve::serve(app, args, Some(logins)).await
}

/// `migrate`: brings the schema up to date.
pub async fn migrate(url: &str) -> Result<()> {
    let store = Store::connect(url).await?;
    let applied = store.migrate().await?;
    println!("{} migration(s) applied: {applied:?}", applied.len());
    Ok(())
}

/// `user add` and `user list`.
pub async fn user(url: &str, settings: Settings, command: UserCommand) -> Result<()> {
    let app = open_app(url, settings).await?;
    match command {
        UserCommand::Add {
            email,
            name,
            role,
            organisation,
            password,
            vog,
            training,
        } => {
            let org = find_org(&app, &organisation).await?;
            let input = UserInput {
                email,
                name,
                role,
                password,
                organisation_id: Some(org),
                vog_issued_on: vog,
                training_completed_on: training,
                lang: None,
            };
            let user = app
                .add_user(&system_actor(), &input)
                .await
                .map_err(explain)?;
            println!("user {} added: {} ({})", user.id, user.email, user.role);
        }
        UserCommand::List => {
            for u in app.store.all_users().await? {
                println!("{}\t{}\t{}\t{}", u.id, u.email, u.role, u.name);
            }
        }
    }
    Ok(())
}

/// `organisation add` and `organisation list`.
pub async fn organisation(
    url: &str,
    settings: Settings,
    command: OrganisationCommand,
) -> Result<()> {
    let app = open_app(url, settings).await?;
    match command {
        OrganisationCommand::Add { name, kind } => {
            let org = app
                .add_organisation(&system_actor(), &OrganisationInput { name, kind })
                .await
                .map_err(explain)?;
            println!("organisation {} added: {} ({})", org.id, org.name, org.kind);
        }
        OrganisationCommand::List => {
            for o in app.organisations().await.map_err(explain)? {
                println!("{}\t{}\t{}", o.id, o.kind, o.name);
            }
        }
    }
    Ok(())
}

/// `programmes check`: parses definition files, prints every problem.
pub fn check_programmes(files: &[PathBuf]) -> Result<()> {
    let mut failed = 0;
    for file in files {
        let source =
            std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        match omgang_domain::Programme::parse(&file.display().to_string(), &source) {
            Ok(p) => println!("{}: ok ({})", file.display(), p.id),
            Err(e) => {
                failed += 1;
                for problem in &e.problems {
                    println!("{}: {}: {}", e.file, problem.field, problem.reason);
                }
            }
        }
    }
    if failed > 0 {
        bail!("{failed} of {} definition(s) refused", files.len());
    }
    Ok(())
}

/// `programmes list`.
pub async fn list_programmes(url: &str, settings: Settings) -> Result<()> {
    let app = open_app(url, settings).await?;
    for p in app.all_programmes() {
        println!("{}\t{}", p.id, p.name.nl);
    }
    Ok(())
}

/// `retention`: anonymises (or with `dry_run` lists) closed cases past `years`.
pub async fn retention(url: &str, settings: Settings, years: u32, dry_run: bool) -> Result<()> {
    let app = open_app(url, settings).await?;
    let report = app
        .retention(&system_actor(), years, dry_run)
        .await
        .map_err(explain)?;
    let verb = if dry_run {
        "would anonymise"
    } else {
        "anonymised"
    };
    println!(
        "retention {years} years (closed before {}): {verb} {} case(s) {}",
        report.cutoff,
        report.anonymised.len(),
        report.anonymised.join(", ")
    );
    Ok(())
}

/// `export`: everything held about one person, as JSON.
pub async fn export(url: &str, settings: Settings, email: &str) -> Result<()> {
    let app = open_app(url, settings).await?;
    let export = app
        .export_person(&system_actor(), email)
        .await
        .map_err(explain)?;
    println!("{}", serde_json::to_string_pretty(&export)?);
    Ok(())
}

/// `generate`: fills an empty database with generated data at `scale`.
pub async fn generate(
    url: &str,
    settings: Settings,
    scale: &str,
    cases: Option<usize>,
) -> Result<()> {
    let mut scale =
        generate::Scale::named(scale).context("--scale is small, regional or national")?;
    if let Some(n) = cases {
        scale.cases = n;
    }
    let app = open_app(url, settings).await?;
    if app.store.count(omgang_store::Table::Organisations).await? > 0 {
        bail!("generate fills an empty database; this one has data");
    }
    let report = generate::generate(&app, scale).await?;
    println!(
        "generated {} cases ({} sessions): {} rows in {:.1} s = {:.0} rows/s; users sign in with {}",
        report.cases,
        report.sessions,
        report.rows,
        report.seconds,
        report.rows as f64 / report.seconds,
        generate::BENCH_PASSWORD
    );
    Ok(())
}

/// `bench`: the load benchmark; prints its report.
pub async fn bench(url: &str, settings: Settings, args: &bench::BenchArgs) -> Result<()> {
    let app = open_app(url, settings).await?;
    let report = bench::run(url, args, &app).await?;
    app.store.close().await;
    println!("{report}");
    Ok(())
}

/// `backup`: a consistent copy of the SQLite database in `file`, checked.
pub async fn backup(url: &str, file: &Path) -> Result<()> {
    if file.exists() {
        bail!("{} exists already; choose a new file", file.display());
    }
    let store = Store::open(url).await?;
    store
        .backup_to(file)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let copy = Store::connect(&format!("sqlite://{}?mode=ro", file.display())).await?;
    let check = copy.integrity_check().await?;
    let cases = copy.count(omgang_store::Table::Cases).await?;
    println!(
        "backup written to {} ({cases} cases, integrity {check})",
        file.display()
    );
    Ok(())
}

/// `restore`: puts the backup `file` in place of the SQLite database.
pub async fn restore(url: &str, file: &Path) -> Result<()> {
    let target = sqlite_path(url)?;
    let copy = Store::connect(&format!("sqlite://{}?mode=ro", file.display())).await?;
    let check = copy.integrity_check().await?;
    if check != "ok" {
        bail!("{} is damaged ({check}); nothing restored", file.display());
    }
    let cases = copy.count(omgang_store::Table::Cases).await?;
    copy.close().await;
    // Copy next to the target, then rename: the database is never half-written.
    let partial = target.with_extension("restoring");
    std::fs::copy(file, &partial).with_context(|| format!("copying {}", file.display()))?;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
    }
    std::fs::rename(&partial, &target)?;
    println!(
        "restored {} into {} ({cases} cases)",
        file.display(),
        target.display()
    );
    Ok(())
}

/// `audit verify`: recomputes the hash chain; an error at the first broken link.
pub async fn verify_audit(url: &str) -> Result<()> {
    let store = Store::open(url).await?;
    let report = store.verify_audit().await?;
    match report.first_broken {
        None => {
            println!(
                "audit log intact: {} line(s), hash chain verified",
                report.lines
            );
            Ok(())
        }
        Some((seq, reason)) => {
            println!(
                "audit log BROKEN at line {seq}: {reason} ({} line(s) read)",
                report.lines
            );
            bail!("audit chain broken at line {seq}")
        }
    }
}

/// The id of the organisation with this id or exact name.
async fn find_org(app: &App, name_or_id: &str) -> Result<String> {
    let orgs = app.organisations().await.map_err(explain)?;
    orgs.iter()
        .find(|o| o.id == name_or_id || o.name == name_or_id)
        .map(|o| o.id.clone())
        .with_context(|| {
            format!("no organisation '{name_or_id}'; add it with `omgang organisation add`")
        })
}
