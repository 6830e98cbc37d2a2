//! Files of a case (a signed paper plan, a court order, a referral letter) and the logo on
//! an organisation's documents. A file's type is found from its content, never from its
//! name or the browser's claim; only PDF, PNG and JPEG are kept, up to
//! [`MAX_ATTACHMENT_BYTES`]. Reading and changing them goes through the one policy
//! ([`CaseAction::ReadAttachments`], [`CaseAction::ManageAttachments`]) and every step is
//! audited. They live in the database, so the backup holds them, and retention removes them
//! with the case.

use omgang_store::AttachmentRow;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::input::Check;
use crate::policy::{self, Actor, CaseAction, OrgAction};
use crate::{App, AppError, Audit, Result};

/// The largest file a case keeps (10 MiB): a scanned court order fits.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

/// The largest logo (1 MiB).
pub const MAX_LOGO_BYTES: usize = 1024 * 1024;

/// A file upload as the shell received it.
#[derive(Clone, Debug, Default)]
pub struct Upload {
    /// The file's name on the uploader's computer.
    pub name: String,
    pub description: String,
    pub content: Vec<u8>,
}

/// A file of a case, as a list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AttachmentView {
    pub id: String,
    pub name: String,
    /// application/pdf, image/png or image/jpeg (found from the content).
    pub media_type: String,
    pub size: i64,
    /// "240 kB", "1,2 MB".
    pub size_label: String,
    pub sha256: String,
    pub description: String,
    pub uploaded_by: String,
    pub uploaded_by_name: String,
    /// UTC.
    pub uploaded_at: String,
}

/// A file to send back: its name, type and bytes.
#[derive(Clone, Debug)]
pub struct Download {
    pub name: String,
    pub media_type: String,
    pub content: Vec<u8>,
}

/// The kinds of file kept, found from the first bytes.
fn media_type_of(content: &[u8], allowed: &[&str]) -> Option<&'static str> {
    let found = infer::get(content)?.mime_type();
    allowed.iter().find(|m| **m == found).map(|_| match found {
        "application/pdf" => "application/pdf",
        "image/png" => "image/png",
        _ => "image/jpeg",
    })
}

const CASE_FILE_TYPES: &[&str] = &["application/pdf", "image/png", "image/jpeg"];
const LOGO_TYPES: &[&str] = &["image/png", "image/jpeg"];

/// A file name safe to keep and to send back in a header: the last part of a path, without
/// control characters, quotes or separators, at most 120 characters.
pub fn clean_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';' | '\\' | '/'))
        .take(120)
        .collect();
    cleaned.trim().trim_start_matches('.').trim().to_owned()
}

/// "240 kB" / "1,2 MB" (Dutch decimal comma) or "1.2 MB".
pub fn size_label(size: i64, lang: omgang_domain::Lang) -> String {
    let kb = (size as f64 / 1024.0).max(0.0);
    if kb < 1000.0 {
        format!("{} kB", kb.ceil() as i64)
    } else {
        let mb = format!("{:.1}", kb / 1024.0);
        match lang {
            omgang_domain::Lang::Nl => format!("{} MB", mb.replace('.', ",")),
            omgang_domain::Lang::En => format!("{mb} MB"),
        }
    }
}

/// Checks an upload: a name, a size within `max`, a kind in `allowed`; the kind it is.
fn check_file(upload: &Upload, max: usize, allowed: &[&str], c: &mut Check) -> &'static str {
    if upload.content.is_empty() {
        c.push("file", "Kies een bestand.", "Choose a file.");
        return "";
    }
    if upload.content.len() > max {
        let mb = max / (1024 * 1024);
        c.push(
            "file",
            format!("Het bestand is te groot: het mag hoogstens {mb} MB zijn."),
            format!("The file is too large: it may be at most {mb} MB."),
        );
        return "";
    }
    match media_type_of(&upload.content, allowed) {
        Some(kind) => kind,
        None if allowed.contains(&"application/pdf") => {
            c.push(
                "file",
                "Dit soort bestand kan niet: kies een PDF, PNG of JPEG.",
                "This kind of file is not accepted: choose a PDF, PNG or JPEG.",
            );
            ""
        }
        None => {
            c.push(
                "file",
                "Een logo is een PNG of JPEG.",
                "A logo is a PNG or JPEG.",
            );
            ""
        }
    }
}

