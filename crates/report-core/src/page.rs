//! The whole viewer page as HTML: the shell (header, search, filters, results, views, report
//! text, footer) and the small regions the app updates as the view changes.
//!
//! One builder serves both ends: `report prerender` writes [`page_html`] for the bundled
//! report into the static `index.html` at build time (it paints and reads without JavaScript),
//! and the app calls the same function for any other report, then takes the page over in place
//! and keeps the regions current with the region builders below ([`facet_html`],
//! [`active_filters_html`], …). Every report string goes through `escape_into`.
//!
//! Controls that need the app carry the class `needs-js` (hidden when scripts do not run); the
//! disclosures carry `data-disclosure` (opened and closed by the boot script, no state lost).

use std::fmt::Write;

use crate::geo::{in_view, markers, markers_html, Marker};
use crate::html::escape_into;
use crate::model::Report;
use crate::query::{Facet, FacetKind, FilterKind, Filters, Index, MonthKey, QueryResult, Sort};
use crate::render::{cards_html, narrative_html, CardContext};
use crate::report_url::is_safe_link;
use crate::timeline::{count_phrase, strip_html, timeline_in, StripSpan, Timeline};
use crate::YearMonth;

/// Cards rendered per page; more are added on request ("Show more").
pub const PAGE: usize = 50;
/// Paragraphs of the report text rendered at first; more on request.
pub const FIRST_PARAGRAPHS: usize = 200;
/// Values a facet lists before "Show all".
pub const FACET_SHORT: usize = 25;

/// What the page shows besides the report and the filters.
pub struct PageContext<'a> {
    /// The view's filters (the default for the pre-rendered page).
    pub filters: &'a Filters,
    /// The deep-linked event, if any.
    pub focused: Option<&'a str>,
    /// "You are viewing …, not the report bundled with this viewer", for other reports.
    pub origin_note: Option<&'a str>,
    /// What the reader should know about a report made from a saved page text in the browser
    /// (the automatic ingest's warnings), shown under the origin note ([`warnings_html`]).
    pub warnings: &'a [String],
    /// The APA reference the print view shows (filled in later when not given).
    pub print_citation: Option<&'a str>,
    /// [`digest`] of the report file, so the app can tell the pre-rendered page is its own.
    pub digest: &'a str,
    /// The link of an event (`?event=<id>`, relative so the static page works on any host).
    pub link: &'a dyn Fn(&str) -> String,
    /// Cards to render (the first page, or up to a deep-linked event).
    pub cards: usize,
    /// The way back to the collection the report was opened from (its address, with the
    /// collection's search), if it was.
    pub back: Option<&'a str>,
}

