;; The cpu kernel's block, in WebAssembly: count the primes in [start, start + span) by trial division.
;; The same loop as a plain JS function ran at two speeds on Node 24 (V8 picked one of two code paths per
;; process: 300 blocks took ~3.0 s in one process and ~4.5 s in the next); typed i32 code compiled by
;; V8's wasm tiers runs at one speed, the same on Node 20 and 24.
;; bin/gen-kernel.js turns this file into primes-wasm.ts; a unit test fails if the two differ.
(module
  ;; 1 for an odd n >= 3 with no odd divisor up to its square root
  (func $isOddPrime (param $n i32) (result i32)
    (local $d i32)
    (local.set $d (i32.const 3))
    (block $done
      (loop $next
        (br_if $done (i32.gt_u (i32.mul (local.get $d) (local.get $d)) (local.get $n)))
        (if (i32.eqz (i32.rem_u (local.get $n) (local.get $d)))
          (then (return (i32.const 0))))
        (local.set $d (i32.add (local.get $d) (i32.const 2)))
        (br $next)))
    (i32.const 1))

  (func (export "countPrimes") (param $start i32) (param $span i32) (result i32)
    (local $n i32) (local $end i32) (local $found i32)
    (local.set $n (local.get $start))
    (local.set $end (i32.add (local.get $start) (local.get $span)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $n) (local.get $end)))
        (if (i32.eq (local.get $n) (i32.const 2))
          (then (local.set $found (i32.add (local.get $found) (i32.const 1)))))
        (if (i32.and (i32.gt_u (local.get $n) (i32.const 2)) (i32.and (local.get $n) (i32.const 1)))
          (then (local.set $found (i32.add (local.get $found) (call $isOddPrime (local.get $n))))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $found)))
