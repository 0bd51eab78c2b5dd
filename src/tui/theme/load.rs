//! Finding and reading theme files: the built-in themes embedded at build time, a user
//! theme from the config directory merged over a built-in one, and the NO_COLOR policy.
//! A broken user file is never passed over in silence: the problem names its path, line
//! and key, and a built-in theme is used in its place.

use super::Theme;
use super::colour::QUOTED_CHARS;
use super::file::ThemeFile;
use crate::store::{Links, ReadError, read_capped};
use std::path::{Path, PathBuf};

/// The largest user theme file read; the built-in themes are about 2 KB.
pub const MAX_THEME_BYTES: u64 = 1 << 20;
/// How many characters of the TOML parser's own message are kept.
const MESSAGE_CHARS: usize = 240;

/// The built-in themes: name and embedded text.
pub const BUILTIN: [(&str, &str); 4] = [
    ("default", include_str!("../../../themes/default.toml")),
    ("light", include_str!("../../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../../themes/high-contrast.toml"),
    ),
    ("mono", include_str!("../../../themes/mono.toml")),
];

/// `s` for a one-line message: unsafe characters escaped, cut to `max` characters.
fn one_line(s: &str, max: usize) -> String {
    let escaped = crate::escape::escape(s);
    let mut chars = escaped.chars();
    let mut out: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

/// The 1-based line holding byte `at` of `bytes`, and that line's text in backticks.
fn line_at(bytes: &[u8], at: usize) -> (usize, String) {
    let at = at.min(bytes.len());
    let start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let end = bytes[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| at + i);
    let number = bytes[..start].iter().filter(|&&b| b == b'\n').count() + 1;
    let text = String::from_utf8_lossy(&bytes[start..end]);
    (number, format!("`{}`", one_line(text.trim(), QUOTED_CHARS)))
}

/// Parses theme text; errors name the file and line on one line, for the status bar.
fn parse_file(origin: &str, text: &str) -> Result<ThemeFile, String> {
    toml::from_str(text).map_err(|e: toml::de::Error| {
        let message = one_line(&e.message().trim().replace('\n', " "), MESSAGE_CHARS);
        let at = e
            .span()
            .map_or_else(|| spanless_error_at(text), |s| s.start);
        let (line, source) = line_at(text.as_bytes(), at);
        format!("theme {origin}:{line}: {message} in {source}")
    })
}

/// Where an error the TOML parser gives no place for (a dotted key of 80 parts or more)
/// starts: the first line whose text up to it fails that way, found by bisection.
fn spanless_error_at(text: &str) -> usize {
    let ends: Vec<usize> = text.match_indices('\n').map(|(i, _)| i + 1).collect();
    let fails =
        |end: usize| toml::from_str::<ThemeFile>(&text[..end]).is_err_and(|e| e.span().is_none());
    let lo = ends.partition_point(|&end| !fails(end));
    if lo == 0 { 0 } else { ends[lo - 1] }
}

/// A user theme file's text: a regular file (not a FIFO or `/dev/zero` that would block or
/// never end), at most `MAX_THEME_BYTES`, and UTF-8.
fn read_theme(path: &Path, origin: &str) -> Result<String, String> {
    let bytes = read_capped(path, MAX_THEME_BYTES, Links::Follow).map_err(|e| match e {
        ReadError::TooLarge { .. } => {
            format!("theme {origin}: larger than {MAX_THEME_BYTES} bytes; a theme is a few KB")
        }
        e => format!("theme {origin}: {e}"),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let (line, source) = line_at(e.as_bytes(), at);
        format!("theme {origin}:{line}: not UTF-8 (byte {at}) in {source}")
    })
}

/// The theme called `name` from a complete file.
fn resolve(name: &str, file: &ThemeFile) -> Result<Theme, String> {
    Ok(Theme {
        name: name.to_string(),
        styles: file.resolve()?,
    })
}

fn builtin_file(name: &str) -> Option<ThemeFile> {
    let (_, text) = BUILTIN.iter().find(|(n, _)| *n == name)?;
    Some(parse_file(name, text).expect("built-in themes are checked by tests"))
}

/// Where a theme came from and what went wrong on the way, for the status line.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The theme to use (a built-in one when the asked-for theme could not be used).
    pub theme: Theme,
    /// Why the asked-for theme is not the one in use; shown to the user.
    pub problem: Option<String>,
}

