//! Multi-producer, single-consumer channels: [`channel`] (bounded, senders
//! wait when it is full) and [`unbounded_channel`].
//!
//! # Design
//!
//! Both flavours share `chan.rs`: a mutex-guarded queue plus the receiver's
//! waker and the closed flags. The bounded flavour adds the crate's FIFO
//! batch semaphore, one permit per free slot, so full-channel senders queue
//! fairly and a [`Permit`] is simply a held semaphore permit. `send_timeout`
//! (which needs a timer) is not provided by this crate.
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
