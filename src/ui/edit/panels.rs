//! The editor's panels: opening files, the problems report, finding a body, the change list
//! and saving.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::open::{input_files, on_dragover, on_drop, read_then};
use super::{Ed, Editing};
use crate::edit::{archive, Change, ChangeKind, What};
use crate::model::Problem;
use crate::ui::i18n::pick;

/// The file input (several files), the folder input and the drop zone.
#[component]
pub fn OpenPanel(ed: Ed) -> impl IntoView {
    let t = move || ed.t();
    let reading = RwSignal::new(false);
    let opened = move |result: Result<crate::edit::Workspace, Vec<Problem>>| match result {
        Ok(w) => {
            ed.editing.set(Editing::Nothing);
            ed.focus.set(None);
            ed.picked.set(None);
            ed.ws.set(Some(w));
            ed.refresh();
        }
        Err(problems) => {
            ed.ws.set(None);
            ed.model.set(None);
            let problems = if problems.is_empty() {
                vec![Problem::new("manifest.json", "$", ed.t().no_manifest)]
            } else {
                problems
            };
            ed.problems.set(Some(problems));
        }
    };
    let on_files = move |e: web_sys::Event| {
        if let Some(files) = input_files(&e) {
            read_then(files, reading, opened);
        }
    };
    // A folder input: an attribute the view macro has no name for.
    let folder = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = folder.get() {
            let _ = input.set_attribute("webkitdirectory", "");
        }
    });
    let files_list = move || {
        ed.ws.with(|w| {
            w.as_ref().map(|w| {
                std::iter::once(w.manifest_name.clone())
                    .chain(
                        w.files
                            .iter()
                            .filter(|f| f.original().is_some())
                            .map(|f| f.name.clone()),
                    )
                    .collect::<Vec<_>>()
                    .join(", ")
            })
        })
    };
    view! {
        <section class="open" aria-labelledby="open-title">
            <h2 id="open-title">{move || t().open_heading}</h2>
            <div class="drop-zone" data-drop="dataset"
                on:dragover=on_dragover
                on:drop=move |e| on_drop(e, move |files| read_then(files, reading, opened))>
                <div class="field">
                    <label for="dataset-files">{move || t().files_label}</label>
                    <input type="file" id="dataset-files" data-input="dataset" multiple=true accept=".json,application/json" on:change=on_files />
                </div>
                <div class="field">
                    <label for="dataset-folder">{move || t().folder_label}</label>
                    <input type="file" id="dataset-folder" data-input="folder" node_ref=folder on:change=on_files />
                </div>
                <p class="hint">{move || t().drop_here}</p>
            </div>
            {move || reading.get().then(|| view! { <p role="status">{t().reading}</p> })}
            {move || files_list().map(|l| view! { <p class="opened"><strong>{t().opened}": "</strong>{l}</p> })}
        </section>
    }
}

