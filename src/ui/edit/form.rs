//! The body form: every field of a node with the closed lists as choices, dates checked as
//! typed, the id proposed for a new body (and checked for uniqueness), the parent as a
//! `part_of` relation, the body's relations, and deletion with a confirmation that lists the
//! relations that go too. Applying goes through the core, which refuses an edit that breaks a
//! rule and names the field.

use leptos::prelude::*;

use super::fields::{
    settle, sources_of, Check, Refused, SelectField, SourceRow, SourcesField, TextField,
};
use super::text::Te;
use super::{Ed, Editing};
use crate::edit::{ids, Ref, Refusal, Workspace};
use crate::model::{Edge, EdgeKind, Node, NodeKind, PartialDate, Role, Text, INTL};
use crate::ui::i18n::{kind_label, role_label};

/// The body being edited, field by field, as typed.
#[derive(Clone, Copy)]
struct Draft {
    file: RwSignal<String>,
    id: RwSignal<String>,
    country: RwSignal<String>,
    kind: RwSignal<String>,
    name_en: RwSignal<String>,
    name_ja: RwSignal<String>,
    short_en: RwSignal<String>,
    short_ja: RwSignal<String>,
    roles: RwSignal<Vec<Role>>,
    since: RwSignal<String>,
    until: RwSignal<String>,
    parent: RwSignal<String>,
    successor: RwSignal<String>,
    website: RwSignal<String>,
    summary_en: RwSignal<String>,
    summary_ja: RwSignal<String>,
    sources: RwSignal<Vec<SourceRow>>,
}

fn s(v: impl Into<String>) -> RwSignal<String> {
    RwSignal::new(v.into())
}

fn ja(t: Option<&Text>) -> String {
    t.and_then(|t| t.ja.clone()).unwrap_or_default()
}

impl Draft {
    fn new(n: Option<&Node>, parent: Option<String>, file: usize, country: &str) -> Self {
        Self {
            file: s(file.to_string()),
            id: s(n.map(|n| n.id.clone()).unwrap_or_default()),
            country: s(n.map_or(country.to_string(), |n| n.country.clone())),
            kind: s(n.map_or(NodeKind::Agency, |n| n.kind).as_str()),
            name_en: s(n.map(|n| n.name.en.clone()).unwrap_or_default()),
            name_ja: s(ja(n.map(|n| &n.name))),
            short_en: s(n
                .and_then(|n| n.short.as_ref())
                .map(|t| t.en.clone())
                .unwrap_or_default()),
            short_ja: s(ja(n.and_then(|n| n.short.as_ref()))),
            roles: RwSignal::new(n.map(|n| n.roles.clone()).unwrap_or_default()),
            since: s(n.map(|n| n.since.to_string()).unwrap_or_default()),
            until: s(n
                .and_then(|n| n.until)
                .map(|d| d.to_string())
                .unwrap_or_default()),
            parent: s(parent.unwrap_or_default()),
            successor: s(n.and_then(|n| n.successor.clone()).unwrap_or_default()),
            website: s(n.and_then(|n| n.website.clone()).unwrap_or_default()),
            summary_en: s(n
                .and_then(|n| n.summary.as_ref())
                .map(|t| t.en.clone())
                .unwrap_or_default()),
            summary_ja: s(ja(n.and_then(|n| n.summary.as_ref()))),
            sources: SourceRow::rows(n.map(|n| n.sources.as_slice())),
        }
    }

    /// Reads every field, so that an effect runs again when any of them changes.
    fn track(&self) {
        for v in [
            self.file,
            self.id,
            self.country,
            self.kind,
            self.name_en,
            self.name_ja,
            self.short_en,
            self.short_ja,
            self.since,
            self.until,
            self.parent,
            self.successor,
            self.website,
            self.summary_en,
            self.summary_ja,
        ] {
            v.track();
        }
        self.roles.track();
        super::fields::track_sources(self.sources);
    }

