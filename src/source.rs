//! Finding input files and reading them into text: the only place that knows
//! about directories, encodings and binary files.

use std::path::{Path, PathBuf};

/// How bad a problem with an input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProblemKind {
    /// Could not be read at all; the run's exit status is 2.
    Error,
    /// Deliberately not audited (binary).
    Skipped,
    /// Audited, but with a caveat (invalid UTF-8 replaced).
    Warning,
}

impl ProblemKind {
    /// The lowercase name used in `errors.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::Error => "error",
            ProblemKind::Skipped => "skipped",
            ProblemKind::Warning => "warning",
        }
    }
}

/// An input that could not be audited, or only with a caveat.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {reason}", path.display())]
pub struct SourceError {
    /// The file or directory.
    pub path: PathBuf,
    /// Error, skipped or warning.
    pub kind: ProblemKind,
    /// Why, in words.
    pub reason: String,
}

impl SourceError {
    /// A problem with `path`.
    pub fn new(path: &Path, kind: ProblemKind, reason: impl Into<String>) -> SourceError {
        SourceError {
            path: path.to_path_buf(),
            kind,
            reason: reason.into(),
        }
    }

    /// Returns true if and only if the input could not be read.
    pub fn is_error(&self) -> bool {
        self.kind == ProblemKind::Error
    }
}

/// A decoded input document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as shown in reports.
    pub display_path: String,
    /// The text, BOM removed.
    pub text: String,
    /// A caveat to list in `errors.csv` (invalid UTF-8 replaced).
    pub warning: Option<SourceError>,
}

/// Which files a walk includes.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Include hidden files and folders.
    pub hidden: bool,
    /// Do not honour `.gitignore`, `.ignore` and similar files.
    pub no_ignore: bool,
    /// Follow symbolic links (loops are detected and listed).
    pub follow: bool,
    /// Only files matching one of these globs (relative to each folder argument).
    pub globs: Vec<String>,
    /// Skip files matching these globs.
    pub excludes: Vec<String>,
    /// Folders a walk does not enter: the report folder, so that auditing
    /// `.` twice does not audit the first run's reports. Each one skipped
    /// is listed; a file inside one named explicitly is still audited.
    pub skip_dirs: Vec<PathBuf>,
}

/// Every file named by `paths` or found below them, sorted and deduplicated.
/// Hidden files and VCS-ignored files inside directories are skipped, as in
/// ripgrep; a file named explicitly is always included.
pub fn walk(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<SourceError>) {
    walk_with(paths, &WalkOptions::default())
}

