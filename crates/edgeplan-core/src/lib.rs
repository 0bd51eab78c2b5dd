//! The domain core of edgeplan: everything that is true of a plan whatever face shows it.
//!
//! The region catalog, the plan model and its file format, the per-hop requirements, the
//! checks, careful saves and drafts. This crate never touches the terminal: it has no
//! ratatui, crossterm or clap among its dependencies, so the CLI and the TUI (the
//! `edgeplan` crate) stay two thin faces over it.

#![warn(missing_docs)]

pub mod catalog;
pub mod checks;
pub mod cidr;
pub mod draft;
pub mod escape;
pub mod flows;
pub mod hop;
pub mod import;
pub mod lock;
pub mod observed;
pub mod plan;
pub mod requirements;
pub mod review;
pub mod store;
pub mod trace;

pub use catalog::{Catalog, Region};
pub use checks::{Finding, Report, Severity};
pub use hop::Hop;
pub use plan::{Cni, Plan, Scope, Transit};
pub use requirements::{HopRequirements, Requirement, Requirements};
