//! Checks of a plan: findings tied to the hops they break, each with a fix.

mod code;
mod customer;
mod limits;
mod lists;
mod names;
mod observed;
mod observed_rules;
#[cfg(test)]
mod observed_tests;
mod outside;
mod overlap;
mod quotas;
mod rules;
mod versions;

pub use code::{FieldRef, FindingCode};
pub use customer::Wording;
pub use names::{NAMED, name_some, thousands, write_some};
pub use observed::{FLANNEL_POD_MTU, VXLAN_OVERHEAD};
pub use overlap::{Cover, Overlap, overlapping_pairs};
pub use rules::{check, check_and_trace};

use crate::hop::Hop;
use std::fmt;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Works, but probably not what was meant.
    Warning,
    /// The path will not work as planned.
    Error,
}

impl Severity {
    /// `error` or `warning`.
    pub fn id(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// One problem about a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What it is about; its id is stable, such as `overlap-datacenter-vpc`.
    pub code: FindingCode,
    /// How bad.
    pub severity: Severity,
    /// The hops it breaks, in path order; never empty. The first is the primary hop.
    pub hops: Vec<Hop>,
    /// The fields a user edits to fix it, the one to start with first; empty when no one
    /// field is to blame (too many findings to list).
    pub subject: Vec<FieldRef>,
    /// What is wrong, naming the values.
    pub message: String,
    /// What to change.
    pub fix: String,
    /// The message and fix told to a customer on a call (the walkthrough slides): no plan
    /// key, no code id, no citation of the source.
    pub customer: Wording,
}

impl Finding {
    /// The primary hop.
    pub fn hop(&self) -> Hop {
        self.hops[0]
    }
}

/// All findings of one plan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// Findings, errors first, then by hop.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Number of findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// True when there is no error.
    pub fn ok(&self) -> bool {
        self.count(Severity::Error) == 0
    }

    /// The worst severity of the findings on `hop`, if any.
    pub fn worst(&self, hop: Hop) -> Option<Severity> {
        self.on(hop).map(|f| f.severity).max()
    }

    /// The findings that touch `hop`.
    pub fn on(&self, hop: Hop) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.hops.contains(&hop))
    }
}
