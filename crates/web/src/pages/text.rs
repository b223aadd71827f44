//! The UI's words in Japanese and English: one catalogue for the whole web
//! app, `crates/web/i18n/ui.tsv` (antenna-i18n). Templates call
//! `t.s("key")`; errors carry a [`crate::error::Msg`] key. A missing key shows
//! itself, and a test checks that every key the code and the templates use
//! exists in both languages.

use crate::i18n::Lang;

antenna_i18n::catalogue!(pub(crate) static UI = "../../i18n/ui.tsv");

#[derive(Debug, Clone, Copy)]
pub struct Tr(pub Lang);

impl Tr {
    pub fn s(&self, key: &'static str) -> &'static str {
        UI.get(self.0, key)
    }
    pub fn code(&self) -> &'static str {
        self.0.code()
    }
    pub fn is_ja(&self) -> bool {
        self.0 == Lang::Ja
    }
}

#[cfg(test)]
mod tests {
    use super::UI;

    /// Every Rust file and template of the web crate, for [`antenna_i18n::check_used`].
    fn sources() -> Vec<(String, String)> {
        let mut out = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("src"), root.join("templates")];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "rs" || x == "html") {
                    // template paths ("board.html") are not keys
                    let text = std::fs::read_to_string(&p)
                        .unwrap()
                        .replace(".html\"", "_html\"");
                    out.push((p.display().to_string(), text));
                }
            }
        }
        out
    }

    #[test]
    fn every_text_is_in_japanese_and_english() {
        antenna_i18n::check_complete(&UI).unwrap();
    }

    #[test]
    fn every_key_the_code_uses_exists_and_none_is_unused() {
        let files = sources();
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        antenna_i18n::check_used(&UI, &refs).unwrap();
    }
}