/// Like [`walk`], with options.
pub fn walk_with(paths: &[PathBuf], options: &WalkOptions) -> (Vec<PathBuf>, Vec<SourceError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    // Looked up once for all roots.
    let skip_dirs: Vec<SameDir> = options
        .skip_dirs
        .iter()
        .filter_map(|dir| SameDir::of(dir))
        .collect();
    for root in paths {
        match std::fs::metadata(root) {
            Err(e) => errors.push(SourceError::new(
                root,
                ProblemKind::Error,
                io_reason(root, &e),
            )),
            Ok(meta) if meta.is_file() => files.push(root.clone()),
            // A FIFO would block the read forever, a device never ends.
            Ok(meta) if !meta.is_dir() => errors.push(SourceError::new(
                root,
                ProblemKind::Skipped,
                special_file(meta.file_type()),
            )),
            Ok(_) => {
                let mut builder = ignore::WalkBuilder::new(root);
                let skipped = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
                if !skip_dirs.is_empty() {
                    let skip_dirs = skip_dirs.clone();
                    let skipped = std::sync::Arc::clone(&skipped);
                    builder.filter_entry(move |entry| {
                        let skip = entry.file_type().is_some_and(|t| t.is_dir())
                            && skip_dirs.iter().any(|dir| dir.is(entry));
                        if skip && let Ok(mut skipped) = skipped.lock() {
                            skipped.push(entry.path().to_path_buf());
                        }
                        !skip
                    });
                }
                builder
                    .hidden(!options.hidden)
                    .follow_links(options.follow)
                    .git_ignore(!options.no_ignore)
                    .git_global(!options.no_ignore)
                    .git_exclude(!options.no_ignore)
                    .ignore(!options.no_ignore)
                    .parents(!options.no_ignore);
                match overrides(root, options) {
                    Ok(Some(overrides)) => {
                        builder.overrides(overrides);
                    }
                    Ok(None) => {}
                    Err(e) => {
                        errors.push(SourceError::new(
                            root,
                            ProblemKind::Error,
                            format!("bad glob: {e}"),
                        ));
                        continue;
                    }
                }
                for entry in builder.build() {
                    match entry {
                        Ok(entry) => match entry.file_type() {
                            Some(t) if t.is_file() => files.push(entry.into_path()),
                            Some(t) if !t.is_dir() => errors.push(SourceError::new(
                                entry.path(),
                                ProblemKind::Skipped,
                                special_file(t),
                            )),
                            _ => {}
                        },
                        Err(e) => {
                            let path = error_path(&e).unwrap_or(root).to_path_buf();
                            let kind = if is_loop(&e) {
                                ProblemKind::Skipped
                            } else {
                                ProblemKind::Error
                            };
                            let reason = walk_reason(&path, &e);
                            errors.push(SourceError::new(&path, kind, reason));
                        }
                    }
                }
                if let Ok(skipped) = skipped.lock() {
                    errors.extend(skipped.iter().map(|dir| {
                        SourceError::new(dir, ProblemKind::Skipped, "the report folder")
                    }));
                }
            }
        }
    }
    files.sort();
    files.dedup();
    // A path named twice (itself and inside a named folder) is listed once.
    errors.sort_by(|a, b| (&a.path, a.kind, &a.reason).cmp(&(&b.path, b.kind, &b.reason)));
    errors.dedup();
    for file in &files {
        if file.to_str().is_none() {
            errors.push(SourceError::new(
                file,
                ProblemKind::Warning,
                "file name is not valid UTF-8: shown with U+FFFD in reports",
            ));
        }
    }
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    (files, errors)
}

/// A folder, recognised among the entries of a walk without a system call
/// per entry where the platform allows.
#[derive(Clone)]
struct SameDir {
    #[cfg(not(unix))]
    path: PathBuf,
    #[cfg(unix)]
    dev_ino: (u64, u64),
}

impl SameDir {
    /// The folder at `path`, if there is one.
    fn of(path: &Path) -> Option<SameDir> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(path).ok()?;
            Some(SameDir {
                dev_ino: (meta.dev(), meta.ino()),
            })
        }
        #[cfg(not(unix))]
        {
            Some(SameDir {
                path: std::fs::canonicalize(path).ok()?,
            })
        }
    }

    /// Whether the folder `entry` is this folder. On Unix the inode number
    /// the directory listing gave decides, and only a folder with the same
    /// one costs a `stat`; a canonical path per folder would cost a system
    /// call per level of depth.
    fn is(&self, entry: &ignore::DirEntry) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            entry.ino() == Some(self.dev_ino.1)
                && std::fs::metadata(entry.path())
                    .is_ok_and(|meta| (meta.dev(), meta.ino()) == self.dev_ino)
        }
        #[cfg(not(unix))]
        {
            std::fs::canonicalize(entry.path()).is_ok_and(|dir| dir == self.path)
        }
    }
}

fn overrides(
    root: &Path,
    options: &WalkOptions,
) -> Result<Option<ignore::overrides::Override>, ignore::Error> {
    if options.globs.is_empty() && options.excludes.is_empty() {
        return Ok(None);
    }
    let mut builder = ignore::overrides::OverrideBuilder::new(root);
    for glob in &options.globs {
        builder.add(glob)?;
    }
    for glob in &options.excludes {
        builder.add(&format!("!{glob}"))?;
    }
    builder.build().map(Some)
}

fn is_loop(error: &ignore::Error) -> bool {
    match error {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        _ => false,
    }
}

