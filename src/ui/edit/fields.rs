//! The inputs the forms share. Each carries `data-field` with the JSON key it edits (within
//! the entry: `name.ja`, `until`, `sources[0].url`), a label, and — when the validator or the
//! date check objects — `aria-invalid` and the reason, tied to it by `aria-describedby`.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::text::Te;
use super::{Ed, Editing};
use crate::edit::{Ref, Refusal, Workspace};
use crate::model::{PartialDate, Source};

/// A label from the strings table.
pub type Label = fn(&'static Te) -> &'static str;

/// The element id of a field: `sources[0].url` → `f-sources-0-url`.
pub fn field_id(key: &str) -> String {
    let mut id = String::from("f-");
    for c in key.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_string()
}

/// The validator's word on `key`, if any.
fn refusal(errors: RwSignal<Vec<Refusal>>, key: &str) -> Option<String> {
    errors.with(|e| e.iter().find(|r| r.field == key).map(|r| r.message.clone()))
}

fn input_value(e: &web_sys::Event) -> String {
    e.target()
        .and_then(|t| {
            t.clone()
                .dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|t| {
                    t.dyn_into::<web_sys::HtmlTextAreaElement>()
                        .map(|i| i.value())
                })
                .or_else(|t| {
                    t.dyn_into::<web_sys::HtmlSelectElement>()
                        .map(|i| i.value())
                })
                .ok()
        })
        .unwrap_or_default()
}

/// How a text field is checked as it is typed.
#[derive(Clone, Copy, PartialEq)]
pub enum Check {
    None,
    /// A date at any precision.
    Date,
}

