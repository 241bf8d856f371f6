//! Native unit tests of the client core against recorded answers.

mod official;
mod recorded;
mod retry;
mod transport;
