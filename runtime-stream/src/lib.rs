//! Stream utilities for `runtime`, mirroring tokio-stream 0.1.
//!
//! A [`Stream`] is the asynchronous version of an [`Iterator`]: it yields a
//! sequence of values, waiting between them. The trait itself is
//! [futures-core]'s, the one the whole ecosystem shares, so every stream
//! written against futures-core works with the adapters here and the other
//! way round.
//!
//! # What is here
//!
//! * [`StreamExt`]: the combinators (`next`, `map`, `filter`, `merge`,
//!   `collect`, and with the `time` feature `timeout`, `throttle`,
//!   `chunks_timeout` ...). Their stream types are nameable through
//!   [`adapters`].
//! * Constructors: [`iter`], [`once`], [`empty`], [`pending`].
//! * [`StreamMap`]: many keyed streams polled fairly as one, each item
//!   tagged with the key of the stream that produced it.
//! * [`StreamNotifyClose`]: a stream that says when its inner stream ended,
//!   which is handy inside a [`StreamMap`].
//! * [`wrappers`]: the runtime's channels, task sets, timers, listeners,
//!   line readers, directory listings and signals seen as streams.
//!
//! # Iterating over a stream
//!
//! Rust has no `async for` yet; the idiom is a `while let` loop over
//! [`StreamExt::next`]:
//!
//! ```
//! use runtime_stream::{self as stream, StreamExt};
//!
//! # futures::executor::block_on(async {
//! let mut stream = stream::iter(vec![0, 1, 2]);
//!
//! while let Some(value) = stream.next().await {
//!     println!("Got {}", value);
//! }
//! # });
//! ```
//!
//! # Feature flags
//!
//! | flag | enables |
//! |---|---|
//! | `time` (default) | `timeout`, `timeout_repeating`, `throttle`, `chunks_timeout`, `Elapsed`, `IntervalStream` |
//! | `net` | `TcpListenerStream`, `UnixListenerStream` |
//! | `io-util` | `LinesStream`, `SplitStream` |
//! | `sync` | `BroadcastStream`, `WatchStream` |
//! | `fs` | `ReadDirStream` |
//! | `signal` | `SignalStream` (Unix only) |
//! | `rt` | nothing more (accepted for tokio-stream compatibility) |
//! | `full` | all of the above |
//!
//! `ReceiverStream`, `UnboundedReceiverStream` and `JoinSetStream` need no
//! feature: runtime-core always has channels and tasks. For the same
//! reason `iter`, `once` and `empty` always take part in cooperative
//! scheduling, as tokio-stream does with its `rt` feature.
//!
//! [futures-core]: https://docs.rs/futures-core

#![cfg_attr(docsrs, feature(doc_cfg))]

#[macro_use]
mod macros;

mod util;

pub mod wrappers;

mod stream_ext;
pub use stream_ext::{FromStream, StreamExt};

/// The stream types returned by the [`StreamExt`] adapters.
///
/// You rarely need to name them; they are here for struct fields and
/// function signatures.
pub mod adapters {
    pub use crate::stream_ext::{
        Chain, Filter, FilterMap, Fuse, Map, MapWhile, Merge, Peekable, Skip, SkipWhile, Take,
        TakeWhile, Then,
    };
    cfg_time! {
        pub use crate::stream_ext::{ChunksTimeout, Throttle, Timeout, TimeoutRepeating};
    }
}

cfg_time! {
    pub use stream_ext::Elapsed;

    /// The old path of [`adapters::Timeout`], kept for code written against
    /// early tokio-stream releases.
    #[deprecated = "Import those symbols from adapters instead"]
    #[doc(hidden)]
    pub use stream_ext::Timeout;
}

mod empty;
pub use empty::{Empty, empty};

mod iter;
pub use iter::{Iter, iter};

mod once;
pub use once::{Once, once};

mod pending;
pub use pending::{Pending, pending};

mod stream_map;
pub use stream_map::StreamMap;

mod stream_close;
pub use stream_close::StreamNotifyClose;

#[doc(no_inline)]
pub use futures_core::Stream;
