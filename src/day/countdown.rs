//! How a remaining time is written: for people (`1:29:59`; beyond a day in words, see
//! [`days_hours_minutes`]) and for machines (ISO 8601 durations such as `PT1H29M59S`, for
//! `<time datetime>`).

use chrono::TimeDelta;

const MINUTE: i64 = 60;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// A countdown as a clock shows it: `M:SS` under an hour, `H:MM:SS` beyond. The same digits
/// in all six languages (`Intl` writes them so too). Negative times read as zero.
pub fn clock_text(remaining: TimeDelta) -> String {
    let s = remaining.num_seconds().max(0);
    if s >= HOUR {
        format!("{}:{:02}:{:02}", s / HOUR, s % HOUR / MINUTE, s % MINUTE)
    } else {
        format!("{}:{:02}", s / MINUTE, s % MINUTE)
    }
}

/// Whole days, hours and minutes of a countdown of a day or more, which reads better in
/// words (`3 d 4 h 5 min`) and where seconds no longer matter; `None` under a day.
pub fn days_hours_minutes(remaining: TimeDelta) -> Option<(i64, i64, i64)> {
    let s = remaining.num_seconds();
    (s >= DAY).then_some((s / DAY, s % DAY / HOUR, s % HOUR / MINUTE))
}

/// The same duration as an HTML/ISO 8601 duration string: `PT1H29M59S`, `P2DT3H0M0S`, `PT0H0M0S`.
/// Every time component is written, so the text has one shape whatever the value.
pub fn iso_duration(remaining: TimeDelta) -> String {
    let s = remaining.num_seconds().max(0);
    let days = s / DAY;
    let time = format!("T{}H{}M{}S", s % DAY / HOUR, s % HOUR / MINUTE, s % MINUTE);
    if days > 0 {
        format!("P{days}D{time}")
    } else {
        format!("P{time}")
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn clock_text_at_each_unit_boundary() {
        let s = TimeDelta::seconds;
        assert_eq!(clock_text(s(0)), "0:00");
        assert_eq!(clock_text(s(59)), "0:59");
        assert_eq!(clock_text(s(60)), "1:00");
        assert_eq!(clock_text(s(3_599)), "59:59");
        assert_eq!(clock_text(s(3_600)), "1:00:00");
        assert_eq!(clock_text(s(5_399)), "1:29:59");
        assert_eq!(clock_text(s(86_399)), "23:59:59");
        assert_eq!(clock_text(s(-5)), "0:00");
    }

    #[test]
    fn days_hours_minutes_from_a_day_on() {
        let s = TimeDelta::seconds;
        assert_eq!(days_hours_minutes(s(86_399)), None);
        assert_eq!(days_hours_minutes(s(86_400)), Some((1, 0, 0)));
        assert_eq!(
            days_hours_minutes(s(3 * 86_400 + 4 * 3_600 + 5 * 60 + 59)),
            Some((3, 4, 5))
        );
        assert_eq!(days_hours_minutes(s(-86_400 * 2)), None);
    }

    #[test]
    fn iso_durations() {
        let s = TimeDelta::seconds;
        assert_eq!(iso_duration(s(5_399)), "PT1H29M59S");
        assert_eq!(iso_duration(s(0)), "PT0H0M0S");
        assert_eq!(iso_duration(s(59)), "PT0H0M59S");
        assert_eq!(iso_duration(s(2 * 86_400 + 3 * 3_600)), "P2DT3H0M0S");
        assert_eq!(iso_duration(s(-1)), "PT0H0M0S");
    }

    proptest! {
        #[test]
        fn iso_duration_reads_back_to_the_same_seconds(secs in 0i64..400 * 86_400) {
            let text = iso_duration(TimeDelta::seconds(secs));
            let (days, time) = text[1..].split_once('T').expect("has a time part");
            let days: i64 = if days.is_empty() { 0 } else { days.trim_end_matches('D').parse().expect("days") };
            let (h, rest) = time.split_once('H').expect("hours");
            let (m, rest) = rest.split_once('M').expect("minutes");
            let s = rest.trim_end_matches('S');
            let total = days * 86_400 + h.parse::<i64>().expect("h") * 3_600
                + m.parse::<i64>().expect("m") * 60 + s.parse::<i64>().expect("s");
            prop_assert_eq!(total, secs);
        }
    }
}
