//! The filter panel: search box, facets with live counts, month range, sort, clear all.

use leptos::prelude::*;
use report_core::query::{Facet, FacetKind, MonthKey, Sort};
use report_core::YearMonth;

use wasm_bindgen::JsCast;

use crate::state::{use_view, ViewState};

#[component]
pub fn FiltersPanel() -> impl IntoView {
    let view_state = use_view();
    let open = RwSignal::new(false);
    let embed = view_state.url.with_untracked(|s| s.embed);
    let q = move || view_state.url.with(|s| s.filters.q.clone());
    let facets = move || view_state.result.with(|r| r.facets.clone());
    view! {
        <section class="filters" aria-labelledby="filters-title" data-open=move || open.get().to_string()>
            <h2 id="filters-title" class="section-title">"Filter events"</h2>
            {embed.then(|| view! {
                <button type="button" class="filters__toggle" aria-expanded=move || open.get().to_string()
                    aria-controls="filters-panel" on:click=move |_| open.update(|o| *o = !*o)>
                    {move || if open.get() { "Hide filters" } else { "Show filters" }}
                </button>
            })}
            <div class="filters__panel" id="filters-panel">
                <form class="filters__search" role="search" on:submit=|ev| ev.prevent_default()>
                    <label for="search">"Search events"</label>
                    <input id="search" type="search" name="q" autocomplete="off" spellcheck="false"
                        aria-describedby="search-hint" data-testid="search"
                        prop:value=q
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            view_state.replace(|s| s.filters.q = v);
                        } />
                    <p id="search-hint" class="filters__hint">
                        "Matches titles, quotes, places, actors and categories, ignoring case and accents. Abbreviations such as KNB, UAE, SCO or GICNT find the full names too."
                    </p>
                </form>
                <For each=facets key=|f| f.kind children=move |facet: Facet| view! { <FacetBox facet /> } />
                <MonthRange />
                <div class="filters__actions">
                    <label for="sort">"Sort "</label>
                    <select id="sort" data-testid="sort" on:change=move |ev| {
                        let sort = if event_target_value(&ev) == "newest" { Sort::NewestFirst } else { Sort::OldestFirst };
                        view_state.update(|s| s.filters.sort = sort);
                    }>
                        <option value="oldest" selected=move || view_state.filters.with(|f| f.sort == Sort::OldestFirst)>"Oldest first"</option>
                        <option value="newest" selected=move || view_state.filters.with(|f| f.sort == Sort::NewestFirst)>"Newest first"</option>
                    </select>
                    <button type="button" data-testid="clear-all"
                        disabled=move || view_state.filters.with(|f| f.is_unfiltered())
                        on:click=move |_| clear_all(view_state)>"Clear all filters"</button>
                </div>
            </div>
        </section>
    }
}

/// Removes every filter (keeping the sort) and puts focus in the search box: the button that was
/// clicked becomes disabled or disappears, and focus must not fall back to the page body.
pub fn clear_all(view_state: ViewState) {
    view_state.update(|s| {
        let sort = s.filters.sort;
        s.filters = Default::default();
        s.filters.sort = sort;
    });
    if let Some(input) = document()
        .get_element_by_id("search")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = input.focus();
    }
}

/// Values a facet lists before "Show all".
const FACET_SHORT: usize = 25;

