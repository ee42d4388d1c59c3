//! The citation tool: the "Cite" dialog for the report, one event or a passage of the report
//! text, and the "Cite this passage" offer beside a selection.
//!
//! The dialog has the style picker (kept in the URL as `cite`), the accessed date, the citation
//! as selectable text, Copy (rich + plain, with a Ctrl+C fallback) and downloads of BibTeX, RIS
//! and CSL-JSON. For a passage it shows the quotation, the citation with its pinpoint, the
//! reference and the link apart, and the paragraphs' text, where the words to quote can be
//! picked with the keyboard. While a passage is cited its paragraphs are in the URL (`para`;
//! the quoted words are not), and an address with `para` opens the dialog on them.
//!
//! A selection is read here, not in the start module: the ids of the paragraphs its ends lie
//! in (an event's quotation counts as its paragraph) and its text go to
//! `report_core::passage::passage_from_selection`, which decides what can be cited.

use leptos::html::{Dialog, Div};
use leptos::prelude::*;
use report_core::cite::{
    cite, cite_passage, download, download_passage, Citation, CiteOptions, StyleId,
};
use report_core::passage::{
    passage_from_selection, range_text, selection_problem, ParaRange, Passage,
};
use report_core::CivilDate;
use wasm_bindgen::{JsCast, JsValue};

use crate::browser;
use crate::dom;
use crate::features::CiteRequest;
use crate::state::ViewState;

/// What the cite dialog cites.
#[derive(Clone, PartialEq)]
pub enum CiteTarget {
    Report,
    Event(String),
    /// A passage of the report text. `scope` is the paragraphs the dialog was opened on: the
    /// words to quote are picked from their text.
    Passage {
        scope: ParaRange,
        passage: Passage,
    },
}

impl CiteTarget {
    fn passage(&self) -> Option<&Passage> {
        match self {
            CiteTarget::Passage { passage, .. } => Some(passage),
            _ => None,
        }
    }
}

/// "Cite this passage" beside a selection: the passage it cites, and where it shows (its top
/// left corner, in pixels from the top left of `#dialogs`).
#[derive(Clone, PartialEq)]
struct Offer {
    passage: Passage,
    top: f64,
    left: f64,
}

/// The tool's state on the open page, kept as a context of the page's owner.
#[derive(Clone, Copy)]
struct Tool {
    offer: RwSignal<Option<Offer>>,
}

/// Does what `request` asks (see [`CiteRequest`]).
pub fn open(view_state: ViewState, request: CiteRequest) {
    let tool = tool(view_state);
    match request {
        CiteRequest::Report => show(view_state, CiteTarget::Report),
        CiteRequest::Event(id) => show(view_state, CiteTarget::Event(id)),
        CiteRequest::Paragraph(id) => {
            if let Ok(range) = id.parse() {
                show_range(view_state, range);
            }
        }
        CiteRequest::Address => {
            if let Some(range) = view_state.url.with_untracked(|s| s.para.clone()) {
                show_range(view_state, range);
            }
        }
        CiteRequest::Selection => cite_selection(view_state),
        CiteRequest::SelectionChanged => tool.offer.set(offer(view_state)),
    }
}

/// The tool of this page: made, with the dialog and the offer mounted, the first time.
fn tool(view_state: ViewState) -> Tool {
    if let Some(tool) = view_state.within(use_context::<Tool>) {
        return tool;
    }
    let tool = view_state.within(|| {
        let tool = Tool {
            offer: RwSignal::new(None),
        };
        provide_context(tool);
        // The offer goes when the selection does.
        if let Some(doc) = dom::document() {
            dom::listen(&doc, "selectionchange", move |_: web_sys::Event| {
                if !browser::has_selection() && tool.offer.with_untracked(Option::is_some) {
                    tool.offer.set(None);
                }
            });
        }
        tool
    });
    view_state.dialogs.mounted.update_value(|m| m.0 = true);
    let target = view_state.dialogs.cite;
    let offer = tool.offer;
    super::mount(view_state, move || {
        view! {
            <CitePanel view_state target />
            <PassageOffer view_state offer />
        }
    });
    tool
}

/// Opens the dialog on `target`. A passage's paragraphs go into the URL (`para`), and leave it
/// for anything else.
fn show(view_state: ViewState, target: CiteTarget) {
    let para = target.passage().map(Passage::range);
    view_state.dialogs.cite.set(Some(target));
    if view_state.url.with_untracked(|s| s.para != para) {
        view_state.replace(|s| s.para = para);
    }
}

