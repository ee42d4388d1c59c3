//! A file opened from the visitor's computer (picker or drop), read in the browser: a report
//! file goes the way of a fetched one (`app::show_bytes`); a saved Refworld or State Department
//! page text is read by the core's automatic ingest (`report_core::ingest::auto`, the code
//! `report ingest` runs without annotations), the places looked up in the gazetteer of the
//! report's country, fetched from the viewer's own `gazetteer/` folder (`countries.json` and one
//! `<ISO2>.json` per open). When the page does not give all its metadata (no title, no date,
//! no address: most saved copies), a short form asks for it before the report opens; the
//! visitor may also open it without, and what is missing stays empty and marked. In a module
//! of its own: only a local file needs it.

use std::cell::RefCell;
use std::rc::Rc;

use report_core::ingest::auto::{
    auto_report, parse_page, Countries, Gazetteer, Page, PageError, PlaceTable, Supplied,
    MAX_PAGE_BYTES,
};
use report_core::page::{metadata_form_html, MetadataForm};
use report_core::report_url::MAX_REPORT_BYTES;
use report_core::validate::{check_report, LoadError};
use report_core::CivilDate;
use wasm_bindgen::JsCast;

use crate::app::{self, Ticket};
use crate::browser;
use crate::dom;
use crate::loader::{self, LoadFailure, Origin};
use crate::state::Loaded;

/// Where the gazetteer is, relative to the page (so any host path works).
const GAZETTEER: &str = "gazetteer";

/// A page text read, before its places are looked up: the page, the country table and the
/// warnings so far.
struct Read {
    page: Page,
    countries: Countries,
    warnings: Vec<String>,
}

/// Reads `file` (the loading page is up) and shows its report, or the error page: why the file
/// could not be read, or, with a retry, that the gazetteer could not be downloaded. Nothing is
/// shown if a newer request to open a report has begun meanwhile (`ticket`).
pub fn open(file: web_sys::File, origin: Origin, ticket: Ticket) {
    leptos::task::spawn_local(async move {
        if !loader::is_page_text(&file) {
            // A report file: checked like a fetched one.
            let bytes = match file.size() as u64 {
                bytes if bytes > MAX_REPORT_BYTES => Err(LoadFailure::TooLarge { bytes }),
                _ => loader::read_local_file(&file).await,
            };
            if ticket.is_current() {
                match bytes {
                    Ok(bytes) => app::show_bytes(ticket, origin, bytes),
                    Err(failure) => app::show_error(ticket, origin, failure),
                }
            }
            return;
        }
        let read = read(&file).await;
        if !ticket.is_current() {
            return;
        }
        match read {
            Ok(read) if read.page.missing().is_empty() => finish(ticket, file, origin, read).await,
            Ok(read) => ask(ticket, file, origin, read, Values::default(), None),
            Err(failure) => fail(ticket, file, origin, failure),
        }
    });
}

fn fail(ticket: Ticket, file: web_sys::File, origin: Origin, failure: LoadFailure) {
    let retry = matches!(failure, LoadFailure::Module(_));
    app::show_error(ticket, origin, failure);
    if retry {
        app::on_retry(move || app::open_file(file));
    }
}

/// Reads `file` as a saved page text, with the country table (the country taken from the text
/// when the page does not name it). A file over the core's [`MAX_PAGE_BYTES`] is refused from
/// its size, without being read. A text the core cannot read is [`LoadFailure::Page`], with the
/// line it stopped at; a gazetteer that cannot be downloaded is a [`LoadFailure::Module`] (the
/// page offers a retry); a gazetteer file that is not on the server is not fatal (the report
/// says what was not looked up).
async fn read(file: &web_sys::File) -> Result<Read, LoadFailure> {
    let size = file.size();
    if size > MAX_PAGE_BYTES as f64 {
        return Err(page_failure(&PageError::TooLarge {
            bytes: size as usize,
            limit: MAX_PAGE_BYTES,
        }));
    }
    let bytes = loader::read_local_file(file).await?;
    // Bytes that are not UTF-8 become U+FFFD; the core refuses binary data (NUL and control
    // characters, or mostly replacement characters) with the line it was found on.
    let text = String::from_utf8_lossy(&bytes);
    let mut page = parse_page(&text).map_err(|e| page_failure(&e))?;

    let mut warnings = Vec::new();
    let countries_url = format!("{GAZETTEER}/countries.json");
    let countries = match loader::fetch_gazetteer(&countries_url).await? {
        Some(json) => Countries::from_json(&json).unwrap_or_else(|e| {
            warnings.push(format!("the gazetteer's country table could not be read ({e}): countries and places are not looked up"));
            Countries::new(Vec::new())
        }),
        None => {
            warnings.push(format!(
                "the gazetteer is not on this server ({countries_url}): countries and places are not looked up"
            ));
            Countries::new(Vec::new())
        }
    };
    page.complete(&countries);
    Ok(Read {
        page,
        countries,
        warnings,
    })
}

