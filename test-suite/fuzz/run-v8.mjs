// run-v8.mjs - the reference side of the differential fuzzer: runs binaryen translate-to-fuzz modules on
// V8 (node) and prints one transcript per module in the format the Java harness
// (test-suite/src/test/java/dev/wasm2jar/tests/fuzz/Transcript.java) writes for wasm2jar. The two are
// compared line by line, so every formatting rule here has its twin there.
//
// Usage: node run-v8.mjs FILE.wasm...      (or: node run-v8.mjs --list FILE, one .wasm path per line)
// Output per module: a line "module <path>", the transcript lines, then "end".
//
// Transcript: "compile ok|error", "instantiate ok|trap <category>|error", then for every exported function
// in export order and for each argument set ("zero" = all zeros, "mixed" = ArgumentSets below):
// "call <export> <set>", any "log <type> <value>" lines the call produced, then "result <values>" or
// "trap <category>"; finally "memory <pages> <sha256 prefix>" of the export "memory" and
// "global <name> <value>" for exported globals. Before every call the export "hangLimitInitializer"
// (binaryen's loop and recursion budget) is called if present, as binaryen's own fuzz shell does.
import fs from 'node:fs';
import crypto from 'node:crypto';

// Keep in sync with ArgumentSets.java: values exactly representable as f32 where used for f32, and no
// NaN (JS numbers do not carry NaN payloads across the boundary).
const MIXED = {
  i32: [1, -1, -2147483648, 2147483647, 65535, 37, 0],
  i64: [1n, -1n, -9223372036854775808n, 9223372036854775807n, 4294967296n, 37n, 0n],
  f32: [1.5, -0, -Infinity, 3.4028234663852886e38, 1.401298464324817e-45, -2.5, 0],
  f64: [1.5, -0, -Infinity, 1.7976931348623157e308, 5e-324, -2.5, 0],
};

const f32buf = new Float32Array(1);
const u32f = new Uint32Array(f32buf.buffer);
const f64buf = new Float64Array(1);
const u64f = new BigUint64Array(f64buf.buffer);

function hex(n, digits) {
  return '0x' + n.toString(16).padStart(digits, '0');
}

function f32(x) {
  if (Number.isNaN(x)) return 'f32:nan';
  f32buf[0] = x;
  return 'f32:' + hex(u32f[0], 8);
}

function f64(x) {
  if (Number.isNaN(x)) return 'f64:nan';
  f64buf[0] = x;
  return 'f64:' + hex(u64f[0], 16);
}

function value(type, v) {
  switch (type) {
    case 'i32': return 'i32:' + (v | 0);
    case 'i64': return 'i64:' + BigInt.asIntN(64, v).toString();
    case 'f32': return f32(v);
    case 'f64': return f64(v);
    case 'funcref': return v === null ? 'funcref:null' : 'funcref:func';
    case 'externref': return v === null || v === undefined ? 'externref:null' : 'externref:host';
    default: return type + ':?';
  }
}

// V8's trap messages mapped onto the categories Transcript.java derives from the spec's trap messages.
// V8 reports "undefined element" (index past the table's end) as a table index error and does not
// tell "uninitialized element" from "indirect call type mismatch"; the categories merge them alike.
// What a fuzzing-support import throws when asked for something that does not exist (an export or table
// index out of range, a null reference to call): the Java side throws its own HostError alike.
class HostError extends Error {}
// Budgets per module, so every module ends: past LOG_LIMIT log lines or CALL_LIMIT calls through
// call-export/call-ref (or DEPTH_LIMIT nested ones), the imports throw a LimitError, which the -catch imports do not
// catch (binaryen's modules reset their loop budget when it runs out, so catching loops could otherwise
// multiply without end). Same numbers and rules as FuzzingSupport.java.
class LimitError extends HostError {}
const LOG_LIMIT = 100000;
const CALL_LIMIT = 10000;
// Nesting of call-export/call-ref: deeper host recursion would reach the engines' stack limits, which
// differ (V8 ~1 MB, the Java harness 16 MB) and which the -catch imports would make observable.
const DEPTH_LIMIT = 20;

