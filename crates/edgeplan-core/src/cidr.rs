//! Strict parsing of IPv4 CIDR blocks and addresses, and how two blocks relate.

use crate::escape::Escaped;
use ipnet::Ipv4Net;
use std::fmt::{self, Write as _};
use std::net::Ipv4Addr;

/// Why a string is not an acceptable IPv4 CIDR block or address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CidrError {
    /// Nothing was given.
    Empty,
    /// White space around or inside the value.
    Whitespace,
    /// An IPv6 (or IPv4-mapped IPv6) value where IPv4 is required.
    Ipv6,
    /// No `/prefix` part.
    MissingPrefix,
    /// The prefix length is not a number from 0 to 32.
    PrefixOutOfRange(String),
    /// The address part is not a dotted-quad IPv4 address.
    BadAddress(String),
    /// Bits below the prefix are set; carries the corrected network.
    HostBitsSet(Ipv4Net),
}

impl fmt::Display for CidrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CidrError::Empty => write!(f, "empty value"),
            CidrError::Whitespace => write!(f, "contains white space"),
            CidrError::Ipv6 => write!(f, "IPv6 is not supported here; use an IPv4 value"),
            CidrError::MissingPrefix => {
                write!(f, "missing prefix length (write it as 10.0.0.0/8)")
            }
            CidrError::PrefixOutOfRange(p) => {
                // Both carry the text as written, which may hold terminal controls.
                write!(f, "prefix length {} is out of range (0 to 32)", Escaped(p))
            }
            CidrError::BadAddress(a) => write!(
                f,
                "\"{}\" is not an IPv4 address (four numbers 0-255, no leading zeros)",
                Escaped(a)
            ),
            CidrError::HostBitsSet(net) => {
                write!(f, "host bits are set; the network is {net}")
            }
        }
    }
}

impl std::error::Error for CidrError {}

fn precheck(s: &str) -> Result<(), CidrError> {
    if s.is_empty() {
        return Err(CidrError::Empty);
    }
    if s.chars().any(char::is_whitespace) {
        return Err(CidrError::Whitespace);
    }
    if s.contains(':') {
        return Err(CidrError::Ipv6);
    }
    Ok(())
}

/// Parses a dotted-quad IPv4 address.
pub fn parse_addr(s: &str) -> Result<Ipv4Addr, CidrError> {
    precheck(s)?;
    if s.contains('/') {
        return Err(CidrError::BadAddress(s.to_string()));
    }
    s.parse::<Ipv4Addr>()
        .map_err(|_| CidrError::BadAddress(s.to_string()))
}

/// Parses every block of a list; on failure, the index of the first bad entry and why,
/// so each caller names the entry in its own terms (a flag, a file key).
pub fn parse_nets<S: AsRef<str>>(values: &[S]) -> Result<Vec<Ipv4Net>, (usize, CidrError)> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| parse_net(v.as_ref()).map_err(|e| (i, e)))
        .collect()
}

/// Blocks as an engineer pastes them: separated by commas, semicolons, spaces, tabs or
/// line breaks, with white space around them ignored. At least one block; an error names
/// the piece that is not a block.
pub fn parse_pasted(text: &str) -> Result<Vec<Ipv4Net>, String> {
    let pieces: Vec<&str> = text
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    if pieces.is_empty() {
        return Err(CidrError::Empty.to_string());
    }
    parse_nets(&pieces).map_err(|(i, e)| match pieces.len() {
        1 => e.to_string(),
        _ => format!("entry {} \"{}\": {e}", i + 1, pieces[i]),
    })
}

/// `10.0.0.0/8 172.16.0.0/12`: blocks separated by spaces, as route tables and command
/// lines take them (prose lists use [`crate::checks::name_some`]).
pub fn spaced(nets: &[Ipv4Net]) -> String {
    let mut out = String::with_capacity(nets.len() * 19);
    for (i, n) in nets.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{n}");
    }
    out
}

/// Parses an IPv4 CIDR block, refusing host bits, missing prefixes and IPv6.
pub fn parse_net(s: &str) -> Result<Ipv4Net, CidrError> {
    precheck(s)?;
    let (addr, prefix) = match s.split_once('/') {
        Some((_, "")) | None => return Err(CidrError::MissingPrefix),
        Some(parts) => parts,
    };
    let addr = addr
        .parse::<Ipv4Addr>()
        .map_err(|_| CidrError::BadAddress(addr.to_string()))?;
    let len = match prefix.parse::<u8>() {
        Ok(n)
            if n <= 32
                && !prefix.starts_with('+')
                && (prefix == "0" || !prefix.starts_with('0')) =>
        {
            n
        }
        _ => return Err(CidrError::PrefixOutOfRange(prefix.to_string())),
    };
    let net =
        Ipv4Net::new(addr, len).map_err(|_| CidrError::PrefixOutOfRange(prefix.to_string()))?;
    if net.addr() != net.network() {
        return Err(CidrError::HostBitsSet(net.trunc()));
    }
    Ok(net)
}