impl App {
    /// The files of a case, the newest first (lead coordinators); the read is audited.
    pub async fn attachments(&self, actor: &Actor, id: &str) -> Result<Vec<AttachmentView>> {
        let (case, _, _) = self
            .load_for(actor, id, CaseAction::ReadAttachments)
            .await?;
        let rows = self.store.attachments_of(&case.id.0).await?;
        self.audit(Audit {
            actor: Some(actor),
            action: "read_attachments",
            case: Some(id),
            detail: format!("{} files", rows.len()),
            allowed: true,
        })
        .await?;
        self.attachment_views(actor, rows).await
    }

    /// The files of a case for its page: `view` was read (and audited) by the actor just now,
    /// and its permissions are the policy's answer, so listing the files adds no audit line.
    pub async fn attachments_for_page(
        &self,
        actor: &Actor,
        view: &crate::views::CaseView,
    ) -> Result<Vec<AttachmentView>> {
        if !view.may.read_attachments {
            return Ok(Vec::new());
        }
        let rows = self.store.attachments_of(&view.id).await?;
        self.attachment_views(actor, rows).await
    }

    async fn attachment_views(
        &self,
        actor: &Actor,
        rows: Vec<AttachmentRow>,
    ) -> Result<Vec<AttachmentView>> {
        // The case page asks on every view; most cases have no files, and then no names.
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let names: std::collections::HashMap<String, String> = self
            .org_users(actor, actor.org_id.as_str())
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect();
        Ok(rows
            .into_iter()
            .map(|r| AttachmentView {
                uploaded_by_name: names.get(&r.uploaded_by).cloned().unwrap_or_default(),
                size_label: size_label(r.size, actor.lang),
                uploaded_at: jiff::Timestamp::from_millisecond(r.uploaded_at)
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
                id: r.id,
                name: r.name,
                media_type: r.media_type,
                size: r.size,
                sha256: r.sha256,
                description: r.description,
                uploaded_by: r.uploaded_by,
            })
            .collect())
    }

    /// Adds a file to an open case. The checks name the field (`file`, `description`) in
    /// Dutch and English; nothing is stored when one fails.
    pub async fn add_attachment(
        &self,
        actor: &Actor,
        id: &str,
        upload: &Upload,
    ) -> Result<AttachmentView> {
        let (case, _, programme) = self
            .load_for(actor, id, CaseAction::ManageAttachments)
            .await?;
        if !policy::permissions(actor, &case, &programme, &[]).manage_attachments {
            return Err(AppError::Refused(omgang_domain::Refusal::CaseClosed));
        }
        let mut c = Check::default();
        let media_type = check_file(upload, MAX_ATTACHMENT_BYTES, CASE_FILE_TYPES, &mut c);
        let name = clean_file_name(&upload.name);
        if name.is_empty() && !upload.content.is_empty() {
            c.push(
                "file",
                "Het bestand heeft geen naam.",
                "The file has no name.",
            );
        }
        let description = c.opt_line("description", &Some(upload.description.clone()));
        c.finish()?;
        let row = AttachmentRow {
            id: crate::new_id(),
            case_id: case.id.0.clone(),
            name,
            media_type: media_type.to_owned(),
            size: i64::try_from(upload.content.len()).unwrap_or(i64::MAX),
            sha256: hex::encode(Sha256::digest(&upload.content)),
            description: description.unwrap_or_default(),
            uploaded_by: actor.user_id.0.clone(),
            uploaded_at: self.now().as_millisecond(),
        };
        self.store.insert_attachment(&row, &upload.content).await?;
        self.audit(Audit {
            actor: Some(actor),
            action: "add_attachment",
            case: Some(id),
            detail: format!("{} {} ({} bytes)", row.id, row.name, row.size),
            allowed: true,
        })
        .await?;
        self.attachment_views(actor, vec![row])
            .await?
            .into_iter()
            .next()
            .ok_or(AppError::NotFound)
    }

    /// Whether the actor may add files to this case (the policy's answer; a refusal is
    /// audited): asked first when an upload could not be read, so that a stranger hears
    /// "not allowed", not what was wrong with the file.
    pub async fn may_add_attachment(&self, actor: &Actor, id: &str) -> Result<()> {
        self.load_for(actor, id, CaseAction::ManageAttachments)
            .await
            .map(|_| ())
    }

