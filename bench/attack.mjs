// SMS pumping, measured: the real edge worker (worker-build --release, on
// workerd through Miniflare: bench/workerd.mjs) in front of the emulator on
// loopback, attacked while legitimate users verify their numbers. Every
// window of the worker's defaults (worker/wrangler.toml [vars]: LIMIT_*,
// BREAKER_*) is divided by ATTACK_SCALE (60), so a simulated hour runs in a
// minute. What counts is what reaches the emulator's outbox: a paid message.
//
//   node bench/attack.mjs          (npm run attack; ATTACK_SCALE=60, ATTACK_RATE=1200)
//
// Each attacker runs alone for one simulated hour, then all of them at once;
// legitimate users (ATTACK_USERS=300 per simulated hour, ordinary IPv4
// addresses, ordinary mobiles in US GB SG DE IN) start, read their code from
// the outbox a simulated 30-90 s later and enter it 9 times in 10. No
// attacker ever enters a code. Legitimate users run alone for a simulated
// WARMUP (10 minutes) first, as on a service that was running before the
// attack began; only the hour after it is counted. Beside each figure: what a per-number limit
// alone (Twilio Verify's default, 5 per number per 10 minutes) would have let
// through the same attempts. Writes bench/attack.json and bench/attack.md.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { root, startEmulator } from '../tests/support/servers.mjs';
import { startEdgeWorker } from './workerd.mjs';

const require = createRequire(import.meta.url);
const { parsePhoneNumber, getExampleNumber } = require('libphonenumber-js/max');
const examples = require('libphonenumber-js/examples.mobile.json');

const SCALE = Number(process.env.ATTACK_SCALE || 60);
const RATE = Number(process.env.ATTACK_RATE || 1200); // attempts per simulated hour, per attacker
const USERS = Number(process.env.ATTACK_USERS || 300); // legitimate starts per simulated hour
const HOUR_MS = 3_600_000 / SCALE;
const WARMUP_MS = 600_000 / SCALE;
const IN_FLIGHT = 24; // per attacker
const LEGIT_COUNTRIES = ['US', 'GB', 'SG', 'DE', 'IN'];
const SPREAD_COUNTRIES = ['AF', 'AZ', 'BD', 'BY', 'KH', 'CM', 'CU', 'DZ', 'ET', 'GH', 'GN', 'HT', 'IQ', 'IR', 'JO',
  'KG', 'LA', 'LB', 'LK', 'MA', 'MM', 'MN', 'MR', 'NP', 'SD', 'SN', 'SO', 'TJ', 'TN', 'UZ'];
const TARGETS = { 'range walker': 50, 'IPv6 /48': 30, '30-country spreader': 100 };
const LEGIT_TARGET_PCT = 0.5;

// --- the worker's defaults, scaled -------------------------------------------------
const UNITS = { s: 1, m: 60, h: 3600, d: 86_400 };
const seconds = (text) => Number(text.slice(0, -1)) * UNITS[text.at(-1)];
const scaled = (secs) => `${Math.max(1, Math.round(secs / SCALE))}s`;
function defaults() {
  const toml = readFileSync(join(root, 'worker/wrangler.toml'), 'utf8');
  const vars = {};
  const section = toml.split('[vars]')[1].split(/\n\[/)[0];
  for (const [, name, value] of section.matchAll(/^([A-Z_0-9]+)\s*=\s*"([^"]*)"/gm)) vars[name] = value;
  return vars;
}
function scaleVars(vars) {
  const out = {};
  for (const [name, value] of Object.entries(vars)) {
    if (name.startsWith('LIMIT_') && value !== 'off') {
      out[name] = value.split(',').map((rule) => { const [n, w] = rule.split('/'); return `${n}/${scaled(seconds(w))}`; }).join(',');
    } else if (['BREAKER_WINDOW', 'BREAKER_COOLDOWN', 'BREAKER_GRACE'].includes(name) && value !== 'off') {
      out[name] = scaled(seconds(value));
    } else if (name.startsWith('LIMIT_') || name.startsWith('BREAKER_')) {
      out[name] = value;
    }
  }
  return out;
}

// --- numbers and addresses ----------------------------------------------------------
let seed = 0x5eed;
const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000);
const pick = (list) => list[Math.floor(random() * list.length)];

/** A random mobile of `country`: the first national digit of its example
 * mobile kept, every other digit drawn, until it is a valid mobile. */
