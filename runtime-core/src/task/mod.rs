//! Asynchronous green threads: spawning, joining, aborting, and cooperative
//! scheduling.

pub mod coop;

pub use coop::{Unconstrained, consume_budget, unconstrained};
