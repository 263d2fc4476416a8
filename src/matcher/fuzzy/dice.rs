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
    /// Prepares `text` for comparison.
    pub fn new(text: &str) -> Profile {
        let mut profile = Profile::default();
        fill(text, &mut profile.text, &mut profile.bigrams);
        profile.bigrams.sort_unstable();
        profile
    }
}

/// A window's side of the comparison, in buffers reused across windows:
/// loaded once, it gives a cheap upper bound and, when that is worth it,
/// the exact value.
#[derive(Debug, Default)]
pub struct Window {
    text: String,
    bigrams: Vec<u64>,
}

impl Window {
    /// Loads the window's text (its bigrams are sorted only if [`Window::dice`]
    /// needs them).
    pub fn load(&mut self, source: &str) {
        fill(source, &mut self.text, &mut self.bigrams);
    }

    /// An upper bound of [`Window::dice`] from the lengths alone: no more
    /// bigrams can be shared than the shorter string has.
    pub fn bound(&self, form: &Profile) -> f64 {
        let (chars_a, bytes_a) = (char_count(&self.text, &self.bigrams), self.text.len());
        let (chars_b, bytes_b) = (char_count(&form.text, &form.bigrams), form.text.len());
        if chars_a < 2 || chars_b < 2 || (chars_a == chars_b && bytes_a == bytes_b) {
            return 1.0;
        }
        let shared = (chars_a.min(chars_b) - 1) as f64;
        (2.0 * shared / (bytes_a + bytes_b - 2) as f64).min(1.0)
    }

    /// `strsim::sorensen_dice(window, form)`.
    pub fn dice(&mut self, form: &Profile) -> f64 {
        let (a, b) = (&self.text, &form.text);
        if a == b {
            return 1.0;
        }
        if a.len() < 2 || b.len() < 2 {
            return 0.0;
        }
        self.bigrams.sort_unstable();
        let (mut x, mut y) = (
            self.bigrams.iter().peekable(),
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
}

/// Characters of a non-whitespace text, from its bigram count.
fn char_count(text: &str, bigrams: &[u64]) -> usize {
    bigrams.len() + usize::from(!text.is_empty())
}

/// Writes `source` without whitespace into `text` and its bigrams (two
/// chars packed in a `u64`, unsorted) into `bigrams`.
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ours(a: &str, b: &str) -> f64 {
        let mut window = Window::default();
        window.load(a);
        let form = Profile::new(b);
        let bound = window.bound(&form);
        let value = window.dice(&form);
        assert!(
            value <= bound,
            "{a:?} {b:?}: {value} above the bound {bound}"
        );
        value
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