/// Looks the places up in the gazetteer of the report's country, makes the report and shows
/// it (or why it could not be made).
async fn finish(ticket: Ticket, file: web_sys::File, origin: Origin, read: Read) {
    let Read {
        page,
        countries,
        mut warnings,
    } = read;
    let places = match countries.code(&page.country) {
        Some(code) => {
            let url = format!("{GAZETTEER}/{code}.json");
            // Not on the server: the core says there is no gazetteer for the country.
            match loader::fetch_gazetteer(&url).await {
                Ok(Some(json)) => PlaceTable::from_json(&json)
                    .map_err(|e| {
                        warnings.push(format!("the gazetteer file {url} could not be read ({e})"))
                    })
                    .ok(),
                Ok(None) => None,
                Err(failure) => {
                    if ticket.is_current() {
                        fail(ticket, file, origin, failure);
                    }
                    return;
                }
            }
        }
        None => None,
    };
    if !ticket.is_current() {
        return;
    }
    let outcome = auto_report(&page, &Gazetteer::new(countries, places));
    // The same checks as any report file (a failure here is a bug of the ingest: shown, never a
    // panic).
    let problems = check_report(&outcome.report);
    if !problems.is_empty() {
        let failure = LoadFailure::Report(LoadError::Invalid(problems));
        return fail(ticket, file, origin, failure);
    }
    warnings.extend(outcome.warnings);
    app::show(
        ticket,
        Loaded {
            report: outcome.report,
            origin,
            warnings,
        },
        false,
    );
}

/// What the visitor typed in the form, kept when it is shown again with an error.
#[derive(Default, Clone)]
struct Values {
    title: String,
    country: String,
    year: String,
    published: String,
    url: String,
}

/// Shows the form for the page's missing metadata (again with `error`, for a value that cannot
/// be used): "Open the report" supplies what was typed, "Open without them" nothing.
fn ask(
    ticket: Ticket,
    file: web_sys::File,
    origin: Origin,
    read: Read,
    values: Values,
    error: Option<(&str, String)>,
) {
    let missing = read.page.missing();
    let what = origin.describe();
    let html = metadata_form_html(&MetadataForm {
        what: &what,
        missing: &missing,
        title: &values.title,
        country: &values.country,
        year: &values.year,
        published: &values.published,
        url: &values.url,
        cut: read.page.cut,
        error: error.as_ref().map(|(f, m)| (*f, m.as_str())),
    });
    let Some(owner) = app::show_html(ticket, origin.clone(), &html) else {
        return;
    };
    let Some(form) = dom::find_in_document("[data-testid=\"metadata-form\"]") else {
        return;
    };
    // The field in error, else the first.
    let first = error
        .as_ref()
        .map_or(missing.first().copied(), |(f, _)| Some(*f));
    if let Some(input) = first
        .and_then(|f| dom::by_id(&format!("meta-{f}")))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = input.focus();
    }
    // Taken by the first answer (the form is gone once it is given).
    let pending = Rc::new(RefCell::new(Some((file, origin, read))));
    let answer = move |supply: bool| {
        let Some((file, origin, mut read)) = pending.borrow_mut().take() else {
            return;
        };
        let values = if supply { typed() } else { Values::default() };
        match supplied(&values).and_then(|s| {
            read.page.supply(&s).map_err(|e| {
                // The core names the address "url"; the form, "source.url".
                let field = if e.field == "url" {
                    "source.url"
                } else {
                    e.field
                };
                (field, e.message)
            })
        }) {
            Ok(()) => leptos::task::spawn_local(finish(ticket, file, origin, read)),
            Err((field, message)) => {
                ask(ticket, file, origin, read, values, Some((field, message)))
            }
        }
    };
    let skip = answer.clone();
    // Not by submitting the form: a submission is refused (with a console error) in a
    // sandboxed iframe without `allow-forms`.
    let enter = answer.clone();
    owner.with(|| {
        dom::listen(&form, "keydown", move |ev: web_sys::KeyboardEvent| {
            if ev.key() == "Enter" && dom::target::<web_sys::HtmlInputElement>(&ev).is_some() {
                ev.prevent_default();
                enter(true);
            }
        });
        dom::listen(&form, "click", move |ev: web_sys::MouseEvent| {
            if browser::event_closest(&ev, "[data-testid=\"meta-open\"]").is_some() {
                answer(true);
            } else if browser::event_closest(&ev, "[data-testid=\"meta-skip\"]").is_some() {
                skip(false);
            }
        });
    });
}

/// The values typed in the form's inputs (empty for a field not asked).
fn typed() -> Values {
    let value = |field: &str| {
        dom::by_id(&format!("meta-{field}"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|i| i.value().trim().to_owned())
            .unwrap_or_default()
    };
    Values {
        title: value("title"),
        country: value("country"),
        year: value("year"),
        published: value("published"),
        url: value("source.url"),
    }
}

/// The values as the core takes them: empty ones are not supplied; a year or a date that is
/// not one is an error for its field.
fn supplied(v: &Values) -> Result<Supplied, (&'static str, String)> {
    let text = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    let year = match v.year.as_str() {
        "" => None,
        y => Some(
            y.parse::<i32>()
                .map_err(|_| ("year", "expected a year like 2010".to_owned()))?,
        ),
    };
    let published = match v.published.as_str() {
        "" => None,
        d => Some(
            d.parse::<CivilDate>()
                .map_err(|_| ("published", "expected a date like 2011-08-18".to_owned()))?,
        ),
    };
    Ok(Supplied {
        title: text(&v.title),
        country: text(&v.country),
        year,
        published,
        url: text(&v.url),
    })
}

/// The core's message as a sentence: "Line 3: expected …; is this a saved Refworld page?". (Its
/// messages start with an ASCII letter.)
fn page_failure(e: &PageError) -> LoadFailure {
    let mut sentence = e.to_string();
    if let Some(first) = sentence.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    if !matches!(sentence.as_bytes().last(), Some(b'.' | b'?' | b'!')) {
        sentence.push('.');
    }
    LoadFailure::Page(sentence)
}
