//! `cargo xtask <command>`: the project's own build, test and data tools.
//!
//! Every command installs what it needs when it is missing, so a fresh machine needs nothing
//! but Rust, Node.js and (for tests, as root) Debian's package manager. See README.md.

mod bench;
mod compile;
mod csp;
mod editor;
mod offline;
mod setup;
mod single;
mod validate;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

  serve            build and serve the app on http://127.0.0.1:8080 (installs tools on first run)
  test             run every test: native, wasm in headless Chromium, end-to-end on the release build
  dist             release build into dist/ (relative URLs: works under any sub-path),
                   plus dist/alliance-map.html, the whole app in one file that opens from disk
  validate [--sources] [DIR]
                   check a dataset (default: data/); exit 1 and list every problem if invalid;
                   --sources also lists the sources' domains by count, most used first
  schema           regenerate data/schema.json and data/manifest.schema.json from the Rust types
  bench layout     compare the layout engine with d3-force and fjadra (prints a table, writes target/bench/layout.json)
  bench size       gzip sizes of the first load and the single file; time to a drawn map against a
                   minimal Leptos page; memory with the real data and with 20,000 bodies
  bench legibility [BASELINE_DIST]
                   the first view at 1440x900 and 390x844, English and Japanese: bodies, ended
                   bodies, relations, crossings, label sizes, cut and identical labels (and the
                   same for another build's folder, e.g. an earlier commit's dist, when given)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => setup::serve(),
        Some("test") => setup::test(),
        Some("dist") => setup::dist().map(|_| ()),
        Some("validate") => return validate::run_args(&args[1..]),
        Some("schema") => validate::write_schemas(),
        Some("bench") => bench::run(&args[1..]),
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