    /// The node as typed, or what stops it being one (a date that is not a date).
    fn node(&self, t: &Te, problems: &mut Vec<Refusal>) -> Node {
        let get = |v: RwSignal<String>| v.get_untracked().trim().to_string();
        let opt = |v: RwSignal<String>| Some(get(v)).filter(|x| !x.is_empty());
        let mut date = |key: &str, v: RwSignal<String>| -> Option<PartialDate> {
            let text = get(v);
            if text.is_empty() {
                return None;
            }
            match PartialDate::parse(&text) {
                Ok(d) => Some(d),
                Err(_) => {
                    problems.push(Refusal {
                        field: key.into(),
                        message: t.bad_date.into(),
                    });
                    None
                }
            }
        };
        let since = date("since", self.since);
        let until = date("until", self.until);
        if since.is_none() && get(self.since).is_empty() {
            problems.push(Refusal {
                field: "since".into(),
                message: t.since_required.into(),
            });
        }
        let text = |en: RwSignal<String>, ja: RwSignal<String>| {
            let (en, ja) = (get(en), opt(ja));
            (!en.is_empty() || ja.is_some()).then_some(Text { en, ja })
        };
        let sources = sources_of(t, &self.sources.get_untracked(), problems);
        Node {
            id: get(self.id),
            country: get(self.country),
            kind: NodeKind::parse(&get(self.kind)).unwrap_or(NodeKind::Agency),
            name: Text {
                en: get(self.name_en),
                ja: opt(self.name_ja),
            },
            short: text(self.short_en, self.short_ja),
            roles: self.roles.get_untracked(),
            since: since.unwrap_or_else(|| PartialDate::from_days(0)),
            until,
            successor: opt(self.successor),
            website: opt(self.website),
            summary: text(self.summary_en, self.summary_ja),
            sources,
        }
    }
}

/// The body's parent: the target of its first `part_of` relation without an end.
fn parent_of(w: &Workspace, id: &str) -> Option<(Ref, String)> {
    w.edges()
        .find(|(_, e)| e.source == id && e.kind == EdgeKind::PartOf && e.until.is_none())
        .map(|(r, e)| (r, e.target.clone()))
}

