//! Parsed case snapshots kept between reads, each with the version it was read at.
//!
//! An organisation's signals, the reports list or a calendar read hundreds of cases; parsing
//! their snapshots (about 4 KB of JSON each) was most of such a read's time and memory. A read
//! still asks the database which cases match and at which version (a cheap query that never
//! touches the snapshots), and parses only the ones this process has not seen at that version.
//!
//! Correct with several instances on one database: a version is bumped by every change of a
//! case (`Store::append`), so an entry is used only if the database still holds that version.
//! Bounded by the snapshots' size, least recently used going first.

use std::sync::Arc;

use omgang_domain::case::Case;
use quick_cache::Weighter;
use quick_cache::sync::Cache;

/// The snapshot text kept at most, summed (parsed, a case takes about twice its text).
const CAPACITY_BYTES: u64 = 8 * 1024 * 1024;
/// About how many cases that is, for the cache's own tables.
const ESTIMATED_CASES: usize = 2_000;

#[derive(Clone)]
pub(crate) struct Cached {
    pub version: i64,
    pub case: Arc<Case>,
    /// The snapshot's length: what the entry weighs.
    bytes: u32,
}

#[derive(Clone)]
struct BySnapshotSize;

impl Weighter<String, Cached> for BySnapshotSize {
    fn weight(&self, _id: &String, cached: &Cached) -> u64 {
        u64::from(cached.bytes).max(1)
    }
}

pub(crate) struct CaseCache {
    cases: Cache<String, Cached, BySnapshotSize>,
}

impl std::fmt::Debug for CaseCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaseCache")
            .field("cases", &self.cases.len())
            .field("bytes", &self.cases.weight())
            .finish()
    }
}

impl CaseCache {
    pub fn new() -> CaseCache {
        CaseCache {
            cases: Cache::with_weighter(ESTIMATED_CASES, CAPACITY_BYTES, BySnapshotSize),
        }
    }

    /// The case as read at `version`, if this process has it.
    pub fn get(&self, id: &str, version: i64) -> Option<Arc<Case>> {
        self.cases
            .get(id)
            .filter(|c| c.version == version)
            .map(|c| c.case)
    }

    pub fn put(&self, case: Arc<Case>, version: i64, snapshot_bytes: usize) {
        let bytes = u32::try_from(snapshot_bytes).unwrap_or(u32::MAX);
        self.cases.insert(
            case.id.0.clone(),
            Cached {
                version,
                case,
                bytes,
            },
        );
    }

    /// A case that is gone (anonymised) leaves memory too.
    pub fn forget(&self, id: &str) {
        self.cases.remove(id);
    }
}
