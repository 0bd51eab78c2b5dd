//! The tracer: follows one packet hop by hop through what the devices really have (the
//! plan's observed state), then its reply back, and says where it stops and why, in the
//! words of network verifiers (Batfish's dispositions).
//!
//! Routing hops forward by longest-prefix match over their active routes; the firewall
//! (between the core switch and the VBR) and the security group (in front of the VPC's
//! nodes) filter by their rules, lowest priority number first, deny before allow at a
//! tie, first match wins. Both filters are stateful: a reply passes where its request
//! did. A hop with no survey is unknown, never blocked.

mod filter;
mod prefix;
mod tracer;
mod walk;
pub mod words;

pub use filter::{FilterTable, RuleMatch, default_action, peer as filter_peer};
pub use prefix::PrefixIndex;
pub use tracer::{Place, Resolved, RouteRef, RouteTable, Tracer};

use crate::flows::{Flow, required_flows};
use crate::hop::Hop;
use crate::observed::Protocol;
use crate::{Catalog, Plan};
use std::net::Ipv4Addr;
use strum::{Display, IntoStaticStr};

/// The packet traced: its addresses, protocol and destination port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Packet {
    /// Source address.
    pub src: Ipv4Addr,
    /// Destination address.
    pub dst: Ipv4Addr,
    /// The protocol (never `all`).
    pub protocol: Protocol,
    /// The destination port; `None` for ICMP, or a reply's unknown ephemeral port.
    pub port: Option<u16>,
}

impl Packet {
    /// The packet that answers this one.
    pub fn reply(self) -> Packet {
        Packet {
            src: self.dst,
            dst: self.src,
            protocol: self.protocol,
            port: None,
        }
    }

    /// `tcp 6443`, `icmp`.
    pub fn service(self) -> String {
        match self.port {
            Some(p) => format!("{} {p}", self.protocol),
            None => self.protocol.to_string(),
        }
    }
}

/// Which way a step or a block is: the request, or its reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Display, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum Leg {
    /// The request, from source to destination.
    Forward,
    /// The answer, back from destination to source.
    Reply,
}

/// Why a flow does not get through (Batfish's failure dispositions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Display, IntoStaticStr)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum Disposition {
    /// No active route matches the destination.
    NoRoute,
    /// The matching route drops it (a blackhole).
    NullRouted,
    /// An inbound filter denies it.
    DeniedIn,
    /// An outbound filter denies it.
    DeniedOut,
    /// The route sends it back to a hop it has already crossed.
    Loop,
    /// The route sends it to a next hop that is not on the path.
    NeighborUnreachable,
}

/// What one hop did with the packet (Batfish's step actions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Display, IntoStaticStr)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum StepResult {
    /// The packet starts here.
    Originated,
    /// A route sends it on to the next hop.
    Forwarded,
    /// A filter lets it through.
    Permitted,
    /// A filter drops it.
    Denied,
    /// Arrived: this hop delivers it to the destination's network.
    Delivered,
    /// No active route.
    NoRoute,
    /// The route drops it.
    NullRouted,
    /// The route leads back to a hop already crossed.
    Loop,
    /// The route leads off the path.
    NeighborUnreachable,
    /// The hop is not surveyed: assumed to do as designed.
    InsufficientInfo,
}

/// One hop's part in a trace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The hop.
    pub hop: Hop,
    /// What it did.
    pub result: StepResult,
    /// The route or rule that decided, in words.
    pub detail: String,
}

/// Where and why a flow stops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocked {
    /// The hop that stops it.
    pub hop: Hop,
    /// On the way there or on the way back.
    pub leg: Leg,
    /// Why, in Batfish's word.
    pub disposition: Disposition,
    /// The route or rule responsible; `None` when nothing matched (no route, a filter's
    /// default).
    pub culprit: Option<String>,
    /// What happens, naming the values.
    pub detail: String,
    /// What to change.
    pub fix: String,
}

/// The answer for one packet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It gets there and its reply gets back.
    Delivered,
    /// A hop stops it.
    Blocked(Blocked),
    /// No surveyed hop stops it, but these hops are not surveyed (INSUFFICIENT_INFO).
    Unknown(Vec<Hop>),
}

impl Verdict {
    /// `delivered`, `blocked` or `unknown`.
    pub fn id(&self) -> &'static str {
        match self {
            Verdict::Delivered => "delivered",
            Verdict::Blocked(_) => "blocked",
            Verdict::Unknown(_) => "unknown",
        }
    }

    /// The block, if any.
    pub fn blocked(&self) -> Option<&Blocked> {
        match self {
            Verdict::Blocked(b) => Some(b),
            _ => None,
        }
    }
}

/// One packet traced there and back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trace {
    /// The packet.
    pub packet: Packet,
    /// The answer.
    pub verdict: Verdict,
    /// The steps on the way there.
    pub forward: Vec<Step>,
    /// The steps on the way back; empty when the request never arrives.
    pub reply: Vec<Step>,
}

impl Trace {
    /// The answer in one line: what stopped it and why, or that it went through.
    pub fn reason(&self) -> String {
        match &self.verdict {
            Verdict::Delivered => "DELIVERED: every hop forwards it there and back".into(),
            Verdict::Blocked(b) => {
                format!("{} at {} ({}): {}", b.disposition, b.hop, b.leg, b.detail)
            }
            Verdict::Unknown(hops) => format!(
                "INSUFFICIENT_INFO: no surveyed hop stops it, but {} not surveyed",
                words::hop_list_verb(hops)
            ),
        }
    }
}

/// Why a packet cannot be traced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TraceError {
    /// The address lies in none of the plan's blocks, so no end of the path owns it.
    Unplaced(Ipv4Addr),
}

impl std::fmt::Display for TraceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TraceError::Unplaced(a) => write!(
                f,
                "{a} is in none of the plan's blocks (data center, edge containers, VPC, cloud services)"
            ),
        }
    }
}

impl std::error::Error for TraceError {}

/// A required flow and how it fares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowTrace {
    /// The flow.
    pub flow: Flow,
    /// Its trace; `None` when its ends lie outside the plan's blocks (never for a
    /// flow derived from the plan, whose ends are the plan's).
    pub trace: Option<Trace>,
}

/// The packet a flow stands for.
pub fn flow_packet(flow: &Flow) -> Packet {
    Packet {
        src: flow.from.addr,
        dst: flow.to.addr,
        protocol: flow.protocol,
        port: flow.port,
    }
}

/// Every required flow of `plan`, traced through its observed state. Empty when no
/// hop is surveyed: there is nothing to trace through.
pub fn trace_required(plan: &Plan, catalog: &Catalog) -> Vec<FlowTrace> {
    if plan.observed.is_empty() {
        return Vec::new();
    }
    trace_required_with(&Tracer::new(plan, catalog), plan, catalog)
}

/// Every required flow of `plan` traced through a tracer already built for it.
pub fn trace_required_with(tracer: &Tracer, plan: &Plan, catalog: &Catalog) -> Vec<FlowTrace> {
    required_flows(plan, catalog)
        .into_iter()
        .map(|flow| FlowTrace {
            trace: tracer.trace(flow_packet(&flow)).ok(),
            flow,
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests;
