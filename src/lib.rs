//! edgeplan: plans and checks the private network path between a data center and an
//! Alibaba Cloud VPC so that the data center's servers can join an ACK Edge cluster as
//! edge nodes over Express Connect.
//!
//! The domain core (catalog, plan, requirements, checks) is pure: it never touches the
//! terminal. The CLI and the TUI are two thin faces over it.

#![warn(missing_docs)]

pub mod catalog;
pub mod checks;
pub mod cidr;
pub mod cli;
pub mod draft;
pub mod hop;
pub mod lock;
pub mod plan;
pub mod requirements;
pub mod store;
pub mod tui;

pub use catalog::{Catalog, Region};
pub use checks::{Finding, Report, Severity};
pub use hop::Hop;
pub use plan::{Cni, Plan, Scope, Transit};
pub use requirements::{HopRequirements, Requirement, Requirements};
