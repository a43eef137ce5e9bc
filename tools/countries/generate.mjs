// Generates ../../data/countries.json: every UN member state, the two UN
// observer states (Holy See, Palestine), Kosovo and Taiwan, except Ukraine
// and the partners that have their own data/partners/<ID>.json.
//
// Names come from two maintained packages (pinned in package.json):
//   world-countries     English short/official names, native names,
//                       altSpellings, cca3, English demonyms
//   i18n-iso-countries  Ukrainian names ("uk" locale)
// plus the small hand-written overrides.json; status notes come from
// status.json.
//
// A name is dropped when, after normalisation, it equals a name of another
// country, of a partner, or an aid-type id/name/alias: the bot resolves what
// people type to exactly one thing. Dropped names are listed in dropped.tsv.
//
// Usage (from this folder): npm ci && node generate.mjs

import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, "..", "..", "data");

const readJson = (p) => JSON.parse(readFileSync(p, "utf8"));
const world = require("world-countries/countries.json");
const ukNames = require("i18n-iso-countries/langs/uk.json").countries;
const status = readJson(join(here, "status.json"));
const overrides = readJson(join(here, "overrides.json"));

// The partners (own files in data/partners/) and Ukraine, which is the other
// party to every agreement. Ids found in data/partners/ are added to this.
const PARTNERS = "GB DE FR DK CA IT NL FI LV ES BE PT SE IS NO JP US EE LT PL LU RO CZ SI IE GR AL HR".split(" ");
const EXCLUDED = new Set([...PARTNERS, "UA"]);
// Not UN members, included on purpose. (world-countries marks VA as unMember.)
const EXTRA = new Set(["VA", "PS", "XK", "TW"]);

// Letters that do not decompose, and Cyrillic keyboard slips, folded as the
// bot's own normaliser (src/search/normalize.rs) folds them.
const FOLD = { ø: "o", æ: "ae", œ: "oe", đ: "d", ð: "d", ł: "l", ı: "i", þ: "th", ħ: "h", ŧ: "t", ŋ: "n",
  і: "и", ї: "и", й: "и", ы: "и", є: "е", ё: "е", э: "е", ґ: "г" };

/**
 * Case-fold, strip diacritics, fold the letters above, drop a leading "the",
 * keep letters and digits only. Slightly stricter than the bot's normaliser
 * (which keeps word breaks), so whatever collides there collides here too.
 */
export function norm(s) {
  let t = s.toUpperCase().toLowerCase(); // approximates Unicode case folding (ß → ss)
  t = t.normalize("NFKD").replace(/\p{M}/gu, "");
  t = [...t].map((ch) => FOLD[ch] ?? ch).join("");
  t = t.trim().replace(/^the[^\p{L}\p{N}]+/u, "");
  return t.replace(/[^\p{L}\p{N}]/gu, "");
}

const own = (obj) => Object.fromEntries(Object.entries(obj ?? {}).filter(([k]) => !k.startsWith("_")));
const ovUk = own(overrides.uk);
const ovUkOther = own(overrides.uk_other);
const ovAbbr = own(overrides.abbreviations);
const reserved = own(overrides.reserved);

// ---- who owns which normalised name -------------------------------------
const owners = new Map(); // norm -> Set(owner)
const claim = (name, owner) => {
  if (!name) return;
  const n = norm(name);
  if (!n) return;
  if (!owners.has(n)) owners.set(n, new Set());
  owners.get(n).add(owner);
};

// Partner files (written by other people; read whatever is there).
const partnerDir = join(dataDir, "partners");
let partnerFiles = [];
try {
  partnerFiles = readdirSync(partnerDir).filter((f) => f.endsWith(".json")).sort();
} catch {
  /* no partner files yet */
}
for (const f of partnerFiles) {
  const p = readJson(join(partnerDir, f));
  const id = p.id;
  EXCLUDED.add(id);
  const n = p.names ?? {};
  for (const name of [id, n.en, n.official, n.uk, ...(n.native ?? []), ...(n.uk_other ?? []),
    ...(n.abbreviations ?? []), ...(n.demonyms ?? [])]) claim(name, `partner:${id}`);
}
for (const [id, names] of Object.entries(reserved)) {
  claim(id, `partner:${id}`);
  for (const name of names) claim(name, `partner:${id}`);
}

// Names shared in real use that no one country may claim ("Congo").
for (const name of overrides.ambiguous?.names ?? []) claim(name, "ambiguous");

// Aid types: ids, names and aliases.
const aidFile = join(dataDir, "aid-types.json");
for (const t of readJson(aidFile).aid_types) {
  for (const name of [t.id, t.en, t.uk, ...(t.aliases ?? [])]) claim(name, `aid:${t.id}`);
}

// ---- candidate names per country -----------------------------------------
const byId = new Map(world.map((c) => [c.cca2, c]));
const isId = (s) => /^[A-Z]{2}$/.test(s);

