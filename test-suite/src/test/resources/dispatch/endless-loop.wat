;; An interpreter loop that never ends and whose arms all continue it straight (br $top): split, every
;; iteration is an arm running the loop's continuation and returning a code to the dispatcher, so only the
;; arms themselves can notice Thread.interrupt. The br_table never picks the last arm ($a16, the code after
;; the nest's outermost block, which runs outside the dispatcher); it is there because a switch nest needs 16
;; blocks (SplitPlan.MIN_NEST_DEPTH). Used by DispatchLoopTest; written by a few lines of Python.
(module
  (func $spin (export "spin") (result i32)
    (local $i i32) (local $acc i32)
    (loop $top
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (block $a16 (block $a15 (block $a14 (block $a13 (block $a12 (block $a11 (block $a10 (block $a9 (block $a8 (block $a7 (block $a6 (block $a5 (block $a4 (block $a3 (block $a2 (block $a1 (block $a0 
        (br_table $a0 $a1 $a2 $a3 $a4 $a5 $a6 $a7 $a8 $a9 $a10 $a11 $a12 $a13 $a14 $a15 $a0 (i32.rem_u (local.get $i) (i32.const 16)))
      ) (local.set $acc (i32.add (local.get $acc) (i32.const 1))) (br $top)
      ) (local.set $acc (i32.xor (local.get $acc) (local.get $i))) (br $top)
      ) (local.set $acc (i32.mul (local.get $acc) (i32.const 5))) (br $top)
      ) (local.set $acc (i32.add (local.get $acc) (i32.const 4))) (br $top)
      ) (local.set $acc (i32.xor (local.get $acc) (local.get $i))) (br $top)
      ) (local.set $acc (i32.mul (local.get $acc) (i32.const 5))) (br $top)
      ) (local.set $acc (i32.add (local.get $acc) (i32.const 7))) (br $top)
      ) (local.set $acc (i32.xor (local.get $acc) (local.get $i))) (br $top)
      ) (local.set $acc (i32.mul (local.get $acc) (i32.const 5))) (br $top)
      ) (local.set $acc (i32.add (local.get $acc) (i32.const 10))) (br $top)
      ) (local.set $acc (i32.xor (local.get $acc) (local.get $i))) (br $top)
      ) (local.set $acc (i32.mul (local.get $acc) (i32.const 5))) (br $top)
      ) (local.set $acc (i32.add (local.get $acc) (i32.const 13))) (br $top)
      ) (local.set $acc (i32.xor (local.get $acc) (local.get $i))) (br $top)
      ) (local.set $acc (i32.mul (local.get $acc) (i32.const 5))) (br $top)
      ) (local.set $acc (i32.add (local.get $acc) (i32.const 16))) (br $top)
      ) (local.set $acc (i32.xor (local.get $acc) (local.get $i))) (br $top)
    )
    (unreachable)
  )
)
