//! Terminology interchange: TBX (ISO 30042) termbases to glossary concepts
//! and back.
//!
//! Terminologists keep termbases in CAT tools that speak TBX, not in our
//! CSV. Import reads TBX-Basic (v2 `<martif>`/`<termEntry>`/`<langSet>`/
//! `<tig>`, and v3 `<conceptEntry>`/`<langSec>`/`<termSec>`): each English
//! term goes by its `administrativeStatus` (`preferredTerm-admn-sts` →
//! preferred, `admittedTerm-admn-sts` → accepted, `deprecatedTerm-admn-sts`
//! → variant, `supersededTerm-admn-sts` → variant at `info`, as legacy
//! official renderings are), the Chinese terms become `source`, and the
//! entry's id, made kebab-case, becomes the concept id.
//!
//! Export writes TBX-Basic v2. What TBX has no place for (severity, regex
//! patterns, exceptions, context, self-test sentences) goes into `<admin>` and
//! `<termNote>` elements of type `x-termaudit-*`, which other tools ignore
//! and import reads back, so a round trip keeps everything.

use std::collections::HashSet;
use std::fmt::Write as _;

use quick_xml::events::Event;

use super::{Concept, Origin, Severity, Variant};
use crate::extract::ExtractError;
use crate::extract::xml::{XmlReader, attribute, local_name, read_text};

const SEVERITY: &str = "x-termaudit-severity";
const PATTERN: &str = "x-termaudit-pattern";
const EXCEPTION: &str = "x-termaudit-exception";
const CONTEXT: &str = "x-termaudit-context";
const MUST_FLAG: &str = "x-termaudit-must-flag";
const MUST_PASS: &str = "x-termaudit-must-pass";

/// What an import produced.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// The concepts, in termbase order (not validated yet).
    pub concepts: Vec<Concept>,
    /// Entries that were left out, and why.
    pub skipped: Vec<String>,
}

/// A termbase that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TbxError(pub ExtractError);

/// One term of an entry being read.
#[derive(Debug, Default)]
struct Term {
    lang: String,
    text: String,
    status: Option<String>,
    severity: Option<String>,
}

/// One entry being read.
#[derive(Debug, Default)]
struct Entry {
    id: Option<String>,
    notes: Vec<String>,
    definitions: Vec<String>,
    admin: Vec<(String, String)>,
    terms: Vec<Term>,
}

/// Reads a TBX termbase into concepts.
pub fn from_tbx(input: &str) -> Result<Imported, TbxError> {
    parse(input).map_err(|e| TbxError(e.locate(input)))
}

