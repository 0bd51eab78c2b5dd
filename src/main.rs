//! The `edgeplan` binary: parses arguments and hands over to the CLI or the TUI.

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use edgeplan::catalog::Source;
use edgeplan::cli::{
    self, ChoiceParser, ExportFormat, Format, NewOptions, Shell, TraceOptions, TraceProtocol,
};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;

/// Plans and checks the private network path from a data center to an Alibaba Cloud VPC
/// for ACK Edge nodes over Express Connect.
#[derive(Parser)]
#[command(name = "edgeplan", version, args_conflicts_with_subcommands = true)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Plan to open in the TUI (the built-in example when omitted; a missing file starts a new, empty plan).
    plan: Option<PathBuf>,
    /// Colour theme: default, light, high-contrast, mono, or a user theme's name.
    #[arg(long)]
    theme: Option<String>,
    /// Draw with ASCII only (automatic when the locale is not UTF-8).
    #[arg(long)]
    ascii: bool,
    /// Review the plan without changing it.
    #[arg(long)]
    read_only: bool,
    /// Start a new plan (a missing file) as the source's example instead of empty.
    #[arg(long)]
    example: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Check a plan; exit 0 with no error, 1 with errors, 2 when it cannot be read.
    Check {
        /// The plan file.
        plan: PathBuf,
        /// Output format.
        #[arg(long, default_value = "text", value_parser = ChoiceParser::<Format>::new())]
        format: Format,
        /// Print nothing; the exit code is the verdict (errors reading the plan still go to stderr).
        #[arg(short, long)]
        quiet: bool,
    },
    /// Print the path and every hop's requirements with reasons, for a ticket.
    Show {
        /// The plan file.
        plan: PathBuf,
        /// Output format (json is the same document as `export --format json`).
        #[arg(long, default_value = "text", value_parser = ChoiceParser::<Format>::new())]
        format: Format,
    },
    /// Export a plan: Markdown for a change ticket, JSON for other tools, or normalised TOML.
    Export {
        /// The plan file.
        plan: PathBuf,
        /// Output format.
        #[arg(long, value_parser = ChoiceParser::<ExportFormat>::new())]
        format: ExportFormat,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// What a plan change changes: fields, each hop's requirements, findings; exit 0 no
    /// change, 1 changes, 2 when a plan cannot be read.
    Diff {
        /// The plan before the change.
        old: PathBuf,
        /// The plan after the change.
        new: PathBuf,
        /// Output format.
        #[arg(long, default_value = "text", value_parser = ChoiceParser::<Format>::new())]
        format: Format,
    },
    /// Trace one packet through the plan's observed state and back; exit 0 delivered,
    /// 1 blocked, 3 unknown (a hop on the way is not surveyed), 2 bad input.
    Trace {
        /// The plan file.
        plan: PathBuf,
        /// Source address.
        #[arg(long, value_name = "IP")]
        from: String,
        /// Destination address.
        #[arg(long, value_name = "IP")]
        to: String,
        /// Protocol.
        #[arg(long, value_parser = ChoiceParser::<TraceProtocol>::new())]
        proto: TraceProtocol,
        /// Destination port (tcp and udp only).
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
        port: Option<u16>,
        /// Output format.
        #[arg(long, default_value = "text", value_parser = ChoiceParser::<Format>::new())]
        format: Format,
    },
    /// Fill a hop's observed section from what a device or cloud API shows; exit 2, the
    /// plan untouched, when unreadable
    ///
    /// The format is detected: Alibaba Cloud JSON (DescribeRouteEntryList,
    /// ListTransitRouterRouteEntries, DescribeExpressConnectRouterRouteEntries,
    /// DescribeSecurityGroupAttribute, DescribeVirtualBorderRouters) or a routing table
    /// (Huawei/H3C `display ip routing-table`, Cisco `show ip route`). The routes or rules
    /// replace those of `[observed.HOP]`; the rest of the plan and its comments stay.
    Import {
        /// The plan file.
        plan: PathBuf,
        /// The hop the output describes: core-switch, vbr, transit, vpc-route-table, security-group.
        #[arg(long, value_parser = cli::parse_hop)]
        hop: edgeplan::Hop,
        /// The captured output; `-` reads standard input.
        file: PathBuf,
    },
    /// Write a new plan (the source's example unless options say otherwise).
    New {
        #[command(flatten)]
        opts: Box<NewOptions>,
        /// Print nothing on success; the exit code is the verdict (errors still go to stderr).
        #[arg(short, long)]
        quiet: bool,
    },
    /// Show the walkthrough slides of a plan for a customer call, read-only (Esc or q quits).
    Walkthrough {
        /// The plan file.
        plan: PathBuf,
        /// Colour theme: default, light, high-contrast, mono, or a user theme's name.
        #[arg(long)]
        theme: Option<String>,
        /// Draw with ASCII only (automatic when the locale is not UTF-8).
        #[arg(long)]
        ascii: bool,
    },
    /// List the region catalog.
    Regions {
        /// Output format.
        #[arg(long, default_value = "text", value_parser = ChoiceParser::<Format>::new())]
        format: Format,
    },
    /// Print a shell completion script (install it where your shell loads completions).
    Completions {
        /// The shell.
        #[arg(value_parser = ChoiceParser::<Shell>::new())]
        shell: Shell,
    },
    /// Print the manual page (roff), for `man -l -` or a man directory.
    Man,
}

