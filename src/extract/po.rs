//! gettext PO: each non-empty `msgstr` (or `msgstr[n]`) is a segment to
//! audit, with its `msgid` (`msgid_plural` for plural forms) as the source.
//!
//! Strings are C-escaped and may continue over several quoted lines; every
//! decoded character maps back to its place in the file, so a phrase split
//! over two lines is still found and reported where it starts. The header
//! entry (`msgid ""`) is not audited, nor are obsolete entries (`#~`), which
//! are comments. A line
//! that is neither a comment, a keyword nor a string continuation is an
//! error, as gettext's `msgfmt` would say.

use super::{ExtractError, Segment, SegmentBuilder, shorten};

/// Characters of `msgid` kept when it names a segment that has no `msgctxt`.
const ID_CHARS: usize = 60;

/// The segments of a PO file.
pub fn extract(input: &str) -> Result<Vec<Segment>, ExtractError> {
    let mut segments = Vec::new();
    let mut entry = Entry::default();
    // The string that continuation lines append to.
    let mut current: Option<Field> = None;
    let mut at = 0;
    for line in input.split_inclusive('\n') {
        let line_start = at;
        at += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        let indent = body.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            if trimmed.is_empty() || entry.has_strings() {
                entry.finish_into(&mut segments);
                entry = Entry::default();
                current = None;
            }
            continue;
        }
        let content_start = line_start + indent;
        if trimmed.starts_with('"') {
            let Some(field) = current else {
                return Err(ExtractError::at(
                    content_start,
                    "a string continuation without msgid or msgstr before it",
                ));
            };
            parse_string(trimmed, content_start, entry.field(field))?;
            continue;
        }
        let (keyword, rest) = trimmed.split_once([' ', '\t']).unwrap_or((trimmed, ""));
        let field = match keyword {
            "msgctxt" => Field::Context,
            "msgid" => Field::Id,
            "msgid_plural" => Field::IdPlural,
            "msgstr" => Field::Str(0),
            k if k.starts_with("msgstr[") && k.ends_with(']') => {
                match k["msgstr[".len()..k.len() - 1].parse() {
                    Ok(n) => Field::Str(n),
                    Err(_) => {
                        return Err(ExtractError::at(
                            content_start,
                            format!("bad plural index in {k:?}"),
                        ));
                    }
                }
            }
            other => {
                return Err(ExtractError::at(
                    content_start,
                    format!("unknown keyword {other:?}"),
                ));
            }
        };
        let starts_entry = match field {
            Field::Context => entry.has_strings(),
            Field::Id => entry.id.is_some() || !entry.strs.is_empty(),
            _ => false,
        };
        if starts_entry {
            entry.finish_into(&mut segments);
            entry = Entry::default();
        }
        let rest_trimmed = rest.trim_start();
        let string_start = content_start + (trimmed.len() - rest_trimmed.len());
        if !rest_trimmed.starts_with('"') {
            return Err(ExtractError::at(
                string_start,
                format!("{keyword} must be followed by a quoted string"),
            ));
        }
        parse_string(rest_trimmed, string_start, entry.field(field))?;
        current = Some(field);
    }
    entry.finish_into(&mut segments);
    Ok(segments)
}

/// Which string of an entry a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Context,
    Id,
    IdPlural,
    Str(usize),
}

/// One PO entry being read.
#[derive(Default)]
struct Entry {
    context: Option<SegmentBuilder>,
    id: Option<SegmentBuilder>,
    id_plural: Option<SegmentBuilder>,
    strs: Vec<(usize, SegmentBuilder)>,
}

impl Entry {
    fn has_strings(&self) -> bool {
        self.context.is_some() || self.id.is_some() || !self.strs.is_empty()
    }

    fn field(&mut self, field: Field) -> &mut SegmentBuilder {
        match field {
            Field::Context => self.context.get_or_insert_with(SegmentBuilder::default),
            Field::Id => self.id.get_or_insert_with(SegmentBuilder::default),
            Field::IdPlural => self.id_plural.get_or_insert_with(SegmentBuilder::default),
            Field::Str(n) => {
                let i = match self.strs.iter().position(|(k, _)| *k == n) {
                    Some(i) => i,
                    None => {
                        self.strs.push((n, SegmentBuilder::default()));
                        self.strs.len() - 1
                    }
                };
                &mut self.strs[i].1
            }
        }
    }

