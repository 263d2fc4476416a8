//! Extraction: turning a document of some format into text [`Segment`]s
//! that remember where every byte came from.
//!
//! Translators' drafts and archives are rarely plain text. Each format has
//! its own module that knows which parts are prose (a Markdown paragraph,
//! an XLIFF `<target>`, a DOCX paragraph) and which are not (code, markup,
//! attribute values). A segment holds the prose as plain text plus a byte
//! map back into [`Extracted::original`], so the existing per-text pipeline
//! audits each segment unchanged and a finding still points at the line and
//! column of the original file. Bilingual formats also give each segment
//! its id and its source text, for the check against the source term.

pub mod docx;
pub mod html;
pub mod markdown;
pub mod po;
pub mod tmx;
pub mod xliff;
pub(crate) mod xml;

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::normalize::LineIndex;

/// The formats termaudit can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Plain text: the whole file is audited as it is.
    Text,
    /// Markdown (CommonMark with tables and footnotes): prose only.
    Markdown,
    /// HTML: text content, without scripts, styles, code or attribute values.
    Html,
    /// XLIFF 1.2 or 2.x: the targets, with their sources for the bilingual check.
    Xliff,
    /// TMX 1.4: the English variants, with the source variant.
    Tmx,
    /// gettext PO: each `msgstr`, with its `msgid` as the source.
    Po,
    /// Word DOCX: the paragraphs of `word/document.xml`.
    Docx,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: &'static [Format] = &[
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Xliff,
        Format::Tmx,
        Format::Po,
        Format::Docx,
    ];

    /// The lowercase name accepted by `--format-in` and shown in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Xliff => "xliff",
            Format::Tmx => "tmx",
            Format::Po => "po",
            Format::Docx => "docx",
        }
    }

    /// The format a file's extension names; plain text for anything unknown,
    /// so an archive of `.txt`, `.csv` or extension-less files audits as before.
    pub fn from_path(path: &Path) -> Format {
        path.extension()
            .and_then(|ext| ext.to_str())
            .and_then(|ext| Format::from_extension(&ext.to_ascii_lowercase()))
            .unwrap_or(Format::Text)
    }

    fn from_extension(ext: &str) -> Option<Format> {
        Some(match ext {
            "md" | "markdown" | "mdown" | "mkd" | "mkdn" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "xlf" | "xliff" | "sdlxliff" | "mqxliff" => Format::Xliff,
            "tmx" => Format::Tmx,
            "po" | "pot" => Format::Po,
            "docx" => Format::Docx,
            _ => return None,
        })
    }

    /// Returns true if and only if the format is not text and must be read
    /// as bytes (a DOCX is a zip archive).
    pub fn is_binary(self) -> bool {
        self == Format::Docx
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        let lower = s.to_ascii_lowercase();
        match lower.as_str() {
            "text" | "txt" | "plain" => Ok(Format::Text),
            other => Format::from_extension(other).ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
                format!("unknown format {s:?} (expected {})", names.join(", "))
            }),
        }
    }
}

/// A piece of prose from a document, with a map back to the original.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Segment {
    /// The text to audit: markup removed, entities and escapes decoded.
    pub text: String,
    /// For each byte of `text`, the start of the original bytes it came from.
    starts: Vec<u32>,
    /// For each byte of `text`, the end of the original bytes it came from.
    ends: Vec<u32>,
    /// The segment's id in a bilingual file (XLIFF unit, TMX `tuid`, PO context).
    pub id: Option<String>,
    /// The source-language text of a bilingual segment, for the check that
    /// the target renders each source term.
    pub source: Option<String>,
}

impl Segment {
    /// A segment that is `text` itself, starting at byte `at` of the original.
    pub fn verbatim(text: &str, at: usize) -> Segment {
        let mut builder = SegmentBuilder::default();
        builder.push_verbatim(text, at);
        builder.segment()
    }

    /// The original byte span behind the segment span `start..end`.
    ///
    /// A span that starts or ends inside something decoded (an entity, an
    /// escape) widens to all of it; one that crosses an inline tag covers it.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        let Some(&first) = self.starts.get(start) else {
            let end_of_text = self.ends.last().copied().unwrap_or_default() as usize;
            return (end_of_text, end_of_text);
        };
        let last = if end > start {
            self.ends.get(end - 1).copied().unwrap_or(first)
        } else {
            first
        };
        (first as usize, last as usize)
    }

    /// Where the segment starts in the original.
    pub fn origin(&self) -> usize {
        self.starts.first().copied().unwrap_or_default() as usize
    }
}

/// What extraction yields: the text that lines and columns are counted in,
/// and the segments to audit.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// The text positions refer to: the decoded file for text formats; for
    /// DOCX, one line per paragraph, so the line is the paragraph number.
    pub original: String,
    /// The prose, in document order.
    pub segments: Vec<Segment>,
}

