//! CEN `ListTransitRouterRouteEntries`: a transit router's route table, a flat
//! `TransitRouterRouteEntries[]` whose next hop is an attachment (to a VBR, a VPC…) or a
//! black hole.

use super::json::Node;
use super::model::{Format, ImportError, Imported, NoteKind};
use crate::observed::{NextHop, PathNode, RouteEntry};

const PREFIX: &str = "TransitRouterRouteEntry";

/// Reads the transit router's route entries.
pub(super) fn read(root: &Node) -> Result<Imported, ImportError> {
    let mut imported = Imported::new(Format::CenRouteEntries);
    for entry in root.field("TransitRouterRouteEntries")?.items()? {
        read_entry(&entry, &mut imported)?;
    }
    Ok(imported)
}

fn read_entry(entry: &Node, imported: &mut Imported) -> Result<(), ImportError> {
    let field = |name: &str| format!("{PREFIX}{name}");
    let (text, node) = entry.req_text(&field("DestinationCidrBlock"))?;
    let Some(destination) = node.block(&text, imported)? else {
        return Ok(());
    };
    let inactive = match entry.opt_text(&field("Status"))? {
        Some(status) if status == "Active" => None,
        Some(status) => Some(status),
        None => {
            imported.note(
                NoteKind::Assumed,
                entry.at(),
                format!("route {destination} has no {PREFIX}Status; taken as Active"),
            );
            None
        }
    };
    let (kind, kind_node) = entry.req_text(&field("NextHopType"))?;
    let next_hop = if kind.eq_ignore_ascii_case("BlackHole") {
        NextHop::Elsewhere("blackhole".to_string())
    } else {
        let resource = entry.opt_text(&field("NextHopResourceType"))?;
        let id = match entry.opt_text(&field("NextHopResourceId"))? {
            Some(id) => id,
            None => entry.opt_text(&field("NextHopId"))?.unwrap_or_default(),
        };
        let next_hop = match (kind.as_str(), resource.as_deref()) {
            ("Attachment", Some("VBR")) => NextHop::Neighbour(PathNode::Vbr),
            ("Attachment", Some("VPC")) => NextHop::Neighbour(PathNode::Vpc),
            (_, Some(resource)) => super::elsewhere(resource, &id),
            (kind, None) => super::elsewhere(kind, &id),
        };
        if let NextHop::Elsewhere(word) = &next_hop {
            imported.note(
                NoteKind::OffPath,
                kind_node.at(),
                format!("{destination} via {word}: not a VBR or VPC attachment"),
            );
        }
        next_hop
    };
    let route = RouteEntry {
        destination,
        next_hop,
        inactive,
    };
    imported.push_route(route, &entry.at())
}