fn parse(input: &str) -> Result<Imported, ExtractError> {
    let mut reader = XmlReader::new(input);
    let mut entries: Vec<Entry> = Vec::new();
    let mut entry: Option<Entry> = None;
    let mut lang = String::new();
    let mut term: Option<Term> = None;
    while let Some((event, _)) = reader.next()? {
        match &event {
            Event::Start(e) => {
                let name = local_name(e).to_string();
                let kind = attribute(e, "type").unwrap_or_default();
                match name.as_str() {
                    "termEntry" | "conceptEntry" => {
                        entry = Some(Entry {
                            id: attribute(e, "id"),
                            ..Entry::default()
                        })
                    }
                    "langSet" | "langSec" => {
                        lang = attribute(e, "xml:lang").unwrap_or_default();
                    }
                    "tig" | "ntig" | "termSec" => {
                        term = Some(Term {
                            lang: lang.clone(),
                            ..Term::default()
                        })
                    }
                    "term" => {
                        let text = read_text(&mut reader)?;
                        if let Some(term) = term.as_mut() {
                            term.text = text;
                        }
                    }
                    "termNote" => {
                        let text = read_text(&mut reader)?;
                        if let Some(term) = term.as_mut() {
                            match kind.as_str() {
                                "administrativeStatus" | "normativeAuthorization" => {
                                    term.status = Some(text)
                                }
                                SEVERITY => term.severity = Some(text),
                                _ => {}
                            }
                        }
                    }
                    "note" | "descrip" | "admin" if term.is_none() => {
                        let text = read_text(&mut reader)?;
                        if let Some(entry) = entry.as_mut() {
                            match name.as_str() {
                                "note" => entry.notes.push(text),
                                "descrip" if kind == "definition" => entry.definitions.push(text),
                                "admin" => entry.admin.push((kind, text)),
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "tig" | "ntig" | "termSec" => {
                    if let (Some(done), Some(entry)) = (term.take(), entry.as_mut())
                        && !done.text.is_empty()
                    {
                        entry.terms.push(done);
                    }
                }
                "termEntry" | "conceptEntry" => entries.extend(entry.take()),
                _ => {}
            },
            _ => {}
        }
    }
    let mut imported = Imported::default();
    let mut ids = HashSet::new();
    for (i, entry) in entries.into_iter().enumerate() {
        match concept_of(entry, i + 1, &mut ids) {
            Ok(concept) => imported.concepts.push(concept),
            Err(reason) => imported.skipped.push(reason),
        }
    }
    Ok(imported)
}

/// Returns true if and only if `lang` has the primary language subtag `primary`.
fn is_lang(lang: &str, primary: &str) -> bool {
    lang.split(['-', '_'])
        .next()
        .is_some_and(|p| p.eq_ignore_ascii_case(primary))
}

/// The status of a term, without the `-admn-sts` suffix.
fn status_of(term: &Term) -> &str {
    term.status
        .as_deref()
        .map_or("", |s| s.trim().trim_end_matches("-admn-sts"))
}

fn concept_of(entry: Entry, number: usize, ids: &mut HashSet<String>) -> Result<Concept, String> {
    let english: Vec<&Term> = entry
        .terms
        .iter()
        .filter(|t| is_lang(&t.lang, "en"))
        .collect();
    let preferred_at = ["preferredTerm", "", "admittedTerm"]
        .iter()
        .find_map(|wanted| english.iter().position(|t| status_of(t) == *wanted))
        .ok_or_else(|| {
            format!(
                "entry {} has no preferred or admitted English term",
                entry.id.clone().unwrap_or_else(|| number.to_string())
            )
        })?;
    let preferred = english[preferred_at].text.clone();
    let mut accepted = Vec::new();
    let mut variants = Vec::new();
    for (i, term) in english.iter().enumerate() {
        if i == preferred_at {
            continue;
        }
        let severity = term.severity.as_deref().and_then(|s| s.trim().parse().ok());
        match status_of(term) {
            "deprecatedTerm" => variants.push(Variant {
                text: term.text.clone(),
                severity,
            }),
            "supersededTerm" => variants.push(Variant {
                text: term.text.clone(),
                severity: severity.or(Some(Severity::Info)),
            }),
            _ => accepted.push(term.text.clone()),
        }
    }
    let admin = |kind: &str| -> Vec<String> {
        entry
            .admin
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let severity = admin(SEVERITY)
        .first()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(Severity::Error);
    let notes = if entry.notes.is_empty() {
        &entry.definitions
    } else {
        &entry.notes
    };
    let mut id = [entry.id.as_deref().unwrap_or_default(), preferred.as_str()]
        .iter()
        .map(|s| kebab_case(s))
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| format!("concept-{number}"));
    if !ids.insert(id.clone()) {
        let base = id.clone();
        let mut n = 2;
        while !ids.insert(format!("{base}-{n}")) {
            n += 1;
        }
        id = format!("{base}-{n}");
    }
    Ok(Concept {
        id,
        source: entry
            .terms
            .iter()
            .filter(|t| is_lang(&t.lang, "zh"))
            .map(|t| t.text.clone())
            .collect(),
        preferred,
        accepted,
        variants,
        patterns: admin(PATTERN),
        exceptions: admin(EXCEPTION),
        context: admin(CONTEXT),
        severity,
        note: notes.join(" "),
        must_flag: admin(MUST_FLAG),
        must_pass: admin(MUST_PASS),
        origin: Origin::default(),
    })
}

/// `C_001 Community` → `c-001-community`: ASCII letters and digits kept
/// (lowercased), every other run of characters one hyphen.
pub fn kebab_case(s: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for ch in s.chars() {
        if ch.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(ch.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// Writes `concepts` as a TBX-Basic (v2) termbase.
pub fn to_tbx(concepts: &[Concept]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <martif type=\"TBX-Basic\" xml:lang=\"en\">\n\
         \x20 <martifHeader>\n\
         \x20   <fileDesc><sourceDesc><p>Exported by termaudit</p></sourceDesc></fileDesc>\n\
         \x20   <encodingDesc><p type=\"XCSURI\">TBXBasicXCSV02.xcs</p></encodingDesc>\n\
         \x20 </martifHeader>\n\
         \x20 <text>\n\
         \x20   <body>\n",
    );
    for c in concepts {
        // Writing to a String cannot fail.
        let _ = write_entry(&mut out, c);
    }
    out.push_str("    </body>\n  </text>\n</martif>\n");
    out
}

fn write_entry(out: &mut String, c: &Concept) -> std::fmt::Result {
    writeln!(out, "      <termEntry id=\"{}\">", escape(&c.id))?;
    if !c.note.is_empty() {
        writeln!(out, "        <note>{}</note>", escape(&c.note))?;
    }
    writeln!(
        out,
        "        <admin type=\"{SEVERITY}\">{}</admin>",
        c.severity
    )?;
    for (kind, items) in [
        (PATTERN, &c.patterns),
        (EXCEPTION, &c.exceptions),
        (CONTEXT, &c.context),
        (MUST_FLAG, &c.must_flag),
        (MUST_PASS, &c.must_pass),
    ] {
        for item in items {
            writeln!(
                out,
                "        <admin type=\"{kind}\">{}</admin>",
                escape(item)
            )?;
        }
    }
    if !c.source.is_empty() {
        writeln!(out, "        <langSet xml:lang=\"zh\">")?;
        for term in &c.source {
            writeln!(out, "          <tig><term>{}</term></tig>", escape(term))?;
        }
        writeln!(out, "        </langSet>")?;
    }
    writeln!(out, "        <langSet xml:lang=\"en\">")?;
    write_term(out, &c.preferred, "preferredTerm-admn-sts", None)?;
    for term in &c.accepted {
        write_term(out, term, "admittedTerm-admn-sts", None)?;
    }
    for variant in &c.variants {
        match variant.severity {
            Some(Severity::Info) => {
                write_term(out, &variant.text, "supersededTerm-admn-sts", None)?
            }
            other => write_term(out, &variant.text, "deprecatedTerm-admn-sts", other)?,
        }
    }
    writeln!(out, "        </langSet>")?;
    writeln!(out, "      </termEntry>")
}

fn write_term(
    out: &mut String,
    text: &str,
    status: &str,
    severity: Option<Severity>,
) -> std::fmt::Result {
    write!(
        out,
        "          <tig><term>{}</term><termNote type=\"administrativeStatus\">{status}</termNote>",
        escape(text)
    )?;
    if let Some(severity) = severity {
        write!(out, "<termNote type=\"{SEVERITY}\">{severity}</termNote>")?;
    }
    writeln!(out, "</tig>")
}

/// Escapes the five XML special characters.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::glossary::{from_csv_str, to_canonical_csv};

    const TBX_BASIC: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en-US">
<martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="C_001 Community">
  <descrip type="definition">Xi's signature concept.</descrip>
  <langSet xml:lang="zh-CN"><tig><term>人类命运共同体</term></tig></langSet>
  <langSet xml:lang="en-US">
    <tig><term>community of common destiny</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></tig>
    <ntig><termGrp><term>community with a shared future for mankind</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp></ntig>
    <tig><term>community with a shared future for humanity</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
    <tig><term>community of human destiny</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
  </langSet>
  <langSet xml:lang="fr"><tig><term>communauté de destin</term></tig></langSet>
</termEntry>
<termEntry id="c2"><langSet xml:lang="en"><tig><term>only wrong</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet></termEntry>
</body></text></martif>"#;

    #[test]
    fn imports_tbx_basic_by_administrative_status() {
        let imported = from_tbx(TBX_BASIC).unwrap();
        assert_eq!(imported.concepts.len(), 1);
        assert_eq!(
            imported.skipped,
            ["entry c2 has no preferred or admitted English term"]
        );
        let c = &imported.concepts[0];
        assert_eq!(c.id, "c-001-community");
        assert_eq!(c.source, ["人类命运共同体"]);
        assert_eq!(c.preferred, "community with a shared future for mankind");
        assert_eq!(c.accepted, ["community with a shared future for humanity"]);
        assert_eq!(
            c.variants,
            [
                Variant {
                    text: "community of common destiny".into(),
                    severity: Some(Severity::Info)
                },
                Variant {
                    text: "community of human destiny".into(),
                    severity: None
                }
            ]
        );
        assert_eq!(c.note, "Xi's signature concept.");
        assert_eq!(c.severity, Severity::Error);
    }

    #[test]
    fn round_trip_keeps_every_field() {
        let csv = "id,source,preferred,accepted,variants,patterns,exceptions,context,severity,note,must_flag,must_pass\n\
                   community,人类命运共同体 | 命运共同体,community with a shared future for mankind,community with a shared future for humanity,community of human destiny | community of common destiny [info] | destiny community [warning],community of (the )?human destiny,\\biran\\b,\\bbeijing\\b,warning,\"Official since 2015 & \"\"quoted\"\" <b>.\",We build a community of human destiny.,We build a community with a shared future for mankind.\n\
                   leader,,Xi Jinping,,Supreme Leader,,,,error,,,\n";
        let glossary = from_csv_str(Path::new("g.csv"), csv).unwrap();
        let tbx = to_tbx(&glossary.concepts);
        let back = from_tbx(&tbx).unwrap();
        assert!(back.skipped.is_empty());
        assert_eq!(
            to_canonical_csv(&back.concepts),
            to_canonical_csv(&glossary.concepts)
        );
    }

    #[test]
    fn broken_tbx_is_an_error_with_a_position() {
        let e = from_tbx("<martif>\n<termEntry id=\"a\">\n</martif>").unwrap_err();
        assert!(e.to_string().starts_with("line 3, column"), "{e}");
    }

    #[test]
    fn kebab_ids() {
        assert_eq!(kebab_case("C_001 Community"), "c-001-community");
        assert_eq!(kebab_case("--A--b--"), "a-b");
        assert_eq!(kebab_case("人类"), "");
    }
}