/// FNV-1a (64 bit) of the report file's bytes, in hex: the same in the CLI and the browser.
pub fn digest(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The viewer page (`<div class="page" id="viewer">…</div>`) for `report` in the view of
/// `cx.filters`.
pub fn page_html(report: &Report, index: &Index, cx: &PageContext) -> String {
    let result = index.run(cx.filters);
    let meta = &report.report;
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<div class=\"page\" id=\"viewer\" data-report-digest=\"");
    escape_into(&mut out, cx.digest);
    out.push_str(
        "\">\
         <a class=\"skip-link\" href=\"#search\">Skip to the search</a>\
         <a class=\"skip-link\" href=\"#results-title\">Skip to the events</a>\
         <nav class=\"embed__bar\" aria-label=\"Embedded viewer\"><span>Report viewer</span>\
         <a href=\"./\" target=\"_blank\" rel=\"noopener\" data-testid=\"open-full-viewer\">Open full viewer \u{2197}</a></nav>",
    );
    if let Some(back) = cx.back {
        out.push_str("<nav class=\"collection-back\" aria-label=\"Collection\"><a href=\"");
        escape_into(&mut out, back);
        out.push_str(
            "\" data-testid=\"collection-back\">\u{2190} Back to the collection</a></nav>",
        );
    }
    header_html(&mut out, report, cx.origin_note, cx.warnings);

    out.push_str("<main id=\"main\" class=\"viewer\">");
    search_html(&mut out, &cx.filters.q);
    out.push_str("<div class=\"viewer__grid\">");
    filters_html(&mut out, index, &result, cx.filters);

    // Results.
    out.push_str(
        "<section class=\"results\" aria-labelledby=\"results-title\"><div class=\"results__bar\">\
         <h2 id=\"results-title\" class=\"results__title\">Events</h2>\
         <p class=\"results__count\" role=\"status\" aria-live=\"polite\" aria-atomic=\"true\" data-testid=\"event-count\">",
    );
    escape_into(&mut out, &count_text(&result));
    out.push_str(
        "</p><p class=\"results__tools needs-js\">\
         <button type=\"button\" data-testid=\"export-csv\">Export CSV</button>\
         <button type=\"button\" data-testid=\"export-json\">Export JSON</button>\
         <span class=\"tools-status\" role=\"status\" data-testid=\"export-status\"></span></p></div>\
         <div data-region=\"active\">",
    );
    out.push_str(&active_filters_html(&result));
    out.push_str("</div><div data-region=\"empty\">");
    out.push_str(&empty_state_html(&result));
    out.push_str("</div><ol class=\"results__list\" data-testid=\"event-list\">");
    let shown = cx.cards.min(result.events.len());
    let card_cx = CardContext {
        query: &result.query,
        focused: cx.focused,
        link: cx.link,
    };
    out.push_str(&cards_html(
        report,
        index,
        &result.events[..shown],
        &card_cx,
    ));
    out.push_str("</ol><div data-region=\"more\">");
    out.push_str(&show_more_html(result.events.len() - shown));
    out.push_str("</div></section>");

    views_html(&mut out, report, index, cx.filters, &result);
    // index.html holds its first paint until the parser is here (`<link rel="expect"
    // blocking="render">`), so the first screen never paints half-parsed and then shifts.
    out.push_str("</div><span id=\"first-screen-end\" hidden></span>");

    // The Refworld disclaimer, in small print, after the events and before the text it covers.
    if let Some(d) = &meta.disclaimer {
        out.push_str(
            "<p class=\"report-disclaimer\" data-testid=\"disclaimer\"><strong>Disclaimer (",
        );
        escape_into(&mut out, &meta.source.name);
        out.push_str("):</strong> ");
        escape_into(&mut out, d);
        out.push_str("</p>");
    }

    let total = paragraph_count(report);
    out.push_str(
        "<section class=\"narrative\" aria-labelledby=\"narrative-title\" data-testid=\"narrative\">\
         <h2 id=\"narrative-title\" class=\"section-title\">The report</h2>\
         <p class=\"hint\" id=\"narrative-hint\">Paragraphs are numbered through the whole report (each list item counts); citations use these numbers.\
         <span class=\"needs-js\"> To cite a paragraph, use the Cite button under its number. To quote words, select them here or in an event\u{2019}s quotation and choose \u{201c}Cite this passage\u{201d} beside them, or Cite selection below; with the keyboard, select them with caret browsing (F7), or open a paragraph\u{2019}s Cite and pick the words in the dialog.</span></p>\
         <p class=\"narrative__tools needs-js\"><button type=\"button\" data-testid=\"cite-selection\" aria-describedby=\"narrative-hint\">Cite selection</button>\
         <span class=\"tools-status\" role=\"status\" data-testid=\"narrative-status\"></span></p>\
         <div class=\"narrative__body\">",
    );
    out.push_str(&narrative_html(report, FIRST_PARAGRAPHS, cx.link));
    out.push_str("</div><div data-region=\"narrative-more\">");
    out.push_str(&narrative_more_html(FIRST_PARAGRAPHS, total));
    out.push_str("</div></section></main>");

    out.push_str(
        "<footer class=\"page__footer\"><p class=\"print-only\" data-testid=\"print-citation\">",
    );
    if let Some(c) = cx.print_citation {
        out.push_str("Cite as (APA 7): ");
        escape_into(&mut out, c);
    }
    out.push_str(
        "</p></footer>\
         <span class=\"dropzone\" data-active=\"false\" aria-hidden=\"true\"></span>\
         <div id=\"dialogs\"></div></div>",
    );
    out
}

/// Paragraphs in the report text (list items included).
pub fn paragraph_count(report: &Report) -> usize {
    report.sections.iter().map(|s| s.paragraphs.len()).sum()
}

