//! One-time links: revoking, issuing and using invitations and resets.

use antenna_store::*;

use super::*;
use crate::Env;

pub async fn revoke_invitations(env: Env) {
    let s = env.store;
    let a = member(&*s, "a@example.com").await;
    let b = member(&*s, "b@example.com").await;
    for t in ["a1", "a2", "a3"] {
        s.create_invitation(&link(&a, InvitationKind::Invitation, t, T0))
            .await
            .unwrap();
    }
    s.create_invitation(&link(&b, InvitationKind::Invitation, "b1", T0))
        .await
        .unwrap();
    let used = link_by(&*s, "a3").await;
    s.accept_invitation(used.id, T0 + 5).await.unwrap();

    assert_eq!(s.revoke_invitations_of(a.id, T0 + 10).await.unwrap(), 2);
    assert_eq!(link_by(&*s, "a1").await.revoked_at, Some(T0 + 10));
    assert_eq!(link_by(&*s, "a2").await.revoked_at, Some(T0 + 10));
    let accepted = link_by(&*s, "a3").await;
    assert_eq!(
        (accepted.accepted_at, accepted.revoked_at),
        (Some(T0 + 5), None),
        "an accepted link stays as it was"
    );
    assert_eq!(link_by(&*s, "b1").await.revoked_at, None);
    assert!(link_by(&*s, "b1").await.is_pending(T0 + 10));
    assert!(!link_by(&*s, "a1").await.is_pending(T0 + 10));
    // The first revocation time is kept.
    assert_eq!(s.revoke_invitations_of(a.id, T0 + 20).await.unwrap(), 0);
    assert_eq!(link_by(&*s, "a1").await.revoked_at, Some(T0 + 10));
    assert_eq!(s.revoke_invitations_of(a.id + 1000, T0).await.unwrap(), 0);
}

pub async fn issue_invitation_revokes_earlier_links(env: Env) {
    let s = env.store;
    let a = member(&*s, "a@example.com").await;
    let b = member(&*s, "b@example.com").await;
    let first = s
        .issue_invitation(&link(&a, InvitationKind::Invitation, "first", T0))
        .await
        .unwrap();
    let other = s
        .issue_invitation(&link(&b, InvitationKind::Invitation, "other", T0))
        .await
        .unwrap();
    assert_eq!(
        (first.kind, first.revoked_at, first.accepted_at),
        (InvitationKind::Invitation, None, None)
    );
    let second = s
        .issue_invitation(&link(&a, InvitationKind::Reset, "second", T0 + 60))
        .await
        .unwrap();
    assert_eq!(
        (second.kind, second.revoked_at),
        (InvitationKind::Reset, None)
    );
    assert_eq!(link_by(&*s, "first").await.revoked_at, Some(T0 + 60));
    assert_eq!(link_by(&*s, "other").await, other);
    // A refused link revokes nothing.
    assert_err!(
        s.issue_invitation(&link(&a, InvitationKind::Reset, "other", T0 + 120))
            .await,
        StoreError::Conflict(_)
    );
    assert_eq!(link_by(&*s, "second").await, second);
    let mut ghost = a.clone();
    ghost.id += 1000;
    assert_err!(
        s.issue_invitation(&link(&ghost, InvitationKind::Invitation, "ghost", T0))
            .await,
        StoreError::NotFound
    );
    assert_eq!(s.invitations().await.unwrap().len(), 3);
}

