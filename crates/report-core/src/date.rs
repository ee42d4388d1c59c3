//! Civil dates without a clock or time zone: ISO 8601 partial dates (`YYYY`, `YYYY-MM`,
//! `YYYY-MM-DD`) and full dates, parsed, ordered and written in words ("March 2008").

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub expected: &'static str,
    pub found: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {}, found {:?}", self.expected, self.found)
    }
}

impl std::error::Error for DateError {}

const PARTIAL_EXPECTED: &str = "YYYY, YYYY-MM or YYYY-MM-DD";
const FULL_EXPECTED: &str = "a date YYYY-MM-DD";

/// Number of days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// A date known to the year, the month or the day. Orders chronologically, and a less precise
/// date sorts before the more precise dates inside it ("2008" < "2008-01" < "2008-01-05").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    /// 1–12, or none for a year-precision date.
    pub month: Option<u8>,
    /// 1–31, only with a month.
    pub day: Option<u8>,
}

/// How precise a [`PartialDate`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    pub fn month(year: i32, month: u8) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: None,
        }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// The date in words at its own precision: "2008", "March 2008", "5 March 2008".
    pub fn in_words(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[usize::from(m - 1)], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[usize::from(m - 1)], self.year),
            _ => self.year.to_string(),
        }
    }

    /// The month this date falls in, if it is known to the month.
    pub fn year_month(&self) -> Option<YearMonth> {
        self.month.map(|month| YearMonth {
            year: self.year,
            month,
        })
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || DateError {
            expected: PARTIAL_EXPECTED,
            found: s.to_owned(),
        };
        let mut parts = s.split('-');
        let year = parts
            .next()
            .filter(|y| y.len() == 4)
            .and_then(digits)
            .ok_or_else(err)?;
        let month = match parts.next() {
            None => None,
            Some(m) => Some(
                two_digits(m)
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(err)?,
            ),
        };
        let day = match parts.next() {
            None => None,
            Some(d) => {
                let month = month.ok_or_else(err)?;
                let d = two_digits(d).ok_or_else(err)?;
                if d == 0 || d > days_in_month(year as i32, month) {
                    return Err(err());
                }
                Some(d)
            }
        };
        if parts.next().is_some() {
            return Err(err());
        }
        Ok(PartialDate {
            year: year as i32,
            month,
            day,
        })
    }
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn two_digits(s: &str) -> Option<u8> {
    if s.len() != 2 {
        return None;
    }
    digits(s).map(|n| n as u8)
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A calendar month, e.g. 2008-03. Orders chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: i32,
    pub month: u8,
}

impl YearMonth {
    /// "March 2008".
    pub fn in_words(&self) -> String {
        format!("{} {}", MONTHS[usize::from(self.month - 1)], self.year)
    }

    /// The month after this one.
    pub fn next(&self) -> YearMonth {
        if self.month == 12 {
            YearMonth {
                year: self.year + 1,
                month: 1,
            }
        } else {
            YearMonth {
                year: self.year,
                month: self.month + 1,
            }
        }
    }
}

impl FromStr for YearMonth {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.parse::<PartialDate>() {
            Ok(PartialDate {
                year,
                month: Some(month),
                day: None,
            }) => Ok(YearMonth { year, month }),
            _ => Err(DateError {
                expected: "a month YYYY-MM",
                found: s.to_owned(),
            }),
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// A full civil date (no time, no zone). "Today" is always passed in by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CivilDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl CivilDate {
    /// Checked constructor.
    pub fn new(year: i32, month: u8, day: u8) -> Option<CivilDate> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(CivilDate { year, month, day })
    }

    pub fn month_name(&self) -> &'static str {
        MONTHS[usize::from(self.month - 1)]
    }

    /// "30 April 2009".
    pub fn day_month_year(&self) -> String {
        format!("{} {} {}", self.day, self.month_name(), self.year)
    }

    /// "April 30, 2009".
    pub fn month_day_year(&self) -> String {
        format!("{} {}, {}", self.month_name(), self.day, self.year)
    }
}

impl FromStr for CivilDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.parse::<PartialDate>() {
            Ok(PartialDate {
                year,
                month: Some(month),
                day: Some(day),
            }) => Ok(CivilDate { year, month, day }),
            _ => Err(DateError {
                expected: FULL_EXPECTED,
                found: s.to_owned(),
            }),
        }
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for CivilDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CivilDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<&str>) {
        let parsed = input.parse::<PartialDate>().ok().map(|d| d.in_words());
        assert_eq!(parsed.as_deref(), expected, "input {input:?}");
    }

    #[test]
    fn partial_dates_parse_at_their_own_precision() {
        check("2008", Some("2008"));
        check("2008-03", Some("March 2008"));
        check("2008-03-05", Some("5 March 2008"));
        check("2008-02-29", Some("29 February 2008"));
    }

    #[test]
    fn malformed_partial_dates_are_refused() {
        for bad in [
            "March",
            "08",
            "2008-3",
            "2008-13",
            "2008-00",
            "2009-02-29",
            "2008-03-05-01",
            "",
            "2008-",
            "+008",
            "2008-04-31",
        ] {
            check(bad, None);
        }
    }

    #[test]
    fn less_precise_dates_sort_first_within_their_span() {
        let mut v: Vec<PartialDate> = ["2008-03", "2008", "2007-12", "2008-03-01", "2008-01"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        v.sort();
        let out: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(out, ["2007-12", "2008", "2008-01", "2008-03", "2008-03-01"]);
    }

    #[test]
    fn display_round_trips() {
        for s in ["2008", "2008-03", "2008-03-05", "0999-01"] {
            assert_eq!(s.parse::<PartialDate>().unwrap().to_string(), s);
        }
        assert_eq!(
            "2009-04-30".parse::<CivilDate>().unwrap().day_month_year(),
            "30 April 2009"
        );
        assert!("2009-04".parse::<CivilDate>().is_err());
        assert!(CivilDate::new(2023, 2, 29).is_none());
    }
}
