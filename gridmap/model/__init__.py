"""The domain model: immutable records, the table registry, change sets."""