    /// One file of a case with its content; the download is audited.
    pub async fn attachment(&self, actor: &Actor, id: &str, file: &str) -> Result<Download> {
        let (case, _, _) = self
            .load_for(actor, id, CaseAction::ReadAttachments)
            .await?;
        let (row, content) = self
            .store
            .attachment(&case.id.0, file)
            .await?
            .ok_or(AppError::NotFound)?;
        self.audit(Audit {
            actor: Some(actor),
            action: "download_attachment",
            case: Some(id),
            detail: format!("{} {}", row.id, row.name),
            allowed: true,
        })
        .await?;
        Ok(Download {
            name: row.name,
            media_type: row.media_type,
            content,
        })
    }

    /// Removes a file of a case.
    pub async fn remove_attachment(&self, actor: &Actor, id: &str, file: &str) -> Result<()> {
        let (case, _, _) = self
            .load_for(actor, id, CaseAction::ManageAttachments)
            .await?;
        if !self.store.delete_attachment(&case.id.0, file).await? {
            return Err(AppError::NotFound);
        }
        self.audit(Audit {
            actor: Some(actor),
            action: "remove_attachment",
            case: Some(id),
            detail: file.to_owned(),
            allowed: true,
        })
        .await?;
        Ok(())
    }

    /// Sets the logo on the organisation's documents (PNG or JPEG, at most 1 MB); `None`
    /// removes it.
    pub async fn set_logo(&self, actor: &Actor, upload: Option<&Upload>) -> Result<()> {
        let allowed = policy::may_org(actor, &actor.org_id, OrgAction::ManageLetterhead);
        self.audit(Audit {
            actor: Some(actor),
            action: "set_logo",
            case: None,
            detail: match upload {
                Some(u) => format!("{} bytes", u.content.len()),
                None => "removed".into(),
            },
            allowed,
        })
        .await?;
        if !allowed {
            return Err(AppError::Forbidden);
        }
        let at = self.now().as_millisecond();
        match upload {
            None => self.store.set_logo(actor.org_id.as_str(), None, at).await?,
            Some(upload) => {
                let mut c = Check::default();
                let kind = check_file(upload, MAX_LOGO_BYTES, LOGO_TYPES, &mut c);
                c.finish()?;
                self.store
                    .set_logo(actor.org_id.as_str(), Some((kind, &upload.content)), at)
                    .await?;
            }
        }
        Ok(())
    }

    /// The organisation's logo, if it has one: `(media type, bytes)`.
    pub async fn logo(&self, org_id: &str) -> Result<Option<(String, Vec<u8>)>> {
        Ok(self.store.logo(org_id).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_is_only_its_last_part_without_what_could_break_a_header() {
        assert_eq!(
            clean_file_name("C:\\stukken\\beschikking.pdf"),
            "beschikking.pdf"
        );
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\"b;c\r\n.pdf"), "abc.pdf");
        assert_eq!(clean_file_name("..hidden"), "hidden");
        assert_eq!(clean_file_name("   "), "");
        assert_eq!(clean_file_name(&"x".repeat(300)).chars().count(), 120);
    }

    #[test]
    fn the_kind_comes_from_the_content() {
        assert_eq!(
            media_type_of(b"%PDF-1.7\n...", CASE_FILE_TYPES),
            Some("application/pdf")
        );
        assert_eq!(
            media_type_of(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", CASE_FILE_TYPES),
            Some("image/png")
        );
        assert_eq!(
            media_type_of(b"\xff\xd8\xff\xe0\0\x10JFIF", CASE_FILE_TYPES),
            Some("image/jpeg")
        );
        // A program named .pdf, a zip, plain text: refused.
        assert_eq!(media_type_of(b"MZ\x90\0\x03", CASE_FILE_TYPES), None);
        assert_eq!(media_type_of(b"PK\x03\x04", CASE_FILE_TYPES), None);
        assert_eq!(media_type_of(b"gewoon tekst", CASE_FILE_TYPES), None);
        // A logo is an image.
        assert_eq!(media_type_of(b"%PDF-1.7\n", LOGO_TYPES), None);
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_label(1, omgang_domain::Lang::Nl), "1 kB");
        assert_eq!(size_label(240 * 1024, omgang_domain::Lang::Nl), "240 kB");
        assert_eq!(size_label(1_258_291, omgang_domain::Lang::Nl), "1,2 MB");
        assert_eq!(size_label(1_258_291, omgang_domain::Lang::En), "1.2 MB");
    }
}
