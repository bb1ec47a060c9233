//! Processes and changes over time: data and logic the UI only shows.

pub mod diff;
pub mod flow;