function mobile(country) {
  const example = parsePhoneNumber(getExampleNumber(country, examples).number);
  const national = example.nationalNumber;
  const head = `+${example.countryCallingCode}${national[0]}`;
  for (let i = 0; i < 1000; i++) {
    let tail = '';
    for (let d = 1; d < national.length; d++) tail += Math.floor(random() * 10);
    if (isMobile(head + tail, country) && !used.has(head + tail)) {
      used.add(head + tail);
      return head + tail;
    }
  }
  return example.number;
}
/** Numbers drawn so far: each person has their own. */
const used = new Set();
function isMobile(e164, country) {
  try {
    const parsed = parsePhoneNumber(e164);
    return parsed.isValid() && ['MOBILE', 'FIXED_LINE_OR_MOBILE'].includes(parsed.getType()) && (!country || parsed.country === country);
  } catch { return false; }
}
const ipv4 = (a, b, c, d) => `${a}.${b}.${c}.${d}`;
/** 1,000 addresses over 250 /24s of many networks, in 100 autonomous systems. */
const BOTNET = Array.from({ length: 1000 }, (_, i) => ({ ip: ipv4(11 + (i % 50), (i * 7) % 256, Math.floor(i / 4) % 256, 10 + (i % 4)), asn: 64_600 + (i % 100) }));
const hex = (n) => n.toString(16);

// --- the attackers ------------------------------------------------------------------
/** Each: `next(lastRefusal)` → {destination, ip, asn}. */
function attackers() {
  const walker = { base: 0, offset: 0, start: null };
  return {
    'one IPv4': () => ({ destination: mobile('ID'), ip: '203.0.113.66', asn: 64_501 }),
    'botnet, 1,000 IPv4': () => ({ destination: mobile('PH'), ...pick(BOTNET) }),
    'IPv6 /48': () => ({ destination: mobile('VN'), ip: `2001:db8:4848:${hex(Math.floor(random() * 65536))}::${hex(1 + Math.floor(random() * 65535))}`, asn: 6939 }),
    // Consecutive numbers of one mobile range, ten per 10,000-number block
    // (the prefix limit) and on to the next block when refused.
    'range walker': (refusal) => {
      walker.start ??= Number(getExampleNumber('PK', examples).number.slice(3, -6)) * 1e6; // +92 3xx ...
      if (refusal || walker.offset >= 10) { walker.base += 10_000; walker.offset = 0; }
      for (;;) {
        const destination = `+92${walker.start + walker.base + walker.offset++}`;
        if (isMobile(destination)) return { destination, ...pick(BOTNET) };
        walker.base += 10_000; walker.offset = 0;
      }
    },
    '30-country spreader': () => ({ destination: mobile(pick(SPREAD_COUNTRIES)), ...pick(BOTNET) }),
  };
}

// --- the run ------------------------------------------------------------------------
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function post(url, body, { ip, asn }) {
  const headers = { 'content-type': 'application/json', 'cf-connecting-ip': ip };
  if (asn) headers['mf-cf-blob'] = JSON.stringify({ asn, clientIp: ip });
  try {
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await response.text();
    let json = {};
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: response.status, json };
  } catch (error) {
    return { status: 0, json: { code: error.cause?.code ?? error.name } };
  }
}

