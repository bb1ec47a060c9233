//! The table view: every visible body as a sortable row — the accessible alternative to the
//! graph, and a quick way to scan names, kinds and dates.

use std::sync::Arc;

use leptos::prelude::*;

use super::i18n::{date, kind_label, pick, role_label, tr};
use super::state::{MapState, Model};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Country,
    Kind,
    Since,
    Until,
    Relations,
}

#[component]
pub fn Table(model: Arc<Model>, state: MapState) -> impl IntoView {
    let t = move || tr(state.lang.get());
    let sort = RwSignal::new((Column::Name, true));
    let m = model.clone();
    let rows = move || {
        let lang = state.lang.get();
        let vis = state.scope.get();
        let d = &m.dataset;
        let mut rows: Vec<usize> = (0..d.nodes.len()).filter(|&i| vis.nodes[i]).collect();
        let (col, asc) = sort.get();
        let degree = |i: usize| {
            m.graph
                .relations(i)
                .iter()
                .filter(|(k, _, _)| vis.edges[*k])
                .count()
        };
        rows.sort_by(|&a, &b| {
            let (na, nb) = (&d.nodes[a], &d.nodes[b]);
            let o = match col {
                Column::Name => pick(&na.name, lang).0.cmp(&pick(&nb.name, lang).0),
                Column::Country => na.country.cmp(&nb.country),
                Column::Kind => na.kind.cmp(&nb.kind),
                Column::Since => na.since.start().cmp(&nb.since.start()),
                Column::Until => na
                    .until
                    .map(|u| u.start())
                    .cmp(&nb.until.map(|u| u.start())),
                Column::Relations => degree(a).cmp(&degree(b)),
            };
            let o = o.then_with(|| na.id.cmp(&nb.id));
            if asc {
                o
            } else {
                o.reverse()
            }
        });
        rows.into_iter()
            .map(|i| {
                let n = &d.nodes[i];
                let (name, fallback) = pick(&n.name, lang);
                let country = d.country(&n.country).map(|c| pick(&c.name, lang).0).unwrap_or_else(|| tr(lang).between_countries.to_string());
                let roles = n.roles.iter().map(|r| role_label(*r, lang)).collect::<Vec<_>>().join(", ");
                let open = move |_| state.show(i);
                view! {
                    <tr data-ref-id=n.id.clone()>
                        <th scope="row"><button type="button" class="link" on:click=open>{name}</button>
                            {fallback.then(|| view! { <span class="fallback">{tr(lang).english_only}</span> })}</th>
                        <td>{n.short.as_ref().map(|s| super::i18n::shown(&s.en)).unwrap_or_default()}</td>
                        <td>{country}</td>
                        <td>{kind_label(n.kind, lang)}</td>
                        <td>{roles}</td>
                        <td>{date(n.since, lang)}</td>
                        <td>{n.until.map(|u| date(u, lang)).unwrap_or_default()}</td>
                        <td class="num">{degree(i)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let header = move |col: Column, label: &'static str| {
        let aria = move || match sort.get() {
            (c, true) if c == col => "ascending",
            (c, false) if c == col => "descending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class="sort" on:click=move |_| sort.update(|s| *s = if s.0 == col { (col, !s.1) } else { (col, true) })>{label}</button>
            </th>
        }
    };
    view! {
        <section class="table-view" data-view="table" aria-label=move || t().view_table>
            {move || {
                let t = t();
                view! {
                    <table>
                        <thead><tr>
                            {header(Column::Name, t.name)}
                            <th scope="col">{t.short}</th>
                            {header(Column::Country, t.country)}
                            {header(Column::Kind, t.kind)}
                            <th scope="col">{t.roles}</th>
                            {header(Column::Since, t.since)}
                            {header(Column::Until, t.until)}
                            {header(Column::Relations, t.relations)}
                        </tr></thead>
                        <tbody>{rows.clone()}</tbody>
                    </table>
                }
            }}
        </section>
    }
}
