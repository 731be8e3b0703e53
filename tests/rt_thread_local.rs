//! A runtime with every driver, kept in a thread-local, is shut down when
//! the thread exits, while thread-locals are being destroyed, cleanly.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use runtime::runtime::{Builder, Runtime};

thread_local! {
    static RT: RefCell<Option<Runtime>> = const { RefCell::new(None) };
}

/// Records that it was dropped (by the runtime's shutdown).
struct Flag(Arc<AtomicBool>);

impl Drop for Flag {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

#[test]
fn runtime_in_a_thread_local_shuts_down_at_thread_exit() {
    for multi_thread in [false, true] {
        let dropped = Arc::new(AtomicBool::new(false));
        let flag = Flag(dropped.clone());
        std::thread::spawn(move || {
            // The thread-local is set up before the runtime touches its own,
            // so it is destroyed after them: the runtime's drop finds them
            // gone.
            RT.with(|cell| {
                let rt = if multi_thread {
                    Builder::new_multi_thread()
                        .worker_threads(1)
                        .enable_all()
                        .build()
                } else {
                    Builder::new_current_thread().enable_all().build()
                }
                .unwrap();
                // A task pending on a timer when the runtime goes: shutdown
                // drops it, and with it the timer registration.
                rt.spawn(async move {
                    let _flag = flag;
                    runtime::time::sleep(std::time::Duration::from_secs(3600)).await;
                });
                rt.block_on(runtime::task::yield_now());
                *cell.borrow_mut() = Some(rt);
            });
            let _other = Builder::new_current_thread().enable_all().build().unwrap();
        })
        .join()
        .unwrap();
        assert!(
            dropped.load(Ordering::SeqCst),
            "multi_thread: {multi_thread}"
        );
    }
}
