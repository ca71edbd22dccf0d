"""Test helpers: real servers on 127.0.0.1, in a thread (:mod:`.inproc`) or a subprocess (:mod:`.live`)."""
