//! Shortest paths between two bodies over chosen relation kinds: "how does a report from X
//! reach Y?". Relations are walked in either direction (an organization chart is read both
//! ways); each step remembers which way the relation points so it can be told in words.

use std::collections::VecDeque;

use crate::model::{Dataset, EdgeKind};

use super::AllianceGraph;

/// One step of a path: the relation (dataset edge number) and the body it leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub edge: usize,
    pub to: usize,
    /// True when the relation points the way the path goes.
    pub forward: bool,
}

/// Up to `limit` shortest paths from `from` to `to`, using only relations of the `allowed`
/// kinds (all kinds when empty) among the `visible` edges. Empty when there is none.
pub fn shortest_paths(
    d: &Dataset,
    g: &AllianceGraph,
    from: usize,
    to: usize,
    allowed: &[EdgeKind],
    visible: &[bool],
    limit: usize,
) -> Vec<Vec<Step>> {
    let n = g.node_count();
    if from >= n || to >= n || limit == 0 {
        return Vec::new();
    }
    if from == to {
        return vec![Vec::new()];
    }
    let usable = |k: usize| {
        visible.get(k).copied().unwrap_or(false)
            && (allowed.is_empty() || allowed.contains(&d.edges[k].kind))
    };
    // Breadth-first from `from`, keeping every predecessor step on a shortest route.
    let mut dist = vec![usize::MAX; n];
    let mut preds: Vec<Vec<(usize, Step)>> = vec![Vec::new(); n];
    dist[from] = 0;
    let mut queue = VecDeque::from([from]);
    while let Some(x) = queue.pop_front() {
        if x == to {
            break;
        }
        for (k, other, outgoing) in g.relations(x) {
            if !usable(k) {
                continue;
            }
            if dist[other] == usize::MAX {
                dist[other] = dist[x] + 1;
                queue.push_back(other);
            }
            if dist[other] == dist[x] + 1
                && !preds[other].iter().any(|(p, s)| *p == x && s.edge == k)
            {
                preds[other].push((
                    x,
                    Step {
                        edge: k,
                        to: other,
                        forward: outgoing,
                    },
                ));
            }
        }
    }
    if dist[to] == usize::MAX {
        return Vec::new();
    }
    // Walk the predecessors back from `to`, depth first, until `limit` paths are found.
    let mut out = Vec::new();
    let mut stack: Vec<(usize, Vec<Step>)> = vec![(to, Vec::new())];
    while let Some((at, tail)) = stack.pop() {
        if at == from {
            let mut path = tail;
            path.reverse();
            out.push(path);
            if out.len() >= limit {
                break;
            }
            continue;
        }
        for (p, step) in preds[at].iter().rev() {
            let mut t = tail.clone();
            t.push(*step);
            stack.push((*p, t));
        }
    }
    out
}
