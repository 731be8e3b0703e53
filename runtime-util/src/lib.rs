//! Utilities for `runtime`, mirroring tokio-util.
//!
//! This crate will hold codecs (`Decoder`, `Encoder`, `Framed` ...), io
//! adapters, `CancellationToken`, `TaskTracker` and `DelayQueue`.
