//! One suite of store tests, run against every backend:
//! - `sqlite_file::*`: a fresh file under the temp dir per test;
//! - `sqlite_memory::*`: `sqlite::memory:`;
//! - `postgres::*`: a fresh database per test (`CREATE DATABASE
//!   antenna_test_…` on the server `ANTENNA_TEST_PG_URL` names, dropped
//!   afterwards). Without that variable these tests are skipped, unless
//!   `ANTENNA_REQUIRE_PG=1`, when they fail.
//!
//! `scripts/pg.sh` starts a throwaway PostgreSQL for them:
//! `eval "$(scripts/pg.sh)"; cargo test -p antenna-store; scripts/pg.sh stop`.

use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use antenna_store::*;

/// What a test case gets: the store and the URL it was opened with.
pub struct Env {
    pub store: Arc<dyn Store>,
    pub url: String,
    /// "sqlite_file", "sqlite_memory" or "postgres".
    pub label: &'static str,
}

#[derive(Clone, Copy)]
enum Backend {
    SqliteFile,
    SqliteMemory,
    Postgres,
}

fn unique_suffix() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!(
        "{}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000_000,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// `url` with its database (path) replaced by `db`, query kept.
fn with_database(url: &str, db: &str) -> String {
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

/// Runs `case` against a fresh store of `backend`, cleans up, then re-raises
/// the case's panic if it had one.
async fn run<F, Fut>(backend: Backend, case: F)
where
    F: FnOnce(Env) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    match backend {
        Backend::SqliteFile => {
            let path =
                std::env::temp_dir().join(format!("antenna-store-test-{}.db", unique_suffix()));
            let url = format!("sqlite:{}", path.display());
            let store = open(&url).await.expect("open sqlite file");
            assert_eq!(store.backend(), "sqlite");
            let result = tokio::spawn(case(Env {
                store: store.clone(),
                url,
                label: "sqlite_file",
            }))
            .await;
            store.close().await;
            for suffix in ["", "-wal", "-shm"] {
                let mut p = path.clone().into_os_string();
                p.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(p));
            }
            reraise(result);
        }
        Backend::SqliteMemory => {
            let url = "sqlite::memory:".to_string();
            let store = open(&url).await.expect("open sqlite memory");
            assert_eq!(store.backend(), "sqlite");
            let result = tokio::spawn(case(Env {
                store: store.clone(),
                url,
                label: "sqlite_memory",
            }))
            .await;
            store.close().await;
            reraise(result);
        }
        Backend::Postgres => {
            let Some(base) = std::env::var("ANTENNA_TEST_PG_URL")
                .ok()
                .filter(|u| !u.is_empty())
            else {
                if std::env::var("ANTENNA_REQUIRE_PG").as_deref() == Ok("1") {
                    panic!("ANTENNA_REQUIRE_PG=1 but ANTENNA_TEST_PG_URL is not set (start one with scripts/pg.sh)");
                }
                eprintln!("skipped: ANTENNA_TEST_PG_URL is not set");
                return;
            };
            use sqlx::{Connection, Executor};
            let name = format!("antenna_test_{}", unique_suffix());
            let mut admin = sqlx::PgConnection::connect(&base)
                .await
                .unwrap_or_else(|e| panic!("connecting to {}: {e}", redact(&base)));
            admin
                .execute(format!("CREATE DATABASE {name}").as_str())
                .await
                .expect("CREATE DATABASE");
            let url = with_database(&base, &name);
            let opened = open(&url).await;
            let result = match opened {
                Ok(store) => {
                    assert_eq!(store.backend(), "postgres");
                    let r = tokio::spawn(case(Env {
                        store: store.clone(),
                        url,
                        label: "postgres",
                    }))
                    .await;
                    store.close().await;
                    Some(r)
                }
                Err(e) => {
                    eprintln!("open {}: {e}", redact(&url));
                    None
                }
            };
            admin
                .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                .await
                .expect("DROP DATABASE");
            admin.close().await.ok();
            reraise(result.expect("opening the test database failed"));
        }
    }
}

fn reraise(result: std::result::Result<(), tokio::task::JoinError>) {
    if let Err(e) = result {
        if e.is_panic() {
            std::panic::resume_unwind(e.into_panic());
        }
        panic!("test task failed: {e}");
    }
}

/// Declares each case once per backend.
macro_rules! suite {
    ($($case:ident),* $(,)?) => {
        mod sqlite_file {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    crate::run(crate::Backend::SqliteFile, crate::cases::$case).await
                }
            )*
        }
        mod sqlite_memory {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    crate::run(crate::Backend::SqliteMemory, crate::cases::$case).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    crate::run(crate::Backend::Postgres, crate::cases::$case).await
                }
            )*
        }
    };
}

suite!(
    community,
    create_member_and_defaults,
    email_is_case_insensitive,
    update_member,
    password_status_role,
    login_failures,
    import_members,
    import_rolls_back_on_duplicate_in_batch,
    import_rolls_back_on_existing_email,
    import_10000_members,
    profiles,
    circles,
    invitations,
    sessions,
    api_tokens,
    asks_and_revisions,
    ask_status_and_expiry,
    asks_filter,
    intents_upsert,
    delete_member_cascades,
    concurrent_writes,
    reopen_keeps_data,
);

/// Expects `Err(pattern)`.
macro_rules! assert_err {
    ($e:expr, $p:pat) => {
        match $e {
            Err($p) => {}
            other => panic!("expected Err({}), got {:?}", stringify!($p), other),
        }
    };
}

mod cases {
    use super::Env;
    use antenna_store::*;
    use std::time::{Duration, Instant};

    const T0: Timestamp = 1_750_000_000;

    fn nm(email: &str) -> NewMember {
        NewMember {
            email: email.into(),
            family_name: "山田".into(),
            given_name: "太郎".into(),
            family_kana: "やまだ".into(),
            given_kana: "たろう".into(),
            ..Default::default()
        }
    }

    fn draft(text: &str, bits: f64, band: &str) -> AskDraft {
        AskDraft {
            text: text.into(),
            reading: format!("{{\"text\":{text:?}}}"),
            bits,
            band: band.into(),
        }
    }

    async fn member(s: &dyn Store, email: &str) -> Member {
        s.create_member(&nm(email), T0).await.unwrap()
    }

    pub async fn community(env: Env) {
        let s = env.store;
        assert_eq!(s.community().await.unwrap(), None);
        let c = s.create_community("渋谷ビジネス交流会", T0).await.unwrap();
        assert_eq!(
            c,
            Community {
                name: "渋谷ビジネス交流会".into(),
                created_at: T0
            }
        );
        assert_eq!(s.community().await.unwrap(), Some(c));
        assert_err!(
            s.create_community("別の会", T0 + 1).await,
            StoreError::Conflict(_)
        );
        assert_eq!(
            s.community().await.unwrap().unwrap().name,
            "渋谷ビジネス交流会"
        );
    }

