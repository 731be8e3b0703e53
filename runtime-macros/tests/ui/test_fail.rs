#[runtime_macros::test_fail]
async fn without_rt() {}

fn main() {}
