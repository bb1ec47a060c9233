//! The forces and rules that make the graph read like an organization map of allies:
//! countries side by side in their own columns (mechanisms between them), the `part_of`
//! hierarchy from the top down, laws and strategies in a band below their country, labels apart.

use crate::graph::AllianceGraph;
use crate::model::{Dataset, EdgeKind, NodeKind, INTL};

use super::{Below, Bounds, Collide, Link, ManyBody, PositionX, PositionY, Simulation};

/// Vertical distance between hierarchy layers.
pub const LAYER_GAP: f64 = 90.0;
/// Radius of a node's symbol.
pub const NODE_RADIUS: f64 = 9.0;
/// Gap between the symbol and the label's first character.
pub const LABEL_GAP: f64 = 4.0;
/// Labels longer than this many characters are cut with an ellipsis (the full name is in the
/// details panel and the node's accessible name).
pub const LABEL_MAX_CHARS: usize = 28;
/// Space kept free around each label box.
const PAD: f64 = 2.0;
/// Minimum vertical distance of a child below its parent.
const BELOW_GAP: f64 = 2.0 * NODE_RADIUS + 6.0;

/// Text drawn next to a node: its short name when it has one, else its name, cut to length.
pub fn label(dataset: &Dataset, node: usize) -> String {
    let n = &dataset.nodes[node];
    let text = n.short.as_ref().map(|s| s.en.as_str()).unwrap_or(n.name.en.as_str());
    if text.chars().count() <= LABEL_MAX_CHARS {
        text.to_string()
    } else {
        let cut: String = text.chars().take(LABEL_MAX_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Approximate drawn width of a label at 11 px: wide characters (CJK) count double.
pub fn label_width(text: &str) -> f64 {
    text.chars().map(|c| if (c as u32) > 0x2e80 { 11.0 } else { 6.4 }).sum()
}

/// Half extents and centre offset of the box a node occupies: symbol plus label to its right.
fn label_box(text: &str) -> ((f64, f64), (f64, f64)) {
    let w = label_width(text);
    let half = ((2.0 * NODE_RADIUS + LABEL_GAP + w) / 2.0 + PAD, NODE_RADIUS + PAD);
    ((half), ((LABEL_GAP + w) / 2.0, 0.0))
}

/// The order of the country columns: declared countries with `intl` in the middle.
pub fn column_order(dataset: &Dataset) -> Vec<String> {
    let mut cols: Vec<String> = dataset.manifest.countries.iter().map(|c| c.id.clone()).collect();
    let middle = cols.len().div_ceil(2).min(cols.len()).min(1.max(cols.len() / 2));
    cols.insert(middle, INTL.to_string());
    cols
}

/// Columns as (country, left, right), sized by the area their labels need.
pub fn columns(dataset: &Dataset, height: f64) -> Vec<(String, f64, f64)> {
    let order = column_order(dataset);
    let widths: Vec<f64> = order
        .iter()
        .map(|c| {
            let area: f64 = (0..dataset.nodes.len())
                .filter(|&i| &dataset.nodes[i].country == c)
                .map(|i| {
                    let ((hw, hh), _) = label_box(&label(dataset, i));
                    4.0 * hw * hh
                })
                .sum();
            (area * 2.2 / height).max(260.0)
        })
        .collect();
    let total: f64 = widths.iter().sum::<f64>() + 40.0 * (widths.len() as f64 - 1.0);
    let mut left = -total / 2.0;
    order
        .into_iter()
        .zip(widths)
        .map(|(c, w)| {
            let col = (c, left, left + w);
            left += w + 40.0;
            col
        })
        .collect()
}

/// Builds the simulation for a dataset, seeded so the same data give the same picture.
pub fn simulation(dataset: &Dataset, graph: &AllianceGraph, seed: u32) -> Simulation {
    let n = dataset.nodes.len();
    let depths = graph.hierarchy_depths(dataset);
    let max_depth = depths.iter().copied().max().unwrap_or(0) as f64;
    let law_band = (max_depth + 1.5) * LAYER_GAP;
    let height = law_band + LAYER_GAP;
    let cols = columns(dataset, height);
    let column_of = |country: &str| cols.iter().find(|c| c.0 == country).map(|c| (c.1, c.2)).unwrap_or((0.0, 0.0));

    let mut tx = Vec::with_capacity(n);
    let mut ty = Vec::with_capacity(n);
    let mut sy = Vec::with_capacity(n);
    let mut halves = Vec::with_capacity(n);
    let mut offsets = Vec::with_capacity(n);
    let mut boxes = Vec::with_capacity(n);
    for (i, node) in dataset.nodes.iter().enumerate() {
        let (left, right) = column_of(&node.country);
        tx.push((left + right) / 2.0);
        let instrument = matches!(node.kind, NodeKind::Law | NodeKind::Strategy);
        ty.push(if instrument { law_band } else { depths[i] as f64 * LAYER_GAP });
        sy.push(if instrument { 0.2 } else { 0.3 });
        let (half, offset) = label_box(&label(dataset, i));
        // The whole box, label included, stays inside the column.
        let x0 = left + half.0 - offset.0;
        let x1 = right - half.0 - offset.0;
        boxes.push((x0, -LAYER_GAP, x1.max(x0), height + 2.0 * LAYER_GAP));
        halves.push(half);
        offsets.push(offset);
    }

    // Start each body near its target, spread on a spiral, so the layout converges quickly
    // and never has to untangle countries from each other.
    let mut bodies = Simulation::phyllotaxis(n);
    for (i, b) in bodies.iter_mut().enumerate() {
        b.x = tx[i] + b.x * 0.6;
        b.y = ty[i] + b.y * 0.15;
    }
    let mut sim = Simulation::new(bodies, seed);
    sim.add_force(Link::new(graph.edge_endpoints(), 60.0));
    let mut charge = ManyBody::new(-80.0);
    charge.distance_max = 500.0;
    sim.add_force(charge);
    sim.add_force(PositionX { targets: tx, strengths: vec![0.08; n] });
    sim.add_force(PositionY { targets: ty, strengths: sy });
    sim.add_force(Collide::new(halves.clone()).with_offsets(offsets.clone()));

    let below: Vec<(usize, usize)> = dataset
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::PartOf)
        .filter_map(|e| Some((graph.node_index(&e.source)?, graph.node_index(&e.target)?)))
        .collect();
    sim.add_constraint(Bounds { boxes });
    sim.add_constraint(Below { pairs: below, gap: BELOW_GAP });
    let mut apart = Collide::new(halves).with_offsets(offsets);
    apart.strength = 1.0;
    sim.add_constraint(apart);
    sim
}

/// Lays a dataset out to rest, with every rule enforced. The simulation is returned warm for
/// later interaction (dragging reheats it).
pub fn settle(dataset: &Dataset, graph: &AllianceGraph, seed: u32) -> Simulation {
    let mut sim = simulation(dataset, graph, seed);
    sim.run(400);
    sim.enforce(2000);
    sim
}
