//! Reading glossary CSV files into [`Concept`]s, remembering where every cell
//! started so that validation can point at `file:line:column`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{COLUMNS, Concept, Glossary, ITEM_SEPARATOR, Origin, Position, Severity, Variant};
use crate::error::{GlossaryError, GlossaryErrors};
use crate::normalize::LineIndex;

/// Loads and validates every glossary named by `paths`: a file, or a folder
/// whose `.csv` files (recursively, in path order) are all loaded.
pub fn load_paths(paths: &[PathBuf]) -> Result<Glossary, GlossaryErrors> {
    let files = glossary_files(paths)?;
    let mut concepts = Vec::new();
    let mut errors = Vec::new();
    for file in &files {
        match load_file(file) {
            Ok(mut loaded) => concepts.append(&mut loaded),
            Err(GlossaryErrors(mut file_errors)) => errors.append(&mut file_errors),
        }
    }
    if !errors.is_empty() {
        return Err(GlossaryErrors(errors));
    }
    if concepts.is_empty()
        && let Some(first) = files.first()
    {
        // An audit against nothing would report a clean archive.
        return Err(GlossaryError::new(
            first,
            Position { line: 1, column: 1 },
            "the glossary has no concepts (header only?)",
        )
        .into());
    }
    let glossary = Glossary { concepts };
    super::validate::validate(&glossary)?;
    Ok(glossary)
}

/// The glossary files named by `paths`: files as given, folders expanded to
/// their `.csv` files (recursively, in path order).
pub fn glossary_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, GlossaryErrors> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            match csv_files_in(path) {
                Ok(found) if found.is_empty() => errors.push(GlossaryError::new(
                    path,
                    Position::default(),
                    "no .csv glossary files in this folder",
                )),
                Ok(found) => files.extend(found),
                Err(e) => errors.push(GlossaryError::new(path, Position::default(), e.to_string())),
            }
        } else {
            files.push(path.clone());
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(GlossaryErrors(errors))
    }
}

fn csv_files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(csv_files_in(&path)?);
        } else if path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("csv"))
        {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Parses and validates glossary CSV held in memory; `path` names it in errors.
pub fn from_csv_str(path: &Path, text: &str) -> Result<Glossary, GlossaryErrors> {
    let glossary = Glossary {
        concepts: parse(path, text)?,
    };
    super::validate::validate(&glossary)?;
    Ok(glossary)
}

/// Parses one glossary file (without cross-file validation).
pub fn load_file(path: &Path) -> Result<Vec<Concept>, GlossaryErrors> {
    // A pipe or a device would block the read or never end.
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        return Err(GlossaryError::new(path, Position::default(), "not a regular file").into());
    }
    let bytes = std::fs::read(path)
        .map_err(|e| GlossaryError::new(path, Position::default(), format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = std::str::from_utf8(&e.as_bytes()[..valid]).unwrap_or_default();
        let at = LineIndex::new(prefix).line_column(prefix, valid);
        GlossaryError::new(path, position(at), "not valid UTF-8")
    })?;
    parse(path, &text)
}

fn position((line, column): (usize, usize)) -> Position {
    Position {
        line: line as u64,
        column: column as u64,
    }
}

