//! The timeline's and the map's buttons (their drawing is a module loaded after the take-over,
//! `features::views`, so the buttons work from the start). Timeline: a month toggles the month
//! filter; Shift+click selects the range from the last month clicked. Map: a marker (click,
//! Enter or Space) or a list button toggles the place filter.

use leptos::prelude::*;
use report_core::query::{FacetKind, MonthKey};
use report_core::YearMonth;

use crate::browser;
use crate::dom;
use crate::state::ViewState;

pub fn wire(view_state: ViewState, page: &web_sys::Element) {
    if let Some(section) = dom::find(page, "[data-testid=\"timeline\"]") {
        timeline(view_state, &section);
    }
    if let Some(section) = dom::find(page, "[data-testid=\"map\"]") {
        map(view_state, &section);
    }
}

fn timeline(view_state: ViewState, section: &web_sys::Element) {
    // The month a Shift+click range starts from: the last month clicked without Shift.
    let anchor = StoredValue::new(None::<YearMonth>);
    dom::listen(section, "click", move |ev: web_sys::MouseEvent| {
        let Some(key) =
            browser::event_attr(&ev, "data-month").and_then(|k| k.parse::<MonthKey>().ok())
        else {
            return;
        };
        let start = anchor.get_value().or_else(|| {
            view_state.filters.with_untracked(|f| {
                f.months.iter().find_map(|k| match k {
                    MonthKey::Month(m) => Some(*m),
                    MonthKey::Year(_) => None,
                })
            })
        });
        match (key, ev.shift_key(), start) {
            (MonthKey::Month(m), true, Some(a)) if a != m => view_state.update(|s| {
                s.filters.months.clear();
                s.filters.from = Some(a.min(m));
                s.filters.to = Some(a.max(m));
            }),
            _ => {
                if let MonthKey::Month(m) = key {
                    anchor.set_value(Some(m));
                }
                view_state.update(|s| {
                    s.filters.from = None;
                    s.filters.to = None;
                    s.filters.toggle(FacetKind::Month, &key.to_string());
                });
            }
        }
    });
}

fn map(view_state: ViewState, section: &web_sys::Element) {
    let toggle = move |key: &str| view_state.update(|s| s.filters.toggle(FacetKind::Place, key));
    dom::listen(section, "click", move |ev: web_sys::MouseEvent| {
        if let Some(key) = browser::event_attr(&ev, "data-place") {
            toggle(&key);
        }
    });
    dom::listen(section, "keydown", move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            // Only the SVG markers: list items are real buttons with their own key handling.
            if let Some(marker) = browser::event_closest(&ev, "g[data-place]") {
                ev.prevent_default();
                if let Some(key) = marker.get_attribute("data-place") {
                    toggle(&key);
                }
            }
        }
    });
}
