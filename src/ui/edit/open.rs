//! Opening a dataset from the reader's disk: the files chosen (several at once, or a folder)
//! or dropped, read as text in the page, the manifest found among them and the files it lists
//! matched by name. Nothing is sent anywhere.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::edit::Workspace;
use crate::model::{parse_manifest, Problem};

/// A file as chosen: its path within a chosen folder (or its name) and its text.
pub struct Chosen {
    pub path: String,
    pub text: Result<String, String>,
}

/// Reads every file of a list (a file input's or a drop's).
pub async fn read_all(files: web_sys::FileList) -> Vec<Chosen> {
    let mut out = Vec::new();
    for i in 0..files.length() {
        let Some(file) = files.get(i) else { continue };
        // A file chosen with its folder knows its path within it (not in web-sys's bindings).
        let relative = js_sys::Reflect::get(&file, &"webkitRelativePath".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        let path = if relative.is_empty() {
            file.name()
        } else {
            relative
        };
        let text = match JsFuture::from(file.text()).await {
            Ok(v) => v.as_string().ok_or_else(|| "not text".to_string()),
            Err(e) => Err(e.as_string().unwrap_or_else(|| "could not be read".into())),
        };
        out.push(Chosen { path, text });
    }
    out
}

/// The files of an input element's change event.
pub fn input_files(e: &web_sys::Event) -> Option<web_sys::FileList> {
    e.target()?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?
        .files()
}

/// The workspace of the chosen files: the manifest is the file called `manifest.json` (the
/// one nearest the top of a folder), else the first that reads as one; the files it lists are
/// found by their path relative to it, else by name.
pub fn open(chosen: &[Chosen]) -> Result<Workspace, Vec<Problem>> {
    let base = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
    let mut candidates: Vec<&Chosen> = chosen
        .iter()
        .filter(|c| c.path.ends_with(".json"))
        .collect();
    candidates.sort_by_key(|c| {
        (
            base(&c.path) != "manifest.json",
            c.path.matches('/').count(),
        )
    });
    let manifest = candidates.into_iter().find(|c| {
        c.text.as_ref().is_ok_and(|t| {
            parse_manifest("manifest.json", t).is_ok() || base(&c.path) == "manifest.json"
        })
    });
    let Some(manifest) = manifest else {
        return Err(Vec::new());
    };
    let name = base(&manifest.path);
    let folder = manifest
        .path
        .rsplit_once('/')
        .map(|(d, _)| format!("{d}/"))
        .unwrap_or_default();
    let text = manifest.text.clone().unwrap_or_default();
    Workspace::open(&name, &text, |listed| {
        let exact = format!("{folder}{listed}");
        chosen
            .iter()
            .find(|c| c.path == exact)
            .or_else(|| chosen.iter().find(|c| base(&c.path) == base(listed)))
            .and_then(|c| c.text.clone().ok())
    })
}

/// The drop zone's handlers: a drop reads its files like the file input does.
pub fn on_drop(e: web_sys::DragEvent, then: impl FnOnce(web_sys::FileList) + 'static) {
    e.prevent_default();
    if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
        then(files);
    }
}

/// Lets the drop zone accept a drop.
pub fn on_dragover(e: web_sys::DragEvent) {
    e.prevent_default();
    if let Some(d) = e.data_transfer() {
        d.set_drop_effect("copy");
    }
}

/// Reads `files` and hands the opened workspace (or the problems) to `done`.
pub fn read_then(
    files: web_sys::FileList,
    reading: RwSignal<bool>,
    done: impl FnOnce(Result<Workspace, Vec<Problem>>) + 'static,
) {
    reading.set(true);
    leptos::task::spawn_local(async move {
        let chosen = read_all(files).await;
        done(open(&chosen));
        reading.set(false);
    });
}
