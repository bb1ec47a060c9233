//! The editor page (`edit.html`, opened by `?edit=1`): check a dataset from the reader's disk,
//! preview it on the map, edit its bodies and relations, and download the changed files.
//!
//! A second binary (`alliance-map-edit`) mounts it, so none of it is in the reader's wasm. The
//! logic is the core's [`crate::edit`]; this is the page: `open` reads the files, `form` and
//! `relation` are the forms (with `fields`, the inputs they share), `panels` the problems, the
//! change list and saving, `text` the strings in English and Japanese. The map preview is the
//! reader's own [`Map`](super::Map).

mod fields;
mod folder;
mod form;
mod open;
mod panels;
mod relation;
mod text;

use std::sync::Arc;

use leptos::prelude::*;

use super::map::Map;
use super::state::{MapState, Model};
use crate::edit::{Ref, Workspace};
use crate::model::Problem;
use crate::view::{Lang, ViewState};
use text::{te, Te};

/// What the form area shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Editing {
    Nothing,
    /// A body: an existing one, or a new one.
    Body(Option<Ref>),
    /// A relation: an existing one, or a new one (from the body picked, if any).
    Relation(Option<Ref>),
}

/// The editor's state, shared by its components.
#[derive(Clone, Copy)]
pub(super) struct Ed {
    pub ws: RwSignal<Option<Workspace>>,
    /// The dataset as checked now, for the preview (`None` before a dataset is open or when it
    /// has nothing to draw).
    pub model: RwSignal<Option<Arc<Model>>>,
    /// The validator's problems with the files as they are now (or why they could not open).
    pub problems: RwSignal<Option<Vec<Problem>>>,
    pub lang: RwSignal<Lang>,
    pub editing: RwSignal<Editing>,
    /// The body selected on the map.
    pub picked: RwSignal<Option<String>>,
    /// What the preview selects when it is drawn anew.
    pub focus: RwSignal<Option<String>>,
    /// The last thing done, for the live region.
    pub status: RwSignal<&'static str>,
}

impl Ed {
    pub fn t(&self) -> &'static Te {
        te(self.lang.get())
    }

    pub fn t_untracked(&self) -> &'static Te {
        te(self.lang.get_untracked())
    }

    /// Checks the files as they are now and redraws the preview.
    pub fn refresh(&self) {
        let loaded = self.ws.with_untracked(|w| w.as_ref().map(Workspace::check));
        match loaded {
            Some(l) => {
                self.problems.set(Some(l.problems.clone()));
                self.model
                    .set((!l.dataset.nodes.is_empty()).then(|| Model::new(l.dataset, l.problems)));
            }
            None => self.model.set(None),
        }
    }

    /// Keeps a workspace an edit was applied to.
    pub fn commit(&self, w: Workspace, status: &'static str) {
        self.ws.set(Some(w));
        self.status.set(status);
        self.refresh();
    }
}

/// Moves the keyboard focus to the element `id` once the page has been updated (after an edit
/// the control that was used may be gone: focus goes to the heading of what now shows). The
/// element may be replaced a frame or two later (a form shown anew has the same heading id),
/// so for a while, whenever the focus is lost, it goes to whichever element has that id now.
pub(super) fn focus_later(id: &'static str) {
    fn frame(id: &'static str, left: u16) {
        leptos::prelude::request_animation_frame(move || {
            use wasm_bindgen::JsCast;
            let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            // Only where the focus was lost (to the page itself): never away from where the
            // maintainer has since put it.
            let lost = doc
                .active_element()
                .is_none_or(|e| e.tag_name() == "BODY" || e.id() == id && !e.is_connected());
            if lost {
                if let Some(el) = doc
                    .get_element_by_id(id)
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = el.focus();
                }
            }
            if left > 0 {
                frame(id, left - 1);
            }
        });
    }
    // About two seconds of frames: the preview is redrawn after an edit, which can hold the
    // new form back for a while on a slow machine.
    frame(id, 120);
}

/// Installs the panic panel and mounts the editor on `<body>`.
pub fn mount() {
    super::panic::install_hook();
    leptos::mount::mount_to_body(Editor);
}

