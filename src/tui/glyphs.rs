//! The characters the TUI draws with: box drawing and arrows on UTF-8 terminals, plain
//! ASCII with `--ascii` or when the locale is not UTF-8.

use crate::hop::HopStatus;
use ratatui::symbols::border;

/// One set of drawing characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    /// True for the ASCII set.
    pub ascii: bool,
    /// Pane and hop borders.
    pub border: border::Set<'static>,
    /// The border of the selected hop (the outline).
    pub border_selected: border::Set<'static>,
    /// The head of a link between two hops, left to right.
    pub arrow_right: &'static str,
    /// The line of a link between two hops.
    pub link: &'static str,
    /// The Express Connect line between the firewall and the VBR.
    pub express_line: &'static str,
    /// A link between two hops, top to bottom.
    pub arrow_down: &'static str,
    /// The row under the cursor.
    pub pointer: &'static str,
    /// A chosen option.
    pub radio_on: &'static str,
    /// An option not chosen.
    pub radio_off: &'static str,
    /// A list bullet.
    pub bullet: &'static str,
    /// Cut-off text.
    pub ellipsis: &'static str,
    /// Marks that read without colour.
    pub ok: &'static str,
    /// Warning mark.
    pub warning: &'static str,
    /// Error mark.
    pub error: &'static str,
    /// Unknown: a hop not surveyed.
    pub unknown: &'static str,
    /// Unsaved changes.
    pub modified: &'static str,
    /// "Goes to", in routes.
    pub to: &'static str,
}

/// Box drawing and arrows.
pub const UNICODE: Glyphs = Glyphs {
    ascii: false,
    border: border::PLAIN,
    border_selected: border::THICK,
    arrow_right: "▶",
    link: "─",
    express_line: "═",
    arrow_down: "│",
    pointer: "▸",
    radio_on: "(•)",
    radio_off: "( )",
    bullet: "•",
    ellipsis: "…",
    ok: "✓",
    warning: "!",
    error: "✗",
    unknown: "?",
    modified: "●",
    to: "→",
};

/// Plain ASCII for terminals without UTF-8.
pub const ASCII: Glyphs = Glyphs {
    ascii: true,
    border: border::Set {
        top_left: "+",
        top_right: "+",
        bottom_left: "+",
        bottom_right: "+",
        vertical_left: "|",
        vertical_right: "|",
        horizontal_top: "-",
        horizontal_bottom: "-",
    },
    border_selected: border::Set {
        top_left: "#",
        top_right: "#",
        bottom_left: "#",
        bottom_right: "#",
        vertical_left: "#",
        vertical_right: "#",
        horizontal_top: "=",
        horizontal_bottom: "=",
    },
    arrow_right: ">",
    link: "-",
    express_line: "=",
    arrow_down: "|",
    pointer: ">",
    radio_on: "(*)",
    radio_off: "( )",
    bullet: "-",
    ellipsis: "...",
    ok: "ok",
    warning: "!!",
    error: "XX",
    unknown: "??",
    modified: "*",
    to: "->",
};

impl Glyphs {
    /// ASCII when asked for or when the locale is not UTF-8.
    pub fn pick(ascii: bool) -> Glyphs {
        if ascii || !locale_is_utf8(|k| std::env::var(k).ok()) {
            ASCII
        } else {
            UNICODE
        }
    }

    /// The mark for a hop's status.
    pub fn status(&self, status: HopStatus) -> &'static str {
        match status {
            HopStatus::Ok => self.ok,
            HopStatus::Warning => self.warning,
            HopStatus::Error => self.error,
        }
    }

    /// A key label as written in this set: arrows become words in ASCII.
    pub fn key_label(&self, label: &str) -> String {
        if !self.ascii {
            return label.to_string();
        }
        label
            .replace('←', "Left")
            .replace('→', "Right")
            .replace('↑', "Up")
            .replace('↓', "Down")
    }

    /// The mark for a finding's severity.
    pub fn severity(&self, severity: crate::Severity) -> &'static str {
        match severity {
            crate::Severity::Warning => self.warning,
            crate::Severity::Error => self.error,
        }
    }
}

/// True when the locale's character set is UTF-8. The first non-empty of `LC_ALL`,
/// `LC_CTYPE` and `LANG` decides, as the C library does; none means the "C" locale.
pub fn locale_is_utf8(var: impl Fn(&str) -> Option<String>) -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|k| var(k).filter(|v| !v.is_empty()))
        .is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("utf-8") || v.contains("utf8")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn lc_all_wins_over_lang() {
        assert!(!locale_is_utf8(env(&[
            ("LC_ALL", "C"),
            ("LANG", "en_US.UTF-8")
        ])));
        assert!(locale_is_utf8(env(&[
            ("LC_ALL", ""),
            ("LC_CTYPE", "C.utf8"),
            ("LANG", "C")
        ])));
        assert!(!locale_is_utf8(env(&[])));
    }

    #[test]
    fn ascii_glyphs_are_ascii() {
        let g = ASCII;
        let all = [
            g.arrow_right,
            g.link,
            g.express_line,
            g.arrow_down,
            g.pointer,
            g.radio_on,
            g.radio_off,
            g.bullet,
            g.ellipsis,
            g.ok,
            g.warning,
            g.error,
            g.modified,
            g.to,
            g.border.top_left,
            g.border_selected.top_left,
        ];
        assert!(all.iter().all(|s| s.is_ascii()));
    }
}
