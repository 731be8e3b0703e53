//! A stand-in for the facade's `runtime` module, for `crate = "..."`: it
//! records every `Builder` call so that tests can check what `#[main]` and
//! `#[test]` expanded to, without a real runtime.

#![allow(
    dead_code,
    unreachable_pub,
    missing_docs,
    missing_debug_implementations
)]

use std::cell::{Cell, RefCell};

std::thread_local! {
    static CALLS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static FAIL_BUILD: Cell<bool> = const { Cell::new(false) };
}

fn record(call: impl Into<String>) {
    CALLS.with(|calls| calls.borrow_mut().push(call.into()));
}

/// Takes the calls recorded on this thread so far.
pub fn take_calls() -> Vec<String> {
    CALLS.with(|calls| std::mem::take(&mut *calls.borrow_mut()))
}

/// Makes the next `build()` on this thread fail.
pub fn fail_next_build() {
    FAIL_BUILD.with(|fail| fail.set(true));
}

pub mod runtime {
    use std::future::Future;
    use std::io;

    use super::{FAIL_BUILD, record};

    pub struct Builder(());

    impl Builder {
        pub fn new_current_thread() -> Builder {
            record("new_current_thread");
            Builder(())
        }

        pub fn new_multi_thread() -> Builder {
            record("new_multi_thread");
            Builder(())
        }

        pub fn worker_threads(&mut self, n: usize) -> &mut Self {
            record(format!("worker_threads({n})"));
            self
        }

        pub fn start_paused(&mut self, paused: bool) -> &mut Self {
            record(format!("start_paused({paused})"));
            self
        }

        pub fn enable_all(&mut self) -> &mut Self {
            record("enable_all");
            self
        }

        pub fn build(&mut self) -> io::Result<Runtime> {
            record("build");
            if FAIL_BUILD.with(|fail| fail.replace(false)) {
                return Err(io::Error::other("mock build failure"));
            }
            Ok(Runtime(()))
        }
    }

    pub struct Runtime(());

    impl Runtime {
        pub fn block_on<F: Future>(&self, future: F) -> F::Output {
            record("block_on");
            futures::executor::block_on(future)
        }
    }
}