/// The form applied to a copy of the workspace: the body added or replaced, then its parent
/// relation. All or nothing: the copy, or every refusal.
fn attempt(ed: Ed, at: Option<Ref>, d: Draft) -> Result<(Workspace, Ref, String), Vec<Refusal>> {
    let t = ed.t_untracked();
    let mut problems = Vec::new();
    let node = d.node(t, &mut problems);
    let Some(mut w) = ed.ws.get_untracked() else {
        return Err(Vec::new());
    };
    if at.is_none() {
        if let Some(why) = ids::check(&node.id, &node.country, &w.ids()) {
            problems.push(Refusal {
                field: "id".into(),
                message: why,
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let file: usize = d.file.get_untracked().parse().unwrap_or(0);
    let id = node.id.clone();
    let parent = Some(d.parent.get_untracked().trim().to_string()).filter(|p| !p.is_empty());
    let sources = node.sources.clone();
    let since = node.since;
    let result = match at {
        None => w.add_node(file, node),
        Some(r) => w.update_node(r, node),
    }
    .and_then(|r| {
        let edge = |target: String| Edge {
            source: id.clone(),
            target,
            kind: EdgeKind::PartOf,
            since: Some(since),
            until: None,
            note: None,
            sources: sources.clone(),
        };
        let parent_field = |e: Vec<Refusal>| {
            e.into_iter()
                .map(|x| Refusal {
                    field: if x.field == "target" {
                        "parent".into()
                    } else {
                        x.field
                    },
                    message: x.message,
                })
                .collect::<Vec<_>>()
        };
        match (parent_of(&w, &id), parent) {
            (None, Some(p)) => w.add_edge(r.file, edge(p)).map_err(parent_field)?,
            (Some((e, old)), Some(p)) if old != p => {
                let mut changed = w.edge(e).cloned().unwrap_or_else(|| edge(p.clone()));
                changed.target = p;
                w.update_edge(e, changed).map_err(parent_field)?
            }
            (Some((e, _)), None) => {
                w.remove_edge(e);
                e
            }
            _ => r,
        };
        Ok(r)
    });
    result.map(|r| (w, r, id))
}

#[component]
pub fn BodyForm(ed: Ed, at: Option<Ref>) -> impl IntoView {
    let (node, parent, countries, files, default_file) = ed
        .ws
        .with_untracked(|w| {
            let w = w.as_ref()?;
            let node = at.and_then(|r| w.node(r).cloned());
            let parent = node
                .as_ref()
                .and_then(|n| parent_of(w, &n.id))
                .map(|(_, p)| p);
            let mut countries: Vec<(String, String)> = w
                .manifest
                .countries
                .iter()
                .map(|c| (c.id.clone(), c.id.clone()))
                .collect();
            countries.push((INTL.into(), INTL.into()));
            let files: Vec<(String, String)> = w
                .files
                .iter()
                .enumerate()
                .filter(|(_, f)| f.editable())
                .map(|(i, f)| (i.to_string(), f.name.clone()))
                .collect();
            let first = countries.first().map(|c| c.0.clone()).unwrap_or_default();
            let file = at.map_or_else(|| w.file_for(&first, NodeKind::Agency), |r| r.file);
            Some((node, parent, countries, files, file))
        })
        .unwrap_or_default();
    let first_country = countries.first().map(|c| c.0.clone()).unwrap_or_default();
    let d = Draft::new(node.as_ref(), parent, default_file, &first_country);
    let errors = RwSignal::new(Vec::<Refusal>::new());
    let summary = RwSignal::new(Vec::<Refusal>::new());
    let is_new = at.is_none();
    let t = move || ed.t();
    // The same checks as Apply, as the maintainer types (once the typing pauses): the fields
    // are marked; the list above the form only follows Apply.
    let touched = RwSignal::new(false);
    super::fields::live_check(
        errors,
        summary,
        touched,
        move || d.track(),
        move || attempt(ed, at, d).err().unwrap_or_default(),
    );

    // A new body: the id follows the country and the short name (else the name) until it is
    // typed by hand; the file follows the country and kind until it is chosen.
    let id_typed = RwSignal::new(false);
    let file_chosen = RwSignal::new(false);
    if is_new {
        Effect::new(move |_| {
            let (country, short, name) = (d.country.get(), d.short_en.get(), d.name_en.get());
            let label = if short.trim().is_empty() { name } else { short };
            if !id_typed.get_untracked() {
                let id = ed.ws.with_untracked(|w| {
                    w.as_ref()
                        .map(|w| ids::propose(&country, &label, &w.ids()))
                        .unwrap_or_default()
                });
                d.id.set(id);
            }
        });
        Effect::new(move |_| {
            let (country, kind) = (d.country.get(), d.kind.get());
            if !file_chosen.get_untracked() {
                let kind = NodeKind::parse(&kind).unwrap_or(NodeKind::Agency);
                let file = ed
                    .ws
                    .with_untracked(|w| w.as_ref().map(|w| w.file_for(&country, kind)));
                if let Some(f) = file {
                    d.file.set(f.to_string());
                }
            }
        });
    }
    let id_problem = Signal::derive(move || {
        if !is_new {
            return None;
        }
        let (id, country) = (d.id.get(), d.country.get());
        ed.ws
            .with(|w| w.as_ref().and_then(|w| ids::check(&id, &country, &w.ids())))
    });
    let kinds = Signal::derive(move || {
        let lang = ed.lang.get();
        NodeKind::ALL
            .iter()
            .map(|k| (k.as_str().to_string(), kind_label(*k, lang).to_string()))
            .collect()
    });
    let countries = Signal::derive(move || countries.clone());
    let files = Signal::derive(move || files.clone());
    let submit = move |e: web_sys::SubmitEvent| {
        e.prevent_default();
        settle(ed, attempt(ed, at, d), errors, summary, Editing::Body);
    };
    let id_for_heading = node.as_ref().map(|n| n.id.clone());
    view! {
        <form class="edit-form" data-form="body" on:submit=submit on:input=move |_| touched.set(true) on:change=move |_| touched.set(true) novalidate=true aria-labelledby="body-form-title">
            <h2 id="body-form-title" tabindex="-1">
                {move || if is_new { t().new_body_heading } else { t().body_heading }}
                {id_for_heading.clone().map(|id| view! { " " <code>{id}</code> })}
            </h2>
            <Refused ed=ed errors=summary />
            {is_new.then(|| view! {
                <div on:change=move |_| file_chosen.set(true)>
                    <SelectField ed=ed label=|t| t.file key="file".into() value=d.file errors=errors options=files />
                </div>
            })}
            <SelectField ed=ed label=|t| t.country key="country".into() value=d.country errors=errors options=countries />
            <SelectField ed=ed label=|t| t.kind key="kind".into() value=d.kind errors=errors options=kinds />
            <div on:input=move |_| id_typed.set(true)>
                <TextField ed=ed label=|t| t.id key="id".into() value=d.id errors=errors readonly=!is_new required=true hint=|t| t.id_hint live=id_problem />
            </div>
            <TextField ed=ed label=|t| t.name_en key="name.en".into() value=d.name_en errors=errors required=true />
            <TextField ed=ed label=|t| t.name_ja key="name.ja".into() value=d.name_ja errors=errors />
            <TextField ed=ed label=|t| t.short_en key="short.en".into() value=d.short_en errors=errors />
            <TextField ed=ed label=|t| t.short_ja key="short.ja".into() value=d.short_ja errors=errors />
            <Roles ed=ed roles=d.roles />
            <TextField ed=ed label=|t| t.since key="since".into() value=d.since errors=errors check=Check::Date required=true hint=|t| t.date_hint />
            <TextField ed=ed label=|t| t.until key="until".into() value=d.until errors=errors check=Check::Date />
            <TextField ed=ed label=|t| t.parent key="parent".into() value=d.parent errors=errors list="edit-bodies" />
            <TextField ed=ed label=|t| t.successor key="successor".into() value=d.successor errors=errors list="edit-bodies" />
            <TextField ed=ed label=|t| t.website key="website".into() value=d.website errors=errors />
            <TextField ed=ed label=|t| t.summary_en key="summary.en".into() value=d.summary_en errors=errors long=true />
            <TextField ed=ed label=|t| t.summary_ja key="summary.ja".into() value=d.summary_ja errors=errors long=true />
            <SourcesField ed=ed rows=d.sources errors=errors />
            <p class="form-actions">
                <button type="submit" data-action="apply">{move || if is_new { t().add } else { t().apply }}</button>
                " "
                <button type="button" data-action="cancel" on:click=move |_| ed.editing.set(Editing::Nothing)>{move || t().cancel}</button>
            </p>
            {node.map(|n| view! { <BodyRelations ed=ed id=n.id.clone() /> <Delete ed=ed at=at id=n.id /> })}
        </form>
    }
}

/// The roles as checkboxes.
#[component]
fn Roles(ed: Ed, roles: RwSignal<Vec<Role>>) -> impl IntoView {
    view! {
        <fieldset class="roles" id="f-roles" data-field="roles">
            <legend>{move || ed.t().roles}</legend>
            {Role::ALL.iter().map(|&r| {
                let toggle = move |_| roles.update(|list| {
                    if let Some(i) = list.iter().position(|x| *x == r) {
                        list.remove(i);
                    } else {
                        list.push(r);
                        // Keep the order of the closed list, as the files write it.
                        list.sort_by_key(|x| Role::ALL.iter().position(|y| y == x));
                    }
                });
                view! {
                    <label class="check">
                        <input type="checkbox" value=r.as_str() prop:checked=move || roles.with(|l| l.contains(&r)) on:change=toggle />
                        {move || role_label(r, ed.lang.get())}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The relations that name the body `id`, now.
fn relations(ed: Ed, id: &str) -> Vec<(Ref, Edge)> {
    ed.ws.with(|w| {
        w.as_ref()
            .map(|w| {
                w.relations_of(id)
                    .into_iter()
                    .filter_map(|r| w.edge(r).map(|e| (r, e.clone())))
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// A relation in words as the files write it: `source kind target`.
fn label(e: &Edge) -> String {
    format!("{} {} {}", e.source, e.kind.as_str(), e.target)
}

/// The body's relations, each to edit or delete.
#[component]
fn BodyRelations(ed: Ed, id: String) -> impl IntoView {
    let t = move || ed.t();
    let list = {
        let id = id.clone();
        move || relations(ed, &id)
    };
    view! {
        <section class="body-relations" aria-labelledby="body-relations-title">
            <h3 id="body-relations-title" tabindex="-1">{move || t().relations}</h3>
            <ul>
                {move || list().into_iter().map(|(r, e)| {
                    let delete = move |_| {
                        let Some(mut w) = ed.ws.get_untracked() else { return };
                        w.remove_edge(r);
                        ed.commit(w, ed.t().deleted);
                        super::focus_later("body-relations-title");
                    };
                    let label = label(&e);
                    let l2 = label.clone();
                    view! {
                        <li data-edge-source=e.source.clone() data-edge-target=e.target.clone() data-edge-kind=e.kind.as_str()>
                            <code>{label.clone()}</code>" "
                            <button type="button" class="link" data-action="edit-relation" aria-label=move || format!("{}: {}", t().edit, label) on:click=move |_| ed.editing.set(Editing::Relation(Some(r)))>{move || t().edit}</button>" "
                            <button type="button" class="link" data-action="delete-relation" aria-label=move || format!("{}: {}", t().delete, l2) on:click=delete>{move || t().delete}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Deleting the body: a confirmation that lists the relations deleted with it.
#[component]
fn Delete(ed: Ed, at: Option<Ref>, id: String) -> impl IntoView {
    let t = move || ed.t();
    let asking = RwSignal::new(false);
    let refusals = RwSignal::new(Vec::<Refusal>::new());
    let going = {
        let id = id.clone();
        move || {
            relations(ed, &id)
                .into_iter()
                .map(|(_, e)| label(&e))
                .collect::<Vec<_>>()
        }
    };
    let confirm = move |_| {
        let (Some(r), Some(mut w)) = (at, ed.ws.get_untracked()) else {
            return;
        };
        match w.remove_node(r) {
            Ok(_) => {
                ed.focus.set(None);
                ed.editing.set(Editing::Nothing);
                ed.commit(w, ed.t().deleted);
                super::focus_later("edits-title");
            }
            Err(e) => refusals.set(e),
        }
    };
    view! {
        <div class="delete">
            <button type="button" class="danger" data-action="delete-body" aria-expanded=move || asking.get().to_string() on:click=move |_| asking.set(true)>{move || t().delete_body}</button>
            {move || asking.get().then(|| {
                let list = going();
                view! {
                    <div class="confirm" role="group" aria-labelledby="delete-title" data-panel="confirm-delete">
                        <h3 id="delete-title">{t().delete_confirm}" "<code>{id.clone()}</code></h3>
                        <Refused ed=ed errors=refusals />
                        {if list.is_empty() {
                            view! { <p>{t().no_relations}</p> }.into_any()
                        } else {
                            view! {
                                <p>{t().goes_too}</p>
                                <ul>{list.into_iter().map(|l| view! { <li><code>{l}</code></li> }).collect_view()}</ul>
                            }.into_any()
                        }}
                        <button type="button" class="danger" data-action="confirm-delete" on:click=confirm>{t().delete}</button>" "
                        <button type="button" data-action="cancel-delete" on:click=move |_| asking.set(false)>{t().cancel}</button>
                    </div>
                }
            })}
        </div>
    }
}