/// Why a walk entry that is neither a file nor a folder is not audited.
fn special_file(file_type: std::fs::FileType) -> String {
    if file_type.is_symlink() {
        "symbolic link not followed (use --follow)".to_string()
    } else {
        format!("{}, not a regular file", file_kind(file_type))
    }
}

/// What a file system entry is, in words.
pub(crate) fn file_kind(file_type: std::fs::FileType) -> &'static str {
    if file_type.is_symlink() {
        return "symbolic link";
    }
    if file_type.is_dir() {
        return "directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "device";
        }
    }
    "special file"
}

/// The reason of an I/O error on `path`, naming a broken symbolic link as such.
fn io_reason(path: &Path, error: &std::io::Error) -> String {
    let is_dangling = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && std::fs::metadata(path).is_err();
    if is_dangling {
        format!("broken symbolic link: {error}")
    } else {
        error.to_string()
    }
}

/// The reason of a walk error without the path (it has its own column) and
/// without the wrappers that repeat it.
fn walk_reason(path: &Path, error: &ignore::Error) -> String {
    match error {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => walk_reason(path, err),
        ignore::Error::Io(io) => {
            // walkdir wraps the OS error in a message that repeats the path.
            let mut inner: &dyn std::error::Error = io;
            while let Some(source) = inner.source() {
                inner = source;
            }
            match inner.downcast_ref::<std::io::Error>() {
                Some(os) => io_reason(path, os),
                None => inner.to_string(),
            }
        }
        ignore::Error::Loop { ancestor, .. } => {
            format!(
                "symbolic link loop: points to its ancestor {}",
                ancestor.display()
            )
        }
        other => other.to_string(),
    }
}

fn error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

/// Most bytes a `.gz` file may expand to: a guard against decompression
/// bombs, and below 4 GiB so that a whole document's offsets fit in `u32`.
pub const MAX_GUNZIPPED: u64 = (4 << 30) - 1;

/// The error of a document too large to audit (see [`MAX_GUNZIPPED`]).
pub fn too_large(path: &Path) -> SourceError {
    SourceError::new(
        path,
        ProblemKind::Error,
        format!(
            "more than {MAX_GUNZIPPED} bytes of text (decompressed or decoded): not audited; \
             split it or convert it to uncompressed UTF-8"
        ),
    )
}

/// Reads and decodes one file; `.gz` files are decompressed first.
pub fn read(path: &Path) -> Result<Document, SourceError> {
    let error = |e: std::io::Error| SourceError::new(path, ProblemKind::Error, e.to_string());
    let bytes = if is_gzip(path) {
        use std::io::Read;
        let file = std::fs::File::open(path).map_err(error)?;
        let mut bytes = Vec::new();
        flate2::read::MultiGzDecoder::new(file)
            .take(MAX_GUNZIPPED + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| {
                SourceError::new(path, ProblemKind::Error, format!("cannot decompress: {e}"))
            })?;
        if bytes.len() as u64 > MAX_GUNZIPPED {
            return Err(too_large(path));
        }
        bytes
    } else {
        std::fs::read(path).map_err(error)?
    };
    document(path, bytes)
}

/// Returns true if and only if `path` names a gzip file.
pub fn is_gzip(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// Decodes `bytes` read from `path` into a document.
pub fn document(path: &Path, bytes: Vec<u8>) -> Result<Document, SourceError> {
    let display_path = path.display().to_string();
    let decoded = decode(bytes);
    if let Decoded::Text(text) | Decoded::Lossy(text) = &decoded
        && text.len() as u64 > MAX_GUNZIPPED
    {
        // UTF-16 grows when decoded; folding keeps `u32` offsets.
        return Err(too_large(path));
    }
    match decoded {
        Decoded::Text(text) => Ok(Document {
            display_path,
            text,
            warning: None,
        }),
        Decoded::Lossy(text) => Ok(Document {
            display_path,
            text,
            warning: Some(lossy_warning(path)),
        }),
        Decoded::Binary => Err(SourceError::new(
            path,
            ProblemKind::Skipped,
            "binary file (contains NUL bytes)",
        )),
    }
}

/// The `errors.csv` entry of a document with invalid UTF-8.
pub fn lossy_warning(path: &Path) -> SourceError {
    SourceError::new(
        path,
        ProblemKind::Warning,
        "invalid UTF-8 replaced with U+FFFD; findings are still reported",
    )
}

/// The result of decoding a file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    /// Valid text.
    Text(String),
    /// Text with invalid bytes replaced.
    Lossy(String),
    /// Not text.
    Binary,
}

