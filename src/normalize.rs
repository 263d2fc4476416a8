//! Folding text so that spelling-irrelevant differences vanish, while every
//! folded byte still knows where it came from.
//!
//! Machine-translated and copy-pasted text differs from the glossary in ways
//! that do not change the term: letter case, curly versus straight quotes, the
//! dash family, full-width ASCII from CJK input methods, and whitespace (a
//! line break or a no-break space in the middle of a phrase). [`fold_into`] removes
//! all of these in one pass and records, for each output byte, the byte offset
//! of the original character it came from, so a match in folded text maps back
//! to an exact span, line and column of the original.

/// Text after folding, with a map back to the original.
#[derive(Debug, Default, Clone)]
pub struct Folded {
    /// The folded text: lowercase, straight quotes, ASCII hyphens, single spaces.
    pub text: String,
    /// `offsets[i]` is the byte offset in the original of the character that
    /// produced folded byte `i`; one extra entry holds the original's length.
    offsets: Vec<u32>,
    /// Folded indices of the spaces that stand for a break between units of
    /// text, sorted: a blank line, or a line break among lines that are
    /// units (most of the nearby lines end in sentence punctuation: one
    /// sentence or paragraph per line, where an unpunctuated line is a
    /// heading). A term never spans one; a line break inside hard-wrapped
    /// prose is just a space. The decision is local (see `UNIT_NEIGHBOURS`)
    /// so that a file audited in overlapping chunks breaks where it does
    /// whole.
    pub breaks: Vec<u32>,
    /// Every folded space that stands for a line break: where, whether it
    /// was a blank line, whether the line before it ends in sentence
    /// punctuation. `breaks` is chosen from these at the end of folding.
    line_breaks: Vec<LineBreak>,
}

impl Folded {
    /// Folds `original` into a fresh buffer.
    pub fn new(original: &str) -> Folded {
        let mut folded = Folded::default();
        fold_into(original, &mut folded);
        folded
    }

    /// Whether the original character behind folded byte `at` is a capital
    /// letter: folding lower-cases, and a capital marks a name.
    pub fn is_capital_at(&self, original: &str, at: usize) -> bool {
        self.offsets
            .get(at)
            .and_then(|&offset| original.get(offset as usize..))
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_uppercase)
    }

    /// The original byte span of the folded span `start..end`.
    ///
    /// The end is the end of the original character behind the last folded
    /// byte, so a span never cuts an original character in two, even where
    /// one character folds to several (`İ` → `i̇`), nor an entity that
    /// folded to one character (`&quot;` → `"`).
    pub fn original_span(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        let orig_start = self.offsets[start] as usize;
        if end <= start {
            return (orig_start, orig_start);
        }
        let last = self.offsets[end - 1] as usize;
        let rest = &original[last..];
        let last_len = entity_at(rest.as_bytes()).map_or_else(
            || rest.chars().next().map_or(0, char::len_utf8),
            |(len, _)| len,
        );
        (orig_start, last + last_len)
    }
}

