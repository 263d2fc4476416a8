//! Horizontal bar charts of adherence as inline SVG: no script, no library,
//! and they print.

use std::fmt::Write;

use super::escape;
use crate::report::tally::Tally;

/// Bars shown at most; the rest are counted in a note. The lowest adherence
/// comes first, so what is left out is what is doing best.
pub const MAX_BARS: usize = 60;

const LABEL_WIDTH: u32 = 280;
const BAR_WIDTH: u32 = 360;
const VALUE_WIDTH: u32 = 130;
const ROW_HEIGHT: u32 = 22;
/// Characters of a label shown before it is cut (the full text is in its
/// tooltip).
const LABEL_CHARS: usize = 42;

/// One bar: a label, its counts, and where clicking it leads.
#[derive(Debug, Clone)]
pub struct Bar<'a> {
    /// What the bar stands for (a concept, a file, a folder).
    pub label: &'a str,
    /// Shown on hover.
    pub title: String,
    /// The counts behind it.
    pub tally: Tally,
    /// A link target (`#concept=…`), if the bar filters the findings.
    pub href: Option<String>,
}

/// Orders bars worst first: lowest adherence, then most occurrences, then
/// label, so that a manager sees the problems at the top.
pub fn worst_first(bars: &mut [Bar<'_>]) {
    bars.sort_by(|a, b| {
        a.tally
            .adherence()
            .total_cmp(&b.tally.adherence())
            .then(b.tally.all().cmp(&a.tally.all()))
            .then(a.label.cmp(b.label))
    });
}

/// The colour of an adherence: green when nearly all is right, amber, red.
fn colour(adherence: f64) -> &'static str {
    if adherence >= 0.9 {
        "#2e7d32"
    } else if adherence >= 0.6 {
        "#e0a800"
    } else {
        "#c62828"
    }
}

fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_string()
    } else {
        let tail: String = label
            .chars()
            .rev()
            .take(LABEL_CHARS - 1)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        // Paths differ at the end more than at the start.
        format!("…{tail}")
    }
}

/// The chart (first [`MAX_BARS`] bars) and, when bars were left out, a note.
pub fn bar_chart(out: &mut String, caption: &str, bars: &[Bar<'_>]) {
    let shown = &bars[..bars.len().min(MAX_BARS)];
    let width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
    let height = ROW_HEIGHT * shown.len() as u32 + 4;
    let _ = write!(
        out,
        "<svg class=\"chart\" role=\"img\" aria-label=\"{}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape(caption)
    );
    for (i, bar) in shown.iter().enumerate() {
        let y = ROW_HEIGHT * i as u32 + 2;
        let text_y = y + ROW_HEIGHT / 2 + 4;
        let adherence = bar.tally.adherence();
        let filled = (f64::from(BAR_WIDTH) * adherence).round();
        let _ = write!(out, "<g><title>{}</title>", escape(&bar.title));
        if let Some(href) = &bar.href {
            let _ = write!(out, "<a href=\"{}\">", escape(href));
        }
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{text_y}\" text-anchor=\"end\" fill=\"#1d2330\">{}</text>",
            LABEL_WIDTH - 8,
            escape(&shorten(bar.label))
        );
        if bar.href.is_some() {
            out.push_str("</a>");
        }
        let _ = write!(
            out,
            "<rect x=\"{LABEL_WIDTH}\" y=\"{}\" width=\"{BAR_WIDTH}\" height=\"{}\" fill=\"#eef1f6\"/>\
             <rect x=\"{LABEL_WIDTH}\" y=\"{}\" width=\"{filled}\" height=\"{}\" fill=\"{}\"/>\
             <text x=\"{}\" y=\"{text_y}\" fill=\"#1d2330\">{:.1}% <tspan fill=\"#5f6b7a\">({}/{})</tspan></text></g>",
            y + 3,
            ROW_HEIGHT - 6,
            y + 3,
            ROW_HEIGHT - 6,
            colour(adherence),
            LABEL_WIDTH + BAR_WIDTH + 8,
            adherence * 100.0,
            bar.tally.correct(),
            bar.tally.all(),
        );
    }
    out.push_str("</svg>");
    if bars.len() > shown.len() {
        let _ = write!(
            out,
            "<p class=\"note\">The {} with the lowest adherence of {}; all are in the workbook and summary.csv.</p>",
            shown.len(),
            bars.len()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::Status;

    fn tally(correct: u32, wrong: u32) -> Tally {
        let mut t = Tally::default();
        t.add(Status::Preferred, correct);
        t.add(Status::Variant, wrong);
        t
    }

    #[test]
    fn worst_bars_come_first_and_labels_are_escaped() {
        let mut bars = vec![
            Bar {
                label: "good",
                title: "good".into(),
                tally: tally(9, 1),
                href: None,
            },
            Bar {
                label: "<bad>",
                title: "bad".into(),
                tally: tally(1, 3),
                href: Some("#concept=bad".into()),
            },
        ];
        worst_first(&mut bars);
        assert_eq!(bars[0].label, "<bad>");
        let mut out = String::new();
        bar_chart(&mut out, "chart", &bars);
        assert!(out.contains("&lt;bad&gt;</text>"), "{out}");
        assert!(out.contains("25.0% <tspan fill=\"#5f6b7a\">(1/4)</tspan>"));
        assert!(out.contains("<a href=\"#concept=bad\">"));
        assert!(!out.contains("<bad>"));
    }

    #[test]
    fn long_labels_keep_their_end() {
        let label = format!("{}/last-part.txt", "x".repeat(80));
        let short = shorten(&label);
        assert_eq!(short.chars().count(), LABEL_CHARS);
        assert!(short.starts_with('…') && short.ends_with("last-part.txt"));
    }
}
