//! The rules of the day: what is on at an instant, delays, the intervention timer, what the
//! page's address and the room's status file say, calendar files, what changed between two
//! programmes. Pure functions of the programme and an instant, tested natively; nothing
//! here touches the browser.

pub mod address;
pub mod calendar;
pub mod changes;
pub mod clock;
pub mod countdown;
pub mod intervention;
pub mod room;
pub mod timeline;