/// Opens the dialog on paragraphs `range`, without a quotation. A range the report does not
/// have (from a hand-edited address) is dropped from the URL like any invalid value.
fn show_range(view_state: ViewState, range: ParaRange) {
    match Passage::from_range(&view_state.loaded().report, &range, None) {
        Ok(passage) => show(
            view_state,
            CiteTarget::Passage {
                scope: range,
                passage,
            },
        ),
        Err(_) => view_state.replace(|s| s.para = None),
    }
}

/// "Cite selection": opens the dialog on the selected passage, or says in the report text's
/// status line why the selection cannot be cited.
fn cite_selection(view_state: ViewState) {
    let status = dom::find_in_document("[data-testid=\"narrative-status\"]");
    let selection = selected();
    let text = selection.as_ref().map_or("", |s| s.text.as_str());
    let (start, end) = selection
        .as_ref()
        .map_or((None, None), |s| (s.start.as_deref(), s.end.as_deref()));
    match passage_from_selection(&view_state.loaded().report, start, end, text) {
        Ok(passage) => {
            if let Some(status) = status {
                status.set_text_content(None);
            }
            show(
                view_state,
                CiteTarget::Passage {
                    scope: passage.range(),
                    passage,
                },
            );
        }
        Err(e) => {
            if let Some(status) = status {
                status.set_text_content(Some(&selection_problem(text, &e)));
            }
        }
    }
}

/// The visitor's selection: the paragraphs its ends lie in, and its text.
struct Selected {
    start: Option<String>,
    end: Option<String>,
    text: String,
    /// The selection's `Range`.
    range: JsValue,
}

/// Where one end of a selection lies.
enum End {
    /// In the report text: the paragraph, if the end is in one (not in a heading).
    Text(Option<String>),
    /// In an event's quotation: the event's id, and the paragraph the event is in.
    Quote(Option<String>, Option<String>),
    Outside,
}

// The selection and the layout are read through `Reflect` rather than web-sys bindings: the
// splitter keeps every JS import in the start module, so each web-sys method used here would
// grow the start module, while these few lines stay in this one.

/// `obj[key]` (`undefined` when it cannot be read).
fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `obj[key]` as a number (0 when it is none).
fn num(obj: &JsValue, key: &str) -> f64 {
    get(obj, key).as_f64().unwrap_or(0.0)
}

/// `obj[method](arg)` (`undefined` when it throws).
fn call(obj: &JsValue, method: &str, arg: &JsValue) -> JsValue {
    get(obj, method)
        .unchecked_ref::<js_sys::Function>()
        .call1(obj, arg)
        .unwrap_or(JsValue::UNDEFINED)
}

/// `obj[key] = value`.
fn set(obj: &JsValue, key: &str, value: &str) {
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), &JsValue::from_str(value));
}

fn selected() -> Option<Selected> {
    let sel = JsValue::from(web_sys::window()?.get_selection().ok().flatten()?);
    // Throws (so `undefined`) when nothing is selected.
    let range = call(&sel, "getRangeAt", &JsValue::from_f64(0.0));
    if !range.is_object() {
        return None;
    }
    let text = call(&sel, "toString", &JsValue::UNDEFINED)
        .as_string()
        .unwrap_or_default();
    let a = end_at(get(&range, "startContainer").unchecked_into());
    let b = end_at(get(&range, "endContainer").unchecked_into());
    let (start, end) = match (a, b) {
        (End::Text(a), End::Text(b)) => (a, b),
        (End::Quote(ea, a), End::Quote(eb, b)) if ea == eb => (a, b),
        // Not wholly inside the report text, nor inside one quotation.
        _ => (None, None),
    };
    Some(Selected {
        start,
        end,
        text,
        range,
    })
}

/// Where the selection boundary in `node` lies.
fn end_at(node: web_sys::Node) -> End {
    let el = match node.dyn_into::<web_sys::Element>() {
        Ok(el) => el,
        Err(node) => match node.parent_node().and_then(|p| p.dyn_into().ok()) {
            Some(el) => el,
            None => return End::Outside,
        },
    };
    let closest = |el: &web_sys::Element, selector: &str| el.closest(selector).ok().flatten();
    if closest(&el, "[data-testid=\"event-quote\"]").is_some() {
        let card = closest(&el, "article[data-event-id]");
        let para = card
            .as_ref()
            .and_then(|c| dom::find(c, "[data-testid=\"read-in-context\"]"))
            .and_then(|a| a.get_attribute("data-paragraph"));
        return End::Quote(card.and_then(|c| c.get_attribute("data-event-id")), para);
    }
    if closest(&el, ".narrative__body").is_some() {
        return End::Text(closest(&el, ".narrative__para").map(|p| p.id()));
    }
    End::Outside
}

