//! Red hops say why while a value is typed, in a real pseudo-terminal: the findings the
//! value causes show under it, and the details pane follows the hop they break.

mod tui_support;

use tui_support::TempDir;
use tui_support::pty::{Launch, Pty, key};

#[test]
fn a_vpc_block_overlapping_the_data_center_says_why_under_it_and_details_follow() {
    for size in [(80, 24), (120, 40)] {
        a_vpc_block_overlapping_the_data_center_at(size);
    }
}

fn a_vpc_block_overlapping_the_data_center_at(size: (u16, u16)) {
    let dir = TempDir::new(&format!("pty-live-reasons-{}", size.0));
    let mut app = Pty::start(Launch {
        size,
        ..Launch::new(&dir.0, &[])
    });
    app.wait_for("Steps");
    app.keys(&["4"]);
    app.wait_for("Scope");
    // The VPC list's add row: scope, the data center's entry and add row, the VPC's entry.
    app.keys(&["j", "j", "j", "j", key::ENTER]);
    app.send("10.20.0.0/16");
    let screen = app.wait_for("Hop 2/7: Core switch");
    assert!(
        screen.contains("data center 10.0.0.0/8 contains VPC"),
        "the finding shows under the value typed:\n{screen}"
    );
    assert!(
        screen.contains("overlap-datacenter-vpc"),
        "the details show the finding on the hop it breaks:\n{screen}"
    );
    assert!(!screen.contains("No findings on this hop"), "{screen}");
    app.keys(&[key::ESC]);
    app.wait_for("all ok");
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);
}
