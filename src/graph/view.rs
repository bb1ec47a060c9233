//! Which bodies and relations a view shows, in two steps:
//!
//! - the **scope** ([`scope`]): what exists at the view's date and passes its filters and
//!   focus. The table, the counts and the path finder work on it.
//! - what the **map draws** ([`visible_in`]): the scope folded to the hierarchy levels that are
//!   open, with laws and multilateral forums only when their layer is on, and relations drawn
//!   in full only for the layers that are on (the others appear around the hovered or selected
//!   body: [`Visible::related`]).
//!
//! Everything the map does not draw is left out of the DOM entirely.

use std::collections::VecDeque;

use crate::model::{Dataset, EdgeKind, PartialDate};
use crate::view::{Open, ViewState};

use super::hierarchy::Hierarchy;
use super::layers::Layer;
use super::AllianceGraph;

/// The most bodies the map draws (as SVG) while staying responsive; larger datasets are refused
/// with a message naming this limit rather than freezing the tab.
pub const MAX_DRAWN_NODES: usize = 3_000;

/// How many bodies the first view opens the hierarchy to when the screen size is not known.
pub const DEFAULT_BUDGET: usize = 100;

/// Screen area one body needs in the first view (CSS px²): the hierarchy is opened while the
/// bodies drawn fit the map at this density. Measured with `cargo xtask bench legibility`: at
/// 7,000 a 1440×900 screen opened a third level and the relations crossed 2.4 times each.
const AREA_PER_BODY: f64 = 10_000.0;

/// Width below which the map is a phone's: regions stacked, the side panel a drawer (CSS px,
/// the same as the stylesheet's breakpoint).
pub const PHONE_BELOW_PX: f64 = 700.0;

/// The map's share of a window of this size (CSS px) before it is drawn: the side panel and
/// the header take the rest, on a phone the header only.
pub fn map_size(width: f64, height: f64) -> (f64, f64) {
    let (w, h) = if width < PHONE_BELOW_PX {
        (width, height - 110.0)
    } else {
        (width - 280.0, height - 70.0)
    };
    (w.max(200.0), h.max(200.0))
}

/// How many bodies the first view may draw on a map of this size (see [`map_size`]).
pub fn first_view_budget((w, h): (f64, f64)) -> usize {
    ((w * h) / AREA_PER_BODY).round() as usize
}

/// What exists in a view, per dataset node and per dataset edge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    pub nodes: Vec<bool>,
    pub edges: Vec<bool>,
}

/// What the map draws.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visible {
    /// Bodies drawn.
    pub nodes: Vec<bool>,
    /// Relations drawn in full: in a layer that is on, both ends drawn.
    pub edges: Vec<bool>,
    /// Relations between drawn bodies whatever their layer: drawn around the hovered or
    /// selected body.
    pub related: Vec<bool>,
    /// Bodies whose sub-units are drawn (only meaningful for drawn bodies with sub-units).
    pub open: Vec<bool>,
    /// Per drawn, closed body: how many bodies are folded into it (the "+N" badge).
    pub folded: Vec<usize>,
    /// Whether folding applies in this view (not while filtering by kind or role, or focusing).
    pub foldable: bool,
}

impl Visible {
    pub fn node_count(&self) -> usize {
        self.nodes.iter().filter(|&&v| v).count()
    }

    pub fn edge_count(&self) -> usize {
        self.edges.iter().filter(|&&v| v).count()
    }

    /// What the reader can do with body `i`'s sub-units: `Some(false)` when it is folded (it
    /// can be expanded: its badge says how many), `Some(true)` when it is open with sub-units
    /// drawn (it can be folded), `None` when neither applies.
    pub fn fold_state(&self, d: &Dataset, g: &AllianceGraph, i: usize) -> Option<bool> {
        if !self.foldable || !self.nodes.get(i).copied().unwrap_or(false) {
            return None;
        }
        if self.folded[i] > 0 {
            return Some(false);
        }
        let child_drawn = g
            .relations(i)
            .iter()
            .any(|&(k, _, out)| !out && self.related[k] && d.edges[k].kind == EdgeKind::PartOf);
        (self.open[i] && child_drawn).then_some(true)
    }
}

/// True when something dated `since`..`until` exists on day `at`.
fn exists(since: Option<PartialDate>, until: Option<PartialDate>, at: PartialDate) -> bool {
    since.is_none_or(|s| s.start() <= at.start()) && until.is_none_or(|u| at.start() < u.start())
}

