//! Synthetic reports of any size, for benchmarks and stress tests.
//!
//! [`synth`] makes a valid report (every quote is a substring of its paragraph, ids are unique,
//! categories come from the taxonomy, references resolve) with events spread over 1995–2024
//! (most dated to a month, some to a year or a day), about 60 places, about 200 actors and
//! counterparts and the 7 categories of the real report. The same `(n, seed)` always gives the
//! same report (a hand-written xorshift64* generator; no `rand`). Some quotes use accented or
//! variant spellings of place names (like the real report's "Stepnorgorsk"), so folding and
//! `source_name` matching get exercised.

use crate::date::{CivilDate, PartialDate, MONTHS};
use crate::model::*;

/// xorshift64* (Vigna), enough for test data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // Spread the seed (splitmix64 step) and never start at 0.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi - lo + 1) as usize) as u32
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// (name, region, lat, lon, spelling used in quotes when different).
type PlaceRow = (
    &'static str,
    Option<&'static str>,
    f64,
    f64,
    Option<&'static str>,
);

const PLACES: &[PlaceRow] = &[
    ("Astana", None, 51.17, 71.43, None),
    ("Almaty", None, 43.24, 76.89, None),
    ("Shymkent", None, 42.32, 69.59, Some("Şymkent")),
    ("Karaganda", Some("Karaganda Region"), 49.80, 73.09, None),
    ("Aktobe", Some("Aktobe Region"), 50.28, 57.17, None),
    ("Taraz", Some("Jambyl Region"), 42.90, 71.37, None),
    ("Pavlodar", Some("Pavlodar Region"), 52.29, 76.97, None),
    (
        "Oskemen",
        Some("East Kazakhstan Region"),
        49.95,
        82.61,
        Some("Öskemen"),
    ),
    ("Semey", Some("Abai Region"), 50.41, 80.23, None),
    ("Atyrau", Some("Atyrau Region"), 47.09, 51.92, None),
    ("Kostanay", Some("Kostanay Region"), 53.21, 63.62, None),
    ("Kyzylorda", Some("Kyzylorda Region"), 44.85, 65.51, None),
    ("Oral", Some("West Kazakhstan Region"), 51.23, 51.37, None),
    ("Aktau", Some("Mangystau Region"), 43.65, 51.16, None),
    ("Temirtau", Some("Karaganda Region"), 50.06, 72.96, None),
    (
        "Turkistan",
        Some("Turkistan Region"),
        43.30,
        68.25,
        Some("Türkistan"),
    ),
    (
        "Petropavl",
        Some("North Kazakhstan Region"),
        54.87,
        69.14,
        None,
    ),
    ("Kokshetau", Some("Akmola Region"), 53.28, 69.39, None),
    (
        "Taldykorgan",
        Some("Jetisu Region"),
        45.02,
        78.37,
        Some("Taldyqorğan"),
    ),
    ("Ekibastuz", Some("Pavlodar Region"), 51.72, 75.32, None),
    ("Rudny", Some("Kostanay Region"), 52.97, 63.12, None),
    ("Zhanaozen", Some("Mangystau Region"), 43.34, 52.86, None),
    ("Zhezkazgan", Some("Ulytau Region"), 47.78, 67.71, None),
    ("Balkhash", Some("Karaganda Region"), 46.85, 74.98, None),
    ("Kentau", Some("Turkistan Region"), 43.52, 68.51, None),
    ("Satpayev", Some("Ulytau Region"), 47.90, 67.53, None),
    ("Kaskelen", Some("Almaty Region"), 43.20, 76.62, None),
    ("Konaev", Some("Almaty Region"), 43.87, 77.07, None),
    ("Ridder", Some("East Kazakhstan Region"), 50.34, 83.51, None),
    (
        "Stepnogorsk",
        Some("Akmola Region"),
        52.35,
        71.89,
        Some("Stepnorgorsk"),
    ),
    ("Shchuchinsk", Some("Akmola Region"), 52.93, 70.19, None),
    ("Arkalyk", Some("Kostanay Region"), 50.25, 66.92, None),
    ("Lisakovsk", Some("Kostanay Region"), 52.54, 62.49, None),
    ("Saran", Some("Karaganda Region"), 49.79, 72.85, None),
    ("Shakhtinsk", Some("Karaganda Region"), 49.71, 72.59, None),
    ("Zhitikara", Some("Kostanay Region"), 52.19, 61.20, None),
    ("Aralsk", Some("Kyzylorda Region"), 46.80, 61.67, None),
    ("Baikonur", Some("Kyzylorda Region"), 45.62, 63.31, None),
    ("Kulsary", Some("Atyrau Region"), 46.95, 54.02, None),
    ("Beyneu", Some("Mangystau Region"), 45.32, 55.19, None),
    ("Aksu", Some("Pavlodar Region"), 52.04, 76.93, None),
    ("Zharkent", Some("Jetisu Region"), 44.16, 80.00, None),
    ("Ushtobe", Some("Jetisu Region"), 45.25, 77.98, None),
    ("Sarkand", Some("Jetisu Region"), 45.41, 79.91, None),
    ("Ayagoz", Some("Abai Region"), 47.96, 80.44, None),
    ("Zaysan", Some("East Kazakhstan Region"), 47.47, 84.87, None),
    ("Shu", Some("Jambyl Region"), 43.60, 73.76, None),
    ("Karatau", Some("Jambyl Region"), 43.18, 70.46, None),
    ("Zhanatas", Some("Jambyl Region"), 43.57, 69.75, None),
    ("Sairam", Some("Turkistan Region"), 42.30, 69.77, None),
    ("Saryagash", Some("Turkistan Region"), 41.45, 69.17, None),
    ("Arys", Some("Turkistan Region"), 42.43, 68.80, None),
    ("Lenger", Some("Turkistan Region"), 42.18, 69.88, None),
    ("Khromtau", Some("Aktobe Region"), 50.25, 58.43, None),
    ("Kandyagash", Some("Aktobe Region"), 49.47, 57.42, None),
    ("Shalkar", Some("Aktobe Region"), 47.83, 59.62, None),
    ("Aksay", Some("West Kazakhstan Region"), 51.17, 52.99, None),
    ("Esik", Some("Almaty Region"), 43.36, 77.45, None),
    ("Talgar", Some("Almaty Region"), 43.30, 77.24, None),
    ("Atbasar", Some("Akmola Region"), 51.81, 68.36, None),
    (
        "Zhambyl District",
        Some("Almaty Region"),
        43.20,
        76.30,
        Some("Zhambýl District"),
    ),
];

