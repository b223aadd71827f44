//! Deleting members, concurrent writes, reopening.

use antenna_store::*;

use super::*;
use crate::Env;

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
            &draft("行政書士", 9.0, Band::Thin),
            AskStatus::Published,
            None,
            T0,
        )
        .await
        .unwrap()
        .id;
    s.revise_ask(
        va,
        &draft("行政書士(建設業許可)", 12.0, Band::Fuzzy),
        T0 + 1,
    )
    .await
    .unwrap();
    let oa = s
        .create_ask(
            other,
            &draft("司法書士", 9.0, Band::Thin),
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
        kind: InvitationKind::Reset,
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
        .create_ask(
            m,
            &draft("版0", 1.0, Band::Thin),
            AskStatus::Draft,
            None,
            T0,
        )
        .await
        .unwrap()
        .id;
    let mut tasks = Vec::new();
    for i in 1..=8i64 {
        let s = s.clone();
        tasks.push(tokio::spawn(async move {
            s.revise_ask(a, &draft(&format!("版{i}"), i as f64, Band::Fuzzy), T0 + i)
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
