//! `cargo xtask validate [DIR]` and `cargo xtask schema`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use alliance_map::model::{data_file_schema, load_with, manifest_schema};

/// Root of the repository (the parent of xtask/).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

pub fn run(dir: &str) -> ExitCode {
    let dir = Path::new(dir);
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).map_err(|e| e.to_string());
    let loaded = match load_with("manifest.json", read) {
        Ok(l) => l,
        Err(problems) => {
            for p in &problems {
                eprintln!("{}: {p}", dir.display());
            }
            eprintln!(
                "invalid: {} problem(s); the manifest must be fixed first",
                problems.len()
            );
            return ExitCode::FAILURE;
        }
    };
    for p in &loaded.problems {
        eprintln!("{}/{p}", dir.display());
    }
    let d = &loaded.dataset;
    let mut per_country: Vec<(String, usize)> = Vec::new();
    for n in &d.nodes {
        match per_country.iter_mut().find(|(c, _)| *c == n.country) {
            Some((_, k)) => *k += 1,
            None => per_country.push((n.country.clone(), 1)),
        }
    }
    let counts: Vec<String> = per_country
        .iter()
        .map(|(c, k)| format!("{c} {k}"))
        .collect();
    println!(
        "{}: {} nodes ({}), {} edges, as of {}",
        dir.display(),
        d.nodes.len(),
        counts.join(", "),
        d.edges.len(),
        d.manifest.as_of
    );
    if loaded.problems.is_empty() {
        println!("valid");
        ExitCode::SUCCESS
    } else {
        eprintln!("invalid: {} problem(s)", loaded.problems.len());
        ExitCode::FAILURE
    }
}

pub fn write_schemas() -> Result<(), String> {
    let data = repo_root().join("data");
    for (name, text) in [
        ("schema.json", data_file_schema()),
        ("manifest.schema.json", manifest_schema()),
    ] {
        std::fs::write(data.join(name), text).map_err(|e| format!("writing data/{name}: {e}"))?;
        println!("wrote data/{name}");
    }
    Ok(())
}
