//! The harness: a fresh store per test (a SQLite temp file, or a fresh
//! PostgreSQL database, both from `antenna_store::testing`), the real app
//! served on 127.0.0.1:0, and HTTP
//! clients for the people in the test, created through the real flows
//! (first-run `/setup`, invitations).

use std::future::Future;
use std::sync::{Arc, Mutex, OnceLock};

use antenna_ask::Engine;
use antenna_store::Store;
use antenna_web::{AppState, Config};
use reqwest::cookie::{CookieStore, Jar};
use reqwest::header::HeaderMap;
use reqwest::redirect::Policy;
use reqwest::{Client, Method, RequestBuilder};
use serde_json::{json, Value};

pub const PASSWORD: &str = "correct horse 1";
pub const ORG_EMAIL: &str = "organizer@example.jp";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The ask engine, loaded once per process (its dictionary takes a moment).
pub fn engine() -> Arc<Engine> {
    static ENGINE: OnceLock<Arc<Engine>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            Arc::new(Engine::load_default().unwrap_or_else(|e| {
                panic!(
                    "loading the ask dictionary failed ({e}); build it with `bash scripts/setup-dict.sh` and `cargo run -p antenna-cli -- dict build`"
                )
            }))
        })
        .clone()
}

type Opened = Arc<Mutex<Vec<(Arc<dyn Store>, tokio::task::AbortHandle)>>>;

/// What a test case gets: the database it may open, as many times as it likes.
#[derive(Clone)]
pub struct Ctx {
    url: String,
    opened: Opened,
}

impl Ctx {
    pub async fn spawn_app(&self) -> TestApp {
        self.spawn_app_with(Config::default()).await
    }

    /// Opens the store, builds the state and serves it on a free port.
    pub async fn spawn_app_with(&self, mut config: Config) -> TestApp {
        let store = antenna_store::open(&self.url)
            .await
            .expect("opening the store");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding 127.0.0.1:0");
        let base = format!("http://{}", listener.local_addr().unwrap());
        if config.base_url == Config::default().base_url {
            config.base_url = base.clone();
        }
        let state = AppState::new(store.clone(), engine(), config)
            .await
            .expect("AppState::new");
        let server = tokio::spawn(antenna_web::serve(state.clone(), listener));
        self.opened
            .lock()
            .unwrap()
            .push((store.clone(), server.abort_handle()));
        TestApp { base, state, store }
    }

    async fn shutdown(&self) {
        let opened: Vec<_> = self.opened.lock().unwrap().drain(..).collect();
        for (store, server) in opened {
            server.abort();
            store.close().await;
        }
    }
}

/// Runs `case` against a fresh database of `backend`, cleans up, then
/// re-raises the case's panic if it had one.
pub async fn run<F, Fut>(backend: Backend, case: F)
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let db = match backend {
        Backend::Sqlite => antenna_store::testing::fresh_sqlite(),
        Backend::Postgres => match antenna_store::testing::fresh_postgres().await {
            Some(db) => db,
            None => {
                eprintln!("skipped: ANTENNA_TEST_PG_URL is not set");
                return;
            }
        },
    };
    let ctx = Ctx {
        url: db.url().to_string(),
        opened: Opened::default(),
    };
    let result = tokio::spawn(case(ctx.clone())).await;
    ctx.shutdown().await;
    db.cleanup().await;
    reraise(result);
}

fn reraise(result: Result<(), tokio::task::JoinError>) {
    if let Err(e) = result {
        if e.is_panic() {
            std::panic::resume_unwind(e.into_panic());
        }
        panic!("test task failed: {e}");
    }
}