/// The offer for the selection as it is now: only for one that can be cited.
fn offer(view_state: ViewState) -> Option<Offer> {
    let s = selected()?;
    if s.start.is_none() && s.end.is_none() {
        return None;
    }
    let passage = passage_from_selection(
        &view_state.loaded().report,
        s.start.as_deref(),
        s.end.as_deref(),
        &s.text,
    )
    .ok()?;
    // Just below the selection, at its left edge, so it covers none of the selected words;
    // relative to `#dialogs` (positioned), where the offer is.
    let host = JsValue::from(dom::by_id("dialogs")?.get_bounding_client_rect());
    let rect = call(&s.range, "getBoundingClientRect", &JsValue::UNDEFINED);
    Some(Offer {
        passage,
        top: num(&rect, "top") + num(&rect, "height") - num(&host, "top") + 6.0,
        left: num(&rect, "left") - num(&host, "left"),
    })
}

/// The "Cite this passage" button beside a selection (absolutely placed: it shifts nothing).
#[component]
fn PassageOffer(view_state: ViewState, offer: RwSignal<Option<Offer>>) -> impl IntoView {
    let button = NodeRef::<leptos::html::Button>::new();
    // Placed through the CSSOM (the strict CSP allows no style attributes), and kept inside
    // the page's width by CSS.
    Effect::new(move |_| {
        let (Some(b), Some(o)) = (button.get(), offer.get()) else {
            return;
        };
        let style = get(&b, "style");
        set(&style, "top", &format!("{}px", o.top));
        set(
            &style,
            "left",
            &format!("clamp(0px, {}px, calc(100% - 12rem))", o.left),
        );
    });
    let cite = move |_| {
        if let Some(o) = offer.get_untracked() {
            offer.set(None);
            show(
                view_state,
                CiteTarget::Passage {
                    scope: o.passage.range(),
                    passage: o.passage,
                },
            );
        }
    };
    view! {
        <button node_ref=button type="button" class="cite-offer" data-testid="cite-passage"
            hidden=move || offer.with(Option::is_none)
            // Pressing the button must not take the selection away.
            on:mousedown=|ev| ev.prevent_default()
            on:click=cite>"Cite this passage"</button>
    }
}

/// The print view's "Cite as (APA 7)" line for the open report.
pub fn print_citation(view_state: ViewState) -> String {
    let loaded = view_state.loaded();
    let report = &loaded.report;
    let accessed = browser::local_today()
        .or(report.report.source.accessed)
        .unwrap_or(report.report.published);
    let c = cite(
        report,
        None,
        StyleId::Apa,
        &CiteOptions {
            accessed,
            deep_link: None,
        },
    );
    format!("Cite as (APA 7): {}", c.text)
}

/// What the dialog shows: one citation (report, event), or a passage's parts.
#[derive(Clone, PartialEq)]
struct Shown {
    /// What Copy copies.
    copy: Citation,
    /// The output's markup (escaped by the core).
    html: String,
}

