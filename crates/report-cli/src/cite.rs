//! `report cite <report.json> --style <id> [--event <id>] [--accessed YYYY-MM-DD] [--format text|html]`:
//! prints the citation `report_core::cite` makes (the same code as the viewer).

use std::time::{SystemTime, UNIX_EPOCH};

use report_core::cite::{cite, CiteOptions, StyleId};
use report_core::CivilDate;

use crate::Failure;

pub fn run(args: &[String]) -> Result<(), Failure> {
    let mut path = None;
    let mut style = None;
    let mut event = None;
    let mut accessed = None;
    let mut html = false;
    let mut deep_link = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        match arg.as_str() {
            "--style" => {
                let v = value("--style")?;
                style = Some(
                    v.parse::<StyleId>()
                        .map_err(|e| Failure::Usage(e.to_string()))?,
                );
            }
            "--event" => event = Some(value("--event")?.clone()),
            "--accessed" => {
                let v = value("--accessed")?;
                accessed = Some(v.parse::<CivilDate>().map_err(|e| {
                    Failure::Usage(format!("--accessed: {e} (a date like 2023-05-28)"))
                })?);
            }
            "--format" => match value("--format")?.as_str() {
                "text" => html = false,
                "html" => html = true,
                other => {
                    return Err(Failure::Usage(format!(
                        "--format {other:?}: use text or html"
                    )))
                }
            },
            "--link" => deep_link = Some(value("--link")?.clone()),
            s if s.starts_with("--") => return Err(Failure::Usage(format!("unknown option {s}"))),
            s if path.is_none() => path = Some(s.to_owned()),
            s => return Err(Failure::Usage(format!("unexpected argument {s:?}"))),
        }
    }
    let path = path.ok_or_else(|| Failure::Usage("cite: no report file given".to_owned()))?;
    let style = style.ok_or_else(|| {
        let ids: Vec<&str> = StyleId::ALL.iter().map(|s| s.id()).collect();
        Failure::Usage(format!(
            "cite: --style is required; one of: {}",
            ids.join(" ")
        ))
    })?;
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Failure::Failed(format!("cannot read {path}: {e}")))?;
    let report = report_core::validate::load_report(&text)
        .map_err(|e| Failure::Failed(format!("{path}: {e}")))?;
    let event = match &event {
        None => None,
        Some(id) => Some(report.event(id).ok_or_else(|| {
            let ids: Vec<&str> = report.events.iter().map(|e| e.id.as_str()).collect();
            Failure::Failed(format!(
                "no event {id:?} in {path}; events: {}",
                ids.join(" ")
            ))
        })?),
    };
    let accessed = match accessed {
        Some(d) => d,
        None => today()?,
    };
    let c = cite(
        &report,
        event,
        style,
        &CiteOptions {
            accessed,
            deep_link,
        },
    );
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
        .map_err(|_| Failure::Failed("the system clock is before 1970; pass --accessed".into()))?
        .as_secs();
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    CivilDate::new(y as i32, m as u8, d as u8)
        .ok_or_else(|| Failure::Failed("cannot read today's date; pass --accessed".into()))
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
