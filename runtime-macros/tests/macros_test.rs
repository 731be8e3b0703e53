//! What `#[test]` expands to, checked against a mock `runtime` module
//! (`crate = "crate::mock"`) that records the `Builder` calls. The body runs
//! inside `block_on`, after the runtime was built, so it can check the
//! calls itself.

#[path = "support/mock.rs"]
mod mock;

use mock::take_calls;

#[runtime_macros::test(crate = "crate::mock")]
async fn the_default_flavor_is_current_thread() {
    assert_eq!(
        take_calls(),
        ["new_current_thread", "enable_all", "build", "block_on"]
    );
}

#[runtime_macros::test(flavor = "multi_thread", worker_threads = 2, crate = "crate::mock")]
async fn multi_thread_with_workers() {
    assert_eq!(
        take_calls(),
        [
            "new_multi_thread",
            "worker_threads(2)",
            "enable_all",
            "build",
            "block_on"
        ]
    );
}

#[runtime_macros::test(flavor = "multi_thread", crate = "crate::mock")]
async fn multi_thread_with_default_workers() {
    assert_eq!(
        take_calls(),
        ["new_multi_thread", "enable_all", "build", "block_on"]
    );
}

#[runtime_macros::test(start_paused = true, crate = "crate::mock")]
async fn start_paused() {
    assert_eq!(
        take_calls(),
        [
            "new_current_thread",
            "start_paused(true)",
            "enable_all",
            "build",
            "block_on"
        ]
    );
}

#[runtime_macros::test(crate = "crate::mock", Flavor = "current_thread")]
async fn option_names_are_case_insensitive_as_in_tokio() {
    assert_eq!(take_calls()[0], "new_current_thread");
}

#[runtime_macros::test(crate = "crate::mock")]
async fn a_test_may_return_a_result() -> Result<(), std::num::ParseIntError> {
    let n: u8 = "5".parse()?;
    assert_eq!(n, 5);
    Ok(())
}

#[runtime_macros::test(crate = "crate::mock")]
#[should_panic(expected = "the body ran")]
async fn attributes_after_the_macro_are_kept() {
    std::future::ready(()).await;
    panic!("the body ran");
}

/// Doc comments are kept.
#[should_panic(expected = "before the macro too")]
#[runtime_macros::test(crate = "crate::mock")]
async fn attributes_before_the_macro_are_kept() {
    panic!("before the macro too");
}

#[runtime_macros::test(crate = "crate::mock")]
async fn inner_attributes_are_kept() {
    #![allow(unused_variables)]
    let unused = 1;
}

#[runtime_macros::test(crate = "crate::mock")]
async fn the_body_is_awaited_to_completion() {
    let (tx, rx) = futures::channel::oneshot::channel();
    let sender = async move {
        std::future::ready(()).await;
        tx.send(9).unwrap();
    };
    let (_, got) = futures::join!(sender, rx);
    assert_eq!(got, Ok(9));
}