function trapCategory(e) {
  if (e instanceof LimitError) return 'limit';
  if (e instanceof HostError) return 'host';
  const m = String(e && e.message);
  if (e instanceof RangeError && /call stack/i.test(m)) return 'stack';
  if (!(e instanceof WebAssembly.RuntimeError)) return 'error ' + (e && e.constructor && e.constructor.name) + ': ' + m;
  if (m === 'unreachable' || m === 'unreachable executed') return 'unreachable';
  if (m.includes('memory access out of bounds') || m.includes('data segment')) return 'memory';
  if (m.includes('divide by zero') || m.includes('remainder by zero')) return 'div0';
  // The spec's "integer overflow" (division, out-of-range truncation) and "invalid conversion to integer"
  // (NaN truncation) are one category: V8 reports every failing truncation alike.
  if (m.includes('divide result unrepresentable') || m.includes('float unrepresentable')) return 'overflow';
  if (m.includes('table index is out of bounds') || m.includes('element segment') || m.includes('table access')) return 'table';
  if (m.includes('null function or function signature mismatch') || m.includes('function signature mismatch')) return 'indirect';
  if (m.includes('dereferencing a null pointer')) return 'null';
  return 'other ' + m;
}

function memoryLine(mem) {
  const bytes = new Uint8Array(mem.buffer);
  const digest = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return 'memory ' + (bytes.length / 65536) + ' ' + digest;
}

function globalLine(name, g, type) {
  return 'global ' + name + ' ' + value(type, g.value);
}

function argsFor(params, set) {
  return params.map((t, k) => {
    if (set === 'zero' || !(t in MIXED)) {
      if (t === 'i64') return 0n;
      if (t === 'funcref' || t === 'externref') return null;
      return 0;
    }
    const list = MIXED[t];
    return list[(k + 1) % list.length];
  });
}