/// Why a file could not be extracted; it goes to `errors.csv` and the run
/// goes on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ExtractError {
    /// Where the problem is, as a byte offset of the text that was parsed,
    /// when it has one.
    pub offset: Option<usize>,
    /// The 1-based line and character column of `offset` in the file, once
    /// [`extract_text`] has located it.
    pub line_column: Option<(usize, usize)>,
    /// What is wrong, in words.
    pub reason: String,
}

impl fmt::Display for ExtractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_column {
            Some((line, column)) => write!(f, "line {line}, column {column}: {}", self.reason),
            None => f.write_str(&self.reason),
        }
    }
}

impl ExtractError {
    pub(crate) fn at(offset: usize, reason: impl Into<String>) -> ExtractError {
        ExtractError {
            offset: Some(offset),
            line_column: None,
            reason: reason.into(),
        }
    }

    pub(crate) fn whole(reason: impl Into<String>) -> ExtractError {
        ExtractError {
            offset: None,
            line_column: None,
            reason: reason.into(),
        }
    }

    /// Adds the line and column of the offset in `text`.
    pub(crate) fn locate(mut self, text: &str) -> ExtractError {
        if let Some(offset) = self.offset {
            let mut offset = offset.min(text.len());
            while !text.is_char_boundary(offset) {
                offset -= 1;
            }
            self.line_column = Some(LineIndex::new(text).line_column(text, offset));
        }
        self
    }
}

/// Extracts a text format. DOCX is bytes: see [`docx::extract`].
pub fn extract_text(format: Format, text: String) -> Result<Extracted, ExtractError> {
    let segments = match format {
        Format::Text => Ok(vec![Segment::verbatim(&text, 0)]),
        Format::Markdown => Ok(markdown::extract(&text)),
        Format::Html => Ok(html::extract(&text)),
        Format::Xliff => xliff::extract(&text),
        Format::Tmx => tmx::extract(&text),
        Format::Po => po::extract(&text),
        Format::Docx => Err(ExtractError::whole(
            "a DOCX file is a zip archive, not text",
        )),
    };
    match segments {
        Ok(segments) => Ok(Extracted {
            original: text,
            segments,
        }),
        Err(e) => Err(e.locate(&text)),
    }
}

/// Stands for content that is skipped inside prose (inline code, a URL):
/// it keeps a phrase from matching across the gap and shows the reviewer
/// that something was there.
pub(crate) const GAP: &str = "…";

/// Builds a [`Segment`] piece by piece, keeping the byte map in step.
#[derive(Debug, Default)]
pub(crate) struct SegmentBuilder {
    text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
}

impl SegmentBuilder {
    /// Appends `s`, which stands verbatim in the original at byte `at`.
    pub(crate) fn push_verbatim(&mut self, s: &str, at: usize) {
        for (i, ch) in s.char_indices() {
            let start = at + i;
            self.push_char(ch, start, start + ch.len_utf8());
        }
    }

    /// Appends `s`, decoded from the original bytes `start..end` (an
    /// entity, an escape, a placeholder for markup).
    pub(crate) fn push_decoded(&mut self, s: &str, start: usize, end: usize) {
        for ch in s.chars() {
            self.push_char(ch, start, end);
        }
    }

    /// Appends one character that came from the original bytes `start..end`.
    pub(crate) fn push_char(&mut self, ch: char, start: usize, end: usize) {
        self.text.push(ch);
        for _ in 0..ch.len_utf8() {
            self.starts.push(start as u32);
            self.ends.push(end as u32);
        }
    }

    /// Marks skipped content at `start..end` with [`GAP`], unless the text
    /// already ends with one.
    pub(crate) fn push_gap(&mut self, start: usize, end: usize) {
        if !self.text.ends_with(GAP) {
            self.push_decoded(GAP, start, end);
        }
    }

    /// Appends verbatim text in which bare URLs are replaced by a [`GAP`]:
    /// a URL is an address, not prose, and its words must not be audited.
    pub(crate) fn push_prose(&mut self, s: &str, at: usize) {
        let mut rest = 0;
        while let Some((start, end)) = find_url(s, rest) {
            self.push_verbatim(&s[rest..start], at + rest);
            self.push_gap(at + start, at + end);
            rest = end;
        }
        self.push_verbatim(&s[rest..], at + rest);
    }

    /// Returns true if and only if no non-whitespace text has been added.
    pub(crate) fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The segment built so far; the builder is left empty.
    pub(crate) fn segment(&mut self) -> Segment {
        Segment {
            text: std::mem::take(&mut self.text),
            starts: std::mem::take(&mut self.starts),
            ends: std::mem::take(&mut self.ends),
            id: None,
            source: None,
        }
    }

