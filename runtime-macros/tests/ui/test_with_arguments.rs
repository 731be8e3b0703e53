#[runtime_macros::test]
async fn with_arguments(n: u32) {
    let _ = n;
}

fn main() {}
