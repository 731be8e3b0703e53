//! `PollSender::send_item` without a reserved slot panics at the caller's
//! line (`#[track_caller]`), as tokio-util's.

use std::panic;
use std::sync::{Arc, Mutex};

use runtime_core::sync::mpsc::channel;
use runtime_util::sync::PollSender;

#[test]
fn send_item_without_a_reservation_points_at_the_caller() {
    let seen = Arc::new(Mutex::new(None));
    let s = seen.clone();
    let prev = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        *s.lock().unwrap() = info.location().map(|l| l.file().to_string());
    }));
    let result = panic::catch_unwind(|| {
        let (tx, _rx) = channel::<u32>(3);
        let mut tx = PollSender::new(tx);
        let _ = tx.send_item(42);
    });
    panic::set_hook(prev);
    assert!(result.is_err());
    assert_eq!(seen.lock().unwrap().as_deref(), Some(file!()));
}