/// How block `a` relates to block `b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// They share no address.
    Disjoint,
    /// They are the same block.
    Equal,
    /// `a` contains `b`.
    Contains,
    /// `a` lies inside `b`.
    Inside,
}

/// The relation of `a` to `b`. Two CIDR blocks either nest or are disjoint.
pub fn relate(a: Ipv4Net, b: Ipv4Net) -> Relation {
    if a == b {
        Relation::Equal
    } else if a.contains(&b) {
        Relation::Contains
    } else if b.contains(&a) {
        Relation::Inside
    } else {
        Relation::Disjoint
    }
}

/// True when the two blocks share at least one address. Two address ranges compared as
/// integers: checks call this for every block of lists that may hold 100,000.
pub fn overlaps(a: Ipv4Net, b: Ipv4Net) -> bool {
    let range = |n: Ipv4Net| (u32::from(n.network()), u32::from(n.broadcast()));
    let ((a0, a1), (b0, b1)) = (range(a), range(b));
    a0 <= b1 && b0 <= a1
}

/// The CIDR block that holds exactly one address.
pub fn host(addr: Ipv4Addr) -> Ipv4Net {
    Ipv4Net::new(addr, 32).expect("32 is a valid prefix")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_list_is_trimmed_and_split_into_blocks() {
        let nets = |v: &[&str]| {
            v.iter()
                .map(|s| s.parse().unwrap())
                .collect::<Vec<Ipv4Net>>()
        };
        assert_eq!(parse_pasted(" 10.10.0.0/16 "), Ok(nets(&["10.10.0.0/16"])));
        assert_eq!(
            parse_pasted("10.10.0.0/16, 10.30.0.0/16;\n10.40.0.0/16\t10.50.0.0/16,"),
            Ok(nets(&[
                "10.10.0.0/16",
                "10.30.0.0/16",
                "10.40.0.0/16",
                "10.50.0.0/16"
            ]))
        );
        assert_eq!(
            parse_pasted("10.10.0.0/16, 10.30.0.1/16"),
            Err("entry 2 \"10.30.0.1/16\": host bits are set; the network is 10.30.0.0/16".into())
        );
        assert_eq!(
            parse_pasted("10.0.0.0/33"),
            Err("prefix length 33 is out of range (0 to 32)".into())
        );
        assert_eq!(parse_pasted(" , "), Err("empty value".into()));
    }

    #[test]
    fn host_bits_error_names_the_corrected_network() {
        let err = parse_net("10.0.0.1/8").unwrap_err();
        assert_eq!(
            err.to_string(),
            "host bits are set; the network is 10.0.0.0/8"
        );
    }

    #[test]
    fn edge_cases_are_refused_with_their_reason() {
        assert_eq!(
            parse_net("10.0.0.0/33"),
            Err(CidrError::PrefixOutOfRange("33".into()))
        );
        assert_eq!(parse_net("10.0.0.0"), Err(CidrError::MissingPrefix));
        assert_eq!(parse_net("::ffff:10.0.0.0/104"), Err(CidrError::Ipv6));
        assert_eq!(parse_net(" 10.0.0.0/8"), Err(CidrError::Whitespace));
        assert_eq!(
            parse_net("010.0.0.0/8"),
            Err(CidrError::BadAddress("010.0.0.0".into()))
        );
        assert_eq!(
            parse_net("10.0.0.0/08"),
            Err(CidrError::PrefixOutOfRange("08".into()))
        );
        assert_eq!(
            parse_net("10.0.0.0/+8"),
            Err(CidrError::PrefixOutOfRange("+8".into()))
        );
        assert_eq!(parse_net(""), Err(CidrError::Empty));
    }

    #[test]
    fn whole_space_and_single_host_are_valid_blocks() {
        assert_eq!(parse_net("0.0.0.0/0").unwrap().prefix_len(), 0);
        assert_eq!(
            parse_net("1.2.3.4/32").unwrap(),
            host("1.2.3.4".parse().unwrap())
        );
    }

    #[test]
    fn relation_reports_each_direction_of_containment() {
        let big = parse_net("10.0.0.0/8").unwrap();
        let small = parse_net("10.1.0.0/16").unwrap();
        assert_eq!(relate(big, small), Relation::Contains);
        assert_eq!(relate(small, big), Relation::Inside);
        assert_eq!(relate(big, big), Relation::Equal);
        assert_eq!(
            relate(small, parse_net("10.2.0.0/16").unwrap()),
            Relation::Disjoint
        );
    }

    #[test]
    fn a_list_is_parsed_whole_or_refused_at_its_first_bad_entry() {
        let nets = parse_nets(&["10.0.0.0/8", "172.16.0.0/12"]).unwrap();
        assert_eq!(spaced(&nets), "10.0.0.0/8 172.16.0.0/12");
        assert_eq!(
            parse_nets(&["10.0.0.0/8", "10.0.0.1/8", "x"]),
            Err((1, CidrError::HostBitsSet(parse_net("10.0.0.0/8").unwrap())))
        );
        assert_eq!(parse_nets::<&str>(&[]), Ok(vec![]));
        assert_eq!(spaced(&[]), "");
    }
}
