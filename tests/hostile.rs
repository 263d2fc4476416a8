//! Hostile inputs, generated here (no committed blobs), run through the real
//! binary: every input gets a defined outcome — audited, audited with a
//! warning, skipped, or an error — listed in `errors.csv`, never a panic,
//! a hang or a file that silently goes missing. RELIABILITY.md has the table.
//!
//! The 200 MB one-line file runs with `--ignored` (see RELIABILITY.md); a
//! 20 MB line with 1 MiB chunks covers the same code in CI.

#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{SMALL_GLOSSARY, Sandbox, csv_rows};

/// A variant of the small glossary's `community` concept.
const VARIANT: &str = "community of human destiny";

fn sandbox() -> Sandbox {
    let sb = Sandbox::new();
    sb.write("g.csv", SMALL_GLOSSARY);
    sb
}

/// What a run printed and returned.
struct Outcome {
    code: i32,
    stderr: String,
    stdout: String,
}

/// Runs the binary in `dir` with a deadline, so that a regression that
/// blocks (reading a FIFO) fails the test instead of hanging CI.
fn run(dir: &Path, args: &[&str]) -> Outcome {
    let out = tempfile::tempdir().unwrap();
    let (stdout, stderr) = (out.path().join("stdout"), out.path().join("stderr"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_termaudit"))
        .args(args)
        .current_dir(dir)
        .env("TERMAUDIT_CACHE_DIR", "")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout).unwrap())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .unwrap();
    let code = wait(&mut child, Duration::from_secs(120));
    Outcome {
        code,
        stdout: String::from_utf8_lossy(&std::fs::read(stdout).unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&std::fs::read(stderr).unwrap()).into_owned(),
    }
}

