//! The dataset as maintainers write it: one manifest and data files of nodes, edges and flows.
//!
//! These types are the single place a data field is added: serde reads them, schemars turns
//! them into `data/schema.json`, and the validator and the UI use them directly. The closed
//! vocabularies (node kinds, roles, relation kinds) are enums so that a typo is an error with a
//! JSON path rather than a silently unstyled node.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::date::PartialDate;

/// The schema version this build reads. Bump it when a change to the format is not backward
/// compatible, and say what changed in data/README.md.
pub const SCHEMA_VERSION: u32 = 1;

/// The built-in country id for mechanisms that belong to no single country.
pub const INTL: &str = "intl";

/// Text in English and, where it exists, Japanese.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ja: Option<String>,
}

/// `data/manifest.json`: what the dataset is and which files make it up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Path of the JSON Schema, for editors. Ignored by the app.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub schema_version: u32,
    pub title: Text,
    /// The day the data was last checked as a whole.
    pub as_of: PartialDate,
    pub countries: Vec<Country>,
    /// Data files to load, relative to the manifest, in order.
    pub files: Vec<String>,
    /// The key reforms, each a pair of dates the map can compare in one click.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reforms: Vec<Reform>,
}

/// A reform preset: what changed between `from` and `to` (see `crate::story::diff`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reform {
    /// Stable, lowercase `a-z 0-9 -`, unique among the reforms.
    pub id: String,
    pub title: Text,
    /// The earlier date: the map before the reform.
    pub from: PartialDate,
    /// The later date, after `from`: the map after the reform. Left out, the data's `as_of`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<PartialDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub id: String,
    pub name: Text,
    /// `#rrggbb`.
    pub color: String,
}

/// One data file: `{ "nodes": [...], "edges": [...] }`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataFile {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    #[serde(default)]
    pub nodes: Vec<Node>,
    #[serde(default)]
    pub edges: Vec<Edge>,
    /// Processes step by step: who does what, under which law, within what time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<Flow>,
}

/// An organization, post, mechanism, law or strategy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub id: String,
    pub country: String,
    pub kind: NodeKind,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<Text>,
    pub roles: Vec<Role>,
    pub since: PartialDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    pub sources: Vec<Source>,
}

/// A relation between two nodes, read as "source *kind* target".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Edge {
    pub source: String,
    pub target: String,
    pub kind: EdgeKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    pub sources: Vec<Source>,
}

/// A process as the law or practice lays it down on one day: what happens, step by step, when
/// something occurs (an incident, a report, an operation), and who acts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// Stable, lowercase `a-z 0-9 -`; links to the map use it (`flow=<id>`).
    pub id: String,
    pub title: Text,
    /// What the flow shows, in one or two sentences.
    pub summary: Text,
    /// The country whose process it is, or `intl` for a flow between the countries.
    pub country: String,
    /// The day the flow describes: every body it names must exist then.
    pub date: PartialDate,
    /// The steps, in order.
    pub steps: Vec<FlowStep>,
    /// Sources for the flow as a whole.
    pub sources: Vec<Source>,
}

/// One step of a flow: `from` acts (towards `to`, when someone receives it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FlowStep {
    /// Id of the body that acts.
    pub from: String,
    /// Id of the body the action is addressed to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// What happens, in a sentence.
    pub action: Text,
    /// Ids of the laws or strategies that require or allow the step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<String>,
    /// The deadline as the law states it, e.g. "within 72 hours".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Where the step is stated; at least one.
    pub sources: Vec<Source>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// http or https only.
    pub url: String,
    pub title: String,
    /// The day a maintainer last checked that this source supports the entry.
    pub accessed: PartialDate,
}

/// Declares a closed vocabulary once: the enum, its JSON names and its English label.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $json:literal, $label:literal;)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant,)* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The value as written in the JSON files and the URL.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $json,)* }
            }

            /// A label for people, in English.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)* }
            }

            pub fn parse(text: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == text)
            }
        }
    };
}

