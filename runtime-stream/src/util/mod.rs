//! Small private primitives, one per file.
//!
//! * `rand`: a per-thread xorshift generator, for `StreamMap`'s random
//!   starting index.
//! * `boxed_future`: a `Send + Sync` boxed future, the state of the
//!   wrappers (`BroadcastStream`, `WatchStream`) whose receive futures
//!   cannot be named.

pub(crate) mod rand;

cfg_sync! {
    mod boxed_future;
    pub(crate) use boxed_future::BoxedFuture;
}
