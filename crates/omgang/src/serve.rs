//! `serve`: the web server with its background work (the hourly and daily jobs, the mail
//! worker).

use std::sync::Arc;

use anyhow::{Context, Result};
use omgang_app::{App, system_actor};

use crate::{ServeArgs, demo};

/// Scheduled work: once a day, over all instances on one database (the first to claim the
/// day runs it).
async fn daily_jobs(app: Arc<App>, retention_years: u32, reminder_hours: i64) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        // Every hour on every instance (at start first): the signals projection where it is
        // missing. Nothing to do after the first time, unless a programme's rules changed.
        match app.fill_signal_watch().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(cases = n, "signals projection worked out"),
            Err(e) => tracing::error!(error = %e, "signals projection failed"),
        }
        let day = app.today().to_string();
        let now = app.now().as_millisecond();
        // Every hour, once over all instances: reminders before sessions (each queued once).
        let hour = omgang_domain::case::amsterdam()
            .to_datetime(app.now())
            .strftime("%Y-%m-%dT%H")
            .to_string();
        match app.store.claim_job("reminders", &hour, now).await {
            Ok(true) => match app.send_reminders_within(reminder_hours).await {
                Ok(n) => tracing::info!(reminders = n, "reminders queued"),
                Err(e) => tracing::error!(error = %e, "reminders failed"),
            },
            Ok(false) => {}
            Err(e) => tracing::error!(error = %e, "could not claim the reminders"),
        }
        // Once a day: the coordinators' signals digest.
        match app.store.claim_job("signals_digest", &day, now).await {
            Ok(true) => match app.send_signals_digest().await {
                Ok(n) => tracing::info!(digests = n, "signals digest queued"),
                Err(e) => tracing::error!(error = %e, "signals digest failed"),
            },
            Ok(false) => {}
            Err(e) => tracing::error!(error = %e, "could not claim the signals digest"),
        }
        match app
            .store
            .claim_job("retention", &day, app.now().as_millisecond())
            .await
        {
            Ok(true) => match app.retention(&system_actor(), retention_years, false).await {
                Ok(r) => tracing::info!(
                    anonymised = r.anonymised.len(),
                    cutoff = r.cutoff,
                    "retention ran"
                ),
                Err(e) => tracing::error!(error = %e, "retention failed"),
            },
            Ok(false) => {}
            Err(e) => tracing::error!(error = %e, "could not claim the daily job"),
        }
    }
}

/// Delivers queued mail every few seconds. Several instances may run it at once.
async fn mail_worker(app: Arc<App>, smtp: omgang_app::mail::SmtpSettings) {
    let worker = omgang_app::new_id();
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
    loop {
        tick.tick().await;
        match app.deliver_mail(&worker, &smtp).await {
            Ok(d) if d.sent + d.retried + d.failed > 0 => {
                tracing::info!(
                    sent = d.sent,
                    retried = d.retried,
                    failed = d.failed,
                    "mail delivered"
                )
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "mail delivery failed"),
        }
    }
}

pub async fn serve(
    app: Arc<App>,
    args: &ServeArgs,
    logins: Option<Vec<demo::Login>>,
) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .with_context(|| format!("listening on {}", args.listen))?;
    let addr = listener.local_addr()?;
    let url = format!("http://{addr}");
    if let Some(logins) = &logins {
        demo::print_logins(logins, Some(&url));
    }
    println!("omgang serves on {url} (API: {url}/api/v1, OpenAPI: {url}/api/v1/openapi.json)");
    tokio::spawn(daily_jobs(
        app.clone(),
        args.retention_years,
        args.reminder_hours,
    ));
    match &args.smtp_url {
        Some(url) => {
            let smtp = omgang_app::mail::SmtpSettings::parse(url, &args.mail_from)
                .map_err(|e| anyhow::anyhow!(e))?;
            tokio::spawn(mail_worker(app.clone(), smtp));
        }
        None => tracing::warn!("no --smtp-url: mail waits in the outbox"),
    }
    omgang_web::serve(app, listener).await?;
    Ok(())
}
