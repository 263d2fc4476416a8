//! The canonical text of a glossary file: rows sorted by id, cells trimmed,
//! items joined with ` | `. A test keeps the bundled glossary in this form,
//! so diffs of it stay small and reviewable.

use super::{COLUMNS, Concept, ITEM_SEPARATOR};

/// Writes `concepts` as canonical glossary CSV (header, LF line endings).
pub fn to_canonical_csv(concepts: &[Concept]) -> String {
    let mut sorted: Vec<&Concept> = concepts.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer
        .write_record(COLUMNS)
        .expect("writing to memory cannot fail");
    for c in sorted {
        let variants: Vec<String> = c
            .variants
            .iter()
            .map(|v| match v.severity {
                Some(severity) => format!("{} [{severity}]", v.text),
                None => v.text.clone(),
            })
            .collect();
        let row = [
            c.id.clone(),
            c.source.join(ITEM_SEPARATOR),
            c.preferred.clone(),
            c.accepted.join(ITEM_SEPARATOR),
            variants.join(ITEM_SEPARATOR),
            c.patterns.join(ITEM_SEPARATOR),
            c.exceptions.join(ITEM_SEPARATOR),
            c.context.join(ITEM_SEPARATOR),
            c.severity.to_string(),
            c.note.clone(),
            c.must_flag.join(ITEM_SEPARATOR),
            c.must_pass.join(ITEM_SEPARATOR),
        ];
        writer
            .write_record(&row)
            .expect("writing to memory cannot fail");
    }
    let bytes = writer.into_inner().expect("flushing to memory cannot fail");
    String::from_utf8(bytes).expect("glossary cells are UTF-8")
}
