//! Utilities for `runtime`, mirroring tokio-util 0.7.
//!
//! * `codec` (feature `codec`): `Decoder` and
//!   `Encoder`, the framing types
//!   `Framed`, `FramedRead` and
//!   `FramedWrite`, and ready-made codecs for bytes,
//!   lines, delimited chunks and length-prefixed frames.
//! * `io` (feature `io`): adapters between byte streams and
//!   streams/sinks of buffers (`ReaderStream`,
//!   `StreamReader`, `SinkWriter`,
//!   `CopyToBytes`), and readers/writers that observe the
//!   bytes passing through them.
//! * `compat` (feature `compat`): `Compat`, which adapts between runtime's
//!   I/O traits and those of `futures-io`.
//! * [`sync`] (always available): `CancellationToken`, `DropGuard`,
//!   `PollSemaphore`, `PollSender` and `ReusableBoxFuture`.
//! * [`either`] (always available): `Either`, one of two futures, streams,
//!   sinks or I/O objects as one type.
//! * [`future`] (always available): `FutureExt`, timeouts (feature `time`)
//!   and cancellation as methods on any future.
//! * `net` (feature `net`): the `Listener` trait over TCP and Unix
//!   listeners.
//! * `task` (feature `rt`): `TaskTracker`, to wait for a group of tasks
//!   at shutdown; `JoinQueue`, tasks joined in spawn order; and with the
//!   `join-map` feature, `JoinMap`, tasks stored and joined under keys.
//! * `task::LocalPoolHandle` (feature `rt`): a pool of threads that run
//!   `!Send` futures.
//! * `context` (feature `rt`): `TokioContext` and `RuntimeExt`, to poll a
//!   future inside another runtime's context.
//! * `time` (feature `time`): `DelayQueue`, a queue of values that come
//!   out when their deadline passes.
//! * `udp` (features `net` and `codec`): `UdpFramed`, a codec over a UDP
//!   socket.
//!
//! Item paths are those of tokio-util (`runtime_util::codec::LinesCodec`
//! for `tokio_util::codec::LinesCodec`).
//!
//! The crate depends on `runtime-core` for the I/O traits only; with just
//! the `codec` feature it needs nothing else but `bytes`, `futures-core` and
//! `futures-sink`, so codecs can be written and tested without a runtime.
//!
//! # Feature flags
//!
//! | feature   | enables |
//! |-----------|---------|
//! | `codec`   | the `codec` module |
//! | `io`      | the `io` module |
//! | `io-util` | `io` plus `SyncIoBridge`, blocking `std::io` over async objects |
//! | `compat`  | the `compat` module |
//! | `rt`      | the `task` and `context` modules |
//! | `join-map` | `rt` plus `task::JoinMap` |
//! | `time`    | the `time` module (`DelayQueue`), `FutureExt::timeout` |
//! | `net`     | the `net` module; with `codec`, the `udp` module (`UdpFramed`) |
//! | `full`    | everything |

#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "codec")]
#[cfg_attr(docsrs, doc(cfg(feature = "codec")))]
pub mod codec;

#[cfg(feature = "io")]
#[cfg_attr(docsrs, doc(cfg(feature = "io")))]
pub mod io;

#[cfg(feature = "time")]
#[cfg_attr(docsrs, doc(cfg(feature = "time")))]
pub mod time;

#[cfg(feature = "compat")]
#[cfg_attr(docsrs, doc(cfg(feature = "compat")))]
pub mod compat;

pub mod sync;

pub mod either;

pub mod future;

#[cfg(feature = "net")]
#[cfg_attr(docsrs, doc(cfg(feature = "net")))]
pub mod net;

#[cfg(feature = "rt")]
#[cfg_attr(docsrs, doc(cfg(feature = "rt")))]
pub mod task;

#[cfg(feature = "rt")]
#[cfg_attr(docsrs, doc(cfg(feature = "rt")))]
pub mod context;

#[cfg(all(feature = "net", feature = "codec"))]
#[cfg_attr(docsrs, doc(cfg(all(feature = "net", feature = "codec"))))]
pub mod udp;

#[cfg(any(feature = "codec", feature = "io"))]
mod util;
