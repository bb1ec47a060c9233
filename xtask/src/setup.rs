//! Installing the web toolchain and running the builds and tests that need it.
//!
//! Versions are pinned in one place each: wasm-bindgen by Cargo.lock (and Trunk.toml must
//! agree), trunk and binaryen by the constants below (and Trunk.toml's `wasm_opt` must agree).
//! Cargo tools go to cargo's own bin folder, so they are built once per machine; binaryen goes
//! into the git-ignored `.tools/`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::validate::repo_root;

const TRUNK_VERSION: &str = "0.21.14";
/// npm `binaryen`: its wasm-opt works; Debian's binaryen 108 produces a page that stays blank.
const BINARYEN_VERSION: &str = "132";
const AXE_CORE: &str = "axe-core@4.14.1";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

type Result<T = ()> = std::result::Result<T, String>;

pub fn serve() -> Result {
    let env = web_tools()?;
    println!("Serving Alliance Map on http://127.0.0.1:8080 (Ctrl-C to stop)");
    env.run(Command::new("trunk").args([
        "serve",
        "--address",
        "127.0.0.1",
        "--port",
        "8080",
        "--open",
        "false",
    ]))
}

/// Release build into dist/; returns its path.
pub fn dist() -> Result<PathBuf> {
    let env = web_tools()?;
    let dist = env.root.join("dist");
    env.run(
        Command::new("trunk")
            .args(["build", "--release", "--dist"])
            .arg(&dist),
    )?;
    let index = dist.join("index.html");
    let html =
        std::fs::read_to_string(&index).map_err(|e| format!("reading {}: {e}", index.display()))?;
    std::fs::write(&index, crate::csp::apply(&html)?)
        .map_err(|e| format!("writing {}: {e}", index.display()))?;
    crate::compile::write(&env.root.join("data"), &dist.join("data"))?;
    let template = std::fs::read_to_string(env.root.join("index.html"))
        .map_err(|e| format!("reading index.html: {e}"))?;
    let single = crate::single::write(&dist, &template)?;
    crate::editor::dist(&env, &dist)?;
    crate::offline::write(&dist)?;
    let size = std::fs::metadata(&single).map(|m| m.len()).unwrap_or(0);
    println!("release build in {}", dist.display());
    println!(
        "single file {} ({} KB)",
        single.display(),
        size.div_ceil(1024)
    );
    Ok(dist)
}

