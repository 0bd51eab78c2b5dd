//! Untrusted text made safe for a terminal: the one escaping function every text output
//! of the CLI and the TUI uses for plan values, keys, file names and error messages.
//!
//! A plan travels between customers, so a name, a key or a file name may carry escape
//! sequences (an OSC 52 clipboard write, a screen clear), a forged line, or bidi and
//! zero-width characters that make text read differently from what it is. Each such
//! character is shown as a visible escape:
//!
//! | character | shown as |
//! | --- | --- |
//! | NUL, tab, line feed, carriage return | `\0`, `\t`, `\n`, `\r` |
//! | ESC | `\e` |
//! | any other unsafe character | `\u{hex}`, lowercase, as in Rust: `\u{202e}` |
//!
//! Unsafe are: C0 and C1 control characters and DEL; the bidi controls (U+061C, U+200E,
//! U+200F, U+202A–U+202E, U+2066–U+2069); invisible format characters (U+00AD soft
//! hyphen, U+180E, U+200B–U+200D, U+2060–U+2064, U+206A–U+206F, U+FEFF, U+FFF9–U+FFFB);
//! and the line and paragraph separators U+2028 and U+2029. Everything else, including
//! letters such as `é` or `中文`, is left alone.
//!
//! A backslash is not escaped, so the output never holds an unsafe character and escaping
//! twice changes nothing: text escaped where a message is built and again where it is
//! drawn shows `\e`, never `\\e`. JSON output is not escaped this way: it keeps JSON's
//! own escapes (`check --format json` writes these characters as `\uXXXX`).

use std::borrow::Cow;
use std::fmt;
use std::path::Path;

/// True for a character that must not reach a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
        )
}

/// Writes `c`'s visible escape.
fn write_escaped(out: &mut impl fmt::Write, c: char) -> fmt::Result {
    match c {
        '\0' => out.write_str("\\0"),
        '\t' => out.write_str("\\t"),
        '\n' => out.write_str("\\n"),
        '\r' => out.write_str("\\r"),
        '\u{1b}' => out.write_str("\\e"),
        _ => write!(out, "\\u{{{:x}}}", u32::from(c)),
    }
}

/// Writes `text` with every unsafe character escaped.
fn write_text(out: &mut impl fmt::Write, text: &str) -> fmt::Result {
    let mut rest = text;
    while let Some((at, c)) = rest.char_indices().find(|&(_, c)| is_unsafe(c)) {
        out.write_str(&rest[..at])?;
        write_escaped(out, c)?;
        rest = &rest[at + c.len_utf8()..];
    }
    out.write_str(rest)
}

/// `text` with every unsafe character replaced by a visible escape; borrowed (no
/// allocation) when there is nothing to escape.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    write_text(&mut out, text).expect("writing to a String cannot fail");
    Cow::Owned(out)
}

/// A file name for a message: lossy for non-UTF-8 names, unsafe characters escaped.
pub fn escape_path(path: &Path) -> String {
    escape(&path.to_string_lossy()).into_owned()
}

/// Formats untrusted text escaped, for `format!` arguments: `format!("{}", Escaped(name))`.
#[derive(Debug, Clone, Copy)]
pub struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_text(f, self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn terminal_controls_become_visible_escapes() {
        assert_eq!(escape("a\u{1b}]52;c;eA==\u{7}b"), "a\\e]52;c;eA==\\u{7}b");
        assert_eq!(escape("x\u{1b}[2J\r\nPlan: y"), "x\\e[2J\\r\\nPlan: y");
        assert_eq!(escape("\0\t\u{7f}\u{9b}"), "\\0\\t\\u{7f}\\u{9b}");
        assert_eq!(
            escape("\u{202e}\u{2066}\u{2069}\u{200e}\u{200f}\u{61c}"),
            "\\u{202e}\\u{2066}\\u{2069}\\u{200e}\\u{200f}\\u{61c}"
        );
        assert_eq!(
            escape("\u{200b}\u{200d}\u{feff}\u{2060}\u{2028}\u{2029}"),
            "\\u{200b}\\u{200d}\\u{feff}\\u{2060}\\u{2028}\\u{2029}"
        );
    }

    #[test]
    fn ordinary_text_is_borrowed_untouched() {
        for text in ["plan 中文 é — ✓", "C:\\plans\\a.toml", "", "10.0.0.0/8"] {
            assert!(matches!(escape(text), Cow::Borrowed(t) if t == text));
        }
    }

    #[test]
    fn an_escaped_name_shows_one_backslash_even_when_escaped_again() {
        let once = escape("a\u{1b}b").into_owned();
        assert_eq!(once, "a\\eb");
        assert_eq!(escape(&once), "a\\eb");
        assert_eq!(Escaped(&once).to_string(), "a\\eb");
    }

    #[test]
    fn a_file_name_is_escaped() {
        assert_eq!(
            escape_path(Path::new("/tmp/a\nb\u{202e}.toml")),
            "/tmp/a\\nb\\u{202e}.toml"
        );
    }

    proptest! {
        #[test]
        fn escaped_text_never_holds_an_unsafe_character(text in any::<String>()) {
            let out = escape(&text);
            prop_assert!(!out.chars().any(is_unsafe));
            prop_assert_eq!(Escaped(&text).to_string(), out.as_ref());
            prop_assert_eq!(escape(&out), out.as_ref());
        }

        #[test]
        fn safe_text_is_left_as_it_is(text in any::<String>()) {
            let safe: String = text.chars().filter(|&c| !is_unsafe(c)).collect();
            prop_assert_eq!(escape(&safe), safe.as_str());
        }
    }
}
