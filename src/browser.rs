//! Browser glue that is not a component: panic display, location and history, clipboard,
//! downloads. Every API here may be missing or denied (iframes, sandboxes): failures are values.

use wasm_bindgen::JsCast;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Shows any panic in the page (and the console), instead of a dead page: the page's content
/// is replaced by a message that says something went wrong, a link that reloads the same
/// address (the view is in the address, so nothing is lost) and the panic's text in a
/// disclosure, for a bug report. `<html data-app="panicked">` announces it. Nothing of the old
/// page stays, so no control is left that would call into the stopped app.
pub fn install_panic_display() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let _ = show_panic(&info.to_string());
    }));
}

fn show_panic(text: &str) -> Option<()> {
    use report_core::html::escape_into;
    let doc = document()?;
    let html = doc.document_element()?;
    let body = doc.body()?;
    if doc.get_element_by_id("app-panic").is_some() {
        return Some(());
    }
    let _ = html.class_list().remove_2("view-pending", "report-pending");
    let _ = html.set_attribute("data-app", "panicked");
    let href = web_sys::window()?.location().href().ok()?;
    let mut out = String::from(
        "<main id=\"app-panic\" class=\"app-panic\" role=\"alert\" data-testid=\"app-panic\">\
         <h1>Something went wrong</h1><p>The viewer stopped because of an internal error. \
         Reload to continue: the view you had (report, search, filters) is in the address, so \
         nothing is lost.</p><p><a data-testid=\"panic-reload\" href=\"",
    );
    escape_into(&mut out, &href);
    out.push_str(
        "\">Reload this view</a></p><details><summary>Details for a bug report</summary>\
         <pre data-testid=\"panic-text\">",
    );
    escape_into(&mut out, text);
    out.push_str("</pre></details></main>");
    body.set_inner_html(&out);
    // Focus on the way out (Enter reloads), not lost on the body.
    let link = doc
        .query_selector("[data-testid=\"panic-reload\"]")
        .ok()??;
    let _ = link.dyn_into::<web_sys::HtmlElement>().ok()?.focus();
    Some(())
}

/// The page's query string (with its leading '?', or empty).
pub fn location_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The page URL without query and fragment, e.g. `https://host/tools/viewer/`.
pub fn location_base() -> String {
    let Some(loc) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let origin = loc.origin().unwrap_or_default();
    let path = loc.pathname().unwrap_or_default();
    format!("{origin}{path}")
}

/// Replaces (or pushes) the query string without reloading or scrolling: a change of the view
/// of the open report. The entry keeps the current entry's state (which says whether it shows a
/// local file: see [`push_address`]).
pub fn set_query(query: &str, push: bool) {
    let Some(w) = web_sys::window() else { return };
    if w.location()
        .search()
        .unwrap_or_default()
        .trim_start_matches('?')
        == query
    {
        return;
    }
    let Ok(history) = w.history() else { return };
    let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
    write_address(&w, &history, query, &state, push);
}

/// Pushes a history entry for another report: `local` (an id and the file name) for a local
/// file, which the address cannot name (see [`local_entry`]).
pub fn push_address(query: &str, local: Option<(u64, &str)>) {
    let Some(w) = web_sys::window() else { return };
    let Ok(history) = w.history() else { return };
    let state = match local {
        Some((id, name)) => {
            let o = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&o, &"local".into(), &(id as f64).into());
            let _ = js_sys::Reflect::set(&o, &"name".into(), &name.into());
            o.into()
        }
        None => wasm_bindgen::JsValue::NULL,
    };
    write_address(&w, &history, query, &state, true);
}

fn write_address(
    w: &web_sys::Window,
    history: &web_sys::History,
    query: &str,
    state: &wasm_bindgen::JsValue,
    push: bool,
) {
    let path = w.location().pathname().unwrap_or_default();
    let hash = w.location().hash().unwrap_or_default();
    let url = if query.is_empty() {
        format!("{path}{hash}")
    } else {
        format!("{path}?{query}{hash}")
    };
    let _ = if push {
        history.push_state_with_url(state, "", Some(&url))
    } else {
        history.replace_state_with_url(state, "", Some(&url))
    };
}

/// The local file a history entry's state names (see [`push_address`]): its id and name.
pub fn local_entry(state: &wasm_bindgen::JsValue) -> Option<(u64, String)> {
    if !state.is_object() {
        return None;
    }
    let id = js_sys::Reflect::get(state, &"local".into())
        .ok()?
        .as_f64()?;
    let name = js_sys::Reflect::get(state, &"name".into())
        .ok()?
        .as_string()
        .unwrap_or_default();
    Some((id as u64, name))
}