pub fn test() -> Result {
    let started = Instant::now();
    let env = web_tools()?;
    browser()?;
    crate::bench::ensure_d3(&env)?;
    // axe-core: the accessibility checks of the end-to-end tests.
    npm_package(&env, "axe-core", AXE_CORE)?;
    step("native tests (model, graph, layout, data, xtask)");
    env.run(Command::new("cargo").args(["test", "--workspace"]))?;
    step("wasm-bindgen-test in headless Chromium");
    env.run(
        Command::new("cargo")
            .args([
                "test",
                "--target",
                WASM_TARGET,
                "--test",
                "web",
                "--test",
                "web_panic",
            ])
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
    )?;
    step("release build");
    let dist = dist()?;
    step("end-to-end tests against the release build");
    env.run(
        Command::new("cargo")
            .args([
                "test",
                "--features",
                "e2e",
                "--test",
                "e2e",
                "--test",
                "e2e_explore",
                "--test",
                "e2e_access",
                "--test",
                "e2e_share",
                "--test",
                "e2e_first_view",
                "--test",
                "e2e_changes",
                "--test",
                "e2e_flows",
                "--test",
                "e2e_first_load",
                "--test",
                "e2e_edit",
            ])
            .env("ALLIANCE_MAP_DIST", &dist)
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env("CHROMIUM", CHROMIUM),
    )?;
    println!(
        "\nall tests passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn step(what: &str) {
    println!("\n==> {what}");
}

/// The environment the web builds run in: PATH with the installed tools first.
pub struct Env {
    pub root: PathBuf,
    path: String,
}

impl Env {
    pub fn run(&self, cmd: &mut Command) -> Result {
        if cmd.get_current_dir().is_none() {
            cmd.current_dir(&self.root);
        }
        cmd.env("PATH", &self.path);
        let shown = format!("{cmd:?}");
        let status = cmd
            .status()
            .map_err(|e| format!("could not start {shown}: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("{shown} failed ({status})"))
        }
    }

    fn output(&self, program: &str, args: &[&str]) -> Option<String> {
        let out = Command::new(program)
            .args(args)
            .env("PATH", &self.path)
            .current_dir(&self.root)
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

/// Makes sure the wasm target, trunk, wasm-bindgen-cli and wasm-opt are there, installing
/// what is missing.
pub fn web_tools() -> Result<Env> {
    let root = repo_root();
    let cargo_bin = cargo_home().join("bin");
    let npm_bin = root.join(".tools/node_modules/.bin");
    let path = std::env::join_paths([npm_bin.clone(), cargo_bin.clone()].into_iter().chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .map_err(|e| e.to_string())?
    .to_string_lossy()
    .into_owned();
    let env = Env {
        root: root.clone(),
        path,
    };

    let installed = env
        .output("rustup", &["target", "list", "--installed"])
        .unwrap_or_default();
    if !installed.lines().any(|l| l.trim() == WASM_TARGET) {
        install(&format!("the {WASM_TARGET} target"), "seconds");
        env.run(Command::new("rustup").args(["target", "add", WASM_TARGET]))?;
    }

    let bindgen = wasm_bindgen_version(&root)?;
    check_trunk_toml(&root, &bindgen)?;

    if env
        .output("trunk", &["--version"])
        .is_none_or(|v| v.trim() != format!("trunk {TRUNK_VERSION}"))
    {
        install(
            &format!("trunk {TRUNK_VERSION}"),
            "about 8 minutes on 2 cores",
        );
        // trunk's own release profile asks for fat LTO and one codegen unit, which triples its
        // build time for no benefit to a build tool.
        env.run(
            Command::new("cargo")
                .args(["install", "--locked", &format!("trunk@{TRUNK_VERSION}")])
                .env("CARGO_PROFILE_RELEASE_LTO", "false")
                .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"),
        )?;
    }

    if env
        .output("wasm-bindgen", &["--version"])
        .is_none_or(|v| v.trim() != format!("wasm-bindgen {bindgen}"))
    {
        install(
            &format!("wasm-bindgen-cli {bindgen} (the version in Cargo.lock)"),
            "about 4 minutes",
        );
        // Not --locked: its lock file names a version the registry no longer has.
        env.run(Command::new("cargo").args([
            "install",
            "--force",
            &format!("wasm-bindgen-cli@{bindgen}"),
        ]))?;
    }

    if !env
        .output("wasm-opt", &["--version"])
        .is_some_and(|v| v.contains(&format!("version {BINARYEN_VERSION}")))
    {
        install(
            &format!("wasm-opt from npm binaryen@{BINARYEN_VERSION} into .tools/"),
            "seconds",
        );
        std::fs::create_dir_all(root.join(".tools")).map_err(|e| e.to_string())?;
        env.run(Command::new("npm").args([
            "install",
            "--prefix",
            ".tools",
            "--no-audit",
            "--no-fund",
            &format!("binaryen@{BINARYEN_VERSION}"),
        ]))?;
    }
    Ok(env)
}

/// A font with Japanese glyphs, so that Japanese labels are drawn (and measured) as readers
/// see them rather than as empty boxes.
const CJK_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

/// Chromium, ChromeDriver and a Japanese font from Debian, for the browser tests.
pub fn browser() -> Result {
    if Path::new(CHROMIUM).exists()
        && Path::new(CHROMEDRIVER).exists()
        && Path::new(CJK_FONT).exists()
    {
        return Ok(());
    }
    let uid = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if uid.ok().as_deref() != Some("0") {
        return Err(format!(
            "the browser tests need Debian's chromium and chromium-driver ({CHROMIUM}, {CHROMEDRIVER}).\n\
             Install them as root: apt-get update && apt-get install -y chromium chromium-driver fonts-noto-cjk"
        ));
    }
    install(
        "chromium, chromium-driver and fonts-noto-cjk from Debian",
        "a minute or two",
    );
    let apt = |args: &[&str]| -> Result {
        let status = Command::new("apt-get")
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .map_err(|e| format!("apt-get: {e}"))?;
        status
            .success()
            .then_some(())
            .ok_or_else(|| format!("apt-get {} failed", args.join(" ")))
    };
    apt(&["update"])?;
    apt(&[
        "install",
        "-y",
        "--no-install-recommends",
        "chromium",
        "chromium-driver",
        "fonts-noto-cjk",
    ])
}

/// Installs an npm package into `.tools/` unless it is there already.
pub fn npm_package(env: &Env, name: &str, spec: &str) -> Result {
    if env
        .root
        .join(".tools/node_modules")
        .join(name)
        .join("package.json")
        .exists()
    {
        return Ok(());
    }
    install(&format!("{spec} into .tools/"), "seconds");
    std::fs::create_dir_all(env.root.join(".tools"))
        .map_err(|e| format!("creating .tools/: {e}"))?;
    env.run(Command::new("npm").args([
        "install",
        "--prefix",
        ".tools",
        "--no-audit",
        "--no-fund",
        spec,
    ]))
}

fn install(what: &str, how_long: &str) {
    println!("installing {what} ({how_long}; only on the first run)");
}

fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| "/root".into())).join(".cargo")
        })
}

/// The wasm-bindgen version Cargo.lock resolved: the CLI must match it exactly.
pub fn wasm_bindgen_version(root: &Path) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("reading Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
            {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

/// Trunk needs the tool versions spelled out; they must agree with Cargo.lock and this file.
fn check_trunk_toml(root: &Path, bindgen: &str) -> Result {
    let text = std::fs::read_to_string(root.join("Trunk.toml"))
        .map_err(|e| format!("reading Trunk.toml: {e}"))?;
    let want = [
        format!("wasm_bindgen = \"{bindgen}\""),
        format!("wasm_opt = \"version_{BINARYEN_VERSION}\""),
    ];
    for w in &want {
        if !text.lines().any(|l| l.trim() == w) {
            return Err(format!(
                "Trunk.toml must say `{w}` under [tools] (to match Cargo.lock and xtask)"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wasm_bindgen_version_comes_from_cargo_lock_and_trunk_toml_agrees() {
        let root = repo_root();
        let version = wasm_bindgen_version(&root).expect("Cargo.lock names wasm-bindgen");
        assert!(version.starts_with("0.2."), "{version}");
        check_trunk_toml(&root, &version).expect("Trunk.toml pins the same versions");
        assert!(
            check_trunk_toml(&root, "0.0.1").is_err(),
            "a different version is caught"
        );
    }
}
