//! The comparison view: functions (roles) as rows, countries as columns, each cell listing
//! the bodies of that country that carry the function; and, per country, the structure of its
//! network — size, links, most central bodies and a centralisation index.

use std::sync::Arc;

use leptos::prelude::*;

use super::i18n::{pick, role_label, tr};
use super::state::{MapState, Model};
use crate::graph::centrality::{betweenness, degree_centralization};
use crate::model::{EdgeKind, Role};
use crate::view::ViewKind;

/// How many bodies each "most central" list names.
const TOP: usize = 5;

#[component]
pub fn Compare(model: Arc<Model>, state: MapState) -> impl IntoView {
    let t = move || tr(state.lang.get());
    let m = model.clone();
    let body = move || {
        let lang = state.lang.get();
        let vis = state.scope.get();
        let d = &m.dataset;
        let countries = &d.manifest.countries;
        let open = move |i: usize| move |_| state.show(i);
        let link = move |i: usize| {
            let n = &d.nodes[i];
            let label = n
                .short
                .as_ref()
                .map(|s| pick(s, lang).0)
                .unwrap_or_else(|| pick(&n.name, lang).0);
            view! { <li><button type="button" class="link" data-ref-id=n.id.clone() title=pick(&n.name, lang).0 on:click=open(i)>{label}</button></li> }
        };
        let rows = Role::ALL.iter().map(|&r| {
            let cells = countries.iter().map(|c| {
                let items = (0..d.nodes.len())
                    .filter(|&i| vis.nodes[i] && d.nodes[i].country == c.id && d.nodes[i].roles.contains(&r))
                    .map(link)
                    .collect_view();
                view! { <td data-country=c.id.clone() data-role=r.as_str()><ul>{items}</ul></td> }
            }).collect_view();
            view! { <tr><th scope="row">{role_label(r, lang)}</th>{cells}</tr> }
        }).collect_view();

        // Structure per country: the subgraph of its own visible bodies.
        let structure = countries.iter().map(|c| {
            let members: Vec<usize> = (0..d.nodes.len()).filter(|&i| vis.nodes[i] && d.nodes[i].country == c.id).collect();
            let local: std::collections::HashMap<usize, usize> = members.iter().enumerate().map(|(k, &i)| (i, k)).collect();
            let mut adjacency = vec![Vec::new(); members.len()];
            let mut links = 0;
            for (k, e) in d.edges.iter().enumerate() {
                if !vis.edges[k] {
                    continue;
                }
                let (Some(s), Some(t)) = (m.graph.node_index(&e.source), m.graph.node_index(&e.target)) else { continue };
                if let (Some(&a), Some(&b)) = (local.get(&s), local.get(&t)) {
                    adjacency[a].push(b);
                    adjacency[b].push(a);
                    links += 1;
                }
            }
            let degrees: Vec<usize> = adjacency.iter().map(Vec::len).collect();
            let between = betweenness(&adjacency);
            let top = |score: &dyn Fn(usize) -> f64| {
                let mut order: Vec<usize> = (0..members.len()).collect();
                order.sort_by(|&a, &b| score(b).total_cmp(&score(a)).then(a.cmp(&b)));
                order.into_iter().take(TOP).map(|k| link(members[k])).collect_view()
            };
            let by_degree = top(&|k| degrees[k] as f64);
            let by_between = top(&|k| between[k]);
            let t = tr(lang);
            view! {
                <section class="structure-card" data-country=c.id.clone()>
                    <h3>{pick(&c.name, lang).0}</h3>
                    <dl>
                        <dt>{t.bodies}</dt><dd data-stat="bodies">{members.len()}</dd>
                        <dt>{t.links}</dt><dd data-stat="links">{links}</dd>
                        <dt>{t.centralization}</dt><dd data-stat="centralization">{format!("{:.2}", degree_centralization(&degrees))}</dd>
                    </dl>
                    <h4>{t.by_degree}</h4><ol>{by_degree}</ol>
                    <h4>{t.by_betweenness}</h4><ol>{by_between}</ol>
                </section>
            }
        }).collect_view();

        let t = tr(lang);
        let both: Vec<String> = countries.iter().map(|c| c.id.clone()).collect();
        // The mirrored map: only the countries' own hierarchies and their counterpart pairs,
        // which the layout puts on shared layers facing each other.
        let mirrored = move |_| {
            let both = both.clone();
            state.view.update(move |v| {
                v.country = both;
                v.rel = vec![EdgeKind::PartOf, EdgeKind::CounterpartOf];
                v.view = ViewKind::Graph;
            })
        };
        view! {
            <p><button type="button" data-action="mirrored" on:click=mirrored>{t.mirrored}</button></p>
            <table class="compare-table">
                <thead><tr><th scope="col">{t.function}</th>
                    {countries.iter().map(|c| view! { <th scope="col">{pick(&c.name, lang).0}</th> }).collect_view()}
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <h2>{t.structure}</h2>
            <div class="structure">{structure}</div>
        }
    };
    view! {
        <section class="compare-view" data-view="compare" aria-label=move || t().view_compare><super::flow::SideBySide model=model.clone() state=state />{body}</section>
    }
}
