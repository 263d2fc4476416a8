//! TMX 1.4: in each `<tu>`, the English `<tuv>`s are the segments to audit,
//! and the `<tuv>` in the header's `srclang` is their source.
//!
//! A memory may hold many languages; termaudit audits English, so targets
//! are the variants whose language is `en` or `en-*` (all non-source ones
//! when there is no English variant). When `srclang` is `*all*` or missing,
//! the first non-English variant is the source. Inline codes (`<bpt>`,
//! `<ept>`, `<it>`, `<ph>`, `<ut>`) hold native markup and are skipped;
//! `<hi>` keeps its text.

use quick_xml::events::Event;

use super::xliff::read_inline;
use super::xml::{XmlReader, attribute, local_name};
use super::{ExtractError, Segment, SegmentBuilder};

/// The segments of a TMX document.
pub fn extract(input: &str) -> Result<Vec<Segment>, ExtractError> {
    let mut reader = XmlReader::new(input);
    let mut segments = Vec::new();
    let mut srclang: Option<String> = None;
    let mut tu: Option<Tu> = None;
    let mut tu_count = 0usize;
    let mut lang: Option<String> = None;
    while let Some((event, _)) = reader.next()? {
        match &event {
            Event::Start(e) | Event::Empty(e) if local_name(e) == "header" => {
                srclang = attribute(e, "srclang").filter(|l| l != "*all*");
            }
            Event::Start(e) => match local_name(e) {
                "tu" => {
                    tu_count += 1;
                    let id = attribute(e, "tuid").unwrap_or_else(|| format!("tu {tu_count}"));
                    tu = Some(Tu {
                        id,
                        variants: Vec::new(),
                    });
                }
                "tuv" => lang = attribute(e, "xml:lang").or_else(|| attribute(e, "lang")),
                "seg" => {
                    let text = read_inline(&mut reader)?;
                    if let Some(tu) = tu.as_mut() {
                        tu.variants.push((lang.clone().unwrap_or_default(), text));
                    }
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "tu" => {
                if let Some(done) = tu.take() {
                    done.finish_into(srclang.as_deref(), &mut segments);
                }
            }
            _ => {}
        }
    }
    Ok(segments)
}

/// A translation unit being read: its id and its (language, text) variants.
struct Tu {
    id: String,
    variants: Vec<(String, SegmentBuilder)>,
}

impl Tu {
    fn finish_into(mut self, srclang: Option<&str>, segments: &mut Vec<Segment>) {
        let source_index = match srclang {
            Some(src) => self
                .variants
                .iter()
                .position(|(lang, _)| lang.eq_ignore_ascii_case(src)),
            None => self.variants.iter().position(|(lang, _)| !is_english(lang)),
        };
        let source = source_index.map(|i| self.variants[i].1.text().to_string());
        let has_english = self
            .variants
            .iter()
            .enumerate()
            .any(|(i, (lang, _))| Some(i) != source_index && is_english(lang));
        for (i, (lang, builder)) in self.variants.iter_mut().enumerate() {
            if Some(i) == source_index || (has_english && !is_english(lang)) || builder.is_blank() {
                continue;
            }
            let mut segment = builder.segment();
            segment.id = Some(self.id.clone());
            segment.source = source.clone();
            segments.push(segment);
        }
    }
}

/// Returns true if and only if `lang` is English (`en`, `EN-us`, `en_GB`).
fn is_english(lang: &str) -> bool {
    let primary = lang.split(['-', '_']).next().unwrap_or_default();
    primary.eq_ignore_ascii_case("en")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="zh-CN" datatype="plaintext"/>
<body>
<tu tuid="42">
 <tuv xml:lang="zh-CN"><seg>构建人类命运共同体</seg></tuv>
 <tuv xml:lang="en-US"><seg>Build a <hi>community of</hi> human destiny<ph>&lt;br&gt;</ph>.</seg></tuv>
 <tuv xml:lang="fr"><seg>communauté de destin</seg></tuv>
</tu>
<tu><tuv lang="zh-CN"><seg>二</seg></tuv><tuv lang="EN"><seg>two</seg></tuv></tu>
</body>
</tmx>"#;

    #[test]
    fn english_variants_with_source() {
        let segments = extract(TMX).unwrap();
        assert_eq!(segments.len(), 2);
        assert_eq!(segments[0].text, "Build a community of human destiny.");
        assert_eq!(segments[0].id.as_deref(), Some("42"));
        assert_eq!(segments[0].source.as_deref(), Some("构建人类命运共同体"));
        assert_eq!(segments[1].text, "two");
        assert_eq!(segments[1].id.as_deref(), Some("tu 2"));
        let at = segments[0].text.find("community").unwrap();
        let start = segments[0].original_span(at, at + 1).0;
        assert!(TMX[start..].starts_with("community of</hi>"));
    }

    #[test]
    fn srclang_all_takes_the_first_non_english_variant() {
        let input = TMX.replace("srclang=\"zh-CN\"", "srclang=\"*all*\"");
        let segments = extract(&input).unwrap();
        assert_eq!(segments[0].source.as_deref(), Some("构建人类命运共同体"));
        assert_eq!(
            segments.len(),
            2,
            "French is not audited when English is there"
        );
    }

    #[test]
    fn truncated_tmx_is_an_error() {
        assert!(extract(&TMX[..TMX.len() - 20]).is_err());
    }
}
