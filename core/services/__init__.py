"""The service layer: one function per use case, each one unit of work, shared by every channel."""