const REGIONS: &[&str] = &[
    "Akmola Region",
    "Aktobe Region",
    "Almaty Region",
    "Atyrau Region",
    "East Kazakhstan Region",
    "Jambyl Region",
    "Karaganda Region",
    "Kostanay Region",
    "Kyzylorda Region",
    "Mangystau Region",
    "North Kazakhstan Region",
    "Pavlodar Region",
    "Turkistan Region",
    "West Kazakhstan Region",
    "Abai Region",
    "Jetisu Region",
    "Ulytau Region",
];

const BODIES: &[&str] = &[
    "Committee for National Security (KNB)",
    "Ministry of Interior",
    "Ministry of Justice",
    "Ministry of Finance",
    "Ministry of Foreign Affairs",
    "Ministry of Defense",
    "Ministry of Emergency Situations",
    "Ministry of Education",
    "Ministry of Culture and Information",
    "Prosecutor General's Office",
    "Financial Monitoring Committee",
    "Border Service",
    "Parliament",
    "Senate",
    "Mazhilis",
    "President Nursultan Nazarbayev",
    "Prime Minister",
    "Government of Kazakhstan",
    "People's Assembly of Kazakhstan",
    "Agency for Religious Affairs",
    "Supreme Court",
    "Customs Control Committee",
    "Anti-Terrorism Center",
];