/// The dialog for `target` (`None`: closed).
#[component]
pub fn CitePanel(view_state: ViewState, target: RwSignal<Option<CiteTarget>>) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    let output = NodeRef::<Div>::new();
    let today =
        browser::local_today().or_else(|| view_state.loaded().report.report.source.accessed);
    let accessed = RwSignal::new(today.unwrap_or(CivilDate {
        year: 2023,
        month: 5,
        day: 28,
    }));
    let status = RwSignal::new(None::<(bool, &'static str)>);
    let problem = RwSignal::new(None::<String>);
    let style = move || {
        view_state
            .url
            .with(|s| s.cite.as_deref().and_then(|c| c.parse::<StyleId>().ok()))
            .unwrap_or(StyleId::Apa)
    };
    let options = move || CiteOptions {
        accessed: accessed.get(),
        deep_link: target.with(|t| match t {
            Some(CiteTarget::Event(id)) => Some(view_state.event_link(id)),
            Some(CiteTarget::Passage { passage, .. }) => Some(view_state.url.with(|s| {
                s.passage_href(&browser::location_base(), style().id(), &passage.range())
            })),
            _ => None,
        }),
    };
    let shown = Memo::new(move |_| {
        let loaded = view_state.loaded();
        let report = &loaded.report;
        let opts = options();
        target.with(|t| match t {
            Some(CiteTarget::Passage { passage, .. }) => {
                let parts = cite_passage(report, passage, style(), &opts);
                Shown {
                    copy: parts.combined(),
                    html: parts.parts_html(),
                }
            }
            t => {
                let event = match t {
                    Some(CiteTarget::Event(id)) => report.event(id),
                    _ => None,
                };
                let c = cite(report, event, style(), &opts);
                Shown {
                    html: c.html.clone(),
                    copy: c,
                }
            }
        })
    });
    let what = move || {
        let loaded = view_state.loaded();
        target.with(|t| match t {
            Some(CiteTarget::Event(id)) => loaded.report.event(id).map_or_else(
                || "Cite this report".to_owned(),
                |e| format!("Cite this event: {}", e.title),
            ),
            Some(CiteTarget::Passage { passage, .. }) => passage.title(),
            _ => "Cite this report".to_owned(),
        })
    };
    let scope = Memo::new(move |_| {
        target.with(|t| match t {
            Some(CiteTarget::Passage { scope, .. }) => Some(scope.clone()),
            _ => None,
        })
    });
    let scope_text = move || {
        scope.with(|s| {
            s.as_ref()
                .and_then(|r| range_text(&view_state.loaded().report, r).ok())
                .unwrap_or_default()
        })
    };

    Effect::new(move |_| {
        let open = target.with(Option::is_some);
        if let Some(d) = dialog.get() {
            if open && !d.open() {
                let _ = d.show_modal();
            } else if !open && d.open() {
                d.close();
            }
        }
    });
    // The address decides which paragraphs are cited (back/forward, a pasted `para`).
    Effect::new(move |_| {
        let para = view_state.url.with(|s| s.para.clone());
        let cited =
            target.with_untracked(|t| t.as_ref().and_then(CiteTarget::passage).map(Passage::range));
        match para {
            None if cited.is_some() => target.set(None),
            Some(r) if cited.as_ref() != Some(&r) => show_range(view_state, r),
            _ => {}
        }
    });
    // A new target starts without the previous one's messages.
    Effect::new(move |_| {
        scope.track();
        status.set(None);
        problem.set(None);
    });

    let close = move || {
        target.set(None);
        if view_state.url.with_untracked(|s| s.para.is_some()) {
            view_state.replace(|s| s.para = None);
        }
    };
    let copy = move |_| {
        let c = shown.get_untracked().copy;
        status.set(None);
        view_state.spawn(async move {
            let ok = browser::copy_rich(&c.html, &c.text).await;
            if !ok {
                if let Some(el) = output.get_untracked() {
                    browser::select_contents(&el);
                }
            }
            status.set(Some(if ok {
                (true, "Copied")
            } else {
                (false, "Copying is not allowed here. The citation is selected: press Ctrl+C (\u{2318}C on a Mac) to copy it.")
            }));
        });
    };
    let save = move |st: StyleId| {
        let loaded = view_state.loaded();
        let report = &loaded.report;
        let opts = options();
        let file = target.with_untracked(|t| match t {
            Some(CiteTarget::Passage { passage, .. }) => {
                download_passage(report, passage, st, &opts)
            }
            Some(CiteTarget::Event(id)) => download(report, report.event(id), st, &opts),
            _ => download(report, None, st, &opts),
        });
        if let Some(d) = file {
            browser::download(&d.file_name, d.mime, &d.body);
        }
    };
    // The words picked in the paragraphs' text become the quotation.
    let picker = NodeRef::<leptos::html::Textarea>::new();
    let pick = move || {
        let Some(area) = picker.get_untracked() else {
            return;
        };
        let area = JsValue::from(area);
        let (a, b) = (num(&area, "selectionStart"), num(&area, "selectionEnd"));
        let Some(scope) = scope.get_untracked() else {
            return;
        };
        // The offsets count UTF-16 units of the text shown, which is `range_text`.
        let units: Vec<u16> = range_text(&view_state.loaded().report, &scope)
            .unwrap_or_default()
            .encode_utf16()
            .collect();
        let Some(words) = units.get(a as usize..b as usize).filter(|w| !w.is_empty()) else {
            return;
        };
        let words = String::from_utf16_lossy(words);
        match Passage::from_range(&view_state.loaded().report, &scope, Some(&words)) {
            Ok(passage) => {
                problem.set(None);
                if target
                    .with_untracked(|t| t.as_ref().and_then(CiteTarget::passage) != Some(&passage))
                {
                    show(view_state, CiteTarget::Passage { scope, passage });
                }
            }
            Err(e) => problem.set(Some(selection_problem(&words, &e))),
        }
    };

    view! {
        <dialog node_ref=dialog class="dialog cite" aria-labelledby="cite-title" data-testid="cite-dialog"
            on:close=move |_| close()>
            <div class="dialog__head">
                <h2 id="cite-title">{what}</h2>
                <button type="button" on:click=move |_| close() aria-label="Close">"Close"</button>
            </div>
            <div class="dialog__row">
                <label>"Style"
                    <select data-testid="cite-style" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        status.set(None);
                        view_state.replace(|s| s.cite = if v == "apa" { None } else { Some(v) });
                    }>
                        {StyleId::ALL.into_iter().map(|s| view! {
                            <option value=s.id() selected=move || style() == s>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>"Accessed"
                    <input type="date" data-testid="cite-accessed" required
                        prop:value=move || accessed.get().to_string()
                        on:change=move |ev| {
                            if let Ok(d) = event_target_value(&ev).parse::<CivilDate>() {
                                accessed.set(d);
                            }
                        } />
                </label>
            </div>
            <div node_ref=output class="cite__output" class:cite__output--code=move || style().download().is_some()
                data-testid="cite-output" tabindex="0" aria-label="Citation text" inner_html=move || shown.with(|s| s.html.clone())></div>
            <div class="dialog__row">
                <button type="button" class="btn--primary" data-testid="cite-copy" on:click=copy>"Copy"</button>
                <button type="button" data-testid="download-bib" on:click=move |_| save(StyleId::Bibtex)>"Download .bib"</button>
                <button type="button" data-testid="download-ris" on:click=move |_| save(StyleId::Ris)>"Download .ris"</button>
                <button type="button" data-testid="download-csl" on:click=move |_| save(StyleId::CslJson)>"Download CSL-JSON"</button>
            </div>
            <p class="cite__status" role="status" aria-live="polite" data-testid="cite-status">{move || status.get().map(|(_, m)| m)}</p>
            <Show when=move || scope.with(Option::is_some)>
                <label class="cite__picker">
                    <span>"Words to quote: select them in the text below (Shift and the arrow keys). The quotation and the pinpoint follow."</span>
                    // Not `readonly`: Chromium moves no caret in a read-only field, so the
                    // keys could not select. Edits are refused instead (and undone if one
                    // gets through, e.g. from an input method).
                    <textarea node_ref=picker rows="5" aria-readonly="true" spellcheck="false"
                        data-testid="cite-quote-picker" prop:value=scope_text
                        on:beforeinput=|ev| ev.prevent_default()
                        on:input=move |_| {
                            if let Some(area) = picker.get_untracked() {
                                set(&area, "value", &scope_text());
                            }
                        }
                        on:select=move |_| pick() on:keyup=move |_| pick() on:mouseup=move |_| pick()></textarea>
                </label>
                <p class="cite__problem" role="status" data-testid="cite-quote-problem">{move || problem.get()}</p>
            </Show>
            <p class="filters__hint">"Paragraphs are numbered through the whole report, counting each list item; the numbers are shown beside the report text below. See the citation notes in the project documentation for each style's rules."</p>
        </dialog>
    }
}

/// Copies an event's link, then says so in the card's status line, or offers the link as
/// selected text where the clipboard is blocked (see `features::copy_link`).
pub async fn copy_link(link: String, card: web_sys::Element) {
    let ok = browser::copy_text(&link).await;
    let Ok(Some(status)) = card.query_selector(".event-card__status") else {
        return;
    };
    status.set_inner_html(&report_core::render::copy_status_html(ok, &link));
    // Focus (and so select) the box; `autofocus` is blocked in cross-origin iframes.
    if let Ok(Some(input)) = status.query_selector("input") {
        if let Ok(input) = input.dyn_into::<web_sys::HtmlInputElement>() {
            let _ = input.focus();
            input.select();
        }
    }
}
