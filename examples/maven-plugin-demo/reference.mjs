// Reference run of textlib.wasm under Node's WebAssembly: the values TextToolsTest expects.
// Usage: node reference.mjs src/main/wasm/textlib.wasm
import fs from 'fs';
const logs = [];
let mem;
const { instance } = await WebAssembly.instantiate(fs.readFileSync(process.argv[2]), { env: { host_log: (p, n) => logs.push(Buffer.from(mem.buffer, p, n).toString()) } });
const e = instance.exports; mem = e.memory;
const put = s => { const b = Buffer.from(s); const p = e.alloc(b.length); Buffer.from(mem.buffer).set(b, p); return [p, b.length]; };
console.log('add', e.add(2, 3), e.add(2147483647, 1));
console.log('fib', e.fib(10), e.fib(90));
let [p, n] = put('Hello World, from WebAssembly'); console.log('vowels', e.count_vowels(p, n));
e.to_upper(p, n); console.log('upper', Buffer.from(mem.buffer, p, n).toString());
[p, n] = put('Duke'); const g = e.greet(p, n); console.log('greet', Buffer.from(mem.buffer, g, 12).toString(), logs);
try { e.divide(1, 0); } catch (x) { console.log('divide', x.message); }
console.log('divide', e.divide(7, 2), e.divide(-7, 2));
