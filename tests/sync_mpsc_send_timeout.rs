//! `mpsc::Sender::send_timeout`: runtime-core's channel timing out on the
//! time driver's clock, through the driver seam.

use std::time::Duration;

use runtime::sync::mpsc::{self, error::SendTimeoutError};
use runtime::time::{self, Instant};

#[runtime::test(start_paused = true)]
async fn times_out_on_a_full_channel_and_gives_the_value_back() {
    let (tx, mut rx) = mpsc::channel(1);
    tx.send(1).await.unwrap();
    let start = Instant::now();
    let err = tx
        .send_timeout(2, Duration::from_millis(50))
        .await
        .unwrap_err();
    assert!(matches!(err, SendTimeoutError::Timeout(2)));
    assert_eq!(err.to_string(), "timed out waiting on send operation");
    // The paused clock moved exactly to the deadline.
    assert_eq!(start.elapsed(), Duration::from_millis(50));
    // Nothing was sent.
    assert_eq!(rx.recv().await, Some(1));
    assert!(rx.try_recv().is_err());
}

#[runtime::test(start_paused = true)]
async fn sends_when_a_slot_frees_before_the_deadline() {
    let (tx, mut rx) = mpsc::channel(1);
    tx.send(1).await.unwrap();
    let reader = runtime::spawn(async move {
        time::sleep(Duration::from_millis(10)).await;
        let first = rx.recv().await;
        let second = rx.recv().await;
        (first, second)
    });
    tx.send_timeout(2, Duration::from_millis(50)).await.unwrap();
    drop(tx);
    assert_eq!(reader.await.unwrap(), (Some(1), Some(2)));
}

#[runtime::test(start_paused = true)]
async fn closed_receiver_gives_the_value_back() {
    let (tx, rx) = mpsc::channel::<u32>(1);
    drop(rx);
    let err = tx
        .send_timeout(7, Duration::from_secs(1))
        .await
        .unwrap_err();
    assert!(matches!(err, SendTimeoutError::Closed(7)));
    assert_eq!(err.into_inner(), 7);
}

#[test]
fn without_the_time_driver_it_panics_naming_enable_time() {
    let rt = runtime::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let (tx, _rx) = mpsc::channel::<u32>(1);
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        rt.block_on(tx.send_timeout(1, Duration::from_secs(1)))
    }))
    .unwrap_err();
    let msg = err
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap();
    assert!(msg.contains("enable_time"), "{msg}");
}
