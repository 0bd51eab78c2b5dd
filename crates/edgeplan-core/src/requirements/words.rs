//! Where a requirement is put into the engineer's words: the terse line of `edgeplan show`
//! and the details pane, and the plain sentence. The customer's words are in `customer`.

use super::{Protocol, RequirementKind, RouteEntry, Target, join_ports, join_some_targets};
use crate::checks::name_some;
use std::fmt;

/// `s` with its first letter in capitals.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

impl RouteEntry {
    /// `192.168.0.0/16 (VPC) -> ECR`: the destination, then where it goes, joined by
    /// `arrow`; under a heading that already says the direction.
    pub fn line(&self, arrow: &str) -> String {
        format!(
            "{} ({}) {arrow} {}",
            self.destination.net,
            self.destination.dest.label(),
            self.next_hop
        )
    }
}

/// `10.0.0.0/8 (data center)`: the blocks, at most `max` named, then what they are.
fn plain_targets(ts: &[Target], max: usize) -> String {
    let mut labels: Vec<&str> = ts.iter().map(|t| t.dest.label()).collect();
    labels.dedup();
    format!("{} ({})", join_some_targets(ts, max), labels.join(", "))
}

/// `port 443`, `ports 80, 443 and 8080`, `every port`.
fn plain_ports(ps: &[u16]) -> String {
    match ps {
        [one] => format!("port {one}"),
        [init @ .., last] => format!("ports {} and {last}", join_ports(init)),
        [] => "every port".into(),
    }
}

impl RequirementKind {
    /// The requirement in one line, naming at most `max` blocks of a rule's lists, for
    /// screens where 100,000 blocks would not be read (`to_string` names them all).
    pub fn brief(&self, max: usize) -> String {
        struct Brief<'a>(&'a RequirementKind, usize);
        impl fmt::Display for Brief<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write(f, self.1)
            }
        }
        Brief(self, max).to_string()
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, max: usize) -> fmt::Result {
        match self {
            RequirementKind::Route(r) => write!(f, "{} route {}", r.direction.id(), r.line("->")),
            RequirementKind::Rule(r) => {
                write!(f, "allow {} ", r.direction.id())?;
                match r.protocol {
                    Protocol::All => write!(f, "all traffic")?,
                    p => write!(f, "{p} {}", join_ports(&r.ports))?,
                }
                write!(
                    f,
                    " from {} to {}",
                    join_some_targets(&r.from, max),
                    join_some_targets(&r.to, max)
                )
            }
            RequirementKind::Endpoint(e) => {
                write!(
                    f,
                    "{}: {} [{}]",
                    e.destination,
                    e.listed_hosts().join(" "),
                    e.port
                )?;
                if !e.route_cidrs.is_empty() {
                    write!(f, " routes {}", crate::cidr::spaced(&e.route_cidrs))?;
                }
                Ok(())
            }
            RequirementKind::Setting(s) => f.write_str(s),
        }
    }

    /// The requirement as one plain sentence a customer can follow on a call, naming at
    /// most `max` blocks of a rule's lists.
    pub fn plain(&self, max: usize) -> String {
        match self {
            RequirementKind::Route(r) => format!(
                "Add an {} route to {} ({}) with next hop {}.",
                r.direction.id(),
                r.destination.net,
                r.destination.dest.label(),
                r.next_hop
            ),
            RequirementKind::Rule(r) => {
                let direction = r.direction.id();
                let what = match r.protocol {
                    Protocol::All => format!("all {direction} traffic"),
                    p => format!("{direction} {p} {}", plain_ports(&r.ports)),
                };
                format!(
                    "Allow {what} from {} to {}.",
                    plain_targets(&r.from, max),
                    plain_targets(&r.to, max)
                )
            }
            RequirementKind::Endpoint(e) => {
                let mut s = format!(
                    "Let the edge nodes reach the {} at {} ({}).",
                    e.destination,
                    e.listed_hosts().join(", "),
                    e.port
                );
                if !e.route_cidrs.is_empty() {
                    let nets = name_some(e.route_cidrs.iter(), usize::MAX);
                    s.push_str(&format!(" Route {nets} for it."));
                }
                s
            }
            RequirementKind::Setting(text) => format!("{}.", capitalise(text)),
        }
    }
}

