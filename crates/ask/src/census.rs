//! Population counts from the 2020 census (令和2年国勢調査, 総務省統計局),
//! copied into `data/jp/` from the project's shared data with its provenance.
//!
//! The table gives, for the nation, every prefecture and every municipality
//! or ward, the population by sex and five-year age band. The specificity
//! model reads joint shares (place × sex × age) straight from it instead of
//! multiplying three marginals, so 「世田谷区の30代男性」 uses Setagaya's own
//! age pyramid.

use std::collections::HashMap;

use crate::types::Gender;

const AREAS: &str = include_str!("../data/jp/areas_sex_age5_2020census.csv");

const BANDS: usize = 21;

/// Sex × age counts for one area: `[total, male, female][band]`.
type Pyramid = [[f64; BANDS]; 3];

pub struct Census {
    areas: HashMap<String, Pyramid>,
    /// People aged 20 and over with known age, nationwide: the reference population.
    adults: f64,
}

/// An inclusive age range in years; `None` ends are open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeRange {
    pub min: Option<u32>,
    pub max: Option<u32>,
}

impl AgeRange {
    pub const ADULT: AgeRange = AgeRange {
        min: Some(20),
        max: None,
    };
}

pub const NATION: &str = "00000";

impl Census {
    pub fn load() -> Self {
        let mut areas = HashMap::new();
        for line in AREAS.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            if f.len() < 6 + BANDS {
                continue;
            }
            let sex = match f[4] {
                "total" => 0,
                "male" => 1,
                "female" => 2,
                _ => continue,
            };
            let entry = areas.entry(f[0].to_string()).or_insert([[0.0; BANDS]; 3]);
            for b in 0..BANDS {
                entry[sex][b] = f[6 + b].parse().unwrap_or(0.0);
            }
        }
        let mut c = Census { areas, adults: 1.0 };
        c.adults = c.count(NATION, None, AgeRange::ADULT).max(1.0);
        c
    }

    pub fn has_area(&self, code5: &str) -> bool {
        self.areas.contains_key(code5)
    }

    /// People in `code5` of the given sex within the age range (bands split evenly by year).
    pub fn count(&self, code5: &str, sex: Option<Gender>, age: AgeRange) -> f64 {
        let Some(p) = self.areas.get(code5) else {
            return 0.0;
        };
        let row = &p[match sex {
            None => 0,
            Some(Gender::Male) => 1,
            Some(Gender::Female) => 2,
        }];
        let lo = age.min.unwrap_or(0) as f64;
        let hi = age.max.map(|m| m as f64 + 1.0).unwrap_or(110.0);
        let mut sum = 0.0;
        for (b, &n) in row.iter().enumerate() {
            let (a, z) = (
                b as f64 * 5.0,
                if b == BANDS - 1 {
                    110.0
                } else {
                    b as f64 * 5.0 + 5.0
                },
            );
            let overlap = (hi.min(z) - lo.max(a)).max(0.0);
            if overlap > 0.0 {
                sum += n * overlap / (z - a);
            }
        }
        sum
    }

    /// Share of the reference population (adults nationwide) in `code5` with this sex and age.
    pub fn share(&self, code5: &str, sex: Option<Gender>, age: Option<AgeRange>) -> f64 {
        self.count(code5, sex, age.unwrap_or(AgeRange::ADULT)) / self.adults
    }

    /// Share of the reference population of this sex and age, nationwide.
    pub fn demographic_share(&self, sex: Option<Gender>, age: Option<AgeRange>) -> f64 {
        self.share(NATION, sex, age)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setagaya_men_in_their_thirties_are_about_one_in_a_thousand_adults() {
        let c = Census::load();
        let s = c.share(
            "13112",
            Some(Gender::Male),
            Some(AgeRange {
                min: Some(30),
                max: Some(39),
            }),
        );
        assert!(s > 0.0005 && s < 0.002, "{s}");
    }

    #[test]
    fn men_are_about_half_of_adults() {
        let c = Census::load();
        let s = c.demographic_share(Some(Gender::Male), None);
        assert!(s > 0.45 && s < 0.5, "{s}");
    }
}
