//! The form that adds or edits one observed route, rule or setting: one typed box per
//! column, each checked on every keystroke; the survey changes only when every box
//! holds a valid value.

use crate::cidr::{parse_addr, parse_net, parse_pasted};
use edgeplan_core::observed::{
    Direction, NextHop, Ports, Protocol, RouteEntry, RuleAction, RuleEntry, Survey, SurveyKey,
};
use std::net::Ipv4Addr;
use strum::VariantArray;
use tui_input::Input;

/// What the form writes when kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormTarget {
    /// A new route, at the end of the table.
    NewRoute,
    /// Route `i`.
    Route(usize),
    /// A new rule, at the end.
    NewRule,
    /// Rule `i`.
    Rule(usize),
    /// A typed setting (`vbr_peer_ip`, `mtu`).
    Setting(SurveyKey),
}

/// One column of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// A route's destination block.
    Destination,
    /// A route's next hop word.
    NextHop,
    /// A route's status word; empty when it forwards.
    Status,
    /// A rule's direction.
    Direction,
    /// A rule's action.
    Action,
    /// A rule's protocol.
    Protocol,
    /// A rule's ports.
    Ports,
    /// A rule's peer blocks.
    Peers,
    /// A rule's priority.
    Priority,
    /// A setting's value.
    Value(SurveyKey),
}

/// The lowest and highest MTU a link can have (IPv4's minimum; jumbo frames' top).
pub const MTU_RANGE: std::ops::RangeInclusive<u32> = 68..=65_535;

impl Column {
    /// The label the form shows before the box.
    pub fn label(self) -> &'static str {
        match self {
            Column::Destination => "destination",
            Column::NextHop => "next hop",
            Column::Status => "status",
            Column::Direction => "direction",
            Column::Action => "action",
            Column::Protocol => "protocol",
            Column::Ports => "ports",
            Column::Peers => "peers",
            Column::Priority => "priority",
            Column::Value(SurveyKey::VbrPeerIp) => "VBR peer IP",
            Column::Value(SurveyKey::Mtu) => "MTU",
            Column::Value(key) => key.key(),
        }
    }

    /// What the box takes, in a few words, shown under the box being typed in.
    pub fn hint(self) -> &'static str {
        match self {
            Column::Destination => "a CIDR block, 192.168.0.0/16",
            Column::NextHop => {
                "core-switch, vbr, transit, vpc or local; any other word (blackhole, an instance id) leaves the path"
            }
            Column::Status => "empty when the route forwards, else the device's word (Rejected)",
            Column::Direction => "inbound or outbound",
            Column::Action => "allow or deny",
            Column::Protocol => "tcp, udp, icmp or all",
            Column::Ports => "all, or ports and ranges: 443,6443 or 9000-9500",
            Column::Peers => "the far-side CIDR blocks, separated by commas",
            Column::Priority => "a number; lower is evaluated first",
            Column::Value(SurveyKey::VbrPeerIp) => "the VBR's address on the interconnect",
            Column::Value(SurveyKey::Mtu) => "bytes, 68 to 65535",
            Column::Value(_) => "",
        }
    }

    /// Why `text` is not a value for this column, or `None` when it is.
    pub fn check(self, text: &str) -> Option<String> {
        let text = text.trim();
        let words = |allowed: &[&str]| {
            (!allowed.contains(&text)).then(|| format!("\"{text}\" is not {}", or_list(allowed)))
        };
        match self {
            Column::Destination => parse_net(text).err().map(|e| e.to_string()),
            Column::NextHop if text.is_empty() => Some("a next hop is needed".into()),
            Column::NextHop | Column::Status if text.contains(char::is_whitespace) => {
                Some("one word, without spaces".into())
            }
            Column::NextHop | Column::Status => None,
            Column::Direction => words(&variant_words::<Direction>()),
            Column::Action => words(&variant_words::<RuleAction>()),
            Column::Protocol => words(&variant_words::<Protocol>()),
            Column::Ports => text.parse::<Ports>().err().map(|e| e.to_string()),
            Column::Peers => parse_pasted(text).err(),
            Column::Priority => text
                .parse::<u32>()
                .err()
                .map(|_| format!("\"{text}\" is not a whole number")),
            Column::Value(SurveyKey::VbrPeerIp) => parse_addr(text).err().map(|e| e.to_string()),
            Column::Value(SurveyKey::Mtu) => match text.parse::<u32>() {
                Ok(n) if MTU_RANGE.contains(&n) => None,
                _ => Some(format!("\"{text}\" is not an MTU from 68 to 65535")),
            },
            Column::Value(key) => Some(format!("{} is not typed in", key.key())),
        }
    }
}

/// Every variant's word as a plan file writes it.
fn variant_words<T: VariantArray + Into<&'static str> + Copy>() -> Vec<&'static str> {
    T::VARIANTS.iter().map(|v| (*v).into()).collect()
}

