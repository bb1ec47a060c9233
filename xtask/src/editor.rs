//! The dataset editor in the release build: `edit.html` and its own wasm (the binary
//! `alliance-map-edit`), beside the map in dist/.
//!
//! Trunk empties the folder it builds into, so the editor is built into a folder of its own
//! and its files are copied into dist/ (the stylesheet they share has the same content hash,
//! so the copy is the same file). The page gets the same Content-Security-Policy as the map's.
//! Called by `setup::dist` before the service worker is written, so the worker keeps the
//! editor's files too.

use std::path::Path;
use std::process::Command;

use crate::setup::Env;

type Result<T = ()> = std::result::Result<T, String>;

pub const PAGE: &str = "edit.html";

/// Builds `edit.html` and copies it, with its script, wasm and stylesheets, into `dist`.
pub fn dist(env: &Env, dist: &Path) -> Result {
    let out = env.root.join("target/dist-edit");
    env.run(
        Command::new("trunk")
            .args(["build", "--release", "--dist"])
            .arg(&out)
            .arg(PAGE),
    )?;
    copy_into(&out, dist)
}

/// Copies the built editor's files (not folders: the data is the map's) into `dist`, adding
/// the policy to the page. Trunk writes the page as `index.html` whatever its source is
/// called: it becomes `edit.html`, and never replaces the map's page.
fn copy_into(built: &Path, dist: &Path) -> Result {
    let entries = std::fs::read_dir(built).map_err(|e| format!("{}: {e}", built.display()))?;
    let mut page = false;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("{}: {e}", built.display()))?
            .path();
        let Some(name) = path.file_name() else {
            continue;
        };
        if path.is_dir() {
            continue;
        }
        let to = dist.join(name);
        if name == "index.html" || name == PAGE {
            let to = dist.join(PAGE);
            let html = std::fs::read_to_string(&path)
                .map_err(|e| format!("reading {}: {e}", path.display()))?;
            std::fs::write(&to, crate::csp::apply(&html)?)
                .map_err(|e| format!("writing {}: {e}", to.display()))?;
            page = true;
        } else {
            std::fs::copy(&path, &to)
                .map_err(|e| format!("copying {} to {}: {e}", path.display(), to.display()))?;
        }
    }
    if page {
        Ok(())
    } else {
        Err(format!("{} has no page", built.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editor_lands_beside_the_map_with_its_policy() {
        let root = std::env::temp_dir().join(format!("alliance-map-editor-{}", std::process::id()));
        let (built, dist) = (root.join("built"), root.join("dist"));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(built.join("data")).expect("temp dir");
        std::fs::create_dir_all(&dist).expect("temp dir");
        std::fs::write(built.join("data/skip.json"), "{}").expect("write");
        std::fs::write(dist.join("index.html"), "the map").expect("write");
        std::fs::write(
            built.join("index.html"),
            "<html><head><meta charset=\"utf-8\"><script type=\"module\">x()</script></head></html>",
        )
        .expect("write");
        std::fs::write(built.join("alliance-map-edit-1_bg.wasm"), b"\0asm").expect("write");
        copy_into(&built, &dist).expect("copied");
        let page = std::fs::read_to_string(dist.join(PAGE)).expect("the page");
        let wasm = dist.join("alliance-map-edit-1_bg.wasm").exists();
        let data = dist.join("data").exists();
        let map = std::fs::read_to_string(dist.join("index.html")).expect("the map's page");
        let _ = std::fs::remove_dir_all(&root);
        assert!(page.contains("Content-Security-Policy"), "{page}");
        assert!(wasm);
        assert!(!data, "the map's data is not copied over");
        assert_eq!(map, "the map", "the map's page is left alone");
    }
}
