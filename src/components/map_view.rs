//! The map: the offline outline of Kazakhstan (`map/kazakhstan.svg`, drawn through `<use>` so
//! the page's stylesheet colours it) with a marker per place giving its number of events.
//! Markers are buttons (click, Enter or Space) that toggle the place filter; a note counts the
//! events that name no place, and a collapsed list repeats the places as plain buttons.
//!
//! Like the timeline, counts are of the events matching every filter except the place
//! selection, so other places stay on the map; selected places show as pressed.

use leptos::prelude::*;
use report_core::geo::{in_view, markers, Marker};
use report_core::query::{facet_key, FacetKind, Filters};
use report_core::timeline::count_phrase;

use crate::components::timeline::with_events_ignoring;
use crate::state::use_view;

/// Marker radius in map units: grows with the count, slowly.
fn radius(count: usize) -> f64 {
    14.0 + 3.0 * (count.max(1) as f64).log2().min(8.0)
}

fn name_of(m: &Marker) -> String {
    let mut s = m.name.clone();
    if let Some(r) = &m.region {
        s.push_str(", ");
        s.push_str(r);
    }
    s
}

#[component]
pub fn MapView() -> impl IntoView {
    let view_state = use_view();
    let data = Memo::new(move |_| {
        let loaded = view_state.loaded();
        with_events_ignoring(
            view_state,
            |f: &Filters| !f.places.is_empty(),
            |f: &mut Filters| f.places.clear(),
            |events| {
                let (marks, without) = markers(&loaded.report, events);
                (marks, without, events.len())
            },
        )
    });
    let selected = move |key: &str| view_state.filters.with(|f| f.places.contains(key));
    let toggle = move |key: &str| view_state.update(|s| s.filters.toggle(FacetKind::Place, key));
    let place_filter = move || view_state.filters.with(|f| !f.places.is_empty());

    // Drawn largest first so small markers stay on top and clickable.
    let shown = move || {
        data.with(|(m, _, _)| {
            m.iter()
                .filter(|m| in_view(m.x, m.y))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let listed = move || data.with(|(m, _, _)| m.clone());
    let note = move || {
        data.with(|(m, without, n)| {
            let mut s = if place_filter() {
                format!(
                    "Counts ignore the place filter: {without} of those {} name no place.",
                    count_phrase(*n)
                )
            } else {
                format!("{without} of the {} shown name no place.", count_phrase(*n))
            };
            let off = m.iter().filter(|m| !in_view(m.x, m.y)).count();
            if off > 0 {
                s.push_str(&format!(
                    " {off} place{} lie outside this map (see the list).",
                    if off == 1 { "" } else { "s" }
                ));
            }
            s
        })
    };

    view! {
        <section class="place-map" aria-labelledby="map-title" data-testid="map">
            <h2 id="map-title" class="section-title">"Where"</h2>
            <div class="place-map__frame">
                <svg class="place-map__svg" viewBox="0 0 800 460" role="group" aria-label="Map of Kazakhstan: places of the events">
                    <g aria-hidden="true">
                        <use href="map/kazakhstan.svg#neighbour-land" class="place-map__land place-map__land--neighbour" />
                        <use href="map/kazakhstan.svg#neighbour-borders" class="place-map__border" />
                        <use href="map/kazakhstan.svg#kazakhstan" class="place-map__land place-map__land--kazakhstan" />
                    </g>
                    <For each=shown key=|m| (m.name.clone(), m.region.clone(), m.count) children=move |m: Marker| {
                        let key = facet_key(&m.name);
                        let (k1, k2, k3) = (key.clone(), key.clone(), key);
                        let label = format!("{}: {}", name_of(&m), count_phrase(m.count));
                        view! {
                            <g class="place-map__marker" role="button" tabindex="0" aria-label=label
                                data-place=k1.clone()
                                aria-pressed=move || selected(&k1).to_string()
                                on:click=move |_| toggle(&k2)
                                on:keydown=move |ev| {
                                    if ev.key() == "Enter" || ev.key() == " " {
                                        ev.prevent_default();
                                        toggle(&k3);
                                    }
                                }>
                                <title>{name_of(&m)}</title>
                                <circle cx=m.x cy=m.y r=radius(m.count) />
                                <text x=m.x y=m.y aria-hidden="true">{m.count}</text>
                            </g>
                        }
                    } />
                </svg>
            </div>
            <p class="place-map__note" data-testid="map-note">{note}</p>
            <details class="place-map__more no-print">
                <summary>"Places as a list"</summary>
                <ul class="place-map__list">
                    <For each=listed key=|m| (m.name.clone(), m.region.clone(), m.count) children=move |m: Marker| {
                        let key = facet_key(&m.name);
                        let (k1, k2) = (key.clone(), key);
                        view! {
                            <li><button type="button" aria-pressed=move || selected(&k1).to_string()
                                on:click=move |_| toggle(&k2)>{format!("{} ({})", name_of(&m), m.count)}</button></li>
                        }
                    } />
                </ul>
            </details>
        </section>
    }
}
