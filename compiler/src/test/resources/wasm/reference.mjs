// Reference outputs for the end-to-end fixtures, produced by Node's WASI (V8), so tests compare wasm2jar
// against an independent runtime instead of hand-written expectations. Used by build.sh.
//
//   node reference.mjs run OUT_PREFIX MODULE.wasm ARGV0 [--dir HOST::GUEST]... [--env NAME=VALUE]... -- [ARGS...]
//       writes OUT_PREFIX.stdout (the guest's stdout), OUT_PREFIX.exit (its exit code, or "trap") and
//       OUT_PREFIX.cmd (what it ran: lines "module M", "argv0 A", "dir HOST::GUEST", "env NAME=VALUE", "arg A")
//   node reference.mjs invoke MODULE.wasm FUNC [ARGS...]
//       prints one line "FUNC ARGS... => TYPE:VALUE ..." (or "=> trap") for numbers.wasm's exports
import { readFileSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { resolve } from 'node:path';

process.emitWarning = () => {};  // drop "WASI is an experimental feature"
const { WASI } = await import('node:wasi');

const [mode, ...rest] = process.argv.slice(2);

if (mode === 'run') {
  const [prefix, modulePath, argv0, ...opts] = rest;
  const env = {};
  const preopens = {};
  let i = 0;
  for (; i < opts.length && opts[i] !== '--'; i += 2) {
    const value = opts[i + 1];
    if (opts[i] === '--env') {
      const eq = value.indexOf('=');
      env[value.slice(0, eq)] = value.slice(eq + 1);
    } else if (opts[i] === '--dir') {
      const [host, guest = host] = value.split('::');
      preopens[guest] = resolve(host);
    } else {
      throw new Error(`unknown option ${opts[i]}`);
    }
  }
  const args = [argv0, ...opts.slice(i + 1)];
  const cmd = [`module ${modulePath}`, `argv0 ${argv0}`];
  for (let k = 0; k < i; k += 2) cmd.push(`${opts[k].slice(2)} ${opts[k + 1]}`);
  for (const a of args.slice(1)) cmd.push(`arg ${a}`);
  writeFileSync(`${prefix}.cmd`, cmd.join('\n') + '\n');
  const out = openSync(`${prefix}.stdout`, 'w');
  const wasi = new WASI({ version: 'preview1', args, env, preopens, stdout: out, returnOnExit: true });
  const module = await WebAssembly.compile(readFileSync(modulePath));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  let code;
  try {
    code = wasi.start(instance) ?? 0;
  } catch (e) {
    code = 'trap';
  }
  closeSync(out);
  writeFileSync(`${prefix}.exit`, `${code}\n`);
} else if (mode === 'invoke') {
  // Parameter and result types of numbers.wat's exports (the JS API does not expose function types).
  const SIGNATURES = {
    add: [['i32', 'i32'], ['i32']],
    mul64: [['i64', 'i64'], ['i64']],
    half: [['f64'], ['f64']],
    sqrt32: [['f32'], ['f32']],
    div_s: [['i32', 'i32'], ['i32']],
    swap: [['i32', 'f64'], ['f64', 'i32']],
    nothing: [[], []],
  };
  const [modulePath, func, ...texts] = rest;
  const [params, results] = SIGNATURES[func];
  const parse = (type, text) => {
    if (type === 'i64') return BigInt(text);
    if (type === 'i32') return Number(text);
    const t = text.toLowerCase().replace(/^\+/, '');
    if (t === 'nan' || t === '-nan') return NaN;
    if (t === 'inf') return Infinity;
    if (t === '-inf') return -Infinity;
    return Number(text);
  };
  const show = (x) => (Object.is(x, -0) ? '-0' : String(x));
  const { instance } = await WebAssembly.instantiate(readFileSync(modulePath));
  let line = [func, ...texts].join(' ') + ' =>';
  try {
    let r = instance.exports[func](...texts.map((t, k) => parse(params[k], t)));
    if (results.length === 1) r = [r];
    if (results.length === 0) r = [];
    r.forEach((v, k) => { line += ` ${results[k]}:${show(v)}`; });
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    line += ' trap';
  }
  console.log(line);
} else {
  throw new Error('usage: see the header of reference.mjs');
}
