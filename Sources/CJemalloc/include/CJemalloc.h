// Nothing to call: linking this target is what puts jemalloc and its settings in the program.
