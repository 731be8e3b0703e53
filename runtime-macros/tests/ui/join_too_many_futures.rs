async fn run() {
    let _ = runtime_core::join!(async { 0 }, async { 1 }, async { 2 }, async { 3 }, async { 4 }, async { 5 }, async { 6 }, async { 7 }, async { 8 }, async { 9 }, async { 10 }, async { 11 }, async { 12 }, async { 13 }, async { 14 }, async { 15 }, async { 16 }, async { 17 }, async { 18 }, async { 19 }, async { 20 }, async { 21 }, async { 22 }, async { 23 }, async { 24 }, async { 25 }, async { 26 }, async { 27 }, async { 28 }, async { 29 }, async { 30 }, async { 31 }, async { 32 }, async { 33 }, async { 34 }, async { 35 }, async { 36 }, async { 37 }, async { 38 }, async { 39 }, async { 40 }, async { 41 }, async { 42 }, async { 43 }, async { 44 }, async { 45 }, async { 46 }, async { 47 }, async { 48 }, async { 49 }, async { 50 }, async { 51 }, async { 52 }, async { 53 }, async { 54 }, async { 55 }, async { 56 }, async { 57 }, async { 58 }, async { 59 }, async { 60 }, async { 61 }, async { 62 }, async { 63 }, async { 64 });
}

fn main() {
    let _ = run();
}
