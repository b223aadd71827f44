//! Pages anyone can open: the front page with the public coach, login,
//! first-run setup, invitations, the language switch.

use askama::Template;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use std::net::SocketAddr;

use antenna_ask::Reading;
use antenna_store::NewMember;

use super::{error_page, field_messages, ok, render, Chrome, FieldMessage, Page};
use crate::auth;
use crate::error::{AppError, FieldError, Msg};
use crate::i18n::Lang;
use crate::pages::text::UI;
use crate::services::accounts::{self, login_error, AcceptBody};
use crate::state::AppState;

/// A reading ready for a template.
pub struct ReadingView {
    pub marked: Vec<MarkedRun>,
    pub band: String,
    pub band_label: &'static str,
    pub bits: String,
    pub expected: String,
    pub one_in_text: String,
    pub chips: Vec<ChipView>,
    pub findings: Vec<FindingView>,
}

/// A run of the ask's text with one marking.
pub struct MarkedRun {
    pub text: String,
    /// 0 plain, 1 a criterion, 2 a problem.
    pub mark: u8,
}

/// A criterion the coach found: its kind's name and its label.
pub struct ChipView {
    pub kind: String,
    pub label: String,
}

/// A finding of the coach, with its stable code.
pub struct FindingView {
    pub code: String,
    pub message: String,
    pub suggestion: String,
}

/// The catalogue key of a criterion kind's name.
pub fn kind_key(kind: &str) -> &'static str {
    match kind {
        "gender" => "kind.gender",
        "age" => "kind.age",
        "location" => "kind.location",
        "role" => "kind.role",
        "industry" => "kind.industry",
        "interest" => "kind.interest",
        "life_stage" => "kind.life_stage",
        "skill" => "kind.skill",
        "desire" => "kind.desire",
        "numeric" => "kind.numeric",
        "named" => "kind.named",
        _ => "kind.other",
    }
}

/// 12,345 as people write it.
pub fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Expected people: whole numbers from 10 up, one decimal below.
pub fn people(x: f64) -> String {
    if x >= 10.0 {
        group(x.round() as u64)
    } else {
        format!("{x:.1}")
    }
}