    pub async fn create_member_and_defaults(env: Env) {
        let s = env.store;
        assert_eq!(s.count_members().await.unwrap(), 0);
        assert_eq!(s.members().await.unwrap(), vec![]);
        let m = s
            .create_member(
                &NewMember {
                    email: "  Hanako@Example.JP ".into(),
                    family_name: "佐藤".into(),
                    given_name: "花子".into(),
                    family_kana: "さとう".into(),
                    given_kana: "はなこ".into(),
                    company: "佐藤税理士事務所".into(),
                    title: "代表".into(),
                    industry: "税理士".into(),
                    offer: "法人税の申告、創業融資の相談".into(),
                    ..Default::default()
                },
                T0,
            )
            .await
            .unwrap();
        assert!(m.id > 0);
        assert_eq!(m.email, "hanako@example.jp");
        assert_eq!(m.role, Role::Member);
        assert_eq!(m.status, MemberStatus::Invited);
        assert_eq!(m.lang, "ja");
        assert_eq!(
            (m.family_name.as_str(), m.given_name.as_str()),
            ("佐藤", "花子")
        );
        assert_eq!(
            (m.family_kana.as_str(), m.given_kana.as_str()),
            ("さとう", "はなこ")
        );
        assert_eq!(
            (m.company.as_str(), m.title.as_str(), m.industry.as_str()),
            ("佐藤税理士事務所", "代表", "税理士")
        );
        assert_eq!(m.offer, "法人税の申告、創業融資の相談");
        assert_eq!(m.password_hash, None);
        assert_eq!(m.failed_logins, 0);
        assert_eq!(m.locked_until, None);
        assert_eq!(m.created_at, T0);
        assert_eq!(s.member(m.id).await.unwrap(), Some(m.clone()));
        assert_eq!(s.member(m.id + 1000).await.unwrap(), None);

        let o = s
            .create_member(
                &NewMember {
                    email: "org@example.jp".into(),
                    role: Some(Role::Organizer),
                    lang: Some("en".into()),
                    password_hash: Some("$argon2id$v=19$abc".into()),
                    ..nm("")
                },
                T0 + 5,
            )
            .await
            .unwrap();
        assert_eq!(o.role, Role::Organizer);
        assert_eq!(
            o.status,
            MemberStatus::Active,
            "a member with a password defaults to active"
        );
        assert_eq!(o.lang, "en");
        assert_eq!(o.password_hash.as_deref(), Some("$argon2id$v=19$abc"));
        assert_eq!(o.created_at, T0 + 5);

        let d = s
            .create_member(
                &NewMember {
                    email: "gone@example.jp".into(),
                    status: Some(MemberStatus::Disabled),
                    password_hash: Some("h".into()),
                    ..nm("")
                },
                T0 + 6,
            )
            .await
            .unwrap();
        assert_eq!(d.status, MemberStatus::Disabled);
        assert!(m.id < o.id && o.id < d.id);
        assert_eq!(s.count_members().await.unwrap(), 3);
        assert_eq!(s.members().await.unwrap(), vec![m, o, d]);
    }

    pub async fn email_is_case_insensitive(env: Env) {
        let s = env.store;
        let m = member(&*s, "Taro.Yamada@Example.com").await;
        assert_eq!(m.email, "taro.yamada@example.com");
        for probe in [
            "taro.yamada@example.com",
            "  TARO.YAMADA@EXAMPLE.COM ",
            "Taro.Yamada@example.COM",
        ] {
            assert_eq!(
                s.member_by_email(probe).await.unwrap().map(|x| x.id),
                Some(m.id),
                "{probe}"
            );
        }
        assert_eq!(s.member_by_email("other@example.com").await.unwrap(), None);
        match s.create_member(&nm(" taro.yamada@EXAMPLE.com"), T0).await {
            Err(StoreError::Conflict(email)) => assert_eq!(email, "taro.yamada@example.com"),
            other => panic!("expected a conflict, got {other:?}"),
        }
        // Beyond ASCII: Rust lower-cases, the database only compares.
        let e = member(&*s, "ÉLÈVE@Example.fr").await;
        assert_eq!(e.email, "élève@example.fr");
        assert_eq!(
            s.member_by_email("Élève@EXAMPLE.fr")
                .await
                .unwrap()
                .map(|x| x.id),
            Some(e.id)
        );
        assert_err!(
            s.create_member(&nm("élÈve@example.FR"), T0).await,
            StoreError::Conflict(_)
        );
        assert_eq!(s.count_members().await.unwrap(), 2);
    }

    pub async fn update_member(env: Env) {
        let s = env.store;
        let m = member(&*s, "a@example.com").await;
        let other = member(&*s, "b@example.com").await;
        let u = MemberUpdate {
            family_name: "鈴木".into(),
            given_name: "一郎".into(),
            family_kana: "すずき".into(),
            given_kana: "いちろう".into(),
            company: "鈴木不動産".into(),
            title: "取締役".into(),
            industry: "不動産".into(),
            offer: "世田谷区の賃貸物件".into(),
            lang: "en".into(),
        };
        let got = s.update_member(m.id, &u).await.unwrap();
        assert_eq!(
            got,
            Member {
                family_name: u.family_name.clone(),
                given_name: u.given_name.clone(),
                family_kana: u.family_kana.clone(),
                given_kana: u.given_kana.clone(),
                company: u.company.clone(),
                title: u.title.clone(),
                industry: u.industry.clone(),
                offer: u.offer.clone(),
                lang: u.lang.clone(),
                ..m.clone()
            }
        );
        assert_eq!(s.member(m.id).await.unwrap(), Some(got));
        assert_eq!(s.member(other.id).await.unwrap(), Some(other));
        assert_err!(s.update_member(m.id + 1000, &u).await, StoreError::NotFound);
    }

