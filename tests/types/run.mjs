// The type test of pkg/verify8x8.d.ts: ok.ts must compile; bad.ts must fail
// with exactly the errors its `expect TSxxxx` comments announce, line by line.
// The lib includes esnext.disposable: the .d.ts declares `[Symbol.dispose]()`
// on its classes (wasm-bindgen), which TypeScript users need too (TS >= 5.2).
// Prints TAP-style "# pass N" / "# fail N" lines (scripts/test counts them).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const tsc = join(root, "node_modules", ".bin", "tsc");
const flags = ["--noEmit", "--strict", "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler", "--lib", "es2022,esnext.disposable,dom", "--pretty", "false"];

function compile(file) {
  try {
    execFileSync(tsc, [...flags, join(here, file)], { cwd: root, encoding: "utf8", stdio: "pipe" });
    return { ok: true, output: "" };
  } catch (e) {
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

let pass = 0;
let fail = 0;
function result(ok, name, detail = "") {
  if (ok) pass++; else fail++;
  console.log(`${ok ? "ok" : "not ok"} - ${name}${ok || !detail ? "" : `\n${detail}`}`);
}

const good = compile("ok.ts");
result(good.ok, "ok.ts compiles against pkg/verify8x8.d.ts", good.output);

const bad = compile("bad.ts");
result(!bad.ok, "bad.ts fails to compile");
const expected = new Map();
readFileSync(join(here, "bad.ts"), "utf8").split("\n").forEach((line, i) => {
  const m = line.match(/expect (TS\d+)/);
  if (m) expected.set(i + 1, m[1]);
});
const found = new Map();
for (const m of bad.output.matchAll(/bad\.ts\((\d+),\d+\): error (TS\d+)/g)) {
  found.set(Number(m[1]), m[2]);
}
for (const [line, code] of expected) {
  result(found.get(line) === code, `bad.ts line ${line}: ${code}`, `got ${found.get(line) ?? "no error"}\n${bad.output}`);
}
const unexpected = [...found].filter(([line]) => !expected.has(line));
result(unexpected.length === 0, "bad.ts has no unexpected error", JSON.stringify(unexpected));

console.log(`# pass ${pass}`);
console.log(`# fail ${fail}`);
process.exit(fail === 0 ? 0 : 1);
