//! Stream utilities for `runtime`, mirroring tokio-stream.
//!
//! This crate will hold `StreamExt` and its combinators, `StreamMap`, and
//! wrappers that turn runtime's channels, timers and listeners into streams.