const COUNTERPARTS: &[&str] = &[
    "United States",
    "Russia",
    "China",
    "Uzbekistan",
    "Kyrgyzstan",
    "Tajikistan",
    "Turkmenistan",
    "Turkey",
    "United Arab Emirates",
    "Slovak Republic",
    "Germany",
    "France",
    "United Kingdom",
    "India",
    "Pakistan",
    "Afghanistan",
    "Iran",
    "Azerbaijan",
    "Georgia",
    "Armenia",
    "Belarus",
    "Ukraine",
    "Poland",
    "Czech Republic",
    "Hungary",
    "Romania",
    "Bulgaria",
    "Italy",
    "Spain",
    "Netherlands",
    "Belgium",
    "Sweden",
    "Norway",
    "Finland",
    "Japan",
    "South Korea",
    "Mongolia",
    "Saudi Arabia",
    "Qatar",
    "Egypt",
    "Israel",
    "Jordan",
    "Malaysia",
    "Indonesia",
    "Singapore",
    "Canada",
    "Australia",
    "Brazil",
    "Mexico",
    "Austria",
    "Switzerland",
    "Lithuania",
    "Latvia",
    "Estonia",
    "Serbia",
    "Shanghai Cooperation Organization",
    "Global Initiative to Combat Nuclear Terrorism",
    "Collective Security Treaty Organization",
    "Commonwealth of Independent States",
    "Organization for Security and Co-operation in Europe",
    "United Nations",
    "UN Office on Drugs and Crime",
    "Interpol",
    "European Union",
    "NATO",
    "Financial Action Task Force",
    "Eurasian Group on Combating Money Laundering",
    "International Atomic Energy Agency",
    "Organisation of Islamic Cooperation",
    "Council of Europe",
    "CIS Anti-Terrorism Center",
    "SCO Regional Anti-Terrorist Structure",
];

const TOPICS: &[&str] = &[
    "combating financing of terrorism",
    "countering extremism",
    "border security",
    "nuclear security",
    "interfaith dialogue",
    "information security",
    "migration control",
    "protection of critical infrastructure",
];

const EXERCISES: &[&str] = &[
    "Anti-Atom Terror",
    "Design-Basis Threat",
    "Steppe Eagle",
    "Caspian Shield",
    "Mountain Watch",
    "Border Guard",
    "Silk Road",
    "Safe City",
];

const GROUPS: &[&str] = &[
    "an extremist group",
    "a terrorist cell",
    "a banned religious organization",
    "an unregistered missionary group",
    "a separatist network",
    "a recruitment network",
];

const CATEGORIES: [(&str, &str); 7] = [
    ("treaty", "Treaty / agreement"),
    ("legislation", "Legislation"),
    ("designation", "Designation"),
    ("prosecution", "Prosecution / sentence"),
    ("detention", "Detention / arrest"),
    ("exercise", "Exercise / training"),
    ("dialogue", "Dialogue / outreach"),
];

fn place(i: usize) -> Place {
    let (name, region, lat, lon, source_name) = PLACES[i];
    Place {
        name: name.to_owned(),
        region: region.map(str::to_owned),
        lat,
        lon,
        source_name: source_name.map(str::to_owned),
    }
}

/// How a quote refers to a place: the source spelling when there is one (half the time).
fn spelled(rng: &mut Rng, i: usize) -> &'static str {
    match PLACES[i].4 {
        Some(s) if rng.chance(50) => s,
        _ => PLACES[i].0,
    }
}

fn figure(value: u32, max: Option<u32>, unit: &str, qualifier: Option<&str>) -> Figure {
    Figure {
        value: f64::from(value),
        max: max.map(f64::from),
        unit: unit.to_owned(),
        qualifier: qualifier.map(str::to_owned),
    }
}