// Export and global types come from the module's own type information (node 20 has no type reflection),
// parsed here from the binary: the type, import, function, global and export sections.
function describe(bytes) {
  let p = 8;
  const u = () => { let r = 0, s = 0, b; do { b = bytes[p++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80); return r; };
  const s = () => { let r = 0n, sh = 0n, b; do { b = bytes[p++]; r |= BigInt(b & 0x7f) << sh; sh += 7n; } while (b & 0x80); if (b & 0x40) r -= 1n << sh; return r; };
  const vt = () => ({ 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x70: 'funcref', 0x6f: 'externref', 0x7b: 'v128' })[bytes[p++]] || '?';
  const name = () => { const n = u(); const str = Buffer.from(bytes.subarray(p, p + n)).toString('utf8'); p += n; return str; };
  const skipExpr = () => { // constant expressions only
    for (;;) {
      const op = bytes[p++];
      if (op === 0x0b) return;
      if (op === 0x41 || op === 0x42) s();
      else if (op === 0x43) p += 4;
      else if (op === 0x44) p += 8;
      else if (op === 0x23 || op === 0xd2) u();
      else if (op === 0xd0) p++;
    }
  };
  const types = [], funcs = [], globals = [], exports = [], globalImports = [];
  while (p < bytes.length) {
    const id = bytes[p++];
    const size = u();
    const end = p + size;
    if (id === 1) {
      for (let n = u(); n > 0; n--) {
        p++; // 0x60
        const params = []; for (let k = u(); k > 0; k--) params.push(vt());
        const results = []; for (let k = u(); k > 0; k--) results.push(vt());
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = u(); n > 0; n--) {
        const mod = name(); const field = name();
        const kind = bytes[p++];
        if (kind === 0) funcs.push(types[u()]);
        else if (kind === 1) { vt(); const f = bytes[p++]; u(); if (f & 1) u(); }
        else if (kind === 2) { const f = bytes[p++]; u(); if (f & 1) u(); }
        else if (kind === 3) { const t = vt(); const mut = bytes[p++]; globals.push(t); globalImports.push({ module: mod, name: field, type: t, mutable: mut === 1 }); }
      }
    } else if (id === 3) {
      for (let n = u(); n > 0; n--) funcs.push(types[u()]);
    } else if (id === 6) {
      for (let n = u(); n > 0; n--) { globals.push(vt()); p++; skipExpr(); }
    } else if (id === 7) {
      for (let n = u(); n > 0; n--) { const nm = name(); const kind = bytes[p++]; exports.push({ name: nm, kind, index: u() }); }
    }
    p = end;
  }
  return { funcs, globals, exports, globalImports };
}

// Global imports from "__fuzz_import": externref ones get a fresh host object, others zero or null;
// mutable ones are WebAssembly.Global objects (the JS API requires that). The Java side does the same.
function fuzzGlobals(globalImports) {
  const o = {};
  for (const g of globalImports) {
    if (g.module !== '__fuzz_import') continue;
    const v = g.type === 'externref' ? {} : g.type === 'funcref' ? null : g.type === 'i64' ? 0n : 0;
    o[g.name] = g.mutable ? new WebAssembly.Global({ value: g.type === 'funcref' ? 'anyfunc' : g.type, mutable: true }, v) : v;
  }
  return o;
}

function runModule(file, out) {
  const bytes = fs.readFileSync(file);
  let module;
  try {
    module = new WebAssembly.Module(bytes);
  } catch (e) {
    out.push('compile error');
    return;
  }
  out.push('compile ok');
  const info = describe(bytes);
  // A module may log without end (a call-export loop); past LOG_LIMIT lines the log imports throw, on
  // both sides alike.
  const log = (type) => (v) => {
    if (out.length >= LOG_LIMIT) throw new LimitError('output limit');
    out.push('log ' + value(type, v));
  };
  // call-export and call-ref never run hangLimitInitializer: resetting the loop budget from inside the
  // module could make it run forever.
  const isHangReset = (f) => ex !== null && f === ex.hangLimitInitializer;
  let ex = null; // the instance's exports, once it exists
  const functionExports = () => (ex === null ? [] : info.exports.filter((e) => e.kind === 0));
  // Calls a function with all-zero arguments of its type; exported functions carry their function index
  // in their name (JS API), which gives the type.
  let calls = 0;
  let depth = 0;
  const callWithZeros = (f) => {
    if (++calls > CALL_LIMIT) throw new LimitError('call limit');
    if (depth >= DEPTH_LIMIT) throw new LimitError('depth limit');
    if (isHangReset(f)) return undefined;
    const type = info.funcs[Number(f.name)];
    if (type === undefined) throw new HostError('unknown function');
    depth++;
    try {
      return f(...argsFor(type.params, 'zero'));
    } finally {
      depth--;
    }
  };
  const catching = (thunk) => { try { thunk(); return 0; } catch (e) { if (e instanceof LimitError) throw e; return 1; } };
  const exportAt = (i) => {
    const list = functionExports();
    if (i < 0 || i >= list.length) throw new HostError('no export ' + i);
    return ex[list[i].name];
  };
  const table = () => {
    if (ex === null || !(ex.table instanceof WebAssembly.Table)) throw new HostError('no table');
    return ex.table;
  };
  const imports = {
    'fuzzing-support': {
      'log-i32': log('i32'), 'log-i64': log('i64'), 'log-f32': log('f32'), 'log-f64': log('f64'),
      'call-export': (i, flags) => { callWithZeros(exportAt(i)); },
      'call-export-catch': (i) => catching(() => callWithZeros(exportAt(i))),
      'call-ref': (f, flags) => { if (f === null) throw new HostError('null'); callWithZeros(f); },
      'call-ref-catch': (f) => catching(() => { if (f === null) throw new HostError('null'); callWithZeros(f); }),
      'sleep': (ms, id) => id,
      'table-get': (i) => { const t = table(); if (i < 0 || i >= t.length) throw new HostError('oob'); return t.get(i); },
      'table-set': (i, f) => { const t = table(); if (i < 0 || i >= t.length) throw new HostError('oob'); t.set(i, f); },
    },
    '__fuzz_import': fuzzGlobals(info.globalImports),
  };
  let instance;
  try {
    instance = new WebAssembly.Instance(module, imports);
  } catch (e) {
    out.push(e instanceof WebAssembly.LinkError ? 'instantiate error' : 'instantiate trap ' + trapCategory(e));
    return;
  }
  out.push('instantiate ok');
  ex = instance.exports;
  const hang = typeof ex.hangLimitInitializer === 'function' ? ex.hangLimitInitializer : null;
  for (const set of ['zero', 'mixed']) {
    for (const e of info.exports) {
      if (e.kind !== 0) continue;
      const type = info.funcs[e.index];
      out.push('call ' + e.name + ' ' + set);
      try {
        if (hang) hang();
        let r = ex[e.name](...argsFor(type.params, set));
        const rs = type.results.length === 1 ? [r] : type.results.length === 0 ? [] : Array.from(r);
        out.push(['result', ...type.results.map((t, k) => value(t, rs[k]))].join(' '));
      } catch (err) {
        out.push('trap ' + trapCategory(err));
      }
    }
  }
  if (ex.memory instanceof WebAssembly.Memory) out.push(memoryLine(ex.memory));
  for (const e of info.exports) {
    if (e.kind === 3) out.push(globalLine(e.name, ex[e.name], info.globals[e.index]));
  }
}

let files = process.argv.slice(2);
if (files[0] === '--list') {
  files = fs.readFileSync(files[1], 'utf8').split('\n').filter((l) => l.length > 0);
}
for (const file of files) {
  const out = [];
  try {
    runModule(file, out);
  } catch (e) {
    out.push('harness-error ' + String(e && e.message).split('\n')[0]);
  }
  process.stdout.write('module ' + file + '\n' + out.join('\n') + (out.length ? '\n' : '') + 'end\n');
}
