//! Unit tests and loom models of the multi-thread scheduler's parts.
//!
//! The plain unit tests run under miri (`cargo +nightly miri test -p
//! runtime-core --lib runtime::scheduler::multi_thread::tests`); the
//! `loom_*` modules run under `--cfg runtime_loom`.

#[cfg(not(runtime_loom))]
mod idle;
#[cfg(not(runtime_loom))]
mod inject;
#[cfg(not(runtime_loom))]
mod metrics;
#[cfg(not(runtime_loom))]
mod park;
#[cfg(not(runtime_loom))]
mod queue;

#[cfg(runtime_loom)]
mod loom_idle;
#[cfg(runtime_loom)]
mod loom_inject;
#[cfg(runtime_loom)]
mod loom_park;
#[cfg(runtime_loom)]
mod loom_queue;
#[cfg(runtime_loom)]
mod loom_shutdown;

/// An item that counts its drops, to prove nothing leaks or drops twice.
#[derive(Debug)]
pub(super) struct Counted {
    pub(super) value: usize,
    drops: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Counted {
    pub(super) fn new(
        value: usize,
        drops: &std::sync::Arc<std::sync::atomic::AtomicUsize>,
    ) -> Self {
        Counted {
            value,
            drops: drops.clone(),
        }
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.drops.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}
