;; No imports at all: the factory is create().
(module
  (global (export "answer") i64 (i64.const 42))
  (func (export "negate") (param f32) (result f32) (f32.neg (local.get 0)))
)
