//! The documents that leave the house, as PDF: the plan of approach (each version, with its
//! signatures and content hash), a released visit report with its amendments, and the end
//! report. Typeset by Typst, used as a library: the templates (`templates/*.typ`) and the
//! fonts (`fonts/`, Open Sans) are embedded in the binary, the data is handed to the template
//! as a JSON file, and nothing is looked up on disk or on the network.
//!
//! Every PDF is tagged and conforms to PDF/A-2a (archivable, accessible) and PDF/UA-1
//! (accessible: a title, a language, tags for headings, lists and tables; headers and footers
//! marked as artifacts). Each page carries the organisation's name (and logo) at the top and
//! the case number, the date made and "page n of m" at the bottom.
//!
//! This crate knows nothing of cases or of who may read what: the application layer decides
//! that (the one policy) and fills a [`Document`] from the view the reader may see.

pub mod model;
pub mod sample;

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

pub use model::*;

/// Why a document could not be made. Not the reader's fault: the caller answers 500 and
/// logs it (a template that does not compile is a bug, caught by the tests).
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    #[error("the document template failed: {0}")]
    Template(String),
    #[error("the PDF export failed: {0}")]
    Pdf(String),
    #[error("the document data could not be serialised: {0}")]
    Data(#[from] serde_json::Error),
}

const COMMON: &str = include_str!("../templates/common.typ");
const PLAN: &str = include_str!("../templates/plan.typ");
const REPORT: &str = include_str!("../templates/report.typ");
const END_REPORT: &str = include_str!("../templates/end_report.typ");
const PARENTING_PLAN: &str = include_str!("../templates/parenting_plan.typ");

/// The fonts, embedded (see `fonts/README.md` for their licence).
static FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../fonts/OpenSans-Regular.ttf"),
    include_bytes!("../fonts/OpenSans-Bold.ttf"),
    include_bytes!("../fonts/OpenSans-Italic.ttf"),
    include_bytes!("../fonts/OpenSans-BoldItalic.ttf"),
];

struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    Shared {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

fn file_id(path: &str) -> FileId {
    // The paths are constants of this crate: always valid.
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| unreachable_path());
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

#[allow(clippy::panic)]
fn unreachable_path() -> VirtualPath {
    panic!("a constant template path is invalid")
}

/// One compilation: the template of the document, the shared template, the data and the
/// logo; nothing else can be read.
struct DocWorld {
    main: FileId,
    main_source: Source,
    common: Source,
    data: Bytes,
    logo: Option<Bytes>,
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main {
            Ok(self.main_source.clone())
        } else if id == self.common.id() {
            Ok(self.common.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == file_id("/data.json") {
            Ok(self.data.clone())
        } else if id == file_id("/logo") {
            self.logo.clone().ok_or(FileError::AccessDenied)
        } else if id == self.main {
            Ok(Bytes::from_string(self.main_source.clone()))
        } else if id == self.common.id() {
            Ok(Bytes::from_string(self.common.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // The date a document was made comes from its data, never from the clock here.
        None
    }
}

/// The standards every document is checked against while it is written.
fn standards() -> PdfStandards {
    PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1])
        .unwrap_or_else(|_| PdfStandards::default())
}

/// Renders a document to PDF bytes. A logo that cannot be read as an image is left out
/// rather than failing the document.
pub fn render(doc: &Document, logo: Option<&Logo>) -> Result<Vec<u8>, DocError> {
    match render_with(doc, logo) {
        Err(DocError::Template(_)) if logo.is_some() => render_with(doc, None),
        other => other,
    }
}

/// An archivable PDF embeds every glyph it shows, so text the embedded fonts cannot draw
/// (control characters, scripts outside Latin, Greek and Cyrillic) would make the export fail:
/// such characters become "?" (control characters a space), in every string of the data.
fn printable(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(text) if text.chars().any(|c| !drawable(c)) => {
            *text = text
                .chars()
                .map(|c| match c {
                    '\n' | '\t' => c,
                    c if c.is_control() => ' ',
                    c if drawable(c) => c,
                    _ => '?',
                })
                .collect();
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(printable),
        serde_json::Value::Object(map) => map.values_mut().for_each(printable),
        _ => {}
    }
}

/// Whether the embedded fonts have a glyph for `c`.
fn drawable(c: char) -> bool {
    if c == '\n' || c == '\t' {
        return true;
    }
    !c.is_control()
        && SHARED
            .fonts
            .iter()
            .any(|f| f.info().coverage.contains(u32::from(c)))
}

fn render_with(doc: &Document, logo: Option<&Logo>) -> Result<Vec<u8>, DocError> {
    let (name, template, mut data) = match doc {
        Document::Plan(d) => ("/plan.typ", PLAN, serde_json::to_value(d)?),
        Document::Report(d) => ("/report.typ", REPORT, serde_json::to_value(d)?),
        Document::EndReport(d) => ("/end_report.typ", END_REPORT, serde_json::to_value(d)?),
        Document::ParentingPlan(d) => (
            "/parenting_plan.typ",
            PARENTING_PLAN,
            serde_json::to_value(d)?,
        ),
    };
    printable(&mut data);
    if let Some(obj) = data.as_object_mut() {
        obj.insert("has_logo".into(), logo.is_some().into());
    }
    let main = file_id(name);
    let world = DocWorld {
        main,
        main_source: Source::new(main, template.to_owned()),
        common: Source::new(file_id("/common.typ"), COMMON.to_owned()),
        data: Bytes::new(serde_json::to_vec(&data)?),
        logo: logo.map(|l| Bytes::new(l.bytes.clone())),
    };
    let compiled = typst::compile::<PagedDocument>(&world);
    // Keep the compiler's memo cache small: documents differ every time.
    typst::comemo::evict(10);
    let document = compiled.output.map_err(|errors| {
        DocError::Template(
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    let header = doc.header();
    let timestamp = made_on(&header.made_on_iso).map(Timestamp::new_utc);
    let options = PdfOptions {
        ident: typst::foundations::Smart::Custom(format!(
            "omgang:{}:{}",
            header.case_reference,
            doc.file_name()
        )),
        creator: typst::foundations::Smart::Custom(Some("omgang".into())),
        timestamp,
        standards: standards(),
        tagged: true,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| {
        DocError::Pdf(
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}

fn made_on(iso: &str) -> Option<Datetime> {
    let mut parts = iso.splitn(3, '-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    Datetime::from_ymd_hms(y, m, d, 12, 0, 0)
}

#[cfg(test)]
mod printable_tests {
    use super::*;

    #[test]
    fn text_the_fonts_cannot_draw_becomes_printable() {
        let mut data = serde_json::json!({
            "name": "Zoë\u{16}Ødegård 𦎣",
            "lines": ["a\tb\nc", "\u{80f68}"],
        });
        printable(&mut data);
        assert_eq!(data["name"], "Zoë Ødegård ?");
        assert_eq!(data["lines"][0], "a\tb\nc");
        assert_eq!(data["lines"][1], "?");
    }
}
