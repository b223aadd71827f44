//! How typed values live in TEXT columns, on both backends.
//!
//! Every stored value has one text form ([`TextForm`]): the store's own enums
//! their `strum` names (`snake_case`, the same as their serde names), the
//! engine's [`Band`] its name (`thin`, as in the ask JSON), [`Lang`]
//! its code (`ja`), a [`Date`] `YYYY-MM-DD` ([`ISO_DATE`]), which sorts as
//! text the way dates do (years 1000–9999), so SQL compares expiry dates as
//! text. Columns keep the TEXT type they have on each dialect: nothing here
//! uses a database date type.
//!
//! The store's enums implement the sqlx traits themselves
//! ([`stored_as_text!`]); foreign types are bound as [`Text`] and decoded
//! through it (`#[sqlx(try_from = "Text<Band>")]`), or through [`OptText`]
//! for a nullable column. A stored text that is not a known value is a
//! decode error ([`UnknownValue`]), which the store reports as
//! [`crate::StoreError::Corrupt`].

use std::borrow::Cow;

use antenna_ask::{Band, Lang};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use time::format_description::BorrowedFormatItem;
use time::Date;

/// A stored text that is not one of the known values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?}")]
pub struct UnknownValue {
    pub what: &'static str,
    pub value: String,
}

/// The format of stored dates (and of dates in JSON): `2026-12-31`.
pub const ISO_DATE: &[BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

// `iso_date`: serde for a `Date` as `YYYY-MM-DD` (ISO_DATE):
// `#[serde(with = "antenna_store::iso_date")]`, or
// `"antenna_store::iso_date::option"` for an `Option<Date>` (with
// `#[serde(default)]` if the field may be missing).
time::serde::format_description!(pub iso_date, Date, ISO_DATE);

/// A value with one text form in the database.
pub trait TextForm: Sized {
    /// What the value is, for [`UnknownValue`].
    const WHAT: &'static str;
    fn to_text(&self) -> Result<Cow<'static, str>, BoxDynError>;
    fn from_text(text: &str) -> Option<Self>;

    /// [`TextForm::from_text`], or the [`UnknownValue`] it was not.
    fn parse_text(text: String) -> Result<Self, UnknownValue> {
        Self::from_text(&text).ok_or(UnknownValue {
            what: Self::WHAT,
            value: text,
        })
    }
}

impl TextForm for Band {
    const WHAT: &'static str = "band";
    fn to_text(&self) -> Result<Cow<'static, str>, BoxDynError> {
        Ok(Cow::Borrowed(self.as_str()))
    }
    fn from_text(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

impl TextForm for Lang {
    const WHAT: &'static str = "language";
    fn to_text(&self) -> Result<Cow<'static, str>, BoxDynError> {
        Ok(Cow::Borrowed(self.code()))
    }
    fn from_text(text: &str) -> Option<Self> {
        Lang::ALL.into_iter().find(|l| l.code() == text)
    }
}

impl TextForm for Date {
    const WHAT: &'static str = "date";
    fn to_text(&self) -> Result<Cow<'static, str>, BoxDynError> {
        Ok(Cow::Owned(self.format(ISO_DATE)?))
    }
    fn from_text(text: &str) -> Option<Self> {
        Date::parse(text, ISO_DATE).ok()
    }
}

/// A [`TextForm`] value bound to, or decoded from, a TEXT column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text<T>(pub T);

/// A nullable TEXT column of [`TextForm`] values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptText<T>(pub Option<T>);

impl<DB: sqlx::Database, T> sqlx::Type<DB> for Text<T>
where
    String: sqlx::Type<DB>,
{
    fn type_info() -> DB::TypeInfo {
        <String as sqlx::Type<DB>>::type_info()
    }
    fn compatible(ty: &DB::TypeInfo) -> bool {
        <String as sqlx::Type<DB>>::compatible(ty)
    }
}

impl<'q, DB: sqlx::Database, T: TextForm> sqlx::Encode<'q, DB> for Text<T>
where
    String: sqlx::Encode<'q, DB>,
{
    fn encode_by_ref(
        &self,
        buf: &mut <DB as sqlx::Database>::ArgumentBuffer<'q>,
    ) -> Result<IsNull, BoxDynError> {
        self.0.to_text()?.into_owned().encode(buf)
    }
}

impl<'r, DB: sqlx::Database, T: TextForm> sqlx::Decode<'r, DB> for Text<T>
where
    String: sqlx::Decode<'r, DB>,
{
    fn decode(value: DB::ValueRef<'r>) -> Result<Self, BoxDynError> {
        let text = <String as sqlx::Decode<'r, DB>>::decode(value)?;
        Ok(Text(T::parse_text(text)?))
    }
}

impl<DB: sqlx::Database, T> sqlx::Type<DB> for OptText<T>
where
    String: sqlx::Type<DB>,
{
    fn type_info() -> DB::TypeInfo {
        <String as sqlx::Type<DB>>::type_info()
    }
    fn compatible(ty: &DB::TypeInfo) -> bool {
        <String as sqlx::Type<DB>>::compatible(ty)
    }
}

