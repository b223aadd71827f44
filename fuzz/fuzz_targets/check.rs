//! Fuzz target: arbitrary bytes, read as UTF-8 (lossily, so every input is
//! used), go through `Engine::check`. It must answer with a reading or one of
//! the input errors, never panic, and keep every span inside the text with
//! `surface == text[span]`.
#![no_main]

use std::sync::OnceLock;

use antenna_ask::{AskError, Engine};
use libfuzzer_sys::fuzz_target;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::load_default().expect("dictionary (run scripts/setup-dict.sh)"))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    // the baseline must accept anything
    let _ = engine().tokenize_only(&text);
    match engine().check(&text) {
        Ok(r) => {
            assert_eq!(r.text, text);
            for c in &r.criteria {
                let [a, b] = c.span;
                assert!(
                    a < b && b <= n,
                    "criterion span {:?} outside 0..{n}: {c:?}",
                    c.span
                );
                let want: String = chars[a..b].iter().collect();
                assert_eq!(c.surface, want, "surface is not text[span]: {c:?}");
                assert!(c.share.is_finite(), "criterion share {}", c.share);
            }
            for f in &r.findings {
                if let Some([a, b]) = f.span {
                    assert!(
                        a < b && b <= n,
                        "finding span {:?} outside 0..{n}: {f:?}",
                        f.span
                    );
                }
            }
            let s = r.specificity;
            assert!(s.bits.is_finite() && s.bits >= 0.0, "bits {}", s.bits);
            assert!(
                s.share.is_finite() && s.share > 0.0 && s.share <= 1.0,
                "share {}",
                s.share
            );
            assert!(
                r.reach.expected_people.is_finite(),
                "expected_people {}",
                r.reach.expected_people
            );
        }
        Err(AskError::Empty) => assert!(text.trim().is_empty()),
        Err(AskError::TooLong { chars, .. }) => assert_eq!(chars, n),
        Err(AskError::ControlChar { at, code }) => {
            assert_eq!(chars.get(at).map(|&c| c as u32), Some(code))
        }
        Err(e @ AskError::Dictionary(_)) => panic!("unexpected error: {e}"),
    }
});
