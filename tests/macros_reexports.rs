//! The macros are reachable at tokio's paths: `runtime::select!`,
//! `runtime::join!`, `runtime::try_join!`, `runtime::pin!`,
//! `#[runtime::main]`, `#[runtime::test]`.
//!
//! Until the facade's `runtime::Builder` (with `enable_all`) exists, the
//! attributes are pointed with `crate = "..."` at runtime-core's runtime and
//! a stand-in `enable_all`.

#![cfg(all(feature = "macros", feature = "rt"))]

use std::future::ready;

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

#[runtime::test(crate = "crate::rt")]
async fn control_flow_macros_at_the_crate_root() {
    let v = runtime::select! {
        biased;
        v = ready(1) => v,
        v = ready(2) => v,
    };
    assert_eq!(v, 1);

    let (a, b) = runtime::join!(ready('a'), ready('b'));
    assert_eq!((a, b), ('a', 'b'));

    let r = runtime::try_join!(ready(Ok::<_, ()>(1)), ready(Err::<u8, ()>(())));
    assert_eq!(r, Err(()));

    let fut = ready("pinned");
    runtime::pin!(fut);
    assert_eq!(fut.await, "pinned");
}

#[runtime::main(flavor = "current_thread", crate = "crate::rt")]
async fn run() -> &'static str {
    runtime_core::task::spawn(async { "spawned" })
        .await
        .unwrap()
}

#[test]
fn main_attribute_at_the_crate_root() {
    assert_eq!(run(), "spawned");
}
