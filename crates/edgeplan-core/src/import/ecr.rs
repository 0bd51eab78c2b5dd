//! `DescribeExpressConnectRouterRouteEntries`: an ECR's route table, a flat
//! `RouteEntriesList[]` that names the next hop only by its instance id, so its kind comes
//! from the id's prefix (`vbr-`, `vpc-`, `tr-`).

use super::json::Node;
use super::model::{Format, ImportError, Imported, NoteKind};
use crate::observed::{NextHop, PathNode, RouteEntry};

/// Reads the ECR's route entries.
pub(super) fn read(root: &Node) -> Result<Imported, ImportError> {
    let mut imported = Imported::new(Format::EcrRouteEntries);
    for entry in root.field("RouteEntriesList")?.items()? {
        read_entry(&entry, &mut imported)?;
    }
    Ok(imported)
}

fn read_entry(entry: &Node, imported: &mut Imported) -> Result<(), ImportError> {
    let (text, node) = entry.req_text("DestinationCidrBlock")?;
    let Some(destination) = node.block(&text, imported)? else {
        return Ok(());
    };
    let inactive = match entry.opt_text("Status")? {
        Some(status) if status.eq_ignore_ascii_case("ACTIVE") => None,
        Some(status) => {
            // ACTIVE is the only documented value: anything else does not forward.
            imported.note(
                NoteKind::Assumed,
                entry.at(),
                format!("route {destination} has Status {status}; only ACTIVE is documented, so it is taken as not forwarding"),
            );
            Some(status)
        }
        None => {
            imported.note(
                NoteKind::Assumed,
                entry.at(),
                format!("route {destination} has no Status; taken as ACTIVE"),
            );
            None
        }
    };
    let (id, id_node) = entry.req_text("NexthopInstanceId")?;
    let next_hop = if id.starts_with("vbr-") {
        NextHop::Neighbour(PathNode::Vbr)
    } else if id.starts_with("vpc-") {
        NextHop::Neighbour(PathNode::Vpc)
    } else {
        let next_hop = super::elsewhere(&id, "");
        let what = if id.starts_with("tr-") {
            "a transit router, not on this plan's path (VBR, ECR, VPC)"
        } else {
            "not a VBR or VPC id"
        };
        imported.note(
            NoteKind::OffPath,
            id_node.at(),
            format!("{destination} via {id}: {what}"),
        );
        next_hop
    };
    let route = RouteEntry {
        destination,
        next_hop,
        inactive,
    };
    imported.push_route(route, &entry.at())
}
