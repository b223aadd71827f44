//! Members in and out as spreadsheets: CSV as Excel or Google Sheets export
//! it, UTF-8 (with or without BOM) or Shift_JIS; headers in Japanese or
//! English. Import is previewed first, every bad row is listed by its line,
//! and nothing is written unless every row is good.

use std::collections::HashSet;

use serde::Serialize;

use antenna_store::{Member, MemberStatus, NewMember, Role};

use crate::error::{Msg, Text};

/// A row ready to import.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Row {
    pub line: usize,
    pub member: NewMember,
}

/// A problem on one line (line 1 is the header).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RowError {
    pub line: usize,
    pub field: String,
    pub message: Text,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Parsed {
    pub encoding: &'static str,
    pub rows: Vec<Row>,
    pub errors: Vec<RowError>,
}

/// Decodes UTF-8 (BOM stripped) or, failing that, Shift_JIS.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), Msg> {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(b) {
        return Ok((s.to_string(), "UTF-8"));
    }
    let (s, _, bad) = encoding_rs::SHIFT_JIS.decode(b);
    if bad {
        return Err(Msg("csv.cannot_read_file_s"));
    }
    Ok((s.into_owned(), "Shift_JIS"))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Col {
    Family,
    Given,
    FullName,
    FamilyKana,
    GivenKana,
    FullKana,
    Email,
    Company,
    Title,
    Industry,
    Offer,
    Role,
}

fn column(h: &str) -> Option<Col> {
    let h = h.trim().trim_start_matches('\u{feff}').to_lowercase();
    Some(match h.as_str() {
        "姓" | "苗字" | "名字" | "family_name" | "last name" | "last_name" | "surname" => {
            Col::Family
        }
        "名" | "名前" | "given_name" | "first name" | "first_name" => Col::Given,
        "氏名" | "お名前" | "name" | "full name" => Col::FullName,
        "せい" | "セイ" | "姓ふりがな" | "姓（ふりがな）" | "姓(ふりがな)" | "family_kana" => {
            Col::FamilyKana
        }
        "めい" | "メイ" | "名ふりがな" | "名（ふりがな）" | "名(ふりがな)" | "given_kana" => {
            Col::GivenKana
        }
        "ふりがな" | "フリガナ" | "よみがな" | "kana" => Col::FullKana,
        "メールアドレス" | "メール" | "email" | "e-mail" | "mail" => Col::Email,
        "会社名" | "会社" | "社名" | "所属" | "company" => Col::Company,
        "役職" | "肩書き" | "肩書" | "title" | "position" => Col::Title,
        "業種" | "業界" | "industry" => Col::Industry,
        "提供できること" | "事業内容" | "自己紹介" | "offer" | "about" => Col::Offer,
        "役割" | "権限" | "role" => Col::Role,
        _ => return None,
    })
}

fn split_name(s: &str) -> (String, String) {
    let s = s.trim();
    match s.split_once([' ', '\u{3000}']) {
        Some((a, b)) => (a.trim().to_string(), b.trim().to_string()),
        None => (s.to_string(), String::new()),
    }
}

fn row_error(line: usize, field: &str, m: impl Into<Text>) -> RowError {
    RowError {
        line,
        field: field.to_string(),
        message: m.into(),
    }
}

/// Parses and checks every row against the format and `existing` emails.
pub fn parse(bytes: &[u8], existing: &HashSet<String>) -> Parsed {
    let (text, encoding) = match decode(bytes) {
        Ok(x) => x,
        Err(m) => {
            return Parsed {
                encoding: "",
                rows: vec![],
                errors: vec![row_error(0, "file", m)],
            }
        }
    };
    // Excel writes CRLF; count lines as a person sees them
    let text = text.replace("\r\n", "\n");
    let mut out = Parsed {
        encoding,
        ..Parsed::default()
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = rdr.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        _ => {
            out.errors
                .push(row_error(1, "file", Msg("csv.file_has_no_header")));
            return out;
        }
    };
    let cols: Vec<Option<Col>> = header.iter().map(column).collect();
    let has = |c: Col| cols.contains(&Some(c));
    if !has(Col::Email) {
        out.errors
            .push(row_error(1, "email", Msg("csv.email_column_required")));
    }
    if !(has(Col::Family) || has(Col::FullName)) {
        out.errors.push(row_error(
            1,
            "family_name",
            Msg("csv.family_name_name_column"),
        ));
    }
    if !out.errors.is_empty() {
        return out;
    }
    let mut seen: HashSet<String> = HashSet::new();
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                out.errors.push(row_error(
                    line,
                    "row",
                    Text::fill("csv.bad_line", &[("error", &e)]),
                ));
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| p.line() as usize);
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut m = NewMember::default();
        let mut role_text = String::new();
        for (i, cell) in rec.iter().enumerate() {
            let cell = cell.trim();
            match cols.get(i).copied().flatten() {
                Some(Col::Family) => m.family_name = cell.into(),
                Some(Col::Given) => m.given_name = cell.into(),
                Some(Col::FullName) => (m.family_name, m.given_name) = split_name(cell),
                Some(Col::FamilyKana) => m.family_kana = cell.into(),
                Some(Col::GivenKana) => m.given_kana = cell.into(),
                Some(Col::FullKana) => (m.family_kana, m.given_kana) = split_name(cell),
                Some(Col::Email) => m.email = cell.to_lowercase(),
                Some(Col::Company) => m.company = cell.into(),
                Some(Col::Title) => m.title = cell.into(),
                Some(Col::Industry) => m.industry = cell.into(),
                Some(Col::Offer) => m.offer = cell.into(),
                Some(Col::Role) => role_text = cell.to_lowercase(),
                None => {}
            }
        }
        let before = out.errors.len();
        if let Some(p) = crate::validate::email_problem(&m.email) {
            out.errors.push(row_error(line, "email", p));
        } else if existing.contains(&m.email) {
            out.errors.push(row_error(
                line,
                "email",
                Text::fill("csv.already_member", &[("email", &m.email)]),
            ));
        } else if !seen.insert(m.email.clone()) {
            out.errors.push(row_error(
                line,
                "email",
                Text::fill("csv.twice_in_file", &[("email", &m.email)]),
            ));
        }
        for fe in crate::validate::name_fields(
            &m.family_name,
            &m.given_name,
            &m.family_kana,
            &m.given_kana,
        ) {
            out.errors.push(RowError {
                line,
                field: fe.field,
                message: fe.message,
            });
        }
        m.role = match role_text.as_str() {
            "" | "member" | "メンバー" | "会員" => Some(Role::Member),
            "organizer" | "運営" | "管理者" | "主催者" => Some(Role::Organizer),
            _ => {
                out.errors
                    .push(row_error(line, "role", Msg("csv.role_member_organizer")));
                None
            }
        };
        m.status = Some(MemberStatus::Invited);
        if out.errors.len() == before {
            out.rows.push(Row { line, member: m });
        }
    }
    if out.rows.is_empty() && out.errors.is_empty() {
        out.errors
            .push(row_error(2, "file", Msg("csv.there_are_no_member")));
    }
    out
}

