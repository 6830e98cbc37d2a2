//! `omgang`: the one binary. Serves the application, writes demo data, migrates, adds users
//! and organisations, checks programme definitions.

/// mimalloc: under load, glibc's malloc and free took a fifth of a case page's time (perf).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench;
mod commands;
mod demo;
mod generate;
mod plan;
mod serve;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use omgang_app::crypto::Keyring;
use omgang_app::{App, Settings};
use omgang_store::Store;

const DEFAULT_DB: &str = "sqlite://omgang.sqlite?mode=rwc";

#[derive(Parser, Debug)]
#[command(
    name = "omgang",
    version,
    about = "Werkomgeving voor begeleide omgang / work tool for supervised visitation"
)]
struct Cli {
    /// Database: `sqlite://FILE?mode=rwc` (default, embedded) or `postgres://USER@HOST/DB`.
    #[arg(long, global = true, env = "OMGANG_DATABASE_URL", default_value = DEFAULT_DB)]
    database_url: String,
    /// Keys that seal secret addresses: `id:64-hex,id:64-hex` (first is current, the others
    /// still open older values). Every instance on one database needs the same keys.
    #[arg(long, global = true, env = "OMGANG_DATA_KEYS", hide_env_values = true)]
    data_keys: Option<String>,
    /// Where the keys are kept when OMGANG_DATA_KEYS is not set (created on first start).
    /// Default: next to the SQLite file (`FILE.keys`), or `omgang-data.keys`.
    #[arg(long, global = true, env = "OMGANG_DATA_KEY_FILE")]
    data_key_file: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the application over HTTP.
    Serve(ServeArgs),
    /// Fill a database with demo data (organisations, people, about 40 cases) and serve it.
    Demo {
        #[command(flatten)]
        serve: ServeArgs,
        /// Write the demo data and exit without serving.
        #[arg(long)]
        no_serve: bool,
    },
    /// Fill an empty database with generated data for benchmarks (small, regional, national).
    Generate {
        /// small (5 organisations, 2,000 cases), regional (40, 10,000), national (400, 100,000).
        #[arg(long, default_value = "small")]
        scale: String,
        /// Override the number of cases.
        #[arg(long)]
        cases: Option<usize>,
    },
    /// Load benchmark: generate data if the database is empty, start `omgang serve`, drive the
    /// case page, a supervisor's week agenda, an organisation's signals, report saves, public
    /// registrations and /health at fixed rates; print latencies, errors, ceilings and peak RSS.
    Bench(bench::BenchArgs),
    /// Plan a week: read a planner instance (shared/planner/FORMAT.md), write the best plan
    /// found within --seconds in the solution format.
    Plan(plan::PlanArgs),
    /// Bring the database schema up to date.
    Migrate,
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage organisations.
    Organisation {
        #[command(subcommand)]
        command: OrganisationCommand,
    },
    /// Programme definitions.
    Programmes {
        #[command(subcommand)]
        command: ProgrammeCommand,
    },
    /// Print the OpenAPI document of the JSON API.
    Openapi,
    /// Make a consistent copy of the (SQLite) database while it is in use.
    Backup {
        /// The file to write (must not exist yet).
        file: PathBuf,
    },
    /// Put a backup back in place of the (SQLite) database. Stop the server first.
    Restore {
        /// The backup file.
        file: PathBuf,
    },
    /// Anonymise closed cases past the retention period (also runs daily inside `serve`).
    Retention {
        /// Years a closed case is kept (Jeugdwet: 20).
        #[arg(long, env = "OMGANG_RETENTION_YEARS", default_value_t = omgang_app::privacy::DEFAULT_RETENTION_YEARS)]
        years: u32,
        /// Only say what would be anonymised.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export everything held about one person (inzageverzoek), as JSON.
    Export {
        /// The person's e-mail address.
        #[arg(long)]
        email: String,
    },
    /// The audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
}

#[derive(Subcommand, Debug)]
enum AuditCommand {
    /// Recompute the audit log's hash chain; report the first broken link (exit code 1).
    Verify,
}

#[derive(clap::Args, Debug, Clone)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "OMGANG_LISTEN", default_value = "127.0.0.1:8080")]
    listen: String,
    /// Mark cookies Secure (set this when served over HTTPS).
    #[arg(long, env = "OMGANG_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Let staff sign in without a second factor (TOTP). Only for trying things out: the
    /// demo does this; a real installation requires it for every staff role.
    #[arg(long, env = "OMGANG_TWO_FACTOR_OPTIONAL")]
    two_factor_optional: bool,
    /// The SMTP server mail goes out through, `smtp://host:port` (no mail is sent without it;
    /// it waits in the outbox).
    #[arg(long, env = "OMGANG_SMTP_URL")]
    smtp_url: Option<String>,
    /// Where links in e-mail point, e.g. https://omgang.example (default: the listen address).
    #[arg(long, env = "OMGANG_PUBLIC_URL")]
    public_url: Option<String>,
    /// The sender address of mail.
    #[arg(long, env = "OMGANG_MAIL_FROM", default_value = "omgang@localhost")]
    mail_from: String,
    /// Years a closed case is kept before the daily job anonymises it.
    #[arg(long, env = "OMGANG_RETENTION_YEARS", default_value_t = omgang_app::privacy::DEFAULT_RETENTION_YEARS)]
    retention_years: u32,
    /// Hours before a session that parents get a reminder by e-mail.
    #[arg(long, env = "OMGANG_REMINDER_HOURS", default_value_t = omgang_app::portal::DEFAULT_REMINDER_HOURS)]
    reminder_hours: i64,
    /// Submissions of the public registration form per address per hour.
    #[arg(long, env = "OMGANG_PUBLIC_LIMIT_PER_HOUR", default_value_t = omgang_app::public::PUBLIC_LIMIT)]
    public_limit_per_hour: i64,
    /// Reverse proxies (addresses or CIDR networks, comma-separated) whose X-Forwarded-For or
    /// Forwarded header names the client; without it the socket address is the client.
    #[arg(long, env = "OMGANG_TRUSTED_PROXIES", default_value = "", value_parser = omgang_app::client_address::TrustedProxies::parse)]
    trusted_proxies: omgang_app::client_address::TrustedProxies,
}

