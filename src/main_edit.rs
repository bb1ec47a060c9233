//! The editor's entry point (`edit.html`, which the map opens for `?edit=1`): it only mounts
//! the editor. A binary of its own, so the reader's wasm carries none of the editor.

#[cfg(target_arch = "wasm32")]
fn main() {
    alliance_map::ui::edit::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "The editor runs in the browser: `cargo xtask serve` and open edit.html (or ?edit=1)."
    );
}
