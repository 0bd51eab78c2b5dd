//! The observed fixtures through the real binary: for each kind of fault, exactly the
//! faulty hop is red in `check`, the trace names it and the direction, and the fix is
//! right; near misses and surveys that match the requirements stay green with every
//! flow delivered.

mod cli_support;

use cli_support::{edgeplan, fx};
use serde_json::Value;
use std::collections::BTreeSet;

/// (exit code, parsed JSON) of `check --format json`.
fn check_json(name: &str) -> (i32, Value) {
    let out = edgeplan(["check", &fx(name), "--format", "json"])
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).expect("check writes JSON");
    (out.status.code().unwrap(), json)
}

/// The hops with an error, and the hops with a warning, in `check`'s JSON.
fn coloured(v: &Value) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut red, mut yellow) = (BTreeSet::new(), BTreeSet::new());
    for f in v["findings"].as_array().unwrap() {
        let set = match f["severity"].as_str().unwrap() {
            "error" => &mut red,
            _ => &mut yellow,
        };
        for h in f["hops"].as_array().unwrap() {
            set.insert(h.as_str().unwrap().to_string());
        }
    }
    (red, yellow)
}

fn codes(v: &Value) -> BTreeSet<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

/// The flow `id` of `check`'s JSON.
fn flow<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["flows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no flow {id} in {v}"))
}

/// (exit code, parsed JSON) of `trace --format json` for one required flow.
fn trace(name: &str, f: &Value) -> (i32, Value) {
    let port = f["port"].as_u64().map(|p| p.to_string());
    let mut args = vec![
        "trace".to_string(),
        fx(name),
        "--from".into(),
        f["from"].as_str().unwrap().into(),
        "--to".into(),
        f["to"].as_str().unwrap().into(),
        "--proto".into(),
        f["protocol"].as_str().unwrap().into(),
        "--format".into(),
        "json".into(),
    ];
    if let Some(p) = port {
        args.extend(["--port".to_string(), p]);
    }
    let out = edgeplan(&args).output().unwrap();
    (
        out.status.code().unwrap(),
        serde_json::from_slice(&out.stdout).unwrap(),
    )
}

/// A fault fixture: its red hop, its finding code, a flow it breaks, where, which way,
/// with which disposition, and words of the fix.
struct Fault {
    file: &'static str,
    red: &'static str,
    code: &'static str,
    flow: &'static str,
    direction: &'static str,
    disposition: &'static str,
    fix: &'static str,
}

const FAULTS: [Fault; 8] = [
    Fault {
        file: "missing-route",
        red: "vbr",
        code: "observed-no-route",
        flow: "edge-to-apiserver",
        direction: "forward",
        disposition: "NO_ROUTE",
        fix: "On vbr, add a route to 192.168.0.0/16 via transit.",
    },
    Fault {
        file: "no-route-back",
        red: "vpc-route-table",
        code: "observed-no-route",
        flow: "edge-to-apiserver",
        direction: "reply",
        disposition: "NO_ROUTE",
        fix: "On vpc-route-table, make route 10.0.0.0/8 via transit (Rejected) active",
    },
    Fault {
        file: "wrong-neighbour",
        red: "vbr",
        code: "observed-route-wrong-neighbour",
        flow: "edge-to-apiserver",
        direction: "forward",
        disposition: "LOOP",
        fix: "On vbr, replace route 192.168.0.0/16 via core-switch with a route to 192.168.0.0/16 via transit",
    },
    Fault {
        file: "diverted",
        red: "transit",
        code: "observed-route-diverted",
        flow: "edge-to-apiserver",
        direction: "forward",
        disposition: "NULL_ROUTED",
        fix: "On transit, remove route 192.168.0.0/24 via blackhole, or point it via vpc.",
    },
    Fault {
        file: "deny-shadows-allow",
        red: "firewall",
        code: "observed-deny-shadows-allow",
        flow: "edge-to-apiserver",
        direction: "forward",
        disposition: "DENIED_OUT",
        fix: "On firewall, add an outbound allow rule for tcp 6443 to 192.168.0.0/16 with a priority number below 5",
    },
    Fault {
        file: "port-not-allowed",
        red: "security-group",
        code: "observed-port-not-allowed",
        flow: "edge-to-apiserver",
        direction: "forward",
        disposition: "DENIED_IN",
        fix: "On security-group, add an inbound allow rule for tcp 6443 from 10.0.0.0/8",
    },
    Fault {
        file: "bgp-off",
        red: "core-switch",
        code: "observed-bgp-off",
        flow: "vpc-to-containers",
        direction: "forward",
        disposition: "NO_ROUTE",
        fix: "On core-switch, enable BGP toward the edge nodes so it learns 172.16.0.0/12 from Terway Edge.",
    },
    Fault {
        file: "null-summary-no-subnet",
        red: "core-switch",
        code: "observed-route-wrong-neighbour",
        flow: "edge-to-apiserver",
        direction: "reply",
        disposition: "NULL_ROUTED",
        fix: "On core-switch, replace route 10.0.0.0/8 via blackhole with a route to 10.0.0.0/8 local",
    },
];

