//! The relation form: its two bodies (typed with suggestions, or the body selected on the
//! map), its kind from the closed list, dates, note and sources.

use leptos::prelude::*;

use super::fields::{
    settle, sources_of, Check, Refused, SelectField, SourceRow, SourcesField, TextField,
};
use super::text::Te;
use super::{Ed, Editing};
use crate::edit::{Ref, Refusal, Workspace};
use crate::model::{Edge, EdgeKind, PartialDate, Text};
use crate::ui::i18n::relation_label;

#[derive(Clone, Copy)]
struct Draft {
    file: RwSignal<String>,
    source: RwSignal<String>,
    target: RwSignal<String>,
    kind: RwSignal<String>,
    since: RwSignal<String>,
    until: RwSignal<String>,
    note_en: RwSignal<String>,
    note_ja: RwSignal<String>,
    sources: RwSignal<Vec<SourceRow>>,
}

impl Draft {
    fn new(e: Option<&Edge>, source: String, file: usize) -> Self {
        let s = |v: String| RwSignal::new(v);
        let note = e.and_then(|e| e.note.as_ref());
        Self {
            file: s(file.to_string()),
            source: s(e.map_or(source, |e| e.source.clone())),
            target: s(e.map(|e| e.target.clone()).unwrap_or_default()),
            kind: s(e.map_or(EdgeKind::PartOf, |e| e.kind).as_str().into()),
            since: s(e
                .and_then(|e| e.since)
                .map(|d| d.to_string())
                .unwrap_or_default()),
            until: s(e
                .and_then(|e| e.until)
                .map(|d| d.to_string())
                .unwrap_or_default()),
            note_en: s(note.map(|t| t.en.clone()).unwrap_or_default()),
            note_ja: s(note.and_then(|t| t.ja.clone()).unwrap_or_default()),
            sources: SourceRow::rows(e.map(|e| e.sources.as_slice())),
        }
    }

    /// Reads every field, so that an effect runs again when any of them changes.
    fn track(&self) {
        for v in [
            self.file,
            self.source,
            self.target,
            self.kind,
            self.since,
            self.until,
            self.note_en,
            self.note_ja,
        ] {
            v.track();
        }
        super::fields::track_sources(self.sources);
    }

    fn edge(&self, t: &Te, problems: &mut Vec<Refusal>) -> Edge {
        let get = |v: RwSignal<String>| v.get_untracked().trim().to_string();
        let mut date = |key: &str, v: RwSignal<String>| -> Option<PartialDate> {
            let text = get(v);
            if text.is_empty() {
                return None;
            }
            PartialDate::parse(&text)
                .map_err(|_| {
                    problems.push(Refusal {
                        field: key.into(),
                        message: t.bad_date.into(),
                    })
                })
                .ok()
        };
        let since = date("since", self.since);
        let until = date("until", self.until);
        let (en, ja) = (get(self.note_en), get(self.note_ja));
        let note = (!en.is_empty() || !ja.is_empty()).then(|| Text {
            en,
            ja: Some(ja).filter(|j| !j.is_empty()),
        });
        let sources = sources_of(t, &self.sources.get_untracked(), problems);
        Edge {
            source: get(self.source),
            target: get(self.target),
            kind: EdgeKind::parse(&get(self.kind)).unwrap_or(EdgeKind::PartOf),
            since,
            until,
            note,
            sources,
        }
    }
}