/// The directory user themes are read from: `<config dir>/themes`.
pub fn user_theme_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "edgeplan").map(|d| d.config_dir().join("themes"))
}

/// True when the NO_COLOR convention asks for no colour (set and not empty).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

impl Theme {
    /// A built-in theme by name.
    pub fn builtin(name: &str) -> Option<Theme> {
        builtin_file(name).map(|f| resolve(name, &f).expect("built-in themes are complete"))
    }

    /// The default dark theme.
    pub fn default_dark() -> Theme {
        Theme::builtin("default").expect("the default theme is built in")
    }

    /// A theme from user text, merged over the built-in theme `base`.
    pub fn parse_over(base: &str, origin: &str, text: &str) -> Result<Theme, String> {
        let user = parse_file(origin, text)?;
        user.check().map_err(|(at, e)| {
            let (line, _) = line_at(text.as_bytes(), at);
            format!("theme {origin}:{line}: {e}")
        })?;
        let base_file = builtin_file(base)
            .or_else(|| builtin_file("default"))
            .unwrap_or_default();
        let name = Path::new(origin)
            .file_stem()
            .map_or(origin.to_string(), |s| s.to_string_lossy().into_owned());
        resolve(&name, &base_file.merge(user)).map_err(|e| format!("theme {origin}: {e}"))
    }

    /// Picks the theme for a session: NO_COLOR forces `mono`; a user file
    /// `<dir>/NAME.toml` is merged over the built-in of that name (or `default`);
    /// otherwise the built-in. Problems fall back to a built-in theme and are reported.
    pub fn load(name: Option<&str>, user_dir: Option<&Path>, no_color: bool) -> Loaded {
        if no_color {
            return Loaded {
                theme: Theme::builtin("mono").expect("mono is built in"),
                problem: None,
            };
        }
        let name = name.unwrap_or("default");
        let fallback = || Theme::builtin(name).unwrap_or_else(Theme::default_dark);
        if let Some(path) = user_dir
            .map(|d| d.join(format!("{name}.toml")))
            .filter(|p| p.exists())
        {
            // The file name and the theme name come from the user's directory and
            // command line; every message below starts from this escaped name.
            let origin = crate::escape::escape_path(&path);
            let result =
                read_theme(&path, &origin).and_then(|text| Theme::parse_over(name, &origin, &text));
            return match result {
                Ok(theme) => Loaded {
                    theme,
                    problem: None,
                },
                Err(e) => Loaded {
                    theme: fallback(),
                    // Escaped whole as well: a key of the user's file may reach `e`.
                    problem: Some(format!(
                        "{} (using the built-in {} theme)",
                        crate::escape::Escaped(&e),
                        fallback().name
                    )),
                },
            };
        }
        match Theme::builtin(name) {
            Some(theme) => Loaded {
                theme,
                problem: None,
            },
            None => {
                let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
                let dir = user_dir.map_or_else(
                    || "the config directory".to_string(),
                    crate::escape::escape_path,
                );
                Loaded {
                    theme: Theme::default_dark(),
                    problem: Some(format!(
                        "no theme named \"{}\": built-in themes are {}; user themes go in {dir}/NAME.toml",
                        crate::escape::Escaped(name),
                        names.join(", ")
                    )),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hop::HopStatus;

    #[test]
    fn every_builtin_theme_is_complete_and_valid() {
        for (name, text) in BUILTIN {
            let file = parse_file(name, text).unwrap();
            resolve(name, &file).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }

    #[test]
    fn mono_uses_no_colour() {
        let (_, text) = BUILTIN.iter().find(|(n, _)| *n == "mono").unwrap();
        let file = parse_file("mono", text).unwrap();
        let doc: toml::Table = toml::from_str(text).unwrap();
        assert!(!text.contains("fg =") && !text.contains("bg ="), "{doc:?}");
        let theme = resolve("mono", &file).unwrap();
        assert_eq!(theme.hop(HopStatus::Error, true).fg, None);
    }
}
