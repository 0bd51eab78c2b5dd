//! What an import yields, what it notes on the way, and why it fails.

pub use super::error::{ImportError, Problem};
use crate::escape::Escaped;
use crate::hop::Hop;
use crate::observed::{Observed, RouteEntry, RuleEntry};
use crate::plan::Transit;
use std::fmt;
use std::net::Ipv4Addr;

/// What the import needs to know of the plan: the path's shape and the core switch's
/// interconnect address, to map next hops onto path neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportContext {
    /// The plan's transit: which neighbour an `Attachment` or `Ecr` next hop is.
    pub transit: Transit,
    /// The VBR's address on the interconnect (`[observed.core-switch] vbr_peer_ip`):
    /// a core-switch next hop with this address is the VBR.
    pub vbr_peer_ip: Option<Ipv4Addr>,
}

impl ImportContext {
    /// What `plan` tells an import: its transit and the core switch's `vbr_peer_ip`.
    pub fn of(plan: &crate::plan::Plan) -> ImportContext {
        ImportContext {
            transit: plan.transit,
            vbr_peer_ip: plan
                .observed
                .survey(crate::hop::Hop::CoreSwitch)
                .and_then(|s| s.vbr_peer_ip),
        }
    }
}

/// The outputs an import understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Alibaba Cloud VPC `DescribeRouteEntryList` (a VPC's or a VBR's route table).
    VpcRouteEntries,
    /// Alibaba Cloud CEN `ListTransitRouterRouteEntries`.
    CenRouteEntries,
    /// Alibaba Cloud `DescribeExpressConnectRouterRouteEntries`.
    EcrRouteEntries,
    /// Alibaba Cloud ECS `DescribeSecurityGroupAttribute`.
    SecurityGroupRules,
    /// Alibaba Cloud VPC `DescribeVirtualBorderRouters` (the VBR's MTU and addresses).
    VirtualBorderRouters,
    /// Huawei VRP `display ip routing-table` (VRP5 and VRP8).
    HuaweiVrp,
    /// H3C Comware `display ip routing-table`.
    H3cComware,
    /// Cisco IOS `show ip route`.
    CiscoIos,
}

/// Which part of a hop's observed section an import fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imports {
    /// The route table.
    Routes,
    /// The filter rules.
    Rules,
    /// The VBR's attributes: its MTU (and its interconnect address, for the core switch).
    VbrAttributes,
}

impl Format {
    /// Every format, cloud APIs first.
    pub const ALL: [Format; 8] = [
        Format::VpcRouteEntries,
        Format::CenRouteEntries,
        Format::EcrRouteEntries,
        Format::SecurityGroupRules,
        Format::VirtualBorderRouters,
        Format::HuaweiVrp,
        Format::H3cComware,
        Format::CiscoIos,
    ];

    /// The formats that describe `hop`, in [`Format::ALL`]'s order.
    pub fn for_hop(hop: Hop) -> impl Iterator<Item = Format> {
        Format::ALL
            .into_iter()
            .filter(move |f| f.hops().contains(&hop))
    }

    /// The format's name as people know it: the device command or the API.
    pub fn title(self) -> &'static str {
        match self {
            Format::VpcRouteEntries => "Alibaba Cloud VPC DescribeRouteEntryList",
            Format::CenRouteEntries => "Alibaba Cloud CEN ListTransitRouterRouteEntries",
            Format::EcrRouteEntries => "Alibaba Cloud DescribeExpressConnectRouterRouteEntries",
            Format::SecurityGroupRules => "Alibaba Cloud ECS DescribeSecurityGroupAttribute",
            Format::VirtualBorderRouters => "Alibaba Cloud VPC DescribeVirtualBorderRouters",
            Format::HuaweiVrp => "Huawei VRP display ip routing-table",
            Format::H3cComware => "H3C Comware display ip routing-table",
            Format::CiscoIos => "Cisco IOS show ip route",
        }
    }

    /// What the format fills.
    pub fn imports(self) -> Imports {
        match self {
            Format::SecurityGroupRules => Imports::Rules,
            Format::VirtualBorderRouters => Imports::VbrAttributes,
            _ => Imports::Routes,
        }
    }

    /// The hops whose state this format shows.
    pub fn hops(self) -> &'static [Hop] {
        match self {
            // A VBR's route table is read with the same API as a VPC's.
            Format::VpcRouteEntries => &[Hop::Vbr, Hop::VpcRouteTable],
            Format::CenRouteEntries | Format::EcrRouteEntries => &[Hop::Transit],
            Format::SecurityGroupRules => &[Hop::SecurityGroup],
            Format::VirtualBorderRouters => &[Hop::Vbr],
            Format::HuaweiVrp | Format::H3cComware | Format::CiscoIos => &[Hop::CoreSwitch],
        }
    }

    /// The transit the format's device is, for the transit router tables.
    pub fn transit(self) -> Option<Transit> {
        match self {
            Format::CenRouteEntries => Some(Transit::Cen),
            Format::EcrRouteEntries => Some(Transit::Ecr),
            _ => None,
        }
    }

    /// Refuses to import onto a hop the format does not describe, or a transit router's
    /// table into a plan with another transit.
    pub fn check_fits(self, hop: Hop, transit: Transit) -> Result<(), ImportError> {
        if !self.hops().contains(&hop) {
            return Err(ImportError::whole(Some(self), Problem::WrongHop { hop }));
        }
        match self.transit() {
            Some(needed) if needed != transit => Err(ImportError::whole(
                Some(self),
                Problem::WrongTransit {
                    needed,
                    plan: transit,
                },
            )),
            _ => Ok(()),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// Where in the input something was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The input as a whole.
    Whole,
    /// A line of text, counted from 1.
    Line(usize),
    /// A JSON path such as `RouteEntrys.RouteEntry[3].DestinationCidrBlock`.
    Json(String),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Whole => Ok(()),
            Location::Line(n) => write!(f, "line {n}"),
            // Paths hold the input's own keys.
            Location::Json(path) => write!(f, "{}", Escaped(path)),
        }
    }
}

