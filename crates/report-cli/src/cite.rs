//! `report cite <report.json> --style <id> [--event <id> | --paragraph <p10|p9-p10> [--quote <text>]]
//! [--accessed YYYY-MM-DD] [--format text|html] [--link <url>]`: prints the citation
//! `report_core::cite` makes (the same code as the viewer). For a paragraph or passage: the
//! quotation (with `--quote`), the citation with its pinpoint and the reference, one part per
//! line, as the citation dialog shows them.

use std::time::{SystemTime, UNIX_EPOCH};

use std::path::PathBuf;

use report_core::cite::{cite, cite_passage, CiteOptions, StyleId};
use report_core::passage::{ParaRange, Passage};
use report_core::CivilDate;

use crate::Failure;

/// Print a citation of the report or of one event.
#[derive(clap::Args)]
pub struct Args {
    /// The report JSON file.
    report: PathBuf,
    /// The citation style.
    #[arg(long, value_parser = parse_style)]
    style: StyleId,
    /// Cite this event (its id) instead of the whole report.
    #[arg(long)]
    event: Option<String>,
    /// Cite this paragraph (p10) or range of paragraphs (p9-p10) of the report text.
    #[arg(long, value_parser = parse_range, conflicts_with = "event")]
    paragraph: Option<ParaRange>,
    /// The exact words quoted from that paragraph or range (whitespace may differ); refused
    /// when they are not there.
    #[arg(long, requires = "paragraph")]
    quote: Option<String>,
    /// The date the source was accessed, YYYY-MM-DD (default: today, UTC).
    #[arg(long, value_parser = parse_date)]
    accessed: Option<CivilDate>,
    /// Plain text, or HTML with italics.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// A link to the cited event in the viewer, added where the style allows.
    #[arg(long)]
    link: Option<String>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Html,
}

fn parse_style(s: &str) -> Result<StyleId, String> {
    s.parse::<StyleId>().map_err(|e| e.to_string())
}

fn parse_range(s: &str) -> Result<ParaRange, String> {
    s.parse::<ParaRange>().map_err(|e| e.to_string())
}

fn parse_date(s: &str) -> Result<CivilDate, String> {
    s.parse::<CivilDate>()
        .map_err(|e| format!("{e} (a date like 2023-05-28)"))
}

pub fn run(args: Args) -> Result<(), Failure> {
    let Args {
        report: path,
        style,
        event,
        paragraph,
        quote,
        accessed,
        format,
        link: deep_link,
    } = args;
    let html = matches!(format, Format::Html);
    let path = path.display().to_string();
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Failure::new(format!("cannot read {path}: {e}")))?;
    let report = report_core::validate::load_report(&text)
        .map_err(|e| Failure::new(format!("{path}: {e}")))?;
    let event = match &event {
        None => None,
        Some(id) => Some(report.event(id).ok_or_else(|| {
            let ids: Vec<&str> = report.events.iter().map(|e| e.id.as_str()).collect();
            Failure::new(format!(
                "no event {id:?} in {path}; events: {}",
                ids.join(" ")
            ))
        })?),
    };
    let accessed = match accessed {
        Some(d) => d,
        None => today()?,
    };
    let opts = CiteOptions {
        accessed,
        deep_link,
    };
    let c = match &paragraph {
        Some(range) => {
            let passage = Passage::from_range(&report, range, quote.as_deref())
                .map_err(|e| Failure::new(format!("{path}: {e}")))?;
            cite_passage(&report, &passage, style, &opts).combined()
        }
        None => cite(&report, event, style, &opts),
    };
    let out = if html { c.html } else { c.text };
    if out.ends_with('\n') {
        print!("{out}");
    } else {
        println!("{out}");
    }
    Ok(())
}

/// Today's date (UTC) from the system clock.
fn today() -> Result<CivilDate, Failure> {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|_| Failure::new("the system clock is before 1970; pass --accessed"))?
        .as_secs();
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    CivilDate::new(y as i32, m as u8, d as u8)
        .ok_or_else(|| Failure::new("cannot read today's date; pass --accessed"))
}

/// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn days_since_the_epoch_become_civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(19_505), (2023, 5, 28));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}
