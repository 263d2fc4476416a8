//! Counting occurrences for the summaries, in one place, so that the CSV
//! files, the workbook and the HTML page all mean the same thing by
//! "adherence": correct occurrences ÷ all occurrences of a concept, where
//! correct = preferred + accepted and all = correct + variant + pattern +
//! fuzzy.

use std::collections::BTreeMap;
use std::path::Path;

use crate::audit::{AuditRun, DocReport};
use crate::matcher::{Matcher, Status};

/// The label of whole-run rows, in the place of a file or folder (and of a
/// concept, for the row over all concepts). Concept ids are kebab-case and
/// cannot look like this.
pub const ALL: &str = "(all)";

/// Counts of one concept (or of all concepts) in one scope.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Occurrences of the preferred form.
    pub preferred: u64,
    /// Occurrences of accepted forms.
    pub accepted: u64,
    /// Listed wrong renderings.
    pub variant: u64,
    /// Wrong renderings caught by a pattern.
    pub pattern: u64,
    /// Wrong renderings found by fuzzy matching.
    pub fuzzy: u64,
}

impl Tally {
    /// Counts `count` more occurrences of `status`.
    pub fn add(&mut self, status: Status, count: u32) {
        let slot = match status {
            Status::Preferred => &mut self.preferred,
            Status::Accepted => &mut self.accepted,
            Status::Variant => &mut self.variant,
            Status::Pattern => &mut self.pattern,
            Status::Fuzzy => &mut self.fuzzy,
            // A missing rendering is a finding, never an occurrence of a form.
            Status::Missing => return,
        };
        *slot += u64::from(count);
    }

    /// Adds another tally, to roll documents up into folders and the run.
    pub fn merge(&mut self, other: &Tally) {
        self.preferred += other.preferred;
        self.accepted += other.accepted;
        self.variant += other.variant;
        self.pattern += other.pattern;
        self.fuzzy += other.fuzzy;
    }

    /// Correct occurrences: preferred + accepted.
    pub fn correct(&self) -> u64 {
        self.preferred + self.accepted
    }

    /// All occurrences: correct + variant + pattern + fuzzy.
    pub fn all(&self) -> u64 {
        self.correct() + self.wrong()
    }

    /// Wrong occurrences, i.e. findings: variant + pattern + fuzzy.
    pub fn wrong(&self) -> u64 {
        self.variant + self.pattern + self.fuzzy
    }

    /// Correct occurrences ÷ all occurrences; 1 when nothing occurred, since
    /// a text that never names a concept has not got it wrong.
    pub fn adherence(&self) -> f64 {
        match self.all() {
            0 => 1.0,
            all => self.correct() as f64 / all as f64,
        }
    }
}

/// What one summary row stands for.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// One scope per document.
    #[default]
    Document,
    /// One scope per folder (the documents directly in it), for comparing
    /// archives or vendors that deliver into their own folders.
    Directory,
}

impl Grouping {
    /// The heading of the scope column.
    pub fn label(self) -> &'static str {
        match self {
            Grouping::Document => "file",
            Grouping::Directory => "folder",
        }
    }

    /// The scope a document belongs to.
    pub fn scope_of(self, doc: &DocReport) -> String {
        match self {
            Grouping::Document => doc.path.clone(),
            Grouping::Directory => folder_of(&doc.path),
        }
    }
}

/// The folder part of a report path; `.` for a file given without one.
pub fn folder_of(path: &str) -> String {
    match Path::new(path).parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.display().to_string(),
        _ => ".".to_string(),
    }
}

/// The counts of one scope (document or folder).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScopeTally {
    /// File or folder, as shown in reports.
    pub scope: String,
    /// Per concept id, in id order; only concepts that occur.
    pub concepts: BTreeMap<String, Tally>,
    /// All concepts together.
    pub total: Tally,
}

/// Every count the summaries show: per scope × concept, per concept over the
/// whole run, and the whole run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Documents or folders.
    pub grouping: Grouping,
    /// Scopes in the order their first document appears in the run (path
    /// order); scopes where no concept occurs are left out.
    pub scopes: Vec<ScopeTally>,
    /// Per concept id over the whole run.
    pub concepts: BTreeMap<String, Tally>,
    /// Everything.
    pub total: Tally,
    /// Scope name → index in `scopes`.
    index: BTreeMap<String, usize>,
}

