//! ECS `DescribeSecurityGroupAttribute`: a security group's rules,
//! `Permissions.Permission[]`, each with its direction, protocol, port range, peer block,
//! policy and priority (a string in this response).

use super::json::Node;
use super::model::{Format, ImportError, Imported, NoteKind};
use crate::observed::{Direction, PortRange, Ports, Protocol, RuleAction, RuleEntry};
use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

/// The priority the API gives a rule created without one.
const DEFAULT_PRIORITY: u32 = 1;

/// Reads the security group's rules.
pub(super) fn read(root: &Node) -> Result<Imported, ImportError> {
    let mut imported = Imported::new(Format::SecurityGroupRules);
    for entry in root.field("Permissions")?.field("Permission")?.items()? {
        read_rule(&entry, &mut imported)?;
    }
    Ok(imported)
}

fn read_rule(entry: &Node, imported: &mut Imported) -> Result<(), ImportError> {
    let (text, node) = entry.req_text("Direction")?;
    let direction = match text.to_ascii_lowercase().as_str() {
        "ingress" => Direction::Inbound,
        "egress" => Direction::Outbound,
        _ => return Err(node.bad(&text, "ingress or egress")),
    };
    let (text, node) = entry.req_text("IpProtocol")?;
    let protocol = match text.to_ascii_lowercase().as_str() {
        "tcp" => Protocol::Tcp,
        "udp" => Protocol::Udp,
        "icmp" => Protocol::Icmp,
        "all" => Protocol::All,
        _ => {
            imported.note(
                NoteKind::Skipped,
                node.at(),
                format!("rule for protocol {text} (only TCP, UDP, ICMP and ALL are traced)"),
            );
            return Ok(());
        }
    };
    let ports = ports(entry, protocol)?;
    let (text, node) = entry.req_text("Policy")?;
    let action = match text.to_ascii_lowercase().as_str() {
        "accept" => RuleAction::Allow,
        "drop" => RuleAction::Deny,
        _ => return Err(node.bad(&text, "Accept or Drop")),
    };
    let priority = match entry.get("Priority") {
        Some(node) => {
            let text = node.text()?;
            match text.trim().parse::<u32>() {
                Ok(p) if (1..=100).contains(&p) => p,
                _ => return Err(node.bad(&text, "a priority from 1 to 100")),
            }
        }
        None => {
            imported.note(
                NoteKind::Assumed,
                entry.at(),
                format!("rule has no Priority; taken as {DEFAULT_PRIORITY}, the API's default"),
            );
            DEFAULT_PRIORITY
        }
    };
    let peer_field = match direction {
        Direction::Inbound => "SourceCidrIp",
        Direction::Outbound => "DestCidrIp",
    };
    let Some(peer) = peer(entry, peer_field, imported)? else {
        return Ok(());
    };
    let rule = RuleEntry {
        direction,
        action,
        protocol,
        ports,
        peers: vec![peer],
        priority,
    };
    imported.push_rule(rule, &entry.at())
}

/// The rule's ports: `-1/-1` (or any range on ICMP and ALL) is every port.
fn ports(entry: &Node, protocol: Protocol) -> Result<Ports, ImportError> {
    let Some(node) = entry.get("PortRange") else {
        return if protocol.has_ports() {
            Err(entry.missing("PortRange"))
        } else {
            Ok(Ports::All)
        };
    };
    let text = node.text()?;
    if !protocol.has_ports() || text.trim() == "-1/-1" {
        return Ok(Ports::All);
    }
    let range = text.split_once('/').and_then(|(a, b)| {
        let first = a.trim().parse::<u16>().ok().filter(|p| *p > 0)?;
        let last = b.trim().parse::<u16>().ok().filter(|p| *p >= first)?;
        Some(PortRange { first, last })
    });
    match range {
        Some(PortRange {
            first: 1,
            last: 65535,
        }) => Ok(Ports::All),
        Some(range) => Ok(Ports::Ranges(vec![range])),
        None => Err(node.bad(&text, "a port range such as 6443/6443, or -1/-1")),
    }
}

/// The rule's peer block; `None` (with a note) when the rule names a group, a prefix
/// list or an IPv6 block instead.
fn peer(
    entry: &Node,
    field: &str,
    imported: &mut Imported,
) -> Result<Option<Ipv4Net>, ImportError> {
    let Some(text) = entry.opt_text(field)? else {
        imported.note(
            NoteKind::Skipped,
            entry.at(),
            format!(
                "rule has no {field} (it names a security group, a prefix list or an IPv6 block)"
            ),
        );
        return Ok(None);
    };
    let node = entry.field(field)?;
    // A bare address is a block of one.
    match text.parse::<Ipv4Addr>() {
        Ok(addr) => Ok(Some(Ipv4Net::from(addr))),
        Err(_) => node.block(&text, imported),
    }
}
