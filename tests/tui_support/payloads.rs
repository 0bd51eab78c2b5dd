//! Terminal-injection payloads, for the sweeps of the CLI and the TUI.

/// What a forged line starts with; no output line may.
pub const FORGED: &str = "FORGED";

/// Each payload with a name: escape sequences, a forged line, C1, DEL, bidi controls,
/// zero-width characters, line and paragraph separators, NUL.
pub const PAYLOADS: &[(&str, &str)] = &[
    ("OSC 52 clipboard write", "\x1b]52;c;SGVsbG8=\x07"),
    ("CSI screen clear", "\x1b[2J\x1b[H"),
    ("forged line", "\nFORGED Plan: evil"),
    ("carriage return", "\rFORGED"),
    ("C1 CSI", "\u{9b}2J"),
    ("DEL", "a\u{7f}b"),
    ("NUL", "a\0b"),
    ("RLO", "\u{202e}lmth.exe"),
    ("LRI FSI PDI", "\u{2066}\u{2067}\u{2068}\u{2069}"),
    ("LRM RLM ALM", "\u{200e}\u{200f}\u{61c}"),
    ("zero-width space joiners", "a\u{200b}\u{200c}\u{200d}b"),
    ("BOM word joiner", "\u{feff}\u{2060}"),
    ("line separator", "a\u{2028}FORGED"),
    ("paragraph separator", "a\u{2029}FORGED"),
];

/// The payload between markers, so its place in the output can be found.
pub fn marked(payload: &str) -> String {
    format!("<<{payload}>>")
}

/// `text` as a TOML basic string with every non-printable-ASCII character as `\uXXXX`.
pub fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
            out.push(c);
        } else {
            out.push_str(&format!("\\u{:04X}", u32::from(c)));
        }
    }
    out.push('"');
    out
}
