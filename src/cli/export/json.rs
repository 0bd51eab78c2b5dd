//! The JSON export (`export --format json`, `show --format json`): the plan in its file's
//! keys, every hop's requirements as data, the findings and the required flows' traces,
//! under a `schema_version`.
//! The contract is `schemas/export.schema.json`.

use crate::catalog::Catalog;
use crate::checks::{Report, Severity};
use crate::hop::Hop;
use crate::plan::{Plan, to_toml};
use crate::requirements::{PortSpec, Requirement, RequirementKind, Requirements, Target};
use crate::trace::FlowTrace;
use serde::Serialize;

/// The version of the export's JSON contract; raised when a key changes meaning.
pub const EXPORT_SCHEMA_VERSION: u32 = 1;

/// A block with what it is.
#[derive(Serialize)]
struct TargetJson {
    cidr: String,
    what: &'static str,
}

fn targets(ts: &[Target]) -> Vec<TargetJson> {
    ts.iter()
        .map(|t| TargetJson {
            cidr: t.net.to_string(),
            what: t.dest.label(),
        })
        .collect()
}

/// Who a rule lets talk: `from` the first set `to` the second.
#[derive(Serialize)]
struct PeersJson {
    from: Vec<TargetJson>,
    to: Vec<TargetJson>,
}

/// One requirement, tagged by `kind`.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum KindJson {
    Route {
        direction: &'static str,
        destination: TargetJson,
        next_hop: String,
    },
    Rule {
        direction: &'static str,
        action: &'static str,
        protocol: String,
        ports: Vec<u16>,
        peers: PeersJson,
    },
    Endpoint {
        destination: &'static str,
        hosts: Vec<String>,
        /// `null` when the source gives no port or says none applies.
        protocol: Option<String>,
        ports: Vec<u16>,
        /// The port as the source words it.
        port: String,
        routes: Vec<String>,
    },
    Setting {
        text: String,
    },
}

/// One requirement with its reason and its terse line.
#[derive(Serialize)]
struct RequirementJson {
    #[serde(flatten)]
    kind: KindJson,
    text: String,
    reason: String,
}

fn requirement(r: &Requirement) -> RequirementJson {
    let kind = match &r.kind {
        RequirementKind::Route(e) => KindJson::Route {
            direction: e.direction.id(),
            destination: TargetJson {
                cidr: e.destination.net.to_string(),
                what: e.destination.dest.label(),
            },
            next_hop: e.next_hop.to_string(),
        },
        RequirementKind::Rule(e) => KindJson::Rule {
            direction: e.direction.id(),
            action: "allow",
            protocol: e.protocol.to_string(),
            ports: e.ports.clone(),
            peers: PeersJson {
                from: targets(&e.from),
                to: targets(&e.to),
            },
        },
        RequirementKind::Endpoint(e) => {
            let (protocol, ports) = match &e.port {
                PortSpec::Given(p, ports) => (Some(p.to_string()), ports.clone()),
                _ => (None, vec![]),
            };
            KindJson::Endpoint {
                destination: e.destination,
                hosts: e.listed_hosts(),
                protocol,
                ports,
                port: e.port.to_string(),
                routes: e.route_cidrs.iter().map(ToString::to_string).collect(),
            }
        }
        RequirementKind::Setting(s) => KindJson::Setting { text: s.clone() },
    };
    RequirementJson {
        kind,
        text: r.kind.to_string(),
        reason: r.reason.to_string(),
    }
}

/// One hop on the path.
#[derive(Serialize)]
struct HopJson {
    hop: &'static str,
    title: &'static str,
    requirements: Vec<RequirementJson>,
    /// What the device really has; `null` while the hop is not surveyed.
    observed: Option<super::observed::SurveyJson>,
}

/// One finding, as in `check --format json`.
#[derive(Serialize)]
struct FindingJson {
    hop: &'static str,
    hops: Vec<&'static str>,
    severity: &'static str,
    code: &'static str,
    message: String,
    fix: String,
    fields: Vec<String>,
}

/// The whole export document.
#[derive(Serialize)]
pub(in crate::cli) struct ExportJson<'a> {
    schema_version: u32,
    plan: toml::Value,
    region_name: Option<String>,
    path: Vec<&'static str>,
    hops: Vec<HopJson>,
    ok: bool,
    errors: usize,
    warnings: usize,
    findings: Vec<FindingJson>,
    /// Every required flow's trace, as in `check --format json`; empty with no survey.
    flows: Vec<crate::cli::flows::FlowJson<'a>>,
}

/// The export document of `plan`, with its requirements, report and traced flows.
pub(in crate::cli) fn export_json<'a>(
    plan: &Plan,
    reqs: &Requirements,
    report: &Report,
    flows: &'a [FlowTrace],
) -> ExportJson<'a> {
    let path = Hop::path(plan.transit);
    ExportJson {
        schema_version: EXPORT_SCHEMA_VERSION,
        // The file's own keys: the normalised TOML read back, so the two never disagree.
        plan: toml::from_str(&to_toml(plan)).expect("a saved plan is valid TOML"),
        region_name: Catalog::builtin()
            .region(&plan.region)
            .map(|r| r.name.clone()),
        path: path.iter().map(|h| h.id()).collect(),
        hops: path
            .iter()
            .map(|&hop| HopJson {
                hop: hop.id(),
                title: hop.title(plan.transit),
                requirements: reqs.hop(hop).items.iter().map(requirement).collect(),
                observed: super::observed::survey(plan.observed.survey(hop)),
            })
            .collect(),
        ok: report.ok(),
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        findings: report
            .findings
            .iter()
            .map(|f| FindingJson {
                hop: f.hop().id(),
                hops: f.hops.iter().map(|h| h.id()).collect(),
                severity: f.severity.id(),
                code: f.code.id(),
                message: f.message.clone(),
                fix: f.fix.clone(),
                fields: f.subject.iter().map(ToString::to_string).collect(),
            })
            .collect(),
        flows: crate::cli::flows::flows_json(flows),
    }
}
