//! Relation layers: the map's relations grouped by the question they answer, so that the first
//! view can draw the organization chart and the alliance ties, and leave the rest one click
//! away. A relation belongs to exactly one layer; laws, strategies and multilateral forums are
//! themselves drawn only with their layer (they are instruments, not organizations).

use crate::model::{Dataset, EdgeKind, NodeKind};

use super::AllianceGraph;

/// A group of relations a reader switches on or off together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    /// Who sits under whom: `part_of`.
    Structure,
    /// What ties the two countries: counterparts, and the bilateral mechanisms with the bodies
    /// that take part in them or lead them.
    Alliance,
    /// Multilateral forums and conventions, and who belongs to them.
    Multilateral,
    /// Day-to-day ties inside a country: coordination, information sharing, oversight,
    /// leadership, funding.
    Cooperation,
    /// Laws and strategies, and what they establish, empower or were issued by.
    LegalBasis,
    /// Which body replaced which.
    History,
}

impl Layer {
    pub const ALL: &'static [Layer] = &[
        Layer::Structure,
        Layer::Alliance,
        Layer::Multilateral,
        Layer::Cooperation,
        Layer::LegalBasis,
        Layer::History,
    ];

    /// What the first view draws: the organization chart and the ties across the alliance.
    pub const DEFAULT: &'static [Layer] = &[Layer::Structure, Layer::Alliance];

    /// The value in the URL (`layers=`).
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Structure => "structure",
            Layer::Alliance => "alliance",
            Layer::Multilateral => "multilateral",
            Layer::Cooperation => "cooperation",
            Layer::LegalBasis => "legal",
            Layer::History => "history",
        }
    }

    pub fn parse(s: &str) -> Option<Layer> {
        Layer::ALL.iter().copied().find(|l| l.as_str() == s)
    }

    /// The layer a body belongs to when it is drawn only with its layer; `None` for
    /// organizations, which are always drawn.
    pub fn of_node(kind: NodeKind) -> Option<Layer> {
        match kind {
            NodeKind::Law | NodeKind::Strategy => Some(Layer::LegalBasis),
            NodeKind::MultilateralForum => Some(Layer::Multilateral),
            _ => None,
        }
    }

    /// The layer of dataset edge `k`. An edge touching a law or strategy is legal basis, one
    /// touching a multilateral forum is multilateral, one touching a bilateral mechanism is
    /// alliance, whatever its kind; otherwise the kind decides.
    pub fn of_edge(dataset: &Dataset, graph: &AllianceGraph, k: usize) -> Layer {
        let e = &dataset.edges[k];
        let kind_of = |id: &str| graph.node_index(id).map(|i| dataset.nodes[i].kind);
        let ends = [kind_of(&e.source), kind_of(&e.target)];
        let touches = |k: NodeKind| ends.contains(&Some(k));
        match e.kind {
            EdgeKind::PartOf => Layer::Structure,
            EdgeKind::SucceededBy => Layer::History,
            EdgeKind::EstablishedBy | EdgeKind::EmpoweredBy | EdgeKind::IssuedBy => {
                Layer::LegalBasis
            }
            _ if touches(NodeKind::Law) || touches(NodeKind::Strategy) => Layer::LegalBasis,
            _ if touches(NodeKind::MultilateralForum) => Layer::Multilateral,
            EdgeKind::CounterpartOf => Layer::Alliance,
            _ if touches(NodeKind::BilateralMechanism) => Layer::Alliance,
            _ => Layer::Cooperation,
        }
    }

    /// The layer of every edge, in dataset order.
    pub fn of_edges(dataset: &Dataset, graph: &AllianceGraph) -> Vec<Layer> {
        (0..dataset.edges.len())
            .map(|k| Layer::of_edge(dataset, graph, k))
            .collect()
    }
}