/// How a file's bytes encode its text, so that a rewrite can keep it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-16 little-endian with a byte-order mark.
    Utf16Le,
    /// UTF-16 big-endian with a byte-order mark.
    Utf16Be,
}

impl Encoding {
    /// Encodes `text` the same way, byte-order mark included.
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Encoding::Utf8 => text.as_bytes().to_vec(),
            Encoding::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            Encoding::Utf16Le => {
                let mut out = vec![0xFF, 0xFE];
                out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
                out
            }
            Encoding::Utf16Be => {
                let mut out = vec![0xFE, 0xFF];
                out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
                out
            }
        }
    }
}

/// How many leading bytes are searched for a NUL to tell binary files.
pub const BINARY_PROBE: usize = 8192;

/// Decodes UTF-8 (BOM removed) and UTF-16 with a BOM; a NUL byte in the
/// first 8 KiB ([`BINARY_PROBE`]) of anything else marks a binary file.
pub fn decode(bytes: Vec<u8>) -> Decoded {
    decode_with_encoding(bytes).0
}

/// Like [`decode`], and also tells which encoding the bytes used.
pub fn decode_with_encoding(bytes: Vec<u8>) -> (Decoded, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (decode_utf16(rest, u16::from_le_bytes), Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (decode_utf16(rest, u16::from_be_bytes), Encoding::Utf16Be);
    }
    let head = &bytes[..bytes.len().min(BINARY_PROBE)];
    if memchr::memchr(0, head).is_some() {
        return (Decoded::Binary, Encoding::Utf8);
    }
    let (body, encoding) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(_) => (3, Encoding::Utf8Bom),
        None => (0, Encoding::Utf8),
    };
    let decoded = match String::from_utf8(bytes) {
        Ok(mut text) => {
            text.drain(..body);
            Decoded::Text(text)
        }
        Err(e) => Decoded::Lossy(String::from_utf8_lossy(&e.as_bytes()[body..]).into_owned()),
    };
    (decoded, encoding)
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Decoded {
    let units = bytes
        .chunks(2)
        .map(|pair| unit([pair[0], *pair.get(1).unwrap_or(&0)]));
    let mut lossy = bytes.len() % 2 == 1;
    let text: String = char::decode_utf16(units)
        .map(|c| {
            c.unwrap_or_else(|_| {
                lossy = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    if lossy {
        Decoded::Lossy(text)
    } else {
        Decoded::Text(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_encodings() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFhi".to_vec()),
            Decoded::Text("hi".into())
        );
        assert_eq!(
            decode(b"\xFF\xFEh\0i\0".to_vec()),
            Decoded::Text("hi".into())
        );
        assert_eq!(
            decode(b"\xFE\xFF\0h\0i".to_vec()),
            Decoded::Text("hi".into())
        );
        assert_eq!(
            decode(b"a\xFFb".to_vec()),
            Decoded::Lossy("a\u{FFFD}b".into())
        );
        assert_eq!(decode(b"a\0b".to_vec()), Decoded::Binary);
        assert_eq!(decode(Vec::new()), Decoded::Text(String::new()));
    }

    #[test]
    fn encodings_round_trip() {
        for encoding in [
            Encoding::Utf8,
            Encoding::Utf8Bom,
            Encoding::Utf16Le,
            Encoding::Utf16Be,
        ] {
            let bytes = encoding.encode("“命运” line\r\n");
            assert_eq!(
                decode_with_encoding(bytes.clone()),
                (Decoded::Text("“命运” line\r\n".into()), encoding)
            );
        }
    }
}
