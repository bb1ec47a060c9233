//! The first view, laid out ahead of time.
//!
//! Every visitor of the bundled dataset would compute the same first layout, so the build does
//! it once (`cargo xtask dist`): for each language and each screen shape (see [`Shape`]) a
//! visitor's window may have, it lays out what the first view draws there and ships the resting
//! positions with the data (`src/compiled.rs`). The map then draws them at once and runs the
//! simulation only when something needs a new layout: a drag, a change of view, a dataset
//! opened with `data=`.
//!
//! A baked layout is the browser's own result, not an approximation of it: [`lay_out`] is what
//! the map calls too, the engine uses the same `libm` functions on every platform, and
//! [`Rest`] takes the same steps however they are sliced into animation frames. The end-to-end
//! tests compare the two pictures position by position.

use serde::{Deserialize, Serialize};

use super::organization::{self, Frame, Shape};
use super::{Rest, Simulation};
use crate::graph::view::{first_view_budget, map_size, scope, visible_in};
use crate::graph::AllianceGraph;
use crate::model::Dataset;
use crate::view::{Lang, ViewState};

/// The seed of the layout: the same data always give the same picture.
pub const SEED: u32 = 0x0a11_1a9e;

/// Most passes of the constraints when coming to rest (each pass applies every rule once; most
/// layouts need far fewer).
pub const ENFORCE_PASSES: usize = 2000;

/// Window sizes (CSS px) the build lays the first view out for: common desktop, laptop, tablet
/// and phone viewports, with and without a browser's toolbars. Windows of other sizes mostly
/// fall on the same shapes and drawings; the rest are laid out in the browser as before.
pub const WINDOWS: &[(f64, f64)] = &[
    (2560.0, 1440.0),
    (2560.0, 1300.0),
    (1920.0, 1200.0),
    (1920.0, 1080.0),
    (1920.0, 960.0),
    (1680.0, 1050.0),
    (1680.0, 930.0),
    (1600.0, 900.0),
    (1600.0, 780.0),
    (1536.0, 864.0),
    (1536.0, 740.0),
    (1440.0, 900.0),
    (1440.0, 780.0),
    (1366.0, 768.0),
    (1366.0, 650.0),
    (1280.0, 800.0),
    (1280.0, 720.0),
    (1280.0, 680.0),
    (1280.0, 600.0),
    (1024.0, 768.0),
    (1024.0, 1366.0),
    (820.0, 1180.0),
    (768.0, 1024.0),
    (390.0, 844.0),
    (360.0, 800.0),
    (412.0, 915.0),
    (375.0, 667.0),
];

/// One drawing (which bodies and relations) laid out at rest for one language, on screens of
/// the shapes listed (several shapes may give the same picture).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Baked {
    pub lang: Lang,
    pub shapes: Vec<Shape>,
    /// Dataset indices of the bodies drawn, ascending.
    pub nodes: Vec<u32>,
    /// Dataset indices of the relations drawn, ascending.
    pub edges: Vec<u32>,
    /// Where each body of `nodes` rests, in the same order. At rest positions lie on a grid of
    /// 1/64 (see [`super::REST_GRID`]), so their decimals are short and read back exactly.
    pub positions: Vec<[f64; 2]>,
}

impl Baked {
    /// Whether this is the layout of that drawing.
    pub fn fits(&self, lang: Lang, shape: Shape, nodes: &[bool], edges: &[bool]) -> bool {
        self.lang == lang
            && self.shapes.contains(&shape)
            && same(&self.nodes, nodes)
            && same(&self.edges, edges)
    }
}

/// The layout of a drawing among `baked`, if the build made it.
pub fn find<'a>(
    baked: &'a [Baked],
    lang: Lang,
    shape: Shape,
    nodes: &[bool],
    edges: &[bool],
) -> Option<&'a Baked> {
    baked.iter().find(|b| b.fits(lang, shape, nodes, edges))
}