/// A response, read whole.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
    /// "METHOD path", for messages.
    pub what: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {}", self.what, self.text))
    }
    /// `error.code` of a JSON error body ("" when there is none).
    pub fn code(&self) -> String {
        serde_json::from_str::<Value>(&self.text)
            .ok()
            .and_then(|v| v["error"]["code"].as_str().map(str::to_string))
            .unwrap_or_default()
    }
    /// The fields named by a JSON error body.
    pub fn fields(&self) -> Vec<String> {
        self.json()["error"]["fields"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|f| f["field"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }
    pub fn location(&self) -> String {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    }
    pub fn content_type(&self) -> String {
        self.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    }
    /// Asserts the status, showing the body when it differs.
    #[track_caller]
    pub fn expect(self, status: u16) -> Resp {
        assert_eq!(
            self.status,
            status,
            "{} answered {}: {}",
            self.what,
            self.status,
            snippet(&self.text)
        );
        self
    }
    /// Asserts a JSON error with this status and code.
    #[track_caller]
    pub fn expect_error(self, status: u16, code: &str) -> Resp {
        assert_eq!(
            (self.status, self.code().as_str()),
            (status, code),
            "{}: {}",
            self.what,
            snippet(&self.text)
        );
        assert!(
            self.content_type().starts_with("application/json"),
            "{}: error is not JSON: {}",
            self.what,
            self.content_type()
        );
        assert!(
            self.json()["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{}: no message",
            self.what
        );
        self
    }
    /// Asserts a redirect (303) to a location starting with `to`.
    #[track_caller]
    pub fn expect_redirect(self, to: &str) -> Resp {
        assert!(
            (300..400).contains(&self.status) && self.location().starts_with(to),
            "{}: expected a redirect to {to}, got {} {:?}: {}",
            self.what,
            self.status,
            self.location(),
            snippet(&self.text)
        );
        self
    }
}

pub fn snippet(s: &str) -> String {
    if s.chars().count() > 1500 {
        format!("{}…", s.chars().take(1500).collect::<String>())
    } else {
        s.to_string()
    }
}

/// The CSRF token a page carries in `<meta name="csrf-token">`.
pub fn meta_csrf(html: &str) -> String {
    let start = html
        .find("name=\"csrf-token\" content=\"")
        .expect("a csrf-token meta")
        + "name=\"csrf-token\" content=\"".len();
    html[start..].split('"').next().unwrap().to_string()
}

/// The invitation secret at the end of an invitation URL.
pub fn token_of(url: &str) -> String {
    url.rsplit('/').next().unwrap().to_string()
}

/// A browser-like client: a cookie jar, redirects not followed.
pub fn client() -> (Client, Arc<Jar>) {
    client_from(None)
}

/// The same, connecting from a given loopback address (127.0.0.0/8 is all
/// loopback), as members at different places would.
pub fn client_from(ip: Option<std::net::IpAddr>) -> (Client, Arc<Jar>) {
    let jar = Arc::new(Jar::default());
    (
        Client::builder()
            .cookie_provider(jar.clone())
            .redirect(Policy::none())
            .local_address(ip)
            .build()
            .unwrap(),
        jar,
    )
}

/// Someone with a browser (cookie jar): logged in or not.
pub struct User {
    pub client: Client,
    pub jar: Arc<Jar>,
    pub base: String,
    pub csrf: String,
    pub id: i64,
    pub email: String,
    pub password: String,
    /// Sent as Accept-Language when set.
    pub accept_language: Option<&'static str>,
    /// Sent as `Authorization: Bearer` when set.
    pub bearer: Option<String>,
}

impl User {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The session cookie's value in this browser, if any.
    pub fn session_cookie(&self) -> Option<String> {
        let cookies = self.jar.cookies(&self.base.parse().unwrap())?;
        cookies
            .to_str()
            .ok()?
            .split(';')
            .find_map(|kv| {
                kv.trim()
                    .strip_prefix("antenna_session=")
                    .map(str::to_string)
            })
            .filter(|v| !v.is_empty())
    }

    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let mut rb = self.client.request(method, self.url(path));
        if let Some(l) = self.accept_language {
            rb = rb.header("accept-language", l);
        }
        if let Some(t) = &self.bearer {
            rb = rb.bearer_auth(t);
        }
        rb
    }

    pub async fn send(&self, rb: RequestBuilder) -> Resp {
        let req = rb.build().expect("building a request");
        let what = format!("{} {}", req.method(), req.url().path());
        let r = self
            .client
            .execute(req)
            .await
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let text = r.text().await.unwrap_or_default();
        Resp {
            status,
            headers,
            text,
            what,
        }
    }

    /// Sends a request over a raw connection, reading the answer while the
    /// body is still being written: for bodies the server refuses half-way
    /// (413), after which it closes the connection and a normal client may
    /// fail on the write instead of seeing the answer.
    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Resp {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};

        let addr = self.base.trim_start_matches("http://").to_string();
        let stream = tokio::net::TcpStream::connect(&addr)
            .await
            .expect("connecting");
        let (mut rd, mut wr) = stream.into_split();
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
        if let Some(c) = self.session_cookie() {
            head.push_str(&format!("Cookie: antenna_session={c}\r\n"));
        }
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        let writer = tokio::spawn(async move {
            // the server may stop reading and close: that is the point.
            // No shutdown: hyper drops a request whose client half-closes.
            let _ = wr.write_all(head.as_bytes()).await;
            let _ = wr.write_all(&body).await;
            wr
        });
        let mut buf = Vec::new();
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            match rd.read(&mut chunk).await {
                Ok(0) | Err(_) => break,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        writer.abort();
        let text = String::from_utf8_lossy(&buf).into_owned();
        let what = format!("{method} {path} (raw)");
        let (head, body) = text
            .split_once("\r\n\r\n")
            .unwrap_or_else(|| panic!("{what}: no answer: {text:?}"));
        let mut lines = head.split("\r\n");
        let status: u16 = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("{what}: {head}"));
        let mut map = HeaderMap::new();
        for l in lines {
            if let Some((k, v)) = l.split_once(':') {
                map.append(
                    reqwest::header::HeaderName::from_bytes(k.trim().as_bytes()).unwrap(),
                    v.trim().parse().unwrap(),
                );
            }
        }
        Resp {
            status,
            headers: map,
            text: body.to_string(),
            what,
        }
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(self.request(Method::GET, path)).await
    }

    /// An API call with a JSON body (and the CSRF header on unsafe methods).
    pub async fn api(&self, method: &str, path: &str, body: Option<Value>) -> Resp {
        let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let mut rb = self.request(method.clone(), path);
        if !method.is_safe() && !self.csrf.is_empty() {
            rb = rb.header("x-csrf-token", &self.csrf);
        }
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        self.send(rb).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Resp {
        self.api("post", path, Some(body)).await
    }

    /// A form post with this session's CSRF token added.
    pub async fn form(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let mut all: Vec<(&str, &str)> = vec![("csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        self.form_raw(path, &all).await
    }

    /// A form post exactly as given.
    pub async fn form_raw(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        self.send(self.request(Method::POST, path).form(fields))
            .await
    }

    /// How many items a JSON list answer holds.
    pub async fn count(&self, path: &str) -> usize {
        let v = self.get(path).await.expect(200).json();
        v.as_array()
            .unwrap_or_else(|| panic!("{path}: not a list: {v}"))
            .len()
    }

    /// Adds a circle through the API; returns its id.
    pub async fn new_circle(&self, name: &str) -> i64 {
        self.post("/api/v1/me/circles", json!({ "name": name }))
            .await
            .expect(201)
            .json()["id"]
            .as_i64()
            .unwrap()
    }

    /// Creates an API token; returns its answer (`token.id`, `secret`).
    pub async fn new_token(&self, name: &str) -> Value {
        self.post("/api/v1/tokens", json!({ "name": name }))
            .await
            .expect(201)
            .json()
    }

    /// Reads the CSRF token from a page (after a form login).
    pub async fn refresh_csrf(&mut self) {
        let page = self.get("/me/profile").await.expect(200);
        self.csrf = meta_csrf(&page.text);
    }

    pub async fn me(&self) -> Value {
        self.get("/api/v1/me").await.expect(200).json()
    }
}

/// The app under test.
pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub store: Arc<dyn Store>,
}

impl TestApp {
    /// A visitor who is not logged in.
    pub fn visitor(&self) -> User {
        let (client, jar) = client();
        User {
            client,
            jar,
            base: self.base.clone(),
            csrf: String::new(),
            id: 0,
            email: String::new(),
            password: String::new(),
            accept_language: None,
            bearer: None,
        }
    }

    /// A visitor connecting from another loopback address (`127.0.0.N`).
    pub fn visitor_from(&self, ip: &str) -> User {
        let (client, jar) = client_from(Some(ip.parse().expect("an IP address")));
        User {
            client,
            jar,
            ..self.visitor()
        }
    }

    /// First run: the `/setup` form creates the community and its organizer.
    pub async fn setup(&self) -> User {
        let mut org = self.visitor();
        org.get("/").await.expect_redirect("/setup");
        org.get("/setup").await.expect(200);
        org.form_raw(
            "/setup",
            &[
                ("community", "渋谷ビジネス交流会"),
                ("family_name", "運営"),
                ("given_name", "花子"),
                ("email", ORG_EMAIL),
                ("password", PASSWORD),
            ],
        )
        .await
        .expect_redirect("/org");
        let page = org.get("/org").await.expect(200);
        org.csrf = meta_csrf(&page.text);
        org.id = org.me().await["id"].as_i64().unwrap();
        org.email = ORG_EMAIL.into();
        org.password = PASSWORD.into();
        org
    }

    /// The organizer invites someone; returns the one-time link.
    pub async fn invite(&self, org: &User, email: &str, family: &str, given: &str) -> String {
        let r = org
            .post(
                "/api/v1/invitations",
                json!({"email": email, "family_name": family, "given_name": given}),
            )
            .await
            .expect(201);
        let url = r.json()["url"]
            .as_str()
            .expect("an invitation url")
            .to_string();
        assert!(
            url.starts_with(&format!("{}/invite/", self.base)),
            "invitation url {url}"
        );
        url
    }

    /// Accepts an invitation through the API; the new member is logged in.
    pub async fn accept(&self, url: &str, email: &str) -> User {
        let mut u = self.visitor();
        let r = u
            .post(
                "/api/v1/invitations/accept",
                json!({"token": token_of(url), "password": PASSWORD}),
            )
            .await
            .expect(200);
        let v = r.json();
        u.csrf = v["csrf_token"].as_str().unwrap().to_string();
        u.id = v["member_id"].as_i64().unwrap();
        u.email = email.into();
        u.password = PASSWORD.into();
        u
    }

    /// An invited member who has accepted (logged in).
    pub async fn member(&self, org: &User, email: &str, family: &str, given: &str) -> User {
        let url = self.invite(org, email, family, given).await;
        self.accept(&url, email).await
    }

    /// Logs in through the API.
    pub async fn login(&self, email: &str, password: &str) -> User {
        let mut u = self.visitor();
        let v = u
            .post(
                "/api/v1/auth/login",
                json!({"email": email, "password": password}),
            )
            .await
            .expect(200)
            .json();
        u.csrf = v["csrf_token"].as_str().unwrap().to_string();
        u.id = v["member_id"].as_i64().unwrap();
        u.email = email.into();
        u.password = password.into();
        u
    }

    /// Creates an ask through the API; returns its id.
    pub async fn ask(&self, who: &User, text: &str, status: &str) -> i64 {
        let r = who
            .post("/api/v1/asks", json!({"text": text, "status": status}))
            .await
            .expect(201);
        r.json()["id"].as_i64().unwrap()
    }

    /// Imports `n` invited members from a CSV file; returns their invitation links.
    pub async fn import_members(&self, org: &User, n: usize) -> Vec<String> {
        let mut csv = String::from("姓,名,メールアドレス\n");
        for i in 0..n {
            csv.push_str(&format!("会員,{i}号,member{i}@example.jp\n"));
        }
        let r = org
            .send(
                org.request(Method::POST, "/api/v1/import")
                    .header("x-csrf-token", &org.csrf)
                    .header("content-type", "text/csv")
                    .body(csv),
            )
            .await;
        let out = r.expect(201).json();
        assert_eq!(out["imported"], n);
        out["invitations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["url"].as_str().unwrap().to_string())
            .collect()
    }
}

/// One documented operation, as tests walk them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Operation {
    /// Lower case, as in the document: `get`, `post`…
    pub method: String,
    /// The full path, `{id}` left in.
    pub path: String,
    /// Who may call it: `public`, `member` or `organizer` (`x-role`).
    pub role: String,
    /// The request body's content type, if it takes one.
    pub body: Option<String>,
    /// The statuses documented for it (`"200"`, `"404"`…).
    pub statuses: Vec<String>,
}

/// Every operation of the document.
pub fn operations() -> Vec<Operation> {
    let mut out = Vec::new();
    let paths = antenna_web::openapi_document()["paths"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    for (path, item) in paths {
        for (method, op) in item.as_object().cloned().unwrap_or_default() {
            out.push(Operation {
                method,
                path: path.clone(),
                role: op["x-role"].as_str().unwrap_or("").to_string(),
                body: op["requestBody"]["content"]
                    .as_object()
                    .and_then(|c| c.keys().next().cloned()),
                statuses: op["responses"]
                    .as_object()
                    .map(|r| r.keys().cloned().collect())
                    .unwrap_or_default(),
            });
        }
    }
    out.sort();
    out
}