    fn finish_into(self, segments: &mut Vec<Segment>) {
        let Some(id) = self.id else { return };
        if id.text().is_empty() {
            return;
        }
        let source = id.text().to_string();
        let plural_source = self.id_plural.as_ref().map(|p| p.text().to_string());
        let name = match &self.context {
            Some(context) => context.text().to_string(),
            None => shorten(&source, ID_CHARS),
        };
        let plural = self.strs.len() > 1 || self.id_plural.is_some();
        for (n, mut builder) in self.strs {
            if builder.is_blank() {
                continue;
            }
            let mut segment = builder.segment();
            segment.id = Some(if plural {
                format!("{name}[{n}]")
            } else {
                name.clone()
            });
            segment.source = Some(match (&plural_source, n) {
                (Some(p), n) if n > 0 => p.clone(),
                _ => source.clone(),
            });
            segments.push(segment);
        }
    }
}

/// Decodes the quoted C string at the start of `s` (byte `at` of the file)
/// into `out`; only whitespace may follow it.
fn parse_string(s: &str, at: usize, out: &mut SegmentBuilder) -> Result<(), ExtractError> {
    let mut chars = s.char_indices().skip(1).peekable();
    while let Some((i, ch)) = chars.next() {
        match ch {
            '"' => {
                let rest = &s[i + 1..];
                if !rest.trim().is_empty() {
                    return Err(ExtractError::at(at + i + 1, "text after the closing quote"));
                }
                return Ok(());
            }
            '\\' => {
                let Some((j, esc)) = chars.next() else { break };
                let mut end = j + esc.len_utf8();
                let decoded = match esc {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'a' => '\u{7}',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'v' => '\u{b}',
                    '0'..='7' => {
                        let mut value = esc as u32 - '0' as u32;
                        for _ in 0..2 {
                            match chars.peek() {
                                Some(&(k, d @ '0'..='7')) => {
                                    value = value * 8 + (d as u32 - '0' as u32);
                                    end = k + 1;
                                    chars.next();
                                }
                                _ => break,
                            }
                        }
                        char::from_u32(value).unwrap_or(char::REPLACEMENT_CHARACTER)
                    }
                    other => other,
                };
                out.push_char(decoded, at + i, at + end);
            }
            _ => out.push_char(ch, at + i, at + i + ch.len_utf8()),
        }
    }
    Err(ExtractError::at(
        at,
        "string not closed: no closing quote on this line",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PO: &str = r#"# header
msgid ""
msgstr ""
"Language: en\n"

#: a.c:1
msgid "构建人类命运共同体"
msgstr ""
"Build a community of "
"human destiny, \"now\"."

#, fuzzy
msgctxt "menu"
msgid "空"
msgstr ""

msgid "一个"
msgid_plural "多个"
msgstr[0] "one community of human destiny"
msgstr[1] "many"

#~ msgid "旧"
#~ msgstr "community of human destiny"
"#;

    #[test]
    fn entries_become_segments_with_exact_offsets() {
        let segments = extract(PO).unwrap();
        let texts: Vec<_> = segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Build a community of human destiny, \"now\".",
                "one community of human destiny",
                "many"
            ]
        );
        let s = &segments[0];
        assert_eq!(s.source.as_deref(), Some("构建人类命运共同体"));
        assert_eq!(s.id.as_deref(), Some("构建人类命运共同体"));
        let human = s.text.find("human").unwrap();
        assert!(PO[s.original_span(human, human + 5).0..].starts_with("human destiny, \\\"now"));
        let quote = s.text.find('"').unwrap();
        let (qs, qe) = s.original_span(quote, quote + 1);
        assert_eq!(&PO[qs..qe], "\\\"");
        assert_eq!(segments[1].id.as_deref(), Some("一个[0]"));
        assert_eq!(segments[2].source.as_deref(), Some("多个"));
    }

    #[test]
    fn malformed_po_is_an_error() {
        assert!(extract("msgid \"a\nmsgstr \"b\"\n").is_err());
        assert!(extract("msgid \"a\"\nmsgfoo \"b\"\n").is_err());
        assert!(extract("\"orphan\"\n").is_err());
        assert_eq!(
            extract("msgid \"a\"\nmsgstr \"\\101\\x\"\n").unwrap()[0].text,
            "Ax"
        );
    }
}
