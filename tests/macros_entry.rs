//! `#[runtime::main]` and `#[runtime::test]` expanded with the default crate
//! path, building the facade's real runtime.

#![cfg(all(feature = "macros", feature = "rt"))]

use runtime::runtime::{Handle, RuntimeFlavor};

#[runtime::test]
async fn a_test_runs_on_a_current_thread_runtime_by_default() {
    assert_eq!(
        Handle::current().runtime_flavor(),
        RuntimeFlavor::CurrentThread
    );
    let handle = runtime::spawn(async {
        runtime::task::yield_now().await;
        7
    });
    assert_eq!(handle.await.unwrap(), 7);
}

#[runtime::test(flavor = "current_thread")]
async fn an_explicit_current_thread_flavor() {
    assert_eq!(
        Handle::current().runtime_flavor(),
        RuntimeFlavor::CurrentThread
    );
}

#[runtime::test]
async fn a_test_may_return_a_result() -> Result<(), runtime::task::JoinError> {
    let v = runtime::spawn(async { "ok" }).await?;
    assert_eq!(v, "ok");
    Ok(())
}

#[runtime::test]
#[should_panic(expected = "inside the test body")]
async fn a_panicking_body_fails_the_test() {
    panic!("inside the test body");
}

#[runtime::main(flavor = "current_thread")]
async fn run(n: u32) -> u32 {
    let mut handles = Vec::new();
    for i in 0..n {
        handles.push(runtime::spawn(async move { i }));
    }
    let mut sum = 0;
    for handle in handles {
        sum += handle.await.unwrap();
    }
    sum
}

#[test]
fn main_builds_the_runtime_blocks_on_the_body_and_drops_it() {
    assert_eq!(run(5), 10);
    assert!(Handle::try_current().is_err());
}

#[runtime::main(flavor = "current_thread")]
async fn select_over_spawned_tasks() -> Vec<&'static str> {
    let mut first = runtime::spawn(async {
        runtime::task::yield_now().await;
        "first"
    });
    let mut second = runtime::spawn(std::future::pending::<&'static str>());
    let mut seen = Vec::new();
    runtime::select! {
        v = &mut first => seen.push(v.unwrap()),
        v = &mut second => seen.push(v.unwrap()),
    }
    second.abort();
    assert!(second.await.unwrap_err().is_cancelled());
    seen
}

#[test]
fn select_over_join_handles_in_main() {
    assert_eq!(select_over_spawned_tasks(), ["first"]);
}

#[cfg(feature = "rt-multi-thread")]
mod multi_thread {
    use runtime::runtime::{Handle, RuntimeFlavor};

    #[runtime::main]
    async fn default_main() -> RuntimeFlavor {
        Handle::current().runtime_flavor()
    }

    #[test]
    fn main_defaults_to_the_multi_thread_flavor() {
        assert_eq!(default_main(), RuntimeFlavor::MultiThread);
    }

    #[runtime::main(worker_threads = 2)]
    async fn two_workers() -> usize {
        Handle::current().metrics().num_workers()
    }

    #[test]
    fn worker_threads_sets_the_number_of_workers() {
        assert_eq!(two_workers(), 2);
    }

    #[runtime::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_multi_thread_test() {
        assert_eq!(
            Handle::current().runtime_flavor(),
            RuntimeFlavor::MultiThread
        );
        assert_eq!(Handle::current().metrics().num_workers(), 2);
        let on_worker = runtime::spawn(async { std::thread::current().id() })
            .await
            .unwrap();
        assert_ne!(on_worker, std::thread::current().id());
    }

    #[runtime::test(name = "named-test-runtime")]
    async fn a_named_runtime() {
        assert_eq!(Handle::current().name(), Some("named-test-runtime"));
    }

    #[runtime::test]
    async fn an_unnamed_runtime() {
        assert_eq!(Handle::current().name(), None);
    }

    #[runtime::test(flavor = "local")]
    async fn a_local_runtime_test_may_spawn_local() {
        let shared = std::rc::Rc::new(3);
        let task = runtime::task::spawn_local({
            let shared = shared.clone();
            async move { *shared + 1 }
        });
        assert_eq!(task.await.unwrap(), 4);
        assert_eq!(
            Handle::current().runtime_flavor(),
            RuntimeFlavor::CurrentThread
        );
    }
}
