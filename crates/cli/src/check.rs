//! `antenna check`: one ask as a readable report or JSON, or a JSON-lines batch.

use std::io::{BufRead, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use antenna_ask::{Band, Community, Engine, FindingCode, Reading, Value};

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

pub fn run(lookup: &antenna_ask::dict::Lookup, args: CheckArgs) -> anyhow::Result<ExitCode> {
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
    let engine = crate::dict::engine(lookup)?;
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

antenna_i18n::catalogue!(static TEXT = "../data/check.tsv");

/// The catalogue key of a criterion's kind.
fn kind_key(v: &Value) -> &'static str {
    match v {
        Value::Gender(_) => "kind.gender",
        Value::Age { .. } => "kind.age",
        Value::Location { .. } => "kind.location",
        Value::Role { .. } => "kind.role",
        Value::Industry { .. } => "kind.industry",
        Value::Interest { .. } => "kind.interest",
        Value::LifeStage { .. } => "kind.life_stage",
        Value::Skill { .. } => "kind.skill",
        Value::Desire { .. } => "kind.desire",
        Value::Numeric { .. } => "kind.numeric",
        Value::Named { .. } => "kind.named",
        Value::Other { .. } => "kind.other",
    }
}

/// The human-readable report: the ask with its parts marked, then the figures.
pub fn report(r: &Reading, color: bool) -> String {
    let lang = r.lang;
    let t = |key: &'static str| TEXT.get(lang, key);
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
    s.push_str(&format!("{b}{}{off} {marked}\n\n", t("report.ask")));
    if r.criteria.is_empty() {
        s.push_str(&format!("{}\n", t("report.criteria_none")));
    } else {
        s.push_str(&format!("{}\n", t("report.criteria")));
        for c in &r.criteria {
            let extra = match &c.value {
                Value::Location { relation, .. } => format!(" ({relation:?})").to_lowercase(),
                Value::Interest {
                    intensity: antenna_ask::Intensity::High,
                    ..
                } => format!(" ({})", t("report.intensity_high")),
                _ => String::new(),
            };
            s.push_str(&format!(
                "  {g}{:<8}{off} {}{extra}  {dim}「{}」{off}\n",
                t(kind_key(&c.value)),
                c.label,
                c.surface
            ));
        }
    }
    let sp = &r.specificity;
    let band = t(match sp.band {
        Band::Thin => "band.thin",
        Band::Fuzzy => "band.fuzzy",
        Band::Clear => "band.clear",
        Band::Narrow => "band.narrow",
    });
    let one_in = if sp.share > 0.0 {
        (1.0 / sp.share).round()
    } else {
        f64::INFINITY
    };
    s.push('\n');
    let bits = format!("{:.1}", sp.bits);
    let people = format!("{:.1}", r.reach.expected_people);
    s.push_str(&TEXT.fill(
        lang,
        "report.specificity",
        &[
            ("b", &b),
            ("off", &off),
            ("bits", &bits),
            ("one_in", &one_in),
            ("band", &band),
        ],
    ));
    s.push('\n');
    s.push_str(&TEXT.fill(
        lang,
        "report.reach",
        &[
            ("b", &b),
            ("off", &off),
            ("members", &r.reach.members),
            ("each", &r.reach.acquaintances_each),
            ("people", &people),
        ],
    ));
    s.push('\n');
    if !r.findings.is_empty() {
        s.push('\n');
        s.push_str(&format!("{}\n", t("report.findings")));
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_report_texts_are_complete_and_used() {
        antenna_i18n::check_complete(&super::TEXT).unwrap();
        antenna_i18n::check_used(&super::TEXT, &[("src/check.rs", include_str!("check.rs"))])
            .unwrap();
        assert!(antenna_i18n::check_used(&super::TEXT, &[]).is_err());
    }
}
