//! Loading a report: the only module that does network or file I/O. It fetches the bundled
//! `report.json` or a `?report=` URL with gloo-net, or reads a local file, and hands the text to
//! `report_core::validate::load_report`; for the local-file reader (`features::ingest`) it reads a
//! saved page text and fetches the gazetteer. Every failure becomes a [`LoadFailure`] with a
//! message.

use std::fmt;

use gloo_net::http::Request;
use report_core::report_url::{check_report_url, RefusedUrl, MAX_REPORT_BYTES};
use report_core::validate::{parse_report, LoadError, Refusal};
use report_core::Report;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The bundled report, by relative URL so any host path works.
pub const BUNDLED_REPORT: &str = "report.json";

/// Where the open report came from; always shown to the visitor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The report shipped with the viewer.
    Bundled,
    /// A `?report=` URL (as given).
    Url(String),
    /// A local file opened in the browser (its name).
    LocalFile(String),
    /// A `?collection=` manifest URL (as given).
    Collection(String),
}

impl Origin {
    pub fn is_bundled(&self) -> bool {
        matches!(self, Origin::Bundled)
    }

    /// What is opened: "collection" or "report" (as in "This report could not be opened").
    pub fn noun(&self) -> &'static str {
        match self {
            Origin::Collection(_) => "collection",
            _ => "report",
        }
    }

    /// How the origin is described in the page.
    pub fn describe(&self) -> String {
        match self {
            Origin::Bundled => "the report bundled with this viewer".to_owned(),
            Origin::Url(u) => format!("a report loaded from {u}"),
            Origin::LocalFile(name) => {
                format!("a local file, {name} (read in your browser, not uploaded)")
            }
            Origin::Collection(u) => format!("the collection at {u}"),
        }
    }
}

/// Why a report could not be opened.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadFailure {
    /// The `?report=` address was refused before any request.
    Refused(RefusedUrl),
    /// The request failed without an HTTP answer (offline, CORS, DNS…).
    Network(String),
    /// The server answered with an error status.
    Http { status: u16, status_text: String },
    /// Larger than [`MAX_REPORT_BYTES`].
    TooLarge { bytes: u64 },
    /// A local file could not be read.
    File(String),
    /// The text is not JSON, is not a report, or is an invalid report.
    Report(LoadError),
    /// The typed parse refused the text (`typed` says why, briefly) and the detailed check
    /// (a module loaded on demand) could not be loaded.
    Unexplained { typed: String },
    /// A part of the viewer loaded on demand (named) could not be fetched.
    Module(String),
    /// A saved page text could not be read (`features::ingest`): the message, with the line
    /// the reading stopped at where there is one.
    Page(String),
    /// A `?collection=` manifest was refused: every problem.
    Collection(Vec<String>),
    /// Back or forward went to a history entry of a local file that is no longer open in this
    /// tab (only the last one opened is kept).
    LocalGone,
}

/// Why [`parse`] gave no report.
pub enum ParseFailure {
    /// A failure to show as it is.
    Known(LoadFailure),
    /// The typed parse refused the text: the detailed check (`features::diagnose`, loaded on
    /// demand) must say why, from the text.
    NeedsExplaining { text: String, typed: String },
}

impl fmt::Display for LoadFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadFailure::Refused(r) => write!(f, "This report address was refused: {r}."),
            LoadFailure::Network(m) => write!(
                f,
                "The report could not be downloaded ({m}). Check the connection, or that the server allows cross-origin requests (CORS)."
            ),
            LoadFailure::Http { status, status_text } => {
                write!(f, "The server answered HTTP {status}")?;
                if !status_text.is_empty() {
                    write!(f, " {status_text}")?;
                }
                if *status == 404 {
                    write!(f, ": there is no report at this address.")
                } else {
                    write!(f, ": the report could not be downloaded.")
                }
            }
            LoadFailure::TooLarge { bytes } => write!(
                f,
                "The report is {} MiB; this viewer opens reports of at most {} MiB.",
                // One decimal, rounded up, in integers (no float formatting in the start module).
                {
                    let tenths = bytes.div_ceil(104_858);
                    format!("{}.{}", tenths / 10, tenths % 10)
                },
                MAX_REPORT_BYTES / 1048576
            ),
            LoadFailure::File(m) => write!(f, "The file could not be read: {m}."),
            LoadFailure::Page(m) => f.write_str(m),
            LoadFailure::LocalGone => f.write_str(
                "This page of the history showed a local file that is no longer open in this tab. Open it again to see it (it is read in your browser, not uploaded).",
            ),
            LoadFailure::Report(e) => write!(f, "{e}"),
            LoadFailure::Collection(p) => write!(
                f,
                "This is not a collection this viewer can open: {} problem(s) in its collection.json.",
                p.len()
            ),
            LoadFailure::Module(what) => write!(
                f,
                "{what} of this viewer could not be loaded. Check the connection and retry."
            ),
            LoadFailure::Unexplained { typed } => write!(
                f,
                "This file is not a valid report ({typed}). The detailed check that lists every problem could not be loaded: check the connection and retry."
            ),
        }
    }
}

