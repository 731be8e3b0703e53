//! What `#[main]` expands to, checked against a mock `runtime` module
//! (`crate = "crate::mock"`) that records the `Builder` calls.

#[path = "support/mock.rs"]
mod mock;

use mock::{fail_next_build, take_calls};

#[runtime_macros::main(crate = "crate::mock")]
async fn default_flavor() -> u32 {
    std::future::ready(41).await + 1
}

#[test]
fn the_default_flavor_is_multi_thread_and_the_output_is_returned() {
    take_calls();
    assert_eq!(default_flavor(), 42);
    assert_eq!(
        take_calls(),
        ["new_multi_thread", "enable_all", "build", "block_on"]
    );
}

#[runtime_macros::main(flavor = "current_thread", crate = "crate::mock")]
async fn current_thread() {}

#[test]
fn flavor_current_thread() {
    take_calls();
    current_thread();
    assert_eq!(
        take_calls(),
        ["new_current_thread", "enable_all", "build", "block_on"]
    );
}

#[runtime_macros::main(flavor = "multi_thread", worker_threads = 4, crate = "crate::mock")]
async fn four_workers() {}

#[runtime_macros::main(worker_threads = "3", crate = "crate::mock")]
async fn three_workers_as_string() {}

#[test]
fn worker_threads_comes_before_enable_all() {
    take_calls();
    four_workers();
    assert_eq!(
        take_calls(),
        [
            "new_multi_thread",
            "worker_threads(4)",
            "enable_all",
            "build",
            "block_on"
        ]
    );
    three_workers_as_string();
    assert_eq!(
        take_calls(),
        [
            "new_multi_thread",
            "worker_threads(3)",
            "enable_all",
            "build",
            "block_on"
        ]
    );
}

#[runtime_macros::main(flavor = "current_thread", start_paused = true, crate = "crate::mock")]
async fn paused() {}

#[runtime_macros::main(flavor = "current_thread", start_paused = false, crate = "crate::mock")]
async fn not_paused() {}

#[test]
fn start_paused_is_passed_through() {
    take_calls();
    paused();
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
    not_paused();
    assert_eq!(
        take_calls(),
        [
            "new_current_thread",
            "start_paused(false)",
            "enable_all",
            "build",
            "block_on"
        ]
    );
}

#[runtime_macros::main(crate = "crate::mock")]
async fn fallible(input: ()) -> Result<u8, std::num::ParseIntError> {
    let () = input;
    let n: u8 = "7".parse()?;
    Ok(n)
}

#[runtime_macros::main(crate = "crate::mock", flavor = "current_thread")]
async fn failing() -> Result<u8, std::num::ParseIntError> {
    let n: u8 = "seven".parse()?;
    Ok(n)
}

#[test]
fn a_result_is_returned_and_question_mark_works() {
    assert_eq!(fallible(()), Ok(7));
    assert!(failing().is_err());
}

mod nested {
    /// Doc comments and attributes are kept.
    #[must_use]
    #[runtime_macros::main(crate = "crate::mock", flavor = "current_thread")]
    pub(crate) async fn visible() -> &'static str {
        "visible"
    }
}

#[test]
fn visibility_and_attributes_are_kept() {
    assert_eq!(nested::visible(), "visible");
}

#[test]
#[should_panic(expected = "Failed building the Runtime")]
fn a_build_failure_panics_with_tokios_message() {
    fail_next_build();
    current_thread();
}
