//! A requirement in a customer's words, for the walkthrough slides on a call: what to
//! configure, told from the structured requirement (which service, whether its host is
//! known, whether its port is listed), never the source's notation or a placeholder.

use super::{
    Dest, EndpointEntry, HostsKnown, NextHop, PortSpec, Protocol, RequirementKind, Service, Target,
    join_some_targets,
};
use crate::checks::name_some;
use crate::plan::{Field, Transit};

impl Service {
    /// The service as a customer names it: `the cluster's API server`.
    pub fn customer_name(self) -> &'static str {
        match self {
            Service::ControlPlane => "the Container Service control plane",
            Service::OssPackages => "the OSS bucket with the installation packages",
            Service::ApiServer => "the cluster's API server",
            Service::Ntp => "the NTP time servers",
            Service::AddonRegistry => "the system add-on image registry",
            Service::SystemTools => "the system tools",
        }
    }
}

impl NextHop {
    /// Where a route sends its packets, in a customer's words.
    pub fn customer_words(self) -> &'static str {
        match self {
            NextHop::Vbr => "the VBR, through the firewall and Express Connect",
            NextHop::Transit(Transit::Ecr) => "the Express Connect Router",
            NextHop::Transit(Transit::Cen) => "the CEN transit router",
            NextHop::VbrLink(Transit::Cen) => "the transit router's VBR attachment",
            NextHop::VbrLink(Transit::Ecr) => "the Express Connect Router's VBR association",
            NextHop::VpcLink(Transit::Cen) => "the transit router's VPC attachment",
            NextHop::VpcLink(Transit::Ecr) => "the Express Connect Router's VPC association",
            NextHop::Transit(Transit::Direct)
            | NextHop::VbrLink(Transit::Direct)
            | NextHop::VpcLink(Transit::Direct) => "the VBR's direct connection",
            NextHop::DirectVpc => "the VPC, over the direct connection",
            NextHop::DirectVbr => "the VBR, over the direct connection",
            NextHop::ExpressConnect => "Express Connect, through the firewall to the core switch",
            NextHop::ServerSubnets => "the server subnets connected to the switch",
        }
    }
}

/// `the data center (10.0.0.0/8)`: what the blocks are, then the blocks, at most `max` named.
fn targets(ts: &[Target], max: usize) -> String {
    let mut labels: Vec<&str> = ts.iter().map(|t| what(t.dest)).collect();
    labels.dedup();
    format!("{} ({})", labels.join(" and "), join_some_targets(ts, max))
}

/// What a block is, with its article.
fn what(dest: Dest) -> &'static str {
    match dest {
        Dest::List(Field::DatacenterCidrs) => "the data center",
        Dest::List(Field::VpcCidrs) => "the VPC",
        Dest::List(Field::CloudServiceCidrs) => "Alibaba Cloud services",
        Dest::List(Field::ContainerCidrs) => "the edge containers",
        Dest::List(Field::VswitchCidrs) => "the cluster's vSwitches",
        Dest::List(other) => other.label(),
        Dest::OssVip => "OSS",
        Dest::Registry => "the add-on registry",
        Dest::Management => "the control plane",
    }
}

