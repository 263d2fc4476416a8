//! Checks that need the whole glossary: unique ids, forms that cannot be told
//! apart after folding, and regexes that do not compile.

use std::collections::HashMap;

use super::{Concept, Glossary, Position};
use crate::error::{GlossaryError, GlossaryErrors};
use crate::normalize::fold_str;

/// Where a folded form was first seen: concept, kind, text, position.
struct FirstSeen<'g> {
    concept: &'g Concept,
    kind: &'static str,
    text: &'g str,
    position: Position,
}

impl FirstSeen<'_> {
    /// Whether a `kind` form `text` of `concept` that folds to the same
    /// text is another casing of a correct form, which says that both are
    /// correct ("One Country, Two Systems" and "one country, two systems").
    fn is_other_casing(&self, concept: &Concept, kind: &str, text: &str) -> bool {
        std::ptr::eq(self.concept, concept)
            && kind != "variant"
            && self.kind != "variant"
            && self.text != text
    }
}

pub(super) fn validate(glossary: &Glossary) -> Result<(), GlossaryErrors> {
    let mut errors = Vec::new();
    let mut ids: HashMap<&str, &Concept> = HashMap::new();
    let mut forms: HashMap<String, FirstSeen> = HashMap::new();
    for concept in &glossary.concepts {
        let origin = &concept.origin;
        let mut error = |column: &str, item: Option<&str>, reason: String| {
            errors.push(GlossaryError::new(
                &origin.path,
                origin.locate(column, item),
                reason,
            ));
        };
        if !is_kebab_case(&concept.id) {
            error(
                "id",
                None,
                format!(
                    "id {:?} is not kebab-case (a-z, 0-9, single hyphens)",
                    concept.id
                ),
            );
        } else if let Some(first) = ids.get(concept.id.as_str()) {
            let at = first.origin.locate("id", None);
            error(
                "id",
                None,
                format!(
                    "duplicate id {:?} (first at {}:{})",
                    concept.id,
                    first.origin.path.display(),
                    at.line
                ),
            );
        } else {
            ids.insert(&concept.id, concept);
        }
        if concept.preferred.is_empty() {
            error(
                "preferred",
                None,
                format!("concept {:?} has an empty preferred form", concept.id),
            );
        }
        let literal_forms = std::iter::once(("preferred", "preferred", concept.preferred.as_str()))
            .chain(
                concept
                    .accepted
                    .iter()
                    .map(|f| ("accepted", "accepted", f.as_str())),
            )
            .chain(
                concept
                    .variants
                    .iter()
                    .map(|v| ("variants", "variant", v.text.as_str())),
            );
        for (column, kind, text) in literal_forms {
            if text.is_empty() {
                continue;
            }
            let folded = fold_str(text);
            if !folded.chars().any(char::is_alphanumeric) {
                error(
                    column,
                    Some(text),
                    format!("{kind} form {text:?} has no letters or digits"),
                );
                continue;
            }
            let position = origin.locate(column, Some(text));
            match forms.get(&folded) {
                Some(first) if first.is_other_casing(concept, kind, text) => {}
                Some(first) => error(
                    column,
                    Some(text),
                    format!(
                        "{kind} form {text:?} folds to the same text as the {} form of {:?} ({}:{}:{})",
                        first.kind,
                        first.concept.id,
                        first.concept.origin.path.display(),
                        first.position.line,
                        first.position.column
                    ),
                ),
                None => {
                    forms.insert(
                        folded,
                        FirstSeen {
                            concept,
                            kind,
                            text,
                            position,
                        },
                    );
                }
            }
        }
        for (column, regexes) in [
            ("patterns", &concept.patterns),
            ("exceptions", &concept.exceptions),
            ("context", &concept.context),
        ] {
            for regex in regexes {
                // Parsing finds the errors authors make; the matcher compiles
                // (and reports size limits) once, later.
                if let Err(e) = regex_syntax::Parser::new().parse(regex) {
                    error(
                        column,
                        Some(regex),
                        format!("invalid regex {regex:?}: {}", one_line(&e.to_string())),
                    );
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(GlossaryErrors(errors))
    }
}

fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use crate::glossary::load_paths;

    fn errors_for(csv: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.csv");
        std::fs::write(&path, csv).unwrap();
        let err = load_paths(std::slice::from_ref(&path))
            .unwrap_err()
            .to_string();
        err.replace(&path.display().to_string(), "g.csv")
    }

    #[test]
    fn duplicate_ids() {
        let err = errors_for("id,preferred\nx,one\nx,two\n");
        assert_eq!(err, "g.csv:3:1: duplicate id \"x\" (first at g.csv:2)");
    }

    #[test]
    fn empty_preferred() {
        let err = errors_for("id,preferred\nx,\n");
        assert_eq!(err, "g.csv:2:3: concept \"x\" has an empty preferred form");
    }

    #[test]
    fn variant_folding_to_another_concepts_form() {
        let err = errors_for(
            "id,preferred,variants\na,Shared Future,\nb,other,x | shared\u{00A0}future\n",
        );
        assert_eq!(
            err,
            "g.csv:3:13: variant form \"shared\\u{a0}future\" folds to the same text as the preferred form of \"a\" (g.csv:2:3)"
        );
    }

    #[test]
    fn another_casing_of_a_correct_form_is_accepted_but_not_as_a_variant() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.csv");
        std::fs::write(&path, "id,preferred,accepted\na,One Country,one country\n").unwrap();
        assert!(load_paths(std::slice::from_ref(&path)).is_ok());
        let err = errors_for("id,preferred,variants\na,One Country,one country\n");
        assert_eq!(
            err,
            "g.csv:2:15: variant form \"one country\" folds to the same text as the preferred form of \"a\" (g.csv:2:3)"
        );
        // The same text twice is still an error.
        let err = errors_for("id,preferred,accepted\na,one country,one country\n");
        assert!(err.contains("folds to the same text"), "{err}");
    }

    #[test]
    fn invalid_regex_and_bad_id() {
        let err = errors_for("id,preferred,patterns\nBad_Id,one,ok | (unclosed\n");
        assert!(
            err.contains("g.csv:2:1: id \"Bad_Id\" is not kebab-case"),
            "{err}"
        );
        assert!(
            err.contains("g.csv:2:17: invalid regex \"(unclosed\""),
            "{err}"
        );
        let err = errors_for("id,preferred,context\na,one,[z-a]\n");
        assert!(err.contains("g.csv:2:7: invalid regex \"[z-a]\""), "{err}");
    }
}
