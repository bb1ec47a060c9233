//! What the build ships for the first load of the bundled dataset, beside the maintainers' files.
//!
//! The maintainers' JSON (`data/*.json`) stays as it is, for `data=`, validation and download.
//! `cargo xtask dist` validates it once and adds two files made from it:
//!
//! - [`FIRST_LOAD`]: what the first view needs, in one small file: every body and relation
//!   without its long texts (summaries, notes, websites, sources), and the index of the first
//!   views laid out ahead of time (`layout::baked`), each in a small file of its own under
//!   [`LAYOUTS`]: a reader fetches the one for their window. The app draws from them without
//!   validating or laying out.
//! - [`WHOLE`]: the whole validated dataset in one compact file, which the app reads after the
//!   first paint; the long texts and the flows then appear in the details, the flows panel
//!   and the exports.
//!
//! Both list nodes and edges in the order of the validated dataset, so an index means the
//! same thing in each.

use serde::{Deserialize, Serialize};

use crate::layout::baked::{digest, LayoutFile};
use crate::model::Dataset;

/// The first-load file, in the data folder of the build.
pub const FIRST_LOAD: &str = "first-load.json";
/// The whole dataset in one file, in the data folder of the build.
pub const WHOLE: &str = "whole.json";
/// The folder of the baked layouts, in the data folder of the build.
pub const LAYOUTS: &str = "layouts";

/// The first load: the dataset without its long texts, and where each first view's layout is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FirstLoad {
    pub dataset: Dataset,
    pub layouts: Vec<LayoutFile>,
}

/// What the build writes into its data folder: file name (relative to it) and contents.
pub struct Compiled {
    pub first: String,
    pub whole: String,
    /// One file per baked layout ([`Baked`](crate::layout::baked::Baked) as JSON), named after
    /// its positions.
    pub layouts: Vec<(String, String)>,
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

/// Makes the files' contents from a validated dataset.
pub fn compile(whole: &Dataset) -> Result<Compiled, String> {
    // Laid out from exactly what the browser will hold at first.
    let dataset = without_long_texts(whole);
    let graph = crate::graph::AllianceGraph::build(&dataset);
    let mut index = Vec::new();
    let mut layouts = Vec::new();
    for b in crate::layout::baked::first_views(&dataset, &graph) {
        let name = format!(
            "{LAYOUTS}/{}-{}.json",
            b.lang.as_str(),
            digest(b.positions.iter().copied())
        );
        let text = serde_json::to_string(&b).map_err(|e| format!("{name}: {e}"))?;
        index.push(LayoutFile::of(&b, name.clone()));
        layouts.push((name, text));
    }
    let first = FirstLoad {
        dataset,
        layouts: index,
    };
    Ok(Compiled {
        first: serde_json::to_string(&first).map_err(|e| format!("{FIRST_LOAD}: {e}"))?,
        whole: serde_json::to_string(whole).map_err(|e| format!("{WHOLE}: {e}"))?,
        layouts,
    })
}
