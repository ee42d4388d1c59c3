//! Binding the page's markup to the reactive state: find elements, listen to events on them,
//! and keep a region's HTML, text or property equal to a derived value. Listeners and effects
//! belong to the current reactive owner (the open page) and end with it.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser;

/// The document, if there is one.
pub fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The element with this id.
pub fn by_id(id: &str) -> Option<web_sys::Element> {
    document()?.get_element_by_id(id)
}

/// The first element of the document matching `selector`.
pub fn find_in_document(selector: &str) -> Option<web_sys::Element> {
    document()?.query_selector(selector).ok().flatten()
}

/// The first element under `root` matching `selector`.
pub fn find(root: &web_sys::Element, selector: &str) -> Option<web_sys::Element> {
    root.query_selector(selector).ok().flatten()
}

/// The element `[data-region="<name>"]` under `root`.
pub fn region(root: &web_sys::Element, name: &str) -> Option<web_sys::Element> {
    find(root, &format!("[data-region=\"{name}\"]"))
}

/// Calls `f` for every `name` event on `target` until the current owner is cleaned up.
pub fn listen<E: JsCast + 'static>(
    target: &web_sys::EventTarget,
    name: &'static str,
    mut f: impl FnMut(E) + 'static,
) {
    let cb = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        f(e.unchecked_into::<E>())
    });
    if target
        .add_event_listener_with_callback(name, cb.as_ref().unchecked_ref())
        .is_err()
    {
        return;
    }
    let held = SendWrapper::new((target.clone(), cb));
    on_cleanup(move || {
        let (target, cb) = held.take();
        let _ = target.remove_event_listener_with_callback(name, cb.as_ref().unchecked_ref());
    });
}

/// Keeps `el`'s content equal to `html()` (markup built and escaped by `report_core`), writing
/// only when it changes, keeping keyboard focus on the item with the same `key_attr` value
/// (see [`browser::set_html_keeping_focus`]). With `current`, the markup already in the page is
/// what `html()` returns now (the pre-rendered view, or a page just rendered): the effect's
/// first run only records it (the markup is built once, not twice, at start-up), and it is
/// kept until the state changes.
pub fn bind_html(
    el: web_sys::Element,
    key_attr: &'static str,
    current: bool,
    html: impl Fn() -> String + 'static,
) {
    let mut shown = current;
    Effect::new(move |prev: Option<String>| {
        let next = html();
        let write = match prev {
            Some(prev) => prev != next,
            None => !std::mem::take(&mut shown),
        };
        if write {
            browser::set_html_keeping_focus(&el, &next, key_attr);
        }
        next
    });
}

/// Keeps `el`'s text equal to `text()`, writing only when it changes.
pub fn bind_text(el: web_sys::Element, text: impl Fn() -> String + 'static) {
    Effect::new(move |prev: Option<String>| {
        let next = text();
        if prev.as_ref() != Some(&next) && el.text_content().as_deref() != Some(next.as_str()) {
            el.set_text_content(Some(&next));
        }
        next
    });
}

/// Runs `apply` with `el` whenever what it reads changes (properties such as `value`,
/// `disabled`, `href`).
pub fn bind<T: JsCast + Clone + 'static>(el: &web_sys::Element, apply: impl Fn(&T) + 'static) {
    let Some(el) = el.dyn_ref::<T>().cloned() else {
        return;
    };
    Effect::new(move |_| apply(&el));
}

/// The element an event targets, as `T` (e.g. an input).
pub fn target<T: JsCast>(ev: &web_sys::Event) -> Option<T> {
    ev.target()?.dyn_into::<T>().ok()
}
