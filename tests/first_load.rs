//! The first load the build ships (`src/compiled.rs`, `layout::baked`): the layouts baked for the
//! bundled data are the engine's own, every window finds its first view among them, the long
//! texts are left for later, and the whole file completes the first one index for index.

mod common;

use std::sync::OnceLock;

use alliance_map::compiled::{self, FirstLoad, LAYOUTS};
use alliance_map::graph::AllianceGraph;
use alliance_map::layout::baked::{self, Baked, ENFORCE_PASSES};
use alliance_map::layout::organization::Shape;
use alliance_map::layout::Rest;
use alliance_map::model::Dataset;
use alliance_map::view::Lang;

struct Shipped {
    first: FirstLoad,
    /// The layout files, read back, in the order of the index.
    layouts: Vec<Baked>,
    whole: Dataset,
    /// Bytes of first-load.json and whole.json.
    sizes: (usize, usize),
}

/// What the build writes, read back as the browser reads it (compiled once for all the tests
/// here: the layouts take a few seconds).
fn shipped() -> &'static Shipped {
    static SHIPPED: OnceLock<Shipped> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        let whole = common::bundled().dataset;
        let c = compiled::compile(&whole).expect("compiles");
        let first: FirstLoad = serde_json::from_str(&c.first).expect("first-load.json reads back");
        let all: Dataset = serde_json::from_str(&c.whole).expect("whole.json reads back");
        assert_eq!(all, whole, "whole.json is the validated dataset, unchanged");
        assert_eq!(
            first.layouts.len(),
            c.layouts.len(),
            "one index entry per file"
        );
        let layouts = first
            .layouts
            .iter()
            .map(|entry| {
                assert!(
                    entry.file.starts_with(&format!("{LAYOUTS}/")),
                    "{}",
                    entry.file
                );
                let (_, text) = c
                    .layouts
                    .iter()
                    .find(|(name, _)| *name == entry.file)
                    .unwrap_or_else(|| panic!("{} is listed but not written", entry.file));
                let b: Baked = serde_json::from_str(text).expect("a layout file reads back");
                assert_eq!(
                    baked::LayoutFile::of(&b, entry.file.clone()),
                    *entry,
                    "the index says what the file holds"
                );
                b
            })
            .collect();
        Shipped {
            first,
            layouts,
            whole: all,
            sizes: (c.first.len(), c.whole.len()),
        }
    })
}

/// Runs the engine the way the map does in the browser: the steps sliced into frames of
/// varying length. The result must not depend on the slicing.
fn in_frames(d: &Dataset, b: &Baked, shape: Shape) -> Vec<[f64; 2]> {
    let on = |list: &[u32], n: usize| {
        let mut v = vec![false; n];
        for &i in list {
            v[i as usize] = true;
        }
        v
    };
    let nodes = on(&b.nodes, d.nodes.len());
    let edges = on(&b.edges, d.edges.len());
    let mut sim = baked::lay_out(d, &nodes, &edges, b.lang, shape).sim;
    let mut rest = Rest::new(ENFORCE_PASSES);
    let mut frame = 1;
    'frames: loop {
        for _ in 0..frame {
            if rest.step(&mut sim) {
                break 'frames;
            }
        }
        frame = frame % 37 + 3;
    }
    sim.bodies.iter().map(|b| [b.x, b.y]).collect()
}

#[test]
fn baked_positions_are_the_engines_own() {
    let s = shipped();
    assert!(!s.layouts.is_empty());
    // Every shape a file is listed for, laid out again: on two threads, for time.
    let jobs: Vec<(&Baked, Shape)> = s
        .layouts
        .iter()
        .flat_map(|b| b.shapes.iter().map(move |&shape| (b, shape)))
        .collect();
    let check = |(b, shape): &(&Baked, Shape)| {
        let again = in_frames(&s.first.dataset, b, *shape);
        assert_eq!(b.positions.len(), b.nodes.len());
        // Bit for bit: f64 equality, and the JSON text round trip kept every bit.
        let same = b
            .positions
            .iter()
            .zip(&again)
            .all(|(p, q)| p[0].to_bits() == q[0].to_bits() && p[1].to_bits() == q[1].to_bits());
        assert!(same, "{:?} {shape:?}: baked positions differ", b.lang);
        assert!(b.positions.iter().flatten().all(|v| v.is_finite()));
    };
    let (a, b) = jobs.split_at(jobs.len() / 2);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| a.iter().for_each(check));
        b.iter().for_each(check);
        if let Err(e) = other.join() {
            std::panic::resume_unwind(e);
        }
    });
    println!(
        "{} layouts re-run on {} shapes",
        s.layouts.len(),
        jobs.len()
    );
}

