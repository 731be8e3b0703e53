//! The time driver of `runtime`.
//!
//! This crate will hold the hierarchical timer wheel, plugged into
//! runtime-core's driver seam, and `sleep`, `timeout`, `interval` and
//! `Instant` at tokio's paths (re-exported by the facade as `runtime::time`).