/// The `--version` text: the package version and the catalog's source and transcription date.
fn version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        format!(
            "{}\ncatalog: {}",
            env!("CARGO_PKG_VERSION"),
            Source::builtin()
        )
    })
}

/// The command definition; `--version` also names the catalog's source (`-V` and the manual page keep the bare version).
fn command() -> clap::Command {
    Args::command().long_version(version())
}

fn main() -> ExitCode {
    let args = Args::from_arg_matches(&command().get_matches()).unwrap_or_else(|e| e.exit());
    let Some(cmd) = args.command else {
        let opts = edgeplan::tui::Options {
            plan: args.plan,
            theme: args.theme,
            ascii: args.ascii,
            read_only: args.read_only,
            example: args.example,
            slides_only: false,
        };
        return ExitCode::from(edgeplan::tui::run(opts) as u8);
    };
    let quiet = matches!(
        cmd,
        Command::Check { quiet: true, .. } | Command::New { quiet: true, .. }
    );
    let (mut stdout, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let mut sink = std::io::sink();
    // `--quiet`: the command runs the same; only its report is dropped.
    let out: &mut dyn Write = if quiet { &mut sink } else { &mut stdout };
    let code = match cmd {
        Command::Check { plan, format, .. } => cli::check(&plan, format, out, &mut err),
        Command::Show { plan, format } => match format {
            Format::Text => cli::show(&plan, out, &mut err),
            Format::Json => cli::show_json(&plan, out, &mut err),
        },
        Command::Export {
            plan,
            format,
            output,
        } => cli::export(&plan, format, output.as_deref(), out, &mut err),
        Command::Diff { old, new, format } => cli::diff(&old, &new, format, out, &mut err),
        Command::Walkthrough { plan, theme, ascii } => {
            cli::walkthrough(&plan, theme, ascii, &mut err)
        }
        Command::Trace {
            plan,
            from,
            to,
            proto,
            port,
            format,
        } => {
            let opts = TraceOptions {
                plan,
                from,
                to,
                proto,
                port,
                format,
            };
            cli::trace(&opts, out, &mut err)
        }
        Command::Regions { format } => cli::regions(format, out),
        Command::Import { plan, hop, file } => cli::import(&plan, hop, &file, out, &mut err),
        Command::New { opts, .. } => cli::new(&opts, out, &mut err),
        Command::Completions { shell } => cli::completions(shell, &mut command(), out),
        Command::Man => cli::man(command(), out, &mut err),
    };
    ExitCode::from(code as u8)
}