/// Every problem with file and JSON path; `role="alert"` when there are any.
#[component]
pub fn Problems(ed: Ed) -> impl IntoView {
    let t = move || ed.t();
    move || {
        ed.problems.get().map(|problems| {
            if problems.is_empty() {
                view! {
                    <section class="problems ok" role="status" data-panel="problems" data-count="0">
                        <h2>{t().problems_heading}</h2>
                        <p>{t().no_problems}</p>
                    </section>
                }
                .into_any()
            } else {
                let count = problems.len();
                view! {
                    <section class="problems" role="alert" data-panel="problems" data-count=count tabindex="0" aria-labelledby="problems-title">
                        <h2 id="problems-title">{t().problems_heading}</h2>
                        <p>{format!("{count} {}", t().problems_found)}</p>
                        <ul>
                            {problems.into_iter().map(|p| {
                                let (file, place) = (p.file.clone(), p.place.clone());
                                view! {
                                    <li data-file=file data-place=place><code>{p.file}</code>" "<code>{p.place}</code>": "{p.message}</li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                }
                .into_any()
            }
        })
    }
}

/// Finding a body to edit by id or name; adding a body or a relation.
#[component]
pub fn Find(ed: Ed) -> impl IntoView {
    let t = move || ed.t();
    let query = RwSignal::new(String::new());
    let options = move || {
        let lang = ed.lang.get();
        ed.ws.with(|w| {
            w.as_ref()
                .map(|w| {
                    w.nodes()
                        .map(|(_, n)| (n.id.clone(), pick(&n.name, lang).0))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let open = move || {
        let q = query.get_untracked().trim().to_string();
        let found = ed.ws.with_untracked(|w| {
            let w = w.as_ref()?;
            w.find_node(&q).or_else(|| {
                let lower = q.to_lowercase();
                w.nodes()
                    .find(|(_, n)| {
                        n.name.en.to_lowercase() == lower
                            || n.name.ja.as_deref() == Some(q.as_str())
                            || n.short
                                .as_ref()
                                .is_some_and(|s| s.en.to_lowercase() == lower)
                    })
                    .map(|(r, _)| r)
            })
        });
        if let Some(r) = found {
            let id = ed
                .ws
                .with_untracked(|w| w.as_ref().and_then(|w| w.node(r)).map(|n| n.id.clone()));
            ed.picked.set(id);
            ed.editing.set(Editing::Body(Some(r)));
        }
    };
    view! {
        <section class="find" aria-labelledby="find-title">
            <h2 id="find-title" class="visually-hidden">{move || t().edit}</h2>
            <datalist id="edit-bodies">
                {move || options().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
            </datalist>
            <div class="field">
                <label for="find-body">{move || t().find_label}</label>
                <input type="text" id="find-body" data-input="find" list="edit-bodies" autocomplete="off"
                    prop:value=move || query.get()
                    on:input=move |e| query.set(event_target_value(&e))
                    on:keydown=move |e: web_sys::KeyboardEvent| if e.key() == "Enter" && !e.is_composing() { e.prevent_default(); open() } />
                " "
                <button type="button" data-action="edit-body" on:click=move |_| open()>{move || t().edit}</button>
            </div>
            <p class="add">
                <button type="button" data-action="add-body" on:click=move |_| ed.editing.set(Editing::Body(None))>{move || t().add_body}</button>
                " "
                <button type="button" data-action="add-relation" on:click=move |_| ed.editing.set(Editing::Relation(None))>{move || t().add_relation}</button>
            </p>
        </section>
    }
}

/// Every change since the files were opened, each with undo.
#[component]
pub fn Edits(ed: Ed) -> impl IntoView {
    let t = move || ed.t();
    let changes = move || {
        ed.ws
            .with(|w| w.as_ref().map(|w| w.changes()).unwrap_or_default())
    };
    view! {
        <section class="edits" data-panel="edits" aria-labelledby="edits-title">
            <h2 id="edits-title" tabindex="-1">{move || t().edits_heading}</h2>
            {move || {
                let list = changes();
                if list.is_empty() {
                    view! { <p>{t().no_edits}</p> }.into_any()
                } else {
                    view! { <ol>{list.into_iter().map(|c| view! { <ChangeItem ed=ed change=c /> }).collect_view()}</ol> }.into_any()
                }
            }}
        </section>
    }
}

fn kind_word(ed: Ed, k: ChangeKind) -> &'static str {
    let t = ed.t();
    match k {
        ChangeKind::Added => t.added,
        ChangeKind::Changed => t.changed,
        ChangeKind::Removed => t.removed,
    }
}

fn what_text(ed: Ed, w: &What) -> String {
    let t = ed.t();
    match w {
        What::Body(id) => format!("{} {id}", t.body),
        What::Relation {
            source,
            kind,
            target,
        } => format!("{} {source} {kind} {target}", t.relation),
    }
}

fn kind_attr(k: ChangeKind) -> &'static str {
    match k {
        ChangeKind::Added => "added",
        ChangeKind::Changed => "changed",
        ChangeKind::Removed => "removed",
    }
}

#[component]
fn ChangeItem(ed: Ed, change: Change) -> impl IntoView {
    let t = move || ed.t();
    let title = format!(
        "{} {} ({})",
        kind_word(ed, change.kind),
        what_text(ed, &change.what),
        change.file
    );
    let label = title.clone();
    let undo = {
        let change = change.clone();
        move |_| {
            let Some(mut w) = ed.ws.get_untracked() else {
                return;
            };
            w.undo(&change);
            ed.editing.set(Editing::Nothing);
            ed.commit(w, ed.t().undone);
            super::focus_later("edits-title");
        }
    };
    let fields = change.fields.clone();
    let with = change.with.clone();
    view! {
        <li data-change-kind=kind_attr(change.kind) data-change-file=change.file.clone()>
            <span class="what">{title}</span>" "
            <button type="button" class="link" data-action="undo" aria-label=move || format!("{}: {}", t().undo, label) on:click=undo>{move || t().undo}</button>
            {(!fields.is_empty()).then(|| view! {
                <table class="before-after">
                    <thead><tr><th scope="col">{t().field}</th><th scope="col">{t().before}</th><th scope="col">{t().after}</th></tr></thead>
                    <tbody>
                        {fields.into_iter().map(|f| {
                            let key = f.field.clone();
                            view! {
                            <tr data-change-field=key>
                                <th scope="row"><code>{f.field}</code></th>
                                <td>{f.before.unwrap_or_else(|| t().none.into())}</td>
                                <td>{f.after.unwrap_or_else(|| t().none.into())}</td>
                            </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {(!with.is_empty()).then(|| view! {
                <p class="with">{t().with_it}</p>
                <ul>
                    {with.into_iter().map(|c| view! { <li data-change-kind=kind_attr(c.kind)>{format!("{} {} ({})", kind_word(ed, c.kind), what_text(ed, &c.what), c.file)}</li> }).collect_view()}
                </ul>
            })}
        </li>
    }
}

/// Downloading the changed files, one by one or as one archive.
#[component]
pub fn Save(ed: Ed) -> impl IntoView {
    let t = move || ed.t();
    let changed = move || {
        ed.ws
            .with(|w| w.as_ref().map(|w| w.changed_files()).unwrap_or_default())
    };
    let zip = move |_| {
        let files = changed();
        if let Ok(bytes) = archive::zip("data", &files) {
            let _ = download_bytes("alliance-map-data.zip", "application/zip", &bytes);
        }
    };
    view! {
        <section class="save" aria-labelledby="save-title">
            <h2 id="save-title">{move || t().save_heading}</h2>
            <p class="hint">{move || t().save_hint}</p>
            {move || {
                let files = changed();
                if files.is_empty() {
                    view! { <p>{t().nothing_to_save}</p> }.into_any()
                } else {
                    view! {
                        <ul class="downloads">
                            {files.into_iter().map(|(name, text)| {
                                let n = name.clone();
                                view! {
                                    <li><button type="button" data-action="download" data-file=name.clone()
                                        on:click=move |_| { let _ = crate::ui::export::download_text(&n, "application/json", &text); }>
                                        {format!("{} {name}", t().download)}
                                    </button></li>
                                }
                            }).collect_view()}
                        </ul>
                        <p><button type="button" data-action="download-zip" on:click=zip>{t().download_zip}</button></p>
                        <SaveToFolder ed=ed />
                    }.into_any()
                }
            }}
        </section>
    }
}

/// Where the browser offers it, writing the changed files into a folder, after a confirmation
/// that names them.
#[component]
fn SaveToFolder(ed: Ed) -> impl IntoView {
    let t = move || ed.t();
    let asking = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let changed = move || {
        ed.ws
            .with(|w| w.as_ref().map(|w| w.changed_files()).unwrap_or_default())
    };
    let go = move |_| {
        let files = changed();
        leptos::task::spawn_local(async move {
            match super::folder::save(files).await {
                Ok(_) => {
                    asking.set(false);
                    failed.set(None);
                    ed.status.set(ed.t().saved_folder);
                }
                Err(e) => failed.set(Some(e)),
            }
        });
    };
    super::folder::offered().then(|| view! {
        <p><button type="button" data-action="save-folder" aria-expanded=move || asking.get().to_string() on:click=move |_| asking.set(true)>{move || t().save_folder}</button></p>
        {move || asking.get().then(|| view! {
            <div class="confirm" role="group" aria-labelledby="save-folder-title" data-panel="confirm-save-folder">
                <p id="save-folder-title">{t().save_folder_confirm}</p>
                <ul>{changed().into_iter().map(|(name, _)| view! { <li><code>{name}</code></li> }).collect_view()}</ul>
                {move || failed.get().map(|e| view! { <p role="alert">{t().save_failed}" "{e}</p> })}
                <button type="button" data-action="confirm-save-folder" on:click=go>{t().save_folder_go}</button>" "
                <button type="button" data-action="cancel-save-folder" on:click=move |_| asking.set(false)>{t().cancel}</button>
            </div>
        })}
    })
}

/// Hands bytes to the browser as a download.
fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    crate::ui::export::download_url(name, &url).map_err(|e| JsValue::from_str(&e.to_string()))?;
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}
