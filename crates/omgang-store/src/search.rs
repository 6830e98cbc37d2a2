//! The search projection: per case one folded text (its reference, the children's and the
//! people's names, the organisations of professionals), written with the case, and the query
//! that finds cases by any parts of it. Which cases an actor may find is the policy's
//! `CaseScope`, applied in the same statement.

use omgang_domain::case::Case;
use sqlx::{Any, AssertSqlSafe, Row, Transaction};
use unicode_normalization::UnicodeNormalization;

use crate::{Backend, CaseFilter, Result, Store, case_conditions, corrupt};

/// Lower case, without accents ("Müller" → "muller", "Çelik" → "celik"), letters and digits
/// only, single spaces: how names are stored for search and how a query is read.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'ß' => Some("ss"),
            'æ' | 'Æ' => Some("ae"),
            'œ' | 'Œ' => Some("oe"),
            'ø' | 'Ø' => Some("o"),
            'ł' | 'Ł' => Some("l"),
            'đ' | 'Đ' => Some("d"),
            'ı' => Some("i"),
            _ => None,
        }
        .map(str::to_owned)
        .unwrap_or_else(|| c.to_lowercase().collect());
        for c in c.chars() {
            if c.is_alphanumeric() {
                out.push(c);
                space = false;
            } else if !space {
                out.push(' ');
                space = true;
            }
        }
    }
    out.trim_end().to_owned()
}

/// The words of a query, folded; at most eight.
pub fn terms(query: &str) -> Vec<String> {
    fold(query)
        .split(' ')
        .filter(|t| !t.is_empty())
        .take(8)
        .map(str::to_owned)
        .collect()
}

/// What a case is found by.
pub fn search_text(case: &Case) -> String {
    let mut parts: Vec<&str> = vec![case.reference.as_str()];
    parts.extend(case.children.iter().map(|c| c.name.as_str()));
    for p in &case.people {
        parts.push(p.name.as_str());
        if let Some(o) = &p.organisation {
            parts.push(o.as_str());
        }
    }
    fold(&parts.join(" "))
}

/// Writes the case's search text (in the case's own transaction).
pub(crate) async fn write_search(tx: &mut Transaction<'_, Any>, case: &Case) -> Result<()> {
    let text = search_text(case);
    let changed = sqlx::query("UPDATE case_search SET text = $2 WHERE case_id = $1 AND text <> $2")
        .bind(case.id.as_str())
        .bind(&text)
        .execute(&mut **tx)
        .await?;
    if changed.rows_affected() == 0 {
        let exists = sqlx::query("SELECT 1 AS one FROM case_search WHERE case_id = $1")
            .bind(case.id.as_str())
            .fetch_optional(&mut **tx)
            .await?;
        if exists.is_none() {
            sqlx::query("INSERT INTO case_search (case_id, text) VALUES ($1, $2)")
                .bind(case.id.as_str())
                .bind(&text)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

impl Store {
    /// Cases of `filter` (the actor's scope) whose search text holds every term, newest
    /// registration first, at most `limit`.
    pub async fn search_cases(
        &self,
        filter: &CaseFilter,
        terms: &[String],
        limit: u32,
    ) -> Result<Vec<Case>> {
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let (conditions, mut binds) = case_conditions(filter);
        let mut likes = Vec::new();
        for t in terms {
            binds.push(format!("%{t}%"));
            likes.push(format!("s.text LIKE ${}", binds.len()));
        }
        let likes = likes.join(" AND ");
        // The scope selects few cases (an organisation's, a supervisor's) through its index;
        // each is then checked against its one search row. A name is common across a
        // hundred thousand cases, so starting from the name (the trigram index) would touch
        // thousands of other organisations' cases first. SQLite is kept from sorting by an
        // index (`+`), which would walk every case in registration order.
        let order = match self.backend {
            Backend::Sqlite => "+registered_on DESC, +reference DESC",
            Backend::Postgres => "registered_on DESC, reference DESC",
        };
        // A scalar subquery, not EXISTS: PostgreSQL turns EXISTS into a join that scans every
        // search row (its estimate of a LIKE is far too low); a subquery runs per case of the
        // scope, through the search table's key.
        let sql = format!(
            "SELECT snapshot FROM cases WHERE {conditions} AND \
             (SELECT count(*) FROM case_search s WHERE s.case_id = cases.id AND {likes}) > 0 \
             ORDER BY {order} LIMIT {limit}"
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for b in &binds {
            query = query.bind(b.clone());
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                let snapshot: String = r.try_get("snapshot")?;
                serde_json::from_str(&snapshot).map_err(corrupt)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_folded_to_plain_lower_case() {
        assert_eq!(fold("Müller"), "muller");
        assert_eq!(fold("  El Amrani-Çelik "), "el amrani celik");
        assert_eq!(fold("Zoë Ødegård"), "zoe odegard");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("2026-00032"), "2026 00032");
        assert_eq!(fold("%_'\";--"), "");
        assert_eq!(terms("Sanne  JANSEN"), vec!["sanne", "jansen"]);
    }
}
