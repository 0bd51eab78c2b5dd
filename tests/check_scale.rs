//! `edgeplan check` on large plans of worst-case shape: messages stay bounded, text
//! output caps each rule, JSON grows linearly with the plan, and the process's peak
//! memory stays under 200 MB. Time is measured in `benches/core.rs`.
//!
//! The test process keeps itself small (output is read line by line, never parsed whole):
//! a child's peak RSS as `wait4` reports it includes what it inherited at fork.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The plan size limit (`MAX_PLAN_BYTES`).
const LIMIT: usize = 4 * 1024 * 1024;

/// Peak memory allowed for one `check` of a plan under the size limit.
const MAX_RSS_BYTES: u64 = 200 * 1024 * 1024;

/// Longest message (or fix) a finding may carry, whatever the plan's size.
const MAX_MESSAGE: usize = 300;

/// A plan file with the given CIDR lists (each a TOML array body).
fn plan(lists: [(&str, String); 5]) -> String {
    let mut s = String::from(
        "schema_version = 1\n\n[network]\nregion = \"cn-hangzhou\"\ncni = \"terway-edge\"\n\
         transit = \"ecr\"\nscope = \"broad\"\n",
    );
    for (key, body) in lists {
        s.push_str(&format!("{key} = [{body}]\n"));
    }
    s
}

