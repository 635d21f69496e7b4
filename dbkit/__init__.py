"""Database primitives shared by every package: declarative base, UTC timestamps, engines, transactions.

It knows no table and imports nothing of Madoguchi, so capabilities (signing, faq) and the
core can all declare their tables on the one metadata without importing each other.
"""