impl<'r, DB: sqlx::Database, T: TextForm> sqlx::Decode<'r, DB> for OptText<T>
where
    String: sqlx::Decode<'r, DB>,
    String: sqlx::Type<DB>,
{
    fn decode(value: DB::ValueRef<'r>) -> Result<Self, BoxDynError> {
        let text = <Option<String> as sqlx::Decode<'r, DB>>::decode(value)?;
        Ok(OptText(text.map(T::parse_text).transpose()?))
    }
}

impl From<Text<Band>> for Band {
    fn from(t: Text<Band>) -> Self {
        t.0
    }
}

impl From<Text<Lang>> for Lang {
    fn from(t: Text<Lang>) -> Self {
        t.0
    }
}

impl From<OptText<Date>> for Option<Date> {
    fn from(t: OptText<Date>) -> Self {
        t.0
    }
}

/// An enum of the store stored as text: its `strum` names (`as_str`,
/// `FromStr`) are the text, and it binds and decodes as text on any backend.
macro_rules! stored_as_text {
    ($t:ty, $what:literal) => {
        impl $t {
            /// The stored (and serde) name.
            pub fn as_str(self) -> &'static str {
                self.into()
            }
        }

        impl $crate::column::TextForm for $t {
            const WHAT: &'static str = $what;
            fn to_text(&self) -> Result<std::borrow::Cow<'static, str>, sqlx::error::BoxDynError> {
                Ok(std::borrow::Cow::Borrowed(self.as_str()))
            }
            fn from_text(text: &str) -> Option<Self> {
                text.parse().ok()
            }
        }

        impl TryFrom<String> for $t {
            type Error = $crate::column::UnknownValue;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                <Self as $crate::column::TextForm>::parse_text(value)
            }
        }

        impl<DB: sqlx::Database> sqlx::Type<DB> for $t
        where
            String: sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <String as sqlx::Type<DB>>::type_info()
            }
            fn compatible(ty: &DB::TypeInfo) -> bool {
                <String as sqlx::Type<DB>>::compatible(ty)
            }
        }

        impl<'q, DB: sqlx::Database> sqlx::Encode<'q, DB> for $t
        where
            &'q str: sqlx::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                let text: &'q str = self.as_str();
                <&'q str as sqlx::Encode<'q, DB>>::encode(text, buf)
            }
        }

        impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for $t
        where
            String: sqlx::Decode<'r, DB>,
        {
            fn decode(value: DB::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                let text = <String as sqlx::Decode<'r, DB>>::decode(value)?;
                Ok(<Self as $crate::column::TextForm>::parse_text(text)?)
            }
        }
    };
}

pub(crate) use stored_as_text;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AskStatus, InvitationKind, MemberStatus, Role};
    use strum::VariantArray;

    /// The text form, back, and the serde form, for every value.
    fn round_trip<T>(values: &[T])
    where
        T: TextForm + PartialEq + std::fmt::Debug + serde::Serialize + Clone,
    {
        for v in values {
            let text = v.to_text().unwrap();
            assert_eq!(T::from_text(&text).as_ref(), Some(v), "{text}");
            assert_eq!(serde_json::to_value(v).unwrap(), text.as_ref(), "{v:?}");
        }
        assert_eq!(
            T::parse_text("nonsense".into()),
            Err(UnknownValue {
                what: T::WHAT,
                value: "nonsense".into()
            })
        );
    }

    #[test]
    fn every_value_has_one_text_form() {
        round_trip(Role::VARIANTS);
        round_trip(MemberStatus::VARIANTS);
        round_trip(AskStatus::VARIANTS);
        round_trip(InvitationKind::VARIANTS);
        round_trip(&Lang::ALL);
        round_trip(Band::VARIANTS);
        assert_eq!(AskStatus::Published.as_str(), "published");
        assert_eq!(InvitationKind::Reset.to_string(), "reset");
        assert_eq!(Band::Narrow.to_text().unwrap(), "narrow");
        // Exact stored text only (no case folding, no language tags).
        assert_eq!(Role::from_text("Member"), None);
        assert_eq!(Lang::from_text("en-US"), None);
    }

    #[test]
    fn dates_are_iso_text_that_sorts_like_dates() {
        let d = time::macros::date!(2026 - 12 - 31);
        assert_eq!(d.to_text().unwrap(), "2026-12-31");
        assert_eq!(Date::from_text("2026-12-31"), Some(d));
        for bad in ["2026-02-30", "2026/12/31", "2026-12-31x", "26-12-31", ""] {
            assert_eq!(Date::from_text(bad), None, "{bad}");
        }
        let a = time::macros::date!(2026 - 09 - 30);
        assert!(a < d && a.to_text().unwrap() < d.to_text().unwrap());

        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct S {
            #[serde(with = "iso_date::option", default)]
            on: Option<Date>,
        }
        let json = serde_json::to_string(&S { on: Some(d) }).unwrap();
        assert_eq!(json, r#"{"on":"2026-12-31"}"#);
        assert_eq!(serde_json::from_str::<S>(&json).unwrap().on, Some(d));
        assert_eq!(serde_json::from_str::<S>("{}").unwrap().on, None);
        assert!(serde_json::from_str::<S>(r#"{"on":"31/12/2026"}"#).is_err());
    }
}
