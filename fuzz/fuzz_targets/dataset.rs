//! Arbitrary bytes through the loader the app and `cargo xtask validate` share, then through
//! everything the map computes from a loaded dataset. Nothing may panic, and what the loader
//! keeps must be what the validator promises: unique valid ids, known countries, named nodes,
//! relations between existing distinct nodes, no `part_of` loop.
//!
//! Input: one flag byte, then parts separated by 0xFF (a byte that never occurs in UTF-8).
//! - flag bit 0 clear: a fixed two-country manifest listing `a.json` and `b.json`, and the parts
//!   are those files; set: the first part is the manifest, the rest are its files in order.
//! - flag bit 1 set: text is decoded as the browser does (invalid UTF-8 replaced); clear: as
//!   `cargo xtask validate` reads files (invalid UTF-8 makes the file unreadable).
//! - a listed file without a part is reported as failed to load (missing, HTTP error);
//! - flag bit 2 set: the builder refuses more than `flags >> 3` bodies, as the app does with
//!   its drawing limit;
//! - the part after the files, if any, is a view query string (`?focus=...&date=...`).

#![no_main]

use std::collections::{HashMap, HashSet};

use alliance_map::graph::{centrality, paths, search, view, AllianceGraph};
use alliance_map::layout::organization;
use alliance_map::model::{validate, Dataset, DatasetBuilder, EdgeKind, Problem, INTL};
use alliance_map::view::{Lang, ViewState};
use libfuzzer_sys::fuzz_target;

const FIXED_MANIFEST: &str = r##"{
  "schema_version": 1,
  "title": { "en": "Fuzz" },
  "as_of": "2026-01-01",
  "countries": [
    { "id": "us", "name": { "en": "United States", "ja": "アメリカ合衆国" }, "color": "#2f5fb3" },
    { "id": "jp", "name": { "en": "Japan", "ja": "日本" }, "color": "#c2313f" }
  ],
  "files": ["a.json", "b.json"]
}"##;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let browser = flags & 2 != 0;
    let text = |bytes: &[u8]| -> Result<String, String> {
        if browser {
            Ok(String::from_utf8_lossy(bytes).into_owned())
        } else {
            String::from_utf8(bytes.to_vec())
                .map_err(|_| "stream did not contain valid UTF-8".to_string())
        }
    };
    let parts: Vec<&[u8]> = rest.split(|&b| b == 0xFF).collect();
    let (manifest, files) = if flags & 1 == 0 {
        (Ok(FIXED_MANIFEST.to_string()), &parts[..])
    } else {
        (text(parts[0]), &parts[1..])
    };

    let mut builder = match DatasetBuilder::from_manifest("manifest.json", manifest) {
        Ok(b) => b,
        Err(problems) => {
            assert!(!problems.is_empty(), "a rejected manifest names no problem");
            check_problems(&problems);
            return;
        }
    };
    if flags & 4 != 0 {
        // The app refuses a dataset with more bodies than it can draw, without reading them.
        builder.limit_bodies(usize::from(flags >> 3));
    }
    let listed = builder.manifest().files.len();
    for i in 0..listed {
        match files.get(i) {
            Some(bytes) => builder.add_result(i, text(bytes)),
            None => builder.file_failed(i, "404 Not Found"),
        }
    }
    let query = files
        .get(listed)
        .map(|q| String::from_utf8_lossy(q).into_owned())
        .unwrap_or_default();
    if let Some(count) = builder.over_limit() {
        assert!(count > usize::from(flags >> 3));
    }
    let loaded = builder.finish();
    check_problems(&loaded.problems);
    let d = &loaded.dataset;
    if d.nodes.is_empty() {
        assert!(
            !loaded.problems.is_empty(),
            "an empty dataset is not reported"
        );
    }
    check_promises(d);
    // A subset (what a date or filter shows) is again a valid dataset.
    check_promises(&d.subset(|n| n.id.len() % 2 == 0));
    exercise(d, &query);
});

fn check_problems(problems: &[Problem]) {
    for p in problems {
        assert!(
            !p.file.is_empty() && !p.place.is_empty() && !p.message.is_empty(),
            "a problem without file, place or message: {p:?}"
        );
    }
}

