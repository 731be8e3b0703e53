#[runtime_macros::test(start_paused = "yes")]
async fn paused() {}

#[runtime_macros::test(start_paused = 1)]
async fn paused_by_number() {}

fn main() {}
