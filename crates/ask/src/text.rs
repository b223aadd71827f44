//! Input checks and the character folding every matcher works on.
//!
//! Folding is strictly one character to one character, so a match found in
//! the folded text has the same character offsets in the original: spans
//! never need re-mapping and `surface == text[span]` holds by construction.
//! Full-width ASCII becomes half-width, ASCII letters become lower case,
//! half-width katakana becomes full-width (voicing marks stay separate
//! characters), and the many wave dashes become `〜`.

use crate::AskError;

/// The longest ask the engine reads, in characters.
pub const MAX_CHARS: usize = 2000;

/// Rejects text a person could not have meant as an ask.
pub fn validate(text: &str) -> Result<(), AskError> {
    if text.trim().is_empty() {
        return Err(AskError::Empty);
    }
    let n = text.chars().count();
    if n > MAX_CHARS {
        return Err(AskError::TooLong {
            chars: n,
            max: MAX_CHARS,
        });
    }
    if let Some((i, c)) = text
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(AskError::ControlChar {
            at: i,
            code: c as u32,
        });
    }
    Ok(())
}

/// Folds one character (see the module comment).
pub fn fold_char(c: char) -> char {
    let u = c as u32;
    match c {
        '\u{3000}' => ' ',
        '\u{301C}' | '\u{FF5E}' | '~' | '\u{2053}' | '\u{223C}' => '〜',
        '\u{FF0D}' | '\u{2212}' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => '-',
        '\u{2014}' | '\u{2015}' => '-',
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{FF01}'..='\u{FF5D}' => {
            let a = char::from_u32(u - 0xFF01 + 0x21).unwrap_or(c);
            a.to_ascii_lowercase()
        }
        '\u{FF61}'..='\u{FF9F}' => halfwidth_kana(c),
        'À'..='ÿ' => latin1_base(c),
        _ => c,
    }
}

/// Accented Latin letters as their base letter (café → cafe), lower case.
fn latin1_base(c: char) -> char {
    match c {
        'À'..='Å' | 'à'..='å' => 'a',
        'Ç' | 'ç' => 'c',
        'È'..='Ë' | 'è'..='ë' => 'e',
        'Ì'..='Ï' | 'ì'..='ï' => 'i',
        'Ñ' | 'ñ' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' => 'o',
        'Ù'..='Ü' | 'ù'..='ü' => 'u',
        'Ý' | 'ý' | 'ÿ' => 'y',
        _ => c,
    }
}

fn halfwidth_kana(c: char) -> char {
    const TABLE: &str = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜";
    let i = (c as u32 - 0xFF61) as usize;
    TABLE.chars().nth(i).unwrap_or(c)
}

/// The folded text and the byte offset of every character, for slicing.
pub struct Folded {
    pub text: String,
    /// `byte_at[i]` is the byte offset of character `i`; one extra entry for the end.
    pub byte_at: Vec<usize>,
}

impl Folded {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut byte_at = Vec::with_capacity(original.len() + 1);
        for c in original.chars() {
            byte_at.push(text.len());
            text.push(fold_char(c));
        }
        byte_at.push(text.len());
        Folded { text, byte_at }
    }

    pub fn len(&self) -> usize {
        self.byte_at.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The folded text of characters `a..b`.
    pub fn slice(&self, a: usize, b: usize) -> &str {
        &self.text[self.byte_at[a]..self.byte_at[b]]
    }

    /// Character index of a byte offset (which must start a character).
    pub fn char_at_byte(&self, byte: usize) -> usize {
        self.byte_at.partition_point(|&b| b < byte)
    }

    pub fn char(&self, i: usize) -> Option<char> {
        if i >= self.len() {
            return None;
        }
        self.text[self.byte_at[i]..].chars().next()
    }
}

/// Characters `a..b` of the original text.
pub fn original_slice(original: &str, folded: &Folded, a: usize, b: usize) -> String {
    let mut out = String::new();
    for (i, c) in original.chars().enumerate() {
        if i >= b {
            break;
        }
        if i >= a {
            out.push(c);
        }
    }
    debug_assert_eq!(out.chars().count(), b - a, "{}", folded.len());
    out
}

pub fn is_kana_or_kanji(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x31F0..=0x31FF)
}

pub fn is_kanji(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
        || c == '々'
        || c == 'ヶ'
}

pub fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A0..=0x30FF)
}

pub fn is_hiragana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x309F)
}

pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_one_character_per_character() {
        let s = "ＩＴ企業の３０代　ｱﾗｻｰ～40代";
        let f = Folded::new(s);
        assert_eq!(f.len(), s.chars().count());
        assert_eq!(f.text, "it企業の30代 アラサー〜40代");
    }

    #[test]
    fn validation_names_the_problem() {
        assert!(matches!(validate("  \n "), Err(AskError::Empty)));
        assert!(matches!(
            validate(&"あ".repeat(2001)),
            Err(AskError::TooLong { .. })
        ));
        assert!(matches!(
            validate("a\u{7}b"),
            Err(AskError::ControlChar { at: 1, .. })
        ));
        assert!(validate("社長を紹介してください").is_ok());
    }
}
