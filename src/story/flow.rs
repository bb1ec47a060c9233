//! A flow resolved against its dataset: what the player, the comparison and the export need,
//! computed once and without the web.
//!
//! Step numbers are 1-based everywhere here, as readers count them and as the URL carries them
//! (`step=1` is the first step); node and edge numbers are indices into the dataset's `nodes`
//! and `edges`, as in [`crate::graph`].

use std::collections::BTreeMap;

use crate::export::csv_row;
use crate::model::{Dataset, Edge, Flow, FlowStep, PartialDate, Text};

/// A flow whose ids have been looked up in the dataset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The steps, in order.
    pub steps: Vec<ResolvedStep>,
    /// Every body that acts or is addressed in the flow (`from` and `to`, not the basis), with
    /// the number of the first step it appears in: the number the map shows on it.
    pub first_step: BTreeMap<usize, usize>,
}

/// One step with its bodies as node indices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedStep {
    /// 1-based.
    pub number: usize,
    pub from: usize,
    pub to: Option<usize>,
    /// The laws and strategies the step rests on, in the order the data gives them.
    pub basis: Vec<usize>,
    /// The relation of the dataset between `from` and `to` on the flow's date, if there is one.
    pub relation: Option<Relation>,
}

/// A relation of the dataset that joins a step's two bodies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Relation {
    /// Index into the dataset's edges.
    pub edge: usize,
    /// True when the relation runs from the step's `from` to its `to` (its source is `from`);
    /// false when it runs the other way.
    pub forward: bool,
}

impl Resolved {
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The step numbered `number` (1-based).
    pub fn step(&self, number: usize) -> Option<&ResolvedStep> {
        number.checked_sub(1).and_then(|i| self.steps.get(i))
    }

    /// The number of the first step a node appears in, if it appears at all.
    pub fn first_step_of(&self, node: usize) -> Option<usize> {
        self.first_step.get(&node).copied()
    }
}

impl ResolvedStep {
    /// The bodies the step names: `from`, then `to` when there is one and it is another body.
    pub fn bodies(&self) -> Vec<usize> {
        let mut out = vec![self.from];
        out.extend(self.to.filter(|&t| t != self.from));
        out
    }
}

/// Looks the flow's ids up in the dataset. `None` when a body or basis is not in it — which
/// cannot happen for a flow the validator kept, unless the dataset is a subset.
pub fn resolve(d: &Dataset, flow: &Flow) -> Option<Resolved> {
    let index = super::node_index(d);
    let find = |id: &str| index.get(id).copied();
    let mut steps = Vec::with_capacity(flow.steps.len());
    let mut first_step = BTreeMap::new();
    for (i, step) in flow.steps.iter().enumerate() {
        let number = i + 1;
        let from = find(&step.from)?;
        let to = match &step.to {
            Some(id) => Some(find(id)?),
            None => None,
        };
        let basis = step
            .basis
            .iter()
            .map(|id| find(id))
            .collect::<Option<Vec<_>>>()?;
        first_step.entry(from).or_insert(number);
        if let Some(to) = to {
            first_step.entry(to).or_insert(number);
        }
        let relation = to.and_then(|to| relation(d, from, to, flow.date));
        steps.push(ResolvedStep {
            number,
            from,
            to,
            basis,
            relation,
        });
    }
    Some(Resolved { steps, first_step })
}

/// The relation between nodes `from` and `to` on `date`: one running from `from` to `to` if
/// there is one, else one running back; the first in the dataset's order.
pub fn relation(d: &Dataset, from: usize, to: usize, date: PartialDate) -> Option<Relation> {
    let (a, b) = (&d.nodes.get(from)?.id, &d.nodes.get(to)?.id);
    let at = |e: &Edge| {
        e.since.is_none_or(|s| s.start() <= date.start())
            && e.until.is_none_or(|u| date.start() < u.start())
    };
    let find = |s: &str, t: &str| {
        d.edges
            .iter()
            .position(|e| e.source == s && e.target == t && at(e))
    };
    if let Some(edge) = find(a, b) {
        return Some(Relation {
            edge,
            forward: true,
        });
    }
    find(b, a).map(|edge| Relation {
        edge,
        forward: false,
    })
}

/// The step numbered `number` (1-based) of a flow.
pub fn step(flow: &Flow, number: usize) -> Option<&FlowStep> {
    number.checked_sub(1).and_then(|i| flow.steps.get(i))
}

/// The flows of one country (`intl` for those between countries), or all of them, in order.
pub fn of_country<'a>(
    flows: &'a [Flow],
    country: Option<&'a str>,
) -> impl Iterator<Item = &'a Flow> + 'a {
    flows
        .iter()
        .filter(move |f| country.is_none_or(|c| f.country == c))
}

/// Two flows step by step, for the comparison: row `i` holds step `i + 1` of each, or `None`
/// where one flow has fewer steps.
pub fn side_by_side<'a>(
    a: &'a Flow,
    b: &'a Flow,
) -> Vec<(Option<&'a FlowStep>, Option<&'a FlowStep>)> {
    let rows = a.steps.len().max(b.steps.len());
    (0..rows)
        .map(|i| (a.steps.get(i), b.steps.get(i)))
        .collect()
}

/// The flow as CSV, one row per step: its number, who acts and towards whom (ids and names in
/// both languages), what happens, the basis, the deadline, the note and the sources' addresses.
/// Quoted and formula-safe by the map's one CSV writer, [`crate::export::csv_row`].
pub fn csv(d: &Dataset, flow: &Flow) -> String {
    let name = |id: &str| {
        d.nodes
            .iter()
            .find(|n| n.id == id)
            .map(|n| (n.name.en.as_str(), n.name.ja.as_deref().unwrap_or("")))
            .unwrap_or(("", ""))
    };
    let mut out = String::new();
    csv_row(
        &mut out,
        &[
            "step",
            "from",
            "from_name_en",
            "from_name_ja",
            "to",
            "to_name_en",
            "to_name_ja",
            "action_en",
            "action_ja",
            "basis",
            "within_en",
            "within_ja",
            "note_en",
            "note_ja",
            "sources",
        ],
    );
    for (i, step) in flow.steps.iter().enumerate() {
        let from = name(&step.from);
        let to_id = step.to.as_deref().unwrap_or("");
        let to = step.to.as_deref().map_or(("", ""), name);
        let sources: Vec<&str> = step.sources.iter().map(|s| s.url.as_str()).collect();
        csv_row(
            &mut out,
            &[
                &(i + 1).to_string(),
                &step.from,
                from.0,
                from.1,
                to_id,
                to.0,
                to.1,
                &step.action.en,
                ja(Some(&step.action)),
                &step.basis.join("; "),
                en(step.within.as_ref()),
                ja(step.within.as_ref()),
                en(step.note.as_ref()),
                ja(step.note.as_ref()),
                &sources.join(" "),
            ],
        );
    }
    out
}

fn en(t: Option<&Text>) -> &str {
    t.map_or("", |t| t.en.as_str())
}

fn ja(t: Option<&Text>) -> &str {
    t.and_then(|t| t.ja.as_deref()).unwrap_or("")
}

/// `alliance-map-2026-10-01-flow-jp-acd-neutralization.csv`: the flow's own date and id.
pub fn file_name(flow: &Flow, extension: &str) -> String {
    crate::export::file_name(flow.date, Some(&format!("flow-{}", flow.id)), extension)
}
