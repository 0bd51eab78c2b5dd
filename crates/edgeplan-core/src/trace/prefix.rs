//! Longest-prefix match over IPv4 blocks, built once per route table: one hash map per
//! prefix length present, probed longest first (at most 33 probes whatever the size),
//! and the blocks sorted by address for "what lies inside this block".

use ipnet::Ipv4Net;
use std::collections::HashMap;
use std::net::Ipv4Addr;

/// Blocks mapped to values. A block given twice keeps its first value, as a device
/// lists a route once per destination.
#[derive(Debug, Clone)]
pub struct PrefixIndex<T> {
    /// The prefix lengths present, longest first, each with its blocks by network.
    lengths: Vec<(u8, HashMap<u32, usize>)>,
    /// Every block once, sorted by (network, prefix length), with its value.
    sorted: Vec<(Ipv4Net, T)>,
}

fn mask(len: u8) -> u32 {
    u32::MAX.checked_shl(32 - u32::from(len)).unwrap_or(0)
}

impl<T> PrefixIndex<T> {
    /// The index of `entries`; the first value given for a block wins.
    pub fn new(entries: impl IntoIterator<Item = (Ipv4Net, T)>) -> PrefixIndex<T> {
        let mut sorted: Vec<(Ipv4Net, T)> =
            entries.into_iter().map(|(n, v)| (n.trunc(), v)).collect();
        // A stable sort keeps equal blocks in the order given: dedup keeps the first.
        sorted.sort_by_key(|(n, _)| (u32::from(n.network()), n.prefix_len()));
        sorted.dedup_by(|b, a| a.0 == b.0);
        let mut counts = [0usize; 33];
        for (n, _) in &sorted {
            counts[usize::from(n.prefix_len())] += 1;
        }
        let mut by_len: Vec<HashMap<u32, usize>> =
            counts.iter().map(|&c| HashMap::with_capacity(c)).collect();
        for (i, (n, _)) in sorted.iter().enumerate() {
            by_len[usize::from(n.prefix_len())].insert(u32::from(n.network()), i);
        }
        let lengths = by_len
            .into_iter()
            .enumerate()
            .rev()
            .filter(|(_, m)| !m.is_empty())
            .map(|(len, m)| (len as u8, m))
            .collect();
        PrefixIndex { lengths, sorted }
    }

    /// The most specific block holding `addr`, with its value.
    pub fn longest_match(&self, addr: Ipv4Addr) -> Option<(Ipv4Net, &T)> {
        self.longest_at_most(u32::from(addr), 32)
    }

    /// The most specific block that holds all of `net` (`net` itself included).
    pub fn covering(&self, net: Ipv4Net) -> Option<(Ipv4Net, &T)> {
        self.longest_at_most(u32::from(net.network()), net.prefix_len())
    }

    fn longest_at_most(&self, addr: u32, max_len: u8) -> Option<(Ipv4Net, &T)> {
        self.lengths
            .iter()
            .filter(|(len, _)| *len <= max_len)
            .find_map(|(len, map)| map.get(&(addr & mask(*len))))
            .map(|&i| (self.sorted[i].0, &self.sorted[i].1))
    }

    /// Every block strictly inside `net` (more specific than it), in address order.
    pub fn inside(&self, net: Ipv4Net) -> impl Iterator<Item = (Ipv4Net, &T)> {
        let (first, last) = (u32::from(net.network()), u32::from(net.broadcast()));
        let start = self
            .sorted
            .partition_point(|(n, _)| u32::from(n.network()) < first);
        self.sorted[start..]
            .iter()
            .take_while(move |(n, _)| u32::from(n.network()) <= last)
            .filter(move |(n, _)| n.prefix_len() > net.prefix_len())
            .map(|(n, v)| (*n, v))
    }

    /// The number of blocks.
    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    /// True when no block is held.
    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn net(s: &str) -> Ipv4Net {
        s.parse().unwrap()
    }

    #[test]
    fn the_longest_block_wins_and_the_first_value_of_a_block_is_kept() {
        let idx = PrefixIndex::new([
            (net("10.0.0.0/8"), "wide"),
            (net("10.1.0.0/16"), "narrow"),
            (net("10.1.0.0/16"), "second"),
            (net("0.0.0.0/0"), "default"),
        ]);
        let at = |a: &str| idx.longest_match(a.parse().unwrap()).map(|(_, v)| *v);
        assert_eq!(at("10.1.2.3"), Some("narrow"));
        assert_eq!(at("10.2.0.1"), Some("wide"));
        assert_eq!(at("8.8.8.8"), Some("default"));
        assert_eq!(
            idx.covering(net("10.1.0.0/15")).map(|(n, _)| n),
            Some(net("10.0.0.0/8"))
        );
        assert_eq!(
            idx.covering(net("10.1.0.0/16")).map(|(_, v)| *v),
            Some("narrow")
        );
        let inside: Vec<Ipv4Net> = idx.inside(net("10.0.0.0/8")).map(|(n, _)| n).collect();
        assert_eq!(inside, [net("10.1.0.0/16")]);
        assert!(
            PrefixIndex::<()>::new([])
                .longest_match("1.2.3.4".parse().unwrap())
                .is_none()
        );
    }

    /// Random blocks drawn near each other, so that they nest often.
    fn blocks() -> impl Strategy<Value = Vec<(Ipv4Net, usize)>> {
        prop::collection::vec((0u32..64, 0u8..=32), 0..60).prop_map(|raw| {
            raw.into_iter()
                .enumerate()
                .map(|(i, (hi, len))| {
                    let addr = Ipv4Addr::from((10 << 24) | (hi << 18) | (hi * 977 % 4096));
                    (Ipv4Net::new(addr, len.max(1)).unwrap().trunc(), i)
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn longest_prefix_match_answers_as_a_brute_force_scan(
            routes in blocks(),
            probes in prop::collection::vec(0u32..64, 1..20),
        ) {
            let idx = PrefixIndex::new(routes.clone());
            for p in probes {
                let addr = Ipv4Addr::from((10 << 24) | (p << 18) | (p * 977 % 4096) | (p & 3));
                // The scan: the longest block holding addr; the first given of equal ones.
                let mut best: Option<(Ipv4Net, usize)> = None;
                for &(n, v) in &routes {
                    if n.contains(&addr) && best.is_none_or(|(b, _)| n.prefix_len() > b.prefix_len()) {
                        best = Some((n, v));
                    }
                }
                let got = idx.longest_match(addr).map(|(n, v)| (n, *v));
                prop_assert_eq!(got, best, "addr {}", addr);
            }
        }
    }
}
