//! The `edgeplan` binary: parses arguments and hands over to the CLI or the TUI.

use clap::{Parser, Subcommand};
use edgeplan::cli::{self, ChoiceParser, ExportFormat, Format, NewOptions};
use std::path::PathBuf;
use std::process::ExitCode;

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
    /// Write a new plan (the source's example unless options say otherwise).
    New(Box<NewOptions>),
    /// List the region catalog.
    Regions {
        /// Output format.
        #[arg(long, default_value = "text", value_parser = ChoiceParser::<Format>::new())]
        format: Format,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let code = match args.command {
        Some(Command::Check { plan, format }) => cli::check(&plan, format, &mut out, &mut err),
        Some(Command::Show { plan, format }) => match format {
            Format::Text => cli::show(&plan, &mut out, &mut err),
            Format::Json => cli::show_json(&plan, &mut out, &mut err),
        },
        Some(Command::Export {
            plan,
            format,
            output,
        }) => cli::export(&plan, format, output.as_deref(), &mut out, &mut err),
        Some(Command::Diff { old, new, format }) => {
            cli::diff(&old, &new, format, &mut out, &mut err)
        }
        Some(Command::Regions { format }) => cli::regions(format, &mut out),
        Some(Command::New(opts)) => cli::new(&opts, &mut out, &mut err),
        None => {
            drop((out, err));
            let opts = edgeplan::tui::Options {
                plan: args.plan,
                theme: args.theme,
                ascii: args.ascii,
                read_only: args.read_only,
                example: args.example,
            };
            edgeplan::tui::run(opts)
        }
    };
    ExitCode::from(code as u8)
}
