//! The first load of the bundled dataset (`src/compiled.rs`): `cargo xtask dist` validates
//! `data/` once and writes `first-load.json` (the first view's data with the index of its
//! layouts), `layouts/*.json` (the first views laid out here by the same engine, seed and steps
//! as the browser) and `whole.json` beside the maintainers' files in the build's data folder.

use std::path::Path;

use alliance_map::compiled::{compile, FIRST_LOAD, LAYOUTS, WHOLE};
use alliance_map::model::load_with;

type Result<T = ()> = std::result::Result<T, String>;

/// Reads and validates the dataset in `data`, then writes the compiled files into `out`. Any
/// problem with the data fails the build: what ships for the first load is never validated
/// again in the browser.
pub fn write(data: &Path, out: &Path) -> Result {
    let read = |name: &str| std::fs::read_to_string(data.join(name)).map_err(|e| e.to_string());
    let loaded = load_with("manifest.json", read).map_err(|problems| listed(data, &problems))?;
    if !loaded.problems.is_empty() {
        return Err(listed(data, &loaded.problems));
    }
    let started = std::time::Instant::now();
    let compiled = compile(&loaded.dataset)?;
    let layouts = out.join(LAYOUTS);
    // A layout of an earlier build would be listed by the service worker and kept offline.
    if layouts.exists() {
        std::fs::remove_dir_all(&layouts)
            .map_err(|e| format!("removing {}: {e}", layouts.display()))?;
    }
    std::fs::create_dir_all(&layouts).map_err(|e| format!("{}: {e}", layouts.display()))?;
    let files = [(FIRST_LOAD, &compiled.first), (WHOLE, &compiled.whole)]
        .into_iter()
        .chain(compiled.layouts.iter().map(|(n, t)| (n.as_str(), t)));
    for (name, text) in files {
        let path = out.join(name);
        std::fs::write(&path, text).map_err(|e| format!("writing {}: {e}", path.display()))?;
    }
    println!(
        "first load compiled in {:.1} s: {FIRST_LOAD} {} KB, {WHOLE} {} KB, {} layouts in {LAYOUTS}/ ({} KB)",
        started.elapsed().as_secs_f64(),
        compiled.first.len().div_ceil(1024),
        compiled.whole.len().div_ceil(1024),
        compiled.layouts.len(),
        compiled.layouts.iter().map(|(_, t)| t.len()).sum::<usize>().div_ceil(1024)
    );
    Ok(())
}

fn listed(data: &Path, problems: &[alliance_map::model::Problem]) -> String {
    let mut out = format!(
        "the dataset in {} has {} problem(s); fix them before building:",
        data.display(),
        problems.len()
    );
    for p in problems {
        out.push_str(&format!("\n  {p}"));
    }
    out
}
