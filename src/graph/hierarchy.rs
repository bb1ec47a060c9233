//! The `part_of` hierarchy of what a view can show, folded and unfolded like an organization
//! chart: a body's sub-units are drawn only when it is open. The first view opens the charts
//! layer by layer from the top for as long as what is drawn fits the screen.

use crate::model::{Dataset, EdgeKind};

use super::AllianceGraph;

/// Parents and children along the `part_of` relations that a view keeps.
#[derive(Clone, Debug)]
pub struct Hierarchy {
    parents: Vec<Vec<usize>>,
    children: Vec<Vec<usize>>,
    /// Bodies in an order where every parent comes before its children.
    order: Vec<usize>,
    depth: Vec<usize>,
}

impl Hierarchy {
    /// The hierarchy among the bodies with `nodes[i]`, over the `part_of` edges with `edges[k]`.
    pub fn new(dataset: &Dataset, graph: &AllianceGraph, nodes: &[bool], edges: &[bool]) -> Self {
        let n = dataset.nodes.len();
        let mut parents = vec![Vec::new(); n];
        let mut children = vec![Vec::new(); n];
        for (k, e) in dataset.edges.iter().enumerate() {
            if e.kind != EdgeKind::PartOf || !edges.get(k).copied().unwrap_or(false) {
                continue;
            }
            let (Some(c), Some(p)) = (graph.node_index(&e.source), graph.node_index(&e.target))
            else {
                continue;
            };
            if c != p && nodes[c] && nodes[p] && !parents[c].contains(&p) {
                parents[c].push(p);
                children[p].push(c);
            }
        }
        // Longest-path depth by relaxation; the validator removed cycles, and should one remain
        // the rounds are capped rather than looping.
        let mut depth = vec![0usize; n];
        for _ in 0..n.min(64) {
            let mut changed = false;
            for c in 0..n {
                for &p in &parents[c] {
                    if depth[c] < depth[p] + 1 {
                        depth[c] = depth[p] + 1;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        let mut order: Vec<usize> = (0..n).filter(|&i| nodes[i]).collect();
        order.sort_by_key(|&i| (depth[i], i));
        Hierarchy {
            parents,
            children,
            order,
            depth,
        }
    }

    pub fn parents(&self, i: usize) -> &[usize] {
        &self.parents[i]
    }

    pub fn children(&self, i: usize) -> &[usize] {
        &self.children[i]
    }

    /// Depth from the top of the chart: 0 for a body that is part of nothing shown.
    pub fn depth(&self, i: usize) -> usize {
        self.depth[i]
    }

    /// Which bodies are drawn when the bodies with `open[i]` are expanded: a body is drawn when
    /// it is at the top, or when one of its parents is drawn and open.
    pub fn drawn(&self, open: &[bool]) -> Vec<bool> {
        let mut drawn = vec![false; self.parents.len()];
        for &i in &self.order {
            drawn[i] =
                self.parents[i].is_empty() || self.parents[i].iter().any(|&p| drawn[p] && open[p]);
        }
        drawn
    }

    /// The first view's expansion: open the drawn bodies of depth 0, then 1, ... as long as the
    /// number of bodies drawn stays within `budget`. The top of each chart is always drawn.
    pub fn auto_open(&self, budget: usize) -> Vec<bool> {
        let mut open = vec![false; self.parents.len()];
        let max_depth = self.order.iter().map(|&i| self.depth[i]).max().unwrap_or(0);
        for level in 0..=max_depth {
            let drawn = self.drawn(&open);
            let mut next = open.clone();
            for &i in &self.order {
                if drawn[i] && self.depth[i] == level && !self.children[i].is_empty() {
                    next[i] = true;
                }
            }
            if self.drawn(&next).iter().filter(|&&d| d).count() > budget {
                break;
            }
            open = next;
        }
        open
    }

    /// Opens every ancestor of `i`, so that `i` is drawn.
    pub fn reveal(&self, i: usize, open: &mut [bool]) {
        let mut stack = vec![i];
        let mut seen = vec![false; open.len()];
        while let Some(x) = stack.pop() {
            for &p in &self.parents[x] {
                if !seen[p] {
                    seen[p] = true;
                    open[p] = true;
                    stack.push(p);
                }
            }
        }
    }

    /// For each drawn body that is closed, how many bodies below it are not drawn (folded into
    /// it); 0 for the others.
    pub fn folded(&self, drawn: &[bool], open: &[bool]) -> Vec<usize> {
        let n = self.parents.len();
        let mut out = vec![0; n];
        let mut seen = vec![usize::MAX; n];
        for i in (0..n).filter(|&i| drawn[i] && !open[i] && !self.children[i].is_empty()) {
            let mut stack: Vec<usize> = self.children[i].clone();
            while let Some(c) = stack.pop() {
                if seen[c] == i {
                    continue;
                }
                seen[c] = i;
                if !drawn[c] {
                    out[i] += 1;
                }
                stack.extend(self.children[c].iter().copied());
            }
        }
        out
    }
}
