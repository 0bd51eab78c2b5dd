//! Observed entries in one line of the file's words, for diffs and reviews. The lines
//! quote device words, so whoever prints them escapes them.

use super::{RouteEntry, RuleEntry, Survey, SurveyKey};

impl RouteEntry {
    /// `10.0.0.0/8 -> vbr`, with the status of a route that does not forward:
    /// `10.0.0.0/8 -> vbr (Rejected)`.
    pub fn summary(&self) -> String {
        let mut s = format!("{} -> {}", self.destination, self.next_hop.word());
        if let Some(status) = &self.inactive {
            s.push_str(&format!(" ({status})"));
        }
        s
    }
}

impl RuleEntry {
    /// `outbound allow tcp 443,6443 peers 192.168.0.0/16, 100.0.0.0/8 priority 10`:
    /// every field, so two rules with the same line are the same rule.
    pub fn summary(&self) -> String {
        let peers: Vec<String> = self.peers.iter().map(ToString::to_string).collect();
        let peers = if peers.is_empty() {
            "(none)".to_string()
        } else {
            peers.join(", ")
        };
        format!(
            "{} {} {} {} peers {peers} priority {}",
            self.direction, self.action, self.protocol, self.ports, self.priority
        )
    }
}

impl Survey {
    /// A setting's value as the file writes it, without quotes; `None` when unset, and
    /// for the route and rule lists, which are not settings.
    pub fn setting(&self, key: SurveyKey) -> Option<String> {
        match key {
            SurveyKey::Bgp => self.bgp.map(|b| b.to_string()),
            SurveyKey::VbrPeerIp => self.vbr_peer_ip.map(|a| a.to_string()),
            SurveyKey::Mtu => self.mtu.map(|m| m.to_string()),
            SurveyKey::DefaultInbound => self.default_inbound.map(|a| a.to_string()),
            SurveyKey::DefaultOutbound => self.default_outbound.map(|a| a.to_string()),
            SurveyKey::Routes | SurveyKey::Rules => None,
        }
    }

    /// Whether the route or rule list `key` is surveyed, in words (`surveyed`, `not
    /// surveyed`); `None` for the settings.
    pub fn list_state(&self, key: SurveyKey) -> Option<&'static str> {
        let surveyed = match key {
            SurveyKey::Routes => self.routes.is_some(),
            SurveyKey::Rules => self.rules.is_some(),
            _ => return None,
        };
        Some(if surveyed { "surveyed" } else { "not surveyed" })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Direction, NextHop, Ports, Protocol, RuleAction};
    use super::*;

    #[test]
    fn summaries_name_every_field_in_the_files_words() {
        let mut route = RouteEntry::new("10.0.0.0/8".parse().unwrap(), NextHop::Local);
        assert_eq!(route.summary(), "10.0.0.0/8 -> local");
        route.inactive = Some("Rejected".into());
        assert_eq!(route.summary(), "10.0.0.0/8 -> local (Rejected)");
        let rule = RuleEntry {
            direction: Direction::Outbound,
            action: RuleAction::Allow,
            protocol: Protocol::Tcp,
            ports: "443,6443".parse().unwrap(),
            peers: vec!["192.168.0.0/16".parse().unwrap()],
            priority: 10,
        };
        assert_eq!(
            rule.summary(),
            "outbound allow tcp 443,6443 peers 192.168.0.0/16 priority 10"
        );
        let icmp = RuleEntry {
            protocol: Protocol::Icmp,
            ports: Ports::All,
            peers: vec![],
            ..rule
        };
        assert_eq!(
            icmp.summary(),
            "outbound allow icmp all peers (none) priority 10"
        );
        let survey = Survey {
            mtu: Some(1500),
            ..Survey::default()
        };
        assert_eq!(survey.setting(SurveyKey::Mtu).as_deref(), Some("1500"));
        assert_eq!(survey.setting(SurveyKey::Bgp), None);
    }
}