/// `count` distinct /24 blocks from `first.0.0.0` on, quoted and comma-separated.
fn blocks(first: u8, count: u32) -> String {
    (0..count)
        .map(|i| {
            let n = (u32::from(first) << 24) + (i << 8);
            format!("\"{}/24\"", std::net::Ipv4Addr::from(n))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Distinct /24 blocks from `first.0.0.0` on until the body is about `bytes` long.
fn distinct(first: u8, bytes: usize) -> String {
    let mut body = String::new();
    for i in 0u32.. {
        let n = (u32::from(first) << 24).wrapping_add(i << 8);
        let item = format!("\"{}/24\", ", std::net::Ipv4Addr::from(n));
        if body.len() + item.len() > bytes {
            break;
        }
        body.push_str(&item);
    }
    body
}

/// `block` repeated until the body is about `bytes` long.
fn repeated(block: &str, bytes: usize) -> String {
    let item = format!("\"{block}\", ");
    item.repeat(bytes / item.len())
}

struct Run {
    code: i32,
    out: PathBuf,
    max_rss: u64,
}

impl Run {
    /// The output's lines, read one at a time.
    fn lines(&self) -> impl Iterator<Item = String> {
        BufReader::new(File::open(&self.out).unwrap())
            .lines()
            .map(Result::unwrap)
    }

    /// The output's size in bytes.
    fn len(&self) -> usize {
        std::fs::metadata(&self.out).unwrap().len() as usize
    }

    /// The values of a JSON key in pretty-printed output, in order.
    fn values(&self, key: &str) -> impl Iterator<Item = String> {
        let prefix = format!("\"{key}\": ");
        self.lines().filter_map(move |l| {
            let v = l.trim_start().strip_prefix(&prefix)?;
            let v = v.strip_suffix(',').unwrap_or(v);
            Some(serde_json::from_str::<String>(v).expect("a JSON string"))
        })
    }
}

/// Runs `edgeplan check [--format json] PLAN` with the plan written to a file, output to
/// a file, and an address-space limit so a runaway allocation fails fast; reads the
/// child's own peak RSS from `wait4`.
fn check(name: &str, text: &str, json: bool) -> Run {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!("{name}.toml"));
    std::fs::write(&path, text).unwrap();
    let out_path = dir.join(format!("{name}.{}.out", if json { "json" } else { "text" }));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_edgeplan"));
    cmd.arg("check");
    if json {
        cmd.args(["--format", "json"]);
    }
    cmd.arg(&path)
        .stdin(Stdio::null())
        .stdout(File::create(&out_path).unwrap())
        .stderr(Stdio::null());
    // SAFETY: setrlimit is async-signal-safe and touches only the child.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 2 << 30,
                rlim_max: 2 << 30,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    // Reaped by wait4 below, which also reports the child's own peak RSS.
    let child = cmd.spawn().expect("binary runs").id() as libc::pid_t;
    let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
    // SAFETY: waits for our own child; `status` and `usage` are valid for writes.
    let pid = unsafe { libc::wait4(child, &mut status, 0, &mut usage) };
    assert_eq!(pid, child, "wait4 failed");
    assert!(libc::WIFEXITED(status), "edgeplan died: status {status:#x}");
    Run {
        code: libc::WEXITSTATUS(status),
        out: out_path,
        // ru_maxrss is in KiB on Linux.
        max_rss: usage.ru_maxrss as u64 * 1024,
    }
}

/// 16,000 vSwitches outside 16,000 VPC blocks: each vSwitch once repeated the whole VPC
/// list in its message (4 GB of text for a 600 KB plan).
fn vswitches_outside_many_vpc_blocks() -> String {
    plan([
        ("datacenter_cidrs", "\"192.168.0.0/16\"".into()),
        ("vpc_cidrs", blocks(10, 16_000)),
        ("cloud_service_cidrs", "\"100.0.0.0/8\"".into()),
        ("container_cidrs", "\"172.31.0.0/16\"".into()),
        ("vswitch_cidrs", blocks(20, 16_000)),
    ])
}

#[test]
fn a_vswitch_outside_a_long_vpc_list_names_a_few_blocks_and_counts_the_rest() {
    let text = vswitches_outside_many_vpc_blocks();
    assert!(text.len() < LIMIT);
    let run = check("vswitch-outside-16000", &text, true);
    assert_eq!(run.code, 1);
    let outside = run
        .values("code")
        .filter(|c| c == "vswitch-outside-vpc")
        .count();
    assert_eq!(outside, 16_000, "JSON keeps every finding");
    for text in run.values("message").chain(run.values("fix")) {
        assert!(text.len() <= MAX_MESSAGE, "{text}");
    }
    let first = run
        .values("message")
        .find(|m| m.starts_with("vSwitch "))
        .unwrap();
    assert_eq!(
        first,
        "vSwitch 20.0.0.0/24 is not inside the VPC (10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24 and 15,997 more)"
    );
    assert!(
        run.len() < 20 * text.len(),
        "JSON is {} bytes for a {}-byte plan",
        run.len(),
        text.len()
    );
}

#[test]
fn text_output_shows_ten_findings_of_a_rule_and_counts_the_rest() {
    let text = vswitches_outside_many_vpc_blocks();
    let run = check("vswitch-outside-16000", &text, false);
    assert_eq!(run.code, 1);
    let lines: Vec<String> = run.lines().collect();
    let shown = lines
        .iter()
        .filter(|l| l.contains("] vswitch-outside-vpc: "))
        .count();
    assert_eq!(shown, 10, "{lines:#?}");
    assert!(
        lines.contains(&"        … and 15,990 more vswitch-outside-vpc findings".to_string()),
        "{lines:#?}"
    );
    assert!(lines.iter().all(|l| l.len() <= MAX_MESSAGE + 60));
    assert!(run.len() < 16 * 1024, "{} bytes", run.len());
}

/// Plans just under the size limit, each the worst shape for one family of rules.
fn worst_case_plans() -> Vec<(&'static str, String)> {
    let fill = |others: usize| LIMIT - 1024 - others;
    let half = fill(0) / 2;
    vec![
        // A finding per entry: public VPC blocks, written as short as a block can be.
        (
            "vpc-not-private",
            plan([
                ("datacenter_cidrs", "\"192.168.0.0/16\"".into()),
                ("vpc_cidrs", repeated("1.0.0.0/8", fill(0))),
                ("cloud_service_cidrs", "\"100.0.0.0/8\"".into()),
                ("container_cidrs", String::new()),
                ("vswitch_cidrs", String::new()),
            ]),
        ),
        // A finding per vSwitch, each against a VPC list as long as the vSwitch list.
        (
            "vswitch-outside-vpc",
            plan([
                ("datacenter_cidrs", "\"192.168.0.0/16\"".into()),
                ("vpc_cidrs", distinct(10, half)),
                ("cloud_service_cidrs", "\"100.0.0.0/8\"".into()),
                ("container_cidrs", String::new()),
                ("vswitch_cidrs", repeated("2.0.0.0/8", half)),
            ]),
        ),
        // Every block overlaps every other, across all sets and inside each list.
        (
            "overlaps-and-redundant",
            plan([
                ("datacenter_cidrs", repeated("10.0.0.0/8", fill(0) / 5)),
                ("vpc_cidrs", repeated("10.0.0.0/8", fill(0) / 5)),
                ("cloud_service_cidrs", repeated("10.0.0.0/8", fill(0) / 5)),
                ("container_cidrs", repeated("10.0.0.0/8", fill(0) / 5)),
                ("vswitch_cidrs", repeated("10.0.0.0/8", fill(0) / 5)),
            ]),
        ),
    ]
}

#[test]
fn every_worst_case_plan_under_the_size_limit_checks_in_bounded_memory_and_output() {
    for (name, text) in worst_case_plans() {
        assert!(text.len() <= LIMIT, "{name}: {} bytes", text.len());
        assert!(text.len() > LIMIT * 9 / 10, "{name}: {} bytes", text.len());
        for json in [false, true] {
            let run = check(name, &text, json);
            assert_eq!(run.code, 1, "{name}");
            assert!(
                run.max_rss < MAX_RSS_BYTES,
                "{name} (json: {json}): peak RSS {} MB",
                run.max_rss >> 20
            );
            if json {
                for m in run.values("message") {
                    assert!(m.len() <= MAX_MESSAGE, "{name}: {m}");
                }
                assert!(
                    run.len() < 40 * text.len(),
                    "{name}: JSON {} bytes",
                    run.len()
                );
            } else {
                assert!(run.len() < 64 * 1024, "{name}: text {} bytes", run.len());
            }
        }
    }
}
