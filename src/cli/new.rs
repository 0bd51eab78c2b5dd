//! `edgeplan new`: writes a plan file, the source's example unless told otherwise.

use super::ChoiceParser;
use super::{EXIT_OK, EXIT_UNREADABLE};
use crate::catalog::Catalog;
use crate::cidr::parse_nets;
use crate::escape::{Escaped, escape_path};
use crate::plan::{Cni, Plan, Scope, Transit, to_toml};
use crate::store::write_atomic;
use std::io::Write;
use std::path::PathBuf;

/// The options of `edgeplan new`; `None` and empty lists keep the example's values.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct NewOptions {
    /// Where to write the plan.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
    /// Region id, such as cn-hangzhou (see `edgeplan regions`).
    #[arg(long)]
    pub region: Option<String>,
    /// CNI plugin.
    #[arg(long, value_parser = ChoiceParser::<Cni>::new())]
    pub cni: Option<Cni>,
    /// Transit between the VBR and the VPC.
    #[arg(long, value_parser = ChoiceParser::<Transit>::new())]
    pub transit: Option<Transit>,
    /// Scope of cloud-service destinations.
    #[arg(long, value_parser = ChoiceParser::<Scope>::new())]
    pub scope: Option<Scope>,
    /// Data center CIDR block (repeat for more).
    #[arg(long)]
    pub dc: Vec<String>,
    /// VPC CIDR block (repeat for more).
    #[arg(long)]
    pub vpc: Vec<String>,
    /// Edge container CIDR block, for Terway Edge (repeat for more).
    #[arg(long)]
    pub container: Vec<String>,
}

fn nets(flag: &str, values: &[String]) -> Result<Vec<ipnet::Ipv4Net>, String> {
    parse_nets(values).map_err(|(i, e)| format!("{flag} \"{}\": {e}", Escaped(&values[i])))
}

/// Builds the plan that `new` writes.
pub fn plan_from(opts: &NewOptions) -> Result<Plan, String> {
    let mut plan = Plan::example();
    plan.meta.name = None;
    if let Some(region) = &opts.region {
        // The example's management address is Hangzhou's: another region unsets it.
        plan.set_region(Catalog::builtin(), region).map_err(|_| {
            format!(
                "--region \"{}\": unknown region id; `edgeplan regions` lists them",
                Escaped(region)
            )
        })?;
    }
    plan.transit = opts.transit.unwrap_or(plan.transit);
    plan.scope = opts.scope.unwrap_or(plan.scope);
    if !opts.dc.is_empty() {
        plan.datacenter_cidrs = nets("--dc", &opts.dc)?;
    }
    if !opts.vpc.is_empty() {
        plan.vpc_cidrs = nets("--vpc", &opts.vpc)?;
    }
    plan.container_cidrs = nets("--container", &opts.container)?;
    // After the blocks, so the default container block overlaps none of them.
    plan.set_cni(opts.cni.unwrap_or(plan.cni));
    Ok(plan)
}

/// Runs `edgeplan new`.
pub fn new(opts: &NewOptions, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let plan = match plan_from(opts) {
        Ok(p) => p,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_UNREADABLE;
        }
    };
    let path = escape_path(&opts.output);
    if !opts.force && opts.output.exists() {
        let _ = writeln!(err, "{path}: already exists; use --force to overwrite it");
        return EXIT_UNREADABLE;
    }
    match write_atomic(&opts.output, to_toml(&plan).as_bytes(), true) {
        Ok(()) => {
            let _ = writeln!(out, "wrote {path}");
            EXIT_OK
        }
        Err(e) => {
            let _ = writeln!(err, "{path}: cannot write: {e}");
            EXIT_UNREADABLE
        }
    }
}