fn parse(path: &Path, text: &str) -> Result<Vec<Concept>, GlossaryErrors> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(GlossaryError::new(
            path,
            Position { line: 1, column: 1 },
            format!("empty file: expected a header row ({})", COLUMNS.join(",")),
        )
        .into());
    }
    let lines = LineIndex::new(text);
    let at = |offset: usize| position(lines.line_column(text, offset.min(text.len())));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| csv_error(path, text, &lines, &e))?
        .clone();
    let (header_starts, _) = cell_spans(text, 0);
    let mut column_of = HashMap::new();
    let mut errors = Vec::new();
    for (i, name) in headers.iter().enumerate() {
        let start = header_starts.get(i).map_or(0, |s| s.0);
        match COLUMNS.iter().position(|c| *c == name.trim()) {
            Some(known) if column_of.contains_key(&known) => errors.push(GlossaryError::new(
                path,
                at(start),
                format!("duplicate column {name:?}"),
            )),
            Some(known) => {
                column_of.insert(known, i);
            }
            None => errors.push(GlossaryError::new(
                path,
                at(start),
                format!("unknown column {name:?} (expected: {})", COLUMNS.join(",")),
            )),
        }
    }
    for required in ["id", "preferred"] {
        let index = COLUMNS
            .iter()
            .position(|c| *c == required)
            .expect("required column is known");
        if !column_of.contains_key(&index) {
            errors.push(GlossaryError::new(
                path,
                at(0),
                format!("missing column {required:?}"),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(GlossaryErrors(errors));
    }

    let mut concepts = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                errors.push(csv_error(path, text, &lines, &e));
                continue;
            }
        };
        let record_start = record_start(text, record.position());
        let (spans, unclosed) = cell_spans(text, record_start);
        if let Some(quote) = unclosed {
            // The quote swallowed every row after it: say so, not "ok".
            errors.push(GlossaryError::new(
                path,
                at(quote),
                "quoted cell never closed: the rest of the file became part of it",
            ));
            continue;
        }
        let mut origin = Origin {
            path: path.to_path_buf(),
            cells: vec![at(record_start); COLUMNS.len()],
            raw_cells: vec![String::new(); COLUMNS.len()],
        };
        let mut cells = vec![""; COLUMNS.len()];
        for (&known, &field) in &column_of {
            cells[known] = record.get(field).unwrap_or("");
            if let Some(&(start, end)) = spans.get(field) {
                origin.cells[known] = at(start);
                origin.raw_cells[known] = text[start..end].to_string();
            }
        }
        match concept_from_cells(&cells, origin) {
            Ok(concept) => concepts.push(concept),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(concepts)
    } else {
        Err(GlossaryErrors(errors))
    }
}

fn csv_error(path: &Path, text: &str, lines: &LineIndex, e: &csv::Error) -> GlossaryError {
    let offset = record_start(text, e.position());
    let (_, unclosed) = cell_spans(text, offset);
    let (offset, reason) = match (e.kind(), unclosed) {
        (_, Some(quote)) => (
            quote,
            "quoted cell never closed: the rest of the file became part of it".to_string(),
        ),
        (
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            },
            None,
        ) => (
            offset,
            format!("this row has {len} cells, the header has {expected_len}"),
        ),
        _ => (offset, e.to_string()),
    };
    GlossaryError::new(
        path,
        position(lines.line_column(text, offset)),
        format!("malformed CSV: {reason}"),
    )
}

/// Where a record starts in `text`. The csv crate reports the byte after the
/// previous record's first terminator byte, which for CRLF files is the
/// `\n`: skip line breaks, as no record starts with one.
fn record_start(text: &str, position: Option<&csv::Position>) -> usize {
    let mut at = position.map_or(0, |p| p.byte() as usize).min(text.len());
    while matches!(text.as_bytes().get(at), Some(b'\r' | b'\n')) {
        at += 1;
    }
    at
}