fn wait(child: &mut std::process::Child, limit: Duration) -> i32 {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code().unwrap_or(-1);
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            panic!("termaudit did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `audit` of `paths` into `out/` with the small glossary.
fn audit(sb: &Sandbox, extra: &[&str]) -> Outcome {
    let mut args = vec!["audit", "-q", "-g", "g.csv", "-o", "out"];
    args.extend_from_slice(extra);
    let outcome = run(sb.dir.path(), &args);
    assert!(
        !outcome.stderr.contains("panicked"),
        "panic: {}",
        outcome.stderr
    );
    outcome
}

/// `errors.csv` rows as (file, kind, reason).
fn errors(sb: &Sandbox) -> Vec<(String, String, String)> {
    csv_rows(&sb.read("out/errors.csv"))
        .into_iter()
        .skip(1)
        .map(|r| (r[0].clone(), r[1].clone(), r[2].clone()))
        .collect()
}

/// The one `errors.csv` row of `file`.
fn error_of(sb: &Sandbox, file: &str) -> (String, String) {
    let rows: Vec<_> = errors(sb).into_iter().filter(|r| r.0 == file).collect();
    assert_eq!(rows.len(), 1, "one row for {file}: {:?}", errors(sb));
    (rows[0].1.clone(), rows[0].2.clone())
}

/// A `findings.csv` row of [`VARIANT`] as [`findings`] gives it.
fn row(file: &str, line: usize, column: usize) -> (String, usize, usize, String) {
    (file.to_string(), line, column, VARIANT.to_string())
}

/// `findings.csv` rows as (file, line, column, found).
fn findings(sb: &Sandbox) -> Vec<(String, usize, usize, String)> {
    csv_rows(&sb.read("out/findings.csv"))
        .into_iter()
        .skip(1)
        .map(|r| {
            (
                r[1].clone(),
                r[2].parse().unwrap(),
                r[3].parse().unwrap(),
                r[8].clone(),
            )
        })
        .collect()
}

#[test]
fn invalid_utf8_is_decoded_lossily_listed_and_still_audited() {
    let sb = sandbox();
    sb.write(
        "in/lossy.txt",
        b"caf\xE9 \xFF\xFE\nWe build a community of human destiny.\n",
    );
    let run = audit(&sb, &["in"]);
    assert_eq!(run.code, 0, "a warning is not an error: {}", run.stderr);
    let (kind, reason) = error_of(&sb, "in/lossy.txt");
    assert_eq!(kind, "warning");
    assert!(reason.contains("invalid UTF-8 replaced"), "{reason}");
    assert_eq!(findings(&sb), [row("in/lossy.txt", 2, 12)]);
}

#[test]
fn utf16_le_and_be_with_bom_are_decoded() {
    let sb = sandbox();
    let text = "“Quote”\nWe build a community of human destiny.\n";
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    sb.write("in/le.txt", le);
    sb.write("in/be.txt", be);
    let run = audit(&sb, &["in"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(errors(&sb), []);
    assert_eq!(
        findings(&sb),
        [row("in/be.txt", 2, 12), row("in/le.txt", 2, 12)]
    );
}

#[test]
fn nul_laden_binary_is_skipped_and_listed() {
    let sb = sandbox();
    let mut bytes = b"community of human destiny\0\0\x01\x02".to_vec();
    bytes.extend((0..=255u8).cycle().take(20_000));
    sb.write("in/blob.bin", bytes);
    sb.write("in/ok.txt", "fine\n");
    let run = audit(&sb, &["in"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (kind, reason) = error_of(&sb, "in/blob.bin");
    assert_eq!(
        (kind.as_str(), reason.as_str()),
        ("skipped", "binary file (contains NUL bytes)")
    );
    assert_eq!(findings(&sb), []);
}

#[test]
fn skipped_files_are_counted_on_stderr_not_listed() {
    let sb = sandbox();
    for n in 0..3 {
        sb.write(
            &format!("in/image{n}.png"),
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        );
    }
    sb.write("in/ok.txt", "fine\n");
    let run = run(sb.dir.path(), &["audit", "-g", "g.csv", "-o", "out", "in"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("image"), "{}", run.stderr);
    assert!(run.stderr.contains("0 errors, 3 skipped"), "{}", run.stderr);
    assert_eq!(error_of(&sb, "in/image2.png").0, "skipped");
}

#[test]
fn nul_within_8_kib_is_binary_whatever_the_chunk_size() {
    let sb = sandbox();
    let mut bytes = format!("{VARIANT}\n").repeat(200).into_bytes();
    bytes[5000] = 0;
    sb.write("in/late-nul.txt", bytes);
    for chunk in ["1024", "67108864"] {
        audit(&sb, &["--chunk-size", chunk, "in"]);
        assert_eq!(
            error_of(&sb, "in/late-nul.txt").0,
            "skipped",
            "chunk {chunk}"
        );
        assert_eq!(findings(&sb), []);
    }
}

#[test]
fn empty_file_is_skipped_and_listed() {
    let sb = sandbox();
    sb.write("in/empty.txt", "");
    sb.write("in/empty.txt.gz", gzip(b""));
    let run = audit(&sb, &["in"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        error_of(&sb, "in/empty.txt"),
        ("skipped".into(), "empty file".into())
    );
    assert_eq!(
        error_of(&sb, "in/empty.txt.gz"),
        ("skipped".into(), "empty file".into())
    );
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn corrupt_gzip_is_an_error_and_the_run_goes_on() {
    let sb = sandbox();
    let mut bytes = gzip(VARIANT.repeat(1000).as_bytes());
    bytes.truncate(bytes.len() / 2);
    sb.write("in/cut.txt.gz", bytes);
    sb.write("in/whole.txt.gz", gzip(format!("{VARIANT}\n").as_bytes()));
    let run = audit(&sb, &["in"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let (kind, reason) = error_of(&sb, "in/cut.txt.gz");
    assert_eq!(kind, "error");
    assert!(reason.starts_with("cannot decompress"), "{reason}");
    assert_eq!(findings(&sb), [row("in/whole.txt.gz", 1, 1)]);
}

/// Writes one line of `bytes` bytes holding `VARIANT` every ~1,000 bytes,
/// fast (one buffer written repeatedly); returns how many it holds.
fn write_one_line(path: &Path, bytes: usize) -> usize {
    use std::io::Write;
    let unit = format!("{}{VARIANT} ", "lorem ipsum dolor sit amet ".repeat(36));
    let block = unit.repeat(1 << 20 >> 10);
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut written = 0;
    while written + block.len() <= bytes {
        file.write_all(block.as_bytes()).unwrap();
        written += block.len();
    }
    file.flush().unwrap();
    written / unit.len()
}

fn one_line(bytes: usize, extra: &[&str]) {
    let sb = sandbox();
    let expected = write_one_line(&sb.path("line.txt"), bytes);
    let unit = 36 * "lorem ipsum dolor sit amet ".len() + VARIANT.len() + 1;
    let started = Instant::now();
    let mut args = vec!["--no-fuzzy", "line.txt"];
    args.extend_from_slice(extra);
    let run = audit(&sb, &args);
    let elapsed = started.elapsed();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found = findings(&sb);
    assert_eq!(found.len(), expected);
    // Columns run on across chunks: the last finding is where it was written.
    let last = found.last().unwrap();
    let column = (expected - 1) * unit + 36 * "lorem ipsum dolor sit amet ".len() + 1;
    assert_eq!((last.1, last.2), (1, column));
    eprintln!("{bytes} bytes in one line: {expected} findings in {elapsed:?}");
}

#[test]
fn one_line_of_20_mb_in_1_mib_chunks() {
    // Before LineCursor every finding recounted its column from the start of
    // the line: 20,000 findings × 10 MB each, minutes. Now one pass.
    one_line(20 << 20, &["--chunk-size", "1048576"]);
}

#[test]
#[ignore = "200 MB, ~50 s in a debug build: cargo test --test hostile -- --ignored"]
fn one_line_of_200_mb() {
    one_line(200 << 20, &[]);
}

/// Builds `levels` nested folders `d/d/…/d` under `root` with a finding at
/// depth `shallow` and another at the bottom. Paths grow past PATH_MAX, so
/// it wraps inwards-out by renaming short relative paths.
fn nest(root: &Path, levels: usize, shallow: usize) {
    let d = root.join("d");
    let w = root.join("w");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("bottom.txt"), format!("{VARIANT}\n")).unwrap();
    for level in (1..levels).rev() {
        std::fs::create_dir(&w).unwrap();
        std::fs::rename(&d, w.join("d")).unwrap();
        std::fs::rename(&w, &d).unwrap();
        if level == shallow {
            std::fs::write(d.join("shallow.txt"), format!("{VARIANT}\n")).unwrap();
        }
    }
}

#[test]
fn five_thousand_levels_deep() {
    let sb = sandbox();
    std::fs::create_dir(sb.path("deep")).unwrap();
    nest(&sb.path("deep"), 5000, 100);
    let run = audit(&sb, &["--no-fuzzy", "deep"]);
    // The walk reaches every folder it can name; past PATH_MAX (4096 bytes)
    // the OS refuses the path, and that folder is listed as an error.
    assert_eq!(run.code, 2, "{}", run.stderr);
    let shallow = format!("deep/{}shallow.txt", "d/".repeat(100));
    assert_eq!(findings(&sb), [row(&shallow, 1, 1)]);
    let rows = errors(&sb);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].1, "error");
    assert!(rows[0].2.contains("File name too long"), "{}", rows[0].2);
    assert!(rows[0].0.starts_with("deep/d/d/"), "{}", rows[0].0);
}

#[test]
fn symlink_loop_with_follow_is_listed_and_the_run_completes() {
    let sb = sandbox();
    sb.write("in/a/text.txt", format!("{VARIANT}\n"));
    std::os::unix::fs::symlink("..", sb.path("in/a/up")).unwrap();
    std::os::unix::fs::symlink("../a", sb.path("in/a/self")).unwrap();
    let run = audit(&sb, &["--follow", "in"]);
    assert_eq!(
        run.code, 0,
        "a loop is skipped, not an error: {}",
        run.stderr
    );
    assert_eq!(findings(&sb).len(), 1);
    let (kind, reason) = error_of(&sb, "in/a/up");
    assert_eq!(kind, "skipped");
    assert!(reason.starts_with("symbolic link loop"), "{reason}");
    assert_eq!(error_of(&sb, "in/a/self").0, "skipped");
    // Without --follow the links are listed as not followed.
    audit(&sb, &["in"]);
    assert_eq!(
        error_of(&sb, "in/a/up"),
        (
            "skipped".into(),
            "symbolic link not followed (use --follow)".into()
        )
    );
}

#[test]
fn dangling_symlink_is_an_error_when_followed() {
    let sb = sandbox();
    sb.write("in/ok.txt", format!("{VARIANT}\n"));
    std::os::unix::fs::symlink("nowhere.txt", sb.path("in/dangling.txt")).unwrap();
    let run = audit(&sb, &["--follow", "in"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let (kind, reason) = error_of(&sb, "in/dangling.txt");
    assert_eq!(kind, "error");
    assert!(
        reason.starts_with("broken symbolic link: No such file"),
        "{reason}"
    );
    assert_eq!(findings(&sb).len(), 1, "the rest is still audited");
    // Named explicitly, it is an error too.
    let run = audit(&sb, &["in/dangling.txt", "in/ok.txt"]);
    assert_eq!(run.code, 2);
    assert!(
        error_of(&sb, "in/dangling.txt")
            .1
            .starts_with("broken symbolic link")
    );
}

#[test]
fn fifo_socket_and_device_are_listed_never_read() {
    let sb = sandbox();
    sb.write("in/ok.txt", format!("{VARIANT}\n"));
    let mkfifo = Command::new("mkfifo")
        .arg(sb.path("in/pipe.txt"))
        .status()
        .unwrap();
    assert!(mkfifo.success());
    let _socket = std::os::unix::net::UnixListener::bind(sb.path("in/socket.txt")).unwrap();
    // Opening the FIFO for reading would block until a writer comes: the
    // deadline in `run` turns that into a failure.
    let run = audit(&sb, &["in", "in/pipe.txt", "/dev/null"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        error_of(&sb, "in/pipe.txt"),
        (
            "skipped".into(),
            "named pipe (FIFO), not a regular file".into()
        )
    );
    assert_eq!(
        error_of(&sb, "in/socket.txt"),
        ("skipped".into(), "socket, not a regular file".into())
    );
    assert_eq!(
        error_of(&sb, "/dev/null"),
        ("skipped".into(), "device, not a regular file".into())
    );
    assert_eq!(findings(&sb).len(), 1);
}

#[test]
fn file_name_not_valid_utf8_is_audited_and_listed() {
    use std::os::unix::ffi::OsStrExt;
    let sb = sandbox();
    let name = std::ffi::OsStr::from_bytes(b"in/caf\xE9.txt");
    std::fs::create_dir(sb.path("in")).unwrap();
    std::fs::write(sb.dir.path().join(name), format!("{VARIANT}\n")).unwrap();
    let run = audit(&sb, &["in"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(findings(&sb), [row("in/caf\u{FFFD}.txt", 1, 1)]);
    let (kind, reason) = error_of(&sb, "in/caf\u{FFFD}.txt");
    assert_eq!(kind, "warning");
    assert!(reason.contains("not valid UTF-8"), "{reason}");
}

#[test]
fn formula_like_file_names_are_guarded_in_every_report() {
    let sb = sandbox();
    sb.write("=HYPERLINK(1).txt", format!("{VARIANT}\n"));
    sb.write("@SUM(A1).txt", "\0binary");
    let run = audit(&sb, &["=HYPERLINK(1).txt", "@SUM(A1).txt", "+missing.txt"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let raw = |name: &str| csv_rows(&sb.read(&format!("out/{name}")));
    assert_eq!(raw("findings.csv")[1][1], "'=HYPERLINK(1).txt");
    assert_eq!(raw("summary.csv")[1][0], "'=HYPERLINK(1).txt");
    let error_files: Vec<String> = raw("errors.csv")
        .into_iter()
        .skip(1)
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(error_files, ["'+missing.txt", "'@SUM(A1).txt"]);
}

#[test]
fn exit_status_is_2_when_anything_is_unreadable_even_with_findings() {
    let sb = sandbox();
    sb.write("in/bad.txt", format!("{VARIANT}\n"));
    let run = audit(&sb, &["--fail-on", "error", "in", "missing.txt"]);
    assert_eq!(run.code, 2, "2 beats 1: {}", run.stderr);
    assert_eq!(findings(&sb).len(), 1, "findings are still written");
    assert_eq!(error_of(&sb, "missing.txt").0, "error");

    let check = run_check(&sb, &["in", "missing.txt"]);
    assert_eq!(check.code, 2, "{}", check.stderr);
    assert!(
        check.stdout.contains("in/bad.txt:1:1: error"),
        "{}",
        check.stdout
    );
    assert!(check.stderr.contains("missing.txt"), "{}", check.stderr);
    // A skipped file is not unreadable: findings alone decide.
    sb.write("in/blob.bin", "\0");
    assert_eq!(run_check(&sb, &["in"]).code, 1);
}

fn run_check(sb: &Sandbox, paths: &[&str]) -> Outcome {
    let mut args = vec!["check", "-g", "g.csv", "--format", "short"];
    args.extend_from_slice(paths);
    run(sb.dir.path(), &args)
}

/// Files changed between the walk and the read, through the library: the
/// sink sees the walk's end first, and changes the files right then.
#[test]
fn files_that_vanish_or_change_after_the_walk_are_errors() {
    use termaudit::audit::{AuditOptions, Event, audit_stream};
    let sb = sandbox();
    for name in ["gone", "dir", "fifo", "dangling", "kept"] {
        sb.write(&format!("in/{name}.txt"), format!("{VARIANT}\n"));
    }
    let glossary = termaudit::glossary::from_csv_str(Path::new("g.csv"), SMALL_GLOSSARY).unwrap();
    let matcher = termaudit::matcher::Matcher::compile(&glossary).unwrap();
    let mut docs = Vec::new();
    let mut problems = Vec::new();
    let path = |name: &str| sb.path(&format!("in/{name}.txt"));
    audit_stream(
        &matcher,
        &[sb.path("in")],
        &AuditOptions::default(),
        &mut |event| match event {
            Event::Walked { files } => {
                assert_eq!(files, 5);
                std::fs::remove_file(path("gone")).unwrap();
                std::fs::remove_file(path("dir")).unwrap();
                std::fs::create_dir(path("dir")).unwrap();
                std::fs::remove_file(path("fifo")).unwrap();
                assert!(
                    Command::new("mkfifo")
                        .arg(path("fifo"))
                        .status()
                        .unwrap()
                        .success()
                );
                std::fs::remove_file(path("dangling")).unwrap();
                std::os::unix::fs::symlink("nowhere", path("dangling")).unwrap();
            }
            Event::Doc(doc) => docs.push(doc.path),
            Event::Problem(p) => problems.push((p.path, p.kind.as_str(), p.reason)),
        },
    );
    assert_eq!(docs, [path("kept").display().to_string()]);
    let reason_of = |name: &str| {
        let row = problems.iter().find(|p| p.0 == path(name)).unwrap();
        assert_eq!(row.1, "error", "{row:?}");
        row.2.clone()
    };
    assert!(reason_of("gone").contains("No such file"), "{problems:?}");
    assert!(
        reason_of("dangling").contains("No such file"),
        "{problems:?}"
    );
    assert_eq!(
        reason_of("dir"),
        "no longer a regular file: now a directory"
    );
    assert_eq!(
        reason_of("fifo"),
        "no longer a regular file: now a named pipe (FIFO)"
    );
}

/// Setting the cancel flag stops the stream: nothing more is handed on.
#[test]
fn cancelled_stream_hands_on_nothing_more() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use termaudit::audit::{AuditOptions, Event, audit_stream};
    let sb = sandbox();
    for i in 0..600 {
        sb.write(&format!("in/{i:03}.txt"), format!("{VARIANT}\n"));
    }
    let glossary = termaudit::glossary::from_csv_str(Path::new("g.csv"), SMALL_GLOSSARY).unwrap();
    let matcher = termaudit::matcher::Matcher::compile(&glossary).unwrap();
    let cancel = Arc::new(AtomicBool::new(false));
    let options = AuditOptions {
        cancel: Some(Arc::clone(&cancel)),
        ..AuditOptions::default()
    };
    let mut docs = 0;
    audit_stream(&matcher, &[sb.path("in")], &options, &mut |event| {
        if let Event::Doc(_) = event {
            docs += 1;
            cancel.store(true, Ordering::Relaxed);
        }
    });
    // The flag was set during the first batch (256 files): none after it.
    assert_eq!(docs, 256);
}

/// The reports of a finished run, byte for byte, and every name in `out/`.
fn snapshot(out: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    files.sort();
    files
}

/// Starts an audit of a large file, sends `signal` as soon as the reports'
/// temporary files exist (the audit is then under way), and checks that the
/// previous reports are untouched and no temporary file is left.
fn interrupted(signal: &str, expected_code: i32) {
    let sb = sandbox();
    sb.write("small.txt", format!("{VARIANT}\n"));
    assert_eq!(audit(&sb, &["small.txt"]).code, 0);
    let before = snapshot(&sb.path("out"));
    assert_eq!(
        before.len(),
        5,
        "findings, summary, concepts, candidates, errors"
    );
    write_one_line(&sb.path("big.txt"), 64 << 20);
    let mut child = Command::new(env!("CARGO_BIN_EXE_termaudit"))
        .args([
            "audit",
            "-q",
            "-g",
            "g.csv",
            "-o",
            "out",
            "--chunk-size",
            "262144",
        ])
        .args(["--no-fuzzy", "big.txt"])
        .current_dir(sb.dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while std::fs::read_dir(sb.path("out")).unwrap().count() == before.len() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no temporary files"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "finished before the signal"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let kill = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let signalled = Instant::now();
    let code = wait(&mut child, Duration::from_secs(60));
    assert_eq!(code, expected_code);
    assert!(
        signalled.elapsed() < Duration::from_secs(10),
        "stopped between chunks, not at the end: {:?}",
        signalled.elapsed()
    );
    assert_eq!(
        snapshot(&sb.path("out")),
        before,
        "reports untouched, temporaries gone"
    );
}

#[test]
fn sigint_leaves_previous_reports_untouched_and_exits_130() {
    interrupted("-INT", 130);
}

#[test]
fn sigterm_leaves_previous_reports_untouched_and_exits_143() {
    interrupted("-TERM", 143);
}