/// Calls `f` with the entry's state on every back/forward, for the app's whole life.
pub fn on_popstate(f: fn(wasm_bindgen::JsValue)) {
    let Some(w) = web_sys::window() else { return };
    let cb = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::PopStateEvent)>::new(
        move |e: web_sys::PopStateEvent| f(e.state()),
    );
    let _ = w.add_event_listener_with_callback("popstate", cb.as_ref().unchecked_ref());
    cb.forget();
}

/// Back/forward must not jump the scroll position: the app restores nothing itself.
pub fn manual_scroll_restoration() {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
}

/// Sets `document.title`.
pub fn set_title(title: &str) {
    if let Some(d) = document() {
        d.set_title(title);
    }
}

/// Scrolls an element into view (centred, instant if the visitor prefers reduced motion).
pub fn scroll_to_id(id: &str) {
    let Some(el) = document().and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
    if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
}

/// One query parameter of the page URL, decoded.
pub fn query_param(name: &str) -> Option<String> {
    web_sys::UrlSearchParams::new_with_str(&location_search())
        .ok()?
        .get(name)
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `navigator.clipboard.writeText` (absent or denied in some iframes: then it throws/rejects).
    #[wasm_bindgen(js_namespace = ["navigator", "clipboard"], js_name = writeText, catch)]
    fn clipboard_write_text(text: &str) -> Result<js_sys::Promise, wasm_bindgen::JsValue>;

    #[wasm_bindgen(js_name = ClipboardItem)]
    type JsClipboardItem;
    #[wasm_bindgen(constructor, js_class = ClipboardItem, catch)]
    fn new(items: &js_sys::Object) -> Result<JsClipboardItem, wasm_bindgen::JsValue>;

    /// `navigator.clipboard.write([ClipboardItem])`, for rich text.
    #[wasm_bindgen(js_namespace = ["navigator", "clipboard"], js_name = write, catch)]
    fn clipboard_write(items: &js_sys::Array) -> Result<js_sys::Promise, wasm_bindgen::JsValue>;
}

async fn settle(p: Result<js_sys::Promise, wasm_bindgen::JsValue>) -> bool {
    match p {
        Ok(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_ok(),
        Err(_) => false,
    }
}

/// False when the page's permissions policy forbids clipboard writes (e.g. a sandboxed or
/// cross-origin iframe without `allow="clipboard-write"`). Asking first avoids the console
/// error Chromium logs for a blocked call; unknown (no policy API) counts as allowed.
fn clipboard_allowed() -> bool {
    let Some(doc) = document() else { return false };
    let policy = ["permissionsPolicy", "featurePolicy"]
        .into_iter()
        .find_map(|k| {
            js_sys::Reflect::get(&doc, &k.into())
                .ok()
                .filter(|v| v.is_object())
        });
    let Some(policy) = policy else { return true };
    let allows = js_sys::Reflect::get(&policy, &"allowsFeature".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    allows.is_none_or(|f| {
        f.call1(&policy, &"clipboard-write".into())
            .map_or(true, |v| v.as_bool() != Some(false))
    })
}

/// Copies plain text. False when the clipboard is unavailable or permission is denied.
pub async fn copy_text(text: &str) -> bool {
    clipboard_allowed() && settle(clipboard_write_text(text)).await
}

/// Copies rich text (HTML, e.g. with `<i>`) together with its plain-text form; falls back to
/// plain text where rich copy is unsupported. False when nothing could be copied.
pub async fn copy_rich(html: &str, plain: &str) -> bool {
    if !clipboard_allowed() {
        return false;
    }
    let item = (|| {
        let items = js_sys::Object::new();
        for (mime, body) in [("text/html", html), ("text/plain", plain)] {
            let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(body));
            let opts = web_sys::BlobPropertyBag::new();
            opts.set_type(mime);
            let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
            js_sys::Reflect::set(&items, &mime.into(), &blob).ok()?;
        }
        JsClipboardItem::new(&items).ok()
    })();
    if let Some(item) = item {
        if settle(clipboard_write(&js_sys::Array::of1(&item))).await {
            return true;
        }
    }
    copy_text(plain).await
}

/// Selects all text of the input that received the event (for a manual Ctrl+C).
pub fn select_input(ev: &web_sys::FocusEvent) {
    if let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.select();
    }
}

/// Selects the contents of an element, so the visitor can copy it with Ctrl+C / Cmd+C.
pub fn select_contents(el: &web_sys::Element) {
    let Some(doc) = document() else { return };
    let Ok(range) = doc.create_range() else {
        return;
    };
    if range.select_node_contents(el).is_err() {
        return;
    }
    if let Some(sel) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
        let _ = sel.remove_all_ranges();
        let _ = sel.add_range(&range);
    }
}

