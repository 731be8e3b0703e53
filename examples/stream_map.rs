//! Merging a changing set of streams with `StreamMap`.
//!
//! Three sensor tasks send readings on their own channels, each at its own
//! pace. A `StreamMap` merges the channels into one stream of
//! `(sensor, reading)` pairs, so the main task handles every reading in
//! one loop, whichever sensor it came from.
//!
//! Each channel is wrapped in `StreamNotifyClose`, which turns the end of a
//! stream into a final `None`: without it, the map would drop a finished
//! sensor silently. Halfway through, the main task also removes one sensor
//! from the map by hand; dropping its receiver makes that sensor's next
//! `send` fail, and the sensor task stops.
//!
//! Run it with:
//!
//! ```text
//! cargo run --example stream_map --features full
//! ```

use std::time::Duration;

use runtime::sync::mpsc;
use runtime_stream::wrappers::ReceiverStream;
use runtime_stream::{StreamExt, StreamMap, StreamNotifyClose};

/// A sensor: sends `count` readings, one every `period`, then hangs up.
async fn sensor(tx: mpsc::Sender<u32>, period: Duration, count: u32) {
    for reading in 1..=count {
        runtime::time::sleep(period).await;
        if tx.send(reading).await.is_err() {
            // The receiver is gone: nobody listens any more.
            return;
        }
    }
}

#[runtime::main]
async fn main() {
    let sensors = [
        ("thermometer", Duration::from_millis(10), 3),
        ("barometer", Duration::from_millis(25), 10),
        ("hygrometer", Duration::from_millis(40), 2),
    ];

    let mut map = StreamMap::new();
    for (name, period, count) in sensors {
        let (tx, rx) = mpsc::channel(8);
        runtime::spawn(sensor(tx, period, count));
        // The key tells the readings apart; the value is any `Stream`.
        map.insert(name, StreamNotifyClose::new(ReceiverStream::new(rx)));
    }

    let mut barometer_readings = 0;
    while let Some((name, reading)) = map.next().await {
        match reading {
            Some(value) => println!("{name:>12}: reading #{value}"),
            None => println!("{name:>12}: finished"),
        }

        if name == "barometer" && reading.is_some() {
            barometer_readings += 1;
            if barometer_readings == 3 {
                // Enough from this one: removing it drops its receiver.
                map.remove("barometer");
                println!("{name:>12}: removed after 3 readings");
            }
        }
    }

    println!("every sensor is done; the map is empty: {}", map.is_empty());
}
