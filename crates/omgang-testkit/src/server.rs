//! Real servers in tests: a free port to listen on, a fresh directory, and waiting until a
//! server answers `/ready`.

use std::path::PathBuf;
use std::time::Duration;

/// A TCP port on 127.0.0.1 that was free a moment ago (the listener is closed again, so the
/// server under test can bind it).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A new, empty directory in the temp directory, named `{prefix}-{unique}`.
pub fn fresh_dir(prefix: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{prefix}-{}", crate::unique()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Waits (up to a minute) until `{base}/ready` answers with success; panics otherwise.
pub async fn wait_ready(base: &str) {
    for _ in 0..600 {
        if reqwest::get(format!("{base}/ready"))
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server {base} did not start");
}
