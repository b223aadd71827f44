//! # Matching (pure)
//!
//! Which asks a member is likely able to help with, and how many members of a
//! community themselves fit an ask. No I/O: callers hand in the ask's
//! criteria (the coach's [`antenna_ask::Criterion`] values) and members'
//! [`Profile`]s and circle readings.

pub mod profile;

pub use profile::*;
