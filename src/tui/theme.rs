//! Colour themes: `themes/*.toml` embedded at build time, user themes from the config
//! directory merged over a built-in one, and a runtime `Theme` whose methods name what a
//! style is for (a hop's status, a finding's severity, the status bar) so that no render
//! code names a colour.

use crate::checks::Severity;
use crate::store::{Links, ReadError, read_capped};
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor, value::MapAccessDeserializer};
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The largest user theme file read; the built-in themes are about 2 KB.
pub const MAX_THEME_BYTES: u64 = 1 << 20;
/// How many characters of a value or line a message quotes.
const QUOTED_CHARS: usize = 64;
/// How many characters of the TOML parser's own message are kept.
const MESSAGE_CHARS: usize = 240;

/// The built-in themes: name and embedded text.
pub const BUILTIN: [(&str, &str); 4] = [
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    ("mono", include_str!("../../themes/mono.toml")),
];

/// How a hop stands after the checks, as the topology shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HopStatus {
    /// No warning or error touches the hop.
    Ok,
    /// The worst finding is a warning.
    Warning,
    /// At least one error.
    Error,
}

impl HopStatus {
    /// The status for a hop's worst finding; notes (info) leave a hop ok.
    pub fn from_worst(worst: Option<Severity>) -> HopStatus {
        match worst {
            Some(Severity::Error) => HopStatus::Error,
            Some(Severity::Warning) => HopStatus::Warning,
            Some(Severity::Info) | None => HopStatus::Ok,
        }
    }
}

/// What a status-line message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// Something worked (saved, region chosen).
    Info,
    /// Something failed or was refused.
    Error,
}

/// One style as written in a theme file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct StyleFile {
    fg: Option<Spanned<String>>,
    bg: Option<Spanned<String>>,
    modifiers: Option<Vec<Spanned<String>>>,
}

impl StyleFile {
    /// `over`'s properties win; the rest come from `self`.
    fn merge(self, over: StyleFile) -> StyleFile {
        StyleFile {
            fg: over.fg.or(self.fg),
            bg: over.bg.or(self.bg),
            modifiers: over.modifiers.or(self.modifiers),
        }
    }

    /// The style, or the byte offset in the file of the first bad value and why it is bad.
    fn resolve(&self, key: &str) -> Result<Style, (usize, String)> {
        let colour = |what: &str,
                      v: &Option<Spanned<String>>|
         -> Result<Option<Color>, (usize, String)> {
            v.as_ref()
                .map(|s| {
                    parse_colour(s.get_ref()).ok_or_else(|| {
                        (s.span().start, format!("{key}.{what} = {}: not a colour; use a name (red, lightblue, reset), an index 0-255 or \"#rrggbb\"", quote(s.get_ref())))
                    })
                })
                .transpose()
        };
        let mut style = Style::default();
        if let Some(fg) = colour("fg", &self.fg)? {
            style = style.fg(fg);
        }
        if let Some(bg) = colour("bg", &self.bg)? {
            style = style.bg(bg);
        }
        for m in self.modifiers.iter().flatten() {
            let modifier = match m.get_ref().as_str() {
                "bold" => Modifier::BOLD,
                "dim" => Modifier::DIM,
                "italic" => Modifier::ITALIC,
                "underline" => Modifier::UNDERLINED,
                "reverse" => Modifier::REVERSED,
                "crossed-out" => Modifier::CROSSED_OUT,
                other => {
                    return Err((
                        m.span().start,
                        format!(
                            "{key}.modifiers: {} is not a modifier; use bold, dim, italic, underline, reverse or crossed-out",
                            quote(other)
                        ),
                    ));
                }
            };
            style = style.add_modifier(modifier);
        }
        Ok(style)
    }
}

/// Reads a TOML table into `T`, refusing an array: serde's derive alone would fill a struct
/// from an array by position (`[[hop]]` as `hop.ok`, `ok = ["red"]` as `ok.fg`).
fn table<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    struct OnlyTables<T>(PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for OnlyTables<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a table")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(MapAccessDeserializer::new(map))
        }
    }
    d.deserialize_map(OnlyTables(PhantomData)).map(Some)
}

