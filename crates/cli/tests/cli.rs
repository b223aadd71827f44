//! The `antenna` binary end to end: reports, JSON, batches, exit codes.

use std::io::Write;
use std::process::{Command, Output};

fn antenna(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_antenna"))
        .args(args)
        .output()
        .expect("antenna runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_report_marks_the_criteria_and_shows_bits_and_reach() {
    let o = antenna(&[
        "check",
        "世田谷区に住んでいる、30代の男性を紹介して下さい。",
    ]);
    assert!(o.status.success(), "{o:?}");
    let s = stdout(&o);
    assert!(s.contains("[世田谷区]"), "{s}");
    assert!(s.contains("[30代]"), "{s}");
    assert!(s.contains("bits"), "{s}");
    assert!(s.contains("到達見込み"), "{s}");
}

#[test]
fn english_reports_are_in_english() {
    let o = antenna(&["check", "Anyone who wants to make more money."]);
    assert!(o.status.success());
    let s = stdout(&o);
    assert!(s.contains("Specificity"), "{s}");
    assert!(s.contains("Findings"), "{s}");
}

#[test]
fn json_follows_the_contract() {
    let o = antenna(&["check", "--json", "男性なら誰でも良いので紹介して下さい。"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["lang"], "ja");
    assert_eq!(v["criteria"][0]["kind"], "gender");
    assert_eq!(v["criteria"][0]["value"], "male");
    assert_eq!(v["specificity"]["band"], "thin");
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "no_condition"));
    assert!(v["reach"]["expected_people"].as_f64().unwrap() > 100.0);
}

#[test]
fn usage_errors_exit_with_code_2_and_a_clear_message() {
    for args in [
        vec!["check", "   "],
        vec!["check"],
        vec!["check", "a\u{7}b"],
    ] {
        let o = antenna(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(!o.stderr.is_empty());
    }
    let long = "あ".repeat(2001);
    let o = antenna(&["check", &long]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("2001"));
}

#[test]
fn a_batch_answers_every_line_in_order_and_goes_on_past_bad_ones() {
    let dir = std::env::temp_dir().join(format!("antenna-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("asks.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all("{\"text\": \"30代の男性を紹介してください\"}\n".as_bytes())
        .unwrap();
    f.write_all(b"{\"text\": \"\xff\xfe broken\"}\n").unwrap();
    f.write_all(b"not json\n").unwrap();
    f.write_all(b"{\"id\": 4}\n").unwrap();
    f.write_all(b"{\"text\": \"  \"}\n").unwrap();
    f.write_all(
        "{\"text\": \"Men in their 30s who live in Denver.\", \"label\": \"x\"}\n".as_bytes(),
    )
    .unwrap();
    drop(f);
    let o = antenna(&["check", "--json", "--jsonl", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[0]["lang"], "ja");
    assert_eq!(lines[1]["error"]["code"], "invalid_utf8");
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[2]["error"]["code"], "invalid_json");
    assert_eq!(lines[3]["error"]["code"], "missing_text");
    assert_eq!(lines[4]["error"]["code"], "empty");
    assert_eq!(lines[5]["lang"], "en");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(":2:") && err.contains(":5:"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_missing_batch_file_is_a_usage_error() {
    let o = antenna(&["check", "--json", "--jsonl", "/nonexistent/asks.jsonl"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_openapi_document_is_printed() {
    let o = antenna(&["openapi"]);
    assert!(o.status.success(), "{o:?}");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert!(v["openapi"].as_str().unwrap_or("").starts_with("3."), "{v}");
    assert!(v["paths"]["/api/v1/asks/check"]["post"].is_object());
}
