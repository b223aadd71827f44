//! First-run setup, ending a member's access, one-transaction saves, and
//! errors keeping their cause.

use antenna_store::*;

use super::*;
use crate::Env;

pub async fn setup_community_once(env: Env) {
    let s = env.store;
    let (c, m) = s
        .setup_community("渋谷ビジネス交流会", &organizer(" Org@Example.com "), T0)
        .await
        .unwrap();
    assert_eq!(
        c,
        Community {
            name: "渋谷ビジネス交流会".into(),
            created_at: T0
        }
    );
    assert_eq!(s.community().await.unwrap(), Some(c));
    assert_eq!(
        (m.email.as_str(), m.role, m.status),
        ("org@example.com", Role::Organizer, MemberStatus::Active)
    );
    assert_eq!(m.password_hash.as_deref(), Some("org-hash"));
    assert_eq!(s.member(m.id).await.unwrap(), Some(m));
    assert_err!(
        s.setup_community("別の会", &organizer("other@example.com"), T0 + 1)
            .await,
        StoreError::Conflict(_)
    );
    assert_eq!(s.count_members().await.unwrap(), 1, "no second organizer");
    assert_eq!(
        s.community().await.unwrap().unwrap().name,
        "渋谷ビジネス交流会"
    );
}

pub async fn setup_community_concurrently(env: Env) {
    let s = env.store;
    let mut tasks = Vec::new();
    for i in 0..10 {
        let s = s.clone();
        tasks.push(tokio::spawn(async move {
            let r = s
                .setup_community(
                    &format!("会{i}"),
                    &organizer(&format!("org{i}@example.com")),
                    T0 + i,
                )
                .await;
            (i, r)
        }));
    }
    let mut winners = Vec::new();
    for t in tasks {
        match t.await.unwrap() {
            (i, Ok((c, m))) => winners.push((i, c, m)),
            (_, Err(StoreError::Conflict(_))) => {}
            (i, Err(e)) => panic!("{}: setup {i} failed with {e:?}", env.label),
        }
    }
    assert_eq!(
        winners.len(),
        1,
        "{}: exactly one setup succeeds",
        env.label
    );
    let (i, c, m) = &winners[0];
    assert_eq!(c.name, format!("会{i}"));
    assert_eq!(s.community().await.unwrap().as_ref(), Some(c));
    assert_eq!(s.members().await.unwrap(), vec![m.clone()]);
}

pub async fn setup_community_rolls_back(env: Env) {
    let s = env.store;
    member(&*s, "taken@example.com").await;
    // The member insert fails after the community insert: neither stays.
    match s
        .setup_community("会", &organizer("TAKEN@example.com"), T0)
        .await
    {
        Err(StoreError::Conflict(email)) => assert_eq!(email, "taken@example.com"),
        other => panic!("expected a conflict on the email, got {other:?}"),
    }
    assert_eq!(s.community().await.unwrap(), None);
    assert_eq!(s.count_members().await.unwrap(), 1);
    // Then a good setup works.
    s.setup_community("会", &organizer("org@example.com"), T0)
        .await
        .unwrap();
    assert_eq!(s.count_members().await.unwrap(), 2);
}

pub async fn delete_api_tokens_of(env: Env) {
    let s = env.store;
    let a = member(&*s, "a@example.com").await;
    let b = member(&*s, "b@example.com").await;
    s.create_api_token(a.id, "1", "ta1", T0).await.unwrap();
    s.create_api_token(a.id, "2", "ta2", T0).await.unwrap();
    let kept = s.create_api_token(b.id, "1", "tb1", T0).await.unwrap();
    assert_eq!(s.delete_api_tokens_of(a.id).await.unwrap(), 2);
    assert_eq!(s.api_tokens(a.id).await.unwrap(), vec![]);
    assert_eq!(s.api_token("ta1").await.unwrap(), None);
    assert_eq!(s.api_tokens(b.id).await.unwrap(), vec![kept]);
    assert_eq!(s.delete_api_tokens_of(a.id).await.unwrap(), 0);
}

pub async fn set_password_and_end_sessions(env: Env) {
    let s = env.store;
    let a = s
        .create_member(
            &NewMember {
                password_hash: Some("old".into()),
                ..nm("a@example.com")
            },
            T0,
        )
        .await
        .unwrap();
    let b = member(&*s, "b@example.com").await;
    session(&*s, "sa1", a.id).await;
    session(&*s, "sa2", a.id).await;
    session(&*s, "sb", b.id).await;
    s.create_api_token(a.id, "t", "ta", T0).await.unwrap();
    s.create_api_token(b.id, "t", "tb", T0).await.unwrap();
    s.record_login_failure(a.id, Some(T0 + 900)).await.unwrap();
    s.create_invitation(&link(&a, InvitationKind::Reset, "ra", T0))
        .await
        .unwrap();
    s.create_invitation(&link(&b, InvitationKind::Invitation, "ib", T0))
        .await
        .unwrap();

    s.set_password_and_end_sessions(a.id, "new", T0 + 50)
        .await
        .unwrap();
    let after = s.member(a.id).await.unwrap().unwrap();
    assert_eq!(
        (
            after.password_hash.as_deref(),
            after.failed_logins,
            after.locked_until
        ),
        (Some("new"), 0, None)
    );
    assert_eq!(s.session("sa1").await.unwrap(), None);
    assert_eq!(s.session("sa2").await.unwrap(), None);
    assert_eq!(s.api_token("ta").await.unwrap(), None);
    assert_eq!(link_by(&*s, "ra").await.revoked_at, Some(T0 + 50));
    // Nobody else's.
    assert!(s.session("sb").await.unwrap().is_some());
    assert!(s.api_token("tb").await.unwrap().is_some());
    assert_eq!(link_by(&*s, "ib").await.revoked_at, None);
    assert_eq!(s.member(b.id).await.unwrap(), Some(b.clone()));

    assert_err!(
        s.set_password_and_end_sessions(b.id + 1000, "x", T0).await,
        StoreError::NotFound
    );
    assert!(s.session("sb").await.unwrap().is_some());
}