/// The report to open for a `?report=` value (none: the bundled one).
pub fn origin_for(report_param: Option<&str>) -> Result<Origin, LoadFailure> {
    match report_param {
        None => Ok(Origin::Bundled),
        Some(raw) => check_report_url(raw)
            .map(|u| Origin::Url(u.to_owned()))
            .map_err(LoadFailure::Refused),
    }
}

/// Fetches a report file by URL, as bytes (checked against [`MAX_REPORT_BYTES`]).
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadFailure> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|e| LoadFailure::Network(network_message(&e)))?;
    if !response.ok() {
        return Err(LoadFailure::Http {
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    if let Some(bytes) = response
        .headers()
        .get("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        if bytes > MAX_REPORT_BYTES {
            return Err(LoadFailure::TooLarge { bytes });
        }
    }
    // Bytes, not `text()`: a 58 MB report would otherwise be decoded into a JS string and
    // re-encoded into wasm memory (~0.4 s at 100,000 events).
    response
        .binary()
        .await
        .map_err(|e| LoadFailure::Network(network_message(&e)))
}

/// Whether a local file is a saved page text (`.txt`, or `text/plain` and not `.json`) rather
/// than a report file.
pub fn is_page_text(file: &web_sys::File) -> bool {
    let name = file.name();
    has_extension(&name, ".txt") || (file.type_() == "text/plain" && !has_extension(&name, ".json"))
}

/// Whether `name` ends with `ext` (ASCII case ignored).
pub fn has_extension(name: &str, ext: &str) -> bool {
    let (name, ext) = (name.as_bytes(), ext.as_bytes());
    name.len() >= ext.len() && name[name.len() - ext.len()..].eq_ignore_ascii_case(ext)
}

/// Parses a report file's bytes, decoded as `fetch`'s `text()` would: UTF-8, a leading
/// byte-order mark dropped, invalid sequences replaced by U+FFFD. The report's rules beyond its
/// types are not checked here (`features::check`, loaded on demand; the pre-rendered bundled
/// report was checked at build time).
pub fn parse(bytes: Vec<u8>) -> Result<Report, ParseFailure> {
    if bytes.len() as u64 > MAX_REPORT_BYTES {
        return Err(ParseFailure::Known(LoadFailure::TooLarge {
            bytes: bytes.len() as u64,
        }));
    }
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    match parse_report(&text) {
        Ok(report) => Ok(report),
        Err(Refusal::Report(e)) => Err(ParseFailure::Known(LoadFailure::Report(e))),
        Err(Refusal::Parse(e)) => Err(ParseFailure::NeedsExplaining {
            typed: e.to_string(),
            text,
        }),
    }
}

fn network_message(e: &gloo_net::Error) -> String {
    match e {
        gloo_net::Error::JsError(js) => js.message.clone(),
        other => other.to_string(),
    }
}

/// Fetches a small text asset of the viewer itself (e.g. the map outline) by relative URL.
pub async fn fetch_text(url: &str) -> Option<String> {
    let response = Request::get(url).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    response.text().await.ok()
}

/// Reads a local file as bytes, entirely in the browser (in the local-file reader,
/// `features::ingest`, loaded when a file is opened; it checks the size first).
pub async fn read_local_file(file: &web_sys::File) -> Result<Vec<u8>, LoadFailure> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| {
        let message = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()));
        LoadFailure::File(
            message.unwrap_or_else(|| "the browser did not give its content".to_owned()),
        )
    })?;
    let array = js_sys::Uint8Array::new(&buffer);
    let mut bytes = vec![0; array.length() as usize];
    array.copy_to(&mut bytes);
    Ok(bytes)
}

/// Fetches a gazetteer file of the viewer by relative URL (for the local-file reader): `None`
/// when the server has no such file (HTTP 404); a failed download is
/// [`LoadFailure::Module`] ("The gazetteer … could not be loaded", with a retry).
pub async fn fetch_gazetteer(url: &str) -> Result<Option<String>, LoadFailure> {
    let unavailable = || LoadFailure::Module("The gazetteer".to_owned());
    let response = Request::get(url).send().await.map_err(|_| unavailable())?;
    match response.status() {
        404 => Ok(None),
        _ if response.ok() => response.text().await.map(Some).map_err(|_| unavailable()),
        _ => Err(unavailable()),
    }
}