impl ReadingView {
    pub fn new(r: &Reading, lang: Lang) -> Self {
        // split the text into runs: 0 plain, 1 criterion, 2 problem
        let chars: Vec<char> = r.text.chars().collect();
        let mut mark = vec![0u8; chars.len()];
        for c in &r.criteria {
            for m in mark
                .iter_mut()
                .take(c.span[1].min(chars.len()))
                .skip(c.span[0])
            {
                *m = 1;
            }
        }
        for f in &r.findings {
            if let (Some(s), false) = (f.span, f.code == antenna_ask::FindingCode::WeakCondition) {
                for m in mark.iter_mut().take(s[1].min(chars.len())).skip(s[0]) {
                    *m = 2;
                }
            }
        }
        let mut marked: Vec<MarkedRun> = Vec::new();
        for (c, m) in chars.iter().zip(mark) {
            match marked.last_mut() {
                Some(run) if run.mark == m => run.text.push(*c),
                _ => marked.push(MarkedRun {
                    text: c.to_string(),
                    mark: m,
                }),
            }
        }
        let sp = &r.specificity;
        let band = sp.band.as_str().to_string();
        ReadingView {
            marked,
            band_label: super::Tr(lang).s(match sp.band {
                antenna_ask::Band::Thin => "band.thin",
                antenna_ask::Band::Fuzzy => "band.fuzzy",
                antenna_ask::Band::Clear => "band.clear",
                antenna_ask::Band::Narrow => "band.narrow",
            }),
            band,
            bits: format!("{:.1}", sp.bits),
            one_in_text: {
                let n = if sp.share > 0.0 {
                    group(((1.0 / sp.share).round()) as u64)
                } else {
                    "∞".into()
                };
                UI.fill(lang, "coach.one_in", &[("n", &n)])
            },
            expected: people(r.reach.expected_people),
            chips: r
                .criteria
                .iter()
                .map(|c| ChipView {
                    kind: UI.get(lang, kind_key(c.value.kind())).to_string(),
                    label: c.label.clone(),
                })
                .collect(),
            findings: r
                .findings
                .iter()
                .map(|f| {
                    let code = serde_json::to_value(f.code)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default();
                    FindingView {
                        code,
                        message: f.message.clone(),
                        suggestion: f.suggestion.clone(),
                    }
                })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    c: Chrome,
    text: String,
    reading: Option<ReadingView>,
    errors: Vec<FieldMessage>,
}

pub async fn home(State(state): State<AppState>, page: Page) -> Response {
    if state.store.community().await.ok().flatten().is_none() {
        return Redirect::to("/setup").into_response();
    }
    ok(&Home {
        c: page.chrome(),
        text: String::new(),
        reading: None,
        errors: vec![],
    })
}

#[derive(Deserialize)]
pub struct CoachForm {
    pub text: String,
}

/// The front-page coach without JavaScript.
pub async fn coach(
    State(state): State<AppState>,
    page: Page,
    Form(f): Form<CoachForm>,
) -> Response {
    // members see the reading their community gives; anyone else is not
    // told how many members it has
    let reading = if page.user.is_some() {
        crate::services::asks::coach(&state, &f.text).await
    } else {
        state
            .engine
            .check_for(&f.text, &antenna_ask::Community::default())
    };
    match reading {
        Ok(r) => ok(&Home {
            c: page.chrome(),
            reading: Some(ReadingView::new(&r, page.lang)),
            text: f.text,
            errors: vec![],
        }),
        Err(e) => {
            let msg = if page.t().is_ja() {
                e.message_ja()
            } else {
                e.to_string()
            };
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &Home {
                    c: page.chrome(),
                    text: f.text,
                    reading: None,
                    errors: vec![FieldMessage::new("text", msg)],
                },
            )
        }
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct Login {
    c: Chrome,
    email: String,
    next: String,
    error: String,
}

#[derive(Deserialize)]
pub struct NextQuery {
    pub next: Option<String>,
}

fn safe_next(next: Option<&str>) -> String {
    super::same_site_path(next).unwrap_or_else(|| "/board".into())
}

pub async fn login_form(page: Page, Query(q): Query<NextQuery>) -> Response {
    if page.user.is_some() {
        return Redirect::to("/board").into_response();
    }
    ok(&Login {
        c: page.chrome(),
        email: String::new(),
        next: safe_next(q.next.as_deref()),
        error: String::new(),
    })
}

#[derive(Deserialize)]
pub struct LoginForm {
    pub email: String,
    pub password: String,
    pub next: Option<String>,
}

fn with_session(state: &AppState, secret: &str, to: &str) -> Response {
    (
        [(
            header::SET_COOKIE,
            auth::session_cookie(secret, state.config.secure_cookies()),
        )],
        Redirect::to(to),
    )
        .into_response()
}

pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    page: Page,
    Form(f): Form<LoginForm>,
) -> Response {
    let next = safe_next(f.next.as_deref());
    let fail = |e: AppError, status: StatusCode| {
        render(
            status,
            &Login {
                c: page.chrome(),
                email: f.email.clone(),
                next: next.clone(),
                error: e.message.get(page.lang).to_string(),
            },
        )
    };
    match accounts::login(&state, addr.ip(), &f.email, &f.password).await {
        Ok(m) => match auth::start_session(&state, m.id).await {
            Ok(secret) => with_session(&state, &secret, &next),
            Err(e) => error_page(page.lang, &e),
        },
        Err(failure) => {
            let e = login_error(failure);
            let mut r = fail(e.clone(), e.status);
            if let Some(secs) = e.retry_after_secs() {
                r.headers_mut().insert(header::RETRY_AFTER, secs.into());
            }
            r
        }
    }
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}

pub async fn logout(
    State(state): State<AppState>,
    page: Page,
    Form(f): Form<CsrfForm>,
) -> Response {
    let p = match page.csrf(&f.csrf) {
        Ok(p) => p,
        Err(r) => return r,
    };
    if let auth::Via::Session { id_hash, .. } = &p.via {
        let _ = state.store.delete_session(id_hash).await;
    }
    (
        [(
            header::SET_COOKIE,
            auth::clear_session_cookie(state.config.secure_cookies()),
        )],
        Redirect::to("/"),
    )
        .into_response()
}

#[derive(Template)]
#[template(path = "setup.html")]
struct Setup {
    c: Chrome,
    f: SetupForm,
    errors: Vec<FieldMessage>,
}

#[derive(Deserialize, Default, Clone)]
pub struct SetupForm {
    pub community: String,
    pub family_name: String,
    pub given_name: String,
    pub email: String,
    pub password: String,
}

pub async fn setup_form(State(state): State<AppState>, page: Page) -> Response {
    if state.store.community().await.ok().flatten().is_some() {
        return Redirect::to("/login").into_response();
    }
    ok(&Setup {
        c: page.chrome(),
        f: SetupForm::default(),
        errors: vec![],
    })
}

/// First run: the community and its first organizer (only while none exists).
pub async fn setup(
    State(state): State<AppState>,
    page: Page,
    Form(f): Form<SetupForm>,
) -> Response {
    if state.store.community().await.ok().flatten().is_some() {
        return error_page(page.lang, &AppError::forbidden());
    }
    let mut fields = crate::validate::name_fields(&f.family_name, &f.given_name, "", "");
    if f.community.trim().is_empty() || f.community.chars().count() > 100 {
        fields.push(FieldError {
            field: "community".into(),
            message: Msg("page.enter_community_name_1").into(),
        });
    }
    if let Some(m) = crate::validate::email_problem(&f.email) {
        fields.push(FieldError {
            field: "email".into(),
            message: m.into(),
        });
    }
    if let Some(m) = auth::password_problem(&f.password) {
        fields.push(FieldError {
            field: "password".into(),
            message: m.into(),
        });
    }
    if !fields.is_empty() {
        let errors = field_messages(&AppError::invalid(fields), page.lang);
        let mut shown = f.clone();
        shown.password.clear();
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &Setup {
                c: page.chrome(),
                f: shown,
                errors,
            },
        );
    }
    let organizer = NewMember {
        email: f.email.trim().to_lowercase(),
        family_name: f.family_name.trim().into(),
        given_name: f.given_name.trim().into(),
        lang: Some(page.lang),
        ..NewMember::default()
    };
    let result = async {
        let m = accounts::setup(&state, &f.community, organizer, &f.password).await?;
        auth::start_session(&state, m.id).await
    }
    .await;
    match result {
        Ok(secret) => with_session(&state, &secret, "/org"),
        Err(e) => error_page(page.lang, &e),
    }
}

#[derive(Template)]
#[template(path = "invite.html")]
struct Invite {
    c: Chrome,
    token: String,
    valid: bool,
    family_name: String,
    given_name: String,
    family_kana: String,
    given_kana: String,
    errors: Vec<FieldMessage>,
}

pub async fn invite_form(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> Response {
    match accounts::pending_link(&state, &token).await {
        Ok(Some((_, m))) => ok(&Invite {
            c: page.chrome(),
            token,
            valid: true,
            family_name: m.family_name,
            given_name: m.given_name,
            family_kana: m.family_kana,
            given_kana: m.given_kana,
            errors: vec![],
        }),
        Ok(None) => render(
            StatusCode::NOT_FOUND,
            &Invite {
                c: page.chrome(),
                token,
                valid: false,
                family_name: String::new(),
                given_name: String::new(),
                family_kana: String::new(),
                given_kana: String::new(),
                errors: vec![],
            },
        ),
        Err(e) => error_page(page.lang, &e),
    }
}

#[derive(Deserialize)]
pub struct InviteForm {
    pub family_name: String,
    pub given_name: String,
    #[serde(default)]
    pub family_kana: String,
    #[serde(default)]
    pub given_kana: String,
    pub password: String,
}

pub async fn invite_accept(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
    Form(f): Form<InviteForm>,
) -> Response {
    let body = AcceptBody {
        token: token.clone(),
        password: f.password.clone(),
        family_name: Some(f.family_name.clone()),
        given_name: Some(f.given_name.clone()),
        family_kana: Some(f.family_kana.clone()),
        given_kana: Some(f.given_kana.clone()),
    };
    match accounts::accept(&state, &body).await {
        Ok(m) => match auth::start_session(&state, m.id).await {
            Ok(secret) => with_session(&state, &secret, "/me/profile"),
            Err(e) => error_page(page.lang, &e),
        },
        Err(e) if !e.fields.is_empty() => render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &Invite {
                c: page.chrome(),
                token,
                valid: true,
                family_name: f.family_name,
                given_name: f.given_name,
                family_kana: f.family_kana,
                given_kana: f.given_kana,
                errors: field_messages(&e, page.lang),
            },
        ),
        Err(e) => error_page(page.lang, &e),
    }
}

pub async fn set_lang(Path(code): Path<String>, Query(q): Query<NextQuery>) -> Response {
    let code = if code == "en" { "en" } else { "ja" };
    let next = super::same_site_path(q.next.as_deref()).unwrap_or_else(|| "/".into());
    (
        [(
            header::SET_COOKIE,
            format!("lang={code}; Path=/; Max-Age=31536000; SameSite=Lax"),
        )],
        Redirect::to(&next),
    )
        .into_response()
}