    /// Moves the text built so far into `out` as a segment, unless it is blank.
    pub(crate) fn flush_into(&mut self, out: &mut Vec<Segment>) {
        if self.is_blank() {
            self.segment();
        } else {
            out.push(self.segment());
        }
    }

    /// The text built so far.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }
}

/// The next bare URL (`http://`, `https://`, `www.`) in `s` at or after
/// byte `from`: up to whitespace or a quote or angle bracket, without
/// trailing punctuation.
fn find_url(s: &str, from: usize) -> Option<(usize, usize)> {
    let hay = &s[from..];
    let start = ["https://", "http://", "www."]
        .iter()
        .filter_map(|prefix| {
            hay.match_indices(prefix)
                .map(|(i, _)| i)
                .find(|&i| i == 0 || !hay[..i].ends_with(|c: char| c.is_alphanumeric()))
        })
        .min()?;
    let tail = &hay[start..];
    let len = tail
        .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>'))
        .unwrap_or(tail.len());
    let trimmed = tail[..len].trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
    Some((from + start, from + start + trimmed.len()))
}

/// `s` collapsed to single spaces and cut to at most `max` characters
/// (with `…`), for cells that show a whole segment.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    let mut out = String::new();
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    match out.char_indices().nth(max) {
        Some((cut, _)) => {
            let kept = out[..cut].trim_end();
            format!("{kept}…")
        }
        None => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions_and_names() {
        assert_eq!(Format::from_path(Path::new("a/b.MD")), Format::Markdown);
        assert_eq!(Format::from_path(Path::new("x.xlf")), Format::Xliff);
        assert_eq!(Format::from_path(Path::new("x.txt")), Format::Text);
        assert_eq!(Format::from_path(Path::new("README")), Format::Text);
        assert_eq!("HTML".parse(), Ok(Format::Html));
        assert_eq!("txt".parse(), Ok(Format::Text));
        assert!(
            "rtf"
                .parse::<Format>()
                .unwrap_err()
                .contains("expected text")
        );
        for format in Format::ALL {
            assert_eq!(format.as_str().parse(), Ok(*format));
        }
    }

    #[test]
    fn builder_maps_decoded_and_verbatim_bytes() {
        let mut b = SegmentBuilder::default();
        b.push_verbatim("a ", 10);
        b.push_decoded("&", 12, 17);
        b.push_verbatim(" “b”", 17);
        let seg = b.segment();
        assert_eq!(seg.text, "a & “b”");
        assert_eq!(seg.original_span(0, 1), (10, 11));
        assert_eq!(seg.original_span(2, 3), (12, 17));
        let b_at = seg.text.find('b').unwrap();
        assert_eq!(seg.original_span(b_at, b_at + 1), (21, 22));
        assert_eq!(seg.original_span(seg.text.len(), seg.text.len()), (25, 25));
        assert_eq!(seg.origin(), 10);
    }

    #[test]
    fn urls_become_gaps() {
        let mut b = SegmentBuilder::default();
        b.push_prose(
            "see https://x.org/community-of-human-destiny. And www.y.cn, fine",
            0,
        );
        assert_eq!(b.text(), "see …. And …, fine");
        assert_eq!(find_url("swww.x", 0), None);
    }

    /// Every prefix of every fixture (a file cut off anywhere) extracts or
    /// fails with an error, and every segment maps inside the input.
    #[test]
    fn truncated_input_never_panics() {
        let fixtures = [
            (
                Format::Markdown,
                include_str!("../../tests/fixtures/formats/speech.md"),
            ),
            (
                Format::Html,
                include_str!("../../tests/fixtures/formats/speech.html"),
            ),
            (
                Format::Xliff,
                include_str!("../../tests/fixtures/formats/speech.xlf"),
            ),
            (
                Format::Tmx,
                include_str!("../../tests/fixtures/formats/speech.tmx"),
            ),
            (
                Format::Po,
                include_str!("../../tests/fixtures/formats/speech.po"),
            ),
            (
                Format::Xliff,
                include_str!("../../tests/fixtures/formats/broken.xlf"),
            ),
        ];
        for (format, text) in fixtures {
            for (cut, _) in text.char_indices() {
                let prefix = &text[..cut];
                if let Ok(extracted) = extract_text(format, prefix.to_string()) {
                    for segment in &extracted.segments {
                        let (start, end) = segment.original_span(0, segment.text.len());
                        assert!(start <= end && end <= prefix.len(), "{format} cut at {cut}");
                    }
                }
            }
        }
    }

    #[test]
    fn shorten_cuts_on_characters() {
        assert_eq!(shorten(" a\n b ", 10), "a b");
        assert_eq!(shorten("人类命运共同体", 4), "人类命运…");
    }
}
