//! Word DOCX: the paragraphs of `word/document.xml`, each a segment.
//!
//! Word splits a paragraph into runs wherever formatting changes, often in
//! the middle of a word ("commu" + bold "nity"), so the `<w:t>` texts of a
//! paragraph's runs are concatenated. A DOCX has no useful lines, so the
//! extracted text has one line per paragraph (empty ones included): a
//! finding's line is its paragraph number and its column the character in
//! that paragraph. Deleted text (`<w:delText>`), field codes
//! (`<w:instrText>`) and the fallback copies of text boxes are not audited.
//! Headers, footers, footnotes and comments live in other parts and are not
//! read.

use std::io::Read;

use quick_xml::events::Event;

use super::xml::{XmlReader, local_name, push_text};
use super::{ExtractError, Extracted, Segment, SegmentBuilder};

/// The part that holds the body text.
const DOCUMENT_PART: &str = "word/document.xml";

/// The largest `word/document.xml` read; more is a zip bomb, not a draft.
const MAX_PART_BYTES: u64 = 256 << 20;

/// Extracts the paragraphs of a DOCX file's bytes.
pub fn extract(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let xml = read_document_part(bytes)?;
    let paragraphs = paragraphs(&xml).map_err(|e| {
        let located = e.locate(&xml);
        ExtractError::whole(format!("{DOCUMENT_PART}: {located}"))
    })?;
    let mut original = String::new();
    let mut segments = Vec::new();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            original.push('\n');
        }
        // A paragraph is one line: a newline inside it (from a reference)
        // becomes a space.
        let text = paragraph.replace(['\n', '\r'], " ");
        if !text.trim().is_empty() {
            segments.push(Segment::verbatim(&text, original.len()));
        }
        original.push_str(&text);
    }
    Ok(Extracted { original, segments })
}

fn read_document_part(bytes: &[u8]) -> Result<String, ExtractError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ExtractError::whole(format!("not a DOCX (zip) file: {e}")))?;
    let file = archive
        .by_name(DOCUMENT_PART)
        .map_err(|e| ExtractError::whole(format!("not a DOCX file: no {DOCUMENT_PART} ({e})")))?;
    let mut xml = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| ExtractError::whole(format!("cannot unpack {DOCUMENT_PART}: {e}")))?;
    if xml.len() as u64 > MAX_PART_BYTES {
        return Err(ExtractError::whole(format!(
            "{DOCUMENT_PART} is larger than {} MiB",
            MAX_PART_BYTES >> 20
        )));
    }
    let xml = xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&xml).to_vec();
    String::from_utf8(xml)
        .map_err(|e| ExtractError::whole(format!("{DOCUMENT_PART} is not UTF-8: {e}")))
}

/// The text of every `<w:p>`, in document order (a text box's paragraphs,
/// nested inside another paragraph, come after the one that opens them).
fn paragraphs(xml: &str) -> Result<Vec<String>, ExtractError> {
    let mut reader = XmlReader::new(xml);
    let mut paragraphs: Vec<SegmentBuilder> = Vec::new();
    // Indices into `paragraphs` of the paragraphs open now, innermost last.
    let mut open: Vec<usize> = Vec::new();
    let mut in_text = false;
    while let Some((event, span)) = reader.next()? {
        match &event {
            Event::Start(e) => match local_name(e) {
                "p" => {
                    open.push(paragraphs.len());
                    paragraphs.push(SegmentBuilder::default());
                }
                "t" => in_text = true,
                "Fallback" => reader.skip_element()?,
                _ => {}
            },
            Event::Empty(e) => {
                let ch = match local_name(e) {
                    "p" => {
                        paragraphs.push(SegmentBuilder::default());
                        continue;
                    }
                    "tab" | "ptab" => '\t',
                    "br" | "cr" => ' ',
                    "noBreakHyphen" => '-',
                    "softHyphen" => '\u{AD}',
                    _ => continue,
                };
                if let Some(&p) = open.last() {
                    paragraphs[p].push_char(ch, span.start, span.end);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "p" => {
                    open.pop();
                }
                "t" => in_text = false,
                _ => {}
            },
            other if in_text => {
                if let Some(&p) = open.last() {
                    push_text(&mut paragraphs[p], xml, other, &span);
                }
            }
            _ => {}
        }
    }
    Ok(paragraphs
        .into_iter()
        .map(|mut p| p.segment().text)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_joined_and_paragraphs_are_lines() {
        let xml = r#"<w:document xmlns:w="x"><w:body>
<w:p><w:r><w:t>Intro</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t xml:space="preserve">We build a commu</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>nity of human</w:t></w:r><w:r><w:br/><w:t>destiny&amp;</w:t><w:delText>gone</w:delText></w:r></w:p>
</w:body></w:document>"#;
        assert_eq!(
            paragraphs(xml).unwrap(),
            ["Intro", "", "We build a community of human destiny&"]
        );
    }

    fn docx(document_xml: &str) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file(DOCUMENT_PART, options).unwrap();
        zip.write_all(document_xml.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn extracts_from_the_zip_and_survives_truncation() {
        let whole = docx(
            "<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>A</w:t></w:r></w:p><w:p><w:r><w:t>B &amp; C</w:t></w:r></w:p></w:body></w:document>",
        );
        let extracted = extract(&whole).unwrap();
        assert_eq!(extracted.original, "A\nB & C");
        assert_eq!(extracted.segments.len(), 2);
        assert_eq!(extracted.segments[1].origin(), 2);
        for cut in 0..whole.len() {
            assert!(extract(&whole[..cut]).is_err(), "cut at {cut}");
        }
        let broken = docx("<w:document><w:p><w:t>x</w:p></w:document>");
        let e = extract(&broken).unwrap_err();
        assert!(
            e.reason.starts_with("word/document.xml: line 1, column"),
            "{e:?}"
        );
    }

    #[test]
    fn not_a_zip_is_an_error() {
        let e = extract(b"PK\x03\x04 truncated").unwrap_err();
        assert!(e.reason.starts_with("not a DOCX (zip) file"), "{e:?}");
    }
}
