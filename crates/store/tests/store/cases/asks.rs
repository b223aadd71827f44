//! Asks, revisions, the board filter and intents.

use antenna_store::*;

use super::*;
use crate::Env;

pub async fn asks_and_revisions(env: Env) {
    let s = env.store;
    let m = member(&*s, "a@example.com").await;
    let d1 = draft("税理士を紹介してください", 12.5, Band::Thin);
    let a = s
        .create_ask(
            m.id,
            &d1,
            AskStatus::Published,
            Some(date!(2026 - 12 - 31)),
            T0,
        )
        .await
        .unwrap();
    assert_eq!(
        a,
        Ask {
            id: a.id,
            member_id: m.id,
            text: d1.text.clone(),
            status: AskStatus::Published,
            expires_on: Some(date!(2026 - 12 - 31)),
            reading: d1.reading.clone(),
            bits: 12.5,
            band: Band::Thin,
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
            band: Band::Thin,
            created_at: T0
        }]
    );

    let d2 = draft(
        "世田谷区で創業3年以内の飲食店に強い税理士を紹介してください",
        17.123456789012,
        Band::Narrow,
    );
    let r2 = s.revise_ask(a.id, &d2, T0 + 60).await.unwrap();
    assert_eq!(
        r2,
        Ask {
            text: d2.text.clone(),
            reading: d2.reading.clone(),
            bits: 17.123456789012,
            band: Band::Narrow,
            revision: 2,
            updated_at: T0 + 60,
            ..a.clone()
        }
    );
    let d3 = draft("世田谷区の飲食店に強い税理士", 15.25, Band::Fuzzy);
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
        (revs[1].reading.as_str(), revs[1].band),
        (d2.reading.as_str(), Band::Narrow)
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
        (b.revision, b.expires_on, b.status),
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
            &draft("弁護士", 8.0, Band::Thin),
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
        .set_ask_expiry(a.id, Some(date!(2026 - 03 - 31)), T0 + 20)
        .await
        .unwrap();
    assert_eq!(
        c,
        Ask {
            expires_on: Some(date!(2026 - 03 - 31)),
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
    let mk = |m: Id, st: AskStatus, exp: Option<time::Date>, at: Timestamp| {
        let s = s.clone();
        async move {
            s.create_ask(m, &draft("紹介依頼", 10.0, Band::Fuzzy), st, exp, at)
                .await
                .unwrap()
                .id
        }
    };
    use AskStatus::*;
    let a1 = mk(m1, Published, None, T0 + 10).await;
    let a2 = mk(m1, Draft, None, T0 + 20).await;
    let a3 = mk(m2, Published, Some(date!(2026 - 01 - 31)), T0 + 30).await;
    let a4 = mk(m2, Paused, Some(date!(2026 - 02 - 01)), T0 + 40).await;
    let a5 = mk(m3, Published, Some(date!(2026 - 01 - 30)), T0 + 30).await; // ties a3: higher id first
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
            not_expired_on: Some(date!(2026 - 01 - 31)),
            ..Default::default()
        })
        .await,
        [a7, a4, a3, a2, a1, a6]
    );
    assert_eq!(
        ids(AskFilter {
            not_expired_on: Some(date!(2026 - 02 - 02)),
            ..Default::default()
        })
        .await,
        [a7, a2, a1, a6]
    );
    assert_eq!(
        ids(AskFilter {
            statuses: vec![Published],
            exclude_member: Some(m2),
            not_expired_on: Some(date!(2026 - 01 - 31)),
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
    s.revise_ask(a1, &draft("税理士", 11.0, Band::Fuzzy), T0 + 100)
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
            &draft("社労士", 9.0, Band::Thin),
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
            &draft("弁理士", 9.5, Band::Thin),
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
