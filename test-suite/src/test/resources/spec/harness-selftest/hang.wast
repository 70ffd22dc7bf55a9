;; Self-test of the spec harness (HarnessSelfTest): a start function that never returns
;; must time the script out, and the harness must stop the thread.
(module (func $forever (loop (br 0))) (func (export "f")) (start $forever))
(assert_return (invoke "f"))
