;; Imports a memory, a table and a global from the host: the generated interface has provider methods.
(module
  (import "env" "memory" (memory 1))
  (import "env" "table" (table 1 funcref))
  (import "env" "base" (global $base i32))
  (func (export "load") (param i32) (result i32)
    (i32.load (i32.add (global.get $base) (local.get 0))))
  (func (export "tableSize") (result i32) (table.size 0))
)
