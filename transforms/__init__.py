"""Pure transforms: HTML and text in, records and polars frames out.

Nothing in this package reads files, opens connections or imports Prefect; every function
is deterministic in its arguments, so the flows, the CLI, the benchmarks and the tests can
all call it the same way.
"""
