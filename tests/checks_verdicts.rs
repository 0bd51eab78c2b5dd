//! Verdicts an engineer can sign: a routed block is allowed, one verdict is said once,
//! the source's own anomalies are flagged, and each product is named in its own words.

mod verdicts;

use edgeplan::catalog::Catalog;
use edgeplan::checks::{FindingCode, Severity};
use edgeplan::hop::Hop::{self, *};
use edgeplan::plan::Transit as Via;
use edgeplan::plan::{Cni, Field, Plan, Scope};
use edgeplan::requirements::{Direction, Protocol, RequirementKind, Requirements, derive};
use ipnet::Ipv4Net;
use std::path::Path;
use std::process::Command;
use verdicts::*;

// Item 1: a routed block must be allowed.

/// True when `hop` has an all-traffic rule in `direction` from a block holding `from` to
/// a block holding `to`.
fn allows(reqs: &Requirements, hop: Hop, direction: Direction, from: Ipv4Net, to: Ipv4Net) -> bool {
    reqs.hop(hop).items.iter().any(|item| match &item.kind {
        RequirementKind::Rule(r) => {
            r.direction == direction
                && r.protocol == Protocol::All
                && r.from.iter().any(|t| t.net.contains(&from))
                && r.to.iter().any(|t| t.net.contains(&to))
        }
        _ => false,
    })
}

fn routes_to(reqs: &Requirements, hop: Hop, block: Ipv4Net) -> bool {
    reqs.hop(hop)
        .items
        .iter()
        .any(|item| matches!(&item.kind, RequirementKind::Route(r) if r.destination.net == block))
}

#[test]
fn terway_container_blocks_that_are_routed_are_allowed_both_ways_in_both_scopes() {
    let (vpc, containers) = (net("192.168.0.0/16"), net("172.16.0.0/12"));
    for scope in [Scope::Broad, Scope::Fine] {
        for transit in [Via::Ecr, Via::Cen] {
            let mut p = terway();
            p.scope = scope;
            p.transit = transit;
            let reqs = derive(&p, Catalog::builtin());
            for hop in [Vbr, Transit, VpcRouteTable] {
                assert!(routes_to(&reqs, hop, containers), "{scope:?} {hop}");
            }
            let ctx = format!("{scope:?} {transit:?}");
            assert!(
                allows(&reqs, Firewall, Direction::Outbound, containers, vpc),
                "{ctx}"
            );
            assert!(
                allows(&reqs, Firewall, Direction::Inbound, vpc, containers),
                "{ctx}"
            );
            assert!(
                allows(&reqs, SecurityGroup, Direction::Outbound, vpc, containers),
                "{ctx}"
            );
            assert!(
                allows(&reqs, SecurityGroup, Direction::Inbound, containers, vpc),
                "{ctx}"
            );
        }
    }
}

#[test]
fn flannel_fine_scope_opens_only_the_sources_ports() {
    let mut p = Plan::example();
    p.scope = Scope::Fine;
    p.container_cidrs = nets(&["172.16.0.0/12"]); // not routed with Flannel
    let reqs = derive(&p, Catalog::builtin());
    let (vpc, dc) = (net("192.168.0.0/16"), net("10.0.0.0/8"));
    assert!(!allows(&reqs, SecurityGroup, Direction::Outbound, vpc, dc));
    assert!(!allows(&reqs, Firewall, Direction::Inbound, vpc, dc));
    assert!(!allows(
        &reqs,
        SecurityGroup,
        Direction::Outbound,
        vpc,
        net("172.16.0.0/12")
    ));
}

// Item 8: one verdict, said once.

#[test]
fn a_management_address_inside_the_vpc_is_the_same_error_in_both_scopes() {
    for scope in [Scope::Broad, Scope::Fine] {
        let mut p = Plan::example();
        p.scope = scope;
        p.management_ip = Some("192.168.0.9".parse().unwrap());
        let f = only(
            &p,
            FindingCode::ManagementInsideVpc,
            Severity::Error,
            &[CoreSwitch, Firewall, Vbr, Transit],
            &[whole(Field::ManagementIp)],
        );
        assert!(f.message.contains("192.168.0.0/16"), "{}", f.message);
        assert_none(&p, FindingCode::OverlapVpcCloudService);
        assert_none(&p, FindingCode::ManagementNotRouted);
        p.management_ip = Some("100.103.42.233".parse().unwrap());
        assert_clean(&p);
    }
}

