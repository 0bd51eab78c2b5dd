//! `edgeplan new`: writes a plan file, the source's example unless told otherwise, and
//! checks what it wrote.

use super::ChoiceParser;
use super::check::write_text;
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE};
use crate::catalog::Catalog;
use crate::checks::check as run_checks;
use crate::cidr::{parse_addr, parse_nets};
use crate::escape::{Escaped, escape_path};
use crate::plan::{Cni, ContainerDefault, Plan, Reach, Scope, Transit, to_toml};
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
    /// Cloud-service CIDR block for broad scope (repeat for more; default 100.0.0.0/8).
    #[arg(long)]
    pub cloud: Vec<String>,
    /// The cluster's vSwitch CIDR block (repeat for more).
    #[arg(long)]
    pub vswitch: Vec<String>,
    /// The cluster's Service CIDR block.
    #[arg(long)]
    pub service_cidr: Option<String>,
    /// The API server's internal address.
    #[arg(long)]
    pub apiserver_ip: Option<String>,
    /// What cs-anony-vpc.REGION.aliyuncs.com resolves to inside the VPC.
    #[arg(long)]
    pub management_ip: Option<String>,
    /// The cluster's Kubernetes version, such as 1.30.
    #[arg(long)]
    pub kubernetes_version: Option<String>,
    /// How the nodes reach an NTP server, which the dedicated line does not carry.
    #[arg(long, value_parser = ChoiceParser::<Reach>::new())]
    pub ntp_access: Option<Reach>,
    /// How the nodes reach their YUM or APT repositories.
    #[arg(long, value_parser = ChoiceParser::<Reach>::new())]
    pub package_access: Option<Reach>,
    /// Plan name, for reviewers.
    #[arg(long)]
    pub name: Option<String>,
    /// Customer, for reviewers.
    #[arg(long)]
    pub customer: Option<String>,
    /// Who wrote the plan.
    #[arg(long)]
    pub author: Option<String>,
    /// Anything else a reviewer should know.
    #[arg(long)]
    pub notes: Option<String>,
}

fn addr(flag: &str, value: &Option<String>) -> Result<Option<std::net::Ipv4Addr>, String> {
    value
        .as_deref()
        .map(|v| parse_addr(v).map_err(|e| format!("{flag} \"{}\": {e}", Escaped(v))))
        .transpose()
}

fn nets(flag: &str, values: &[String]) -> Result<Vec<ipnet::Ipv4Net>, String> {
    parse_nets(values).map_err(|(i, e)| format!("{flag} \"{}\": {e}", Escaped(&values[i])))
}

/// Builds the plan that `new` writes, and what Terway Edge added to it.
pub fn plan_from(opts: &NewOptions) -> Result<(Plan, ContainerDefault), String> {
    let mut plan = Plan::template();
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
    if !opts.cloud.is_empty() {
        plan.cloud_service_cidrs = nets("--cloud", &opts.cloud)?;
    }
    plan.vswitch_cidrs = nets("--vswitch", &opts.vswitch)?;
    if let Some(v) = &opts.service_cidr {
        plan.service_cidr = Some(nets("--service-cidr", std::slice::from_ref(v))?[0]);
    }
    plan.apiserver_ip = addr("--apiserver-ip", &opts.apiserver_ip)?.or(plan.apiserver_ip);
    plan.management_ip = addr("--management-ip", &opts.management_ip)?.or(plan.management_ip);
    plan.ntp_access = opts.ntp_access;
    plan.package_access = opts.package_access;
    if let Some(v) = &opts.kubernetes_version {
        v.parse::<crate::plan::KubeVersion>()
            .map_err(|e| format!("--kubernetes-version \"{}\": {e}", Escaped(v)))?;
        plan.kubernetes_version = Some(v.clone());
    }
    let meta = &mut plan.meta;
    for (slot, value) in [
        (&mut meta.name, &opts.name),
        (&mut meta.customer, &opts.customer),
        (&mut meta.author, &opts.author),
        (&mut meta.notes, &opts.notes),
    ] {
        if value.is_some() {
            slot.clone_from(value);
        }
    }
    // After the blocks, so the default container block overlaps none of them.
    let added = plan.set_cni(opts.cni.unwrap_or(plan.cni));
    Ok((plan, added))
}

/// Runs `edgeplan new`.
pub fn new(opts: &NewOptions, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let (plan, added) = match plan_from(opts) {
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
            let _ = match added {
                ContainerDefault::SourceExample(block) => writeln!(
                    out,
                    "Terway Edge: added the edge container block {block} (the source's example)"
                ),
                ContainerDefault::Substitute(block) => writeln!(
                    out,
                    "Terway Edge: added the edge container block {block}, as the source's 172.16.0.0/12 overlaps the plan"
                ),
                ContainerDefault::Unchanged | ContainerDefault::NoneFree => Ok(()),
            };
            if plan.management_is_example() {
                let _ = writeln!(
                    out,
                    "warning: management_ip {} is the source's example resolution, not the customer's: resolve cs-anony-vpc.{}.aliyuncs.com in the customer's VPC and set management_ip (--management-ip)",
                    crate::plan::EXAMPLE_MANAGEMENT_IP,
                    plan.region
                );
            }
            // What was written is checked as `check` would: a plan that breaks the path
            // is still written, but the exit code and the findings say so.
            let report = run_checks(&plan, Catalog::builtin());
            if report.findings.is_empty() {
                return EXIT_OK;
            }
            let _ = write_text(&opts.output, &report, out);
            if report.ok() { EXIT_OK } else { EXIT_FINDINGS }
        }
        Err(e) => {
            let _ = writeln!(err, "{path}: cannot write: {e}");
            EXIT_UNREADABLE
        }
    }
}
