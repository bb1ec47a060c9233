//! A panic must never leave a dead page: the hook logs it and shows a readable panel.
//! The panel is built with DOM calls and `text_content`, so the message stays inert text.

/// Replaces the panic hook: log to the console as before, then show the panel.
pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_panel(&info.to_string());
    }));
}

fn show_panel(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let Ok(panel) = document.create_element("div") else {
        return;
    };
    panel.set_class_name("panic-panel");
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("data-panel", "panic");
    if let Ok(title) = document.create_element("h2") {
        title.set_text_content(Some("Alliance Map stopped because of an internal error"));
        let _ = panel.append_child(&title);
    }
    if let Ok(text) = document.create_element("pre") {
        text.set_text_content(Some(message));
        let _ = panel.append_child(&text);
    }
    if let Ok(hint) = document.create_element("p") {
        hint.set_text_content(Some(
            "Reload the page to start again. Please report this message to the maintainers.",
        ));
        let _ = panel.append_child(&hint);
    }
    let _ = body.append_child(&panel);
}