/// The form applied to a copy of the workspace, or every refusal.
fn attempt(ed: Ed, at: Option<Ref>, d: Draft) -> Result<(Workspace, Ref, String), Vec<Refusal>> {
    let t = ed.t_untracked();
    let mut problems = Vec::new();
    let edge = d.edge(t, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let Some(mut w) = ed.ws.get_untracked() else {
        return Err(Vec::new());
    };
    let file: usize = d.file.get_untracked().parse().unwrap_or(0);
    let source = edge.source.clone();
    let r = match at {
        None => w.add_edge(file, edge),
        Some(r) => w.update_edge(r, edge),
    }?;
    Ok((w, r, source))
}

#[component]
pub fn RelationForm(ed: Ed, at: Option<Ref>) -> impl IntoView {
    let picked = ed.picked.get_untracked().unwrap_or_default();
    let (edge, files, file) = ed
        .ws
        .with_untracked(|w| {
            let w = w.as_ref()?;
            let edge = at.and_then(|r| w.edge(r).cloned());
            let files: Vec<(String, String)> = w
                .files
                .iter()
                .enumerate()
                .filter(|(_, f)| f.editable())
                .map(|(i, f)| (i.to_string(), f.name.clone()))
                .collect();
            let file = match at {
                Some(r) => r.file,
                None => w
                    .find_node(&picked)
                    .map(|r| r.file)
                    .or_else(|| w.files.iter().position(|f| f.editable()))
                    .unwrap_or(0),
            };
            Some((edge, files, file))
        })
        .unwrap_or_default();
    let d = Draft::new(edge.as_ref(), picked, file);
    let errors = RwSignal::new(Vec::<Refusal>::new());
    let summary = RwSignal::new(Vec::<Refusal>::new());
    let touched = RwSignal::new(false);
    super::fields::live_check(
        errors,
        summary,
        touched,
        move || d.track(),
        move || attempt(ed, at, d).err().unwrap_or_default(),
    );
    let is_new = at.is_none();
    let t = move || ed.t();
    let kinds = Signal::derive(move || {
        let lang = ed.lang.get();
        EdgeKind::ALL
            .iter()
            .map(|k| {
                (
                    k.as_str().to_string(),
                    relation_label(*k, true, lang).to_string(),
                )
            })
            .collect()
    });
    let files = Signal::derive(move || files.clone());
    let use_picked = move |end: RwSignal<String>| {
        move |_| {
            if let Some(id) = ed.picked.get_untracked() {
                end.set(id);
            }
        }
    };
    let submit = move |e: web_sys::SubmitEvent| {
        e.prevent_default();
        settle(ed, attempt(ed, at, d), errors, summary, Editing::Relation);
    };
    let delete = move |_| {
        let (Some(r), Some(mut w)) = (at, ed.ws.get_untracked()) else {
            return;
        };
        w.remove_edge(r);
        ed.editing.set(Editing::Nothing);
        ed.commit(w, ed.t().deleted);
        super::focus_later("edits-title");
    };
    view! {
        <form class="edit-form" data-form="relation" on:submit=submit on:input=move |_| touched.set(true) on:change=move |_| touched.set(true) novalidate=true aria-labelledby="relation-form-title">
            <h2 id="relation-form-title" tabindex="-1">{move || if is_new { t().new_relation_heading } else { t().relation_heading }}</h2>
            <Refused ed=ed errors=summary />
            {is_new.then(|| view! {
                <SelectField ed=ed label=|t| t.file key="file".into() value=d.file errors=errors options=files />
            })}
            <TextField ed=ed label=|t| t.from_body key="source".into() value=d.source errors=errors list="edit-bodies" required=true />
            <p class="pick"><button type="button" class="link" data-action="pick-source" on:click=use_picked(d.source)>{move || format!("{} ({})", t().use_selected, t().from_body)}</button></p>
            <SelectField ed=ed label=|t| t.relation_kind key="kind".into() value=d.kind errors=errors options=kinds />
            <TextField ed=ed label=|t| t.to_body key="target".into() value=d.target errors=errors list="edit-bodies" required=true />
            <p class="pick"><button type="button" class="link" data-action="pick-target" on:click=use_picked(d.target)>{move || format!("{} ({})", t().use_selected, t().to_body)}</button></p>
            <TextField ed=ed label=|t| t.since key="since".into() value=d.since errors=errors check=Check::Date hint=|t| t.date_hint />
            <TextField ed=ed label=|t| t.until key="until".into() value=d.until errors=errors check=Check::Date />
            <TextField ed=ed label=|t| t.note_en key="note.en".into() value=d.note_en errors=errors long=true />
            <TextField ed=ed label=|t| t.note_ja key="note.ja".into() value=d.note_ja errors=errors long=true />
            <SourcesField ed=ed rows=d.sources errors=errors />
            <p class="form-actions">
                <button type="submit" data-action="apply">{move || if is_new { t().add } else { t().apply }}</button>
                " "
                <button type="button" data-action="cancel" on:click=move |_| ed.editing.set(Editing::Nothing)>{move || t().cancel}</button>
                {(!is_new).then(|| view! { " " <button type="button" class="danger" data-action="delete-relation" on:click=delete>{move || t().delete}</button> })}
            </p>
        </form>
    }
}