/// A cell that a spreadsheet will not run: a leading =, +, -, @ (or a tab or
/// carriage return before one) would start a formula, so it gets a `'`.
fn formula_safe(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// Members as CSV (UTF-8 with BOM, so Excel opens it in Japanese).
pub fn export(members: &[Member]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header = [
        "姓",
        "名",
        "せい",
        "めい",
        "メールアドレス",
        "会社名",
        "役職",
        "業種",
        "提供できること",
        "役割",
        "状態",
    ];
    // writing to memory cannot fail
    let _ = w.write_record(header);
    for m in members {
        let row = [
            m.family_name.as_str(),
            &m.given_name,
            &m.family_kana,
            &m.given_kana,
            &m.email,
            &m.company,
            &m.title,
            &m.industry,
            &m.offer,
            m.role.as_str(),
            m.status.as_str(),
        ];
        let _ = w.write_record(row.iter().map(|c| formula_safe(c).into_owned()));
    }
    let body = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_jis_files_with_japanese_headers_are_read() {
        let text = "氏名,ふりがな,メールアドレス,会社名\r\n山田 太郎,やまだ たろう,Taro@Example.jp,山田商店\r\n";
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        let p = parse(&sjis, &HashSet::new());
        assert_eq!(p.encoding, "Shift_JIS");
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.rows[0].member.family_name, "山田");
        assert_eq!(p.rows[0].member.given_kana, "たろう");
        assert_eq!(p.rows[0].member.email, "taro@example.jp");
    }

    #[test]
    fn bad_rows_are_listed_by_line() {
        let text = "姓,名,メールアドレス\n山田,太郎,taro@example.jp\n,花子,hanako@example.jp\n鈴木,一郎,not-an-email\n佐藤,次郎,taro@example.jp\n";
        let p = parse(text.as_bytes(), &HashSet::new());
        let lines: Vec<(usize, &str)> = p
            .errors
            .iter()
            .map(|e| (e.line, e.field.as_str()))
            .collect();
        assert_eq!(lines, vec![(3, "family_name"), (4, "email"), (5, "email")]);
        assert_eq!(p.rows.len(), 1);
    }

    #[test]
    fn exported_cells_cannot_run_as_formulas() {
        let m = Member {
            id: 1,
            email: "a@example.jp".into(),
            role: antenna_store::Role::Member,
            status: antenna_store::MemberStatus::Active,
            family_name: "=HYPERLINK(\"x\")".into(),
            given_name: "太郎, 次郎".into(),
            family_kana: "-1".into(),
            given_kana: "@".into(),
            company: "\"引用\"".into(),
            title: "1\n2".into(),
            industry: String::new(),
            offer: "+3".into(),
            lang: antenna_ask::Lang::Ja,
            created_at: 0,
            password_hash: None,
            failed_logins: 0,
            locked_until: None,
        };
        let out = export(&[m]);
        let line = out.split("\r\n").nth(1).unwrap();
        assert!(
            line.starts_with("\"'=HYPERLINK(\"\"x\"\")\",\"太郎, 次郎\",'-1,'@,a@example.jp,\"\"\"引用\"\"\",\"1\n2\",,'+3,"),
            "{line}"
        );
        assert!(out.starts_with("\u{feff}姓,名,"));
    }
}
