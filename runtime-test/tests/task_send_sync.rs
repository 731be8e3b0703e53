//! Every public type is `Send`, `Sync` and `Unpin` where tokio-test's are.

use runtime_test::io::{Builder, Handle, Mock};
use runtime_test::stream_mock::{StreamMock, StreamMockBuilder};
use runtime_test::task::Spawn;

fn send_sync_unpin<T: Send + Sync + Unpin>() {}

#[test]
fn public_types() {
    send_sync_unpin::<Builder>();
    send_sync_unpin::<Mock>();
    send_sync_unpin::<Handle>();
    send_sync_unpin::<StreamMockBuilder<u8>>();
    send_sync_unpin::<StreamMock<u8>>();
    send_sync_unpin::<Spawn<std::future::Ready<u8>>>();
}
