//! `block_in_place`: run blocking code on a worker thread without starving
//! the other tasks of that worker.

/// Runs the provided blocking function on the current thread without
/// blocking the executor.
///
/// On a worker thread of a multi-thread runtime, the worker first hands its
/// queue of tasks (and its share of driving I/O and timers) to a new
/// thread, so that the other tasks keep running while `f` blocks this one;
/// when `f` returns, the current task goes on as before, taking the worker
/// back if no other thread has picked it up. Prefer
/// [`spawn_blocking`](crate::task::spawn_blocking) when the blocking code
/// does not need to borrow from the task: it costs less.
///
/// Inside `f` the thread no longer counts as driving the runtime, so it may
/// call [`Handle::block_on`](crate::runtime::Handle::block_on). Called
/// outside any runtime, `block_in_place` simply runs `f`.
///
/// Everything else the calling task does concurrently (for instance other
/// branches of a `select!` or `join!` around this call) is suspended until
/// `f` returns.
///
/// # Panics
///
/// Panics when called from a [current-thread](crate::runtime::Builder::new_current_thread)
/// runtime (or a `LocalSet`), which has no other thread to hand its tasks
/// to.
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::Builder;
/// use runtime_core::task;
///
/// let rt = Builder::new_multi_thread().worker_threads(1).build().unwrap();
/// let sum = rt.block_on(rt.spawn(async {
///     // Blocks this thread; the worker's other tasks move to a new thread.
///     task::block_in_place(|| (1..=10u64).sum::<u64>())
/// }));
/// assert_eq!(sum.unwrap(), 55);
/// ```
#[track_caller]
pub fn block_in_place<F, R>(f: F) -> R
where
    F: FnOnce() -> R,
{
    crate::runtime::scheduler::multi_thread::block_in_place(f)
}