/// A synthetic report of `n` events, the same for the same `seed`.
pub fn synth(n: usize, seed: u64) -> Report {
    let mut rng = Rng::new(seed);
    let mut events: Vec<Event> = Vec::with_capacity(n);
    let mut sections: Vec<Section> = Vec::new();
    let mut paragraph_no = 0u32;
    let mut pending: Vec<Event> = Vec::new();
    let mut target = 1 + rng.below(3);

    for i in 0..n {
        let year = 1995 + rng.below(30) as i32;
        let roll = rng.below(100);
        let date = if roll < 10 {
            PartialDate::year(year)
        } else if roll < 15 {
            let month = 1 + rng.below(12) as u8;
            let day = 1 + rng.below(usize::from(crate::date::days_in_month(year, month))) as u8;
            PartialDate {
                year,
                month: Some(month),
                day: Some(day),
            }
        } else {
            PartialDate::month(year, 1 + rng.below(12) as u8)
        };
        let when = match (date.month, date.day) {
            (Some(m), Some(d)) => format!("On {d} {} {year},", MONTHS[usize::from(m - 1)]),
            (Some(m), None) => format!("In {} {year},", MONTHS[usize::from(m - 1)]),
            _ => format!("During {year},"),
        };
        let (cat, _) = CATEGORIES[rng.below(CATEGORIES.len())];
        let p = rng.below(PLACES.len());
        let cp = *rng.pick(COUNTERPARTS);
        let body = *rng.pick(BODIES);
        let topic = *rng.pick(TOPICS);
        let group = *rng.pick(GROUPS);
        let mut places = Vec::new();
        let mut actors = Vec::new();
        let mut counterparts = Vec::new();
        let mut figures = Vec::new();
        let (title, quote) = match cat {
            "treaty" => {
                counterparts.push(cp.to_owned());
                actors.push("Government of Kazakhstan".to_owned());
                (
                    format!("Treaty with {cp}"),
                    format!("{when} the Government of Kazakhstan approved a treaty with {cp} on cooperation in {topic}."),
                )
            }
            "legislation" => {
                actors.push(body.to_owned());
                (
                    format!("Draft law on {topic}"),
                    format!("{when} the {body} submitted a draft law on {topic} to Parliament."),
                )
            }
            "designation" => {
                actors.push(body.to_owned());
                (
                    format!("Designation of {group}"),
                    format!("{when} the {body} added {group} to the list of banned terrorist organizations."),
                )
            }
            "prosecution" => {
                let people = rng.range(2, 30);
                let lo = rng.range(2, 10);
                let hi = lo + rng.range(1, 10);
                places.push(place(p));
                actors.push(format!("Court in {}", PLACES[p].0));
                figures.push(figure(people, None, "people sentenced", None));
                figures.push(figure(lo, Some(hi), "years of imprisonment", None));
                (
                    format!("{people} sentenced in {}", PLACES[p].0),
                    format!(
                        "{when} a court in {} sentenced {people} members of {group} to prison terms ranging from {lo} to {hi} years.",
                        spelled(&mut rng, p)
                    ),
                )
            }
            "detention" => {
                let people = rng.range(1, 12);
                let region = PLACES[p].1.unwrap_or_else(|| *rng.pick(REGIONS));
                places.push(place(p));
                actors.push(format!("Police of {region}"));
                if rng.chance(40) {
                    actors.push(format!("Prosecutor's Office of {}", *rng.pick(REGIONS)));
                }
                if rng.chance(30) {
                    counterparts.push(cp.to_owned());
                }
                figures.push(figure(people, None, "people detained", None));
                (
                    format!("Detention in {}", PLACES[p].0),
                    format!(
                        "{when} police in {} detained {people} people allegedly linked to {group}.",
                        spelled(&mut rng, p)
                    ),
                )
            }
            "exercise" => {
                let partners = rng.range(3, 40);
                let name = *rng.pick(EXERCISES);
                places.push(place(p));
                counterparts.push(cp.to_owned());
                figures.push(figure(partners, None, "partner nations", Some("more than")));
                (
                    format!("\"{name}\" exercise in {}", PLACES[p].0),
                    format!(
                        "{when} Kazakhstan hosted the \"{name}\" exercise in {}, attended by more than {partners} partners from {cp}.",
                        spelled(&mut rng, p)
                    ),
                )
            }
            _ => {
                actors.push(body.to_owned());
                counterparts.push(cp.to_owned());
                (
                    format!("Memorandum with {cp} on {topic}"),
                    format!("{when} the {body} and {cp} signed a memorandum on {topic}."),
                )
            }
        };
        // Figures on about half the events keep a 100,000-event file under 60 MB.
        if rng.chance(50) {
            figures.clear();
        }
        pending.push(Event {
            id: format!("{date}-{cat}-{i}"),
            date,
            end: None,
            title,
            quote,
            section: String::new(),
            paragraph: String::new(),
            category: cat.to_owned(),
            places,
            actors,
            counterparts,
            figures,
            note: None,
            generated: Vec::new(),
        });
        if pending.len() == target || i + 1 == n {
            paragraph_no += 1;
            let section_no = (paragraph_no - 1) / 40 + 1;
            if sections.len() < section_no as usize {
                sections.push(Section {
                    id: format!("s{section_no}"),
                    heading: (section_no > 1).then(|| format!("Part {section_no}:")),
                    paragraphs: Vec::new(),
                });
            }
            let text: Vec<&str> = pending.iter().map(|e| e.quote.as_str()).collect();
            let para = Paragraph {
                id: format!("p{paragraph_no}"),
                number: paragraph_no,
                kind: if rng.chance(30) {
                    ParagraphKind::ListItem
                } else {
                    ParagraphKind::Paragraph
                },
                text: text.join(" "),
            };
            let section = sections.last_mut().map(|s| {
                s.paragraphs.push(para);
                s.id.clone()
            });
            for mut e in pending.drain(..) {
                e.section = section.clone().unwrap_or_default();
                e.paragraph = format!("p{paragraph_no}");
                events.push(e);
            }
            target = 1 + rng.below(3);
        }
    }

    Report {
        format: FORMAT.to_owned(),
        report: ReportMeta {
            title: format!("Synthetic report: {n} events (seed {seed})"),
            country: "Kazakhstan".to_owned(),
            year: 2024,
            publisher: "crt-viewer".to_owned(),
            author: "report synth".to_owned(),
            published: CivilDate {
                year: 2025,
                month: 1,
                day: 1,
            },
            source: Source {
                name: "Synthetic data".to_owned(),
                owner: None,
                url: "https://example.org/synthetic".to_owned(),
                docid: None,
                last_updated: None,
                accessed: None,
                cite_as: None,
            },
            disclaimer: Some("Synthetic test data: no event in this file happened.".to_owned()),
            language: "en".to_owned(),
            generated: Vec::new(),
            missing: Vec::new(),
            cut: false,
        },
        sections,
        categories: CATEGORIES
            .iter()
            .map(|(id, label)| Category {
                id: (*id).to_owned(),
                label: (*label).to_owned(),
                description: None,
            })
            .collect(),
        aliases: vec![
            vec![
                "KNB".to_owned(),
                "Committee for National Security".to_owned(),
            ],
            vec!["UAE".to_owned(), "United Arab Emirates".to_owned()],
            vec![
                "SCO".to_owned(),
                "Shanghai Cooperation Organization".to_owned(),
            ],
            vec![
                "GICNT".to_owned(),
                "Global Initiative to Combat Nuclear Terrorism".to_owned(),
            ],
            vec!["Stepnogorsk".to_owned(), "Stepnorgorsk".to_owned()],
        ],
        events,
    }
}

