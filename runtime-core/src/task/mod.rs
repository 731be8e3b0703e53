//! Asynchronous green threads: spawning, joining, aborting, and cooperative
//! scheduling.

pub mod coop;

pub use coop::{consume_budget, unconstrained, Unconstrained};