/// A labelled text input (or text area).
#[component]
pub fn TextField(
    ed: Ed,
    label: Label,
    key: String,
    value: RwSignal<String>,
    errors: RwSignal<Vec<Refusal>>,
    #[prop(default = Check::None)] check: Check,
    #[prop(optional)] long: bool,
    #[prop(optional)] readonly: bool,
    #[prop(optional)] required: bool,
    #[prop(optional)] list: Option<&'static str>,
    #[prop(optional)] hint: Option<Label>,
    /// A check of the value as typed, other than a date's (e.g. an id already in use).
    #[prop(optional)]
    live: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let id = field_id(&key);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let k = key.clone();
    let message = Memo::new(move |_| {
        let typed = value.with(|v| {
            (check == Check::Date && !v.trim().is_empty() && PartialDate::parse(v.trim()).is_err())
                .then(|| ed.t().bad_date.to_string())
        });
        typed
            .or_else(|| live.and_then(|l| l.get()))
            .or_else(|| refusal(errors, &k))
    });
    let described = {
        let (h, e) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(h.clone());
            }
            if message.with(Option::is_some) {
                ids.push(e.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || message.with(Option::is_some).then_some("true");
    let on_input = move |e: web_sys::Event| value.set(input_value(&e));
    let control = if long {
        view! {
            <textarea id=id.clone() data-field=key.clone() rows="3" readonly=readonly
                aria-invalid=invalid aria-describedby=described.clone()
                prop:value=move || value.get() on:input=on_input on:change=on_input></textarea>
        }
        .into_any()
    } else {
        view! {
            <input type="text" id=id.clone() data-field=key.clone() readonly=readonly required=required
                autocomplete="off" list=list
                aria-invalid=invalid aria-describedby=described
                prop:value=move || value.get() on:input=on_input on:change=on_input />
        }
        .into_any()
    };
    view! {
        <div class="field" class:invalid=move || message.with(Option::is_some)>
            <label for=id.clone()>{move || label(ed.t())}</label>
            {control}
            {hint.map(|h| view! { <span class="hint" id=hint_id.clone()>{move || h(ed.t())}</span> })}
            {move || message.get().map(|m| view! { <span class="field-error" id=error_id.clone()>{m}</span> })}
        </div>
    }
}

/// A labelled choice from a closed list of (value, label).
#[component]
pub fn SelectField(
    ed: Ed,
    label: Label,
    key: String,
    value: RwSignal<String>,
    errors: RwSignal<Vec<Refusal>>,
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let id = field_id(&key);
    let error_id = format!("{id}-error");
    let k = key.clone();
    let message = Memo::new(move |_| refusal(errors, &k));
    let e = error_id.clone();
    view! {
        <div class="field" class:invalid=move || message.with(Option::is_some)>
            <label for=id.clone()>{move || label(ed.t())}</label>
            <select id=id.clone() data-field=key.clone() prop:value=move || value.get()
                aria-invalid=move || message.with(Option::is_some).then_some("true")
                aria-describedby=move || message.with(Option::is_some).then(|| e.clone())
                on:change=move |ev| value.set(input_value(&ev))>
                {move || options.get().into_iter().map(|(v, l)| {
                    let selected = value.with_untracked(|c| *c == v);
                    view! { <option value=v selected=selected>{l}</option> }
                }).collect_view()}
            </select>
            {move || message.get().map(|m| view! { <span class="field-error" id=error_id.clone()>{m}</span> })}
        </div>
    }
}

/// One source being edited.
#[derive(Clone, Copy)]
pub struct SourceRow {
    pub url: RwSignal<String>,
    pub title: RwSignal<String>,
    pub accessed: RwSignal<String>,
}

impl SourceRow {
    pub fn new(s: Option<&Source>) -> Self {
        Self {
            url: RwSignal::new(s.map(|s| s.url.clone()).unwrap_or_default()),
            title: RwSignal::new(s.map(|s| s.title.clone()).unwrap_or_default()),
            accessed: RwSignal::new(s.map(|s| s.accessed.to_string()).unwrap_or_else(today)),
        }
    }

    /// The rows of an entry's sources; a new entry starts with one empty row.
    pub fn rows(sources: Option<&[Source]>) -> RwSignal<Vec<SourceRow>> {
        RwSignal::new(match sources {
            Some(list) => list.iter().map(|x| SourceRow::new(Some(x))).collect(),
            None => vec![SourceRow::new(None)],
        })
    }
}

/// Today as `YYYY-MM-DD` (a new source was, presumably, checked today).
fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.get(..10).unwrap_or_default().to_string()
}

/// The sources of the entry being edited, as typed; a problem names the field.
pub fn sources_of(t: &Te, rows: &[SourceRow], problems: &mut Vec<Refusal>) -> Vec<Source> {
    let mut out = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let (url, title, accessed) = (
            r.url.get_untracked().trim().to_string(),
            r.title.get_untracked().trim().to_string(),
            r.accessed.get_untracked().trim().to_string(),
        );
        if url.is_empty() && title.is_empty() {
            continue;
        }
        match PartialDate::parse(&accessed) {
            Ok(accessed) => out.push(Source {
                url,
                title,
                accessed,
            }),
            Err(_) => problems.push(Refusal {
                field: format!("sources[{i}].accessed"),
                message: t.bad_date.into(),
            }),
        }
    }
    out
}

/// The sources fieldset: a row per source, add and remove.
#[component]
pub fn SourcesField(
    ed: Ed,
    rows: RwSignal<Vec<SourceRow>>,
    errors: RwSignal<Vec<Refusal>>,
) -> impl IntoView {
    let message = Memo::new(move |_| refusal(errors, "sources"));
    view! {
        <fieldset class="sources" id="f-sources" data-field="sources" class:invalid=move || message.with(Option::is_some)
            aria-invalid=move || message.with(Option::is_some).then_some("true")
            aria-describedby=move || message.with(Option::is_some).then_some("f-sources-error")>
            <legend>{move || ed.t().sources}</legend>
            {move || message.get().map(|m| view! { <span class="field-error" id="f-sources-error">{m}</span> })}
            {move || rows.get().into_iter().enumerate().map(|(i, row)| view! {
                <div class="source-row" role="group" aria-label=move || format!("{} {}", ed.t().source_n, i + 1)>
                    <TextField ed=ed label=|t| t.source_url key=format!("sources[{i}].url") value=row.url errors=errors />
                    <TextField ed=ed label=|t| t.source_title key=format!("sources[{i}].title") value=row.title errors=errors />
                    <TextField ed=ed label=|t| t.source_accessed key=format!("sources[{i}].accessed") value=row.accessed errors=errors check=Check::Date />
                    <button type="button" class="link" data-action="remove-source" on:click=move |_| rows.update(|r| { if i < r.len() { r.remove(i); } })>
                        {move || format!("{} ({} {})", ed.t().remove_source, ed.t().source_n, i + 1)}
                    </button>
                </div>
            }).collect_view()}
            <button type="button" data-action="add-source" on:click=move |_| rows.update(|r| r.push(SourceRow::new(None)))>{move || ed.t().add_source}</button>
        </fieldset>
    }
}

