//! `edgeplan diff` on observed state: the routes and rules each hop gains and loses, the
//! hops that become surveyed or not, and changed settings, in text and JSON.

mod cli_support;

use cli_support::{edgeplan, fx};
use edgeplan::catalog::Catalog;
use edgeplan::hop::Hop;
use edgeplan::observed::NextHop;
use edgeplan::plan::{Plan, load_path, to_toml};
use edgeplan::review::diff;

fn observed() -> Plan {
    load_path(fx("observed-flannel-ecr.toml").as_ref())
        .unwrap()
        .0
}

#[test]
fn diff_reports_routes_and_rules_added_and_removed_per_hop() {
    let old = observed();
    let mut new = old.clone();
    let vbr = new.observed.surveys.get_mut(&Hop::Vbr).unwrap();
    vbr.routes_mut()[0].next_hop = NextHop::from_word("blackhole");
    vbr.mtu = Some(8500);
    new.observed
        .surveys
        .get_mut(&Hop::Firewall)
        .unwrap()
        .rules_mut()
        .remove(3);
    new.observed.surveys.remove(&Hop::SecurityGroup);
    let d = diff(&old, &new, Catalog::builtin());
    assert!(d.fields.is_empty() && d.hops.is_empty(), "{d:?}");
    let hops: Vec<Hop> = d.observed.iter().map(|o| o.hop).collect();
    assert_eq!(hops, [Hop::Firewall, Hop::Vbr, Hop::SecurityGroup]);
    let vbr = d.observed(Hop::Vbr).unwrap();
    assert_eq!(
        vbr.routes_removed
            .iter()
            .map(|r| r.summary())
            .collect::<Vec<_>>(),
        ["10.0.0.0/8 -> core-switch"]
    );
    assert_eq!(
        vbr.routes_added
            .iter()
            .map(|r| r.summary())
            .collect::<Vec<_>>(),
        ["10.0.0.0/8 -> blackhole"]
    );
    assert_eq!(vbr.settings, ["mtu: 1500 -> 8500"]);
    assert!(vbr.was_surveyed && vbr.is_surveyed);
    let firewall = d.observed(Hop::Firewall).unwrap();
    assert_eq!(
        firewall.rules_removed[0].summary(),
        "inbound allow udp 8472 peers 192.168.0.0/16 priority 40"
    );
    assert!(firewall.rules_added.is_empty() && firewall.routes_added.is_empty());
    let sg = d.observed(Hop::SecurityGroup).unwrap();
    assert!(sg.was_surveyed && !sg.is_surveyed);
    assert_eq!(sg.rules_removed.len(), 4);
}

#[test]
fn reordered_routes_are_no_change() {
    let old = observed();
    let mut new = old.clone();
    new.observed
        .surveys
        .get_mut(&Hop::Transit)
        .unwrap()
        .routes_mut()
        .reverse();
    assert!(diff(&old, &new, Catalog::builtin()).is_empty());
}

#[test]
fn diff_of_a_design_and_its_survey_lists_each_surveyed_hop_in_text_and_json() {
    let out = edgeplan([
        "diff",
        &fx("example-flannel-ecr.toml"),
        &fx("observed-flannel-ecr.toml"),
    ])
    .assert()
    .code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        text.contains("\n== core-switch: observed ==\n  + surveyed\n  + route 192.168.0.0/16 -> vbr\n  + route 100.0.0.0/8 -> vbr\n  + route 10.0.0.0/8 -> local\n  ~ bgp: (unset) -> false\n  ~ vbr_peer_ip: (unset) -> 10.255.255.1\n  ~ mtu: (unset) -> 1500\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "  + rule outbound allow tcp 443,6443 peers 192.168.0.0/16, 100.0.0.0/8 priority 10\n"
        ),
        "{text}"
    );
    let out = edgeplan([
        "diff",
        &fx("observed-flannel-ecr.toml"),
        &fx("example-flannel-ecr.toml"),
        "--format",
        "json",
    ])
    .assert()
    .code(1);
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let hops: Vec<&str> = v["observed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["hop"].as_str().unwrap())
        .collect();
    assert_eq!(
        hops,
        [
            "core-switch",
            "firewall",
            "vbr",
            "transit",
            "vpc-route-table",
            "security-group"
        ]
    );
    let transit = &v["observed"][3];
    assert_eq!(transit["was_surveyed"], true);
    assert_eq!(transit["is_surveyed"], false);
    assert_eq!(
        transit["routes_removed"][1],
        serde_json::json!({"destination": "192.168.0.0/16", "next_hop": "vpc", "status": null})
    );
    assert_eq!(v["observed"][1]["rules_removed"][0]["ports"], "443,6443");
}

#[test]
fn observed_device_words_are_escaped_in_diff_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = observed();
    let vbr = plan.observed.surveys.get_mut(&Hop::Vbr).unwrap();
    vbr.routes_mut()[0].next_hop = NextHop::from_word("evil\u{1b}]52;c;AAAA\u{7}");
    vbr.routes_mut()[0].inactive = Some("Rej\u{1b}[2J".into());
    let new = dir.path().join("new.toml");
    std::fs::write(&new, to_toml(&plan)).unwrap();
    let args: [std::ffi::OsString; 3] = [
        "diff".into(),
        fx("observed-flannel-ecr.toml").into(),
        new.into_os_string(),
    ];
    let out = edgeplan(args).assert().code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(!stdout.contains('\u{1b}'), "{stdout}");
    assert!(
        stdout.contains("+ route 10.0.0.0/8 -> evil\\e]52"),
        "{stdout}"
    );
}
