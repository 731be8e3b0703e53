//! `#[main]` and `#[test]` running their bodies on runtime-core's real
//! current-thread runtime, through `crate = "crate::rt"`. The shim module
//! re-exports core's `runtime` module; `enable_all` (which the facade's
//! builder adds, installing the drivers) comes from a trait here, as core
//! has no drivers to enable.

use runtime_core::runtime::{Handle, RuntimeFlavor};
use runtime_core::task;

use rt::EnableAll as _;

#[allow(unreachable_pub)]
mod rt {
    pub mod runtime {
        pub use runtime_core::runtime::*;
    }

    /// Stands in for the facade builder's `enable_all`.
    pub trait EnableAll {
        fn enable_all(&mut self) -> &mut Self;
    }

    impl EnableAll for runtime_core::runtime::Builder {
        fn enable_all(&mut self) -> &mut Self {
            self
        }
    }
}

#[runtime_macros::test(crate = "crate::rt")]
async fn the_body_runs_on_a_current_thread_runtime() {
    assert_eq!(
        Handle::current().runtime_flavor(),
        RuntimeFlavor::CurrentThread
    );
    let handle = task::spawn(async {
        task::yield_now().await;
        5
    });
    assert_eq!(handle.await.unwrap(), 5);
}

#[runtime_macros::test(crate = "crate::rt", start_paused = false)]
async fn a_test_returning_a_result() -> Result<(), task::JoinError> {
    let value = task::spawn(async { "ok" }).await?;
    assert_eq!(value, "ok");
    Ok(())
}

#[runtime_macros::main(crate = "crate::rt", flavor = "current_thread")]
async fn run(n: u32) -> u32 {
    let handles: Vec<_> = (0..n).map(|i| task::spawn(async move { i * 2 })).collect();
    let mut sum = 0;
    for handle in handles {
        sum += handle.await.unwrap();
    }
    sum
}

#[test]
fn main_builds_a_runtime_runs_the_body_and_drops_the_runtime() {
    assert_eq!(run(10), 90);
    // The runtime is gone once the function returns.
    assert!(Handle::try_current().is_err());
}

#[test]
#[should_panic(expected = "Cannot start a runtime from within a runtime")]
fn main_inside_a_runtime_panics_like_block_on() {
    runtime_core::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(async {
            run(1);
        });
}
