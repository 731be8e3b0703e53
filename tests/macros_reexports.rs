//! The macros are reachable at tokio's paths: `runtime::select!`,
//! `runtime::join!`, `runtime::try_join!`, `runtime::pin!`,
//! `#[runtime::main]`, `#[runtime::test]`.

#![cfg(all(feature = "macros", feature = "rt"))]

use std::future::ready;

#[runtime::test]
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
