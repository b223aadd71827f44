//! Members: creating, importing, updating, passwords, login failures; the community.

use antenna_store::*;
use std::time::{Duration, Instant};

use super::*;
use crate::Env;

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
    assert_eq!(m.lang, Lang::Ja);
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
                lang: Some(Lang::En),
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
    assert_eq!(o.lang, Lang::En);
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
        lang: Some(Lang::En),
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
            lang: Lang::En,
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
    batch[4].lang = Some(Lang::En);
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
        (out[4].lang, out[4].company.as_str()),
        (Lang::En, "株式会社アンテナ")
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
