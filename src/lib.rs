//! `runtime`: an asynchronous runtime for Rust.
//!
//! The facade: re-exports of runtime-core and its satellites at tokio 1.x's
//! paths, behind tokio's feature flags.
