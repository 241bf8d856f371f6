//! The collector that validators write violations into.

use super::violation::{Verdict, Violation};

/// Errors and warnings found so far.
#[derive(Debug, Default)]
pub(crate) struct Report {
    errors: Vec<Violation>,
    warnings: Vec<Violation>,
}

impl Report {
    /// Records an error: the request must not be sent.
    pub(crate) fn error(&mut self, violation: Violation) {
        self.errors.push(violation);
    }

    /// Records a warning: the request may be sent, but looks mistaken.
    pub(crate) fn warn(&mut self, violation: Violation) {
        self.warnings.push(violation);
    }

    /// The verdict: `build` runs (and gives the request) only without errors.
    pub(crate) fn finish<T>(self, build: impl FnOnce() -> Option<T>) -> Verdict<T> {
        let request = if self.errors.is_empty() {
            build()
        } else {
            None
        };
        Verdict {
            errors: self.errors,
            warnings: self.warnings,
            request,
        }
    }
}

/// `prefix.name`, or `name` at the root.
pub(crate) fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

/// Length as JavaScript and 8x8 count it: UTF-16 code units.
pub(crate) fn length(s: &str) -> usize {
    s.encode_utf16().count()
}
