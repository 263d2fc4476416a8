//! Character-bigram Sørensen–Dice of many windows against a few fixed forms.
//!
//! `strsim::sorensen_dice` collects both strings and builds a hash map of one
//! string's bigrams on every call, which made it a quarter of a whole audit.
//! Fuzzy matching compares many windows with the same few hundred forms, so
//! each form's bigrams are sorted once ([`Profile`]), a window's are sorted
//! into a reused buffer, and one merge counts the shared ones. The value is
//! strsim's to the last bit: same whitespace removal, same multiset
//! intersection, same byte-length denominator (a property test holds it to
//! strsim).

/// A form's non-whitespace text and its sorted bigrams.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    text: String,
    bigrams: Vec<u64>,
}

impl Profile {
    /// Characters and bytes of the form that are not whitespace.
    pub fn length(&self) -> (usize, usize) {
        (
            self.bigrams.len() + usize::from(!self.text.is_empty()),
            self.text.len(),
        )
    }
}

impl Profile {
    /// Prepares `text` for comparison.
    pub fn new(text: &str) -> Profile {
        let mut profile = Profile::default();
        fill(text, &mut profile.text, &mut profile.bigrams);
        profile
    }
}

/// Reused buffers for the window side of [`dice`].
#[derive(Debug, Default)]
pub struct WindowBuffers {
    text: String,
    bigrams: Vec<u64>,
}

/// `strsim::sorensen_dice(window, form)`, with `form` prepared.
pub fn dice(window: &str, form: &Profile, buffers: &mut WindowBuffers) -> f64 {
    fill(window, &mut buffers.text, &mut buffers.bigrams);
    let (a, b) = (&buffers.text, &form.text);
    if a == b {
        return 1.0;
    }
    if a.len() < 2 || b.len() < 2 {
        return 0.0;
    }
    let (mut x, mut y) = (
        buffers.bigrams.iter().peekable(),
        form.bigrams.iter().peekable(),
    );
    let mut shared = 0usize;
    while let (Some(&&p), Some(&&q)) = (x.peek(), y.peek()) {
        match p.cmp(&q) {
            std::cmp::Ordering::Less => {
                x.next();
            }
            std::cmp::Ordering::Greater => {
                y.next();
            }
            std::cmp::Ordering::Equal => {
                shared += 1;
                x.next();
                y.next();
            }
        }
    }
    (2 * shared) as f64 / (a.len() + b.len() - 2) as f64
}

/// Writes `source` without whitespace into `text` and its sorted bigrams
/// (two chars packed in a `u64`) into `bigrams`.
fn fill(source: &str, text: &mut String, bigrams: &mut Vec<u64>) {
    text.clear();
    bigrams.clear();
    let mut previous: Option<char> = None;
    for c in source.chars().filter(|c| !c.is_whitespace()) {
        text.push(c);
        if let Some(p) = previous {
            bigrams.push(u64::from(p) << 32 | u64::from(c));
        }
        previous = Some(c);
    }
    bigrams.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ours(a: &str, b: &str) -> f64 {
        dice(a, &Profile::new(b), &mut WindowBuffers::default())
    }

    #[test]
    fn agrees_with_strsim_on_examples() {
        for (a, b) in [
            ("", ""),
            ("", "a"),
            ("a", "a"),
            ("french", "quebec"),
            ("ferris", "ferris"),
            ("feris", "ferris"),
            (
                "community of human destiny",
                "community shared future mankind",
            ),
            ("aaaa", "aa"),
            ("é", "é "),
            ("ß", "ss"),
        ] {
            assert_eq!(
                ours(a, b).to_bits(),
                strsim::sorensen_dice(a, b).to_bits(),
                "{a:?} {b:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn agrees_with_strsim(a in "[a-e é\u{3000}]{0,12}", b in "[a-e é\u{3000}]{0,12}") {
            prop_assert_eq!(ours(&a, &b).to_bits(), strsim::sorensen_dice(&a, &b).to_bits());
        }
    }
}
