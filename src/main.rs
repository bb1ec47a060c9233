//! The web app's entry point: it only mounts the UI.

#[cfg(target_arch = "wasm32")]
fn main() {
    alliance_map::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Alliance Map runs in the browser: `cargo xtask serve` builds and serves it.");
}