/// `a, b or c`.
fn or_list(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// One box of the form: its column, the text, and why the text is not valid.
#[derive(Debug, Clone)]
pub struct FormBox {
    /// The column it fills.
    pub column: Column,
    /// The text typed.
    pub input: Input,
    /// Why the text is not a value; `None` when it is.
    pub error: Option<String>,
}

impl FormBox {
    fn new(column: Column, text: String) -> FormBox {
        FormBox {
            column,
            error: column.check(&text),
            input: Input::new(text),
        }
    }

    fn text(&self) -> &str {
        self.input.value().trim()
    }
}

/// The form: what it writes, its boxes, and the box being typed in.
#[derive(Debug, Clone)]
pub struct SurveyForm {
    /// What it writes when kept.
    pub target: FormTarget,
    /// One box per column.
    pub boxes: Vec<FormBox>,
    /// The box being typed in.
    pub focus: usize,
}

impl SurveyForm {
    /// A form for `target` filled from `survey` (a new entry's boxes hold the usual values).
    pub fn new(target: FormTarget, survey: &Survey) -> SurveyForm {
        let boxes: Vec<(Column, String)> = match target {
            FormTarget::NewRoute => vec![
                (Column::Destination, String::new()),
                (Column::NextHop, String::new()),
                (Column::Status, String::new()),
            ],
            FormTarget::Route(i) => {
                let r = &survey.routes.as_deref().unwrap_or_default()[i];
                vec![
                    (Column::Destination, r.destination.to_string()),
                    (Column::NextHop, r.next_hop.word().to_string()),
                    (Column::Status, r.inactive.clone().unwrap_or_default()),
                ]
            }
            FormTarget::NewRule => {
                // Priority after the last rule's, so a new rule does not jump the queue.
                let next = survey
                    .rules
                    .iter()
                    .flatten()
                    .map(|r| r.priority)
                    .max()
                    .map_or(1, |p| p + 1);
                rule_boxes("inbound", "allow", "tcp", "", "", &next.to_string())
            }
            FormTarget::Rule(i) => {
                let r = &survey.rules.as_deref().unwrap_or_default()[i];
                let peers: Vec<String> = r.peers.iter().map(ToString::to_string).collect();
                rule_boxes(
                    r.direction.into(),
                    r.action.into(),
                    r.protocol.into(),
                    &r.ports.to_string(),
                    &peers.join(","),
                    &r.priority.to_string(),
                )
            }
            FormTarget::Setting(key) => {
                let value = match key {
                    SurveyKey::VbrPeerIp => survey.vbr_peer_ip.map(|a| a.to_string()),
                    SurveyKey::Mtu => survey.mtu.map(|m| m.to_string()),
                    _ => None,
                };
                vec![(Column::Value(key), value.unwrap_or_default())]
            }
        };
        SurveyForm {
            target,
            boxes: boxes.into_iter().map(|(c, t)| FormBox::new(c, t)).collect(),
            focus: 0,
        }
    }

    /// The box being typed in.
    pub fn focused(&mut self) -> &mut FormBox {
        &mut self.boxes[self.focus]
    }

    /// Types into the focused box and checks it again.
    pub fn handle(&mut self, request: tui_input::InputRequest) {
        let b = self.focused();
        b.input.handle(request);
        b.error = b.column.check(b.input.value());
    }

    /// Moves to the next box (`forward`) or the previous one, round the form.
    pub fn move_focus(&mut self, forward: bool) {
        let n = self.boxes.len();
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }

    /// The first invalid box: its label, text and why.
    pub fn first_error(&self) -> Option<(usize, String)> {
        self.boxes.iter().enumerate().find_map(|(i, b)| {
            b.error.as_ref().map(|e| {
                let text = crate::escape::Escaped(b.text());
                (i, format!("{} \"{text}\": {e}", b.column.label()))
            })
        })
    }

    fn value(&self, column: Column) -> &str {
        self.boxes
            .iter()
            .find(|b| b.column == column)
            .map_or("", FormBox::text)
    }

    /// Writes the form into `survey`; `Err` names the first invalid box and changes nothing.
    pub fn apply(&self, survey: &mut Survey) -> Result<(), (usize, String)> {
        if let Some(problem) = self.first_error() {
            return Err(problem);
        }
        let v = |c| self.value(c);
        match self.target {
            FormTarget::NewRoute | FormTarget::Route(_) => {
                let status = v(Column::Status);
                let route = RouteEntry {
                    destination: parse_net(v(Column::Destination)).expect("checked"),
                    next_hop: NextHop::from_word(v(Column::NextHop)),
                    inactive: (!status.is_empty()).then(|| status.to_string()),
                };
                // The first entry makes a list not surveyed a surveyed one.
                match self.target {
                    FormTarget::Route(i) => survey.routes_mut()[i] = route,
                    _ => survey.routes_mut().push(route),
                }
            }
            FormTarget::NewRule | FormTarget::Rule(_) => {
                let rule = RuleEntry {
                    direction: v(Column::Direction).parse().expect("checked"),
                    action: v(Column::Action).parse().expect("checked"),
                    protocol: v(Column::Protocol).parse().expect("checked"),
                    ports: v(Column::Ports).parse().expect("checked"),
                    peers: parse_pasted(v(Column::Peers)).expect("checked"),
                    priority: v(Column::Priority).parse().expect("checked"),
                };
                match self.target {
                    FormTarget::Rule(i) => survey.rules_mut()[i] = rule,
                    _ => survey.rules_mut().push(rule),
                }
            }
            FormTarget::Setting(SurveyKey::VbrPeerIp) => {
                let addr: Ipv4Addr =
                    parse_addr(v(Column::Value(SurveyKey::VbrPeerIp))).expect("checked");
                survey.vbr_peer_ip = Some(addr);
            }
            FormTarget::Setting(SurveyKey::Mtu) => {
                survey.mtu = Some(v(Column::Value(SurveyKey::Mtu)).parse().expect("checked"));
            }
            FormTarget::Setting(_) => {}
        }
        Ok(())
    }
}

fn rule_boxes(
    direction: &str,
    action: &str,
    protocol: &str,
    ports: &str,
    peers: &str,
    priority: &str,
) -> Vec<(Column, String)> {
    vec![
        (Column::Direction, direction.into()),
        (Column::Action, action.into()),
        (Column::Protocol, protocol.into()),
        (Column::Ports, ports.into()),
        (Column::Peers, peers.into()),
        (Column::Priority, priority.into()),
    ]
}

#[cfg(test)]
mod tests;
