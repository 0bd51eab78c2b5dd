//! Observed state in the JSON contracts of `export`, `show` and `diff`: routes and rules
//! as data in the plan file's words.

use crate::observed::{RouteEntry, RuleEntry, Survey};
use serde::Serialize;

/// One observed route.
#[derive(Serialize)]
pub(in crate::cli) struct RouteJson {
    destination: String,
    next_hop: String,
    /// `null` while the route forwards; else the device's word (`Rejected`).
    status: Option<String>,
}

/// The routes as JSON.
pub(in crate::cli) fn routes(routes: &[RouteEntry]) -> Vec<RouteJson> {
    routes
        .iter()
        .map(|r| RouteJson {
            destination: r.destination.to_string(),
            next_hop: r.next_hop.word().to_string(),
            status: r.inactive.clone(),
        })
        .collect()
}

/// One observed filter rule.
#[derive(Serialize)]
pub(in crate::cli) struct RuleJson {
    direction: &'static str,
    action: &'static str,
    protocol: &'static str,
    /// As the file writes it: `all`, `443,6443`, `9000-9500`.
    ports: String,
    peers: Vec<String>,
    priority: u32,
}

/// The rules as JSON.
pub(in crate::cli) fn rules(rules: &[RuleEntry]) -> Vec<RuleJson> {
    rules
        .iter()
        .map(|r| RuleJson {
            direction: r.direction.into(),
            action: r.action.into(),
            protocol: r.protocol.into(),
            ports: r.ports.to_string(),
            peers: r.peers.iter().map(ToString::to_string).collect(),
            priority: r.priority,
        })
        .collect()
}

/// One hop's survey; every key present, `null` when the survey leaves it unset (for a
/// list: not surveyed, where `[]` is surveyed and empty).
#[derive(Serialize)]
pub(in crate::cli) struct SurveyJson {
    routes: Option<Vec<RouteJson>>,
    rules: Option<Vec<RuleJson>>,
    bgp: Option<bool>,
    vbr_peer_ip: Option<String>,
    mtu: Option<u32>,
    default_inbound: Option<&'static str>,
    default_outbound: Option<&'static str>,
}

/// The survey as JSON; `None` (`null`) for a hop that is not surveyed.
pub(in crate::cli) fn survey(survey: Option<&Survey>) -> Option<SurveyJson> {
    let s = survey?;
    Some(SurveyJson {
        routes: s.routes.as_deref().map(routes),
        rules: s.rules.as_deref().map(rules),
        bgp: s.bgp,
        vbr_peer_ip: s.vbr_peer_ip.map(|a| a.to_string()),
        mtu: s.mtu,
        default_inbound: s.default_inbound.map(Into::into),
        default_outbound: s.default_outbound.map(Into::into),
    })
}
