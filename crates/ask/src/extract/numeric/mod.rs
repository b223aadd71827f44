//! Numeric conditions: a number, its unit, a comparison and what it measures
//! (30坪以上, 従業員50〜200名, "over $20 million"), one module a language.

mod en;
mod ja;

use super::Ctx;
use crate::types::Lang;

pub fn run(ctx: &mut Ctx) {
    match ctx.lang {
        Lang::Ja => ja::japanese(ctx),
        Lang::En => en::english(ctx),
    }
}