/// Applies the view's date (today by default), filters and focus to the dataset.
pub fn scope(d: &Dataset, g: &AllianceGraph, v: &ViewState) -> Scope {
    let at = v.at(d.manifest.as_of);
    let mut nodes: Vec<bool> = d
        .nodes
        .iter()
        .map(|n| {
            at.is_none_or(|at| n.exists_at(at))
                && (v.country.is_empty() || v.country.contains(&n.country))
                && (v.kind.is_empty() || v.kind.contains(&n.kind))
                && (v.role.is_empty() || n.roles.iter().any(|r| v.role.contains(r)))
        })
        .collect();
    let edge_ok = |k: usize, nodes: &[bool]| {
        let e = &d.edges[k];
        let (Some(s), Some(t)) = (g.node_index(&e.source), g.node_index(&e.target)) else {
            return false;
        };
        nodes[s]
            && nodes[t]
            && (v.rel.is_empty() || v.rel.contains(&e.kind))
            && at.is_none_or(|at| exists(e.since, e.until, at))
    };
    if let Some(focus) = v
        .focus
        .as_deref()
        .and_then(|id| g.node_index(id))
        .filter(|&f| nodes[f])
    {
        // Breadth-first over the relations still visible, up to `depth` steps.
        let edges_now: Vec<bool> = (0..d.edges.len()).map(|k| edge_ok(k, &nodes)).collect();
        let mut dist = vec![usize::MAX; nodes.len()];
        dist[focus] = 0;
        let mut queue = VecDeque::from([focus]);
        while let Some(x) = queue.pop_front() {
            if dist[x] >= usize::from(v.depth) {
                continue;
            }
            for (k, other, _) in g.relations(x) {
                if edges_now[k] && dist[other] == usize::MAX {
                    dist[other] = dist[x] + 1;
                    queue.push_back(other);
                }
            }
        }
        for (i, shown) in nodes.iter_mut().enumerate() {
            *shown = *shown && dist[i] != usize::MAX;
        }
    }
    let edges = (0..d.edges.len()).map(|k| edge_ok(k, &nodes)).collect();
    Scope { nodes, edges }
}

/// What the map draws of `scope`. Bodies in `forced` (the selection, the ends and steps of a
/// path) are drawn whatever their layer, and the hierarchy is opened down to them. `budget` is
/// how many bodies the first view (no `open=`) may open the hierarchy to.
pub fn visible_in(
    d: &Dataset,
    g: &AllianceGraph,
    v: &ViewState,
    scope: &Scope,
    forced: &[usize],
    budget: usize,
) -> Visible {
    let layers = v.layers();
    let is_forced = |i: usize| forced.contains(&i);
    // Instruments (laws, strategies, multilateral forums) only with their layer, or when the
    // reader asked for one of them; filtering by kind asks for them too.
    let mut nodes: Vec<bool> = (0..d.nodes.len())
        .map(|i| {
            scope.nodes[i]
                && (Layer::of_node(d.nodes[i].kind).is_none_or(|l| layers.contains(&l))
                    || !v.kind.is_empty()
                    || is_forced(i))
        })
        .collect();
    let foldable = v.kind.is_empty() && v.role.is_empty() && v.focus.is_none();
    let n = d.nodes.len();
    let mut open = vec![true; n];
    let mut folded = vec![0; n];
    if foldable {
        let h = Hierarchy::new(d, g, &nodes, &scope.edges);
        open = match &v.open {
            Open::All => vec![true; n],
            Open::Auto => h.auto_open(budget),
            Open::Ids(ids) => {
                let mut o = vec![false; n];
                for i in ids.iter().filter_map(|id| g.node_index(id)) {
                    o[i] = true;
                }
                o
            }
        };
        for &i in forced.iter().filter(|&&i| i < n && nodes[i]) {
            h.reveal(i, &mut open);
        }
        let drawn = h.drawn(&open);
        for (shown, drawn) in nodes.iter_mut().zip(&drawn) {
            *shown = *shown && *drawn;
        }
        folded = h.folded(&nodes, &open);
    }
    let layer = Layer::of_edges(d, g);
    let ends = |k: usize| {
        let e = &d.edges[k];
        g.node_index(&e.source)
            .zip(g.node_index(&e.target))
            .is_some_and(|(s, t)| nodes[s] && nodes[t])
    };
    let related: Vec<bool> = (0..d.edges.len())
        .map(|k| scope.edges[k] && ends(k))
        .collect();
    let edges = (0..d.edges.len())
        .map(|k| related[k] && layers.contains(&layer[k]))
        .collect();
    Visible {
        nodes,
        edges,
        related,
        open,
        folded,
        foldable,
    }
}

/// What the map draws for a view, with the selection and the path's ends forced into sight and
/// the default budget: the whole computation in one call, for tests and exports.
pub fn visible(d: &Dataset, g: &AllianceGraph, v: &ViewState) -> Visible {
    let s = scope(d, g, v);
    let mut forced: Vec<usize> = v.select.iter().filter_map(|id| g.node_index(id)).collect();
    if let Some((a, b)) = &v.path {
        forced.extend(g.node_index(a));
        forced.extend(g.node_index(b));
    }
    visible_in(d, g, v, &s, &forced, DEFAULT_BUDGET)
}
