//! The I/O driver of `runtime` and its sockets.
//!
//! This crate will hold the mio-based reactor, plugged into runtime-core's
//! driver seam, and the TCP, UDP and Unix socket types at tokio's paths
//! (re-exported by the facade as `runtime::net`).
