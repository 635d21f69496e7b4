"""The service layer: one use case per action, each in its own module."""
