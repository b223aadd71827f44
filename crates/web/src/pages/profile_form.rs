//! The profile form as sent, and reading it into a [`Profile`]: numbers
//! that do not parse become field errors, words become the coach's ids.

use serde::Deserialize;

use antenna_ask::{Gender, Intensity, Value};
use antenna_matching::{Area, Attr, InterestAttr, Profile};

use super::profile::vis_of;
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct ProfileForm {
    #[serde(default)]
    pub csrf: String,
    pub family_name: String,
    pub given_name: String,
    #[serde(default)]
    pub family_kana: String,
    #[serde(default)]
    pub given_kana: String,
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub industry: String,
    #[serde(default)]
    pub offer: String,
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub gender_vis: String,
    #[serde(default)]
    pub birth_year: String,
    #[serde(default)]
    pub birth_year_vis: String,
    #[serde(default)]
    pub res_pref: String,
    #[serde(default)]
    pub res_muni: String,
    #[serde(default)]
    pub res_vis: String,
    #[serde(default)]
    pub work_pref: String,
    #[serde(default)]
    pub work_muni: String,
    #[serde(default)]
    pub work_vis: String,
    #[serde(default)]
    pub interests: String,
    #[serde(default)]
    pub interests_vis: String,
    #[serde(default)]
    pub life_stages: String,
    #[serde(default)]
    pub life_stages_vis: String,
    #[serde(default)]
    pub company_size: String,
    #[serde(default)]
    pub company_size_vis: String,
    #[serde(default)]
    pub office_tsubo: String,
    #[serde(default)]
    pub office_tsubo_vis: String,
}

fn split_list(s: &str) -> Vec<String> {
    s.split(['、', ',', '，', '\n', '・'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// Reads the form into a profile; numbers that do not parse become field errors.
pub(super) fn profile_from_form(
    state: &AppState,
    f: &ProfileForm,
    errors: &mut Vec<crate::error::FieldError>,
) -> Profile {
    use crate::error::{FieldError, Msg};
    let num_err = |field: &str| FieldError {
        field: field.into(),
        message: Msg("page.enter_number").into(),
    };
    let mut p = Profile {
        gender: match f.gender.as_str() {
            "male" => Some(Attr {
                value: Gender::Male,
                visibility: vis_of(&f.gender_vis),
            }),
            "female" => Some(Attr {
                value: Gender::Female,
                visibility: vis_of(&f.gender_vis),
            }),
            _ => None,
        },
        ..Profile::default()
    };
    let digits =
        |s: &str| -> String { s.trim().chars().map(antenna_ask::text::fold_char).collect() };
    if !f.birth_year.trim().is_empty() {
        match crate::i18n::parse_year(&f.birth_year).ok_or(()) {
            Ok(y) => {
                p.birth_year = Some(Attr {
                    value: y,
                    visibility: vis_of(&f.birth_year_vis),
                })
            }
            Err(_) => errors.push(num_err("birth_year")),
        }
    }
    let area = |pref: &str, muni: &str, vis: &str| {
        (!pref.trim().is_empty()).then(|| Attr {
            value: Area {
                prefecture: pref.trim().into(),
                municipality: Some(muni.trim().to_string()).filter(|m| !m.is_empty()),
            },
            visibility: vis_of(vis),
        })
    };
    p.residence = area(&f.res_pref, &f.res_muni, &f.res_vis);
    p.work_area = area(&f.work_pref, &f.work_muni, &f.work_vis);
    let items = split_list(&f.interests);
    if !items.is_empty() {
        let value = items
            .iter()
            .map(|item| {
                let high = item.ends_with('!') || item.ends_with('！');
                let word = item.trim_end_matches(['!', '！']);
                // the coach's vocabulary turns words into ids (フットサル → futsal)
                let topic = state
                    .engine
                    .check(word)
                    .ok()
                    .and_then(|r| {
                        r.criteria.into_iter().find_map(|c| {
                            if let Value::Interest { topic, .. } = c.value {
                                Some(topic)
                            } else {
                                None
                            }
                        })
                    })
                    .unwrap_or_else(|| word.to_string());
                InterestAttr {
                    topic,
                    intensity: if high {
                        Intensity::High
                    } else {
                        Intensity::Normal
                    },
                }
            })
            .collect();
        p.interests = Some(Attr {
            value,
            visibility: vis_of(&f.interests_vis),
        });
    }
    let stages = split_list(&f.life_stages);
    if !stages.is_empty() {
        let value = stages
            .iter()
            .map(|s| {
                state
                    .engine
                    .check(s)
                    .ok()
                    .and_then(|r| {
                        r.criteria.into_iter().find_map(|c| {
                            if let Value::LifeStage { stage } = c.value {
                                Some(stage)
                            } else {
                                None
                            }
                        })
                    })
                    .unwrap_or_else(|| s.clone())
            })
            .collect();
        p.life_stages = Some(Attr {
            value,
            visibility: vis_of(&f.life_stages_vis),
        });
    }
    if !f.company_size.trim().is_empty() {
        match digits(&f.company_size).replace(',', "").parse::<i64>() {
            Ok(n) => {
                p.company_size = Some(Attr {
                    value: n,
                    visibility: vis_of(&f.company_size_vis),
                })
            }
            Err(_) => errors.push(num_err("company_size")),
        }
    }
    if !f.office_tsubo.trim().is_empty() {
        match digits(&f.office_tsubo).replace(',', "").parse::<f64>() {
            Ok(n) => {
                p.office_tsubo = Some(Attr {
                    value: n,
                    visibility: vis_of(&f.office_tsubo_vis),
                })
            }
            Err(_) => errors.push(num_err("office_tsubo")),
        }
    }
    p
}
