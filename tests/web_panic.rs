//! A real panic in headless Chromium shows the panel, as inert text. In a test binary of its
//! own: after a panic the wasm instance counts as panicking for good, which must not touch
//! the other browser tests.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn a_panic_shows_a_readable_panel_instead_of_a_dead_page() {
    alliance_map::ui::install_hook();
    // The panic happens in a call from JavaScript, as it would in an event handler; the trap
    // that ends it surfaces there as an exception, which this test catches.
    let boom = Closure::<dyn Fn()>::new(|| panic!("probe <b>not markup</b>"));
    let call = js_sys::Function::new_with_args(
        "f",
        "try { f(); return 'returned'; } catch (e) { return 'trapped'; }",
    );
    let outcome = call
        .call1(&JsValue::NULL, boom.as_ref())
        .expect("the wrapper does not throw");
    assert_eq!(outcome.as_string().as_deref(), Some("trapped"));

    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let panel = document
        .query_selector("[data-panel=panic][role=alert]")
        .expect("query")
        .expect("the panic panel is shown");
    let text = panel.text_content().unwrap_or_default();
    assert!(text.contains("internal error"), "{text}");
    assert!(text.contains("probe <b>not markup</b>"), "{text}");
    assert!(
        panel.query_selector("b").expect("query").is_none(),
        "the message is text, not markup"
    );
}