#[test]
fn each_fault_is_red_on_exactly_its_hop_and_the_trace_names_it_the_direction_and_the_fix() {
    for f in FAULTS {
        let name = format!("observed/{}.toml", f.file);
        let (code, v) = check_json(&name);
        assert_eq!(code, 1, "{name}: check fails on an error");
        let (red, _) = coloured(&v);
        assert_eq!(red, BTreeSet::from([f.red.to_string()]), "{name}: red hops");
        assert!(
            codes(&v).contains(f.code),
            "{name}: {} in {:?}",
            f.code,
            codes(&v)
        );
        let broken = flow(&v, f.flow);
        assert_eq!(broken["verdict"], "blocked", "{name}: {broken}");
        assert_eq!(broken["blocked_at"], f.red, "{name}");
        assert_eq!(broken["direction"], f.direction, "{name}");
        let (exit, t) = trace(&name, broken);
        assert_eq!(exit, 1, "{name}: trace exits 1 when blocked");
        assert_eq!(
            (t["blocked_at"].as_str(), t["direction"].as_str()),
            (Some(f.red), Some(f.direction)),
            "{name}: {t}"
        );
        assert!(
            t["reason"].as_str().unwrap().starts_with(f.disposition),
            "{name}: {}",
            t["reason"]
        );
        assert!(
            broken["fix"].as_str().unwrap().starts_with(f.fix),
            "{name}: {}",
            broken["fix"]
        );
        let leg = t[f.direction].as_array().unwrap();
        let last = leg.last().unwrap();
        assert_eq!(
            last["hop"], f.red,
            "{name}: the last step is the blocking hop"
        );
    }
}

#[test]
fn near_misses_and_surveys_that_match_stay_green_with_every_flow_delivered() {
    for (file, yellow) in [
        ("observed-flannel-ecr.toml", None),
        ("observed/terway-cen.toml", None),
        ("observed/broader-route.toml", None),
        ("observed/summary-null-route.toml", None),
        ("observed/unrelated-deny.toml", None),
        ("observed/over-broad.toml", Some("firewall")),
        ("observed/mtu-low.toml", Some("vbr")),
    ] {
        let (code, v) = check_json(file);
        assert_eq!(code, 0, "{file}: {v}");
        let (red, warned) = coloured(&v);
        assert!(red.is_empty(), "{file}: red {red:?}");
        let warned: Vec<&str> = warned.iter().map(String::as_str).collect();
        assert_eq!(warned, yellow.into_iter().collect::<Vec<_>>(), "{file}");
        let flows = v["flows"].as_array().unwrap();
        assert!(flows.len() >= 10, "{file}: every required flow is listed");
        for f in flows {
            assert_eq!(f["verdict"], "delivered", "{file}: {f}");
            assert_eq!(
                (f["blocked_at"].is_null(), f["direction"].is_null()),
                (true, true)
            );
        }
        let (exit, t) = trace(file, &flows[0]);
        assert_eq!(
            (exit, t["verdict"].as_str()),
            (0, Some("delivered")),
            "{file}"
        );
        assert!(
            !t["reply"].as_array().unwrap().is_empty(),
            "the reply is traced"
        );
    }
}

#[test]
fn a_null_summary_route_traces_the_edge_nodes_from_the_core_switch_s_server_subnet() {
    let (_, v) = check_json("observed/summary-null-route.toml");
    assert_eq!(flow(&v, "edge-to-apiserver")["from"], "10.1.0.2");
    assert_eq!(flow(&v, "vpc-to-kubelet-10250")["to"], "10.1.0.2");
    let (_, v) = check_json("observed/null-summary-no-subnet.toml");
    let f = flow(&v, "vpc-to-kubelet-10250");
    assert_eq!(
        f["to"], "10.0.0.1",
        "no server subnet: the block's first host"
    );
    assert_eq!(
        (f["blocked_at"].as_str(), f["direction"].as_str()),
        (Some("core-switch"), Some("forward"))
    );
}

#[test]
fn terway_flows_cover_the_container_blocks_both_ways() {
    let (_, v) = check_json("observed/terway-cen.toml");
    for id in ["vpc-to-containers", "containers-to-vpc"] {
        let f = flow(&v, id);
        assert_eq!(
            (f["protocol"].as_str(), f["port"].is_null()),
            (Some("icmp"), true)
        );
    }
    let (_, v) = check_json("observed/bgp-off.toml");
    assert_eq!(flow(&v, "containers-to-vpc")["direction"], "reply");
}