/// Whether the visitor has text selected (a selection that is not just a caret). Read through
/// `Reflect`: a web-sys getter would be one more JS import (see `features::cite`).
pub fn has_selection() -> bool {
    web_sys::window()
        .and_then(|w| w.get_selection().ok().flatten())
        .and_then(|s| js_sys::Reflect::get(&s, &"isCollapsed".into()).ok())
        .is_some_and(|c| c.as_bool() == Some(false))
}

/// Offers `contents` as a file download (made in the browser; nothing is uploaded).
pub fn download(filename: &str, mime: &str, contents: &str) -> bool {
    (|| {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let a = document()?
            .create_element("a")
            .ok()?
            .dyn_into::<web_sys::HtmlAnchorElement>()
            .ok()?;
        a.set_href(&url);
        a.set_download(filename);
        a.click();
        let _ = web_sys::Url::revoke_object_url(&url);
        Some(())
    })()
    .is_some()
}

/// Today's civil date in the visitor's time zone (local fields, never UTC: no off-by-one at night).
pub fn local_today() -> Option<report_core::CivilDate> {
    let d = js_sys::Date::new_0();
    report_core::CivilDate::new(
        d.get_full_year() as i32,
        d.get_month() as u8 + 1,
        d.get_date() as u8,
    )
}

/// Sets the fragment without scrolling or adding a history entry (`:target` styling follows).
pub fn set_hash(id: &str) {
    let Some(w) = web_sys::window() else { return };
    let Ok(history) = w.history() else { return };
    let loc = w.location();
    let url = format!(
        "{}{}#{id}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
}

/// The element an event happened in or its nearest ancestor matching `selector`: how a
/// container with markup set as HTML (timeline, cards) finds which item was used.
pub fn event_closest(ev: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    target.closest(selector).ok()?
}

/// The value of `attr` on the [`event_closest`] element that has it.
pub fn event_attr(ev: &web_sys::Event, attr: &str) -> Option<String> {
    event_closest(ev, &format!("[{attr}]"))?.get_attribute(attr)
}

/// Replaces `el`'s content with `html` (markup built and escaped by `report_core`). When focus
/// was inside it, on or in an element carrying `key_attr`, focus goes back to the new element
/// with the same value (or to its descendant with the same `data-testid` as the focused one),
/// so keyboard users keep their place when a click re-renders the markup.
pub fn set_html_keeping_focus(el: &web_sys::Element, html: &str, key_attr: &str) {
    let active = document()
        .and_then(|d| d.active_element())
        .filter(|a| el.contains(Some(a)));
    let focused = active.as_ref().and_then(|a| {
        let keyed = a.closest(&format!("[{key_attr}]")).ok().flatten()?;
        let testid = (&keyed != a)
            .then(|| a.get_attribute("data-testid"))
            .flatten();
        Some((keyed.get_attribute(key_attr)?, testid))
    });
    el.set_inner_html(html);
    let Some((key, testid)) = focused else { return };
    let Ok(items) = el.query_selector_all(&format!("[{key_attr}]")) else {
        return;
    };
    for i in 0..items.length() {
        let Some(item) = items
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        if item.get_attribute(key_attr).as_deref() != Some(key.as_str()) {
            continue;
        }
        let target = testid
            .and_then(|t| {
                item.query_selector(&format!("[data-testid=\"{t}\"]"))
                    .ok()
                    .flatten()
            })
            .unwrap_or(item);
        if let Some(h) = target.dyn_ref::<web_sys::HtmlElement>() {
            let _ = h.focus();
        } else if let Some(svg) = target.dyn_ref::<web_sys::SvgElement>() {
            let _ = svg.focus();
        }
        return;
    }
}

/// Runs `f` once the browser is idle (`requestIdleCallback`, at most 2 s later), or after a
/// short timeout where that is missing (Safari).
pub fn when_idle(f: impl FnOnce() + 'static) {
    use wasm_bindgen::closure::Closure;
    let Some(w) = web_sys::window() else { return };
    let cb = Closure::once_into_js(f);
    let f: &js_sys::Function = cb.unchecked_ref();
    let opts = web_sys::IdleRequestOptions::new();
    opts.set_timeout(2000);
    if w.request_idle_callback_with_options(f, &opts).is_err() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(f, 200);
    }
}

/// Resolves once the browser is idle (see [`when_idle`]).
pub async fn idle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        when_idle(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        })
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Runs `f` in a task of its own, after the browser has had a chance to handle input and paint
/// (`setTimeout` 0): the app's start-up is cut into tasks this way, so that none is long enough
/// to delay a visitor's first keystroke or click.
pub fn next_task(f: impl FnOnce() + 'static) {
    leptos::prelude::set_timeout(f, std::time::Duration::ZERO);
}