/// Folds `original` into `out`, reusing its allocations (one scratch buffer
/// per thread keeps the hot path free of allocation).
///
/// Inputs larger than 4 GiB are not supported by the `u32` offset map; the
/// caller processes such documents in chunks.
pub fn fold_into(original: &str, out: &mut Folded) {
    out.text.clear();
    out.offsets.clear();
    out.breaks.clear();
    out.line_breaks.clear();
    out.text.reserve(original.len());
    out.offsets.reserve(original.len() + 1);
    let mut pending_space = PendingSpace::default();
    let bytes = original.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let offset = at as u32;
        if bytes[at].is_ascii() {
            // ASCII fast path, most of every document: a run of ASCII
            // words and the single spaces between them is copied lowercased
            // in one go.
            if is_ascii_space(bytes[at]) {
                pending_space.at.get_or_insert(offset);
                if bytes[at] == b'\n' {
                    if pending_space.newlines == 0 {
                        pending_space.after_sentence =
                            out.text.bytes().next_back().is_some_and(|b| {
                                matches!(b, b'.' | b'!' | b'?' | b':' | b';' | b'"' | b'\'' | b')')
                            });
                    }
                    pending_space.newlines += 1;
                }
                at += 1;
                continue;
            }
            flush_space(out, &mut pending_space);
            let start = at;
            loop {
                while at < bytes.len() && is_plain(bytes[at]) {
                    at += 1;
                }
                // A single space between two plain bytes folds to itself,
                // at its own offset: it stays in the run, so a line of
                // prose is copied in one go rather than word by word.
                if at + 1 < bytes.len() && bytes[at] == b' ' && is_plain(bytes[at + 1]) {
                    at += 1;
                    continue;
                }
                break;
            }
            // A backtick, an HTML entity (`&quot;`, `&apos;`: text that
            // passed through an HTML or Moses escaper) or a token split by
            // a tokenizer (`Jinping 's`, `win @-@ win`) is rare: such a run
            // is folded byte by byte.
            if needs_unescaping(&bytes[start..at]) {
                push_unescaped(out, bytes, start, at);
                continue;
            }
            // Copied as a slice and lowercased in place: pushing char by
            // char was the most expensive line of folding.
            let copied = out.text.len();
            out.text.push_str(&original[start..at]);
            out.text[copied..].make_ascii_lowercase();
            out.offsets.extend(start as u32..at as u32);
            continue;
        }
        // `at` is a char boundary: every step advances by a whole char.
        let Some(ch) = original[at..].chars().next() else {
            break;
        };
        at += ch.len_utf8();
        match fold_char(ch) {
            Fold::Space => {
                pending_space.at.get_or_insert(offset);
            }
            Fold::Drop => {}
            Fold::To(c) => {
                // A curly apostrophe split from its word (`Jinping ’s`):
                // the spaces around it go.
                if c == '\'' && pending_space.newlines == 0 {
                    let split = split_possessive(bytes, at);
                    if split > 0 {
                        pending_space.at = None;
                        at += split - 1;
                    }
                }
                push_char(out, &mut pending_space, c, offset);
            }
            Fold::Lower => {
                for c in ch.to_lowercase() {
                    push_char(out, &mut pending_space, c, offset);
                }
            }
        }
    }
    // Trailing whitespace folds to one space too, so offsets stay total.
    flush_space(out, &mut pending_space);
    out.offsets.push(original.len() as u32);
    choose_breaks(&out.line_breaks, &mut out.breaks);
}

/// Appends to `breaks` the line breaks that end a unit: blank lines, and
/// line breaks most of whose neighbours follow sentence punctuation.
fn choose_breaks(line_breaks: &[LineBreak], breaks: &mut Vec<u32>) {
    for (i, here) in line_breaks.iter().enumerate() {
        let nearby = line_breaks[i.saturating_sub(UNIT_NEIGHBOURS)..]
            .iter()
            .take(2 * UNIT_NEIGHBOURS + 1)
            .filter(|b| b.at.abs_diff(here.at) <= UNIT_REACH);
        let (lines, punctuated) = nearby.fold((0, 0), |(n, p), b| {
            (n + 1, p + usize::from(b.after_sentence))
        });
        if here.blank || punctuated * 2 > lines {
            breaks.push(here.at);
        }
    }
}

/// How many line breaks on either side decide whether lines are units, and
/// how far away (folded bytes) they may be: a few lines, well within the
/// overlap of chunked audits.
const UNIT_NEIGHBOURS: usize = 4;
const UNIT_REACH: u32 = 1024;

/// A line break of the folded text.
#[derive(Debug, Clone, Copy)]
struct LineBreak {
    /// The folded index of the space it became.
    at: u32,
    /// A blank line (two line breaks or more).
    blank: bool,
    /// The line before it ends in sentence punctuation.
    after_sentence: bool,
}

/// A run of whitespace not yet written: where it starts in the original,
/// how many line breaks it holds, and whether the text before the first of
/// them ends in sentence punctuation.
#[derive(Default)]
struct PendingSpace {
    at: Option<u32>,
    newlines: u32,
    after_sentence: bool,
}

/// Folds a glossary form or a short string: like [`fold_into`], then trimmed.
pub fn fold_str(s: &str) -> String {
    let mut folded = Folded::default();
    fold_into(s, &mut folded);
    folded.text.trim().to_string()
}

/// An ASCII byte that is not whitespace: copied as it is, lowercased.
fn is_plain(b: u8) -> bool {
    b.is_ascii() && !is_ascii_space(b)
}

fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Escapes of punctuation that text copied from HTML or through a Moses
/// tokenizer keeps, and the character each stands for.
const ENTITIES: &[(&[u8], u8)] = &[
    (b"&quot;", b'"'),
    (b"&#34;", b'"'),
    (b"&apos;", b'\''),
    (b"&#39;", b'\''),
    (b"&#x27;", b'\''),
    (b"&amp;", b'&'),
    (b"&lt;", b'<'),
    (b"&gt;", b'>'),
];