/** One simulated hour of `names` attacking while legitimate users verify. */
async function scenario(emulator, vars, names) {
  await fetch(`${emulator.url}/_emulator/reset`, { method: 'POST' });
  const worker = await startEdgeWorker({ emulatorUrl: emulator.url, vars });
  const owners = new Map(); // destination → attacker name or 'legit'
  const attempts = []; // {who, destination, t}
  const tally = {};
  const bump = (who, key) => { tally[who] ??= {}; tally[who][key] = (tally[who][key] ?? 0) + 1; };
  const legit = { users: 0, started: 0, refused: 0, refusedBy: {}, errors: 0, errorsBy: {}, policy: 0, verified: 0, entered: 0 };
  const warm = Date.now();
  const started = warm + WARMUP_MS;
  const until = started + HOUR_MS;
  const all = attackers();
  const tasks = [];

  for (const name of names) {
    const next = all[name];
    tasks.push((async () => {
      let inFlight = 0;
      let refusal = null;
      const gap = HOUR_MS / RATE;
      for (let k = 0; Date.now() < until; k++) {
        const due = started + k * gap;
        if (due > Date.now()) await sleep(due - Date.now());
        if (inFlight >= IN_FLIGHT) { bump(name, 'skipped (client busy)'); continue; }
        const { destination, ip, asn } = next(refusal);
        refusal = null;
        if (!owners.has(destination)) owners.set(destination, name);
        attempts.push({ who: name, destination, t: Date.now() - started });
        inFlight++;
        post(`${worker.url}/api/verify/sessions`, { destination }, { ip, asn }).then((r) => {
          inFlight--;
          const key = r.status === 200 ? 'sent' : `${r.status} ${r.json.limit ?? r.json.code ?? ''}`.trim();
          bump(name, key);
          if (r.status !== 200) refusal = key;
        });
      }
      while (inFlight > 0) await sleep(20);
    })());
  }

  // Legitimate users.
  tasks.push((async () => {
    const users = [];
    const gap = HOUR_MS / USERS;
    for (let k = 0; Date.now() < until; k++) {
      const due = warm + k * gap;
      if (due > Date.now()) await sleep(due - Date.now());
      const counted = Date.now() >= started;
      const stats = counted ? legit : { refusedBy: {}, errorsBy: {} };
      stats.users = (stats.users ?? 0) + 1;
      const destination = mobile(pick(LEGIT_COUNTRIES));
      const who = { ip: ipv4(100 + Math.floor(random() * 100), Math.floor(random() * 256), Math.floor(random() * 256), 1 + Math.floor(random() * 250)), asn: 7922 + Math.floor(random() * 10) };
      if (!owners.has(destination)) owners.set(destination, 'legit');
      if (counted) attempts.push({ who: 'legit', destination, t: Date.now() - started });
      users.push((async () => {
        const legit = stats;
        const bump = (field, n = 1) => { legit[field] = (legit[field] ?? 0) + n; };
        const r = await post(`${worker.url}/api/verify/sessions`, { destination }, who);
        if (r.status !== 200) {
          const key = `${r.status} ${r.json.limit ?? r.json.code ?? ''}`.trim();
          if (r.status === 403 && r.json.violations) bump('policy'); // the number, not a defence
          else if (r.status === 0 || r.status >= 500) { bump('errors'); legit.errorsBy[key] = (legit.errorsBy[key] ?? 0) + 1; }
          else { bump('refused'); legit.refusedBy[key] = (legit.refusedBy[key] ?? 0) + 1; }
          return;
        }
        bump('started');
        await sleep((30 + random() * 60) * 1000 / SCALE); // 30-90 simulated seconds to type it
        if (random() >= 0.9) return; // one in ten never enters it
        const [message] = await (await fetch(`${emulator.url}/_emulator/outbox?destination=${encodeURIComponent(destination)}&limit=1`)).json().then((b) => (Array.isArray(b) ? b : b.messages));
        bump('entered');
        const check = await post(`${worker.url}/api/verify/sessions/${r.json.sessionId}/check`, { code: message?.code ?? '' }, who);
        if (check.json.status === 'VERIFIED') bump('verified');
      })());
    }
    await Promise.all(users);
  })());

  await Promise.all(tasks);
  const elapsed = Math.min(Date.now(), until) - started;
  const outbox = await (await fetch(`${emulator.url}/_emulator/outbox?limit=50000`)).json().then((b) => (Array.isArray(b) ? b : b.messages));
  await worker.stop();

  const paid = {};
  for (const message of outbox) {
    const who = owners.get(message.destination) ?? 'unknown';
    paid[who] = (paid[who] ?? 0) + 1;
  }
  const baseline = perNumberOnly(attempts);
  const hours = elapsed / HOUR_MS;
  const attackersOut = {};
  for (const name of names) {
    const tried = attempts.filter((a) => a.who === name).length;
    attackersOut[name] = {
      attempts: tried,
      paidMessages: paid[name] ?? 0,
      paidPerHour: Math.round((paid[name] ?? 0) / hours),
      perNumberOnlyPerHour: Math.round((baseline[name] ?? 0) / hours),
      answers: tally[name] ?? {},
      target: TARGETS[name] ?? null,
    };
  }
  const asked = legit.users - legit.policy - legit.errors;
  return {
    simulatedHours: Number(hours.toFixed(3)),
    attackers: attackersOut,
    legit: { ...legit, refusedPct: asked ? Number((100 * legit.refused / asked).toFixed(2)) : 0, paidMessages: paid.legit ?? 0, perNumberOnlyRefused: attempts.filter((a) => a.who === 'legit').length - (baseline.legit ?? 0) },
  };
}

/** What 5 per number per 10 minutes (simulated) alone would have let through. */
function perNumberOnly(attempts) {
  const window = 600_000 / SCALE;
  const logs = new Map();
  const through = {};
  for (const { who, destination, t } of [...attempts].sort((a, b) => a.t - b.t)) {
    const log = (logs.get(destination) ?? []).filter((x) => x > t - window);
    if (log.length < 5) {
      log.push(t);
      through[who] = (through[who] ?? 0) + 1;
    }
    logs.set(destination, log);
  }
  return through;
}

