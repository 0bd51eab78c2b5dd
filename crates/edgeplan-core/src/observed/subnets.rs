//! The core switch's server subnets: its connected (`local`) routes where hosts live, as
//! opposed to its own addresses and the interconnect to the VBR. A data center's core
//! switch commonly holds a null summary route for the whole block (to advertise the
//! aggregate by BGP) next to these; the servers are reached through them.

use super::{NextHop, Survey};
use ipnet::Ipv4Net;
use std::collections::BTreeSet;
use std::net::Ipv4Addr;

impl Survey {
    /// The connected subnets inside `block` (`block` itself included) where servers can
    /// live, in address order: active `local` routes shorter than /32 (a /32 is the
    /// device's own address), except the interconnect holding `vbr_peer_ip`.
    pub fn server_subnets(&self, block: Ipv4Net) -> Vec<Ipv4Net> {
        let mut subnets: Vec<Ipv4Net> = self
            .routes
            .iter()
            .flatten()
            .filter(|r| r.is_active() && r.next_hop == NextHop::Local)
            .map(|r| r.destination.trunc())
            .filter(|n| n.prefix_len() < 32 && block.contains(n))
            .filter(|n| !self.vbr_peer_ip.is_some_and(|ip| n.contains(&ip)))
            .collect();
        subnets.sort_by_key(|n| (u32::from(n.network()), n.prefix_len()));
        subnets.dedup();
        subnets
    }

    /// A server's address inside `block`, with the connected subnet it is on: the first
    /// host of the first server subnet that is none of the device's own addresses (its
    /// `local` /32 routes). `None` when no server subnet lies inside `block`.
    pub fn server_host(&self, block: Ipv4Net) -> Option<(Ipv4Net, Ipv4Addr)> {
        let own: BTreeSet<Ipv4Addr> = self
            .routes
            .iter()
            .flatten()
            .filter(|r| r.is_active() && r.next_hop == NextHop::Local)
            .filter(|r| r.destination.prefix_len() == 32)
            .map(|r| r.destination.addr())
            .collect();
        self.server_subnets(block).into_iter().find_map(|subnet| {
            // At most `own.len() + 1` hosts are looked at before a free one.
            let mut hosts = subnet.hosts().filter(|h| !own.contains(h));
            hosts.next().map(|h| (subnet, h))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::RouteEntry;
    use super::*;

    fn survey(routes: &[(&str, &str)]) -> Survey {
        Survey {
            routes: Some(
                routes
                    .iter()
                    .map(|(d, n)| RouteEntry::new(d.parse().unwrap(), NextHop::from_word(n)))
                    .collect(),
            ),
            vbr_peer_ip: Some("10.255.0.1".parse().unwrap()),
            ..Survey::default()
        }
    }

    fn net(s: &str) -> Ipv4Net {
        s.parse().unwrap()
    }

    #[test]
    fn a_server_host_skips_the_switch_s_own_addresses_and_the_interconnect() {
        let s = survey(&[
            ("10.0.0.0/8", "blackhole"),
            ("10.255.0.0/30", "local"),
            ("10.255.0.2/32", "local"),
            ("10.2.0.0/16", "local"),
            ("10.1.0.0/16", "local"),
            ("10.1.0.1/32", "local"),
            ("10.1.0.2/32", "local"),
            ("127.0.0.0/8", "local"),
        ]);
        let dc = net("10.0.0.0/8");
        assert_eq!(
            s.server_subnets(dc),
            [net("10.1.0.0/16"), net("10.2.0.0/16")]
        );
        assert_eq!(
            s.server_host(dc),
            Some((net("10.1.0.0/16"), "10.1.0.3".parse().unwrap()))
        );
        assert_eq!(s.server_host(net("172.16.0.0/12")), None);
    }

    #[test]
    fn a_null_summary_with_only_the_interconnect_has_no_server_subnet() {
        let mut s = survey(&[
            ("10.0.0.0/8", "blackhole"),
            ("10.255.0.0/30", "local"),
            ("10.255.0.2/32", "local"),
            ("10.3.0.0/16", "local"),
        ]);
        s.routes_mut()[3].inactive = Some("Rejected".into());
        assert_eq!(s.server_subnets(net("10.0.0.0/8")), []);
        assert_eq!(s.server_host(net("10.0.0.0/8")), None);
    }
}
