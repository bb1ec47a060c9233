//! Alliance Map: how the United States and Japan organize to defend cyberspace.
//!
//! The pure core — [`model`] (the dataset), [`graph`] (the petgraph view of it) and [`layout`]
//! (the force simulation) — has no web dependency and is tested natively. [`view`] holds the
//! view state that the URL carries; [`story`] the processes (flows) the UI plays. The Leptos
//! UI in `ui` is compiled only for wasm32.

pub mod compiled;
pub mod edit;
pub mod export;
pub mod graph;
pub mod layout;
pub mod model;
pub mod story;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod ui;
