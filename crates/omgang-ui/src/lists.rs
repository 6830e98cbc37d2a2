//! The page kit of the lists held in memory (waiting list, signals, reports): a pager, the
//! sortable column headers and the links that keep filters, sort and page in the URL.

use serde_json::{Value as Json, json};

use crate::Ui;
use crate::web::Form;
use omgang_domain::text::Lang;

/// Cases per page of a list.
pub(crate) const PER_PAGE: u32 = 50;

/// The link of a list page with these parameters (empty ones left out).
pub(crate) fn list_href(path: &str, params: &[(&str, Option<String>)]) -> String {
    let query: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params.iter().filter_map(|(k, v)| {
            v.as_ref()
                .filter(|v| !v.is_empty())
                .map(|v| (*k, v.as_str()))
        }))
        .finish();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

/// A page of a list held in memory: which rows, and the links to the pages around it with the
/// filters kept in the URL.
pub(crate) struct Pager {
    pub page: usize,
    pub pages: usize,
    pub per: usize,
}

impl Pager {
    pub(crate) fn new(total: usize, asked: &str) -> Pager {
        Pager::with(total, asked, PER_PAGE as usize)
    }

    pub(crate) fn with(total: usize, asked: &str, per: usize) -> Pager {
        let per = per.max(1);
        let pages = total.div_ceil(per).max(1);
        let page = asked.trim().parse::<usize>().unwrap_or(1).clamp(1, pages);
        Pager { page, pages, per }
    }

    pub(crate) fn skip(&self) -> usize {
        (self.page - 1) * self.per
    }

    pub(crate) fn links(&self, path: &str, filters: &[(&str, Option<String>)]) -> Json {
        let to = |p: usize| {
            let mut all: Vec<(&str, Option<String>)> = filters.to_vec();
            all.push(("pagina", Some(p.to_string())));
            list_href(path, &all)
        };
        json!({
            "page": self.page,
            "pages": self.pages,
            "prev": (self.page > 1).then(|| to(self.page - 1)),
            "next": (self.page < self.pages).then(|| to(self.page + 1)),
        })
    }
}

/// One page of a sorted list held in memory, with its sortable headers and its pager; the
/// filters and the sort stay in every link.
pub(crate) struct ListPage<T> {
    pub rows: Vec<T>,
    pub total: usize,
    pub headers: Vec<Json>,
    pub pager: Json,
}

impl<T> ListPage<T> {
    pub(crate) fn of(
        at: (&Ui, Lang, &str),
        filters: &[(&str, Option<String>)],
        sorting: (&[(&str, &str, bool)], &str, bool),
        sorted: Vec<T>,
        asked_page: &str,
    ) -> ListPage<T> {
        let total = sorted.len();
        let pager = Pager::new(total, asked_page);
        let rows = sorted
            .into_iter()
            .skip(pager.skip())
            .take(pager.per)
            .collect();
        ListPage::around(at, filters, sorting, rows, total, &pager)
    }

    /// A page the application layer cut already (it audits only what is shown): its rows,
    /// how many match in all, and which page of how many it is.
    pub(crate) fn cut(
        at: (&Ui, Lang, &str),
        filters: &[(&str, Option<String>)],
        sorting: (&[(&str, &str, bool)], &str, bool),
        rows: Vec<T>,
        (total, page, pages): (usize, usize, usize),
    ) -> ListPage<T> {
        let pager = Pager {
            page,
            pages,
            per: PER_PAGE as usize,
        };
        ListPage::around(at, filters, sorting, rows, total, &pager)
    }

    /// The headers and pager links around a page's rows; filters and sort stay in each link.
    fn around(
        (ui, lang, path): (&Ui, Lang, &str),
        filters: &[(&str, Option<String>)],
        (columns, sort, desc): (&[(&str, &str, bool)], &str, bool),
        rows: Vec<T>,
        total: usize,
        pager: &Pager,
    ) -> ListPage<T> {
        let headers = sort_headers(ui, lang, path, filters, columns, (sort, desc));
        let mut keep: Vec<(&str, Option<String>)> = filters.to_vec();
        keep.push(("sorteer", Some(sort.to_owned())));
        keep.push((
            "volgorde",
            Some(if desc { "desc" } else { "asc" }.to_owned()),
        ));
        ListPage {
            rows,
            total,
            headers,
            pager: pager.links(path, &keep),
        }
    }
}

/// Sortable column headers of a list (links that keep the filters, `aria-sort` on the one in
/// use): `(key, label message, descending first)` per column.
pub(crate) fn sort_headers(
    ui: &Ui,
    lang: Lang,
    path: &str,
    filters: &[(&str, Option<String>)],
    columns: &[(&str, &str, bool)],
    (sort, desc): (&str, bool),
) -> Vec<Json> {
    columns
        .iter()
        .map(|(key, label, desc_first)| {
            let current = sort == *key;
            let next_desc = if current { !desc } else { *desc_first };
            let mut all: Vec<(&str, Option<String>)> = filters.to_vec();
            all.push(("sorteer", Some((*key).to_owned())));
            all.push(("volgorde", Some(if next_desc { "desc" } else { "asc" }.to_owned())));
            json!({
                "key": key,
                "label": ui.i18n.t(lang, label),
                "href": list_href(path, &all),
                "aria_sort": if current { if desc { "descending" } else { "ascending" } } else { "none" },
            })
        })
        .collect()
}

/// The sort a list page was asked for: a known column (else `default`) and its direction
/// (else that column's own first direction).
pub(crate) fn asked_sort<'a>(
    q: &Form,
    columns: &[(&'a str, &str, bool)],
    default: &'a str,
) -> (&'a str, bool) {
    let asked = q.get("sorteer");
    let (key, desc_first) = columns
        .iter()
        .find(|(k, _, _)| *k == asked)
        .or_else(|| columns.iter().find(|(k, _, _)| *k == default))
        .map_or((default, false), |(k, _, d)| (*k, *d));
    let desc = match q.get("volgorde") {
        "desc" => true,
        "asc" => false,
        _ => desc_first,
    };
    (key, desc)
}

#[cfg(test)]
mod tests {
    use super::Pager;

    #[test]
    fn a_pager_keeps_the_page_within_the_list() {
        let p = Pager::with(120, "2", 50);
        assert_eq!((p.page, p.pages, p.skip()), (2, 3, 50));
        // Past the end, nonsense or zero: the nearest page that exists.
        assert_eq!(Pager::with(120, "9", 50).page, 3);
        assert_eq!(Pager::with(120, "x", 50).page, 1);
        assert_eq!(Pager::with(120, "0", 50).page, 1);
        // An empty list still has one (empty) page.
        let empty = Pager::with(0, "3", 50);
        assert_eq!((empty.page, empty.pages, empty.skip()), (1, 1, 0));
    }
}
