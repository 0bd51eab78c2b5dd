//! Changes to a plan that carry a rule with them, so the CLI and the TUI make them alike:
//! a new region invalidates the management address resolved for the old one, and Terway
//! Edge comes with an edge-container block that collides with nothing in the plan.

use super::{Cni, Plan, example_container_cidr};
use crate::catalog::Catalog;
use crate::cidr::overlaps;
use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

/// A region id the catalog does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRegion(pub String);

/// What setting the CNI plugin added to the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerDefault {
    /// Nothing: the plugin needs no container block, or the plan has one already.
    Unchanged,
    /// The source's example block, 172.16.0.0/12, which overlaps nothing in the plan.
    SourceExample(Ipv4Net),
    /// The source's block overlaps the plan, so a free block was chosen instead.
    Substitute(Ipv4Net),
    /// No free candidate block: the user must choose one.
    NoneFree,
}

impl Plan {
    /// Sets the region. The management address is what `cs-anony-vpc.<region>` resolved
    /// to, so it is wrong for any other region: a change of region unsets it, and the
    /// address that was unset is returned.
    pub fn set_region(
        &mut self,
        catalog: &Catalog,
        id: &str,
    ) -> Result<Option<Ipv4Addr>, UnknownRegion> {
        if catalog.region(id).is_none() {
            return Err(UnknownRegion(id.to_string()));
        }
        let cleared = if id == self.region {
            None
        } else {
            self.management_ip.take()
        };
        self.region = id.to_string();
        Ok(cleared)
    }

    /// Sets the CNI plugin. Terway Edge routes pod addresses, so a plan without an edge
    /// container block gets one that overlaps none of the plan's blocks.
    pub fn set_cni(&mut self, cni: Cni) -> ContainerDefault {
        self.cni = cni;
        if cni != Cni::TerwayEdge || !self.container_cidrs.is_empty() {
            return ContainerDefault::Unchanged;
        }
        let example = example_container_cidr();
        let (block, default) = if self.is_free(example) {
            (example, ContainerDefault::SourceExample(example))
        } else {
            match self.free_container_cidr() {
                Some(block) => (block, ContainerDefault::Substitute(block)),
                None => return ContainerDefault::NoneFree,
            }
        };
        self.container_cidrs.push(block);
        default
    }

    /// True when `block` overlaps no block or address the plan routes or names.
    pub fn is_free(&self, block: Ipv4Net) -> bool {
        let singles = [
            self.service_cidr,
            self.apiserver_ip.map(crate::cidr::host),
            self.management_net(),
        ];
        let lists = [
            &self.datacenter_cidrs,
            &self.vpc_cidrs,
            &self.vswitch_cidrs,
            &self.container_cidrs,
        ];
        lists
            .iter()
            .flat_map(|l| l.iter().copied())
            .chain(singles.into_iter().flatten())
            .all(|n| !overlaps(n, block))
    }

    /// The first private /16 (172.16-31, then 10.x, then 192.168) free in the plan.
    pub fn free_container_cidr(&self) -> Option<Ipv4Net> {
        let candidates = (16..32u8)
            .map(|b| Ipv4Addr::new(172, b, 0, 0))
            .chain((0..=255u8).map(|b| Ipv4Addr::new(10, b, 0, 0)))
            .chain(std::iter::once(Ipv4Addr::new(192, 168, 0, 0)));
        candidates
            .filter_map(|a| Ipv4Net::new(a, 16).ok())
            .find(|&n| self.is_free(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> Ipv4Net {
        s.parse().unwrap()
    }

    #[test]
    fn a_new_region_unsets_the_management_address_of_the_old_one() {
        let mut plan = Plan::example();
        let catalog = Catalog::builtin();
        assert_eq!(
            plan.set_region(catalog, "cn-hangzhou"),
            Ok(None),
            "same region"
        );
        assert!(plan.management_ip.is_some());
        let cleared = plan.set_region(catalog, "eu-central-1").unwrap();
        assert_eq!(cleared, Some(Ipv4Addr::new(100, 103, 42, 233)));
        assert_eq!(
            (plan.region.as_str(), plan.management_ip),
            ("eu-central-1", None)
        );
        assert_eq!(
            plan.set_region(catalog, "mars-1"),
            Err(UnknownRegion("mars-1".into()))
        );
        assert_eq!(plan.region, "eu-central-1", "an unknown id changes nothing");
    }

    #[test]
    fn terway_edge_gets_the_source_block_when_it_is_free() {
        let mut plan = Plan::example();
        let added = plan.set_cni(Cni::TerwayEdge);
        assert_eq!(added, ContainerDefault::SourceExample(net("172.16.0.0/12")));
        assert_eq!(plan.container_cidrs, [net("172.16.0.0/12")]);
        assert_eq!(plan.set_cni(Cni::TerwayEdge), ContainerDefault::Unchanged);
        assert_eq!(plan.container_cidrs.len(), 1, "never added twice");
    }

    #[test]
    fn terway_edge_gets_a_block_that_overlaps_nothing_when_the_vpc_holds_the_source_block() {
        let mut plan = Plan::example();
        plan.vpc_cidrs = vec![net("172.16.0.0/12")];
        let added = plan.set_cni(Cni::TerwayEdge);
        // 172.16-31 are the VPC's and 10.x the data center's: 192.168.0.0/16 is free.
        assert_eq!(added, ContainerDefault::Substitute(net("192.168.0.0/16")));
        assert!(
            !plan.is_free(net("192.168.0.0/16")),
            "now taken by containers"
        );
    }

    #[test]
    fn flannel_adds_no_container_block() {
        let mut plan = Plan::example();
        assert_eq!(plan.set_cni(Cni::Flannel), ContainerDefault::Unchanged);
        assert!(plan.container_cidrs.is_empty());
    }
}
