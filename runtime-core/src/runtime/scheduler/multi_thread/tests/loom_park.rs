//! Loom model of worker parking: an unpark is never lost, whether the
//! worker sleeps on the shared driver or on its own condvar.

use crate::loom::thread;
use crate::runtime::driver::ParkThread;
use crate::runtime::scheduler::multi_thread::park::{Parker, SharedDriver};

#[test]
fn loom_unpark_reaches_driver_and_condvar_sleepers() {
    crate::loom::model(|| {
        let shared = SharedDriver::new(Box::new(ParkThread::new()));
        let mut first = Parker::new(shared.clone());
        let mut second = Parker::new(shared);
        let (a, b) = (first.unparker(), second.unparker());

        let waker = thread::spawn(move || {
            a.unpark();
            b.unpark();
        });
        let other = thread::spawn(move || second.park());
        // Both must return: one of them may hold the driver, the other
        // sleeps on its condvar.
        first.park();
        other.join().unwrap();
        waker.join().unwrap();
    });
}
