//! A problem found in the dataset, located precisely enough for a maintainer to fix it.

use std::fmt;

/// One thing wrong with the data: which file, where in it, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// File name as listed in the manifest (or `manifest.json`).
    pub file: String,
    /// JSON path of the offending value, e.g. `$.nodes[3].sources[0].url`; for malformed JSON,
    /// `line L, column C`.
    pub place: String,
    pub message: String,
}

impl Problem {
    pub fn new(
        file: impl Into<String>,
        place: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            place: place.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.place, self.message)
    }
}
