//! edgeplan: plans and checks the private network path between a data center and an
//! Alibaba Cloud VPC so that the data center's servers can join an ACK Edge cluster as
//! edge nodes over Express Connect.
//!
//! This crate holds the two faces, the command line (`cli`) and the terminal UI (`tui`).
//! The domain lives in the `edgeplan-core` crate, re-exported here under the same module
//! names, so both faces (and the tests) say `edgeplan::plan`, `edgeplan::checks`, ….

#![warn(missing_docs)]

pub use edgeplan_core::{
    catalog, checks, cidr, draft, escape, flows, hop, lock, observed, plan, requirements, review,
    store, trace,
};

/// Importers of device and cloud API output (re-exported like the modules above).
pub use edgeplan_core::import;

pub mod cli;
pub mod tui;

pub use edgeplan_core::{
    Catalog, Cni, Finding, Hop, HopRequirements, Plan, Region, Report, Requirement, Requirements,
    Scope, Severity, Transit,
};