/// Windows from a small phone to an 8K screen, on an uneven grid so that no size is special.
fn windows() -> impl Iterator<Item = (f64, f64)> {
    (0..=85).flat_map(|i| {
        (0..=60).map(move |j| (320.0 + 89.0 * f64::from(i), 360.0 + 65.0 * f64::from(j)))
    })
}

#[test]
fn every_window_finds_its_first_view_baked() {
    let s = shipped();
    let d = &s.first.dataset;
    let g = AllianceGraph::build(d);
    let mut tried = 0;
    for lang in [Lang::En, Lang::Ja] {
        for window in windows() {
            let (shape, nodes, edges) = baked::first_view(d, &g, lang, window);
            let entry = baked::listed(&s.first.layouts, lang, shape, &nodes, &edges)
                .unwrap_or_else(|| panic!("{lang:?} {window:?}: not baked"));
            let i = s
                .first
                .layouts
                .iter()
                .position(|e| e == entry)
                .expect("listed");
            assert!(
                s.layouts[i].fits(lang, shape, &nodes, &edges),
                "{lang:?} {window:?}: the file listed holds another drawing"
            );
            tried += 1;
        }
    }
    // Both layouts a reader of the benchmarks sees: a laptop side by side and a phone stacked.
    let shapes: Vec<Shape> = s.layouts.iter().flat_map(|b| b.shapes.clone()).collect();
    assert!(shapes.contains(&Shape::Stacked));
    assert!(shapes.iter().any(|s| matches!(s, Shape::Wide { .. })));
    println!(
        "{} layouts baked; {tried} windows (both languages) each find theirs",
        s.layouts.len()
    );
}

#[test]
fn a_different_drawing_is_not_taken_for_a_baked_one() {
    let s = shipped();
    let (first, b) = (&s.first, &s.layouts[0]);
    let entry = &first.layouts[0];
    let mut nodes = vec![false; first.dataset.nodes.len()];
    for &i in &b.nodes {
        nodes[i as usize] = true;
    }
    let mut edges = vec![false; first.dataset.edges.len()];
    for &k in &b.edges {
        edges[k as usize] = true;
    }
    let shape = b.shapes[0];
    assert!(b.fits(b.lang, shape, &nodes, &edges));
    let listed = |lang, shape, nodes: &[bool], edges: &[bool]| {
        baked::listed(&first.layouts, lang, shape, nodes, edges).is_some_and(|e| e == entry)
    };
    assert!(listed(b.lang, shape, &nodes, &edges));
    let other = if b.lang == Lang::En {
        Lang::Ja
    } else {
        Lang::En
    };
    assert!(!b.fits(other, shape, &nodes, &edges));
    assert!(!listed(other, shape, &nodes, &edges));
    assert!(!b.fits(b.lang, Shape::Wide { eighths: 40 }, &nodes, &edges));
    assert!(!listed(b.lang, Shape::Wide { eighths: 40 }, &nodes, &edges));
    // One body more, or one relation less, is another drawing.
    let extra = nodes.iter().position(|&on| !on).expect("a body not drawn");
    nodes[extra] = true;
    assert!(!b.fits(b.lang, shape, &nodes, &edges));
    assert!(!listed(b.lang, shape, &nodes, &edges));
    nodes[extra] = false;
    if let Some(k) = edges.iter().position(|&on| on) {
        edges[k] = false;
        assert!(!b.fits(b.lang, shape, &nodes, &edges));
        assert!(!listed(b.lang, shape, &nodes, &edges));
    }
}

#[test]
fn the_first_load_leaves_long_texts_for_later_and_the_whole_completes_it() {
    let s = shipped();
    let (d, whole) = (&s.first.dataset, &s.whole);
    assert!(d
        .nodes
        .iter()
        .all(|n| n.summary.is_none() && n.sources.is_empty()));
    assert!(d
        .edges
        .iter()
        .all(|e| e.note.is_none() && e.sources.is_empty()));
    // Names, labels and dates stay: the first view and search need them.
    for (a, b) in d.nodes.iter().zip(&whole.nodes) {
        assert_eq!(
            (&a.id, &a.name, &a.short, a.since, a.until),
            (&b.id, &b.name, &b.short, b.since, b.until)
        );
    }
    assert!(compiled::completes(d, whole));
    let mut shuffled = whole.clone();
    shuffled.nodes.swap(0, 1);
    assert!(!compiled::completes(d, &shuffled));
}

#[test]
fn first_load_is_small() {
    let (first, all) = shipped().sizes;
    // Not a speed goal (those are in `cargo xtask bench size`): a guard that the long texts
    // and the layouts stay out of the first file.
    assert!(
        first * 3 < all,
        "first-load.json {first} bytes, whole.json {all} bytes"
    );
    println!("first-load.json {first} bytes, whole.json {all} bytes");
}