fn header_html(out: &mut String, report: &Report, origin_note: Option<&str>, warnings: &[String]) {
    let meta = &report.report;
    let source = &meta.source;
    out.push_str("<header class=\"report-header\" data-testid=\"report-header\">");
    if let Some(note) = origin_note {
        out.push_str(
            "<p class=\"report-header__origin\" role=\"note\" data-testid=\"report-origin\">",
        );
        escape_into(out, note);
        out.push_str("</p>");
    }
    out.push_str(&warnings_html(warnings));
    out.push_str("<h1 class=\"report-header__title\" data-testid=\"report-title\">");
    escape_into(out, &meta.display_title());
    // Title, publisher and date on one or two lines; the rest behind "About this report".
    out.push_str("</h1><div class=\"report-header__bar\"><p class=\"report-header__byline\"><span data-testid=\"report-publisher\">");
    escape_into(out, &meta.publisher);
    let published = |out: &mut String, testid: &str| match meta.published() {
        Some(d) => {
            let _ = write!(
                out,
                "<time datetime=\"{d}\"{testid}>{}</time>",
                d.day_month_year()
            );
        }
        None => {
            let _ = write!(out, "<span{testid}>date not given</span>");
        }
    };
    out.push_str("</span> \u{b7} ");
    published(out, " data-testid=\"report-published\"");
    out.push_str("</p>");
    if meta.cut {
        out.push_str(
            "<p class=\"report-header__cut\" data-testid=\"report-cut\">This saved copy of the page is cut: the report has only its beginning.</p>",
        );
    }

    out.push_str(
        "<details class=\"report-header__about\" data-testid=\"report-about\">\
         <summary>About this report</summary><dl class=\"report-header__meta\">\
         <div><dt>Publisher</dt><dd>",
    );
    escape_into(out, &meta.publisher);
    out.push_str("</dd></div><div><dt>Author</dt><dd>");
    escape_into(out, &meta.author);
    out.push_str("</dd></div><div><dt>Published</dt><dd>");
    published(out, "");
    out.push_str("</dd></div><div><dt>Source</dt><dd>");
    if source.url.is_empty() {
        escape_into(
            out,
            if source.name.is_empty() {
                "not given"
            } else {
                &source.name
            },
        );
    } else if is_safe_link(&source.url) {
        out.push_str("<a href=\"");
        escape_into(out, &source.url);
        out.push_str("\" rel=\"noopener noreferrer\" target=\"_blank\">");
        escape_into(out, &source.name);
        out.push_str("</a>");
    } else {
        escape_into(out, &source.name);
        out.push_str(" (");
        escape_into(out, &source.url);
        out.push(')');
    }
    if let Some(d) = &source.docid {
        out.push_str(" \u{b7} docid <code>");
        escape_into(out, d);
        out.push_str("</code>");
    }
    out.push_str(
        "</dd></div></dl><p class=\"report-header__note\">About this viewer: an independent, searchable presentation of the report. \
         Event titles, categories, places and figures are editorial additions; quotations and the report text are verbatim from the source.</p></details>\
         <div class=\"report-header__actions needs-js\" role=\"group\" aria-label=\"Report tools\">\
         <button type=\"button\" data-testid=\"cite-report\">Cite this report</button>\
         <button type=\"button\" class=\"not-embed\" data-testid=\"embed-open\">Embed</button>\
         <label class=\"open-report not-embed\" data-testid=\"open-report\"><input type=\"file\" class=\"open-report__input\" accept=\".json,application/json,.txt,text/plain\" data-testid=\"open-report-file\"><span>Open a report file\u{2026}</span></label>\
         <span class=\"open-report__status\" role=\"status\" data-testid=\"open-report-status\"></span>\
         <span class=\"tools-status\" role=\"status\" data-testid=\"tools-status\"></span></div></div></header>",
    );
}

fn search_html(out: &mut String, q: &str) {
    out.push_str(
        "<form class=\"search needs-js\" role=\"search\" data-testid=\"search-form\">\
         <label for=\"search\" class=\"search__label\">Search events</label>\
         <input id=\"search\" class=\"search__input\" type=\"search\" name=\"q\" autocomplete=\"off\" spellcheck=\"false\" aria-describedby=\"search-hint\" data-testid=\"search\" value=\"",
    );
    escape_into(out, q);
    out.push_str(
        "\"><p id=\"search-hint\" class=\"hint search__hint\">Titles, quotes, places, actors and categories; case and accents are ignored, and abbreviations such as KNB, UAE, SCO or GICNT find the full names too.</p></form>",
    );
}

