//! What the components share: the loaded model (immutable) and the view state (signals).
//! The [`ViewState`] signal is the single source of truth — it is what the URL carries;
//! everything else here is derived from it with `Memo`s.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;

use crate::compiled::FirstLoad;
use crate::graph::paths::{shortest_paths, Step};
use crate::graph::view::{scope, visible_in, Scope, Visible, DEFAULT_BUDGET};
use crate::graph::AllianceGraph;
use crate::layout::baked::LayoutFile;
use crate::model::{Dataset, EdgeKind, Problem};
use crate::view::{Lang, Open, ViewKind, ViewState};

/// How many shortest paths the path finder lists at most.
pub const MAX_PATHS: usize = 5;

/// The dataset with its graph: built once per load, never copied.
pub struct Model {
    pub dataset: Data,
    pub graph: AllianceGraph,
    /// Problems found while loading; the map still shows what could be read.
    pub problems: Vec<Problem>,
    /// Where the first views the build laid out ahead of time are (bundled dataset only).
    pub layouts: Vec<LayoutFile>,
    /// Becomes true when the long texts of a first load have arrived (at once for a dataset
    /// read whole): what shows them tracks it.
    pub complete: ArcRwSignal<bool>,
}

impl Model {
    /// A dataset read whole (from its files, `data=`, the single file).
    pub fn new(dataset: Dataset, problems: Vec<Problem>) -> Arc<Self> {
        Self::build(dataset, problems, Vec::new(), false)
    }

    /// The bundled dataset's first load (see `crate::compiled`): drawn at once, completed by
    /// [`Model::complete_with`] once the whole dataset is read.
    pub fn first_load(first: FirstLoad) -> Arc<Self> {
        Self::build(first.dataset, Vec::new(), first.layouts, true)
    }

    fn build(
        dataset: Dataset,
        problems: Vec<Problem>,
        layouts: Vec<LayoutFile>,
        partial: bool,
    ) -> Arc<Self> {
        let graph = AllianceGraph::build(&dataset);
        Arc::new(Self {
            dataset: Data {
                first: dataset,
                whole: std::sync::OnceLock::new(),
                partial,
            },
            graph,
            problems,
            layouts,
            complete: ArcRwSignal::new(!partial),
        })
    }

    /// Adds the whole dataset to a first load; refused (false) unless it is the dataset the
    /// first load was made from.
    pub fn complete_with(&self, whole: Dataset) -> bool {
        let fits = self.dataset.partial && crate::compiled::completes(&self.dataset.first, &whole);
        if fits && self.dataset.whole.set(whole).is_ok() {
            self.complete.set(true);
            return true;
        }
        false
    }
}

/// The dataset as the app holds it. The bundled one comes in two parts: first what the first view
/// needs (no summaries, notes, sources or flows: `crate::compiled`), then, after the first paint,
/// the whole, which replaces it index for index. It reads as a [`Dataset`]: the whole once it is
/// there, so the long texts simply appear where they are shown.
pub struct Data {
    first: Dataset,
    whole: std::sync::OnceLock<Dataset>,
    /// Whether `first` is a first load that the whole is to complete.
    partial: bool,
}

impl std::ops::Deref for Data {
    type Target = Dataset;

    fn deref(&self) -> &Dataset {
        self.whole.get().unwrap_or(&self.first)
    }
}

/// Nodes and edges on the paths found by the path finder.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OnPath {
    pub paths: Vec<Vec<Step>>,
    pub nodes: HashSet<usize>,
    pub edges: HashSet<usize>,
}