#[component]
fn Editor() -> impl IntoView {
    let ed = Ed {
        ws: RwSignal::new(None),
        model: RwSignal::new(None),
        problems: RwSignal::new(None),
        lang: RwSignal::new(initial_lang()),
        editing: RwSignal::new(Editing::Nothing),
        picked: RwSignal::new(None),
        focus: RwSignal::new(None),
        status: RwSignal::new(""),
    };
    Effect::new(move |_| {
        let lang = ed.lang.get();
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = d.document_element() {
                let _ = root.set_attribute("lang", lang.as_str());
            }
            d.set_title(&format!("{} — Alliance Map", te(lang).title));
        }
    });
    let t = move || ed.t();
    let toggle = move |_| {
        ed.lang.update(|l| {
            *l = if *l == Lang::Ja { Lang::En } else { Lang::Ja };
        })
    };
    view! {
        <div class="editor">
            <header class="top">
                <h1>{move || t().title}</h1>
                <nav class="editor-nav" aria-label=move || t().title>
                    <a href="./" data-action="back">{move || t().back_to_map}</a>
                    <button type="button" class="lang-switch" on:click=toggle lang=move || if ed.lang.get() == Lang::Ja { "en" } else { "ja" }>{move || t().language}</button>
                </nav>
            </header>
            <main class="editor-main" id="main">
                <p class="intro">{move || t().intro}</p>
                <p class="private" data-note="nothing-uploaded"><strong>{move || t().nothing_uploaded}</strong></p>
                <panels::OpenPanel ed=ed />
                <panels::Problems ed=ed />
                <p class="edit-status" role="status" aria-live="polite">{move || ed.status.get()}</p>
                {move || ed.ws.with(Option::is_some).then(|| view! {
                    <div class="edit-workspace">
                        <div class="edit-side">
                            <panels::Find ed=ed />
                            <FormArea ed=ed />
                            <panels::Edits ed=ed />
                            <panels::Save ed=ed />
                        </div>
                        <Preview ed=ed />
                    </div>
                })}
            </main>
        </div>
    }
}

#[component]
fn FormArea(ed: Ed) -> impl IntoView {
    // A memo: a form is made anew only when what it edits changes.
    let editing = Memo::new(move |_| ed.editing.get());
    move || match editing.get() {
        Editing::Nothing => ().into_any(),
        Editing::Body(r) => view! { <form::BodyForm ed=ed at=r /> }.into_any(),
        Editing::Relation(r) => view! { <relation::RelationForm ed=ed at=r /> }.into_any(),
    }
}

/// The map of the dataset as it is now; a click on a body opens it in the form.
#[component]
fn Preview(ed: Ed) -> impl IntoView {
    let t = move || ed.t();
    view! {
        <section class="edit-preview" aria-labelledby="preview-title">
            <h2 id="preview-title">{move || t().preview}</h2>
            <p class="hint">{move || t().preview_hint}</p>
            {move || {
                let lang = ed.lang.get();
                ed.model.get().map(|model| {
                    let mut initial = ViewState::parse("").0;
                    initial.lang = Some(lang);
                    initial.select = ed.focus.get_untracked();
                    let state = MapState::new(model.clone(), initial);
                    let m = model.clone();
                    Effect::new(move |first: Option<()>| {
                        let selected = state.selected.get();
                        // The selection the preview starts with is the entry just edited.
                        if first.is_none() {
                            return;
                        }
                        let id = selected.and_then(|i| m.dataset.nodes.get(i)).map(|n| n.id.clone());
                        ed.picked.set(id.clone());
                        let Some(id) = id else { return };
                        if matches!(ed.editing.get_untracked(), Editing::Relation(_)) {
                            return;
                        }
                        let r = ed.ws.with_untracked(|w| w.as_ref().and_then(|w| w.find_node(&id)));
                        // Only a change: the same body's form shown anew would lose what is typed.
                        if let Some(r) = r.filter(|r| ed.editing.get_untracked() != Editing::Body(Some(*r))) {
                            ed.editing.set(Editing::Body(Some(r)));
                        }
                    });
                    view! { <div class="edit-map"><Map model=model state=state /></div> }
                })
            }}
        </section>
    }
}

/// `lang=` from the address, else the browser's language.
fn initial_lang() -> Lang {
    let Some(w) = web_sys::window() else {
        return Lang::En;
    };
    let search = w.location().search().unwrap_or_default();
    for pair in search.trim_start_matches('?').split('&') {
        match pair {
            "lang=ja" => return Lang::Ja,
            "lang=en" => return Lang::En,
            _ => {}
        }
    }
    let browser = w.navigator().language().unwrap_or_default();
    if browser.starts_with("ja") {
        Lang::Ja
    } else {
        Lang::En
    }
}