fn same(listed: &[u32], on: &[bool]) -> bool {
    let mut listed = listed.iter().map(|&i| i as usize);
    on.iter()
        .enumerate()
        .filter(|(_, &on)| on)
        .all(|(i, _)| listed.next() == Some(i))
        && listed.next().is_none()
}

fn indices(on: &[bool]) -> Vec<u32> {
    (0..on.len()).filter(|&i| on[i]).map(|i| i as u32).collect()
}

/// A drawing set up for the engine: the part of the dataset drawn, its graph, the frame and a
/// cold simulation. What the map lays out, and what the build bakes.
pub struct Drawing {
    pub part: Dataset,
    pub graph: AllianceGraph,
    pub frame: Frame,
    pub sim: Simulation,
}

/// Sets up the layout of the bodies `nodes` and relations `edges` of `d` for `lang` on a screen
/// of this `shape`.
pub fn lay_out(d: &Dataset, nodes: &[bool], edges: &[bool], lang: Lang, shape: Shape) -> Drawing {
    let part = organization::part(d, nodes, edges);
    let graph = AllianceGraph::build(&part);
    let frame = Frame::for_shape(&part, &graph, lang, shape);
    let sim = organization::simulation(&part, &graph, &frame, SEED);
    Drawing {
        part,
        graph,
        frame,
        sim,
    }
}

/// Lays the drawing out to rest, as the browser would.
pub fn bake(d: &Dataset, nodes: &[bool], edges: &[bool], lang: Lang, shape: Shape) -> Baked {
    let mut sim = lay_out(d, nodes, edges, lang, shape).sim;
    Rest::new(ENFORCE_PASSES).run(&mut sim);
    Baked {
        lang,
        shapes: vec![shape],
        nodes: indices(nodes),
        edges: indices(edges),
        positions: sim.bodies.iter().map(|b| [b.x, b.y]).collect(),
    }
}

/// The first view (no parameter but the language) of a window `width`×`height` CSS px: the
/// shape its map has and the bodies and relations drawn, by the map's own rules.
pub fn first_view(
    d: &Dataset,
    g: &AllianceGraph,
    lang: Lang,
    (width, height): (f64, f64),
) -> (Shape, Vec<bool>, Vec<bool>) {
    let map = map_size(width, height);
    let view = ViewState {
        lang: Some(lang),
        ..ViewState::default()
    };
    let s = scope(d, g, &view);
    let vis = visible_in(d, g, &view, &s, &[], first_view_budget(map));
    (Shape::of_screen(map.0, map.1), vis.nodes, vis.edges)
}

/// The first views of every window in [`WINDOWS`], in both languages, each drawing laid out
/// once (and listed once for all the shapes that give it the same picture).
pub fn first_views(d: &Dataset, g: &AllianceGraph) -> Vec<Baked> {
    let mut out: Vec<Baked> = Vec::new();
    for lang in [Lang::En, Lang::Ja] {
        for &window in WINDOWS {
            let (shape, nodes, edges) = first_view(d, g, lang, window);
            if find(&out, lang, shape, &nodes, &edges).is_some() {
                continue;
            }
            let b = bake(d, &nodes, &edges, lang, shape);
            match out.iter_mut().find(|o| {
                (o.lang, &o.nodes, &o.edges, &o.positions)
                    == (lang, &b.nodes, &b.edges, &b.positions)
            }) {
                Some(same) => same.shapes.push(shape),
                None => out.push(b),
            }
        }
    }
    out
}

/// A fingerprint of positions (64-bit FNV-1a over their bits, in order): the map shows it at
/// rest (`data-layout-digest`) so a test can tell, to the bit, that two pictures are the same.
pub fn digest(positions: impl IntoIterator<Item = [f64; 2]>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in positions {
        for v in p {
            for byte in v.to_bits().to_le_bytes() {
                h ^= u64::from(byte);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    format!("{h:016x}")
}