    pub async fn password_status_role(env: Env) {
        let s = env.store;
        let m = member(&*s, "a@example.com").await;
        s.set_password(m.id, "$argon2id$one").await.unwrap();
        let got = s.member(m.id).await.unwrap().unwrap();
        assert_eq!(got.password_hash.as_deref(), Some("$argon2id$one"));
        assert_eq!(
            got.status,
            MemberStatus::Invited,
            "setting a password does not change the status"
        );
        s.set_member_status(m.id, MemberStatus::Active)
            .await
            .unwrap();
        assert_eq!(
            s.member(m.id).await.unwrap().unwrap().status,
            MemberStatus::Active
        );
        s.set_member_status(m.id, MemberStatus::Disabled)
            .await
            .unwrap();
        assert_eq!(
            s.member(m.id).await.unwrap().unwrap().status,
            MemberStatus::Disabled
        );
        s.set_member_role(m.id, Role::Organizer).await.unwrap();
        assert_eq!(s.member(m.id).await.unwrap().unwrap().role, Role::Organizer);
        s.set_member_role(m.id, Role::Member).await.unwrap();
        assert_eq!(s.member(m.id).await.unwrap().unwrap().role, Role::Member);
        let missing = m.id + 1000;
        assert_err!(s.set_password(missing, "x").await, StoreError::NotFound);
        assert_err!(
            s.set_member_status(missing, MemberStatus::Active).await,
            StoreError::NotFound
        );
        assert_err!(
            s.set_member_role(missing, Role::Organizer).await,
            StoreError::NotFound
        );
    }

    pub async fn login_failures(env: Env) {
        let s = env.store;
        let m = member(&*s, "a@example.com").await;
        let other = member(&*s, "b@example.com").await;
        assert_eq!(s.record_login_failure(m.id, None).await.unwrap(), 1);
        assert_eq!(
            s.record_login_failure(m.id, Some(T0 + 900)).await.unwrap(),
            2
        );
        let got = s.member(m.id).await.unwrap().unwrap();
        assert_eq!((got.failed_logins, got.locked_until), (2, Some(T0 + 900)));
        assert_eq!(s.record_login_failure(m.id, None).await.unwrap(), 3);
        let got = s.member(m.id).await.unwrap().unwrap();
        assert_eq!(
            (got.failed_logins, got.locked_until),
            (3, None),
            "locked_until is replaced"
        );
        assert_eq!(
            s.record_login_failure(m.id, Some(T0 + 1800)).await.unwrap(),
            4
        );
        let o = s.member(other.id).await.unwrap().unwrap();
        assert_eq!((o.failed_logins, o.locked_until), (0, None));
        s.clear_login_failures(m.id).await.unwrap();
        let got = s.member(m.id).await.unwrap().unwrap();
        assert_eq!((got.failed_logins, got.locked_until), (0, None));
        assert_eq!(s.record_login_failure(m.id, None).await.unwrap(), 1);
        assert_err!(
            s.record_login_failure(m.id + 1000, None).await,
            StoreError::NotFound
        );
        assert_err!(
            s.clear_login_failures(m.id + 1000).await,
            StoreError::NotFound
        );
    }

    pub async fn import_members(env: Env) {
        let s = env.store;
        assert_eq!(s.import_members(&[], T0).await.unwrap(), vec![]);
        let mut batch: Vec<NewMember> = (0..5)
            .map(|i| nm(&format!(" Member{i}@Example.com")))
            .collect();
        batch[2].role = Some(Role::Organizer);
        batch[3].password_hash = Some("hash".into());
        batch[4].lang = Some("en".into());
        batch[4].company = "株式会社アンテナ".into();
        let out = s.import_members(&batch, T0 + 1).await.unwrap();
        assert_eq!(out.len(), 5);
        let emails: Vec<&str> = out.iter().map(|m| m.email.as_str()).collect();
        assert_eq!(
            emails,
            [
                "member0@example.com",
                "member1@example.com",
                "member2@example.com",
                "member3@example.com",
                "member4@example.com"
            ]
        );
        assert!(out.windows(2).all(|w| w[0].id < w[1].id));
        assert_eq!(out[0].status, MemberStatus::Invited);
        assert_eq!(out[2].role, Role::Organizer);
        assert_eq!(out[3].status, MemberStatus::Active);
        assert_eq!(
            (out[4].lang.as_str(), out[4].company.as_str()),
            ("en", "株式会社アンテナ")
        );
        assert!(out
            .iter()
            .all(|m| m.created_at == T0 + 1 && m.family_name == "山田"));
        assert_eq!(s.members().await.unwrap(), out);
        assert_eq!(s.count_members().await.unwrap(), 5);
    }

    pub async fn import_rolls_back_on_duplicate_in_batch(env: Env) {
        let s = env.store;
        let batch = vec![
            nm("a@example.jp"),
            nm("b@example.jp"),
            nm("c@example.jp"),
            nm(" B@Example.JP"),
        ];
        match s.import_members(&batch, T0).await {
            Err(StoreError::Conflict(email)) => assert_eq!(email, "b@example.jp"),
            other => panic!("expected a conflict, got {other:?}"),
        }
        assert_eq!(s.count_members().await.unwrap(), 0);
        assert_eq!(s.member_by_email("a@example.jp").await.unwrap(), None);
    }

    pub async fn import_rolls_back_on_existing_email(env: Env) {
        let s = env.store;
        let taken = member(&*s, "taken@example.com").await;
        let batch = vec![
            nm("new1@example.com"),
            nm("new2@example.com"),
            nm(" Taken@Example.com"),
            nm("new3@example.com"),
        ];
        match s.import_members(&batch, T0).await {
            Err(StoreError::Conflict(email)) => assert_eq!(email, "taken@example.com"),
            other => panic!("expected a conflict, got {other:?}"),
        }
        assert_eq!(s.count_members().await.unwrap(), 1);
        for e in ["new1@example.com", "new2@example.com", "new3@example.com"] {
            assert_eq!(
                s.member_by_email(e).await.unwrap(),
                None,
                "{e} must not be written"
            );
        }
        assert_eq!(s.members().await.unwrap(), vec![taken]);
        // The store is still usable and the same rows import once the conflict is gone.
        let ok = s
            .import_members(&[nm("new1@example.com"), nm("new2@example.com")], T0)
            .await
            .unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!(s.count_members().await.unwrap(), 3);
    }

    pub async fn import_10000_members(env: Env) {
        let s = env.store;
        let batch: Vec<NewMember> = (0..10_000)
            .map(|i| NewMember {
                email: format!("Member{i:05}@Example.com"),
                family_name: "山田".into(),
                given_name: format!("太郎{i}"),
                family_kana: "やまだ".into(),
                given_kana: "たろう".into(),
                company: format!("株式会社サンプル{}", i % 97),
                title: "代表取締役".into(),
                industry: ["税理士", "不動産", "保険", "IT"][i % 4].into(),
                offer: "中小企業の経営相談、補助金の申請支援".into(),
                ..Default::default()
            })
            .collect();
        let started = Instant::now();
        let out = s.import_members(&batch, T0).await.unwrap();
        let took = started.elapsed();
        println!(
            "import_members: 10000 rows on {} in {:.3} s",
            env.label,
            took.as_secs_f64()
        );
        assert_eq!(out.len(), 10_000);
        assert_eq!(s.count_members().await.unwrap(), 10_000);
        let last = s
            .member_by_email("member09999@example.com")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (last.given_name.as_str(), last.industry.as_str()),
            ("太郎9999", "IT")
        );
        assert_eq!(last.id, out[9_999].id);
        assert!(took < Duration::from_secs(60), "10,000 rows took {took:?}");

