//! A member's matching attributes (プロフィールの属性), each with its own visibility.
//!
//! Stored as JSON by the store crate; the web layer edits it; matching reads
//! it. `private` attributes are used for matching and counts only and are
//! never shown to anyone, the member excepted (see [`Profile::visible_to`]).

use antenna_ask::{Gender, Intensity, Level};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "openapi",
    schema(description = "Who may see an attribute: `private` ones only count for matching.")
)]
pub enum Visibility {
    /// Anyone who can see the member's page.
    Public,
    /// Members of the community only.
    #[default]
    Members,
    /// Nobody: used for matching and counts only.
    Private,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attr<T> {
    pub value: T,
    #[serde(default)]
    pub visibility: Visibility,
}

/// A place: prefecture, and optionally a municipality or ward (as in the census: 世田谷区, 横浜市青葉区).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Area {
    #[cfg_attr(feature = "openapi", schema(example = "東京都"))]
    pub prefecture: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
}

impl Area {
    /// The most precise name of the area: the municipality when given, else the prefecture.
    pub fn place_name(&self) -> &str {
        self.municipality
            .as_deref()
            .filter(|m| !m.trim().is_empty())
            .unwrap_or(&self.prefecture)
    }

    /// The census level of [`Area::place_name`], guessed from its suffix
    /// (a prefecture alone, a ward 〜区, else a municipality).
    pub fn level(&self) -> Level {
        let name = self.place_name();
        if name == self.prefecture {
            Level::Prefecture
        } else if name.ends_with('区') {
            Level::Ward
        } else {
            Level::City
        }
    }
}

/// An interest by its canonical id (`futsal`) or, when the vocabulary has none, the member's words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = Interest))]
pub struct InterestAttr {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 50))]
    pub topic: String,
    #[serde(default = "normal")]
    pub intensity: Intensity,
}

fn normal() -> Intensity {
    Intensity::Normal
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "openapi",
    schema(description = "A member's matching attributes. What a viewer may not see is absent.")
)]
pub struct Profile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Attr<Gender>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<Attr<i32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residence: Option<Attr<Area>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_area: Option<Attr<Area>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interests: Option<Attr<Vec<InterestAttr>>>,
    /// Life-stage ids (`housewife`, `working_mother`, `university_student`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub life_stages: Option<Attr<Vec<String>>>,
    /// Employees of the member's company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_size: Option<Attr<i64>>,
    /// Office floor area in 坪.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office_tsubo: Option<Attr<f64>>,
}

/// Who is looking at a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// The member themselves: sees everything, private included.
    Owner,
    /// Another logged-in member or the organizer.
    Member,
    /// Someone not logged in.
    Public,
}

fn keep<T: Clone>(a: &Option<Attr<T>>, viewer: Viewer) -> Option<Attr<T>> {
    a.as_ref()
        .filter(|a| match (viewer, a.visibility) {
            (Viewer::Owner, _) => true,
            (_, Visibility::Private) => false,
            (Viewer::Member, _) => true,
            (Viewer::Public, Visibility::Public) => true,
            (Viewer::Public, _) => false,
        })
        .cloned()
}

impl Profile {
    /// The profile as `viewer` may see it: hidden attributes removed entirely.
    pub fn visible_to(&self, viewer: Viewer) -> Profile {
        Profile {
            gender: keep(&self.gender, viewer),
            birth_year: keep(&self.birth_year, viewer),
            residence: keep(&self.residence, viewer),
            work_area: keep(&self.work_area, viewer),
            interests: keep(&self.interests, viewer),
            life_stages: keep(&self.life_stages, viewer),
            company_size: keep(&self.company_size, viewer),
            office_tsubo: keep(&self.office_tsubo, viewer),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Profile::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_attributes_are_shown_to_their_owner_only() {
        let p = Profile {
            gender: Some(Attr {
                value: Gender::Female,
                visibility: Visibility::Private,
            }),
            birth_year: Some(Attr {
                value: 1988,
                visibility: Visibility::Members,
            }),
            residence: Some(Attr {
                value: Area {
                    prefecture: "東京都".into(),
                    municipality: Some("世田谷区".into()),
                },
                visibility: Visibility::Public,
            }),
            ..Profile::default()
        };
        assert!(p.visible_to(Viewer::Owner).gender.is_some());
        assert!(p.visible_to(Viewer::Member).gender.is_none());
        assert!(p.visible_to(Viewer::Member).birth_year.is_some());
        assert!(p.visible_to(Viewer::Public).birth_year.is_none());
        assert!(p.visible_to(Viewer::Public).residence.is_some());
        let json = serde_json::to_string(&p.visible_to(Viewer::Member)).unwrap();
        assert!(!json.contains("female"), "{json}");
    }
}
