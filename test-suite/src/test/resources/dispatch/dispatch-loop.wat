(module
  (memory 1)
  ;; An interpreter-style loop: a straight prefix computes the next "opcode", a 20-way br_table picks an arm;
  ;; arms continue the loop directly (br $top), through a block whose tail is straight code (br $after),
  ;; conditionally (br_if), by falling into the next arm, or leave it (br_if $done). Used by DispatchLoopTest.
  (func $run (export "run") (param $n i32) (result i32)
    (local $i i32) (local $acc i32) (local $op i32) (local $t i32)
    (local.set $acc (i32.const 12345))
    (block $done
      (loop $top
        (local.set $op (i32.rem_u (i32.add (i32.mul (local.get $i) (i32.const 7)) (i32.shr_u (local.get $acc) (i32.const 3))) (i32.const 23)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (block $after
          (block $a19 (block $a18 (block $a17 (block $a16 (block $a15 (block $a14 (block $a13 (block $a12 (block $a11 (block $a10 (block $a9 (block $a8 (block $a7 (block $a6 (block $a5 (block $a4 (block $a3 (block $a2 (block $a1 (block $a0 
            (br_table $a0 $a1 $a2 $a3 $a4 $a5 $a6 $a7 $a8 $a9 $a10 $a11 $a12 $a13 $a14 $a15 $a16 $a17 $a18 $a19 $a0 (local.get $op))
          ) (br_if $done (i32.ge_u (local.get $i) (local.get $n))) (local.set $acc (i32.add (local.get $acc) (i32.const 3))) (br $after)
          ) (br_if $done (i32.ge_u (local.get $i) (local.get $n))) (local.set $acc (i32.xor (local.get $acc) (i32.mul (local.get $i) (i32.const 2)))) (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $top)
          ) (br_if $done (i32.ge_u (local.get $i) (local.get $n))) (br_if $after (i32.and (local.get $acc) (i32.const 1))) (local.set $acc (i32.add (local.get $acc) (i32.const 11)))
          ) (br_if $done (i32.ge_u (local.get $i) (local.get $n))) (local.set $acc (i32.mul (local.get $acc) (i32.const 3))) (local.set $t (i32.add (local.get $t) (local.get $acc))) (br $after)
          ) (br_if $done (i32.ge_u (local.get $i) (local.get $n))) (i32.store (i32.and (local.get $i) (i32.const 1020)) (local.get $acc)) (local.set $acc (i32.add (local.get $acc) (i32.load (i32.and (i32.mul (local.get $i) (i32.const 4)) (i32.const 1020))))) (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $top (i32.eqz (i32.and (local.get $i) (i32.const 3)))) (br $after)
          ) (br_if $done (i32.ge_u (local.get $i) (local.get $n))) (local.set $acc (i32.rotl (local.get $acc) (i32.const 6)))
          ) (br_if $done (i32.ge_u (local.get $i) (local.get $n))) (local.set $acc (i32.add (local.get $acc) (i32.const 9))) (br $after)
          ) (br_if $done (i32.ge_u (local.get $i) (local.get $n))) (local.set $acc (i32.xor (local.get $acc) (i32.mul (local.get $i) (i32.const 8)))) (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $top)
          ) (br_if $done (i32.ge_u (local.get $i) (local.get $n))) (br_if $after (i32.and (local.get $acc) (i32.const 1))) (local.set $acc (i32.add (local.get $acc) (i32.const 41)))
          ) (br_if $done (i32.ge_u (local.get $i) (local.get $n))) (local.set $acc (i32.mul (local.get $acc) (i32.const 3))) (local.set $t (i32.add (local.get $t) (local.get $acc))) (br $after)
          ) (br_if $done (i32.ge_u (local.get $i) (local.get $n))) (i32.store (i32.and (local.get $i) (i32.const 1020)) (local.get $acc)) (local.set $acc (i32.add (local.get $acc) (i32.load (i32.and (i32.mul (local.get $i) (i32.const 4)) (i32.const 1020))))) (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $top (i32.eqz (i32.and (local.get $i) (i32.const 3)))) (br $after)
          ) (br_if $done (i32.ge_u (local.get $i) (local.get $n))) (local.set $acc (i32.rotl (local.get $acc) (i32.const 12)))
          ) (br_if $done (i32.ge_u (local.get $i) (local.get $n))) (local.set $acc (i32.add (local.get $acc) (i32.const 15))) (br $after)
          ) (br_if $done (i32.ge_u (local.get $i) (local.get $n))) (local.set $acc (i32.xor (local.get $acc) (i32.mul (local.get $i) (i32.const 14)))) (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $top)
          ) (br_if $done (i32.ge_u (local.get $i) (local.get $n))) (br_if $after (i32.and (local.get $acc) (i32.const 1))) (local.set $acc (i32.add (local.get $acc) (i32.const 71)))
          ) (br_if $done (i32.ge_u (local.get $i) (local.get $n))) (local.set $acc (i32.mul (local.get $acc) (i32.const 3))) (local.set $t (i32.add (local.get $t) (local.get $acc))) (br $after)
          ) (br_if $done (i32.ge_u (local.get $i) (local.get $n))) (i32.store (i32.and (local.get $i) (i32.const 1020)) (local.get $acc)) (local.set $acc (i32.add (local.get $acc) (i32.load (i32.and (i32.mul (local.get $i) (i32.const 4)) (i32.const 1020))))) (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $top (i32.eqz (i32.and (local.get $i) (i32.const 3)))) (br $after)
          ) (br_if $done (i32.ge_u (local.get $i) (local.get $n))) (local.set $acc (i32.rotl (local.get $acc) (i32.const 18)))
          ) (br_if $done (i32.ge_u (local.get $i) (local.get $n))) (local.set $acc (i32.add (local.get $acc) (i32.const 21))) (br $after)
          ) (br_if $done (i32.ge_u (local.get $i) (local.get $n))) (local.set $acc (i32.xor (local.get $acc) (i32.mul (local.get $i) (i32.const 20)))) (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $top)
        )
        ;; tail of $after: straight code, then continue
        (local.set $acc (i32.add (local.get $acc) (local.get $t)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $top)
      )
    )
    (i32.add (local.get $acc) (i32.mul (local.get $t) (i32.const 31)))
  )
)
