//! XLIFF 1.2 and 2.x: each `<target>` is a segment to audit, carrying its
//! `<source>` for the bilingual check.
//!
//! XLIFF 1.2 puts `<source>`/`<target>` in a `<trans-unit id>`; 2.x puts them
//! in a `<segment>` of a `<unit id>`. Only those direct children count:
//! `<alt-trans>` suggestions and `<seg-source>` are not the translation.
//! Inline codes whose content is native markup (`<bpt>`, `<ept>`, `<it>`,
//! `<ph>` in 1.2) are skipped; containers of text (`<g>`, `<mrk>`, `<pc>`)
//! keep their text; placeholders (`<x/>`, `<ph/>`, `<sc/>`…) add nothing,
//! except `<cp hex>`, which is a character.

use quick_xml::events::{BytesStart, Event};

use super::xml::{XmlReader, attribute, local_name, push_text};
use super::{ExtractError, Segment, SegmentBuilder};

/// Inline elements whose content is native code, not translatable text.
const CODE_ELEMENTS: &[&str] = &["bpt", "ept", "it", "ph", "ut"];

/// The segments of an XLIFF document.
pub fn extract(input: &str) -> Result<Vec<Segment>, ExtractError> {
    let mut reader = XmlReader::new(input);
    let mut segments = Vec::new();
    let mut unit_id: Option<String> = None;
    let mut unit: Option<Unit> = None;
    while let Some((event, _)) = reader.next()? {
        match &event {
            Event::Start(e) => match local_name(e) {
                "trans-unit" => unit = Some(Unit::new(attribute(e, "id"))),
                "unit" => unit_id = attribute(e, "id"),
                "segment" => {
                    let id = match (&unit_id, attribute(e, "id")) {
                        (Some(unit), Some(segment)) => Some(format!("{unit}/{segment}")),
                        (unit, segment) => segment.or_else(|| unit.clone()),
                    };
                    unit = Some(Unit::new(id));
                }
                name @ ("source" | "target") if unit.as_ref().is_some_and(|u| u.depth == 0) => {
                    let text = read_inline(&mut reader)?;
                    if let Some(unit) = unit.as_mut() {
                        if name == "source" {
                            unit.source = Some(text);
                        } else {
                            unit.target = Some(text);
                        }
                    }
                }
                _ => {
                    if let Some(unit) = unit.as_mut() {
                        unit.depth += 1;
                    }
                }
            },
            Event::End(e) => match e.local_name().as_ref() {
                "trans-unit" | "segment" => {
                    if let Some(done) = unit.take() {
                        done.finish_into(&mut segments);
                    }
                }
                "unit" => unit_id = None,
                _ => {
                    if let Some(unit) = unit.as_mut() {
                        unit.depth = unit.depth.saturating_sub(1);
                    }
                }
            },
            _ => {}
        }
    }
    Ok(segments)
}

/// A translation unit being read.
struct Unit {
    id: Option<String>,
    source: Option<SegmentBuilder>,
    target: Option<SegmentBuilder>,
    /// Depth of other elements open inside the unit (`<alt-trans>`, notes):
    /// a `<source>` or `<target>` counts only at depth 0.
    depth: usize,
}

impl Unit {
    fn new(id: Option<String>) -> Unit {
        Unit {
            id,
            source: None,
            target: None,
            depth: 0,
        }
    }

    fn finish_into(self, segments: &mut Vec<Segment>) {
        let Some(mut target) = self.target else {
            return;
        };
        if target.is_blank() {
            return;
        }
        let mut segment = target.segment();
        segment.id = self.id;
        segment.source = self.source.map(|mut s| s.segment().text);
        segments.push(segment);
    }
}

/// Reads the inline content of the element just opened, up to its end tag.
pub(crate) fn read_inline(reader: &mut XmlReader<'_>) -> Result<SegmentBuilder, ExtractError> {
    let input = reader.input();
    let mut builder = SegmentBuilder::default();
    let mut depth = 0usize;
    while let Some((event, span)) = reader.next()? {
        match &event {
            Event::Start(e) if CODE_ELEMENTS.contains(&local_name(e)) => reader.skip_element()?,
            Event::Start(_) => depth += 1,
            Event::Empty(e) => push_code_point(&mut builder, e, span.start, span.end),
            Event::End(_) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            other => {
                push_text(&mut builder, input, other, &span);
            }
        }
    }
    Ok(builder)
}

/// XLIFF 2's `<cp hex="…"/>` stands for a character XML cannot hold.
fn push_code_point(builder: &mut SegmentBuilder, e: &BytesStart<'_>, start: usize, end: usize) {
    if local_name(e) != "cp" {
        return;
    }
    let ch = attribute(e, "hex")
        .and_then(|hex| u32::from_str_radix(&hex, 16).ok())
        .and_then(char::from_u32);
    if let Some(ch) = ch {
        builder.push_char(ch, start, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XLIFF_12: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="zh-CN" target-language="en" datatype="plaintext" original="a.txt">
  <body>
   <trans-unit id="t1">
    <source>构建人类命运共同体</source>
    <target>Build a <g id="1">community of</g> human&#32;destiny<ph id="2">&lt;br/&gt;</ph>.</target>
    <alt-trans><target>ignored suggestion</target></alt-trans>
   </trans-unit>
   <trans-unit id="t2"><source>空</source><target/></trans-unit>
   <trans-unit id="t3"><source>无译文</source></trans-unit>
  </body>
 </file>
</xliff>"#;

    #[test]
    fn version_1_2_targets_with_sources() {
        let segments = extract(XLIFF_12).unwrap();
        assert_eq!(segments.len(), 1);
        let s = &segments[0];
        assert_eq!(s.text, "Build a community of human destiny.");
        assert_eq!(s.id.as_deref(), Some("t1"));
        assert_eq!(s.source.as_deref(), Some("构建人类命运共同体"));
        let at = s.text.find("community").unwrap();
        let (start, _) = s.original_span(at, at + 9);
        assert!(XLIFF_12[start..].starts_with("community of</g>"));
        let space = s.text.find(" destiny").unwrap();
        assert!(XLIFF_12[s.original_span(space, space + 1).0..].starts_with("&#32;"));
    }

    #[test]
    fn version_2_segments_and_code_points() {
        let input = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="en">
<file id="f"><unit id="u1"><segment id="s1"><source>人类命运共同体</source>
<target><pc id="1">community</pc> of<cp hex="0020"/>human destiny<ph id="2"/></target></segment>
<segment><source>二</source><target><![CDATA[a <b> c]]></target></segment></unit></file></xliff>"#;
        let segments = extract(input).unwrap();
        assert_eq!(segments.len(), 2);
        assert_eq!(segments[0].text, "community of human destiny");
        assert_eq!(segments[0].id.as_deref(), Some("u1/s1"));
        assert_eq!(segments[1].text, "a <b> c");
        assert_eq!(segments[1].id.as_deref(), Some("u1"));
    }

    #[test]
    fn broken_xliff_is_an_error() {
        let broken = XLIFF_12.replace("</target>\n    <alt-trans>", "\n    <alt-trans>");
        assert!(extract(&broken).is_err());
        assert!(extract(&XLIFF_12[..200]).is_err());
    }
}