/// The length of the entity of [`ENTITIES`] that `bytes` starts with, and
/// the character it stands for.
fn entity_at(bytes: &[u8]) -> Option<(usize, u8)> {
    ENTITIES
        .iter()
        .find(|(entity, _)| bytes.starts_with(entity))
        .map(|&(entity, c)| (entity.len(), c))
}

/// Whether the ASCII run `run` holds something [`push_unescaped`] undoes: a
/// backtick, an `&` or an `@` (perhaps of an entity or a split hyphen), or
/// an apostrophe after a space (perhaps a split possessive).
fn needs_unescaping(run: &[u8]) -> bool {
    memchr::memchr3(b'`', b'&', b'@', run).is_some()
        || memchr::memchr_iter(b'\'', run).any(|i| i > 0 && run[i - 1] == b' ')
}

/// Hyphens and separators in numbers that Moses' aggressive tokenizer split
/// off as ` @-@ `, ` @,@ `, ` @.@ `: each folds back to its middle byte,
/// without the spaces.
const SPLIT_JOINERS: &[&[u8]] = &[b" @-@ ", b" @,@ ", b" @.@ "];

/// Whether the apostrophe that ends just before byte `at` is a possessive
/// a tokenizer split from its word (`Jinping 's`, `China ' s`,
/// `Jinping &apos;s`): then `s` follows, perhaps after one more space, and
/// ends the word. Returns how many bytes from `at` up to and including
/// the `s` (1 or 2), or 0.
fn split_possessive(bytes: &[u8], at: usize) -> usize {
    let rest = &bytes[at..];
    let s_at = usize::from(rest.first() == Some(&b' '));
    let ends_word = |i: usize| {
        rest.get(i)
            .is_none_or(|&b| !b.is_ascii_alphanumeric() && b != b'\'')
    };
    if matches!(rest.get(s_at), Some(b's' | b'S')) && ends_word(s_at + 1) {
        s_at + 1
    } else {
        0
    }
}

/// The length of the apostrophe (`'` or an entity of one) that `bytes`
/// starts with.
fn apostrophe_at(bytes: &[u8]) -> Option<usize> {
    match bytes.first() {
        Some(b'\'') => Some(1),
        Some(b'&') => entity_at(bytes).and_then(|(len, c)| (c == b'\'').then_some(len)),
        _ => None,
    }
}

/// Appends the ASCII run `bytes[start..end]` lowercased, a backtick as an
/// apostrophe and each of [`ENTITIES`] as its character, which keeps the
/// offset of its `&`. The tokenizer's splits are joined again: a space
/// before a possessive `'s` goes, and ` @-@ ` is a hyphen.
fn push_unescaped(out: &mut Folded, bytes: &[u8], start: usize, end: usize) {
    let mut at = start;
    while at < end {
        let run = &bytes[at..end];
        if run[0] == b' ' {
            if let Some(joiner) = SPLIT_JOINERS.iter().find(|j| run.starts_with(j)) {
                out.text.push(char::from(joiner[2]));
                out.offsets.push(at as u32 + 2);
                at += joiner.len();
                continue;
            }
            if let Some(len) = apostrophe_at(&run[1..]) {
                let after = at + 1 + len;
                let possessive = split_possessive(&bytes[..end], after);
                if possessive > 0 {
                    out.text.push('\'');
                    out.offsets.push(at as u32 + 1);
                    out.text
                        .push(char::from(bytes[after + possessive - 1]).to_ascii_lowercase());
                    out.offsets.push((after + possessive - 1) as u32);
                    at = after + possessive;
                    continue;
                }
            }
        }
        let (folded, len) = match run[0] {
            b'`' => (b'\'', 1),
            b'&' => entity_at(run).map_or((b'&', 1), |(len, c)| (c, len)),
            b => (b.to_ascii_lowercase(), 1),
        };
        out.text.push(char::from(folded));
        out.offsets.push(at as u32);
        at += len;
    }
}

/// Writes the one space a run of whitespace folds to, if one is pending.
fn flush_space(out: &mut Folded, pending_space: &mut PendingSpace) {
    if let Some(space_at) = pending_space.at.take() {
        if pending_space.newlines > 0 {
            out.line_breaks.push(LineBreak {
                at: out.text.len() as u32,
                blank: pending_space.newlines > 1,
                after_sentence: pending_space.after_sentence,
            });
        }
        // Leading whitespace is kept as one space so that a document that
        // starts with blanks keeps a boundary before its first word.
        out.text.push(' ');
        out.offsets.push(space_at);
    }
    pending_space.newlines = 0;
}

