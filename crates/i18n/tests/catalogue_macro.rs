//! `catalogue!` declares a static parsed from a file beside the invoking source.

use antenna_i18n::{check_complete, check_used, Lang};

antenna_i18n::catalogue!(static SAMPLE = "sample.tsv");

#[test]
fn the_macro_reads_the_file_beside_the_source() {
    let hello: &'static str = SAMPLE.get(Lang::En, "greet");
    assert_eq!(hello, "Hello, {name}");
    assert_eq!(SAMPLE.name(), "sample.tsv");
    assert_eq!(SAMPLE.keys().collect::<Vec<_>>(), ["greet", "bye"]);
    assert_eq!(
        SAMPLE.fill(Lang::Ja, "greet", &[("name", &"山田")]),
        "こんにちは、山田さん"
    );
    check_complete(&SAMPLE).unwrap();
    check_used(&SAMPLE, &[("this test", r#""greet" "bye""#)]).unwrap();
}
