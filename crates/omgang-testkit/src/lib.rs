//! Shared support for the integration tests of the omgang crates (a dev-dependency only).
//!
//! - [`db`]: a fresh store or application on SQLite or PostgreSQL ([`Engine`]), and the
//!   [`both_engines!`] macro that runs one scenario on each;
//! - [`page`]: a client for the server-rendered pages over an `axum::Router` (forms with
//!   CSRF tokens, cookies, signing in, field messages);
//! - [`api`]: the JSON API over a router (sign-in, JSON bodies, the session cookie);
//! - [`people`]: organisations and users added as the system actor;
//! - [`server`]: a free port and waiting until a real server is ready.
//!
//! The crate knows no router of its own: the tests pass `omgang_ui::router(..)` or
//! `omgang_web::router(..)`, so it depends only on the store and the application layer.
// Test support may stop at the first surprise: a failed set-up is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod api;
pub mod db;
pub mod page;
pub mod people;
pub mod server;

pub use db::{Engine, TestDb, fresh_app, fresh_store, postgres_base_url, unique, with_database};

/// Generates, for each named scenario `async fn name(engine: Engine)`, the two tests
/// `sqlite::name` and `postgres::name`. Attributes before a name (e.g. `#[ignore = "..."]`)
/// go on both tests. The tests run on tokio's current-thread runtime; write
/// `both_engines!(multi_thread: a, b)` for a runtime with two worker threads. The test crate
/// needs `tokio` as a dev-dependency.
#[macro_export]
macro_rules! both_engines {
    (multi_thread: $($(#[$attr:meta])* $name:ident),* $(,)?) => {
        $crate::both_engines!(
            @engines tokio::test(flavor = "multi_thread", worker_threads = 2);
            $($(#[$attr])* $name),*
        );
    };
    (@engines $test:meta; $($(#[$attr:meta])* $name:ident),*) => {
        mod sqlite {
            $(
                #[$test]
                $(#[$attr])*
                async fn $name() {
                    super::$name($crate::Engine::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[$test]
                $(#[$attr])*
                async fn $name() {
                    super::$name($crate::Engine::Postgres).await
                }
            )*
        }
    };
    ($($(#[$attr:meta])* $name:ident),* $(,)?) => {
        $crate::both_engines!(@engines tokio::test; $($(#[$attr])* $name),*);
    };
}
