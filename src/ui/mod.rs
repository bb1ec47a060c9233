//! The Leptos UI: a thin layer over the pure core. Compiled for wasm32 only.
//!
//! `app` reads the view from the URL, loads the dataset and chooses between loading, error and
//! the views; `map` draws the graph (pan, zoom, drag); `table` and `compare` are the other two
//! views; `controls` edits the view (search, date, filters, focus, path); `details` shows the
//! selected body; `legend` explains the encodings; `share` writes the embed code and
//! the downloads (`export`: SVG, PNG); `offline` registers the service worker of the static
//! site; `i18n` holds every interface string in English and
//! Japanese. Shared state lives in [`state::MapState`], whose one signal is the
//! [`ViewState`](crate::view::ViewState) the URL carries.

mod app;
mod changes;
mod compare;
mod controls;
mod details;
pub mod edit;
mod embed;
mod export;
mod flow;
mod gestures;
mod i18n;
mod legend;
mod load;
mod lod;
mod map;
mod offline;
mod panic;
mod settle;
mod shapes;
mod share;
mod state;
mod table;
mod timing;

pub use app::App;
pub use details::Details;
pub use map::Map;
pub use panic::install_hook;
pub use state::{MapState, Model};

/// Installs the panic panel and mounts the app on `<body>`.
pub fn mount() {
    if open_editor() {
        return;
    }
    panic::install_hook();
    leptos::mount::mount_to_body(App);
}

/// `?edit=1` opens the dataset editor, a page of its own (`edit.html`, with its own wasm) so
/// that readers never load it. Not in an embed, and not in the single file (it has no editor
/// beside it); there the parameter is only noted as unknown.
fn open_editor() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let location = window.location();
    let search = location.search().unwrap_or_default();
    let has = |p: &str| search.trim_start_matches('?').split('&').any(|x| x == p);
    let served = location.protocol().is_ok_and(|p| p.starts_with("http"));
    has("edit=1")
        && !has("embed=1")
        && served
        && location
            .replace(&("edit.html".to_owned() + &search))
            .is_ok()
}