function candidates(c) {
  const id = c.cca2;
  // The data has a few names with stray spaces ("Republika y'Uburundi "): trim them.
  const uniq = (xs) => [...new Set(xs.filter(Boolean).map((x) => x.trim().replace(/\s+/gu, " ")).filter(Boolean))];
  const native = uniq(Object.values(c.name.native ?? {}).flatMap((v) => [v.common, v.official]));
  let uk = ovUk[id] ?? ukNames[id];
  let ukOther = [];
  if (Array.isArray(uk)) [uk, ...ukOther] = uk;
  uk = uk?.trim();
  ukOther = uniq([...ukOther, ...(ovUkOther[id] ?? [])]);
  const eng = c.demonyms?.eng ?? {};
  return {
    en: c.name.common.trim(),
    official: c.name.official?.trim(),
    native,
    uk,
    uk_other: ukOther,
    // cca3, altSpellings, overrides. Dropped from altSpellings: 2-letter codes (ids are
    // matched automatically) and ISO inverted forms with a comma ("Korea, Republic of").
    abbreviations: uniq([c.cca3, ...(c.altSpellings ?? []).filter((a) => !/^[A-Z]{2}$/.test(a) && !a.includes(",")),
      ...(ovAbbr[id] ?? [])]),
    demonyms: uniq([eng.m, eng.f]),
  };
}

// Every country world-countries knows claims its own names, so that partners
// (e.g. "Dutch", "American") and Ukraine are covered even before their files exist.
const selected = [];
for (const c of world) {
  const id = c.cca2;
  if (!isId(id)) continue;
  const isPartnerLike = EXCLUDED.has(id);
  const wanted = !isPartnerLike && (c.unMember || EXTRA.has(id));
  if (!wanted && !isPartnerLike) continue; // territories: not ours, not claiming
  const owner = isPartnerLike ? `partner:${id}` : `country:${id}`;
  claim(id, owner);
  const cand = candidates(c);
  for (const name of [cand.en, cand.official, ...cand.native, cand.uk, ...cand.uk_other,
    ...cand.abbreviations, ...cand.demonyms]) claim(name, owner);
  if (wanted) selected.push({ id, cand });
}
for (const id of EXTRA) if (!byId.has(id)) throw new Error(`world-countries has no ${id}`);

// ---- build the records, dropping collisions --------------------------------
const dropped = []; // [id, field, name, reason]
const out = [];
for (const { id, cand } of selected.sort((a, b) => a.id.localeCompare(b.id))) {
  const seen = new Set([norm(id)]);
  const others = (name) => [...(owners.get(norm(name)) ?? [])].filter((o) => o !== `country:${id}`);
  const keep = (field, name) => {
    const n = norm(name);
    if (!n || seen.has(n)) return false; // empty or a repeat within this record
    if (/^[a-z0-9]{1,2}$/.test(n)) { dropped.push([id, field, name, "two letters or fewer (ids are matched automatically)"]); return false; }
    const o = others(name);
    if (o.length) { dropped.push([id, field, name, `also ${o.sort().join(", ")}`]); return false; }
    seen.add(n);
    return true;
  };
  const names = {};
  // en and uk are required: they must survive.
  if (!keep("en", cand.en)) throw new Error(`${id}: English name '${cand.en}' collides; add an override`);
  names.en = cand.en;
  names.official = cand.official && keep("official", cand.official) ? cand.official : null;
  const ukList = [cand.uk, ...cand.uk_other].filter(Boolean);
  const ukKept = ukList.filter((n) => keep("uk", n));
  if (!ukKept.length) throw new Error(`${id}: no usable Ukrainian name; add an override`);
  if (ukKept[0] !== cand.uk) dropped.push([id, "uk", cand.uk, `replaced by '${ukKept[0]}'`]);
  names.uk = ukKept[0];
  names.uk_other = ukKept.slice(1);
  // After uk: a native name that repeats the Ukrainian one (e.g. a Russian-language
  // native name) is dropped from native, never the other way round.
  names.native = cand.native.filter((n) => keep("native", n));
  names.abbreviations = cand.abbreviations.filter((n) => keep("abbreviations", n));
  names.demonyms = cand.demonyms.filter((n) => keep("demonyms", n));
  const st = status[id] ?? null;
  if (st && (!st.note || !Array.isArray(st.sources) || !st.sources.length)) throw new Error(`status.json ${id}: needs note and sources`);
  out.push({ id, names, status: st ? { note: st.note, sources: st.sources } : null });
}
for (const id of Object.keys(status)) {
  if (!id.startsWith("_") && !out.some((c) => c.id === id)) throw new Error(`status.json has ${id}, which is not emitted`);
}

// ---- write -----------------------------------------------------------------
const j = (v) => (Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(", ")}]` : JSON.stringify(v));
// One country per block; each list on one line.
const fmt = (c) => {
  const n = c.names;
  const nameLines = ["en", "official", "native", "uk", "uk_other", "abbreviations", "demonyms"]
    .map((k) => `        ${j(k)}: ${j(n[k])}`);
  const st = c.status
    ? `{\n        "note": ${j(c.status.note)},\n        "sources": [\n${c.status.sources.map((s) => `          ${j(s)}`).join(",\n")}\n        ]\n      }`
    : "null";
  return `    {\n      "id": ${j(c.id)},\n      "names": {\n${nameLines.join(",\n")}\n      },\n      "status": ${st}\n    }`;
};
const text = `{\n  "countries": [\n${out.map(fmt).join(",\n")}\n  ]\n}\n`;
JSON.parse(text); // sanity
writeFileSync(join(dataDir, "countries.json"), text);

const tsv = ["id\tfield\tname\treason", ...dropped.map((r) => r.join("\t"))].join("\n") + "\n";
writeFileSync(join(here, "dropped.tsv"), tsv);

const count = out.reduce((s, c) => s + [...Object.values(c.names)].flat().filter(Boolean).length, 0);
console.log(`wrote data/countries.json: ${out.length} countries, ${count} names; ` +
  `${dropped.length} names dropped (see dropped.tsv); ${out.filter((c) => c.status).length} status notes; ` +
  `partner files read: ${partnerFiles.length}`);
