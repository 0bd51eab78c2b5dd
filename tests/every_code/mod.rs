//! Plans that between them produce every finding code, for the tests that hold each
//! code to a rule (its subject, its customer wording).
#![allow(dead_code)] // each test file uses a different part

use edgeplan::catalog::{Catalog, Region};
use edgeplan::plan::{Cni, Plan, Scope};

fn nets(list: &[&str]) -> Vec<ipnet::Ipv4Net> {
    list.iter().map(|s| s.parse().unwrap()).collect()
}

/// Surveys of the example with every kind of observed fault: one Flannel plan, one
/// Terway Edge plan for BGP.
pub fn observed_faults() -> Vec<Plan> {
    use edgeplan::Hop;
    use edgeplan::observed::{Direction::*, NextHop, RouteEntry, RuleAction::*, RuleEntry, Survey};
    let route = |d: &str, via: &str| RouteEntry::new(d.parse().unwrap(), NextHop::from_word(via));
    let rule = |direction, action, protocol: &str, ports: &str, peer: &str, priority| RuleEntry {
        direction,
        action,
        protocol: protocol.parse().unwrap(),
        ports: ports.parse().unwrap(),
        peers: nets(&[peer]),
        priority,
    };
    let mut plan = Plan::example();
    let s = &mut plan.observed.surveys;
    let routes = |list: Vec<RouteEntry>| Survey {
        routes: Some(list),
        ..Survey::default()
    };
    s.insert(
        Hop::CoreSwitch,
        Survey {
            mtu: Some(1400),
            ..routes(vec![])
        },
    );
    s.insert(
        Hop::Vbr,
        routes(vec![route("192.168.0.0/16", "core-switch")]),
    );
    s.insert(
        Hop::Transit,
        routes(vec![
            route("192.168.0.0/16", "vpc"),
            route("192.168.1.0/24", "blackhole"),
        ]),
    );
    let rules = vec![
        rule(Inbound, Allow, "all", "all", "0.0.0.0/0", 50),
        rule(Outbound, Deny, "tcp", "all", "0.0.0.0/0", 1),
        rule(Outbound, Allow, "tcp", "6443", "192.168.0.0/16", 2),
    ];
    s.insert(
        Hop::Firewall,
        Survey {
            rules: Some(rules),
            ..Survey::default()
        },
    );
    let mut terway = Plan::example();
    terway.cni = Cni::TerwayEdge;
    terway.container_cidrs = nets(&["172.16.0.0/12"]);
    let core = Survey {
        bgp: Some(false),
        ..Survey::default()
    };
    terway.observed.surveys.insert(Hop::CoreSwitch, core);
    vec![plan, terway]
}

/// A catalog of one region that is in neither the registry table nor the OSS table.
pub fn bare_catalog() -> Catalog {
    Catalog {
        regions: vec![Region {
            id: "xx-bare-1".into(),
            name: "Nowhere (Bare)".into(),
            registry: None,
            oss: None,
        }],
    }
}

/// Plans that between them produce every code, with the catalog each is checked against.
pub fn plans_for_every_code() -> Vec<(Plan, Catalog)> {
    let builtin = || Catalog::builtin().clone();
    let mut out = Vec::new();
    let mut push = |edit: &dyn Fn(&mut Plan), catalog: Catalog| {
        let mut p = Plan::example();
        edit(&mut p);
        out.push((p, catalog));
    };
    // Every cross-list overlap at once: one block shared by every set, in broad scope.
    push(
        &|p| {
            p.cni = Cni::TerwayEdge;
            p.datacenter_cidrs = nets(&["10.0.0.0/8"]);
            p.vpc_cidrs = nets(&["10.0.0.0/16", "100.64.0.0/16", "8.8.0.0/16"]);
            p.container_cidrs = nets(&["10.0.0.0/24"]);
            p.cloud_service_cidrs = nets(&["10.0.0.0/25"]);
            p.service_cidr = Some("10.0.0.0/26".parse().unwrap());
            p.vswitch_cidrs = nets(&["172.31.0.0/24", "0.0.0.0/0"]);
            p.apiserver_ip = Some("172.31.0.1".parse().unwrap());
            p.management_ip = Some("1.1.1.1".parse().unwrap());
        },
        builtin(),
    );
    push(
        &|p| {
            p.datacenter_cidrs.clear();
            p.vpc_cidrs.clear();
            p.cloud_service_cidrs.clear();
            p.container_cidrs = nets(&["172.16.0.0/12"]);
            p.region = "xx-nowhere-1".into();
        },
        builtin(),
    );
    push(
        &|p| {
            p.cni = Cni::TerwayEdge;
            p.kubernetes_version = Some("1.26".into());
            p.ntp_access = None;
            p.package_access = None;
        },
        builtin(),
    );
    push(
        &|p| {
            p.scope = Scope::Fine;
            p.region = "xx-bare-1".into();
            p.management_ip = None;
        },
        bare_catalog(),
    );
    // What the cloud refuses or drops (tests/checks_limits.rs pins each one).
    push(
        &|p| {
            p.datacenter_cidrs = nets(&["127.0.0.0/8", "100.64.1.0/24"]);
            p.datacenter_cidrs.extend(
                (0..201).map(|i| format!("10.{i}.0.0/16").parse::<ipnet::Ipv4Net>().unwrap()),
            );
            p.vpc_cidrs = nets(&["192.168.0.0/16", "172.31.0.0/29"]);
            p.vswitch_cidrs = nets(&["192.168.1.0/30"]);
            p.apiserver_ip = Some("192.168.2.10".parse().unwrap());
            p.management_ip = Some("192.168.0.9".parse().unwrap());
            p.cloud_service_cidrs = nets(&["100.100.0.0/16"]);
        },
        builtin(),
    );
    push(
        &|p| {
            p.region = "cn-nanjing".into();
            p.apiserver_ip = Some("192.168.0.0".parse().unwrap());
        },
        builtin(),
    );
    // More pairs than are listed, across lists and inside one list.
    push(
        &|p| {
            let many: Vec<String> = (0..=200).map(|i| format!("10.0.{i}.0/24")).collect();
            let many: Vec<&str> = many.iter().map(String::as_str).collect();
            p.vpc_cidrs = nets(&many);
            p.vswitch_cidrs = nets(&["10.0.0.0/16"]);
            p.vswitch_cidrs.extend(nets(&many));
        },
        builtin(),
    );
    // What the devices have (the core crate's observed tests pin each one).
    out.extend(observed_faults().into_iter().map(|p| (p, builtin())));
    out
}
