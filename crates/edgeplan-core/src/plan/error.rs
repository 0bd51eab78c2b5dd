//! Problems with a plan file, each placed by file, line, key and value, so an engineer
//! can go straight to it.

use crate::escape::Escaped;
use std::fmt;

/// Values longer than this are shortened in messages.
const MAX_SHOWN_VALUE: usize = 60;

/// One thing wrong with a plan file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line, when the problem has a place in the file.
    pub line: Option<usize>,
    /// Dotted key such as `network.vpc_cidrs[1]`.
    pub key: Option<String>,
    /// The offending value as written (shortened when long).
    pub value: Option<String>,
    /// What is wrong and, where it can be said, what to write instead.
    pub message: String,
}

/// A plan file that cannot be read; lists every problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError {
    /// The file as the user named it.
    pub file: String,
    /// Every problem, in file order.
    pub problems: Vec<Problem>,
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            // The file name, key, value and parser message all come from the file.
            write!(f, "{}", Escaped(&self.file))?;
            if let Some(line) = p.line {
                write!(f, ":{line}")?;
            }
            write!(f, ":")?;
            match (&p.key, &p.value) {
                (Some(k), Some(v)) => write!(f, " {} = {}:", Escaped(k), Escaped(v))?,
                (Some(k), None) => write!(f, " {}:", Escaped(k))?,
                (None, Some(v)) => write!(f, " {}:", Escaped(v))?,
                (None, None) => {}
            }
            write!(f, " {}", Escaped(&p.message))?;
        }
        Ok(())
    }
}

impl std::error::Error for PlanError {}

impl PlanError {
    pub(super) fn one(file: &str, problem: Problem) -> PlanError {
        PlanError {
            file: file.to_string(),
            problems: vec![problem],
        }
    }
}

/// The value as shown in a message: long values cut (`Display` escapes it).
pub(super) fn shorten(s: &str) -> String {
    let head: String = s.chars().take(MAX_SHOWN_VALUE).collect();
    if s.chars().count() <= MAX_SHOWN_VALUE {
        head
    } else {
        format!("{head}… ({} bytes)", s.len())
    }
}

/// The first line that nests more deeply than a plan ever needs, for parser errors that
/// carry no position (the recursion limit).
fn deepest_line(text: &str) -> Option<usize> {
    let depth = |l: &str| l.chars().filter(|c| matches!(c, '.' | '[' | '{')).count();
    text.lines().position(|l| depth(l) > 100).map(|i| i + 1)
}

pub(super) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The table header in force at `offset`, such as `network`.
fn table_at(text: &str, offset: usize) -> Option<String> {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .split(|b| *b == b'\n')
        .filter_map(|l| std::str::from_utf8(l).ok())
        .map(str::trim)
        .rev()
        .find(|l| l.starts_with('[') && !l.starts_with("[["))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim().to_string())
}

/// A problem from a TOML parser error: the line, and the key and value written on it.
pub(super) fn problem_from_toml(text: &str, err: &toml::de::Error) -> Problem {
    problem_at(text, err.span().map(|s| s.start), err.message().trim())
}

/// A problem at byte `offset` of `text`, naming the key and value written on that line;
/// without an offset, the first line that nests deeper than a plan ever needs.
pub(super) fn problem_at(text: &str, offset: Option<usize>, message: &str) -> Problem {
    let Some(offset) = offset else {
        return Problem {
            line: deepest_line(text),
            key: None,
            value: None,
            message: message.to_string(),
        };
    };
    let line_no = line_of(text, offset);
    let line = text.lines().nth(line_no - 1).unwrap_or("");
    let (key, value) = match line.split_once('=') {
        Some((k, v)) if !line.trim_start().starts_with('[') => {
            let k = k.trim();
            let k = match table_at(text, offset) {
                Some(t) if !t.is_empty() => format!("{t}.{k}"),
                _ => k.to_string(),
            };
            (Some(k), Some(shorten(v.trim())))
        }
        _ => (None, Some(shorten(line.trim()))),
    };
    Problem {
        line: Some(line_no),
        key,
        value: value.filter(|v| !v.is_empty()),
        message: message.to_string(),
    }
}
