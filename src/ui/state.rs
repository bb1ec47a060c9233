//! What the components share: the loaded model (immutable) and the view state (signals).

use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;

use crate::graph::AllianceGraph;
use crate::model::{Dataset, Problem};

/// The dataset with its graph: built once per load, never copied.
pub struct Model {
    pub dataset: Dataset,
    pub graph: AllianceGraph,
    /// Problems found while loading; the map still shows what could be read.
    pub problems: Vec<Problem>,
}

impl Model {
    pub fn new(dataset: Dataset, problems: Vec<Problem>) -> Arc<Self> {
        let graph = AllianceGraph::build(&dataset);
        Arc::new(Self { dataset, graph, problems })
    }
}

/// View state shared by the map, the details panel and the legend.
#[derive(Clone, Copy)]
pub struct MapState {
    pub selected: RwSignal<Option<usize>>,
    pub hovered: RwSignal<Option<usize>>,
    /// The nodes to emphasise: the hovered (else selected) node and its neighbours.
    pub highlight: Memo<Option<HashSet<usize>>>,
}

impl MapState {
    pub fn new(model: Arc<Model>) -> Self {
        let selected = RwSignal::new(None);
        let hovered = RwSignal::new(None);
        let highlight = Memo::new(move |_| {
            let focus = hovered.get().or(selected.get())?;
            let mut set: HashSet<usize> = model.graph.neighbours(focus).into_iter().collect();
            set.insert(focus);
            Some(set)
        });
        Self { selected, hovered, highlight }
    }
}
