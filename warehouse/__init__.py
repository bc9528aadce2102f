"""The DuckDB warehouse: schema, loading, models and audits."""