/// Keeps what a form's `attempt` made (the workspace, the entry, the body to show on the map)
/// and shows the entry in its form; or shows why not (the fields marked, and the list above
/// the form).
pub fn settle(
    ed: Ed,
    attempt: Result<(Workspace, Ref, String), Vec<Refusal>>,
    errors: RwSignal<Vec<Refusal>>,
    summary: RwSignal<Vec<Refusal>>,
    editing: fn(Option<Ref>) -> Editing,
) {
    let t = ed.t_untracked();
    match attempt {
        Ok((w, r, focus)) => {
            errors.set(Vec::new());
            summary.set(Vec::new());
            ed.focus.set(Some(focus));
            ed.commit(w, t.applied);
            ed.editing.set(editing(Some(r)));
            super::focus_later(match editing(None) {
                Editing::Relation(_) => "relation-form-title",
                _ => "body-form-title",
            });
        }
        Err(refusals) => {
            errors.set(refusals.clone());
            summary.set(refusals);
            ed.status.set(t.not_applied);
        }
    }
}

/// Reads every source row's fields (for an effect that follows them all).
pub fn track_sources(rows: RwSignal<Vec<SourceRow>>) {
    rows.with(|rows| {
        for r in rows {
            r.url.track();
            r.title.track();
            r.accessed.track();
        }
    });
}

/// Runs `check` a moment after the fields stop changing (once the maintainer has typed or
/// chosen something: not for what the form fills in itself) and marks the fields it objects
/// to; once nothing is wrong, the list above the form goes too.
pub fn live_check(
    errors: RwSignal<Vec<Refusal>>,
    summary: RwSignal<Vec<Refusal>>,
    touched: RwSignal<bool>,
    track: impl Fn() + 'static,
    check: impl Fn() -> Vec<Refusal> + Clone + 'static,
) {
    let generation = StoredValue::new(0u64);
    Effect::new(move |opened: Option<()>| {
        track();
        if opened.is_none() || !touched.get_untracked() {
            return;
        }
        let Some(g) = generation.try_update_value(|g| {
            *g += 1;
            *g
        }) else {
            return;
        };
        let check = check.clone();
        leptos::prelude::set_timeout(
            move || {
                if generation.try_get_value() != Some(g) {
                    return;
                }
                let found = check();
                if found.is_empty() {
                    summary.try_set(Vec::new());
                }
                errors.try_set(found);
            },
            std::time::Duration::from_millis(350),
        );
    });
}

/// The list of refusals above a form, each naming its field; announced.
#[component]
pub fn Refused(ed: Ed, errors: RwSignal<Vec<Refusal>>) -> impl IntoView {
    move || {
        let list = errors.get();
        (!list.is_empty()).then(|| view! {
            <div class="form-errors" role="alert" data-panel="refused">
                <p>{ed.t().refused}</p>
                <ul>
                    {list.into_iter().map(|r| {
                        let target = format!("#{}", field_id(&r.field));
                        let shown = if r.field.is_empty() { "—".to_string() } else { r.field.clone() };
                        view! { <li data-refused=r.field.clone()><a href=target><code>{shown}</code></a>": "{r.message}</li> }
                    }).collect_view()}
                </ul>
            </div>
        })
    }
}
