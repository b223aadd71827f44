use crate::support::*;
use serde_json::json;

backends!(smoke);

async fn smoke(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let m = app.member(&org, "a@example.jp", "佐藤", "一郎").await;
    let r = m.post("/api/v1/asks/check", json!({"text": "世田谷区に住んでいる、30代の男性を紹介して下さい"})).await;
    println!("{}", r.text);
    let id = app.ask(&m, "世田谷区に住んでいる、30代の男性を紹介して下さい", "published").await;
    println!("{}", m.get(&format!("/api/v1/asks/{id}")).await.text);
    let x = org.post("/api/v1/me/circles", json!({"name": "世田谷区の商店会"})).await;
    println!("{}", x.text);
    let id2 = app.ask(&m, "フットサルが好きな大学生を紹介して下さい", "published").await;
    println!("{id2} {}", org.get("/api/v1/board").await.text);
}