/// Country names for synthetic collections (200: the size of the real series' yearly list).
const COUNTRIES: [&str; 200] = [
    "Afghanistan",
    "Albania",
    "Algeria",
    "Andorra",
    "Angola",
    "Antigua and Barbuda",
    "Argentina",
    "Armenia",
    "Australia",
    "Austria",
    "Azerbaijan",
    "Bahamas",
    "Bahrain",
    "Bangladesh",
    "Barbados",
    "Belarus",
    "Belgium",
    "Belize",
    "Benin",
    "Bhutan",
    "Bolivia",
    "Bosnia and Herzegovina",
    "Botswana",
    "Brazil",
    "Brunei",
    "Bulgaria",
    "Burkina Faso",
    "Burundi",
    "Cabo Verde",
    "Cambodia",
    "Cameroon",
    "Canada",
    "Central African Republic",
    "Chad",
    "Chile",
    "China",
    "Colombia",
    "Comoros",
    "Congo",
    "Costa Rica",
    "Côte d'Ivoire",
    "Croatia",
    "Cuba",
    "Cyprus",
    "Czech Republic",
    "Democratic Republic of the Congo",
    "Denmark",
    "Djibouti",
    "Dominica",
    "Dominican Republic",
    "Ecuador",
    "Egypt",
    "El Salvador",
    "Equatorial Guinea",
    "Eritrea",
    "Estonia",
    "Eswatini",
    "Ethiopia",
    "Fiji",
    "Finland",
    "France",
    "Gabon",
    "Gambia",
    "Georgia",
    "Germany",
    "Ghana",
    "Greece",
    "Grenada",
    "Guatemala",
    "Guinea",
    "Guinea-Bissau",
    "Guyana",
    "Haiti",
    "Honduras",
    "Hungary",
    "Iceland",
    "India",
    "Indonesia",
    "Iran",
    "Iraq",
    "Ireland",
    "Israel",
    "Italy",
    "Jamaica",
    "Japan",
    "Jordan",
    "Kazakhstan",
    "Kenya",
    "Kiribati",
    "Kosovo",
    "Kuwait",
    "Kyrgyzstan",
    "Laos",
    "Latvia",
    "Lebanon",
    "Lesotho",
    "Liberia",
    "Libya",
    "Liechtenstein",
    "Lithuania",
    "Luxembourg",
    "Madagascar",
    "Malawi",
    "Malaysia",
    "Maldives",
    "Mali",
    "Malta",
    "Marshall Islands",
    "Mauritania",
    "Mauritius",
    "Mexico",
    "Micronesia",
    "Moldova",
    "Monaco",
    "Mongolia",
    "Montenegro",
    "Morocco",
    "Mozambique",
    "Myanmar",
    "Namibia",
    "Nauru",
    "Nepal",
    "Netherlands",
    "New Zealand",
    "Nicaragua",
    "Niger",
    "Nigeria",
    "North Korea",
    "North Macedonia",
    "Norway",
    "Oman",
    "Pakistan",
    "Palau",
    "Panama",
    "Papua New Guinea",
    "Paraguay",
    "Peru",
    "Philippines",
    "Poland",
    "Portugal",
    "Qatar",
    "Romania",
    "Russia",
    "Rwanda",
    "Saint Kitts and Nevis",
    "Saint Lucia",
    "Saint Vincent and the Grenadines",
    "Samoa",
    "San Marino",
    "Sao Tome and Principe",
    "Saudi Arabia",
    "Senegal",
    "Serbia",
    "Seychelles",
    "Sierra Leone",
    "Singapore",
    "Slovakia",
    "Slovenia",
    "Solomon Islands",
    "Somalia",
    "South Africa",
    "South Korea",
    "South Sudan",
    "Spain",
    "Sri Lanka",
    "Sudan",
    "Suriname",
    "Sweden",
    "Switzerland",
    "Syria",
    "Taiwan",
    "Tajikistan",
    "Tanzania",
    "Thailand",
    "Timor-Leste",
    "Togo",
    "Tonga",
    "Trinidad and Tobago",
    "Tunisia",
    "Turkey",
    "Turkmenistan",
    "Tuvalu",
    "Uganda",
    "Ukraine",
    "United Arab Emirates",
    "United Kingdom",
    "Uruguay",
    "Uzbekistan",
    "Vanuatu",
    "Venezuela",
    "Vietnam",
    "Yemen",
    "Zambia",
    "Zimbabwe",
    "West Bank and Gaza",
    "Western Sahara",
    "Hong Kong",
    "Macau",
    "Greenland",
    "Puerto Rico",
];

