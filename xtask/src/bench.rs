//! `cargo xtask bench layout`: the layout engine against d3-force and fjadra, all in Node.js.
//! `cargo xtask bench size`: what a reader downloads, and how long the map takes to appear.
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
        Some("size") if args.len() <= 2 => size(args.get(1).map(String::as_str)),
        Some("legibility") => legibility(args.get(1).map(String::as_str)),
        Some(name @ ("layout" | "size")) => Err(format!(
            "`bench {name}` takes no arguments (got: {})",
            args[1..].join(" ")
        )),
        Some(other) => Err(format!(
            "unknown benchmark `{other}`; they are `layout`, `size` and `legibility`"
        )),
        None => Err(
            "which benchmark? `cargo xtask bench layout`, `size [BASELINE_DIST]` or `legibility [BASELINE_DIST]`"
                .into(),
        ),
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

/// App code budget (HTML + JS + wasm + CSS) and first-load budget (with the dataset), gzipped.
const APP_BUDGET: usize = 250 * 1024;
const FIRST_LOAD_BUDGET: usize = 300 * 1024;

/// Sizes of the release build's files and of the single file, raw and gzipped (level 9, what a
/// static host's precompression gives); then the start-up, first-load and memory figures of
/// benches/load.rs in headless Chromium, next to a minimal Leptos page built the same way and,
/// with `baseline` (the dist folder of an earlier build), that build in the same run.
fn size(baseline: Option<&str>) -> Result {
    let baseline = baseline
        .map(|b| std::fs::canonicalize(b).map_err(|e| format!("{b}: {e}")))
        .transpose()?;
    let dist = crate::setup::dist()?;
    crate::setup::browser()?;
    let env = web_tools()?;
    let mut app = Vec::new();
    for entry in std::fs::read_dir(&dist).map_err(|e| format!("{}: {e}", dist.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = file_name(&path);
        let first_load = name == "index.html"
            || crate::single::reader_file(&name, ".js")
            || crate::single::reader_file(&name, "_bg.wasm")
            || (name.starts_with("style-") && name.ends_with(".css"));
        if first_load {
            app.push(path);
        }
    }
    app.sort();
    let data_dir = dist.join("data");
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(data_dir.join("manifest.json")).map_err(|e| e.to_string())?,
    )
    .map_err(|e| format!("data/manifest.json: {e}"))?;
    // What the bundled first view reads: the build's compiled first load when it has one
    // (see src/compiled.rs) with the largest of its layouts (a reader fetches one), else the
    // manifest and its files.
    let compiled = data_dir.join(alliance_map::compiled::FIRST_LOAD);
    let mut data = Vec::new();
    if compiled.exists() {
        data.push(compiled);
        let layouts = std::fs::read_dir(data_dir.join(alliance_map::compiled::LAYOUTS))
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()));
        data.extend(layouts.max_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)));
    } else {
        data.push(data_dir.join("manifest.json"));
        for f in manifest["files"].as_array().into_iter().flatten() {
            data.push(data_dir.join(f.as_str().unwrap_or_default()));
        }
    }

    println!("\n==> first load, release build ({})", dist.display());
    println!("  {:<44} {:>10} {:>10}", "file", "raw KB", "gzip KB");
    let mut rows = Vec::new();
    let mut total = |paths: &[std::path::PathBuf]| -> Result<(usize, usize)> {
        let (mut raw, mut gz) = (0, 0);
        for p in paths {
            let bytes = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
            let g = gzip_len(&bytes)?;
            println!(
                "  {:<44} {:>10.1} {:>10.1}",
                file_name(p),
                kb(bytes.len()),
                kb(g)
            );
            rows.push(serde_json::json!({ "file": file_name(p), "raw": bytes.len(), "gzip": g }));
            raw += bytes.len();
            gz += g;
        }
        Ok((raw, gz))
    };
    let (app_raw, app_gz) = total(&app)?;
    let (data_raw, data_gz) = total(&data)?;
    let single = dist.join(crate::single::FILE_NAME);
    let single_bytes = std::fs::read(&single).map_err(|e| format!("{}: {e}", single.display()))?;
    let single_gz = gzip_len(&single_bytes)?;
    println!(
        "\n  app code (HTML + JS + wasm + CSS)  {:>8.1} KB gzip  (budget {} KB: {})",
        kb(app_gz),
        APP_BUDGET / 1024,
        verdict(app_gz <= APP_BUDGET)
    );
    println!(
        "  first load with the dataset         {:>8.1} KB gzip  (budget {} KB: {})",
        kb(app_gz + data_gz),
        FIRST_LOAD_BUDGET / 1024,
        verdict(app_gz + data_gz <= FIRST_LOAD_BUDGET)
    );
    println!(
        "  single file {:<22} {:>8.1} KB raw, {:.1} KB gzip  (target 1024 KB raw: {})",
        crate::single::FILE_NAME,
        kb(single_bytes.len()),
        kb(single_gz),
        verdict(single_bytes.len() <= 1024 * 1024)
    );
    let out_dir = env.root.join("target/bench");
    std::fs::create_dir_all(&out_dir).map_err(|e| e.to_string())?;
    let report = serde_json::json!({
        "files": rows,
        "app": { "raw": app_raw, "gzip": app_gz },
        "data": { "raw": data_raw, "gzip": data_gz },
        "single_file": { "raw": single_bytes.len(), "gzip": single_gz },
    });
    std::fs::write(out_dir.join("size.json"), report.to_string()).map_err(|e| e.to_string())?;

    println!("\n==> minimal Leptos page (bench/minimal-leptos), built like the app");
    let minimal = out_dir.join("minimal-dist");
    env.run(
        Command::new("trunk")
            .args(["build", "--release", "--dist"])
            .arg(&minimal)
            .current_dir(env.root.join("bench/minimal-leptos"))
            .env("CARGO_TARGET_DIR", out_dir.join("minimal-target")),
    )?;
    let mut cmd = Command::new("cargo");
    cmd.args(["bench", "--features", "e2e", "--bench", "load"])
        .env("ALLIANCE_MAP_DIST", &dist)
        .env("MINIMAL_DIST", &minimal)
        .env("CHROMEDRIVER", crate::setup::CHROMEDRIVER)
        .env("CHROMIUM", crate::setup::CHROMIUM);
    if let Some(base) = &baseline {
        cmd.env("BASELINE_DIST", base);
    }
    env.run(&mut cmd)
}

/// The first view as a reader sees it (benches/legibility.rs), on the release build; with a
/// second build's folder (e.g. `dist` of an earlier commit), the same figures for it too.
fn legibility(baseline: Option<&str>) -> Result {
    let dist = crate::setup::dist()?;
    crate::setup::browser()?;
    let env = web_tools()?;
    let mut cmd = Command::new("cargo");
    cmd.args(["bench", "--features", "e2e", "--bench", "legibility"])
        .env("ALLIANCE_MAP_DIST", &dist)
        .env("CHROMEDRIVER", crate::setup::CHROMEDRIVER)
        .env("CHROMIUM", crate::setup::CHROMIUM);
    if let Some(base) = baseline {
        let base = std::fs::canonicalize(base).map_err(|e| format!("{base}: {e}"))?;
        cmd.env("BASELINE_DIST", base);
    }
    env.run(&mut cmd)
}

fn gzip_len(bytes: &[u8]) -> Result<usize> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).map_err(|e| e.to_string())?;
    Ok(gz.finish().map_err(|e| e.to_string())?.len())
}

fn kb(bytes: usize) -> f64 {
    bytes as f64 / 1024.0
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "NOT met"
    }
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
