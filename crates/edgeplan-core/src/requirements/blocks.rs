//! The blocks a hop deals with: the cloud-service destinations of a plan, and the key
//! blocks each hop is labelled with.

use super::{Dest, Target};
use crate::catalog::{Catalog, Region};
use crate::hop::Hop;
use crate::plan::{Cni, Field, Plan, Scope};
use ipnet::Ipv4Net;

/// Each of `nets` as a destination of kind `dest`.
pub(super) fn targets(nets: &[Ipv4Net], dest: Dest) -> Vec<Target> {
    nets.iter().map(|&net| Target { net, dest }).collect()
}

/// The blocks of a plan list as destinations.
pub(super) fn list_targets(plan: &Plan, list: Field) -> Vec<Target> {
    targets(
        list.cidrs(plan).map_or(&[], Vec::as_slice),
        Dest::List(list),
    )
}

/// The cloud-service destinations: the plan's blocks in broad scope; the region's OSS
/// VIPs, registry routes and the management address in fine scope, with the blocks the
/// plan supplies for what the source leaves unknown.
pub fn cloud_targets(plan: &Plan, region: Option<&Region>) -> Vec<Target> {
    match plan.scope {
        Scope::Broad => list_targets(plan, Field::CloudServiceCidrs),
        Scope::Fine => {
            let mut out = Vec::new();
            if let Some(r) = region {
                out.extend(targets(r.oss_vips().unwrap_or(&[]), Dest::OssVip));
                out.extend(targets(r.registry_routes(), Dest::Registry));
            }
            out.extend(targets(plan.management_net().as_slice(), Dest::Management));
            let supplied: Vec<Ipv4Net> = plan.fine_scope_cloud_cidrs().collect();
            out.extend(targets(&supplied, Dest::List(Field::CloudServiceCidrs)));
            out
        }
    }
}

/// The blocks a hop is labelled with: the edge nodes show where they live; the
/// data-center devices show the cloud blocks they route and open towards; the cloud
/// devices show the data-center blocks they route and open back towards (none while
/// the data center has no block, so a container block is never taken for it).
pub fn key_blocks(plan: &Plan, catalog: &Catalog, hop: Hop) -> Vec<Ipv4Net> {
    match hop {
        Hop::CoreSwitch | Hop::Firewall => {
            let region = catalog.region(&plan.region);
            let mut cloud = plan.vpc_cidrs.clone();
            cloud.extend(cloud_targets(plan, region).iter().map(|t| t.net));
            cloud
        }
        // Without data-center blocks a container block alone would read as the data
        // center's: the label shows nothing rather than mislead.
        _ if plan.datacenter_cidrs.is_empty() => vec![],
        _ => {
            let mut local = plan.datacenter_cidrs.clone();
            if plan.cni == Cni::TerwayEdge {
                local.extend(&plan.container_cidrs);
            }
            local
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_center_devices_show_the_cloud_and_the_rest_show_the_data_center() {
        let mut plan = Plan::example();
        let catalog = Catalog::builtin();
        let blocks = |plan: &Plan, hop| -> Vec<String> {
            key_blocks(plan, catalog, hop)
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        assert_eq!(
            blocks(&plan, Hop::Firewall),
            ["192.168.0.0/16", "100.0.0.0/8"]
        );
        assert_eq!(blocks(&plan, Hop::Vbr), ["10.0.0.0/8"]);
        plan.container_cidrs = vec!["172.16.0.0/12".parse().unwrap()];
        assert_eq!(blocks(&plan, Hop::EdgeNode), ["10.0.0.0/8"], "Flannel");
        plan.cni = Cni::TerwayEdge;
        let mut no_datacenter = plan.clone();
        no_datacenter.datacenter_cidrs.clear();
        assert!(
            blocks(&no_datacenter, Hop::EdgeNode).is_empty(),
            "a container block is not labelled as the data center"
        );
        assert_eq!(
            blocks(&plan, Hop::EdgeNode),
            ["10.0.0.0/8", "172.16.0.0/12"]
        );
    }
}