/// Declares each theme section once: the file struct (every key optional, unknown keys
/// refused), the runtime struct (every style resolved), merging and resolving.
macro_rules! sections {
    ($($section:ident: $file:ident => $styles:ident { $($key:ident),* $(,)? }),* $(,)?) => {
        $(
            #[derive(Debug, Clone, Default, Deserialize)]
            #[serde(deny_unknown_fields, rename_all = "kebab-case")]
            struct $file { $(#[serde(default, deserialize_with = "table")] $key: Option<StyleFile>,)* }

            #[derive(Debug, Clone, PartialEq)]
            struct $styles { $($key: Style,)* }

            impl $file {
                fn merge(self, over: $file) -> $file {
                    $file { $($key: match (self.$key, over.$key) {
                        (Some(a), Some(b)) => Some(a.merge(b)),
                        (a, b) => b.or(a),
                    },)* }
                }

                fn resolve(&self) -> Result<$styles, String> {
                    Ok($styles { $($key: {
                        let key = format!("{}.{}", stringify!($section), stringify!($key).replace('_', "-"));
                        let style = self.$key.as_ref().ok_or_else(|| format!("{key}: missing"))?;
                        style.resolve(&key).map_err(|(_, e)| e)?
                    },)* })
                }

                /// Resolves the styles present, so a bad value is found where it was written.
                fn check(&self) -> Result<(), (usize, String)> {
                    $(if let Some(style) = &self.$key {
                        style.resolve(&format!("{}.{}", stringify!($section), stringify!($key).replace('_', "-")))?;
                    })*
                    Ok(())
                }
            }
        )*

        /// A theme file: every section and key optional so user files can be partial.
        #[derive(Debug, Clone, Default, Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case")]
        struct ThemeFile { $(#[serde(default, deserialize_with = "table")] $section: Option<$file>,)* }

        impl ThemeFile {
            fn merge(self, over: ThemeFile) -> ThemeFile {
                ThemeFile { $($section: Some(self.$section.unwrap_or_default().merge(over.$section.unwrap_or_default())),)* }
            }

            fn check(&self) -> Result<(), (usize, String)> {
                $(self.$section.as_ref().map_or(Ok(()), $file::check)?;)*
                Ok(())
            }

            fn resolve(&self, name: &str) -> Result<Theme, String> {
                Ok(Theme {
                    name: name.to_string(),
                    $($section: self.$section.clone().unwrap_or_default().resolve()?,)*
                })
            }
        }

        /// A resolved theme: one style per purpose.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Theme {
            name: String,
            $($section: $styles,)*
        }
    };
}

sections! {
    text: TextFile => TextStyles { normal, muted, heading, key },
    pane: PaneFile => PaneStyles { border, border_focused, title, title_focused },
    hop: HopFile => HopStyles { ok, warning, error, selected, link },
    finding: FindingFile => FindingStyles { info, warning, error, fix },
    list: ListFile => ListStyles { cursor, cursor_unfocused, current },
    input: InputFile => InputStyles { text, invalid, reason },
    status: StatusFile => StatusStyles { bar, key, modified, info, error },
    overlay: OverlayFile => OverlayStyles { body, border },
}

/// A colour as themes write it: a name, an index 0-255 or `#rrggbb`. Stricter than
/// ratatui, which also takes `+5`, `#+1+2+3` and `r-e-d`.
fn parse_colour(s: &str) -> Option<Color> {
    const NAMES: [&str; 12] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "gray", "grey", "silver",
        "white", "reset",
    ];
    if let Some(hex) = s.strip_prefix('#') {
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
    } else if s.bytes().all(|b| b.is_ascii_digit()) {
        return (1..=3)
            .contains(&s.len())
            .then(|| s.parse().ok().map(Color::Indexed))?;
    } else {
        let lower = s.to_ascii_lowercase();
        let base = ["light", "bright", "dark"]
            .iter()
            .find_map(|p| lower.strip_prefix(p))
            .map_or(lower.as_str(), |r| {
                r.strip_prefix(['-', '_', ' ']).unwrap_or(r)
            });
        if !NAMES.contains(&base) {
            return None;
        }
    }
    s.parse().ok()
}

/// `s` for a one-line message: control and bidi characters escaped, cut to `max` characters.
fn one_line(s: &str, max: usize) -> String {
    let mut chars = s.chars().flat_map(|c| {
        let escape =
            c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        let escaped = escape.then(|| c.escape_default()).into_iter().flatten();
        escaped.chain((!escape).then_some(c))
    });
    let mut out: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

/// A colour or modifier quoted for a message, cut short (marked `…`) when long. Valid ones
/// are ASCII, so anything else is escaped: a Cyrillic `е` in `rеd` shows as `\u{435}`.
fn quote(s: &str) -> String {
    let cut: String = s.chars().take(QUOTED_CHARS).collect();
    let more = if cut.len() < s.len() { "…" } else { "" };
    format!("\"{}\"{more}", cut.escape_default())
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
        builtin_file(name).map(|f| f.resolve(name).expect("built-in themes are complete"))
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
        base_file
            .merge(user)
            .resolve(&name)
            .map_err(|e| format!("theme {origin}: {e}"))
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
            let origin = path.display().to_string();
            let result =
                read_theme(&path, &origin).and_then(|text| Theme::parse_over(name, &origin, &text));
            return match result {
                Ok(theme) => Loaded {
                    theme,
                    problem: None,
                },
                Err(e) => Loaded {
                    theme: fallback(),
                    problem: Some(format!(
                        "{e} (using the built-in {} theme)",
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
                    |d| d.display().to_string(),
                );
                Loaded {
                    theme: Theme::default_dark(),
                    problem: Some(format!(
                        "no theme named {name:?}: built-in themes are {}; user themes go in {dir}/NAME.toml",
                        names.join(", ")
                    )),
                }
            }
        }
    }

    /// The theme's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The whole screen's base: plain text on the theme's background.
    pub fn base(&self) -> Style {
        self.text.normal
    }

    /// Secondary text: hints, placeholders, reasons in lists.
    pub fn muted(&self) -> Style {
        self.text.muted
    }

    /// Section headings inside a pane.
    pub fn heading(&self) -> Style {
        self.text.heading
    }

    /// A key name in help and hints.
    pub fn key(&self) -> Style {
        self.text.key
    }

    /// A pane's border.
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.pane.border_focused
        } else {
            self.pane.border
        }
    }

    /// A pane's title.
    pub fn title(&self, focused: bool) -> Style {
        if focused {
            self.pane.title_focused
        } else {
            self.pane.title
        }
    }

    /// A hop box in the topology: its status colour, emphasised when selected.
    pub fn hop(&self, status: HopStatus, selected: bool) -> Style {
        let style = match status {
            HopStatus::Ok => self.hop.ok,
            HopStatus::Warning => self.hop.warning,
            HopStatus::Error => self.hop.error,
        };
        if selected {
            style.patch(self.hop.selected)
        } else {
            style
        }
    }

    /// The links between hop boxes.
    pub fn link(&self) -> Style {
        self.hop.link
    }

    /// A finding's mark and message.
    pub fn finding(&self, severity: Severity) -> Style {
        match severity {
            Severity::Info => self.finding.info,
            Severity::Warning => self.finding.warning,
            Severity::Error => self.finding.error,
        }
    }

    /// A finding's fix.
    pub fn fix(&self) -> Style {
        self.finding.fix
    }

    /// The row under the cursor; quieter when its pane is not focused.
    pub fn cursor(&self, focused: bool) -> Style {
        if focused {
            self.list.cursor
        } else {
            self.list.cursor_unfocused
        }
    }

    /// The value the plan holds now (the chosen region, CNI, transit).
    pub fn current(&self) -> Style {
        self.list.current
    }

    /// Text being typed; marked when it is not a valid value.
    pub fn input(&self, valid: bool) -> Style {
        if valid {
            self.input.text
        } else {
            self.input.invalid
        }
    }

    /// The reason beside an invalid entry.
    pub fn reason(&self) -> Style {
        self.input.reason
    }

    /// The status line.
    pub fn status_bar(&self) -> Style {
        self.status.bar
    }

    /// A key hint in the status line.
    pub fn status_key(&self) -> Style {
        self.status.key
    }

    /// The unsaved-changes mark.
    pub fn status_modified(&self) -> Style {
        self.status.modified
    }

    /// A message in the status line.
    pub fn message(&self, kind: MessageKind) -> Style {
        match kind {
            MessageKind::Info => self.status.info,
            MessageKind::Error => self.status.error,
        }
    }

    /// The body of an overlay (help, quit question).
    pub fn overlay(&self) -> Style {
        self.overlay.body
    }

    /// An overlay's border.
    pub fn overlay_border(&self) -> Style {
        self.overlay.border
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_theme_is_complete_and_valid() {
        for (name, text) in BUILTIN {
            let file = parse_file(name, text).unwrap();
            file.resolve(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }

    #[test]
    fn mono_uses_no_colour() {
        let (_, text) = BUILTIN.iter().find(|(n, _)| *n == "mono").unwrap();
        let file = parse_file("mono", text).unwrap();
        let doc: toml::Table = toml::from_str(text).unwrap();
        assert!(!text.contains("fg =") && !text.contains("bg ="), "{doc:?}");
        let theme = file.resolve("mono").unwrap();
        assert_eq!(theme.hop(HopStatus::Error, true).fg, None);
    }
}