/// What kind of remark a note makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// Input that was not imported (an unknown line, an IPv6 route, a rule naming a group).
    Skipped,
    /// A next hop that leaves the path, or a route to a neighbour the plan does not use.
    OffPath,
    /// A reading the reference does not pin down, taken the conservative way.
    Assumed,
    /// Something to do next (set `vbr_peer_ip`, a value to copy to another hop).
    Hint,
    /// How many notes were left out past the cap.
    MoreNotes,
}

/// A remark about the import: what was skipped, guessed or sent off the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The kind of remark.
    pub kind: NoteKind,
    /// Where in the input.
    pub at: Location,
    /// The remark; may quote the input, so escape it before printing.
    pub text: String,
}

/// What one import found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The format read.
    pub format: Format,
    /// The routes, one per next hop (ECMP routes give several), inactive ones included.
    pub routes: Vec<RouteEntry>,
    /// The filter rules.
    pub rules: Vec<RuleEntry>,
    /// The VBR's MTU, from `DescribeVirtualBorderRouters`.
    pub mtu: Option<u32>,
    /// The VBR's own address on the interconnect (`LocalGatewayIp`): the core switch's
    /// `vbr_peer_ip`.
    pub vbr_address: Option<Ipv4Addr>,
    /// Remarks, at most [`super::MAX_NOTES`] and one counting the rest.
    pub notes: Vec<Note>,
    dropped_notes: usize,
}

impl Imported {
    /// An empty result for `format`.
    pub fn new(format: Format) -> Imported {
        Imported {
            format,
            routes: Vec::new(),
            rules: Vec::new(),
            mtu: None,
            vbr_address: None,
            notes: Vec::new(),
            dropped_notes: 0,
        }
    }

    /// Adds a note, counting it instead once the cap is reached.
    pub fn note(&mut self, kind: NoteKind, at: Location, text: impl Into<String>) {
        if self.notes.len() < super::MAX_NOTES {
            self.notes.push(Note {
                kind,
                at,
                text: text.into(),
            });
        } else {
            self.dropped_notes += 1;
        }
    }

    /// Closes the list of notes with the count of those left out.
    pub(super) fn finish(mut self) -> Imported {
        if self.dropped_notes > 0 {
            let text = format!("{} more notes not shown", self.dropped_notes);
            self.notes.push(Note {
                kind: NoteKind::MoreNotes,
                at: Location::Whole,
                text,
            });
            self.dropped_notes = 0;
        }
        self
    }

    /// The routes that do not forward (imported with the device's status word).
    pub fn inactive_routes(&self) -> impl Iterator<Item = &RouteEntry> {
        self.routes.iter().filter(|r| !r.is_active())
    }

    /// Puts the import into `hop`'s survey: replaces its routes (or its rules, or sets
    /// its MTU) and keeps every other key; the imported list is surveyed even when empty,
    /// and an MTU alone leaves the routes as they were (not surveyed on a new section).
    /// A hop not yet surveyed becomes surveyed, except when the import holds nothing to
    /// record (a VBR listed without an MTU).
    pub fn apply(&self, observed: &mut Observed, hop: Hop) {
        if self.format.imports() == Imports::VbrAttributes && self.mtu.is_none() {
            return;
        }
        let survey = observed.surveys.entry(hop).or_default();
        match self.format.imports() {
            Imports::Routes => survey.routes = Some(self.routes.clone()),
            Imports::Rules => survey.rules = Some(self.rules.clone()),
            Imports::VbrAttributes => survey.mtu = self.mtu,
        }
    }

    /// Adds a route, failing past [`super::MAX_ENTRIES`].
    pub(super) fn push_route(
        &mut self,
        route: RouteEntry,
        at: &Location,
    ) -> Result<(), ImportError> {
        if self.routes.len() >= super::MAX_ENTRIES {
            return Err(too_many(self.format, at));
        }
        self.routes.push(route);
        Ok(())
    }

    /// Adds a rule, failing past [`super::MAX_ENTRIES`].
    pub(super) fn push_rule(&mut self, rule: RuleEntry, at: &Location) -> Result<(), ImportError> {
        if self.rules.len() >= super::MAX_ENTRIES {
            return Err(too_many(self.format, at));
        }
        self.rules.push(rule);
        Ok(())
    }
}

fn too_many(format: Format, at: &Location) -> ImportError {
    ImportError {
        format: Some(format),
        at: at.clone(),
        problem: Problem::TooManyEntries {
            cap: super::MAX_ENTRIES,
        },
    }
}
