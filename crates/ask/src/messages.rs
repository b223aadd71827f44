//! The engine's texts (findings, suggestions, chip labels) in Japanese and
//! English: `data/messages.tsv`, read through the shared catalogue
//! (`antenna-i18n`). Parsed once, on first use; lookups do not allocate.

antenna_i18n::catalogue!(pub(crate) static MSG = "../data/messages.tsv");

#[cfg(test)]
mod tests {
    use super::MSG;
    use crate::Lang;
    use std::path::Path;

    /// Every `.rs` file under `src/` except this one, as `(path, text)`.
    fn sources() -> Vec<(String, String)> {
        fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
            let mut entries: Vec<_> = std::fs::read_dir(dir)
                .expect("read src/")
                .map(|e| e.expect("dir entry").path())
                .collect();
            entries.sort();
            for p in entries {
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|e| e == "rs") && !p.ends_with("messages.rs") {
                    let text = std::fs::read_to_string(&p).expect("read source");
                    out.push((p.display().to_string(), text));
                }
            }
        }
        let mut out = Vec::new();
        walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
        assert!(out.len() > 10, "found the engine's sources");
        out
    }

    #[test]
    fn every_key_has_both_languages() {
        antenna_i18n::check_complete(&MSG).unwrap();
        assert!(MSG.len() > 30, "the catalogue is loaded");
    }

    #[test]
    fn the_code_uses_exactly_the_catalogue_keys() {
        let src = sources();
        let refs: Vec<(&str, &str)> = src.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        antenna_i18n::check_used(&MSG, &refs).unwrap();
        // the check can fail: a key the code does not quote is reported
        let without_findings: Vec<_> = refs
            .iter()
            .copied()
            .filter(|(p, _)| !p.ends_with("findings.rs"))
            .collect();
        assert!(antenna_i18n::check_used(&MSG, &without_findings).is_err());
    }

    #[test]
    fn texts_are_read_verbatim() {
        // the English separator keeps its spaces; quotes are plain text
        assert_eq!(MSG.get(Lang::En, "dim.sep"), ", or ");
        assert_eq!(MSG.get(Lang::Ja, "dim.sep"), "、");
        assert_eq!(
            MSG.fill(Lang::En, "finding.unquantified", &[("s", &"rich")]),
            "\"rich\" is a matter of degree: each listener pictures a different threshold."
        );
        assert_eq!(
            MSG.fill(Lang::Ja, "label.age.range", &[("a", &25), ("b", &35)]),
            "25〜35歳"
        );
    }
}
