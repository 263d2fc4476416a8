//! HTML: the text content of each block element is a segment; scripts,
//! styles, code, comments and attribute values are not prose.
//!
//! html5gum, a WHATWG-compliant tokenizer (switching to raw text inside
//! `<script>` and `<style>` as a browser does), gives every text run its
//! byte span in the file. Within a run, character references are decoded
//! one by one, each mapped to the whole reference, so a finding after
//! `&amp;` still points at the right column, and one starting at an entity
//! points at its `&`.

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Token, Tokenizer};

use super::{Segment, SegmentBuilder};

/// Elements whose content is not prose (scripts, styles, code, forms' raw
/// values, embedded vector graphics and math).
const SKIPPED: &[&str] = &[
    "script", "style", "template", "noscript", "code", "pre", "kbd", "samp", "svg", "math",
    "textarea", "select", "iframe", "object",
];

/// Elements that continue the surrounding text; any other element starts
/// a new segment, so a phrase never runs from one block into the next.
const INLINE: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "data", "del", "dfn", "em", "font",
    "i", "img", "ins", "label", "mark", "nobr", "q", "rp", "rt", "ruby", "s", "small", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
];

/// What the tokenizer reports that extraction needs.
#[derive(Debug)]
enum Item {
    Start(String, Span<usize>),
    End(String),
    Text(Span<usize>),
}

/// The segments of an HTML document. Tag soup is never an error: the
/// tokenizer recovers as browsers do.
pub fn extract(input: &str) -> Vec<Segment> {
    let mut emitter =
        CallbackEmitter::new(|event: CallbackEvent<'_>, span: Span<usize>| match event {
            CallbackEvent::OpenStartTag { name } => Some(Item::Start(lowercase(name), span)),
            CallbackEvent::EndTag { name } => Some(Item::End(lowercase(name))),
            CallbackEvent::String { .. } => Some(Item::Text(span)),
            _ => None,
        });
    emitter.naively_switch_states(true);
    let mut segments = Vec::new();
    let mut builder = SegmentBuilder::default();
    // The skipped element we are in, and how deeply it nests in itself.
    let mut skipping: Option<(String, usize)> = None;
    for item in Tokenizer::new_with_emitter(input, emitter).flatten() {
        if let Some((name, depth)) = skipping.as_mut() {
            match &item {
                Item::Start(n, _) if n == name => *depth += 1,
                Item::End(n) if n == name => {
                    *depth -= 1;
                    if *depth == 0 {
                        skipping = None;
                    }
                }
                _ => {}
            }
            continue;
        }
        match item {
            Item::Start(name, _) if SKIPPED.contains(&name.as_str()) => {
                builder.flush_into(&mut segments);
                skipping = Some((name, 1));
            }
            Item::Start(name, span) if name == "br" => {
                builder.push_decoded("\n", span.start, span.end)
            }
            Item::Start(name, _) | Item::End(name) => {
                if !INLINE.contains(&name.as_str()) {
                    builder.flush_into(&mut segments);
                }
            }
            Item::Text(span) => push_text(&mut builder, input, span.start, span.end),
        }
    }
    builder.flush_into(&mut segments);
    segments
}

fn lowercase(name: &[u8]) -> String {
    String::from_utf8_lossy(name).to_ascii_lowercase()
}

/// Appends the text run `start..end` of `input`, decoding character references.
fn push_text(builder: &mut SegmentBuilder, input: &str, start: usize, end: usize) {
    let Some(raw) = input.get(start..end) else {
        return;
    };
    let mut rest = 0;
    while let Some(amp) = raw[rest..].find('&').map(|i| rest + i) {
        builder.push_prose(&raw[rest..amp], start + rest);
        let len = reference_len(&raw[amp..]);
        let reference = &raw[amp..amp + len];
        let decoded = decode_reference(reference);
        if decoded == reference {
            builder.push_verbatim(reference, start + amp);
        } else {
            builder.push_decoded(&decoded, start + amp, start + amp + len);
        }
        rest = amp + len;
    }
    builder.push_prose(&raw[rest..], start + rest);
}

/// The length of what may be a character reference at the start of `s`
/// (`&name;`, `&#123;`, `&#x1F;`, with or without the semicolon), or 1 for
/// a bare `&`.
fn reference_len(s: &str) -> usize {
    let body = &s[1..];
    let name_len = if let Some(num) = body.strip_prefix('#') {
        let digits = num.strip_prefix(['x', 'X']).map_or_else(
            || num.find(|c: char| !c.is_ascii_digit()).unwrap_or(num.len()),
            |hex| {
                1 + hex
                    .find(|c: char| !c.is_ascii_hexdigit())
                    .unwrap_or(hex.len())
            },
        );
        1 + digits
    } else {
        body.find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(body.len())
    };
    let semicolon = usize::from(body[name_len..].starts_with(';'));
    1 + name_len + semicolon
}

/// Decodes one reference with the tokenizer itself, so the whole WHATWG
/// entity table and its legacy rules apply.
fn decode_reference(reference: &str) -> String {
    let mut out = String::new();
    for token in Tokenizer::new(reference).flatten() {
        if let Token::String(s) = token {
            out.push_str(&String::from_utf8_lossy(&s));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        extract(input).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn text_content_only() {
        let input = "<!DOCTYPE html><html><head><title>The title</title>\
                     <style>p { content: \"community of human destiny\" }</style>\
                     <script>if (a < b) { x = '</p>community of human destiny'; }</script></head>\
                     <body><p class=\"community of human destiny\">A <b>community of</b>\nhuman destiny.</p>\
                     <!-- community of human destiny --><pre><code>community of human destiny</code></pre>\
                     <ul><li>one<br>two</li><li>AT&T &amp; co&nbsp;&#x4E00;</li></ul></body></html>";
        assert_eq!(
            texts(input),
            [
                "The title",
                "A community of\nhuman destiny.",
                "one\ntwo",
                "AT&T & co\u{a0}一"
            ]
        );
    }

    #[test]
    fn offsets_point_at_text_and_entities() {
        let input = "<p>x &amp; <i>community</i> of&#32;human destiny</p>";
        let segments = extract(input);
        let s = &segments[0];
        assert_eq!(s.text, "x & community of human destiny");
        let at = s.text.find("community").unwrap();
        assert_eq!(
            s.original_span(at, at + 9).0,
            input.find("community").unwrap()
        );
        let space = s.text.find(" human").unwrap();
        let (a, b) = s.original_span(space, space + 1);
        assert_eq!(&input[a..b], "&#32;");
        let amp = s.text.find('&').unwrap();
        assert_eq!(s.original_span(amp, amp + 1), (5, 10));
    }

    #[test]
    fn reference_lengths() {
        assert_eq!(reference_len("&amp; x"), 5);
        assert_eq!(reference_len("&amp x"), 4);
        assert_eq!(reference_len("&#x4E00;"), 8);
        assert_eq!(reference_len("&#32;"), 5);
        assert_eq!(reference_len("& x"), 1);
        assert_eq!(reference_len("&#;"), 3);
    }
}
