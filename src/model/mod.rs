//! The dataset: types, loading and validation. No web dependency; tested natively.

mod date;
mod load;
mod problem;
mod types;
pub mod validate;

pub use date::PartialDate;
pub use load::{load_with, parse_manifest, DatasetBuilder, Loaded, Origin};
pub use problem::Problem;
pub use types::*;

/// A validated dataset: every edge's ends exist, ids are unique, part_of has no loop, and every
/// body a flow names exists on the flow's date.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Dataset {
    pub manifest: Manifest,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Processes step by step, in file order (see `crate::story::flow`).
    pub flows: Vec<Flow>,
}

impl Dataset {
    pub fn country(&self, id: &str) -> Option<&Country> {
        self.manifest.countries.iter().find(|c| c.id == id)
    }

    /// The part of the dataset whose nodes satisfy `keep`, with the edges among them. Used for
    /// views (a date, a filter): the result is again a valid dataset, except that the flows are
    /// all kept, so one may name a body the subset left out.
    pub fn subset(&self, mut keep: impl FnMut(&Node) -> bool) -> Dataset {
        let nodes: Vec<Node> = self.nodes.iter().filter(|n| keep(n)).cloned().collect();
        let ids: std::collections::HashSet<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
        let edges = self
            .edges
            .iter()
            .filter(|e| ids.contains(e.source.as_str()) && ids.contains(e.target.as_str()))
            .cloned()
            .collect();
        Dataset {
            manifest: self.manifest.clone(),
            nodes,
            edges,
            flows: self.flows.clone(),
        }
    }

    /// The flow with this id.
    pub fn flow(&self, id: &str) -> Option<&Flow> {
        self.flows.iter().find(|f| f.id == id)
    }

    /// The colour a country is drawn in; mechanisms between countries are neutral.
    pub fn country_color(&self, id: &str) -> &str {
        self.country(id)
            .map(|c| c.color.as_str())
            .unwrap_or("#6b7280")
    }
}

impl Node {
    /// True when the body existed on `date`: from `since` up to, not including, `until`.
    pub fn exists_at(&self, date: PartialDate) -> bool {
        self.since.start() <= date.start() && self.until.is_none_or(|u| date.start() < u.start())
    }
}

/// JSON Schema of a data file, as published in `data/schema.json`.
pub fn data_file_schema() -> String {
    pretty(schemars::schema_for!(DataFile))
}

/// JSON Schema of the manifest, as published in `data/manifest.schema.json`.
pub fn manifest_schema() -> String {
    pretty(schemars::schema_for!(Manifest))
}

fn pretty(schema: schemars::Schema) -> String {
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}
