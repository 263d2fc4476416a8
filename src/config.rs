//! The project config file, `termaudit.toml`, so a team runs the same audit
//! with no flags. Found by walking up from the current directory; paths in it
//! are relative to the file. Command-line flags win over it.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The config file's name.
pub const FILE_NAME: &str = "termaudit.toml";

/// Settings a project can fix; every field is optional.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Glossary files or folders.
    pub glossary: Option<Vec<PathBuf>>,
    /// Concept ids never reported.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Lowest severity that makes the exit status 1 (`error`, `warning`, `info`, `never`).
    pub fail_on: Option<String>,
    /// Score a fuzzy candidate needs.
    pub fuzzy_threshold: Option<f32>,
    /// Set to false to turn fuzzy matching off.
    pub fuzzy: Option<bool>,
    /// Report folder of `audit`.
    pub out: Option<PathBuf>,
}

/// A config error, with the file it came from.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Read {
        /// The config file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid config TOML.
    #[error("{}: {message}", path.display())]
    Parse {
        /// The config file.
        path: PathBuf,
        /// The TOML error, with line and column.
        message: String,
    },
}

impl Config {
    /// Parses config TOML; relative paths are resolved against `dir`.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let mut config: Config = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: e.to_string().trim().replace('\n', " "),
        })?;
        let dir = path.parent().unwrap_or(Path::new(""));
        let resolve = |p: &mut PathBuf| {
            if p.is_relative() && !dir.as_os_str().is_empty() {
                *p = dir.join(&*p);
            }
        };
        config.glossary.iter_mut().flatten().for_each(resolve);
        config.out.iter_mut().for_each(resolve);
        Ok(config)
    }

    /// Reads the config at `path`.
    pub fn read(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(&text, path)
    }
}

/// The nearest `termaudit.toml` in `start` or one of its ancestors.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_resolves_paths() {
        let config = Config::parse(
            "glossary = [\"terms\"]\nignore = [\"my-country\"]\nfail-on = \"error\"\nfuzzy-threshold = 0.8\nout = \"r\"\n",
            Path::new("/project/termaudit.toml"),
        )
        .unwrap();
        assert_eq!(config.glossary, Some(vec![PathBuf::from("/project/terms")]));
        assert_eq!(config.ignore, ["my-country"]);
        assert_eq!(config.fail_on.as_deref(), Some("error"));
        assert_eq!(config.out, Some(PathBuf::from("/project/r")));
    }

    #[test]
    fn unknown_keys_are_errors_with_position() {
        let err = Config::parse("glosary = []\n", Path::new("t.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("t.toml: TOML parse error at line 1, column 1"),
            "{err}"
        );
        assert!(err.contains("unknown field `glosary`"), "{err}");
    }
}
