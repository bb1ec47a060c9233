//! The forces and rules that make the graph read like an organization map of allies:
//! countries side by side in their own columns (mechanisms between them), the `part_of`
//! hierarchy from the top down, laws and strategies in a band below their country, labels apart.

use std::collections::HashMap;

use crate::graph::AllianceGraph;
use crate::model::{Dataset, EdgeKind, NodeKind, INTL};
use crate::view::Lang;

use super::labels::{self, Labels, LABEL_PX};
use super::{AlignY, Below, Bounds, Collide, Link, ManyBody, PositionX, PositionY, Simulation};

/// Vertical distance between hierarchy layers.
pub const LAYER_GAP: f64 = 90.0;
/// Radius of a node's symbol.
pub const NODE_RADIUS: f64 = 9.0;
/// Gap between the symbol and the label's first character.
pub const LABEL_GAP: f64 = 4.0;
/// Space kept free around each label box.
const PAD: f64 = 2.0;
/// Minimum vertical distance of a child below its parent.
const BELOW_GAP: f64 = 2.0 * NODE_RADIUS + 6.0;

/// Text drawn next to a node in `lang` (see [`Labels`]). Builds the labels of the whole
/// dataset: to label many nodes, make one [`Labels`] and ask it.
pub fn label(dataset: &Dataset, node: usize, lang: Lang) -> String {
    Labels::new(dataset, lang).text(node).to_string()
}

/// Drawn width of a label at the map's label size: its widest line.
pub fn label_width(text: &str) -> f64 {
    labels::size(&labels::lines(text), LABEL_PX).0
}

/// Half extents and centre offset of the box a node occupies: symbol plus label to its right.
fn label_box(text: &str) -> ((f64, f64), (f64, f64)) {
    let (w, h) = labels::size(&labels::lines(text), LABEL_PX);
    let half = (
        (2.0 * NODE_RADIUS + LABEL_GAP + w) / 2.0 + PAD,
        NODE_RADIUS.max(h / 2.0) + PAD,
    );
    ((half), ((LABEL_GAP + w) / 2.0, 0.0))
}

/// The order of the country columns: declared countries with `intl` in the middle.
pub fn column_order(dataset: &Dataset) -> Vec<String> {
    let mut cols: Vec<String> = dataset
        .manifest
        .countries
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let middle = cols
        .len()
        .div_ceil(2)
        .min(cols.len())
        .min(1.max(cols.len() / 2));
    cols.insert(middle, INTL.to_string());
    cols
}

