//! `antenna check`: one ask as a readable report or JSON, or a JSON-lines batch.

use std::io::{BufRead, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use antenna_ask::{Band, Community, Engine, FindingCode, Lang, Reading, Value};

#[derive(clap::Args)]
pub struct CheckArgs {
    /// The ask to read (omit with --jsonl)
    text: Option<String>,
    /// Print the answer as JSON (the ask-json contract)
    #[arg(long)]
    json: bool,
    /// Read a JSON-lines file of {"text": ...} objects ("-" for standard input); one answer per line
    #[arg(long, value_name = "FILE")]
    jsonl: Option<PathBuf>,
    /// Members in the community
    #[arg(long, default_value_t = 120)]
    members: u32,
    /// People each member knows well enough to introduce
    #[arg(long, default_value_t = 150)]
    acquaintances: u32,
}

fn usage(msg: &str) -> anyhow::Result<ExitCode> {
    eprintln!("antenna check: {msg}");
    Ok(ExitCode::from(2))
}

pub fn run(dict: &Path, args: CheckArgs) -> anyhow::Result<ExitCode> {
    if args.text.is_some() == args.jsonl.is_some() {
        return usage("give either an ask as TEXT or --jsonl FILE");
    }
    if args.members == 0 {
        return usage("--members must be at least 1");
    }
    let community = Community {
        members: args.members,
        acquaintances_each: args.acquaintances,
        matching_members: None,
    };
    if let Some(text) = &args.text {
        if let Err(e) = antenna_ask::text::validate(text) {
            return usage(&e.to_string());
        }
    }
    let engine = Engine::from_path(dict)?;
    if let Some(path) = &args.jsonl {
        return batch(&engine, path, &community);
    }
    let text = args.text.unwrap_or_default();
    let reading = match engine.check_for(&text, &community) {
        Ok(r) => r,
        Err(e) => return usage(&e.to_string()),
    };
    if args.json {
        println!("{}", serde_json::to_string(&reading)?);
    } else {
        print!("{}", report(&reading, std::io::stdout().is_terminal()));
    }
    Ok(ExitCode::SUCCESS)
}

fn batch(engine: &Engine, path: &Path, community: &Community) -> anyhow::Result<ExitCode> {
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        match std::fs::File::open(path) {
            Ok(f) => Box::new(std::io::BufReader::new(f)),
            Err(e) => return usage(&format!("{}: {e}", path.display())),
        }
    };
    let out = std::io::stdout();
    let mut out = BufWriter::new(out.lock());
    let mut bad = 0usize;
    for (i, line) in reader.split(b'\n').enumerate() {
        let n = i + 1;
        let line = line?;
        let answer = match String::from_utf8(line) {
            Err(_) => Err(("invalid_utf8", "the line is not valid UTF-8".to_string())),
            Ok(s) if s.trim().is_empty() => continue,
            Ok(s) => match serde_json::from_str::<serde_json::Value>(&s) {
                Err(e) => Err(("invalid_json", format!("not a JSON object: {e}"))),
                Ok(v) => match v.get("text").and_then(|t| t.as_str()) {
                    None => Err(("missing_text", "no \"text\" string field".to_string())),
                    Some(t) => engine
                        .check_for(t, community)
                        .map_err(|e| (e.code(), e.to_string())),
                },
            },
        };
        match answer {
            Ok(r) => serde_json::to_writer(&mut out, &r)?,
            Err((code, msg)) => {
                bad += 1;
                eprintln!("antenna check: {}:{n}: {msg}", path.display());
                serde_json::to_writer(
                    &mut out,
                    &serde_json::json!({"line": n, "error": {"code": code, "message": msg}}),
                )?;
            }
        }
        out.write_all(b"\n")?;
    }
    out.flush()?;
    if bad > 0 {
        eprintln!("antenna check: {bad} line(s) could not be read");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn kind_name(v: &Value, lang: Lang) -> &'static str {
    let ja = lang == Lang::Ja;
    match v {
        Value::Gender(_) => {
            if ja {
                "性別"
            } else {
                "gender"
            }
        }
        Value::Age { .. } => {
            if ja {
                "年代"
            } else {
                "age"
            }
        }
        Value::Location { .. } => {
            if ja {
                "場所"
            } else {
                "place"
            }
        }
        Value::Role { .. } => {
            if ja {
                "立場"
            } else {
                "role"
            }
        }
        Value::Industry { .. } => {
            if ja {
                "業種"
            } else {
                "industry"
            }
        }
        Value::Interest { .. } => {
            if ja {
                "興味"
            } else {
                "interest"
            }
        }
        Value::LifeStage { .. } => {
            if ja {
                "ライフステージ"
            } else {
                "life stage"
            }
        }
        Value::Skill { .. } => {
            if ja {
                "スキル"
            } else {
                "skill"
            }
        }
        Value::Desire { .. } => {
            if ja {
                "希望・予定"
            } else {
                "plan/wish"
            }
        }
        Value::Numeric { .. } => {
            if ja {
                "数値"
            } else {
                "number"
            }
        }
        Value::Named { .. } => {
            if ja {
                "指名"
            } else {
                "named"
            }
        }
        Value::Other { .. } => {
            if ja {
                "その他"
            } else {
                "other"
            }
        }
    }
}

/// The human-readable report: the ask with its parts marked, then the figures.
pub fn report(r: &Reading, color: bool) -> String {
    let ja = r.lang == Lang::Ja;
    let (g, y, b, dim, off) = if color {
        ("\x1b[32m", "\x1b[33m", "\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "", "", "")
    };
    let chars: Vec<char> = r.text.chars().collect();
    let mut marked = String::new();
    for (i, c) in chars.iter().enumerate() {
        for f in &r.criteria {
            if f.span[0] == i {
                marked.push_str(g);
                marked.push('[');
            }
        }
        for f in &r.findings {
            if f.span.is_some_and(|s| s[0] == i) {
                marked.push_str(y);
                marked.push('{');
            }
        }
        marked.push(*c);
        for f in &r.findings {
            if f.span.is_some_and(|s| s[1] == i + 1) {
                marked.push('}');
                marked.push_str(off);
            }
        }
        for f in &r.criteria {
            if f.span[1] == i + 1 {
                marked.push(']');
                marked.push_str(off);
            }
        }
    }
    let mut s = String::new();
    s.push_str(&format!(
        "{b}{}{off} {marked}\n\n",
        if ja { "紹介依頼:" } else { "Ask:" }
    ));
    if r.criteria.is_empty() {
        s.push_str(if ja {
            "条件: なし\n"
        } else {
            "Criteria: none\n"
        });
    } else {
        s.push_str(if ja { "条件:\n" } else { "Criteria:\n" });
        for c in &r.criteria {
            let extra = match &c.value {
                Value::Location { relation, .. } => format!(" ({relation:?})").to_lowercase(),
                Value::Interest {
                    intensity: antenna_ask::Intensity::High,
                    ..
                } => {
                    if ja {
                        " (熱量: 高)".into()
                    } else {
                        " (intensity: high)".into()
                    }
                }
                _ => String::new(),
            };
            s.push_str(&format!(
                "  {g}{:<8}{off} {}{extra}  {dim}「{}」{off}\n",
                kind_name(&c.value, r.lang),
                c.label,
                c.surface
            ));
        }
    }
    let sp = &r.specificity;
    let band = match (sp.band, ja) {
        (Band::Thin, true) => "薄い (thin)",
        (Band::Fuzzy, true) => "ぼんやり (fuzzy)",
        (Band::Clear, true) => "明確 (clear)",
        (Band::Narrow, true) => "狭すぎ (narrow)",
        (Band::Thin, false) => "thin",
        (Band::Fuzzy, false) => "fuzzy",
        (Band::Clear, false) => "clear",
        (Band::Narrow, false) => "narrow",
    };
    let one_in = if sp.share > 0.0 {
        (1.0 / sp.share).round()
    } else {
        f64::INFINITY
    };
    s.push('\n');
    if ja {
        s.push_str(&format!(
            "{b}具体性:{off} {:.1} bits（約{}人に1人）— {band}\n",
            sp.bits, one_in
        ));
        s.push_str(&format!(
            "{b}到達見込み:{off} メンバー{}人 × 知り合い{}人 → 当てはまる人 約{:.1}人\n",
            r.reach.members, r.reach.acquaintances_each, r.reach.expected_people
        ));
    } else {
        s.push_str(&format!(
            "{b}Specificity:{off} {:.1} bits (about 1 in {}) — {band}\n",
            sp.bits, one_in
        ));
        s.push_str(&format!(
            "{b}Reach:{off} {} members × {} acquaintances → about {:.1} matching people\n",
            r.reach.members, r.reach.acquaintances_each, r.reach.expected_people
        ));
    }
    if !r.findings.is_empty() {
        s.push('\n');
        s.push_str(if ja { "指摘:\n" } else { "Findings:\n" });
        for f in &r.findings {
            let icon = if f.code == FindingCode::WeakCondition {
                "·"
            } else {
                "!"
            };
            let code = serde_json::to_value(f.code)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            s.push_str(&format!(
                "  {y}{icon} {code}{off}: {}\n    → {}\n",
                f.message, f.suggestion
            ));
        }
    }
    s
}
