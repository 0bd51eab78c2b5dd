//! Overlap detection between many CIDR blocks in O(n log n + pairs): blocks either nest
//! or are disjoint, so after sorting by start address and prefix length, the blocks that
//! contain a block are exactly those on a stack of open blocks.

use crate::cidr::{Relation, relate};
use ipnet::Ipv4Net;

/// A pair of overlapping entries: indices into the input, and how `outer` relates to `inner`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlap {
    /// Index of the larger (or equal, earlier) block.
    pub outer: usize,
    /// Index of the block inside it.
    pub inner: usize,
    /// `Equal` or `Contains`.
    pub relation: Relation,
}

/// Every overlapping pair among `nets`, at most `limit` of them; the bool says whether
/// pairs were left out.
pub fn overlapping_pairs(nets: &[Ipv4Net], limit: usize) -> (Vec<Overlap>, bool) {
    overlapping_pairs_where(nets, limit, |_, _| true)
}

/// Like `overlapping_pairs`, but only pairs `(outer, inner)` that `keep` accepts count
/// towards `limit` and are returned, so pairs the caller ignores cannot use up the limit.
/// The work is the sum of the nesting depths: bounded when equal entries are few.
pub fn overlapping_pairs_where(
    nets: &[Ipv4Net],
    limit: usize,
    keep: impl Fn(usize, usize) -> bool,
) -> (Vec<Overlap>, bool) {
    let mut order: Vec<usize> = (0..nets.len()).collect();
    order.sort_by_key(|&i| (nets[i].network(), nets[i].prefix_len(), i));
    let mut stack: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for i in order {
        while let Some(&top) = stack.last() {
            if nets[top].contains(&nets[i]) {
                break;
            }
            stack.pop();
        }
        for &outer in stack.iter().rev() {
            if !keep(outer, i) {
                continue;
            }
            if out.len() == limit {
                return (out, true);
            }
            out.push(Overlap {
                outer,
                inner: i,
                relation: relate(nets[outer], nets[i]),
            });
        }
        stack.push(i);
    }
    (out, false)
}

/// Each entry of `nets` that another entry contains (or repeats), paired once with the
/// nearest such entry (for a repeat, the copy before it): a block inside a duplicated block
/// is one pair, not one per copy. At most `limit` pairs; the bool says whether pairs were
/// left out. O(n log n): each entry is pushed on and popped off the stack once.
pub fn nested_pairs(nets: &[Ipv4Net], limit: usize) -> (Vec<Overlap>, bool) {
    let mut order: Vec<usize> = (0..nets.len()).collect();
    order.sort_by_key(|&i| (nets[i].network(), nets[i].prefix_len(), i));
    let mut stack: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for i in order {
        while stack
            .last()
            .is_some_and(|&top| !nets[top].contains(&nets[i]))
        {
            stack.pop();
        }
        if let Some(&outer) = stack.last() {
            if out.len() == limit {
                return (out, true);
            }
            out.push(Overlap {
                outer,
                inner: i,
                relation: relate(nets[outer], nets[i]),
            });
        }
        stack.push(i);
    }
    (out, false)
}

/// The blocks of a list that no other block of it contains: disjoint, sorted by
/// address, so "is this block inside one of the list's blocks" is a binary search.
#[derive(Debug, Clone, Default)]
pub struct Cover {
    tops: Vec<Ipv4Net>,
}

impl Cover {
    /// The outermost blocks of `nets`, in O(n log n).
    pub fn new(nets: &[Ipv4Net]) -> Cover {
        let mut sorted = nets.to_vec();
        sorted.sort_by_key(|n| (n.network(), n.prefix_len()));
        let mut tops: Vec<Ipv4Net> = Vec::new();
        for n in sorted {
            // Blocks nest or are disjoint, so a contained block lies in the last top.
            if !tops.last().is_some_and(|t| t.contains(&n)) {
                tops.push(n);
            }
        }
        Cover { tops }
    }

    /// True when one block of the list contains `n` (or is `n`).
    pub fn holds(&self, n: Ipv4Net) -> bool {
        let after = self.tops.partition_point(|t| t.network() <= n.network());
        after > 0 && self.tops[after - 1].contains(&n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn brute_force(nets: &[Ipv4Net]) -> Vec<(usize, usize)> {
        let mut pairs = Vec::new();
        for a in 0..nets.len() {
            for b in a + 1..nets.len() {
                if crate::cidr::overlaps(nets[a], nets[b]) {
                    pairs.push((a.min(b), a.max(b)));
                }
            }
        }
        pairs.sort();
        pairs
    }

    fn arb_net() -> impl Strategy<Value = Ipv4Net> {
        // A small address space so that overlaps are common.
        (0u32..64, 26u8..=32).prop_map(|(host, len)| {
            Ipv4Net::new(std::net::Ipv4Addr::from(0x0a00_0000 | host), len)
                .unwrap()
                .trunc()
        })
    }

    proptest! {
        #[test]
        fn sweep_finds_exactly_the_brute_force_pairs(nets in prop::collection::vec(arb_net(), 0..40)) {
            let (found, truncated) = overlapping_pairs(&nets, usize::MAX);
            prop_assert!(!truncated);
            let mut pairs: Vec<(usize, usize)> = found
                .iter()
                .map(|o| (o.outer.min(o.inner), o.outer.max(o.inner)))
                .collect();
            pairs.sort();
            prop_assert_eq!(pairs, brute_force(&nets));
            for o in &found {
                prop_assert!(matches!(o.relation, Relation::Equal | Relation::Contains));
                prop_assert!(nets[o.outer].contains(&nets[o.inner]));
            }
        }
    }

    proptest! {
        #[test]
        fn cover_holds_exactly_what_some_block_contains(
            nets in prop::collection::vec(arb_net(), 0..30),
            probe in arb_net(),
        ) {
            let brute = nets.iter().any(|n| n.contains(&probe));
            prop_assert_eq!(Cover::new(&nets).holds(probe), brute);
        }
    }

    #[test]
    fn a_block_inside_a_duplicated_block_pairs_once() {
        let nets: Vec<Ipv4Net> = ["10.0.0.0/8", "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        let (pairs, truncated) = nested_pairs(&nets, usize::MAX);
        assert!(!truncated);
        let inner: Vec<(usize, usize)> = pairs.iter().map(|p| (p.outer, p.inner)).collect();
        assert_eq!(inner, [(0, 1), (1, 2), (2, 3)]);
        assert_eq!(pairs[0].relation, Relation::Equal);
    }

    #[test]
    fn the_limit_bounds_the_work_on_many_duplicates() {
        let nets = vec!["10.0.0.0/8".parse().unwrap(); 10_000];
        let (found, truncated) = overlapping_pairs(&nets, 100);
        assert_eq!(found.len(), 100);
        assert!(truncated);
    }
}
