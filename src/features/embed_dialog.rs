//! The "Embed" dialog: the `<iframe>` snippet for the current view (filters, sort,
//! focused event, other report) in embed mode, with an optional host-page resize script, as
//! selectable text with Copy (and a Ctrl+C fallback where the clipboard is not allowed).

use leptos::html::{Dialog, Textarea};
use leptos::prelude::*;
use report_core::embed::{script_url, snippet, DEFAULT_HEIGHT};
use report_core::url_state::UrlState;

use crate::browser;
use crate::state::ViewState;

/// Opens the dialog, mounting it the first time.
pub fn open(view_state: ViewState) {
    let d = view_state.dialogs;
    if !d.mounted.get_value().1 {
        d.mounted.update_value(|m| m.1 = true);
        let open = d.embed;
        super::mount(
            view_state,
            move || view! { <EmbedDialog view_state open /> },
        );
    }
    d.embed.set(true);
}

/// The dialog, open while `open` is true.
#[component]
pub fn EmbedDialog(view_state: ViewState, open: RwSignal<bool>) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    let code = NodeRef::<Textarea>::new();
    let height = RwSignal::new(DEFAULT_HEIGHT);
    let with_script = RwSignal::new(true);
    let status = RwSignal::new(None::<&'static str>);
    let loaded = view_state.loaded();
    let local = matches!(loaded.origin, crate::loader::Origin::LocalFile(_));
    let title = format!("{} (report viewer)", loaded.report.report.title);

    let text = Memo::new(move |_| {
        let state = UrlState {
            embed: true,
            ..view_state.url.get()
        };
        let base = browser::location_base();
        let script = with_script.get().then(|| script_url(&base));
        snippet(&state.href(&base), &title, height.get(), script.as_deref())
    });

    Effect::new(move |_| {
        let want = open.get();
        if want {
            status.set(None);
        }
        if let Some(d) = dialog.get() {
            if want && !d.open() {
                let _ = d.show_modal();
            } else if !want && d.open() {
                d.close();
            }
        }
    });

    let copy = move |_| {
        let t = text.get_untracked();
        status.set(None);
        view_state.spawn(async move {
            let ok = browser::copy_text(&t).await;
            if !ok {
                if let Some(el) = code.get_untracked() {
                    let _ = el.focus();
                    el.select();
                }
            }
            status.set(Some(if ok {
                "Copied"
            } else {
                "Copying is not allowed here. The code is selected: press Ctrl+C (\u{2318}C on a Mac) to copy it."
            }));
        });
    };

    view! {
        <dialog node_ref=dialog class="dialog embed-dialog" aria-labelledby="embed-title" data-testid="embed-dialog"
            on:close=move |_| open.set(false)>
            <div class="dialog__head">
                <h2 id="embed-title">"Embed this view"</h2>
                <button type="button" on:click=move |_| open.set(false) aria-label="Close">"Close"</button>
            </div>
            <p class="embed-dialog__intro">
                "Paste this code into a web page to show the events as they are filtered now. "
                "The embedded viewer links back to the full viewer."
            </p>
            {local.then(|| view! {
                <p class="embed-dialog__note" role="note" data-testid="embed-local-note">
                    "The open report is a local file, which cannot be embedded: this code embeds the report bundled with the viewer."
                </p>
            })}
            <div class="dialog__row">
                <label>"Initial height (pixels)"
                    <input type="number" min="200" max="20000" step="50" data-testid="embed-height"
                        prop:value=move || height.get().to_string()
                        on:change=move |ev| {
                            if let Ok(h) = event_target_value(&ev).trim().parse::<u32>() {
                                height.set(h);
                            }
                        } />
                </label>
                <label class="embed-dialog__check">
                    <input type="checkbox" data-testid="embed-script" prop:checked=move || with_script.get()
                        on:change=move |ev| with_script.set(event_target_checked(&ev)) />
                    "Resize the frame to fit (adds a small script)"
                </label>
            </div>
            <label class="embed-dialog__label" for="embed-code">"Embed code"</label>
            <textarea id="embed-code" node_ref=code class="embed-dialog__code" readonly rows="6" spellcheck="false"
                data-testid="embed-code" prop:value=move || text.get() on:focus=move |_| {
                    if let Some(el) = code.get_untracked() {
                        el.select();
                    }
                }></textarea>
            <div class="dialog__row">
                <button type="button" class="btn--primary" data-testid="embed-copy" on:click=copy>"Copy"</button>
            </div>
            <p class="embed-dialog__status" role="status" aria-live="polite" data-testid="embed-status">{move || status.get()}</p>
            <p class="filters__hint">
                "Without the script the frame keeps its initial height and scrolls. The viewer posts its height to the page as a message; see the embedding notes in the project documentation."
            </p>
        </dialog>
    }
}