#[test]
fn a_block_inside_a_duplicated_block_is_reported_once_and_a_duplicate_reads_right() {
    let mut p = Plan::example();
    p.datacenter_cidrs = nets(&["10.0.0.0/8", "10.0.0.0/8", "10.1.0.0/16"]);
    let found = found(&p, FindingCode::RedundantEntry);
    assert_eq!(found.len(), 2, "{found:#?}");
    let dup = found
        .iter()
        .find(|f| f.subject == [at(Field::DatacenterCidrs, 1)])
        .expect("duplicate");
    assert!(dup.message.contains("10.0.0.0/8 twice"), "{}", dup.message);
    assert!(!dup.fix.contains("already covers"), "{}", dup.fix);
    assert!(dup.fix.contains("repeated 10.0.0.0/8"), "{}", dup.fix);
    let nested = found
        .iter()
        .find(|f| f.subject == [at(Field::DatacenterCidrs, 2)])
        .expect("nested");
    assert!(
        nested.fix.contains("10.0.0.0/8 already covers it"),
        "{}",
        nested.fix
    );
    p.datacenter_cidrs = nets(&["10.0.0.0/8", "10.0.0.0/8", "10.0.0.0/8"]);
    let f = &report(&p).findings;
    assert_eq!(f.len(), 2, "one per extra copy: {f:#?}");
    assert!(f[0].message.contains("3 times"), "{}", f[0].message);
}

// Item 9: the source's anomalies.

#[test]
fn a_region_the_source_marks_closing_down_warns_when_chosen() {
    let mut p = Plan::example();
    p.region = "cn-nanjing".into();
    let f = only(
        &p,
        FindingCode::RegionClosingDown,
        Severity::Warning,
        &[EdgeNode],
        &[whole(Field::Region)],
    );
    assert!(f.message.contains("Closing Down"), "{}", f.message);
    p.region = "cn-hangzhou".into();
    assert_none(&p, FindingCode::RegionClosingDown);
}

fn regions(format: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_edgeplan"))
        .args(["regions", "--format", format])
        .output()
        .expect("binary runs");
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn regions_flags_the_shared_registry_route_and_the_closing_region() {
    let text = regions("text");
    let block = |id: &str| -> String {
        let start = text
            .find(&format!("\n{id} "))
            .unwrap_or_else(|| panic!("{id}"));
        text[start + 1..]
            .split("\n\n")
            .next()
            .unwrap()
            .lines()
            .take_while(|l| l.starts_with(id) || l.starts_with("    "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let riyadh = block("me-central-1");
    assert!(
        riyadh.contains("note: registry route 100.100.0.18/32 is also given for eu-west-1"),
        "{riyadh}"
    );
    assert!(block("cn-nanjing").contains("note: the source marks this region \"Closing Down\""));
    assert!(!block("cn-shanghai").contains("note:"));
    let json: serde_json::Value = serde_json::from_str(&regions("json")).unwrap();
    let notes = |id: &str| -> Vec<String> {
        let r = json
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap();
        r["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(notes("me-central-1").len(), 1);
    assert!(notes("me-central-1")[0].contains("eu-west-1"));
    assert!(notes("cn-hangzhou").is_empty());
}

// Item 11: the products' own words.

#[test]
fn ecr_next_hops_are_associations_and_cen_ones_attachments() {
    for (transit, word, other) in [
        (Via::Ecr, "association", "attachment"),
        (Via::Cen, "attachment", "association"),
    ] {
        let mut p = terway();
        p.transit = transit;
        let reqs = derive(&p, Catalog::builtin());
        let text: Vec<String> = reqs
            .hop(Transit)
            .items
            .iter()
            .map(|i| i.kind.to_string())
            .collect();
        let text = text.join("\n");
        assert!(
            text.contains(&format!("VPC {word}")) && text.contains(&format!("VBR {word}")),
            "{text}"
        );
        let all: String = Hop::ALL
            .iter()
            .flat_map(|&h| reqs.hop(h).items.iter().map(|i| i.kind.to_string()))
            .collect();
        assert!(!all.contains(other), "{transit:?} says {other}: {all}");
    }
}

// The source's examples stay clean.

#[test]
fn every_example_plan_still_checks_as_documented() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for (name, code) in [
        ("example-flannel-ecr.toml", 0),
        ("example-terway-cen.toml", 0),
        ("warning-only.toml", 0),
        ("broken-terway-no-containers.toml", 1),
        ("bad-host-bits.toml", 2),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_edgeplan"))
            .args(["check", &dir.join(name).display().to_string()])
            .output()
            .expect("binary runs");
        assert_eq!(
            out.status.code(),
            Some(code),
            "{name}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    for cni in [Cni::Flannel, Cni::TerwayEdge] {
        for scope in [Scope::Broad, Scope::Fine] {
            for transit in [Via::Ecr, Via::Cen] {
                let mut p = terway();
                (p.cni, p.scope, p.transit) = (cni, scope, transit);
                if cni == Cni::Flannel {
                    p.container_cidrs.clear();
                }
                assert_clean(&p);
            }
        }
    }
}
