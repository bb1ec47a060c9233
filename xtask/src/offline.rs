//! The service worker of the static site: `dist/sw.js`, written after the build because it
//! lists the build's files (whose names carry Trunk's content hashes) and names its cache after
//! a digest of them, so every new build replaces the old cache. The worker's logic is
//! `sw.js` beside this file; only its first two lines are generated.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::single::FILE_NAME as SINGLE_FILE;

type Result<T = ()> = std::result::Result<T, String>;

const WORKER: &str = include_str!("sw.js");
pub const SERVICE_WORKER: &str = "sw.js";

/// Writes `dist/sw.js`; returns its path.
pub fn write(dist: &Path) -> Result<PathBuf> {
    let mut files = Vec::new();
    collect(dist, dist, &mut files)?;
    files.sort();
    let script = worker(&files);
    let out = dist.join(SERVICE_WORKER);
    std::fs::write(&out, script).map_err(|e| format!("writing {}: {e}", out.display()))?;
    Ok(out)
}

/// The worker for a build made of `files` (path relative to dist/ with `/`, content).
fn worker(files: &[(String, Vec<u8>)]) -> String {
    let mut digest = Sha256::new();
    for (path, body) in files {
        digest.update(path.as_bytes());
        digest.update([0]);
        digest.update(Sha256::digest(body));
    }
    let version: String = digest
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    // "./" is the page itself as readers address it (the folder, not index.html).
    let names: Vec<&str> = std::iter::once("./")
        .chain(files.iter().map(|(p, _)| p.as_str()))
        .collect();
    let list = serde_json::to_string(&names).unwrap_or_else(|_| "[]".into());
    format!("const VERSION = \"{version}\";\nconst FILES = {list};\n\n{WORKER}")
}

/// What the page may request: the page, its script, wasm and stylesheet, the datasets and
/// schemas, the manifest and icon. (Not, say, data/README.md.)
const KEPT: [&str; 7] = ["html", "js", "wasm", "css", "json", "webmanifest", "svg"];

/// Every file under `dir` that a reader of the site may need offline: not the worker itself,
/// not the single-file edition (it is a download of its own, and larger than the rest), and not
/// the baked layouts: a reader needs the one of their window, which the worker keeps when it
/// is first fetched (a window of another size offline is laid out in the browser). Their names
/// are digests of their contents, so a kept one is never stale.
fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) -> Result {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            collect(root, &path, out)?;
            continue;
        }
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let rel = rel.join("/");
        let kept = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| KEPT.contains(&e));
        let layout = rel.starts_with(&format!("data/{}/", alliance_map::compiled::LAYOUTS));
        if !kept || layout || rel == SERVICE_WORKER || rel == SINGLE_FILE {
            continue;
        }
        let body = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        out.push((rel, body));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(index: &str) -> Vec<(String, Vec<u8>)> {
        vec![
            ("index.html".into(), index.as_bytes().to_vec()),
            ("data/us.json".into(), b"{}".to_vec()),
        ]
    }

    #[test]
    fn the_worker_lists_the_page_and_every_file() {
        let script = worker(&build("<html>"));
        assert!(
            script.contains(r#"const FILES = ["./","index.html","data/us.json"];"#),
            "{script}"
        );
        assert!(script.contains("self.addEventListener(\"fetch\""));
    }

    #[test]
    fn a_changed_file_is_a_new_cache() {
        let version = |s: &str| s.lines().next().unwrap_or_default().to_string();
        let a = worker(&build("<html>"));
        let b = worker(&build("<html lang=ja>"));
        assert_ne!(version(&a), version(&b));
        assert_eq!(version(&a), version(&worker(&build("<html>"))));
    }

    #[test]
    fn the_worker_the_single_file_documents_and_layouts_are_left_out() {
        let dir = std::env::temp_dir().join(format!("alliance-map-sw-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("data/layouts")).expect("temp dir");
        for name in [
            "index.html",
            "data/jp.json",
            "data/README.md",
            "data/layouts/en-0123456789abcdef.json",
            SERVICE_WORKER,
            SINGLE_FILE,
        ] {
            std::fs::write(dir.join(name), name).expect("write");
        }
        let written = write(&dir).expect("write the worker");
        let script = std::fs::read_to_string(written).expect("read");
        let _ = std::fs::remove_dir_all(&dir);
        assert!(
            script.contains(r#"const FILES = ["./","data/jp.json","index.html"];"#),
            "{script}"
        );
    }
}
