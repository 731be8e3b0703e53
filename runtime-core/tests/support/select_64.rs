/// 64 branches compile, and each one is wired to its own handler.
#[test]
fn sixty_four_branches() {
    for which in [0usize, 1, 31, 62, 63] {
        let ready_if = |i: usize| async move { if i == which { ready(i).await } else { pending().await } };
        let v = block_on(async {
            select! {
                v = ready_if(0) => { assert_eq!(v, 0); v }
                v = ready_if(1) => { assert_eq!(v, 1); v }
                v = ready_if(2) => { assert_eq!(v, 2); v }
                v = ready_if(3) => { assert_eq!(v, 3); v }
                v = ready_if(4) => { assert_eq!(v, 4); v }
                v = ready_if(5) => { assert_eq!(v, 5); v }
                v = ready_if(6) => { assert_eq!(v, 6); v }
                v = ready_if(7) => { assert_eq!(v, 7); v }
                v = ready_if(8) => { assert_eq!(v, 8); v }
                v = ready_if(9) => { assert_eq!(v, 9); v }
                v = ready_if(10) => { assert_eq!(v, 10); v }
                v = ready_if(11) => { assert_eq!(v, 11); v }
                v = ready_if(12) => { assert_eq!(v, 12); v }
                v = ready_if(13) => { assert_eq!(v, 13); v }
                v = ready_if(14) => { assert_eq!(v, 14); v }
                v = ready_if(15) => { assert_eq!(v, 15); v }
                v = ready_if(16) => { assert_eq!(v, 16); v }
                v = ready_if(17) => { assert_eq!(v, 17); v }
                v = ready_if(18) => { assert_eq!(v, 18); v }
                v = ready_if(19) => { assert_eq!(v, 19); v }
                v = ready_if(20) => { assert_eq!(v, 20); v }
                v = ready_if(21) => { assert_eq!(v, 21); v }
                v = ready_if(22) => { assert_eq!(v, 22); v }
                v = ready_if(23) => { assert_eq!(v, 23); v }
                v = ready_if(24) => { assert_eq!(v, 24); v }
                v = ready_if(25) => { assert_eq!(v, 25); v }
                v = ready_if(26) => { assert_eq!(v, 26); v }
                v = ready_if(27) => { assert_eq!(v, 27); v }
                v = ready_if(28) => { assert_eq!(v, 28); v }
                v = ready_if(29) => { assert_eq!(v, 29); v }
                v = ready_if(30) => { assert_eq!(v, 30); v }
                v = ready_if(31) => { assert_eq!(v, 31); v }
                v = ready_if(32) => { assert_eq!(v, 32); v }
                v = ready_if(33) => { assert_eq!(v, 33); v }
                v = ready_if(34) => { assert_eq!(v, 34); v }
                v = ready_if(35) => { assert_eq!(v, 35); v }
                v = ready_if(36) => { assert_eq!(v, 36); v }
                v = ready_if(37) => { assert_eq!(v, 37); v }
                v = ready_if(38) => { assert_eq!(v, 38); v }
                v = ready_if(39) => { assert_eq!(v, 39); v }
                v = ready_if(40) => { assert_eq!(v, 40); v }
                v = ready_if(41) => { assert_eq!(v, 41); v }
                v = ready_if(42) => { assert_eq!(v, 42); v }
                v = ready_if(43) => { assert_eq!(v, 43); v }
                v = ready_if(44) => { assert_eq!(v, 44); v }
                v = ready_if(45) => { assert_eq!(v, 45); v }
                v = ready_if(46) => { assert_eq!(v, 46); v }
                v = ready_if(47) => { assert_eq!(v, 47); v }
                v = ready_if(48) => { assert_eq!(v, 48); v }
                v = ready_if(49) => { assert_eq!(v, 49); v }
                v = ready_if(50) => { assert_eq!(v, 50); v }
                v = ready_if(51) => { assert_eq!(v, 51); v }
                v = ready_if(52) => { assert_eq!(v, 52); v }
                v = ready_if(53) => { assert_eq!(v, 53); v }
                v = ready_if(54) => { assert_eq!(v, 54); v }
                v = ready_if(55) => { assert_eq!(v, 55); v }
                v = ready_if(56) => { assert_eq!(v, 56); v }
                v = ready_if(57) => { assert_eq!(v, 57); v }
                v = ready_if(58) => { assert_eq!(v, 58); v }
                v = ready_if(59) => { assert_eq!(v, 59); v }
                v = ready_if(60) => { assert_eq!(v, 60); v }
                v = ready_if(61) => { assert_eq!(v, 61); v }
                v = ready_if(62) => { assert_eq!(v, 62); v }
                v = ready_if(63) => { assert_eq!(v, 63); v }
            }
        });
        assert_eq!(v, which);
    }
}
