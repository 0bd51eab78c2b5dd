//! `edgeplan trace PLAN --from IP --to IP --proto tcp|udp|icmp [--port N]`: one packet
//! through the plan's observed state, there and back. Exit 0 delivered, 1 blocked,
//! 3 unknown, 2 bad input.

use super::check::write_safe_json;
use super::flows::{StepJson, steps_json, stop, write_steps};
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_UNKNOWN, EXIT_UNREADABLE, Format, load_or_report};
use crate::catalog::Catalog;
use crate::cidr::parse_addr;
use crate::escape::{Escaped, escape};
use crate::observed::Protocol;
use crate::trace::{Packet, Trace, Tracer, Verdict};
use serde::Serialize;
use std::io::{BufWriter, Write};
use std::net::Ipv4Addr;
use std::path::PathBuf;

/// The protocols a traced packet can have (a rule's `all` is not a packet's).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::EnumString, strum::IntoStaticStr, strum::VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum TraceProtocol {
    /// TCP; needs `--port`.
    Tcp,
    /// UDP; needs `--port`.
    Udp,
    /// ICMP; takes no port.
    Icmp,
}

impl TraceProtocol {
    fn protocol(self) -> Protocol {
        match self {
            TraceProtocol::Tcp => Protocol::Tcp,
            TraceProtocol::Udp => Protocol::Udp,
            TraceProtocol::Icmp => Protocol::Icmp,
        }
    }
}

/// What `trace` was asked.
#[derive(Debug, Clone)]
pub struct TraceOptions {
    /// The plan file.
    pub plan: PathBuf,
    /// The source address as typed.
    pub from: String,
    /// The destination address as typed.
    pub to: String,
    /// The protocol.
    pub proto: TraceProtocol,
    /// The destination port.
    pub port: Option<u16>,
    /// Text or JSON.
    pub format: Format,
}

/// The JSON contract of `trace`, keys in the documented order.
#[derive(Serialize)]
struct TraceJson<'a> {
    verdict: &'static str,
    blocked_at: Option<&'static str>,
    direction: Option<&'static str>,
    reason: String,
    forward: Vec<StepJson<'a>>,
    reply: Vec<StepJson<'a>>,
}

/// An address flag, or an error naming the flag and the value.
fn address(flag: &str, value: &str) -> Result<Ipv4Addr, String> {
    parse_addr(value).map_err(|e| format!("{flag} {}: {e}", escape(value)))
}

/// The packet asked for, or what is wrong with the flags.
fn packet(opts: &TraceOptions) -> Result<Packet, String> {
    let src = address("--from", &opts.from)?;
    let dst = address("--to", &opts.to)?;
    let name: &str = opts.proto.into();
    let port = match (opts.proto, opts.port) {
        (TraceProtocol::Icmp, Some(p)) => {
            return Err(format!("--port {p}: icmp has no ports; leave --port out"));
        }
        (TraceProtocol::Icmp, None) => None,
        (_, None) => return Err(format!("--port is required with --proto {name}")),
        (_, Some(p)) => Some(p),
    };
    Ok(Packet {
        src,
        dst,
        protocol: opts.proto.protocol(),
        port,
    })
}

fn write_text(out: &mut dyn Write, trace: &Trace) -> std::io::Result<()> {
    let p = &trace.packet;
    let verdict = match &trace.verdict {
        Verdict::Delivered => "delivered".to_string(),
        Verdict::Blocked(b) => format!("BLOCKED at {} ({})", b.hop, b.leg),
        Verdict::Unknown(_) => "unknown".to_string(),
    };
    writeln!(out, "{} -> {} {}: {verdict}", p.src, p.dst, p.service())?;
    writeln!(out, "reason: {}", Escaped(&trace.reason()))?;
    if let Some(b) = trace.verdict.blocked() {
        if let Some(c) = &b.culprit {
            writeln!(out, "responsible: {}", Escaped(c))?;
        }
        writeln!(out, "fix: {}", Escaped(&b.fix))?;
    }
    write_steps(out, "forward", &trace.forward)?;
    write_steps(out, "reply", &trace.reply)
}

/// Runs `edgeplan trace`.
pub fn trace(opts: &TraceOptions, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let packet = match packet(opts) {
        Ok(p) => p,
        Err(e) => {
            let _ = writeln!(err, "edgeplan trace: {e}");
            return EXIT_UNREADABLE;
        }
    };
    let plan = match load_or_report(&opts.plan, err) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let tracer = Tracer::new(&plan, Catalog::builtin());
    let trace = match tracer.trace(packet) {
        Ok(t) => t,
        Err(e) => {
            let flag = if tracer.place(packet.src).is_none() {
                "--from"
            } else {
                "--to"
            };
            let _ = writeln!(err, "edgeplan trace: {flag}: {e}");
            return EXIT_UNREADABLE;
        }
    };
    let mut buf = BufWriter::new(out);
    let written = match opts.format {
        Format::Json => {
            let (blocked_at, direction) = stop(&trace);
            let doc = TraceJson {
                verdict: trace.verdict.id(),
                blocked_at,
                direction,
                reason: trace.reason(),
                forward: steps_json(&trace.forward),
                reply: steps_json(&trace.reply),
            };
            write_safe_json(&doc, &mut buf).and_then(|()| writeln!(buf))
        }
        Format::Text => write_text(&mut buf, &trace),
    }
    .and_then(|()| buf.flush());
    if let Err(e) = written {
        let _ = writeln!(err, "cannot write output: {e}");
        return EXIT_UNREADABLE;
    }
    match trace.verdict {
        Verdict::Delivered => EXIT_OK,
        Verdict::Blocked(_) => EXIT_FINDINGS,
        Verdict::Unknown(_) => EXIT_UNKNOWN,
    }
}
