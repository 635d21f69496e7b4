"""Packaged knowledge base files (JSON); a package so that setuptools ships them."""
