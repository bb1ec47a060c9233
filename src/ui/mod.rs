//! The Leptos UI: a thin layer over the pure core. Compiled for wasm32 only.
//!
//! `app` loads the dataset and chooses between loading, error and map; `map` draws the graph
//! and handles pan, zoom and drag; `details` shows the selected body; `legend` explains
//! colours, shapes and lines. Shared view state lives in [`state::MapState`].

mod app;
mod details;
mod legend;
mod load;
mod map;
mod panic;
mod shapes;
mod state;

pub use app::App;
pub use details::Details;
pub use map::Map;
pub use state::{MapState, Model};

/// Installs the panic panel and mounts the app on `<body>`.
pub fn mount() {
    panic::install_hook();
    leptos::mount::mount_to_body(App);
}