/// View state shared by every component.
#[derive(Clone, Copy)]
pub struct MapState {
    pub model: StoredValue<Arc<Model>>,
    pub view: RwSignal<ViewState>,
    pub hovered: RwSignal<Option<usize>>,
    pub selected: Memo<Option<usize>>,
    /// What exists in the view (date, filters, focus): the table, the comparison and the path
    /// finder work on it.
    pub scope: Memo<Arc<Scope>>,
    /// What the map draws: the scope folded to the open hierarchy levels and relation layers.
    pub visible: Memo<Arc<Visible>>,
    /// How many bodies the first view may open the hierarchy to: set from the map's size.
    pub budget: RwSignal<usize>,
    /// Whether the side panel's sections may be built (see `controls.rs`): once the map's
    /// first picture is drawn (`alliance-map:drawn`), or at once when it is laid out here, in
    /// frames that leave them room.
    pub panel_due: RwSignal<bool>,
    /// Whether the side panel's sections are built.
    pub panel_built: RwSignal<bool>,
    /// Whether the page has announced itself ready (`alliance-map:ready`: the map drawn and the
    /// panel built): what no first view shows (the path finder's lists) is built after it.
    pub map_ready: RwSignal<bool>,
    /// The nodes to emphasise: the hovered (else selected) node and its neighbours.
    pub highlight: Memo<Option<HashSet<usize>>>,
    pub on_path: Memo<Arc<OnPath>>,
    pub lang: Memo<Lang>,
    /// What changed since the view's `from=` up to its date (`None` without `from=`).
    pub changes: Memo<Option<Arc<crate::story::diff::Changes>>>,
    /// The flow played on the map (`flow=`, `step=`), resolved to node indices.
    pub flow: Memo<Option<super::flow::FlowOn>>,
}

impl MapState {
    pub fn new(model: Arc<Model>, initial: ViewState) -> Self {
        let view = RwSignal::new(initial);
        let hovered = RwSignal::new(None);
        let m = model.clone();
        let selected = Memo::new(move |_| {
            view.with(|v| v.select.as_deref().and_then(|id| m.graph.node_index(id)))
        });
        let m = model.clone();
        let scope = Memo::new(move |_| view.with(|v| Arc::new(scope(&m.dataset, &m.graph, v))));
        let budget = RwSignal::new(DEFAULT_BUDGET);
        let m = model.clone();
        let highlight = Memo::new(move |_| {
            let focus = hovered.get().or(selected.get())?;
            let mut set: HashSet<usize> = m.graph.neighbours(focus).into_iter().collect();
            set.insert(focus);
            Some(set)
        });
        let m = model.clone();
        let on_path = Memo::new(move |_| {
            let ends = view.with(|v| v.path.clone());
            let Some((a, b)) = ends else {
                return Arc::new(OnPath::default());
            };
            let (Some(a), Some(b)) = (m.graph.node_index(&a), m.graph.node_index(&b)) else {
                return Arc::new(OnPath::default());
            };
            // Over every relation in the view, whatever is folded or in a layer that is off:
            // the bodies on the paths are then drawn.
            let vis = scope.get();
            if !vis.nodes[a] || !vis.nodes[b] {
                return Arc::new(OnPath::default());
            }
            let paths = shortest_paths(&m.dataset, &m.graph, a, b, &[], &vis.edges, MAX_PATHS);
            if paths.is_empty() {
                return Arc::new(OnPath::default());
            }
            let mut nodes: HashSet<usize> = HashSet::from([a]);
            let mut edges = HashSet::new();
            for p in &paths {
                for s in p {
                    nodes.insert(s.to);
                    edges.insert(s.edge);
                }
            }
            Arc::new(OnPath {
                paths,
                nodes,
                edges,
            })
        });
        let m = model.clone();
        let flow = Memo::new(move |_| view.with(|v| super::flow::flow_on(&m.dataset, v)));
        let m = model.clone();
        let changes = Memo::new(move |_| {
            view.with(|v| crate::story::diff::diff_view(&m.dataset, v).map(Arc::new))
        });
        let m = model.clone();
        let visible = Memo::new(move |_| {
            let mut forced: Vec<usize> = on_path.with(|p| p.nodes.iter().copied().collect());
            forced.extend(selected.get());
            flow.with(|f| forced.extend(f.iter().flat_map(|f| f.resolved.first_step.keys())));
            forced.sort_unstable();
            let s = scope.get();
            let budget = budget.get();
            view.with(|v| {
                let mut vis = visible_in(&m.dataset, &m.graph, v, &s, &forced, budget);
                // What ended since `from=` is drawn where it stood.
                if let Some(c) = changes.get() {
                    super::changes::draw_ended(&m.dataset, &m.graph, v, &mut vis, &c);
                }
                Arc::new(vis)
            })
        });
        let lang = Memo::new(move |_| view.with(|v| v.lang).unwrap_or_else(browser_lang));
        Self {
            model: StoredValue::new(model),
            view,
            hovered,
            selected,
            scope,
            visible,
            budget,
            panel_due: RwSignal::new(false),
            panel_built: RwSignal::new(false),
            map_ready: RwSignal::new(false),
            highlight,
            on_path,
            lang,
            changes,
            flow,
        }
    }