pub async fn use_invitation(env: Env) {
    let s = env.store;
    let invitee = member(&*s, "new@example.com").await;
    let bystander = member(&*s, "by@example.com").await;
    session(&*s, "s-invitee", invitee.id).await;
    session(&*s, "s-by", bystander.id).await;
    s.create_api_token(invitee.id, "t", "t-invitee", T0)
        .await
        .unwrap();
    s.record_login_failure(invitee.id, Some(T0 + 900))
        .await
        .unwrap();
    let older = s
        .create_invitation(&link(&invitee, InvitationKind::Invitation, "older", T0))
        .await
        .unwrap();
    let inv = s
        .create_invitation(&link(&invitee, InvitationKind::Invitation, "inv", T0))
        .await
        .unwrap();

    let m = s
        .use_invitation(inv.id, &names("鈴木"), "new-hash", T0 + 100)
        .await
        .unwrap();
    assert_eq!(
        m,
        Member {
            id: invitee.id,
            email: "new@example.com".into(),
            role: Role::Member,
            status: MemberStatus::Active,
            family_name: "鈴木".into(),
            given_name: "花子".into(),
            family_kana: "すずき".into(),
            given_kana: "はなこ".into(),
            company: "鈴木商店".into(),
            title: "代表".into(),
            industry: "小売".into(),
            offer: "店舗の紹介".into(),
            lang: Lang::En,
            created_at: T0,
            password_hash: Some("new-hash".into()),
            failed_logins: 0,
            locked_until: None,
        }
    );
    assert_eq!(s.member(invitee.id).await.unwrap(), Some(m));
    let used = link_by(&*s, "inv").await;
    assert_eq!((used.accepted_at, used.revoked_at), (Some(T0 + 100), None));
    let older = link_by(&*s, &older.token_hash).await;
    assert_eq!(
        (older.accepted_at, older.revoked_at),
        (None, Some(T0 + 100)),
        "the member's other links stop working"
    );
    assert_eq!(s.session("s-invitee").await.unwrap(), None);
    assert!(s.session("s-by").await.unwrap().is_some());
    assert_eq!(s.api_tokens(invitee.id).await.unwrap(), vec![]);

    // Once only.
    assert_err!(
        s.use_invitation(inv.id, &names("別"), "other-hash", T0 + 200)
            .await,
        StoreError::Conflict(_)
    );
    assert_eq!(
        s.member(invitee.id)
            .await
            .unwrap()
            .unwrap()
            .password_hash
            .as_deref(),
        Some("new-hash")
    );
    assert_err!(
        s.use_invitation(inv.id + 1000, &names("別"), "h", T0).await,
        StoreError::NotFound
    );
}

pub async fn use_reset_link(env: Env) {
    let s = env.store;
    let m = s
        .create_member(
            &NewMember {
                password_hash: Some("old-hash".into()),
                ..nm("active@example.com")
            },
            T0,
        )
        .await
        .unwrap();
    assert_eq!(m.status, MemberStatus::Active);
    session(&*s, "s1", m.id).await;
    s.create_api_token(m.id, "t", "t1", T0).await.unwrap();
    // An invitation link does not work for an active member…
    let wrong = s
        .create_invitation(&link(&m, InvitationKind::Invitation, "wrong", T0))
        .await
        .unwrap();
    assert_err!(
        s.use_invitation(wrong.id, &names("鈴木"), "new-hash", T0 + 10)
            .await,
        StoreError::Conflict(_)
    );
    // …and the refusal changed nothing.
    assert_eq!(s.member(m.id).await.unwrap(), Some(m.clone()));
    assert_eq!(link_by(&*s, "wrong").await, wrong);
    assert!(s.session("s1").await.unwrap().is_some());

    // A reset link does.
    let reset = s
        .issue_invitation(&link(&m, InvitationKind::Reset, "reset", T0 + 20))
        .await
        .unwrap();
    let after = s
        .use_invitation(reset.id, &names("鈴木"), "new-hash", T0 + 30)
        .await
        .unwrap();
    assert_eq!(
        (
            after.status,
            after.password_hash.as_deref(),
            after.family_name.as_str()
        ),
        (MemberStatus::Active, Some("new-hash"), "鈴木")
    );
    assert_eq!(s.session("s1").await.unwrap(), None);
    assert_eq!(s.api_token("t1").await.unwrap(), None);
    assert_eq!(link_by(&*s, "reset").await.accepted_at, Some(T0 + 30));
    assert_eq!(link_by(&*s, "wrong").await.revoked_at, Some(T0 + 20));
}