pub async fn save_member_profile(env: Env) {
    let s = env.store;
    let m = member(&*s, "a@example.com").await;
    let saved = s
        .save_member_profile(m.id, &names("鈴木"), r#"{"hobby":"golf"}"#, T0 + 5)
        .await
        .unwrap();
    assert_eq!(
        (
            saved.family_name.as_str(),
            saved.company.as_str(),
            saved.lang
        ),
        ("鈴木", "鈴木商店", Lang::En)
    );
    assert_eq!((saved.id, saved.email.as_str()), (m.id, "a@example.com"));
    assert_eq!(s.member(m.id).await.unwrap(), Some(saved));
    assert_eq!(
        s.profile(m.id).await.unwrap(),
        Some(ProfileRecord {
            member_id: m.id,
            data: r#"{"hobby":"golf"}"#.into(),
            updated_at: T0 + 5,
        })
    );
    // Again: both replaced.
    let again = s
        .save_member_profile(m.id, &names("佐藤"), "{}", T0 + 6)
        .await
        .unwrap();
    assert_eq!(again.family_name, "佐藤");
    assert_eq!(s.profile(m.id).await.unwrap().unwrap().data, "{}");
    assert_err!(
        s.save_member_profile(m.id + 1000, &names("x"), "{}", T0)
            .await,
        StoreError::NotFound
    );
    assert_eq!(s.profiles().await.unwrap().len(), 1);
}

pub async fn closed_store_errors(env: Env) {
    let s = env.store;
    member(&*s, "a@example.com").await;
    s.close().await;
    match s.count_members().await {
        Err(e @ StoreError::Database(_)) => {
            let source = std::error::Error::source(&e).expect("the driver's error is kept");
            assert!(
                matches!(
                    source.downcast_ref::<sqlx::Error>(),
                    Some(sqlx::Error::PoolClosed)
                ),
                "{source:?}"
            );
        }
        other => panic!("expected a database error, got {other:?}"),
    }
}

/// Runs raw SQL on the database behind `url` (to read what the store wrote,
/// or to tamper with it); returns the first column of every row as text.
async fn raw(url: &str, sql: &str) -> Vec<String> {
    if url.starts_with("sqlite") {
        let pool = sqlx::SqlitePool::connect(url).await.unwrap();
        let out = sqlx::query_scalar::<_, String>(sql)
            .fetch_all(&pool)
            .await
            .unwrap();
        pool.close().await;
        out
    } else {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        let out = sqlx::query_scalar::<_, String>(sql)
            .fetch_all(&pool)
            .await
            .unwrap();
        pool.close().await;
        out
    }
}

/// Bands, languages and dates are typed in the model and plain text in the
/// database; a text that is none of them is a corrupt record.
pub async fn typed_values_are_stored_as_text(env: Env) {
    if env.url.contains(":memory:") {
        return; // no second connection sees an in-memory store
    }
    let s = env.store;
    let m = s
        .create_member(
            &NewMember {
                lang: Some(Lang::En),
                ..nm("a@example.com")
            },
            T0,
        )
        .await
        .unwrap();
    let a = s
        .create_ask(
            m.id,
            &draft("税理士", 12.0, Band::Narrow),
            AskStatus::Published,
            Some(date!(2026 - 12 - 31)),
            T0,
        )
        .await
        .unwrap();
    let url = env.url.as_str();
    assert_eq!(
        raw(
            url,
            "SELECT band || ' ' || expires_on || ' ' || status FROM asks"
        )
        .await,
        ["narrow 2026-12-31 published"]
    );
    assert_eq!(raw(url, "SELECT band FROM ask_revisions").await, ["narrow"]);
    assert_eq!(
        raw(
            url,
            "SELECT lang || ' ' || role || ' ' || status FROM members"
        )
        .await,
        ["en member invited"]
    );
    // The update keeps the stored language when it names none.
    let kept = s
        .update_member(
            m.id,
            &MemberUpdate {
                lang: None,
                ..names("鈴木")
            },
        )
        .await
        .unwrap();
    assert_eq!((kept.lang, kept.family_name.as_str()), (Lang::En, "鈴木"));

    let corrupt = |what: &'static str| {
        move |r: Result<Option<Ask>>| match r {
            Err(StoreError::Corrupt(msg)) => assert!(msg.contains(what), "{msg}"),
            other => panic!("{what}: expected a corrupt record, got {other:?}"),
        }
    };
    raw(url, "UPDATE asks SET band = 'wide' RETURNING band").await;
    corrupt("wide")(s.ask(a.id).await);
    raw(
        url,
        "UPDATE asks SET band = 'clear', expires_on = '2026/12/31' RETURNING band",
    )
    .await;
    corrupt("2026/12/31")(s.ask(a.id).await);
    raw(url, "UPDATE asks SET expires_on = NULL RETURNING band").await;
    assert_eq!(
        s.ask(a.id).await.unwrap().map(|a| (a.band, a.expires_on)),
        Some((Band::Clear, None))
    );
    raw(url, "UPDATE members SET lang = 'fr' RETURNING lang").await;
    match s.member(m.id).await {
        Err(StoreError::Corrupt(msg)) => assert!(msg.contains("fr"), "{msg}"),
        other => panic!("expected a corrupt record, got {other:?}"),
    }
}
