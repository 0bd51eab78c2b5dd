//! How traces read on the command line: the steps of one trace, and the verdict of every
//! required flow in `check`, as text and as JSON. Every text that comes from a plan goes
//! through `escape` on the way to a terminal.

use crate::escape::Escaped;
use crate::trace::{FlowTrace, Step, Trace, Verdict};
use serde::Serialize;
use std::io::{self, Write};

/// One step in the JSON contract.
#[derive(Serialize)]
pub(super) struct StepJson<'a> {
    hop: &'static str,
    result: &'static str,
    detail: &'a str,
}

/// The steps of one leg as JSON.
pub(super) fn steps_json(steps: &[Step]) -> Vec<StepJson<'_>> {
    steps
        .iter()
        .map(|s| StepJson {
            hop: s.hop.id(),
            result: s.result.into(),
            detail: &s.detail,
        })
        .collect()
}

/// The hop and leg a trace stops at, as JSON values.
pub(super) fn stop(trace: &Trace) -> (Option<&'static str>, Option<&'static str>) {
    match &trace.verdict {
        Verdict::Blocked(b) => (Some(b.hop.id()), Some(b.leg.into())),
        _ => (None, None),
    }
}

/// One required flow in `check --format json`.
#[derive(Serialize)]
pub(super) struct FlowJson<'a> {
    id: &'a str,
    from: String,
    to: String,
    protocol: &'static str,
    port: Option<u16>,
    reason: &'a str,
    verdict: &'static str,
    blocked_at: Option<&'static str>,
    direction: Option<&'static str>,
    outcome: String,
    fix: Option<&'a str>,
}

/// Every required flow as JSON.
pub(super) fn flows_json(flows: &[FlowTrace]) -> Vec<FlowJson<'_>> {
    flows
        .iter()
        .filter_map(|f| {
            let trace = f.trace.as_ref()?;
            let (blocked_at, direction) = stop(trace);
            Some(FlowJson {
                id: &f.flow.id,
                from: f.flow.from.addr.to_string(),
                to: f.flow.to.addr.to_string(),
                protocol: f.flow.protocol.into(),
                port: f.flow.port,
                reason: &f.flow.reason,
                verdict: trace.verdict.id(),
                blocked_at,
                direction,
                outcome: trace.reason(),
                fix: trace.verdict.blocked().map(|b| b.fix.as_str()),
            })
        })
        .collect()
}

/// The steps of one leg as text, one line each.
pub(super) fn write_steps(out: &mut dyn Write, title: &str, steps: &[Step]) -> io::Result<()> {
    if steps.is_empty() {
        return Ok(());
    }
    writeln!(out, "{title}:")?;
    for s in steps {
        let result: &str = s.result.into();
        writeln!(
            out,
            "  {:<16} {:<20} {}",
            s.hop.id(),
            result,
            Escaped(&s.detail)
        )?;
    }
    Ok(())
}

/// `check`'s Flows section: a count, then each flow's verdict; blocked ones with the
/// hop, the leg and the fix. `surveyed` false says once that there is nothing to trace.
pub(super) fn write_flows_text(
    out: &mut dyn Write,
    flows: &[FlowTrace],
    surveyed: bool,
) -> io::Result<()> {
    if !surveyed {
        return writeln!(out, "flows: no hop surveyed");
    }
    let traced: Vec<(&FlowTrace, &Trace)> = flows
        .iter()
        .filter_map(|f| Some((f, f.trace.as_ref()?)))
        .collect();
    let count = |id: &str| traced.iter().filter(|(_, t)| t.verdict.id() == id).count();
    writeln!(
        out,
        "flows: {} required: {} delivered, {} blocked, {} unknown",
        traced.len(),
        count("delivered"),
        count("blocked"),
        count("unknown")
    )?;
    // What stands in for an address the plan or the survey does not give: once each,
    // naming the flows it concerns unless it concerns them all.
    let mut notes: Vec<(&str, Vec<&str>)> = Vec::new();
    for (f, _) in &traced {
        for note in f.flow.note.iter().flat_map(|n| n.split("; ")) {
            match notes.iter_mut().find(|(n, _)| *n == note) {
                Some((_, ids)) => ids.push(&f.flow.id),
                None => notes.push((note, vec![&f.flow.id])),
            }
        }
    }
    for (note, ids) in notes {
        match ids.len() == traced.len() {
            true => writeln!(out, "  note: {}", Escaped(note))?,
            false => writeln!(out, "  note ({}): {}", ids.join(", "), Escaped(note))?,
        }
    }
    for (f, t) in traced {
        let what = format!(
            "{} -> {} {}",
            f.flow.from.addr,
            f.flow.to.addr,
            f.flow.service()
        );
        let verdict = match &t.verdict {
            Verdict::Delivered => "delivered",
            Verdict::Blocked(_) => "BLOCKED",
            Verdict::Unknown(_) => "unknown",
        };
        writeln!(out, "  {verdict:<9} {:<27} {what}", f.flow.id)?;
        match &t.verdict {
            Verdict::Delivered => {}
            _ => writeln!(out, "            {}", Escaped(&t.reason()))?,
        }
        if let Some(b) = t.verdict.blocked() {
            writeln!(out, "            fix: {}", Escaped(&b.fix))?;
        }
    }
    Ok(())
}
