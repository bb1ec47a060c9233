//! What the build ships for the first load of the bundled dataset, beside the maintainers' files.
//!
//! The maintainers' JSON (`data/*.json`) stays as it is, for `data=`, validation and download.
//! `cargo xtask dist` validates it once and adds two files made from it:
//!
//! - [`FIRST_LOAD`]: what the first view needs, in one small file: every body and relation
//!   without its long texts (summaries, notes, websites, sources) and the first view laid out
//!   ahead of time (`layout::baked`). The app draws from it without validating or laying out.
//! - [`WHOLE`]: the whole validated dataset in one compact file, which the app reads after the
//!   first paint; the long texts and the flows then appear in the details, the flows panel
//!   and the exports.
//!
//! Both list nodes and edges in the order of the validated dataset, so an index means the
//! same thing in each.

use serde::{Deserialize, Serialize};

use crate::layout::baked::Baked;
use crate::model::Dataset;

/// The first-load file, in the data folder of the build.
pub const FIRST_LOAD: &str = "first-load.json";
/// The whole dataset in one file, in the data folder of the build.
pub const WHOLE: &str = "whole.json";

/// The first load: the dataset without its long texts, and the first view laid out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FirstLoad {
    pub dataset: Dataset,
    pub layouts: Vec<Baked>,
}

/// The dataset without what the first view does not show: summaries, notes, websites and
/// sources of bodies and relations, and the flows (a view that plays one reads the whole
/// dataset first).
pub fn without_long_texts(d: &Dataset) -> Dataset {
    let mut d = d.clone();
    d.flows.clear();
    for n in &mut d.nodes {
        n.summary = None;
        n.website = None;
        n.sources.clear();
    }
    for e in &mut d.edges {
        e.note = None;
        e.sources.clear();
    }
    d
}

/// Whether `whole` is the dataset `first` was made from (the same bodies and relations in the
/// same order), so that it may replace it without changing what any index means.
pub fn completes(first: &Dataset, whole: &Dataset) -> bool {
    first.nodes.len() == whole.nodes.len()
        && first.edges.len() == whole.edges.len()
        && first
            .nodes
            .iter()
            .zip(&whole.nodes)
            .all(|(a, b)| a.id == b.id)
        && first
            .edges
            .iter()
            .zip(&whole.edges)
            .all(|(a, b)| (&a.source, &a.target, a.kind) == (&b.source, &b.target, b.kind))
}

/// Makes the two files' contents from a validated dataset.
pub fn compile(whole: &Dataset) -> Result<(String, String), String> {
    // Laid out from exactly what the browser will hold at first.
    let dataset = without_long_texts(whole);
    let graph = crate::graph::AllianceGraph::build(&dataset);
    let layouts = crate::layout::baked::first_views(&dataset, &graph);
    let first = FirstLoad { dataset, layouts };
    let first = serde_json::to_string(&first).map_err(|e| format!("{FIRST_LOAD}: {e}"))?;
    let whole = serde_json::to_string(whole).map_err(|e| format!("{WHOLE}: {e}"))?;
    Ok((first, whole))
}