fn push_char(out: &mut Folded, pending_space: &mut PendingSpace, c: char, offset: u32) {
    flush_space(out, pending_space);
    let before = out.text.len();
    out.text.push(c);
    for _ in before..out.text.len() {
        out.offsets.push(offset);
    }
}

enum Fold {
    Space,
    Drop,
    To(char),
    Lower,
}

fn fold_char(ch: char) -> Fold {
    match ch {
        // Quotes and primes.
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{FF07}' => {
            Fold::To('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' | '«' | '»' => {
            Fold::To('"')
        }
        // The dash family.
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => Fold::To('-'),
        // Invisible characters that only affect layout.
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => Fold::Drop,
        // Full-width ASCII from CJK input methods.
        '\u{FF01}'..='\u{FF5E}' => {
            let ascii = char::from_u32(ch as u32 - 0xFF01 + 0x21).unwrap_or(ch);
            Fold::To(ascii.to_ascii_lowercase())
        }
        c if c.is_whitespace() => Fold::Space,
        _ => Fold::Lower,
    }
}

/// Maps byte offsets of an original text to 1-based lines and character columns.
///
/// Built once per document from a memchr scan for newlines; a lookup is a
/// binary search plus a character count within one line, so only findings
/// pay for it.
#[derive(Debug, Default)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the newlines of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { line_starts }
    }

    /// The 1-based line and 1-based character column of byte `offset` in `text`.
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        let column = text[line_start..offset].chars().count() + 1;
        (line, column)
    }
}

/// Like [`LineIndex`], for offsets visited mostly in increasing order (the
/// findings of a document): the column is counted on from the previous
/// offset instead of from the start of the line, so a document that is one
/// huge line costs one pass, not one pass per finding.
#[derive(Debug, Default)]
pub struct LineCursor {
    index: LineIndex,
    /// The last offset asked for, and its line and column.
    at: (usize, usize, usize),
}

impl LineCursor {
    /// Indexes the newlines of `text`.
    pub fn new(text: &str) -> LineCursor {
        LineCursor {
            index: LineIndex::new(text),
            at: (0, 1, 1),
        }
    }