        // A second big batch whose last row collides writes none of its 10,000.
        let mut again: Vec<NewMember> = (0..10_000)
            .map(|i| nm(&format!("other{i:05}@example.com")))
            .collect();
        again.push(nm("member00000@example.com"));
        let started = Instant::now();
        assert_err!(s.import_members(&again, T0).await, StoreError::Conflict(_));
        println!(
            "import_members: rollback of 10001 rows on {} in {:.3} s",
            env.label,
            started.elapsed().as_secs_f64()
        );
        assert_eq!(s.count_members().await.unwrap(), 10_000);
        assert_eq!(
            s.member_by_email("other00000@example.com").await.unwrap(),
            None
        );
    }

    pub async fn profiles(env: Env) {
        let s = env.store;
        let a = member(&*s, "a@example.com").await;
        let b = member(&*s, "b@example.com").await;
        assert_eq!(s.profile(a.id).await.unwrap(), None);
        assert_eq!(s.profiles().await.unwrap(), vec![]);
        s.put_profile(b.id, r#"{"areas":["世田谷区"]}"#, T0)
            .await
            .unwrap();
        s.put_profile(a.id, r#"{"industries":["税理士"]}"#, T0)
            .await
            .unwrap();
        let pa = ProfileRecord {
            member_id: a.id,
            data: r#"{"industries":["税理士"]}"#.into(),
            updated_at: T0,
        };
        assert_eq!(s.profile(a.id).await.unwrap(), Some(pa));
        s.put_profile(a.id, r#"{"industries":["税理士","社労士"]}"#, T0 + 10)
            .await
            .unwrap();
        let pa = ProfileRecord {
            member_id: a.id,
            data: r#"{"industries":["税理士","社労士"]}"#.into(),
            updated_at: T0 + 10,
        };
        assert_eq!(s.profile(a.id).await.unwrap(), Some(pa.clone()));
        let pb = ProfileRecord {
            member_id: b.id,
            data: r#"{"areas":["世田谷区"]}"#.into(),
            updated_at: T0,
        };
        assert_eq!(s.profiles().await.unwrap(), vec![pa, pb]);
        assert_err!(
            s.put_profile(b.id + 1000, "{}", T0).await,
            StoreError::NotFound
        );
        assert_eq!(s.profiles().await.unwrap().len(), 2);
    }

    pub async fn circles(env: Env) {
        let s = env.store;
        let a = member(&*s, "a@example.com").await;
        let b = member(&*s, "b@example.com").await;
        assert_eq!(s.all_circles().await.unwrap(), vec![]);
        let c1 = s
            .add_circle(a.id, "青年会議所", "毎月の例会に出ている", T0)
            .await
            .unwrap();
        let c2 = s.add_circle(a.id, "大学OB会", "", T0 + 1).await.unwrap();
        let c3 = s.add_circle(b.id, "商工会", "理事", T0 + 2).await.unwrap();
        assert_eq!(
            c1,
            Circle {
                id: c1.id,
                member_id: a.id,
                name: "青年会議所".into(),
                description: "毎月の例会に出ている".into(),
                created_at: T0
            }
        );
        assert!(c1.id < c2.id && c2.id < c3.id);
        assert_eq!(s.circles(a.id).await.unwrap(), vec![c1.clone(), c2.clone()]);
        assert_eq!(s.circles(b.id).await.unwrap(), vec![c3.clone()]);
        assert_eq!(
            s.all_circles().await.unwrap(),
            vec![c1.clone(), c2.clone(), c3.clone()]
        );
        assert!(
            !s.delete_circle(a.id, c3.id).await.unwrap(),
            "not a's circle"
        );
        assert_eq!(s.circles(b.id).await.unwrap(), vec![c3.clone()]);
        assert!(s.delete_circle(a.id, c1.id).await.unwrap());
        assert!(!s.delete_circle(a.id, c1.id).await.unwrap());
        assert_eq!(s.circles(a.id).await.unwrap(), vec![c2.clone()]);
        assert_eq!(s.all_circles().await.unwrap(), vec![c2, c3]);
        assert_err!(
            s.add_circle(b.id + 1000, "x", "", T0).await,
            StoreError::NotFound
        );
    }

    pub async fn invitations(env: Env) {
        let s = env.store;
        let org = s
            .create_member(
                &NewMember {
                    role: Some(Role::Organizer),
                    password_hash: Some("h".into()),
                    ..nm("org@example.com")
                },
                T0,
            )
            .await
            .unwrap();
        let invitee = member(&*s, "new@example.com").await;
        let ni = NewInvitation {
            member_id: invitee.id,
            email: " New@Example.com".into(),
            family_name: "山田".into(),
            given_name: "太郎".into(),
            role: Role::Member,
            token_hash: "9f86d081884c7d659a2feaa0c55ad015".into(),
            created_by: Some(org.id),
            created_at: T0,
            expires_at: T0 + 7 * 86_400,
        };
        let inv = s.create_invitation(&ni).await.unwrap();
        assert_eq!(
            inv,
            Invitation {
                id: inv.id,
                email: "new@example.com".into(),
                family_name: "山田".into(),
                given_name: "太郎".into(),
                role: Role::Member,
                token_hash: ni.token_hash.clone(),
                member_id: invitee.id,
                created_by: Some(org.id),
                created_at: T0,
                expires_at: T0 + 7 * 86_400,
                accepted_at: None,
            }
        );
        assert_eq!(
            s.invitation_by_token_hash(&ni.token_hash).await.unwrap(),
            Some(inv.clone())
        );
        assert_eq!(s.invitation_by_token_hash("nope").await.unwrap(), None);
        assert_err!(s.create_invitation(&ni).await, StoreError::Conflict(_));
        let inv2 = s
            .create_invitation(&NewInvitation {
                token_hash: "second".into(),
                role: Role::Organizer,
                created_by: None,
                ..ni.clone()
            })
            .await
            .unwrap();
        assert_eq!((inv2.role, inv2.created_by), (Role::Organizer, None));
        assert_eq!(
            s.invitations().await.unwrap(),
            vec![inv.clone(), inv2.clone()]
        );

        s.accept_invitation(inv.id, T0 + 100).await.unwrap();
        let got = s
            .invitation_by_token_hash(&ni.token_hash)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            got,
            Invitation {
                accepted_at: Some(T0 + 100),
                ..inv.clone()
            }
        );
        s.accept_invitation(inv.id, T0 + 200).await.unwrap();
        let got = s
            .invitation_by_token_hash(&ni.token_hash)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            got.accepted_at,
            Some(T0 + 100),
            "the first acceptance is kept"
        );
        assert_eq!(
            s.invitation_by_token_hash("second")
                .await
                .unwrap()
                .unwrap()
                .accepted_at,
            None
        );
        assert_err!(
            s.accept_invitation(inv2.id + 1000, T0).await,
            StoreError::NotFound
        );
        assert_err!(
            s.create_invitation(&NewInvitation {
                token_hash: "third".into(),
                member_id: invitee.id + 1000,
                ..ni.clone()
            })
            .await,
            StoreError::NotFound
        );
    }

    pub async fn sessions(env: Env) {
        let s = env.store;
        let m = member(&*s, "a@example.com").await;
        let other = member(&*s, "b@example.com").await;
        let session = |id: &str, member_id: Id, expires_at: Timestamp| Session {
            id_hash: id.into(),
            member_id,
            csrf_token: format!("csrf-{id}"),
            created_at: T0,
            expires_at,
        };
        let s1 = session("h1", m.id, T0 + 3600);
        s.create_session(&s1).await.unwrap();
        assert_eq!(s.session("h1").await.unwrap(), Some(s1.clone()));
        assert_eq!(s.session("nope").await.unwrap(), None);
        assert_err!(
            s.create_session(&session("h1", other.id, T0)).await,
            StoreError::Conflict(_)
        );
        s.create_session(&session("h2", m.id, T0 + 10))
            .await
            .unwrap();
        s.create_session(&session("h3", other.id, T0 + 3600))
            .await
            .unwrap();
        s.delete_session("h1").await.unwrap();
        assert_eq!(s.session("h1").await.unwrap(), None);
        assert!(s.session("h2").await.unwrap().is_some());
        s.delete_session("missing").await.unwrap();
        assert_eq!(s.delete_expired_sessions(T0 + 9).await.unwrap(), 0);
        assert_eq!(s.delete_expired_sessions(T0 + 10).await.unwrap(), 1);
        assert_eq!(s.session("h2").await.unwrap(), None);
        s.create_session(&session("h4", m.id, T0 + 3600))
            .await
            .unwrap();
        s.create_session(&session("h5", m.id, T0 + 3600))
            .await
            .unwrap();
        s.delete_sessions_of(m.id).await.unwrap();
        assert_eq!(s.session("h4").await.unwrap(), None);
        assert_eq!(s.session("h5").await.unwrap(), None);
        assert_eq!(
            s.session("h3").await.unwrap(),
            Some(session("h3", other.id, T0 + 3600))
        );
        assert_err!(
            s.create_session(&session("h6", other.id + 1000, T0)).await,
            StoreError::NotFound
        );
    }

    pub async fn api_tokens(env: Env) {
        let s = env.store;
        let m = member(&*s, "a@example.com").await;
        let other = member(&*s, "b@example.com").await;
        let t1 = s
            .create_api_token(m.id, "CSV取込", "th1", T0)
            .await
            .unwrap();
        assert_eq!(
            t1,
            ApiToken {
                id: t1.id,
                member_id: m.id,
                name: "CSV取込".into(),
                token_hash: "th1".into(),
                created_at: T0,
                last_used_at: None
            }
        );
        assert_eq!(s.api_token("th1").await.unwrap(), Some(t1.clone()));
        assert_eq!(s.api_token("nope").await.unwrap(), None);
        let t2 = s
            .create_api_token(m.id, "bot", "th2", T0 + 1)
            .await
            .unwrap();
        let t3 = s
            .create_api_token(other.id, "x", "th3", T0 + 2)
            .await
            .unwrap();
        assert_eq!(
            s.api_tokens(m.id).await.unwrap(),
            vec![t1.clone(), t2.clone()]
        );
        assert_eq!(s.api_tokens(other.id).await.unwrap(), vec![t3]);
        assert_err!(
            s.create_api_token(other.id, "dup", "th1", T0).await,
            StoreError::Conflict(_)
        );
        s.touch_api_token(t1.id, T0 + 50).await.unwrap();
        assert_eq!(
            s.api_token("th1").await.unwrap().unwrap().last_used_at,
            Some(T0 + 50)
        );
        assert_eq!(
            s.api_token("th2").await.unwrap().unwrap().last_used_at,
            None
        );
        assert_err!(
            s.touch_api_token(t2.id + 1000, T0).await,
            StoreError::NotFound
        );
        assert!(
            !s.delete_api_token(other.id, t1.id).await.unwrap(),
            "not other's token"
        );
        assert!(s.api_token("th1").await.unwrap().is_some());
        assert!(s.delete_api_token(m.id, t1.id).await.unwrap());
        assert!(!s.delete_api_token(m.id, t1.id).await.unwrap());
        assert_eq!(s.api_token("th1").await.unwrap(), None);
        assert_eq!(s.api_tokens(m.id).await.unwrap(), vec![t2]);
        assert_err!(
            s.create_api_token(m.id + 1000, "x", "th9", T0).await,
            StoreError::NotFound
        );
    }

    pub async fn asks_and_revisions(env: Env) {
        let s = env.store;
        let m = member(&*s, "a@example.com").await;
        let d1 = draft("税理士を紹介してください", 12.5, "thin");
        let a = s
            .create_ask(m.id, &d1, AskStatus::Published, Some("2026-12-31"), T0)
            .await
            .unwrap();
        assert_eq!(
            a,
            Ask {
                id: a.id,
                member_id: m.id,
                text: d1.text.clone(),
                status: AskStatus::Published,
                expires_on: Some("2026-12-31".into()),
                reading: d1.reading.clone(),
                bits: 12.5,
                band: "thin".into(),
                revision: 1,
                created_at: T0,
                updated_at: T0,
            }
        );
        assert_eq!(s.ask(a.id).await.unwrap(), Some(a.clone()));
        assert_eq!(s.ask(a.id + 1000).await.unwrap(), None);
        assert_eq!(
            s.revisions(a.id).await.unwrap(),
            vec![AskRevision {
                ask_id: a.id,
                revision: 1,
                text: d1.text.clone(),
                reading: d1.reading.clone(),
                bits: 12.5,
                band: "thin".into(),
                created_at: T0
            }]
        );

        let d2 = draft(
            "世田谷区で創業3年以内の飲食店に強い税理士を紹介してください",
            17.123456789012,
            "specific",
        );
        let r2 = s.revise_ask(a.id, &d2, T0 + 60).await.unwrap();
        assert_eq!(
            r2,
            Ask {
                text: d2.text.clone(),
                reading: d2.reading.clone(),
                bits: 17.123456789012,
                band: "specific".into(),
                revision: 2,
                updated_at: T0 + 60,
                ..a.clone()
            }
        );
        let d3 = draft("世田谷区の飲食店に強い税理士", 15.25, "fair");
        let r3 = s.revise_ask(a.id, &d3, T0 + 120).await.unwrap();
        assert_eq!(
            (r3.revision, r3.created_at, r3.updated_at),
            (3, T0, T0 + 120)
        );
        assert_eq!(s.ask(a.id).await.unwrap(), Some(r3));

        let revs = s.revisions(a.id).await.unwrap();
        assert_eq!(
            revs.iter().map(|r| r.revision).collect::<Vec<_>>(),
            [1, 2, 3]
        );
        assert_eq!(
            revs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(),
            [&d1.text, &d2.text, &d3.text]
        );
        assert_eq!(
            revs.iter().map(|r| r.created_at).collect::<Vec<_>>(),
            [T0, T0 + 60, T0 + 120]
        );
        assert_eq!(revs[1].bits, 17.123456789012, "f64 round-trips exactly");
        assert_eq!(
            (revs[1].reading.as_str(), revs[1].band.as_str()),
            (d2.reading.as_str(), "specific")
        );

        assert_err!(
            s.revise_ask(a.id + 1000, &d3, T0).await,
            StoreError::NotFound
        );
        assert_err!(
            s.create_ask(m.id + 1000, &d1, AskStatus::Draft, None, T0)
                .await,
            StoreError::NotFound
        );
        assert_eq!(s.count_asks().await.unwrap(), 1);
        let b = s
            .create_ask(m.id, &d1, AskStatus::Draft, None, T0 + 200)
            .await
            .unwrap();
        assert_eq!(
            (b.revision, b.expires_on.clone(), b.status),
            (1, None, AskStatus::Draft)
        );
        assert_eq!(s.revisions(b.id).await.unwrap().len(), 1);
        assert_eq!(s.revisions(a.id).await.unwrap().len(), 3);
        assert_eq!(s.count_asks().await.unwrap(), 2);
    }

    pub async fn ask_status_and_expiry(env: Env) {
        let s = env.store;
        let m = member(&*s, "a@example.com").await;
        let a = s
            .create_ask(
                m.id,
                &draft("弁護士", 8.0, "thin"),
                AskStatus::Draft,
                None,
                T0,
            )
            .await
            .unwrap();
        let b = s
            .set_ask_status(a.id, AskStatus::Published, T0 + 10)
            .await
            .unwrap();
        assert_eq!(
            b,
            Ask {
                status: AskStatus::Published,
                updated_at: T0 + 10,
                ..a.clone()
            }
        );
        let c = s
            .set_ask_expiry(a.id, Some("2026-03-31"), T0 + 20)
            .await
            .unwrap();
        assert_eq!(
            c,
            Ask {
                expires_on: Some("2026-03-31".into()),
                updated_at: T0 + 20,
                ..b.clone()
            }
        );
        assert_eq!(s.ask(a.id).await.unwrap(), Some(c.clone()));
        let d = s.set_ask_expiry(a.id, None, T0 + 30).await.unwrap();
        assert_eq!((d.expires_on, d.updated_at, d.revision), (None, T0 + 30, 1));
        let e = s
            .set_ask_status(a.id, AskStatus::Fulfilled, T0 + 40)
            .await
            .unwrap();
        assert_eq!(e.status, AskStatus::Fulfilled);
        assert_eq!(
            s.revisions(a.id).await.unwrap().len(),
            1,
            "status and expiry make no revision"
        );
        assert_err!(
            s.set_ask_status(a.id + 1000, AskStatus::Closed, T0).await,
            StoreError::NotFound
        );
        assert_err!(
            s.set_ask_expiry(a.id + 1000, None, T0).await,
            StoreError::NotFound
        );
    }

    pub async fn asks_filter(env: Env) {
        let s = env.store;
        let m1 = member(&*s, "m1@example.com").await.id;
        let m2 = member(&*s, "m2@example.com").await.id;
        let m3 = member(&*s, "m3@example.com").await.id;
        let mk = |m: Id, st: AskStatus, exp: Option<&'static str>, at: Timestamp| {
            let s = s.clone();
            async move {
                s.create_ask(m, &draft("紹介依頼", 10.0, "fair"), st, exp, at)
                    .await
                    .unwrap()
                    .id
            }
        };
        use AskStatus::*;
        let a1 = mk(m1, Published, None, T0 + 10).await;
        let a2 = mk(m1, Draft, None, T0 + 20).await;
        let a3 = mk(m2, Published, Some("2026-01-31"), T0 + 30).await;
        let a4 = mk(m2, Paused, Some("2026-02-01"), T0 + 40).await;
        let a5 = mk(m3, Published, Some("2026-01-30"), T0 + 30).await; // ties a3: higher id first
        let a6 = mk(m3, Closed, None, T0 + 5).await;
        let a7 = mk(m1, Fulfilled, None, T0 + 50).await;
        let ids = |f: AskFilter| {
            let s = s.clone();
            async move {
                s.asks(&f)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|a| a.id)
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(
            ids(AskFilter::default()).await,
            [a7, a4, a5, a3, a2, a1, a6]
        );
        assert_eq!(
            ids(AskFilter {
                statuses: vec![Published],
                ..Default::default()
            })
            .await,
            [a5, a3, a1]
        );
        assert_eq!(
            ids(AskFilter {
                statuses: vec![Published, Paused],
                ..Default::default()
            })
            .await,
            [a4, a5, a3, a1]
        );
        assert_eq!(
            ids(AskFilter {
                statuses: vec![Draft],
                ..Default::default()
            })
            .await,
            [a2]
        );
        assert_eq!(
            ids(AskFilter {
                member_id: Some(m1),
                ..Default::default()
            })
            .await,
            [a7, a2, a1]
        );
        assert_eq!(
            ids(AskFilter {
                exclude_member: Some(m1),
                ..Default::default()
            })
            .await,
            [a4, a5, a3, a6]
        );
        assert_eq!(
            ids(AskFilter {
                member_id: Some(m2),
                exclude_member: Some(m2),
                ..Default::default()
            })
            .await,
            Vec::<Id>::new()
        );
        // Expired means expires_on < the date: the same day still shows, no date always shows.
        assert_eq!(
            ids(AskFilter {
                not_expired_on: Some("2026-01-31".into()),
                ..Default::default()
            })
            .await,
            [a7, a4, a3, a2, a1, a6]
        );
        assert_eq!(
            ids(AskFilter {
                not_expired_on: Some("2026-02-02".into()),
                ..Default::default()
            })
            .await,
            [a7, a2, a1, a6]
        );
        assert_eq!(
            ids(AskFilter {
                statuses: vec![Published],
                exclude_member: Some(m2),
                not_expired_on: Some("2026-01-31".into()),
                ..Default::default()
            })
            .await,
            [a1]
        );
        assert_eq!(
            ids(AskFilter {
                limit: Some(2),
                ..Default::default()
            })
            .await,
            [a7, a4]
        );
        assert_eq!(
            ids(AskFilter {
                limit: Some(2),
                offset: Some(2),
                ..Default::default()
            })
            .await,
            [a5, a3]
        );
        assert_eq!(
            ids(AskFilter {
                offset: Some(5),
                ..Default::default()
            })
            .await,
            [a1, a6]
        );
        assert_eq!(
            ids(AskFilter {
                limit: Some(0),
                ..Default::default()
            })
            .await,
            Vec::<Id>::new()
        );
        assert_eq!(
            ids(AskFilter {
                offset: Some(100),
                ..Default::default()
            })
            .await,
            Vec::<Id>::new()
        );
        assert_eq!(
            ids(AskFilter {
                statuses: vec![Published],
                limit: Some(1),
                offset: Some(1),
                ..Default::default()
            })
            .await,
            [a3]
        );
        // A revision makes an ask the newest.
        s.revise_ask(a1, &draft("税理士", 11.0, "fair"), T0 + 100)
            .await
            .unwrap();
        assert_eq!(
            ids(AskFilter {
                limit: Some(3),
                ..Default::default()
            })
            .await,
            [a1, a7, a4]
        );
        // Full rows come back, not just ids.
        let listed = s
            .asks(&AskFilter {
                member_id: Some(m2),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(
            listed,
            vec![
                s.ask(a4).await.unwrap().unwrap(),
                s.ask(a3).await.unwrap().unwrap()
            ]
        );
        assert_eq!(s.count_asks().await.unwrap(), 7);
    }

    pub async fn intents_upsert(env: Env) {
        let s = env.store;
        let owner = member(&*s, "owner@example.com").await.id;
        let k1 = member(&*s, "k1@example.com").await.id;
        let k2 = member(&*s, "k2@example.com").await.id;
        let a = s
            .create_ask(
                owner,
                &draft("社労士", 9.0, "thin"),
                AskStatus::Published,
                None,
                T0,
            )
            .await
            .unwrap()
            .id;
        let b = s
            .create_ask(
                owner,
                &draft("弁理士", 9.5, "thin"),
                AskStatus::Published,
                None,
                T0,
            )
            .await
            .unwrap()
            .id;
        assert_eq!(s.intents(a).await.unwrap(), vec![]);
        let i1 = s
            .add_intent(a, k1, "大学の同期に社労士がいます", T0 + 10)
            .await
            .unwrap();
        assert_eq!(
            i1,
            Intent {
                ask_id: a,
                member_id: k1,
                note: "大学の同期に社労士がいます".into(),
                created_at: T0 + 10
            }
        );
        let i2 = s.add_intent(a, k2, "", T0 + 20).await.unwrap();
        assert_eq!(s.intents(a).await.unwrap(), vec![i1.clone(), i2.clone()]);
        let i1b = s
            .add_intent(a, k1, "事務所の先輩です", T0 + 30)
            .await
            .unwrap();
        assert_eq!(
            i1b,
            Intent {
                note: "事務所の先輩です".into(),
                ..i1.clone()
            },
            "note updated, created_at kept"
        );
        assert_eq!(s.intents(a).await.unwrap(), vec![i1b.clone(), i2.clone()]);
        let ib = s.add_intent(b, k1, "知人にいます", T0 + 5).await.unwrap();
        assert_eq!(
            s.intents_by(k1).await.unwrap(),
            vec![ib.clone(), i1b.clone()]
        );
        assert_eq!(s.intents_by(k2).await.unwrap(), vec![i2]);
        assert_eq!(s.intents_by(owner).await.unwrap(), vec![]);
        assert_eq!(s.intents(b).await.unwrap(), vec![ib]);
        assert_err!(
            s.add_intent(b + 1000, k1, "x", T0).await,
            StoreError::NotFound
        );
        assert_err!(
            s.add_intent(a, k2 + 1000, "x", T0).await,
            StoreError::NotFound
        );
        assert_eq!(s.intents(a).await.unwrap().len(), 2);
    }

    pub async fn delete_member_cascades(env: Env) {
        let s = env.store;
        let org = member(&*s, "org@example.com").await.id;
        let victim = member(&*s, "victim@example.com").await.id;
        let other = member(&*s, "other@example.com").await.id;
        s.put_profile(victim, "{}", T0).await.unwrap();
        s.add_circle(victim, "商工会", "", T0).await.unwrap();
        let kept_circle = s.add_circle(other, "JC", "", T0).await.unwrap();
        s.create_session(&Session {
            id_hash: "sv".into(),
            member_id: victim,
            csrf_token: "c".into(),
            created_at: T0,
            expires_at: T0 + 60,
        })
        .await
        .unwrap();
        s.create_session(&Session {
            id_hash: "so".into(),
            member_id: other,
            csrf_token: "c".into(),
            created_at: T0,
            expires_at: T0 + 60,
        })
        .await
        .unwrap();
        s.create_api_token(victim, "t", "tv", T0).await.unwrap();
        let va = s
            .create_ask(
                victim,
                &draft("行政書士", 9.0, "thin"),
                AskStatus::Published,
                None,
                T0,
            )
            .await
            .unwrap()
            .id;
        s.revise_ask(va, &draft("行政書士(建設業許可)", 12.0, "fair"), T0 + 1)
            .await
            .unwrap();
        let oa = s
            .create_ask(
                other,
                &draft("司法書士", 9.0, "thin"),
                AskStatus::Published,
                None,
                T0,
            )
            .await
            .unwrap()
            .id;
        s.add_intent(va, other, "います", T0).await.unwrap();
        s.add_intent(oa, victim, "います", T0).await.unwrap();
        let base = NewInvitation {
            member_id: victim,
            email: "victim@example.com".into(),
            family_name: "山田".into(),
            given_name: "太郎".into(),
            role: Role::Member,
            token_hash: "for-victim".into(),
            created_by: Some(org),
            created_at: T0,
            expires_at: T0 + 60,
        };
        s.create_invitation(&base).await.unwrap();
        let sent = s
            .create_invitation(&NewInvitation {
                member_id: other,
                email: "other@example.com".into(),
                token_hash: "by-victim".into(),
                created_by: Some(victim),
                ..base.clone()
            })
            .await
            .unwrap();

        assert!(s.delete_member(victim).await.unwrap());
        assert_eq!(s.member(victim).await.unwrap(), None);
        assert_eq!(s.profile(victim).await.unwrap(), None);
        assert_eq!(s.circles(victim).await.unwrap(), vec![]);
        assert_eq!(s.all_circles().await.unwrap(), vec![kept_circle]);
        assert_eq!(s.session("sv").await.unwrap(), None);
        assert!(s.session("so").await.unwrap().is_some());
        assert_eq!(s.api_token("tv").await.unwrap(), None);
        assert_eq!(s.ask(va).await.unwrap(), None);
        assert_eq!(s.revisions(va).await.unwrap(), vec![]);
        assert_eq!(s.intents(va).await.unwrap(), vec![]);
        assert_eq!(s.intents(oa).await.unwrap(), vec![]);
        assert_eq!(s.intents_by(other).await.unwrap(), vec![]);
        assert!(s.ask(oa).await.unwrap().is_some());
        assert_eq!(s.count_asks().await.unwrap(), 1);
        assert_eq!(
            s.invitations().await.unwrap(),
            vec![Invitation {
                created_by: None,
                ..sent
            }]
        );
        assert_eq!(s.count_members().await.unwrap(), 2);
        assert!(!s.delete_member(victim).await.unwrap());
    }

    pub async fn concurrent_writes(env: Env) {
        let s = env.store;
        let m = member(&*s, "a@example.com").await.id;
        let a = s
            .create_ask(m, &draft("版0", 1.0, "thin"), AskStatus::Draft, None, T0)
            .await
            .unwrap()
            .id;
        let mut tasks = Vec::new();
        for i in 1..=8i64 {
            let s = s.clone();
            tasks.push(tokio::spawn(async move {
                s.revise_ask(a, &draft(&format!("版{i}"), i as f64, "fair"), T0 + i)
                    .await
                    .unwrap();
                s.create_member(&nm(&format!("c{i}@example.com")), T0)
                    .await
                    .unwrap();
                s.add_intent(a, m, &format!("メモ{i}"), T0 + i)
                    .await
                    .unwrap();
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(s.ask(a).await.unwrap().unwrap().revision, 9);
        let revs = s.revisions(a).await.unwrap();
        assert_eq!(
            revs.iter().map(|r| r.revision).collect::<Vec<_>>(),
            (1..=9).collect::<Vec<_>>()
        );
        assert_eq!(s.count_members().await.unwrap(), 9);
        assert_eq!(s.intents(a).await.unwrap().len(), 1);
    }

    pub async fn reopen_keeps_data(env: Env) {
        if env.url.contains(":memory:") {
            return; // nothing outlives an in-memory store
        }
        let s = env.store;
        s.create_community("会", T0).await.unwrap();
        let m = member(&*s, "a@example.com").await;
        s.close().await;
        // Opening again applies no migration twice and finds the data.
        let again = open(&env.url).await.unwrap();
        assert_eq!(again.community().await.unwrap().unwrap().name, "会");
        assert_eq!(
            again.member_by_email("A@example.com").await.unwrap(),
            Some(m)
        );
        again.close().await;
    }
}

// --- backend-specific checks

#[tokio::test]
async fn open_rejects_unknown_schemes() {
    for url in ["mysql://u:hunter2@db/antenna", "antenna.db", ""] {
        match open(url).await {
            Err(StoreError::Database(msg)) => {
                assert!(msg.contains("unsupported database URL"), "{msg}");
                assert!(!msg.contains("hunter2"), "password leaked: {msg}");
            }
            Err(e) => panic!("{url}: unexpected error {e}"),
            Ok(_) => panic!("{url}: opened"),
        }
    }
}

#[tokio::test]
async fn open_reports_unreachable_postgres_without_password() {
    // Port 9 (discard) is closed on test machines: the connection is refused.
    let url = "postgres://u:hunter2@127.0.0.1:9/antenna?connect_timeout=2";
    match open(url).await {
        Err(StoreError::Database(msg)) => {
            assert!(msg.contains("127.0.0.1:9"), "{msg}");
            assert!(!msg.contains("hunter2"), "password leaked: {msg}");
        }
        Err(e) => panic!("unexpected error {e}"),
        Ok(_) => panic!("connected to port 9"),
    }
}

#[tokio::test]
async fn sqlite_file_settings() {
    let dir = std::env::temp_dir().join(format!("antenna-store-test-dir-{}", unique_suffix()));
    let path = dir.join("nested").join("antenna.db");
    // `sqlite://` with an absolute path; the missing folders are created.
    let store = SqliteStore::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    assert!(path.exists());
    let pool = store.pool();
    let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(pool)
        .await
        .unwrap();
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(pool)
        .await
        .unwrap();
    let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
        .fetch_one(pool)
        .await
        .unwrap();
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!((journal.as_str(), fk, busy, sync), ("wal", 1, 5000, 1));
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .fetch_all(pool)
            .await
            .unwrap();
    assert_eq!(
        tables,
        [
            "_sqlx_migrations",
            "api_tokens",
            "ask_revisions",
            "asks",
            "circles",
            "community",
            "intents",
            "invitations",
            "members",
            "profiles",
            "sessions"
        ]
    );
    let indexes: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for want in ["asks_status_updated", "asks_member", "intents_member"] {
        assert!(
            indexes.iter().any(|i| i == want),
            "missing index {want}: {indexes:?}"
        );
    }
    store.close().await;
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn sqlite_memory_stores_are_separate() {
    let a = open("sqlite::memory:").await.unwrap();
    let b = open("sqlite::memory:").await.unwrap();
    a.create_member(
        &NewMember {
            email: "x@example.com".into(),
            ..Default::default()
        },
        1,
    )
    .await
    .unwrap();
    assert_eq!(a.count_members().await.unwrap(), 1);
    assert_eq!(b.count_members().await.unwrap(), 0);
}

#[test]
fn with_database_rewrites_the_path() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
        "postgres://postgres@127.0.0.1:5432/t1"
    );
    assert_eq!(
        with_database("postgres://u:p@h/db?sslmode=disable", "t1"),
        "postgres://u:p@h/t1?sslmode=disable"
    );
    assert_eq!(
        with_database("postgresql://h:1", "t1"),
        "postgresql://h:1/t1"
    );
}
