//! Wrappers that turn the runtime's channels, timers, listeners and line
//! readers into [`Stream`](crate::Stream)s.
//!
//! Each wrapper owns the thing it wraps, gives it back with `into_inner`,
//! and lends it out through `AsRef`/`AsMut`, so the wrapped type's own
//! methods stay reachable. Each is gated behind the feature of what it
//! wraps, as in tokio-stream.