    /// The 1-based line and 1-based character column of byte `offset` in
    /// `text`, as [`LineIndex::line_column`] gives them.
    pub fn line_column(&mut self, text: &str, offset: usize) -> (usize, usize) {
        let (last, last_line, last_column) = self.at;
        let line = self.index.line_starts.partition_point(|&s| s <= offset);
        let column = if line == last_line && offset >= last {
            last_column + text[last..offset].chars().count()
        } else {
            text[self.index.line_starts[line - 1]..offset]
                .chars()
                .count()
                + 1
        };
        self.at = (offset, line, column);
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (input, folded)
    const FOLD_CASES: &[(&str, &str)] = &[
        (
            "Community with a Shared Future",
            "community with a shared future",
        ),
        (
            "Community with a Shared\nFuture",
            "community with a shared future",
        ),
        ("shared\r\n  future", "shared future"),
        ("shared\u{00A0}future", "shared future"),
        ("shared\u{3000}future", "shared future"),
        ("Leader\u{2019}s", "leader's"),
        ("\u{201C}new cold war\u{201D}", "\"new cold war\""),
        ("win\u{2013}win", "win-win"),
        ("zero\u{2014}sum", "zero-sum"),
        ("ＢＲＩ", "bri"),
        ("soft\u{00AD}hyphen", "softhyphen"),
        ("  lead", " lead"),
        ("trail  ", "trail "),
        ("人类命运共同体", "人类命运共同体"),
        ("it`s", "it's"),
        (
            "Xi Jinping&apos;s &quot;Belt and Road&quot;",
            "xi jinping's \"belt and road\"",
        ),
        ("R&amp;D &#39;x&#39; &lt;b&gt;", "r&d 'x' <b>"),
        ("AT&T &quo &amp", "at&t &quo &amp"),
        (
            "Xi Jinping 's plan, China ' s road, Jinping &apos;s, China \u{2019}s, \u{2018}so",
            "xi jinping's plan, china's road, jinping's, china's, 'so",
        ),
        ("the 'spirit' 'S' is 'said", "the 'spirit' 's' is 'said"),
        (
            "win @-@ win, 1 @,@ 000 @.@ 5, a@-@b",
            "win-win, 1,000.5, a@-@b",
        ),
        ("", ""),
    ];

    /// The folded text at each break.
    fn breaks(text: &str) -> Vec<String> {
        let folded = Folded::new(text);
        folded
            .breaks
            .iter()
            .map(|&b| folded.text[..b as usize].to_string())
            .collect()
    }

    #[test]
    fn breaks_are_blank_lines_or_line_breaks_between_units() {
        // Hard-wrapped prose: only the blank line breaks.
        assert_eq!(
            breaks("a community of\nhuman destiny is\nnew.\n\nNext one\nhere"),
            ["a community of human destiny is new."]
        );
        // One sentence per line under a heading: every line break.
        assert_eq!(
            breaks("Heading\r\nOne. Two.\n“Three.”\nFour"),
            [
                "heading",
                "heading one. two.",
                "heading one. two. \"three.\""
            ]
        );
        assert!(breaks("no line breaks at all.").is_empty());
        // The decision is local: hard-wrapped prose followed by a list of
        // sentences breaks only among the sentences.
        let mixed = format!(
            "{}heading\nOne.\nTwo.\nThree.\nFour.\nFive.\n",
            "wrapped prose\n".repeat(20)
        );
        let found = breaks(&mixed);
        assert!(found.len() >= 3, "{found:?}");
        assert!(found.iter().all(|b| b.ends_with('.')), "{found:?}");
    }

    #[test]
    fn folds_case_quotes_dashes_and_whitespace() {
        for (input, expected) in FOLD_CASES {
            assert_eq!(Folded::new(input).text, *expected, "input {input:?}");
        }
    }

    #[test]
    fn folding_is_idempotent() {
        for (input, _) in FOLD_CASES {
            let once = Folded::new(input).text;
            assert_eq!(Folded::new(&once).text, once, "input {input:?}");
        }
    }

    #[test]
    fn offsets_map_back_to_original_spans() {
        let original = "A Community\u{00A0}with a\n Shared Future’s end";
        assert_eq!(
            original_of(original, "community with a shared future"),
            "Community\u{00A0}with a\n Shared Future"
        );
        let folded = Folded::new(original);
        let quote = folded.text.find('\'').unwrap();
        assert_eq!(
            &original[folded.original_span(original, quote, quote + 1).0..][..3],
            "’"
        );
    }

    #[test]
    fn an_entity_maps_back_whole() {
        assert_eq!(
            original_of("the &quot;Belt and Road&quot; plan", "\"belt and road\""),
            "&quot;Belt and Road&quot;"
        );
    }

    #[test]
    fn a_split_token_maps_back_whole() {
        assert_eq!(
            original_of("Xi Jinping &apos;s thought", "jinping's"),
            "Jinping &apos;s"
        );
        assert_eq!(
            original_of("China ’ s road", "china's road"),
            "China ’ s road"
        );
        assert_eq!(original_of("a win @-@ win deal", "win-win"), "win @-@ win");
    }

    /// The original text behind the first occurrence of `needle` in the
    /// folded `original`.
    fn original_of<'a>(original: &'a str, needle: &str) -> &'a str {
        let folded = Folded::new(original);
        let start = folded.text.find(needle).unwrap();
        let (s, e) = folded.original_span(original, start, start + needle.len());
        &original[s..e]
    }

    #[test]
    fn span_end_covers_multi_byte_expansion() {
        let original = "xİy";
        let folded = Folded::new(original);
        assert_eq!(folded.text, "xi\u{307}y");
        // The first folded byte of the expansion alone still maps to the whole character.
        let (s, e) = folded.original_span(original, 1, 2);
        assert_eq!(&original[s..e], "İ");
    }

    #[test]
    fn line_and_character_column() {
        let text = "first line\nsecond “line” here\r\nthird";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(text, 0), (1, 1));
        let here = text.find("here").unwrap();
        assert_eq!(index.line_column(text, here), (2, 15));
        let third = text.find("third").unwrap();
        assert_eq!(index.line_column(text, third), (3, 1));
    }

    #[test]
    fn cursor_agrees_with_index_in_any_order() {
        let text = "first line\nsecond “line” here\r\nthird ok";
        let index = LineIndex::new(text);
        let mut cursor = LineCursor::new(text);
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let backwards = offsets.iter().rev();
        for &offset in offsets
            .iter()
            .chain(backwards)
            .chain(offsets.iter().step_by(3))
        {
            assert_eq!(
                cursor.line_column(text, offset),
                index.line_column(text, offset),
                "offset {offset}"
            );
        }
    }
}
