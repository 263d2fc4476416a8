//! Markdown: the prose of each block (paragraph, heading, list item, table
//! cell) is a segment; code blocks, inline code, HTML blocks, image alt
//! text, autolinks, bare URLs and front matter are not prose and are not
//! audited.
//!
//! pulldown-cmark's offset iterator gives each event its byte range in the
//! file. Text that stands verbatim in the file maps byte for byte; text the
//! parser decoded (an entity, a backslash escape) maps to its whole source.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{Segment, SegmentBuilder};

/// The segments of a Markdown document.
pub fn extract(input: &str) -> Vec<Segment> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut segments = Vec::new();
    let mut builder = SegmentBuilder::default();
    // Depth of open elements whose text is not prose.
    let mut skip = 0usize;
    // For each open link: whether it is an autolink (its text is a URL).
    let mut links: Vec<bool> = Vec::new();
    for (event, range) in Parser::new_ext(input, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if is_skipped(&tag) {
                    skip += 1;
                }
                if let Tag::Link { link_type, .. } = &tag {
                    let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    links.push(auto);
                    skip += usize::from(auto);
                }
                if !is_inline(&tag.to_end()) {
                    builder.flush_into(&mut segments);
                }
            }
            Event::End(end) => {
                match end {
                    TagEnd::CodeBlock
                    | TagEnd::HtmlBlock
                    | TagEnd::Image
                    | TagEnd::MetadataBlock(_) => skip = skip.saturating_sub(1),
                    TagEnd::Link => {
                        let auto = links.pop() == Some(true);
                        skip = skip.saturating_sub(usize::from(auto));
                    }
                    _ => {}
                }
                if !is_inline(&end) {
                    builder.flush_into(&mut segments);
                }
            }
            _ if skip > 0 => {}
            Event::Text(text) => push_text(&mut builder, input, &text, range),
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                builder.push_gap(range.start, range.end)
            }
            Event::SoftBreak | Event::HardBreak => {
                builder.push_decoded("\n", range.start, range.end)
            }
            Event::InlineHtml(html) if is_line_break(&html) => {
                builder.push_decoded("\n", range.start, range.end)
            }
            // Inline tags wrap words without separating them, like <g> in XLIFF.
            Event::InlineHtml(_)
            | Event::Html(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::Rule => {}
        }
    }
    builder.flush_into(&mut segments);
    segments
}

/// Appends a text event: verbatim when the file holds exactly this text,
/// otherwise (an escape, an entity) mapped to the whole source range.
fn push_text(builder: &mut SegmentBuilder, input: &str, text: &str, range: Range<usize>) {
    let raw = input.get(range.clone()).unwrap_or_default();
    if raw == text {
        builder.push_prose(text, range.start);
    } else if raw.ends_with(text) {
        builder.push_prose(text, range.end - text.len());
    } else {
        builder.push_decoded(text, range.start, range.end);
    }
}

fn is_skipped(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Image { .. } | Tag::MetadataBlock(_)
    )
}

/// Inline elements continue the current segment; every other start or end
/// closes it, so a phrase never runs from one block into the next.
fn is_inline(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

fn is_line_break(html: &str) -> bool {
    let name = html
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/')
        .trim();
    name.eq_ignore_ascii_case("br")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        extract(input).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn prose_only() {
        let input = "---\ntitle: community of human destiny\n---\n\n# A *community* of human destiny\n\n\
                     Text with `community of human destiny` code and <https://x.org/a> and\n\
                     a [link](https://community.of/human-destiny) and ![alt text](i.png).\n\n\
                     ```\ncommunity of human destiny\n```\n\n- item one\n- item &amp; two\n";
        assert_eq!(
            texts(input),
            [
                "A community of human destiny",
                "Text with … code and  and\na link and .",
                "item one",
                "item & two"
            ]
        );
    }

    #[test]
    fn offsets_point_into_the_file() {
        let input = "Intro.\n\nSome *community\nof* human destiny &amp; more.\n";
        let segments = extract(input);
        let s = &segments[1];
        let at = s.text.find("community").unwrap();
        let (start, _) = s.original_span(at, at + 1);
        assert_eq!(start, input.find("community").unwrap());
        let amp = s.text.find('&').unwrap();
        let (a, b) = s.original_span(amp, amp + 1);
        assert_eq!(&input[a..b], "&amp;");
        let more = s.text.find("more").unwrap();
        assert_eq!(
            s.original_span(more, more + 4).0,
            input.find("more").unwrap()
        );
    }
}
