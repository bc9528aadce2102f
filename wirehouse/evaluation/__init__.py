"""Quality measurement on the shared corpora and the project's own sample gold (`make eval`)."""
