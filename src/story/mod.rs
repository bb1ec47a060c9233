//! Processes and changes over time: data and logic the UI only shows.

pub mod diff;
pub mod flow;

use std::collections::HashMap;

use crate::model::Dataset;

/// Each node's index in the dataset, by id.
fn node_index(d: &Dataset) -> HashMap<&str, usize> {
    d.nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect()
}
