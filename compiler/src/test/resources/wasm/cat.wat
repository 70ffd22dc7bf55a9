;; Prints the guest path of the first preopened directory (fd 3) on a line, then copies the file
;; "in.txt" from that directory to stdout. Exits with code 2 (proc_exit) if the file cannot be opened.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $fd_prestat_dir_name (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  ;; 0: iovec, 8: nread/nwritten, 12: opened fd, 16: prestat (tag, name length), 32: "\n",
  ;; 40: "in.txt", 256: dir name buffer, 1024: data buffer (4096 bytes)
  (data (i32.const 32) "\n")
  (data (i32.const 40) "in.txt")

  (func $write (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))

  (func $main (export "_start")
    (local $n i32)
    (if (call $fd_prestat_get (i32.const 3) (i32.const 16))
      (then (call $proc_exit (i32.const 2))))
    (drop (call $fd_prestat_dir_name (i32.const 3) (i32.const 256) (i32.load (i32.const 20))))
    (call $write (i32.const 256) (i32.load (i32.const 20)))
    (call $write (i32.const 32) (i32.const 1))
    ;; path_open(dirfd 3, follow symlinks, "in.txt", no oflags, rights fd_read, none inherited, no fdflags, -> 12)
    (if (call $path_open (i32.const 3) (i32.const 1) (i32.const 40) (i32.const 6) (i32.const 0)
                         (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 12))
      (then (call $proc_exit (i32.const 2))))
    (block $eof
      (loop $copy
        (i32.store (i32.const 0) (i32.const 1024))
        (i32.store (i32.const 4) (i32.const 4096))
        (br_if $eof (call $fd_read (i32.load (i32.const 12)) (i32.const 0) (i32.const 1) (i32.const 8)))
        (local.set $n (i32.load (i32.const 8)))
        (br_if $eof (i32.eqz (local.get $n)))
        (call $write (i32.const 1024) (local.get $n))
        (br $copy)))))
