//! At every common width the path shows each hop's name and its first block in full
//! (top to bottom below 150 columns, left to right from there), and a plan with several
//! problems shows all of them on the load-error screen. The real binary in a
//! pseudo-terminal.

mod tui_support;

use std::path::Path;
use tui_support::TempDir;
use tui_support::pty::{Launch, Pty};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn every_hop_name_and_its_first_block_read_in_full_at_every_width() {
    let plan = fixture("example-terway-cen.toml");
    for (cols, rows) in [
        (80, 24),
        (100, 30),
        (120, 40),
        (149, 40),
        (150, 40),
        (200, 50),
    ] {
        let dir = TempDir::new("pty-widths");
        let mut app = Pty::start(Launch {
            size: (cols, rows),
            ..Launch::new(&dir.0, &[&plan])
        });
        let screen = app.wait_for("Steps");
        // The path pane: the left column down to its legend below 150 columns, else the
        // band across the top.
        let path: String = if cols < 150 {
            screen
                .lines()
                .take_while(|l| !l.contains("Steps"))
                .map(|l| l.chars().take(34).collect::<String>())
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            screen.lines().take(6).collect::<Vec<_>>().join("\n")
        };
        let (core, cloud) = ("192.168.0.0/16", "10.0.0.0/8");
        // Narrow boxes use the short titles; no name or block is cut.
        let names: &[&str] = if cols >= 200 {
            &[
                "Edge nodes",
                "Core switch",
                "Firewall",
                "VBR",
                "CEN",
                "VPC route table",
                "Security group",
            ]
        } else {
            &[
                "Edge nodes",
                "Core switch",
                "Firewall",
                "VBR",
                "CEN",
                "VPC routes",
                "Sec. group",
            ]
        };
        for name in names {
            assert!(
                path.contains(name),
                "{cols}x{rows}: {name} not in full:\n{path}"
            );
        }
        assert!(
            path.contains(core) && path.contains(cloud),
            "{cols}x{rows}:\n{path}"
        );
        assert!(
            !path.contains('…'),
            "{cols}x{rows}: something is cut:\n{path}"
        );
        app.keys(&["q"]);
        assert_eq!(app.wait_exit(), 0);
    }
}

#[test]
fn every_problem_of_a_plan_shows_on_the_load_error_screen_at_once() {
    let dir = TempDir::new("pty-load-errors");
    std::fs::write(
        dir.join("multi.toml"),
        "schema_version = 1\ncolour = 1\n[network]\nregion = \"cn-hangzhou\"\ncni = \"Flannel\"\ntransit = \"ecr\"\ndatacenter_cidrs = [\"10.0.0.1/8\"]\nvpc_cidrs = [\"fd00::/8\"]\n",
    )
    .unwrap();
    let mut app = Pty::start(Launch::new(&dir.0, &["multi.toml"]));
    let screen = app.wait_for("Cannot open multi.toml");
    for part in [
        "multi.toml:2: colour = 1: unknown field `colour`",
        "multi.toml:5: network.cni = \"Flannel\": unknown CNI plugin",
        "multi.toml:7: network.datacenter_cidrs[0] = \"10.0.0.1/8\": host bits are",
        "multi.toml:8: network.vpc_cidrs[0] = \"fd00::/8\": IPv6 is not supported",
    ] {
        assert!(screen.contains(part), "{part} missing:\n{screen}");
    }
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 2);
}
