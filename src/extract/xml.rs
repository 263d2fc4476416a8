//! What the XML formats (XLIFF, TMX, DOCX) share: a quick-xml reader that
//! gives every event its byte span, turns every problem into an
//! [`ExtractError`] with a position, and notices elements left open at the
//! end of the file; and the decoding of text, CDATA and references into a
//! [`SegmentBuilder`] with the byte map kept exact.

use std::ops::Range;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::{ExtractError, SegmentBuilder};

/// A pull parser over an XML document held in memory.
pub(crate) struct XmlReader<'a> {
    input: &'a str,
    reader: Reader<&'a [u8]>,
    open: Vec<String>,
    done: bool,
}

impl<'a> XmlReader<'a> {
    /// Reads `input`, which must be well-formed: end tags must match.
    pub(crate) fn new(input: &'a str) -> XmlReader<'a> {
        let mut reader = Reader::from_str(input);
        reader.config_mut().check_end_names = true;
        XmlReader {
            input,
            reader,
            open: Vec::new(),
            done: false,
        }
    }

    /// The next event and the bytes of the input it covers; `None` at the
    /// end of a well-formed document.
    pub(crate) fn next(&mut self) -> Result<Option<(Event<'a>, Range<usize>)>, ExtractError> {
        if self.done {
            return Ok(None);
        }
        let before = self.position();
        let event = self.reader.read_event().map_err(|e| {
            self.done = true;
            ExtractError::at(self.reader.error_position() as usize, e.to_string())
        })?;
        let span = before..self.position();
        match &event {
            Event::Start(e) => self.open.push(local_name(e).to_string()),
            Event::End(_) => {
                self.open.pop();
            }
            Event::Eof => {
                self.done = true;
                return match self.open.last() {
                    Some(name) => Err(ExtractError::at(
                        self.input.len(),
                        format!("unexpected end of file: <{name}> is not closed"),
                    )),
                    None => Ok(None),
                };
            }
            _ => {}
        }
        Ok(Some((event, span)))
    }

    fn position(&self) -> usize {
        (self.reader.buffer_position() as usize).min(self.input.len())
    }

    /// Skips to the end of the element whose start tag was just read.
    pub(crate) fn skip_element(&mut self) -> Result<(), ExtractError> {
        let depth = self.open.len();
        while self.open.len() >= depth {
            if self.next()?.is_none() {
                break;
            }
        }
        Ok(())
    }

    /// The input text, for slicing event spans.
    pub(crate) fn input(&self) -> &'a str {
        self.input
    }
}

/// Reads all the text inside the element whose start tag was just read,
/// markup removed and references decoded, trimmed.
pub(crate) fn read_text(reader: &mut XmlReader<'_>) -> Result<String, ExtractError> {
    let input = reader.input();
    let mut builder = SegmentBuilder::default();
    let mut depth = 0usize;
    while let Some((event, span)) = reader.next()? {
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            other => {
                push_text(&mut builder, input, other, &span);
            }
        }
    }
    Ok(builder.segment().text.trim().to_string())
}

/// An element's name without its namespace prefix (`w:p` → `p`).
pub(crate) fn local_name<'e>(e: &'e BytesStart<'_>) -> &'e str {
    let name = e.name().0;
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

/// The unescaped value of attribute `name` (qualified, e.g. `xml:lang`).
pub(crate) fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.0 == name)
        .map(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .map_or_else(|_| a.value.to_string(), |v| v.into_owned())
        })
}

/// Appends the text an event stands for, if it stands for text: raw text
/// verbatim, CDATA content verbatim, a reference decoded and mapped to the
/// whole reference. Returns false for any other event.
pub(crate) fn push_text(
    builder: &mut SegmentBuilder,
    input: &str,
    event: &Event<'_>,
    span: &Range<usize>,
) -> bool {
    match event {
        Event::Text(_) => {
            if let Some(raw) = input.get(span.clone()) {
                builder.push_verbatim(raw, span.start);
            }
        }
        Event::CData(_) => {
            let inner_start = (span.start + "<![CDATA[".len()).min(span.end);
            let inner_end = span.end.saturating_sub("]]>".len()).max(inner_start);
            if let Some(inner) = input.get(inner_start..inner_end) {
                builder.push_verbatim(inner, inner_start);
            }
        }
        Event::GeneralRef(r) => push_reference(builder, input, r, span),
        _ => return false,
    }
    true
}

fn push_reference(
    builder: &mut SegmentBuilder,
    input: &str,
    r: &BytesRef<'_>,
    span: &Range<usize>,
) {
    let decoded = match r.resolve_char_ref() {
        Ok(Some(ch)) => Some(ch),
        Ok(None) => match &**r {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "apos" => Some('\''),
            "quot" => Some('"'),
            _ => None,
        },
        Err(_) => None,
    };
    match decoded {
        Some(ch) => builder.push_char(ch, span.start, span.end),
        // An entity declared in a DTD we do not read: keep it as written.
        None => {
            if let Some(raw) = input.get(span.clone()) {
                builder.push_verbatim(raw, span.start);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(input: &str) -> Result<String, ExtractError> {
        let mut reader = XmlReader::new(input);
        let mut b = SegmentBuilder::default();
        while let Some((event, span)) = reader.next()? {
            push_text(&mut b, input, &event, &span);
        }
        Ok(b.segment().text)
    }

    #[test]
    fn decodes_references_and_cdata_with_exact_spans() {
        let input = "<a>x &amp; &#x4E00;<![CDATA[<b>]]>&custom;</a>";
        assert_eq!(collect(input).unwrap(), "x & 一<b>&custom;");
        let mut reader = XmlReader::new(input);
        let mut b = SegmentBuilder::default();
        while let Some((event, span)) = reader.next().unwrap() {
            push_text(&mut b, input, &event, &span);
        }
        let seg = b.segment();
        let amp = seg.text.find('&').unwrap();
        assert_eq!(seg.original_span(amp, amp + 1), (5, 10));
        let lt = seg.text.find('<').unwrap();
        assert_eq!(&input[seg.original_span(lt, lt + 3).0..][..3], "<b>");
    }

    #[test]
    fn malformed_documents_are_errors_with_positions() {
        let mismatched = collect("<a>\n<b>text</a>").unwrap_err();
        assert!(mismatched.reason.contains("b"), "{mismatched:?}");
        assert!(mismatched.offset.is_some());
        let unclosed = collect("<a><b>text</b>").unwrap_err();
        assert_eq!(unclosed.reason, "unexpected end of file: <a> is not closed");
        assert!(collect("<a attr=\"x></a>").is_err());
        assert!(collect("").is_ok());
    }

    #[test]
    fn skips_whole_elements() {
        let input = "<r><ph>a<sub>b</sub></ph>c</r>";
        let mut reader = XmlReader::new(input);
        let mut b = SegmentBuilder::default();
        while let Some((event, span)) = reader.next().unwrap() {
            if let Event::Start(e) = &event
                && local_name(e) == "ph"
            {
                reader.skip_element().unwrap();
                continue;
            }
            push_text(&mut b, input, &event, &span);
        }
        assert_eq!(b.segment().text, "c");
    }
}