vocabulary! {
    /// What sort of body a node is.
    NodeKind {
        HeadOfGovernment = "head_of_government", "Head of government";
        PolicyCoordination = "policy_coordination", "Policy / coordination body";
        Ministry = "ministry", "Ministry / department";
        Agency = "agency", "Agency";
        Military = "military", "Military";
        LawEnforcement = "law_enforcement", "Law enforcement";
        Intelligence = "intelligence", "Intelligence";
        Regulator = "regulator", "Regulator";
        Cert = "cert", "CERT / CSIRT";
        Research = "research", "Research / standards";
        SectorBody = "sector_body", "Sector body / ISAC";
        PrivateCompany = "private_company", "Private company";
        Council = "council", "Council / board";
        Oversight = "oversight", "Oversight";
        Post = "post", "Post";
        BilateralMechanism = "bilateral_mechanism", "Bilateral mechanism";
        MultilateralForum = "multilateral_forum", "Multilateral forum";
        Law = "law", "Law";
        Strategy = "strategy", "Strategy / directive";
    }
}

vocabulary! {
    /// A function a body carries.
    Role {
        IncidentResponse = "incident_response", "Incident response";
        ThreatIntelligence = "threat_intelligence", "Threat intelligence";
        LawEnforcement = "law_enforcement", "Law enforcement";
        MilitaryOperations = "military_operations", "Military operations";
        CriticalInfrastructure = "critical_infrastructure", "Critical-infrastructure protection";
        InformationSharing = "information_sharing", "Information sharing";
        PolicyCoordination = "policy_coordination", "Policy coordination";
        Diplomacy = "diplomacy", "Diplomacy";
        Regulation = "regulation", "Regulation";
        Research = "research", "Research";
        Standards = "standards", "Standards";
        Training = "training", "Training / workforce";
        Oversight = "oversight", "Oversight";
        NetworkDefense = "network_defense", "Government network defence";
        Funding = "funding", "Funding";
    }
}

vocabulary! {
    /// How two nodes relate.
    EdgeKind {
        PartOf = "part_of", "part of";
        Oversees = "oversees", "oversees";
        CoordinatesWith = "coordinates_with", "coordinates with";
        SharesInformationWith = "shares_information_with", "shares information with";
        CounterpartOf = "counterpart_of", "counterpart of";
        MemberOf = "member_of", "member of";
        Leads = "leads", "leads";
        EstablishedBy = "established_by", "established by";
        EmpoweredBy = "empowered_by", "empowered by";
        IssuedBy = "issued_by", "issued by";
        SucceededBy = "succeeded_by", "succeeded by";
        Funds = "funds", "funds";
    }
}

impl EdgeKind {
    /// The relation read from the target's side: "CISA part of DHS" is "DHS includes CISA".
    pub fn inverse_label(self) -> &'static str {
        match self {
            EdgeKind::PartOf => "includes",
            EdgeKind::Oversees => "overseen by",
            EdgeKind::CoordinatesWith => "coordinates with",
            EdgeKind::SharesInformationWith => "receives information from",
            EdgeKind::CounterpartOf => "counterpart of",
            EdgeKind::MemberOf => "has member",
            EdgeKind::Leads => "led by",
            EdgeKind::EstablishedBy => "establishes",
            EdgeKind::EmpoweredBy => "gives powers to",
            EdgeKind::IssuedBy => "issued",
            EdgeKind::SucceededBy => "succeeds",
            EdgeKind::Funds => "funded by",
        }
    }

    /// Symmetric relations read the same both ways and are drawn without an arrow.
    pub fn is_symmetric(self) -> bool {
        matches!(self, EdgeKind::CoordinatesWith | EdgeKind::CounterpartOf)
    }
}

impl NodeKind {
    /// Laws, strategies and mechanisms are instruments, not organizations.
    pub fn is_instrument(self) -> bool {
        matches!(
            self,
            NodeKind::Law
                | NodeKind::Strategy
                | NodeKind::BilateralMechanism
                | NodeKind::MultilateralForum
        )
    }
}
