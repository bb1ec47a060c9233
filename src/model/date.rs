//! Dates as the dataset writes them: a year, a year and month, or a full day.
//!
//! Sources often give only "2014" or "July 2025", and the map must not pretend to know more.
//! A [`PartialDate`] keeps the precision it was written with; for comparisons (the time slider,
//! `until` after `since`) it stands for the first day of the period it names.

use std::borrow::Cow;
use std::fmt;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub const fn ymd(year: u16, month: u8, day: u8) -> Self {
        Self {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// The first day of the period, as a sortable key.
    pub fn start(&self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Days since 1970-01-01 of the period's first day (negative before).
    pub fn to_days(&self) -> i64 {
        let (y, m, d) = self.start();
        // Howard Hinnant's days_from_civil.
        let y = i64::from(y) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The full date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Self::ymd(y.clamp(1000, 9999) as u16, m as u8, d as u8)
    }

    /// True when the date names a single day.
    pub fn is_full(&self) -> bool {
        self.day.is_some()
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("\"{text}\" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
        let parts: Vec<&str> = text.split('-').collect();
        let num = |s: &str, len: usize| -> Option<u16> {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let year = parts.first().and_then(|y| num(y, 4)).ok_or_else(bad)?;
        let month = match parts.get(1) {
            None => None,
            Some(m) => Some(num(m, 2).filter(|m| (1..=12).contains(m)).ok_or_else(bad)? as u8),
        };
        let day = match parts.get(2) {
            None => None,
            Some(d) => {
                let d = num(d, 2).ok_or_else(bad)? as u8;
                let m = month.unwrap_or(1);
                if d == 0 || d > days_in_month(year, m) {
                    return Err(format!("\"{text}\" is not a day of the calendar"));
                }
                Some(d)
            }
        };
        if parts.len() > 3 || year < 1000 {
            return Err(bad());
        }
        Ok(Self { year, month, day })
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
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
        let text = Cow::<str>::deserialize(d)?;
        PartialDate::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
            "description": "YYYY, YYYY-MM or YYYY-MM-DD"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_all_three_precisions() {
        assert_eq!(PartialDate::parse("2014").unwrap().to_string(), "2014");
        assert_eq!(
            PartialDate::parse("2025-07").unwrap().to_string(),
            "2025-07"
        );
        assert_eq!(
            PartialDate::parse("2025-07-01").unwrap(),
            PartialDate::ymd(2025, 7, 1)
        );
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for bad in [
            "",
            "25",
            "2025-7",
            "2025-13",
            "2025-02-30",
            "2025-07-01-01",
            "July 2025",
            "2023-02-29",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad} should be rejected");
        }
        assert!(PartialDate::parse("2024-02-29").is_ok());
    }

    #[test]
    fn days_round_trip_through_the_calendar() {
        assert_eq!(PartialDate::ymd(1970, 1, 1).to_days(), 0);
        assert_eq!(PartialDate::ymd(2025, 7, 1).to_days(), 20_270);
        for days in (-20_000..40_000).step_by(97) {
            let d = PartialDate::from_days(days);
            assert_eq!(d.to_days(), days, "{d}");
        }
        assert_eq!(
            PartialDate::parse("2024-03").unwrap().to_days(),
            PartialDate::ymd(2024, 3, 1).to_days()
        );
    }

    #[test]
    fn a_partial_date_stands_for_the_start_of_its_period() {
        let y = PartialDate::parse("2025").unwrap();
        let d = PartialDate::parse("2025-01-01").unwrap();
        assert_eq!(y.start(), d.start());
        assert!(PartialDate::parse("2024-12-31").unwrap().start() < y.start());
    }
}
