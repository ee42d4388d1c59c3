//! A file opened from the visitor's computer (picker or drop), read in the browser: a report
//! file goes the way of a fetched one (`app::show_bytes`); a saved Refworld page text is read
//! by the core's automatic ingest (`report_core::ingest::auto`, the code `report ingest` runs without
//! annotations), the places looked up in the gazetteer of the country in the title, fetched
//! from the viewer's own `gazetteer/` folder (`countries.json` and one `<ISO2>.json` per open).
//! In a module of its own: only a local file needs it.

use report_core::ingest::auto::{
    auto_report, parse_page, Countries, Gazetteer, PageError, PlaceTable, MAX_PAGE_BYTES,
};
use report_core::report_url::MAX_REPORT_BYTES;
use report_core::validate::{check_report, LoadError};
use report_core::Report;

use crate::app;
use crate::loader::{self, LoadFailure, Origin};
use crate::state::Loaded;

/// Where the gazetteer is, relative to the page (so any host path works).
const GAZETTEER: &str = "gazetteer";

/// Reads `file` (the loading page is up) and shows its report with the reader's warnings, or the
/// error page: why the text could not be read, or, with a retry, that the gazetteer could not
/// be downloaded.
/// Nothing is shown if a newer request to open a report has begun meanwhile (`ticket`).
pub fn open(file: web_sys::File, origin: Origin, ticket: app::Ticket) {
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
        let read = read(file.clone()).await;
        if !ticket.is_current() {
            return;
        }
        match read {
            Ok((report, warnings)) => app::show(
                ticket,
                Loaded {
                    report,
                    origin,
                    warnings,
                },
                false,
            ),
            Err(failure) => {
                let retry = matches!(failure, LoadFailure::Module(_));
                app::show_error(ticket, origin.clone(), failure);
                if retry {
                    app::on_retry(move || app::open_file(file));
                }
            }
        }
    });
}

/// Reads `file` as a saved page text and makes its report, with the warnings (the automatic
/// ingest's, and any about the gazetteer). A file over the core's [`MAX_PAGE_BYTES`] is refused
/// from its size, without being read. A text the core cannot read is [`LoadFailure::Page`],
/// with the line it stopped at; a gazetteer that cannot be downloaded is a
/// [`LoadFailure::Module`] (the page offers a retry); a gazetteer file that is not on the
/// server is not fatal (the report says what was not looked up).
pub async fn read(file: web_sys::File) -> Result<(Report, Vec<String>), LoadFailure> {
    let size = file.size();
    if size > MAX_PAGE_BYTES as f64 {
        return Err(page_failure(&PageError::TooLarge {
            bytes: size as usize,
            limit: MAX_PAGE_BYTES,
        }));
    }
    let bytes = loader::read_local_file(&file).await?;
    // Bytes that are not UTF-8 become U+FFFD; the core refuses binary data (NUL and control
    // characters, or mostly replacement characters) with the line it was found on.
    let text = String::from_utf8_lossy(&bytes);
    let page = parse_page(&text).map_err(|e| page_failure(&e))?;

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
    let places = match countries.code(&page.country) {
        Some(code) => {
            let url = format!("{GAZETTEER}/{code}.json");
            // Not on the server: the core says there is no gazetteer for the country.
            match loader::fetch_gazetteer(&url).await? {
                Some(json) => PlaceTable::from_json(&json)
                    .map_err(|e| {
                        warnings.push(format!("the gazetteer file {url} could not be read ({e})"))
                    })
                    .ok(),
                None => None,
            }
        }
        None => None,
    };

    let outcome = auto_report(&page, &Gazetteer::new(countries, places));
    // The same checks as any report file (a failure here is a bug of the ingest: shown, never a
    // panic).
    let problems = check_report(&outcome.report);
    if !problems.is_empty() {
        return Err(LoadFailure::Report(LoadError::Invalid(problems)));
    }
    warnings.extend(outcome.warnings);
    Ok((outcome.report, warnings))
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
