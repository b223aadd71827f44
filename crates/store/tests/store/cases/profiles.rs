//! Profiles and circles.

use antenna_store::*;

use super::*;
use crate::Env;

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
