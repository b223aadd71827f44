//! Just enough of the PostgreSQL wire protocol to `CREATE DATABASE` and
//! `DROP DATABASE` on the server `ANTENNA_TEST_PG_URL` names (the web crate
//! has no SQL client of its own): startup, trust / cleartext / SCRAM-SHA-256
//! authentication, simple queries. TCP (`host:port`) or a Unix socket
//! directory given as `?host=/dir`. No TLS.

use std::io::{Read, Write};
use std::time::Duration;

use sha2::{Digest, Sha256};

/// Where and as whom to connect, parsed from a `postgres://` URL.
#[derive(Debug, Clone)]
pub struct PgTarget {
    host: String,
    port: u16,
    user: String,
    password: Option<String>,
    database: String,
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Some(v) = std::str::from_utf8(&b[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl PgTarget {
    pub fn parse(url: &str) -> PgTarget {
        let rest = url
            .strip_prefix("postgres://")
            .or_else(|| url.strip_prefix("postgresql://"))
            .unwrap_or_else(|| panic!("not a postgres:// URL: {}", antenna_store::redact(url)));
        let (main, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (authority, database) = main.split_once('/').unwrap_or((main, ""));
        let (userinfo, hostport) = match authority.rfind('@') {
            Some(at) => (Some(&authority[..at]), &authority[at + 1..]),
            None => (None, authority),
        };
        let (mut user, mut password) = match userinfo {
            Some(ui) => match ui.split_once(':') {
                Some((u, p)) => (percent_decode(u), Some(percent_decode(p))),
                None => (percent_decode(ui), None),
            },
            None => (String::new(), None),
        };
        let (mut host, mut port) = match hostport.rsplit_once(':') {
            Some((h, p)) if !h.is_empty() => (h.to_string(), p.parse().unwrap_or(5432)),
            _ => (hostport.to_string(), 5432),
        };
        for kv in query.split('&').filter(|kv| !kv.is_empty()) {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            let v = percent_decode(v);
            match k {
                "host" => host = v,
                "port" => port = v.parse().unwrap_or(port),
                "user" => user = v,
                "password" => password = Some(v),
                _ => {}
            }
        }
        if host.is_empty() {
            host = "localhost".into();
        }
        if user.is_empty() {
            user = std::env::var("PGUSER").unwrap_or_else(|_| "postgres".into());
        }
        if password.is_none() {
            password = std::env::var("PGPASSWORD").ok();
        }
        let database = if database.is_empty() {
            user.clone()
        } else {
            percent_decode(database)
        };
        PgTarget {
            host,
            port,
            user,
            password,
            database,
        }
    }
}

trait Stream: Read + Write {}
impl<T: Read + Write> Stream for T {}

/// One connection; queries are run with the simple query protocol.
pub struct PgConn {
    s: Box<dyn Stream + Send>,
}

fn message(tag: u8, body: &[u8]) -> Vec<u8> {
    let mut m = vec![tag];
    m.extend_from_slice(&((body.len() + 4) as i32).to_be_bytes());
    m.extend_from_slice(body);
    m
}

fn hmac(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut k = [0u8; 64];
    if key.len() > 64 {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(k.map(|b| b ^ 0x36));
    inner.update(msg);
    let mut outer = Sha256::new();
    outer.update(k.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64_encode(data: &[u8]) -> String {
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let n = chunk.len();
        let v = (chunk[0] as u32) << 16
            | (*chunk.get(1).unwrap_or(&0) as u32) << 8
            | *chunk.get(2).unwrap_or(&0) as u32;
        for i in 0..4 {
            if i <= n {
                out.push(B64[((v >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn b64_decode(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes().filter(|c| *c != b'=') {
        let v = B64.iter().position(|b| *b == c).expect("base64") as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

impl PgConn {
    pub fn connect(t: &PgTarget) -> PgConn {
        let s: Box<dyn Stream + Send> = if t.host.starts_with('/') {
            #[cfg(unix)]
            {
                let path = format!("{}/.s.PGSQL.{}", t.host, t.port);
                let s = std::os::unix::net::UnixStream::connect(&path)
                    .unwrap_or_else(|e| panic!("connecting to {path}: {e}"));
                s.set_read_timeout(Some(Duration::from_secs(60))).ok();
                Box::new(s)
            }
            #[cfg(not(unix))]
            panic!("Unix sockets are not supported here")
        } else {
            let s = std::net::TcpStream::connect((t.host.as_str(), t.port)).unwrap_or_else(|e| {
                panic!("connecting to PostgreSQL at {}:{}: {e}", t.host, t.port)
            });
            s.set_read_timeout(Some(Duration::from_secs(60))).ok();
            Box::new(s)
        };
        let mut c = PgConn { s };
        let mut body = Vec::new();
        body.extend_from_slice(&196_608i32.to_be_bytes());
        for (k, v) in [("user", t.user.as_str()), ("database", t.database.as_str())] {
            body.extend_from_slice(k.as_bytes());
            body.push(0);
            body.extend_from_slice(v.as_bytes());
            body.push(0);
        }
        body.push(0);
        let mut startup = ((body.len() + 4) as i32).to_be_bytes().to_vec();
        startup.extend_from_slice(&body);
        c.s.write_all(&startup).expect("startup");
        c.authenticate(t);
        c.until_ready()
            .unwrap_or_else(|e| panic!("PostgreSQL startup: {e}"));
        c
    }

    fn read_message(&mut self) -> (u8, Vec<u8>) {
        let mut head = [0u8; 5];
        self.s
            .read_exact(&mut head)
            .expect("reading from PostgreSQL");
        let len = i32::from_be_bytes([head[1], head[2], head[3], head[4]]) as usize;
        let mut body = vec![0u8; len - 4];
        self.s
            .read_exact(&mut body)
            .expect("reading from PostgreSQL");
        (head[0], body)
    }

    fn authenticate(&mut self, t: &PgTarget) {
        let password = || {
            t.password.clone().unwrap_or_else(|| {
                panic!("PostgreSQL asks for a password; put it in ANTENNA_TEST_PG_URL")
            })
        };
        let mut scram: Option<(String, String)> = None; // (client-first-bare, client nonce)
        let mut server_key_check: Option<[u8; 32]> = None;
        loop {
            let (tag, body) = self.read_message();
            match tag {
                b'E' => panic!("PostgreSQL refused the connection: {}", error_text(&body)),
                b'R' => {}
                other => panic!(
                    "unexpected message {:?} during authentication",
                    other as char
                ),
            }
            let code = i32::from_be_bytes([body[0], body[1], body[2], body[3]]);
            match code {
                0 => return,
                3 => {
                    let mut b = password().into_bytes();
                    b.push(0);
                    self.s.write_all(&message(b'p', &b)).expect("password");
                }
                10 => {
                    let mechs = String::from_utf8_lossy(&body[4..]).to_string();
                    assert!(mechs.split('\0').any(|m| m == "SCRAM-SHA-256"), "PostgreSQL offers only {mechs:?} (SCRAM-SHA-256 needed)");
                    let nonce = antenna_web::auth::random_token();
                    let bare = format!("n=,r={nonce}");
                    let first = format!("n,,{bare}");
                    let mut b = b"SCRAM-SHA-256\0".to_vec();
                    b.extend_from_slice(&(first.len() as i32).to_be_bytes());
                    b.extend_from_slice(first.as_bytes());
                    self.s.write_all(&message(b'p', &b)).expect("SASL initial response");
                    scram = Some((bare, nonce));
                }
                11 => {
                    let (bare, cnonce) = scram.clone().expect("SCRAM continue before start");
                    let server_first = String::from_utf8_lossy(&body[4..]).to_string();
                    let field = |k: &str| {
                        server_first.split(',').find_map(|kv| kv.strip_prefix(k).map(str::to_string)).unwrap_or_else(|| panic!("SCRAM: no {k} in {server_first}"))
                    };
                    let nonce = field("r=");
                    assert!(nonce.starts_with(&cnonce), "SCRAM: server nonce does not extend ours");
                    let salt = b64_decode(&field("s="));
                    let iterations: u32 = field("i=").parse().expect("SCRAM iterations");
                    let pw = password();
                    let mut u = {
                        let mut m = salt.clone();
                        m.extend_from_slice(&1u32.to_be_bytes());
                        hmac(pw.as_bytes(), &m)
                    };
                    let mut salted = u;
                    for _ in 1..iterations {
                        u = hmac(pw.as_bytes(), &u);
                        for (s, x) in salted.iter_mut().zip(u) {
                            *s ^= x;
                        }
                    }
                    let client_key = hmac(&salted, b"Client Key");
                    let stored_key: [u8; 32] = Sha256::digest(client_key).into();
                    let without_proof = format!("c=biws,r={nonce}");
                    let auth_message = format!("{bare},{server_first},{without_proof}");
                    let signature = hmac(&stored_key, auth_message.as_bytes());
                    let proof: Vec<u8> = client_key.iter().zip(signature).map(|(a, b)| a ^ b).collect();
                    let server_key = hmac(&salted, b"Server Key");
                    server_key_check = Some(hmac(&server_key, auth_message.as_bytes()));
                    let fin = format!("{without_proof},p={}", b64_encode(&proof));
                    self.s.write_all(&message(b'p', fin.as_bytes())).expect("SASL response");
                }
                12 => {
                    let server_final = String::from_utf8_lossy(&body[4..]).to_string();
                    let v = server_final.strip_prefix("v=").map(b64_decode);
                    assert_eq!(v.as_deref(), server_key_check.as_ref().map(|k| &k[..]), "SCRAM: the server's signature does not match");
                }
                5 => panic!("PostgreSQL asks for MD5 authentication, which this test client does not speak: use trust or scram-sha-256"),
                other => panic!("unsupported PostgreSQL authentication method {other}"),
            }
        }
    }

    /// Reads until ReadyForQuery; returns the first error, if any.
    fn until_ready(&mut self) -> Result<(), String> {
        let mut err = None;
        loop {
            let (tag, body) = self.read_message();
            match tag {
                b'Z' => return err.map_or(Ok(()), Err),
                b'E' => err = err.or(Some(error_text(&body))),
                _ => {}
            }
        }
    }

    pub fn execute(&mut self, sql: &str) -> Result<(), String> {
        let mut b = sql.as_bytes().to_vec();
        b.push(0);
        self.s
            .write_all(&message(b'Q', &b))
            .map_err(|e| e.to_string())?;
        self.until_ready()
    }
}

impl Drop for PgConn {
    fn drop(&mut self) {
        let _ = self.s.write_all(&message(b'X', &[]));
    }
}

fn error_text(body: &[u8]) -> String {
    body.split(|b| *b == 0)
        .filter(|f| f.first().is_some_and(|t| matches!(t, b'M' | b'C' | b'S')))
        .map(|f| String::from_utf8_lossy(&f[1..]).to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `url` with its database (path) replaced by `db`, query kept.
pub fn with_database(url: &str, db: &str) -> String {
    let (main, query) = match url.split_once('?') {
        Some((m, q)) => (m, format!("?{q}")),
        None => (url, String::new()),
    };
    let authority_start = main.find("://").expect("URL with ://") + 3;
    let path_start = main[authority_start..]
        .find('/')
        .map_or(main.len(), |i| i + authority_start);
    format!("{}/{db}{query}", &main[..path_start])
}

#[test]
fn base64_round_trips_and_hmac_matches_rfc4231() {
    for s in [&b""[..], b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar"] {
        assert_eq!(b64_decode(&b64_encode(s)), s);
    }
    assert_eq!(b64_encode(b"foobar"), "Zm9vYmFy");
    assert_eq!(b64_encode(b"fo"), "Zm8=");
    // RFC 4231 test case 2
    assert_eq!(
        hex::encode(hmac(b"Jefe", b"what do ya want for nothing?")),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
    let t = PgTarget::parse("postgres://u%40x:p%3Aw@db.example:6543/base?sslmode=disable");
    assert_eq!(
        (
            t.user.as_str(),
            t.password.as_deref(),
            t.host.as_str(),
            t.port,
            t.database.as_str()
        ),
        ("u@x", Some("p:w"), "db.example", 6543, "base")
    );
    assert_eq!(
        with_database("postgres://a@h:1/postgres?x=1", "t"),
        "postgres://a@h:1/t?x=1"
    );
}