/// `r` synthetic reports for a collection, the same for the same `seed`: 200 countries a year,
/// the newest year 2019 and back from there, 5 to 25 events each (15 on average, as the real
/// chapters), each report's own title, year, publication date and source address.
pub fn synth_collection(r: usize, seed: u64) -> Vec<Report> {
    let mut rng = Rng::new(seed);
    (0..r)
        .map(|i| {
            let country = COUNTRIES[i % COUNTRIES.len()];
            let year = 2019 - (i / COUNTRIES.len()) as i32;
            let events = 5 + rng.below(21);
            let mut report = synth(events, seed.wrapping_mul(10_007).wrapping_add(i as u64));
            let meta = &mut report.report;
            meta.title = format!("Country Reports on Terrorism {year} - {country}");
            meta.country = country.to_owned();
            meta.year = year;
            meta.publisher = "United States Department of State".to_owned();
            meta.author = "Office of the Coordinator for Counterterrorism".to_owned();
            meta.published = CivilDate {
                year: year + 1,
                month: 4 + rng.below(3) as u8,
                day: 1 + rng.below(28) as u8,
            };
            meta.source.url = format!("https://example.org/synthetic/{:010x}", rng.next() >> 24);
            report
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The checks `validate` makes that matter here, written independently.
    fn assert_valid(r: &Report) {
        let mut ids = HashSet::new();
        let cats: HashSet<&str> = r.categories.iter().map(|c| c.id.as_str()).collect();
        let mut numbers = vec![];
        for s in &r.sections {
            for p in &s.paragraphs {
                numbers.push(p.number);
            }
        }
        assert_eq!(
            numbers,
            (1..=numbers.len() as u32).collect::<Vec<_>>(),
            "paragraphs numbered 1.."
        );
        for e in &r.events {
            assert!(ids.insert(e.id.as_str()), "duplicate id {}", e.id);
            assert!(
                cats.contains(e.category.as_str()),
                "bad category {}",
                e.category
            );
            let (s, p) = r.paragraph(&e.paragraph).expect("paragraph exists");
            assert_eq!(s.id, e.section);
            assert!(
                p.text.contains(&e.quote),
                "quote of {} not in {}",
                e.id,
                p.id
            );
            assert!(!e.title.is_empty());
            for pl in &e.places {
                assert!(
                    (40.0..56.0).contains(&pl.lat) && (46.0..88.0).contains(&pl.lon),
                    "{pl:?}"
                );
            }
        }
    }

    #[test]
    fn a_synthetic_report_is_valid_and_deterministic() {
        let r = synth(2_000, 7);
        assert_eq!(r.events.len(), 2_000);
        assert_valid(&r);
        assert_eq!(synth(2_000, 7), r);
        assert_ne!(synth(2_000, 8), r);
        assert!(synth(0, 1).events.is_empty());
        assert_valid(&synth(1, 1));
    }

    #[test]
    fn a_synthetic_report_has_variety() {
        let r = synth(20_000, 1);
        let years: HashSet<i32> = r.events.iter().map(|e| e.date.year).collect();
        assert_eq!(years.len(), 30);
        let cats: HashSet<&str> = r.events.iter().map(|e| e.category.as_str()).collect();
        assert_eq!(cats.len(), 7);
        let places: HashSet<&str> = r
            .events
            .iter()
            .flat_map(|e| e.places.iter().map(|p| p.name.as_str()))
            .collect();
        assert!(places.len() >= 55, "{} places", places.len());
        let actors: HashSet<&str> = r
            .events
            .iter()
            .flat_map(|e| e.actors.iter().chain(&e.counterparts).map(String::as_str))
            .collect();
        assert!(
            (180..=230).contains(&actors.len()),
            "{} actors",
            actors.len()
        );
        let year_level = r.events.iter().filter(|e| e.date.month.is_none()).count();
        assert!(
            (1_500..2_500).contains(&year_level),
            "{year_level} year-level events"
        );
        // Variant spellings appear in quotes.
        assert!(r.events.iter().any(|e| e.quote.contains("Stepnorgorsk")));
        assert!(r.events.iter().any(|e| e.quote.contains("Öskemen")));
    }

    #[test]
    fn a_synthetic_collection_has_one_report_per_country_and_year_all_valid() {
        let reports = synth_collection(450, 7);
        assert_eq!(reports, synth_collection(450, 7));
        let mut seen = HashSet::new();
        let mut events = 0;
        for r in &reports {
            assert_valid(r);
            assert!(seen.insert((r.report.country.clone(), r.report.year)));
            assert!((5..=25).contains(&r.events.len()));
            events += r.events.len();
        }
        assert_eq!(
            seen.iter().map(|(_, y)| *y).collect::<HashSet<_>>().len(),
            3
        );
        assert!((450 * 13..450 * 17).contains(&events), "{events} events");
    }

    #[test]
    fn the_report_survives_json() {
        let r = synth(300, 3);
        let json = serde_json::to_string(&r).unwrap();
        let back: Report = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
    }
}