pub async fn use_invitation_refusals(env: Env) {
    let s = env.store;
    let invited = member(&*s, "invited@example.com").await;
    let disabled = member(&*s, "disabled@example.com").await;
    s.set_member_status(disabled.id, MemberStatus::Disabled)
        .await
        .unwrap();
    let disabled = s.member(disabled.id).await.unwrap().unwrap();

    let revoked = s
        .create_invitation(&link(&invited, InvitationKind::Invitation, "revoked", T0))
        .await
        .unwrap();
    s.revoke_invitations_of(invited.id, T0 + 2).await.unwrap();
    let expired = s
        .create_invitation(&link(
            &invited,
            InvitationKind::Invitation,
            "expired",
            T0 + 2,
        ))
        .await
        .unwrap();
    let reset_for_invited = s
        .create_invitation(&link(&invited, InvitationKind::Reset, "reset", T0 + 3))
        .await
        .unwrap();
    let for_disabled = s
        .create_invitation(&link(&disabled, InvitationKind::Invitation, "dis", T0))
        .await
        .unwrap();
    let reset_for_disabled = s
        .create_invitation(&link(&disabled, InvitationKind::Reset, "dis-r", T0))
        .await
        .unwrap();

    let cases = [
        (&expired, T0 + 3_602, "expired (expires_at is now)"),
        (&revoked, T0 + 10, "revoked"),
        (
            &reset_for_invited,
            T0 + 10,
            "a reset for a member who has not joined",
        ),
        (
            &for_disabled,
            T0 + 10,
            "an invitation for a disabled member",
        ),
        (
            &reset_for_disabled,
            T0 + 10,
            "a reset for a disabled member",
        ),
    ];
    for (inv, at, why) in cases {
        match s.use_invitation(inv.id, &names("鈴木"), "h", at).await {
            Err(StoreError::Conflict(_)) => {}
            other => panic!("{why}: expected a conflict, got {other:?}"),
        }
        assert_eq!(
            link_by(&*s, &inv.token_hash).await.accepted_at,
            None,
            "{why}"
        );
    }
    assert_eq!(s.member(invited.id).await.unwrap(), Some(invited.clone()));
    assert_eq!(s.member(disabled.id).await.unwrap(), Some(disabled));
    // One second before it expires, the expired link still works.
    let m = s
        .use_invitation(expired.id, &names("鈴木"), "h", T0 + 3_601)
        .await
        .unwrap();
    assert_eq!(m.status, MemberStatus::Active);
}

pub async fn use_invitation_concurrently(env: Env) {
    let s = env.store;
    let invitee = member(&*s, "new@example.com").await;
    let inv = s
        .issue_invitation(&link(&invitee, InvitationKind::Invitation, "inv", T0))
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for i in 0..10 {
        let s = s.clone();
        tasks.push(tokio::spawn(async move {
            s.use_invitation(
                inv.id,
                &names(&format!("姓{i}")),
                &format!("hash{i}"),
                T0 + 1,
            )
            .await
        }));
    }
    let mut won = Vec::new();
    for t in tasks {
        match t.await.unwrap() {
            Ok(m) => won.push(m),
            Err(StoreError::Conflict(_)) => {}
            Err(e) => panic!("{}: unexpected {e:?}", env.label),
        }
    }
    assert_eq!(won.len(), 1, "{}: one use of one link", env.label);
    assert_eq!(s.member(invitee.id).await.unwrap().as_ref(), Some(&won[0]));

    // Two reset links of one active member used at once (only possible
    // with create_invitation): one wins, the other is revoked by it.
    let m = s
        .create_member(
            &NewMember {
                password_hash: Some("old".into()),
                ..nm("active@example.com")
            },
            T0,
        )
        .await
        .unwrap();
    let mut ids = Vec::new();
    for t in ["r1", "r2", "r3", "r4"] {
        ids.push(
            s.create_invitation(&link(&m, InvitationKind::Reset, t, T0))
                .await
                .unwrap()
                .id,
        );
    }
    let mut tasks = Vec::new();
    for (i, id) in ids.into_iter().enumerate() {
        let s = s.clone();
        tasks.push(tokio::spawn(async move {
            s.use_invitation(id, &names("鈴木"), &format!("new{i}"), T0 + 5)
                .await
        }));
    }
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(StoreError::Conflict(_)) => {}
            Err(e) => panic!("{}: unexpected {e:?}", env.label),
        }
    }
    assert_eq!(ok, 1, "{}: one of the member's links wins", env.label);
    let pending: Vec<_> = s
        .invitations()
        .await
        .unwrap()
        .into_iter()
        .filter(|i| i.is_pending(T0 + 5))
        .collect();
    assert_eq!(pending, vec![]);
}
