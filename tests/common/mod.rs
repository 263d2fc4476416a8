//! Shared harness for tests that run the real `termaudit` binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root (where `glossary/` and `seeds/` are).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary directory with helpers to create files and run the binary in it.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

/// What a run of the binary produced.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes `contents` to `rel`, creating parent folders.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, contents).expect("write");
        path
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// Runs the binary with `args` in the sandbox.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, None)
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: Option<&str>) -> Run {
        run_in(self.dir.path(), args, stdin)
    }
}

/// Runs the binary with `args` in `dir`. Self-test passes are not
/// remembered, so every run tests its glossary and no test depends on
/// another's cache.
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    run_in_env(dir, args, stdin, &[("TERMAUDIT_CACHE_DIR", "")])
}

/// Runs the binary with `args` in `dir` with extra environment variables.
pub fn run_in_env(dir: &Path, args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_termaudit"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .envs(env.iter().copied())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn termaudit");
    if let Some(input) = stdin {
        use std::io::Write;
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().expect("wait");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// A small glossary for CLI tests.
pub const SMALL_GLOSSARY: &str = "\
id,preferred,accepted,variants,exceptions,severity,note,must_flag,must_pass
community,community with a shared future for mankind,community with a shared future for humanity,community of human destiny | community of common destiny [info],,error,Official since 2015.,We build a community of human destiny.,We build a community with a shared future for mankind.
leader,Xi Jinping,President Xi Jinping,Supreme Leader,\\biran\\b,error,Name masked before MT.,The Supreme Leader spoke.,President Xi Jinping spoke.
";

/// Parses CSV text into rows of strings (header included).
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect()
}