fn filters_html(out: &mut String, index: &Index, result: &QueryResult, filters: &Filters) {
    out.push_str(
        "<section class=\"filters needs-js\" id=\"filters\" aria-labelledby=\"filters-title\" data-open=\"false\">\
         <h2 id=\"filters-title\" class=\"filters__title\">Filter events</h2>\
         <button type=\"button\" class=\"filters__toggle\" aria-expanded=\"false\" aria-controls=\"filters-panel\" data-disclosure data-testid=\"filters-toggle\">Filters <span data-region=\"filter-count\">",
    );
    escape_into(out, &filter_count_text(result));
    out.push_str("</span></button><div class=\"filters__panel\" id=\"filters-panel\">");
    for facet in &result.facets {
        if facet.kind == FacetKind::Month {
            continue;
        }
        let _ = write!(
            out,
            "<fieldset class=\"facet\" data-facet=\"{key}\" aria-labelledby=\"facet-{key}\"><legend id=\"facet-{key}\">{label}</legend><div data-region=\"facet-{key}\">",
            key = facet.key,
            label = facet.label
        );
        out.push_str(&facet_html(facet, false));
        out.push_str("</div></fieldset>");
    }
    // Months: the list of months with events is the timeline's job; here the range.
    if let Some(months) = result.facets.iter().find(|f| f.kind == FacetKind::Month) {
        let _ = write!(
            out,
            "<fieldset class=\"facet\" data-facet=\"month\" aria-labelledby=\"facet-month\"><legend id=\"facet-month\">{}</legend><div data-region=\"facet-month\">",
            months.label
        );
        out.push_str(&facet_html(months, false));
        out.push_str("</div></fieldset>");
    }
    let months = report_months(index);
    out.push_str("<fieldset class=\"facet\" data-facet=\"range\"><legend>Month range</legend><div class=\"facet__range\">");
    for (which, label, empty, value) in [
        ("from", "From", "(first month)", filters.from),
        ("to", "To", "(last month)", filters.to),
    ] {
        let _ = write!(
            out,
            "<label for=\"range-{which}\">{label}</label><select id=\"range-{which}\" data-testid=\"range-{which}\"><option value=\"\"{}>{empty}</option>",
            selected(value.is_none())
        );
        for m in &months {
            let _ = write!(
                out,
                "<option value=\"{m}\"{}>{}</option>",
                selected(value == Some(*m)),
                m.in_words()
            );
        }
        out.push_str("</select>");
    }
    out.push_str(
        "</div><p class=\"hint\">A range leaves out events dated only to a year.</p></fieldset>\
         <div class=\"filters__actions\"><label for=\"sort\">Sort</label><select id=\"sort\" data-testid=\"sort\">",
    );
    let _ = write!(
        out,
        "<option value=\"oldest\"{}>Oldest first</option><option value=\"newest\"{}>Newest first</option></select>",
        selected(filters.sort == Sort::OldestFirst),
        selected(filters.sort == Sort::NewestFirst)
    );
    let _ = write!(
        out,
        "<button type=\"button\" data-testid=\"clear-all\"{}>Clear all filters</button></div></div></section>",
        if filters.is_unfiltered() {
            " disabled"
        } else {
            ""
        }
    );
}

fn selected(yes: bool) -> &'static str {
    if yes {
        " selected"
    } else {
        ""
    }
}

/// The months that have events, in order (the options of the range selects).
pub fn report_months(index: &Index) -> Vec<YearMonth> {
    index
        .run(&Filters::default())
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
}

/// One facet's values as checkboxes with their counts under the other filters, and the "Show
/// all" button of a long facet. Long facets list their first [`FACET_SHORT`] values and the
/// selected ones until `expanded`. A value with no events is disabled unless selected (so it
/// can be unticked). Each checkbox has `id` `f-<param>-<key>`, `data-facet` and `value`.
pub fn facet_html(facet: &Facet, expanded: bool) -> String {
    let param = facet.kind.param();
    let listed: Vec<_> = facet
        .values
        .iter()
        .enumerate()
        .filter(|(i, v)| expanded || *i < FACET_SHORT || v.selected)
        .map(|(_, v)| v)
        .collect();
    let mut out = String::with_capacity(listed.len() * 360 + 200);
    let _ = write!(
        out,
        "<ul class=\"facet__list\" aria-labelledby=\"facet-{param}\""
    );
    // A list whose values are all disabled has nothing to focus: the list itself takes focus so
    // keyboard users can still scroll it (axe scrollable-region-focusable).
    if listed.iter().all(|v| v.count == 0 && !v.selected) {
        out.push_str(" tabindex=\"0\"");
    }
    out.push('>');
    for v in &listed {
        let disabled = v.count == 0 && !v.selected;
        out.push_str("<li class=\"facet__item");
        if disabled {
            out.push_str(" facet__item--zero");
        }
        let _ = write!(out, "\"><label for=\"f-{param}-");
        escape_into(&mut out, &v.key);
        let _ = write!(out, "\"><input type=\"checkbox\" id=\"f-{param}-");
        escape_into(&mut out, &v.key);
        let _ = write!(out, "\" data-facet=\"{param}\" value=\"");
        escape_into(&mut out, &v.key);
        let _ = write!(out, "\" data-testid=\"facet-{param}-");
        escape_into(&mut out, &v.key);
        out.push('"');
        if v.selected {
            out.push_str(" checked");
        }
        if disabled {
            out.push_str(" disabled");
        }
        out.push_str("><span class=\"facet__label\">");
        escape_into(&mut out, &v.label);
        let _ = write!(
            out,
            "</span><span class=\"facet__count\"><span class=\"visually-hidden\">, </span>{}<span class=\"visually-hidden\"> event{}</span></span></label></li>",
            v.count,
            if v.count == 1 { "" } else { "s" }
        );
    }
    out.push_str("</ul>");
    if facet.values.len() > FACET_SHORT {
        let _ = write!(
            out,
            "<button type=\"button\" class=\"facet__more\" id=\"facet-more-{param}\" aria-expanded=\"{expanded}\" data-testid=\"facet-more-{param}\" data-facet-more=\"{param}\">"
        );
        if expanded {
            out.push_str("Show fewer");
        } else {
            let _ = write!(out, "Show all {}", facet.values.len());
        }
        out.push_str("</button>");
    }
    out
}

