//! Auto height for iframes: when the page is framed (`window.parent !== window`), posts its
//! content height to the parent whenever it changes, as one message that serves both common
//! conventions (see `docs/embedding.md`):
//! `{"type": "crt-viewer:height", "height": N, "id": "<id>", "datawrapper-height": {"<id>": N}}`.
//! The id is the page's `id` URL parameter if it is plain (`report_core::embed::frame_id`),
//! else `crt-viewer`. The viewer never listens to messages from the parent. Nothing here throws.

use std::cell::Cell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Starts reporting the height to the parent frame; does nothing at the top level or where
/// `ResizeObserver` is missing. Call once.
pub fn report_height() {
    let Some(w) = web_sys::window() else { return };
    let Some(parent) = w.parent().ok().flatten() else {
        return;
    };
    if JsValue::from(&parent) == JsValue::from(&w) {
        return;
    }
    let Some(root) = w.document().and_then(|d| d.document_element()) else {
        return;
    };
    let id = report_core::embed::frame_id(crate::browser::query_param("id").as_deref());
    let last = Cell::new(0u32);
    let measured = root.clone();
    let on_resize = Closure::<dyn FnMut()>::new(move || {
        let height = measured.get_bounding_client_rect().height().ceil();
        if !(height.is_finite() && height >= 1.0) {
            return;
        }
        let height = height as u32;
        if height == last.replace(height) {
            return;
        }
        let _ = parent.post_message(&message(&id, height), "*");
    });
    let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else {
        return;
    };
    observer.observe(&root);
    // Both live as long as the page.
    on_resize.forget();
    std::mem::forget(observer);
}

fn message(id: &str, height: u32) -> JsValue {
    let msg = js_sys::Object::new();
    let dw = js_sys::Object::new();
    let h = JsValue::from(height);
    let _ = js_sys::Reflect::set(&dw, &JsValue::from_str(id), &h);
    for (key, value) in [
        ("type", JsValue::from_str("crt-viewer:height")),
        ("height", h),
        ("id", JsValue::from_str(id)),
        ("datawrapper-height", dw.into()),
    ] {
        let _ = js_sys::Reflect::set(&msg, &JsValue::from_str(key), &value);
    }
    msg.into()
}
