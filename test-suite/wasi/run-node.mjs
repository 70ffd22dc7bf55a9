// run-node.mjs - runs one WASI test program under Node's node:wasi (the reference runtime):
//   node run-node.mjs SANDBOX_DIR MODULE.wasm [ARGS...]
// argv[0] is the module's file name; the environment is exactly WASI_TEST=yes, EMPTY= ; SANDBOX_DIR is
// preopened as /sandbox; stdio is Node's own. The module's exit code becomes Node's.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

const emitWarning = process.emitWarning;
process.emitWarning = (warning, ...rest) => {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  if (type === 'ExperimentalWarning' && String(warning).includes('WASI')) return;
  return emitWarning.call(process, warning, ...rest);
};
const { WASI } = await import('node:wasi');

const [sandbox, modulePath, ...args] = process.argv.slice(2);
const wasi = new WASI({
  version: 'preview1',
  args: [basename(modulePath), ...args],
  env: { WASI_TEST: 'yes', EMPTY: '' },
  preopens: { '/sandbox': sandbox },
  returnOnExit: true,
});
const module = await WebAssembly.compile(await readFile(modulePath));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance) ?? 0;
