//! Killing the process at random moments during a save leaves the plan either old or new,
//! never partial. The real binary saves through the same atomic write as the TUI.

use edgeplan::store::SLOW_SAVE_FOR_TEST_ENV;
use std::process::{Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_edgeplan");

fn new_plan(path: &std::path::Path, region: &str) -> Command {
    let mut c = Command::new(BIN);
    c.args(["new", "--force", "--region", region, "-o"])
        .arg(path);
    c.stdout(Stdio::null()).stderr(Stdio::null());
    c
}

#[test]
fn a_save_killed_at_random_moments_leaves_the_old_or_the_new_plan() {
    let dir = std::env::temp_dir().join(format!("edgeplan-kill-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("plan.toml");
    assert!(new_plan(&path, "cn-hangzhou").status().unwrap().success());
    let hangzhou = std::fs::read_to_string(&path).unwrap();
    assert!(new_plan(&path, "eu-central-1").status().unwrap().success());
    let frankfurt = std::fs::read_to_string(&path).unwrap();

    // A cheap deterministic spread of kill delays over a whole run (as long as the slowest
    // of three measured runs on this machine, under whatever load it has, and a bit more),
    // so kills land before, during and after the write.
    let run_micros = (0..3)
        .map(|_| {
            let start = std::time::Instant::now();
            assert!(new_plan(&path, "cn-hangzhou").status().unwrap().success());
            start.elapsed().as_micros() as u64
        })
        .max()
        .unwrap();
    let spread = run_micros * 3 / 2;
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut killed = 0;
    for round in 0..150 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let region = if round % 2 == 0 {
            "cn-hangzhou"
        } else {
            "eu-central-1"
        };
        let mut command = new_plan(&path, region);
        if round % 10 == 9 {
            // Every tenth save runs to the end, however loaded the machine is.
            assert!(command.status().unwrap().success(), "round {round}");
        } else {
            if round % 3 == 0 {
                // A third pause 30 ms between writing and renaming: these are killed
                // mid-save whatever the machine's speed, so the test never depends on it.
                command.env(SLOW_SAVE_FOR_TEST_ENV, "30");
            }
            let mut child = command.spawn().unwrap();
            std::thread::sleep(Duration::from_micros(seed % spread));
            let _ = child.kill();
            if child.wait().unwrap().code().is_none() {
                killed += 1; // ended by the signal, not by finishing
            }
        }
        let now = std::fs::read_to_string(&path).unwrap();
        assert!(
            now == hangzhou || now == frankfurt,
            "round {round}: partial plan:\n{now}"
        );
        if let Ok(bak) = std::fs::read_to_string(dir.join("plan.toml.bak")) {
            assert!(
                bak == hangzhou || bak == frankfurt,
                "round {round}: partial backup:\n{bak}"
            );
        }
    }
    assert!(killed > 10, "only {killed} saves were interrupted");
    eprintln!("{killed} of 150 saves interrupted");
    std::fs::remove_dir_all(&dir).unwrap();
}
