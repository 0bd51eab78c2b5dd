//! Colours and modifiers as theme files write them, parsed more strictly than ratatui does.

use ratatui::style::{Color, Modifier};

/// How many characters of a bad value a message quotes.
pub(super) const QUOTED_CHARS: usize = 64;

/// A colour as themes write it: a name, an index 0-255 or `#rrggbb`. Stricter than
/// ratatui, which also takes `+5`, `#+1+2+3` and `r-e-d`.
pub(super) fn parse_colour(s: &str) -> Option<Color> {
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

/// A modifier by the name themes write (`bold`, `crossed-out`, …).
pub(super) fn parse_modifier(s: &str) -> Option<Modifier> {
    Some(match s {
        "bold" => Modifier::BOLD,
        "dim" => Modifier::DIM,
        "italic" => Modifier::ITALIC,
        "underline" => Modifier::UNDERLINED,
        "reverse" => Modifier::REVERSED,
        "crossed-out" => Modifier::CROSSED_OUT,
        _ => return None,
    })
}

/// A colour or modifier quoted for a message, cut short (marked `…`) when long. Valid ones
/// are ASCII, so anything else is escaped: a Cyrillic `е` in `rеd` shows as `\u{435}`.
pub(super) fn quote(s: &str) -> String {
    let cut: String = s.chars().take(QUOTED_CHARS).collect();
    let more = if cut.len() < s.len() { "…" } else { "" };
    format!("\"{}\"{more}", cut.escape_default())
}
