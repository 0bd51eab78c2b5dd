//! The hops along the path from the data center to the VPC.

use crate::checks::Severity;
use std::fmt;

/// One device or table on the path that must be configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Hop {
    /// The data center servers that join the cluster as edge nodes.
    EdgeNode,
    /// The data center core switch.
    CoreSwitch,
    /// The data center network firewall.
    Firewall,
    /// The virtual border router at the Express Connect access point.
    Vbr,
    /// The Express Connect Router or Cloud Enterprise Network transit router.
    Transit,
    /// The VPC route table.
    VpcRouteTable,
    /// The VPC security group.
    SecurityGroup,
}

impl Hop {
    /// Every hop in path order, data center first.
    pub const ALL: [Hop; 7] = [
        Hop::EdgeNode,
        Hop::CoreSwitch,
        Hop::Firewall,
        Hop::Vbr,
        Hop::Transit,
        Hop::VpcRouteTable,
        Hop::SecurityGroup,
    ];

    /// The stable id used in JSON, TOML and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Hop::EdgeNode => "edge-node",
            Hop::CoreSwitch => "core-switch",
            Hop::Firewall => "firewall",
            Hop::Vbr => "vbr",
            Hop::Transit => "transit",
            Hop::VpcRouteTable => "vpc-route-table",
            Hop::SecurityGroup => "security-group",
        }
    }

    /// A human title; the transit hop is named after the chosen transit.
    pub fn title(self, transit: crate::Transit) -> &'static str {
        match self {
            Hop::EdgeNode => "Edge nodes",
            Hop::CoreSwitch => "Core switch",
            Hop::Firewall => "Firewall",
            Hop::Vbr => "VBR",
            Hop::Transit => match transit {
                crate::Transit::Ecr => "ECR",
                crate::Transit::Cen => "CEN",
                crate::Transit::Direct => "Transit (none)",
            },
            Hop::VpcRouteTable => "VPC route table",
            Hop::SecurityGroup => "Security group",
        }
    }

    /// The hops on the path with `transit`, in order: a direct connection has no transit
    /// hop, so every view of the path iterates this, not [`Hop::ALL`].
    pub fn path(transit: crate::Transit) -> &'static [Hop] {
        const DIRECT: [Hop; 6] = [
            Hop::EdgeNode,
            Hop::CoreSwitch,
            Hop::Firewall,
            Hop::Vbr,
            Hop::VpcRouteTable,
            Hop::SecurityGroup,
        ];
        match transit {
            crate::Transit::Direct => &DIRECT,
            crate::Transit::Ecr | crate::Transit::Cen => &Hop::ALL,
        }
    }

    /// True when the hop is on the path with `transit`.
    pub fn on_path(self, transit: crate::Transit) -> bool {
        Hop::path(transit).contains(&self)
    }

    /// Index on the path with `transit`; `None` when the hop is not on it.
    pub fn position(self, transit: crate::Transit) -> Option<usize> {
        Hop::path(transit).iter().position(|h| *h == self)
    }

    /// The next hop towards the VPC on the path with `transit`, if any.
    pub fn next_on(self, transit: crate::Transit) -> Option<Hop> {
        Hop::path(transit).iter().copied().find(|h| *h > self)
    }

    /// The previous hop towards the data center on the path with `transit`, if any.
    pub fn prev_on(self, transit: crate::Transit) -> Option<Hop> {
        Hop::path(transit).iter().rev().copied().find(|h| *h < self)
    }

    /// Index in path order.
    pub fn index(self) -> usize {
        Hop::ALL.iter().position(|h| *h == self).unwrap_or(0)
    }

    /// The next hop towards the VPC, if any.
    pub fn next(self) -> Option<Hop> {
        Hop::ALL.get(self.index() + 1).copied()
    }

    /// The previous hop towards the data center, if any.
    pub fn prev(self) -> Option<Hop> {
        self.index().checked_sub(1).map(|i| Hop::ALL[i])
    }
}

/// How a hop stands after the checks, as the topology shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HopStatus {
    /// No warning or error touches the hop.
    Ok,
    /// The worst finding is a warning.
    Warning,
    /// At least one error.
    Error,
}

impl HopStatus {
    /// The status for a hop's worst finding.
    pub fn from_worst(worst: Option<Severity>) -> HopStatus {
        match worst {
            Some(Severity::Error) => HopStatus::Error,
            Some(Severity::Warning) => HopStatus::Warning,
            None => HopStatus::Ok,
        }
    }

    /// How `hop` stands in `report`.
    pub fn of(report: &crate::checks::Report, hop: Hop) -> HopStatus {
        HopStatus::from_worst(report.worst(hop))
    }
}

impl fmt::Display for Hop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The path as one line of text with the key blocks of each end, for tickets and the CLI.
pub fn path_line(plan: &crate::Plan) -> String {
    let join = crate::cidr::spaced;
    let transit = match plan.transit {
        crate::Transit::Direct => String::new(),
        t => format!("{} -> ", Hop::Transit.title(t)),
    };
    format!(
        "Edge nodes [{}] -> Core switch -> Firewall -> Express Connect -> VBR -> {transit}VPC route table [{}] -> Security group",
        join(&plan.datacenter_cidrs),
        join(&plan.vpc_cidrs),
    )
}
