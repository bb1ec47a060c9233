//! The forces that make the graph read like an organization map of allies:
//! countries side by side (mechanisms between them), the `part_of` hierarchy in layers from the
//! top, laws and strategies in a band below their country, labels kept apart.

use crate::graph::AllianceGraph;
use crate::model::{Dataset, NodeKind, INTL};

use super::{Body, Center, Collide, Link, ManyBody, PositionX, PositionY, Simulation};

/// Vertical distance between hierarchy layers.
pub const LAYER_GAP: f64 = 90.0;
/// Radius of a node's symbol.
pub const NODE_RADIUS: f64 = 9.0;

/// Text drawn next to a node: its short name when it has one.
pub fn label(dataset: &Dataset, node: usize) -> &str {
    let n = &dataset.nodes[node];
    n.short.as_ref().map(|s| s.en.as_str()).unwrap_or(n.name.en.as_str())
}

/// Approximate drawn width of a label at 11 px: wide characters (CJK) count double.
pub fn label_width(text: &str) -> f64 {
    text.chars().map(|c| if (c as u32) > 0x2e80 { 11.0 } else { 6.4 }).sum()
}

/// The order of the country columns: declared countries with `intl` in the middle.
pub fn column_order(dataset: &Dataset) -> Vec<String> {
    let mut cols: Vec<String> = dataset.manifest.countries.iter().map(|c| c.id.clone()).collect();
    let middle = cols.len().div_ceil(2).min(1).max(cols.len() / 2);
    cols.insert(middle, INTL.to_string());
    cols
}

/// Builds the simulation for a dataset, seeded so the same data give the same picture.
pub fn simulation(dataset: &Dataset, graph: &AllianceGraph, seed: u32) -> Simulation {
    let n = dataset.nodes.len();
    let depths = graph.hierarchy_depths(dataset);
    let max_depth = depths.iter().copied().max().unwrap_or(0) as f64;

    // Columns: width grows with the square root of a country's node count.
    let columns = column_order(dataset);
    let counts: Vec<usize> = columns.iter().map(|c| dataset.nodes.iter().filter(|x| &x.country == c).count()).collect();
    let widths: Vec<f64> = counts.iter().map(|&k| 160.0 + 55.0 * (k as f64).sqrt()).collect();
    let total: f64 = widths.iter().sum();
    let mut centres = Vec::with_capacity(columns.len());
    let mut left = -total / 2.0;
    for w in &widths {
        centres.push(left + w / 2.0);
        left += w;
    }
    let column_of = |country: &str| columns.iter().position(|c| c == country).unwrap_or(0);

    let mut tx = Vec::with_capacity(n);
    let mut ty = Vec::with_capacity(n);
    let mut sy = Vec::with_capacity(n);
    let mut extents = Vec::with_capacity(n);
    for (i, node) in dataset.nodes.iter().enumerate() {
        tx.push(centres[column_of(&node.country)]);
        let layered = matches!(node.kind, NodeKind::Law | NodeKind::Strategy);
        let y = if layered { (max_depth + 1.5) * LAYER_GAP } else { depths[i] as f64 * LAYER_GAP };
        ty.push(y);
        sy.push(if layered { 0.25 } else { 0.35 });
        let w = label_width(label(dataset, i));
        extents.push(((NODE_RADIUS * 2.0 + w) / 2.0 + 4.0, NODE_RADIUS + 5.0));
    }

    // Start each body near its target, spread on a spiral, so the layout converges quickly
    // and never has to untangle countries from each other.
    let mut bodies = Simulation::phyllotaxis(n);
    for (i, b) in bodies.iter_mut().enumerate() {
        b.x = tx[i] + b.x * 0.5;
        b.y = ty[i] + b.y * 0.2;
    }
    let mut sim = Simulation::new(bodies, seed);
    let links = graph.edge_endpoints();
    sim.add_force(Link::new(links, 70.0));
    sim.add_force(ManyBody::new(-120.0));
    sim.add_force(PositionX { targets: tx, strengths: vec![0.12; n] });
    sim.add_force(PositionY { targets: ty, strengths: sy });
    sim.add_force(Collide::new(extents));
    sim.add_force(Center { x: 0.0, y: (max_depth + 1.5) * LAYER_GAP / 2.0 });
    sim
}

/// Lays a dataset out to rest and returns the positions.
pub fn settle(dataset: &Dataset, graph: &AllianceGraph, seed: u32) -> Vec<Body> {
    let mut sim = simulation(dataset, graph, seed);
    sim.run(400);
    sim.bodies
}