/// `TCP port 443`, `TCP ports 80 and 443`, `all traffic`.
fn ports(protocol: Protocol, ports: &[u16]) -> String {
    match (protocol, ports) {
        (Protocol::All, _) | (_, []) => "all traffic".into(),
        (p, [one]) => format!("{p} port {one}"),
        (p, [init @ .., last]) => format!("{p} ports {} and {last}", super::join_ports(init)),
    }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn endpoint(e: &EndpointEntry) -> String {
    let name = e.service.customer_name();
    let hosts = and_list(&e.hosts);
    let mut s = match (e.service, &e.known) {
        (Service::SystemTools, _) => {
            return format!(
                "Let the edge nodes install {name} {hosts} from their own YUM or APT repositories, which the dedicated line does not carry."
            );
        }
        (_, HostsKnown::NoRegion) => format!(
            "Let the edge nodes reach {name}, whose address follows from the region, still to be chosen"
        ),
        (Service::ApiServer, HostsKnown::NotSet) => format!(
            "Let the edge nodes reach {name} at its internal address, shown on the cluster's Basic Information page"
        ),
        (Service::ApiServer, _) => {
            format!("Let the edge nodes reach {name} at its internal address {hosts}")
        }
        _ => format!("Let the edge nodes reach {name} at {hosts}"),
    };
    match &e.port {
        PortSpec::Given(p, ps) => s.push_str(&format!(", on {}.", ports(*p, ps))),
        // Unknown is not none: the guide lists no port, so none may be assumed.
        PortSpec::NotGiven => s.push_str(
            ". Alibaba Cloud's guide lists no port for it, so do not narrow the rule to one port.",
        ),
        PortSpec::NotApplicable(_) => s.push('.'),
    }
    if let HostsKnown::Patterned { region } = &e.known {
        s.push_str(&format!(
            " The guide does not list {region}: this name follows its naming pattern, so confirm it in the console."
        ));
    }
    if !e.route_cidrs.is_empty() {
        let nets = name_some(e.route_cidrs.iter(), usize::MAX);
        s.push_str(&format!(" Route {nets} to it over the dedicated line."));
    }
    s
}

impl RequirementKind {
    /// The requirement as a customer follows it on a call, naming at most `max` blocks
    /// of a rule's lists: no source notation, no placeholder, an unlisted port said to be
    /// unlisted.
    pub fn customer(&self, max: usize) -> String {
        match self {
            // The direction is the heading the route is listed under.
            RequirementKind::Route(r) => format!(
                "Send traffic for {} ({}) to {}.",
                what(r.destination.dest),
                r.destination.net,
                r.next_hop.customer_words()
            ),
            RequirementKind::Rule(r) => format!(
                "Allow {} from {} to {}.",
                ports(r.protocol, &r.ports),
                targets(&r.from, max),
                targets(&r.to, max)
            ),
            RequirementKind::Endpoint(e) => endpoint(e),
            RequirementKind::Setting(text) => format!("{}.", super::capitalise(text)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Direction, RouteEntry, RuleEntry};
    use super::*;

    fn endpoint_of(service: Service, hosts: &[&str], known: HostsKnown, port: PortSpec) -> String {
        RequirementKind::Endpoint(Box::new(EndpointEntry {
            destination: "x",
            service,
            hosts: hosts.iter().map(|h| h.to_string()).collect(),
            known,
            port,
            route_cidrs: vec![],
        }))
        .customer(32)
    }

    #[test]
    fn an_api_server_not_yet_in_the_plan_says_where_to_read_it() {
        assert_eq!(
            endpoint_of(
                Service::ApiServer,
                &[],
                HostsKnown::NotSet,
                PortSpec::Given(Protocol::Tcp, vec![6443])
            ),
            "Let the edge nodes reach the cluster's API server at its internal address, \
             shown on the cluster's Basic Information page, on TCP port 6443."
        );
    }

    #[test]
    fn an_unlisted_port_is_said_to_be_unlisted_not_absent() {
        let s = endpoint_of(
            Service::ControlPlane,
            &["cs-anony-vpc.cn-hangzhou.aliyuncs.com"],
            HostsKnown::Known,
            PortSpec::NotGiven,
        );
        assert!(s.contains("lists no port for it"), "{s}");
        assert!(!s.contains("source") && !s.contains('('), "{s}");
    }

    #[test]
    fn a_made_up_registry_name_asks_to_confirm_it() {
        let s = endpoint_of(
            Service::AddonRegistry,
            &["registry-cn-nanjing-vpc.ack.aliyuncs.com"],
            HostsKnown::Patterned {
                region: "cn-nanjing".into(),
            },
            PortSpec::Given(Protocol::Tcp, vec![443]),
        );
        assert!(
            s.contains("does not list cn-nanjing") && s.contains("confirm it"),
            "{s}"
        );
    }

    #[test]
    fn routes_and_rules_read_as_sentences() {
        let vpc = Target {
            net: "192.168.0.0/16".parse().unwrap(),
            dest: Dest::List(Field::VpcCidrs),
        };
        let dc = Target {
            net: "10.0.0.0/8".parse().unwrap(),
            dest: Dest::List(Field::DatacenterCidrs),
        };
        let route = RequirementKind::Route(RouteEntry {
            direction: Direction::Inbound,
            destination: vpc,
            next_hop: NextHop::Transit(Transit::Ecr),
        });
        assert_eq!(
            route.customer(32),
            "Send traffic for the VPC (192.168.0.0/16) to the Express Connect Router."
        );
        let rule = RequirementKind::Rule(Box::new(RuleEntry {
            direction: Direction::Inbound,
            from: vec![vpc],
            to: vec![dc],
            protocol: Protocol::Tcp,
            ports: vec![10250, 10255],
        }));
        assert_eq!(
            rule.customer(32),
            "Allow TCP ports 10250 and 10255 from the VPC (192.168.0.0/16) to the data center (10.0.0.0/8)."
        );
    }
}
