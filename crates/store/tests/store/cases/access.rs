//! Invitations, sessions and API tokens.

use antenna_store::*;

use super::*;
use crate::Env;

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
        kind: InvitationKind::Invitation,
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
            kind: InvitationKind::Invitation,
            revoked_at: None,
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
