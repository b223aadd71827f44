//! The bench's corpus: asks generated from templates with a fixed-seed PRNG,
//! so that every run reads the same asks (about 75% Japanese, 25% English).

const SEED: u64 = 0x5EED_A57E_77A0_2024;

// ---------------------------------------------------------------------------
// PRNG: ChaCha8 from a fixed seed, for picking template slots deterministically.

struct Rng(rand_chacha::ChaCha8Rng);

impl Rng {
    fn new(seed: u64) -> Self {
        use rand::SeedableRng;
        Rng(rand_chacha::ChaCha8Rng::seed_from_u64(seed))
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        use rand::Rng as _;
        self.0.random_range(0..n)
    }

    /// True with probability `pct` percent.
    fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct as usize
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

// ---------------------------------------------------------------------------
// Japanese slots.

const JA_AGES: &[&str] = &[
    "30代",
    "20代後半",
    "40歳以上",
    "三十代",
    "３０代",
    "40代",
    "50代前半",
    "20代",
    "30代前半",
    "40代後半",
    "60歳以上",
    "アラサー",
    "アラフォー",
    "35歳前後",
    "25〜35歳",
    "五十代",
    "４０代",
    "30歳以下",
    "若手",
];
const JA_GENDERS: &[&str] = &["男性", "女性", "女性の方", "男性の方", "ママ", "主婦"];
const JA_PLACES: &[&str] = &[
    "世田谷区",
    "横浜市",
    "都内",
    "渋谷駅周辺",
    "大阪府",
    "福岡",
    "名古屋市",
    "港区",
    "札幌市",
    "神奈川県",
    "川崎市中原区",
    "京都",
    "千葉県",
    "さいたま市",
    "品川区",
    "横浜市青葉区",
    "新宿",
    "北海道",
    "沖縄県",
    "仙台市",
    "神戸市",
    "目黒区",
    "吉祥寺",
    "湘南エリア",
];
const JA_PLACE_REL: &[&str] = &[
    "在住の",
    "に住んでいる",
    "で働いている",
    "出身の",
    "の",
    "にお住まいの",
    "に勤務している",
];
const JA_ROLES: &[&str] = &[
    "社長",
    "経営者",
    "オーナー",
    "税理士",
    "人事部長",
    "代表取締役",
    "役員",
    "弁護士",
    "社会保険労務士",
    "エンジニア",
    "デザイナー",
    "営業マン",
    "医師",
    "院長",
    "CFO",
    "店長",
    "フリーランス",
    "起業家",
    "不動産投資家",
    "看護師",
];
const JA_INDUSTRIES: &[&str] = &[
    "IT企業",
    "飲食店",
    "工務店",
    "不動産会社",
    "歯科医院",
    "美容室",
    "製造業",
    "ラーメン屋",
    "保険会社",
    "広告代理店",
    "ITベンチャー",
    "建設会社",
    "介護施設",
    "物流会社",
    "スタートアップ",
    "コンサルティング会社",
    "整骨院",
    "学習塾",
];
const JA_INTERESTS: &[&str] = &[
    "フットサル",
    "ゲーム",
    "キャンプ",
    "ゴルフ",
    "サウナ",
    "釣り",
    "マラソン",
    "ワイン",
    "登山",
    "読書",
    "筋トレ",
    "サーフィン",
    "将棋",
    "アニメ",
    "テニス",
    "料理",
    "日本酒",
    "ヨガ",
];
const JA_INTENSITY: &[&str] = &[
    "廃人レベルの",
    "毎週末",
    "ガチ勢の",
    "本格的に",
    "週3で",
    "大好きな",
    "年100回",
    "",
];
const JA_NUMERIC: &[&str] = &[
    "30坪以上",
    "月収100万円以上",
    "従業員50〜200名",
    "年商1億円以上",
    "年商1億2千万円以上",
    "三十坪以上",
    "五店舗",
    "従業員10名以上",
    "年収1000万円以上",
    "資本金3000万円",
    "創業20年以上",
    "３店舗以上",
    "フォロワー1万人以上",
    "築30年以内",
    "月商500万円",
    "経験5年以上",
];
const JA_VAGUE: &[&str] = &[
    "元気な人",
    "お金を稼いでいる人",
    "誰か",
    "面白い人",
    "優しい人",
    "いい人",
    "成功している人",
    "前向きな人",
    "人脈の広い方",
    "すごい人",
];
const JA_ANYONE: &[&str] = &[
    "誰でも良いので",
    "誰でもいいので",
    "どんな人でもいいので",
    "業種は問わないので",
];
const JA_FRAMES: &[&str] = &[
    "を紹介してください。",
    "と繋がりたいです。",
    "を探しています。",
    "にお会いしたいです。",
    "を紹介していただけると嬉しいです。",
    "をご紹介いただけませんか？",
    "と知り合いたいです！",
    "を紹介して下さい",
    "の方がいれば繋いでください。",
    "と話してみたい",
];
const JA_PREFIXES: &[&str] = &[
    "",
    "",
    "",
    "",
    "できれば",
    "急ぎで、",
    "来月の交流会で、",
    "新規事業のために、",
    "採用の相談で、",
    "【急募】",
    "どなたか、",
];
const JA_HEADS: &[&str] = &["方", "人", "方々", "仲間"];

/// A head noun for an ask: a gender, a role or a generic 方.
fn ja_head(r: &mut Rng) -> String {
    match r.below(3) {
        0 => r.pick(JA_GENDERS).to_string(),
        1 => r.pick(JA_ROLES).to_string(),
        _ => r.pick(JA_HEADS).to_string(),
    }
}

fn ja_ask(r: &mut Rng) -> String {
    let mut s = String::from(r.pick(JA_PREFIXES));
    match r.below(10) {
        // place + age + gender
        0 | 1 => {
            s += r.pick(JA_PLACES);
            s += r.pick(JA_PLACE_REL);
            if r.chance(50) {
                s += "、";
            }
            s += r.pick(JA_AGES);
            if r.chance(60) {
                s += "の";
            }
            s += r.pick(JA_GENDERS);
        }
        // role in an industry in a place
        2 | 3 => {
            s += r.pick(JA_PLACES);
            s += "で";
            s += r.pick(JA_INDUSTRIES);
            s += if r.chance(50) {
                "を経営している"
            } else {
                "の"
            };
            s += r.pick(JA_ROLES);
            if r.chance(30) {
                s += "さん";
            }
        }
        // interest with intensity
        4 | 5 => {
            s += r.pick(JA_INTENSITY);
            s += r.pick(JA_INTERESTS);
            s += if r.chance(50) {
                "が好きな"
            } else {
                "にハマっている"
            };
            if r.chance(50) {
                s += r.pick(JA_AGES);
                if r.chance(50) {
                    s += "の";
                }
            }
            s += &ja_head(r);
        }
        // numbers
        6 | 7 => {
            s += r.pick(JA_NUMERIC);
            s += "の";
            s += r.pick(JA_INDUSTRIES);
            s += "の";
            s += r.pick(JA_ROLES);
        }
        // vague
        8 => {
            if r.chance(40) {
                s += r.pick(JA_ANYONE);
                s += "、";
            }
            s += r.pick(JA_VAGUE);
            if r.chance(30) {
                s += "や";
                s += r.pick(JA_VAGUE);
            }
        }
        // a long, mixed ask
        _ => {
            s += r.pick(JA_PLACES);
            s += "出身で、いまは";
            s += r.pick(JA_PLACES);
            s += "で";
            s += r.pick(JA_INDUSTRIES);
            s += "を経営している";
            s += r.pick(JA_AGES);
            s += "の";
            s += r.pick(JA_GENDERS);
            s += "で、";
            s += r.pick(JA_INTENSITY);
            s += r.pick(JA_INTERESTS);
            s += "が趣味の";
            s += &ja_head(r);
        }
    }
    s += r.pick(JA_FRAMES);
    s
}

// ---------------------------------------------------------------------------
// English slots.

const EN_GENDERS: &[&str] = &["Men", "Women", "Moms", "Dads"];
const EN_AGES: &[&str] = &[
    "in their 30s",
    "in their late 20s",
    "over 40",
    "in their early 50s",
    "aged 25-35",
    "under 30",
];
const EN_PLACES: &[&str] = &[
    "Denver",
    "Ohio",
    "Austin",
    "Brooklyn",
    "the Bay Area",
    "Seattle",
    "Chicago",
    "Texas",
    "Boston",
    "London",
    "Tokyo",
    "California",
    "Miami",
];
const EN_ROLES: &[&str] = &[
    "CFOs",
    "founders",
    "CEOs",
    "accountants",
    "HR managers",
    "lawyers",
    "dentists",
    "product managers",
    "real estate investors",
    "software engineers",
    "owners",
    "VPs of sales",
];
const EN_INDUSTRIES: &[&str] = &[
    "manufacturing",
    "SaaS",
    "restaurant",
    "construction",
    "logistics",
    "healthcare",
    "fintech",
    "retail",
];
const EN_NUMBERS: &[&str] = &[
    "revenue over $20 million",
    "more than 50 employees",
    "at least 3 stores",
    "ARR above $5M",
    "between 50 and 200 employees",
    "over 10 years of experience",
];
const EN_INTERESTS: &[&str] = &[
    "futsal",
    "video games",
    "camping",
    "golf",
    "trail running",
    "chess",
    "surfing",
    "wine",
];
const EN_INTENSITY: &[&str] = &["every weekend", "obsessively", "competitively", "", "a lot"];
const EN_VAGUE: &[&str] = &[
    "Anyone!",
    "Someone nice.",
    "Anybody who makes good money",
    "Energetic people",
    "Just anyone, really",
];
const EN_FRAMES_PRE: &[&str] = &[
    "",
    "",
    "I'd like to meet ",
    "Looking for ",
    "Please introduce me to ",
    "Can anyone connect me with ",
];

fn en_ask(r: &mut Rng) -> String {
    let mut s = String::new();
    let body = match r.below(6) {
        0 | 1 => format!(
            "{} {} who live in {}",
            r.pick(EN_GENDERS),
            r.pick(EN_AGES),
            r.pick(EN_PLACES)
        ),
        2 => format!(
            "{} of {} companies in {} with {}",
            r.pick(EN_ROLES),
            r.pick(EN_INDUSTRIES),
            r.pick(EN_PLACES),
            r.pick(EN_NUMBERS)
        ),
        3 => {
            let i = r.pick(EN_INTENSITY);
            let b = format!(
                "{} in {} who play {} {}",
                r.pick(EN_ROLES),
                r.pick(EN_PLACES),
                r.pick(EN_INTERESTS),
                i
            );
            b.trim_end().to_string()
        }
        4 => return r.pick(EN_VAGUE).to_string(),
        _ => format!(
            "{} {} who run a {} business with {}",
            r.pick(EN_GENDERS),
            r.pick(EN_AGES),
            r.pick(EN_INDUSTRIES),
            r.pick(EN_NUMBERS)
        ),
    };
    let pre = r.pick(EN_FRAMES_PRE);
    if pre.is_empty() {
        s += &body;
    } else {
        s += pre;
        // lower-case the first letter after a frame, unless it starts an acronym (CFOs, VPs)
        let mut cs = body.chars();
        match (cs.next(), body.chars().nth(1)) {
            (Some(c), Some(d)) if !d.is_uppercase() => {
                s.extend(c.to_lowercase());
                s += cs.as_str();
            }
            _ => s += &body,
        }
    }
    s += if r.chance(50) { "." } else { "" };
    s.trim_end().to_string()
}

/// The corpus: `n` asks, about three in four Japanese.
pub fn corpus(n: usize) -> Vec<String> {
    let mut r = Rng::new(SEED);
    (0..n)
        .map(|_| {
            if r.chance(75) {
                ja_ask(&mut r)
            } else {
                en_ask(&mut r)
            }
        })
        .collect()
}
