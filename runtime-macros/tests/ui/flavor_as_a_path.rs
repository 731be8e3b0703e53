#[runtime_macros::test(current_thread)]
async fn flavor_without_key() {}

fn main() {}
