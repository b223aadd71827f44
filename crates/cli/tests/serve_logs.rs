//! `antenna serve` as an operator runs it: every answer carries a request id,
//! the log line for that request names it, and `--log-format json` writes
//! one JSON object per line.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Server {
    child: Child,
    logs: mpsc::Receiver<String>,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(extra: &[&str]) -> Server {
    let port = free_port();
    let dir = std::env::temp_dir().join(format!("antenna-logs-{}-{port}", std::process::id()));
    let bind = format!("127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_antenna"))
        .args(["serve", "--bind", &bind, "--data-dir"])
        .arg(&dir)
        .args(extra)
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("antenna serve starts");
    let (tx, logs) = mpsc::channel();
    let stderr = child.stderr.take();
    // from here on, Drop stops the server whatever happens
    let server = Server { child, logs, port };
    std::thread::spawn(move || {
        let Some(stderr) = stderr else { return };
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    for _ in 0..300 {
        if TcpStream::connect(&bind).is_ok() {
            return server;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the server did not start on {bind}");
}

/// A plain GET; returns the answer's head.
fn get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out.split("\r\n\r\n").next().unwrap_or("").to_string()
}

fn request_id(head: &str) -> String {
    head.lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("x-request-id")
                .then(|| v.trim().to_string())
        })
        .unwrap_or_else(|| panic!("no x-request-id in {head}"))
}

/// Waits for a log line containing `needle`.
fn log_line(server: &Server, needle: &str) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while std::time::Instant::now() < deadline {
        if let Ok(line) = server.logs.recv_timeout(Duration::from_millis(200)) {
            if line.contains(needle) {
                return line;
            }
        }
    }
    panic!("no log line with {needle}");
}

#[test]
fn every_answer_has_a_request_id_that_its_log_line_names() {
    let server = start(&[]);
    let head = get(server.port, "/healthz");
    let id = request_id(&head);
    assert!(id.len() >= 16, "{id}");
    let other = request_id(&get(server.port, "/healthz"));
    assert_ne!(id, other, "each request has its own id");
    let line = log_line(&server, &id);
    assert!(line.contains("/healthz"), "{line}");
}

#[test]
fn json_logs_are_one_object_per_line() {
    let server = start(&["--log-format", "json"]);
    let id = request_id(&get(server.port, "/healthz"));
    let line = log_line(&server, &id);
    let v: serde_json::Value = serde_json::from_str(&line).expect("a JSON log line");
    assert!(v.get("level").is_some(), "{line}");
    assert!(line.contains("/healthz"), "{line}");
}
