//! Text layout helpers: word wrapping that knows its line count (so scrolling can be
//! clamped), truncation with the session's ellipsis, and a builder for pre-wrapped lines.

use crate::escape::escape;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Display width of `s` in terminal columns.
pub fn width(s: &str) -> usize {
    Span::raw(s).width()
}

/// `s` cut to `max` columns, ending in `ellipsis` when cut.
pub fn truncate(s: &str, max: usize, ellipsis: &str) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let keep = max.saturating_sub(width(ellipsis));
    let mut out = String::new();
    for c in s.chars() {
        let mut buf = [0; 4];
        if width(&out) + width(c.encode_utf8(&mut buf)) > keep {
            break;
        }
        out.push(c);
    }
    if max >= width(ellipsis) {
        out.push_str(ellipsis);
    }
    out
}

/// `s` cut to `max` columns from the left, starting with `ellipsis` when cut, so the
/// end (a file name) stays readable.
pub fn truncate_left(s: &str, max: usize, ellipsis: &str) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let keep = max.saturating_sub(width(ellipsis));
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let mut buf = [0; 4];
        let w = width(c.encode_utf8(&mut buf));
        if used + w > keep {
            break;
        }
        used += w;
        tail.push(c);
    }
    let tail: String = tail.into_iter().rev().collect();
    format!("{ellipsis}{tail}")
}

/// `text` broken at spaces into lines of at most `max` columns; over-long words are cut.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    wrap_first(text, max, usize::MAX)
}

/// The first `count` lines of `wrap(text, max)`; the rest of `text` is not looked at.
pub fn wrap_first(text: &str, max: usize, count: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if lines.len() >= count {
            lines.truncate(count);
            return lines;
        }
        let mut word = word.to_string();
        loop {
            let sep = usize::from(!line.is_empty());
            if width(&line) + sep + width(&word) <= max {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than the line: cut it after the last '.', '-' or '/' that
            // fits (host names, paths), else at the edge. A host name's last dot is no
            // break: "aliyuncs." above "com" reads as two names.
            let head: String = word.chars().take(max).collect();
            let last_dot = word.rfind('.');
            let cut = match head
                .char_indices()
                .filter(|&(at, c)| {
                    matches!(c, '.' | '-' | '/' | ',') && !(c == '.' && Some(at) == last_dot)
                })
                .map(|(at, _)| at)
                .next_back()
            {
                Some(at) if at > 0 && at + 1 < head.len() => head[..=at].to_string(),
                _ => head,
            };
            word = word.chars().skip(cut.chars().count()).collect();
            lines.push(cut);
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Lines already wrapped to a width, so their count is the height they take.
#[derive(Debug, Default)]
pub struct Doc<'a> {
    /// The lines.
    pub lines: Vec<Line<'a>>,
    /// The width lines are wrapped to.
    pub width: usize,
    /// Lines past this many are dropped, so a long document is laid out only as far as
    /// it is shown; `None` keeps every line.
    limit: Option<usize>,
}

impl<'a> Doc<'a> {
    /// An empty document `width` columns wide.
    pub fn new(width: u16) -> Doc<'a> {
        Doc {
            lines: Vec::new(),
            width: usize::from(width),
            limit: None,
        }
    }

    /// An empty document that keeps only its first `limit` lines.
    pub fn upto(width: u16, limit: usize) -> Doc<'a> {
        Doc {
            limit: Some(limit),
            ..Doc::new(width)
        }
    }

    /// True when the line limit is reached: builders stop adding.
    pub fn full(&self) -> bool {
        self.limit.is_some_and(|l| self.lines.len() >= l)
    }

    /// Adds one line as is (cut by the pane if too long).
    pub fn line(&mut self, line: impl Into<Line<'a>>) {
        if !self.full() {
            self.lines.push(line.into());
        }
    }

    /// Adds an empty line, unless the document is empty or already ends with one.
    pub fn gap(&mut self) {
        if !self.full() && self.lines.last().is_some_and(|l| l.width() > 0) {
            self.lines.push(Line::default());
        }
    }

    /// Adds `text` wrapped after `prefix` spans; later lines are indented by the
    /// prefix's width. Unsafe characters are escaped before wrapping, so widths hold.
    pub fn wrapped(&mut self, prefix: Vec<Span<'a>>, text: &str, style: Style) {
        if self.full() {
            return;
        }
        let indent: usize = prefix.iter().map(Span::width).sum();
        let room = self.width.saturating_sub(indent).max(8);
        let left = self.limit.map_or(usize::MAX, |l| l - self.lines.len());
        for (i, part) in wrap_first(&escape(text), room, left)
            .into_iter()
            .enumerate()
        {
            let mut spans = if i == 0 {
                prefix.clone()
            } else {
                vec![Span::raw(" ".repeat(indent))]
            };
            spans.push(Span::styled(part, style));
            self.line(Line::from(spans));
        }
    }

    /// True when lines go on past a `height`-line window from line `scroll` on, so the
    /// pane can say there is more rather than cut off silently.
    pub fn more_below(&self, scroll: usize, height: usize) -> bool {
        let scroll = if self.full() {
            scroll
        } else {
            scroll.min(self.lines.len().saturating_sub(height))
        };
        self.lines.len() > scroll.saturating_add(height)
    }

    /// The `height` lines from line `scroll` on, `scroll` kept inside the document. When
    /// the limit cut the document, it is taken to go on past the window.
    pub fn window(self, scroll: usize, height: usize) -> Vec<Line<'a>> {
        let scroll = if self.full() {
            scroll
        } else {
            scroll.min(self.lines.len().saturating_sub(height))
        };
        self.lines.into_iter().skip(scroll).take(height).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(
            wrap("oss-cn-hangzhou-internal.aliyuncs.com", 30),
            ["oss-cn-hangzhou-internal.", "aliyuncs.com"]
        );
        assert_eq!(
            wrap("oss-cn-hangzhou-internal.aliyuncs.com", 34),
            ["oss-cn-hangzhou-internal.", "aliyuncs.com"],
            "the domain's last dot is no break"
        );
        assert_eq!(wrap("", 3), [""]);
    }

    #[test]
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("192.168.0.0/16", 8, "…"), "192.168…");
        assert_eq!(truncate("abc", 8, "..."), "abc");
        assert_eq!(truncate_left("/tmp/dir/plan.toml", 10, "…"), "…plan.toml");
    }
}
