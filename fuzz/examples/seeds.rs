//! Writes the seed inputs of the `dataset` target into `fuzz/corpus/dataset/`, in the target's
//! input format (see fuzz_targets/dataset.rs): the real dataset in `data/`, cut into small
//! pieces so that every input stays a few kilobytes, and every case of `tests/corpus/`.
//!
//! `cargo run --manifest-path fuzz/Cargo.toml --example seeds`

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

/// Nodes per piece: real nodes carry long bilingual summaries and several sources.
const PIECE: usize = 3;
const SEPARATOR: u8 = 0xFF;

fn main() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR"));
    let repo = fuzz.parent().expect("fuzz/ is inside the repository");
    let out = fuzz.join("corpus/dataset");
    fs::create_dir_all(&out).expect("create corpus/dataset");
    let mut written = 0;
    let mut put = |name: String, bytes: Vec<u8>| {
        fs::write(out.join(name), bytes).expect("write a seed");
        written += 1;
    };

    // The real data, in pieces of a few nodes with the relations that start at them (their
    // other ends are often in another piece: dangling on purpose).
    let data = repo.join("data");
    let manifest_text = fs::read_to_string(data.join("manifest.json")).expect("data/manifest.json");
    let manifest: Value = serde_json::from_str(&manifest_text).expect("manifest is JSON");
    let files: Vec<String> = manifest["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f.as_str().map(str::to_string))
        .collect();
    let mut pieces: Vec<Vec<u8>> = Vec::new();
    for file in &files {
        let value: Value =
            serde_json::from_str(&fs::read_to_string(data.join(file)).expect("a data file"))
                .expect("data files are JSON");
        let nodes = value["nodes"].as_array().cloned().unwrap_or_default();
        let edges = value["edges"].as_array().cloned().unwrap_or_default();
        for (k, chunk) in nodes.chunks(PIECE).enumerate().take(12) {
            let ids: Vec<&Value> = chunk.iter().map(|n| &n["id"]).collect();
            let from_here: Vec<&Value> = edges
                .iter()
                .filter(|e| ids.contains(&&e["source"]))
                .take(4)
                .collect();
            let piece = json!({ "nodes": chunk, "edges": from_here });
            let bytes = serde_json::to_vec(&piece).unwrap();
            // Flag 0: the target's own two-file manifest; this piece is a.json.
            put(format!("data-{file}-{k}"), join(0, &[&bytes]));
            pieces.push(bytes);
        }
    }
    // Two pieces from different files side by side, once read strictly, once as a browser.
    let half = pieces.len() / 2;
    for k in 0..8.min(half) {
        put(
            format!("data-pair-{k}"),
            join(0, &[&pieces[k], &pieces[half + k]]),
        );
        put(
            format!("data-pair-browser-{k}"),
            join(2, &[&pieces[half + k], &pieces[k]]),
        );
    }
    // The real manifest with one piece per listed file, and a view query after them.
    let step = pieces.len() / files.len().max(1);
    let mut parts: Vec<&[u8]> = vec![manifest_text.as_bytes()];
    parts.extend((0..files.len()).map(|i| pieces[i * step].as_slice()));
    put("data-manifest".into(), join(1, &parts));
    parts.push(b"focus=us-cisa&depth=2&date=2019-06&rel=part_of,oversees&path=us-cisa~jp-nco&q=cyber&lang=ja");
    put("data-manifest-view".into(), join(1, &parts));

    // Every corpus case: its manifest, then its files in the manifest's order.
    for case in dirs(&repo.join("tests/corpus")) {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let Ok(manifest) = fs::read(case.join("manifest.json")) else {
            continue;
        };
        let listed: Vec<String> = serde_json::from_slice::<Value>(&manifest)
            .ok()
            .and_then(|m| m["files"].as_array().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|f| f.as_str().map(str::to_string))
            .collect();
        let mut texts = vec![manifest];
        for f in &listed {
            match fs::read(case.join(f)) {
                Ok(t) => texts.push(t),
                Err(_) => break,
            }
        }
        let refs: Vec<&[u8]> = texts.iter().map(Vec::as_slice).collect();
        put(format!("corpus-{name}"), join(1, &refs));
    }
    println!("wrote {written} seeds to {}", out.display());
}

fn join(flags: u8, parts: &[&[u8]]) -> Vec<u8> {
    let mut out = vec![flags];
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push(SEPARATOR);
        }
        out.extend_from_slice(p);
    }
    out
}

fn dirs(root: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(root)
        .map(|r| {
            r.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}