#[derive(Subcommand, Debug)]
enum UserCommand {
    /// Add a user.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// coordinator, supervisor, volunteer, case_director, referrer, partner_staff, parent, funder, administrator
        #[arg(long)]
        role: String,
        /// Organisation id or exact name.
        #[arg(long)]
        organisation: String,
        /// The password (at least 12 characters); read from OMGANG_PASSWORD when absent.
        #[arg(long, env = "OMGANG_PASSWORD", hide_env_values = true)]
        password: String,
        /// Volunteers: date of issue of the VOG (YYYY-MM-DD).
        #[arg(long)]
        vog: Option<String>,
        /// Volunteers: date the training was completed (YYYY-MM-DD).
        #[arg(long)]
        training: Option<String>,
    },
    /// List users.
    List,
}

#[derive(Subcommand, Debug)]
enum OrganisationCommand {
    /// Add an organisation.
    Add {
        #[arg(long)]
        name: String,
        /// provider, partner, municipality, referrer, funder
        #[arg(long)]
        kind: String,
    },
    /// List organisations.
    List,
}

#[derive(Subcommand, Debug)]
enum ProgrammeCommand {
    /// Check definition files; prints file, field and reason for each problem.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List the programmes in the database.
    List,
}

fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    // The planner needs no database: files in, files out.
    if let Command::Plan(args) = &cli.command {
        return plan::run(args);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(cli))
}

/// The data keys: from the setting, else from the key file (made with a new key if missing).
fn data_keys(cli: &Cli) -> Result<Keyring> {
    let file = match &cli.data_key_file {
        Some(file) => file.clone(),
        None => match sqlite_path(&cli.database_url) {
            Ok(db) => PathBuf::from(format!("{}.keys", db.display())),
            Err(_) => PathBuf::from("omgang-data.keys"),
        },
    };
    let spec = match &cli.data_keys {
        Some(spec) => spec.clone(),
        None if file.exists() => {
            std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?
        }
        None => {
            let spec = Keyring::generate_spec("k1");
            write_private(&file, &spec)?;
            tracing::warn!(file = %file.display(), "made a new data key; keep this file safe and with the database");
            spec
        }
    };
    Keyring::parse(spec.trim()).map_err(explain)
}