/// One facet: a fieldset of checkboxes with counts under the other filters. Zero-count values
/// stay listed but disabled (unless selected, so they can be unticked).
#[component]
fn FacetBox(facet: Facet) -> impl IntoView {
    let view_state = use_view();
    let kind = facet.kind;
    // Long facets (big reports) list their first values and the selected ones until the visitor
    // asks for all: thousands of live counts would make every keystroke re-lay-out the page.
    let expanded = RwSignal::new(false);
    let total = move || {
        view_state.result.with(|r| {
            r.facets
                .iter()
                .find(|f| f.kind == kind)
                .map_or(0, |f| f.values.len())
        })
    };
    // The listed values, once per result (the list, its tabindex and every row read it).
    let values = Memo::new(move |_| {
        let all = expanded.get();
        view_state.result.with(|r| {
            r.facets
                .iter()
                .find(|f| f.kind == kind)
                .map(|f| {
                    f.values
                        .iter()
                        .enumerate()
                        .filter(|(i, v)| all || *i < FACET_SHORT || v.selected)
                        .map(|(_, v)| v.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let legend_id = format!("facet-{}", facet.key);
    view! {
        <fieldset class="facet" data-facet=facet.key aria-labelledby=legend_id.clone()>
            <legend id=legend_id.clone()>{facet.label}</legend>
            // A list whose values are all disabled (e.g. in the empty state) has nothing to focus,
            // so the list itself takes focus: keyboard users can still scroll it (axe
            // scrollable-region-focusable).
            <ul class="facet__list" aria-labelledby=legend_id.clone()
                tabindex=move || values.with(|vs| vs.iter().all(|v| v.count == 0 && !v.selected)).then_some("0")>
                // Keyed by value only, so the checkbox survives a toggle (focus stays on it for
                // keyboard users); count, checked and disabled follow the result reactively.
                <For each=move || values.get() key=|v| v.key.clone() children=move |v| {
                    let key = v.key.clone();
                    let k2 = key.clone();
                    let cur = Memo::new(move |_| {
                        values.with(|vs| vs.iter().find(|x| x.key == k2).map_or((0, false), |x| (x.count, x.selected)))
                    });
                    let disabled = move || cur.with(|&(count, selected)| count == 0 && !selected);
                    let input_id = format!("f-{}-{}", kind.param(), v.key);
                    view! {
                        <li class="facet__item" class:facet__item--zero=disabled>
                            <label for=input_id.clone()>
                                <input type="checkbox" id=input_id.clone() value=v.key.clone()
                                    prop:checked=move || cur.get().1 disabled=disabled
                                    data-testid=format!("facet-{}-{}", kind.param(), v.key)
                                    on:change=move |_| {
                                        let key = key.clone();
                                        view_state.update(|s| s.filters.toggle(kind, &key));
                                    } />
                                <span class="facet__label">{v.label.clone()}</span>
                                <span class="facet__count">
                                    <span class="visually-hidden">", "</span>{move || cur.get().0}
                                    <span class="visually-hidden">{move || if cur.get().0 == 1 { " event" } else { " events" }}</span>
                                </span>
                            </label>
                        </li>
                    }
                } />
            </ul>
            {move || (total() > FACET_SHORT).then(|| view! {
                <button type="button" class="facet__more" aria-expanded=move || expanded.get().to_string()
                    data-testid=format!("facet-more-{}", kind.param())
                    on:click=move |_| expanded.update(|e| *e = !*e)>
                    {move || if expanded.get() { "Show fewer".to_owned() } else { format!("Show all {}", total()) }}
                </button>
            })}
        </fieldset>
    }
}

/// The "from / to" month range, over the months that have events in the report.
#[component]
fn MonthRange() -> impl IntoView {
    let view_state = use_view();
    let months: Vec<YearMonth> = view_state.index.with_value(|i| {
        i.run(&Default::default())
            .facets
            .iter()
            .find(|f| f.kind == FacetKind::Month)
            .map(|f| {
                f.values
                    .iter()
                    .filter_map(|v| match v.key.parse::<MonthKey>() {
                        Ok(MonthKey::Month(m)) => Some(m),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    });
    let select = move |which: &'static str| {
        let months = months.clone();
        // A memo: each option's `selected` (360 of them for 30 years) then re-runs only when
        // this end of the range changes, not on every keystroke in the search box.
        let current = Memo::new(move |_| {
            view_state
                .filters
                .with(|f| if which == "from" { f.from } else { f.to })
        });
        view! {
            <label>
                {if which == "from" { "From" } else { "To" }}
                <select data-testid=format!("range-{which}") on:change=move |ev| {
                    let v = event_target_value(&ev).parse::<YearMonth>().ok();
                    view_state.update(|s| if which == "from" { s.filters.from = v } else { s.filters.to = v });
                }>
                    <option value="" selected=move || current.get().is_none()>{if which == "from" { "(first month)" } else { "(last month)" }}</option>
                    {months.into_iter().map(|m| {
                        view! { <option value=m.to_string() selected=move || current.get() == Some(m)>{m.in_words()}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
    };
    view! {
        <fieldset class="facet" data-facet="range">
            <legend>"Month range"</legend>
            <div class="facet__range">{select("from")}{select("to")}</div>
            <p class="filters__hint">"A range leaves out events dated only to a year."</p>
        </fieldset>
    }
}
