//! The top of the page: loads the dataset, then shows the map — or says exactly what failed.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::details::Details;
use super::legend::Legend;
use super::load::load;
use super::map::Map;
use super::state::{MapState, Model};
use crate::model::Problem;

#[derive(Clone)]
enum Phase {
    Loading,
    Failed(Vec<Problem>),
    Ready(Arc<Model>),
}

#[component]
pub fn App() -> impl IntoView {
    let phase = RwSignal::new(Phase::Loading);
    spawn_local(async move {
        let next = match load("data/").await {
            Ok(loaded) if !loaded.dataset.nodes.is_empty() => Phase::Ready(Model::new(loaded.dataset, loaded.problems)),
            Ok(loaded) => Phase::Failed(loaded.problems),
            Err(problems) => Phase::Failed(problems),
        };
        phase.set(next);
    });

    move || match phase.get() {
        Phase::Loading => view! {
            <div class="loading" role="status" aria-live="polite">
                <div class="spinner" aria-hidden="true"></div>
                "Loading the map data…"
            </div>
        }
        .into_any(),
        Phase::Failed(problems) => view! {
            <main class="failed">
                <ProblemList problems=problems heading="The map data could not be loaded" />
            </main>
        }
        .into_any(),
        Phase::Ready(model) => view! { <Loaded model=model /> }.into_any(),
    }
}

#[component]
fn Loaded(model: Arc<Model>) -> impl IntoView {
    let state = MapState::new(model.clone());
    let title = model.dataset.manifest.title.en.clone();
    let as_of = model.dataset.manifest.as_of.to_string();
    let problems = model.problems.clone();
    view! {
        <header class="top">
            <h1>{title}</h1>
            <span class="as-of">"Data as of " {as_of}</span>
        </header>
        {(!problems.is_empty()).then(|| view! {
            <ProblemList problems=problems heading="Some of the map data has problems; the rest is shown" />
        })}
        <main class="workspace">
            <Map model=model.clone() state=state />
            <Details model=model.clone() state=state />
            <Legend model=model />
        </main>
    }
}

/// Every problem with its file and place, as text. `role="alert"` so it is announced.
#[component]
fn ProblemList(problems: Vec<Problem>, heading: &'static str) -> impl IntoView {
    let count = problems.len();
    view! {
        <section class="problems" role="alert" data-panel="problems">
            <h2>{heading}</h2>
            <p>{format!("{count} problem(s):")}</p>
            <ul>
                {problems.into_iter().map(|p| view! {
                    <li><code>{p.file}</code>" "<code>{p.place}</code>": "{p.message}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}
