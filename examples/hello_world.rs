//! The first program to read: start a runtime, spawn tasks, join them.
//!
//! Run it with `cargo run --example hello_world`.

use runtime::runtime::Builder;
use runtime::task::JoinSet;

fn main() {
    // A runtime whose tasks run on this thread. `#[runtime::main]` builds
    // one for you; here we do it by hand to show the moving parts.
    let rt = Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("failed to build the runtime");

    rt.block_on(async {
        println!("hello from the runtime");

        // Spawn a few tasks; they run concurrently with this one.
        let mut set = JoinSet::new();
        for worker in 1..=3 {
            set.spawn(async move {
                // Give the other tasks a turn, as a task waiting on I/O would.
                runtime::task::yield_now().await;
                format!("worker {worker} says hello")
            });
        }

        // Collect their greetings in the order they finish.
        while let Some(greeting) = set.join_next().await {
            println!("{}", greeting.expect("the task panicked"));
        }

        // A blocking closure runs on the blocking pool, not on this thread.
        let sum = runtime::task::spawn_blocking(|| (1..=10u32).sum::<u32>())
            .await
            .expect("the blocking task panicked");
        println!("the blocking pool added 1..=10 and got {sum}");
    });

    println!("goodbye");
}
