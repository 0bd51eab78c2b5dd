//! Why an import failed: the format, the place (a line or a JSON path) and the problem,
//! quoting the value found there.

use super::model::{Format, Location};
use crate::escape::Escaped;
use crate::hop::Hop;
use crate::plan::Transit;
use std::fmt;

/// Why an import failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The input is over the size cap.
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
        /// The cap.
        cap: usize,
    },
    /// Neither a known API response nor a known device output.
    UnknownFormat,
    /// JSON, but not an API response this importer knows; carries the top-level keys.
    UnknownJson {
        /// The top-level keys, comma-separated (at most a few).
        keys: String,
    },
    /// Starts like JSON but is not valid JSON.
    BadJson {
        /// The parser's message (with its line and column).
        message: String,
    },
    /// The format describes other hops.
    WrongHop {
        /// The hop asked for.
        hop: Hop,
    },
    /// A transit router's table, but the plan has another transit.
    WrongTransit {
        /// The transit the table belongs to.
        needed: Transit,
        /// The plan's transit.
        plan: Transit,
    },
    /// A required field is missing (or null).
    Missing,
    /// A field holds a value of the wrong JSON type.
    WrongType {
        /// What it should be ("a string", "an array").
        expected: &'static str,
    },
    /// A value that cannot be read.
    BadValue {
        /// The value as found.
        value: String,
        /// What it should be.
        expected: &'static str,
    },
    /// More routes or rules than one import takes.
    TooManyEntries {
        /// The cap.
        cap: usize,
    },
    /// `DescribeVirtualBorderRouters` listed several VBRs: which one is the path's is unknown.
    SeveralVbrs {
        /// How many.
        count: usize,
    },
}

/// An import that failed: the format (when known), where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The format detected, if it got that far.
    pub format: Option<Format>,
    /// Where the problem is.
    pub at: Location,
    /// What is wrong.
    pub problem: Problem,
}

impl ImportError {
    /// A problem with the input as a whole.
    pub fn whole(format: Option<Format>, problem: Problem) -> ImportError {
        ImportError {
            format,
            at: Location::Whole,
            problem,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::TooLarge { bytes, cap } => {
                write!(f, "input is {bytes} bytes; the limit is {cap} bytes")
            }
            Problem::UnknownFormat => f.write_str(
                "unknown format: expected an Alibaba Cloud API response (JSON), Huawei or H3C \
                 `display ip routing-table`, or Cisco IOS `show ip route`",
            ),
            Problem::UnknownJson { keys } => write!(
                f,
                "JSON with top-level keys [{}] is not a response edgeplan imports \
                 (RouteEntrys, TransitRouterRouteEntries, RouteEntriesList, Permissions, \
                 VirtualBorderRouterSet)",
                Escaped(keys)
            ),
            Problem::BadJson { message } => write!(f, "not valid JSON: {}", Escaped(message)),
            Problem::WrongHop { hop } => write!(f, "this output does not describe the {hop} hop"),
            Problem::WrongTransit { needed, plan } => write!(
                f,
                "this is a {} table, but the plan's transit is {}",
                <&str>::from(needed),
                <&str>::from(plan)
            ),
            Problem::Missing => f.write_str("missing"),
            Problem::WrongType { expected } => write!(f, "should be {expected}"),
            Problem::BadValue { value, expected } => {
                write!(f, "\"{}\" is not {expected}", Escaped(value))
            }
            Problem::TooManyEntries { cap } => {
                write!(f, "more than {cap} entries; import a smaller table")
            }
            Problem::SeveralVbrs { count } => write!(
                f,
                "{count} VBRs listed; import the response for the path's VBR only \
                 (filter by VbrId)"
            ),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(format) = self.format {
            write!(f, "{format}: ")?;
        }
        if self.at != Location::Whole {
            write!(f, "{}: ", self.at)?;
        }
        write!(f, "{}", self.problem)
    }
}

impl std::error::Error for ImportError {}
