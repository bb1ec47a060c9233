//! Which bodies and relations a view shows: the date, the filters, the focus.
//! Everything hidden here is left out of the drawing entirely.

use std::collections::VecDeque;

use crate::model::{Dataset, PartialDate};
use crate::view::ViewState;

use super::AllianceGraph;

/// The most bodies the map draws (as SVG) while staying responsive; larger datasets are refused
/// with a message naming this limit rather than freezing the tab.
pub const MAX_DRAWN_NODES: usize = 3_000;

/// Visibility per dataset node and per dataset edge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visible {
    pub nodes: Vec<bool>,
    pub edges: Vec<bool>,
}

impl Visible {
    pub fn node_count(&self) -> usize {
        self.nodes.iter().filter(|&&v| v).count()
    }
}

/// Applies the view's date, filters and focus to the dataset.
pub fn visible(d: &Dataset, g: &AllianceGraph, v: &ViewState) -> Visible {
    let exists = |since: Option<PartialDate>, until: Option<PartialDate>, at: PartialDate| {
        since.is_none_or(|s| s.start() <= at.start())
            && until.is_none_or(|u| at.start() < u.start())
    };
    let mut nodes: Vec<bool> = d
        .nodes
        .iter()
        .map(|n| {
            v.date.is_none_or(|at| n.exists_at(at))
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
            && v.date.is_none_or(|at| exists(e.since, e.until, at))
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
    Visible { nodes, edges }
}
