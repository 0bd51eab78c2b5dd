//! The walk: one leg of a trace, hop by hop, from the routing node that serves the
//! source to the one that delivers to the destination.

use super::filter::{RuleMatch, peer};
use super::tracer::{Place, Resolved, RouteRef, Tracer};
use super::words::{self, Fix};
use super::{Blocked, Disposition, Leg, Packet, Step, StepResult, Trace, TraceError, Verdict};
use crate::hop::Hop;
use crate::observed::{Direction, PathNode, RuleAction};

/// One leg as walked.
#[derive(Default)]
struct Run {
    steps: Vec<Step>,
    unknown: Vec<Hop>,
    permitted: Vec<Hop>,
}

impl Run {
    fn step(&mut self, hop: Hop, result: StepResult, detail: String) {
        self.steps.push(Step {
            hop,
            result,
            detail,
        });
    }
}

impl Tracer<'_> {
    /// Traces `packet` there and back.
    pub fn trace(&self, packet: Packet) -> Result<Trace, TraceError> {
        let (_, from) = self
            .place(packet.src)
            .ok_or(TraceError::Unplaced(packet.src))?;
        let (_, to) = self
            .place(packet.dst)
            .ok_or(TraceError::Unplaced(packet.dst))?;
        let mut fwd = Run::default();
        if let Err(b) = self.walk(&mut fwd, packet, from, to, Leg::Forward, &[]) {
            return Ok(Trace {
                packet,
                verdict: Verdict::Blocked(b),
                forward: fwd.steps,
                reply: Vec::new(),
            });
        }
        let mut back = Run::default();
        let replied = self.walk(
            &mut back,
            packet.reply(),
            to,
            from,
            Leg::Reply,
            &fwd.permitted,
        );
        let mut unknown: Vec<Hop> = fwd.unknown.iter().chain(&back.unknown).copied().collect();
        unknown.sort();
        unknown.dedup();
        let verdict = match replied {
            Err(b) => Verdict::Blocked(b),
            Ok(()) if unknown.is_empty() => Verdict::Delivered,
            Ok(()) => Verdict::Unknown(unknown),
        };
        Ok(Trace {
            packet,
            verdict,
            forward: fwd.steps,
            reply: back.steps,
        })
    }

    /// One leg, from the node serving `from` to the one delivering to `to`.
    fn walk(
        &self,
        run: &mut Run,
        packet: Packet,
        from: Place,
        to: Place,
        leg: Leg,
        sessions: &[Hop],
    ) -> Result<(), Blocked> {
        if from.in_datacenter() {
            let what = format!(
                "{} sends {} to {}",
                packet.src,
                packet.service(),
                packet.dst
            );
            run.step(Hop::EdgeNode, StepResult::Originated, what);
        }
        if from == Place::Vpc {
            let sg = Hop::SecurityGroup;
            self.cross(run, sg, Direction::Outbound, packet, leg, sessions)?;
        }
        let target = to.owner();
        let mut at = from.owner();
        let mut visited = vec![at];
        while let Some(next) = self.route(run, at, target, packet, leg, &visited)? {
            if let Some((hop, direction)) = between(at, next) {
                self.cross(run, hop, direction, packet, leg, sessions)?;
            }
            visited.push(next);
            at = next;
        }
        if to == Place::Vpc {
            let sg = Hop::SecurityGroup;
            self.cross(run, sg, Direction::Inbound, packet, leg, sessions)?;
        }
        Ok(())
    }

    /// The routing decision of `at`: the next node, `None` once delivered.
    fn route(
        &self,
        run: &mut Run,
        at: PathNode,
        target: PathNode,
        packet: Packet,
        leg: Leg,
        visited: &[PathNode],
    ) -> Result<Option<PathNode>, Blocked> {
        let (hop, dst) = (at.hop(), packet.dst);
        let expected = self.toward(at, target);
        let block = self.place(dst).map_or(crate::cidr::host(dst), |(n, _)| n);
        let fix = Fix {
            hop,
            block,
            expected: (at != target).then_some(expected),
        };
        let stop = |disposition, culprit: Option<String>, detail: String, fix: String| Blocked {
            hop,
            leg,
            disposition,
            culprit,
            detail,
            fix,
        };
        let Some(table) = self.routes(at) else {
            run.unknown.push(hop);
            let (what, next) = match at == target {
                true => ("deliver it".to_string(), None),
                false => (format!("forward it to {expected}"), Some(expected)),
            };
            let detail = format!("not surveyed: assumed to {what} as designed");
            run.step(hop, StepResult::InsufficientInfo, detail);
            return Ok(next);
        };
        let Some((net, &r)) = table.active.longest_match(dst) else {
            let inactive = table
                .inactive
                .longest_match(dst)
                .map(|(_, &i)| &table.routes[i]);
            let detail = match inactive {
                Some(route) => format!(
                    "no active route for {dst}; the only match, {}, does not forward",
                    words::route(route)
                ),
                None => format!("no route for {dst}"),
            };
            run.step(hop, StepResult::NoRoute, detail.clone());
            let culprit = inactive.map(words::route);
            // The core switch learns the container blocks by BGP, not by a static route.
            let learned = self.place(dst).is_some_and(|(_, p)| p == Place::Containers);
            let fix = match at == PathNode::CoreSwitch && learned {
                true => fix.bgp(),
                false => fix.no_route(culprit.as_deref()),
            };
            return Err(stop(Disposition::NoRoute, culprit, detail, fix));
        };
        let text = table.describe(net, r);
        let resolved = match r {
            RouteRef::System => Resolved::Local,
            RouteRef::Surveyed(i) => self.resolve(at, table.survey, &table.routes[i].next_hop),
        };
        let (disposition, detail) = match resolved {
            Resolved::Local if at == target => {
                run.step(
                    hop,
                    StepResult::Delivered,
                    format!("{text}: delivered to {dst}"),
                );
                return Ok(None);
            }
            Resolved::Node(n)
                if n != at && self.toward(at, n) == n && n == expected && !visited.contains(&n) =>
            {
                run.step(hop, StepResult::Forwarded, text);
                return Ok(Some(n));
            }
            Resolved::Local => (
                Disposition::NeighborUnreachable,
                format!("{text} delivers {dst} to a network connected here, not toward {target}"),
            ),
            Resolved::Null => (Disposition::NullRouted, format!("{text} drops {dst}")),
            Resolved::OffPath(w) => (
                Disposition::NeighborUnreachable,
                format!("{text} sends {dst} to {}, off the path", w),
            ),
            Resolved::Node(n) if self.index(n).is_none() || n == at || self.toward(at, n) != n => (
                Disposition::NeighborUnreachable,
                format!("{text}: {n} is not a neighbour of {hop} on this path"),
            ),
            Resolved::Node(n) => (
                Disposition::Loop,
                format!("{text} sends {dst} back to {n}, away from {target}: it loops"),
            ),
        };
        let result = match disposition {
            Disposition::NullRouted => StepResult::NullRouted,
            Disposition::Loop => StepResult::Loop,
            _ => StepResult::NeighborUnreachable,
        };
        run.step(hop, result, detail.clone());
        let fix = fix.repoint(&text, net);
        Err(stop(disposition, Some(text), detail, fix))
    }

    /// Crossing a filter.
    fn cross(
        &self,
        run: &mut Run,
        hop: Hop,
        direction: Direction,
        packet: Packet,
        leg: Leg,
        sessions: &[Hop],
    ) -> Result<(), Blocked> {
        let Some(table) = self.filter(hop) else {
            run.unknown.push(hop);
            let detail = format!("not surveyed: assumed to let it through ({direction})");
            run.step(hop, StepResult::InsufficientInfo, detail);
            return Ok(());
        };
        if leg == Leg::Reply && sessions.contains(&hop) {
            let detail = "the reply of a permitted request (stateful)".to_string();
            run.step(hop, StepResult::Permitted, detail);
            return Ok(());
        }
        let (action, by) = table.decide(&packet, direction);
        let (culprit, why) = match by {
            RuleMatch::Rule(i) => {
                let text = words::rule(&table.rules[i]);
                (Some(text.clone()), format!("{direction} {text}"))
            }
            RuleMatch::Default => (
                None,
                format!("no {direction} rule matches: default {action}"),
            ),
        };
        if action == RuleAction::Allow {
            run.step(hop, StepResult::Permitted, why);
            run.permitted.push(hop);
            return Ok(());
        }
        run.step(hop, StepResult::Denied, why.clone());
        let far = peer(&packet, direction);
        let far_block = self.place(far).map_or(crate::cidr::host(far), |(n, _)| n);
        let priority = match by {
            RuleMatch::Rule(i) => Some(table.rules[i].priority),
            RuleMatch::Default => None,
        };
        Err(Blocked {
            hop,
            leg,
            disposition: match direction {
                Direction::Inbound => Disposition::DeniedIn,
                Direction::Outbound => Disposition::DeniedOut,
            },
            culprit,
            detail: format!(
                "{} {} is denied: {why}",
                packet.service(),
                words::towards(&packet)
            ),
            fix: words::fix_deny(hop, direction, &packet, far_block, priority),
        })
    }
}

/// The filter between two neighbouring routing nodes and the direction crossing it.
fn between(from: PathNode, to: PathNode) -> Option<(Hop, Direction)> {
    match (from, to) {
        (PathNode::CoreSwitch, PathNode::Vbr) => Some((Hop::Firewall, Direction::Outbound)),
        (PathNode::Vbr, PathNode::CoreSwitch) => Some((Hop::Firewall, Direction::Inbound)),
        _ => None,
    }
}
