"""Prefect flows: thin wrappers that run :func:`wirehouse.runner.execute` as tasks."""