    /// Selects a body (or clears the selection); the URL follows. A body folded away is brought
    /// into sight by opening the bodies above it, which stay open once it is deselected.
    pub fn select(&self, node: Option<usize>) {
        let id = node.and_then(|i| {
            self.model
                .with_value(|m| m.dataset.nodes.get(i).map(|n| n.id.clone()))
        });
        let vis = self.visible.get_untracked();
        let folded_away =
            node.filter(|&i| vis.foldable && !vis.nodes.get(i).copied().unwrap_or(true));
        let open = folded_away.map(|i| {
            let mut ids = self.open_ids(None);
            self.model.with_value(|m| {
                let mut stack = vec![i];
                let mut seen = std::collections::HashSet::new();
                while let Some(x) = stack.pop() {
                    for p in m.graph.parents(&m.dataset, x) {
                        if seen.insert(p) {
                            ids.push(m.dataset.nodes[p].id.clone());
                            stack.push(p);
                        }
                    }
                }
            });
            ids.sort();
            ids.dedup();
            Open::Ids(ids)
        });
        self.view.update(|v| {
            v.select = id;
            if let Some(open) = open {
                v.open = open;
            }
        });
    }

    /// Selects body `i` and shows it on the map (from the table, the comparison, the search).
    pub fn show(&self, i: usize) {
        self.select(Some(i));
        self.view.update(|v| {
            if v.view != ViewKind::Graph {
                v.view = ViewKind::Graph;
            }
        });
    }

    /// The bodies open now (those with sub-units), but `skip`: the first view's automatic
    /// expansion written out, so the URL can say exactly what is shown.
    fn open_ids(&self, skip: Option<usize>) -> Vec<String> {
        let vis = self.visible.get_untracked();
        self.model.with_value(|m| {
            (0..m.dataset.nodes.len())
                .filter(|&j| vis.nodes[j] && vis.open[j] && Some(j) != skip)
                .filter(|&j| {
                    m.graph
                        .relations(j)
                        .iter()
                        .any(|&(k, _, out)| !out && m.dataset.edges[k].kind == EdgeKind::PartOf)
                })
                .map(|j| m.dataset.nodes[j].id.clone())
                .collect()
        })
    }

    /// Expands (`open = true`) or folds body `i`.
    pub fn set_open(&self, i: usize, open: bool) {
        let mut ids = self.open_ids(Some(i));
        if open {
            ids.push(self.id_of(i));
        }
        ids.sort();
        self.view.update(|v| v.open = Open::Ids(ids));
    }

    /// The id of dataset node `i`.
    pub fn id_of(&self, i: usize) -> String {
        self.model.with_value(|m| {
            m.dataset
                .nodes
                .get(i)
                .map(|n| n.id.clone())
                .unwrap_or_default()
        })
    }
}

/// The reader's language from the browser, when the URL does not say.
fn browser_lang() -> Lang {
    let nav = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| n.language());
    match nav {
        Some(l) if l.to_lowercase().starts_with("ja") => Lang::Ja,
        _ => Lang::En,
    }
}
