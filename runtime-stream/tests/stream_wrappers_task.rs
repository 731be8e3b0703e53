//! `JoinSetStream`, and channel wrappers merged in a `StreamMap` while
//! tasks send, all on the current-thread runtime.

use runtime_core::runtime::{Builder, Runtime};
use runtime_core::sync::mpsc;
use runtime_core::task::{JoinSet, yield_now};
use runtime_stream::wrappers::{JoinSetStream, ReceiverStream};
use runtime_stream::{Stream, StreamExt, StreamMap, StreamNotifyClose};

fn rt() -> Runtime {
    Builder::new_current_thread().build().expect("runtime")
}

#[test]
fn join_set_stream_yields_results_as_tasks_finish() {
    rt().block_on(async {
        let mut set = JoinSet::new();
        set.spawn(async {
            for _ in 0..3 {
                yield_now().await;
            }
            "slow"
        });
        set.spawn(async { "fast" });
        let mut s = JoinSetStream::new(set);
        assert_eq!(s.size_hint(), (2, Some(2)));
        assert_eq!(s.next().await.unwrap().unwrap(), "fast");
        assert_eq!(s.size_hint(), (1, Some(1)));
        assert_eq!(s.next().await.unwrap().unwrap(), "slow");
        assert!(s.next().await.is_none());
        assert_eq!(s.size_hint(), (0, Some(0)));
    });
}

#[test]
fn join_set_stream_reports_panics_and_aborts_as_join_errors() {
    rt().block_on(async {
        let mut set: JoinSet<u8> = JoinSet::new();
        set.spawn(async { panic!("boom") });
        let mut s = JoinSetStream::from(set);
        let err = s.next().await.unwrap().unwrap_err();
        assert!(err.is_panic());

        let handle = s.as_mut().spawn(std::future::pending());
        handle.abort();
        let err = s.next().await.unwrap().unwrap_err();
        assert!(err.is_cancelled());
        assert!(s.next().await.is_none());
        assert!(s.as_ref().is_empty());
        assert!(s.into_inner().is_empty());
    });
}

#[test]
fn stream_map_merges_channels_fed_by_tasks() {
    rt().block_on(async {
        let mut map = StreamMap::new();
        for key in 0..4u32 {
            let (tx, rx) = mpsc::channel(2);
            runtime_core::task::spawn(async move {
                for i in 0..25 {
                    tx.send(key * 100 + i).await.unwrap();
                }
            });
            map.insert(key, StreamNotifyClose::new(ReceiverStream::new(rx)));
        }
        let mut per_key = vec![Vec::new(); 4];
        let mut closed = Vec::new();
        while let Some((key, item)) = map.next().await {
            match item {
                Some(value) => per_key[key as usize].push(value),
                None => closed.push(key),
            }
        }
        for (key, values) in per_key.iter().enumerate() {
            let key = key as u32;
            assert_eq!(*values, (0..25).map(|i| key * 100 + i).collect::<Vec<_>>());
        }
        closed.sort();
        assert_eq!(closed, [0, 1, 2, 3]);
        assert!(map.is_empty());
    });
}