impl fmt::Display for RequirementKind {
    /// The terse line, every block named.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, usize::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Dest, Direction, EndpointEntry, NextHop, PortSpec, RuleEntry, Target};
    use super::*;
    use crate::plan::{Field, Transit};

    fn target(net: &str, dest: Dest) -> Target {
        Target {
            net: net.parse().unwrap(),
            dest,
        }
    }

    fn route() -> RequirementKind {
        RequirementKind::Route(RouteEntry {
            direction: Direction::Inbound,
            destination: target("192.168.0.0/16", Dest::List(Field::VpcCidrs)),
            next_hop: NextHop::Transit(Transit::Ecr),
        })
    }

    fn rule(ports: Vec<u16>) -> RequirementKind {
        RequirementKind::Rule(Box::new(RuleEntry {
            direction: Direction::Outbound,
            from: vec![
                target("10.0.0.0/8", Dest::List(Field::DatacenterCidrs)),
                target("172.16.0.0/12", Dest::List(Field::ContainerCidrs)),
            ],
            to: vec![target("192.168.0.0/16", Dest::List(Field::VpcCidrs))],
            protocol: Protocol::Tcp,
            ports,
        }))
    }

    fn endpoint() -> RequirementKind {
        RequirementKind::Endpoint(Box::new(EndpointEntry {
            destination: "ACK management",
            service: super::super::Service::ControlPlane,
            hosts: vec!["cs-anony-vpc.cn-hangzhou.aliyuncs.com".into()],
            known: super::super::HostsKnown::Known,
            port: PortSpec::Given(Protocol::Tcp, vec![443]),
            route_cidrs: vec!["100.103.42.233/32".parse().unwrap()],
        }))
    }

    #[test]
    fn a_route_reads_direction_destination_and_next_hop() {
        assert_eq!(
            route().to_string(),
            "inbound route 192.168.0.0/16 (VPC) -> ECR"
        );
        let RequirementKind::Route(r) = route() else {
            unreachable!()
        };
        assert_eq!(r.line("→"), "192.168.0.0/16 (VPC) → ECR");
        assert_eq!(
            route().plain(32),
            "Add an inbound route to 192.168.0.0/16 (VPC) with next hop ECR."
        );
    }

    #[test]
    fn a_rule_reads_protocol_ports_and_both_sets_naming_at_most_max_blocks() {
        let r = rule(vec![6443, 443]);
        assert_eq!(
            r.to_string(),
            "allow outbound TCP 6443, 443 from 10.0.0.0/8, 172.16.0.0/12 to 192.168.0.0/16"
        );
        assert_eq!(
            r.brief(1),
            "allow outbound TCP 6443, 443 from 10.0.0.0/8 and 1 more to 192.168.0.0/16"
        );
        assert_eq!(
            r.plain(32),
            "Allow outbound TCP ports 6443 and 443 from 10.0.0.0/8, 172.16.0.0/12 \
             (data center, edge containers) to 192.168.0.0/16 (VPC)."
        );
        assert!(
            rule(vec![443])
                .plain(32)
                .starts_with("Allow outbound TCP port 443 from")
        );
    }

    #[test]
    fn an_endpoint_reads_hosts_port_and_the_blocks_to_route() {
        assert_eq!(
            endpoint().to_string(),
            "ACK management: cs-anony-vpc.cn-hangzhou.aliyuncs.com [TCP 443] routes 100.103.42.233/32"
        );
        assert_eq!(
            endpoint().plain(32),
            "Let the edge nodes reach the ACK management at \
             cs-anony-vpc.cn-hangzhou.aliyuncs.com (TCP 443). Route 100.103.42.233/32 for it."
        );
        let setting = RequirementKind::Setting("enable BGP".into());
        assert_eq!(setting.plain(32), "Enable BGP.");
        assert_eq!(setting.to_string(), "enable BGP");
    }
}
