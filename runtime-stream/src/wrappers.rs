//! Wrappers that turn the runtime's channels, timers, listeners, line
//! readers, directory listings and signals into [`Stream`](crate::Stream)s.
//!
//! Each wrapper owns the thing it wraps, gives it back with `into_inner`,
//! and lends it out through `AsRef`/`AsMut`, so the wrapped type's own
//! methods stay reachable. Each is gated behind the feature of what it
//! wraps, as in tokio-stream: the `mpsc` receivers and `JoinSetStream` are
//! always available (runtime-core always has channels and tasks),
//! `BroadcastStream` and `WatchStream` need `sync`, `IntervalStream` needs
//! `time`, the listeners need `net`, `LinesStream`/`SplitStream` need
//! `io-util`, `ReadDirStream` needs `fs`, and `SignalStream` needs `signal`
//! (and Unix).

/// Errors yielded by the wrappers.
pub mod errors {
    cfg_sync! {
        pub use super::broadcast::BroadcastStreamRecvError;
    }
}

mod mpsc_bounded;
pub use mpsc_bounded::ReceiverStream;

mod mpsc_unbounded;
pub use mpsc_unbounded::UnboundedReceiverStream;

mod join_set;
pub use join_set::JoinSetStream;

cfg_sync! {
    mod broadcast;
    pub use broadcast::BroadcastStream;

    mod watch;
    pub use watch::WatchStream;
}

cfg_time! {
    mod interval;
    pub use interval::IntervalStream;
}

cfg_net! {
    mod tcp_listener;
    pub use tcp_listener::TcpListenerStream;
}

cfg_net_unix! {
    mod unix_listener;
    pub use unix_listener::UnixListenerStream;
}

cfg_io_util! {
    mod lines;
    pub use lines::LinesStream;

    mod split;
    pub use split::SplitStream;
}

cfg_fs! {
    mod read_dir;
    pub use read_dir::ReadDirStream;
}

cfg_signal_unix! {
    mod signal_unix;
    pub use signal_unix::SignalStream;
}
