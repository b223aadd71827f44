//! The suite's cases, by topic: each is `pub async fn case(env: Env)`,
//! listed in `suite!` in main.rs.

mod access;
mod asks;
mod lifecycle;
mod links;
mod members;
mod profiles;
mod security;

pub use access::*;
pub use asks::*;
pub use lifecycle::*;
pub use links::*;
pub use members::*;
pub use profiles::*;
pub use security::*;

pub use antenna_ask::{Band, Lang};
use antenna_store::*;
pub use time::macros::date;

pub const T0: Timestamp = 1_750_000_000;

pub fn nm(email: &str) -> NewMember {
    NewMember {
        email: email.into(),
        family_name: "山田".into(),
        given_name: "太郎".into(),
        family_kana: "やまだ".into(),
        given_kana: "たろう".into(),
        ..Default::default()
    }
}

pub fn draft(text: &str, bits: f64, band: Band) -> AskDraft {
    AskDraft {
        text: text.into(),
        reading: format!("{{\"text\":{text:?}}}"),
        bits,
        band,
    }
}

pub async fn member(s: &dyn Store, email: &str) -> Member {
    s.create_member(&nm(email), T0).await.unwrap()
}

pub fn organizer(email: &str) -> NewMember {
    NewMember {
        role: Some(Role::Organizer),
        password_hash: Some("org-hash".into()),
        ..nm(email)
    }
}

pub fn link(member: &Member, kind: InvitationKind, token: &str, at: Timestamp) -> NewInvitation {
    NewInvitation {
        member_id: member.id,
        email: member.email.clone(),
        family_name: member.family_name.clone(),
        given_name: member.given_name.clone(),
        role: member.role,
        kind,
        token_hash: token.into(),
        created_by: None,
        created_at: at,
        expires_at: at + 3_600,
    }
}

pub fn names(family: &str) -> MemberUpdate {
    MemberUpdate {
        family_name: family.into(),
        given_name: "花子".into(),
        family_kana: "すずき".into(),
        given_kana: "はなこ".into(),
        company: "鈴木商店".into(),
        title: "代表".into(),
        industry: "小売".into(),
        offer: "店舗の紹介".into(),
        lang: Some(Lang::En),
    }
}

pub async fn session(s: &dyn Store, id: &str, member_id: Id) {
    s.create_session(&Session {
        id_hash: id.into(),
        member_id,
        csrf_token: "c".into(),
        created_at: T0,
        expires_at: T0 + 86_400,
    })
    .await
    .unwrap();
}

pub async fn link_by(s: &dyn Store, token: &str) -> Invitation {
    s.invitation_by_token_hash(token).await.unwrap().unwrap()
}