/// Columns as (country, left, right), sized by the area their labels need.
pub fn columns(dataset: &Dataset, height: f64, lang: Lang) -> Vec<(String, f64, f64)> {
    let order = column_order(dataset);
    let labels = Labels::new(dataset, lang);
    let widths: Vec<f64> = order
        .iter()
        .map(|c| {
            let area: f64 = (0..dataset.nodes.len())
                .filter(|&i| &dataset.nodes[i].country == c)
                .map(|i| {
                    let ((hw, hh), _) = label_box(labels.text(i));
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

/// Below this width (CSS px) the regions are stacked one above the other instead of side by
/// side: three columns on a phone leave labels no room.
pub const STACK_BELOW_PX: f64 = crate::graph::view::PHONE_BELOW_PX;
/// Width of the regions when they are stacked, in layout units.
const STACKED_WIDTH: f64 = 400.0;
/// Vertical space between stacked regions: room for the next region's title, which is drawn
/// at a fixed size on screen and so takes more layout units on a small, zoomed-out map.
const STACK_GAP: f64 = 110.0;

/// The narrowest and the widest side-by-side shapes, in eighths (width over height).
const MIN_EIGHTHS: u32 = 4;
const MAX_EIGHTHS: u32 = 24;

/// What the layout takes from the screen: whether the regions are stacked and, side by side,
/// the screen's proportions in steps of an eighth, from half as wide as high to three times as
/// wide (a screen beyond either end takes the nearest). So few shapes cover every screen that
/// the build lays the first view out ahead of time for each of them (`layout::baked`); the
/// camera fits the picture to the exact size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// A narrow screen (below [`STACK_BELOW_PX`]): the regions one above the other.
    Stacked,
    /// Side by side on a screen `eighths / 8` times as wide as it is high (0: no shape known,
    /// the layers at their standard gap).
    Wide { eighths: u32 },
}

impl Shape {
    /// The shape of a map `width`×`height` CSS px.
    pub fn of_screen(width: f64, height: f64) -> Shape {
        if width < STACK_BELOW_PX {
            return Shape::Stacked;
        }
        let eighths = if height > 0.0 && width.is_finite() {
            (width / height * 8.0)
                .round()
                .clamp(f64::from(MIN_EIGHTHS), f64::from(MAX_EIGHTHS)) as u32
        } else {
            0
        };
        Shape::Wide { eighths }
    }

    /// Every shape a screen of known size has.
    pub fn all() -> impl Iterator<Item = Shape> {
        std::iter::once(Shape::Stacked)
            .chain((MIN_EIGHTHS..=MAX_EIGHTHS).map(|eighths| Shape::Wide { eighths }))
    }

    /// Width over height (0 when unknown or stacked).
    pub fn aspect(self) -> f64 {
        match self {
            Shape::Stacked => 0.0,
            Shape::Wide { eighths } => f64::from(eighths) / 8.0,
        }
    }
}

/// Private companies and sector bodies: drawn in a band of their own below the government's
/// chart, as partners of it rather than parts of it.
fn is_partner(kind: NodeKind) -> bool {
    matches!(kind, NodeKind::PrivateCompany | NodeKind::SectorBody)
}

/// The geometry of the map — the region of each country, the hierarchy depth of each body,
/// the bands of partners and of laws — computed for the part of the dataset that is drawn.
#[derive(Clone, Debug)]
pub struct Frame {
    /// The language of the labels the boxes are sized for.
    pub lang: Lang,
    /// Regions as (country, left, right), side by side, or all the same width when stacked.
    pub columns: Vec<(String, f64, f64)>,
    /// Top of each region: 0 side by side; growing downwards when stacked.
    pub tops: HashMap<String, f64>,
    /// Height of each region when stacked (side by side they share [`Frame::height`]).
    pub heights: HashMap<String, f64>,
    pub stacked: bool,
    pub depths: HashMap<String, usize>,
    /// Vertical distance between hierarchy layers (at least [`LAYER_GAP`]).
    pub gap: f64,
    /// Where partners (companies, ISACs) stand, relative to a region's top.
    pub partner_band: f64,
    pub law_band: f64,
    /// Height of one region (side by side: of all of them).
    pub height: f64,
}

impl Frame {
    /// Regions side by side, as on a wide screen, at the standard layer gap.
    pub fn new(dataset: &Dataset, graph: &AllianceGraph, lang: Lang) -> Self {
        Self::for_screen(dataset, graph, lang, f64::INFINITY, 0.0)
    }

    /// The frame for a map `width`×`height` CSS px (see [`Shape::of_screen`]).
    pub fn for_screen(
        dataset: &Dataset,
        graph: &AllianceGraph,
        lang: Lang,
        width: f64,
        height: f64,
    ) -> Self {
        Self::for_shape(dataset, graph, lang, Shape::of_screen(width, height))
    }

    /// The frame for a screen of this shape: regions stacked one above the other on a narrow
    /// screen; side by side, the layers spread apart until the picture has about the screen's
    /// proportions (an organization chart wider than the screen would be shrunk, and its labels
    /// hidden).
    pub fn for_shape(dataset: &Dataset, graph: &AllianceGraph, lang: Lang, shape: Shape) -> Self {
        let stacked = shape == Shape::Stacked;
        let aspect = shape.aspect();
        let depth = aligned_depths(dataset, graph, !stacked);
        let max_of = |partner: bool| {
            dataset
                .nodes
                .iter()
                .zip(&depth)
                .filter(|(n, _)| {
                    is_partner(n.kind) == partner
                        && !matches!(n.kind, NodeKind::Law | NodeKind::Strategy)
                })
                .map(|(_, &d)| d as f64)
                .fold(None, |m: Option<f64>, d| Some(m.map_or(d, |m| m.max(d))))
        };
        let gov_layers = max_of(false).unwrap_or(0.0) + 1.0;
        let partner_layers = max_of(true).map_or(0.0, |_| 1.0);
        let has_laws = dataset
            .nodes
            .iter()
            .any(|n| matches!(n.kind, NodeKind::Law | NodeKind::Strategy));
        // In layers: the government's chart, its partners, its laws.
        let layers = gov_layers + partner_layers + if has_laws { 1.5 } else { 0.0 };
        let depths = dataset
            .nodes
            .iter()
            .zip(depth)
            .map(|(n, d)| (n.id.clone(), d))
            .collect();
        let labels = Labels::new(dataset, lang);
        let area = |c: &str| -> f64 {
            (0..dataset.nodes.len())
                .filter(|&i| dataset.nodes[i].country == c)
                .map(|i| {
                    let ((hw, hh), _) = label_box(labels.text(i));
                    4.0 * hw * hh
                })
                .sum()
        };
        let mut gap = LAYER_GAP;
        let mut tops = HashMap::new();
        let mut heights = HashMap::new();
        let regions;
        let mut region_height = layers * gap;
        if stacked {
            // Each region as tall as its bodies need at this width, one under the other.
            let mut top = 0.0;
            let mut cols = Vec::new();
            for c in column_order(dataset) {
                let needed = (area(&c) * 2.2 / STACKED_WIDTH).max(layers * gap);
                cols.push((c.clone(), -STACKED_WIDTH / 2.0, STACKED_WIDTH / 2.0));
                tops.insert(c.clone(), top);
                heights.insert(c.clone(), needed);
                if dataset.nodes.iter().any(|n| n.country == c) {
                    top += needed + STACK_GAP;
                    region_height = region_height.max(needed);
                }
            }
            regions = cols;
        } else {
            let mut cols = columns(dataset, layers * gap, lang);
            // Stretch the layers (at most 2.5 times) towards the screen's shape; narrower
            // columns follow from the taller frame.
            for _ in 0..3 {
                let total = cols.last().map_or(0.0, |c| c.2) - cols.first().map_or(0.0, |c| c.1);
                if aspect <= 0.0 || total / (layers * gap) <= aspect * 1.05 {
                    break;
                }
                gap = (total / aspect / layers).clamp(LAYER_GAP, 2.5 * LAYER_GAP);
                cols = columns(dataset, layers * gap, lang);
            }
            region_height = layers * gap;
            for c in &cols {
                tops.insert(c.0.clone(), 0.0);
            }
            regions = cols;
        }
        // Partners just below the chart's last layer, not a whole layer further.
        let partner_band = (gov_layers - 0.4).max(0.6) * gap;
        let law_band = partner_band + (partner_layers + 0.5) * gap;
        Frame {
            lang,
            columns: regions,
            tops,
            heights,
            stacked,
            depths,
            gap,
            partner_band,
            law_band,
            height: region_height,
        }
    }

    fn column(&self, country: &str) -> (f64, f64) {
        self.columns
            .iter()
            .find(|c| c.0 == country)
            .map(|c| (c.1, c.2))
            .unwrap_or((0.0, 0.0))
    }

    fn top(&self, country: &str) -> f64 {
        self.tops.get(country).copied().unwrap_or(0.0)
    }
}

/// (source, target) node numbers of every relation of `kind`.
fn pairs(dataset: &Dataset, graph: &AllianceGraph, kind: EdgeKind) -> Vec<(usize, usize)> {
    dataset
        .edges
        .iter()
        .filter(|e| e.kind == kind)
        .filter_map(|e| Some((graph.node_index(&e.source)?, graph.node_index(&e.target)?)))
        .collect()
}

/// Hierarchy depth per body, with functional counterparts put on the same layer (the deeper of
/// the two) so that the two countries' charts face each other like a mirrored comparison;
/// children are pushed down to stay below their parents.
fn aligned_depths(dataset: &Dataset, graph: &AllianceGraph, mirror: bool) -> Vec<usize> {
    let mut depth = graph.hierarchy_depths(dataset);
    let counterparts = if mirror {
        pairs(dataset, graph, EdgeKind::CounterpartOf)
    } else {
        Vec::new()
    };
    let part_of = pairs(dataset, graph, EdgeKind::PartOf);
    // Bounded: each round can only deepen, and depth is capped by the number of bodies.
    for _ in 0..dataset.nodes.len().min(64) {
        let mut changed = false;
        for &(a, b) in &counterparts {
            let m = depth[a].max(depth[b]);
            changed |= depth[a] != m || depth[b] != m;
            depth[a] = m;
            depth[b] = m;
        }
        for &(child, parent) in &part_of {
            if depth[child] <= depth[parent] {
                depth[child] = depth[parent] + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    depth
}

/// Builds the simulation for `view` (the whole dataset or part of it) in `frame`, seeded so
/// the same data give the same picture.
pub fn simulation(view: &Dataset, graph: &AllianceGraph, frame: &Frame, seed: u32) -> Simulation {
    let n = view.nodes.len();
    let mut tx = Vec::with_capacity(n);
    let mut ty = Vec::with_capacity(n);
    let mut sy = Vec::with_capacity(n);
    let mut halves = Vec::with_capacity(n);
    let mut offsets = Vec::with_capacity(n);
    let mut boxes = Vec::with_capacity(n);
    let labels = Labels::new(view, frame.lang);
    for (i, node) in view.nodes.iter().enumerate() {
        let (left, right) = frame.column(&node.country);
        let top = frame.top(&node.country);
        tx.push((left + right) / 2.0);
        let instrument = matches!(node.kind, NodeKind::Law | NodeKind::Strategy);
        let depth = frame.depths.get(&node.id).copied().unwrap_or(0) as f64;
        ty.push(
            top + if instrument {
                frame.law_band
            } else if is_partner(node.kind) {
                frame.partner_band.max(depth * frame.gap)
            } else {
                depth * frame.gap
            },
        );
        sy.push(if instrument { 0.2 } else { 0.3 });
        let (half, offset) = label_box(labels.text(i));
        // The whole box, label included, stays inside the column.
        let x0 = left + half.0 - offset.0;
        let x1 = right - half.0 - offset.0;
        let (y0, y1) = if frame.stacked {
            let h = frame
                .heights
                .get(&node.country)
                .copied()
                .unwrap_or(frame.height);
            (top - 0.4 * frame.gap, top + h)
        } else {
            (-frame.gap, frame.height + 2.0 * frame.gap)
        };
        boxes.push((x0, y0, x1.max(x0), y1));
        halves.push(half);
        offsets.push(offset);
    }

    // Counterparts side by side aim at the same row: the lower of their two.
    if !frame.stacked {
        for (a, b) in pairs(view, graph, EdgeKind::CounterpartOf) {
            let m = ty[a].max(ty[b]);
            ty[a] = m;
            ty[b] = m;
        }
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
    sim.add_force(PositionX {
        targets: tx,
        strengths: vec![0.08; n],
    });
    sim.add_force(PositionY {
        targets: ty,
        strengths: sy,
    });
    sim.add_force(Collide::new(halves.clone()).with_offsets(offsets.clone()));
    // Counterparts face each other: the two charts read as a mirrored comparison (side by
    // side only: stacked regions have no common rows).
    if !frame.stacked {
        sim.add_force(AlignY {
            pairs: pairs(view, graph, EdgeKind::CounterpartOf),
            strength: 1.0,
        });
    }
    sim.add_constraint(Bounds { boxes });
    sim.add_constraint(Below {
        pairs: pairs(view, graph, EdgeKind::PartOf),
        gap: BELOW_GAP,
    });
    let mut apart = Collide::new(halves).with_offsets(offsets);
    apart.strength = 1.0;
    sim.add_constraint(apart);
    sim
}

/// The part of a dataset that a view draws, as a dataset of its own: the bodies with
/// `nodes[i]` and the relations with `edges[k]` (the layers that are on). The map lays this
/// out, so the picture is made for what the reader sees, not for bodies folded away.
pub fn part(d: &Dataset, nodes: &[bool], edges: &[bool]) -> Dataset {
    let keep = |on: Option<&bool>| on.copied().unwrap_or(false);
    Dataset {
        manifest: d.manifest.clone(),
        nodes: d
            .nodes
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(nodes.get(*i)))
            .map(|(_, n)| n.clone())
            .collect(),
        edges: d
            .edges
            .iter()
            .enumerate()
            .filter(|(k, _)| keep(edges.get(*k)))
            .map(|(_, e)| e.clone())
            .collect(),
        flows: Vec::new(),
    }
}

/// Lays a dataset out to rest, with every rule enforced. The simulation is returned warm for
/// later interaction (dragging reheats it).
pub fn settle(dataset: &Dataset, graph: &AllianceGraph, seed: u32) -> Simulation {
    let frame = Frame::new(dataset, graph, Lang::En);
    let mut sim = simulation(dataset, graph, &frame, seed);
    sim.run(400);
    sim.enforce(3000);
    sim
}

/// Starts `sim` from an earlier picture so that a change of view (a filter, a date) does not
/// re-lay the map from scratch: bodies that were on screen keep their place, new ones start
/// next to their already placed neighbours, and the simulation is only lukewarm so the rest
/// settles gently around them.
pub fn warm_start(
    sim: &mut Simulation,
    dataset: &Dataset,
    graph: &AllianceGraph,
    previous: &HashMap<String, (f64, f64)>,
) {
    let mut placed = vec![false; dataset.nodes.len()];
    for (i, node) in dataset.nodes.iter().enumerate() {
        if let (Some(&(x, y)), Some(b)) = (previous.get(&node.id), sim.bodies.get_mut(i)) {
            b.x = x;
            b.y = y;
            placed[i] = true;
        }
    }
    for i in 0..dataset.nodes.len() {
        if placed[i] {
            continue;
        }
        let near: Vec<(f64, f64)> = graph
            .neighbours(i)
            .into_iter()
            .filter(|&j| placed[j])
            .map(|j| (sim.bodies[j].x, sim.bodies[j].y))
            .collect();
        if !near.is_empty() {
            let k = near.len() as f64;
            let (x, y) = near.iter().fold((0.0, 0.0), |(a, b), p| (a + p.0, b + p.1));
            // A small deterministic offset keeps newcomers off their neighbours' exact spot.
            sim.bodies[i].x = x / k + 12.0 * ((i % 7) as f64 - 3.0);
            sim.bodies[i].y = y / k + 20.0;
        }
    }
    // Anchor the bodies that stay to where they were; newcomers are free.
    let anchor = |on: bool| if on { 1.0 } else { 0.0 };
    let xs: Vec<f64> = sim.bodies.iter().map(|b| b.x).collect();
    let ys: Vec<f64> = sim.bodies.iter().map(|b| b.y).collect();
    let strengths: Vec<f64> = placed.iter().map(|&p| anchor(p)).collect();
    sim.add_force(PositionX {
        targets: xs,
        strengths: strengths.clone(),
    });
    sim.add_force(PositionY {
        targets: ys,
        strengths,
    });
    sim.alpha = 0.1;
}

/// Positions by node id, to carry a picture over to the next view.
pub fn positions_by_id(dataset: &Dataset, sim: &Simulation) -> HashMap<String, (f64, f64)> {
    dataset
        .nodes
        .iter()
        .zip(&sim.bodies)
        .map(|(n, b)| (n.id.clone(), (b.x, b.y)))
        .collect()
}
