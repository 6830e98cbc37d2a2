//! An organisation's directory — its staff, locations with rooms, and entrances — kept in
//! memory by version.
//!
//! Every change to `users`, `locations` or `rooms` bumps `organisations.directory_version` in
//! the same transaction (triggers, migration 39), whoever makes it: this process, another
//! instance on the same PostgreSQL database, a bulk load. A request reads the version with its
//! sign-in (one join, no extra round trip) and asks for the directory *at that version*: the
//! copy in memory serves only when it was read at that version, else it is read again. So a
//! page never shows staff or rooms older than its own sign-in lookup, on any instance.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::{LocationRow, Result, Store, UserRow};

/// The staff and places of one organisation, as they were at `version`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directory {
    pub version: i64,
    /// Everyone with an account in the organisation, by name (as `Store::users_of`).
    pub users: Vec<UserRow>,
    /// Its locations with their rooms (as `Store::locations_of`).
    pub locations: Vec<LocationRow>,
    /// Each location's entrances, as stored (as `Store::location_entrances`).
    pub entrances: Vec<(String, String)>,
}

/// The directories this process holds, at most one version per organisation.
#[derive(Debug, Default)]
pub(crate) struct DirectoryCache {
    held: Mutex<HashMap<String, Arc<Directory>>>,
}

/// More organisations than this are not kept (the national data has 441); a full cache is
/// emptied rather than grown.
const MAX_HELD: usize = 2_000;

impl DirectoryCache {
    fn get(&self, org_id: &str, version: i64) -> Option<Arc<Directory>> {
        let held = self.held.lock().ok()?;
        held.get(org_id).filter(|d| d.version == version).cloned()
    }

    fn put(&self, org_id: &str, directory: Arc<Directory>) {
        if let Ok(mut held) = self.held.lock() {
            if held.len() >= MAX_HELD {
                held.clear();
            }
            // A slower request that read an older version does not replace a newer one.
            let newer_held = held
                .get(org_id)
                .is_some_and(|d| d.version > directory.version);
            if !newer_held {
                held.insert(org_id.to_owned(), directory);
            }
        }
    }
}

impl Store {
    /// The organisation's directory at `version` (the one read with the request's sign-in):
    /// from memory when this process holds that version, else read now. What is read now is
    /// at least as new as `version`, so it is kept under it.
    pub async fn directory(&self, org_id: &str, version: i64) -> Result<Arc<Directory>> {
        if let Some(held) = self.directory_cache.get(org_id, version) {
            return Ok(held);
        }
        let directory = Arc::new(Directory {
            version,
            users: self.users_of(org_id).await?,
            locations: self.locations_of(org_id).await?,
            entrances: self.location_entrances(org_id).await?,
        });
        self.directory_cache.put(org_id, Arc::clone(&directory));
        Ok(directory)
    }

    /// The organisation's directory version now (tests and tools; a request takes it from its
    /// sign-in).
    pub async fn directory_version(&self, org_id: &str) -> Result<i64> {
        use sqlx::Row;
        let row = sqlx::query("SELECT directory_version FROM organisations WHERE id = $1")
            .bind(org_id)
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(r) => Ok(r.try_get("directory_version")?),
            None => Err(crate::StoreError::NotFound),
        }
    }
}
