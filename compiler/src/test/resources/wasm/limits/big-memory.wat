;; Starts with 64 pages (4 MiB): refused under --max-memory 1m.
(module
  (memory (export "memory") 64)
  (func (export "_start")))
