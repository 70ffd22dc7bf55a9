;; grow-after-call.wat: a callee grows memory and the caller then touches the new pages, reaching the access
;; straight after the call, across a br_if, at a loop head and in both arms of an if (MemoryReloadTest).
;; Every access is to the page the callee just added, so a caller still holding the old array would trap.
(module
  (memory 1)
  (global $pages (mut i32) (i32.const 1))
  ;; grows by one page, stores the marker at the start of the new page, returns that address
  (func $grow (param $marker i32) (result i32)
    (local $addr i32)
    (local.set $addr (i32.mul (memory.grow (i32.const 1)) (i32.const 65536)))
    (i32.store (local.get $addr) (local.get $marker))
    (local.get $addr))
  (func (export "straight") (result i32)
    (i32.load (call $grow (i32.const 11))))
  (func (export "across_br_if") (param $c i32) (result i32)
    (local $a i32)
    (block $out (result i32)
      (local.set $a (call $grow (i32.const 22)))
      (br_if $out (i32.const -1) (local.get $c))
      (drop)
      (i32.load (local.get $a))))
  (func (export "loop_head") (param $n i32) (result i32)
    (local $a i32) (local $sum i32)
    (local.set $a (i32.const 0))
    (loop $l
      ;; the first iteration reads page 0; later ones read the page the previous iteration added
      (local.set $sum (i32.add (local.get $sum) (i32.load (local.get $a))))
      (local.set $a (call $grow (local.get $n)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i32.add (local.get $sum) (i32.load (local.get $a))))
  (func (export "if_arms") (param $c i32) (result i32)
    (local $a i32)
    (local.set $a (call $grow (i32.const 33)))
    (if (result i32) (local.get $c)
      (then (i32.add (i32.load (local.get $a)) (i32.const 100)))
      (else (i32.load (local.get $a)))))
  (func (export "size") (result i32) (memory.size)))
