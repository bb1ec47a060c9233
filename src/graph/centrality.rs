//! Structure analytics per country: degree, betweenness and a centralisation index.
//!
//! Betweenness is Brandes' algorithm on the undirected, unweighted graph — a few dozen lines,
//! written here because the maintained petgraph-based implementation (rustworkx-core) pulls in
//! rayon and a dozen other crates that would weigh on the wasm bundle for one function.

use std::collections::VecDeque;

/// Betweenness of each node of an undirected graph given by adjacency lists (each unordered
/// pair counted once, as in networkx's `normalized=False` for undirected graphs).
pub fn betweenness(adjacency: &[Vec<usize>]) -> Vec<f64> {
    let n = adjacency.len();
    let mut centrality = vec![0.0; n];
    let mut sigma = vec![0.0f64; n];
    let mut dist = vec![usize::MAX; n];
    let mut delta = vec![0.0f64; n];
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut order = Vec::with_capacity(n);
    for s in 0..n {
        for v in 0..n {
            sigma[v] = 0.0;
            dist[v] = usize::MAX;
            delta[v] = 0.0;
            preds[v].clear();
        }
        order.clear();
        sigma[s] = 1.0;
        dist[s] = 0;
        let mut queue = VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            order.push(v);
            for &w in &adjacency[v] {
                if dist[w] == usize::MAX {
                    dist[w] = dist[v] + 1;
                    queue.push_back(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                    preds[w].push(v);
                }
            }
        }
        for &w in order.iter().rev() {
            for &v in &preds[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                centrality[w] += delta[w];
            }
        }
    }
    // Each pair was counted from both ends.
    centrality.iter_mut().for_each(|c| *c /= 2.0);
    centrality
}

/// Freeman's degree centralisation: 1 for a star, 0 when every node has the same degree.
pub fn degree_centralization(degrees: &[usize]) -> f64 {
    let n = degrees.len();
    if n < 3 {
        return 0.0;
    }
    let max = degrees.iter().copied().max().unwrap_or(0) as f64;
    let sum: f64 = degrees.iter().map(|&d| max - d as f64).sum();
    sum / ((n - 1) * (n - 2)) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn undirected(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
        let mut adj = vec![Vec::new(); n];
        for &(a, b) in edges {
            adj[a].push(b);
            adj[b].push(a);
        }
        adj
    }

    #[test]
    fn a_path_of_three_puts_everything_through_the_middle() {
        assert_eq!(
            betweenness(&undirected(3, &[(0, 1), (1, 2)])),
            vec![0.0, 1.0, 0.0]
        );
    }

    #[test]
    fn the_hub_of_a_star_carries_every_pair() {
        let b = betweenness(&undirected(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]));
        assert_eq!(b[0], 6.0); // C(4, 2) pairs of leaves
        assert!(b[1..].iter().all(|&x| x == 0.0));
        assert_eq!(degree_centralization(&[4, 1, 1, 1, 1]), 1.0);
        assert_eq!(degree_centralization(&[2, 2, 2, 2]), 0.0);
    }

    #[test]
    fn parallel_shortest_paths_share_the_credit() {
        // A square: 0-1-2 and 0-3-2 are both shortest; 1 and 3 each carry half of (0,2).
        let b = betweenness(&undirected(4, &[(0, 1), (1, 2), (2, 3), (3, 0)]));
        assert_eq!(b, vec![0.5, 0.5, 0.5, 0.5]);
    }
}