/// What `Dataset` documents: every edge's ends exist, ids are unique, part_of has no loop.
fn check_promises(d: &Dataset) {
    let countries: HashSet<&str> = d
        .manifest
        .countries
        .iter()
        .map(|c| c.id.as_str())
        .chain([INTL])
        .collect();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, n) in d.nodes.iter().enumerate() {
        assert!(validate::is_id(&n.id), "kept an invalid id {:?}", n.id);
        assert!(index.insert(&n.id, i).is_none(), "kept id {:?} twice", n.id);
        assert!(
            countries.contains(n.country.as_str()),
            "kept country {:?}",
            n.country
        );
        assert!(!n.name.en.trim().is_empty(), "kept a node without a name");
    }
    let mut parents: Vec<Vec<usize>> = vec![Vec::new(); d.nodes.len()];
    for e in &d.edges {
        let (Some(&s), Some(&t)) = (index.get(e.source.as_str()), index.get(e.target.as_str()))
        else {
            panic!("kept an edge to nothing: {} -> {}", e.source, e.target);
        };
        assert_ne!(s, t, "kept a self loop on {}", e.source);
        if e.kind == EdgeKind::PartOf {
            parents[s].push(t);
        }
    }
    // Kahn: a part_of graph without loops can be peeled leaf by leaf down to nothing.
    let mut children = vec![0usize; d.nodes.len()];
    for list in &parents {
        for &p in list {
            children[p] += 1;
        }
    }
    let mut free: Vec<usize> = (0..d.nodes.len()).filter(|&i| children[i] == 0).collect();
    let mut peeled = 0;
    while let Some(i) = free.pop() {
        peeled += 1;
        for &p in &parents[i] {
            children[p] -= 1;
            if children[p] == 0 {
                free.push(p);
            }
        }
    }
    assert_eq!(peeled, d.nodes.len(), "kept a part_of loop");
}

/// Everything the map does with a dataset: graph, view, search, paths, analytics, layout.
fn exercise(d: &Dataset, query: &str) {
    let g = AllianceGraph::build(d);
    let n = g.node_count();
    assert_eq!(n, d.nodes.len());
    assert_eq!(g.edge_endpoints().len(), d.edges.len());
    let depths = g.hierarchy_depths(d);
    assert_eq!(depths.len(), n);
    for i in 0..n.min(64) {
        g.neighbours(i);
        g.relations(i);
        g.parents(d, i);
    }
    for node in &d.nodes {
        assert!(g.node_index(&node.id).is_some());
    }

    let (v, _notices) = ViewState::parse(query);
    let vis = view::visible(d, &g, &v);
    assert_eq!((vis.nodes.len(), vis.edges.len()), (n, d.edges.len()));
    search::search(d, &v.q);
    if let Some(first) = d.nodes.first() {
        search::search(d, &first.name.en);
    }
    if n > 0 {
        let route = v
            .path
            .as_ref()
            .and_then(|(a, b)| Some((g.node_index(a)?, g.node_index(b)?)))
            .unwrap_or((0, n - 1));
        for p in paths::shortest_paths(d, &g, route.0, route.1, &v.rel, &vis.edges, 8) {
            assert!(p.iter().all(|s| s.edge < d.edges.len() && s.to < n));
        }
    }
    let adjacency: Vec<Vec<usize>> = (0..n).map(|i| g.neighbours(i)).collect();
    assert!(centrality::betweenness(&adjacency)
        .iter()
        .all(|c| c.is_finite()));
    let degrees: Vec<usize> = adjacency.iter().map(Vec::len).collect();
    assert!(centrality::degree_centralization(&degrees).is_finite());

    // The organization layout, briefly: the frame and a few ticks with every rule in place.
    let lang = if query.len() % 2 == 0 {
        Lang::En
    } else {
        Lang::Ja
    };
    let frame = organization::Frame::new(d, &g, lang);
    let mut sim = organization::simulation(d, &g, &frame, query.len() as u32);
    for _ in 0..8 {
        sim.tick();
    }
    sim.enforce(16);
    for b in &sim.bodies {
        assert!(b.x.is_finite() && b.y.is_finite(), "layout gave {b:?}");
    }
    let shown = d.subset(|node| vis.nodes[g.node_index(&node.id).unwrap_or(0)]);
    let shown_graph = AllianceGraph::build(&shown);
    let mut next = organization::simulation(&shown, &shown_graph, &frame, 1);
    let before = organization::positions_by_id(d, &sim);
    organization::warm_start(&mut next, &shown, &shown_graph, &before);
    next.tick();
    for b in &next.bodies {
        assert!(b.x.is_finite() && b.y.is_finite(), "warm start gave {b:?}");
    }
}
