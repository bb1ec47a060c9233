//! `cargo xtask bench layout`: the layout engine against d3-force and fjadra, all in Node.js.
//!
//! Builds `bench/layout-wasm` (alliance-force and fjadra behind wasm-bindgen exports) for
//! wasm32 in release, runs wasm-bindgen (`--target nodejs`) and wasm-opt on it, then
//! `node bench/layout.mjs`, which times the three engines on the same seeded graphs, prints a
//! table and writes `target/bench/layout.json`.

use std::process::Command;

use crate::setup::{web_tools, Env};

type Result<T = ()> = std::result::Result<T, String>;

const D3_FORCE: &str = "d3-force@3";

pub fn run(args: &[String]) -> Result {
    match args.first().map(String::as_str) {
        Some("layout") if args.len() == 1 => layout(),
        Some("layout") => Err(format!(
            "`bench layout` takes no arguments (got: {})",
            args[1..].join(" ")
        )),
        Some(other) => Err(format!(
            "unknown benchmark `{other}`; the only one is `cargo xtask bench layout`"
        )),
        None => Err("which benchmark? The only one is `cargo xtask bench layout`".into()),
    }
}

/// Installs d3-force into `.tools/` when it is missing (the benchmark and the d3 agreement test
/// in crates/force/tests/d3_agreement.rs run it).
pub fn ensure_d3(env: &Env) -> Result {
    crate::setup::npm_package(env, "d3-force", D3_FORCE)
}

fn layout() -> Result {
    let env = web_tools()?;
    ensure_d3(&env)?;

    let out = env.root.join("target/bench");
    let wasm_target = out.join("wasm-target");
    let pkg = out.join("pkg");
    println!("\n==> building bench/layout-wasm (alliance-force and fjadra) for wasm32, release");
    env.run(
        Command::new("cargo")
            .args([
                "build",
                "--release",
                "--target",
                "wasm32-unknown-unknown",
                "--manifest-path",
                "bench/layout-wasm/Cargo.toml",
            ])
            // Its own target folder: it is a workspace of its own with its own profile.
            .env("CARGO_TARGET_DIR", &wasm_target),
    )?;
    let wasm = wasm_target.join("wasm32-unknown-unknown/release/layout_wasm_bench.wasm");
    if pkg.exists() {
        std::fs::remove_dir_all(&pkg).map_err(|e| format!("clearing {}: {e}", pkg.display()))?;
    }
    env.run(
        Command::new("wasm-bindgen")
            .args(["--target", "nodejs", "--out-dir"])
            .arg(&pkg)
            .arg(&wasm),
    )?;
    println!(
        "wasm-bindgen --target nodejs and wasm-opt -O3 into {}",
        pkg.display()
    );
    let bg = pkg.join("layout_wasm_bench_bg.wasm");
    env.run(
        Command::new("wasm-opt")
            .arg("-O3")
            .arg(&bg)
            .arg("-o")
            .arg(&bg),
    )?;

    println!("\n==> node bench/layout.mjs");
    env.run(Command::new("node").arg("bench/layout.mjs"))
}
