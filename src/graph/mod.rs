//! The dataset as a petgraph graph, with the questions the map asks of it: neighbours,
//! parents, depth in the hierarchy; which part a view shows ([`view`]), search ([`search`]),
//! shortest paths ([`paths`]).

pub mod centrality;
pub mod hierarchy;
pub mod layers;
pub mod paths;
pub mod search;
pub mod view;

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use crate::model::{Dataset, EdgeKind};

/// Node weights are indices into `dataset.nodes`, edge weights indices into `dataset.edges`,
/// so the graph never copies data and node index i is dataset node i.
pub struct AllianceGraph {
    pub graph: DiGraph<usize, usize>,
    index: HashMap<String, NodeIndex>,
}

impl AllianceGraph {
    pub fn build(dataset: &Dataset) -> Self {
        let mut graph = DiGraph::with_capacity(dataset.nodes.len(), dataset.edges.len());
        let mut index = HashMap::with_capacity(dataset.nodes.len());
        for (i, node) in dataset.nodes.iter().enumerate() {
            index.insert(node.id.clone(), graph.add_node(i));
        }
        for (k, edge) in dataset.edges.iter().enumerate() {
            // A validated dataset has both ends; anything else is skipped, never a panic.
            if let (Some(&s), Some(&t)) = (index.get(&edge.source), index.get(&edge.target)) {
                graph.add_edge(s, t, k);
            }
        }
        Self { graph, index }
    }

    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).map(|n| n.index())
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Endpoints of every edge as node numbers, in dataset order.
    pub fn edge_endpoints(&self) -> Vec<(usize, usize)> {
        self.graph
            .edge_indices()
            .filter_map(|e| self.graph.edge_endpoints(e))
            .map(|(s, t)| (s.index(), t.index()))
            .collect()
    }

    /// Nodes linked to `node` by any edge, either direction, without repeats.
    pub fn neighbours(&self, node: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .graph
            .neighbors_undirected(NodeIndex::new(node))
            .map(|n| n.index())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Edges touching `node`: (dataset edge number, other end, true when `node` is the source).
    pub fn relations(&self, node: usize) -> Vec<(usize, usize, bool)> {
        let n = NodeIndex::new(node);
        let out = self
            .graph
            .edges_directed(n, Direction::Outgoing)
            .map(|e| (*e.weight(), e.target().index(), true));
        let inc = self
            .graph
            .edges_directed(n, Direction::Incoming)
            .map(|e| (*e.weight(), e.source().index(), false));
        out.chain(inc).collect()
    }

    /// Parents along `part_of` edges.
    pub fn parents(&self, dataset: &Dataset, node: usize) -> Vec<usize> {
        self.graph
            .edges_directed(NodeIndex::new(node), Direction::Outgoing)
            .filter(|e| dataset.edges[*e.weight()].kind == EdgeKind::PartOf)
            .map(|e| e.target().index())
            .collect()
    }

    /// Depth of each node in the `part_of` hierarchy: 0 for a body that is part of nothing,
    /// otherwise one more than its deepest parent. The validator has removed part_of loops;
    /// should one remain, the depth is capped rather than looping.
    pub fn hierarchy_depths(&self, dataset: &Dataset) -> Vec<usize> {
        let n = self.node_count();
        let mut depth = vec![0usize; n];
        // Relax at most n times (longest path in a DAG has < n edges).
        for _ in 0..n.min(64) {
            let mut changed = false;
            for e in self.graph.edge_references() {
                if dataset.edges[*e.weight()].kind != EdgeKind::PartOf {
                    continue;
                }
                let (child, parent) = (e.source().index(), e.target().index());
                if depth[child] < depth[parent] + 1 {
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
}
