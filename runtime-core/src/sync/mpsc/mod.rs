//! Multi-producer, single-consumer channels: [`channel`] (bounded, senders
//! wait when it is full) and [`unbounded_channel`].
//!
//! # Design
//!
//! Both flavours share `chan.rs`: a mutex-guarded queue plus the receiver's
//! waker and the closed flags. The bounded flavour adds the crate's FIFO
//! batch semaphore, one permit per free slot, so full-channel senders queue
//! fairly and a [`Permit`] is simply a held semaphore permit.
//! `Sender::send_timeout` needs a timer, which this crate does not have: it
//! borrows the time driver's through the driver seam
//! (`runtime::driver::TimerHandle`).
//!
//! Dropping the receiver closes the channel and drops the values still
//! queued. Dropping the last [`Sender`] ends the stream once the queue is
//! drained; a [`WeakSender`] does not keep it open.
//!
//! # Examples
//!
//! ```
//! use runtime_core::sync::mpsc;
//!
//! # futures::executor::block_on(async {
//! let (tx, mut rx) = mpsc::channel(16);
//! for i in 0..4 {
//!     let tx = tx.clone();
//!     std::thread::spawn(move || tx.blocking_send(i).unwrap());
//! }
//! drop(tx);
//! let mut got = Vec::new();
//! while let Some(v) = rx.recv().await {
//!     got.push(v);
//! }
//! got.sort();
//! assert_eq!(got, [0, 1, 2, 3]);
//! # });
//! ```

mod bounded;
mod chan;
pub mod error;
mod unbounded;

pub use bounded::{OwnedPermit, Permit, PermitIterator, Receiver, Sender, WeakSender, channel};
pub use unbounded::{UnboundedReceiver, UnboundedSender, WeakUnboundedSender, unbounded_channel};

#[cfg(all(test, runtime_loom))]
mod loom_mpsc {
    use super::*;
    use crate::loom::thread;

    #[test]
    fn bounded_send_recv_then_end() {
        loom::model(|| {
            let (tx, mut rx) = channel(1);
            let th = thread::spawn(move || {
                loom::future::block_on(async {
                    tx.send(1).await.unwrap();
                    tx.send(2).await.unwrap();
                });
            });
            loom::future::block_on(async {
                assert_eq!(rx.recv().await, Some(1));
                assert_eq!(rx.recv().await, Some(2));
                assert_eq!(rx.recv().await, None);
            });
            th.join().unwrap();
        });
    }

    #[test]
    fn close_races_send() {
        loom::model(|| {
            let (tx, mut rx) = channel(1);
            let th = thread::spawn(move || loom::future::block_on(tx.send(7)));
            rx.close();
            let got = loom::future::block_on(rx.recv());
            let sent = th.join().unwrap();
            match got {
                Some(v) => {
                    assert_eq!(v, 7);
                    assert!(sent.is_ok());
                }
                None => assert_eq!(sent.unwrap_err().0, 7),
            }
        });
    }

    #[test]
    fn unbounded_sender_drop_ends_stream() {
        loom::model(|| {
            let (tx, mut rx) = unbounded_channel();
            let th = thread::spawn(move || {
                tx.send(1).unwrap();
                drop(tx);
            });
            loom::future::block_on(async {
                assert_eq!(rx.recv().await, Some(1));
                assert_eq!(rx.recv().await, None);
            });
            th.join().unwrap();
        });
    }
}
