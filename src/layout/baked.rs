//! The first view, laid out ahead of time.
//!
//! Every visitor of the bundled dataset would compute the same first layout, so the build does
//! it once (`cargo xtask dist`): for each language, each drawing the first view can make (it
//! opens the hierarchy as far as the window's area allows: a handful of drawings in all) and
//! each screen shape (see [`Shape`]: a few dozen), it lays the drawing out and ships the resting
//! positions with the data (`src/compiled.rs`), one small file per distinct layout and an index
//! of them in the first load. Every window thus has its first view baked: the map fetches the
//! one file it needs and draws it at once, and runs the simulation only when something needs a
//! new layout: a drag, a change of view, a dataset opened with `data=`.
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

/// The largest window the build lays the first view out for (CSS px; an 8K screen): every
/// drawing the first view can make on a smaller one is baked.
pub const LARGEST_WINDOW: (f64, f64) = (7680.0, 4320.0);

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

/// Where the layout of one drawing on some shapes is: what the first load lists of each baked
/// layout, so that a reader fetches only the one for their window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayoutFile {
    pub lang: Lang,
    pub shapes: Vec<Shape>,
    /// The drawing, as [`drawing_key`] of its bodies and relations.
    pub drawing: String,
    /// The file holding the [`Baked`] layout, relative to the data folder.
    pub file: String,
}

impl LayoutFile {
    /// The entry of a baked layout, stored in `file`.
    pub fn of(b: &Baked, file: String) -> LayoutFile {
        LayoutFile {
            lang: b.lang,
            shapes: b.shapes.clone(),
            drawing: listed_key(&b.nodes, &b.edges),
            file,
        }
    }
}

/// The file of the layout of a drawing, if the build made one.
pub fn listed<'a>(
    index: &'a [LayoutFile],
    lang: Lang,
    shape: Shape,
    nodes: &[bool],
    edges: &[bool],
) -> Option<&'a LayoutFile> {
    let key = drawing_key(nodes, edges);
    index
        .iter()
        .find(|f| f.lang == lang && f.shapes.contains(&shape) && f.drawing == key)
}

/// A fingerprint of a drawing: which bodies and relations it has.
fn drawing_key(nodes: &[bool], edges: &[bool]) -> String {
    listed_key(&indices(nodes), &indices(edges))
}

fn listed_key(nodes: &[u32], edges: &[u32]) -> String {
    let mut h = Fnv::new();
    for &i in nodes {
        h.add(&i.to_le_bytes());
    }
    h.add(&[0xff; 4]);
    for &k in edges {
        h.add(&k.to_le_bytes());
    }
    h.hex()
}

/// 64-bit FNV-1a: short fingerprints that are the same on every platform.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn add(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
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
    let (nodes, edges) = first_drawings(d, g, lang)(first_view_budget(map));
    (Shape::of_screen(map.0, map.1), nodes, edges)
}

/// What the first view draws for a map that may hold so many bodies.
fn first_drawings<'a>(
    d: &'a Dataset,
    g: &'a AllianceGraph,
    lang: Lang,
) -> impl Fn(usize) -> (Vec<bool>, Vec<bool>) + 'a {
    let view = ViewState {
        lang: Some(lang),
        ..ViewState::default()
    };
    let s = scope(d, g, &view);
    move |budget| {
        let vis = visible_in(d, g, &view, &s, &[], budget);
        (vis.nodes, vis.edges)
    }
}

/// Every first view of every window up to [`LARGEST_WINDOW`], in both languages, each distinct
/// layout once (listing all the shapes that give it).
///
/// A window enters the first view through two numbers only: the bodies its map's area may hold
/// and its shape. The drawings are found by trying every budget up to the largest window's (the
/// hierarchy opens in steps, so a few hundred budgets give a handful of drawings), and each is
/// laid out for every shape.
pub fn first_views(d: &Dataset, g: &AllianceGraph) -> Vec<Baked> {
    let most = first_view_budget(map_size(LARGEST_WINDOW.0, LARGEST_WINDOW.1));
    let mut jobs: Vec<(Lang, Vec<bool>, Vec<bool>, Shape)> = Vec::new();
    for lang in [Lang::En, Lang::Ja] {
        let mut drawings: Vec<(Vec<bool>, Vec<bool>)> = Vec::new();
        let drawing_for = first_drawings(d, g, lang);
        for budget in 0..=most {
            let drawing = drawing_for(budget);
            if !drawings.contains(&drawing) {
                drawings.push(drawing);
            }
        }
        for (nodes, edges) in drawings {
            jobs.extend(Shape::all().map(|shape| (lang, nodes.clone(), edges.clone(), shape)));
        }
    }
    // The layouts are independent: they are made on every core, and listed in the jobs' order.
    let bake_job = |(lang, nodes, edges, shape): &(Lang, Vec<bool>, Vec<bool>, Shape)| {
        bake(d, nodes, edges, *lang, *shape)
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let baked: Vec<Baked> = if cores < 2 {
        jobs.iter().map(bake_job).collect()
    } else {
        let share = jobs.len().div_ceil(cores);
        std::thread::scope(|scope| {
            let handles: Vec<_> = jobs
                .chunks(share)
                .map(|chunk| scope.spawn(move || chunk.iter().map(bake_job).collect::<Vec<_>>()))
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    };
    let mut out: Vec<Baked> = Vec::new();
    for b in baked {
        match out.iter_mut().find(|o| {
            (o.lang, &o.nodes, &o.edges, &o.positions) == (b.lang, &b.nodes, &b.edges, &b.positions)
        }) {
            Some(same) => same.shapes.extend(b.shapes),
            None => out.push(b),
        }
    }
    out
}

/// A fingerprint of positions (64-bit FNV-1a over their bits, in order): the map shows it at
/// rest (`data-layout-digest`) so a test can tell, to the bit, that two pictures are the same.
pub fn digest(positions: impl IntoIterator<Item = [f64; 2]>) -> String {
    let mut h = Fnv::new();
    for p in positions {
        for v in p {
            h.add(&v.to_bits().to_le_bytes());
        }
    }
    h.hex()
}
