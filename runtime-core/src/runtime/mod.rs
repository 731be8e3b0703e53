//! The runtime: schedulers, the blocking pool, and the driver seam.

pub mod driver;
mod park;
