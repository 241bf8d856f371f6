// Shared by the benchmarks: figures, rounding, percentiles, output files.
import { mkdir, writeFile } from 'node:fs/promises';

export const root = new URL('../', import.meta.url);

export const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * A figure list. `add(name, value, unit, anchor?, anchorValue?)`; `ratio` is
 * value / anchorValue (for rates above 1 = faster; for sizes and times below
 * 1 = smaller).
 */
export function figures() {
  const list = [];
  const add = (name, value, unit, anchor, anchorValue, digits = 1) => {
    const f = { name, value: round(value, digits), unit };
    if (anchor !== undefined) Object.assign(f, { anchor, anchorValue: round(anchorValue, digits), ratio: round(value / anchorValue, 3) });
    list.push(f);
    return f;
  };
  return { list, add };
}

/** The p-th percentile (0..100) of sorted numbers. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** Writes bench/out/<name>.json. */
export async function save(name, data) {
  const dir = new URL('bench/out/', root);
  await mkdir(dir, { recursive: true });
  await writeFile(new URL(`${name}.json`, dir), JSON.stringify(data, null, 2) + '\n');
}
