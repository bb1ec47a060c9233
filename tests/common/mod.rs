//! Shared by the native integration tests: the bundled dataset, loaded from disk.

#![allow(dead_code)]

use std::path::PathBuf;

use alliance_map::model::{load_with, Loaded};

pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

pub fn bundled() -> Loaded {
    let dir = data_dir();
    match load_with("manifest.json", |name| {
        std::fs::read_to_string(dir.join(name)).map_err(|e| e.to_string())
    }) {
        Ok(l) => l,
        Err(problems) => panic!("the bundled manifest is invalid: {problems:#?}"),
    }
}

/// The release build the end-to-end tests run against (`cargo xtask test` builds it and sets
/// ALLIANCE_MAP_DIST).
pub fn dist() -> PathBuf {
    let dir = PathBuf::from(std::env::var("ALLIANCE_MAP_DIST").unwrap_or_else(|_| "dist".into()));
    assert!(
        dir.join("index.html").exists(),
        "no release build in {}: run `cargo xtask test`",
        dir.display()
    );
    dir
}

/// The dataset as shipped in the release build.
pub fn dist_dataset() -> alliance_map::model::Dataset {
    let data = dist().join("data");
    load_with("manifest.json", |n| {
        std::fs::read_to_string(data.join(n)).map_err(|e| e.to_string())
    })
    .expect("the data in dist/ loads")
    .dataset
}

/// Splits RFC 4180 text into records of fields (quoted fields may hold commas and newlines).
pub fn csv_records(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (_, '"') => quoted = !quoted,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            _ => field.push(c),
        }
    }
    records
}

/// The ids of the bodies the core says the map draws for `query` in a window whose first view
/// may open `budget` bodies (the map says its budget in `data-budget`), sorted.
pub fn drawn_by_core(query: &str, budget: usize) -> Vec<String> {
    use alliance_map::graph::view::{scope, visible_in};
    use alliance_map::graph::AllianceGraph;
    use alliance_map::view::ViewState;
    let d = dist_dataset();
    let g = AllianceGraph::build(&d);
    let v = ViewState::parse(query).0;
    let s = scope(&d, &g, &v);
    let mut forced: Vec<usize> = v.select.iter().filter_map(|id| g.node_index(id)).collect();
    if let Some((a, b)) = &v.path {
        forced.extend(g.node_index(a));
        forced.extend(g.node_index(b));
    }
    let vis = visible_in(&d, &g, &v, &s, &forced, budget);
    let mut ids: Vec<String> = d
        .nodes
        .iter()
        .zip(&vis.nodes)
        .filter(|(_, &on)| on)
        .map(|(n, _)| n.id.clone())
        .collect();
    ids.sort();
    ids
}

/// The ids of the bodies a view holds (its date, filters and focus; what the table lists),
/// sorted.
pub fn in_scope(query: &str) -> Vec<String> {
    use alliance_map::graph::view::scope;
    use alliance_map::graph::AllianceGraph;
    use alliance_map::view::ViewState;
    let d = dist_dataset();
    let g = AllianceGraph::build(&d);
    let s = scope(&d, &g, &ViewState::parse(query).0);
    let mut ids: Vec<String> = d
        .nodes
        .iter()
        .zip(&s.nodes)
        .filter(|(_, &on)| on)
        .map(|(n, _)| n.id.clone())
        .collect();
    ids.sort();
    ids
}

/// The lines removed and added between two texts (a textual diff, as `git diff` sees it), each
/// without its line break.
pub fn line_diff(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    use similar::{ChangeTag, TextDiff};
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    for c in TextDiff::from_lines(before, after).iter_all_changes() {
        match c.tag() {
            ChangeTag::Delete => removed.push(c.value().trim_end().to_string()),
            ChangeTag::Insert => added.push(c.value().trim_end().to_string()),
            ChangeTag::Equal => {}
        }
    }
    (removed, added)
}