/// Byte spans of the raw cells of the CSV record starting at `start`, and
/// the offset of a quote opened in it and never closed, if any.
///
/// The csv crate parses the values; this only finds where each cell begins
/// in the file, which the crate does not report, by walking the record's
/// quote structure.
fn cell_spans(text: &str, start: usize) -> (Vec<(usize, usize)>, Option<usize>) {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = start;
    loop {
        let cell_start = i;
        // As in the csv crate, only a quote that starts a cell opens a
        // quoted cell; elsewhere it is a literal character.
        if bytes.get(i) == Some(&b'"') {
            i += 1;
            loop {
                match bytes.get(i) {
                    None => {
                        spans.push((cell_start, i));
                        return (spans, Some(cell_start));
                    }
                    Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
        }
        while i < bytes.len() && !matches!(bytes[i], b',' | b'\n' | b'\r') {
            i += 1;
        }
        spans.push((cell_start, i));
        if i >= bytes.len() || bytes[i] != b',' {
            return (spans, None);
        }
        i += 1;
    }
}

fn split_items(cell: &str) -> Vec<String> {
    // Padding lets a stray separator at either end split off as an empty item.
    format!(" {cell} ")
        .split(ITEM_SEPARATOR)
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_string)
        .collect()
}

fn concept_from_cells(cells: &[&str], origin: Origin) -> Result<Concept, GlossaryError> {
    let cell = |name: &str| {
        let index = COLUMNS
            .iter()
            .position(|c| *c == name)
            .expect("known column");
        cells[index].trim()
    };
    let severity_text = cell("severity");
    let severity = if severity_text.is_empty() {
        Severity::Error
    } else {
        severity_text.parse().map_err(|reason| {
            GlossaryError::new(&origin.path, origin.locate("severity", None), reason)
        })?
    };
    let mut variants = Vec::new();
    for item in split_items(cell("variants")) {
        variants.push(parse_variant(&item).map_err(|reason| {
            GlossaryError::new(&origin.path, origin.locate("variants", Some(&item)), reason)
        })?);
    }
    Ok(Concept {
        id: cell("id").to_string(),
        source: split_items(cell("source")),
        preferred: cell("preferred").to_string(),
        accepted: split_items(cell("accepted")),
        variants,
        patterns: split_items(cell("patterns")),
        exceptions: split_items(cell("exceptions")),
        context: split_items(cell("context")),
        severity,
        note: cell("note").to_string(),
        must_flag: split_items(cell("must_flag")),
        must_pass: split_items(cell("must_pass")),
        origin,
    })
}

/// Parses `form` or `form [severity]`.
fn parse_variant(item: &str) -> Result<Variant, String> {
    if let Some(open) = item.rfind(" [")
        && let Some(inner) = item[open + 2..].strip_suffix(']')
    {
        return Ok(Variant {
            text: item[..open].trim().to_string(),
            severity: Some(inner.trim().parse()?),
        });
    }
    Ok(Variant {
        text: item.to_string(),
        severity: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Vec<Concept>, GlossaryErrors> {
        parse(Path::new("g.csv"), text)
    }

    #[test]
    fn items_and_variant_severity() {
        let concepts = parse_str(
            "id,preferred,variants,severity\n\
             x,shared future,\"bad one | old one [info] | \",warning\n",
        )
        .unwrap();
        let c = &concepts[0];
        assert_eq!(c.severity, Severity::Warning);
        assert_eq!(
            c.variants,
            vec![
                Variant {
                    text: "bad one".into(),
                    severity: None
                },
                Variant {
                    text: "old one".into(),
                    severity: Some(Severity::Info)
                },
            ]
        );
    }

    #[test]
    fn positions_point_into_the_file() {
        let text = "id,preferred,severity\nok,fine,error\nbad,\"multi\nline\",sever\n";
        let err = parse_str(text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "g.csv:4:7: unknown severity \"sever\" (expected error, warning or info)"
        );
    }

    #[test]
    fn unknown_and_missing_columns() {
        let err = parse_str("id,varients\nx,y\n").unwrap_err().to_string();
        assert!(
            err.contains("g.csv:1:4: unknown column \"varients\""),
            "{err}"
        );
        assert!(
            err.contains("g.csv:1:1: missing column \"preferred\""),
            "{err}"
        );
    }

    #[test]
    fn ragged_record_is_reported_with_its_line() {
        let err = parse_str("id,preferred\na,b\nc,d,e\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("g.csv:3:1: malformed CSV"), "{err}");
    }

    #[test]
    fn crlf_rows_are_located_on_their_own_line() {
        let text = "id,preferred,severity\r\nok,fine,error\r\nbad,\"multi\r\nline\",sever\r\n";
        let err = parse_str(text).unwrap_err().to_string();
        assert_eq!(
            err,
            "g.csv:4:7: unknown severity \"sever\" (expected error, warning or info)"
        );
        let err = parse_str("id,preferred\r\na,b\r\nc,d,e\r\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "g.csv:3:1: malformed CSV: this row has 3 cells, the header has 2"
        );
    }

    #[test]
    fn unclosed_quote_is_an_error_not_a_swallowed_row() {
        let err = parse_str("id,preferred\nx,\"good thing\ny,other\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "g.csv:2:3: quoted cell never closed: the rest of the file became part of it"
        );
        let err = parse_str("id,preferred,variants\nx,\"oops,bad\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("g.csv:2:3: malformed CSV: quoted cell never closed"),
            "{err}"
        );
    }

    #[test]
    fn quote_inside_a_cell_is_literal() {
        let concepts = parse_str("id,preferred,note\nx,5\" screen,a \"b\" c\n").unwrap();
        assert_eq!(concepts[0].preferred, "5\" screen");
        assert_eq!(concepts[0].note, "a \"b\" c");
    }

    #[test]
    fn empty_file_names_the_header_it_needs() {
        let err = parse_str("\u{FEFF}").unwrap_err().to_string();
        assert!(
            err.starts_with("g.csv:1:1: empty file: expected a header row (id,"),
            "{err}"
        );
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let concepts = parse_str("\u{FEFF}id,preferred\r\nx,shared future\r\n").unwrap();
        assert_eq!(concepts[0].id, "x");
        assert_eq!(concepts[0].preferred, "shared future");
    }
}