fn write_private(path: &std::path::Path, contents: &str) -> Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(contents.as_bytes())?;
    Ok(())
}

async fn open_app(url: &str, settings: Settings) -> Result<Arc<App>> {
    let store = Store::open(url)
        .await
        .with_context(|| format!("opening database {url}"))?;
    App::new(store, settings)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
}

fn settings(args: &ServeArgs, keys: &Keyring) -> Settings {
    Settings {
        data_keys: Some(keys.clone()),
        secure_cookies: args.secure_cookies,
        two_factor_required: !args.two_factor_optional,
        public_limit_per_hour: args.public_limit_per_hour,
        trusted_proxies: args.trusted_proxies.clone(),
        public_url: args
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", args.listen)),
        ..Settings::default()
    }
}

async fn run(cli: Cli) -> Result<()> {
    let keys = if needs_keys(&cli.command) {
        data_keys(&cli)?
    } else {
        Keyring::ephemeral()
    };
    let plain = Settings {
        data_keys: Some(keys.clone()),
        ..Settings::default()
    };
    let url = cli.database_url.as_str();
    match cli.command {
        Command::Serve(args) => {
            let app = open_app(url, settings(&args, &keys)).await?;
            serve::serve(app, &args, None).await
        }
        Command::Demo {
            serve: args,
            no_serve,
        } => commands::demo(url, &args, no_serve, &keys).await,
        Command::Migrate => commands::migrate(url).await,
        Command::User { command } => commands::user(url, plain, command).await,
        Command::Organisation { command } => commands::organisation(url, plain, command).await,
        Command::Programmes {
            command: ProgrammeCommand::Check { files },
        } => commands::check_programmes(&files),
        Command::Programmes {
            command: ProgrammeCommand::List,
        } => commands::list_programmes(url, plain).await,
        Command::Retention { years, dry_run } => {
            commands::retention(url, plain, years, dry_run).await
        }
        Command::Export { email } => commands::export(url, plain, &email).await,
        Command::Generate { scale, cases } => commands::generate(url, plain, &scale, cases).await,
        Command::Bench(args) => commands::bench(url, plain, &args).await,
        Command::Backup { file } => commands::backup(url, &file).await,
        Command::Restore { file } => commands::restore(url, &file).await,
        Command::Audit {
            command: AuditCommand::Verify,
        } => commands::verify_audit(url).await,
        Command::Openapi => {
            println!("{}", omgang_web::openapi_json());
            Ok(())
        }
        Command::Plan(args) => plan::run(&args),
    }
}

/// Whether the command reads or writes secret values (and so needs the data keys).
fn needs_keys(command: &Command) -> bool {
    !matches!(
        command,
        Command::Openapi
            | Command::Migrate
            | Command::Programmes {
                command: ProgrammeCommand::Check { .. }
            }
            | Command::Audit { .. }
            | Command::Backup { .. }
            | Command::Retention { .. }
            | Command::Restore { .. }
    )
}

/// The file of an SQLite database URL.
fn sqlite_path(url: &str) -> Result<PathBuf> {
    let url = omgang_store::normalise_url(url);
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .context("restore works on an SQLite database; for PostgreSQL use pg_restore")?;
    let path = rest.split('?').next().unwrap_or(rest);
    if path.is_empty() || path.starts_with(":memory:") {
        bail!("no database file in {url}");
    }
    Ok(PathBuf::from(path))
}

fn explain(e: omgang_app::AppError) -> anyhow::Error {
    match e {
        omgang_app::AppError::Invalid(fields) => anyhow::anyhow!(
            "{}",
            fields
                .iter()
                .map(|f| format!("{}: {}", f.field, f.message_en))
                .collect::<Vec<_>>()
                .join("\n")
        ),
        other => anyhow::anyhow!("{other}"),
    }
}