/// What a tool that could not be loaded says where it was asked for, with a Retry button
/// (`data-retry`): "The citation tool could not be loaded. Check the connection and retry."
pub fn feature_error_html(what: &str) -> String {
    let mut out =
        String::from("<span class=\"feature-error\" role=\"alert\" data-testid=\"feature-error\">");
    escape_into(&mut out, what);
    out.push_str(
        " could not be loaded. Check the connection and retry. <button type=\"button\" data-retry>Retry</button></span>",
    );
    out
}

/// "16 events", or "3 of 16 events match".
pub fn count_text(result: &QueryResult) -> String {
    let n = result.events.len();
    if result.active.is_empty() {
        format!("{n} event{}", plural(n))
    } else {
        format!(
            "{n} of {} event{} match",
            result.total,
            plural(result.total)
        )
    }
}

/// The filters toggle's count: "(none active)", "(1 active)". The search is not counted: it
/// stays in view above the filters.
pub fn filter_count_text(result: &QueryResult) -> String {
    let n = result
        .active
        .iter()
        .filter(|a| a.kind != FilterKind::Search)
        .count();
    if n == 0 {
        "(none active)".to_owned()
    } else {
        format!("({n} active)")
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The active filters as removable chips (`data-clear` names the filter: `q`, a facet's
/// parameter, or `range`); empty when nothing is filtered.
pub fn active_filters_html(result: &QueryResult) -> String {
    if result.active.is_empty() {
        return String::new();
    }
    let mut out = String::from("<ul class=\"active-filters\" aria-label=\"Active filters\">");
    for a in &result.active {
        let which = match a.kind {
            FilterKind::Search => "q",
            FilterKind::Facet(k) => k.param(),
            FilterKind::Range => "range",
        };
        let _ = write!(
            out,
            "<li><button type=\"button\" data-clear=\"{which}\" aria-label=\"Remove filter: "
        );
        escape_into(&mut out, &a.label);
        out.push_str("\">");
        escape_into(&mut out, &a.label);
        out.push_str(" \u{2715}</button></li>");
    }
    out.push_str("</ul>");
    out
}

/// When nothing matches: what excluded everything, and a button to clear all filters.
pub fn empty_state_html(result: &QueryResult) -> String {
    let Some(why) = result.empty_explanation() else {
        return String::new();
    };
    let mut out = String::from("<div class=\"results__empty\" data-testid=\"empty-state\"><p>");
    escape_into(&mut out, &why);
    out.push_str("</p><button type=\"button\" data-testid=\"empty-clear-all\">Clear all filters</button></div>");
    out
}

/// "Show 50 more (120 not shown)", or nothing.
pub fn show_more_html(remaining: usize) -> String {
    if remaining == 0 {
        return String::new();
    }
    format!(
        "<p class=\"results__more\"><button type=\"button\" data-testid=\"show-more\">Show {} more ({remaining} not shown)</button></p>",
        remaining.min(PAGE)
    )
}

/// "Show more of the report text (200 of 4,940 paragraphs shown)", or nothing.
pub fn narrative_more_html(limit: usize, total: usize) -> String {
    if limit >= total {
        return String::new();
    }
    format!(
        "<p><button type=\"button\" data-testid=\"narrative-more\">Show more of the report text ({limit} of {total} paragraphs shown)</button></p>"
    )
}

/// Whether a month selection or range is active (the timeline's own filter).
pub fn time_active(f: &Filters) -> bool {
    !f.months.is_empty() || f.from.is_some() || f.to.is_some()
}

/// Clears the timeline's own filter.
pub fn clear_time(f: &mut Filters) {
    f.months.clear();
    f.from = None;
    f.to = None;
}

/// The timeline's one-line summary: "13 events with a month, 3 dated only to a year."
pub fn strip_summary(tl: &Timeline, time_filter: bool) -> String {
    let dated: usize = tl.months.iter().map(|m| m.total).sum();
    let undated: usize = tl.year_level.iter().map(|y| y.total).sum();
    let mut s = format!(
        "{} with a month, {} dated only to a year",
        count_phrase(dated),
        count_phrase(undated)
    );
    if tl.outside > 0 {
        let _ = write!(
            s,
            ", {} outside the strip's 100 years",
            count_phrase(tl.outside)
        );
    }
    if time_filter {
        s.push_str(" (counts ignore the month selection)");
    }
    s.push('.');
    s
}

/// The map's note: how many of the counted events name no place, and places off the map.
pub fn map_note(marks: &[Marker], without: usize, counted: usize, place_filter: bool) -> String {
    let mut s = if place_filter {
        format!(
            "Counts ignore the place filter: {without} of those {} name no place.",
            count_phrase(counted)
        )
    } else {
        format!(
            "{without} of the {} shown name no place.",
            count_phrase(counted)
        )
    };
    let off = marks.iter().filter(|m| !in_view(m.x, m.y)).count();
    if off > 0 {
        let _ = write!(
            s,
            " {off} place{} lie outside this map (see the list).",
            if off == 1 { "" } else { "s" }
        );
    }
    s
}

/// The events the timeline counts: every filter but its own (as a facet ignores its own
/// selection), so other months stay visible and clickable.
pub fn events_ignoring(
    index: &Index,
    filters: &Filters,
    result: &QueryResult,
    active: fn(&Filters) -> bool,
    clear: fn(&mut Filters),
) -> Vec<usize> {
    if active(filters) {
        let mut f = filters.clone();
        clear(&mut f);
        index.run(&f).events
    } else {
        result.events.clone()
    }
}

fn views_html(
    out: &mut String,
    report: &Report,
    index: &Index,
    filters: &Filters,
    result: &QueryResult,
) {
    let span = StripSpan::of(report);
    let tl = timeline_in(
        &span,
        &events_ignoring(index, filters, result, time_active, clear_time),
    );
    out.push_str(
        "<aside class=\"views needs-js\" aria-label=\"Timeline and map\">\
         <span class=\"tools-status\" role=\"status\" data-testid=\"views-status\"></span>\
         <section class=\"timeline-strip view\" aria-labelledby=\"timeline-title\" data-testid=\"timeline\" data-open=\"false\">\
         <div class=\"view__head\"><h2 id=\"timeline-title\" class=\"view__title\">When</h2>\
         <button type=\"button\" class=\"view__toggle\" aria-expanded=\"false\" aria-controls=\"timeline-body\" data-disclosure><span class=\"when-closed\">Show the timeline</span><span class=\"when-open\">Hide the timeline</span></button></div>\
         <p class=\"timeline-strip__summary\" data-testid=\"timeline-summary\">",
    );
    escape_into(out, &strip_summary(&tl, time_active(filters)));
    out.push_str(
        "</p><div class=\"view__body\" id=\"timeline-body\">\
         <p class=\"timeline-strip__hint hint\" id=\"timeline-hint\">Select a month to filter by it; Shift+click another month to select the range between them.</p>\
         <div class=\"timeline-strip__scroll\"><ol class=\"timeline-strip__bars\" aria-describedby=\"timeline-hint\" data-region=\"strip\">",
    );
    out.push_str(&strip_html(report, &tl, filters));
    out.push_str(
        "</ol></div><ul class=\"timeline-strip__legend\" aria-label=\"Colours by category\">",
    );
    for c in &report.categories {
        out.push_str("<li><span class=\"timeline-strip__swatch swatch--");
        escape_into(out, &c.id);
        out.push_str("\" aria-hidden=\"true\"></span>");
        escape_into(out, &c.label);
        out.push_str("</li>");
    }
    out.push_str("</ul></div></section>");

    let place_filter = !filters.places.is_empty();
    let counted = if place_filter {
        let mut f = filters.clone();
        f.places.clear();
        index.run(&f).events
    } else {
        result.events.clone()
    };
    let (marks, without) = markers(report, &counted);
    let (svg, list) = markers_html(&marks, &filters.places);
    out.push_str(
        "<section class=\"place-map view\" aria-labelledby=\"map-title\" data-testid=\"map\" data-open=\"false\">\
         <div class=\"view__head\"><h2 id=\"map-title\" class=\"view__title\">Where</h2>\
         <button type=\"button\" class=\"view__toggle\" aria-expanded=\"false\" aria-controls=\"map-body\" data-disclosure><span class=\"when-closed\">Show the map</span><span class=\"when-open\">Hide the map</span></button></div>\
         <p class=\"place-map__note\" data-testid=\"map-note\">",
    );
    escape_into(out, &map_note(&marks, without, counted.len(), place_filter));
    out.push_str(
        "</p><div class=\"view__body\" id=\"map-body\"><div class=\"place-map__frame\">\
         <svg class=\"place-map__svg\" viewBox=\"0 0 800 460\" role=\"group\" aria-label=\"Map of Kazakhstan: places of the events\">\
         <g aria-hidden=\"true\" data-region=\"outline\"></g><g class=\"place-map__markers\" data-region=\"markers\">",
    );
    out.push_str(&svg);
    out.push_str(
        "</g></svg></div><details class=\"place-map__more\"><summary>Places as a list</summary><ul class=\"place-map__list\" data-region=\"places\">",
    );
    out.push_str(&list);
    out.push_str("</ul></details></div></section></aside>");
}

/// The note under the origin banner of a report made from a saved page text in the browser:
/// what the automatic ingest warned about (`AutoOutcome::warnings`), one sentence each ("No
/// dated sentence found: 0 events (the report text is still shown)."). Empty when there is
/// nothing to say.
pub fn warnings_html(warnings: &[String]) -> String {
    let mut out = String::new();
    let mut said = warnings.iter().map(|w| w.trim()).filter(|w| !w.is_empty());
    let Some(first) = said.next() else {
        return out;
    };
    out.push_str(
        "<div class=\"report-header__warnings\" role=\"note\" data-testid=\"report-warnings\">",
    );
    for w in std::iter::once(first).chain(said) {
        out.push_str("<p data-testid=\"report-warning\">");
        // The first letter in capitals (the core's warnings are lower-case clauses; each starts
        // with an ASCII letter or digit).
        let mut chars = w.chars();
        if let Some(c) = chars.next() {
            escape_into(&mut out, c.to_ascii_uppercase().encode_utf8(&mut [0; 4]));
        }
        escape_into(&mut out, chars.as_str());
        if !matches!(w.as_bytes().last(), Some(b'.' | b'!' | b'?')) {
            out.push('.');
        }
        out.push_str("</p>");
    }
    out.push_str("</div>");
    out
}

/// The page while a report other than the pre-rendered one is being opened.
pub fn loading_html(what: &str) -> String {
    let mut out = String::from(
        "<main class=\"app-loading\" id=\"main\"><p role=\"status\" aria-live=\"polite\" data-testid=\"loading\">Loading ",
    );
    escape_into(&mut out, what);
    out.push_str("\u{2026}</p></main>");
    out
}

/// The page shown when a report (or a collection: `noun`) cannot be opened: what was tried,
/// what went wrong, every problem found (the first 200), a Retry button (`data-retry`) when
/// `retry`, a way back to the bundled report (`data-testid="open-bundled"`, for other reports)
/// and a file picker.
pub fn load_error_html(
    noun: &str,
    tried: &str,
    message: &str,
    problems: &[String],
    bundled: bool,
    retry: bool,
) -> String {
    let mut out = String::from(
        "<main class=\"load-error\" id=\"main\"><div class=\"load-error__box\" role=\"alert\" data-testid=\"load-error\">\
         <h1 class=\"load-error__title\">This ",
    );
    escape_into(&mut out, noun);
    out.push_str(" could not be opened</h1><p class=\"load-error__origin\">Tried to open ");
    escape_into(&mut out, tried);
    out.push_str(".</p><p class=\"load-error__message\" data-testid=\"load-error-message\">");
    escape_into(&mut out, message);
    out.push_str("</p>");
    if retry {
        out.push_str("<p><button type=\"button\" data-retry>Retry</button></p>");
    }
    if !problems.is_empty() {
        let shown = problems.len().min(200);
        let _ = write!(
            out,
            "<p>{} problem{} found:</p><ul class=\"load-error__problems\" data-testid=\"load-error-problems\">",
            problems.len(),
            plural(problems.len())
        );
        for p in &problems[..shown] {
            out.push_str("<li><code>");
            escape_into(&mut out, p);
            out.push_str("</code></li>");
        }
        out.push_str("</ul>");
        if problems.len() > shown {
            let _ = write!(out, "<p>\u{2026} and {} more.</p>", problems.len() - shown);
        }
    }
    if bundled {
        out.push_str("<p>The report is also available at <a href=\"https://www.refworld.org/docid/49fac6a828.html\" rel=\"noopener noreferrer\">Refworld</a>.</p>");
    } else {
        out.push_str("<p><a class=\"load-error__back\" href=\"./\" data-testid=\"open-bundled\">Open the bundled report instead</a></p>");
    }
    out.push_str(
        "<label class=\"open-report\" data-testid=\"open-report\"><input type=\"file\" class=\"open-report__input\" accept=\".json,application/json,.txt,text/plain\" data-testid=\"open-report-file\"><span>Open a report file\u{2026}</span></label>\
         <span class=\"open-report__status\" role=\"status\" data-testid=\"open-report-status\"></span>\
         <span class=\"dropzone\" data-active=\"false\" aria-hidden=\"true\"></span></div></main>",
    );
    out
}

/// What the short form before a saved page text opens shows ([`metadata_form_html`]).
#[derive(Debug, Clone, Default)]
pub struct MetadataForm<'a> {
    /// What is being opened, e.g. "a local file, kenya.txt (read in your browser, not uploaded)".
    pub what: &'a str,
    /// The fields the page does not give, of `ingest::auto::SUPPLIABLE` ("title", "country",
    /// "year", "published", "source.url"): one input each, in that order.
    pub missing: &'a [&'a str],
    /// Values to start the inputs with (what the visitor typed before an error, or the page's).
    pub title: &'a str,
    pub country: &'a str,
    pub year: &'a str,
    pub published: &'a str,
    pub url: &'a str,
    /// The copy stops mid-sentence.
    pub cut: bool,
    /// A value that could not be used: its field and why.
    pub error: Option<(&'a str, &'a str)>,
}

/// The short form shown before a saved page text opens when the page does not give all of its
/// metadata: one labelled input per missing field, "Open the report" (`data-testid="meta-open"`;
/// Enter in a field does the same) and "Open without them" (`meta-skip`: the fields stay empty
/// and marked). No button submits the form: a form submission is refused, with a console
/// error, in a sandboxed iframe without `allow-forms`.
/// Inputs are `meta-<field>` (`meta-source.url` for the address); an error is said in
/// `meta-error` (an alert) and marks its input `aria-invalid`.
pub fn metadata_form_html(form: &MetadataForm) -> String {
    let mut out = String::from(
        "<main class=\"metadata\" id=\"main\"><form class=\"metadata__box\" data-testid=\"metadata-form\" aria-labelledby=\"metadata-title\" novalidate>\
         <h1 id=\"metadata-title\" class=\"metadata__title\">About this page</h1><p>Opening ",
    );
    escape_into(&mut out, form.what);
    out.push_str(
        ". The page does not say everything a citation needs. Fill in what you know (from the \
         page you saved, or Refworld), or open it without: what is missing stays empty and is \
         marked as not given.</p>",
    );
    if form.cut {
        out.push_str(
            "<p class=\"metadata__cut\" data-testid=\"metadata-cut\">This copy is cut: it stops \
             mid-sentence, so the report holds only the text before the cut.</p>",
        );
    }
    if let Some((field, message)) = form.error {
        out.push_str("<p class=\"metadata__error\" role=\"alert\" data-testid=\"meta-error\">");
        escape_into(&mut out, &metadata_label(field).0);
        out.push_str(": ");
        escape_into(&mut out, message);
        out.push_str("</p>");
    }
    for &field in form.missing {
        if !matches!(
            field,
            "title" | "country" | "year" | "published" | "source.url"
        ) {
            continue;
        }
        let (label, kind, hint) = metadata_label(field);
        let value = match field {
            "title" => form.title,
            "country" => form.country,
            "year" => form.year,
            "published" => form.published,
            _ => form.url,
        };
        let _ = write!(
            out,
            "<p class=\"metadata__field\"><label for=\"meta-{field}\">{label}</label>\
             <input id=\"meta-{field}\" name=\"{field}\" type=\"{kind}\" data-testid=\"meta-{field}\""
        );
        if kind == "number" {
            out.push_str(" min=\"1990\" max=\"2100\" inputmode=\"numeric\"");
        }
        if form.error.is_some_and(|(f, _)| f == field) {
            out.push_str(" aria-invalid=\"true\"");
        }
        out.push_str(" aria-describedby=\"meta-");
        out.push_str(field);
        out.push_str("-hint\" value=\"");
        escape_into(&mut out, value);
        let _ = write!(
            out,
            "\"><span class=\"metadata__hint\" id=\"meta-{field}-hint\">{hint}</span></p>"
        );
    }
    out.push_str(
        "<p class=\"metadata__actions\"><button type=\"button\" data-testid=\"meta-open\">Open the report</button> \
         <button type=\"button\" data-testid=\"meta-skip\">Open without them</button></p></form></main>",
    );
    out
}

/// A metadata field's label, input type and hint.
fn metadata_label(field: &str) -> (String, &'static str, &'static str) {
    match field {
        "title" => (
            "Title".to_owned(),
            "text",
            "e.g. Country Reports on Terrorism 2010 - Kyrgyzstan",
        ),
        "country" => ("Country".to_owned(), "text", "e.g. Kyrgyzstan"),
        "year" => (
            "Year covered".to_owned(),
            "number",
            "The year the report is about, e.g. 2010",
        ),
        "published" => (
            "Publication date".to_owned(),
            "date",
            "When the State Department published it",
        ),
        "source.url" => (
            "Address of the page".to_owned(),
            "url",
            "Where the text was saved from, https://\u{2026}",
        ),
        other => (other.to_owned(), "text", ""),
    }
}