impl Summary {
    /// Counts the occurrences of `run`, grouped as asked.
    pub fn new(matcher: &Matcher, run: &AuditRun, grouping: Grouping) -> Summary {
        let mut summary = Summary::empty(grouping);
        for doc in &run.docs {
            summary.add_doc(matcher, doc);
        }
        summary
    }

    /// A summary with nothing counted yet.
    pub fn empty(grouping: Grouping) -> Summary {
        Summary {
            grouping,
            ..Summary::default()
        }
    }

    /// Counts one more document (documents arrive in path order).
    pub fn add_doc(&mut self, matcher: &Matcher, doc: &DocReport) {
        if doc.occurrences.is_empty() {
            return;
        }
        let scope = self.grouping.scope_of(doc);
        let scopes = &mut self.scopes;
        let slot = *self.index.entry(scope.clone()).or_insert_with(|| {
            scopes.push(ScopeTally {
                scope,
                ..ScopeTally::default()
            });
            scopes.len() - 1
        });
        let tally = &mut self.scopes[slot];
        for ((concept, status, _), count) in &doc.occurrences {
            let id = &matcher.concepts()[*concept].id;
            for t in [
                tally_of(&mut tally.concepts, id),
                &mut tally.total,
                tally_of(&mut self.concepts, id),
                &mut self.total,
            ] {
                t.add(*status, *count);
            }
        }
    }

    /// Hands over the scopes counted so far and forgets them, keeping the
    /// whole-run counts: a streaming writer emits per-document rows as it
    /// goes instead of holding every document's counts to the end.
    pub fn take_scopes(&mut self) -> Vec<ScopeTally> {
        self.index.clear();
        std::mem::take(&mut self.scopes)
    }
}

/// The tally of concept `id` in `tallies`, added if missing. The id is
/// copied only then: an archive counts every concept of every document.
fn tally_of<'t>(tallies: &'t mut BTreeMap<String, Tally>, id: &str) -> &'t mut Tally {
    if !tallies.contains_key(id) {
        tallies.insert(id.to_owned(), Tally::default());
    }
    tallies.get_mut(id).expect("inserted above")
}

/// Occurrences per (concept, status, form): (count, documents).
pub type FormTable = BTreeMap<(usize, Status, String), (u64, u64)>;

/// Adds the occurrences of `doc` to `table`.
pub fn add_forms(table: &mut FormTable, doc: &DocReport) {
    for ((concept, status, form), count) in &doc.occurrences {
        let entry = table.entry((*concept, *status, form.clone())).or_default();
        entry.0 += u64::from(*count);
        entry.1 += 1;
    }
}

/// How often one form string of a concept occurred in the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormCount {
    /// The concept's id.
    pub concept: String,
    /// Correct, or which kind of wrong.
    pub status: Status,
    /// The form as folded for matching, whitespace collapsed.
    pub form: String,
    /// Occurrences in the run.
    pub count: u64,
    /// Documents it occurs in.
    pub files: u64,
}

/// Every form string seen, per concept and status, most frequent first
/// within each (ties by form), concepts in id order.
pub fn form_counts(matcher: &Matcher, run: &AuditRun) -> Vec<FormCount> {
    let mut table = FormTable::new();
    for doc in &run.docs {
        add_forms(&mut table, doc);
    }
    form_counts_from(matcher, &table)
}

/// [`form_counts`] from an already accumulated table.
pub fn form_counts_from(matcher: &Matcher, table: &FormTable) -> Vec<FormCount> {
    let mut rows: Vec<FormCount> = table
        .iter()
        .map(|((concept, status, form), (count, files))| FormCount {
            concept: matcher.concepts()[*concept].id.clone(),
            status: *status,
            form: form.clone(),
            count: *count,
            files: *files,
        })
        .collect();
    rows.sort_by(|a, b| {
        a.concept
            .cmp(&b.concept)
            .then(a.status.cmp(&b.status))
            .then(b.count.cmp(&a.count))
            .then(a.form.cmp(&b.form))
    });
    rows
}

