//! The first load the build ships (`src/compiled.rs`, `layout::baked`): the layouts baked for the
//! bundled data are the engine's own, the long texts are left for later, and the whole file
//! completes the first one index for index.

mod common;

use alliance_map::compiled::{self, FirstLoad};
use alliance_map::graph::AllianceGraph;
use alliance_map::layout::baked::{self, Baked, ENFORCE_PASSES};
use alliance_map::layout::organization::Shape;
use alliance_map::layout::Rest;
use alliance_map::model::Dataset;
use alliance_map::view::Lang;

fn compiled() -> (FirstLoad, Dataset) {
    let whole = common::bundled().dataset;
    let (first, all) = compiled::compile(&whole).expect("compiles");
    let first: FirstLoad = serde_json::from_str(&first).expect("first-load.json reads back");
    let all: Dataset = serde_json::from_str(&all).expect("whole.json reads back");
    assert_eq!(all, whole, "whole.json is the validated dataset, unchanged");
    (first, all)
}

/// Runs the engine the way the map does in the browser: the steps sliced into frames of
/// varying length. The result must not depend on the slicing.
fn in_frames(d: &Dataset, b: &Baked) -> Vec<[f64; 2]> {
    let on = |list: &[u32], n: usize| {
        let mut v = vec![false; n];
        for &i in list {
            v[i as usize] = true;
        }
        v
    };
    let nodes = on(&b.nodes, d.nodes.len());
    let edges = on(&b.edges, d.edges.len());
    let mut sim = baked::lay_out(d, &nodes, &edges, b.lang, b.shapes[0]).sim;
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
    let (first, _) = compiled();
    assert!(!first.layouts.is_empty());
    for b in &first.layouts {
        let again = in_frames(&first.dataset, b);
        assert_eq!(b.positions.len(), b.nodes.len());
        // Bit for bit: f64 equality, and the JSON text round trip kept every bit.
        let same = b
            .positions
            .iter()
            .zip(&again)
            .all(|(p, q)| p[0].to_bits() == q[0].to_bits() && p[1].to_bits() == q[1].to_bits());
        assert!(same, "{:?} {:?}: baked positions differ", b.lang, b.shapes);
        assert!(b.positions.iter().flatten().all(|v| v.is_finite()));
    }
}

#[test]
fn every_common_window_finds_its_first_view_baked() {
    let (first, _) = compiled();
    let d = &first.dataset;
    let g = AllianceGraph::build(d);
    for lang in [Lang::En, Lang::Ja] {
        for &window in baked::WINDOWS {
            let (shape, nodes, edges) = baked::first_view(d, &g, lang, window);
            assert!(
                baked::find(&first.layouts, lang, shape, &nodes, &edges).is_some(),
                "{lang:?} {window:?}: not baked"
            );
        }
    }
    // Both layouts a reader of the benchmarks sees: a laptop side by side and a phone stacked.
    let shapes: Vec<Shape> = first
        .layouts
        .iter()
        .flat_map(|b| b.shapes.clone())
        .collect();
    assert!(shapes.contains(&Shape::Stacked));
    assert!(shapes.iter().any(|s| matches!(s, Shape::Wide { .. })));
    println!(
        "{} layouts baked for {} windows × 2 languages",
        first.layouts.len(),
        baked::WINDOWS.len()
    );
}

#[test]
fn a_different_drawing_is_not_taken_for_a_baked_one() {
    let (first, _) = compiled();
    let b = &first.layouts[0];
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
    let other = if b.lang == Lang::En {
        Lang::Ja
    } else {
        Lang::En
    };
    assert!(!b.fits(other, shape, &nodes, &edges));
    assert!(!b.fits(b.lang, Shape::Wide { eighths: 40 }, &nodes, &edges));
    // One body more, or one relation less, is another drawing.
    let extra = nodes.iter().position(|&on| !on).expect("a body not drawn");
    nodes[extra] = true;
    assert!(!b.fits(b.lang, shape, &nodes, &edges));
    nodes[extra] = false;
    if let Some(k) = edges.iter().position(|&on| on) {
        edges[k] = false;
        assert!(!b.fits(b.lang, shape, &nodes, &edges));
    }
}

#[test]
fn the_first_load_leaves_long_texts_for_later_and_the_whole_completes_it() {
    let (first, whole) = compiled();
    let d = &first.dataset;
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
    assert!(compiled::completes(d, &whole));
    let mut shuffled = whole.clone();
    shuffled.nodes.swap(0, 1);
    assert!(!compiled::completes(d, &shuffled));
}

#[test]
fn first_load_is_small() {
    let whole = common::bundled().dataset;
    let (first, all) = compiled::compile(&whole).expect("compiles");
    // Not a speed goal (those are in `cargo xtask bench size`): a guard that the long texts
    // stay out of the first file.
    assert!(
        first.len() * 3 < all.len(),
        "first-load.json {} bytes, whole.json {} bytes",
        first.len(),
        all.len()
    );
    println!(
        "first-load.json {} bytes, whole.json {} bytes",
        first.len(),
        all.len()
    );
}
