#[runtime_macros::test(flavor = "basic_scheduler")]
async fn old_name() {}

fn main() {}