function table(report) {
  const lines = [];
  lines.push(`# SMS pumping, measured (\`npm run attack\`)`, '');
  lines.push(`Run on ${report.date}: the edge worker (worker-build --release) on workerd through Miniflare, the emulator on loopback; every window of the defaults below divided by ${SCALE} (a simulated hour = ${HOUR_MS / 1000} s). Each attacker tries ${RATE} starts per simulated hour (at most ${IN_FLIGHT} in flight; an attempt is skipped while they are all busy) and never enters a code; ${USERS} legitimate users per simulated hour, alone for ${WARMUP_MS * SCALE / 60000} simulated minutes before the attack, start, read their code 30-90 simulated seconds later and enter it 9 times in 10. Figures are per simulated hour; "per-number only" is what 5 starts per number per 10 minutes (Twilio Verify's default) alone would have let through the same attempts.`, '');
  lines.push('| run | attacker | attempts | paid messages / h | per-number only / h | target | legitimate refused | per-number only: legitimate refused |', '|---|---|--:|--:|--:|--:|--:|--:|');
  for (const [run, result] of Object.entries(report.runs)) {
    const legit = `${result.legit.refused} / ${result.legit.users - result.legit.policy - result.legit.errors} (${result.legit.refusedPct} %)`;
    for (const [name, a] of Object.entries(result.attackers)) {
      const target = a.target === null ? '' : `≤ ${a.target} ${a.paidPerHour <= a.target ? '✓' : '✗'}`;
      lines.push(`| ${run} | ${name} | ${a.attempts} | **${a.paidPerHour}** | ${a.perNumberOnlyPerHour} | ${target} | ${legit} | ${result.legit.perNumberOnlyRefused} |`);
    }
    const total = Object.values(result.attackers).reduce((s, a) => s + a.paidPerHour, 0);
    if (Object.keys(result.attackers).length > 1) lines.push(`| ${run} | **all attackers** | | **${total}** | ${Object.values(result.attackers).reduce((s, a) => s + a.perNumberOnlyPerHour, 0)} | | ${legit} | |`);
  }
  lines.push('', `Legitimate users refused: target ≤ ${LEGIT_TARGET_PCT} %. Legitimate users are in US GB SG DE IN; the attackers send to ID (one IPv4), PH (botnet), VN (/48), PK (range walker, from +92 3012 000000 up) and 30 other countries (spreader), from a botnet of 1,000 IPv4 addresses over 250 /24s and 100 ASNs (the /48 from one ASN). "Skipped" attempts and transport errors are the loaded 2-core machine (the simulator, the worker and the emulator share it), not the worker's answers. What refused the legitimate users, and what answered each attacker (\`429 <limit>\` names the defence):`, '');
  for (const [run, result] of Object.entries(report.runs)) {
    lines.push(`- ${run}: legitimate refused ${JSON.stringify(result.legit.refusedBy)}; verified ${result.legit.verified} of ${result.legit.entered} who entered their code; not counted: ${result.legit.errors} transport errors or 5xx ${JSON.stringify(result.legit.errorsBy)} (the loaded machine, not a refusal), ${result.legit.policy} numbers refused by the number policy`);
    for (const [name, a] of Object.entries(result.attackers)) lines.push(`  - ${name}: ${JSON.stringify(a.answers)}`);
  }
  lines.push('', 'The defaults, as scaled for the run (worker/wrangler.toml):', '', '```', ...Object.entries(report.settings.vars).map(([k, v]) => `${k}=${v}   # default ${report.settings.defaults[k]}`), '```', '');
  return lines.join('\n');
}

if (process.argv.includes('--render')) {
  // Re-writes bench/attack.md from bench/attack.json.
  const saved = JSON.parse(readFileSync(join(root, 'bench/attack.json'), 'utf8'));
  await writeFile(join(root, 'bench/attack.md'), table(saved));
  process.exit(0);
}
const defaultVars = defaults();
const vars = { ...scaleVars(defaultVars), ALLOWED_COUNTRIES: '*', CODE_VALIDITY: '30' };
const report = {
  date: new Date().toISOString(),
  settings: { scale: SCALE, attemptsPerHour: RATE, legitimatePerHour: USERS, vars, defaults: Object.fromEntries(Object.keys(vars).map((k) => [k, defaultVars[k] ?? '(run setting)'])) },
  runs: {},
};
const emulator = await startEmulator({ name: 'emulator-attack' });
try {
  const names = Object.keys(attackers());
  const only = process.env.ATTACK_ONLY?.split(',');
  for (const name of names) {
    if (only && !only.includes(name) && !only.includes('alone')) continue;
    process.stderr.write(`${name}, alone...\n`);
    report.runs[`alone: ${name}`] = await scenario(emulator, vars, [name]);
  }
  if (!only || only.includes('all')) {
    process.stderr.write('all at once...\n');
    report.runs['all at once'] = await scenario(emulator, vars, names);
  }
} finally {
  await emulator.stop();
}
await writeFile(join(root, 'bench/attack.json'), JSON.stringify(report, null, 2) + '\n');
const md = table(report);
await writeFile(join(root, 'bench/attack.md'), md);
process.stdout.write(md);
