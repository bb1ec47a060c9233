//! The layout benchmark's wasm side: the same d3-force configuration run by alliance-force and by
//! fjadra, exported to JavaScript so that `bench/layout.mjs` can time both next to d3-force.
//!
//! Configuration (d3's defaults unless named): many-body strength -30 (theta 0.9), links of
//! distance 30 with d3's degree-based strength and bias, a centering force at (0, 0), bodies
//! starting on d3's phyllotaxis spiral. Each function runs `ticks` ticks and returns the mean
//! edge length afterwards: a checksum that proves the work was done and lets the engines be
//! compared for sanity.

use wasm_bindgen::prelude::*;

/// The edges as index pairs; panics (a JS exception) on mismatched lists or bad indices.
fn edges(nodes: u32, sources: &[u32], targets: &[u32]) -> Vec<(usize, usize)> {
    assert_eq!(sources.len(), targets.len(), "sources and targets must have the same length");
    sources
        .iter()
        .zip(targets)
        .map(|(&s, &t)| {
            assert!(s < nodes && t < nodes, "edge ({s}, {t}) names a node outside 0..{nodes}");
            (s as usize, t as usize)
        })
        .collect()
}

fn mean_edge_length(positions: &[[f64; 2]], edges: &[(usize, usize)]) -> f64 {
    if edges.is_empty() {
        return 0.0;
    }
    let total: f64 = edges
        .iter()
        .map(|&(s, t)| {
            let (a, b) = (positions[s], positions[t]);
            (a[0] - b[0]).hypot(a[1] - b[1])
        })
        .sum();
    total / edges.len() as f64
}

/// Runs alliance-force for `ticks` ticks; returns the mean edge length.
#[wasm_bindgen]
pub fn alliance_force_layout(nodes: u32, sources: &[u32], targets: &[u32], ticks: u32) -> f64 {
    use alliance_force::{Center, Link, ManyBody, Simulation};
    let edges = edges(nodes, sources, targets);
    let mut sim = Simulation::new(Simulation::phyllotaxis(nodes as usize), 1);
    // d3's order: charge, link, center (forces apply in insertion order in both engines).
    sim.add_force(ManyBody::new(-30.0));
    sim.add_force(Link::new(edges.clone(), 30.0));
    sim.add_force(Center { x: 0.0, y: 0.0 });
    for _ in 0..ticks {
        sim.tick();
    }
    let positions: Vec<[f64; 2]> = sim.bodies.iter().map(|b| [b.x, b.y]).collect();
    mean_edge_length(&positions, &edges)
}

/// Runs fjadra for `ticks` ticks; returns the mean edge length.
#[wasm_bindgen]
pub fn fjadra_layout(nodes: u32, sources: &[u32], targets: &[u32], ticks: u32) -> f64 {
    use fjadra::{Center, Link, ManyBody, Node, SimulationBuilder};
    let edges = edges(nodes, sources, targets);
    // fjadra's defaults are d3's: strength -30, theta 0.9, link distance 30 with degree-based
    // strength and bias, center strength 1, phyllotaxis start (for nodes without a position).
    // It keeps forces in a map ordered by name, so they run as center, charge, link rather than
    // in insertion order as in d3; the work per tick is the same.
    let mut sim = SimulationBuilder::default()
        .build((0..nodes).map(|_| Node::default()))
        .add_force("charge", ManyBody::new().strength(-30.0))
        .add_force("link", Link::new(edges.iter().copied()).distance(30.0))
        .add_force("center", Center::new());
    sim.tick(ticks as usize);
    let positions: Vec<[f64; 2]> = sim.positions().collect();
    mean_edge_length(&positions, &edges)
}