/// The wrong renderings of the run, most frequent first: what to fix first.
pub fn frequent_wrong_forms(forms: &[FormCount]) -> Vec<&FormCount> {
    let mut wrong: Vec<&FormCount> = forms.iter().filter(|f| f.status.is_finding()).collect();
    wrong.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.files.cmp(&a.files))
            .then(a.concept.cmp(&b.concept))
            .then(a.form.cmp(&b.form))
    });
    wrong
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::audit_text;
    use crate::glossary;

    fn matcher() -> Matcher {
        let glossary = glossary::from_csv_str(
            Path::new("g.csv"),
            "id,preferred,accepted,variants\n\
             community,community with a shared future for mankind,community with a shared future for humanity,community of human destiny\n\
             leader,Xi Jinping,,Supreme Leader\n",
        )
        .unwrap();
        Matcher::compile(&glossary).unwrap()
    }

    #[test]
    fn adherence_is_correct_over_all() {
        let mut t = Tally::default();
        assert_eq!(t.adherence(), 1.0);
        t.add(Status::Preferred, 1);
        t.add(Status::Accepted, 2);
        t.add(Status::Variant, 1);
        t.add(Status::Pattern, 1);
        t.add(Status::Fuzzy, 1);
        assert_eq!((t.correct(), t.wrong(), t.all()), (3, 3, 6));
        assert_eq!(t.adherence(), 0.5);
    }

    #[test]
    fn scopes_roll_up_into_folders_and_the_run() {
        let m = matcher();
        let run = AuditRun {
            docs: vec![
                audit_text(&m, "a/1.txt", "community of human destiny, Xi Jinping"),
                audit_text(&m, "b/2.txt", "nothing here"),
                audit_text(&m, "a/3.txt", "community with a shared future for humanity"),
                audit_text(&m, "top.txt", "Supreme Leader"),
            ],
            errors: Vec::new(),
        };
        let by_doc = Summary::new(&m, &run, Grouping::Document);
        let scopes: Vec<_> = by_doc.scopes.iter().map(|s| s.scope.as_str()).collect();
        assert_eq!(scopes, ["a/1.txt", "a/3.txt", "top.txt"]);

        let by_dir = Summary::new(&m, &run, Grouping::Directory);
        let scopes: Vec<_> = by_dir.scopes.iter().map(|s| s.scope.as_str()).collect();
        assert_eq!(scopes, ["a", "."]);
        let a = &by_dir.scopes[0];
        assert_eq!(a.concepts["community"].adherence(), 0.5);
        assert_eq!(a.total.all(), 3);
        assert_eq!(a.total.correct(), 2);
        assert_eq!(by_dir.concepts["leader"].adherence(), 0.5);
        assert_eq!(by_dir.total, by_doc.total);
        assert_eq!((by_dir.total.correct(), by_dir.total.all()), (2, 4));
    }

    #[test]
    fn form_counts_most_frequent_first() {
        let m = matcher();
        let run = AuditRun {
            docs: vec![
                audit_text(&m, "1", "Supreme Leader, Supreme Leader, Xi Jinping"),
                audit_text(&m, "2", "Supreme Leader, community of human destiny"),
            ],
            errors: Vec::new(),
        };
        let forms = form_counts(&m, &run);
        let rows: Vec<_> = forms
            .iter()
            .map(|f| {
                (
                    f.concept.as_str(),
                    f.status,
                    f.form.as_str(),
                    f.count,
                    f.files,
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "community",
                    Status::Variant,
                    "community of human destiny",
                    1,
                    1
                ),
                ("leader", Status::Preferred, "xi jinping", 1, 1),
                ("leader", Status::Variant, "supreme leader", 3, 2),
            ]
        );
        let wrong: Vec<_> = frequent_wrong_forms(&forms)
            .iter()
            .map(|f| f.form.as_str())
            .collect();
        assert_eq!(wrong, ["supreme leader", "community of human destiny"]);
    }
}
